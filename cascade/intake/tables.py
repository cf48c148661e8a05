"""Columns of the narrative report list (pages and exports)."""

from cascade.core.tables import Column, Table

from .models import NarrativeReport


class NarrativeReportTable(Table):
    model = NarrativeReport
    columns = (
        Column("title", link=True),
        Column("unit"),
        Column("campaign"),
        Column("period_start"),
        Column("period_end"),
        Column("language"),
        Column("status"),
    )
    select_related = ("unit", "campaign")
