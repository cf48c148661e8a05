"""A scenario load killed with SIGKILL half-way leaves all of the scenario or none of it.

``load_scenario`` runs in one transaction. The test starts ``cascade scenario load`` in a
subprocess against a database of its own, waits until the load's write transaction is
open (SQLite: the write lock is held; PostgreSQL: the session has a transaction id), kills
the process with SIGKILL at several points inside that transaction, and checks each time
that the scenario's tables hold either their state before the load or the complete load.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from cascade.intake.scenarios import COUNTED_APPS

pytestmark = pytest.mark.slow

SCENARIO = "foreign-affairs-2023"
# Seconds to wait, once the load's transaction is open, before the kill. The last one lets
# the load finish (the kill then finds no process): the "all of it" outcome.
KILL_DELAYS = (0.0, 0.05, 0.15, 0.3, 120.0)
PROJECT_DIR = Path(__file__).resolve().parents[3]


def scenario_tables() -> list[str]:
    tables = set()
    for label in COUNTED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            tables.add(model._meta.db_table)
    return sorted(tables)


def _env(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CASCADE_TEST_DB_NAME"}}
    env.update(CASCADE_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="cascade.settings", PYTHONUNBUFFERED="1")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _cascade(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "cascade.cli", *args],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"cascade {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _kill_mid_load(env: dict[str, str], in_transaction, delay: float) -> tuple[bool, str]:
    """Start a load, wait for its open transaction, SIGKILL it ``delay`` s later.

    Returns whether the kill landed while the transaction was still open, and the output.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "cascade.cli", "scenario", "--skip-checks", "load", SCENARIO],
        env=env,
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not in_transaction():
            assert process.poll() is None, (
                f"the load ended before its transaction was seen:\n{process.stdout.read()}"
            )
            assert time.monotonic() < deadline, "the load's transaction never opened"
            time.sleep(0.002)
        until = time.monotonic() + delay
        while time.monotonic() < until and process.poll() is None:
            time.sleep(0.002)
        still_open = in_transaction() and process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        # Until the server (or the OS, for SQLite's lock) has noticed the dead client.
        deadline = time.monotonic() + 60
        while in_transaction():
            assert time.monotonic() < deadline, "the killed load's transaction was never rolled back"
            time.sleep(0.01)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output = process.stdout.read()
    process.stdout.close()
    return still_open and process.returncode == -signal.SIGKILL, output


def _check_all_or_nothing(counts, before: dict[str, int], full: dict[str, int], env, in_transaction) -> None:
    interrupted = 0
    for delay in KILL_DELAYS:
        killed_mid_load, output = _kill_mid_load(env, in_transaction, delay)
        after = counts()
        assert after in (before, full), (
            f"partial scenario after a kill {delay} s into the load: "
            f"{ {t: n for t, n in after.items() if n not in (before[t], full[t])} }"
        )
        if killed_mid_load:
            interrupted += 1
            assert "Loaded" not in output
            assert after == before, "killed inside the transaction, yet rows were left behind"
    assert interrupted, "no kill landed inside the load's transaction: the test proved nothing"
    assert after == full, "the load left to finish did not complete"


# --- SQLite -------------------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite variant runs when the suite runs on SQLite"
)
def test_sqlite_load_killed_mid_transaction_leaves_all_or_nothing(tmp_path):
    var_dir = tmp_path / "var"
    env = _env(var_dir, None)
    _cascade(env, "migrate", "--verbosity=0")
    database = var_dir / "cascade.sqlite3"
    assert database.is_file()
    pristine = tmp_path / "migrated.sqlite3"
    shutil.copyfile(database, pristine)
    tables = scenario_tables()

    def counts() -> dict[str, int]:
        db = sqlite3.connect(database, timeout=30)
        try:
            return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        finally:
            db.close()

    def in_transaction() -> bool:
        """True while another connection holds the write lock (the load's BEGIN IMMEDIATE)."""
        db = sqlite3.connect(database, timeout=0, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return True
            raise
        finally:
            db.close()

    before = counts()
    _cascade(env, "scenario", "load", SCENARIO)
    full = counts()
    assert sum(full.values()) > sum(before.values()) + 500

    # Back to the migrated, empty database (no -wal/-shm left from the full load).
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(pristine, database)
    assert counts() == before

    _check_all_or_nothing(counts, before, full, env, in_transaction)
    # The database is intact after the kills (and the last load, left to finish, completed).
    db = sqlite3.connect(database)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


# --- PostgreSQL ---------------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL variant runs when the suite runs on PostgreSQL"
)
def test_postgresql_load_killed_mid_transaction_leaves_all_or_nothing(tmp_path):
    import psycopg
    from psycopg import sql

    settings_dict = connection.settings_dict
    name = f"cascade_killtest_{os.getpid()}"
    params = {
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
    }
    params = {k: v for k, v in params.items() if v}
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    url = f"postgres://{user}{password}@{host}{port}/{name}"
    env = _env(tmp_path / "var", url)
    tables = scenario_tables()

    admin = psycopg.connect(dbname="postgres", autocommit=True, **params)
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    watcher = None
    try:
        _cascade(env, "migrate", "--verbosity=0")
        watcher = psycopg.connect(dbname=name, autocommit=True, **params)

        def counts() -> dict[str, int]:
            return {
                t: watcher.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]
                for t in tables
            }

        def in_transaction() -> bool:
            """True while another session of this database has written inside an open transaction."""
            row = watcher.execute(
                "SELECT COUNT(*) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL",
                [name],
            ).fetchone()
            return row[0] > 0

        before = counts()
        # The reference: what a complete load leaves; then back to empty.
        _cascade(env, "scenario", "load", SCENARIO)
        full = counts()
        assert sum(full.values()) > sum(before.values()) + 500
        _cascade(env, "flush", "--no-input", "--verbosity=0")
        assert counts() == before

        _check_all_or_nothing(counts, before, full, env, in_transaction)
    finally:
        if watcher is not None:
            watcher.close()
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()
