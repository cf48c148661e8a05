"""Real .xlsx files for the import tests, made with openpyxl, and an import run over one."""

import io

from openpyxl import Workbook

from cascade.intake import imports
from cascade.intake.spreadsheets import read_table


def workbook(*rows, title: str = "Sheet") -> bytes:
    """A one-sheet workbook holding ``rows`` (the header first)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(kind: str, data: bytes, user, *, commit: bool = True) -> imports.ImportResult:
    """Check (or import, ``commit``) the workbook ``data`` as ``kind`` for ``user``."""
    chosen = imports.kind_for(kind)
    table = read_table(data, file_name="rows.xlsx", accept=imports.accepts(chosen, user=user))
    return imports.run_import(kind=chosen, table=table, user=user, commit=commit)


def outcomes(result: imports.ImportResult) -> list[tuple[int, str, list[str]]]:
    """Each row's number, outcome and errors."""
    return [(r.number, r.outcome, r.errors) for r in result.rows]
