"""Where each figure's records are listed: list pages with the filters that select exactly them.

A figure of a body links to the list of the records it counts: the body's unit (its own
records, its subtree, or what lies below it less some subtrees), the campaign, the period,
and the filters of the measure (a cohort, a status, being overdue on the briefing's day...).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from cascade.campaigns.models import SteeringGroup

from .facts import Scope

# kind -> (URL name of the list page, fixed filters, name of its date-range filter or None)
KIND_PAGES: dict[str, tuple[str, dict[str, str], str | None]] = {
    "reading_class": ("campaigns:studyactivity_list", {"kind": "reading_class"}, "start_date"),
    "lecture": ("campaigns:studyactivity_list", {"kind": "lecture"}, "start_date"),
    "seminar": ("campaigns:studyactivity_list", {"kind": "seminar"}, "start_date"),
    "collective_study": ("campaigns:studyactivity_list", {"kind": "collective_study"}, "start_date"),
    "research_topic": ("campaigns:researchtopic_list", {}, "started_on"),
    "field_visit": ("campaigns:fieldvisit_list", {}, "date"),
    "steering_group": ("campaigns:steeringgroup_list", {}, "sent_on"),
    "supervision_visit": ("campaigns:supervisionvisit_list", {}, "date"),
    "rectification": ("campaigns:rectificationitem_list", {}, "opened_on"),
    "outreach_event": ("campaigns:outreachevent_list", {}, "start_date"),
    "directive": ("conferences:directiverecipient_list", {}, "issued_on"),
    "conference": ("conferences:conference_list", {}, "start_date"),
}

_SESSIONS = {"days": "day", "half_days": "half_day"}

# Extra filters for a measure of a kind (the records the measure counts).
MEASURE_FILTERS: dict[tuple[str, str], dict[str, str]] = {
    ("reading_class", "rounds"): {"cohort": "round"},
    ("reading_class", "batches"): {"cohort": "batch"},
    ("field_visit", "unannounced"): {"unannounced": "true"},
    ("rectification", "open"): {"open": "true"},
    ("rectification", "closed"): {"open": "false"},
    ("directive", "acknowledged"): {"acknowledged": "true"},
    ("directive", "done"): {"status": "done"},
}
# Measures whose records are those not finished by the briefing's day.
OVERDUE = {("rectification", "overdue"), ("directive", "overdue")}


def kind_url(scope: Scope, kind: str, measure: str = "records", /, **extra: Any) -> str:
    """The list of the records ``scope``'s figure of ``kind`` and ``measure`` counts (or is summed from)."""
    if measure == "units_supervised" and kind == "steering_group":
        return supervised_url(scope)
    name, fixed, date_filter = KIND_PAGES[kind]
    params: dict[str, Any] = {**fixed, **MEASURE_FILTERS.get((kind, measure), {})}
    if measure in _SESSIONS and kind in ("reading_class", "lecture", "seminar", "collective_study"):
        params["session_length"] = _SESSIONS[measure]
    if (kind, measure) in OVERDUE:
        params["overdue_on"] = scope.as_of.isoformat()
    params.update(extra)
    return scope.link(name, _date=date_filter, **params)


def detail_url(name: str, pk: int) -> str:
    """The page of one record (a figure that stands for exactly that record)."""
    return reverse(name, args=[pk])


def units_url(scope: Scope, kind: str = "") -> str:
    """The unit list: the units of ``scope``'s unit (in the campaign's scope, when there is a campaign)."""
    query: dict[str, Any] = {"within": scope.unit.pk}
    if kind:
        query["kind"] = kind
    if scope.campaign is not None:
        query["campaign"] = scope.campaign.slug
    return f"{reverse('organization:unit_list')}?{urlencode(query)}"


def supervised_url(scope: Scope, kind: str = "", abroad: bool | None = None) -> str:
    """The units assigned to ``scope``'s steering groups (of ``kind``, abroad or at home)."""
    groups = list(scope.records(SteeringGroup, day="sent_on").order_by("pk").values_list("pk", flat=True))
    query: list[tuple[str, Any]] = [("steering_group", pk) for pk in groups] or [("steering_group", 0)]
    if kind:
        query.append(("kind", kind))
    if abroad is not None:
        query.append(("abroad", "true" if abroad else "false"))
    return f"{reverse('organization:unit_list')}?{urlencode(query)}"


def seminar_topics_url(scope: Scope) -> str:
    """The research topics on which ``scope``'s seminars (of its period) were held."""
    params: dict[str, Any] = {"with_seminars": "true"}
    if scope.period is not None:
        if scope.period.start:
            params["seminar_date_after"] = scope.period.start.isoformat()
        if scope.period.end:
            params["seminar_date_before"] = scope.period.end.isoformat()
    return scope.link("campaigns:researchtopic_list", **params)


def claimants_url(scope: Scope) -> str:
    """The people who claimed ``scope``'s research topics (of its campaign and period)."""
    query: list[tuple[str, Any]] = [("topic_own_unit" if scope.own else "topic_unit", scope.unit.pk)]
    if scope.campaign is not None:
        query.append(("topic_campaign", scope.campaign.slug))
    if scope.period is not None:
        if scope.period.start:
            query.append(("topic_started_on_after", scope.period.start.isoformat()))
        if scope.period.end:
            query.append(("topic_started_on_before", scope.period.end.isoformat()))
    return f"{reverse('organization:person_list')}?{urlencode(query)}"
