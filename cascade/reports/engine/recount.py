"""Recounting one family of figures from the records, for a set of keys (or for everything).

Every tally and coverage of the vocabulary becomes an ``INSERT ... SELECT`` into the scratch
table ``cascade_new``, compiled once by the ORM from the vocabulary's own declarations; the
keys to recount are read from the scratch table ``cascade_keys``. Three counts are not a
plain GROUP BY and are made here in Python from the rows:

- distinct units counted through another unit (the units a steering group supervises,
  counted at the dispatching unit): each supervised unit adds +1 at every distinct unit
  whose groups supervise it and -1 at the lowest common ancestor of each two neighbours
  in tree order, so that the sum over any subtree is the number of distinct units its
  groups supervise;
- the rectification trend: each item's steps in open / overdue / closed on the days its
  state changed (from its history);
- the unit count, one per unit.

Distinct counts of a record's own unit (coverage, units visited) are the first date the
unit has such a record: one per unit, placed on that day, so they add up over subtrees
and over periods.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.apps import apps
from django.db import connection
from django.db.models import Count, DateField, F, Min, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from cascade.campaigns.choices import RECTIFICATION_CLOSED
from cascade.organization.models import STEPLEN

from ..models import VALUE_COLUMNS
from ..vocabulary import KINDS, Coverage, Tally
from .families import UNITS, Family, distinct_elsewhere, members, tally_key
from .series import ALL_CAMPAIGNS, DUE, NO_CAMPAIGN, NO_DUE, RECTIFICATION_TREND, SERIES
from .series import UNITS as UNITS_SERIES
from .sql import date_literal

KEYS = "SELECT key FROM cascade_keys"
INSERTED_ROWS = "SELECT row_id FROM cascade_rows WHERE source = %s"
# What a recount counts: every row, the rows of the keys in ``cascade_keys``, or (additive
# figures only) the inserted rows in ``cascade_rows`` of those keys.
ALL, KEYED, INSERTED = "all", "keyed", "inserted"
NEW_COLUMNS = f"key, unit_id, ckey, series, day, due, {', '.join(VALUE_COLUMNS)}"

Row = tuple  # (key, unit_id, ckey, series, day, due, v0..v7)


@dataclass(frozen=True)
class Statement:
    sql: str
    params: tuple


def _ckey(lookup: str | None):
    return Coalesce(F(lookup), Value(NO_CAMPAIGN)) if lookup else Value(NO_CAMPAIGN)


def _day(lookup: str | None):
    return F(lookup) if lookup else Cast(Value(None), DateField())


def _base(model: str, condition: Q, key: str, scope: str):
    # Rows whose key is empty (a conference without a secretariat) count nowhere.
    keys = Q(**{f"{key}__isnull": False}) if scope == ALL else Q(**{f"{key}__in": RawSQL(KEYS, ())})
    manager = apps.get_model(model)._default_manager
    if scope == INSERTED:
        keys &= Q(pk__in=RawSQL(INSERTED_ROWS, (manager.model._meta.db_table,)))
    return manager.filter(condition, keys).order_by()


def _literal(code: str) -> str:
    """A series code written into the SQL (codes come from the vocabulary, never from input)."""
    if not code.replace("_", "").isalnum():
        raise ValueError(f"Unexpected series code {code!r}")
    return f"'{code}'"


def _column(sql: str, scale: int) -> str:
    scaled = f"ROUND(COALESCE({sql}, 0) * {scale})" if scale != 1 else f"COALESCE({sql}, 0)"
    return f"CAST({scaled} AS BIGINT)"


def _insert(
    qs,
    *,
    series: dict[str, dict[str, str]],
    ckey: str = "q.k_ckey",
    day: str = "q.k_day",
    due: str = "q.k_due",
) -> Statement:
    """INSERT the grouped rows of ``qs`` into ``cascade_new``.

    ``series`` maps each series code to its measures' SQL over ``q``; with several series,
    ``qs`` gives each row's code as ``k_series``.
    """
    exprs = []
    for index in range(len(VALUE_COLUMNS)):
        cases = []
        for code, values in series.items():
            columns = SERIES[code].columns
            found = [(m, sql) for m, sql in values.items() if columns[m].index == index]
            if found:
                measure, sql = found[0]
                cases.append((code, _column(sql, columns[measure].scale)))
        if not cases:
            exprs.append("0")
        elif len(series) == 1:
            exprs.append(cases[0][1])
        else:
            whens = " ".join(f"WHEN {_literal(code)} THEN {sql}" for code, sql in cases)
            exprs.append(f"CASE q.k_series {whens} ELSE 0 END")
    code = _literal(next(iter(series))) if len(series) == 1 else "q.k_series"
    inner, params = qs.query.sql_with_params()
    sql = (
        f"INSERT INTO cascade_new ({NEW_COLUMNS}) SELECT q.k_key, q.k_unit, {ckey}, {code}, {day}, {due}, "
        f"{', '.join(exprs)} FROM ({inner}) q"
    )
    return Statement(sql, tuple(params))


@dataclass(frozen=True)
class Split:
    """Kinds counted from the same rows, told apart by one field (a study activity's kind):
    counted in one query grouped by that field instead of one query per kind."""

    lookup: str
    kinds: dict[str, object]  # kind code → the field's value

    def condition(self) -> Q:
        return Q(**{f"{self.lookup}__in": list(self.kinds.values())})


def _one_field(condition: Q) -> tuple[str, object] | None:
    """(lookup, value) when ``condition`` is one equality and nothing else."""
    if condition.negated or condition.connector != Q.AND or len(condition.children) != 1:
        return None
    child = condition.children[0]
    return child if isinstance(child, tuple) else None


def _plain(group: list[tuple[str, Tally]], scope: str, day: date) -> list[Statement]:
    """The additive measures of tallies that differ only by their kind (one query), and the
    deadline series of a kind with lateness."""
    kind, tally = group[0]
    split = _split(group)
    aggregates: dict[str, object] = {}
    declared: dict[str, object] = {}
    values: dict[str, dict[str, str]] = {}
    for code, member in group:
        values[code] = {}
        for measure, agg in member.values.items():
            if agg.distinct:
                continue
            if declared.setdefault(measure, agg) != agg:
                raise ValueError(f"{member.model}: kinds counted together define {measure!r} differently")
            aggregates[f"m_{measure}"] = agg.expression()
            values[code][measure] = f"q.m_{measure}"
        late = KINDS[code].overdue if member.due else None
        if late in values[code]:
            # Overdue on the lateness day, kept with the other figures.
            aggregates["m_overdue"] = member.values[late].expression(Q(**{f"{member.due}__lt": day}))
            values[code]["overdue"] = "q.m_overdue"
    if not aggregates:
        return []
    keys = {
        "k_key": F(tally.unit),
        "k_unit": F(tally.unit),
        "k_ckey": _ckey(tally.campaign),
        "k_day": _day(tally.date),
    }
    condition = tally.filter
    if split is not None:
        keys["k_series"] = F(split.lookup)
        condition = split.condition()
    qs = _base(tally.model, condition, tally.unit, scope).values(**keys).annotate(**aggregates)
    out = [_insert(qs, series=values, due=date_literal(NO_DUE))]
    late = KINDS[kind].overdue if tally.due else None
    if split is None and late in values[kind]:
        # The deadline series: records still open, by deadline, for lateness on other days.
        still_open = tally.values[late].filter or Q()
        deadlines = (
            _base(
                tally.model,
                tally.filter & still_open & Q(**{f"{tally.due}__isnull": False}),
                tally.unit,
                scope,
            )
            .values(**keys, k_due=F(tally.due))
            .annotate(m=Count("pk"))
        )
        out.append(_insert(deadlines, series={kind + DUE: {late: "q.m"}}))
    return out


def _split(group: list[tuple[str, Tally | Coverage]]) -> Split | None:
    if len(group) == 1:
        return None
    fields = [_one_field(source.filter) for _code, source in group]
    return Split(fields[0][0], {code: field[1] for (code, _s), field in zip(group, fields, strict=True)})


def _firsts(group: list[tuple[str, Tally | Coverage]], scope: str, measures: list[str]) -> list[Statement]:
    """One row per unit (and campaign, and over all campaigns) on the first day it has a record."""
    _kind, source = group[0]
    model, unit, campaign, day = source.model, source.unit, source.campaign, source.date
    split = _split(group)
    condition = split.condition() if split else source.filter
    keys = {"k_key": F(unit), "k_unit": F(unit)}
    if split is not None:
        keys["k_series"] = F(split.lookup)
    first = {"k_day": Min(day)} if day else {"n": Count("pk")}
    day_sql = "q.k_day" if day else "CAST(NULL AS date)"
    no_due = date_literal(NO_DUE)
    series = {code: dict.fromkeys(measures, "1") for code, _s in group}
    out = []
    if campaign:
        per_campaign = (
            _base(model, condition & Q(**{f"{campaign}__isnull": False}), unit, scope)
            .values(**keys, k_ckey=F(campaign))
            .annotate(**first)
        )
        out.append(_insert(per_campaign, series=series, day=day_sql, due=no_due))
    overall = _base(model, condition, unit, scope).values(**keys).annotate(**first)
    out.append(_insert(overall, series=series, ckey=str(ALL_CAMPAIGNS), day=day_sql, due=no_due))
    return out


def _groups(sources: list[tuple[str, Tally | Coverage]]) -> list[list[tuple[str, Tally | Coverage]]]:
    """Sources that can be counted together: the same rows and lookups, told apart by one field
    whose value is the kind (a study activity's kind)."""
    groups: dict[tuple, list] = {}
    for code, source in sources:
        field = _one_field(source.filter)
        alike = field is not None and field[1] == code
        key = (
            source.model,
            source.unit,
            source.campaign,
            source.date,
            getattr(source, "due", None),
            field[0] if alike else id(source),
        )
        groups.setdefault(key, []).append((code, source))
    return list(groups.values())


@lru_cache(maxsize=64)
def statements(family_code: str, scope: str, day: date) -> tuple[Statement, ...]:
    """The SQL that recounts a family into ``cascade_new`` (lateness judged on ``day``), compiled once.

    With ``INSERTED``: the additive figures of the inserted rows alone, to be added to the
    stored ones, and every first day and distinct count of the keys, counted anew.
    """
    from .families import BY_CODE

    family = BY_CODE[family_code]
    out: list[Statement] = []
    absolute = ALL if scope == ALL else KEYED
    if family.code == UNITS:
        if scope == INSERTED:
            raise ValueError("Units are recounted, never added")
        where = f"WHERE u.id IN ({KEYS})" if scope == KEYED else ""
        table = apps.get_model("organization.Unit")._meta.db_table
        ones = ", ".join(["1"] + ["0"] * (len(VALUE_COLUMNS) - 1))
        out.append(
            Statement(
                f"INSERT INTO cascade_new ({NEW_COLUMNS}) SELECT u.id, u.id, %s, %s, NULL, %s, {ones} "
                f"FROM {table} u {where}",
                (NO_CAMPAIGN, UNITS_SERIES, NO_DUE),
            )
        )
    coverages = [(m.kind, m.source) for m in members(family) if isinstance(m.source, Coverage)]
    tallies = [
        (m.kind, m.source)
        for m in members(family)
        if isinstance(m.source, Tally) and not distinct_elsewhere(m.source)  # those: _distinct_elsewhere
    ]
    for group in _groups(coverages):
        out += _firsts(group, absolute, ["covered"])
    for group in _groups(tallies):
        out += _plain(group, scope, day)
        own_distinct = sorted({m for _c, t in group for m, agg in t.values.items() if agg.distinct})
        if own_distinct:
            out += _firsts(group, absolute, own_distinct)
    return tuple(out)


# --- counts made in Python -------------------------------------------------------------


def _row(key: int, unit: int, ckey: int, series: str, day, due, values: dict[str, int]) -> Row:
    row = [0] * len(VALUE_COLUMNS)
    for measure, value in values.items():
        row[SERIES[series].columns[measure].index] = value
    return (key, unit, ckey, series, day, due, *row)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n + STEPLEN <= min(len(a), len(b)) and a[n : n + STEPLEN] == b[n : n + STEPLEN]:
        n += STEPLEN
    return a[:n]


def distinct_steps(points: dict[str, date | None]) -> list[tuple[str, date | None, int]]:
    """(path, day, +1/-1) steps whose sum over any subtree, up to any day, is how many of the
    ``points`` (unit path → the day it started counting, None: undated) lie in that subtree by then.

    Points start counting in order of their day (undated ones last, counted only when no period
    is asked for). Each new point adds +1 at itself and, among the points already counting in
    tree order, -1 at its lowest common ancestor with each neighbour and +1 at the neighbours'
    own: so the sum over a subtree is always 1 when it holds a counting point, 0 when not.
    """
    steps: list[tuple[str, date | None, int]] = []
    active: list[str] = []
    for path, day in sorted(points.items(), key=lambda p: (p[1] is None, p[1] or date.min, p[0])):
        at = bisect_left(active, path)
        before = active[at - 1] if at else None
        after = active[at] if at < len(active) else None
        steps.append((path, day, 1))
        if before is not None:
            steps.append((_common_prefix(before, path), day, -1))
        if after is not None:
            steps.append((_common_prefix(path, after), day, -1))
        if before is not None and after is not None:
            steps.append((_common_prefix(before, after), day, 1))
        active.insert(at, path)
    return [step for step in steps if step[0]]


def _distinct_elsewhere(kind: str, tally: Tally, keys: list[int] | None) -> list[Row]:
    """A distinct count of other units (the units a unit's steering groups supervise), made
    additive over subtrees and periods by ``distinct_steps``."""
    (measure,) = distinct_elsewhere(tally)
    counted = tally.values[measure].field
    qs = apps.get_model(tally.model)._default_manager.filter(tally.filter)
    if keys is not None:
        qs = qs.filter(**{f"{counted}__in": keys})
    # counted unit → campaign key → {path of a counting unit: its first day}
    counting: dict[int, dict[int, dict[str, date | None]]] = defaultdict(lambda: defaultdict(dict))
    if tally.date is None:
        qs = qs.annotate(_day=Value(None, output_field=DateField()))
    for counted_id, campaign_id, path, day in qs.values_list(
        counted, tally.campaign, f"{tally.unit}__path", tally.date or "_day"
    ):
        for ckey in (campaign_id or NO_CAMPAIGN, ALL_CAMPAIGNS):
            points = counting[counted_id][ckey]
            # A path counts from its earliest dated record; undated only when none of them is dated.
            if path not in points or (day is not None and (points[path] is None or day < points[path])):
                points[path] = day
    steps: list[tuple[int, int, str, date | None, int]] = []
    for counted_id, by_campaign in counting.items():
        for ckey, points in by_campaign.items():
            if ckey == NO_CAMPAIGN:
                continue  # a distinct count does not add up across records outside campaigns
            steps += [(counted_id, ckey, path, day, step) for path, day, step in distinct_steps(points)]
    ids = dict(
        apps.get_model("organization.Unit")
        ._default_manager.filter(path__in={step[2] for step in steps})
        .values_list("path", "pk")
    )
    summed: dict[tuple[int, int, int, date | None], int] = defaultdict(int)
    for counted_id, ckey, path, day, step in steps:
        summed[counted_id, ckey, ids[path], day] += step
    return [
        _row(counted_id, unit_id, ckey, kind, day, NO_DUE, {measure: value})
        for (counted_id, ckey, unit_id, day), value in summed.items()
        if value
    ]


def rectification_steps(
    opened: date, deadline: date | None, closes: list[tuple[date, bool]], closed_now: bool
):
    """(day, Δopen, Δoverdue, Δclosed) for one item: the days its state changed, and by how much.

    ``closes`` is the item's history of moves into and out of a closed status, in order;
    without history the item has had its present status since it was opened. An item is
    overdue on a day when it is open and its deadline is before that day.
    """
    changes = sorted(
        {opened, *(max(day, opened) for day, _c in closes)}
        | ({deadline + timedelta(days=1)} if deadline else set())
    )
    previous = (0, 0, 0)
    out = []
    # Before its first recorded move, an item was in the state that move left.
    initially = (not closes[0][1]) if closes else closed_now
    for day in changes:
        passed = [closed for when, closed in closes if when <= day]
        closed = passed[-1] if passed else initially
        open_ = 0 if closed else 1
        state = (open_, 1 if open_ and deadline and deadline < day else 0, 1 - open_)
        step = tuple(s - p for s, p in zip(state, previous, strict=True))
        if any(step):
            out.append((day, *step))
        previous = state
    return out


def _rectification_trend(keys: list[int] | None) -> list[Row]:
    Item = apps.get_model("campaigns.RectificationItem")
    Event = apps.get_model("campaigns.RectificationEvent")
    items = Item._default_manager.all()
    if keys is not None:
        items = items.filter(unit_id__in=keys)
    events = (
        Event._default_manager.filter(item__in=items.values("pk"))
        .filter(Q(to_status__in=RECTIFICATION_CLOSED) | Q(from_status__in=RECTIFICATION_CLOSED))
        .order_by("at", "pk")
        .values_list("item_id", "to_status", "at")
    )
    history: dict[int, list[tuple[date, bool]]] = defaultdict(list)
    for item_id, to_status, at in events:
        history[item_id].append((timezone.localdate(at), to_status in RECTIFICATION_CLOSED))
    summed: dict[tuple[int, int, date], list[int]] = defaultdict(lambda: [0, 0, 0])
    for pk, unit_id, campaign_id, opened, deadline, status in items.values_list(
        "pk", "unit_id", "campaign_id", "opened_on", "deadline", "status"
    ):
        for day, *step in rectification_steps(
            opened, deadline, history.get(pk, []), status in RECTIFICATION_CLOSED
        ):
            total = summed[unit_id, campaign_id or NO_CAMPAIGN, day]
            for i, value in enumerate(step):
                total[i] += value
    return [
        _row(
            unit_id,
            unit_id,
            ckey,
            RECTIFICATION_TREND,
            day,
            NO_DUE,
            dict(zip(("open", "overdue", "closed"), v, strict=True)),
        )
        for (unit_id, ckey, day), v in summed.items()
        if any(v)
    ]


def python_counts(family: Family) -> list[Callable[[list[int] | None], Iterable[Row]]]:
    out: list[Callable[[list[int] | None], Iterable[Row]]] = []
    for member in members(family):
        source = member.source
        if isinstance(source, Tally) and distinct_elsewhere(source):
            out.append(lambda keys, kind=member.kind, tally=source: _distinct_elsewhere(kind, tally, keys))
        if isinstance(source, Tally) and source.model == "campaigns.RectificationItem":
            out.append(_rectification_trend)
    return out


def fill(family: Family, keys: list[int] | None, *, day: date, inserted: bool = False) -> None:
    """Recount ``family`` for ``keys`` (already in ``cascade_keys``; None: everything) into ``cascade_new``,
    with lateness judged on ``day``; with ``inserted``, only the additive figures of the rows in
    ``cascade_rows`` (see ``statements``)."""
    scope = INSERTED if inserted else ALL if keys is None else KEYED
    with connection.cursor() as cursor:
        for statement in statements(family.code, scope, day):
            cursor.execute(statement.sql, statement.params)
        for count in python_counts(family):
            rows = list(count(keys))
            if rows:
                placeholders = ", ".join(["%s"] * (6 + len(VALUE_COLUMNS)))
                cursor.executemany(f"INSERT INTO cascade_new ({NEW_COLUMNS}) VALUES ({placeholders})", rows)


__all__ = ["fill", "rectification_steps", "statements", "tally_key"]
