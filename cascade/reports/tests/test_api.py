"""Rollup API (and the RollupForm and ChildFiguresTable behind it): scoped units, clear errors."""

import datetime

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.campaigns.models import CampaignScope
from cascade.campaigns.tests.factories import CampaignFactory, OutreachEventFactory
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory, fresh
from cascade.reports.domain import rollup
from cascade.reports.filters import FiguresUnitFilterSet
from cascade.reports.forms import RollupForm
from cascade.reports.tables import ChildFiguresTable

API = "/api/reports/rollup"


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root office")
    a = UnitFactory(parent=fresh(root), name="Ministry A", short_name="MA")
    b = UnitFactory(parent=fresh(root), name="Ministry B", short_name="MB")
    a1 = UnitFactory(parent=fresh(a), name="Department A1", short_name="A1")
    a2 = UnitFactory(parent=fresh(a), name="Department A2", short_name="A2")
    campaign = CampaignFactory(slug="theme-2023", office=fresh(root))
    CampaignScope.objects.create(campaign=campaign, unit=fresh(root))
    OutreachEventFactory(
        campaign=campaign, unit=fresh(a1), start_date=datetime.date(2023, 5, 1), participants=20
    )
    OutreachEventFactory(
        campaign=campaign, unit=fresh(a2), start_date=datetime.date(2023, 9, 1), participants=5
    )
    OutreachEventFactory(
        campaign=campaign, unit=fresh(b), start_date=datetime.date(2023, 5, 1), participants=7
    )
    return {
        "root": fresh(root),
        "a": fresh(a),
        "b": fresh(b),
        "a1": fresh(a1),
        "a2": fresh(a2),
        "campaign": campaign,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clerk(tree):
    return RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user


@pytest.fixture
def client(clerk):
    return _client(clerk)


def test_rollup_api_by_name_gives_subtree_figures(client, tree):
    response = client.get(API, {"unit": "MA", "campaign": "theme-2023", "as_of": "2023-12-31"})
    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == {"id": tree["a"].pk, "name": "Ministry A", "path": tree["a"].path}
    assert (body["campaign"], body["as_of"]) == ("theme-2023", "2023-12-31")
    assert body["totals"]["outreach_event"] == {"records": 2, "participants": 25}
    assert body["coverage"]["outreach_event"] == {"in_scope": 3, "covered": 2}
    assert [(c["unit"], c["totals"]["outreach_event"]["records"]) for c in body["children"]] == [
        ("Department A1", 1),
        ("Department A2", 1),
    ]


def test_rollup_api_by_id_with_period(client, tree):
    response = client.get(API, {"unit": str(tree["a"].pk), "start": "2023-04-01", "end": "2023-06-30"})
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == {"start": "2023-04-01", "end": "2023-06-30"}
    assert body["totals"]["outreach_event"] == {"records": 1, "participants": 20}


def test_rollup_api_unit_out_of_scope_is_404(client, tree):
    assert client.get(API, {"unit": "MB"}).status_code == 404
    assert client.get(API, {"unit": str(tree["root"].pk)}).status_code == 404
    assert client.get(API, {"unit": "No such unit"}).status_code == 404


def test_rollup_api_bad_dates_are_422(client, tree):
    response = client.get(API, {"unit": "MA", "start": "2023-13-01"})
    assert response.status_code == 422
    assert response.json() == {"detail": "start: Enter a valid date."}
    response = client.get(API, {"unit": "MA", "start": "2023-06-01", "end": "2023-05-01"})
    assert response.status_code == 422
    assert response.json() == {"detail": "end: The end of the period cannot be before its start."}
    assert client.get(API, {"unit": "MA", "as_of": "yesterday"}).status_code == 422


def test_rollup_api_unknown_campaign_is_422(client, tree):
    response = client.get(API, {"unit": "MA", "campaign": "nope"})
    assert response.status_code == 422
    assert response.json() == {"detail": "campaign: No campaign you can see has the slug “nope”."}


def test_rollup_api_without_unit_is_422(client, tree):
    assert client.get(API).status_code == 422


def test_rollup_api_anonymous_is_401(tree):
    assert Client().get(API, {"unit": "MA"}).status_code == 401


def test_rollup_api_leaves_out_children_out_of_scope(tree):
    """A role over unit A alone: neither A's children nor their records' figures."""
    user = RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a"], include_descendants=False).user
    body = _client(user).get(API, {"unit": "MA"}).json()
    assert body["children"] == []
    assert body["totals"]["outreach_event"]["records"] == 0
    assert body["coverage"]["outreach_event"] == {"in_scope": 1, "covered": 0}


def test_rollup_form_resolves_unit_campaign_and_period(tree, clerk):
    form = RollupForm({"unit": "A1", "campaign": "theme-2023", "start": "2023-04-01"}, user=clerk)
    assert form.is_valid()
    assert (form.cleaned_data["unit"], form.cleaned_data["campaign"]) == (tree["a1"], tree["campaign"])
    assert (form.period.start, form.period.end) == (datetime.date(2023, 4, 1), None)
    assert RollupForm({"unit": "A1"}, user=clerk).is_valid()


def test_rollup_form_without_user_sees_no_unit(tree):
    form = RollupForm({"unit": "MA"})
    assert form.errors == {"unit": ["No unit you can see is called “MA”."]}


def test_child_figures_table_lists_visible_children(tree):
    result = rollup(unit=tree["a"], campaign=tree["campaign"])
    table = ChildFiguresTable(result, visible=[tree["a2"].pk], figures=(("outreach_event", "participants"),))
    assert table.headers() == ["Unit", "Outreach event: participants"]
    rows = table.rows()
    url = reverse("unit-dashboard", args=[tree["a2"].pk]) + "?campaign=theme-2023"
    assert [r["cells"] for r in rows] == [[{"value": "A2", "url": url}, {"value": 5, "url": None}]]


def test_figures_unit_filterset_filters_within_scope(tree, clerk):
    request = RequestFactory().get("/")
    request.user = clerk
    queryset = Unit.objects.restrict(clerk, "read")
    filterset = FiguresUnitFilterSet({"within": "A2"}, queryset=queryset, request=request)
    assert [u.name for u in filterset.qs] == ["Department A2"]
    filterset = FiguresUnitFilterSet({"within": "MB"}, queryset=queryset, request=request)
    assert filterset.errors == {"within": ["No unit you can see is called “MB”."]}
