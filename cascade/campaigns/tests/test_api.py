"""Campaign API: scoped lists and details, filters as query parameters, the rectification workflow."""

import json

import pytest
from django.test import Client

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import RectificationStatus, StudyKind
from cascade.campaigns.models import RectificationEvent
from cascade.campaigns.tests.factories import (
    CampaignFactory,
    OutreachEventFactory,
    RectificationItemFactory,
    ResearchTopicFactory,
    SteeringGroupFactory,
    StudyActivityFactory,
)
from cascade.organization.models import Unit
from cascade.organization.tests.factories import PersonFactory, UnitFactory

API = "/api/campaigns"


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root office")
    a = UnitFactory(parent=root, name="Ministry A", short_name="MA")
    b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
    a1 = UnitFactory(parent=a, name="Department A1", short_name="A1")
    return {"root": root, "a": Unit.objects.get(pk=a.pk), "b": b, "a1": a1}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clerk_client(tree):
    return _client(RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user)


def _ids(response) -> list[int]:
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


LISTS = [
    ("study-activities", StudyActivityFactory),
    ("research-topics", ResearchTopicFactory),
    ("steering-groups", SteeringGroupFactory),
    ("rectification-items", RectificationItemFactory),
    ("outreach-events", OutreachEventFactory),
]
DETAILS = [
    ("study-activities", StudyActivityFactory),
    ("research-topics", ResearchTopicFactory),
    ("rectification-items", RectificationItemFactory),
]


@pytest.mark.parametrize(("path", "factory"), LISTS, ids=[p for p, _ in LISTS])
def test_api_list_shows_only_records_in_scope(clerk_client, tree, path, factory):
    mine = factory(unit=tree["a1"])
    factory(unit=tree["b"])
    assert _ids(clerk_client.get(f"{API}/{path}")) == [mine.pk]


@pytest.mark.parametrize(("path", "factory"), LISTS, ids=[p for p, _ in LISTS])
def test_api_list_anonymous_is_401(tree, path, factory):
    assert Client().get(f"{API}/{path}").status_code == 401


@pytest.mark.parametrize(("path", "factory"), LISTS, ids=[p for p, _ in LISTS])
def test_api_list_filters_by_unit_and_rejects_unknown_unit(clerk_client, tree, path, factory):
    kept = factory(unit=tree["a1"])
    factory(unit=tree["a"])
    assert _ids(clerk_client.get(f"{API}/{path}", {"unit": "A1"})) == [kept.pk]
    response = clerk_client.get(f"{API}/{path}", {"unit": "MB"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "invalid filter",
        "errors": {"unit": ["No unit you can see is called “MB”."]},
    }


@pytest.mark.parametrize(("path", "factory"), DETAILS, ids=[p for p, _ in DETAILS])
def test_api_detail_out_of_scope_is_404(clerk_client, tree, path, factory):
    theirs = factory(unit=tree["b"])
    mine = factory(unit=tree["a"])
    assert clerk_client.get(f"{API}/{path}/{theirs.pk}").status_code == 404
    response = clerk_client.get(f"{API}/{path}/{mine.pk}")
    assert response.status_code == 200
    assert response.json()["id"] == mine.pk


def test_api_study_activities_filter_by_kind(clerk_client, tree):
    reading = StudyActivityFactory(unit=tree["a"], kind=StudyKind.READING_CLASS)
    StudyActivityFactory(unit=tree["a"], kind=StudyKind.LECTURE)
    assert _ids(clerk_client.get(f"{API}/study-activities", {"kind": "reading_class"})) == [reading.pk]
    assert clerk_client.get(f"{API}/study-activities", {"kind": "party"}).status_code == 422


def test_api_campaigns_for_role_holders_only(clerk_client, tree):
    campaign = CampaignFactory(office=tree["root"])
    assert _ids(clerk_client.get(f"{API}/campaigns")) == [campaign.pk]
    assert _ids(_client(UserFactory()).get(f"{API}/campaigns")) == []
    assert Client().get(f"{API}/campaigns").status_code == 401


# --- rectification workflow ------------------------------------------------------------------------


def _transition(client, item, to):
    url = f"{API}/rectification-items/{item.pk}/transition"
    return client.post(url, json.dumps({"to": to, "note": "started"}), content_type="application/json")


def test_transition_by_clerk_moves_item(clerk_client, tree):
    item = RectificationItemFactory(unit=tree["a1"])
    response = _transition(clerk_client, item, "in_progress")
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    assert RectificationEvent.objects.filter(item=item).count() == 1


def test_transition_out_of_scope_is_404(clerk_client, tree):
    item = RectificationItemFactory(unit=tree["b"])
    assert _transition(clerk_client, item, "in_progress").status_code == 404
    item.refresh_from_db()
    assert item.status == RectificationStatus.OPEN


def test_transition_verify_by_clerk_is_403(clerk_client, tree):
    item = RectificationItemFactory(unit=tree["a"], status=RectificationStatus.SUBMITTED)
    assert _transition(clerk_client, item, "verified").status_code == 403
    item.refresh_from_db()
    assert item.status == RectificationStatus.SUBMITTED


def test_transition_verify_by_steering_member(tree):
    user = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=tree["a"]).user
    PersonFactory(user=user)
    item = RectificationItemFactory(unit=tree["a1"], status=RectificationStatus.SUBMITTED)
    response = _transition(_client(user), item, "verified")
    assert response.status_code == 200
    assert response.json()["status"] == "verified"


def test_transition_verify_from_inside_the_unit_is_403(tree):
    user = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=tree["a"]).user
    PersonFactory(user=user)
    item = RectificationItemFactory(unit=tree["a"], status=RectificationStatus.SUBMITTED)
    response = _transition(_client(user), item, "verified")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "A unit's own rectification items are verified by someone outside it."
    }
    item.refresh_from_db()
    assert item.status == RectificationStatus.SUBMITTED


def test_transition_not_allowed_is_422(clerk_client, tree):
    item = RectificationItemFactory(unit=tree["a"])
    response = _transition(clerk_client, item, "reopened")
    assert response.status_code == 422
    assert response.json() == {"detail": "A rectification item cannot go from “open” to “reopened”."}
    item.refresh_from_db()
    assert item.status == RectificationStatus.OPEN


def test_transition_anonymous_is_401(tree):
    item = RectificationItemFactory(unit=tree["a"])
    assert _transition(Client(), item, "in_progress").status_code == 401
