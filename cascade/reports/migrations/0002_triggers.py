"""The triggers that keep the figures current (``cascade.reports.engine.triggers``).

They are generated from the families of figures; a change to the families needs a new
migration like this one, which drops and recreates them all.
"""

from django.db import migrations


def install(apps, schema_editor):
    from cascade.reports.engine import triggers

    triggers.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from cascade.reports.engine import triggers

    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("organization", "0001_initial"),
        ("campaigns", "0001_initial"),
        ("conferences", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
