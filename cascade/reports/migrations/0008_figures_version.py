"""The figures' version beside the lateness day: a read is kept while it is current
(``cascade.reports.engine.read``)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_period_ranges"),
    ]

    operations = [
        migrations.AddField(
            model_name="latenessday",
            name="version",
            field=models.CharField(blank=True, default="", max_length=32),
        ),
    ]
