"""What a body did, read from its records: the figures (from ``rollup()`` or restricted tallies) and details.

A *body* is one paragraph's worth of records: a direct child of the briefed unit with its
whole subtree, or the briefed unit's own records. Figures come from ``rollup()`` when the
reader may see the whole subtree; otherwise from the same tallies of the vocabulary, run on
querysets restricted to what the reader may read. Details (how long each batch lasted,
which kinds of unit a steering group supervises, which methods research used) come from
restricted querysets of the records themselves, never from stored numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from cascade.access.scopes import visible_units
from cascade.campaigns.choices import Cohort, SessionLength, StudyKind
from cascade.campaigns.models import (
    Campaign,
    FieldVisit,
    OutreachEvent,
    ResearchMethod,
    ResearchTopic,
    SteeringAssignment,
    SteeringGroup,
    StudyActivity,
    StudySession,
    WorkPlan,
)
from cascade.organization.models import Unit, subtree_q
from cascade.reports.domain import Period, Totals
from cascade.reports.vocabulary import KINDS

MINOR_KINDS = frozenset({"directive", "supervision_visit", "rectification"})


@dataclass(frozen=True)
class Scope:
    """The records of one body, for one campaign and period, as one reader may see them.

    The body is ``unit``'s whole subtree, or with ``own`` the unit's own records only, or with
    ``below`` the units under it (the subtree without the unit itself); ``exclude`` leaves
    out the subtrees of some of those units (the bodies told in paragraphs of their own).
    """

    unit: Unit
    own: bool
    campaign: Campaign | None
    period: Period | None
    user: Any
    as_of: date
    below: bool = False
    exclude: tuple[Unit, ...] = ()

    def unit_q(self, lookup: str) -> Q:
        """Rows whose unit (``lookup``) is this body's."""
        if self.own:
            return Q(**{lookup: self.unit})
        path = f"{lookup}__path"
        q = subtree_q(self.unit.path, path)
        if self.below:
            q &= ~Q(**{path: self.unit.path})
        for unit in self.exclude:
            q &= ~subtree_q(unit.path, path)
        return q

    def unit_query(self) -> list[tuple[str, Any]]:
        """The list pages' unit filters that select this body's rows."""
        if self.own:
            return [("own_unit", self.unit.pk)]
        return [("below" if self.below else "unit", self.unit.pk), *(("exclude", u.pk) for u in self.exclude)]

    def records(
        self, model, *, unit: str = "unit", campaign: str | None = "campaign", day: str | None = None
    ) -> QuerySet:
        qs = model.objects.filter(self.unit_q(unit))
        if self.campaign is not None:
            if campaign is None:
                return qs.none()
            qs = qs.filter(**{campaign: self.campaign})
        if self.period is not None and (self.period.start or self.period.end):
            if day is None:
                return qs.none()
            qs = qs.filter(self.period.q(day))
        if self.user is not None:
            qs = qs.restrict(self.user, "read")
        return qs

    def link(self, name: str, **params: Any) -> str:
        """The list page of ``name`` filtered to this body's records (unit, campaign, period)."""
        query = self.unit_query()
        if self.campaign is not None:
            query.append(("campaign", self.campaign.slug))
        date_filter = params.pop("_date", None)
        if date_filter and self.period is not None:
            if self.period.start:
                query.append((f"{date_filter}_after", self.period.start.isoformat()))
            if self.period.end:
                query.append((f"{date_filter}_before", self.period.end.isoformat()))
        query += [(k, v) for k, v in params.items() if v not in (None, "")]
        return f"{reverse(name)}?{urlencode(query)}"


@dataclass
class ClassGroup:
    """Reading classes held as rounds or batches (one record each) or a single class."""

    cohort: str
    count: int
    audience: str
    audience_zh: str
    days_each: list[int]
    half_days: int
    original: bool
    title: str = ""
    pks: list[int] = field(default_factory=list)


# Past this many groups of reading classes (a title's rounds or batches, a single class), a
# body's classes are told by their totals, not one sentence each.
MAX_CLASS_GROUPS = 6


@dataclass
class Facts:
    scope: Scope
    totals: Totals
    coverage: dict[str, dict[str, int]] | None = None
    classes: list[ClassGroup] = field(default_factory=list)
    # More groups of reading classes than a paragraph can tell one by one: told by their totals.
    many_classes: bool = False
    lecture_titles: list[tuple[str, str]] = field(default_factory=list)
    collective: list[tuple[str, str, int]] = field(default_factory=list)  # approach, approach_zh, count
    collective_titles: list[tuple[str, str, date | None, int]] = field(default_factory=list)
    seminars_on_topics: int = 0
    seminar_topics: int = 0
    topic_claimants: int = 0
    topic_methods: list[tuple[ResearchMethod, int]] = field(default_factory=list)
    visit_places: list[tuple[str, str]] = field(default_factory=list)
    visit_leaders: int = 0
    groups_roving: int = 0
    supervised_by_kind: list[tuple[str, bool, int]] = field(default_factory=list)  # kind, abroad, count
    work_plans: list[WorkPlan] = field(default_factory=list)
    outreach_by_kind: list[tuple[str, int]] = field(default_factory=list)
    counterpart_parties: int = 0
    outreach_countries: int = 0

    @property
    def unit(self) -> Unit:
        return self.scope.unit

    def value(self, kind: str, measure: str = "records") -> int:
        return int(self.totals[kind][measure])

    @property
    def is_minor(self) -> bool:
        """Whether the body's only records are received directives, supervision visits or rectification."""
        return not self.work_plans and not any(self.value(code) for code in KINDS if code not in MINOR_KINDS)

    @property
    def has_records(self) -> bool:
        return bool(self.work_plans) or any(self.value(code) for code in KINDS)


def _reading_classes(scope: Scope) -> list[ClassGroup]:
    activities = list(
        scope.records(StudyActivity, day="start_date")
        .filter(kind=StudyKind.READING_CLASS)
        .annotate(
            day_sessions=Count("sessions", filter=Q(sessions__length=SessionLength.DAY)),
            half_day_sessions=Count("sessions", filter=Q(sessions__length=SessionLength.HALF_DAY)),
        )
        .order_by("cohort", "start_date", "cohort_number", "pk")
    )
    if scope.period is not None and (scope.period.start or scope.period.end):
        # Sessions outside the period are not counted (as in the rollup, sessions count by their date).
        in_period = set(
            StudySession.objects.filter(activity__in=activities)
            .filter(scope.period.q("date"))
            .values_list("pk", flat=True)
        )
        for activity in activities:
            sessions = [s for s in activity.sessions.all() if s.pk in in_period]
            activity.day_sessions = sum(1 for s in sessions if s.length == SessionLength.DAY)
            activity.half_day_sessions = sum(1 for s in sessions if s.length == SessionLength.HALF_DAY)
    groups: dict[tuple[str, str], ClassGroup] = {}
    singles: list[ClassGroup] = []
    for activity in activities:
        if activity.cohort in (Cohort.ROUND, Cohort.BATCH):
            key = (activity.cohort, activity.title)
            group = groups.get(key)
            if group is None:
                group = groups[key] = ClassGroup(
                    activity.cohort, 0, activity.audience, activity.audience_zh, [], 0, True, activity.title
                )
            group.count += 1
            group.pks.append(activity.pk)
            group.days_each.append(activity.day_sessions)
            group.half_days += activity.half_day_sessions
            group.original = group.original and activity.original_texts
        else:
            singles.append(
                ClassGroup(
                    "",
                    1,
                    activity.audience,
                    activity.audience_zh,
                    [activity.day_sessions],
                    activity.half_day_sessions,
                    activity.original_texts,
                    activity.title,
                    [activity.pk],
                )
            )
    order = {Cohort.ROUND: 0, "": 1, Cohort.BATCH: 2}
    return sorted([*groups.values(), *singles], key=lambda g: order.get(g.cohort, 3))


def _class_groups(scope: Scope) -> int:
    """How many groups ``_reading_classes`` would make: a title's rounds, a title's batches, and
    each class held once (counted in the database, without reading the classes)."""
    classes = scope.records(StudyActivity, day="start_date").filter(kind=StudyKind.READING_CLASS)
    cohorts = (Cohort.ROUND, Cohort.BATCH)
    titled = classes.filter(cohort__in=cohorts).values("cohort", "title").distinct().count()
    return titled + classes.exclude(cohort__in=cohorts).count()


def gather(scope: Scope, totals: Totals, coverage: dict[str, dict[str, int]] | None = None) -> Facts:
    """The facts of one body's records."""
    facts = Facts(scope=scope, totals=totals, coverage=coverage)
    study = scope.records(StudyActivity, day="start_date")
    if facts.value("reading_class"):
        if _class_groups(scope) > MAX_CLASS_GROUPS:
            facts.many_classes = True
        else:
            facts.classes = _reading_classes(scope)
    if facts.value("lecture"):
        facts.lecture_titles = list(
            study.filter(kind=StudyKind.LECTURE).order_by("start_date", "pk").values_list("title", "title_zh")
        )
    if facts.value("collective_study"):
        rows = study.filter(kind=StudyKind.COLLECTIVE_STUDY)
        approaches = Counter(rows.exclude(approach="").values_list("approach", "approach_zh"))
        facts.collective = [(a, z, n) for (a, z), n in approaches.most_common()]
        facts.collective_titles = list(
            rows.filter(approach="")
            .order_by("start_date", "pk")
            .values_list("title", "title_zh", "start_date", "pk")
        )
    if facts.value("seminar"):
        tied = study.filter(kind=StudyKind.SEMINAR, research_topic__isnull=False)
        facts.seminars_on_topics = tied.count()
        facts.seminar_topics = tied.values("research_topic").distinct().count()
    if facts.value("research_topic"):
        topics = scope.records(ResearchTopic, day="started_on")
        facts.topic_claimants = topics.exclude(claimed_by=None).values("claimed_by").distinct().count()
        method_counts = Counter(topics.values_list("methods", flat=True))
        method_counts.pop(None, None)
        methods = ResearchMethod.objects.in_bulk(list(method_counts))
        facts.topic_methods = sorted(
            ((methods[pk], n) for pk, n in method_counts.items()), key=lambda mn: (-mn[1], mn[0].name)
        )
    if facts.value("field_visit"):
        visits = scope.records(FieldVisit, day="date").order_by("date", "pk")
        facts.visit_places = list(visits.values_list("visited", "visited_zh"))
        facts.visit_leaders = visits.exclude(led_by=None).values("led_by").distinct().count()
    if facts.value("steering_group"):
        groups = scope.records(SteeringGroup, day="sent_on")
        facts.groups_roving = groups.filter(roving=True).count()
        assigned = SteeringAssignment.objects.filter(group__in=groups)
        if scope.user is not None:
            assigned = assigned.restrict(scope.user, "read")
        # Kinds in tree order (where the first unit of each kind stands), each with its count.
        by_kind: Counter = Counter()
        for kind, country in (
            Unit.objects.filter(pk__in=assigned.values("unit"))
            .order_by("path")
            .values_list("kind", "country")
        ):
            by_kind[(kind, country is not None)] += 1
        facts.supervised_by_kind = [(k, abroad, n) for (k, abroad), n in by_kind.items()]
    facts.work_plans = list(scope.records(WorkPlan, day="issued_on").order_by("issued_on", "pk"))
    if facts.value("outreach_event"):
        events = scope.records(OutreachEvent, day="start_date")
        kinds = Counter(events.values_list("kind", flat=True))
        order = [k for k, _n in kinds.most_common()]
        facts.outreach_by_kind = [(k, kinds[k]) for k in order]
        facts.counterpart_parties = (
            events.filter(organisations__kind="party").values("organisations").distinct().count()
        )
        facts.outreach_countries = events.exclude(countries=None).values("countries").distinct().count()
    return facts


def sees_any_of(user, unit: Unit) -> bool:
    if user is None or getattr(user, "is_superuser", False):
        return True
    return visible_units(user).filter(subtree_q(unit.path)).exists()
