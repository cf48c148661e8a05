"""``can()``: one answer to "may this user do this to this row?", from roles over units and groups."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.tests.factories import (
    RectificationItemFactory,
    SteeringAssignmentFactory,
    SteeringGroupFactory,
    StudyActivityFactory,
    StudySessionFactory,
)
from cascade.core.scopes import SYSTEM, authorize, can
from cascade.organization.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    root = UnitFactory(name="Office")
    a = UnitFactory(parent=root, name="Ministry A")
    a1 = UnitFactory(parent=a, name="Department A1")
    b = UnitFactory(parent=root, name="Ministry B")
    return {"root": root, "a": a, "a1": a1, "b": b}


def test_can_follows_a_unit_role_down_its_subtree_and_nowhere_else(tree):
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user
    answers = {
        name: can(clerk, "campaign.study:write", StudyActivityFactory(unit=unit))
        for name, unit in tree.items()
    }
    assert answers == {"root": False, "a": True, "a1": True, "b": False}


def test_can_places_a_row_through_its_scope_lookup(tree):
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a1"]).user
    inside = StudySessionFactory(activity=StudyActivityFactory(unit=tree["a1"]))
    outside = StudySessionFactory(activity=StudyActivityFactory(unit=tree["b"]))
    assert (can(clerk, "campaign.study:write", inside), can(clerk, "campaign.study:write", outside)) == (
        True,
        False,
    )


def test_can_without_descendants_covers_the_unit_alone(tree):
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"], include_descendants=False).user
    assert (
        can(clerk, "campaign.study:write", tree["a"]),
        can(clerk, "campaign.study:write", tree["a1"]),
    ) == (
        True,
        False,
    )


def test_can_refuses_a_permission_the_role_lacks(tree):
    auditor = RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["root"]).user
    activity = StudyActivityFactory(unit=tree["a"])
    assert (
        can(auditor, "campaign.study:read", activity),
        can(auditor, "campaign.study:write", activity),
    ) == (
        True,
        False,
    )
    with pytest.raises(PermissionDenied):
        authorize(auditor, "campaign.study:write", activity)


def test_can_through_a_steering_group_covers_its_assigned_units_only(tree):
    group = SteeringGroupFactory(unit=tree["root"])
    SteeringAssignmentFactory(group=group, unit=tree["a"])
    member = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=None, steering_group=group).user
    visits = {name: can(member, "campaign.supervision:write", unit) for name, unit in tree.items()}
    assert visits == {"root": False, "a": True, "a1": False, "b": False}


def test_steering_member_reads_own_group_but_cannot_change_it(tree):
    from cascade.campaigns.models import SteeringGroup, SteeringGroupMember
    from cascade.campaigns.tests.factories import SteeringGroupMemberFactory

    group = SteeringGroupFactory(unit=tree["root"])
    other = SteeringGroupFactory(unit=tree["root"])
    SteeringAssignmentFactory(group=group, unit=tree["a"])
    member = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=None, steering_group=group).user
    mine, theirs = SteeringGroupMemberFactory(group=group), SteeringGroupMemberFactory(group=other)
    readable = set(SteeringGroup.objects.restrict(member, "read").values_list("pk", flat=True))
    members = set(SteeringGroupMember.objects.restrict(member, "read").values_list("pk", flat=True))
    assert (
        members,
        can(member, "campaign.supervision:read", mine),
        can(member, "campaign.supervision:read", theirs),
    ) == (
        {mine.pk},
        True,
        False,
    )
    writable = SteeringGroup.objects.restrict(member, "campaign.supervision:write")
    assert (readable, writable.count()) == ({group.pk}, 0)
    assert [
        can(member, p, g)
        for p in ("campaign.supervision:read", "campaign.supervision:write")
        for g in (group, other)
    ] == [
        True,
        False,
        False,
        False,
    ]


def test_can_from_outside_refuses_a_role_over_the_unit_itself(tree):
    inside = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=tree["a1"]).user
    above = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=tree["a"]).user
    group = SteeringGroupFactory(unit=tree["root"])
    SteeringAssignmentFactory(group=group, unit=tree["a1"])
    member = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=None, steering_group=group).user
    item = RectificationItemFactory(unit=tree["a1"])
    verify = "campaign.rectification:verify"
    assert [can(u, verify, item, from_outside=True) for u in (inside, above, member)] == [False, True, True]
    assert can(inside, verify, item) is True


def test_can_for_reference_data_needs_the_permission_anywhere(tree):
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["b"]).user
    assert (can(clerk, "campaign.campaign:read"), can(clerk, "campaign.campaign:write")) == (True, False)


def test_can_refuses_anonymous_and_inactive_users_and_allows_the_system(tree):
    inactive = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["root"], user__is_active=False).user
    activity = StudyActivityFactory(unit=tree["a"])
    assert [can(u, "campaign.study:write", activity) for u in (AnonymousUser(), inactive, SYSTEM)] == [
        False,
        False,
        True,
    ]


def test_can_refuses_every_write_to_a_user_without_roles(tree):
    assert can(UserFactory(), "campaign.study:read") is False


def test_can_names_an_unknown_permission():
    with pytest.raises(KeyError):
        can(SYSTEM, "campaign.study:wirte")
