"""Keeping the figures current: drain the pending recounts, or rebuild everything from the records.

``drain()`` takes the pending (family, key) pairs the triggers noted, in rounds of at most
``BATCH`` rows, one transaction and one lock each (drains never run two at a time; writers
never wait for them). Per round:

1. units added, moved or deleted: the tree as summed (``UnitAncestor``) follows the tree as
   it is. A unit that changed parent takes its subtree's figures from the ancestors it left
   to the ancestors it joined (only those not shared), in order of depth;
2. each stale family is recounted for its keys; where the new own figures differ from the
   stored ones, the difference is added to every strict ancestor in one grouped upsert per
   family: to everything, and by month and day at the ancestors kept by period. Keys whose
   only notes are inserted rows are not recounted: those rows' additive figures are added,
   and only first days and distinct counts are counted anew. That needs each round to read
   one snapshot (``sql.drain_transaction``), and a key recounted in full takes along every
   note of its family, those of rows beyond the round's share included (it counted them);
3. what is left of deleted units is taken out, and the units kept by period are again
   exactly those with at least ``CASCADE_GRAINED_FROM`` descendants (``GrainedUnit``).

Months and days pay where a subtree is large: elsewhere a period is summed from the
descendants' own figures when read, and a write touches a few rows instead of three per
ancestor.

``rebuild()`` recounts everything set-wise: own figures from the records, the closure from
the paths, the subtree figures level by level from the deepest units up, and months and
days of the units kept by period from their descendants' own figures. Both paths
must agree with each other and with counting the records directly
(``reference.rollup``): the property tests hold them to that.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cache
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from cascade.organization.models import STEPLEN

from ..models import VALUE_COLUMNS
from ..vocabulary import KINDS
from . import lateness, recount, sql
from .families import FAMILIES, UNITS, distinct_elsewhere, family_of, tally_key
from .series import GRAIN_ALL, GRAIN_DAY, GRAIN_MONTH, GRAIN_OWN, NO_DAY, RECTIFICATION_TREND, SERIES

BATCH = 20_000
TIDY_AFTER = 1_000  # notes taken by one drain, after which their table is tidied
TABLES = [
    "reports_pendingchange",
    "reports_unitfigure",
    "reports_rollupfigure",
    "reports_unitancestor",
    "reports_grainedunit",
]
V = sql.V
KEY_COLUMNS = "unit_id, ckey, series, day, due"
NONZERO = " OR ".join(f"SUM({v}) <> 0" for v in VALUE_COLUMNS)


class OutOfStep(RuntimeError):
    """The stored figures cannot be brought up to date incrementally: rebuild them."""


def _unit_table() -> str:
    return apps.get_model("organization.Unit")._meta.db_table


def _in(values) -> tuple[str, list]:
    values = list(values)
    return ", ".join(["%s"] * len(values)), values


def _fill(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Replace what scratch table ``table`` holds with ``rows``, and tell the planner how many."""
    cursor.execute(f"DELETE FROM {table}")
    one = f"({', '.join(['%s'] * len(columns))})"
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([one] * len(chunk))}",
            [x for row in chunk for x in row],
        )
    sql.analyze(cursor, table)


def _set_rows(cursor, rows: list[tuple[str, int]]) -> None:
    _fill(cursor, "cascade_rows", ("source", "row_id"), rows)


def _set_keys(cursor, keys: list[int]) -> None:
    _fill(cursor, "cascade_keys", ("key",), [(key,) for key in keys])


def _propagate(cursor) -> None:
    """Add ``cascade_delta`` (own figures' changes, analysed once filled) to every strict
    ancestor (by month and day too where it is kept so), and to the unit's own totals."""
    rows = (
        f"SELECT a.ancestor_id AS unit_id, d.ckey, d.series, d.day, d.due, {', '.join('d.' + v for v in VALUE_COLUMNS)} "
        "FROM cascade_delta d JOIN reports_unitancestor a ON a.unit_id = d.unit_id AND a.distance > 0"
    )
    own = (
        f"SELECT unit_id, ckey, series, {GRAIN_OWN}, {sql.date_literal(NO_DAY)}, due, {sql.sums()} "
        "FROM cascade_delta GROUP BY unit_id, ckey, series, due"
    )
    cursor.execute(
        f"INSERT INTO reports_rollupfigure (unit_id, ckey, series, grain, bucket, due, {V}) "
        f"SELECT * FROM ({sql.grains(rows, grained=True)} UNION ALL {own}) x WHERE 1 = 1 {sql.upsert_tail()}"
    )


# --- 1. the tree ------------------------------------------------------------------------

DATED = (GRAIN_MONTH, GRAIN_DAY)


def _below(where: str) -> str:
    """Own figures of strict descendants, as rows of their ancestors matching ``where`` (on ``a``)."""
    return (
        f"SELECT a.ancestor_id AS unit_id, f.ckey, f.series, f.day, f.due, {', '.join('f.' + v for v in VALUE_COLUMNS)} "
        f"FROM reports_unitfigure f JOIN reports_unitancestor a ON a.unit_id = f.unit_id AND a.distance > 0 "
        f"WHERE {where}"
    )


def _regrain(cursor, keys: list[int]) -> None:
    """Keep figures by month and day exactly at the units with at least ``CASCADE_GRAINED_FROM``
    descendants, after units ``keys`` were added, moved or deleted: the units above them and
    those kept so until now are counted again."""
    if not keys:
        return
    placeholders, params = _in(keys)
    cursor.execute(
        f"SELECT ancestor_id FROM reports_unitancestor WHERE unit_id IN ({placeholders}) UNION {sql.GRAINED}",
        params,
    )
    candidates = sorted(row[0] for row in cursor.fetchall())
    if not candidates:
        return
    placeholders, params = _in(candidates)
    cursor.execute(
        f"SELECT ancestor_id FROM reports_unitancestor WHERE ancestor_id IN ({placeholders}) AND distance > 0 "
        "GROUP BY ancestor_id HAVING COUNT(*) >= %s",
        [*params, settings.CASCADE_GRAINED_FROM],
    )
    wanted = {row[0] for row in cursor.fetchall()}
    cursor.execute(sql.GRAINED)
    kept = {row[0] for row in cursor.fetchall()}
    if kept - wanted:
        placeholders, params = _in(sorted(kept - wanted))
        cursor.execute(
            f"DELETE FROM reports_rollupfigure WHERE unit_id IN ({placeholders}) AND grain IN {DATED}", params
        )
        cursor.execute(f"DELETE FROM reports_grainedunit WHERE unit_id IN ({placeholders})", params)
    if wanted - kept:
        _keep_by_period(cursor, sorted(wanted - kept))


def _keep_by_period(cursor, units: list[int] | None) -> None:
    """Start keeping ``units``' figures by month and day (None: every unit with enough descendants)."""
    if units is None:
        cursor.execute(
            "INSERT INTO reports_grainedunit (unit_id) SELECT ancestor_id FROM reports_unitancestor "
            "WHERE distance > 0 GROUP BY ancestor_id HAVING COUNT(*) >= %s",
            [settings.CASCADE_GRAINED_FROM],
        )
        where, params = f"a.ancestor_id IN ({sql.GRAINED})", []
    else:
        placeholders, params = _in(units)
        cursor.execute(
            f"INSERT INTO reports_grainedunit (unit_id) VALUES {', '.join(['(%s)'] * len(units))}", params
        )
        where = f"a.ancestor_id IN ({placeholders})"
    cursor.execute(
        f"INSERT INTO reports_rollupfigure (unit_id, ckey, series, grain, bucket, due, {V}) "
        f"SELECT * FROM ({sql.grains(_below(where), which=DATED)}) x",
        params * len(DATED),
    )


def _chain(cursor, unit_id: int, *, strict: bool) -> list[int]:
    cursor.execute(
        "SELECT ancestor_id FROM reports_unitancestor WHERE unit_id = %s AND distance >= %s ORDER BY distance",
        [unit_id, 1 if strict else 0],
    )
    return [row[0] for row in cursor.fetchall()]


def _add_subtree_figures(cursor, ancestors: list[int], sign: int) -> None:
    for ancestor in ancestors:
        cursor.execute(
            f"INSERT INTO reports_rollupfigure (unit_id, ckey, series, grain, bucket, due, {V}) "
            f"SELECT %s, ckey, series, grain, bucket, due, {', '.join(f'{sign} * {v}' for v in VALUE_COLUMNS)} "
            f"FROM cascade_moved WHERE grain = {GRAIN_ALL} OR %s IN ({sql.GRAINED}) {sql.upsert_tail()}",
            [ancestor, ancestor],
        )


def _counted_below(unit_id: int) -> dict[str, set[int]]:
    """Keys of distinct counts made through units of ``unit_id``'s subtree (their order changes on a move)."""
    below = RawSQL("SELECT unit_id FROM reports_unitancestor WHERE ancestor_id = %s", (unit_id,))
    out: dict[str, set[int]] = defaultdict(set)
    for kind in KINDS.values():
        for tally in kind.tallies:
            for measure in distinct_elsewhere(tally):
                counted = tally.values[measure].field
                family = family_of(tally.model, tally_key(tally)).code
                model = apps.get_model(tally.model)
                rows = model._default_manager.filter(**{f"{tally.unit}__in": below}).values_list(
                    counted, flat=True
                )
                out[family].update(rows)
    return out


def _move(cursor, unit_id: int, new_parent: int | None) -> dict[str, set[int]]:
    old = _chain(cursor, unit_id, strict=True)
    new = _chain(cursor, new_parent, strict=False) if new_parent is not None else []
    if new_parent is not None and not new:
        raise OutOfStep(f"unit {new_parent} is not in the summed tree")
    cursor.execute("DELETE FROM cascade_moved")
    # The subtree's figures: its own, and its descendants' as summed, by period too when the
    # unit is kept so, or else by period from the descendants' own figures.
    own = f"SELECT unit_id, ckey, series, day, due, {V} FROM reports_unitfigure WHERE unit_id = %s"
    columns = f"ckey, series, grain, bucket, due, {V}"
    parts = [
        f"SELECT {columns} FROM reports_rollupfigure WHERE unit_id = %s AND grain < {GRAIN_OWN}",
        f"SELECT {columns} FROM ({sql.grains(own)}) e",
    ]
    params = [unit_id] * 4  # once, then once per grain
    cursor.execute(f"{sql.GRAINED} WHERE unit_id = %s", [unit_id])
    if cursor.fetchone() is None:
        parts.append(f"SELECT {columns} FROM ({sql.grains(_below('a.ancestor_id = %s'), which=DATED)}) b")
        params += [unit_id] * len(DATED)
    cursor.execute(
        f"INSERT INTO cascade_moved ({columns}) SELECT ckey, series, grain, bucket, due, {sql.sums()} FROM ("
        f"{' UNION ALL '.join(parts)}) x GROUP BY ckey, series, grain, bucket, due",
        params,
    )
    shared = set(old) & set(new)
    _add_subtree_figures(cursor, [a for a in old if a not in shared], -1)
    _add_subtree_figures(cursor, [a for a in new if a not in shared], 1)
    placeholders, params = _in(old)
    if old:
        cursor.execute(
            f"DELETE FROM reports_unitancestor WHERE ancestor_id IN ({placeholders}) AND unit_id IN "
            "(SELECT unit_id FROM reports_unitancestor WHERE ancestor_id = %s)",
            [*params, unit_id],
        )
    if new_parent is not None:
        cursor.execute(
            "INSERT INTO reports_unitancestor (unit_id, ancestor_id, distance) "
            "SELECT d.unit_id, a.ancestor_id, d.distance + a.distance + 1 FROM reports_unitancestor d "
            "JOIN reports_unitancestor a ON a.unit_id = %s WHERE d.ancestor_id = %s",
            [new_parent, unit_id],
        )
    return _counted_below(unit_id)


def _place(cursor, keys: list[int]) -> dict[str, set[int]]:
    """Bring the summed tree in line with the units ``keys`` as they are now; return keys to recount."""
    if not keys:
        return {}
    placeholders, params = _in(keys)
    table = _unit_table()
    cursor.execute(
        f"SELECT u.id, p.id FROM {table} u LEFT JOIN {table} p ON p.path = u.parent_path "
        f"WHERE u.id IN ({placeholders}) ORDER BY u.depth, u.path",
        params,
    )
    current = cursor.fetchall()
    cursor.execute(
        f"SELECT unit_id, ancestor_id, distance FROM reports_unitancestor "
        f"WHERE unit_id IN ({placeholders}) AND distance <= 1",
        params,
    )
    placed: set[int] = set()
    placed_parent: dict[int, int] = {}
    for unit_id, ancestor_id, distance in cursor.fetchall():
        if distance == 0:
            placed.add(unit_id)
        else:
            placed_parent[unit_id] = ancestor_id
    extra: dict[str, set[int]] = defaultdict(set)
    for unit_id, parent_id in current:
        if unit_id not in placed:
            cursor.execute(
                "INSERT INTO reports_unitancestor (unit_id, ancestor_id, distance) VALUES (%s, %s, 0)",
                [unit_id, unit_id],
            )
            if parent_id is not None:
                cursor.execute(
                    "INSERT INTO reports_unitancestor (unit_id, ancestor_id, distance) "
                    "SELECT %s, ancestor_id, distance + 1 FROM reports_unitancestor WHERE unit_id = %s",
                    [unit_id, parent_id],
                )
                if cursor.rowcount == 0:
                    raise OutOfStep(f"unit {parent_id} is not in the summed tree")
        elif placed_parent.get(unit_id) != parent_id:
            for family, more in _move(cursor, unit_id, parent_id).items():
                extra[family] |= more
    return extra


def _purge(cursor, keys: list[int]) -> None:
    """Take out what is left of deleted units among ``keys``."""
    if not keys:
        return
    placeholders, params = _in(keys)
    cursor.execute(f"SELECT id FROM {_unit_table()} WHERE id IN ({placeholders})", params)
    gone = sorted(set(keys) - {row[0] for row in cursor.fetchall()})
    if not gone:
        return
    placeholders, params = _in(gone)
    cursor.execute("DELETE FROM cascade_delta")
    cursor.execute(
        f"INSERT INTO cascade_delta (key, {KEY_COLUMNS}, {V}) SELECT 0, {KEY_COLUMNS}, {sql.sums(sign='-')} "
        f"FROM reports_unitfigure WHERE unit_id IN ({placeholders}) GROUP BY {KEY_COLUMNS}",
        params,
    )
    sql.analyze(cursor, "cascade_delta")
    _propagate(cursor)
    for statement in (
        f"DELETE FROM reports_unitfigure WHERE unit_id IN ({placeholders})",
        f"DELETE FROM reports_rollupfigure WHERE unit_id IN ({placeholders})",
        f"DELETE FROM reports_unitancestor WHERE unit_id IN ({placeholders})",
        f"DELETE FROM reports_grainedunit WHERE unit_id IN ({placeholders})",
    ):
        cursor.execute(statement, params)


# --- 2. the figures ---------------------------------------------------------------------


@cache
def _counted_anew() -> str:
    """The stored figures that a round adding inserted rows counts anew, negated (from
    ``reports_unitfigure``): every first day and distinct count, and the rectification trend."""
    anew: list[set[str]] = [set() for _v in VALUE_COLUMNS]
    for code, series in SERIES.items():
        for column in series.columns.values():
            if column.distinct or code == RECTIFICATION_TREND:
                anew[column.index].add(code)
    kept = {
        v: f"series IN ({', '.join(map(repr, sorted(codes)))})"
        for v, codes in zip(VALUE_COLUMNS, anew, strict=True)
        if codes
    }
    columns = [f"CASE WHEN {kept[v]} THEN -{v} ELSE 0 END" if v in kept else "0" for v in VALUE_COLUMNS]
    nonzero = " OR ".join(f"({where} AND {v} <> 0)" for v, where in kept.items())
    return (
        f"SELECT key, {KEY_COLUMNS}, {', '.join(columns)} FROM reports_unitfigure "
        f"WHERE family = %s AND key IN (SELECT key FROM cascade_keys) AND ({nonzero})"
    )


def _recount(cursor, family, keys: list[int], day: date, *, inserted: bool = False) -> None:
    """Recount ``family`` for ``keys``; store the rows that changed and add the change up the tree.

    With ``inserted``, add the figures of the inserted rows in ``cascade_rows`` instead, and
    count only first days and distinct counts anew.
    """
    _set_keys(cursor, keys)
    cursor.execute("DELETE FROM cascade_new")
    cursor.execute("DELETE FROM cascade_delta")
    recount.fill(family, keys, day=day, inserted=inserted)
    sql.analyze(cursor, "cascade_new")
    if inserted:
        stored = _counted_anew()
    else:
        stored = (
            f"SELECT key, {KEY_COLUMNS}, {', '.join('-' + v for v in VALUE_COLUMNS)} FROM reports_unitfigure "
            "WHERE family = %s AND key IN (SELECT key FROM cascade_keys)"
        )
    cursor.execute(
        f"INSERT INTO cascade_delta (key, {KEY_COLUMNS}, {V}) SELECT key, {KEY_COLUMNS}, {sql.sums()} FROM ("
        f"SELECT key, {KEY_COLUMNS}, {V} FROM cascade_new UNION ALL {stored}"
        f") x GROUP BY key, {KEY_COLUMNS} HAVING {NONZERO}",
        [family.code],
    )
    if cursor.rowcount == 0:
        return
    # Statistics of this round's rows, not a previous round's: planned for a few rows, the
    # statements below read the whole delta once per figure.
    sql.analyze(cursor, "cascade_delta")
    changed = (
        "f.family = %s AND (f.unit_id, f.ckey, f.series) IN (SELECT unit_id, ckey, series FROM cascade_delta) "
        "AND EXISTS (SELECT 1 FROM cascade_delta d "
        "WHERE d.key = f.key AND d.unit_id = f.unit_id AND d.ckey = f.ckey AND d.series = f.series "
        "AND d.day IS NOT DISTINCT FROM f.day AND d.due = f.due)"
    )
    # The rows that changed: stored + change.
    cursor.execute("DELETE FROM cascade_new")
    cursor.execute(
        f"INSERT INTO cascade_new (key, {KEY_COLUMNS}, {V}) SELECT key, {KEY_COLUMNS}, {sql.sums()} FROM ("
        f"SELECT key, {KEY_COLUMNS}, {V} FROM cascade_delta UNION ALL "
        f"SELECT key, {KEY_COLUMNS}, {V} FROM reports_unitfigure f WHERE {changed}"
        f") x GROUP BY key, {KEY_COLUMNS} HAVING {NONZERO}",
        [family.code],
    )
    cursor.execute(f"DELETE FROM reports_unitfigure AS f WHERE {changed}", [family.code])
    cursor.execute(
        f"INSERT INTO reports_unitfigure (family, key, {KEY_COLUMNS}, {V}) "
        f"SELECT %s, key, {KEY_COLUMNS}, {V} FROM cascade_new",
        [family.code],
    )
    _propagate(cursor)


def _store_new(cursor, family_code: str) -> None:
    cursor.execute(
        f"INSERT INTO reports_unitfigure (family, key, {KEY_COLUMNS}, {V}) "
        f"SELECT %s, key, {KEY_COLUMNS}, {sql.sums()} FROM cascade_new "
        f"GROUP BY key, {KEY_COLUMNS} HAVING {NONZERO}",
        [family_code],
    )


def _round() -> int:
    """One round of the drain; the number of pending rows it took."""
    with sql.drain_transaction() as (cursor, one_snapshot):
        cursor.execute(
            "SELECT id, family, key, source, row_id FROM reports_pendingchange ORDER BY id LIMIT %s", [BATCH]
        )
        rows = cursor.fetchall()
        if not rows:
            return 0
        day = lateness.stored_day(cursor)
        if day is None:  # the first drain of a new database
            day = lateness.today()
            lateness.set_day(cursor, day)
        sql.scratch_tables(cursor)
        keys: dict[str, set[int]] = defaultdict(set)  # to recount
        inserted: dict[str, dict[int, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
        for _id, family, key, source, row_id in rows:
            if row_id is None or not one_snapshot:
                keys[family].add(key)
            else:
                inserted[family][key].append((source, row_id))
        for family, more in _place(cursor, sorted(keys.get(UNITS, ()))).items():
            keys[family] |= more
        for family in FAMILIES:
            recounted = keys.get(family.code, set())
            if recounted:
                _recount(cursor, family, sorted(recounted), day)
                if one_snapshot:
                    # Counted in full, rows whose notes this round did not take included.
                    cursor.execute(
                        "DELETE FROM reports_pendingchange WHERE family = %s AND key IN (SELECT key FROM cascade_keys)",
                        [family.code],
                    )
            added = {k: r for k, r in inserted.get(family.code, {}).items() if k not in recounted}
            if added:
                _set_rows(cursor, [row for rows_of_key in added.values() for row in rows_of_key])
                _recount(cursor, family, sorted(added), day, inserted=True)
        _purge(cursor, sorted(keys.get(UNITS, ())))
        _regrain(cursor, sorted(keys.get(UNITS, ())))
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            placeholders, params = _in(chunk)
            cursor.execute(f"DELETE FROM reports_pendingchange WHERE id IN ({placeholders})", params)
        lateness.new_version(cursor)
        return len(rows)


def drain(*, rounds: int | None = None) -> int:
    """Apply the pending recounts (all of them, or ``rounds`` rounds); the number of rows taken."""
    taken = 0
    done = 0
    while rounds is None or done < rounds:
        n = _round()
        if not n:
            break
        taken += n
        done += 1
    if taken >= TIDY_AFTER:
        # The notes taken are dead rows that every read's "anything pending?" would step over
        # until the table is vacuumed (PostgreSQL; autovacuum may be slow, or off).
        sql.tidy(["reports_pendingchange"])
    return taken


class State(NamedTuple):
    pending: bool  # pending recounts exist
    unbuilt: bool  # the figures were never built although units exist
    day: date | None  # the lateness day
    version: str  # the figures' version ("" before the first build)


def state() -> State:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT 1 FROM reports_pendingchange LIMIT 1), (SELECT 1 FROM reports_unitancestor LIMIT 1), "
            f"(SELECT 1 FROM {_unit_table()} LIMIT 1), (SELECT day FROM reports_latenessday ORDER BY id LIMIT 1), "
            "(SELECT version FROM reports_latenessday ORDER BY id LIMIT 1)"
        )
        pending, built, units, day, version = cursor.fetchone()
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return State(bool(pending), bool(units) and not built, day, version or "")


def move_day(new: date) -> None:
    """Judge lateness on ``new``: recount the units whose open records' deadlines lie in between."""
    with transaction.atomic(), connection.cursor() as cursor:
        sql.lock(cursor)
        old = lateness.stored_day(cursor)
        if old == new:
            return
        if old is not None:
            lo, hi = sorted((old, new))
            for family, keys in lateness.crossing(lo, hi).items():
                rows = [(family, key) for key in sorted(keys)]
                for start in range(0, len(rows), 1000):
                    chunk = rows[start : start + 1000]
                    cursor.execute(
                        f"INSERT INTO reports_pendingchange (family, key) VALUES {', '.join(['(%s, %s)'] * len(chunk))}",
                        [x for row in chunk for x in row],
                    )
        lateness.set_day(cursor, new)


def current(today: date | None = None) -> tuple[date, str]:
    """Make the figures reflect every committed write and the lateness of ``today`` (default:
    the actual day); the lateness day, and the figures' version when this call found them
    current ("" when it had to change them: read them afresh).

    Called before each read, by the drain task after writes and by the daily run: when nothing
    changed it costs one small query.
    """
    pending, unbuilt, day, version = state()
    today = today or lateness.today()
    if unbuilt:
        rebuild()
        pending, day, version = False, lateness.today(), ""
    if day != today:
        move_day(today)
        pending = True
    if pending:
        version = ""
        try:
            drain()
        except OutOfStep:
            rebuild()
    return today, version


def ensure_current(today: date | None = None) -> date:
    """``current()``'s lateness day."""
    return current(today)[0]


# --- rebuild ----------------------------------------------------------------------------


def rebuild() -> None:
    """Recount every figure from the records and the tree, in one transaction."""
    table = _unit_table()
    day = lateness.today()
    with transaction.atomic(), connection.cursor() as cursor:
        sql.lock(cursor)
        sql.empty(cursor, TABLES)
        lateness.set_day(cursor, day)
        sql.scratch_tables(cursor)
        cursor.execute(f"SELECT MAX(depth) FROM {table}")
        deepest = cursor.fetchone()[0] or 0
        for level in range(1, deepest + 1):
            cursor.execute(
                "INSERT INTO reports_unitancestor (unit_id, ancestor_id, distance) "
                f"SELECT u.id, a.id, u.depth - a.depth FROM {table} u JOIN {table} a "
                f"ON a.path = substr(u.path, 1, %s) WHERE u.depth >= %s",
                [level * STEPLEN, level],
            )
        for family in FAMILIES:
            cursor.execute("DELETE FROM cascade_new")
            recount.fill(family, None, day=day)
            _store_new(cursor, family.code)
        cursor.execute(
            f"INSERT INTO reports_rollupfigure (unit_id, ckey, series, grain, bucket, due, {V}) "
            f"SELECT unit_id, ckey, series, {GRAIN_OWN}, {sql.date_literal(NO_DAY)}, due, {sql.sums()} "
            "FROM reports_unitfigure GROUP BY unit_id, ckey, series, due"
        )
        own = (
            f"SELECT f.unit_id, f.ckey, f.series, f.day, f.due, {', '.join('f.' + v for v in VALUE_COLUMNS)} "
            f"FROM reports_unitfigure f JOIN {table} c ON c.id = f.unit_id WHERE c.depth = %s"
        )
        # Everything, level by level from the deepest up; months and days where they are kept.
        for depth in range(deepest, 1, -1):
            cursor.execute(
                f"INSERT INTO reports_rollupfigure (unit_id, ckey, series, grain, bucket, due, {V}) "
                f"SELECT p.id, x.ckey, x.series, x.grain, x.bucket, x.due, {sql.sums('x.')} FROM ("
                f"{sql.grains(own, which=(GRAIN_ALL,))} UNION ALL "
                f"SELECT s.unit_id, s.ckey, s.series, s.grain, s.bucket, s.due, {', '.join('s.' + v for v in VALUE_COLUMNS)} "
                f"FROM reports_rollupfigure s JOIN {table} c ON c.id = s.unit_id WHERE c.depth = %s AND s.grain = {GRAIN_ALL}"
                f") x JOIN {table} c ON c.id = x.unit_id JOIN {table} p ON p.path = c.parent_path "
                "GROUP BY p.id, x.ckey, x.series, x.grain, x.bucket, x.due",
                [depth, depth],
            )
        _keep_by_period(cursor, None)
    sql.tidy(TABLES)
