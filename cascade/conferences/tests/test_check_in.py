"""A conference day's check-in: the secretariat's desk, attendees scanning the day's code, the sheet."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory, signed_in
from cascade.conferences import domain
from cascade.conferences.models import Attendee, AttendeeCheckIn
from cascade.conferences.tests.factories import AttendeeCategoryFactory, ConferenceFactory
from cascade.core.checkin import CheckInMethod
from cascade.core.tests.clock import stay_on
from cascade.core.tests.queries import page_queries
from cascade.organization.tests.factories import MembershipFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

# The conference runs today and tomorrow: a day's code works on that day only.
DAY1 = timezone.localdate()
DAY2 = DAY1 + dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _same_day():
    with stay_on(DAY1):
        yield


@pytest.fixture
def world():
    root = UnitFactory(name="Ministry")
    conference = ConferenceFactory(title="Work conference", start_date=DAY1, end_date=DAY2, secretariat=root)
    ambassadors = AttendeeCategoryFactory(conference=conference, name="Ambassadors", order=1)
    leaders = AttendeeCategoryFactory(conference=conference, name="Leaders", order=0)
    people = {}
    for name, category in (("Ambassador Qian", ambassadors), ("Leader Sun", leaders)):
        user = UserFactory()
        person = PersonFactory(name=name, user=user)
        MembershipFactory(person=person, unit=root)
        people[name] = Attendee.objects.create(conference=conference, person=person, category=category)
    return {
        "conference": conference,
        "attendees": people,
        "secretariat": RoleAssignmentFactory(role=Role.SECRETARIAT, unit=root).user,
        "auditor": RoleAssignmentFactory(role=Role.AUDITOR, unit=root).user,
    }


def _desk(conference, day=None):
    url = reverse("conferences:conference_checkin", args=[conference.pk])
    return f"{url}?day={day.isoformat()}" if day else url


def test_attendee_scans_todays_code_once_and_tomorrows_waits(world):
    conference = world["conference"]
    attendee = world["attendees"]["Ambassador Qian"]
    client = signed_in(attendee.person.user)
    today = reverse("conferences:conference_code", args=[domain.day_code(conference, DAY1)])
    tomorrow = reverse("conferences:conference_code", args=[domain.day_code(conference, DAY2)])
    assert [client.post(today).status_code, client.post(today).status_code] == [200, 200]
    refused = client.post(tomorrow)
    assert refused.status_code == 400
    assert "it works on that day only" in refused.content.decode()
    assert list(AttendeeCheckIn.objects.values_list("date", "method")) == [(DAY1, CheckInMethod.CODE)]
    assert AuditEntry.objects.filter(action="conference.checked_in").count() == 1


def test_someone_not_on_the_list_is_refused(world):
    outsider = UserFactory()
    PersonFactory(name="Outsider", user=outsider)
    url = reverse("conferences:conference_code", args=[domain.day_code(world["conference"], DAY1)])
    response = signed_in(outsider).get(url)
    assert response.status_code == 400
    assert "I am here" not in response.content.decode()
    response = signed_in(outsider).post(url)
    assert response.status_code == 400
    assert "You are not on the list of attendees of Work conference" in response.content.decode()
    assert AttendeeCheckIn.objects.count() == 0


def test_code_for_a_day_outside_the_conference_is_refused(world):
    attendee = world["attendees"]["Leader Sun"]
    code = domain.day_code(world["conference"], DAY1 - dt.timedelta(days=3))
    response = signed_in(attendee.person.user).post(reverse("conferences:conference_code", args=[code]))
    assert response.status_code == 400
    assert "it works on that day only" in response.content.decode()
    assert AttendeeCheckIn.objects.count() == 0


def test_marking_a_day_outside_the_conference_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        domain.mark_present(
            attendee=world["attendees"]["Leader Sun"],
            day=DAY1 - dt.timedelta(days=3),
            user=world["secretariat"],
        )
    assert refused.value.code == "day"
    assert AttendeeCheckIn.objects.count() == 0


def test_another_units_secretariat_cannot_run_the_desk(world):
    other = RoleAssignmentFactory(role=Role.SECRETARIAT, unit=UnitFactory(name="Elsewhere")).user
    client = signed_in(other)
    qian = world["attendees"]["Ambassador Qian"]
    assert client.get(_desk(world["conference"])).status_code == 403
    assert client.post(_desk(world["conference"], DAY1), {"mark": qian.pk}).status_code == 403
    assert AttendeeCheckIn.objects.count() == 0


def test_desk_offers_each_day_and_counts_arrivals(world):
    conference = world["conference"]
    client = signed_in(world["secretariat"])
    qian = world["attendees"]["Ambassador Qian"]
    response = client.post(_desk(conference, DAY2), {"mark": qian.pk})
    assert response.status_code == 302
    page = client.get(_desk(conference, DAY2)).content.decode()
    assert f"?day={DAY1.isoformat()}" in page and "1 arrived of 2 expected" in page
    assert "0 arrived of 2 expected" in client.get(_desk(conference, DAY1)).content.decode()
    assert list(AttendeeCheckIn.objects.values_list("attendee", "date", "method")) == [
        (qian.pk, DAY2, CheckInMethod.BY_HAND)
    ]
    partial = client.get(_desk(conference, DAY2), HTTP_HX_REQUEST="true").content.decode()
    assert "Ambassador Qian" in partial and "<html" not in partial


def test_undo_takes_a_check_in_back(world):
    conference = world["conference"]
    attendee = world["attendees"]["Leader Sun"]
    check_in, _new = domain.mark_present(attendee=attendee, day=DAY1, user=world["secretariat"])
    signed_in(world["secretariat"]).post(_desk(conference, DAY1), {"undo": check_in.pk})
    assert AttendeeCheckIn.objects.count() == 0
    assert AuditEntry.objects.filter(action="conference.check_in_undone").count() == 1


def test_auditor_cannot_open_desk_or_mark(world):
    conference = world["conference"]
    client = signed_in(world["auditor"])
    qian = world["attendees"]["Ambassador Qian"]
    assert client.get(_desk(conference)).status_code == 403
    assert client.post(_desk(conference, DAY1), {"mark": qian.pk}).status_code == 403
    assert client.get(reverse("conferences:conference_sheet", args=[conference.pk])).status_code == 403
    assert AttendeeCheckIn.objects.count() == 0


def test_sign_in_sheet_groups_attendees_by_category(world):
    conference = world["conference"]
    domain.mark_present(attendee=world["attendees"]["Leader Sun"], day=DAY1, user=world["secretariat"])
    url = reverse("conferences:conference_sheet", args=[conference.pk]) + f"?day={DAY1.isoformat()}"
    text = signed_in(world["secretariat"]).get(url).content.decode()
    assert (
        text.index("Leaders")
        < text.index("Leader Sun")
        < text.index("Ambassadors")
        < text.index("Ambassador Qian")
    )
    assert "1 of 2 checked in when printed." in text


def test_desk_and_sheet_cost_the_same_with_more_attendees(world):
    conference = world["conference"]
    client = signed_in(world["secretariat"])
    urls = [_desk(conference, DAY1), reverse("conferences:conference_sheet", args=[conference.pk])]

    def costs():
        return [page_queries(client, url) for url in urls]

    domain.mark_present(attendee=world["attendees"]["Leader Sun"], day=DAY1, user=world["secretariat"])
    before = costs()
    for n in range(2):
        person = PersonFactory(name=f"Guest {n}")
        attendee = Attendee.objects.create(
            conference=conference, person=person, category=world["attendees"]["Leader Sun"].category
        )
        domain.mark_present(attendee=attendee, day=DAY1, user=world["secretariat"])
    assert costs() == before
