"""Database constraints protect the data even when code forgets to validate."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cascade.campaigns.choices import (
    Cohort,
    RectificationSource,
    RectificationStatus,
    SessionLength,
    StudyKind,
)
from cascade.campaigns.models import (
    Campaign,
    RectificationItem,
    SteeringGroupMember,
    StudyActivity,
    StudyAttendance,
    StudySession,
)
from cascade.campaigns.tests.factories import CampaignFactory, SteeringGroupFactory, StudyActivityFactory
from cascade.organization.tests.factories import PersonFactory, UnitFactory


def _refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


@pytest.mark.django_db
def test_campaign_end_before_start_refused():
    office = UnitFactory()
    _refused(
        lambda: Campaign.objects.create(
            slug="c", title="c", office=office, start_date=dt.date(2023, 5, 1), end_date=dt.date(2023, 4, 1)
        )
    )
    assert Campaign.objects.count() == 0


@pytest.mark.django_db
def test_study_activity_cohort_number_without_cohort_refused():
    unit = UnitFactory()
    _refused(
        lambda: StudyActivity.objects.create(
            unit=unit, kind=StudyKind.READING_CLASS, title="x", cohort_number=2
        )
    )


@pytest.mark.django_db
def test_study_activity_cohort_number_zero_refused():
    unit = UnitFactory()
    _refused(
        lambda: StudyActivity.objects.create(
            unit=unit, kind=StudyKind.READING_CLASS, title="x", cohort=Cohort.ROUND, cohort_number=0
        )
    )


@pytest.mark.django_db
def test_study_activity_rounds_only_for_reading_classes():
    unit = UnitFactory()
    _refused(
        lambda: StudyActivity.objects.create(
            unit=unit, kind=StudyKind.SEMINAR, title="x", cohort=Cohort.BATCH, cohort_number=1
        )
    )


@pytest.mark.django_db
def test_study_session_hours_out_of_range_refused():
    activity = StudyActivityFactory()
    _refused(
        lambda: StudySession.objects.create(
            activity=activity, date=dt.date(2023, 4, 1), length=SessionLength.DAY, hours=25
        )
    )
    _refused(
        lambda: StudySession.objects.create(
            activity=activity, date=dt.date(2023, 4, 1), length=SessionLength.DAY, hours=-1
        )
    )
    assert StudySession.objects.count() == 0


@pytest.mark.django_db
def test_attendance_negative_hours_and_duplicates_refused():
    activity = StudyActivityFactory()
    person = PersonFactory()
    _refused(lambda: StudyAttendance.objects.create(activity=activity, person=person, hours=-2))
    StudyAttendance.objects.create(activity=activity, person=person, hours=2)
    _refused(lambda: StudyAttendance.objects.create(activity=activity, person=person, hours=3))
    assert StudyAttendance.objects.count() == 1


@pytest.mark.django_db
def test_rectification_verified_without_verifier_refused():
    unit = UnitFactory()
    _refused(
        lambda: RectificationItem.objects.create(
            unit=unit,
            problem="x",
            source=RectificationSource.INSPECTION,
            opened_on=dt.date(2023, 4, 1),
            status=RectificationStatus.VERIFIED,
        )
    )


@pytest.mark.django_db
def test_rectification_from_supervision_needs_finding():
    unit = UnitFactory()
    _refused(
        lambda: RectificationItem.objects.create(
            unit=unit, problem="x", source=RectificationSource.SUPERVISION, opened_on=dt.date(2023, 4, 1)
        )
    )


@pytest.mark.django_db
def test_steering_group_has_one_leader():
    group = SteeringGroupFactory(campaign=CampaignFactory())
    SteeringGroupMember.objects.create(group=group, person=PersonFactory(), role="leader")
    _refused(lambda: SteeringGroupMember.objects.create(group=group, person=PersonFactory(), role="leader"))
