"""Word files of conferences and directives: a directive's notice to its recipients."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import formats
from django.utils.translation import gettext as _

from cascade.core.documents import add_lines, is_chinese, new_document
from cascade.core.models import localized
from cascade.organization.models import Unit

from .models import Directive


def directive_notice(*, directive: Directive, recipients: Iterable[Unit]):
    """The notice of ``directive`` in the current language: who issues it, to whom, by when, what.

    ``recipients`` are the units named on it (those the reader may see).
    """
    title = localized(directive, "title")
    document = new_document(title=title)
    document.add_heading(title, level=0)
    add_lines(
        document,
        [
            (_("Issued by"), directive.issued_by),
            (_("Issued on"), formats.date_format(directive.issued_on)),
            (_("Deadline"), formats.date_format(directive.deadline)),
            (_("Conference"), directive.conference),
            (_("Arrangement"), localized(directive.arrangement, "theme") if directive.arrangement else ""),
            (_("Campaign"), directive.campaign),
            (_("Passed on from"), directive.parent),
        ],
    )
    names = [str(unit) for unit in recipients]
    document.add_heading(_("Recipients (%(count)s)") % {"count": len(names)}, level=1)
    document.add_paragraph(("、" if is_chinese() else "; ").join(names))
    text = localized(directive, "text")
    if text:
        document.add_heading(_("Text"), level=1)
        for paragraph in text.split("\n\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
    document.add_paragraph().add_run(
        _("Please acknowledge receipt and report progress in Cascade before %(deadline)s.")
        % {"deadline": formats.date_format(directive.deadline)}
    ).italic = True
    return document
