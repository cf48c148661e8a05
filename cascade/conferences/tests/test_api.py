"""Conference and directive API: scoped lists and details, and a recipient's answers."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.conferences.choices import DirectiveStatus
from cascade.conferences.models import Directive, ProgressReport
from cascade.conferences.tests.factories import (
    ArrangementFactory,
    AttendeeFactory,
    ConferenceFactory,
    DirectiveFactory,
    DirectiveRecipientFactory,
    SpeechFactory,
)
from cascade.organization.models import Unit
from cascade.organization.tests.factories import PersonFactory, UnitFactory

API = "/api/conferences"


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


@pytest.fixture
def office_client(tree):
    return _client(RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["a"]).user)


def _directive(title, *units):
    today = timezone.localdate()
    directive = DirectiveFactory(title=title, issued_on=today, deadline=today + datetime.timedelta(days=30))
    for unit in units:
        DirectiveRecipientFactory(directive=directive, unit=unit)
    return directive


def _post(client, url, payload=None):
    return client.post(url, json.dumps(payload or {}), content_type="application/json")


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


# --- conferences ----------------------------------------------------------------------------


def test_conferences_api_lists_for_role_holders_only(clerk_client, tree):
    ConferenceFactory(title="Central work conference")
    assert _titles(clerk_client.get(f"{API}/conferences")) == ["Central work conference"]
    assert _titles(_client(UserFactory()).get(f"{API}/conferences")) == []


def test_conferences_api_anonymous_is_401(db):
    assert Client().get(f"{API}/conferences").status_code == 401
    assert Client().get(f"{API}/directives").status_code == 401


def test_conference_api_detail_nests_speeches_categories_attendees(clerk_client, tree):
    conference = ConferenceFactory(title="Central work conference")
    SpeechFactory(conference=conference, is_principal=True, speaker=PersonFactory(name="Principal Speaker"))
    attendee = AttendeeFactory(conference=conference, person=PersonFactory(name="Ambassador Zhao"))
    response = clerk_client.get(f"{API}/conferences/{conference.pk}")
    assert response.status_code == 200
    body = response.json()
    assert [(s["speaker"], s["is_principal"]) for s in body["speeches"]] == [("Principal Speaker", True)]
    assert [c["name"] for c in body["categories"]] == [attendee.category.name]
    assert [(a["person"], a["category_id"]) for a in body["attendees"]] == [
        ("Ambassador Zhao", attendee.category_id)
    ]


def test_conference_api_detail_without_role_is_404(db):
    conference = ConferenceFactory()
    assert _client(UserFactory()).get(f"{API}/conferences/{conference.pk}").status_code == 404


def test_conferences_api_invalid_filter_is_422(clerk_client, tree):
    response = clerk_client.get(f"{API}/conferences", {"campaign": "no-such-campaign"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["campaign"]


# --- directives -------------------------------------------------------------------------------


def test_directives_api_lists_only_directives_in_scope(clerk_client, tree):
    _directive("To A and B", tree["a"], tree["b"])
    _directive("To B", tree["b"])
    assert _titles(clerk_client.get(f"{API}/directives")) == ["To A and B"]


def test_directives_api_filters_by_unit(clerk_client, tree):
    _directive("To A", tree["a"])
    _directive("To A1", tree["a1"])
    assert _titles(clerk_client.get(f"{API}/directives", {"unit": "A1"})) == ["To A1"]


def test_directives_api_invalid_filter_is_422(clerk_client, tree):
    response = clerk_client.get(f"{API}/directives", {"unit": "MB"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"unit": ["No unit you can see is called “MB”."]}


def test_directive_api_detail_shows_deliveries_in_scope_only(clerk_client, tree):
    directive = _directive("To A and B", tree["a"], tree["b"])
    response = clerk_client.get(f"{API}/directives/{directive.pk}")
    assert response.status_code == 200
    assert [d["unit_name"] for d in response.json()["deliveries"]] == ["Ministry A"]


def test_directive_api_detail_out_of_scope_is_404(clerk_client, tree):
    directive = _directive("To B", tree["b"])
    assert clerk_client.get(f"{API}/directives/{directive.pk}").status_code == 404


# --- answers ------------------------------------------------------------------------------------


def test_acknowledge_api_by_clerk(clerk_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = _post(clerk_client, f"{API}/deliveries/{delivery.pk}/acknowledge")
    assert response.status_code == 200
    assert response.json()["status"] == "acknowledged"
    response = _post(clerk_client, f"{API}/deliveries/{delivery.pk}/acknowledge")
    assert response.status_code == 422
    assert response.json() == {"detail": "A directive cannot go from “acknowledged” to “acknowledged”."}


def test_acknowledge_api_out_of_scope_is_404(clerk_client, tree):
    delivery = _directive("To B", tree["b"]).deliveries.get()
    assert _post(clerk_client, f"{API}/deliveries/{delivery.pk}/acknowledge").status_code == 404
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.PENDING


def test_acknowledge_api_by_auditor_is_403(tree):
    client = _client(RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a"]).user)
    delivery = _directive("To A", tree["a"]).deliveries.get()
    assert _post(client, f"{API}/deliveries/{delivery.pk}/acknowledge").status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.PENDING


def test_acknowledge_api_anonymous_is_401(tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    assert _post(Client(), f"{API}/deliveries/{delivery.pk}/acknowledge").status_code == 401


def test_cascade_api_by_clerk(clerk_client, tree):
    directive = _directive("To A", tree["a"])
    delivery = directive.deliveries.get()
    response = _post(clerk_client, f"{API}/deliveries/{delivery.pk}/cascade")
    assert response.status_code == 200
    assert response.json()["parent_id"] == directive.pk
    cascaded = Directive.objects.get(parent=directive)
    assert list(cascaded.deliveries.values_list("unit__name", flat=True)) == ["Department A1"]


def test_cascade_api_to_a_stranger_is_422(clerk_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    # A unit the clerk cannot see answers like one that does not exist: by its id, not its name.
    for unit_id in (tree["b"].pk, 999999, 2**63):
        response = _post(clerk_client, f"{API}/deliveries/{delivery.pk}/cascade", {"recipients": [unit_id]})
        assert (response.status_code, response.json()) == (422, {"detail": f"No such units: {unit_id}."})
    # A unit the clerk sees but that is not below the recipient is named.
    response = _post(clerk_client, f"{API}/deliveries/{delivery.pk}/cascade", {"recipients": [tree["a"].pk]})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "A directive can only be cascaded to the unit's own children; not to: Ministry A"
    }
    assert Directive.objects.filter(parent=delivery.directive).count() == 0


def test_cascade_api_out_of_scope_is_404(clerk_client, tree):
    delivery = _directive("To B", tree["b"]).deliveries.get()
    assert _post(clerk_client, f"{API}/deliveries/{delivery.pk}/cascade").status_code == 404
    assert Directive.objects.filter(parent=delivery.directive).count() == 0


def test_progress_api_by_office(office_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = _post(
        office_client, f"{API}/deliveries/{delivery.pk}/progress", {"text": "Half", "percent_done": 50}
    )
    assert response.status_code == 200
    assert (response.json()["text"], response.json()["percent_done"]) == ("Half", 50)
    assert ProgressReport.objects.count() == 1


def test_progress_api_bad_percent_is_422(office_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = _post(
        office_client, f"{API}/deliveries/{delivery.pk}/progress", {"text": "x", "percent_done": 101}
    )
    assert response.status_code == 422
    assert ProgressReport.objects.count() == 0


def test_progress_api_by_auditor_is_403(tree):
    client = _client(RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a"]).user)
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = _post(client, f"{API}/deliveries/{delivery.pk}/progress", {"text": "x", "percent_done": 10})
    assert response.status_code == 403
    assert ProgressReport.objects.count() == 0


def test_progress_api_out_of_scope_is_404(office_client, tree):
    delivery = _directive("To B", tree["b"]).deliveries.get()
    response = _post(
        office_client, f"{API}/deliveries/{delivery.pk}/progress", {"text": "x", "percent_done": 10}
    )
    assert response.status_code == 404
    assert ProgressReport.objects.count() == 0


def test_status_api_unknown_status_is_422(office_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = _post(office_client, f"{API}/deliveries/{delivery.pk}/status", {"to": "lost"})
    assert response.status_code == 422
    assert response.json() == {"detail": "A directive cannot go from “not yet acknowledged” to “lost”."}


@pytest.mark.parametrize(
    "body",
    [
        {"text": "x" * (2 * 1024 * 1024), "percent_done": 10},
        {"text": "Half", "percent_done": 50, "reported_on": "9999-12-31"},
        {"text": "Half", "percent_done": 50, "reported_on": "0223-04-26"},
    ],
    ids=["2-mb-text", "far-future", "before-issue"],
)
def test_progress_api_refuses_huge_text_and_impossible_dates(office_client, tree, body):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = _post(office_client, f"{API}/deliveries/{delivery.pk}/progress", body)
    assert response.status_code == 422
    assert ProgressReport.objects.count() == 0


# --- issuing an arrangement as a directive ----------------------------------------------------


def test_arrangement_issued_to_units_and_their_subtrees(office_client, tree):
    arrangement = ArrangementFactory(theme="Implement to the letter")
    body = {
        "title": "Implement the conference's arrangements",
        "issued_by_id": tree["a"].pk,
        "recipients": [tree["a"].pk],
        "with_subunits": True,
        "issued_on": "2024-01-02",
        "deadline": "2024-03-31",
    }
    answer = _post(office_client, f"{API}/arrangements/{arrangement.pk}/issue", body)
    assert answer.status_code == 201, answer.json()
    directive = Directive.objects.get(pk=answer.json()["id"])
    assert (directive.arrangement_id, directive.conference_id) == (arrangement.pk, arrangement.conference_id)
    assert sorted(d["unit_id"] for d in answer.json()["deliveries"]) == sorted([tree["a"].pk, tree["a1"].pk])


def test_arrangement_issue_with_a_deadline_before_the_day_is_422(office_client, tree):
    arrangement = ArrangementFactory()
    body = {
        "title": "Too late",
        "issued_by_id": tree["a"].pk,
        "recipients": [tree["a1"].pk],
        "issued_on": "2024-01-02",
        "deadline": "2024-01-01",
    }
    answer = _post(office_client, f"{API}/arrangements/{arrangement.pk}/issue", body)
    assert answer.status_code == 422
    assert answer.json()["errors"] == {"deadline": ["The deadline cannot be before the day it is issued."]}
    assert Directive.objects.count() == 0


def test_arrangement_issue_by_the_secretariat_is_403(tree):
    arrangement = ArrangementFactory()
    secretariat = RoleAssignmentFactory(role=Role.SECRETARIAT, unit=tree["root"]).user
    body = {
        "title": "Not theirs to issue",
        "issued_by_id": tree["a"].pk,
        "recipients": [tree["a1"].pk],
        "issued_on": "2024-01-02",
        "deadline": "2024-03-01",
    }
    assert _post(_client(secretariat), f"{API}/arrangements/{arrangement.pk}/issue", body).status_code == 403
    assert Directive.objects.count() == 0
