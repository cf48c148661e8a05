"""The campaign office's work in Cascade's pages: a campaign with its phases and scope, a
conference's arrangement issued down the tree as a directive, a role granted, the figures."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from cascade.access.models import RoleAssignment
from cascade.campaigns.models import Campaign
from cascade.conferences.models import Arrangement, Directive
from cascade.core.tests.browser import WAYS, Journey

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), WAYS)
def test_office_launches_campaign_issues_directive_and_grants_role(
    live_server, browser, world, language, width
):
    root, a, b = world["root"], world["a"], world["b"]
    today = timezone.localdate()
    j = Journey(browser, live_server.url, language=language, width=width)
    j.sign_in("office")

    # A campaign, its first phase and the units it covers.
    j.go("/")
    j.click(f'a[href="{reverse("campaigns:campaign_list")}"]')
    j.follow(reverse("campaigns:campaign_create"))
    j.fill(
        {
            "slug": "spring-study",
            "title": "Spring study",
            "office": str(root.pk),
            "start_date": today.isoformat(),
            "end_date": (today + dt.timedelta(days=90)).isoformat(),
        }
    )
    j.submit()
    campaign = Campaign.objects.get(slug="spring-study")
    assert j.path == reverse("campaigns:campaign_detail", args=[campaign.pk])
    j.follow(f"{reverse('campaigns:campaignphase_create')}?campaign={campaign.pk}")
    j.fill({"order": "1", "name": "Study", "start_date": today.isoformat()})
    j.submit()
    j.follow(f"{reverse('campaigns:campaignscope_create')}?campaign={campaign.pk}")
    j.fill({"unit": str(root.pk), "include_descendants": "on"})
    j.submit()
    assert list(campaign.phases.values_list("name", flat=True)) == ["Study"]
    assert list(campaign.scopes.values_list("unit", flat=True)) == [root.pk]

    # The conference's arrangement goes down to both ministries and everything below them.
    conference = world["conference"]
    j.go(reverse("conferences:conference_list"))
    j.follow(reverse("conferences:conference_detail", args=[conference.pk]))
    j.follow(f"{reverse('conferences:arrangement_create')}?conference={conference.pk}")
    j.fill({"order": "1", "theme": "Study the speech", "text": "Organise study sessions."})
    j.submit()
    arrangement = Arrangement.objects.get(theme="Study the speech")
    j.follow(reverse("conferences:arrangement_issue", args=[arrangement.pk]))
    j.fill(
        {
            "title": "Study the speech in every unit",
            "issued_by": str(root.pk),
            "with_subunits": "on",
            "issued_on": today.isoformat(),
            "deadline": (today + dt.timedelta(days=14)).isoformat(),
        }
    )
    j.page.select_option('main select[name="recipients"]', [str(a.pk), str(b.pk)])
    j.submit()
    directive = Directive.objects.get(title="Study the speech in every unit")
    assert sorted(directive.deliveries.values_list("unit", flat=True)) == sorted([a.pk, b.pk])
    assert directive.arrangement == arrangement

    # A new clerk for Ministry B.
    j.go(reverse("access:roleassignment_create"))
    j.fill({"username": "zhou", "role": "unit_clerk", "unit": "MB"})
    j.submit()
    zhou = get_user_model().objects.get(username="zhou")
    assert list(RoleAssignment.objects.filter(user=zhou).values_list("role", "unit")) == [
        ("unit_clerk", b.pk)
    ]

    # The figures of the whole tree.
    j.go(reverse("unit-dashboard", args=[root.pk]))
    j.sees(a.short_name, b.short_name, "Spring study")
    j.close()
