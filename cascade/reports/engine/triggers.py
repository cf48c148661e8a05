"""Database triggers that note, in the writer's own transaction, which figures a write made stale.

One trigger per watched table and event (insert, update, delete), generated from
``families.FAMILIES``: each adds (family, key) rows to ``reports_pendingchange`` for the
unit a changed row belongs to, before and after the change; an inserted row is noted with
its table and id where its figures can simply be added (``Family.adds_rows``). Every write
path is covered (forms, the admin, the API, imports, ``bulk_create``, ``QuerySet.update``,
raw SQL), and a writer never waits on another: the triggers only append.

SQLite runs row triggers; PostgreSQL runs one statement trigger per statement over its
transition tables, so a COPY or a multi-row INSERT costs one grouped insert, not one per row.
Unit rows are watched for additions, deletions and changes of path (moves).
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection

from .families import FAMILIES, Family, Watch

PREFIX = "cascade_figures"
EVENTS = {"ins": "INSERT", "upd": "UPDATE", "del": "DELETE"}


def _key_select(watch: Watch, row: str) -> str:
    """SQL selecting the keying unit ids (column ``k``) for one row, referred to as ``row``."""
    model = apps.get_model(watch.model)
    if watch.key == "":
        return f"SELECT {row}.{model._meta.pk.column} AS k"
    hops = watch.key.split("__")
    joins: list[str] = []
    where: list[str] = []
    alias = row
    for i, hop in enumerate(hops):
        field = model._meta.get_field(hop)
        last = i == len(hops) - 1
        if field.many_to_one and last:
            column = f"{alias}.{field.column}"
            break
        if field.many_to_one:  # forward: the row it points at
            target = field.related_model
            nxt = f"t{i}"
            joins.append(f"{target._meta.db_table} {nxt}")
            where.append(f"{nxt}.{target._meta.pk.column} = {alias}.{field.column}")
        elif field.one_to_many:  # reverse: the rows pointing at this one
            target = field.related_model
            nxt = f"t{i}"
            joins.append(f"{target._meta.db_table} {nxt}")
            where.append(f"{nxt}.{field.field.column} = {alias}.{model._meta.pk.column}")
        else:
            raise ValueError(f"{watch.model}: cannot follow {hop!r} in {watch.key!r}")
        model, alias = target, nxt
    else:
        raise ValueError(f"{watch.model}: {watch.key!r} does not end at a unit")
    if not joins:
        return f"SELECT {column} AS k"
    return f"SELECT {column} AS k FROM {', '.join(joins)} WHERE {' AND '.join(where)}"


def watched_tables() -> dict[str, list[tuple[Family, Watch]]]:
    """Table → the (family, watch) pairs that watch it."""
    tables: dict[str, list[tuple[Family, Watch]]] = {}
    for family in FAMILIES:
        for watch in family.watches:
            table = apps.get_model(watch.model)._meta.db_table
            tables.setdefault(table, []).append((family, watch))
    return tables


def _row_columns(table: str, family: Family, watch: Watch, suffix: str, row: str) -> str:
    """The note's table and row id: the inserted row's where the drain adds its figures, else NULL."""
    if suffix == "ins" and family.adds_rows(watch):
        return f"'{table}', {row}.{apps.get_model(watch.model)._meta.pk.column}"
    return "CAST(NULL AS VARCHAR(64)), CAST(NULL AS BIGINT)"


def _unit_path_changed(table: str) -> bool:
    return table == apps.get_model("organization.Unit")._meta.db_table


def _sqlite_statements(table: str, watches: list[tuple[Family, Watch]]) -> list[str]:
    statements = []
    for suffix, event in EVENTS.items():
        rows = {"ins": ["NEW"], "upd": ["OLD", "NEW"], "del": ["OLD"]}[suffix]
        when = ""
        if suffix == "upd" and _unit_path_changed(table):
            event, when, rows = "UPDATE OF path", " WHEN OLD.path <> NEW.path", ["NEW"]
        inserts = [
            f"INSERT INTO reports_pendingchange (family, key, source, row_id) "
            f"SELECT '{family.code}', s.k, {_row_columns(table, family, watch, suffix, row)} "
            f"FROM ({_key_select(watch, row)}) s WHERE s.k IS NOT NULL;"
            for family, watch in watches
            for row in rows
        ]
        statements.append(
            f"CREATE TRIGGER {PREFIX}_{table}_{suffix} AFTER {event} ON {table} FOR EACH ROW{when} "
            f"BEGIN {' '.join(inserts)} END"
        )
    return statements


def _postgres_statements(table: str, watches: list[tuple[Family, Watch]]) -> list[str]:
    statements = []
    for suffix, event in EVENTS.items():
        name = f"{PREFIX}_{table}_{suffix}"
        sources = {"ins": ["new_rows"], "upd": ["old_rows", "new_rows"], "del": ["old_rows"]}[suffix]
        referencing = {
            "ins": "REFERENCING NEW TABLE AS new_rows",
            "upd": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "del": "REFERENCING OLD TABLE AS old_rows",
        }[suffix]
        if suffix == "upd" and _unit_path_changed(table):
            moved = "(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.path <> n.path)"
            sources = [moved]
        selects = [
            f"SELECT '{family.code}' AS family, s.k, {_row_columns(table, family, watch, suffix, 'r')} "
            f"FROM {source} r CROSS JOIN LATERAL ({_key_select(watch, 'r')}) s WHERE s.k IS NOT NULL"
            for family, watch in watches
            for source in sources
        ]
        body = (
            "INSERT INTO reports_pendingchange (family, key, source, row_id) SELECT DISTINCT * FROM ("
            + " UNION ALL ".join(selects)
            + ") x"
        )
        statements.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body}; RETURN NULL; END $$"
        )
        statements.append(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} {referencing} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    return statements


def _drop_statements(table: str, vendor: str) -> list[str]:
    out = []
    for suffix in EVENTS:
        name = f"{PREFIX}_{table}_{suffix}"
        if vendor == "postgresql":
            out += [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
        else:
            out.append(f"DROP TRIGGER IF EXISTS {name}")
    return out


def install(schema_connection=None) -> None:
    """(Re)create every trigger; idempotent."""
    conn = schema_connection or connection
    build = _postgres_statements if conn.vendor == "postgresql" else _sqlite_statements
    with conn.cursor() as cursor:
        for table, watches in watched_tables().items():
            for statement in _drop_statements(table, conn.vendor) + build(table, watches):
                cursor.execute(statement)


def uninstall(schema_connection=None) -> None:
    conn = schema_connection or connection
    with conn.cursor() as cursor:
        for table in watched_tables():
            for statement in _drop_statements(table, conn.vendor):
                cursor.execute(statement)
