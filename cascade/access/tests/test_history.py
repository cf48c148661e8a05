import datetime as dt

import pytest
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import RectificationSource, RectificationStatus
from cascade.campaigns.domain import open_rectification, transition_rectification
from cascade.core.scopes import SYSTEM
from cascade.organization.tests.factories import PersonFactory, UnitFactory


@pytest.fixture
def item(db):
    owner = PersonFactory()
    item = open_rectification(
        user=SYSTEM,
        unit=UnitFactory(),
        problem="Reading records incomplete",
        source=RectificationSource.SELF_EXAMINATION,
        opened_on=dt.date(2023, 5, 1),
        owner=owner,
    )
    return transition_rectification(user=SYSTEM, item=item, to=RectificationStatus.IN_PROGRESS, person=owner)


def test_detail_page_shows_the_records_history(client, item):
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.UNIT_CLERK, unit=item.unit)
    client.force_login(user)
    response = client.get(reverse("campaigns:rectificationitem_detail", args=[item.pk]))
    actions = [row["object"].action for row in response.context["history"]["table"].rows()]
    assert actions == ["rectification.in_progress", "rectification.opened"]


def test_detail_page_history_out_of_scope_is_404(client, item):
    outsider = UserFactory()
    RoleAssignmentFactory(user=outsider, role=Role.UNIT_CLERK, unit=UnitFactory())
    client.force_login(outsider)
    assert client.get(reverse("campaigns:rectificationitem_detail", args=[item.pk])).status_code == 404
