"""Narrative report API: scoped list and detail, filters as query parameters, submitting a report."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.intake.models import NarrativeReport
from cascade.intake.tests.factories import NarrativeReportFactory
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory

API = "/api/intake"


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root office")
    a = UnitFactory(parent=root, name="Ministry A", short_name="MA")
    b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
    a1 = UnitFactory(parent=a, name="Department A1", short_name="A1")
    return {"root": root, "a": Unit.objects.get(pk=a.pk), "b": b, "a1": a1}


@pytest.fixture
def client(tree):
    client = Client()
    client.force_login(RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user)
    return client


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_reports_api_lists_only_reports_in_scope(client, tree):
    NarrativeReportFactory(unit=tree["a"], title="A report")
    NarrativeReportFactory(unit=tree["b"], title="B report")
    assert _titles(client.get(f"{API}/reports")) == ["A report"]


def test_reports_api_anonymous_is_401(db):
    assert Client().get(f"{API}/reports").status_code == 401


def test_reports_api_detail_out_of_scope_is_404(client, tree):
    report = NarrativeReportFactory(unit=tree["b"])
    assert client.get(f"{API}/reports/{report.pk}").status_code == 404


def test_reports_api_detail_has_text(client, tree):
    report = NarrativeReportFactory(unit=tree["a1"], text="Two rounds.")
    response = client.get(f"{API}/reports/{report.pk}")
    assert response.status_code == 200
    assert (response.json()["text"], response.json()["attachment"]) == ("Two rounds.", "")


def test_reports_api_filters_by_unit(client, tree):
    NarrativeReportFactory(unit=tree["a"], title="A report")
    NarrativeReportFactory(unit=tree["a1"], title="A1 report")
    assert _titles(client.get(f"{API}/reports", {"unit": "A1"})) == ["A1 report"]


def test_reports_api_invalid_filter_is_422(client, tree):
    response = client.get(f"{API}/reports", {"period_end_after": "31/12/2023"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["period_end"]


# --- submitting a report ------------------------------------------------------------------


def _report_body(**fields) -> dict:
    body = {
        "unit": "A1",
        "title": "Third-quarter report",
        "period_start": "2023-07-01",
        "period_end": "2023-09-30",
        "language": "en",
    }
    return {**body, **fields}


def test_report_submitted_as_text(client, tree):
    answer = client.post(f"{API}/reports", _report_body(text="Two rounds of reading classes were held."))
    assert answer.status_code == 201, answer.json()
    report = NarrativeReport.objects.get(pk=answer.json()["id"])
    assert (report.unit_id, report.title, report.text) == (
        tree["a1"].pk,
        "Third-quarter report",
        "Two rounds of reading classes were held.",
    )


def test_report_submitted_as_a_file(client, tree):
    upload = SimpleUploadedFile("report.txt", "举办读书班2期。".encode(), content_type="text/plain")
    answer = client.post(f"{API}/reports", {**_report_body(language="zh"), "file": upload})
    assert answer.status_code == 201, answer.json()
    assert answer.json()["text"] == "举办读书班2期。"
    # Kept under its own name (with a suffix when the folder holds one of that name already).
    assert re.fullmatch(r"report(_\w+)?\.txt", answer.json()["attachment"].rsplit("/", 1)[-1])


def test_report_for_a_unit_out_of_scope_is_422_and_nothing_is_kept(client, tree):
    answer = client.post(f"{API}/reports", _report_body(unit="MB", text="Text."))
    assert answer.status_code == 422
    assert list(answer.json()["errors"]) == ["unit"]
    assert NarrativeReport.objects.count() == 0


def test_report_without_text_or_file_is_422(client, tree):
    answer = client.post(f"{API}/reports", _report_body())
    assert answer.status_code == 422
    assert answer.json()["errors"] == {"__all__": ["Give the report's text or attach a .txt or .docx file."]}


def test_report_by_a_read_only_role_is_403(tree):
    auditor = Client()
    auditor.force_login(RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a"]).user)
    assert auditor.post(f"{API}/reports", _report_body(text="Text.")).status_code == 403
    assert NarrativeReport.objects.count() == 0
