"""Narrative report API: scoped list and detail, filters as query parameters."""

import pytest
from django.test import Client

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory
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
