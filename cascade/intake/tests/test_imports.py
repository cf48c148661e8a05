"""Spreadsheet imports: real .xlsx files made by openpyxl, read, checked and written through the domain."""

import datetime as dt

import pytest
from django.utils import translation

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.campaigns.choices import RectificationStatus, SessionLength, TopicStatus
from cascade.campaigns.models import RectificationItem, ResearchTopic, StudyActivity, StudySession
from cascade.campaigns.tests.factories import CampaignFactory, StudyActivityFactory
from cascade.core.scopes import SYSTEM
from cascade.intake import imports
from cascade.intake.tests.sheets import outcomes, run, workbook
from cascade.organization.models import Membership, Person, Unit
from cascade.organization.tests.factories import MembershipFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["Name", "Rank", "Post", "Unit", "Leadership team", "Start date"]


@pytest.fixture
def world():
    ministry = UnitFactory(name="Ministry", short_name="MFA")
    asia = UnitFactory(parent=ministry, name="Department of Asian Affairs", short_name="ASIA")
    embassy = UnitFactory(parent=ministry, name="Embassy in Hungary", short_name="HU")
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=asia).user
    return {
        "ministry": ministry,
        "asia": asia,
        "embassy": embassy,
        "clerk": clerk,
        "office": RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=ministry).user,
        "campaign": CampaignFactory(slug="thematic-2023", title="Thematic education", office=ministry),
    }


def test_people_import_adds_people_and_their_memberships(world):
    data = workbook(
        PEOPLE,
        ["Wang Lei", "bureau level", "Director-General", "ASIA", "yes", dt.date(2023, 4, 1)],
        ["Li Na", "", "Counsellor", "Department of Asian Affairs", "否", "2023/5/6"],
    )
    result = run("people", data, world["clerk"])
    assert outcomes(result) == [(2, "new", []), (3, "new", [])]
    assert result.committed is True
    rows = Membership.objects.filter(unit=world["asia"]).order_by("person__name")
    assert [(m.person.name, m.person.post, m.is_leadership, m.start_date) for m in rows] == [
        ("Li Na", "Counsellor", False, dt.date(2023, 5, 6)),
        ("Wang Lei", "Director-General", True, dt.date(2023, 4, 1)),
    ]


def test_reimporting_the_same_file_changes_nothing(world):
    data = workbook(PEOPLE, ["Wang Lei", "", "Director-General", "ASIA", "yes", "2023-04-01"])
    assert run("people", data, world["clerk"]).counts == {"new": 1, "changed": 0, "unchanged": 0, "error": 0}
    entries = AuditEntry.objects.count()
    stamp = Person.objects.get(name="Wang Lei").updated_at
    again = run("people", data, world["clerk"])
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 1, "error": 0}
    # The import itself is logged again; no record is.
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)[entries:]) == [
        "import.committed"
    ]
    assert Person.objects.get(name="Wang Lei").updated_at == stamp


def test_changed_row_updates_the_record_and_keeps_columns_the_file_lacks(world):
    person = PersonFactory(name="Wang Lei", post="Counsellor", rank="division")
    MembershipFactory(person=person, unit=world["asia"])
    result = run(
        "people", workbook(["Name", "Unit", "Post"], ["Wang Lei", "ASIA", "Minister"]), world["clerk"]
    )
    assert outcomes(result) == [(2, "changed", [])]
    person.refresh_from_db()
    assert (person.post, person.rank) == ("Minister", "division")


def test_file_with_errors_writes_nothing_and_says_what_is_wrong_with_each_row(world):
    people, entries = Person.objects.count(), AuditEntry.objects.count()
    data = workbook(
        PEOPLE,
        ["Good Person", "", "Attaché", "ASIA", "", ""],
        ["Bad Date", "", "", "ASIA", "", "2023-02-30"],
        ["Nowhere", "", "", "Department of Mars", "", ""],
        ["Outside", "", "", "HU", "", ""],
        ["Good Person", "", "Attaché", "ASIA", "", ""],
        ["Bad Rank", "admiral", "", "ASIA", "maybe", ""],
    )
    result = run("people", data, world["clerk"])
    assert outcomes(result) == [
        (2, "new", []),
        (3, "error", ["Start date: Enter a valid date."]),
        (4, "error", ["Unit: no unit “Department of Mars” among those you may choose."]),
        (5, "error", ["Unit: no unit “HU” among those you may choose."]),
        (6, "error", ["The same record as row 2."]),
        (
            7,
            "error",
            [
                "Leadership team: “maybe” is neither yes nor no.",
                "Rank: Select a valid choice. admiral is not one of the available choices.",
            ],
        ),
    ]
    assert result.committed is False
    assert (Person.objects.count(), AuditEntry.objects.count()) == (people, entries)


def test_a_unit_is_found_by_its_name_as_written_first_then_in_any_case(world):
    other = UnitFactory(parent=world["asia"], name="EMBASSY IN HUNGARY")
    data = workbook(
        PEOPLE,
        ["As written", "", "", "EMBASSY IN HUNGARY", "", ""],
        ["Any case", "", "", "department of asian affairs", "", ""],
        ["Two in any case", "", "", "embassy in hungary", "", ""],
    )
    result = run("people", data, world["office"])
    assert outcomes(result) == [
        (2, "new", []),
        (3, "new", []),
        (
            4,
            "error",
            [
                "Unit: “embassy in hungary” fits several: "
                f"Embassy in Hungary (ID {world['embassy'].pk}); EMBASSY IN HUNGARY (ID {other.pk}). "
                "Give the ID instead."
            ],
        ),
    ]


def test_errors_come_in_the_users_language(world):
    with translation.override("zh-hans"):
        headers = [c.headers[1] for c in imports.columns(imports.kind_for("people"), user=world["clerk"])]
        result = run("people", workbook([*headers[:1], "单位"], ["王磊", "火星司"]), world["clerk"])
    assert outcomes(result) == [(2, "error", ["单位: 您可选择的范围内没有名为“火星司”的单位。"])]


def test_mixed_chinese_and_english_headers_are_read_alike(world):
    columns = {c.name: c for c in imports.columns(imports.kind_for("people"), user=world["clerk"])}
    assert columns["name"].headers != (columns["name"].headers[0],) * 2
    header = [columns["name"].headers[1], "Unit", columns["is_leadership"].headers[1], "post"]
    result = run("people", workbook(header, ["王磊", "ASIA", "是", "参赞"]), world["clerk"])
    assert outcomes(result) == [(2, "new", [])]
    membership = Membership.objects.get(person__name="王磊")
    assert (membership.unit, membership.is_leadership, membership.person.post) == (
        world["asia"],
        True,
        "参赞",
    )


def test_preview_writes_nothing_yet_sees_units_added_above_in_the_same_file(world):
    data = workbook(
        ["Parent unit", "Name", "Short name", "Kind"],
        ["MFA", "Department of European Affairs", "EUR", "department"],
        ["EUR", "Division of Central Europe", "EUR-C", "bureau"],
    )
    preview = run("units", data, world["office"], commit=False)
    assert outcomes(preview) == [(2, "new", []), (3, "new", [])]
    assert Unit.objects.filter(short_name__startswith="EUR").exists() is False
    run("units", data, world["office"])
    division = Unit.objects.get(short_name="EUR-C")
    assert (Unit.objects.get_parent(division).short_name, division.kind) == ("EUR", "bureau")
    assert run("units", data, world["office"]).counts["unchanged"] == 2


def test_clerk_may_not_add_units(world):
    result = run("units", workbook(["Parent unit", "Name"], ["ASIA", "Section"]), world["clerk"])
    assert outcomes(result) == [(2, "error", ["Parent unit: no unit “ASIA” among those you may choose."])]


def test_sessions_find_their_activity_by_title_and_unit(world):
    for unit in (world["asia"], world["embassy"]):
        StudyActivityFactory(
            campaign=world["campaign"], unit=unit, title="Reading class", start_date=dt.date(2023, 4, 1)
        )
    header = ["Activity", "Unit", "Date", "Length", "Hours"]
    data = workbook(header, ["Reading class", "ASIA", dt.date(2023, 4, 3), "half-day", 4])
    result = run("study-sessions", data, world["office"])
    assert outcomes(result) == [(2, "new", [])]
    session = StudySession.objects.get()
    assert (session.activity.unit, session.length, session.hours) == (
        world["asia"],
        SessionLength.HALF_DAY,
        4,
    )
    ambiguous = run(
        "study-sessions",
        workbook(header[:1] + header[2:], ["Reading class", "2023-04-04", "half-day", 4]),
        world["office"],
    )
    [(number, outcome, [message])] = outcomes(ambiguous)
    assert (number, outcome, message.startswith("Activity: “Reading class” fits several: ")) == (
        2,
        "error",
        True,
    )


def test_sessions_reimported_with_their_unit_and_no_topic_change_nothing(world):
    StudyActivityFactory(campaign=world["campaign"], unit=world["asia"], title="Reading class")
    data = workbook(
        ["Activity", "Unit", "Date", "Length", "Hours"],
        ["Reading class", "ASIA", dt.date(2023, 4, 3), "half-day", 4],
    )
    assert run("study-sessions", data, world["clerk"]).counts == {
        "new": 1,
        "changed": 0,
        "unchanged": 0,
        "error": 0,
    }
    entries = AuditEntry.objects.count()
    again = run("study-sessions", data, world["clerk"])
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 1, "error": 0}
    assert StudySession.objects.count() == 1
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)[entries:]) == [
        "import.committed"
    ]


def test_a_wrong_unit_column_is_reported_once_not_again_for_the_activity(world):
    for unit in (world["asia"], world["embassy"]):
        StudyActivityFactory(campaign=world["campaign"], unit=unit, title="Reading class")
    data = workbook(
        ["Activity", "Unit", "Date", "Length", "Hours"],
        ["Reading class", "Department of Mars", "2023-04-03", "half-day", 4],
    )
    assert outcomes(run("study-sessions", data, world["office"])) == [
        (2, "error", ["Unit: no unit “Department of Mars” among those you may choose."])
    ]


def test_an_empty_cell_of_a_choice_with_a_default_keeps_the_stored_value(world):
    header = ["Campaign", "Unit", "Title", "Status"]
    first = workbook(header, ["thematic-2023", "ASIA", "Consular protection", "in progress"])
    assert outcomes(run("research-topics", first, world["clerk"])) == [(2, "new", [])]
    again = workbook(header, ["thematic-2023", "ASIA", "Consular protection", ""])
    assert outcomes(run("research-topics", again, world["clerk"])) == [(2, "unchanged", [])]
    assert ResearchTopic.objects.get().status == TopicStatus.IN_PROGRESS


def test_study_activities_take_choices_by_label_in_either_language(world):
    with translation.override("zh-hans"):
        reading = str(StudyActivity._meta.get_field("kind").choices[0][1])
    header = ["Campaign", "Unit", "Kind", "Title", "Start date", "End date"]
    data = workbook(
        header,
        ["thematic-2023", "ASIA", "Lecture", "Counselling report", "2023-04-10", "2023-04-10"],
        ["Thematic education", "ASIA", reading, "Reading class", "2023年4月11日", "2023.4.20"],
    )
    result = run("study-activities", data, world["clerk"])
    assert outcomes(result) == [(2, "new", []), (3, "new", [])]
    assert list(StudyActivity.objects.order_by("title").values_list("title", "kind", "end_date")) == [
        ("Counselling report", "lecture", dt.date(2023, 4, 10)),
        ("Reading class", "reading_class", dt.date(2023, 4, 20)),
    ]


def test_rectification_items_open_through_the_domain(world):
    header = ["Campaign", "Responsible unit", "Problem", "Source", "Opened on", "Deadline"]
    data = workbook(
        header, ["thematic-2023", "ASIA", "Meetings too long", "self-examination", "2023-05-01", "2023-06-30"]
    )
    assert outcomes(run("rectification-items", data, world["clerk"])) == [(2, "new", [])]
    item = RectificationItem.objects.get()
    assert (item.status, item.unit, item.events.count()) == (RectificationStatus.OPEN, world["asia"], 1)


def test_import_as_the_system_reaches_every_unit(world):
    result = run("people", workbook(["Name", "Unit"], ["Consul", "HU"]), SYSTEM)
    assert outcomes(result) == [(2, "new", [])]


def test_a_job_whose_work_fails_says_so_instead_of_waiting(world, monkeypatch):
    from cascade.intake.choices import ImportStatus
    from cascade.intake.tests.factories import ImportJobFactory

    job = ImportJobFactory(created_by=world["clerk"], status=ImportStatus.CHECKING)

    def broken(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(imports, "run_import", broken)
    with pytest.raises(RuntimeError):
        imports.process_job(job.pk, commit=False)
    job.refresh_from_db()
    assert (job.status, job.message) == (
        ImportStatus.REFUSED,
        "The file could not be checked or imported because of an error on the server.",
    )
