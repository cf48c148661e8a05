"""Reading figures: any set of units, any campaign and period, in a handful of indexed lookups.

A set of units is a list of disjoint *parts*: a unit with its whole subtree, or a unit
alone. A subtree's figures are its unit's own figures plus its subtree figures; a unit
alone has its own figures only. ``Reader`` collects every part a page needs, reads them
all in one query (two when a period is set: coverage is counted up to the period's end),
and answers figures per part from what it read.

A period is answered from whole months where it covers them and from days at its ends.
Coverage with a period counts the units that had a record by the period's end ("done by
then", so that coverage only grows); distinct units visited count a unit in the period of
its first visit, so that periods add up.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection

from ..models import VALUE_COLUMNS
from .series import ALL_CAMPAIGNS, GRAIN_ALL, GRAIN_DAY, GRAIN_MONTH, SERIES, UNITS, Series


@dataclass(frozen=True)
class Part:
    unit_id: int
    path: str
    subtree: bool = True

    def holds(self, path: str) -> bool:
        return path.startswith(self.path) if self.subtree else path == self.path


def normalize(parts: Iterable[Part]) -> list[Part]:
    """The same units as ``parts``, as disjoint parts (a part inside a subtree part is dropped)."""
    out: list[Part] = []
    for part in sorted(set(parts), key=lambda p: (p.path, not p.subtree)):
        if not any(o.subtree and o.holds(part.path) for o in out):
            out.append(part)
    return out


def _meet(p: Part, q: Part) -> Part | None:
    if p.subtree and q.subtree:
        return q if q.path.startswith(p.path) else p if p.path.startswith(q.path) else None
    if not p.subtree and not q.subtree:
        return p if p.unit_id == q.unit_id else None
    alone, whole = (p, q) if not p.subtree else (q, p)
    return alone if whole.holds(alone.path) else None


def intersect(a: list[Part] | None, b: list[Part] | None) -> list[Part] | None:
    """Units in both sets (None stands for every unit)."""
    if a is None:
        return b
    if b is None:
        return a
    return normalize(m for p in normalize(a) for q in normalize(b) if (m := _meet(p, q)) is not None)


@dataclass(frozen=True)
class Window:
    """Which records a read counts: one campaign (or all) and an optional inclusive date range."""

    campaign: int | None = None
    start: date | None = None
    end: date | None = None
    dated: bool = False  # a period is set: records without a date are left out

    @classmethod
    def of(cls, campaign_id: int | None, start: date | None, end: date | None) -> Window:
        return cls(campaign_id, start, end, dated=bool(start or end))

    @property
    def coverage(self) -> Window:
        """Coverage with a period counts everything up to the period's end."""
        return Window(self.campaign, None, self.end, self.dated)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _subtree_condition(window: Window) -> tuple[str, list]:
    """Rows of ``reports_subtreefigure`` that make up the window's dates, with no overlap."""
    if not window.dated:
        return "grain = %s", [GRAIN_ALL]
    lo, hi = window.start, window.end
    first = lo if lo is None or lo.day == 1 else _month_end(lo) + timedelta(days=1)
    last = hi if hi is None or hi == _month_end(hi) else _month_start(hi) - timedelta(days=1)
    if first is not None and last is not None and first > last:
        return _days(lo, hi)
    parts, params = [], []
    months = ["grain = %s"]
    params.append(GRAIN_MONTH)
    if first is not None:
        months.append("bucket >= %s")
        params.append(first)
    if last is not None:
        months.append("bucket <= %s")
        params.append(_month_start(last))
    parts.append(f"({' AND '.join(months)})")
    if lo is not None and first != lo:
        sql, more = _days(lo, first - timedelta(days=1))
        parts.append(sql)
        params += more
    if hi is not None and last != hi:
        sql, more = _days(last + timedelta(days=1), hi)
        parts.append(sql)
        params += more
    return f"({' OR '.join(parts)})", params


def _days(lo: date | None, hi: date | None) -> tuple[str, list]:
    sql, params = ["grain = %s"], [GRAIN_DAY]
    if lo is not None:
        sql.append("bucket >= %s")
        params.append(lo)
    if hi is not None:
        sql.append("bucket <= %s")
        params.append(hi)
    return f"({' AND '.join(sql)})", params


def _own_condition(window: Window) -> tuple[str, list]:
    if not window.dated:
        return "", []
    sql, params = ["day IS NOT NULL"], []
    if window.start:
        sql.append("day >= %s")
        params.append(window.start)
    if window.end:
        sql.append("day <= %s")
        params.append(window.end)
    return " AND ".join(sql), params


def _query(window: Window, own: list[int], whole: list[int], as_of: date) -> list[tuple]:
    """Sums per (source, unit, series, all-campaigns row, late) for the units asked for."""
    selects, params = [], []
    sums = ", ".join(f"SUM({v})" for v in VALUE_COLUMNS)
    head = "CASE WHEN ckey = %s THEN 1 ELSE 0 END, CASE WHEN due < %s THEN 1 ELSE 0 END"
    campaign = ""
    campaign_params: list = []
    if window.campaign is not None:
        campaign = " AND (ckey = %s OR series = %s)"
        campaign_params = [window.campaign, UNITS]
    for source, table, units, (condition, condition_params) in (
        ("o", "reports_unitfigure", own + whole, _own_condition(window)),
        ("s", "reports_subtreefigure", whole, _subtree_condition(window)),
    ):
        if not units:
            continue
        units = sorted(set(units))
        placeholders = ", ".join(["%s"] * len(units))
        dates = ""
        if condition:
            units_rows = "grain = 0" if source == "s" else "1 = 1"
            dates = f" AND ((series = %s AND {units_rows}) OR {condition})"
            condition_params = [UNITS, *condition_params]
        elif source == "s":
            dates = " AND grain = 0"
        selects.append(
            f"SELECT '{source}', unit_id, series, {head}, {sums} FROM {table} "
            f"WHERE unit_id IN ({placeholders}){campaign}{dates} GROUP BY unit_id, series, 4, 5"
        )
        params += [ALL_CAMPAIGNS, as_of, *units, *campaign_params, *condition_params]
    if not selects:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return cursor.fetchall()


Values = dict[str, dict[str, int | float]]


@dataclass
class Figures:
    """Sums read for one window: (source, unit) → series → [(all-campaigns row, late, values)]."""

    window: Window
    rows: dict[tuple[str, int], dict[str, list[tuple[int, int, tuple]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def add(self, rows: list[tuple]) -> None:
        for source, unit_id, series, everything, late, *values in rows:
            # int(): PostgreSQL sums bigints as numeric.
            self.rows[source, unit_id][series].append((everything, late, tuple(int(v) for v in values)))

    def column(self, parts: Iterable[Part], series: Series, measure: str, *, late_only: bool = False) -> int:
        """The raw (scaled) sum of one column over ``parts``."""
        column = series.columns[measure]
        total = 0
        for part in parts:
            for source in ("o", "s") if part.subtree else ("o",):
                for everything, late, values in self.rows.get((source, part.unit_id), {}).get(
                    series.code, ()
                ):
                    if late_only and not late:
                        continue
                    if self.window.campaign is None and bool(everything) != column.distinct:
                        continue
                    total += values[column.index]
        return total

    def measure(self, parts: Iterable[Part], series: str, measure: str) -> int | float:
        s = SERIES[series]
        parts = list(parts)
        if measure == "overdue" and s.overdue:
            return self.column(parts, s, s.overdue, late_only=True)
        column = s.columns[measure]
        raw = self.column(parts, s, measure)
        return raw / column.scale if column.scale != 1 else raw


class Reader:
    """Collects the parts a page needs, then reads them all at once."""

    def __init__(self, window: Window, as_of: date):
        self.window = window
        self.as_of = as_of
        self._own: set[int] = set()
        self._whole: set[int] = set()
        self._coverage_own: set[int] = set()
        self._coverage_whole: set[int] = set()
        self.figures: Figures | None = None
        self.coverage: Figures | None = None

    def need(self, parts: Iterable[Part], *, coverage: bool = False) -> None:
        own, whole = (self._coverage_own, self._coverage_whole) if coverage else (self._own, self._whole)
        for part in parts:
            (whole if part.subtree else own).add(part.unit_id)

    def read(self) -> None:
        """Read every part needed so far (again, if read before)."""
        self.figures = Figures(self.window)
        cover_window = self.window.coverage
        if cover_window == self.window:
            own, whole = self._own | self._coverage_own, self._whole | self._coverage_whole
            self.figures.add(_query(self.window, sorted(own), sorted(whole), self.as_of))
            self.coverage = self.figures
            return
        self.figures.add(_query(self.window, sorted(self._own), sorted(self._whole), self.as_of))
        self.coverage = Figures(cover_window)
        self.coverage.add(
            _query(cover_window, sorted(self._coverage_own), sorted(self._coverage_whole), self.as_of)
        )


def daily(
    parts: list[Part],
    *,
    campaign: int | None,
    series: str,
    start: date | None = None,
    end: date | None = None,
) -> dict[date, tuple[int, ...]]:
    """One series' additive values per day over ``parts`` (records that have a date)."""
    own = sorted({p.unit_id for p in parts})
    whole = sorted({p.unit_id for p in parts if p.subtree})
    if not own:
        return {}
    sums = ", ".join(f"SUM({v})" for v in VALUE_COLUMNS)
    campaign_sql, campaign_params = ("ckey = %s", [campaign]) if campaign is not None else ("ckey >= 0", [])
    selects, params = [], []
    for table, day, units, extra in (
        ("reports_unitfigure", "day", own, "day IS NOT NULL"),
        ("reports_subtreefigure", "bucket", whole, f"grain = {GRAIN_DAY}"),
    ):
        if not units:
            continue
        where = [f"unit_id IN ({', '.join(['%s'] * len(units))})", "series = %s", campaign_sql, extra]
        more = [*units, series, *campaign_params]
        if start:
            where.append(f"{day} >= %s")
            more.append(start)
        if end:
            where.append(f"{day} <= %s")
            more.append(end)
        selects.append(f"SELECT {day}, {sums} FROM {table} WHERE {' AND '.join(where)} GROUP BY {day}")
        params += more
    out: dict[date, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for day, *values in cursor.fetchall():
            day = date.fromisoformat(day) if isinstance(day, str) else day
            total = out.setdefault(day, [0] * len(VALUE_COLUMNS))
            for i, value in enumerate(values):
                total[i] += int(value)
    return {day: tuple(values) for day, values in out.items()}
