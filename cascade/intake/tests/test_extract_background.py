"""A long report's figures are read by the task worker (the database backend, as ``make run``
runs it) while its page follows the work; a short report's are read at once."""

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from cascade.access.choices import Role
from cascade.access.models import RoleAssignment
from cascade.access.tests.factories import RoleAssignmentFactory, signed_in
from cascade.intake import domain
from cascade.intake.choices import ReportStatus
from cascade.intake.models import ExtractedFact, NarrativeReport
from cascade.intake.tests.factories import NarrativeReportFactory
from cascade.organization.tests.factories import UnitFactory
from cascade.reports.drain_queue import DRAIN_QUEUED

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Past the length read at once, with two figures in it.
LONG = (
    "The unit held 3 seminars. "
    + "Study went on in every office of the unit. " * 1200
    + "It held 2 lectures."
)
HTMX = {"HX-Request": "true"}


def _work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def world():
    cache.delete(DRAIN_QUEUED)
    with override_settings(TASKS=DATABASE_TASKS):
        unit = UnitFactory(name="Ministry")
        clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=unit).user
        yield {"unit": unit, "clerk": clerk, "client": signed_in(clerk)}
    cache.delete(DRAIN_QUEUED)


def _status(report) -> str:
    return NarrativeReport.objects.get(pk=report.pk).status


def _extractions():
    return DBTaskResult.objects.filter(task_path="cascade.intake.tasks.extract_figures")


@pytest.mark.django_db(transaction=True)
def test_a_long_report_is_read_in_the_background_and_its_page_follows(world):
    assert len(LONG) > domain.EXTRACT_IN_BACKGROUND_CHARS
    report = NarrativeReportFactory(unit=world["unit"], text=LONG)
    client = world["client"]
    detail = reverse("intake:narrativereport_detail", args=[report.pk])
    response = client.post(reverse("intake:narrativereport_extract", args=[report.pk]))
    assert _messages(response) == [
        "The report is long: its figures are being read, and this page shows them when done."
    ]
    assert (_status(report), _extractions().count(), ExtractedFact.objects.count()) == (
        ReportStatus.EXTRACTING,
        1,
        0,
    )
    page = client.get(detail).content.decode()
    assert f'hx-get="{detail}" hx-trigger="every 1s"' in page
    assert "Read the figures" not in page
    # Asked again meanwhile: refused, nothing more queued.
    again = client.post(reverse("intake:narrativereport_extract", args=[report.pk]))
    assert (_messages(again), _extractions().count()) == (
        ["The figures of this report are being read already."],
        1,
    )
    assert client.get(detail, headers=HTMX).status_code == 200
    _work()
    assert (_status(report), _extractions().get().status) == (ReportStatus.EXTRACTED, "SUCCESSFUL")
    assert sorted(ExtractedFact.objects.values_list("text", flat=True)) == ["2 lectures", "3 seminars"]
    done = client.get(detail, headers=HTMX)
    assert (done.status_code, done["HX-Refresh"]) == (204, "true")


@pytest.mark.django_db(transaction=True)
def test_a_background_reading_that_fails_puts_the_report_back_and_says_so(world):
    report = NarrativeReportFactory(unit=world["unit"], text=LONG)
    client = world["client"]
    client.post(reverse("intake:narrativereport_extract", args=[report.pk]))
    RoleAssignment.objects.filter(user=world["clerk"]).delete()  # no longer a clerk there
    _work()
    assert (_status(report), _extractions().get().status, ExtractedFact.objects.count()) == (
        ReportStatus.SUBMITTED,
        "FAILED",
        0,
    )
    RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=world["unit"], user=world["clerk"])
    page = client.get(reverse("intake:narrativereport_detail", args=[report.pk])).content.decode()
    assert "Reading the figures failed because of an error on the server" in page


@pytest.mark.django_db(transaction=True)
def test_a_short_report_is_read_at_once(world):
    report = NarrativeReportFactory(unit=world["unit"], text="The unit held 3 seminars.")
    response = world["client"].post(reverse("intake:narrativereport_extract", args=[report.pk]))
    assert _messages(response) == ["1 figure was read from the report."]
    assert (_status(report), _extractions().count()) == (ReportStatus.EXTRACTED, 0)
