"""Reading figures: any set of units, any campaign and period, in a handful of indexed lookups.

A set of units is a list of disjoint *parts*: a unit with its whole subtree, or a unit
alone. A subtree's figures are its unit's own figures plus its subtree figures; a unit
alone has its own figures only. ``Reader`` collects every part a page needs, reads them
all in one query (with a period, one more for coverage, counted up to the period's end,
and a small one first: which of the units keep figures by period), and answers figures per
part from what it read.

A period is answered from whole months where it covers them and from days at its ends, for
the units kept by period (large subtrees, ``GrainedUnit``); a smaller subtree's period is
summed from its descendants' own figures by day.
Coverage with a period counts the units that had a record by the period's end ("done by
then", so that coverage only grows); distinct units visited count a unit in the period of
its first visit, so that periods add up.
"""

from __future__ import annotations

import calendar
import operator
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TypeVar

from django.db import connection

from ..models import VALUE_COLUMNS
from .series import (
    ALL_CAMPAIGNS,
    COVERED_INDEX,
    DISTINCT_INDEX,
    DISTINCT_SERIES,
    DUE,
    DUE_SERIES,
    GRAIN_ALL,
    GRAIN_DAY,
    GRAIN_MONTH,
    GRAIN_OWN,
    NO_CAMPAIGN,
    NO_DUE,
    SERIES,
    UNITS,
    Series,
)
from .sql import GRAINED, V

T = TypeVar("T")

# A unit's strict descendants' own figures, as rows of the unit (``a.ancestor_id``).
BELOW = (
    "reports_unitfigure JOIN reports_unitancestor a "
    "ON a.unit_id = reports_unitfigure.unit_id AND a.distance > 0"
)


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


def _subtree_conditions(window: Window) -> list[tuple[str, list]]:
    """Conditions on ``reports_rollupfigure`` whose rows make up the window's dates, with no
    overlap: whole months, and days at either end. Each is read on its own, as one range of
    the index (a disjunction of them would have the database read every bucket)."""
    if not window.dated:
        return [("grain = %s", [GRAIN_ALL])]
    lo, hi = window.start, window.end
    first = lo if lo is None or lo.day == 1 else _month_end(lo) + timedelta(days=1)
    last = hi if hi is None or hi == _month_end(hi) else _month_start(hi) - timedelta(days=1)
    if first is not None and last is not None and first > last:
        return [_days(lo, hi)]
    months, params = ["grain = %s"], [GRAIN_MONTH]
    if first is not None:
        months.append("bucket >= %s")
        params.append(first)
    if last is not None:
        months.append("bucket <= %s")
        params.append(_month_start(last))
    out = [(" AND ".join(months), params)]
    if lo is not None and first != lo:
        out.append(_days(lo, first - timedelta(days=1)))
    if hi is not None and last != hi:
        out.append(_days(last + timedelta(days=1), hi))
    return out


def _days(lo: date | None, hi: date | None) -> tuple[str, list]:
    sql, params = ["grain = %s"], [GRAIN_DAY]
    if lo is not None:
        sql.append("bucket >= %s")
        params.append(lo)
    if hi is not None:
        sql.append("bucket <= %s")
        params.append(hi)
    return " AND ".join(sql), params


def _day_condition(window: Window) -> tuple[str, list]:
    sql, params = ["day IS NOT NULL"], []
    if window.start:
        sql.append("day >= %s")
        params.append(window.start)
    if window.end:
        sql.append("day <= %s")
        params.append(window.end)
    return " AND ".join(sql), params


def _sum(expression: str) -> str:
    # An integer: PostgreSQL sums bigints as numeric, which reaches Python as Decimal.
    return f"CAST(SUM({expression}) AS BIGINT)"


def _sums_sql(window: Window) -> tuple[str, list]:
    """The summed value columns. Over all campaigns, distinct counts are read from their own rows
    (``ALL_CAMPAIGNS``) and every other figure from the per-campaign rows."""
    if window.campaign is not None:
        return ", ".join(_sum(v) for v in VALUE_COLUMNS), []
    exprs, params = [], []
    for index, v in enumerate(VALUE_COLUMNS):
        if index == COVERED_INDEX:
            exprs.append(_sum(f"CASE WHEN ckey = %s THEN {v} ELSE 0 END"))
            params.append(ALL_CAMPAIGNS)
        elif index == DISTINCT_INDEX:
            listed = ", ".join(["%s"] * len(DISTINCT_SERIES))
            exprs.append(
                _sum(
                    f"CASE WHEN series IN ({listed}) THEN (CASE WHEN ckey = %s THEN {v} ELSE 0 END) "
                    f"ELSE (CASE WHEN ckey >= 0 THEN {v} ELSE 0 END) END"
                )
            )
            params += [*DISTINCT_SERIES, ALL_CAMPAIGNS]
        else:
            exprs.append(_sum(f"CASE WHEN ckey >= 0 THEN {v} ELSE 0 END"))
    return ", ".join(exprs), params


def kept_by_period(units: Iterable[int]) -> set[int]:
    """Those of ``units`` whose subtree figures are kept by month and day (``GrainedUnit``).

    Asked first, so that each unit's period is read one way only: a condition on it inside
    the query would have the database walk a large subtree's descendants to find nothing.
    """
    units = sorted(set(units))
    if not units:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(f"{GRAINED} WHERE unit_id IN ({', '.join(['%s'] * len(units))})", units)
        return {row[0] for row in cursor.fetchall()}


def _query(
    window: Window,
    own: list[int],
    whole: list[int],
    *,
    due: tuple[date, date] | None = None,
    grained: set[int] = frozenset(),
) -> list[tuple]:
    """Sums per (source, unit, series) for the units asked for.

    Source "o" is a unit's own records, "s" its strict descendants', "w" both together
    (its whole subtree, read in one go when no period is set). With ``due``, only the
    deadline series, for deadlines in [due[0], due[1]). ``grained``: the units of ``whole``
    kept by period (needed with a period).
    """
    own, whole = sorted(set(own)), sorted(set(whole))
    if not own and not whole:
        return []
    sums, sums_params = _sums_sql(window)
    common, common_params = [], []
    if due is None:
        common.append("due = %s")
        common_params.append(NO_DUE)
    else:
        common.append(f"series IN ({', '.join(['%s'] * len(DUE_SERIES))}) AND due >= %s AND due < %s")
        common_params += [*DUE_SERIES, *due]
    # One campaign: its figures, and the unit count, which is kept under no campaign.
    campaign, campaign_params = (
        ("ckey = %s", [window.campaign]) if window.campaign is not None else ("1 = 1", [])
    )
    raw = False
    if window.dated:
        days, days_params = _day_condition(window)
        days, days_params = f"{campaign} AND {days}", [*campaign_params, *days_params]
        count, count_params = (
            ("ckey = %s AND series = %s", [NO_CAMPAIGN, UNITS])
            if window.campaign is not None
            else ("series = %s", [UNITS])
        )
        grained_units = [u for u in whole if u in grained]
        others = [u for u in whole if u not in grained]
        sources = [
            # Own records by day, and the unit count (which has no day).
            ("o", sorted(set(own) | set(whole)), "unit_id", "reports_unitfigure", days, days_params),
            ("o", sorted(set(own) | set(whole)), "unit_id", "reports_unitfigure", count, count_params),
            # Descendants: the unit count ...
            (
                "s",
                whole,
                "unit_id",
                "reports_rollupfigure",
                f"{count} AND grain = %s",
                [*count_params, GRAIN_ALL],
            ),
            # ... months and days where the unit keeps them (each a range of the index) ...
            *(
                (
                    "s",
                    grained_units,
                    "unit_id",
                    "reports_rollupfigure",
                    f"{campaign} AND {condition}",
                    [*campaign_params, *params],
                )
                for condition, params in _subtree_conditions(window)
            ),
            # ... or else their own records by day.
            ("s", others, "a.ancestor_id", BELOW, days, days_params),
        ]
    else:
        # A unit has a row or two per series for one campaign: they are added up as read
        # (``Figures.add``), which costs less than having the database group them.
        raw = window.campaign is not None
        if raw:  # the first condition is the index's
            campaign = f"ckey IN (%s, %s) AND ({campaign} OR series = %s)"
            campaign_params = [window.campaign, NO_CAMPAIGN, *campaign_params, UNITS]
        sources = [
            (
                "o",
                own,
                "unit_id",
                "reports_rollupfigure",
                f"{campaign} AND grain = %s",
                [*campaign_params, GRAIN_OWN],
            ),
            (
                "w",
                whole,
                "unit_id",
                "reports_rollupfigure",
                f"{campaign} AND grain IN (%s, %s)",
                [*campaign_params, GRAIN_ALL, GRAIN_OWN],
            ),
        ]
    selects, params = [], []
    for source, units, unit, table, condition, condition_params in sources:
        if not units:
            continue
        where = [f"{unit} IN ({', '.join(['%s'] * len(units))})", *common, condition]
        if raw:
            selects.append(f"SELECT '{source}', {unit}, series, {V} FROM {table} WHERE {' AND '.join(where)}")
        else:
            selects.append(
                f"SELECT '{source}', {unit}, series, {sums} FROM {table} "
                f"WHERE {' AND '.join(where)} GROUP BY {unit}, series"
            )
            params += sums_params
        params += [*units, *common_params, *condition_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return cursor.fetchall()


Values = dict[str, dict[str, int | float]]


@dataclass
class Figures:
    """Sums read for one window: (source, unit) → series → its eight values."""

    window: Window
    rows: dict[tuple[str, int], dict[str, tuple[int, ...]]] = field(default_factory=dict)
    # Open records by deadline between the as-of day and the lateness day, and the sign to
    # correct "overdue" with (+1 when the as-of day is later).
    late: Figures | None = None
    late_sign: int = 0

    @classmethod
    def of(cls, window: Window, rows: list[tuple]) -> Figures:
        figures = cls(window)
        figures.add(rows)
        return figures

    def size(self) -> int:
        """How many series of a unit were read."""
        return sum(map(len, self.rows.values()))

    def add(self, rows: list[tuple]) -> None:
        read = self.rows
        for row in rows:
            by_series = read.get(row[:2])
            if by_series is None:
                by_series = read[row[:2]] = {}
            known = by_series.get(row[2])
            by_series[row[2]] = row[3:] if known is None else tuple(map(operator.add, known, row[3:]))

    def _sums(self, parts: Iterable[Part], code: str) -> Sequence[int]:
        found = []
        rows = self.rows
        for part in parts:
            whole = rows.get(("w", part.unit_id)) if part.subtree else None
            if whole is not None:
                by_source = (whole,)
            elif part.subtree:
                by_source = (rows.get(("o", part.unit_id)), rows.get(("s", part.unit_id)))
            else:
                by_source = (rows.get(("o", part.unit_id)),)
            for by_series in by_source:
                sums = by_series.get(code) if by_series else None
                if sums is not None:
                    found.append(sums)
        if len(found) == 1:
            return found[0]
        return [sum(column) for column in zip(*found, strict=True)] if found else [0] * len(VALUE_COLUMNS)

    def raw(self, parts: Iterable[Part], series: Series) -> dict[str, int]:
        """Every column of ``series`` summed over ``parts``, as stored (decimals in tenths)."""
        sums = self._sums(parts, series.code)
        return {m: sums[c.index] for m, c in series.columns.items()}

    def values(
        self, parts: Iterable[Part], code: str, measures: Iterable[str] | None = None
    ) -> dict[str, int | float]:
        """The measures of series ``code`` (all of them by default) over ``parts``, lateness
        judged on the as-of day."""
        series = SERIES[code]
        parts = list(parts)
        sums = self._sums(parts, code)
        late = 0
        if self.late is not None and series.overdue:
            late = self.late_sign * self.late.raw(parts, SERIES[code + DUE])[series.overdue]
        columns = series.columns
        out = {}
        for measure in columns if measures is None else measures:
            column = columns[measure]
            value = sums[column.index]
            if late and measure == "overdue":
                value += late
            out[measure] = value / column.scale if column.scale != 1 else value
        return out

    def measure(self, parts: Iterable[Part], code: str, measure: str) -> int | float:
        return self.values(parts, code, (measure,))[measure]


# Reads kept for as long as the figures they were read from are the stored ones: keyed by the
# figures' version, which every transaction that changes them replaces (``drain.current``).
# The last KEPT_READS reads, each of at most KEPT_SIZE values (units asked for, series read).
KEPT_READS = 32
KEPT_SIZE = 5_000
_kept: OrderedDict[tuple, object] = OrderedDict()
_kept_lock = threading.Lock()  # the development server answers in threads


def _kept_read(version: str, key: tuple, read: Callable[[], T], size: Callable[[T], int] = len) -> T:
    """``read()``, or what it gave before under the same figures' version (none: read afresh)."""
    if not version:
        return read()
    key = (connection.alias, version, *key)
    with _kept_lock:
        value = _kept.get(key, _kept)
        if value is not _kept:
            _kept.move_to_end(key)
            return value
    value = read()
    if size(value) + sum(len(k) for k in key if isinstance(k, frozenset)) <= KEPT_SIZE:
        with _kept_lock:
            _kept[key] = value
            if len(_kept) > KEPT_READS:
                _kept.popitem(last=False)
    return value


def forget_reads() -> None:
    """Read everything afresh from now on (what a process's first read does)."""
    with _kept_lock:
        _kept.clear()


class Reader:
    """Collects the parts a page needs, then reads them all at once.

    ``day`` is the lateness day the stored "overdue" figures were judged against; ``version``
    the figures' version when they were found current ("": read them afresh).
    """

    def __init__(self, window: Window, as_of: date, day: date, version: str = ""):
        self.window = window
        self.as_of = as_of
        self.day = day
        self.version = version
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
        cover_window = self.window.coverage
        same = cover_window == self.window
        own, whole = self._own, self._whole
        if same:
            own, whole = own | self._coverage_own, whole | self._coverage_whole
        units = frozenset(whole | self._coverage_whole)
        grained = (
            _kept_read(self.version, ("grained", units), lambda: kept_by_period(units))
            if self.window.dated
            else frozenset()
        )

        def query(
            window: Window, own: set[int], whole: set[int], due: tuple[date, date] | None = None
        ) -> Figures:
            key = ("query", window, frozenset(own), frozenset(whole), due)
            return _kept_read(
                self.version,
                key,
                lambda: Figures.of(window, _query(window, own, whole, due=due, grained=grained)),
                Figures.size,
            )

        self.figures = query(self.window, own, whole)
        if self.as_of != self.day:
            lo, hi = sorted((self.as_of, self.day))
            self.figures = replace(self.figures, late=query(self.window, own, whole, (lo, hi)))
            self.figures.late_sign = 1 if self.as_of > self.day else -1
        self.coverage = (
            self.figures if same else query(cover_window, self._coverage_own, self._coverage_whole)
        )


def daily(
    parts: list[Part],
    *,
    campaign: int | None,
    series: str,
    start: date | None = None,
    end: date | None = None,
    version: str = "",
) -> dict[date, tuple[int, ...]]:
    """One series' additive values per day over ``parts`` (records that have a date); not for
    a deadline series. ``version``: the figures' version they were found current under (the
    read is then kept while it stands)."""
    key = ("daily", frozenset(parts), campaign, series, start, end)
    return _kept_read(version, key, lambda: _daily(parts, campaign, series, start, end))


def _daily(
    parts: list[Part], campaign: int | None, series: str, start: date | None, end: date | None
) -> dict[date, tuple[int, ...]]:
    own = sorted({p.unit_id for p in parts})
    whole = sorted({p.unit_id for p in parts if p.subtree})
    if not own:
        return {}
    grained = kept_by_period(whole)
    sums = ", ".join(f"SUM({v})" for v in VALUE_COLUMNS)
    campaign_sql, campaign_params = ("ckey = %s", [campaign]) if campaign is not None else ("ckey >= 0", [])
    selects, params = [], []
    for table, unit, day, units, extra in (
        ("reports_unitfigure", "unit_id", "day", own, "day IS NOT NULL"),
        (
            "reports_rollupfigure",
            "unit_id",
            "bucket",
            [u for u in whole if u in grained],
            f"grain = {GRAIN_DAY}",
        ),
        (BELOW, "a.ancestor_id", "day", [u for u in whole if u not in grained], "day IS NOT NULL"),
    ):
        if not units:
            continue
        # Rows outside the deadline series have no deadline: saying so lets the key reach the days.
        where = [
            f"{unit} IN ({', '.join(['%s'] * len(units))})",
            "due = %s",
            "series = %s",
            campaign_sql,
            extra,
        ]
        more = [*units, NO_DUE, series, *campaign_params]
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
