import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cascade.conferences.models import Directive, DirectiveRecipient, ProgressReport, Speech
from cascade.conferences.tests.factories import ConferenceFactory, DirectiveFactory
from cascade.organization.tests.factories import PersonFactory, UnitFactory


def _refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


@pytest.mark.django_db
def test_conference_end_before_start_refused():
    _refused(lambda: ConferenceFactory(start_date=dt.date(2023, 12, 28), end_date=dt.date(2023, 12, 27)))


@pytest.mark.django_db
def test_conference_has_one_principal_speech():
    conference = ConferenceFactory()
    Speech.objects.create(conference=conference, speaker=PersonFactory(), is_principal=True)
    _refused(lambda: Speech.objects.create(conference=conference, speaker=PersonFactory(), is_principal=True))


@pytest.mark.django_db
def test_speech_needs_a_speaker():
    conference = ConferenceFactory()
    _refused(lambda: Speech.objects.create(conference=conference))


@pytest.mark.django_db
def test_directive_without_source_refused():
    unit = UnitFactory()
    _refused(
        lambda: Directive.objects.create(
            title="x", issued_by=unit, issued_on=dt.date(2024, 1, 1), deadline=dt.date(2024, 2, 1)
        )
    )


@pytest.mark.django_db
def test_directive_deadline_before_issue_refused():
    unit = UnitFactory()
    conference = ConferenceFactory()
    _refused(
        lambda: Directive.objects.create(
            title="x",
            issued_by=unit,
            conference=conference,
            issued_on=dt.date(2024, 2, 1),
            deadline=dt.date(2024, 1, 1),
        )
    )


@pytest.mark.django_db
def test_delivery_done_without_date_refused():
    directive = DirectiveFactory()
    _refused(
        lambda: DirectiveRecipient.objects.create(
            directive=directive, unit=UnitFactory(), status="done", acknowledged_at="2024-01-02T00:00Z"
        )
    )


@pytest.mark.django_db
def test_progress_percent_over_100_refused():
    delivery = DirectiveRecipient.objects.create(directive=DirectiveFactory(), unit=UnitFactory())
    _refused(
        lambda: ProgressReport.objects.create(
            recipient=delivery, reported_on=dt.date(2024, 1, 5), percent_done=101, text="x"
        )
    )
