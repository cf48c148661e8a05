"""``save_record`` / ``delete_record``: a plain record's one write path."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.campaigns.models import StudyActivity
from cascade.campaigns.tests.factories import StudyActivityFactory
from cascade.core.records import delete_record, save_record
from cascade.organization.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    root = UnitFactory(name="Office")
    return {
        "a": UnitFactory(parent=root, name="Ministry A"),
        "b": UnitFactory(parent=root, name="Ministry B"),
    }


def test_save_record_creates_and_logs_one_action(units):
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=units["a"]).user
    activity = save_record(
        user=clerk, instance=StudyActivity(unit=units["a"], kind="collective_study", title="Reading day")
    )
    entry = AuditEntry.objects.get(action__startswith="studyactivity.", object_id=str(activity.pk))
    assert (entry.action, entry.user, entry.unit, entry.after["title"]) == (
        "studyactivity.created",
        clerk,
        units["a"],
        "Reading day",
    )


def test_save_record_refuses_moving_a_record_out_of_reach(units):
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=units["a"]).user
    activity = StudyActivityFactory(unit=units["a"], title="Mine")
    activity.unit = units["b"]
    with pytest.raises(PermissionDenied):
        save_record(user=clerk, instance=activity)
    assert StudyActivity.objects.get(pk=activity.pk).unit == units["a"]


def test_save_record_refuses_changing_a_record_of_another_unit(units):
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=units["a"]).user
    theirs = StudyActivityFactory(unit=units["b"], title="Theirs")
    theirs.unit, theirs.title = units["a"], "Taken over"
    with pytest.raises(PermissionDenied):
        save_record(user=clerk, instance=theirs)
    assert StudyActivity.objects.get(pk=theirs.pk).title == "Theirs"


def test_save_record_bad_input_writes_nothing(units):
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=units["a"]).user
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        save_record(user=clerk, instance=StudyActivity(unit=units["a"], kind="no-such-kind", title=""))
    assert (StudyActivity.objects.count(), AuditEntry.objects.count()) == (0, entries)


def test_delete_record_needs_delete_and_logs_the_record_as_it_was(units):
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=units["a"]).user
    office = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=units["a"]).user
    activity = StudyActivityFactory(unit=units["a"], title="Gone")
    with pytest.raises(PermissionDenied):
        delete_record(user=clerk, instance=activity)
    delete_record(user=office, instance=activity)
    entry = AuditEntry.objects.get(action="studyactivity.deleted")
    assert (StudyActivity.objects.count(), entry.before["title"], entry.user) == (0, "Gone", office)
