"""The conference secretariat's work in Cascade's pages: a two-day conference's agenda and
attendees, its check-in desk (the QR code an attendee scans on their phone, arrivals marked by
hand, the second day's tab) and the printable sign-in sheet grouped by category."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from cascade.conferences.models import AgendaItem, Attendee, AttendeeCheckIn
from cascade.core.checkin import CheckInMethod
from cascade.core.tests.browser import WAYS, Journey

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), WAYS)
def test_secretariat_runs_the_conference_desk(live_server, browser, world, language, width):
    conference, category = world["conference"], world["category"]
    zhou, qian = world["people"]["zhou"], world["people"]["ambassador"]
    today = timezone.localdate()
    second_day = today + dt.timedelta(days=1)
    with translation.override(language):
        title, category_name, zhou_name, qian_name = map(str, (conference, category, zhou, qian))
    assert (title, zhou_name) == (
        (conference.title, zhou.name) if language == "en" else (conference.title_zh, zhou.name_zh)
    )
    j = Journey(browser, live_server.url, language=language, width=width)
    j.sign_in("secretariat")

    # The conference, from the menu and its list.
    j.go("/")
    j.click(f'a[href="{reverse("conferences:conference_list")}"]')
    j.sees(title)
    conference_url = reverse("conferences:conference_detail", args=[conference.pk])
    j.follow(conference_url)
    j.sees(title, category_name, qian_name)

    # A session on the agenda of the first day.
    j.follow(f"{reverse('conferences:agendaitem_create')}?conference={conference.pk}")
    assert j.page.locator('main [name="conference"]').input_value() == str(conference.pk)
    j.fill(
        {
            "date": today.isoformat(),
            "order": "1",
            "title": "Opening plenary",
            "title_zh": "开幕全体会议",
            "description": "The principal speech.",
        }
    )
    j.submit()
    item = AgendaItem.objects.get(conference=conference)
    assert (item.date, item.title, item.title_zh) == (today, "Opening plenary", "开幕全体会议")
    assert j.path == conference_url
    j.sees("Opening plenary" if language == "en" else "开幕全体会议")

    # Staff Zhou named among the ambassadors.
    j.follow(f"{reverse('conferences:attendee_create')}?conference={conference.pk}")
    j.fill({"person": str(zhou.pk), "category": str(category.pk), "role": "attendee", "seat": "A-12"})
    j.submit()
    attendee = Attendee.objects.get(conference=conference, person=zhou)
    assert (attendee.category, attendee.seat) == (category, "A-12")
    assert j.path == conference_url
    j.sees(zhou_name)
    ambassador = Attendee.objects.get(conference=conference, person=qian)

    # The check-in desk of the first day: its code, and an arrival marked by hand.
    desk = reverse("conferences:conference_checkin", args=[conference.pk])
    j.follow(desk)
    assert j.page.locator("svg.qr-code").is_visible()
    j.sees(j._("Scan to check in"))
    code_url = j.page.locator(".qr-frame ~ p a").get_attribute("href")
    assert code_url.startswith(live_server.url + "/conferences/check-in/"), code_url
    j.fill({"mark": str(ambassador.pk)})
    j.submit('main form:has(select[name="mark"]) button[type="submit"]')
    assert j.path == desk
    arrivals = j.page.locator("#arrivals")
    assert qian_name in arrivals.inner_text()
    check_in = AttendeeCheckIn.objects.get(attendee=ambassador)
    assert (check_in.date, check_in.method) == (today, CheckInMethod.BY_HAND)

    # Staff Zhou scans the code on their phone, signs in and checks in with one button.
    phone = Journey(browser, live_server.url, language=language, width=width)
    phone.sign_in("zhou")
    phone.go(urlsplit(code_url).path)
    with translation.override(language):
        occasion = f"{title} · {formats.date_format(today)}"
    phone.sees(occasion, phone._("Checking in as %(person)s.", person=zhou_name))
    phone.submit()
    phone.sees(phone._("You are checked in: %(occasion)s.", occasion=occasion))
    zhou_in = AttendeeCheckIn.objects.get(attendee=attendee)
    assert (zhou_in.date, zhou_in.method, zhou_in.recorded_by) == (today, CheckInMethod.CODE, zhou.user)
    phone.close()

    # The desk's arrivals list catches up by itself (it polls).
    arrivals.get_by_text(zhou_name, exact=True).wait_for()
    with translation.override(language):
        assert str(CheckInMethod.CODE.label) in arrivals.inner_text()

    # The second day's tab: nobody yet; Staff Zhou marked present by hand.
    day_tab = f"{desk}?day={second_day.isoformat()}"
    j.follow(day_tab)
    assert j.page.locator(f'a[href="{day_tab}"]').get_attribute("aria-current") == "page"
    j.sees(j._("Nobody has checked in yet."))
    j.fill({"mark": str(attendee.pk)})
    j.submit('main form:has(select[name="mark"]) button[type="submit"]')
    assert zhou_name in j.page.locator("#arrivals").inner_text()
    assert AttendeeCheckIn.objects.get(attendee=attendee, date=second_day).method == CheckInMethod.BY_HAND

    # The printable sign-in sheet of the second day: the attendees under their category.
    j.follow(f"{reverse('conferences:conference_sheet', args=[conference.pk])}?day={second_day.isoformat()}")
    j.sees(j._("Sign-in sheet: %(conference)s", conference=title))
    group = j.page.locator(f'main h2:text-is("{category_name}") + .table-responsive')
    names = group.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert sorted(names) == sorted([qian_name, zhou_name])
    j.sees(j._("%(count)s of %(total)s checked in when printed.", count=1, total=2))
    assert AttendeeCheckIn.objects.filter(attendee__conference=conference).count() == 3
    j.close()
