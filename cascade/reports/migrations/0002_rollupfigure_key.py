"""The unique key of the rollup figures, made for each database (see ``RollupFigure``)."""

from django.db import migrations


def create(apps, schema_editor):
    from cascade.reports.engine.sql import key_index

    schema_editor.execute(key_index(schema_editor.connection.vendor))


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS rollupfigure_key")


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
