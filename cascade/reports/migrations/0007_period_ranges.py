"""The subtree figures' key puts the bucket before the campaign and series, so that a period's
months or days are one range of it (``cascade.reports.engine.read``)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_inserted_rows"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="rollupfigure", name="rollupfigure_key"),
        migrations.AddConstraint(
            model_name="rollupfigure",
            constraint=models.UniqueConstraint(
                fields=("unit_id", "grain", "due", "bucket", "ckey", "series"), name="rollupfigure_key"
            ),
        ),
    ]
