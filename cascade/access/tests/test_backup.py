"""``cascade backup`` / ``cascade restore``: a round trip gives back every row and every rollup;
a file that is not a Cascade backup is refused and nothing changes."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cascade.access.backup import BackupError, backup, check_backup
from cascade.access.models import AuditEntry
from cascade.organization.models import Unit
from cascade.tests import scenario_copy

pytestmark = pytest.mark.django_db(transaction=True)


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def rollups() -> list[dict]:
    from cascade.campaigns.models import Campaign
    from cascade.reports.domain import rollup

    pictures = []
    for root in Unit.objects.get_root_nodes():
        for campaign in [None, *Campaign.objects.order_by("pk")]:
            picture = rollup(unit=root, campaign=campaign).as_json()
            picture.pop("as_of")
            pictures.append(picture)
    return pictures


def wipe() -> None:
    call_command("flush", interactive=False, verbosity=0)
    assert Unit.objects.count() == 0


def _require_pg_client() -> None:
    if connection.vendor == "postgresql":
        missing = [tool for tool in ("pg_dump", "pg_restore") if not shutil.which(tool)]
        assert not missing, (
            f"{', '.join(missing)} not found on PATH: the PostgreSQL client tools are needed to back up "
            "PostgreSQL (apt-get install postgresql-client)."
        )


@pytest.fixture
def scenario():
    _require_pg_client()
    scenario_copy.load()
    pictures = rollups()  # reading brings the rollup engine's tables up to date first
    return table_counts(), pictures


@pytest.fixture
def backup_file(tmp_path, scenario):
    path = tmp_path / "cascade.backup"
    call_command("backup", str(path), verbosity=0)
    assert path.stat().st_size > 0
    return path


def test_backup_wipe_restore_gives_back_every_row_and_rollup(scenario, backup_file, capsys):
    counts, pictures = scenario
    assert counts["organization_unit"] > 0 and any(p["totals"] for p in pictures)
    wipe()
    assert table_counts() != counts

    call_command("restore", str(backup_file), "--yes")
    assert "Restored" in capsys.readouterr().out

    after = table_counts()
    # The restore itself is audited: one entry more in the audit log, nothing else differs.
    assert after.pop("access_auditentry") == counts.pop("access_auditentry") + 1
    assert after == counts
    assert rollups() == pictures
    entry = AuditEntry.objects.get(action="database.restored")
    assert entry.data["file"] == str(backup_file)

    # The restored database is a working one: writes go on (sequences and all).
    root = Unit.objects.get_root_nodes().first()
    child = Unit.objects.add_child(root, {"name": "Unit added after the restore", "kind": root.kind})
    assert child.pk and Unit.objects.filter(pk=child.pk).exists()


def test_backup_is_taken_while_the_database_is_in_use(tmp_path, scenario):
    """The copy reflects committed data; a backup never blocks or breaks the live connection."""
    counts, _ = scenario
    path = tmp_path / "live.backup"
    info = backup(path)
    assert info.vendor == connection.vendor
    assert check_backup(path).path == path
    assert table_counts() == counts  # the live database is untouched
    Unit.objects.filter(depth__gt=1).update(short_name="changed after the backup")
    wipe()
    call_command("restore", str(path), "--yes", verbosity=0)
    assert not Unit.objects.filter(short_name="changed after the backup").exists()


def test_backup_refuses_to_overwrite_unless_asked(backup_file):
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(backup_file))
    call_command("backup", str(backup_file), "--overwrite", verbosity=0)


def _refused(path, message: str) -> None:
    before = table_counts()
    pictures = rollups()
    with pytest.raises(CommandError, match=message) as excinfo:
        call_command("restore", str(path), "--yes")
    assert "Nothing was changed" in str(excinfo.value)
    assert table_counts() == before
    assert rollups() == pictures


def test_a_file_that_is_no_backup_is_refused_with_nothing_changed(tmp_path, scenario):
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all\n" * 50)
    _refused(text, "not a Cascade backup")

    empty = tmp_path / "empty.backup"
    empty.write_bytes(b"")
    _refused(empty, "not a Cascade backup")

    _refused(tmp_path / "missing.backup", "does not exist")


def test_a_database_without_cascade_tables_is_refused_with_nothing_changed(tmp_path, scenario):
    if connection.vendor == "sqlite":
        other = tmp_path / "other.sqlite3"
        database = sqlite3.connect(other)
        database.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        database.execute("INSERT INTO notes (text) VALUES ('hello')")
        database.commit()
        database.close()
        _refused(other, "lacks .* of Cascade's tables")
    else:
        # A pg_dump archive of only some of Cascade's tables.
        from cascade.access.backup import _pg_run

        partial = tmp_path / "partial.dump"
        _pg_run(
            "pg_dump",
            ["--format=custom", f"--file={partial}", "--table=organization_unit"],
            connection.settings_dict,
        )
        _refused(partial, "lacks .* of Cascade's tables")


def test_a_backup_of_the_other_kind_of_database_is_refused(tmp_path, scenario):
    if connection.vendor == "sqlite":
        other = tmp_path / "cascade.dump"
        other.write_bytes(b"PGDMP\x01\x0f\x00" + b"\x00" * 200)
        _refused(other, "is a PostgreSQL backup, but the database is SQLite")
    else:
        other = tmp_path / "cascade.sqlite3"
        database = sqlite3.connect(other)
        database.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY)")
        database.commit()
        database.close()
        _refused(other, "is a SQLite backup, but the database is PostgreSQL")


def test_a_damaged_backup_is_refused_with_nothing_changed(backup_file, tmp_path):
    damaged = tmp_path / "damaged.backup"
    data = bytearray(backup_file.read_bytes())
    if connection.vendor == "sqlite":
        # Keep the header, overwrite the pages that follow the schema.
        middle = len(data) // 2
        data[middle : middle + 8192] = b"\xff" * 8192
    else:
        data = data[: len(data) // 3]
    damaged.write_bytes(bytes(data))
    before = table_counts()
    with pytest.raises(CommandError):
        call_command("restore", str(damaged), "--yes")
    assert table_counts() == before


def test_restore_asks_for_confirmation(backup_file, monkeypatch):
    wipe()
    monkeypatch.setattr("builtins.input", lambda prompt="": "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(backup_file))
    assert Unit.objects.count() == 0
    monkeypatch.setattr("builtins.input", lambda prompt="": "yes")
    call_command("restore", str(backup_file), verbosity=0)
    assert Unit.objects.count() > 0


def test_backup_error_is_a_clear_message(tmp_path):
    with pytest.raises(BackupError, match="does not exist"):
        backup(tmp_path / "no-such-folder" / "x.backup")
