"""Narrative reports over HTTP: the scoped list (query parameters = the FilterSet) and details,
the figures read from a report (read, decide), and their reconciliation with the records.

Out of scope answers 404; changing figures without ``intake.report:write`` answers 403.
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from cascade.core.api import Pagination, body_schema, form_data, scoped_get, scoped_list, write_form
from cascade.organization.models import Unit

from . import domain, filters
from .choices import ReportStatus
from .forms import NarrativeReportForm, writable_units
from .models import ExtractedFact, NarrativeReport

router = Router(tags=["intake"])


class NarrativeReportOut(Schema):
    id: int
    unit_id: int
    campaign_id: int | None
    title: str
    period_start: date
    period_end: date
    dated: date | None
    language: str
    status: str
    attachment: str
    created_at: datetime

    @staticmethod
    def resolve_attachment(obj) -> str:
        return obj.attachment.name or ""


class NarrativeReportDetailOut(NarrativeReportOut):
    text: str


@router.get("/reports", response=list[NarrativeReportOut])
@paginate(Pagination)
def list_reports(request: HttpRequest):
    return scoped_list(request, NarrativeReport, filters.NarrativeReportFilterSet)


@router.get("/reports/{pk}", response=NarrativeReportDetailOut)
def get_report(request: HttpRequest, pk: int):
    return scoped_get(request, NarrativeReport, pk)


NarrativeReportIn = body_schema(NarrativeReportForm, name="NarrativeReportIn")


@router.post("/reports", response={201: NarrativeReportDetailOut})
def submit_report(
    request: HttpRequest,
    payload: Form[NarrativeReportIn],  # type: ignore[valid-type]
    file: File[UploadedFile] = None,
):
    """Submit a unit's narrative report (multipart): its ``text``, or a .txt or .docx ``file``
    of at most 5 MB; the unit by id, name or short name, the campaign by its slug."""
    if not writable_units(request.user).exists():
        raise PermissionDenied(gettext("You may not submit narrative reports for any unit."))
    files = {"file": file} if file is not None else {}
    form = NarrativeReportForm(form_data(payload, NarrativeReportForm), files, user=request.user)
    return Status(201, write_form(form, form.save))


class ExtractedFactOut(Schema):
    id: int
    report_id: int
    unit_id: int | None
    unit_text: str
    kind: str
    measure: str
    value: Decimal
    qualifier: str
    text: str
    start: int
    end: int
    status: str
    decided_by_id: int | None
    decided_at: datetime | None


class DecisionIn(Schema):
    accept: bool
    unit: int | None = None
    value: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)


class ReconciledOut(Schema):
    unit_id: int
    unit: str
    kind: str
    measure: str
    reported: Decimal
    qualifier: str
    recorded: float | None
    agrees: bool | None
    fact_ids: list[int]


@router.get("/reports/{pk}/facts", response=list[ExtractedFactOut])
@paginate(Pagination)
def list_report_facts(request: HttpRequest, pk: int):
    """The figures read from a report, in the order of the text, a page at a time."""
    report = scoped_get(request, NarrativeReport, pk)
    return list(report.facts.restrict(request.user, "read"))


@router.post("/reports/{pk}/extract", response=list[ExtractedFactOut])
def extract_report_facts(request: HttpRequest, pk: int):
    """Read the report's figures anew (undecided facts are replaced); returns all its facts."""
    report = scoped_get(request, NarrativeReport, pk)
    if not report.text.strip():
        raise HttpError(422, "The report has no text to read figures from.")
    if report.status == ReportStatus.EXTRACTING:
        raise HttpError(409, _("The figures of this report are being read already."))
    domain.extract_report(report=report, user=request.user)
    return list(report.facts.all())


@router.post("/facts/{pk}/decide", response=ExtractedFactOut)
def decide_extracted_fact(request: HttpRequest, pk: int, payload: DecisionIn):
    """Accept (optionally with a corrected unit id or value) or reject one fact."""
    fact = scoped_get(request, ExtractedFact, pk)
    unit = None
    if payload.accept and payload.unit is not None:
        unit = Unit.objects.restrict(request.user, "read").filter(pk=payload.unit).first()
        if unit is None:
            raise HttpError(422, f"No unit you can see has the id {payload.unit}.")
    try:
        fact = domain.decide_fact(
            fact=fact,
            accept=payload.accept,
            user=request.user,
            unit=unit,
            value=payload.value if payload.accept else None,
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc
    fact.refresh_from_db()
    return fact


@router.get("/reports/{pk}/reconcile", response=list[ReconciledOut])
def reconcile_report(request: HttpRequest, pk: int):
    """The report's accepted figures against the records (counted within what the user may read)."""
    report = scoped_get(request, NarrativeReport, pk)
    return [
        {
            "unit_id": row.unit.pk,
            "unit": str(row.unit),
            "kind": row.kind,
            "measure": row.measure,
            "reported": row.reported,
            "qualifier": row.qualifier,
            "recorded": row.recorded,
            "agrees": row.agrees,
            "fact_ids": list(row.fact_ids),
        }
        for row in domain.reconcile(report=report, user=request.user)
    ]
