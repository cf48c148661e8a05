"""The figures counted straight from the records: the yardstick the engine is held to.

``rollup()`` here answers exactly what ``cascade.reports.domain.rollup`` answers, by
aggregating the raw rows of the vocabulary's tallies over each part of the tree, on every
call. It is slow on purpose (it reads every record of the subtree) and serves the tests
and the benchmark's baseline; nothing else should call it. ``subtree="cte"`` finds the
subtree with a recursive query over the parent links instead of a range of paths, as a
naive implementation would.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Substr
from django.utils import timezone

from cascade.campaigns.models import Campaign
from cascade.organization.models import STEPLEN, Unit, subtree_q

from ..domain import ChildRollup, FigureView, Period, Rollup, Totals, zero_totals
from ..vocabulary import KINDS, MEASURES, Coverage, Tally
from .read import Part


def _subtree(part: Part, lookup: str, strategy: str) -> Q:
    if not part.subtree:
        return Q(**{lookup: part.unit_id})
    if strategy == "cte":
        table = Unit._meta.db_table
        cte = RawSQL(
            f"WITH RECURSIVE sub(id, path) AS (SELECT id, path FROM {table} WHERE id = %s "
            f"UNION ALL SELECT u.id, u.path FROM {table} u JOIN sub ON u.parent_path = sub.path) "
            "SELECT id FROM sub",
            (part.unit_id,),
        )
        return Q(**{f"{lookup}__in": cte})
    return subtree_q(part.path, f"{lookup}__path")


class Counter:
    """Counts one window (campaign, period, as-of day) from the raw rows."""

    def __init__(self, *, campaign: Campaign | None, period: Period | None, as_of: date, strategy: str):
        self.campaign = campaign
        self.start = period.start if period else None
        self.end = period.end if period else None
        self.dated = bool(self.start or self.end)
        self.as_of = as_of
        self.strategy = strategy

    def _window(self, campaign: str | None, day: str | None, *, dates: bool = True) -> Q | None:
        """The rows in the window (campaign, and period when ``dates``); None when none can be."""
        q = Q()
        if self.campaign is not None:
            if campaign is None:
                return None
            q &= Q(**{campaign: self.campaign})
        if self.dated and dates:
            if day is None:
                return None
            q &= Q(**{f"{day}__isnull": False})
            if self.start:
                q &= Q(**{f"{day}__gte": self.start})
            if self.end:
                q &= Q(**{f"{day}__lte": self.end})
        return q

    def _rows(self, tally: Tally | Coverage, part: Part, *, dates: bool = True) -> QuerySet | None:
        window = self._window(tally.campaign, tally.date, dates=dates)
        if window is None:
            return None
        return tally.model_class._default_manager.filter(
            tally.filter, window, _subtree(part, tally.unit, self.strategy)
        ).order_by()

    def tally(
        self, kind: str, tally: Tally, part: Part, *, by_child: bool = False
    ) -> dict[str, dict[str, int | float]]:
        """Measures that are not distinct counts: {"": {measure: value}}, or per direct child's path."""
        rows = self._rows(tally, part)
        if rows is None:
            return {}
        values = {}
        overdue = KINDS[kind].overdue
        for measure, agg in tally.values.items():
            if agg.distinct:
                continue
            values[measure] = agg.expression()
            if measure == overdue:
                values["overdue"] = agg.expression(Q(**{f"{tally.due}__lt": self.as_of}))
        if not values:
            return {}
        if not by_child:
            return {"": _numbers(rows.aggregate(**values))}
        child_len = len(part.path) + STEPLEN
        path = f"{tally.unit}__path"
        grouped = (
            rows.annotate(_len=Length(path))
            .filter(_len__gte=child_len)
            .annotate(_child=Substr(path, 1, child_len))
            .values("_child")
            .annotate(**values)
        )
        return {row.pop("_child"): _numbers(row) for row in grouped}

    def firsts(self, source: Tally | Coverage, part: Part, *, by_end: bool) -> int:
        """Units of the part with their first record in the window (or, ``by_end``, by its end)."""
        rows = self._rows(source, part, dates=False)
        if rows is None:
            return 0
        if source.date is None:
            return 0 if self.dated else rows.values(source.unit).distinct().count()
        firsts = rows.filter(**{f"{source.date}__isnull": False}) if self.dated else rows
        firsts = firsts.values(source.unit).annotate(_first=Min(source.date))
        if self.dated:
            if self.start and not by_end:
                firsts = firsts.filter(_first__gte=self.start)
            if self.end:
                firsts = firsts.filter(_first__lte=self.end)
        return firsts.count()

    def distinct(self, tally: Tally, measure: str, part: Part) -> int:
        """Distinct other units counted through the part's units (with a period: those counted
        for the first time in it); a unit alone counts what its subtree counts less what its
        children's subtrees count."""
        if not part.subtree:
            unit = Unit.objects.get(pk=part.unit_id)
            whole = self.distinct(tally, measure, Part(unit.pk, unit.path))
            below = sum(
                self.distinct(tally, measure, Part(c.pk, c.path)) for c in Unit.objects.get_children(unit)
            )
            return whole - below
        counted = tally.values[measure].field
        rows = self._rows(tally, part, dates=False)
        if rows is None:
            return 0
        if not self.dated:
            return rows.aggregate(n=Count(counted, distinct=True))["n"]
        if tally.date is None:
            return 0
        firsts = (
            rows.filter(**{f"{tally.date}__isnull": False}).values(counted).annotate(_first=Min(tally.date))
        )
        if self.start:
            firsts = firsts.filter(_first__gte=self.start)
        if self.end:
            firsts = firsts.filter(_first__lte=self.end)
        return firsts.count()


def _numbers(values: dict) -> dict[str, int | float]:
    return {
        m: float(v or 0) if isinstance(v, Decimal) or (m in MEASURES and MEASURES[m].decimal) else int(v or 0)
        for m, v in values.items()
    }


def _add(into: dict[str, int | float], values: dict[str, int | float]) -> None:
    """Add the reported measures of ``values`` (hidden ones are not reported)."""
    for measure, value in values.items():
        if measure in into:
            into[measure] += value


def _kind(counter: Counter, code: str, part: Part, children: list[Unit]) -> tuple[dict, dict[int, dict]]:
    """One kind's figures over ``part``, and over each of ``children`` (the part's direct children)."""
    zero = zero_totals()[code]
    out = dict(zero)
    per_child = {c.pk: dict(zero) for c in children}
    by_path = {c.path: c.pk for c in children}
    for tally in KINDS[code].tallies:
        _add(out, counter.tally(code, tally, part).get("", {}))
        if children:
            for path, values in counter.tally(code, tally, part, by_child=True).items():
                if path in by_path:
                    _add(per_child[by_path[path]], values)
        for measure, agg in tally.values.items():
            if not agg.distinct:
                continue
            for target, where in [(out, part), *((per_child[c.pk], Part(c.pk, c.path)) for c in children)]:
                if agg.field == tally.unit:
                    target[measure] += counter.firsts(tally, where, by_end=False)
                else:
                    target[measure] += counter.distinct(tally, measure, where)
    return out, per_child


def rollup(
    *,
    unit: Unit,
    campaign: Campaign | None = None,
    period: Period | None = None,
    as_of: date | None = None,
    children: bool = True,
    user=None,
    subtree: str = "range",
) -> Rollup:
    """What ``domain.rollup`` answers, counted from the records."""
    as_of = as_of or timezone.localdate()
    counter = Counter(campaign=campaign, period=period, as_of=as_of, strategy=subtree)
    view = FigureView(campaign=campaign, period=period, as_of=as_of, user=user)
    child_units = list(Unit.objects.get_children(unit)) if children else []
    totals: Totals = zero_totals()
    child_totals: dict[int, Totals] = {c.pk: zero_totals() for c in child_units}
    whole = Part(unit.pk, unit.path)
    for code in KINDS:
        if view.kind_parts(unit, code) == [whole] and all(
            view.kind_parts(c, code) == [Part(c.pk, c.path)] for c in child_units
        ):
            totals[code], per_child = _kind(counter, code, whole, child_units)
            for pk, values in per_child.items():
                child_totals[pk][code] = values
            continue
        for part in view.kind_parts(unit, code):
            _add(totals[code], _kind(counter, code, part, [])[0])
        for child in child_units:
            for part in view.kind_parts(child, code):
                _add(child_totals[child.pk][code], _kind(counter, code, part, [])[0])
    coverage_parts = view.coverage_parts(unit)
    units_q = Q(pk__in=[])
    for part in coverage_parts:
        units_q |= subtree_q(part.path) if part.subtree else Q(pk=part.unit_id)
    in_scope = Unit.objects.filter(units_q).count()
    coverage = {
        code: {
            "in_scope": in_scope,
            "covered": sum(counter.firsts(kind.coverage, part, by_end=True) for part in coverage_parts),
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
        children=[ChildRollup(unit=c, totals=child_totals[c.pk]) for c in child_units],
    )
