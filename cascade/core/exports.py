"""Exports of record lists as .xlsx or .csv: the list's own columns, the record id first."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook

from .tables import Table

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
MAX_ROWS = 200_000


def _plain(value: Any) -> Any:
    """A cell value a spreadsheet understands: numbers and dates as such, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool | int | float | Decimal | date):
        return value
    return str(value)


def rows(table_class: type[Table], queryset: models.QuerySet):
    """The header row, then one row per record: id, then the table's columns."""
    table = table_class(table_class.queryset(queryset)[:MAX_ROWS].iterator(chunk_size=2000))
    yield [gettext("ID"), *table.headers()]
    for obj in table.object_list:
        yield [obj.pk, *(_plain(table.cell(obj, column)) for column in table.columns)]


def export(table_class: type[Table], queryset: models.QuerySet, fmt: str) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows(table_class, queryset):
            writer.writerow(row)
        # A byte-order mark, so that spreadsheet programs read the Chinese text as UTF-8.
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(table_class.model._meta.verbose_name_plural)[:31])
    for row in rows(table_class, queryset):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
