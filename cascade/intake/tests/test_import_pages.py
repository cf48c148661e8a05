"""The import pages: upload, preview, import, templates, the htmx progress partial and their guards."""

import datetime as dt
import hashlib
import io

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, signed_in
from cascade.core.tests.queries import page_queries
from cascade.intake import imports
from cascade.intake.choices import ImportStatus
from cascade.intake.models import ImportJob
from cascade.intake.tests.factories import ImportJobFactory
from cascade.intake.tests.sheets import workbook
from cascade.organization.models import Membership, Person
from cascade.organization.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["Name", "Rank", "Post", "Unit", "Leadership team", "Start date"]
PEOPLE_TEMPLATE = [
    "Name *",
    "Chinese name",
    "Rank",
    "Post",
    "Chinese post",
    "Unit *",
    "Leadership team",
    "Start date",
]


GOOD_PEOPLE = workbook(
    PEOPLE,
    ["Wang Lei", "bureau level", "Director-General", "ASIA", "yes", dt.date(2023, 4, 1)],
    ["Li Na", "", "Counsellor", "Department of Asian Affairs", "否", "2023/5/6"],
)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    ministry = UnitFactory(name="Ministry", short_name="MFA")
    asia = UnitFactory(parent=ministry, name="Department of Asian Affairs", short_name="ASIA")
    embassy = UnitFactory(parent=ministry, name="Embassy in Hungary", short_name="HU")
    return {
        "ministry": ministry,
        "asia": asia,
        "embassy": embassy,
        "clerk": RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=asia).user,
        "auditor": RoleAssignmentFactory(role=Role.AUDITOR, unit=ministry).user,
    }


def upload(client, data: bytes, *, name: str = "people.xlsx", kind: str = "people", capture):
    with capture(execute=True):
        return client.post(reverse("intake:imports"), {"kind": kind, "file": SimpleUploadedFile(name, data)})


def page_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_upload_good_workbook_checks_then_imports_on_commit(world, django_capture_on_commit_callbacks):
    client = signed_in(world["clerk"])
    people = Person.objects.count()
    response = upload(client, GOOD_PEOPLE, capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("intake:import_page", args=[job.pk]),
    )
    sha = hashlib.sha256(GOOD_PEOPLE).hexdigest()
    assert (job.status, job.counts, job.sheet, job.file_name, job.sha256, job.size, job.language) == (
        ImportStatus.CHECKED,
        {"new": 2, "changed": 0, "unchanged": 0, "error": 0},
        "Sheet",
        "people.xlsx",
        sha,
        len(GOOD_PEOPLE),
        "en",
    )
    assert job.report == [[2, "new", "Wang Lei", []], [3, "new", "Li Na", []]]
    assert Person.objects.count() == people

    page = client.get(reverse("intake:import_page", args=[job.pk]))
    assert page.status_code == 200
    assert [(r["number"], r["outcome"], r["record"]) for r in page.context["rows"]] == [
        (2, "new", "Wang Lei"),
        (3, "new", "Li Na"),
    ]
    assert page.context["can_import"] is True
    html = page.content.decode()
    assert ("Wang Lei" in html, "Li Na" in html, reverse("intake:import_commit", args=[job.pk]) in html) == (
        True,
        True,
        True,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:import_commit", args=[job.pk]))
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("intake:import_page", args=[job.pk]),
    )
    job.refresh_from_db()
    assert (job.status, job.counts) == (
        ImportStatus.IMPORTED,
        {"new": 2, "changed": 0, "unchanged": 0, "error": 0},
    )
    rows = Membership.objects.filter(unit=world["asia"]).order_by("person__name")
    assert [(m.person.name, m.person.post, m.is_leadership, m.start_date) for m in rows] == [
        ("Li Na", "Counsellor", False, dt.date(2023, 5, 6)),
        ("Wang Lei", "Director-General", True, dt.date(2023, 4, 1)),
    ]
    assert Person.objects.count() == people + 2
    job_data = {
        "import": job.pk,
        "kind": "people",
        "file": "people.xlsx",
        "sha256": sha,
        "bytes": len(GOOD_PEOPLE),
    }
    uploaded = AuditEntry.objects.get(action="import.uploaded")
    assert (uploaded.user, uploaded.object_id, uploaded.data) == (world["clerk"], str(job.pk), job_data)
    committed = AuditEntry.objects.get(action="import.committed")
    assert (committed.user, committed.data) == (
        world["clerk"],
        {**job_data, "sheet": "Sheet", "new": 2, "changed": 0, "unchanged": 0, "error": 0},
    )
    done = client.get(reverse("intake:import_page", args=[job.pk]))
    assert ("The file was imported." in done.content.decode(), done.context["can_import"]) == (True, False)


def test_upload_with_errors_shows_each_error_and_refuses_commit(world, django_capture_on_commit_callbacks):
    client = signed_in(world["clerk"])
    data = workbook(
        PEOPLE,
        ["Good Person", "", "Attaché", "ASIA", "", ""],
        ["Bad Date", "", "", "ASIA", "", "2023-02-30"],
        ["Outside", "", "", "HU", "", ""],
    )
    upload(client, data, capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert (job.status, job.counts) == (
        ImportStatus.CHECKED,
        {"new": 1, "changed": 0, "unchanged": 0, "error": 2},
    )
    page = client.get(reverse("intake:import_page", args=[job.pk]))
    html = page.content.decode()
    assert [(r["number"], r["outcome"], r["errors"]) for r in page.context["rows"]] == [
        (2, "new", []),
        (3, "error", ["Start date: Enter a valid date."]),
        (4, "error", ["Unit: no unit “HU” among those you may choose."]),
    ]
    assert (
        "<div>Start date: Enter a valid date.</div>" in html,
        "<div>Unit: no unit “HU” among those you may choose.</div>" in html,
        reverse("intake:import_commit", args=[job.pk]) in html,
        "Nothing was written. Correct the rows with errors in your file and upload it again." in html,
    ) == (True, True, False, True)
    errors_only = client.get(reverse("intake:import_page", args=[job.pk]), {"errors": "1"})
    assert [r["number"] for r in errors_only.context["rows"]] == [3, 4]

    people, entries = Person.objects.count(), AuditEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:import_commit", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    assert (Person.objects.count(), AuditEntry.objects.count()) == (people, entries)
    assert [str(m) for m in response.context["messages"]] == [
        "Only a checked file without errors can be imported."
    ]


def test_upload_empty_file_answers_422_and_keeps_no_job(world, django_capture_on_commit_callbacks):
    client = signed_in(world["clerk"])
    response = upload(client, b"", capture=django_capture_on_commit_callbacks)
    assert response.status_code == 422
    assert response.context["form"].errors["file"] == ["The file is empty."]
    assert "The file is empty." in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_upload_not_a_workbook_is_refused_with_its_message(world, django_capture_on_commit_callbacks):
    client = signed_in(world["clerk"])
    response = upload(
        client,
        b"\x00\x01\x02 not a workbook \xff" * 50,
        name="x.xlsx",
        capture=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    message = "This file is not an Excel workbook (.xlsx) or a CSV file."
    assert (job.status, job.message, job.report) == (ImportStatus.REFUSED, message, [])
    page = client.get(reverse("intake:import_page", args=[job.pk]))
    html = page.content.decode()
    assert (message in html, reverse("intake:import_commit", args=[job.pk]) in html) == (True, False)


def test_upload_wrong_extension_answers_422_form_error(world, django_capture_on_commit_callbacks):
    client = signed_in(world["clerk"])
    response = upload(
        client, b"Name,Unit\nWang Lei,ASIA\n", name="people.txt", capture=django_capture_on_commit_callbacks
    )
    assert response.status_code == 422
    assert response.context["form"].errors["file"] == [
        "File extension “txt” is not allowed. Allowed extensions are: xlsx, csv."
    ]
    assert ImportJob.objects.count() == 0


def test_other_users_job_answers_404(world):
    job = ImportJobFactory(status=ImportStatus.CHECKED, report=[[2, "new", "X", []]], counts={"new": 1})
    client = signed_in(world["clerk"])
    assert client.get(reverse("intake:import_page", args=[job.pk])).status_code == 404
    assert client.post(reverse("intake:import_commit", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED


def test_auditor_is_offered_no_kinds_and_may_not_upload(world, django_capture_on_commit_callbacks):
    client = signed_in(world["auditor"])
    assert imports.offered_kinds(world["auditor"]) == []
    page = client.get(reverse("intake:imports"))
    assert (page.status_code, page.context["kinds"]) == (200, [])
    assert "You may not import records anywhere." in page.content.decode()
    response = upload(client, GOOD_PEOPLE, capture=django_capture_on_commit_callbacks)
    assert (response.status_code, ImportJob.objects.count()) == (403, 0)
    template = client.get(reverse("intake:import_template", args=["people"]))
    assert template.status_code == 403


def test_template_for_kind_not_allowed_answers_403(world):
    client = signed_in(world["clerk"])
    assert client.get(reverse("intake:import_template", args=["units"])).status_code == 403


def test_template_for_unknown_kind_answers_404(world):
    client = signed_in(world["clerk"])
    assert client.get(reverse("intake:import_template", args=["spaceships"])).status_code == 404


def headers_of(response) -> list[str]:
    book = load_workbook(io.BytesIO(response.content))
    return [cell.value for cell in book.worksheets[0][1]]


def test_template_download_is_a_workbook_with_english_headers(world):
    response = signed_in(world["clerk"]).get(reverse("intake:import_template", args=["people"]))
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    assert headers_of(response) == PEOPLE_TEMPLATE
    assert response["Content-Disposition"].startswith('attachment; filename="import-template-People.xlsx"')


def test_template_download_in_chinese_has_chinese_headers(world):
    response = signed_in(world["clerk"]).get(
        reverse("intake:import_template", args=["people"]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    with translation.override("zh-hans"):
        expected = [
            c.headers[1] + (" *" if c.required else "")
            for c in imports.columns(imports.kind_for("people"), user=world["clerk"])
        ]
    assert response.status_code == 200
    assert headers_of(response) == expected


def test_template_round_trip_imports_the_rows(world, django_capture_on_commit_callbacks):
    client = signed_in(world["clerk"])
    response = client.get(reverse("intake:import_template", args=["people"]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    sheet.append(["Zhao Min", "赵敏", "", "Attaché", "随员", "ASIA", "no", dt.date(2023, 6, 1)])
    sheet.append(["Sun Hao", "", "", "", "", "Department of Asian Affairs", "yes", "2023-07-01"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload(client, buffer.getvalue(), name="filled.xlsx", capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert (job.status, job.counts, job.ignored_columns) == (
        ImportStatus.CHECKED,
        {"new": 2, "changed": 0, "unchanged": 0, "error": 0},
        [],
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED
    rows = Membership.objects.filter(unit=world["asia"]).order_by("person__name")
    assert [
        (m.person.name, m.person.name_zh, m.person.post_zh, m.is_leadership, m.start_date) for m in rows
    ] == [
        ("Sun Hao", "", "", True, dt.date(2023, 7, 1)),
        ("Zhao Min", "赵敏", "随员", False, dt.date(2023, 6, 1)),
    ]


def test_htmx_poll_while_checking_returns_the_progress_partial(world):
    job = ImportJobFactory(created_by=world["clerk"], status=ImportStatus.CHECKING)
    cache.set(imports.progress_key(job.pk), (40, 100))
    client = signed_in(world["clerk"])
    response = client.get(reverse("intake:import_page", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert ("<html" in html, "40 of 100 rows" in html, "<progress" in html, 'value="40"' in html) == (
        False,
        True,
        True,
        True,
    )
    assert [t.name for t in response.templates] == ["intake/_import_status.html"]


def test_job_page_while_checking_includes_the_polling_partial(world):
    job = ImportJobFactory(created_by=world["clerk"], status=ImportStatus.CHECKING)
    cache.set(imports.progress_key(job.pk), (40, 100))
    response = signed_in(world["clerk"]).get(reverse("intake:import_page", args=[job.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "<html" in html,
        "40 of 100 rows" in html,
        f'hx-get="{reverse("intake:import_page", args=[job.pk])}"' in html,
    ) == (
        True,
        True,
        True,
    )


def test_htmx_poll_once_checked_answers_204_with_refresh(world):
    job = ImportJobFactory(created_by=world["clerk"], status=ImportStatus.CHECKED, counts={"new": 0})
    response = signed_in(world["clerk"]).get(
        reverse("intake:import_page", args=[job.pk]), HTTP_HX_REQUEST="true"
    )
    assert (response.status_code, response["HX-Refresh"], response.content) == (204, "true", b"")


def test_job_page_queries_do_not_grow_with_rows(world):
    client = signed_in(world["clerk"])
    counts = {"new": 1, "changed": 0, "unchanged": 0, "error": 0}
    one = ImportJobFactory(
        created_by=world["clerk"], status=ImportStatus.CHECKED, counts=counts, report=[[2, "new", "A", []]]
    )
    three = ImportJobFactory(
        created_by=world["clerk"],
        status=ImportStatus.CHECKED,
        counts={**counts, "new": 3},
        report=[[2, "new", "A", []], [3, "new", "B", []], [4, "new", "C", []]],
    )
    assert page_queries(client, reverse("intake:import_page", args=[one.pk])) == page_queries(
        client, reverse("intake:import_page", args=[three.pk])
    )


def test_list_pages_lead_to_their_import_for_who_may_write():
    unit = UnitFactory(name="Department of Asian Affairs", short_name="ASIA")
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=unit).user
    auditor = RoleAssignmentFactory(role=Role.AUDITOR, unit=unit).user
    link = f'href="{reverse("intake:imports")}?kind=study-activities"'
    page = reverse("campaigns:studyactivity_list")
    assert [link in signed_in(u).get(page).content.decode() for u in (clerk, auditor)] == [True, False]
    people = signed_in(clerk).get(reverse("organization:person_list")).content.decode()
    assert f'href="{reverse("intake:imports")}?kind=people"' in people


def test_steering_members_import_visits_and_findings_from_the_visit_list():
    from cascade.campaigns.tests.factories import SteeringAssignmentFactory, SteeringGroupFactory

    ministry = UnitFactory(name="Ministry", short_name="MFA")
    asia = UnitFactory(parent=ministry, name="Department of Asian Affairs", short_name="ASIA")
    group = SteeringGroupFactory(unit=ministry)
    SteeringAssignmentFactory(group=group, unit=asia)
    steering = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=None, steering_group=group).user
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=asia).user
    link = f'href="{reverse("intake:imports")}?kind=supervision-visits"'
    page = reverse("campaigns:supervisionvisit_list")
    assert [link in signed_in(u).get(page).content.decode() for u in (steering, clerk)] == [True, False]
    offered = signed_in(steering).get(reverse("intake:imports")).context["kinds"]
    assert [k.slug for k in offered] == ["supervision-visits", "supervision-findings"]
    template = signed_in(steering).get(reverse("intake:import_template", args=["supervision-findings"]))
    notes = load_workbook(io.BytesIO(template.content)).worksheets[1]
    takes = {row[0]: row[4] for row in notes.iter_rows(min_row=2, max_row=3, values_only=True)}
    assert takes == {
        "Visit": "a supervision visit by its date (e.g. 2023-04-26) or ID",
        "Description": "text",
    }


def test_attendance_template_says_a_file_keeps_the_people_it_leaves_out(world):
    response = signed_in(world["clerk"]).get(reverse("intake:import_template", args=["study-attendance"]))
    assert headers_of(response) == ["Activity *", "Person *", "Hours attended", "Unit"]
    notes = load_workbook(io.BytesIO(response.content)).worksheets[1]
    assert [row[0] for row in notes.iter_rows(values_only=True)][-2:] == [
        "A row whose Activity, Person match a stored record changes that record.",
        "Each row records that a person attended an activity for so many hours. The file adds people to an "
        "activity's attendance and corrects their hours; people already recorded whom it does not name keep "
        "theirs. To mark someone absent, use the activity's attendance page.",
    ]
