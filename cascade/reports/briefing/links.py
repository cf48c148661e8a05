"""Where each figure's records are listed: list pages with the filters that select them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from .facts import Scope

# kind -> (URL name of the list page, fixed filters, name of its date-range filter or None)
KIND_PAGES: dict[str, tuple[str, dict[str, str], str | None]] = {
    "reading_class": ("campaigns:studyactivity_list", {"kind": "reading_class"}, "start_date"),
    "lecture": ("campaigns:studyactivity_list", {"kind": "lecture"}, "start_date"),
    "seminar": ("campaigns:studyactivity_list", {"kind": "seminar"}, "start_date"),
    "collective_study": ("campaigns:studyactivity_list", {"kind": "collective_study"}, "start_date"),
    "research_topic": ("campaigns:researchtopic_list", {}, None),
    "field_visit": ("campaigns:fieldvisit_list", {}, "date"),
    "steering_group": ("campaigns:steeringgroup_list", {}, None),
    "supervision_visit": ("campaigns:supervisionvisit_list", {}, "date"),
    "rectification": ("campaigns:rectificationitem_list", {}, None),
    "outreach_event": ("campaigns:outreachevent_list", {}, "start_date"),
    "directive": ("conferences:directive_list", {}, None),
    "conference": ("conferences:conference_list", {}, "start_date"),
}

# Extra filters for a measure of a kind (the records the measure counts).
MEASURE_FILTERS: dict[tuple[str, str], dict[str, str]] = {
    ("reading_class", "rounds"): {"cohort": "round"},
    ("reading_class", "batches"): {"cohort": "batch"},
    ("field_visit", "unannounced"): {"unannounced": "true"},
    ("rectification", "closed"): {"status": "verified"},
    ("directive", "done"): {"status": "done"},
    ("directive", "on_time"): {"status": "done"},
    ("directive", "acknowledged"): {"status": "acknowledged"},
}


def kind_url(scope: Scope, kind: str, measure: str = "records", /, **extra: str) -> str:
    name, fixed, date_filter = KIND_PAGES[kind]
    params = {**fixed, **MEASURE_FILTERS.get((kind, measure), {}), **extra}
    if kind == "conference":
        query = {"campaign": scope.campaign.slug} if scope.campaign else {}
        return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)
    return scope.link(name, _date=date_filter, **params)


def units_url(scope: Scope, kind: str = "") -> str:
    """The unit list: units of ``kind`` within the body's unit."""
    query = {"within": scope.unit.pk}
    if kind:
        query["kind"] = kind
    return f"{reverse('organization:unit_list')}?{urlencode(query)}"
