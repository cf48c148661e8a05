"""Back up and restore the whole database, each in one step.

SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies a consistent
snapshot while the server keeps running; a restore runs the same API the other way,
into the live connection, so every other connection sees either the old database or the
new one. The backup file is a plain SQLite database (rollback journal, not WAL, so it is
one self-contained file).

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists --no-owner
--single-transaction``, with the connection settings of the Django database.

A file is checked before anything is touched: it must be a backup of the right kind, and
it must hold Cascade's tables. Otherwise ``BackupError`` says why and nothing changes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
# Apps whose tables a file must hold to count as a Cascade backup.
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CASCADE_APPS = ("access", "organization", "campaigns", "conferences", "reports", "intake")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    vendor: str
    size: int


def required_tables() -> set[str]:
    """Tables a Cascade backup must contain: Django's migration record and every Cascade model's."""
    tables = {"django_migrations"}
    for label in CASCADE_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                tables.add(model._meta.db_table)
    return tables


def backup(path: str | os.PathLike, *, using: str = "default", overwrite: bool = False) -> BackupInfo:
    """Write a backup of database ``using`` to ``path`` (written aside, then moved into place)."""
    target = Path(path).resolve()
    if target.exists() and not overwrite:
        raise BackupError(f"{target} already exists; choose another name, or overwrite it (--overwrite).")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    connection = connections[using]
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(connection, Path(temporary))
        elif connection.vendor == "postgresql":
            _pg_run("pg_dump", ["--format=custom", f"--file={temporary}"], connection.settings_dict)
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return BackupInfo(path=target, vendor=connection.vendor, size=target.stat().st_size)


def check_backup(path: str | os.PathLike, *, using: str = "default") -> BackupInfo:
    """Raise ``BackupError`` unless ``path`` is a Cascade backup that database ``using`` can take."""
    source = Path(path).resolve()
    if not source.is_file():
        raise BackupError(f"{source} does not exist or is not a file.")
    with source.open("rb") as handle:
        head = handle.read(16)
    connection = connections[using]
    kind = "sqlite" if head == SQLITE_MAGIC else "postgresql" if head.startswith(PG_CUSTOM_MAGIC) else None
    if kind is None:
        raise BackupError(
            f"{source} is not a Cascade backup (neither a SQLite database nor a pg_dump archive)."
        )
    if kind != connection.vendor:
        raise BackupError(
            f"{source} is a {VENDOR_NAMES[kind]} backup, but the database is {VENDOR_NAMES.get(connection.vendor, connection.vendor)}."
        )
    tables = (
        _sqlite_tables(source) if kind == "sqlite" else _pg_archive_tables(source, connection.settings_dict)
    )
    missing = sorted(required_tables() - tables)
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise BackupError(
            f"{source} is not a Cascade backup: it lacks {len(missing)} of Cascade's tables ({shown})."
        )
    return BackupInfo(path=source, vendor=kind, size=source.stat().st_size)


def restore(path: str | os.PathLike, *, using: str = "default") -> BackupInfo:
    """Replace database ``using`` with the backup at ``path``, after ``check_backup``."""
    info = check_backup(path, using=using)
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    if connection.vendor == "sqlite":
        _sqlite_restore(connection, info.path)
    else:
        # pg_restore drops and recreates the tables: no session of ours may hold a lock on them.
        connection.close()
        _pg_run(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                str(info.path),
            ],
            connection.settings_dict,
        )
    return info


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_backup(connection, target: Path) -> None:
    connection.ensure_connection()
    live: sqlite3.Connection = connection.connection
    copy = sqlite3.connect(target)
    try:
        live.backup(copy)
        # One self-contained file: no -wal/-shm beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        problems = copy.execute("PRAGMA quick_check").fetchone()[0]
        if problems != "ok":
            raise BackupError(f"The copy failed its integrity check: {problems}")
    finally:
        copy.close()


def _sqlite_open_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def _sqlite_tables(path: Path) -> set[str]:
    try:
        database = _sqlite_open_readonly(path)
        try:
            problems = database.execute("PRAGMA quick_check").fetchone()[0]
            if problems != "ok":
                raise BackupError(f"{path} is a damaged SQLite database: {problems}")
            rows = database.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            database.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} cannot be read as a SQLite database: {exc}") from exc
    return {name for (name,) in rows}


def _sqlite_restore(connection, source: Path) -> None:
    connection.ensure_connection()
    live: sqlite3.Connection = connection.connection
    if live.in_transaction:
        raise BackupError("A restore cannot run inside a transaction.")
    backup_db = _sqlite_open_readonly(source)
    try:
        # One step (pages=-1): the live database changes from old to new in one write transaction.
        backup_db.backup(live)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"The restore failed and the database was left as it was: {exc}") from exc
    finally:
        backup_db.close()


# --- PostgreSQL -----------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found on PATH: install the PostgreSQL client tools "
            "(Debian/Ubuntu: apt-get install postgresql-client) in a version at least the server's."
        )
    return found


def _pg_env(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if options.get(option):
            env[variable] = str(options[option])
    return env


def _pg_connection_args(settings_dict: dict) -> list[str]:
    args = []
    if settings_dict.get("HOST"):
        args.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        args.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        args.append(f"--username={settings_dict['USER']}")
    args.append(f"--dbname={settings_dict['NAME']}")
    return [*args, "--no-password"]


def _pg_run(tool: str, args: list[str], settings_dict: dict) -> str:
    command = [_pg_tool(tool), *_pg_connection_args(settings_dict), *args]
    result = subprocess.run(command, env=_pg_env(settings_dict), capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BackupError(f"{tool} failed (exit {result.returncode}): {detail}")
    return result.stdout


def _pg_archive_tables(path: Path, settings_dict: dict) -> set[str]:
    """Tables whose data a pg_dump custom archive holds (from its table of contents)."""
    command = [_pg_tool("pg_restore"), "--list", str(path)]
    result = subprocess.run(command, env=_pg_env(settings_dict), capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BackupError(f"{path} is not a readable pg_dump archive: {detail}")
    tables = set()
    for line in result.stdout.splitlines():
        if line.startswith(";") or not line.strip():
            continue
        # "215; 1259 16390 TABLE public organization_unit postgres"
        parts = line.split()
        with contextlib.suppress(ValueError, IndexError):
            position = parts.index("TABLE")
            if parts[position - 1].isdigit() and parts[position + 1] != "DATA":
                tables.add(parts[position + 2])
    return tables
