"""Granting and revoking roles: the one write path (``access.domain``), its check and its audit entries."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cascade.access import domain
from cascade.access.choices import Role
from cascade.access.domain import grant_role, may_grant, revoke_role
from cascade.access.models import AuditEntry, RoleAssignment
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory, signed_in
from cascade.campaigns.tests.factories import SteeringAssignmentFactory, SteeringGroupFactory
from cascade.core.audit import explicit
from cascade.core.scopes import SYSTEM, can
from cascade.organization.tests.factories import UnitFactory


@pytest.fixture
def tree(db):
    # The rows the tests start from are not in the log the tests read (no model history).
    with explicit():
        root = UnitFactory(name="Root office", short_name="RO")
        a = UnitFactory(parent=root, name="Ministry A", short_name="MA")
        b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
        a1 = UnitFactory(parent=a, name="Department A1", short_name="A1")
    return {"root": root, "a": a, "b": b, "a1": a1}


def _role(role, unit, *, include_descendants=True, **kwargs):
    with explicit():
        return RoleAssignmentFactory(role=role, unit=unit, include_descendants=include_descendants, **kwargs)


@pytest.fixture
def office(tree):
    """The campaign office of Ministry A and its subtree: who may grant roles there."""
    return _role(Role.CAMPAIGN_OFFICE, tree["a"]).user


@pytest.fixture
def newcomer(db):
    with explicit():
        return UserFactory(username="newcomer")


def _written() -> tuple[int, int]:
    return RoleAssignment.objects.count(), AuditEntry.objects.count()


def _grant(user, target, unit, **kwargs):
    return grant_role(user=user, target=target, role=Role.AUDITOR, unit=unit, **kwargs)


# --- granting ---------------------------------------------------------------------------------------


def test_grant_role_by_office_in_its_subtree_creates_assignment(office, newcomer, tree):
    assignment = _grant(office, newcomer, tree["a1"])
    stored = RoleAssignment.objects.get(user=newcomer)
    assert stored.pk == assignment.pk
    assert (stored.role, stored.unit_id, stored.steering_group_id, stored.include_descendants) == (
        Role.AUDITOR,
        tree["a1"].pk,
        None,
        True,
    )


def test_grant_role_outside_scope_is_refused_and_writes_nothing(office, newcomer, tree):
    before = _written()
    with pytest.raises(PermissionDenied):
        _grant(office, newcomer, tree["b"])
    assert _written() == before


def test_grant_role_by_clerk_is_refused_and_writes_nothing(tree, newcomer):
    clerk = _role(Role.UNIT_CLERK, tree["a"]).user
    before = _written()
    with pytest.raises(PermissionDenied):
        _grant(clerk, newcomer, tree["a1"])
    assert _written() == before


def test_grant_role_without_user_is_refused(tree, newcomer):
    before = _written()
    with pytest.raises(PermissionDenied):
        _grant(None, newcomer, tree["a"])
    assert _written() == before


def test_grant_role_over_subtree_beyond_own_grant_is_refused(tree, newcomer):
    # Office over Ministry A alone (not its subtree): it may grant over A, but not over A1 through A.
    office_a_only = _role(Role.CAMPAIGN_OFFICE, tree["a"], include_descendants=False).user
    before = _written()
    with pytest.raises(PermissionDenied):
        _grant(office_a_only, newcomer, tree["a"], include_descendants=True)
    assert _written() == before
    assignment = _grant(office_a_only, newcomer, tree["a"], include_descendants=False)
    assert (assignment.unit_id, assignment.include_descendants) == (tree["a"].pk, False)


def test_grant_role_over_subtree_held_piece_by_piece_is_allowed(tree, newcomer):
    granter = _role(Role.CAMPAIGN_OFFICE, tree["a"], include_descendants=False).user
    _role(Role.CAMPAIGN_OFFICE, tree["a1"], user=granter)
    assert may_grant(granter, unit=tree["a"], include_descendants=True) is True
    assignment = _grant(granter, newcomer, tree["a"])
    assert (assignment.unit_id, assignment.include_descendants) == (tree["a"].pk, True)


def test_grant_role_by_superuser_anywhere(tree, newcomer):
    superuser = UserFactory(is_superuser=True)
    assignment = _grant(superuser, newcomer, tree["b"])
    assert RoleAssignment.objects.filter(user=newcomer).count() == 1
    assert assignment.unit_id == tree["b"].pk


def test_grant_role_by_inactive_superuser_is_refused(tree, newcomer):
    superuser = UserFactory(is_superuser=True, is_active=False)
    with pytest.raises(PermissionDenied):
        _grant(superuser, newcomer, tree["b"])
    assert RoleAssignment.objects.filter(user=newcomer).count() == 0


def test_grant_role_by_system_is_audited_as_no_user(tree, newcomer):
    assignment = _grant(SYSTEM, newcomer, tree["root"])
    entry = AuditEntry.objects.get(action="roleassignment.granted")
    assert (entry.user_id, entry.object_id) == (None, str(assignment.pk))


def test_grant_role_identical_twice_returns_existing(office, newcomer, tree):
    first = _grant(office, newcomer, tree["a1"])
    second = _grant(office, newcomer, tree["a1"])
    assert second.pk == first.pk
    assert RoleAssignment.objects.filter(user=newcomer).count() == 1
    assert AuditEntry.objects.filter(action="roleassignment.granted").count() == 1


def test_grant_role_audit_entry_has_before_and_after(office, newcomer, tree):
    assignment = _grant(office, newcomer, tree["a1"])
    entry = AuditEntry.objects.get(action="roleassignment.granted")
    assert (entry.user_id, entry.unit_id, entry.object_id, entry.object_repr) == (
        office.pk,
        tree["a1"].pk,
        str(assignment.pk),
        str(assignment),
    )
    assert entry.before is None
    assert entry.after == {
        "id": assignment.pk,
        "user": newcomer.pk,
        "role": "auditor",
        "unit": tree["a1"].pk,
        "include_descendants": True,
        "steering_group": None,
    }


def test_grant_role_with_other_coverage_changes_held_assignment(office, newcomer, tree):
    first = _grant(office, newcomer, tree["a1"], include_descendants=False)
    second = _grant(office, newcomer, tree["a1"], include_descendants=True)
    assert second.pk == first.pk
    assert RoleAssignment.objects.get(user=newcomer).include_descendants is True
    entries = list(AuditEntry.objects.filter(action="roleassignment.granted").order_by("pk"))
    assert [e.before for e in entries] == [
        None,
        {
            "id": first.pk,
            "user": newcomer.pk,
            "role": "auditor",
            "unit": tree["a1"].pk,
            "include_descendants": False,
            "steering_group": None,
        },
    ]
    assert entries[1].after["include_descendants"] is True


def test_grant_role_target_reads_new_grants_at_once(office, newcomer, tree):
    assert can(newcomer, "organization.unit:read", tree["a1"]) is False
    _grant(office, newcomer, tree["a1"])
    assert can(newcomer, "organization.unit:read", tree["a1"]) is True


def test_grant_role_unknown_role_is_invalid_and_writes_nothing(office, newcomer, tree):
    before = _written()
    with pytest.raises(ValidationError) as raised:
        grant_role(user=office, target=newcomer, role="emperor", unit=tree["a1"])
    assert list(raised.value.message_dict) == ["role"]
    assert _written() == before


def test_grant_role_without_unit_or_group_is_invalid(office, newcomer):
    before = _written()
    with pytest.raises(ValidationError):
        grant_role(user=office, target=newcomer, role=Role.AUDITOR)
    assert _written() == before


def test_grant_role_over_steering_group_of_own_unit(office, newcomer, tree):
    with explicit():
        group = SteeringGroupFactory(unit=tree["a"])
        SteeringAssignmentFactory(group=group, unit=tree["a1"])
    assignment = grant_role(user=office, target=newcomer, role=Role.STEERING_MEMBER, steering_group=group)
    assert (assignment.unit_id, assignment.steering_group_id) == (None, group.pk)
    entry = AuditEntry.objects.get(action="roleassignment.granted")
    assert entry.unit_id == tree["a"].pk  # listed under the unit that sends the group


def test_grant_role_over_steering_group_covering_units_outside_scope_is_refused(office, newcomer, tree):
    with explicit():
        group = SteeringGroupFactory(unit=tree["a"])
        SteeringAssignmentFactory(group=group, unit=tree["b"])
    before = _written()
    with pytest.raises(PermissionDenied):
        grant_role(user=office, target=newcomer, role=Role.STEERING_MEMBER, steering_group=group)
    assert _written() == before


# --- revoking ---------------------------------------------------------------------------------------


def test_revoke_role_deletes_assignment_and_logs_before(office, newcomer, tree):
    assignment = _role(Role.AUDITOR, tree["a1"], user=newcomer)
    pk = assignment.pk
    revoke_role(user=office, assignment=assignment)
    assert RoleAssignment.objects.filter(pk=pk).exists() is False
    entry = AuditEntry.objects.get(action="roleassignment.revoked")
    assert (entry.user_id, entry.unit_id, entry.object_id, entry.after) == (
        office.pk,
        tree["a1"].pk,
        str(pk),
        None,
    )
    assert entry.before == {
        "id": pk,
        "user": newcomer.pk,
        "role": "auditor",
        "unit": tree["a1"].pk,
        "include_descendants": True,
        "steering_group": None,
    }


def test_revoke_role_outside_scope_is_refused_and_writes_nothing(office, newcomer, tree):
    assignment = _role(Role.AUDITOR, tree["b"], user=newcomer)
    before = _written()
    with pytest.raises(PermissionDenied):
        revoke_role(user=office, assignment=assignment)
    assert _written() == before


def test_revoke_role_already_gone_writes_nothing(office, newcomer, tree):
    assignment = _role(Role.AUDITOR, tree["a1"], user=newcomer)
    with explicit():
        RoleAssignment.objects.filter(pk=assignment.pk).delete()
    before = _written()
    revoke_role(user=office, assignment=assignment)
    assert _written() == before


def test_revoke_role_target_loses_grants_at_once(office, newcomer, tree):
    assignment = _role(Role.AUDITOR, tree["a1"], user=newcomer)
    assert can(newcomer, "organization.unit:read", tree["a1"]) is True
    revoke_role(user=office, assignment=assignment)
    assert can(newcomer, "organization.unit:read", tree["a1"]) is False


# --- the "Grant a role" page ---------------------------------------------------------------------------


def test_role_form_save_goes_through_grant_role(office, newcomer, tree, monkeypatch):
    calls = []

    def spy(**kwargs):
        calls.append(kwargs)
        return grant_role(**kwargs)

    monkeypatch.setattr("cascade.access.forms.grant_role", spy)
    response = signed_in(office).post(
        reverse("access:roleassignment_create"),
        {"username": "newcomer", "role": "auditor", "unit": "A1", "include_descendants": "on"},
    )
    assert response.status_code == 302
    assert [
        (c["user"].pk, c["target"].pk, c["role"], c["unit"].pk, c["include_descendants"]) for c in calls
    ] == [(office.pk, newcomer.pk, "auditor", tree["a1"].pk, True)]
    assert AuditEntry.objects.filter(action="roleassignment.granted").count() == 1


def test_role_form_subtree_beyond_own_grant_is_field_error(tree, newcomer):
    office_a_only = _role(Role.CAMPAIGN_OFFICE, tree["a"], include_descendants=False).user
    response = signed_in(office_a_only).post(
        reverse("access:roleassignment_create"),
        {"username": "newcomer", "role": "auditor", "unit": "MA", "include_descendants": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "include_descendants": ["You may grant roles over “Ministry A” but not over all the units below it."]
    }
    assert RoleAssignment.objects.filter(user=newcomer).count() == 0


def test_role_form_refusal_from_domain_is_403_and_writes_nothing(office, newcomer, tree, monkeypatch):
    monkeypatch.setattr("cascade.access.forms.may_grant", lambda *args, **kwargs: True)
    monkeypatch.setattr(domain, "may_grant", lambda *args, **kwargs: False)
    before = _written()
    response = signed_in(office).post(
        reverse("access:roleassignment_create"),
        {"username": "newcomer", "role": "auditor", "unit": "A1", "include_descendants": "on"},
    )
    assert response.status_code == 403
    assert _written() == before
