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

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

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


def _base(model: str, condition: Q, key: str, keyed: bool):
    # Rows whose key is empty (a conference without a secretariat) count nowhere.
    keys = Q(**{f"{key}__in": RawSQL(KEYS, ())}) if keyed else Q(**{f"{key}__isnull": False})
    return apps.get_model(model)._default_manager.filter(condition, keys).order_by()


def _insert(
    qs,
    *,
    series: str,
    values: dict[str, str],
    ckey: str = "q.k_ckey",
    day: str = "q.k_day",
    due: str = "q.k_due",
) -> Statement:
    """INSERT the grouped rows of ``qs`` into ``cascade_new``; ``values`` maps measures to SQL of ``q``."""
    columns = SERIES[series].columns
    exprs = ["0"] * len(VALUE_COLUMNS)
    for measure, sql in values.items():
        column = columns[measure]
        scaled = f"ROUND(COALESCE({sql}, 0) * {column.scale})" if column.scale != 1 else f"COALESCE({sql}, 0)"
        exprs[column.index] = f"CAST({scaled} AS BIGINT)"
    inner, params = qs.query.sql_with_params()
    sql = (
        f"INSERT INTO cascade_new ({NEW_COLUMNS}) SELECT q.k_key, q.k_unit, {ckey}, %s, {day}, {due}, "
        f"{', '.join(exprs)} FROM ({inner}) q"
    )
    return Statement(sql, (series, *params))


def _plain(kind: str, tally: Tally, keyed: bool, day: date) -> list[Statement]:
    plain = {m: agg for m, agg in tally.values.items() if not agg.distinct}
    if not plain:
        return []
    aggregates = {f"m_{m}": agg.expression() for m, agg in plain.items()}
    values = {m: f"q.m_{m}" for m in plain}
    late = KINDS[kind].overdue if tally.due else None
    if late in plain:
        # Overdue on the lateness day, kept with the other figures.
        aggregates["m_overdue"] = plain[late].expression(Q(**{f"{tally.due}__lt": day}))
        values["overdue"] = "q.m_overdue"
    qs = (
        _base(tally.model, tally.filter, tally.unit, keyed)
        .values(
            k_key=F(tally.unit),
            k_unit=F(tally.unit),
            k_ckey=_ckey(tally.campaign),
            k_day=_day(tally.date),
        )
        .annotate(**aggregates)
    )
    out = [_insert(qs, series=kind, values=values, due=date_literal(NO_DUE))]
    if late in plain:
        # The deadline series: records still open, by deadline, for lateness on other days.
        still_open = plain[late].filter or Q()
        deadlines = (
            _base(
                tally.model,
                tally.filter & still_open & Q(**{f"{tally.due}__isnull": False}),
                tally.unit,
                keyed,
            )
            .values(
                k_key=F(tally.unit),
                k_unit=F(tally.unit),
                k_ckey=_ckey(tally.campaign),
                k_day=_day(tally.date),
                k_due=F(tally.due),
            )
            .annotate(m=Count("pk"))
        )
        out.append(_insert(deadlines, series=kind + DUE, values={late: "q.m"}))
    return out


def _firsts(
    kind: str,
    model: str,
    unit: str,
    campaign: str | None,
    day: str | None,
    condition: Q,
    keyed: bool,
    measures: list[str],
) -> list[Statement]:
    """One row per unit (and campaign, and over all campaigns) on the first day it has a record."""
    first = {"k_day": Min(day)} if day else {"n": Count("pk")}
    day_sql = "q.k_day" if day else "CAST(NULL AS date)"
    no_due = date_literal(NO_DUE)
    values = dict.fromkeys(measures, "1")
    out = []
    if campaign:
        per_campaign = (
            _base(model, condition & Q(**{f"{campaign}__isnull": False}), unit, keyed)
            .values(k_key=F(unit), k_unit=F(unit), k_ckey=F(campaign))
            .annotate(**first)
        )
        out.append(_insert(per_campaign, series=kind, values=values, day=day_sql, due=no_due))
    overall = _base(model, condition, unit, keyed).values(k_key=F(unit), k_unit=F(unit)).annotate(**first)
    out.append(_insert(overall, series=kind, values=values, ckey=str(ALL_CAMPAIGNS), day=day_sql, due=no_due))
    return out


@lru_cache(maxsize=64)
def statements(family_code: str, keyed: bool, day: date) -> tuple[Statement, ...]:
    """The SQL that recounts a family into ``cascade_new`` (lateness judged on ``day``), compiled once."""
    from .families import BY_CODE

    family = BY_CODE[family_code]
    out: list[Statement] = []
    if family.code == UNITS:
        where = f"WHERE u.id IN ({KEYS})" if keyed else ""
        table = apps.get_model("organization.Unit")._meta.db_table
        ones = ", ".join(["1"] + ["0"] * (len(VALUE_COLUMNS) - 1))
        out.append(
            Statement(
                f"INSERT INTO cascade_new ({NEW_COLUMNS}) SELECT u.id, u.id, %s, %s, NULL, %s, {ones} "
                f"FROM {table} u {where}",
                (NO_CAMPAIGN, UNITS_SERIES, NO_DUE),
            )
        )
    for member in members(family):
        source = member.source
        if isinstance(source, Coverage):
            out += _firsts(
                member.kind,
                source.model,
                source.unit,
                source.campaign,
                source.date,
                source.filter,
                keyed,
                ["covered"],
            )
            continue
        if distinct_elsewhere(source):
            continue  # counted in Python: _distinct_elsewhere
        out += _plain(member.kind, source, keyed, day)
        own_distinct = [m for m, agg in source.values.items() if agg.distinct]
        if own_distinct:
            out += _firsts(
                member.kind,
                source.model,
                source.unit,
                source.campaign,
                source.date,
                source.filter,
                keyed,
                own_distinct,
            )
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


def _distinct_elsewhere(kind: str, tally: Tally, keys: list[int] | None) -> list[Row]:
    (measure,) = distinct_elsewhere(tally)
    counted = tally.values[measure].field
    qs = apps.get_model(tally.model)._default_manager.filter(tally.filter)
    if keys is not None:
        qs = qs.filter(**{f"{counted}__in": keys})
    # counted unit → campaign key → {path: unit id} of the counting units
    counting: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for counted_id, campaign_id, unit_id, path in qs.values_list(
        counted, tally.campaign, tally.unit, f"{tally.unit}__path"
    ):
        counting[counted_id][campaign_id or NO_CAMPAIGN][path] = unit_id
        counting[counted_id][ALL_CAMPAIGNS][path] = unit_id
    steps: list[tuple[int, int, str, int]] = []  # (key, ckey, path, +1/-1)
    for counted_id, by_campaign in counting.items():
        for ckey, units in by_campaign.items():
            if ckey == NO_CAMPAIGN:
                continue  # a distinct count does not add up across records outside campaigns
            paths = sorted(units)
            steps += [(counted_id, ckey, p, 1) for p in paths]
            steps += [
                (counted_id, ckey, lca, -1) for a, b in pairwise(paths) if (lca := _common_prefix(a, b))
            ]
    ids = dict(
        apps.get_model("organization.Unit")
        ._default_manager.filter(path__in={p for _k, _c, p, _s in steps})
        .values_list("path", "pk")
    )
    summed: dict[tuple[int, int, int], int] = defaultdict(int)
    for counted_id, ckey, path, step in steps:
        summed[counted_id, ckey, ids[path]] += step
    return [
        _row(counted_id, unit_id, ckey, kind, None, NO_DUE, {measure: value})
        for (counted_id, ckey, unit_id), value in summed.items()
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


def fill(family: Family, keys: list[int] | None, *, day: date) -> None:
    """Recount ``family`` for ``keys`` (already in ``cascade_keys``; None: everything) into ``cascade_new``,
    with lateness judged on ``day``."""
    with connection.cursor() as cursor:
        for statement in statements(family.code, keys is not None, day):
            cursor.execute(statement.sql, statement.params)
        for count in python_counts(family):
            rows = list(count(keys))
            if rows:
                placeholders = ", ".join(["%s"] * (6 + len(VALUE_COLUMNS)))
                cursor.executemany(f"INSERT INTO cascade_new ({NEW_COLUMNS}) VALUES ({placeholders})", rows)


__all__ = ["fill", "rectification_steps", "statements", "tally_key"]
