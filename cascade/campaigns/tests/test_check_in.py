"""A study session's check-in: the organiser's QR code, attendees scanning it, marking by hand."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import segno
from django.core import signing
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from cascade.access.models import AuditEntry
from cascade.access.tests.factories import UserFactory, signed_in
from cascade.campaigns import domain
from cascade.campaigns.models import SessionCheckIn, StudyAttendance, StudySession
from cascade.campaigns.tests.factories import StudyActivityFactory, StudySessionFactory
from cascade.core.checkin import CheckInMethod
from cascade.core.tests.queries import page_queries
from cascade.organization.tests.factories import MembershipFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    """Today's session (a code works on its session's day only)."""
    today = timezone.localdate()
    activity = StudyActivityFactory(
        unit=world["mine"], title="Theory study group", start_date=today, end_date=today
    )
    return StudySessionFactory(activity=activity, date=today, hours=Decimal("3.5"))


def _attendee(unit, name="Attendee Wang"):
    """A user linked to a person of ``unit`` (no role needed to check in)."""
    user = UserFactory()
    person = PersonFactory(name=name, user=user)
    MembershipFactory(person=person, unit=unit)
    return user, person


def _code_url(session):
    return reverse("campaigns:studysession_code", args=[domain.session_code(session)])


def test_desk_shows_qr_code_of_signed_link(world, session):
    response = signed_in(world["clerk"]).get(reverse("campaigns:studysession_checkin", args=[session.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    link = re.search(r'href="(http://testserver/campaigns/study/check-in/[^"]+/)"', page).group(1)
    svg = re.search(r'<svg viewBox="[^"]+" class="qr-code">.*?</svg>', page, re.S).group(0)
    # The QR code holds exactly the link shown under it, and that link opens this session.
    drawn = re.search(r' d="([^"]+)"', svg).group(1)
    assert drawn == re.search(r' d="([^"]+)"', segno.make(link, error="m").svg_inline(border=2)).group(1)
    assert domain.session_for_code(link.rstrip("/").rsplit("/", 1)[1]) == session
    assert "style=" not in svg


def test_activity_page_links_each_session_to_its_desk(world, session):
    page = (
        signed_in(world["clerk"])
        .get(reverse("campaigns:studyactivity_detail", args=[session.activity.pk]))
        .content.decode()
    )
    assert reverse("campaigns:studysession_checkin", args=[session.pk]) in page


def test_scanning_code_marks_attendee_present_once(world, session):
    user, person = _attendee(world["mine"])
    client = signed_in(user)
    url = _code_url(session)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Theory study group" in confirm.content.decode()
    assert SessionCheckIn.objects.count() == 0  # opening the link writes nothing
    first = client.post(url)
    second = client.post(url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert "You are checked in" in first.content.decode()
    assert "already checked in" in second.content.decode()
    assert list(SessionCheckIn.objects.values_list("person", "method")) == [(person.pk, CheckInMethod.CODE)]
    assert list(StudyAttendance.objects.values_list("person", "hours")) == [(person.pk, Decimal("3.5"))]
    assert AuditEntry.objects.filter(action="studysession.checked_in").count() == 1


def test_scanning_code_from_a_unit_below_is_refused_like_marking_by_hand(world, session):
    """The people a session expects are its unit's own: the desk, the sheet and the code agree."""
    below = UnitFactory(parent=world["mine"], name="Department")
    user, person = _attendee(below)
    response = signed_in(user).post(_code_url(session))
    assert response.status_code == 400
    desk = reverse("campaigns:studysession_checkin", args=[session.pk])
    client = signed_in(world["clerk"])
    assert f'<option value="{person.pk}">' not in client.get(desk).content.decode()
    assert client.post(desk, {"mark": person.pk}).status_code == 422
    assert SessionCheckIn.objects.count() == 0


def test_a_past_member_is_not_expected(world, session):
    user, person = _attendee(world["mine"], name="Retired Ma")
    person.memberships.update(end_date=timezone.localdate() - dt.timedelta(days=1))
    assert signed_in(user).post(_code_url(session)).status_code == 400
    assert list(domain.expected_people(session.activity)) == []


def test_another_days_code_is_refused_and_the_desk_says_so(world, session):
    user, _person = _attendee(world["mine"])
    session.date = timezone.localdate() + dt.timedelta(days=1)
    session.save()
    page = signed_in(world["clerk"]).get(reverse("campaigns:studysession_checkin", args=[session.pk]))
    assert "This code works on" in page.content.decode()
    response = signed_in(user).post(_code_url(session))
    assert (response.status_code, SessionCheckIn.objects.count()) == (400, 0)
    assert "it works on that day only" in response.content.decode()


def test_confirm_page_gives_the_reason_before_the_tap(world, session):
    response = signed_in(UserFactory()).get(_code_url(session))
    assert response.status_code == 400
    assert "not linked to a person" in response.content.decode()
    assert "I am here" not in response.content.decode()


def test_scanning_code_outside_unit_is_refused_and_writes_nothing(world, session):
    user, _person = _attendee(world["theirs"], name="Visitor Li")
    response = signed_in(user).post(_code_url(session))
    assert response.status_code == 400
    assert "Visitor Li is not one of the people of Ministry A" in response.content.decode()
    assert (SessionCheckIn.objects.count(), StudyAttendance.objects.count()) == (0, 0)


def test_scanning_code_without_linked_person_is_refused_in_chinese(world, session):
    response = signed_in(UserFactory()).post(_code_url(session), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "您的账号未关联人员" in response.content.decode()
    assert SessionCheckIn.objects.count() == 0


def test_forged_code_is_refused(world, session):
    user, _person = _attendee(world["mine"])
    forged = signing.dumps({"s": session.pk}, salt="something else")
    response = signed_in(user).post(reverse("campaigns:studysession_code", args=[forged]))
    assert response.status_code == 400
    assert "not a valid check-in code" in response.content.decode()
    assert SessionCheckIn.objects.count() == 0


def test_expired_code_is_refused(world, session):
    user, _person = _attendee(world["mine"])
    url = _code_url(session)
    with override_settings(CASCADE_CHECK_IN_MAX_AGE=-1):
        response = signed_in(user).post(url)
    assert response.status_code == 400
    assert "has expired" in response.content.decode()
    assert SessionCheckIn.objects.count() == 0


def test_code_link_sends_anonymous_visitor_to_sign_in_and_back(world, session):
    url = _code_url(session)
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_organiser_marks_by_hand_and_undoes(world, session):
    _user, person = _attendee(world["mine"])
    client = signed_in(world["clerk"])
    desk = reverse("campaigns:studysession_checkin", args=[session.pk])
    assert f'<option value="{person.pk}">' in client.get(desk).content.decode()
    response = client.post(desk, {"mark": person.pk})
    assert (response.status_code, response["Location"]) == (302, desk)
    check_in = SessionCheckIn.objects.get()
    assert (check_in.method, check_in.recorded_by) == (CheckInMethod.BY_HAND, world["clerk"])
    arrivals = client.get(desk, HTTP_HX_REQUEST="true").content.decode()
    assert "Attendee Wang" in arrivals and "<html" not in arrivals
    client.post(desk, {"undo": check_in.pk})
    assert (SessionCheckIn.objects.count(), StudyAttendance.objects.count()) == (0, 0)


def test_undo_keeps_hours_recorded_for_other_sessions(world, session):
    _user, person = _attendee(world["mine"])
    other = StudySessionFactory(activity=session.activity, date=session.date, hours=Decimal("2"))
    domain.mark_present(session=session, person=person, user=world["clerk"])
    domain.mark_present(session=other, person=person, user=world["clerk"])
    assert StudyAttendance.objects.get().hours == Decimal("5.5")
    # The session's hours change afterwards: taking its check-in back takes off what it gave.
    StudySession.objects.filter(pk=session.pk).update(hours=Decimal("1"))
    domain.undo_check_in(check_in=SessionCheckIn.objects.get(session=session), user=world["clerk"])
    assert list(StudyAttendance.objects.values_list("hours", flat=True)) == [Decimal("2")]


def test_check_in_after_roster_does_not_count_hours_twice(world, session):
    _user, person = _attendee(world["mine"])
    domain.record_attendance(activity=session.activity, present={person: Decimal("3.5")}, user=world["clerk"])
    domain.mark_present(session=session, person=person, user=world["clerk"])
    assert list(StudyAttendance.objects.values_list("hours", flat=True)) == [Decimal("3.5")]
    # Taking the check-in back leaves what the roster recorded.
    domain.undo_check_in(check_in=SessionCheckIn.objects.get(), user=world["clerk"])
    assert list(StudyAttendance.objects.values_list("hours", flat=True)) == [Decimal("3.5")]


def test_roster_with_more_hours_keeps_them(world, session):
    _user, person = _attendee(world["mine"])
    domain.record_attendance(activity=session.activity, present={person: Decimal("8")}, user=world["clerk"])
    domain.mark_present(session=session, person=person, user=world["clerk"])
    domain.undo_check_in(check_in=SessionCheckIn.objects.get(), user=world["clerk"])
    assert list(StudyAttendance.objects.values_list("hours", flat=True)) == [Decimal("8")]


@pytest.mark.parametrize("value", ["²", "x", "", "99999999999999999999"])
def test_desk_answers_odd_values_without_a_server_error(world, session, value):
    desk = reverse("campaigns:studysession_checkin", args=[session.pk])
    client = signed_in(world["clerk"])
    assert client.post(desk, {"mark": value}).status_code == 422
    assert client.post(desk, {"undo": value}).status_code == 302
    assert SessionCheckIn.objects.count() == 0


def test_marking_someone_outside_unit_is_refused(world, session):
    _user, stranger = _attendee(world["theirs"], name="Stranger")
    response = signed_in(world["clerk"]).post(
        reverse("campaigns:studysession_checkin", args=[session.pk]), {"mark": stranger.pk}
    )
    assert response.status_code == 422
    assert SessionCheckIn.objects.count() == 0


def test_auditor_gets_no_desk_and_writes_nothing(world, session):
    _user, person = _attendee(world["mine"])
    client = signed_in(world["auditor"])
    desk = reverse("campaigns:studysession_checkin", args=[session.pk])
    assert client.get(desk).status_code == 403
    assert client.post(desk, {"mark": person.pk}).status_code == 403
    assert client.get(reverse("campaigns:studysession_sheet", args=[session.pk])).status_code == 403
    assert SessionCheckIn.objects.count() == 0


def test_sign_in_sheet_lists_unit_people_with_arrival_times(world, session):
    _user, present = _attendee(world["mine"], name="Present Zhao")
    _user, _absent = _attendee(world["mine"], name="Absent Qian")
    domain.mark_present(session=session, person=present, user=world["clerk"])
    page = signed_in(world["clerk"]).get(reverse("campaigns:studysession_sheet", args=[session.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    at = timezone.localtime(SessionCheckIn.objects.get().checked_in_at).strftime("%H:%M")
    rows = re.findall(r"<tr>\s*<td>\d+</td>\s*<td>([^<]+)</td>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>", text)
    assert rows == [("Absent Qian", ""), ("Present Zhao", at)]
    assert "1 of 2 checked in when printed." in text
    assert "data-print" in text


def test_desk_roster_and_sheet_cost_the_same_with_three_people_as_with_one(world, session):
    client = signed_in(world["clerk"])
    urls = [
        reverse("campaigns:studysession_checkin", args=[session.pk]),
        reverse("campaigns:studysession_sheet", args=[session.pk]),
        reverse("campaigns:studyactivity_roster", args=[session.activity.pk]),
        reverse("campaigns:studyactivity_detail", args=[session.activity.pk]),
    ]

    def add_person(n):
        _user, person = _attendee(world["mine"], name=f"Person {n}")
        domain.mark_present(session=session, person=person, user=world["clerk"])
        _attendee(world["mine"], name=f"Absent {n}")

    add_person(0)
    one = [page_queries(client, url) for url in urls]
    add_person(1)
    add_person(2)
    assert [page_queries(client, url) for url in urls] == one


def test_desk_refreshes_its_code_and_the_sheet_takes_no_post(world, session):
    client = signed_in(world["clerk"])
    desk = reverse("campaigns:studysession_checkin", args=[session.pk])
    part = client.get(desk, {"part": "code"}, HTTP_HX_REQUEST="true").content.decode()
    assert (part.startswith('\n<div id="check-in-code"'), "<html" in part, "qr-code" in part) == (
        True,
        False,
        True,
    )
    sheet = reverse("campaigns:studysession_sheet", args=[session.pk])
    assert client.post(sheet).status_code == 405
