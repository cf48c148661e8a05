"""Organisation API: scoped lists and details, children, filters as query parameters."""

import pytest
from django.test import Client

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, signed_in
from cascade.organization.models import Unit
from cascade.organization.tests.factories import MembershipFactory, PersonFactory, UnitFactory

API = "/api/organization"


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root office", short_name="ROOT")
    a = UnitFactory(parent=root, name="Ministry A", short_name="MA")
    b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
    a1 = UnitFactory(parent=a, name="Department A1", short_name="A1", kind="bureau")
    return {"root": root, "a": Unit.objects.get(pk=a.pk), "b": b, "a1": a1}


@pytest.fixture
def client(tree):
    user = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user
    client = Client()
    client.force_login(user)
    return client


def _names(response) -> list[str]:
    assert response.status_code == 200
    return [item["name"] for item in response.json()["items"]]


def test_units_api_lists_only_units_in_scope(client, tree):
    response = client.get(f"{API}/units")
    assert _names(response) == ["Ministry A", "Department A1"]
    assert response.json()["count"] == 2


def test_units_api_anonymous_is_401(tree):
    assert Client().get(f"{API}/units").status_code == 401
    assert Client().get(f"{API}/people").status_code == 401


def test_units_api_detail_out_of_scope_is_404(client, tree):
    assert client.get(f"{API}/units/{tree['b'].pk}").status_code == 404
    assert client.get(f"{API}/units/{tree['b'].pk}/children").status_code == 404


def test_units_api_detail_in_scope(client, tree):
    response = client.get(f"{API}/units/{tree['a'].pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["short_name"], body["depth"], body["numchild"]) == ("Ministry A", "MA", 2, 1)


def test_units_api_children(client, tree):
    assert _names(client.get(f"{API}/units/{tree['a'].pk}/children")) == ["Department A1"]


def test_units_api_filters(client, tree):
    assert _names(client.get(f"{API}/units", {"kind": "bureau"})) == ["Department A1"]
    assert _names(client.get(f"{API}/units", {"within": "A1"})) == ["Department A1"]


def test_units_api_invalid_filter_is_422(client, tree):
    response = client.get(f"{API}/units", {"within": "MB"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "invalid filter",
        "errors": {"within": ["No unit you can see is called “MB”."]},
    }
    assert client.get(f"{API}/units", {"kind": "nonsense"}).status_code == 422


def test_people_api_lists_only_people_in_scope(client, tree):
    person = PersonFactory(name="Li Si")
    MembershipFactory(unit=tree["a1"], person=person)
    MembershipFactory(unit=tree["b"], person=person)
    MembershipFactory(unit=tree["b"], person=PersonFactory(name="Wang Wu"))
    response = client.get(f"{API}/people")
    assert _names(response) == ["Li Si"]
    assert response.json()["items"][0]["memberships"] == [
        {
            "unit_id": tree["a1"].pk,
            "unit_name": "Department A1",
            "post": "Staff member",
            "is_leadership": False,
        }
    ]


def test_people_api_detail_out_of_scope_is_404(client, tree):
    person = MembershipFactory(unit=tree["b"]).person
    assert client.get(f"{API}/people/{person.pk}").status_code == 404


def test_people_api_detail_in_scope(client, tree):
    person = MembershipFactory(unit=tree["a"], person=PersonFactory(name="Li Si")).person
    response = client.get(f"{API}/people/{person.pk}")
    assert response.status_code == 200
    assert response.json()["name"] == "Li Si"


def test_people_api_filters_by_rank_and_invalid_rank_is_422(client, tree):
    MembershipFactory(unit=tree["a"], person=PersonFactory(name="Li Si", rank="bureau"))
    MembershipFactory(unit=tree["a"], person=PersonFactory(name="Wang Wu", rank="staff"))
    assert _names(client.get(f"{API}/people", {"rank": "staff"})) == ["Wang Wu"]
    assert client.get(f"{API}/people", {"rank": "emperor"}).status_code == 422


# --- moving a unit ------------------------------------------------------------------------


def test_unit_moved_under_another_parent(tree):
    office = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["root"]).user
    child = UnitFactory(parent=Unit.objects.get(pk=tree["a"].pk), name="Moving department")
    answer = signed_in(office).post(
        f"/api/organization/units/{child.pk}/move",
        {"new_parent_id": tree["b"].pk, "reason": "reorganised"},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.json()
    child = Unit.objects.get(pk=child.pk)
    assert Unit.objects.get_parent(child).pk == tree["b"].pk
    assert answer.json()["path"] == child.path


def test_unit_moved_under_itself_is_422_and_stays(tree):
    office = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["root"]).user
    answer = signed_in(office).post(
        f"/api/organization/units/{tree['a'].pk}/move",
        {"new_parent_id": tree["a"].pk},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree["a"].pk)).pk == tree["root"].pk
