"""Factories for the reports app's own rows: notifications and briefing files (the engine's tables
are internal)."""

import datetime

import factory

from cascade.access.tests.factories import UserFactory
from cascade.campaigns.tests.factories import RectificationItemFactory
from cascade.organization.tests.factories import UnitFactory
from cascade.reports.choices import NotificationStage
from cascade.reports.models import BriefingFile, Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """A notification about a rectification item; pass ``item=None, delivery=...`` for a directive's."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    stage = NotificationStage.OVERDUE
    item = factory.SubFactory(RectificationItemFactory)
    delivery = None
    deadline = datetime.date(2023, 6, 30)
    day = datetime.date(2023, 7, 1)


class BriefingFileFactory(factory.django.DjangoModelFactory):
    """A briefing's Word file asked for and not yet made."""

    class Meta:
        model = BriefingFile

    requested_by = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    lang = "en"
    base_url = "http://testserver/"
