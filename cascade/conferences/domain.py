"""Business logic for conferences: attendees checking in on its days; and for directives:
issue, acknowledge, cascade to children, report progress.

Every function takes ``user=`` and authorises it once (``cascade.core.scopes``): issuing
takes ``conference.directive:issue`` over the issuing unit, answering a delivery the
permission of ``DELIVERY_PERMISSIONS`` over the recipient unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cascade.core.audit import explicit, log_action, snapshot
from cascade.core.checkin import CheckInMethod, make_code, read_code, recorder
from cascade.core.scopes import authorize, can, person_of
from cascade.organization.models import Unit

from .choices import DIRECTIVE_TRANSITIONS, DirectiveStatus
from .models import Attendee, AttendeeCheckIn, Conference, Directive, DirectiveRecipient, ProgressReport

DAY_CODE = "conference-day"
MAX_PROGRESS_CHARS = 10_000


def issue_directive(
    *,
    title: str,
    issued_by: Unit,
    recipients: Iterable[Unit],
    issued_on: date,
    deadline: date,
    user,
    **fields,
) -> Directive:
    """Issue a directive (from a conference, a campaign or a parent directive) to units."""
    authorize(user, "conference.directive:issue", issued_by)
    recipients = list(recipients)
    if not recipients:
        raise ValidationError(_("A directive needs at least one recipient unit."))
    directive = Directive(title=title, issued_by=issued_by, issued_on=issued_on, deadline=deadline, **fields)
    if getattr(user, "is_authenticated", False):
        directive.created_by = user
    directive.full_clean()
    with transaction.atomic(), explicit():
        directive.save()
        DirectiveRecipient.objects.bulk_create(
            DirectiveRecipient(directive=directive, unit=u) for u in recipients
        )
        log_action(
            "directive.issued",
            obj=directive,
            user=user,
            unit=issued_by,
            after=snapshot(directive),
            data={"recipients": [u.pk for u in recipients]},
        )
    return directive


# The permission over the recipient unit that each answer to a directive needs.
DELIVERY_PERMISSIONS = {
    "acknowledge": "conference.directive:acknowledge",
    "status": "conference.directive:write",
    "cascade": "conference.directive:issue",
    "progress": "conference.directive:write",
}


def set_directive_status(
    *, delivery: DirectiveRecipient, to: str, user, on: date | None = None
) -> DirectiveRecipient:
    """Move a recipient's copy along pending → acknowledged → in progress → done."""
    permission = DELIVERY_PERMISSIONS["acknowledge" if to == DirectiveStatus.ACKNOWLEDGED else "status"]
    with transaction.atomic(), explicit():
        delivery = DirectiveRecipient.objects.select_for_update().select_related("unit").get(pk=delivery.pk)
        authorize(user, permission, delivery)
        current = delivery.status
        if to not in DIRECTIVE_TRANSITIONS.get(current, frozenset()):
            raise ValidationError(
                _("A directive cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": DirectiveStatus(current).label,
                    "to": DirectiveStatus(to).label if to in DirectiveStatus.values else to,
                },
                code="invalid_transition",
            )
        before = snapshot(delivery)
        if to == DirectiveStatus.ACKNOWLEDGED:
            delivery.acknowledged_at = timezone.now()
            delivery.acknowledged_by = user if getattr(user, "is_authenticated", False) else None
        if to == DirectiveStatus.DONE:
            delivery.completed_on = on or timezone.localdate()
        elif current == DirectiveStatus.DONE:
            delivery.completed_on = None
        delivery.status = to
        delivery.save()
        log_action(f"directive.{to}", obj=delivery, user=user, before=before, after=snapshot(delivery))
    return delivery


def acknowledge_directive(*, delivery: DirectiveRecipient, user) -> DirectiveRecipient:
    return set_directive_status(delivery=delivery, to=DirectiveStatus.ACKNOWLEDGED, user=user)


def cascade_directive(
    *,
    delivery: DirectiveRecipient,
    recipients: Iterable[Unit] | None = None,
    deadline: date | None = None,
    issued_on: date | None = None,
    user,
) -> Directive:
    """The recipient passes its directive on to its own children (all, or the ones given).

    The cascaded directive keeps the parent's title and text, and its deadline cannot be
    later than the parent's.
    """
    authorize(user, DELIVERY_PERMISSIONS["cascade"], delivery)
    parent = delivery.directive
    unit = delivery.unit
    children = list(Unit.objects.get_children(unit))
    targets = children if recipients is None else list(recipients)
    child_pks = {c.pk for c in children}
    strangers = [u for u in targets if u.pk not in child_pks]
    if strangers:
        raise ValidationError(
            _("A directive can only be cascaded to the unit's own children; not to: %(names)s")
            % {"names": ", ".join(str(u) for u in strangers)}
        )
    if Directive.objects.filter(parent=parent, issued_by=unit).exists():
        raise ValidationError(_("This unit has already passed this directive on to its units."))
    deadline = deadline or parent.deadline
    if deadline > parent.deadline:
        raise ValidationError(
            _("A cascaded directive cannot have a later deadline than the one it comes from.")
        )
    with transaction.atomic():
        if delivery.status == DirectiveStatus.PENDING:
            acknowledge_directive(delivery=delivery, user=user)
        return issue_directive(
            title=parent.title,
            title_zh=parent.title_zh,
            text=parent.text,
            text_zh=parent.text_zh,
            issued_by=unit,
            recipients=targets,
            issued_on=issued_on or timezone.localdate(),
            deadline=deadline,
            parent=parent,
            conference=parent.conference,
            arrangement=parent.arrangement,
            campaign=parent.campaign,
            user=user,
        )


def report_progress(
    *, delivery: DirectiveRecipient, text: str, percent_done: int, reported_on: date | None = None, user
) -> ProgressReport:
    """A recipient's progress on a directive: at most ``MAX_PROGRESS_CHARS`` of text, dated
    between the day the directive was issued and today."""
    authorize(user, DELIVERY_PERMISSIONS["progress"], delivery)
    today = timezone.localdate()
    reported_on = reported_on or today
    issued_on = delivery.directive.issued_on
    if len(text) > MAX_PROGRESS_CHARS:
        raise ValidationError(
            {
                "text": _("A progress report holds at most %(limit)s characters.")
                % {"limit": f"{MAX_PROGRESS_CHARS:,}"}
            }
        )
    if not issued_on <= reported_on <= today:
        raise ValidationError(
            {
                "reported_on": _(
                    "A progress report is dated between %(issued)s, when the directive was issued, and today."
                )
                % {"issued": formats.date_format(issued_on)}
            }
        )
    report = ProgressReport(
        recipient=delivery,
        text=text,
        percent_done=percent_done,
        reported_on=reported_on,
        reported_by=user if getattr(user, "is_authenticated", False) else None,
    )
    report.full_clean()
    with transaction.atomic(), explicit():
        report.save()
        if delivery.status == DirectiveStatus.ACKNOWLEDGED:
            set_directive_status(delivery=delivery, to=DirectiveStatus.IN_PROGRESS, user=user)
        log_action("directive.progress", obj=delivery, user=user, unit=delivery.unit, after=snapshot(report))
    return report


def day_code(conference: Conference, day: date) -> str:
    """The signed, expiring code attendees scan to check in on ``day`` of ``conference``."""
    return make_code(DAY_CODE, {"c": conference.pk, "d": day.isoformat()})


def conference_days(conference: Conference) -> list[date]:
    return [
        conference.start_date + timedelta(days=n)
        for n in range((conference.end_date - conference.start_date).days + 1)
    ]


def day_for_code(code: str) -> tuple[Conference, date]:
    """The conference and day a check-in code names; a clear error if forged, stale or gone."""
    payload = read_code(DAY_CODE, code)
    pk = payload.get("c")
    conference = Conference.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    try:
        day = date.fromisoformat(payload.get("d") or "")
    except (TypeError, ValueError):
        day = None
    if conference is None or day is None:
        raise ValidationError(_("This conference no longer exists."), code="gone")
    return conference, day


def who_checks_in(*, code: str, user) -> tuple[Attendee, date]:
    """The attendee ``user`` is at the conference a code names, and the day, if they may check in.

    Checking in by code is the attendee's own act, no role needed: the secretariat's signed,
    expiring code and the person's place on the list of attendees authorise it, on that day
    only. Raises ``ValidationError`` with the reason otherwise.
    """
    conference, day = day_for_code(code)
    if day != timezone.localdate():
        raise ValidationError(
            _("This code is for %(day)s: it works on that day only.") % {"day": formats.date_format(day)},
            code="day",
        )
    person = person_of(user)
    attendee = (
        Attendee.objects.select_related("conference", "person")
        .filter(conference=conference, person=person)
        .first()
        if person is not None
        else None
    )
    if attendee is None:
        raise ValidationError(
            _(
                "You are not on the list of attendees of %(conference)s. Ask the secretariat to mark you present."
            )
            % {"conference": conference},
            code="not_attendee",
        )
    return attendee, day


def check_in_by_code(*, code: str, user) -> tuple[AttendeeCheckIn, bool]:
    """The signed-in ``user`` checks in on the conference day the code names; ``(check-in, new?)``.
    Scanning twice changes nothing."""
    attendee, day = who_checks_in(code=code, user=user)
    return _check_in(attendee=attendee, day=day, user=user, method=CheckInMethod.CODE)


def organises(user, conference: Conference) -> bool:
    """May ``user`` run ``conference``'s check-in: conference rights over its secretariat unit
    (anywhere, for a conference without one)."""
    return can(user, "conference.conference:write", conference.secretariat or conference)


def _authorize_desk(user, conference: Conference) -> None:
    authorize(user, "conference.conference:write", conference.secretariat or conference)


def mark_present(*, attendee: Attendee, day: date, user) -> tuple[AttendeeCheckIn, bool]:
    """The secretariat marks ``attendee`` present on ``day`` by hand; ``(check-in, new?)``."""
    _authorize_desk(user, attendee.conference)
    return _check_in(attendee=attendee, day=day, user=user, method=CheckInMethod.BY_HAND)


def undo_check_in(*, check_in: AttendeeCheckIn, user) -> None:
    """Take a check-in back (a wrong tap, a wrong name)."""
    attendee = check_in.attendee
    _authorize_desk(user, attendee.conference)
    with transaction.atomic(), explicit():
        deleted, _rows = AttendeeCheckIn.objects.filter(pk=check_in.pk).delete()
        if deleted:
            log_action(
                "conference.check_in_undone",
                obj=attendee.conference,
                user=user,
                unit=attendee.conference.secretariat,
                before={
                    "person": attendee.person_id,
                    "date": check_in.date.isoformat(),
                    "method": check_in.method,
                },
            )


def _check_in(*, attendee: Attendee, day: date, user, method: str) -> tuple[AttendeeCheckIn, bool]:
    conference = attendee.conference
    if day not in conference_days(conference):
        raise ValidationError(
            _("%(day)s is not a day of %(conference)s.") % {"day": day, "conference": conference}, code="day"
        )
    with transaction.atomic(), explicit():
        check_in, created = AttendeeCheckIn.objects.get_or_create(
            attendee=attendee,
            date=day,
            defaults={
                "checked_in_at": timezone.now(),
                "method": method,
                "recorded_by": recorder(user),
            },
        )
        if created:
            log_action(
                "conference.checked_in",
                obj=conference,
                user=user,
                unit=conference.secretariat,
                after={"person": attendee.person_id, "date": day.isoformat(), "method": method},
            )
    return check_in, created
