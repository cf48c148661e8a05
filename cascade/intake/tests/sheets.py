"""Real .xlsx files for the import tests, made with openpyxl."""

import io

from openpyxl import Workbook


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
