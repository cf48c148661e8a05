"""Conferences and directives over HTTP: scoped lists and details, and a recipient's answers.

Answers need their permission over the recipient unit (``domain.DELIVERY_PERMISSIONS``): a
delivery out of the caller's scope answers 404, one they may read but not answer 403, and
what the domain refuses 422 with the reason.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from cascade.core.api import (
    Pagination,
    Versioned,
    body_schema,
    form_data,
    record_routes,
    scoped_get,
    scoped_list,
    write_form,
)
from cascade.core.forms import MAX_PK
from cascade.core.scopes import authorize
from cascade.organization.models import Unit

from . import domain, filters, forms
from .models import Arrangement, Conference, Directive, DirectiveRecipient

router = Router(tags=["conferences"])


class ConferenceOut(Versioned):
    id: int
    slug: str
    title: str
    title_zh: str
    start_date: date
    end_date: date
    venue: str
    venue_zh: str
    convened_by: str
    convened_by_zh: str
    secretariat_id: int | None
    campaign_id: int | None


class SpeechOut(Schema):
    id: int
    order: int
    is_principal: bool
    speaker_id: int | None
    speaker: str
    speaker_unit_id: int | None
    role: str
    role_zh: str
    title: str
    title_zh: str
    summary: str
    summary_zh: str

    @staticmethod
    def resolve_speaker(obj) -> str:
        return obj.speaker.name if obj.speaker_id else obj.speaker_label


class CategoryOut(Schema):
    id: int
    order: int
    name: str
    name_zh: str
    headcount: int | None
    seating_block: str


class AttendeeOut(Schema):
    id: int
    person_id: int
    person: str
    category_id: int | None
    role: str
    seat: str

    @staticmethod
    def resolve_person(obj) -> str:
        return obj.person.name


class AgendaItemOut(Schema):
    order: int
    date: date | None
    title: str
    title_zh: str
    description: str


class ArrangementOut(Schema):
    id: int
    order: int
    theme: str
    theme_zh: str
    text: str
    text_zh: str


class ConferenceDetailOut(ConferenceOut):
    summary: str
    summary_zh: str
    speeches: list[SpeechOut]
    categories: list[CategoryOut]
    attendees: list[AttendeeOut]
    agenda: list[AgendaItemOut]
    arrangements: list[ArrangementOut]


class DirectiveOut(Schema):
    id: int
    title: str
    title_zh: str
    text: str
    text_zh: str
    issued_by_id: int
    conference_id: int | None
    arrangement_id: int | None
    campaign_id: int | None
    parent_id: int | None
    issued_on: date
    deadline: date


class DeliveryOut(Schema):
    id: int
    directive_id: int
    unit_id: int
    unit_name: str
    status: str
    acknowledged_at: datetime | None
    completed_on: date | None

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class DirectiveDetailOut(DirectiveOut):
    deliveries: list[DeliveryOut]

    @staticmethod
    def resolve_deliveries(obj) -> list:
        return obj.visible_deliveries


class ProgressOut(Schema):
    id: int
    recipient_id: int
    reported_on: date
    percent_done: int
    text: str


class StatusIn(Schema):
    to: str


class CascadeIn(Schema):
    recipients: list[int] | None = Field(
        None, description="Ids of the unit's children to pass it on to; all children when omitted."
    )
    deadline: date | None = Field(None, description="Not later than the directive's own deadline.")


class ProgressIn(Schema):
    text: str = Field(..., min_length=1)
    percent_done: int = Field(..., ge=0, le=100)
    reported_on: date | None = None


record_routes(
    router,
    "conferences",
    forms.ConferenceForm,
    out=ConferenceDetailOut,
    queryset=lambda request: _conferences(request.user),
    read=False,
)
record_routes(router, "agenda-items", forms.AgendaItemForm)
record_routes(router, "speeches", forms.SpeechForm)
record_routes(router, "attendee-categories", forms.AttendeeCategoryForm)
record_routes(router, "attendees", forms.AttendeeForm)
record_routes(router, "arrangements", forms.ArrangementForm)


@router.get("/conferences", response=list[ConferenceOut])
@paginate(Pagination)
def list_conferences(request: HttpRequest):
    return scoped_list(request, Conference, filters.ConferenceFilterSet)


@router.get("/conferences/{pk}", response=ConferenceDetailOut)
def get_conference(request: HttpRequest, pk: int):
    """A conference with its speeches, attendee categories, named attendees, agenda and arrangements."""
    return scoped_get(request, Conference, pk, queryset=_conferences(request.user))


def _conferences(user):
    return Conference.objects.restrict(user, "read").prefetch_related(
        "speeches__speaker", "categories", "attendees__person", "agenda", "arrangements"
    )


@router.get("/directives", response=list[DirectiveOut])
@paginate(Pagination)
def list_directives(request: HttpRequest):
    """Directives with a delivery in the caller's scope; ``unit`` and ``status`` filter the deliveries."""
    return scoped_list(request, Directive, filters.DirectiveFilterSet)


@router.get("/directives/{pk}", response=DirectiveDetailOut)
def get_directive(request: HttpRequest, pk: int):
    """A directive with the deliveries the caller may read."""
    visible = DirectiveRecipient.objects.restrict(request.user, "read").select_related("unit")
    queryset = Directive.objects.restrict(request.user, "read").prefetch_related(
        Prefetch("deliveries", queryset=visible, to_attr="visible_deliveries")
    )
    return get_object_or_404(queryset, pk=pk)


def _delivery(request: HttpRequest, pk: int, answer: str) -> DirectiveRecipient:
    """The delivery, or 404 out of scope; the domain function answers 403 without ``answer``'s permission."""
    return scoped_get(request, DirectiveRecipient, pk)


def _refused(exc: ValidationError) -> HttpError:
    return HttpError(422, " ".join(exc.messages))


@router.post("/deliveries/{pk}/acknowledge", response=DeliveryOut)
def acknowledge(request: HttpRequest, pk: int):
    delivery = _delivery(request, pk, "acknowledge")
    try:
        return domain.acknowledge_directive(delivery=delivery, user=request.user)
    except ValidationError as exc:
        raise _refused(exc) from exc


@router.post("/deliveries/{pk}/status", response=DeliveryOut)
def set_status(request: HttpRequest, pk: int, payload: StatusIn):
    """Move the delivery along pending → acknowledged → in progress → done."""
    delivery = _delivery(request, pk, "status")
    try:
        return domain.set_directive_status(delivery=delivery, to=payload.to, user=request.user)
    except ValidationError as exc:
        raise _refused(exc) from exc


@router.post("/deliveries/{pk}/cascade", response=DirectiveOut)
def cascade(request: HttpRequest, pk: int, payload: CascadeIn):
    """Pass the directive on to the recipient unit's children; answers the new directive."""
    delivery = _delivery(request, pk, "cascade")
    recipients = None
    if payload.recipients is not None:
        wanted = set(payload.recipients)
        # Units the caller cannot read answer like units that do not exist: by the ids sent only.
        readable = Unit.objects.restrict(request.user, "read")
        recipients = list(readable.filter(pk__in=[pk for pk in wanted if 0 < pk <= MAX_PK]))
        unknown = wanted - {u.pk for u in recipients}
        if unknown:
            ids = ", ".join(str(pk) for pk in sorted(unknown))
            raise HttpError(422, _("No such units: %(ids)s.") % {"ids": ids})
    try:
        return domain.cascade_directive(
            delivery=delivery, recipients=recipients, deadline=payload.deadline, user=request.user
        )
    except ValidationError as exc:
        raise _refused(exc) from exc


@router.post("/deliveries/{pk}/progress", response=ProgressOut)
def progress(request: HttpRequest, pk: int, payload: ProgressIn):
    delivery = _delivery(request, pk, "progress")
    try:
        return domain.report_progress(
            delivery=delivery,
            text=payload.text,
            percent_done=payload.percent_done,
            reported_on=payload.reported_on,
            user=request.user,
        )
    except ValidationError as exc:
        raise _refused(exc) from exc


IssueIn = body_schema(forms.IssueDirectiveForm, name="IssueDirectiveIn")


@router.post("/arrangements/{pk}/issue", response={201: DirectiveDetailOut})
def issue_arrangement(request: HttpRequest, pk: int, payload: IssueIn):  # type: ignore[valid-type]
    """Send a conference's arrangement down as a directive to the units named (or, with
    ``with_subunits``, to every unit below each of them too)."""
    arrangement = scoped_get(
        request,
        Arrangement,
        pk,
        queryset=Arrangement.objects.restrict(request.user, "read").select_related("conference"),
    )
    authorize(request.user, "conference.directive:issue")
    form = forms.IssueDirectiveForm(form_data(payload, forms.IssueDirectiveForm), user=request.user)
    directive = write_form(form, lambda: form.issue(arrangement))
    return Status(201, get_directive(request, directive.pk))
