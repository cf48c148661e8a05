"""Audit log and role assignment pages: scoped by access.audit, filters, granting a role."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry, RoleAssignment
from cascade.access.tests.factories import AuditEntryFactory, RoleAssignmentFactory, UserFactory
from cascade.core.audit import explicit, log_action
from cascade.core.tests.queries import page_queries
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory


@pytest.fixture
def tree(db):
    # The rows the tests start from are not in the log the tests read (no model history).
    with explicit():
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
def clerk(tree):
    with explicit():
        return RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user


@pytest.fixture
def clerk_client(clerk):
    return _client(clerk)


def _objects(response) -> list[str]:
    return [row["object"].object_repr for row in response.context["table"].rows()]


# --- audit log ---------------------------------------------------------------------------------


def test_audit_list_shows_only_entries_in_scope(clerk_client, tree):
    AuditEntryFactory(unit=tree["a1"], object_repr="in A1")
    AuditEntryFactory(unit=tree["b"], object_repr="in B")
    AuditEntryFactory(unit=None, object_repr="no unit")
    assert _objects(clerk_client.get(reverse("access:auditentry_list"))) == ["in A1"]


def test_audit_detail_out_of_scope_is_404(clerk_client, tree):
    entry = AuditEntryFactory(unit=tree["b"])
    assert clerk_client.get(reverse("access:auditentry_detail", args=[entry.pk])).status_code == 404


def test_audit_detail_shows_changes(clerk_client, tree):
    entry = log_action(
        "unit.moved",
        obj=tree["a1"],
        unit=tree["a1"],
        before={"parent": 1, "path": "0001"},
        after={"parent": 2, "path": "0002"},
        data={"reason": "reorganisation"},
    )
    response = clerk_client.get(reverse("access:auditentry_detail", args=[entry.pk]))
    assert response.status_code == 200
    assert response.context["changes"] == [
        {"field": "parent", "before": "1", "after": "2", "changed": True},
        {"field": "path", "before": "0001", "after": "0002", "changed": True},
    ]
    assert response.context["details"] == [("reason", "reorganisation")]
    assert response.context["object_url"] == reverse("organization:unit_detail", args=[tree["a1"].pk])


def test_audit_list_anonymous_redirects_to_login(db):
    response = Client().get(reverse("access:auditentry_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_audit_list_query_count_does_not_grow_with_rows(clerk_client, tree):
    url = reverse("access:auditentry_list")
    log_action("unit.created", obj=tree["a"], unit=tree["a"])
    one = page_queries(clerk_client, url)
    log_action("unit.created", obj=tree["a1"], unit=tree["a1"], user=UserFactory())
    AuditEntryFactory(unit=tree["a1"])
    assert page_queries(clerk_client, url) == one


def test_audit_list_filters(clerk_client, tree, clerk):
    log_action("directive.acknowledged", obj=tree["a"], unit=tree["a"], user=clerk)
    AuditEntryFactory(action="unit.created", unit=tree["a1"], object_repr="created A1")
    url = reverse("access:auditentry_list")
    assert _objects(clerk_client.get(url, {"action": "directive."})) == ["Ministry A"]
    assert _objects(clerk_client.get(url, {"user": clerk.username})) == ["Ministry A"]
    assert _objects(clerk_client.get(url, {"unit": "A1"})) == ["created A1"]
    assert _objects(clerk_client.get(url, {"object_type": "organization.unit"})) == ["Ministry A"]
    today = datetime.date.today().isoformat()
    assert len(_objects(clerk_client.get(url, {"at_after": today, "at_before": today}))) == 2
    assert _objects(clerk_client.get(url, {"at_before": "2000-01-01"})) == []


def test_audit_list_invalid_filter_shows_message(clerk_client, tree):
    response = clerk_client.get(
        reverse("access:auditentry_list"), {"object_type": "auth.user", "at_after": "x"}
    )
    assert response.status_code == 200
    assert list(response.context["filterset"].errors) == ["at", "object_type"]
    assert "Some filters are not valid" in response.content.decode()


def test_audit_list_htmx_gets_table_partial(clerk_client, tree):
    response = clerk_client.get(reverse("access:auditentry_list"), headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()


def test_audit_list_superuser_sees_entries_without_unit(admin_client, tree):
    AuditEntryFactory(unit=None, object_repr="no unit")
    assert _objects(admin_client.get(reverse("access:auditentry_list"))) == ["no unit"]


# --- role assignments ------------------------------------------------------------------------------


def _users(response) -> list[str]:
    return [row["object"].user.username for row in response.context["table"].rows()]


def test_role_list_shows_only_assignments_in_scope(clerk_client, tree, clerk):
    RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a1"], user=UserFactory(username="auditor-a1"))
    RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["b"], user=UserFactory(username="auditor-b"))
    response = clerk_client.get(reverse("access:roleassignment_list"))
    assert sorted(_users(response)) == sorted([clerk.username, "auditor-a1"])


def test_role_detail_out_of_scope_is_404(clerk_client, tree):
    assignment = RoleAssignmentFactory(unit=tree["b"])
    assert clerk_client.get(reverse("access:roleassignment_detail", args=[assignment.pk])).status_code == 404


def test_role_list_filters_by_role_and_rejects_unknown_role(clerk_client, tree):
    RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a1"], user=UserFactory(username="auditor-a1"))
    url = reverse("access:roleassignment_list")
    assert _users(clerk_client.get(url, {"role": "auditor"})) == ["auditor-a1"]
    response = clerk_client.get(url, {"role": "king"})
    assert list(response.context["filterset"].errors) == ["role"]


def test_role_list_query_count_does_not_grow_with_rows(clerk_client, tree):
    url = reverse("access:roleassignment_list")
    one = page_queries(clerk_client, url)
    RoleAssignmentFactory(unit=tree["a1"])
    RoleAssignmentFactory(unit=tree["a"])
    assert page_queries(clerk_client, url) == one


def test_role_list_anonymous_redirects_to_login(db):
    assert Client().get(reverse("access:roleassignment_list")).status_code == 302


def test_role_list_htmx_gets_table_partial(clerk_client, tree):
    response = clerk_client.get(reverse("access:roleassignment_list"), headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()


# --- granting a role ----------------------------------------------------------------------------------


@pytest.fixture
def office_client(tree):
    return _client(RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["a"]).user)


def test_grant_role_by_office(office_client, tree):
    UserFactory(username="newcomer")
    response = office_client.post(
        reverse("access:roleassignment_create"),
        {"username": "newcomer", "role": "auditor", "unit": "A1", "include_descendants": "on"},
    )
    assignment = RoleAssignment.objects.get(user__username="newcomer")
    assert response.status_code == 302
    assert response.url == reverse("access:roleassignment_detail", args=[assignment.pk])
    assert (assignment.role, assignment.unit_id, assignment.include_descendants) == (
        "auditor",
        tree["a1"].pk,
        True,
    )
    entry = AuditEntry.objects.get(action="roleassignment.granted")
    assert entry.content_type == ContentType.objects.get_for_model(RoleAssignment)


def test_grant_role_outside_scope_is_form_error(office_client, tree):
    UserFactory(username="newcomer")
    response = office_client.post(
        reverse("access:roleassignment_create"), {"username": "newcomer", "role": "auditor", "unit": "MB"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"unit": ["No unit you can see is called “MB”."]}
    assert RoleAssignment.objects.filter(user__username="newcomer").count() == 0


def test_grant_role_unknown_user_and_duplicate_are_form_errors(office_client, tree):
    url = reverse("access:roleassignment_create")
    response = office_client.post(url, {"username": "ghost", "role": "auditor", "unit": "MA"})
    assert response.context["form"].errors == {"username": ["No user is called “ghost”."]}
    UserFactory(username="newcomer")
    office_client.post(url, {"username": "newcomer", "role": "auditor", "unit": "MA"})
    response = office_client.post(url, {"username": "newcomer", "role": "auditor", "unit": "MA"})
    assert response.status_code == 200
    assert RoleAssignment.objects.filter(user__username="newcomer").count() == 1
    assert response.context["form"].non_field_errors() == [
        "newcomer already holds this role over “Ministry A”."
    ]


def test_grant_role_by_clerk_is_403(clerk_client, tree):
    UserFactory(username="newcomer")
    url = reverse("access:roleassignment_create")
    assert clerk_client.get(url).status_code == 403
    assert (
        clerk_client.post(url, {"username": "newcomer", "role": "auditor", "unit": "MA"}).status_code == 403
    )
    assert RoleAssignment.objects.filter(user__username="newcomer").count() == 0


def test_role_detail_in_scope_shows_assignment(clerk_client, tree):
    assignment = RoleAssignmentFactory(
        role=Role.AUDITOR, unit=tree["a1"], user=UserFactory(username="auditor-a1")
    )
    response = clerk_client.get(reverse("access:roleassignment_detail", args=[assignment.pk]))
    assert response.status_code == 200
    assert "auditor-a1" in response.content.decode()


# --- revoking a role ----------------------------------------------------------------------------


def test_role_revoked_on_its_page_by_who_may_grant_it(office_client, tree):
    held = RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a1"])
    detail = office_client.get(reverse("access:roleassignment_detail", args=[held.pk]))
    url = reverse("access:roleassignment_delete", args=[held.pk])
    assert detail.context["delete_url"] == url
    assert office_client.get(url).status_code == 200
    response = office_client.post(url)
    assert (response.status_code, response.url) == (302, reverse("access:roleassignment_list"))
    assert not RoleAssignment.objects.filter(pk=held.pk).exists()
    entry = AuditEntry.objects.get(action="roleassignment.revoked")
    assert entry.object_id == str(held.pk)


def test_role_revoke_is_refused_to_a_clerk_and_keeps_the_role(clerk_client, tree):
    held = RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a1"])
    detail = clerk_client.get(reverse("access:roleassignment_detail", args=[held.pk]))
    assert detail.context["delete_url"] is None
    url = reverse("access:roleassignment_delete", args=[held.pk])
    assert (clerk_client.get(url).status_code, clerk_client.post(url).status_code) == (403, 403)
    assert RoleAssignment.objects.filter(pk=held.pk).exists()


def test_role_revoke_out_of_scope_is_404(office_client, tree):
    held = RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["b"])
    assert office_client.post(reverse("access:roleassignment_delete", args=[held.pk])).status_code == 404
    assert RoleAssignment.objects.filter(pk=held.pk).exists()
