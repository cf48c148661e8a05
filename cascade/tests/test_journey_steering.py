"""A steering group member's supervision in Cascade's pages: their group, a visit to a unit it
supervises, a finding that opens a rectification item, and a submitted item verified."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cascade.campaigns.choices import RectificationSource, RectificationStatus, VisitMode
from cascade.campaigns.models import RectificationItem, SupervisionFinding, SupervisionVisit
from cascade.core.tests.browser import WAYS, Journey

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), WAYS)
def test_steering_member_visits_finds_and_verifies(live_server, browser, world, language, width):
    a, group, item = world["a"], world["group"], world["item"]
    lin, wu = world["people"]["steering"], world["people"]["wu"]
    today = timezone.localdate()
    j = Journey(browser, live_server.url, language=language, width=width)
    j.sign_in("steering")

    # Their group (read through their role over it), and a visit to a unit it supervises.
    j.go("/")
    j.click(f'a[href="{reverse("campaigns:steeringgroup_list")}"]')
    with translation.override(language):
        group_name, unit_name = str(group), str(a)
    j.sees(group_name)
    j.follow(reverse("campaigns:steeringgroup_detail", args=[group.pk]))
    j.sees(group_name, unit_name)
    j.follow(f"{reverse('campaigns:supervisionvisit_create')}?group={group.pk}")
    assert j.page.locator('main [name="group"]').input_value() == str(group.pk)
    j.fill(
        {
            "unit": str(a.pk),
            "date": (today - dt.timedelta(days=2)).isoformat(),
            "mode": VisitMode.SITTING_IN,
            "summary": "Sat in on the leadership team's democratic life meeting.",
        }
    )
    j.submit()
    visit = SupervisionVisit.objects.get(group=group)
    assert (visit.unit, visit.mode) == (a, VisitMode.SITTING_IN)
    assert j.path == reverse("campaigns:supervisionvisit_detail", args=[visit.pk])

    # On the visit's page: a finding that opens its rectification item at once.
    j.follow(f"{reverse('campaigns:supervisionfinding_create')}?visit={visit.pk}")
    j.fill(
        {
            "description": "Criticism at the meeting stayed general",
            "severity": "high",
            "open_item": "yes",
            "owner": str(wu.pk),
            "deadline": (today + dt.timedelta(days=45)).isoformat(),
        }
    )
    j.submit()
    finding = SupervisionFinding.objects.get(visit=visit)
    assert j.path == reverse("campaigns:supervisionvisit_detail", args=[visit.pk])
    j.sees("Criticism at the meeting stayed general", j._("open"))
    opened = RectificationItem.objects.get(finding=finding)
    assert (opened.source, opened.unit, opened.owner, opened.status) == (
        RectificationSource.SUPERVISION,
        a,
        wu,
        RectificationStatus.OPEN,
    )
    assert opened.problem == finding.description
    assert opened.deadline == today + dt.timedelta(days=45)

    # The item Ministry A submitted: found in the rectification list, verified on its page.
    j.go(reverse("campaigns:rectificationitem_list"))
    j.sees(str(item))
    item_url = reverse("campaigns:rectificationitem_detail", args=[item.pk])
    j.follow(item_url)
    j.sees(j._("Move this item on"))
    transition = reverse("campaigns:rectificationitem_transition", args=[item.pk])
    j.page.select_option(f'form[action="{transition}"] select[name="to"]', "verified")
    j.page.fill(f'form[action="{transition}"] textarea[name="note"]', "Replies now within five days.")
    j.submit(f'form[action="{transition}"] button[type="submit"]')
    assert j.path == item_url
    j.sees(j._("The item is now “%(status)s”.", status=j._("verified and closed")))
    item.refresh_from_db()
    assert item.status == RectificationStatus.VERIFIED
    assert item.verified_by == lin
    assert item.verified_at is not None
    assert item.events.filter(to_status=RectificationStatus.VERIFIED, person=lin).exists()
    j.close()
