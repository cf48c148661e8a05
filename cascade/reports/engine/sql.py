"""The few places where SQLite and PostgreSQL differ, and the engine's scratch tables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from ..models import VALUE_COLUMNS
from .series import NO_DAY

# Any constant: PostgreSQL's advisory lock that lets one drain run at a time. On SQLite the
# write lock taken at BEGIN IMMEDIATE does the same.
DRAIN_LOCK = 7_311_202_312

V = ", ".join(VALUE_COLUMNS)


def vendor() -> str:
    return connection.vendor


def month_of(expr: str) -> str:
    """SQL for the first day of the month of the date ``expr``."""
    if vendor() == "postgresql":
        return f"CAST(date_trunc('month', {expr}) AS date)"
    return f"date({expr}, 'start of month')"


def date_literal(value) -> str:
    """A constant date, written into the SQL (only ever the engine's own constants).

    SQLite keeps dates as ISO text (a CAST to its "date" affinity would make a number).
    """
    if vendor() == "postgresql":
        return f"DATE '{value.isoformat()}'"
    return f"'{value.isoformat()}'"


def sums(prefix: str = "", sign: str = "") -> str:
    return ", ".join(f"SUM({sign}{prefix}{v})" for v in VALUE_COLUMNS)


def upsert_tail() -> str:
    """The ON CONFLICT clause that adds new values to a subtree figure already there."""
    added = ", ".join(f"{v} = reports_rollupfigure.{v} + excluded.{v}" for v in VALUE_COLUMNS)
    return f"ON CONFLICT (unit_id, grain, due, ckey, series, bucket) DO UPDATE SET {added}"


def empty(cursor, tables: list[str]) -> None:
    """Delete every row (PostgreSQL: TRUNCATE, which leaves no dead rows for readers to skip)."""
    if vendor() == "postgresql":
        cursor.execute(f"TRUNCATE {', '.join(tables)}")
    else:
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")


def tidy(tables: list[str]) -> None:
    """After rewriting tables wholesale: fresh planner statistics (and, outside a transaction on
    PostgreSQL, the visibility map that lets reads skip the table itself)."""
    with connection.cursor() as cursor:
        if vendor() != "postgresql":
            for table in tables:
                cursor.execute(f"ANALYZE {table}")
        elif connection.in_atomic_block:
            cursor.execute(f"ANALYZE {', '.join(tables)}")
        else:
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")


def lock(cursor) -> None:
    if vendor() == "postgresql":
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [DRAIN_LOCK])


@contextmanager
def drain_transaction() -> Iterator[tuple[object, bool]]:
    """A drain round's transaction, one at a time: (cursor, whether the round sees one snapshot).

    A round that adds the figures of inserted rows must read every table as of one moment:
    otherwise a recount could count a row committed after the round took its notes, and the
    next round would add that row again from its note. SQLite's write lock, taken at BEGIN,
    gives that. PostgreSQL needs REPEATABLE READ, with the drain's lock taken before the
    transaction begins (a lock waited for inside it would come after the snapshot); inside a
    caller's transaction it cannot have it, and the round then recounts instead of adding.
    """
    if vendor() != "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            yield cursor, True
        return
    if connection.in_atomic_block:
        with transaction.atomic(), connection.cursor() as cursor:
            lock(cursor)
            yield cursor, False
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [DRAIN_LOCK])
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield cursor, True
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [DRAIN_LOCK])


_VALUES_DDL = ", ".join(f"{v} BIGINT NOT NULL DEFAULT 0" for v in VALUE_COLUMNS)
SCRATCH = {
    "cascade_keys": "key BIGINT NOT NULL",
    "cascade_rows": "source VARCHAR(64) NOT NULL, row_id BIGINT NOT NULL",
    "cascade_new": f"key BIGINT, unit_id BIGINT, ckey BIGINT, series VARCHAR(24), day DATE, due DATE, {_VALUES_DDL}",
    "cascade_delta": f"key BIGINT, unit_id BIGINT, ckey BIGINT, series VARCHAR(24), day DATE, due DATE, {_VALUES_DDL}",
    "cascade_moved": f"ckey BIGINT, series VARCHAR(24), grain SMALLINT, bucket DATE, due DATE, {_VALUES_DDL}",
}


def scratch_tables(cursor) -> None:
    """Create the transaction's temporary tables if needed, and empty them (call inside a transaction)."""
    # PostgreSQL drops them at commit; SQLite keeps them with the connection, out of sight.
    tail = " ON COMMIT DROP" if vendor() == "postgresql" else ""
    for name, columns in SCRATCH.items():
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns}){tail}")
        cursor.execute(f"DELETE FROM {name}")
    cursor.execute("CREATE INDEX IF NOT EXISTS cascade_delta_key ON cascade_delta (key, unit_id, series)")


GRAINED = "SELECT unit_id FROM reports_grainedunit"


def analyze(cursor, table: str) -> None:
    """Tell the planner how many rows a scratch table holds before a statement uses it with a
    large table. Neither database keeps statistics of temporary tables by itself, and without
    them both planned to read the whole large table (SQLite into a Bloom filter first) for a
    handful of rows: a drain of 20 records on a 30,000-unit tree took 2 to 4 times as long."""
    cursor.execute(f"ANALYZE temp.{table}" if vendor() != "postgresql" else f"ANALYZE {table}")


def grains(select: str, *, which: tuple[int, ...] = (0, 1, 2), grained: bool = False) -> str:
    """The rows of ``select`` (unit_id, ckey, series, day, due, v0..v7), summed into the grains
    ``which``: everything (0), each month (1), each day (2).

    Gives (unit_id, ckey, series, grain, bucket, due, v0..v7). Rows without a day go into
    grain 0 only; with ``grained``, months and days only for the units kept by period
    (``reports_grainedunit``). Parameters of ``select`` are needed once per grain.
    """
    dated = " AND ".join(["g.day IS NOT NULL"] + ([f"g.unit_id IN ({GRAINED})"] if grained else []))
    s = ", ".join(f"SUM(g.{v}) AS {v}" for v in VALUE_COLUMNS)
    head = "SELECT g.unit_id AS unit_id, g.ckey AS ckey, g.series AS series"
    parts = {
        0: (date_literal(NO_DAY), "", ""),
        1: (month_of("g.day"), f"WHERE {dated}", f", {month_of('g.day')}"),
        2: ("g.day", f"WHERE {dated}", ", g.day"),
    }
    return " UNION ALL ".join(
        f"{head}, {grain} AS grain, {parts[grain][0]} AS bucket, g.due AS due, {s} "
        f"FROM ({select}) g {parts[grain][1]} GROUP BY g.unit_id, g.ckey, g.series{parts[grain][2]}, g.due"
        for grain in which
    )
