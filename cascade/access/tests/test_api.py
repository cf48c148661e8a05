"""Access API: who am I and what may I do where, and the scoped audit log."""

import pytest
from django.test import Client

from cascade.access.choices import Role
from cascade.access.models import RoleAssignment
from cascade.access.permissions import ROLE_PERMISSIONS
from cascade.access.tests.factories import AuditEntryFactory, RoleAssignmentFactory, UserFactory
from cascade.core.audit import explicit, log_action
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory

API = "/api/access"


@pytest.fixture
def tree(db):
    # The rows the tests start from are not in the log the tests read (no model history).
    with explicit():
        root = UnitFactory(name="Root office")
        a = UnitFactory(parent=root, name="Ministry A", short_name="MA")
        b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
        a1 = UnitFactory(parent=a, name="Department A1", short_name="A1")
    return {"root": root, "a": Unit.objects.get(pk=a.pk), "b": b, "a1": a1}


@pytest.fixture
def clerk(tree):
    with explicit():
        return RoleAssignmentFactory(
            role=Role.UNIT_CLERK, unit=tree["a"], user=UserFactory(username="clerk")
        ).user


@pytest.fixture
def client(clerk):
    client = Client()
    client.force_login(clerk)
    return client


def test_me_lists_roles_permissions_and_top_units(client, clerk, tree):
    RoleAssignmentFactory(user=clerk, role=Role.AUDITOR, unit=tree["a1"], include_descendants=False)
    response = client.get(f"{API}/me")
    assert response.status_code == 200
    body = response.json()
    assert (body["username"], body["is_superuser"]) == ("clerk", False)
    assert [(r["role"], r["unit"], r["include_descendants"]) for r in body["roles"]] == [
        ("auditor", {"id": tree["a1"].pk, "name": "Department A1"}, False),
        ("unit_clerk", {"id": tree["a"].pk, "name": "Ministry A"}, True),
    ]
    assert body["roles"][1]["permissions"] == sorted(ROLE_PERMISSIONS["unit_clerk"])
    assert body["top_units"] == [{"id": tree["a"].pk, "name": "Ministry A", "path": tree["a"].path}]


def test_me_anonymous_is_401(db):
    assert Client().get(f"{API}/me").status_code == 401
    assert Client().get(f"{API}/audit").status_code == 401


def test_audit_api_lists_only_entries_in_scope(client, tree):
    log_action("unit.created", obj=tree["a1"], unit=tree["a1"])
    AuditEntryFactory(unit=tree["b"], object_repr="in B")
    response = client.get(f"{API}/audit")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["action"], i["object_type"], i["object_repr"]) for i in items] == [
        ("unit.created", "organization.unit", "Department A1")
    ]


def test_audit_api_detail_out_of_scope_is_404(client, tree):
    entry = AuditEntryFactory(unit=tree["b"])
    assert client.get(f"{API}/audit/{entry.pk}").status_code == 404


def test_audit_api_filters(client, tree, clerk):
    log_action("directive.done", obj=tree["a"], unit=tree["a"], user=clerk)
    log_action("unit.created", obj=tree["a1"], unit=tree["a1"])
    response = client.get(f"{API}/audit", {"action": "directive.", "user": "clerk"})
    assert [i["object_repr"] for i in response.json()["items"]] == ["Ministry A"]


def test_audit_api_invalid_filter_is_422(client, tree):
    response = client.get(f"{API}/audit", {"object_type": "nothing.here"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["object_type"]


def test_role_assignments_api_lists_only_assignments_in_scope(client, tree):
    RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["b"], user=UserFactory(username="auditor-b"))
    response = client.get(f"{API}/role-assignments")
    assert [i["username"] for i in response.json()["items"]] == ["clerk"]


# --- granting and revoking roles ------------------------------------------------------------


@pytest.fixture
def office(tree):
    with explicit():
        return RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["a"]).user


def test_role_granted_and_revoked_over_the_api(office, tree):
    client = Client()
    client.force_login(office)
    UserFactory(username="newcomer")
    body = {"username": "newcomer", "role": "auditor", "unit": "A1", "include_descendants": False}
    granted = client.post(f"{API}/role-assignments", body, content_type="application/json")
    assert granted.status_code == 201, granted.json()
    assert {k: granted.json()[k] for k in ("username", "role", "unit_id", "include_descendants")} == {
        "username": "newcomer",
        "role": "auditor",
        "unit_id": tree["a1"].pk,
        "include_descendants": False,
    }
    pk = granted.json()["id"]
    assert client.get(f"{API}/role-assignments/{pk}").json()["username"] == "newcomer"
    assert client.delete(f"{API}/role-assignments/{pk}").status_code == 204
    assert not RoleAssignment.objects.filter(pk=pk).exists()


def test_role_grant_outside_the_granters_units_is_422(office, tree):
    client = Client()
    client.force_login(office)
    UserFactory(username="newcomer")
    body = {"username": "newcomer", "role": "auditor", "unit": "MB", "include_descendants": True}
    answer = client.post(f"{API}/role-assignments", body, content_type="application/json")
    assert (answer.status_code, list(answer.json()["errors"])) == (422, ["unit"])


def test_role_grant_and_revoke_by_a_clerk_are_403(client, tree):
    held = RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a1"])
    body = {"username": held.user.username, "role": "leader", "unit": "A1", "include_descendants": True}
    assert client.post(f"{API}/role-assignments", body, content_type="application/json").status_code == 403
    assert client.delete(f"{API}/role-assignments/{held.pk}").status_code == 403
