"""A unit clerk's day in Cascade's pages: what is due on the home page, a study activity with a
session, its attendance and check-in desk, a rectification item, a directive acknowledged."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from cascade.campaigns.models import RectificationItem, SessionCheckIn, StudyActivity, StudyAttendance
from cascade.conferences.choices import DirectiveStatus
from cascade.core.scopes import SYSTEM
from cascade.core.tests.browser import PHONE, WAYS, Journey
from cascade.reports.models import Notification
from cascade.reports.reminders import send_reminders

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), WAYS)
def test_clerk_records_study_rectification_and_answers_directive(
    live_server, browser, world, language, width
):
    a, campaign = world["a"], world["campaign"]
    zhou, wu = world["people"]["zhou"], world["people"]["wu"]
    today = timezone.localdate()
    j = Journey(browser, live_server.url, language=language, width=width)
    j.sign_in("clerk")

    # Study: a new activity from the list page, a session under it, the roster, the desk.
    j.go("/")
    j.click(f'a[href="{reverse("campaigns:studyactivity_list")}"]')
    j.follow(reverse("campaigns:studyactivity_create"))
    j.fill(
        {
            "campaign": str(campaign.pk),
            "unit": str(a.pk),
            "kind": "reading_class",
            "title": "Reading class on the selected works",
            "start_date": today.isoformat(),
        }
    )
    j.submit()
    activity = StudyActivity.objects.get(title="Reading class on the selected works")
    assert j.path == reverse("campaigns:studyactivity_detail", args=[activity.pk])
    j.sees(j._("Saved: %(thing)s.", thing=str(activity)))
    j.follow(f"{reverse('campaigns:studysession_create')}?activity={activity.pk}")
    j.fill({"date": today.isoformat(), "length": "half_day", "hours": "3.5"})
    j.submit()
    session = activity.sessions.get()
    j.follow(reverse("campaigns:studyactivity_roster", args=[activity.pk]))
    j.page.check(f'input[name="present"][value="{wu.pk}"]')
    j.submit()
    assert list(StudyAttendance.objects.filter(activity=activity).values_list("person", flat=True)) == [wu.pk]
    j.follow(reverse("campaigns:studysession_checkin", args=[session.pk]))
    assert j.page.locator("svg.qr-code").is_visible()
    j.fill({"mark": str(zhou.pk)})
    j.submit('main form:has(select[name="mark"]) button[type="submit"]')
    j.sees(str(zhou) if language == "en" else zhou.name_zh)
    assert SessionCheckIn.objects.filter(session=session, person=zhou).exists()

    # Rectification: a problem found in self-examination, with a deadline.
    j.go(reverse("campaigns:rectificationitem_list"))
    j.follow(reverse("campaigns:rectificationitem_create"))
    j.fill(
        {
            "campaign": str(campaign.pk),
            "unit": str(a.pk),
            "problem": "Study notes not kept",
            "source": "self_examination",
            "opened_on": today.isoformat(),
            "deadline": (today + dt.timedelta(days=30)).isoformat(),
        }
    )
    j.submit()
    assert RectificationItem.objects.filter(unit=a, problem="Study notes not kept").count() == 1

    # Bad input is answered on the form, in the journey's language, and writes nothing.
    j.go(reverse("campaigns:rectificationitem_create"))
    j.fill({"unit": str(a.pk), "problem": "", "source": "self_examination"})
    j.submit()
    j.sees(j._("This field is required."))
    assert RectificationItem.objects.filter(unit=a).count() == 2

    # A reminder that the directive sent down to the ministry is due: the menu's badge leads to it.
    delivery = world["delivery"]
    send_reminders(today=delivery.directive.deadline, user=SYSTEM)
    assert j.page.locator("#notifications-link .badge").count() == 0  # this page predates it
    j.go("/")
    assert j.page.locator("#notifications-link .badge").inner_text() == "1"
    j.click("#notifications-link")
    with translation.override(language):
        told = Notification.objects.get(recipient__username="clerk").title
        marked = ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", 1)
    j.sees(told)
    j.submit(f'main form[action="{reverse("notifications-read")}"] button')
    j.sees(marked % {"count": 1})
    assert j.page.locator("#notifications-link .badge").count() == 0

    # The directive: acknowledged from its page.
    j.go(reverse("conferences:directive_detail", args=[delivery.directive.pk]))
    j.submit(f'form[action="{reverse("conferences:delivery_acknowledge", args=[delivery.pk])}"] button')
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.ACKNOWLEDGED
    j.close()


def test_clerk_narrows_a_long_list_of_people_by_typing(live_server, browser, world):
    from cascade.organization.tests.factories import MembershipFactory, PersonFactory

    for n in range(14):
        MembershipFactory(unit=world["a"], person=PersonFactory(name=f"Colleague {n:02d}", name_zh=""))
    j = Journey(browser, live_server.url, language="en", width=PHONE)
    j.sign_in("clerk")
    j.go(reverse("campaigns:rectificationitem_create"))
    search = j.page.locator('main input[type="search"][aria-controls="id_owner"]')
    search.fill("colleague 1")
    visible = j.page.eval_on_selector_all(
        "#id_owner option", "os => os.filter(o => !o.hidden && o.value).map(o => o.text)"
    )
    assert visible == ["Colleague 01", "Colleague 10", "Colleague 11", "Colleague 12", "Colleague 13"]
    j.page.select_option("#id_owner", label="Colleague 12")
    search.fill("wu")
    visible = j.page.eval_on_selector_all(
        "#id_owner option", "os => os.filter(o => !o.hidden && o.value).map(o => o.text)"
    )
    assert visible == ["Colleague 12", "Staff Wu"]  # the chosen one stays
    j.close()
