"""A leadership member's research in Cascade's pages: the unit's research topics, one claimed
from its page for the work in their charge, a field visit under it and a measure it led to."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cascade.campaigns.choices import TopicStatus
from cascade.campaigns.models import AdoptedMeasure, FieldVisit, ResearchTopic
from cascade.core.tests.browser import WAYS, Journey

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), WAYS)
def test_leader_claims_a_topic_and_records_its_research(live_server, browser, world, language, width):
    a, campaign, topic = world["a"], world["campaign"], world["topic"]
    leader = world["people"]["leader"]
    today = timezone.localdate()
    j = Journey(browser, live_server.url, language=language, width=width)
    j.sign_in("leader")

    # The unit's research topics, from the menu; the unclaimed one opens from the list.
    j.go("/")
    j.click(f'a[href="{reverse("campaigns:researchtopic_list")}"]')
    with translation.override(language):
        title = str(topic)
    assert title == (topic.title if language == "en" else topic.title_zh)
    j.sees(title)
    topic_url = reverse("campaigns:researchtopic_detail", args=[topic.pk])
    j.follow(topic_url)
    j.sees(title, j._("Claim this topic"))

    # Claimed on its page, tied to the work in the leader's charge.
    j.fill({"work_area": "Consular affairs"})
    j.submit(f'form[action="{reverse("campaigns:researchtopic_claim", args=[topic.pk])}"] button')
    assert j.path == topic_url
    j.sees(j._("You have claimed this topic."))
    assert (
        j.page.locator(f'form[action="{reverse("campaigns:researchtopic_claim", args=[topic.pk])}"]').count()
        == 0
    )
    topic = ResearchTopic.objects.get(pk=topic.pk)
    assert topic.claimed_by == leader
    assert topic.work_area == "Consular affairs"
    assert topic.status == TopicStatus.IN_PROGRESS
    assert topic.started_on is not None

    # A field visit under the topic, from the topic's page.
    j.follow(f"{reverse('campaigns:fieldvisit_create')}?topic={topic.pk}")
    assert j.page.locator('main [name="topic"]').input_value() == str(topic.pk)
    j.fill(
        {
            "campaign": str(campaign.pk),
            "unit": str(a.pk),
            "led_by": str(leader.pk),
            "visited": "Consulate in Lagos",
            "date": (today - dt.timedelta(days=3)).isoformat(),
            "unannounced": "yes",
            "findings": "Queues are long on Mondays.",
        }
    )
    j.submit()
    visit = FieldVisit.objects.get(visited="Consulate in Lagos")
    assert (visit.topic, visit.unit, visit.led_by, visit.unannounced) == (topic, a, leader, True)
    assert j.path == reverse("campaigns:fieldvisit_detail", args=[visit.pk])
    with translation.override(language):
        j.sees(j._("Saved: %(thing)s.", thing=str(visit)), title)

    # Back to the topic through the visit's link to it; a measure the research led to.
    j.follow(topic_url)
    j.sees("Consulate in Lagos")

    j.follow(f"{reverse('campaigns:adoptedmeasure_create')}?topic={topic.pk}")
    j.fill(
        {
            "description": "Open an extra visa window on Mondays",
            "description_zh": "周一加开签证窗口",
            "adopted_on": today.isoformat(),
        }
    )
    j.submit()
    measure = AdoptedMeasure.objects.get(topic=topic)
    assert (measure.description, measure.adopted_on) == ("Open an extra visa window on Mondays", today)
    assert j.path == topic_url
    j.sees("Open an extra visa window on Mondays" if language == "en" else "周一加开签证窗口")
    j.close()
