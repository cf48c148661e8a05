"""Rollups: the figures of a unit's whole subtree, by kind and measure, with coverage and drill-down.

``rollup()`` is the one public service behind ``cascade rollup``, the home page and the
API. It counts rows through the vocabulary (``cascade.reports.vocabulary``), filtering by
a range on the unit path so a subtree is one indexed range on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.db.models.functions import Length, Substr
from django.utils import timezone

from cascade.campaigns.models import Campaign
from cascade.organization.models import STEPLEN, Unit, subtree_q

from .choices import PeriodPreset
from .vocabulary import KINDS, MEASURES, Coverage, Tally


@dataclass(frozen=True)
class Period:
    """An inclusive date range; either end may be open."""

    start: date | None = None
    end: date | None = None

    def q(self, lookup: str | None) -> Q:
        if lookup is None:
            return Q()
        q = Q()
        if self.start:
            q &= Q(**{f"{lookup}__gte": self.start})
        if self.end:
            q &= Q(**{f"{lookup}__lte": self.end})
        return q

    def __str__(self) -> str:
        return f"{self.start or ''}..{self.end or ''}"


def preset_period(preset: str, *, campaign: Campaign | None, today: date) -> Period | None:
    """The dates of a ``PeriodPreset`` (None: no limit)."""

    if preset == PeriodPreset.CAMPAIGN:
        return Period(campaign.start_date, campaign.end_date) if campaign else None
    if preset == PeriodPreset.LAST_7_DAYS:
        return Period(today - timedelta(days=6), today)
    if preset == PeriodPreset.LAST_30_DAYS:
        return Period(today - timedelta(days=29), today)
    if preset == PeriodPreset.THIS_YEAR:
        return Period(date(today.year, 1, 1), today)
    return None


Totals = dict[str, dict[str, int | float]]


@dataclass
class ChildRollup:
    unit: Unit
    totals: Totals


@dataclass
class Rollup:
    unit: Unit
    campaign: Campaign | None
    period: Period | None
    as_of: date
    totals: Totals
    coverage: dict[str, dict[str, int]]
    children: list[ChildRollup] = field(default_factory=list)

    @property
    def own_totals(self) -> Totals:
        """Figures of the unit's own records: the subtree less its children's subtrees."""
        own = {code: dict(measures) for code, measures in self.totals.items()}
        for child in self.children:
            for code, measures in child.totals.items():
                for measure, value in measures.items():
                    own[code][measure] -= value
        return own

    def as_json(self) -> dict[str, Any]:
        """The stable JSON shape documented in the README."""
        return {
            "unit": {"id": self.unit.pk, "name": self.unit.name, "path": self.unit.path},
            "campaign": self.campaign.slug if self.campaign else None,
            "period": {
                "start": self.period.start.isoformat() if self.period and self.period.start else None,
                "end": self.period.end.isoformat() if self.period and self.period.end else None,
            },
            "as_of": self.as_of.isoformat(),
            "totals": self.totals,
            "coverage": self.coverage,
            "children": [
                {"unit": c.unit.name, "id": c.unit.pk, "path": c.unit.path, "totals": c.totals}
                for c in self.children
            ],
        }


def _number(value: Any, measure: str) -> int | float:
    if value is None:
        return 0.0 if MEASURES[measure].decimal else 0
    if MEASURES[measure].decimal:
        return float(Decimal(value))
    return int(value)


def record_filter(
    campaign_lookup: str | None,
    date_lookup: str | None,
    *,
    campaign: Campaign | None,
    period: Period | None,
) -> Q | None:
    """Campaign and period filters on a counted model (given its lookups); None if nothing can match."""
    q = Q()
    if campaign is not None:
        if campaign_lookup is None:
            return None
        q &= Q(**{campaign_lookup: campaign})
    if period is not None and (period.start or period.end):
        if date_lookup is None:
            return None
        q &= period.q(date_lookup)
    return q


def _zero_totals() -> Totals:
    return {code: {m: _number(None, m) for m in k.measures} for code, k in KINDS.items()}


def _tally(
    tally: Tally,
    *,
    unit: Unit,
    campaign: Campaign | None,
    period: Period | None,
    as_of: date,
    user,
    by_child: bool,
) -> dict[str, dict[str, Any]]:
    """{"": {measure: value}} for the subtree, or {child_path: {...}} per direct child."""
    scope = record_filter(tally.campaign, tally.date, campaign=campaign, period=period)
    if scope is None:
        return {}
    path_lookup = f"{tally.unit}__path"
    qs = tally.model_class.objects.filter(tally.filter, scope, subtree_q(unit.path, path_lookup))
    if user is not None:
        qs = qs.restrict(user, "read")
    aggregates = {measure: make(as_of) for measure, make in tally.values.items()}
    if not by_child:
        return {"": qs.aggregate(**aggregates)}
    child_len = len(unit.path) + STEPLEN
    rows = (
        qs.annotate(_path_len=Length(path_lookup))
        .filter(_path_len__gte=child_len)
        .annotate(_child=Substr(path_lookup, 1, child_len))
        .values("_child")
        .annotate(**aggregates)
        .order_by()
    )
    return {row.pop("_child"): row for row in rows}


def _coverage(
    coverage: Coverage, *, unit: Unit, campaign: Campaign | None, period: Period | None, units_in_scope
) -> int:
    scope = record_filter(coverage.campaign, coverage.date, campaign=campaign, period=period)
    if scope is None:
        return 0
    covering = coverage.model_class.objects.filter(coverage.filter, scope).values(f"{coverage.unit}_id")
    return units_in_scope.filter(pk__in=covering).count()


def rollup(
    *,
    unit: Unit,
    campaign: Campaign | None = None,
    period: Period | None = None,
    as_of: date | None = None,
    children: bool = True,
    user=None,
) -> Rollup:
    """Figures for ``unit``'s whole subtree, optionally for one campaign and period.

    ``as_of`` is the day against which "overdue" is judged (default: today). With ``user``,
    only the records and units that user may read are counted.
    """
    as_of = as_of or timezone.localdate()
    totals = _zero_totals()
    child_units = list(Unit.objects.get_children(unit)) if children else []
    child_totals = {c.path: _zero_totals() for c in child_units}

    for code, kind in KINDS.items():
        for tally in kind.tallies:
            args = {"unit": unit, "campaign": campaign, "period": period, "as_of": as_of, "user": user}
            for measure, value in _tally(tally, **args, by_child=False).get("", {}).items():
                totals[code][measure] = _number(value, measure)
            if child_units:
                for child_path, values in _tally(tally, **args, by_child=True).items():
                    for measure, value in values.items():
                        child_totals[child_path][code][measure] = _number(value, measure)

    units_in_scope = Unit.objects.filter(subtree_q(unit.path))
    if user is not None:
        units_in_scope = units_in_scope.restrict(user, "read")
    if campaign is not None:
        units_in_scope = units_in_scope.filter(campaign.scope_q())
    in_scope = units_in_scope.count()
    coverage = {
        code: {
            "in_scope": in_scope,
            "covered": _coverage(
                kind.coverage, unit=unit, campaign=campaign, period=period, units_in_scope=units_in_scope
            ),
        }
        for code, kind in KINDS.items()
    }
    return Rollup(
        unit=unit,
        campaign=campaign,
        period=period,
        as_of=as_of,
        totals=totals,
        coverage=coverage,
        children=[ChildRollup(unit=c, totals=child_totals[c.path]) for c in child_units],
    )
