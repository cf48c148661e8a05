"""Word and Excel files of campaign work: the rectification ledger (整改台账) of a part of the tree."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cascade.core.documents import add_table, new_document

from .models import RectificationItem


def ledger_headers() -> list[str]:
    return [
        _("No."),
        _("Unit"),
        _("Problem"),
        _("Source"),
        _("Owner"),
        _("Measures"),
        _("Opened on"),
        _("Deadline"),
        _("Status"),
        _("Verified on"),
    ]


def ledger_rows(items: Iterable[RectificationItem]) -> list[list]:
    """One row per item, numbered, in the order given; dates as the reader's language writes them."""

    def day(value):
        return formats.date_format(value) if value else ""

    return [
        [
            number,
            str(item.unit),
            str(item),
            item.get_source_display(),
            str(item.owner) if item.owner else "",
            item.measures,
            day(item.opened_on),
            day(item.deadline),
            item.get_status_display(),
            day(timezone.localtime(item.verified_at).date()) if item.verified_at else "",
        ]
        for number, item in enumerate(items, start=1)
    ]


def ledger_title(unit) -> str:
    return _("Rectification ledger: %(unit)s") % {"unit": unit} if unit else _("Rectification ledger")


def ledger_subtitle(rows: list[list]) -> str:
    return _("%(count)s items, as of %(day)s") % {
        "count": len(rows),
        "day": formats.date_format(timezone.localdate()),
    }


def ledger_docx(*, unit, rows: list[list]):
    """The ledger as a Word document (landscape: the table is wide)."""
    from docx.enum.section import WD_ORIENT

    title = ledger_title(unit)
    document = new_document(title=title)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(title, level=0)
    document.add_paragraph(ledger_subtitle(rows))
    add_table(document, ledger_headers(), rows)
    return document
