"""Campaign records over HTTP: scoped lists (query parameters = the FilterSets), details, the
records' writes through their edit forms, and the workflows (moving a rectification item,
claiming a topic, an attendance roster, evidence files)."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from cascade.core.api import Amount, Pagination, Versioned, record_routes, scoped_get, write_form
from cascade.core.forms import MAX_PK
from cascade.core.records import delete_record
from cascade.core.scopes import authorize, permission_for, person_of
from cascade.organization.models import Person

from . import domain, filters, forms
from .models import RectificationEvidence, RectificationItem, ResearchTopic, StudyActivity, StudyAttendance

router = Router(tags=["campaigns"])


class CampaignOut(Versioned):
    id: int
    slug: str
    title: str
    title_zh: str
    office_id: int
    start_date: date
    end_date: date | None


class StudyActivityOut(Versioned):
    id: int
    campaign_id: int | None
    unit_id: int
    kind: str
    title: str
    title_zh: str
    audience: str
    cohort: str
    cohort_number: int | None
    start_date: date | None
    end_date: date | None
    research_topic_id: int | None


class ResearchTopicOut(Versioned):
    id: int
    campaign_id: int | None
    unit_id: int
    title: str
    title_zh: str
    claimed_by_id: int | None
    work_area: str
    status: str


class SteeringGroupOut(Versioned):
    id: int
    campaign_id: int
    unit_id: int
    number: int
    name: str
    roving: bool
    sent_on: date | None


class RectificationItemOut(Versioned):
    id: int
    campaign_id: int | None
    unit_id: int
    owner_id: int | None
    problem: str
    source: str
    measures: str
    opened_on: date
    deadline: date | None
    status: str
    verified_by_id: int | None
    verified_at: datetime | None


class OutreachEventOut(Versioned):
    id: int
    campaign_id: int | None
    unit_id: int
    kind: str
    title: str
    start_date: date
    end_date: date | None
    place: str
    participants: int


class TransitionIn(Schema):
    to: str
    note: str = ""


record_routes(
    router, "campaigns", forms.CampaignForm, out=CampaignOut, filterset_class=filters.CampaignFilterSet
)
record_routes(router, "campaign-phases", forms.CampaignPhaseForm)
record_routes(router, "campaign-scopes", forms.CampaignScopeForm)
record_routes(
    router,
    "study-activities",
    forms.StudyActivityForm,
    out=StudyActivityOut,
    filterset_class=filters.StudyActivityFilterSet,
)
record_routes(router, "study-sessions", forms.StudySessionForm)
record_routes(
    router,
    "research-topics",
    forms.ResearchTopicForm,
    out=ResearchTopicOut,
    filterset_class=filters.ResearchTopicFilterSet,
)
record_routes(router, "adopted-measures", forms.AdoptedMeasureForm)
record_routes(router, "field-visits", forms.FieldVisitForm, filterset_class=filters.FieldVisitFilterSet)
record_routes(
    router,
    "steering-groups",
    forms.SteeringGroupForm,
    out=SteeringGroupOut,
    filterset_class=filters.SteeringGroupFilterSet,
)
record_routes(
    router,
    "supervision-visits",
    forms.SupervisionVisitForm,
    filterset_class=filters.SupervisionVisitFilterSet,
)
record_routes(router, "supervision-findings", forms.SupervisionFindingForm)
record_routes(
    router,
    "rectification-items",
    forms.RectificationItemForm,
    out=RectificationItemOut,
    filterset_class=filters.RectificationItemFilterSet,
)
record_routes(
    router,
    "outreach-events",
    forms.OutreachEventForm,
    out=OutreachEventOut,
    filterset_class=filters.OutreachEventFilterSet,
)


@router.post("/rectification-items/{pk}/transition", response=RectificationItemOut)
def transition_rectification_item(request: HttpRequest, pk: int, payload: TransitionIn):
    """Move an item through the workflow (404 out of scope; 403 without the move's permission:
    ``verify``, held from outside the unit, to verify or reopen; ``write`` for the rest)."""
    item = scoped_get(request, RectificationItem, pk)
    person = person_of(request.user)
    try:
        return domain.transition_rectification(
            item=item, to=payload.to, person=person, user=request.user, note=payload.note
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc


class ClaimIn(Schema):
    work_area: str = Field(
        "", max_length=300, description="The work in the claimant's charge the topic serves."
    )


@router.post("/research-topics/{pk}/claim", response=ResearchTopicOut)
def claim_research_topic(request: HttpRequest, pk: int, payload: ClaimIn):
    """The caller, a member of the topic's unit's leadership team, takes the topic on."""
    topic = scoped_get(request, ResearchTopic, pk)
    try:
        return domain.claim_topic(
            topic=topic,
            person=person_of(request.user),
            work_area=payload.work_area.strip(),
            user=request.user,
        )
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc


class AttendanceIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_PK)
    hours: Decimal = Field(..., ge=0, le=domain.MAX_ATTENDANCE_HOURS, max_digits=6, decimal_places=2)


class RosterIn(Schema):
    present: list[AttendanceIn] = Field(
        ..., max_length=10_000, description="Everyone present, with their hours; the rest are absent."
    )


class AttendanceOut(Schema):
    person_id: int
    person: str
    hours: Amount

    @staticmethod
    def resolve_person(obj) -> str:
        return obj.person.name


@router.get("/study-activities/{pk}/attendance", response=list[AttendanceOut])
def get_attendance(request: HttpRequest, pk: int):
    """Who attended a study activity, for how many hours."""
    activity = scoped_get(request, StudyActivity, pk)
    return StudyAttendance.objects.filter(activity=activity).select_related("person").order_by("person__name")


@router.put("/study-activities/{pk}/attendance", response=list[AttendanceOut])
def record_study_attendance(request: HttpRequest, pk: int, payload: RosterIn):
    """The activity's whole roster at once: the people named were present for their hours, everyone
    else absent. People are named by id among those the caller may read."""
    activity = scoped_get(request, StudyActivity, pk)
    wanted = [row.person_id for row in payload.present]
    people = {p.pk: p for p in Person.objects.restrict(request.user, "read").filter(pk__in=wanted)}
    unknown = sorted({pk for pk in wanted if pk not in people})
    if unknown:
        raise HttpError(422, _("No such people: %(ids)s.") % {"ids": ", ".join(map(str, unknown))})
    if len(set(wanted)) != len(wanted):
        raise HttpError(422, _("Each person may be named once."))
    present = {people[row.person_id]: row.hours for row in payload.present}
    try:
        domain.record_attendance(activity=activity, present=present, user=request.user)
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return get_attendance(request, pk)


class EvidenceOut(Schema):
    id: int
    item_id: int
    file: str
    description: str
    uploaded_at: datetime

    @staticmethod
    def resolve_file(obj) -> str:
        return obj.file.name.rsplit("/", 1)[-1]


@router.get(
    "/rectification-items/{pk}/evidence", response=list[EvidenceOut], url_name="list_rectification_evidence"
)
@paginate(Pagination)
def list_evidence(request: HttpRequest, pk: int):
    item = scoped_get(request, RectificationItem, pk)
    return RectificationEvidence.objects.restrict(request.user, "read").filter(item=item)


@router.post(
    "/rectification-items/{pk}/evidence", response={201: EvidenceOut}, url_name="add_rectification_evidence"
)
def add_evidence(request: HttpRequest, pk: int, file: File[UploadedFile], description: Form[str] = ""):
    """A file showing what was done about an item (multipart: ``file`` and ``description``):
    pdf, Office documents, images or text, 10 MB at most."""
    item = scoped_get(request, RectificationItem, pk)
    authorize(request.user, permission_for(RectificationEvidence, "write"), item)
    form = forms.RectificationEvidenceForm(
        {"item": item.pk, "description": description},
        {"file": file},
        instance=RectificationEvidence(),
        user=request.user,
    )
    return Status(201, write_form(form))


@router.delete("/evidence/{pk}", response={204: None}, url_name="delete_rectification_evidence")
def delete_evidence(request: HttpRequest, pk: int):
    delete_record(user=request.user, instance=scoped_get(request, RectificationEvidence, pk))
    return Status(204, None)
