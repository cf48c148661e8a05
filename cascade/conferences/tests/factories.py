"""Factories for the conferences app: conferences, their parts, directives and replies."""

import datetime

import factory
from django.utils import timezone

from cascade.conferences.choices import AttendeeRole, DirectiveStatus
from cascade.conferences.models import (
    AgendaItem,
    Arrangement,
    Attendee,
    AttendeeCategory,
    AttendeeCheckIn,
    Conference,
    Directive,
    DirectiveRecipient,
    ProgressReport,
    Speech,
)
from cascade.core.checkin import CheckInMethod
from cascade.organization.tests.factories import PersonFactory, UnitFactory

OPENING = datetime.date(2023, 12, 27)


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    slug = factory.Sequence(lambda n: f"conference-{n}")
    title = factory.Sequence(lambda n: f"Work conference {n}")
    start_date = OPENING
    end_date = OPENING + datetime.timedelta(days=1)
    venue = "Beijing"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    conference = factory.SubFactory(ConferenceFactory)
    order = factory.Sequence(lambda n: n)
    date = OPENING
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class SpeechFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speech

    conference = factory.SubFactory(ConferenceFactory)
    order = factory.Sequence(lambda n: n)
    speaker = factory.SubFactory(PersonFactory)
    title = factory.Sequence(lambda n: f"Speech {n}")


class AttendeeCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendeeCategory

    conference = factory.SubFactory(ConferenceFactory)
    order = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Attendee category {n}")
    headcount = 10


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    conference = factory.SubFactory(ConferenceFactory)
    person = factory.SubFactory(PersonFactory)
    category = factory.SubFactory(AttendeeCategoryFactory, conference=factory.SelfAttribute("..conference"))
    role = AttendeeRole.ATTENDEE


class AttendeeCheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendeeCheckIn

    attendee = factory.SubFactory(AttendeeFactory)
    date = factory.SelfAttribute("attendee.conference.start_date")
    checked_in_at = factory.LazyFunction(timezone.now)
    method = CheckInMethod.CODE


class ArrangementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Arrangement

    conference = factory.SubFactory(ConferenceFactory)
    order = factory.Sequence(lambda n: n)
    theme = factory.Sequence(lambda n: f"Arrangement {n}")


class DirectiveFactory(factory.django.DjangoModelFactory):
    """A directive from a conference (the model needs a conference, a campaign or a parent)."""

    class Meta:
        model = Directive

    title = factory.Sequence(lambda n: f"Directive {n}")
    issued_by = factory.SubFactory(UnitFactory)
    conference = factory.SubFactory(ConferenceFactory)
    issued_on = OPENING
    deadline = OPENING + datetime.timedelta(days=30)


class DirectiveRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectiveRecipient

    directive = factory.SubFactory(DirectiveFactory)
    unit = factory.SubFactory(UnitFactory)
    status = DirectiveStatus.PENDING


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    recipient = factory.SubFactory(
        DirectiveRecipientFactory,
        status=DirectiveStatus.IN_PROGRESS,
        acknowledged_at=datetime.datetime(2024, 1, 2, 9, 0, tzinfo=datetime.UTC),
    )
    reported_on = OPENING + datetime.timedelta(days=10)
    percent_done = 50
    text = factory.Sequence(lambda n: f"Progress {n}")
