"""Imports of attendance, measures adopted, supervision visits and their findings: real .xlsx files
through the pages' forms and the domain functions (attendance through ``record_attendance``)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.campaigns.choices import RectificationSource, RectificationStatus, Severity, VisitMode
from cascade.campaigns.models import (
    AdoptedMeasure,
    RectificationItem,
    StudyAttendance,
    SupervisionFinding,
    SupervisionVisit,
)
from cascade.campaigns.tests.factories import (
    CampaignFactory,
    ResearchTopicFactory,
    SteeringAssignmentFactory,
    SteeringGroupFactory,
    StudyActivityFactory,
    StudyAttendanceFactory,
    SupervisionFindingFactory,
    SupervisionVisitFactory,
)
from cascade.intake import imports
from cascade.intake.tests.sheets import outcomes, run, workbook
from cascade.organization.tests.factories import MembershipFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

ATTENDANCE = ["Activity", "Unit", "Person", "Hours attended"]
MEASURES = ["Research topic", "Unit", "Description", "Adopted on"]
VISITS = ["Steering group", "Unit visited", "Date", "Mode", "Summary", "Feedback given", "Feedback given on"]
FINDINGS = [
    "Visit",
    "Unit visited",
    "Description",
    "Severity",
    "Open a rectification item for it",
    "Owner of the rectification item",
    "Rectification deadline",
]
NOTHING_NEW = {"new": 0, "changed": 0, "unchanged": 0, "error": 0}


def counts(**given: int) -> dict[str, int]:
    return {**NOTHING_NEW, **given}


def actions_since(entries: int) -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)[entries:])


def member(name: str, unit):
    person = PersonFactory(name=name)
    MembershipFactory(person=person, unit=unit)
    return person


@pytest.fixture
def world():
    ministry = UnitFactory(name="Ministry", short_name="MFA")
    asia = UnitFactory(parent=ministry, name="Department of Asian Affairs", short_name="ASIA")
    division = UnitFactory(parent=asia, name="Division of East Asia", short_name="ASIA-E")
    embassy = UnitFactory(parent=ministry, name="Embassy in Hungary", short_name="HU")
    campaign = CampaignFactory(slug="thematic-2023", title="Thematic education", office=ministry)
    group = SteeringGroupFactory(campaign=campaign, unit=ministry, number=1, name="First steering group")
    for unit in (asia, division):
        SteeringAssignmentFactory(group=group, unit=unit)
    return {
        "ministry": ministry,
        "asia": asia,
        "division": division,
        "embassy": embassy,
        "campaign": campaign,
        "group": group,
        "clerk": RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=asia).user,
        "steering": RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=None, steering_group=group).user,
        "wang": member("Wang Lei", asia),
        "li": member("Li Na", asia),
        "zhao": member("Zhao Min", division),
        "consul": member("Consul", embassy),
    }


# --- attendance -------------------------------------------------------------------------


@pytest.fixture
def activities(world):
    def activity(unit, title):
        return StudyActivityFactory(campaign=world["campaign"], unit=unit, title=title)

    return {
        "asia": activity(world["asia"], "Reading class"),
        "division": activity(world["division"], "Reading class"),
        "lecture": activity(world["asia"], "Lecture on the Charter"),
        "embassy": activity(world["embassy"], "Consular reading"),
    }


def roster(activity) -> list[tuple[str, Decimal]]:
    return list(StudyAttendance.objects.filter(activity=activity).values_list("person__name", "hours"))


def test_attendance_import_records_each_row_with_one_entry_per_activity(world, activities):
    data = workbook(
        ATTENDANCE,
        ["Reading class", "ASIA", "Wang Lei", 6],
        ["Reading class", "ASIA-E", "Zhao Min", 4.5],
        ["Lecture on the Charter", "", "Li Na", "2"],
        ["Reading class", "Department of Asian Affairs", "Li Na", 6],
    )
    entries = AuditEntry.objects.count()
    result = run("study-attendance", data, world["clerk"])
    assert outcomes(result) == [(2, "new", []), (3, "new", []), (4, "new", []), (5, "new", [])]
    assert [roster(activities[key]) for key in ("asia", "division", "lecture")] == [
        [("Li Na", Decimal("6.0")), ("Wang Lei", Decimal("6.0"))],
        [("Zhao Min", Decimal("4.5"))],
        [("Li Na", Decimal("2.0"))],
    ]
    assert actions_since(entries) == [
        "studyattendance.recorded",
        "studyattendance.recorded",
        "studyattendance.recorded",
        "import.committed",
    ]
    recorded = AuditEntry.objects.get(action="studyattendance.recorded", object_id=str(activities["asia"].pk))
    assert (recorded.user, recorded.before, recorded.after) == (
        world["clerk"],
        {"attendance": {}},
        {"attendance": {str(world["wang"].pk): "6", str(world["li"].pk): "6"}},
    )


def test_attendance_reimported_changes_nothing(world, activities):
    data = workbook(
        ATTENDANCE, ["Reading class", "ASIA", "Wang Lei", 6], ["Reading class", "ASIA", "Li Na", 3]
    )
    assert run("study-attendance", data, world["clerk"]).counts == counts(new=2)
    entries = AuditEntry.objects.count()
    again = run("study-attendance", data, world["clerk"])
    assert again.counts == counts(unchanged=2)
    assert actions_since(entries) == ["import.committed"]
    assert roster(activities["asia"]) == [("Li Na", Decimal("3.0")), ("Wang Lei", Decimal("6.0"))]


def test_attendance_import_corrects_hours_and_keeps_people_the_file_leaves_out(world, activities):
    StudyAttendanceFactory(activity=activities["asia"], person=world["wang"], hours=Decimal("2"))
    StudyAttendanceFactory(activity=activities["asia"], person=world["zhao"], hours=Decimal("6"))
    data = workbook(
        ATTENDANCE, ["Reading class", "ASIA", "Wang Lei", 4], ["Reading class", "ASIA", "Li Na", 3]
    )
    result = run("study-attendance", data, world["clerk"])
    assert outcomes(result) == [(2, "changed", []), (3, "new", [])]
    assert roster(activities["asia"]) == [
        ("Li Na", Decimal("3.0")),
        ("Wang Lei", Decimal("4.0")),
        ("Zhao Min", Decimal("6.0")),
    ]
    recorded = AuditEntry.objects.get(action="studyattendance.recorded")
    assert (recorded.before, recorded.after) == (
        {"attendance": {str(world["wang"].pk): "2.0", str(world["zhao"].pk): "6.0"}},
        {"attendance": {str(world["wang"].pk): "4", str(world["li"].pk): "3", str(world["zhao"].pk): "6.0"}},
    )


def test_attendance_file_with_errors_writes_nothing_and_says_what_is_wrong(world, activities):
    member("Sun Hao", world["asia"])
    StudyAttendanceFactory(activity=activities["asia"], person=world["wang"], hours=Decimal("2"))
    data = workbook(
        ATTENDANCE,
        ["Reading class", "ASIA", "Wang Lei", 4],
        ["Reading class", "ASIA", "Li Na", 10000],
        ["Reading class", "ASIA", "Zhao Min", -1],
        ["Reading class", "ASIA", "Sun Hao", 1.25],
        ["Reading class", "ASIA", "Consul", 2],
        ["Consular reading", "", "Wang Lei", 2],
        ["Reading class", "HU", "Li Na", 2],
        ["Reading class", "", "Li Na", 2],
        ["Reading class", "ASIA", "Wang Lei", 5],
    )
    entries, stored = AuditEntry.objects.count(), StudyAttendance.objects.count()
    result = run("study-attendance", data, world["clerk"])
    [(ambiguous_row, ambiguous_outcome, [ambiguous])] = outcomes(result)[7:8]
    assert outcomes(result)[:7] + outcomes(result)[8:] == [
        (2, "changed", []),
        (3, "error", ["Hours attended: Ensure this value is less than or equal to 9999."]),
        (4, "error", ["Hours attended: Ensure this value is greater than or equal to 0."]),
        (5, "error", ["Hours attended: Ensure that there are no more than 1 decimal place."]),
        (6, "error", ["Person: no person “Consul” among those you may choose."]),
        (7, "error", ["Activity: no study activity “Consular reading” among those you may choose."]),
        (8, "error", ["Unit: no unit “HU” among those you may choose."]),
        (10, "error", ["The same record as row 2."]),
    ]
    assert (
        ambiguous_row,
        ambiguous_outcome,
        ambiguous.startswith("Activity: “Reading class” fits several: "),
    ) == (
        9,
        "error",
        True,
    )
    assert result.committed is False
    assert (AuditEntry.objects.count(), StudyAttendance.objects.count()) == (entries, stored)
    assert roster(activities["asia"]) == [("Wang Lei", Decimal("2.0"))]


def test_attendance_reads_mixed_chinese_and_english_headers(world, activities):
    columns = {c.name: c for c in imports.columns(imports.kind_for("study-attendance"), user=world["clerk"])}
    header = [columns["activity"].headers[1], "unit", "Person", columns["hours"].headers[1]]
    result = run(
        "study-attendance", workbook(header, ["Reading class", "ASIA", "Wang Lei", 3]), world["clerk"]
    )
    assert outcomes(result) == [(2, "new", [])]
    assert roster(activities["asia"]) == [("Wang Lei", Decimal("3.0"))]


def test_attendance_is_not_offered_to_a_steering_member(world):
    slugs = [k.slug for k in imports.offered_kinds(world["steering"])]
    assert ("study-attendance" in slugs, "supervision-visits" in slugs, "supervision-findings" in slugs) == (
        False,
        True,
        True,
    )


# --- measures adopted -------------------------------------------------------------------


@pytest.fixture
def topics(world):
    def topic(unit, title):
        return ResearchTopicFactory(campaign=world["campaign"], unit=unit, title=title, claimed_by=None)

    return {
        "asia": topic(world["asia"], "Consular protection"),
        "division": topic(world["division"], "Consular protection"),
        "embassy": topic(world["embassy"], "Local staff"),
    }


def measures() -> list[tuple[str, str, dt.date | None]]:
    rows = AdoptedMeasure.objects.order_by("topic__unit__path", "description")
    return list(rows.values_list("topic__unit__short_name", "description", "adopted_on"))


def test_measures_import_writes_the_rows_and_again_changes_nothing(world, topics):
    data = workbook(
        MEASURES,
        ["Consular protection", "ASIA", "A duty phone for citizens abroad", "2023-06-01"],
        ["Consular protection", "ASIA-E", "Monthly case review", dt.date(2023, 6, 15)],
        ["Consular protection", "ASIA-E", "Training for duty officers", ""],
    )
    assert outcomes(run("adopted-measures", data, world["clerk"])) == [
        (2, "new", []),
        (3, "new", []),
        (4, "new", []),
    ]
    assert measures() == [
        ("ASIA", "A duty phone for citizens abroad", dt.date(2023, 6, 1)),
        ("ASIA-E", "Monthly case review", dt.date(2023, 6, 15)),
        ("ASIA-E", "Training for duty officers", None),
    ]
    entries = AuditEntry.objects.count()
    assert run("adopted-measures", data, world["clerk"]).counts == counts(unchanged=3)
    assert actions_since(entries) == ["import.committed"]


def test_measures_file_with_errors_writes_nothing_and_refuses_topics_out_of_scope(world, topics):
    data = workbook(
        MEASURES,
        ["Consular protection", "ASIA", "A duty phone for citizens abroad", "2023-06-01"],
        ["Local staff", "", "Contracts in both languages", ""],
        ["Local staff", "HU", "Contracts in both languages", ""],
        ["Consular protection", "ASIA", "", "2023-06-01"],
        ["Consular protection", "ASIA", "Monthly case review", "2023-13-01"],
    )
    entries = AuditEntry.objects.count()
    result = run("adopted-measures", data, world["clerk"])
    assert outcomes(result) == [
        (2, "new", []),
        (3, "error", ["Research topic: no research topic “Local staff” among those you may choose."]),
        (4, "error", ["Unit: no unit “HU” among those you may choose."]),
        (5, "error", ["Description: This field is required."]),
        (6, "error", ["Adopted on: Enter a valid date."]),
    ]
    assert (result.committed, AdoptedMeasure.objects.count(), AuditEntry.objects.count()) == (
        False,
        0,
        entries,
    )


def test_measures_read_mixed_chinese_and_english_headers(world, topics):
    columns = {c.name: c for c in imports.columns(imports.kind_for("adopted-measures"), user=world["clerk"])}
    header = ["Research topic", columns["unit"].headers[1], columns["description"].headers[1], "adopted_on"]
    data = workbook(header, ["Consular protection", "ASIA-E", "Monthly case review", "2023年6月15日"])
    assert outcomes(run("adopted-measures", data, world["clerk"])) == [(2, "new", [])]
    assert measures() == [("ASIA-E", "Monthly case review", dt.date(2023, 6, 15))]


# --- supervision visits -----------------------------------------------------------------


def visits() -> list[tuple]:
    rows = SupervisionVisit.objects.order_by("date", "unit__path")
    return list(rows.values_list("group__name", "unit__short_name", "date", "mode", "summary", "feedback_on"))


def test_visits_import_writes_the_rows_and_again_changes_nothing(world):
    data = workbook(
        VISITS,
        ["First steering group", "ASIA", "2023-05-10", "on-site visit", "Met the leadership team", "", ""],
        [
            "First steering group",
            "ASIA-E",
            dt.date(2023, 5, 11),
            "document review",
            "",
            "Notes are thin",
            "2023-05-20",
        ],
    )
    assert outcomes(run("supervision-visits", data, world["steering"])) == [(2, "new", []), (3, "new", [])]
    assert visits() == [
        (
            "First steering group",
            "ASIA",
            dt.date(2023, 5, 10),
            VisitMode.ON_SITE,
            "Met the leadership team",
            None,
        ),
        (
            "First steering group",
            "ASIA-E",
            dt.date(2023, 5, 11),
            VisitMode.DOCUMENT_REVIEW,
            "",
            dt.date(2023, 5, 20),
        ),
    ]
    entries = AuditEntry.objects.count()
    assert run("supervision-visits", data, world["steering"]).counts == counts(unchanged=2)
    assert actions_since(entries) == ["import.committed"]


def test_visits_file_with_errors_writes_nothing_and_refuses_units_not_assigned(world):
    data = workbook(
        VISITS,
        ["First steering group", "ASIA", "2023-05-10", "", "", "", ""],
        ["First steering group", "HU", "2023-05-10", "", "", "", ""],
        ["First steering group", "ASIA-E", "2023-05-10", "inspection", "", "", ""],
        ["First steering group", "ASIA-E", "2023-05-12", "", "", "Late", "2023-05-01"],
        ["Second steering group", "ASIA", "2023-05-13", "", "", "", ""],
    )
    entries = AuditEntry.objects.count()
    result = run("supervision-visits", data, world["steering"])
    assert outcomes(result) == [
        (2, "new", []),
        (3, "error", ["Unit visited: no unit “HU” among those you may choose."]),
        (4, "error", ["Mode: Select a valid choice. inspection is not one of the available choices."]),
        (5, "error", ["Feedback cannot be given before the visit."]),
        (
            6,
            "error",
            ["Steering group: no steering group “Second steering group” among those you may choose."],
        ),
    ]
    assert (result.committed, SupervisionVisit.objects.count(), AuditEntry.objects.count()) == (
        False,
        0,
        entries,
    )


def test_visits_are_refused_to_a_unit_clerk(world):
    result = run(
        "supervision-visits",
        workbook(VISITS[:3], ["First steering group", "ASIA", "2023-05-10"]),
        world["clerk"],
    )
    assert outcomes(result) == [
        (
            2,
            "error",
            [
                "Steering group: no steering group “First steering group” among those you may choose.",
                "Unit visited: no unit “ASIA” among those you may choose.",
            ],
        )
    ]


def test_visits_read_mixed_chinese_and_english_headers(world):
    columns = {
        c.name: c for c in imports.columns(imports.kind_for("supervision-visits"), user=world["steering"])
    }
    with translation.override("zh-hans"):
        on_site = str(VisitMode.ON_SITE.label)
    header = [
        columns["group"].headers[1],
        "Unit visited",
        columns["date"].headers[1],
        columns["mode"].headers[1],
    ]
    data = workbook(header, ["First steering group", "ASIA", "2023/5/10", on_site])
    assert outcomes(run("supervision-visits", data, world["steering"])) == [(2, "new", [])]
    assert visits() == [("First steering group", "ASIA", dt.date(2023, 5, 10), VisitMode.ON_SITE, "", None)]


# --- supervision findings ---------------------------------------------------------------


@pytest.fixture
def visited(world):
    def visit(unit):
        return SupervisionVisitFactory(group=world["group"], unit=unit, date=dt.date(2023, 5, 10))

    return {"asia": visit(world["asia"]), "division": visit(world["division"])}


def findings() -> list[tuple]:
    rows = SupervisionFinding.objects.order_by("visit__unit__path", "description")
    return list(rows.values_list("visit__unit__short_name", "description", "severity"))


def test_findings_import_writes_the_rows_opens_items_and_again_changes_nothing(world, visited):
    data = workbook(
        FINDINGS,
        [
            "2023-05-10",
            "ASIA",
            "Study notes copied from one another",
            "high",
            "yes",
            "Wang Lei",
            "2023-07-31",
        ],
        [dt.date(2023, 5, 10), "ASIA-E", "No records of the reading class", "", "", "", ""],
    )
    assert outcomes(run("supervision-findings", data, world["steering"])) == [(2, "new", []), (3, "new", [])]
    assert findings() == [
        ("ASIA", "Study notes copied from one another", Severity.HIGH),
        ("ASIA-E", "No records of the reading class", Severity.MEDIUM),
    ]
    item = RectificationItem.objects.get()
    assert (
        item.finding.description,
        item.unit,
        item.owner,
        item.deadline,
        item.source,
        item.status,
        item.campaign,
        item.events.count(),
    ) == (
        "Study notes copied from one another",
        world["asia"],
        world["wang"],
        dt.date(2023, 7, 31),
        RectificationSource.SUPERVISION,
        RectificationStatus.OPEN,
        world["campaign"],
        1,
    )
    entries = AuditEntry.objects.count()
    assert run("supervision-findings", data, world["steering"]).counts == counts(unchanged=2)
    assert actions_since(entries) == ["import.committed"]
    assert RectificationItem.objects.count() == 1


def test_findings_stored_without_an_item_open_one_when_the_file_asks(world, visited):
    finding = SupervisionFindingFactory(visit=visited["asia"], description="Minutes not kept")
    data = workbook(FINDINGS, ["2023-05-10", "ASIA", "Minutes not kept", "", "yes", "", "2023-08-31"])
    assert outcomes(run("supervision-findings", data, world["steering"])) == [(2, "changed", [])]
    item = RectificationItem.objects.get()
    assert (item.finding, item.deadline, item.unit) == (finding, dt.date(2023, 8, 31), world["asia"])


def test_findings_file_with_errors_writes_nothing_and_says_what_is_wrong(world, visited):
    SupervisionVisitFactory(group=world["group"], unit=world["embassy"], date=dt.date(2023, 5, 12))
    data = workbook(
        FINDINGS,
        ["2023-05-10", "ASIA", "Study notes copied", "", "yes", "Wang Lei", ""],
        ["2023-05-11", "ASIA", "No minutes", "", "", "", ""],
        ["2023-05-12", "HU", "No minutes", "", "", "", ""],
        ["2023-05-10", "", "No minutes", "", "", "", ""],
        ["2023-05-10", "ASIA", "No minutes", "grave", "", "Consul", "2023-02-30"],
    )
    entries = AuditEntry.objects.count()
    result = run("supervision-findings", data, world["steering"])
    [(row, outcome, [ambiguous])] = outcomes(result)[3:4]
    assert outcomes(result)[:3] + outcomes(result)[4:] == [
        (2, "new", []),
        (3, "error", ["Visit: no supervision visit “2023-05-11” among those you may choose."]),
        (4, "error", ["Unit visited: no unit “HU” among those you may choose."]),
        (
            6,
            "error",
            [
                "Owner of the rectification item: no person “Consul” among those you may choose.",
                "Severity: Select a valid choice. grave is not one of the available choices.",
                "Rectification deadline: Enter a valid date.",
            ],
        ),
    ]
    assert (row, outcome, ambiguous.startswith("Visit: “2023-05-10” fits several: ")) == (5, "error", True)
    assert (result.committed, SupervisionFinding.objects.count(), RectificationItem.objects.count()) == (
        False,
        0,
        0,
    )
    assert AuditEntry.objects.count() == entries


def test_findings_read_mixed_chinese_and_english_headers(world, visited):
    columns = {
        c.name: c for c in imports.columns(imports.kind_for("supervision-findings"), user=world["steering"])
    }
    header = [columns["visit"].headers[1], "Unit visited", columns["description"].headers[1], "severity"]
    data = workbook(header, ["2023年5月10日", "ASIA-E", "No records of the reading class", "高"])
    assert outcomes(run("supervision-findings", data, world["steering"])) == [(2, "new", [])]
    assert findings() == [("ASIA-E", "No records of the reading class", Severity.HIGH)]


# --- every new kind, in Chinese ---------------------------------------------------------


def test_errors_of_the_new_kinds_come_in_the_users_language(world, activities, topics, visited):
    def headers(kind: str, user) -> list[str]:
        return [c.headers[1] for c in imports.columns(imports.kind_for(kind), user=user)]

    with translation.override("zh-hans"):
        attendance = headers("study-attendance", world["clerk"])
        measure = headers("adopted-measures", world["clerk"])
        visit = headers("supervision-visits", world["steering"])
        finding = headers("supervision-findings", world["steering"])
        results = [
            run(
                "study-attendance",
                workbook(attendance, ["Lecture on the Charter", "王磊", 10000]),
                world["clerk"],
            ),
            run("adopted-measures", workbook(measure[:2], ["Local staff", "使用双语合同"]), world["clerk"]),
            run(
                "supervision-visits",
                workbook(visit[:3], ["First steering group", "HU", "2023-05-10"]),
                world["steering"],
            ),
            run("supervision-findings", workbook(finding[:2], ["2023-05-11", "笔记雷同"]), world["steering"]),
        ]
    assert [outcomes(r) for r in results] == [
        [
            (
                2,
                "error",
                ["人员: 您可选择的范围内没有名为“王磊”的人员。", "参学学时: 确保该值小于或等于9999。"],
            )
        ],
        [(2, "error", ["调研课题: 您可选择的范围内没有名为“Local staff”的调研课题。"])],
        [(2, "error", ["受访单位: 您可选择的范围内没有名为“HU”的单位。"])],
        [(2, "error", ["督导: 您可选择的范围内没有名为“2023-05-11”的督导。"])],
    ]
