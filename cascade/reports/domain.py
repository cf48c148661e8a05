"""Rollups: the figures of a unit's whole subtree, by kind and measure, with coverage and drill-down.

``rollup()`` is the one public service behind ``cascade rollup``, the dashboards, the
briefings and the API. It reads the figures the engine keeps current on write
(``cascade.reports.engine``), so a rollup at the root costs what one at a leaf costs;
``engine.reference`` counts the same figures from the records, as the yardstick.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Q

from cascade.campaigns.models import Campaign
from cascade.core.scopes import unit_scope
from cascade.organization.models import Unit

from .choices import PeriodPreset
from .engine import current, lateness
from .engine.read import Part, Reader, Window, intersect, normalize
from .engine.series import UNITS
from .vocabulary import KINDS, MEASURES


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


def zero_totals() -> Totals:
    return {code: {m: 0.0 if MEASURES[m].decimal else 0 for m in k.measures} for code, k in KINDS.items()}


def _parts(scope: list[tuple[int, str, bool]] | None) -> list[Part] | None:
    return None if scope is None else normalize(Part(pk, path, whole) for pk, path, whole in scope)


def campaign_parts(campaign: Campaign | None) -> list[Part] | None:
    """The units a campaign is deployed to (None: every unit, when no campaign is asked for)."""
    if campaign is None:
        return None
    # Kept on the instance, like a prefetch: one query however many figures are read.
    if not hasattr(campaign, "_cascade_parts"):
        scopes = campaign.scopes.values_list("unit_id", "unit__path", "include_descendants")
        campaign._cascade_parts = _parts(scopes)
    return campaign._cascade_parts


def readable_parts(user, model: str) -> list[Part] | None:
    """The units whose ``model`` rows ``user`` may read (None: every unit, also when there is no user)."""
    if user is None:
        return None
    return _parts(unit_scope(user, apps.get_model(model)))


def window(campaign: Campaign | None, period: Period | None) -> Window:
    return Window.of(
        campaign.pk if campaign else None, period.start if period else None, period.end if period else None
    )


class FigureView:
    """The parts of the tree a page counts for each kind, for one viewer, campaign and period.

    With a ``user``, each kind is counted over the units whose records of that kind the user
    may read, and coverage over the units the user may see; parts of the tree outside that
    scope are left out. (A distinct count over several separate parts is the sum of the
    parts' counts.)
    """

    def __init__(self, *, campaign: Campaign | None, period: Period | None, as_of: date, user=None):
        self.campaign = campaign
        self.as_of = as_of
        self.day, self.version = current()
        self.reader = Reader(window(campaign, period), as_of, self.day, self.version)
        self.scopes = {code: readable_parts(user, k.tallies[0].model) for code, k in KINDS.items()}
        self.units_scope = intersect(readable_parts(user, "organization.Unit"), campaign_parts(campaign))
        # Unit → kind → parts: a page asks for the same unit's parts once to read, once to answer.
        self._parts: dict[int, dict[str, list[Part]]] = {}

    def unit_parts(self, unit: Unit) -> dict[str, list[Part]]:
        """The parts of ``unit``'s subtree counted for each kind."""
        parts = self._parts.get(unit.pk)
        if parts is None:
            whole = [Part(unit.pk, unit.path)]
            parts = {
                code: whole if scope is None else intersect(whole, scope) or []
                for code, scope in self.scopes.items()
            }
            self._parts[unit.pk] = parts
        return parts

    def kind_parts(self, unit: Unit, code: str) -> list[Part]:
        return self.unit_parts(unit)[code]

    def coverage_parts(self, unit: Unit) -> list[Part]:
        if self.units_scope is None:
            return [Part(unit.pk, unit.path)]
        return intersect([Part(unit.pk, unit.path)], self.units_scope) or []

    def need(self, unit: Unit, *, coverage: bool = True) -> None:
        # Kinds read over the same parts share one list of them.
        for parts in {id(parts): parts for parts in self.unit_parts(unit).values()}.values():
            self.reader.need(parts)
        if coverage:
            self.reader.need(self.coverage_parts(unit), coverage=True)

    @property
    def campaign_id(self) -> int | None:
        return self.campaign.pk if self.campaign else None

    def fresh_reader(self) -> Reader:
        return Reader(self.reader.window, self.as_of, self.day, self.version)

    def read(self) -> None:
        self.reader.read()

    def value(self, unit: Unit, code: str, measure: str) -> int | float:
        """Any counted measure of ``code`` over ``unit``'s subtree (hidden ones included)."""
        return self.reader.figures.measure(self.kind_parts(unit, code), code, measure)

    def totals(self, unit: Unit) -> Totals:
        figures = self.reader.figures
        parts = self.unit_parts(unit)
        return {code: figures.values(parts[code], code, kind.measures) for code, kind in KINDS.items()}

    def coverage(self, unit: Unit, code: str | None = None) -> dict[str, dict[str, int]]:
        parts = self.coverage_parts(unit)
        figures = self.reader.coverage
        in_scope = figures.measure(parts, UNITS, "units")
        return {
            c: {"in_scope": in_scope, "covered": figures.measure(parts, c, "covered")}
            for c in ([code] if code else KINDS)
        }


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
    only the records and units that user may read are counted. Read from the figures the
    engine keeps (``cascade.reports.engine``): the cost is the unit's direct children, not
    its records.
    """
    as_of = as_of or lateness.today()
    figures = FigureView(campaign=campaign, period=period, as_of=as_of, user=user)
    child_units = Unit.objects.children_list(unit) if children else []
    figures.need(unit)
    for child in child_units:
        figures.need(child, coverage=False)
    figures.read()
    return Rollup(
        unit=unit,
        campaign=campaign,
        period=period,
        as_of=as_of,
        totals=figures.totals(unit),
        coverage=figures.coverage(unit),
        children=[ChildRollup(unit=c, totals=figures.totals(c)) for c in child_units],
    )
