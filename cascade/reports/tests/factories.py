"""Factories for the reports app's own rows: notifications (the engine's tables are internal)."""

import datetime

import factory

from cascade.access.tests.factories import UserFactory
from cascade.campaigns.tests.factories import RectificationItemFactory
from cascade.reports.choices import NotificationStage
from cascade.reports.models import Notification


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
