"""``cascade import``: checking, importing and writing templates from the command line."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.intake.tests.sheets import workbook
from cascade.organization.models import Membership, Person
from cascade.organization.tests.factories import MembershipFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["Name", "Rank", "Post", "Unit", "Leadership team", "Start date"]


def write_workbook(path, *rows) -> bytes:
    data = workbook(*rows)
    path.write_bytes(data)
    return data


def run(*args) -> str:
    out = io.StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def world():
    ministry = UnitFactory(name="Ministry", short_name="MFA")
    asia = UnitFactory(parent=ministry, name="Department of Asian Affairs", short_name="ASIA")
    embassy = UnitFactory(parent=ministry, name="Embassy in Hungary", short_name="HU")
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=asia).user
    return {"ministry": ministry, "asia": asia, "embassy": embassy, "clerk": clerk}


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "people.xlsx"
    write_workbook(
        path,
        PEOPLE,
        ["Wang Lei", "bureau level", "Director-General", "ASIA", "yes", dt.date(2023, 4, 1)],
        ["Consul", "", "", "HU", "", ""],
    )
    return path


def test_import_dry_run_reports_counts_and_writes_nothing(world, good_file):
    people, entries = Person.objects.count(), AuditEntry.objects.count()
    output = run("people", str(good_file), "--dry-run")
    assert (
        output == "2 rows checked, nothing written: 2 new, 0 changed, 0 unchanged, 0 with errors (dry run)\n"
    )
    assert (Person.objects.count(), AuditEntry.objects.count()) == (people, entries)


def test_import_real_run_writes_and_says_imported(world, good_file):
    output = run("people", str(good_file))
    assert output == "2 rows imported: 2 new, 0 changed, 0 unchanged, 0 with errors\n"
    rows = Membership.objects.order_by("person__name")
    assert [(m.person.name, m.unit, m.is_leadership) for m in rows] == [
        ("Consul", world["embassy"], False),
        ("Wang Lei", world["asia"], True),
    ]
    entry = AuditEntry.objects.get(action="import.committed")
    data = good_file.read_bytes()
    assert (entry.user, entry.data) == (
        None,
        {
            "kind": "people",
            "sheet": "Sheet",
            "new": 2,
            "changed": 0,
            "unchanged": 0,
            "error": 0,
            "file": "people.xlsx",
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
        },
    )


def test_import_second_run_reports_all_unchanged(world, good_file):
    run("people", str(good_file))
    people = Person.objects.count()
    output = run("people", str(good_file))
    assert output == "2 rows imported: 0 new, 0 changed, 2 unchanged, 0 with errors\n"
    assert Person.objects.count() == people


def test_import_file_with_errors_raises_and_writes_nothing(world, tmp_path):
    path = tmp_path / "bad.xlsx"
    write_workbook(
        path,
        PEOPLE,
        ["Good Person", "", "Attaché", "ASIA", "", ""],
        ["Bad Date", "", "", "ASIA", "", "2023-02-30"],
        ["Nowhere", "", "", "Department of Mars", "", ""],
    )
    people, entries = Person.objects.count(), AuditEntry.objects.count()
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", "people", str(path), stdout=out)
    assert str(caught.value) == "2 rows have errors; nothing was imported."
    assert out.getvalue().splitlines() == [
        "row 3: Start date: Enter a valid date.",
        "row 4: Unit: no unit “Department of Mars” among those you may choose.",
        "3 rows refused: 1 new, 0 changed, 0 unchanged, 2 with errors",
    ]
    assert (Person.objects.count(), AuditEntry.objects.count()) == (people, entries)


def test_import_template_writes_workbook_with_english_headers(world, tmp_path):
    path = tmp_path / "out.xlsx"
    output = run("people", "--template", str(path))
    assert output == f"Wrote {path}\n"
    book = load_workbook(path)
    assert [cell.value for cell in book.worksheets[0][1]] == [
        "Name *",
        "Chinese name",
        "Rank",
        "Post",
        "Chinese post",
        "Unit *",
        "Leadership team",
        "Start date",
    ]


def test_import_attendance_writes_each_activitys_roster_once(world, tmp_path):
    from decimal import Decimal

    from cascade.campaigns.models import StudyAttendance
    from cascade.campaigns.tests.factories import StudyActivityFactory

    activity = StudyActivityFactory(unit=world["asia"], title="Reading class")
    for name in ("Wang Lei", "Li Na"):
        MembershipFactory(person=PersonFactory(name=name), unit=world["asia"])
    path = tmp_path / "attendance.xlsx"
    write_workbook(
        path,
        ["Activity", "Person", "Hours attended"],
        ["Reading class", "Wang Lei", 6],
        ["Reading class", "Li Na", 4],
    )
    assert (
        run("study-attendance", str(path))
        == "2 rows imported: 2 new, 0 changed, 0 unchanged, 0 with errors\n"
    )
    rows = StudyAttendance.objects.filter(activity=activity).values_list("person__name", "hours")
    assert list(rows) == [("Li Na", Decimal("4.0")), ("Wang Lei", Decimal("6.0"))]
    assert AuditEntry.objects.filter(action="studyattendance.recorded").count() == 1


def test_import_unknown_kind_raises(world, good_file):
    with pytest.raises(CommandError) as caught:
        run("spaceships", str(good_file))
    assert str(caught.value) == (
        "There is no import of “spaceships”; there are: units, people, study-activities, study-sessions, "
        "study-attendance, research-topics, adopted-measures, field-visits, supervision-visits, "
        "supervision-findings, rectification-items, outreach-events, conference-attendees."
    )


def test_import_unknown_user_raises(world, good_file):
    with pytest.raises(CommandError) as caught:
        run("people", str(good_file), "--user", "nobody")
    assert str(caught.value) == "No active user is called 'nobody'."
    assert Person.objects.count() == 0


def test_import_missing_file_raises(world, tmp_path):
    with pytest.raises(CommandError) as caught:
        run("people", str(tmp_path / "absent.xlsx"))
    assert (
        str(caught.value) == f"{tmp_path / 'absent.xlsx'}: cannot read the file (No such file or directory)."
    )


def test_import_as_clerk_refuses_unit_outside_scope(world, good_file):
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import", "people", str(good_file), "--user", world["clerk"].username, stdout=out)
    assert str(caught.value) == "1 row has errors; nothing was imported."
    assert out.getvalue().splitlines() == [
        "row 3: Unit: no unit “HU” among those you may choose.",
        "2 rows refused: 1 new, 0 changed, 0 unchanged, 1 with errors",
    ]
    assert Person.objects.count() == 0


def test_import_unreadable_file_raises_with_its_message(world, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"\x00\x01\x02 not a workbook \xff" * 50)
    with pytest.raises(CommandError) as caught:
        run("people", str(path))
    assert str(caught.value) == f"{path}: This file is not an Excel workbook (.xlsx) or a CSV file."
