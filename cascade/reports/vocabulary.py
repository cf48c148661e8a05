"""The counting vocabulary: activity kinds, the measures they are counted in, and how.

One registry serves every reader of figures: rollups, dashboards, briefings and the
extraction of figures from narrative reports. A *kind* is something units do (a reading
class, a research topic, a steering group...); a *measure* is what is counted of it
(records, rounds, half-days, participants...). Each kind says, measure by measure, which
rows to count and how (``Tally``), and which unit a record "covers" (``Coverage``).

Figures are always computed from rows: a count is a count of records, never a stored
number typed in by hand (head counts of outreach events are the one recorded number).
The rollup engine (``cascade.reports.engine``) keeps them current on write from these
same declarations, and its reference counts them from the rows on every read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
class Agg:
    """One measure of a tally: a count of rows (``field`` "pk") or a sum of a field, over the rows
    that match ``filter``; ``distinct`` counts distinct values of ``field`` instead.

    A measure never depends on the day it is read: lateness is a separate declaration
    (``Kind.overdue``), so the same measure can be kept current on write and counted from rows.
    """

    op: str  # "count" or "sum"
    field: str = "pk"
    filter: Q | None = None
    distinct: bool = False

    def expression(self, extra: Q | None = None) -> models.Aggregate:
        condition = self.filter
        if extra is not None:
            condition = extra if condition is None else condition & extra
        if self.op == "count":
            return Count(self.field, filter=condition, distinct=self.distinct)
        if self.op == "sum":
            return Sum(self.field, filter=condition)
        raise ValueError(f"Unknown aggregate {self.op!r}")


def count(**filters: object) -> Agg:
    return Agg("count", filter=Q(**filters) if filters else None)


def count_where(condition: Q) -> Agg:
    return Agg("count", filter=condition)


def count_distinct(field_name: str) -> Agg:
    return Agg("count", field=field_name, distinct=True)


def total(field_name: str) -> Agg:
    return Agg("sum", field=field_name)


@dataclass(frozen=True)
class Tally:
    """How to count one or more measures from one model.

    ``unit``, ``campaign`` and ``date`` are lookups from the counted model to the unit the
    figure belongs to, to the campaign, and to the date that places it in a period; ``due``
    is the lookup of the deadline that makes a record overdue. ``values`` maps each measure
    to its aggregate.
    """

    model: str
    unit: str
    campaign: str | None
    date: str | None
    values: dict[str, Agg]
    filter: Q = field(default_factory=Q)
    due: str | None = None

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
    """An activity kind: its reported measures (in order), how each is counted, what covers a unit.

    ``overdue`` names the counted measure that, restricted to records whose deadline (the
    tally's ``due``) is before the as-of day, gives the reported measure ``overdue``.
    ``hidden`` measures are counted and kept but not reported (they serve ``overdue`` and
    the dashboards' status charts).
    """

    code: str
    label: Promise
    measures: tuple[str, ...]
    tallies: tuple[Tally, ...]
    coverage: Coverage
    overdue: str | None = None
    hidden: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        counted = [m for t in self.tallies for m in t.values]
        reported = [m for m in counted if m not in self.hidden] + (["overdue"] if self.overdue else [])
        if sorted(reported) != sorted(self.measures):
            raise ValueError(f"Kind {self.code}: measures {self.measures} but tallies count {reported}")
        unknown = set(reported) - set(MEASURES)
        if unknown:
            raise ValueError(f"Kind {self.code}: unknown measures {sorted(unknown)}")
        if self.overdue and not any(t.due and self.overdue in t.values for t in self.tallies):
            raise ValueError(f"Kind {self.code}: overdue needs a tally of {self.overdue!r} with a deadline")

    @property
    def counted(self) -> tuple[str, ...]:
        """Every counted measure (hidden ones included), in declaration order."""
        return tuple(m for t in self.tallies for m in t.values)


def _study_kind(study_kind: StudyKind, label: Promise, *, cohorts: bool = False) -> Kind:
    code = study_kind.value
    activity = Q(kind=code)
    activity_values: dict[str, Agg] = {"records": count()}
    if cohorts:
        activity_values["rounds"] = count(cohort=Cohort.ROUND)
        activity_values["batches"] = count(cohort=Cohort.BATCH)
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
                {"days": count(length=SessionLength.DAY), "half_days": count(length=SessionLength.HALF_DAY)},
                Q(activity__kind=code),
            ),
            Tally(
                "campaigns.StudyAttendance",
                "activity__unit",
                "activity__campaign",
                "activity__start_date",
                {"participants": count(), "person_hours": total("hours")},
                Q(activity__kind=code),
            ),
        ),
        coverage=Coverage("campaigns.StudyActivity", "unit", "campaign", "start_date", activity),
    )


_CLOSED = Q(status__in=RECTIFICATION_CLOSED)
_DONE = Q(status=DirectiveStatus.DONE)


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
                Tally("campaigns.ResearchTopic", "unit", "campaign", "started_on", {"records": count()}),
                Tally(
                    "campaigns.AdoptedMeasure",
                    "topic__unit",
                    "topic__campaign",
                    "adopted_on",
                    {"measures_adopted": count()},
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
                    {"records": count(), "unannounced": count(unannounced=True)},
                ),
            ),
            Coverage("campaigns.FieldVisit", "unit", "campaign", "date"),
        ),
        Kind(
            "steering_group",
            _("steering group"),
            ("records", "participants", "units_supervised"),
            (
                Tally("campaigns.SteeringGroup", "unit", "campaign", "sent_on", {"records": count()}),
                Tally(
                    "campaigns.SteeringGroupMember",
                    "group__unit",
                    "group__campaign",
                    "group__sent_on",
                    {"participants": count()},
                ),
                Tally(
                    "campaigns.SteeringAssignment",
                    "group__unit",
                    "group__campaign",
                    "group__sent_on",
                    {"units_supervised": count_distinct("unit")},
                ),
            ),
            # A unit is covered when a steering group supervises it.
            Coverage("campaigns.SteeringAssignment", "unit", "group__campaign", "group__sent_on"),
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
                    {"records": count(), "units_supervised": count_distinct("unit")},
                ),
            ),
            Coverage("campaigns.SupervisionVisit", "unit", "group__campaign", "date"),
        ),
        Kind(
            "rectification",
            _("rectification item"),
            ("records", "open", "overdue", "closed"),
            (
                Tally(
                    "campaigns.RectificationItem",
                    "unit",
                    "campaign",
                    "opened_on",
                    {"records": count(), "open": count_where(~_CLOSED), "closed": count_where(_CLOSED)},
                    due="deadline",
                ),
            ),
            Coverage("campaigns.RectificationItem", "unit", "campaign", "opened_on"),
            overdue="open",
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
                    {"records": count(), "participants": total("participants")},
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
                    "conferences.Conference", "secretariat", "campaign", "start_date", {"records": count()}
                ),
                Tally(
                    "conferences.Attendee",
                    "conference__secretariat",
                    "conference__campaign",
                    "conference__start_date",
                    {"participants": count()},
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
                    {
                        "records": count(),
                        "acknowledged": count_where(~Q(status=DirectiveStatus.PENDING)),
                        "in_progress": count(status=DirectiveStatus.IN_PROGRESS),
                        "done": count_where(_DONE),
                        "on_time": count_where(_DONE & Q(completed_on__lte=models.F("directive__deadline"))),
                        "undone": count_where(~_DONE),
                    },
                    due="directive__deadline",
                ),
            ),
            # A unit is covered when it has received a directive.
            Coverage("conferences.DirectiveRecipient", "unit", "directive__campaign", "directive__issued_on"),
            overdue="undone",
            hidden=("in_progress", "undone"),
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
