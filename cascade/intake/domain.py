"""Business logic for what units send in: reading a file's text, submitting a narrative report.

A submission is one transaction: the report row, its stored file and the audit entry are
all kept, or none of them (a stored file is removed again if the rows fail).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cascade.campaigns.models import Campaign
from cascade.core.audit import explicit, log_action, snapshot
from cascade.core.records import save_record
from cascade.core.scopes import authorize, can
from cascade.organization.models import Unit, subtree_q
from cascade.reports.domain import Period, rollup

from .choices import FactStatus, ReportStatus
from .extraction import extract
from .models import ExtractedFact, NarrativeReport

WRITE = "intake.report:write"


# A report is a few pages: more text than this is a mistake (or an attack), and the reader
# would spend minutes and hundreds of thousands of facts on it.
MAX_REPORT_CHARS = 300_000
# The most figures one report gives (the first, in the order of the text): a reader checks
# them one by one.
MAX_FACTS_PER_REPORT = 5_000
# A Word file is a zip: what its parts expand to, at most (a small file can expand to gigabytes).
MAX_DOCX_EXPANDED_BYTES = 25 * 1024 * 1024
# A report longer than this has its figures read by the task worker while its page follows the
# work: reading 300,000 characters takes about 4 s, 50,000 well under one, less than the
# worker would add by picking the task up.
EXTRACT_IN_BACKGROUND_CHARS = 50_000


def check_report_text(text: str) -> str:
    """``text`` if a report may hold it; else ``ValidationError`` in the user's language."""
    if "\x00" in text:
        raise ValidationError(
            _("The text contains NUL characters, which a report cannot hold; save it as plain text."),
            code="nul",
        )
    if len(text) > MAX_REPORT_CHARS:
        raise ValidationError(
            _("The text has %(count)s characters; a report holds at most %(limit)s.")
            % {"count": f"{len(text):,}", "limit": f"{MAX_REPORT_CHARS:,}"},
            code="too_long",
        )
    return text


def docx_text(data: bytes) -> str:
    """The text of a Word document: its paragraphs, then its tables' cells, one row per line.

    Refuses (``ValidationError``) a file whose parts expand past ``MAX_DOCX_EXPANDED_BYTES``
    before reading any of it."""
    import zipfile

    import docx

    try:
        expanded = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile:
        expanded = 0  # not a zip: python-docx says so below
    if expanded > MAX_DOCX_EXPANDED_BYTES:
        raise ValidationError(
            _("The Word file expands to %(size)s MB; at most %(limit)s MB can be read.")
            % {"size": expanded // (1024 * 1024), "limit": MAX_DOCX_EXPANDED_BYTES // (1024 * 1024)},
            code="expanded",
        )
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
    user,
) -> NarrativeReport:
    """Store a unit's report (``text`` is the typed text or the text read from ``upload``)."""
    authorize(user, WRITE, unit)
    check_report_text(text)
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
        with transaction.atomic(), explicit():
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


def _match_unit(name: str | None, near: Unit) -> Unit | None:
    """The unit a fact names: preferably within the reporting unit's subtree, else anywhere."""
    if not name:
        return None
    candidates = Unit.objects.filter(Q(name=name) | Q(short_name=name) | Q(name_zh=name))
    return candidates.filter(subtree_q(near.path)).first() or candidates.first()


def extract_report(*, report: NarrativeReport, user) -> list[ExtractedFact]:
    """Read the report's figures into facts to be checked; facts not yet decided are read anew."""
    authorize(user, WRITE, report)
    result = extract(report.text, lang=report.language if report.language in {"en", "zh"} else "auto")
    with transaction.atomic(), explicit():
        report.facts.filter(status=FactStatus.PENDING).delete()
        decided = set(
            report.facts.exclude(status=FactStatus.PENDING).values_list("start", "end", "kind", "measure")
        )
        facts = [
            ExtractedFact(
                report=report,
                unit=_match_unit(f.unit, report.unit),
                unit_text=f.unit or "",
                kind=f.kind,
                measure=f.measure,
                value=Decimal(str(f.value)),
                qualifier=f.qualifier or "",
                text=f.text[:500],
                start=f.start,
                end=f.end,
            )
            for f in result.facts[:MAX_FACTS_PER_REPORT]
            if (f.start, f.end, f.kind, f.measure) not in decided
        ]
        ExtractedFact.objects.bulk_create(facts)
        report.status = ReportStatus.EXTRACTED
        report.save(update_fields=["status", "updated_at"])
        log_action("narrative_report.extracted", obj=report, user=user, data={"facts": len(facts)})
    return facts


def read_figures(*, report: NarrativeReport, user) -> list[ExtractedFact] | None:
    """Read the report's figures for ``user``: at once (answers the new facts), or for a report
    over ``EXTRACT_IN_BACKGROUND_CHARS`` characters in the background (answers None; the
    report is ``extracting`` until the worker is done, ``extract_queued``).

    Refuses (``ValidationError``) while the report's figures are being read already.
    """
    authorize(user, WRITE, report)
    if report.status == ReportStatus.EXTRACTING:
        raise ValidationError(_("The figures of this report are being read already."), code="busy")
    if len(report.text) <= EXTRACT_IN_BACKGROUND_CHARS:
        return extract_report(report=report, user=user)
    with transaction.atomic(), explicit():
        stored = NarrativeReport.objects.select_for_update().get(pk=report.pk)
        if stored.status == ReportStatus.EXTRACTING:
            raise ValidationError(_("The figures of this report are being read already."), code="busy")
        previous = stored.status
        stored.status = report.status = ReportStatus.EXTRACTING
        stored.save(update_fields=["status", "updated_at"])
        log_action(
            "narrative_report.extraction_queued", obj=stored, user=user, data={"characters": len(stored.text)}
        )
    cache.delete(extraction_failed_key(report.pk))
    from .tasks import extract_figures

    transaction.on_commit(lambda: extract_figures.enqueue(report.pk, user.pk, previous))
    return None


def extraction_failed_key(report_id: int) -> str:
    return f"cascade.intake.extraction-failed.{report_id}"


def extraction_failed(report: NarrativeReport) -> bool:
    """Whether the last background reading of the report's figures failed (for an hour)."""
    return bool(cache.get(extraction_failed_key(report.pk)))


def extract_queued(report_id: int, user_id: int, previous: str) -> int:
    """The worker's part of ``read_figures``: read the figures as the user who asked; the number
    of new facts. Should that fail (the user may no longer write reports there, the server
    erred), the report goes back to ``previous`` and its page says so; the error goes on to
    the task's result and the log."""
    report = NarrativeReport.objects.get(pk=report_id)
    try:
        user = get_user_model().objects.get(pk=user_id)
        return len(extract_report(report=report, user=user))
    except Exception:
        NarrativeReport.objects.filter(pk=report_id, status=ReportStatus.EXTRACTING).update(status=previous)
        cache.set(extraction_failed_key(report_id), True, 3600)
        raise


def decide_fact(
    *,
    fact: ExtractedFact,
    accept: bool,
    user,
    unit: Unit | None = None,
    value: Decimal | None = None,
) -> ExtractedFact:
    """Accept (optionally correcting the unit or value) or reject one fact; the decision is audited."""
    with transaction.atomic(), explicit():
        fact = ExtractedFact.objects.select_for_update().select_related("report__unit").get(pk=fact.pk)
        authorize(user, WRITE, fact)
        before = snapshot(fact)
        if accept:
            if unit is not None:
                fact.unit = unit
            if value is not None:
                fact.value = value
        fact.status = FactStatus.ACCEPTED if accept else FactStatus.REJECTED
        fact.decided_by = user if getattr(user, "is_authenticated", False) else None
        fact.decided_at = timezone.now()
        fact.full_clean()
        fact.save()
        log_action(
            f"extracted_fact.{fact.status}",
            obj=fact,
            user=user,
            unit=fact.report.unit,
            before=before,
            after=snapshot(fact),
        )
    return fact


@dataclass(frozen=True)
class Reconciled:
    unit: Unit
    kind: str
    measure: str
    reported: Decimal
    qualifier: str
    recorded: int | float | None
    fact_ids: tuple[int, ...]

    @property
    def agrees(self) -> bool | None:
        """Whether the records bear the figure out; None when the figure is per record ("each")."""
        if self.recorded is None:
            return None
        recorded = Decimal(str(self.recorded))
        if self.qualifier in {"more than", "at least"}:
            return recorded >= self.reported
        if self.qualifier in {"nearly", "about"}:
            return abs(recorded - self.reported) <= max(Decimal(1), self.reported / 10)
        return recorded == self.reported


def reconcile(*, report: NarrativeReport, user) -> list[Reconciled]:
    """Reported against recorded, per unit and kind, for the report's accepted facts.

    Recorded figures are the unit's whole subtree for the report's campaign and period
    (``rollup``), counted within what ``user`` may read.
    """
    grouped: dict[tuple[int, str, str, str], list[ExtractedFact]] = {}
    for fact in report.facts.filter(status=FactStatus.ACCEPTED, unit__isnull=False).select_related("unit"):
        grouped.setdefault((fact.unit_id, fact.kind, fact.measure, fact.qualifier), []).append(fact)
    period = Period(report.period_start, report.period_end)
    totals: dict[int, dict] = {}
    rows = []
    for (unit_id, kind, measure, qualifier), facts in sorted(
        grouped.items(), key=lambda item: item[1][0].start
    ):
        unit = facts[0].unit
        if unit_id not in totals:
            totals[unit_id] = rollup(
                unit=unit, campaign=report.campaign, period=period, children=False, user=user
            ).totals
        recorded = None if qualifier == "each" else totals[unit_id].get(kind, {}).get(measure)
        rows.append(
            Reconciled(
                unit=unit,
                kind=kind,
                measure=measure,
                reported=sum((f.value for f in facts), Decimal(0)),
                qualifier=qualifier,
                recorded=recorded,
                fact_ids=tuple(f.pk for f in facts),
            )
        )
    return rows


# --- Records from accepted figures ------------------------------------------------------------

# The (kind, measure) figures that are plain counts of rows, and how to make one missing row:
# the model, its write permission, and the fields that place it in the count.
_SIMPLE_RECORDS: dict[tuple[str, str], tuple[str, str, dict]] = {
    ("reading_class", "records"): ("campaigns.StudyActivity", "campaign.study", {"kind": "reading_class"}),
    ("reading_class", "rounds"): (
        "campaigns.StudyActivity",
        "campaign.study",
        {"kind": "reading_class", "cohort": "round"},
    ),
    ("reading_class", "batches"): (
        "campaigns.StudyActivity",
        "campaign.study",
        {"kind": "reading_class", "cohort": "batch"},
    ),
    ("lecture", "records"): ("campaigns.StudyActivity", "campaign.study", {"kind": "lecture"}),
    ("seminar", "records"): ("campaigns.StudyActivity", "campaign.study", {"kind": "seminar"}),
    ("collective_study", "records"): (
        "campaigns.StudyActivity",
        "campaign.study",
        {"kind": "collective_study"},
    ),
    ("research_topic", "records"): ("campaigns.ResearchTopic", "campaign.research", {}),
    ("field_visit", "records"): ("campaigns.FieldVisit", "campaign.research", {}),
    ("outreach_event", "records"): ("campaigns.OutreachEvent", "campaign.outreach", {"kind": "forum"}),
}


def makes_records(kind: str, measure: str) -> bool:
    """Whether a figure of ``kind``/``measure`` is a count of rows that can be created from it."""
    return (kind, measure) in _SIMPLE_RECORDS


def missing_count(row: Reconciled) -> int:
    """How many rows the records lack to bear out the reported figure (0 when they agree)."""
    if row.recorded is None or row.agrees is not False:
        return 0
    from decimal import ROUND_CEILING

    wanted = int(row.reported.to_integral_value(rounding=ROUND_CEILING))
    return max(0, wanted - int(row.recorded))


def by_hand(rows: list[Reconciled]) -> list[Reconciled]:
    """The differing or per-record figures ``create_missing_records`` cannot turn into rows."""
    return [
        r for r in rows if r.agrees is None or (r.agrees is False and not makes_records(r.kind, r.measure))
    ]


def _record_date(report: NarrativeReport) -> date:
    if report.dated and report.period_start <= report.dated <= report.period_end:
        return report.dated
    return report.period_end


def create_missing_records(*, report: NarrativeReport, user) -> int:
    """Create the rows the records lack for the report's accepted figures that are simple counts.

    Only figures that differ because fewer rows are recorded than reported are acted on, for
    units ``user`` may write the records of. Every row says it comes from the report; all rows
    and their audit entries are kept, or none. Returns how many rows were created.
    """
    from django.apps import apps
    from django.utils.translation import gettext

    created = 0
    stamp = gettext("from report «%(title)s»") % {"title": report.title}
    when = _record_date(report)
    authorize(user, WRITE, report)
    with transaction.atomic(), explicit():
        for row in reconcile(report=report, user=user):
            if not makes_records(row.kind, row.measure):
                continue
            missing = missing_count(row)
            if missing <= 0:
                continue
            label, permission, fields = _SIMPLE_RECORDS[(row.kind, row.measure)]
            if not can(user, f"{permission}:write", row.unit):
                continue
            model = apps.get_model(label)
            fact = ExtractedFact.objects.get(pk=row.fact_ids[0])
            recorded = int(row.recorded or 0)
            for number in range(recorded + 1, recorded + missing + 1):
                title = f"{fact.text} — {number} ({stamp})"[:300]
                values = {"campaign": report.campaign, "unit": row.unit, **fields}
                if label == "campaigns.StudyActivity":
                    values.update(title=title, start_date=when, end_date=when)
                    if fields.get("cohort"):
                        values["cohort_number"] = number
                elif label == "campaigns.ResearchTopic":
                    values.update(title=title, started_on=when)
                elif label == "campaigns.FieldVisit":
                    values.update(visited=title, date=when, findings=stamp)
                else:
                    values.update(title=title, start_date=when, description=stamp)
                save_record(
                    user=user,
                    instance=model(**values),
                    action=f"{model._meta.model_name}.created_from_report",
                    data={"report": report.pk, "facts": list(row.fact_ids)},
                )
                created += 1
        if created:
            log_action("narrative_report.records_created", obj=report, user=user, data={"created": created})
    return created
