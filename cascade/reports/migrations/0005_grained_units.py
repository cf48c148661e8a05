"""Months and days are kept only for large subtrees (``GrainedUnit``).

Figures summed before are summed anew: with the summed tree emptied, the next read or drain
rebuilds them (``engine.drain.ensure_current``).
"""

from django.db import migrations, models


def sum_anew(apps, schema_editor):
    apps.get_model("reports", "UnitAncestor").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_briefing_files"),
    ]

    operations = [
        migrations.CreateModel(
            name="GrainedUnit",
            fields=[
                ("unit_id", models.BigIntegerField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "unit summed by period",
                "verbose_name_plural": "units summed by period",
            },
        ),
        migrations.RunPython(sum_anew, migrations.RunPython.noop),
    ]
