"""The database's own bulk path for many rows at once: COPY on PostgreSQL, executemany on SQLite.

``load()`` writes plain tuples straight to a model's table, with the model's defaults for
the columns not given, in the caller's transaction (all or nothing). No model instances
are built and no signals are sent; the rollup engine's triggers still note every row, so
figures follow as after any other write. Primary keys are given explicitly by the caller
(``next_ids``) so that rows can point at one another before they are written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

CHUNK = 10_000


def moment(value):
    """A datetime as this database's bulk path takes it."""
    return connection.ops.adapt_datetimefield_value(value)


def _constant(field: models.Field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return moment(now)
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        return ""
    raise ValueError(f"{field.model._meta.label}.{field.name} has no default: give it")


def columns_of(model: type[models.Model], given: Sequence[str]) -> tuple[list[str], tuple]:
    """The table columns for ``given`` attribute names plus every other column, and the other columns' values."""
    fields = {f.attname: f for f in model._meta.concrete_fields if not isinstance(f, models.GeneratedField)}
    unknown = [name for name in given if name not in fields]
    if unknown:
        raise ValueError(f"{model._meta.label} has no columns {unknown}")
    now = timezone.now()
    rest = [f for name, f in fields.items() if name not in given and not f.primary_key]
    return [fields[name].column for name in given] + [f.column for f in rest], tuple(
        _constant(f, now) for f in rest
    )


def next_ids(model: type[models.Model], count: int) -> range:
    """``count`` primary keys after the highest one in use."""
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first() or 0
    return range(last + 1, last + 1 + count)


def load(model: type[models.Model], given: Sequence[str], rows: Iterable[Sequence], *, on_chunk=None) -> int:
    """Write ``rows`` (values for the ``given`` attributes, in order) into ``model``'s table."""
    columns, tail = columns_of(model, given)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(c) for c in columns]
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The driver's own COPY: its errors are turned into Django's like any query's.
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row((*row, *tail))
                    written += 1
                    if on_chunk and written % CHUNK == 0:
                        on_chunk(written)
            if "id" in given:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{model._meta.db_table}', 'id'), COALESCE(MAX(id), 1)) "
                    f"FROM {table}"
                )
        else:
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
            chunk: list[tuple] = []
            for row in rows:
                chunk.append((*row, *tail))
                if len(chunk) == CHUNK:
                    cursor.executemany(sql, chunk)
                    written += len(chunk)
                    chunk.clear()
                    if on_chunk:
                        on_chunk(written)
            if chunk:
                cursor.executemany(sql, chunk)
                written += len(chunk)
    if on_chunk:
        on_chunk(written)
    return written
