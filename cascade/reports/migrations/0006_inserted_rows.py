"""An inserted row is noted with its table and id, so that the drain adds its figures
instead of recounting its unit's (``cascade.reports.engine``): the triggers are made anew."""

from django.db import migrations, models


def install(apps, schema_editor):
    from cascade.reports.engine import triggers

    triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_grained_units"),
    ]

    operations = [
        migrations.AddField(
            model_name="pendingchange",
            name="source",
            field=models.CharField(max_length=64, null=True, verbose_name="table"),
        ),
        migrations.AddField(
            model_name="pendingchange",
            name="row_id",
            field=models.BigIntegerField(null=True, verbose_name="row"),
        ),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
