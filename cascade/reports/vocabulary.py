"""The counting vocabulary: activity kinds, the measures they are counted in, and how.

One registry serves every reader of figures: rollups, dashboards, briefings and the
extraction of figures from narrative reports. A *kind* is something units do (a reading
class, a research topic, a steering group...); a *measure* is what is counted of it
(records, rounds, half-days, participants...). Each kind says, measure by measure, which
rows to count and how (``Tally``), and which unit a record "covers" (``Coverage``).

Figures are always computed from rows: a count is a count of records, never a stored
number typed in by hand (head counts of outreach events are the one recorded number).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cascade.campaigns.choices import RECTIFICATION_CLOSED, Cohort, SessionLength, StudyKind
from cascade.conferences.choices import DirectiveStatus


@dataclass(frozen=True)
class Measure:
    code: str
    label: Promise
    decimal: bool = False


MEASURES: dict[str, Measure] = {
    m.code: m
    for m in [
        Measure("records", _("records")),
        Measure("rounds", _("rounds")),
        Measure("batches", _("batches")),
        Measure("days", _("days")),
        Measure("half_days", _("half-days")),
        Measure("participants", _("participants")),
        Measure("person_hours", _("person-hours"), decimal=True),
        Measure("units_supervised", _("units supervised")),
        Measure("unannounced", _("unannounced")),
        Measure("measures_adopted", _("measures adopted")),
        Measure("open", _("open")),
        Measure("overdue", _("overdue")),
        Measure("closed", _("closed")),
        Measure("acknowledged", _("acknowledged")),
        Measure("done", _("done")),
        Measure("on_time", _("done on time")),
    ]
}


@dataclass(frozen=True)
class Tally:
    """How to count one or more measures from one model.

    ``unit``, ``campaign`` and ``date`` are lookups from the counted model to the unit the
    figure belongs to, to the campaign, and to the date that places it in a period.
    ``values`` maps each measure to a function of the as-of date returning an aggregate.
    """

    model: str
    unit: str
    campaign: str | None
    date: str | None
    values: dict[str, Callable[[date], models.Aggregate]]
    filter: Q = field(default_factory=Q)

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


@dataclass(frozen=True)
class Coverage:
    """Which unit a record of the kind covers (a unit with at least one such record is covered)."""

    model: str
    unit: str
    campaign: str | None
    date: str | None
    filter: Q = field(default_factory=Q)

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


@dataclass(frozen=True)
class Kind:
    code: str
    label: Promise
    measures: tuple[str, ...]
    tallies: tuple[Tally, ...]
    coverage: Coverage

    def __post_init__(self) -> None:
        counted = [m for t in self.tallies for m in t.values]
        if sorted(counted) != sorted(self.measures):
            raise ValueError(f"Kind {self.code}: measures {self.measures} but tallies count {counted}")
        unknown = set(counted) - set(MEASURES)
        if unknown:
            raise ValueError(f"Kind {self.code}: unknown measures {sorted(unknown)}")


def _count(**filters: object) -> Callable[[date], models.Aggregate]:
    return lambda _today: Count("pk", filter=Q(**filters) if filters else None)


def _count_distinct(field_name: str) -> Callable[[date], models.Aggregate]:
    return lambda _today: Count(field_name, distinct=True)


def _sum(field_name: str) -> Callable[[date], models.Aggregate]:
    return lambda _today: Sum(field_name)


def _study_kind(study_kind: StudyKind, label: Promise, *, cohorts: bool = False) -> Kind:
    code = study_kind.value
    activity = Q(kind=code)
    activity_values: dict[str, Callable[[date], models.Aggregate]] = {"records": _count()}
    if cohorts:
        activity_values["rounds"] = _count(cohort=Cohort.ROUND)
        activity_values["batches"] = _count(cohort=Cohort.BATCH)
    measures = (*activity_values, "days", "half_days", "participants", "person_hours")
    return Kind(
        code=code,
        label=label,
        measures=measures,
        tallies=(
            Tally("campaigns.StudyActivity", "unit", "campaign", "start_date", activity_values, activity),
            Tally(
                "campaigns.StudySession",
                "activity__unit",
                "activity__campaign",
                "date",
                {
                    "days": _count(length=SessionLength.DAY),
                    "half_days": _count(length=SessionLength.HALF_DAY),
                },
                Q(activity__kind=code),
            ),
            Tally(
                "campaigns.StudyAttendance",
                "activity__unit",
                "activity__campaign",
                "activity__start_date",
                {"participants": _count(), "person_hours": _sum("hours")},
                Q(activity__kind=code),
            ),
        ),
        coverage=Coverage("campaigns.StudyActivity", "unit", "campaign", "start_date", activity),
    )


def _rectification_values() -> dict[str, Callable[[date], models.Aggregate]]:
    closed = Q(status__in=RECTIFICATION_CLOSED)
    return {
        "records": _count(),
        "open": lambda _today: Count("pk", filter=~closed),
        "overdue": lambda today: Count("pk", filter=~closed & Q(deadline__lt=today)),
        "closed": lambda _today: Count("pk", filter=closed),
    }


def _directive_values() -> dict[str, Callable[[date], models.Aggregate]]:
    done = Q(status=DirectiveStatus.DONE)
    return {
        "records": _count(),
        "acknowledged": lambda _today: Count("pk", filter=~Q(status=DirectiveStatus.PENDING)),
        "done": lambda _today: Count("pk", filter=done),
        "on_time": lambda _today: Count(
            "pk", filter=done & Q(completed_on__lte=models.F("directive__deadline"))
        ),
        "overdue": lambda today: Count("pk", filter=~done & Q(directive__deadline__lt=today)),
    }


KINDS: dict[str, Kind] = {
    k.code: k
    for k in [
        _study_kind(StudyKind.READING_CLASS, _("reading class"), cohorts=True),
        _study_kind(StudyKind.LECTURE, _("counselling report meeting / lecture")),
        _study_kind(StudyKind.SEMINAR, _("seminar")),
        _study_kind(StudyKind.COLLECTIVE_STUDY, _("collective study")),
        Kind(
            "research_topic",
            _("research topic"),
            ("records", "measures_adopted"),
            (
                Tally("campaigns.ResearchTopic", "unit", "campaign", "started_on", {"records": _count()}),
                Tally(
                    "campaigns.AdoptedMeasure",
                    "topic__unit",
                    "topic__campaign",
                    "adopted_on",
                    {"measures_adopted": _count()},
                ),
            ),
            Coverage("campaigns.ResearchTopic", "unit", "campaign", "started_on"),
        ),
        Kind(
            "field_visit",
            _("field visit"),
            ("records", "unannounced"),
            (
                Tally(
                    "campaigns.FieldVisit",
                    "unit",
                    "campaign",
                    "date",
                    {"records": _count(), "unannounced": _count(unannounced=True)},
                ),
            ),
            Coverage("campaigns.FieldVisit", "unit", "campaign", "date"),
        ),
        Kind(
            "steering_group",
            _("steering group"),
            ("records", "participants", "units_supervised"),
            (
                Tally("campaigns.SteeringGroup", "unit", "campaign", None, {"records": _count()}),
                Tally(
                    "campaigns.SteeringGroupMember",
                    "group__unit",
                    "group__campaign",
                    None,
                    {"participants": _count()},
                ),
                Tally(
                    "campaigns.SteeringAssignment",
                    "group__unit",
                    "group__campaign",
                    None,
                    {"units_supervised": _count_distinct("unit")},
                ),
            ),
            # A unit is covered when a steering group supervises it.
            Coverage("campaigns.SteeringAssignment", "unit", "group__campaign", None),
        ),
        Kind(
            "supervision_visit",
            _("supervision visit"),
            ("records", "units_supervised"),
            (
                Tally(
                    "campaigns.SupervisionVisit",
                    "unit",
                    "group__campaign",
                    "date",
                    {"records": _count(), "units_supervised": _count_distinct("unit")},
                ),
            ),
            Coverage("campaigns.SupervisionVisit", "unit", "group__campaign", "date"),
        ),
        Kind(
            "rectification",
            _("rectification item"),
            ("records", "open", "overdue", "closed"),
            (Tally("campaigns.RectificationItem", "unit", "campaign", "opened_on", _rectification_values()),),
            Coverage("campaigns.RectificationItem", "unit", "campaign", "opened_on"),
        ),
        Kind(
            "outreach_event",
            _("outreach event"),
            ("records", "participants"),
            (
                Tally(
                    "campaigns.OutreachEvent",
                    "unit",
                    "campaign",
                    "start_date",
                    {"records": _count(), "participants": _sum("participants")},
                ),
            ),
            Coverage("campaigns.OutreachEvent", "unit", "campaign", "start_date"),
        ),
        Kind(
            "conference",
            _("conference"),
            ("records", "participants"),
            (
                Tally(
                    "conferences.Conference", "secretariat", "campaign", "start_date", {"records": _count()}
                ),
                Tally(
                    "conferences.Attendee",
                    "conference__secretariat",
                    "conference__campaign",
                    "conference__start_date",
                    {"participants": _count()},
                ),
            ),
            Coverage("conferences.Conference", "secretariat", "campaign", "start_date"),
        ),
        Kind(
            "directive",
            _("directive"),
            ("records", "acknowledged", "done", "on_time", "overdue"),
            (
                Tally(
                    "conferences.DirectiveRecipient",
                    "unit",
                    "directive__campaign",
                    "directive__issued_on",
                    _directive_values(),
                ),
            ),
            # A unit is covered when it has received a directive.
            Coverage("conferences.DirectiveRecipient", "unit", "directive__campaign", "directive__issued_on"),
        ),
    ]
}


def kind(code: str) -> Kind:
    try:
        return KINDS[code]
    except KeyError:
        raise KeyError(f"Unknown activity kind {code!r}; known: {', '.join(KINDS)}") from None


# The (kind, measure) pairs a dashboard table shows first, in this order.
HEADLINE: tuple[tuple[str, str], ...] = (
    ("reading_class", "records"),
    ("reading_class", "rounds"),
    ("reading_class", "batches"),
    ("reading_class", "days"),
    ("reading_class", "half_days"),
    ("lecture", "records"),
    ("seminar", "records"),
    ("collective_study", "records"),
    ("research_topic", "records"),
    ("field_visit", "records"),
    ("steering_group", "records"),
    ("steering_group", "units_supervised"),
    ("outreach_event", "records"),
    ("rectification", "open"),
    ("rectification", "closed"),
    ("directive", "records"),
    ("directive", "acknowledged"),
)
