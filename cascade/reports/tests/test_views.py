import datetime as dt

import pytest
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import StudyKind
from cascade.campaigns.models import CampaignScope, StudyActivity
from cascade.campaigns.tests.factories import CampaignFactory
from cascade.core.tests.queries import page_queries
from cascade.organization.tests.factories import UnitFactory, fresh


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Office")
    a = UnitFactory(parent=fresh(root), name="Ministry A", short_name="MA")
    b = UnitFactory(parent=fresh(root), name="Ministry B", short_name="MB")
    campaign = CampaignFactory(
        office=fresh(root), start_date=dt.date(2023, 4, 1), end_date=dt.date(2023, 8, 31)
    )
    CampaignScope.objects.create(campaign=campaign, unit=fresh(root))
    return {"root": fresh(root), "a": fresh(a), "b": fresh(b), "campaign": campaign}


def _client_for(client, unit, role=Role.UNIT_CLERK):
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=role, unit=unit, include_descendants=True)
    client.force_login(user)
    return client


def _activity(unit, campaign, start=dt.date(2023, 4, 10)):
    return StudyActivity.objects.create(
        unit=unit, campaign=campaign, kind=StudyKind.SEMINAR, title="Seminar", start_date=start
    )


def test_home_anonymous_redirects_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_home_single_scope_offers_its_units_dashboard(client, tree):
    response = _client_for(client, tree["a"]).get(reverse("home"))
    assert response.status_code == 200
    assert [u.pk for u in response.context["work"].top_units] == [tree["a"].pk]
    assert f'href="{reverse("unit-dashboard", args=[tree["a"].pk])}"' in response.content.decode()


def test_home_without_role_explains(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "No unit has been assigned to you yet" in response.content.decode()


def test_dashboard_out_of_scope_unit_is_404(client, tree):
    response = _client_for(client, tree["a"]).get(reverse("unit-dashboard", args=[tree["b"].pk]))
    assert response.status_code == 404


def test_dashboard_shows_own_subtree_figures(client, tree):
    _activity(tree["a"], tree["campaign"])
    _activity(tree["a"], tree["campaign"])
    _activity(tree["b"], tree["campaign"])
    response = _client_for(client, tree["root"], Role.CAMPAIGN_OFFICE).get(
        reverse("unit-dashboard", args=[tree["root"].pk]), {"campaign": tree["campaign"].slug}
    )
    assert response.status_code == 200
    rows = {row["unit"].name: row["values"] for row in response.context["rows"]}
    seminar_column = [c[2:] for c in response.context["columns"]].index(("seminar", "records"))
    assert {name: values[seminar_column] for name, values in rows.items()} == {
        "Ministry A": 2,
        "Ministry B": 1,
    }


def test_dashboard_hides_children_outside_scope(client, tree):
    user_client = _client_for(client, tree["a"])
    UnitFactory(parent=tree["a"], name="Bureau")
    response = user_client.get(reverse("unit-dashboard", args=[tree["a"].pk]))
    assert [row["unit"].name for row in response.context["rows"]] == ["Bureau"]
    assert [a.name for a in response.context["ancestors"]] == ["Office"]


def test_dashboard_period_preset_limits_records(client, tree):
    _activity(tree["a"], tree["campaign"], start=dt.date(2023, 4, 10))
    _activity(tree["a"], tree["campaign"], start=dt.date(2020, 4, 10))
    url = reverse("unit-dashboard", args=[tree["a"].pk])
    user_client = _client_for(client, tree["a"])
    everything = user_client.get(url, {"campaign": "", "period": "all"})
    in_campaign_period = user_client.get(url, {"campaign": tree["campaign"].slug, "period": "campaign"})
    column = [c[2:] for c in everything.context["columns"]].index(("seminar", "records"))
    assert (everything.context["total"][column], in_campaign_period.context["total"][column]) == (2, 1)


def test_dashboard_unknown_period_falls_back_to_all(client, tree):
    response = _client_for(client, tree["a"]).get(
        reverse("unit-dashboard", args=[tree["a"].pk]), {"period": "bogus"}
    )
    assert (response.status_code, response.context["preset"]) == (200, "all")


def test_dashboard_unknown_campaign_is_404(client, tree):
    response = _client_for(client, tree["a"]).get(
        reverse("unit-dashboard", args=[tree["a"].pk]), {"campaign": "no-such-campaign"}
    )
    assert response.status_code == 404


def test_dashboard_query_count_does_not_grow_with_records(client, tree):
    user_client = _client_for(client, tree["root"], Role.CAMPAIGN_OFFICE)
    url = reverse("unit-dashboard", args=[tree["root"].pk])
    _activity(tree["a"], tree["campaign"])
    one = page_queries(user_client, url)
    for _ in range(2):
        _activity(tree["b"], tree["campaign"])
    # page_queries' first read after the writes brings the figures up to date.
    assert page_queries(user_client, url) == one


def _chart_data(response) -> dict:
    import json
    import re

    match = re.search(
        r'<script id="dashboard-data" type="application/json">(.*?)</script>', response.content.decode()
    )
    return json.loads(match.group(1))


def test_dashboard_chart_data_per_child_and_coverage(client, tree):
    _activity(tree["a"], tree["campaign"])
    _activity(tree["a"], tree["campaign"])
    response = _client_for(client, tree["root"], Role.CAMPAIGN_OFFICE).get(
        reverse("unit-dashboard", args=[tree["root"].pk]),
        {"campaign": tree["campaign"].slug, "kind": "seminar", "measure": "records"},
    )
    data = _chart_data(response)
    assert (data["bars"]["names"], data["bars"]["values"]) == (["MA", "MB"], [2, 0])
    assert data["bars"]["urls"][0].startswith(reverse("unit-dashboard", args=[tree["a"].pk]) + "?")
    assert [(c["name"], c["in_scope"], c["covered"]) for c in data["coverage"]] == [
        ("MA", 1, 1),
        ("MB", 1, 0),
    ]
    assert [u.name for u in response.context["uncovered"]] == ["Office", "Ministry B"]
    assert sum(sum(s["values"]) for s in data["timeline"]["series"]) == 2


def test_dashboard_chart_data_leaves_out_sibling_records(client, tree):
    _activity(tree["a"], tree["campaign"])
    _activity(tree["b"], tree["campaign"])
    response = _client_for(client, tree["a"]).get(reverse("unit-dashboard", args=[tree["a"].pk]))
    data = _chart_data(response)
    assert sum(sum(s["values"]) for s in data["timeline"]["series"]) == 1


def test_dashboard_unknown_kind_falls_back(client, tree):
    response = _client_for(client, tree["a"]).get(
        reverse("unit-dashboard", args=[tree["a"].pk]), {"kind": "bogus", "measure": "nope"}
    )
    assert (response.status_code, response.context["kind"], response.context["measure"]) == (
        200,
        "reading_class",
        "records",
    )
