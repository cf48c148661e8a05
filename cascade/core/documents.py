"""Word files the offices send: a document in the reader's language, its headings, lines and
tables, and the HTTP response that hands it over. Built with python-docx.

Every builder of a Cascade document (a directive notice, a rectification ledger, a sign-in
sheet, a briefing) starts from ``new_document`` and ends with ``docx_response`` (or
``to_bytes``), so that fonts, properties and file names are the same everywhere.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import translation

from .exports import FORMATS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def is_chinese(language: str | None = None) -> bool:
    return (language or translation.get_language() or "en").lower().startswith("zh")


def new_document(*, title: str, language: str | None = None):
    """An empty Word document titled ``title``; Chinese text set in SimSun when the language is Chinese."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    chinese = is_chinese(language)
    if chinese:
        fonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), "SimSun")
    document.core_properties.title = title
    document.core_properties.language = "zh-CN" if chinese else "en"
    return document


def add_lines(document, lines: Iterable[tuple[str, Any]]) -> None:
    """``label: value`` lines (the label in bold); empty values are left out."""
    for label, value in lines:
        if value in (None, ""):
            continue
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(str(value))


def add_table(document, headers: Sequence[str], rows: Iterable[Sequence[Any]]):
    """A bordered table with a bold header row."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(header)).bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    return table


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def file_name(*parts: Any, extension: str) -> str:
    """A file name from ``parts`` that every system accepts (letters, digits, Chinese, dashes)."""
    stem = "-".join(re.sub(r"[^\w\u4e00-\u9fff]+", "-", str(p)).strip("-") for p in parts if str(p))
    return f"{stem[:120] or 'document'}.{extension}"


def attachment(content: bytes, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # RFC 6266: an ASCII fallback, and the real name (Chinese included) encoded.
    from urllib.parse import quote

    fallback = name.encode("ascii", "ignore").decode() or "document"
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return response


def docx_response(document, *, name: str) -> HttpResponse:
    return attachment(to_bytes(document), name=name, content_type=DOCX)


XLSX = FORMATS["xlsx"]


def ledger_xlsx(*, title: str, subtitle: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A one-sheet workbook: the title and subtitle above a table with a bold, frozen header."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", "-", title)[:31] or "Sheet"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([subtitle])
    sheet.append([])
    sheet.append(list(headers))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A5"
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = ["" if v is None else v for v in row]
        sheet.append(values)
        widths = [max(w, min(len(str(v)), 60)) for w, v in zip(widths, values, strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sign_in_sheet_docx(*, title: str, subtitle: str, groups: Iterable[dict[str, Any]]):
    """A printable sign-in sheet: per group (an attendee category), a numbered table of the
    people expected with their post, the time they checked in, and room to sign."""
    from django.utils.translation import gettext as _

    document = new_document(title=title)
    document.add_heading(title, level=0)
    if subtitle:
        document.add_paragraph(subtitle)
    headers = [_("No."), _("Name"), _("Post"), _("Checked in"), _("Signature")]
    for group in groups:
        if group["title"]:
            document.add_heading(group["title"], level=1)
        add_table(
            document,
            headers,
            [
                [n, row["name"], row["post"], row["at"].strftime("%H:%M") if row["at"] else "", ""]
                for n, row in enumerate(group["rows"], start=1)
            ],
        )
    return document
