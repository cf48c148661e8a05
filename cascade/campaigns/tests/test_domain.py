import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from cascade.access.models import AuditEntry
from cascade.campaigns.choices import RectificationSource, RectificationStatus
from cascade.campaigns.domain import open_rectification, transition_rectification
from cascade.campaigns.models import RectificationItem
from cascade.core.scopes import SYSTEM
from cascade.organization.tests.factories import PersonFactory, UnitFactory

S = RectificationStatus


@pytest.fixture
def item(db):
    owner = PersonFactory(name="Owner")
    return open_rectification(
        user=SYSTEM,
        unit=UnitFactory(),
        problem="Study records incomplete",
        source=RectificationSource.SELF_EXAMINATION,
        opened_on=dt.date(2023, 5, 1),
        deadline=dt.date(2023, 6, 30),
        owner=owner,
        person=owner,
    )


def _walk(item, *statuses, verifier=None):
    for status in statuses:
        item = transition_rectification(user=SYSTEM, item=item, to=status, person=verifier or item.owner)
    return item


def test_open_rectification_records_first_event(item):
    assert list(item.events.values_list("from_status", "to_status")) == [("", S.OPEN)]
    assert AuditEntry.objects.filter(action="rectification.opened").count() == 1


def test_transition_allowed_path_reaches_verified(item):
    verifier = PersonFactory(name="Verifier")
    item = _walk(item, S.IN_PROGRESS, S.SUBMITTED)
    item = transition_rectification(user=SYSTEM, item=item, to=S.VERIFIED, person=verifier)
    assert (item.status, item.verified_by_id) == (S.VERIFIED, verifier.pk)
    assert item.verified_at is not None
    assert AuditEntry.objects.filter(action="rectification.verified", object_id=str(item.pk)).count() == 1


@pytest.mark.parametrize(
    ("path", "target"),
    [((), S.VERIFIED), ((), S.REOPENED), ((S.IN_PROGRESS,), S.OPEN), ((S.IN_PROGRESS,), S.VERIFIED)],
)
def test_transition_not_in_workflow_refused(item, path, target):
    item = _walk(item, *path)
    with pytest.raises(ValidationError):
        transition_rectification(user=SYSTEM, item=item, to=target, person=PersonFactory())
    item.refresh_from_db()
    assert item.status == (path[-1] if path else S.OPEN)
    assert item.events.count() == 1 + len(path)


def test_transition_verifier_same_as_owner_refused(item):
    item = _walk(item, S.IN_PROGRESS, S.SUBMITTED)
    with pytest.raises(ValidationError):
        transition_rectification(user=SYSTEM, item=item, to=S.VERIFIED, person=item.owner)
    item.refresh_from_db()
    assert item.status == S.SUBMITTED


def test_verifier_same_as_owner_refused_by_database(item):
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationItem.objects.filter(pk=item.pk).update(verified_by=item.owner)


def test_reopen_keeps_history_and_clears_current_verification(item):
    verifier = PersonFactory(name="Verifier")
    item = _walk(item, S.IN_PROGRESS, S.SUBMITTED)
    item = transition_rectification(user=SYSTEM, item=item, to=S.VERIFIED, person=verifier)
    item = transition_rectification(
        user=SYSTEM, item=item, to=S.REOPENED, person=verifier, note="problem came back"
    )
    assert (item.status, item.verified_by_id, item.verified_at) == (S.REOPENED, None, None)
    assert list(item.events.values_list("to_status", flat=True)) == [
        S.OPEN,
        S.IN_PROGRESS,
        S.SUBMITTED,
        S.VERIFIED,
        S.REOPENED,
    ]
    assert item.events.get(to_status=S.VERIFIED).person_id == verifier.pk


def test_open_rectification_deadline_before_opening_refused(db):
    with pytest.raises(ValidationError):
        open_rectification(
            user=SYSTEM,
            unit=UnitFactory(),
            problem="x",
            source=RectificationSource.INSPECTION,
            opened_on=dt.date(2023, 5, 1),
            deadline=dt.date(2023, 4, 1),
        )
    assert RectificationItem.objects.count() == 0


def test_open_rectification_without_a_user_is_refused(db):
    unit = UnitFactory()
    with pytest.raises(PermissionDenied):
        open_rectification(
            user=None,
            unit=unit,
            problem="Nobody opened this",
            source=RectificationSource.SELF_EXAMINATION,
            opened_on=dt.date(2023, 5, 1),
        )
    assert RectificationItem.objects.count() == 0


def test_finding_opens_one_item_with_the_steering_groups_supervision_right(db):
    from cascade.access.choices import Role
    from cascade.access.tests.factories import RoleAssignmentFactory
    from cascade.campaigns.domain import open_rectification_from_finding
    from cascade.campaigns.tests.factories import SteeringAssignmentFactory, SupervisionFindingFactory

    finding = SupervisionFindingFactory(description="Study ledger not kept")
    visited = finding.visit.unit
    SteeringAssignmentFactory(group=finding.visit.group, unit=visited)
    member = RoleAssignmentFactory(
        role=Role.STEERING_MEMBER, unit=None, steering_group=finding.visit.group
    ).user
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=visited).user
    with pytest.raises(PermissionDenied):
        open_rectification_from_finding(finding=finding, owner=None, deadline=None, user=clerk)
    item = open_rectification_from_finding(finding=finding, owner=None, deadline=None, user=member)
    assert (item.unit, item.problem, item.source) == (
        visited,
        "Study ledger not kept",
        RectificationSource.SUPERVISION,
    )
    with pytest.raises(ValidationError):
        open_rectification_from_finding(finding=finding, owner=None, deadline=None, user=member)
    assert RectificationItem.objects.count() == 1
