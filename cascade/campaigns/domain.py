"""Business logic for campaigns: the rectification workflow and its history, attendance
rosters, leaders claiming research topics, findings that open rectification items.

Plain records (study activities, topics, visits, outreach...) are written through
``cascade.core.records``; what has a rule of its own is here. Every function takes ``user=`` and
authorises it once, through ``cascade.core.scopes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cascade.core.audit import explicit, log_action, snapshot
from cascade.core.checkin import CheckInMethod, make_code, read_code, recorder
from cascade.core.records import save_record
from cascade.core.scopes import authorize, can, person_of
from cascade.organization.models import Membership, Person, Unit

from .choices import RECTIFICATION_TRANSITIONS, RectificationSource, RectificationStatus, TopicStatus
from .models import (
    Campaign,
    RectificationEvent,
    RectificationItem,
    ResearchTopic,
    SessionCheckIn,
    StudyActivity,
    StudyAttendance,
    StudySession,
    SupervisionFinding,
)

SESSION_CODE = "study-session"


def open_rectification(
    *,
    unit: Unit,
    problem: str,
    source: str,
    opened_on: date,
    campaign: Campaign | None = None,
    owner: Person | None = None,
    deadline: date | None = None,
    measures: str = "",
    finding: SupervisionFinding | None = None,
    user,
    person: Person | None = None,
    permission: str = "campaign.rectification:write",
    **extra,
) -> RectificationItem:
    """Open a rectification item, with the first event of its history.

    The user needs ``permission`` over the responsible unit: a unit's own clerk writes its
    items; a steering group opening one from its finding writes with its supervision right.
    """
    item = RectificationItem(
        unit=unit,
        problem=problem,
        source=source,
        opened_on=opened_on,
        campaign=campaign,
        owner=owner,
        deadline=deadline,
        measures=measures,
        finding=finding,
        **extra,
    )
    return open_item(item=item, user=user, person=person, permission=permission)


def open_item(
    *,
    item: RectificationItem,
    user,
    person: Person | None = None,
    permission: str = "campaign.rectification:write",
) -> RectificationItem:
    """Open ``item`` (a new, unsaved item built by a form or by ``open_rectification``)."""
    item.status = RectificationStatus.OPEN
    item.verified_by = None
    item.verified_at = None
    authorize(user, permission, item)
    item.full_clean()
    with transaction.atomic(), explicit():
        item.save()
        RectificationEvent.objects.create(
            item=item,
            from_status="",
            to_status=item.status,
            person=person,
            user=_user(user),
            at=timezone.now(),
        )
        log_action("rectification.opened", obj=item, user=user, after=snapshot(item))
    return item


def open_rectification_from_finding(
    *, finding: SupervisionFinding, owner: Person | None, deadline: date | None, user, person=None
) -> RectificationItem:
    """A supervision finding opens a rectification item for the visited unit (one item a finding)."""
    visit = finding.visit
    if RectificationItem.objects.filter(finding=finding).exists():
        raise ValidationError(_("This finding has already opened a rectification item."), code="opened")
    return open_rectification(
        permission="campaign.supervision:write",
        unit=visit.unit,
        problem=finding.description,
        source=RectificationSource.SUPERVISION,
        opened_on=visit.feedback_on or visit.date,
        campaign=visit.group.campaign,
        owner=owner,
        deadline=deadline,
        finding=finding,
        user=user,
        person=person,
    )


def transition_rectification(
    *,
    item: RectificationItem,
    to: str,
    person: Person | None,
    user,
    note: str = "",
    at: datetime | None = None,
) -> RectificationItem:
    """Move ``item`` to status ``to`` if the workflow allows it; every move is kept as an event.

    The responsible unit works its item (``write``: in progress, submitted). Verifying and
    reopening take ``verify`` held from outside the unit (a steering group over it, or the
    unit above), and a verifier who is not the item's owner; sending a submitted item back
    takes either. Reopening clears the current verification; the earlier one stays in the
    history.
    """
    at = at or timezone.now()
    with transaction.atomic(), explicit():
        item = RectificationItem.objects.select_for_update().select_related("unit").get(pk=item.pk)
        current = item.status
        allowed = RECTIFICATION_TRANSITIONS.get(current, frozenset())
        if to not in allowed:
            raise ValidationError(
                _("A rectification item cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": RectificationStatus(current).label,
                    "to": RectificationStatus(to).label if to in RectificationStatus.values else to,
                },
                code="invalid_transition",
            )
        authorize_transition(user=user, item=item, to=to)
        before = snapshot(item)
        if to == RectificationStatus.VERIFIED:
            if person is None:
                raise ValidationError(_("Verification needs the person who verifies."), code="no_verifier")
            if item.owner_id is not None and person.pk == item.owner_id:
                raise ValidationError(
                    _("The person who verifies an item cannot be its owner."), code="verifier_is_owner"
                )
            item.verified_by = person
            item.verified_at = at
        elif to == RectificationStatus.REOPENED:
            item.verified_by = None
            item.verified_at = None
        item.status = to
        item.save(update_fields=["status", "verified_by", "verified_at", "updated_at"])
        RectificationEvent.objects.create(
            item=item, from_status=current, to_status=to, person=person, user=_user(user), note=note, at=at
        )
        log_action(
            f"rectification.{to}",
            obj=item,
            user=user,
            before=before,
            after=snapshot(item),
            data={"note": note},
        )
    return item


def _transition_ways(*, item: RectificationItem, to: str) -> list[tuple[str, bool]]:
    """The ways (permission, from outside the unit) any one of which allows moving ``item`` to ``to``."""
    verify = ("campaign.rectification:verify", True)
    write = ("campaign.rectification:write", False)
    if to in (RectificationStatus.VERIFIED, RectificationStatus.REOPENED):
        return [verify]
    if item.status == RectificationStatus.SUBMITTED and to == RectificationStatus.IN_PROGRESS:
        return [write, verify]
    return [write]


def may_transition(*, user, item: RectificationItem, to: str) -> bool:
    """Whether ``user`` holds one of the ways to move ``item`` to ``to`` (what a page offers)."""
    ways = _transition_ways(item=item, to=to)
    return any(can(user, permission, item, from_outside=outside) for permission, outside in ways)


def authorize_transition(*, user, item: RectificationItem, to: str) -> None:
    """Raise ``PermissionDenied`` unless ``user`` holds one of the move's ways over ``item``."""
    ways = _transition_ways(item=item, to=to)
    if not may_transition(user=user, item=item, to=to):
        if any(outside for _p, outside in ways) and can(user, "campaign.rectification:verify", item):
            raise PermissionDenied(_("A unit's own rectification items are verified by someone outside it."))
        authorize(user, ways[0][0], item)


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def record_finding(
    *,
    finding: SupervisionFinding,
    user,
    open_item: bool = False,
    owner: Person | None = None,
    deadline: date | None = None,
    person: Person | None = None,
) -> SupervisionFinding:
    """Save a supervision visit's finding and, if asked, open its rectification item: both or neither."""
    with transaction.atomic():
        save_record(user=user, instance=finding)
        if open_item:
            open_rectification_from_finding(
                finding=finding, owner=owner, deadline=deadline, user=user, person=person
            )
    return finding


MAX_ATTENDANCE_HOURS = Decimal(9999)


def record_attendance(
    *, activity: StudyActivity, present: Mapping[Person, Decimal], user, keep_others: bool = False
) -> list[StudyAttendance]:
    """Set who attended ``activity`` and for how many hours: ``present`` is the whole roster.

    People left out are marked absent (their attendance is removed), unless ``keep_others``:
    then ``present`` adds people and corrects their hours, and everyone already recorded whom
    it leaves out keeps their attendance (a spreadsheet naming some of the people). One audit
    entry holds the roster before and after.
    """
    authorize(user, "campaign.study:write", activity)
    for person, hours in present.items():
        if hours is None or hours < 0 or hours > MAX_ATTENDANCE_HOURS:
            raise ValidationError(
                _("Hours attended by %(person)s must be between 0 and 9999.") % {"person": person},
                code="hours",
            )
    with transaction.atomic(), explicit():
        StudyActivity.objects.select_for_update().filter(pk=activity.pk).first()
        rows = {a.person_id: a for a in StudyAttendance.objects.filter(activity=activity)}
        before = {str(pid): str(a.hours) for pid, a in sorted(rows.items())}
        wanted = {pid: a.hours for pid, a in rows.items()} if keep_others else {}
        wanted.update({p.pk: Decimal(h) for p, h in present.items()})
        StudyAttendance.objects.filter(activity=activity).exclude(person_id__in=wanted).delete()
        changed = [a for pid, a in rows.items() if pid in wanted and a.hours != wanted[pid]]
        for a in changed:
            a.hours = wanted[a.person_id]
        StudyAttendance.objects.bulk_update(changed, ["hours"])
        StudyAttendance.objects.bulk_create(
            StudyAttendance(activity=activity, person_id=pid, hours=h)
            for pid, h in wanted.items()
            if pid not in rows
        )
        after = {str(pid): str(h) for pid, h in sorted(wanted.items())}
        log_action(
            "studyattendance.recorded",
            obj=activity,
            user=user,
            unit=activity.unit,
            before={"attendance": before},
            after={"attendance": after},
        )
    return list(StudyAttendance.objects.filter(activity=activity).select_related("person"))


def claim_topic(*, topic: ResearchTopic, person: Person | None, user, work_area: str = "") -> ResearchTopic:
    """A member of the unit's leadership team takes ``topic`` on, tied to the work in their charge."""
    authorize(user, "campaign.research:claim", topic)
    if person is None:
        raise ValidationError(
            _("Your account is not linked to a person, so it cannot claim a topic."), code="no_person"
        )
    with transaction.atomic(), explicit():
        topic = ResearchTopic.objects.select_for_update().select_related("unit").get(pk=topic.pk)
        if topic.claimed_by_id is not None and topic.claimed_by_id != person.pk:
            raise ValidationError(
                _("%(person)s has already claimed this topic.") % {"person": topic.claimed_by}, code="claimed"
            )
        if not Membership.objects.filter(person=person, unit=topic.unit, is_leadership=True).exists():
            raise ValidationError(
                _("Only a member of %(unit)s's leadership team can claim its research topics.")
                % {"unit": topic.unit},
                code="not_leadership",
            )
        before = snapshot(topic)
        topic.claimed_by = person
        if work_area:
            topic.work_area = work_area
        if topic.status == TopicStatus.PLANNED:
            topic.status = TopicStatus.IN_PROGRESS
            topic.started_on = topic.started_on or timezone.localdate()
        topic.full_clean()
        topic.save()
        log_action("researchtopic.claimed", obj=topic, user=user, before=before, after=snapshot(topic))
    return topic


def expected_people(activity: StudyActivity):
    """The people a study activity expects: the current members of its unit, by name."""
    today = timezone.localdate()
    return (
        Person.objects.filter(
            Q(memberships__start_date__isnull=True) | Q(memberships__start_date__lte=today),
            Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today),
            memberships__unit=activity.unit_id,
        )
        .distinct()
        .order_by("name", "pk")
    )


def session_code(session: StudySession) -> str:
    """The signed, expiring code a session's attendees scan to check in (``check_in_by_code``)."""
    return make_code(SESSION_CODE, {"s": session.pk})


def session_for_code(code: str) -> StudySession:
    """The session a check-in code names; a clear error if the code is forged, stale or its session gone."""
    payload = read_code(SESSION_CODE, code)
    pk = payload.get("s")
    session = (
        StudySession.objects.select_related("activity__unit").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if session is None:
        raise ValidationError(_("This session no longer exists."), code="gone")
    return session


def who_checks_in(*, code: str, user) -> tuple[StudySession, Person]:
    """The session a code names and the person ``user`` is, if they may check in there today.

    Checking in by code is the person's own act, no role needed: the organiser's signed,
    expiring code and the person being expected there (``expected_people``) authorise it,
    on the session's day only. Raises ``ValidationError`` with the reason otherwise.
    """
    session = session_for_code(code)
    if session.date != timezone.localdate():
        raise ValidationError(
            _("This code is for a session on %(date)s: it works on that day only.")
            % {"date": formats.date_format(session.date)},
            code="day",
        )
    person = person_of(user)
    if person is None:
        raise ValidationError(
            _("Your account is not linked to a person. Ask the organiser to mark you present."),
            code="no_person",
        )
    _check_expected(session, person)
    return session, person


def check_in_by_code(*, code: str, user) -> tuple[SessionCheckIn, bool]:
    """The signed-in ``user`` checks in to the session the code names; ``(check-in, new?)``.
    Scanning twice changes nothing."""
    session, person = who_checks_in(code=code, user=user)
    return _check_in(session=session, person=person, user=user, method=CheckInMethod.CODE)


def mark_present(*, session: StudySession, person: Person, user) -> tuple[SessionCheckIn, bool]:
    """The organiser marks ``person`` present at ``session`` by hand; ``(check-in, new?)``."""
    authorize(user, "campaign.study:write", session)
    _check_expected(session, person)
    return _check_in(session=session, person=person, user=user, method=CheckInMethod.BY_HAND)


def undo_check_in(*, check_in: SessionCheckIn, user) -> None:
    """Take a check-in back (a wrong tap, a wrong name), and the hours it added to the attendance."""
    authorize(user, "campaign.study:write", check_in.session)
    session = check_in.session
    with transaction.atomic(), explicit():
        StudyActivity.objects.select_for_update().filter(pk=session.activity_id).first()
        if not SessionCheckIn.objects.filter(pk=check_in.pk).delete()[0]:
            return
        attendance = StudyAttendance.objects.filter(
            activity_id=session.activity_id, person_id=check_in.person_id
        ).first()
        if attendance is not None and check_in.hours:
            attendance.hours = max(attendance.hours - check_in.hours, Decimal("0"))
            others = SessionCheckIn.objects.filter(
                session__activity_id=session.activity_id, person_id=check_in.person_id
            ).exists()
            if attendance.hours == 0 and not others:
                attendance.delete()
            else:
                attendance.save(update_fields=["hours"])
        log_action(
            "studysession.check_in_undone",
            obj=session,
            user=user,
            unit=session.activity.unit,
            before={"person": check_in.person_id, "method": check_in.method, "hours": str(check_in.hours)},
        )


def _check_expected(session: StudySession, person: Person) -> None:
    if not expected_people(session.activity).filter(pk=person.pk).exists():
        raise ValidationError(
            _("%(person)s is not one of the people of %(unit)s.")
            % {"person": person, "unit": session.activity.unit},
            code="not_member",
        )


def _checked_in_hours(activity_id: int, person_id: int) -> Decimal:
    """The hours of the sessions of an activity ``person_id`` checked in to."""
    total = SessionCheckIn.objects.filter(session__activity_id=activity_id, person_id=person_id).aggregate(
        total=Sum("session__hours")
    )["total"]
    return total or Decimal("0")


def _check_in(*, session: StudySession, person: Person, user, method: str) -> tuple[SessionCheckIn, bool]:
    """Record the arrival once. The attendance then holds at least the hours of the sessions
    checked in to (a roster that already counted them, or more, keeps its hours); the check-in
    keeps what it added, so that taking it back takes exactly that off."""
    with transaction.atomic(), explicit():
        # The activity's row lock orders check-ins and roster saves of the same activity.
        StudyActivity.objects.select_for_update().filter(pk=session.activity_id).first()
        existing = SessionCheckIn.objects.filter(session=session, person=person).first()
        if existing is not None:
            return existing, False
        attendance = StudyAttendance.objects.filter(activity_id=session.activity_id, person=person).first()
        prior = attendance.hours if attendance is not None else Decimal("0")
        hours = max(prior, _checked_in_hours(session.activity_id, person.pk) + session.hours)
        check_in = SessionCheckIn.objects.create(
            session=session,
            person=person,
            hours=hours - prior,
            checked_in_at=timezone.now(),
            method=method,
            recorded_by=recorder(user),
        )
        if attendance is None:
            StudyAttendance.objects.create(activity_id=session.activity_id, person=person, hours=hours)
        elif hours != prior:
            attendance.hours = hours
            attendance.save(update_fields=["hours"])
        log_action(
            "studysession.checked_in",
            obj=session,
            user=user,
            unit=session.activity.unit,
            after={"person": person.pk, "method": method, "hours": str(hours), "added": str(check_in.hours)},
        )
    return check_in, True
