"""Campaign API: scoped lists and details, filters as query parameters, the rectification workflow."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import RectificationStatus, StudyKind
from cascade.campaigns.models import RectificationEvent, RectificationEvidence, StudyAttendance
from cascade.campaigns.tests.factories import (
    CampaignFactory,
    OutreachEventFactory,
    RectificationItemFactory,
    ResearchTopicFactory,
    SteeringGroupFactory,
    StudyActivityFactory,
    StudyAttendanceFactory,
)
from cascade.organization.models import Membership, Unit
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


# --- workflows: claiming a topic, an attendance roster, evidence files ---------------------


def _leader(unit):
    """A leadership member of ``unit`` with the leader's role there, and their account."""
    person = PersonFactory(name="Leader One")
    Membership.objects.create(person=person, unit=unit, is_leadership=True)
    user = RoleAssignmentFactory(role=Role.LEADER, unit=unit).user
    person.user = user
    person.save()
    return person, user


def test_claim_topic_by_a_leader_of_its_unit(tree):
    topic = ResearchTopicFactory(unit=tree["a"], claimed_by=None, status="planned")
    person, user = _leader(tree["a"])
    answer = _client(user).post(
        f"{API}/research-topics/{topic.pk}/claim",
        {"work_area": "consular affairs"},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.json()
    assert (answer.json()["claimed_by_id"], answer.json()["work_area"], answer.json()["status"]) == (
        person.pk,
        "consular affairs",
        "in_progress",
    )


def test_claim_topic_without_a_linked_person_is_422(tree):
    topic = ResearchTopicFactory(unit=tree["a"], claimed_by=None)
    user = RoleAssignmentFactory(role=Role.LEADER, unit=tree["a"]).user
    answer = _client(user).post(
        f"{API}/research-topics/{topic.pk}/claim", {}, content_type="application/json"
    )
    assert answer.status_code == 422
    assert answer.json()["detail"] == "Your account is not linked to a person, so it cannot claim a topic."
    topic.refresh_from_db()
    assert topic.claimed_by_id is None


def test_claim_topic_by_a_clerk_is_403(clerk_client, tree):
    topic = ResearchTopicFactory(unit=tree["a"], claimed_by=None)
    answer = clerk_client.post(f"{API}/research-topics/{topic.pk}/claim", {}, content_type="application/json")
    assert answer.status_code == 403


def test_attendance_roster_replaces_the_whole_roster(clerk_client, tree):
    activity = StudyActivityFactory(unit=tree["a"])
    kept, dropped, added = (PersonFactory(name=n) for n in ("Chen", "Zhou", "Liu"))
    for person in (kept, dropped, added):
        Membership.objects.create(person=person, unit=tree["a"])
    StudyAttendanceFactory(activity=activity, person=kept, hours=2)
    StudyAttendanceFactory(activity=activity, person=dropped, hours=2)
    body = {"present": [{"person_id": kept.pk, "hours": "3"}, {"person_id": added.pk, "hours": 1.5}]}
    answer = clerk_client.put(
        f"{API}/study-activities/{activity.pk}/attendance", body, content_type="application/json"
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json() == [
        {"person_id": kept.pk, "person": "Chen", "hours": "3"},
        {"person_id": added.pk, "person": "Liu", "hours": "1.5"},
    ]


def test_attendance_roster_naming_someone_unknown_changes_nothing(clerk_client, tree):
    activity = StudyActivityFactory(unit=tree["a"])
    stranger = PersonFactory()  # a member of no unit the clerk reads
    body = {"present": [{"person_id": stranger.pk, "hours": 2}, {"person_id": 2**62, "hours": 2}]}
    answer = clerk_client.put(
        f"{API}/study-activities/{activity.pk}/attendance", body, content_type="application/json"
    )
    assert answer.status_code == 422
    assert answer.json()["detail"] == f"No such people: {stranger.pk}, {2**62}."
    assert StudyAttendance.objects.filter(activity=activity).count() == 0


def test_attendance_roster_of_another_unit_is_404(clerk_client, tree):
    activity = StudyActivityFactory(unit=tree["b"])
    answer = clerk_client.put(
        f"{API}/study-activities/{activity.pk}/attendance", {"present": []}, content_type="application/json"
    )
    assert answer.status_code == 404


def test_evidence_uploaded_listed_and_deleted(clerk_client, tree):
    item = RectificationItemFactory(unit=tree["a"])
    upload = SimpleUploadedFile("minutes.txt", b"Minutes of the meeting.", content_type="text/plain")
    answer = clerk_client.post(
        f"{API}/rectification-items/{item.pk}/evidence", {"file": upload, "description": "Minutes"}
    )
    assert answer.status_code == 201, answer.json()
    assert (answer.json()["file"], answer.json()["description"]) == ("minutes.txt", "Minutes")
    listed = clerk_client.get(f"{API}/rectification-items/{item.pk}/evidence").json()["items"]
    assert [e["id"] for e in listed] == [answer.json()["id"]]
    # Deleting is the office's (as on the item's page): the clerk may add, not take away.
    assert clerk_client.delete(f"{API}/evidence/{answer.json()['id']}").status_code == 403
    office = _client(RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["a"]).user)
    assert office.delete(f"{API}/evidence/{answer.json()['id']}").status_code == 204
    assert RectificationEvidence.objects.filter(item=item).count() == 0


def test_evidence_of_a_forbidden_type_is_422(clerk_client, tree):
    item = RectificationItemFactory(unit=tree["a"])
    upload = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    answer = clerk_client.post(f"{API}/rectification-items/{item.pk}/evidence", {"file": upload})
    assert answer.status_code == 422
    assert list(answer.json()["errors"]) == ["file"]
    assert item.evidence.count() == 0


def test_evidence_by_a_read_only_role_is_403(tree):
    item = RectificationItemFactory(unit=tree["a"])
    auditor = RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a"]).user
    upload = SimpleUploadedFile("minutes.txt", b"Minutes.", content_type="text/plain")
    answer = _client(auditor).post(f"{API}/rectification-items/{item.pk}/evidence", {"file": upload})
    assert answer.status_code == 403
    assert item.evidence.count() == 0
