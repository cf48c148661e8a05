"""Campaign records over HTTP: scoped lists (query parameters = the FilterSets) and details."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from cascade.core.api import Pagination, scoped_get, scoped_list
from cascade.core.scopes import person_of

from . import filters
from .domain import transition_rectification
from .models import Campaign, OutreachEvent, RectificationItem, ResearchTopic, SteeringGroup, StudyActivity

router = Router(tags=["campaigns"])


class CampaignOut(Schema):
    id: int
    slug: str
    title: str
    title_zh: str
    office_id: int
    start_date: date
    end_date: date | None


class StudyActivityOut(Schema):
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


class ResearchTopicOut(Schema):
    id: int
    campaign_id: int | None
    unit_id: int
    title: str
    title_zh: str
    claimed_by_id: int | None
    work_area: str
    status: str


class SteeringGroupOut(Schema):
    id: int
    campaign_id: int
    unit_id: int
    number: int
    name: str
    roving: bool
    sent_on: date | None


class RectificationItemOut(Schema):
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


class OutreachEventOut(Schema):
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


@router.get("/campaigns", response=list[CampaignOut])
@paginate(Pagination)
def list_campaigns(request: HttpRequest):
    return scoped_list(request, Campaign, filters.CampaignFilterSet)


@router.get("/study-activities", response=list[StudyActivityOut])
@paginate(Pagination)
def list_study_activities(request: HttpRequest):
    return scoped_list(request, StudyActivity, filters.StudyActivityFilterSet)


@router.get("/study-activities/{pk}", response=StudyActivityOut)
def get_study_activity(request: HttpRequest, pk: int):
    return scoped_get(request, StudyActivity, pk)


@router.get("/research-topics", response=list[ResearchTopicOut])
@paginate(Pagination)
def list_research_topics(request: HttpRequest):
    return scoped_list(request, ResearchTopic, filters.ResearchTopicFilterSet)


@router.get("/research-topics/{pk}", response=ResearchTopicOut)
def get_research_topic(request: HttpRequest, pk: int):
    return scoped_get(request, ResearchTopic, pk)


@router.get("/steering-groups", response=list[SteeringGroupOut])
@paginate(Pagination)
def list_steering_groups(request: HttpRequest):
    return scoped_list(request, SteeringGroup, filters.SteeringGroupFilterSet)


@router.get("/rectification-items", response=list[RectificationItemOut])
@paginate(Pagination)
def list_rectification_items(request: HttpRequest):
    return scoped_list(request, RectificationItem, filters.RectificationItemFilterSet)


@router.get("/rectification-items/{pk}", response=RectificationItemOut)
def get_rectification_item(request: HttpRequest, pk: int):
    return scoped_get(request, RectificationItem, pk)


@router.post("/rectification-items/{pk}/transition", response=RectificationItemOut)
def transition_rectification_item(request: HttpRequest, pk: int, payload: TransitionIn):
    """Move an item through the workflow (404 out of scope; 403 without the move's permission:
    ``verify``, held from outside the unit, to verify or reopen; ``write`` for the rest)."""
    item = scoped_get(request, RectificationItem, pk)
    person = person_of(request.user)
    try:
        return transition_rectification(
            item=item, to=payload.to, person=person, user=request.user, note=payload.note
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc


@router.get("/outreach-events", response=list[OutreachEventOut])
@paginate(Pagination)
def list_outreach_events(request: HttpRequest):
    return scoped_list(request, OutreachEvent, filters.OutreachEventFilterSet)
