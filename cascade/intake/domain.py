"""Business logic for what units send in: reading a file's text, submitting a narrative report.

A submission is one transaction: the report row, its stored file and the audit entry are
all kept, or none of them (a stored file is removed again if the rows fail).
"""

from __future__ import annotations

import io
import os
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cascade.access.audit import log_action, snapshot
from cascade.campaigns.models import Campaign
from cascade.organization.models import Unit

from .models import NarrativeReport


def docx_text(data: bytes) -> str:
    """The text of a Word document: its paragraphs, then its tables' cells, one row per line."""
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines).strip()


def submit_narrative_report(
    *,
    unit: Unit,
    title: str,
    period_start: date,
    period_end: date,
    text: str,
    language: str,
    campaign: Campaign | None = None,
    dated: date | None = None,
    upload: UploadedFile | None = None,
    user=None,
) -> NarrativeReport:
    """Store a unit's report (``text`` is the typed text or the text read from ``upload``)."""
    report = NarrativeReport(
        unit=unit,
        campaign=campaign,
        title=title,
        period_start=period_start,
        period_end=period_end,
        dated=dated,
        language=language,
        text=text.strip(),
        submitted_by=user if getattr(user, "is_authenticated", False) else None,
    )
    stored = None
    try:
        with transaction.atomic():
            if upload is not None:
                report.attachment.save(os.path.basename(upload.name), upload, save=False)
                stored = report.attachment.name
            report.full_clean()
            report.save()
            log_action("narrative_report.submitted", obj=report, user=user, after=snapshot(report))
    except Exception:
        if stored:
            report.attachment.storage.delete(stored)
        raise
    return report
