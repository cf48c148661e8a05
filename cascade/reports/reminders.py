"""Reminders and escalation: who is told, in the app and by email, that work is due or overdue.

The work is what "My work" (``worklist``) lists with a deadline: directive deliveries not yet
done, and rectification items still with their unit (not submitted for verification, not
closed). Each day ``send_reminders`` notices, for every such delivery and item, its *stage*:

- **due soon**: the deadline is today or within ``CASCADE_REMINDER_DAYS`` days (default 3);
- **overdue**: the deadline has passed;
- **escalated**: overdue by ``CASCADE_ESCALATE_AFTER_DAYS`` days or more (default 7).

The first two go to the users responsible for the work, the third to the level above them
(``recipients`` says who, in one place). Each recipient hears of an item's stage once, ever:
a ``Notification`` row per (recipient, item, stage), backed by a unique constraint, so the
day's run can be repeated, or run late, without telling anyone twice. Work that is done
(a delivery marked done, an item submitted or closed) is no longer noticed.

New notifications are emailed, one message per recipient and run, in the recipient's
language: the one they last signed in with or switched to (``ReaderLanguage``, kept by
``remember_language``), else the site's default.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from itertools import groupby

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from cascade.access.models import RoleAssignment
from cascade.access.permissions import ROLE_PERMISSIONS
from cascade.campaigns.choices import RECTIFICATION_CLOSED, RectificationStatus
from cascade.campaigns.models import RectificationItem
from cascade.conferences.choices import DirectiveStatus
from cascade.conferences.models import DirectiveRecipient
from cascade.core.audit import explicit, log_action
from cascade.core.scopes import authorize
from cascade.core.tree import STEPLEN
from cascade.organization.models import Unit

from .choices import NotificationStage
from .models import Notification, ReaderLanguage
from .worklist import ACKNOWLEDGE, RECTIFY, REPORT

logger = logging.getLogger(__name__)

# Items still with their unit: not closed, and not handed in for verification.
NOT_WITH_THE_UNIT = frozenset(RECTIFICATION_CLOSED | {RectificationStatus.SUBMITTED})
# An email lists at most this many notifications, then says how many more there are.
EMAIL_LINES = 50
# Notifications not emailed (the mail server refused, the user had no address yet) are tried
# again on the following runs, for this many days.
EMAIL_RETRY_DAYS = 7
# Rows per query when a list of keys goes into ``IN (...)``.
CHUNK = 500


def reminder_days() -> int:
    return settings.CASCADE_REMINDER_DAYS


def escalate_after_days() -> int:
    return settings.CASCADE_ESCALATE_AFTER_DAYS


# --- who is told --------------------------------------------------------------------------------


def _levels(path: str) -> list[str]:
    """The paths of the unit at ``path`` and its ancestors, nearest first."""
    return [path[:end] for end in range(len(path), 0, -STEPLEN)]


@dataclass
class Holders:
    """Who holds which permission through a role at which unit, read once for many items.

    ``here[(path, permission)]``: users holding it at the unit itself (with or without its
    subtree); ``below[(path, permission)]``: those whose role there covers the subtree too.
    """

    here: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    below: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))


def read_holders(paths: Iterable[str], permissions: Iterable[str]) -> Holders:
    """The role holders of ``permissions`` at the units of ``paths`` and all their ancestors.

    One query per ``CHUNK`` units of those levels, whatever the number of items.
    """
    permissions = set(permissions)
    roles = {role: perms & permissions for role, perms in ROLE_PERMISSIONS.items() if perms & permissions}
    levels = sorted({level for path in paths for level in _levels(path)})
    holders = Holders()
    for start in range(0, len(levels), CHUNK):
        rows = RoleAssignment.objects.filter(
            unit__path__in=levels[start : start + CHUNK], role__in=roles, user__is_active=True
        ).values_list("unit__path", "include_descendants", "role", "user_id")
        for path, with_subtree, role, user_id in rows:
            for permission in roles[role]:
                holders.here[(path, permission)].add(user_id)
                if with_subtree:
                    holders.below[(path, permission)].add(user_id)
    return holders


def recipients(path: str, permission: str, holders: Holders) -> tuple[frozenset[int], frozenset[int]]:
    """Who is told about an item of the unit at ``path`` whose work needs ``permission``:
    (the responsible users, the users it escalates to).

    The responsible users hold ``permission`` through a role at the nearest unit, at or above
    the item's own, that has any such user: the item's unit when it has them (a role there,
    with or without its subtree), else the first unit above with a role covering its subtree
    (a clerk of a ministry answers for its embassies when those have no clerk of their own).
    Escalation goes to the next such unit strictly above that one. Roles held through a
    steering group are not a unit's and count for neither. Either set may be empty: nobody
    holds the permission that high.
    """
    responsible: frozenset[int] = frozenset()
    for level in _levels(path):
        users = (
            holders.here.get((level, permission)) if level == path else holders.below.get((level, permission))
        )
        if not users:
            continue
        if not responsible:
            responsible = frozenset(users)
            continue
        return responsible, frozenset(users)
    return responsible, frozenset()


# --- what is due --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """One delivery or item with a deadline, as the run sees it."""

    kind: str  # "delivery" or "item": the notification's field that points at it
    pk: int
    deadline: date
    path: str
    permission: str


def _due(today: date) -> Iterator[Due]:
    """Deliveries not done and items still with their unit, due by the end of the reminder window."""
    horizon = today + timedelta(days=reminder_days())
    deliveries = (
        DirectiveRecipient.objects.exclude(status=DirectiveStatus.DONE)
        .filter(directive__deadline__lte=horizon)
        .values_list("pk", "status", "directive__deadline", "unit__path")
    )
    for pk, status, deadline, path in deliveries.iterator(chunk_size=2000):
        # The work a delivery waits for: its acknowledgement, then its progress.
        permission = ACKNOWLEDGE if status == DirectiveStatus.PENDING else REPORT
        yield Due("delivery", pk, deadline, path, permission)
    items = (
        RectificationItem.objects.exclude(status__in=NOT_WITH_THE_UNIT)
        .filter(deadline__isnull=False, deadline__lte=horizon)
        .values_list("pk", "deadline", "unit__path")
    )
    for pk, deadline, path in items.iterator(chunk_size=2000):
        yield Due("item", pk, deadline, path, RECTIFY)


def stages(deadline: date, today: date) -> list[str]:
    """The stages an item with ``deadline`` has reached on ``today`` (due soon, or overdue and
    perhaps escalated)."""
    late = (today - deadline).days
    if late <= 0:
        return [NotificationStage.DUE_SOON] if -late <= reminder_days() else []
    if late >= escalate_after_days():
        return [NotificationStage.OVERDUE, NotificationStage.ESCALATED]
    return [NotificationStage.OVERDUE]


def _existing(field_name: str, pks: list[int]) -> set[tuple[int, int, str]]:
    """(recipient, item, stage) of the notifications already made about ``pks``."""
    found: set[tuple[int, int, str]] = set()
    for start in range(0, len(pks), CHUNK):
        found.update(
            Notification.objects.filter(**{f"{field_name}_id__in": pks[start : start + CHUNK]}).values_list(
                "recipient_id", f"{field_name}_id", "stage"
            )
        )
    return found


# --- the daily run ------------------------------------------------------------------------------


@dataclass
class ReminderCounts:
    """What a run did: notifications made per stage, item stages nobody could be told of (no
    one holds the permission that high), and emails sent."""

    due_soon: int = 0
    overdue: int = 0
    escalated: int = 0
    unreached: int = 0
    emails: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def send_reminders(*, today: date, user) -> ReminderCounts:
    """Notify, as of ``today``, every user who has not yet been told of a due, overdue or escalated
    delivery or item (see the module's docstring and ``recipients``), then email them.

    ``user`` runs it for the whole tree (``SYSTEM`` for the daily job, or someone who may act
    on every unit's directives and items). Idempotent: a second run on the same day, or on
    any later day, makes nothing it made before. The notifications and the audit entry
    (``reminders.sent``, with the counts) are one transaction; emails go out after it commits,
    and a message the mail server refuses is tried again on the next runs.
    """
    for root in list(Unit.objects.get_root_nodes()) or [None]:
        for permission in (ACKNOWLEDGE, REPORT, RECTIFY):
            authorize(user, permission, root)
    counts = ReminderCounts()
    due = list(_due(today))
    holders = read_holders({d.path for d in due}, {d.permission for d in due})
    by_field: dict[str, list[Due]] = defaultdict(list)
    for d in due:
        by_field[d.kind].append(d)
    new: list[Notification] = []
    with transaction.atomic(), explicit():
        for field_name, rows in by_field.items():
            told = _existing(field_name, [d.pk for d in rows])
            for d in sorted(rows, key=lambda d: (d.deadline, d.pk)):
                responsible, above = recipients(d.path, d.permission, holders)
                for stage in stages(d.deadline, today):
                    users = above if stage == NotificationStage.ESCALATED else responsible
                    if not users:
                        counts.unreached += 1
                    for user_id in sorted(users):
                        if (user_id, d.pk, stage) in told:
                            continue
                        new.append(
                            Notification(
                                recipient_id=user_id,
                                stage=stage,
                                deadline=d.deadline,
                                day=today,
                                **{f"{field_name}_id": d.pk},
                            )
                        )
                        setattr(counts, stage, getattr(counts, stage) + 1)
        # A run started at the same moment elsewhere may have made some of them: the unique
        # constraints keep each once.
        Notification.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        # The emails go out after the commit: each notification's ``emailed_at`` says which did.
        made = {k: v for k, v in counts.as_dict().items() if k != "emails"}
        log_action("reminders.sent", user=user, data={"day": today.isoformat(), **made})
    counts.emails = email_notifications(today=today)
    return counts


# --- email --------------------------------------------------------------------------------------


def languages_of(user_ids: Iterable[int]) -> dict[int, str]:
    """Each user's language for what is sent to them (the one they last signed in with or switched
    to, else the site's)."""
    user_ids = list(user_ids)
    known = dict(ReaderLanguage.objects.filter(user_id__in=user_ids).values_list("user_id", "language"))
    return {pk: known.get(pk, settings.LANGUAGE_CODE) for pk in user_ids}


def reminder_message(recipient, notifications: list[Notification]) -> EmailMessage:
    """The email telling ``recipient`` of ``notifications``, in the active language."""
    site = settings.CASCADE_SITE_URL
    name = recipient.get_full_name() or recipient.get_username()
    lines = [
        gettext("Hello %(name)s,") % {"name": name},
        "",
        gettext("Work of your units needs your attention:"),
        "",
    ]
    for notification in notifications[:EMAIL_LINES]:
        lines += [f"- {notification.title}", f"  {site}{notification.url}"]
    more = len(notifications) - EMAIL_LINES
    if more > 0:
        lines.append(ngettext("… and %(count)d more.", "… and %(count)d more.", more) % {"count": more})
    lines += ["", gettext("All your notifications: %(url)s") % {"url": site + reverse("notifications")}]
    subject = ngettext("Cascade: %(count)d reminder", "Cascade: %(count)d reminders", len(notifications)) % {
        "count": len(notifications)
    }
    return EmailMessage(subject=subject, body="\n".join(lines) + "\n", to=[recipient.email])


def email_notifications(*, today: date) -> int:
    """Email every recipient their unread notifications not yet emailed (from the last
    ``EMAIL_RETRY_DAYS`` days), one message each; the number of messages sent.

    A message the mail server refuses is logged and left for the next run; users without an
    email address are only told in the app.
    """
    pending = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            day__gte=today - timedelta(days=EMAIL_RETRY_DAYS),
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .select_related("recipient", "delivery__directive", "delivery__unit", "item__unit")
        .order_by("recipient_id", "deadline", "pk")
    )
    if not pending:
        return 0
    languages = languages_of({n.recipient_id for n in pending})
    sent: list[int] = []
    messages = 0
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        logger.exception("The mail server did not answer; reminder emails are tried again next run")
        return 0
    try:
        for recipient_id, group in groupby(pending, key=lambda n: n.recipient_id):
            notifications = list(group)
            with translation.override(languages[recipient_id]):
                message = reminder_message(notifications[0].recipient, notifications)
            message.connection = connection
            try:
                message.send()
            except Exception:
                logger.exception(
                    "A reminder email to user %s was not sent; tried again next run", recipient_id
                )
                continue
            messages += 1
            sent += [n.pk for n in notifications]
    finally:
        connection.close()
    now = timezone.now()
    for start in range(0, len(sent), CHUNK):
        Notification.objects.filter(pk__in=sent[start : start + CHUNK]).update(emailed_at=now)
    return messages


# --- reading ------------------------------------------------------------------------------------


def unread_count(user) -> int:
    """How many of ``user``'s notifications are unread (one query; 0 when not signed in)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.restrict(user).unread().count()


def _own(user, notification: Notification) -> None:
    if not getattr(user, "is_authenticated", False) or notification.recipient_id != user.pk:
        raise PermissionDenied(gettext("Only its recipient may mark a notification read."))


def mark_read(*, notification: Notification, user) -> Notification:
    """Mark one of ``user``'s own notifications read (a notification read already stays as it
    was, and nothing is logged); logs ``notification.read``."""
    _own(user, notification)
    with transaction.atomic(), explicit():
        stored = Notification.objects.select_for_update().get(pk=notification.pk)
        if stored.read_at is not None:
            return stored
        stored.read_at = timezone.now()
        stored.save(update_fields=["read_at"])
        log_action("notification.read", obj=stored, user=user, data={"stage": stored.stage})
    return stored


def mark_all_read(*, user) -> int:
    """Mark every unread notification of ``user`` read; how many. Logs ``notifications.read``
    with the count (nothing when there were none)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(gettext("Only its recipient may mark a notification read."))
    with transaction.atomic(), explicit():
        count = Notification.objects.restrict(user).unread().update(read_at=timezone.now())
        if count:
            log_action("notifications.read", user=user, data={"count": count})
    return count


def remember_language(*, user, language: str) -> bool:
    """Keep ``language`` as the one ``user``'s emails are written in; whether it changed.

    Called when the user signs in (the sign-in page's language) and when they switch
    languages. A preference, like the session: kept without an audit entry, and written only
    when it changes.
    """
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(gettext("You may not do this here."))
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    stored = ReaderLanguage.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
    if stored == language:
        return False
    ReaderLanguage.objects.update_or_create(user_id=user.pk, defaults={"language": language})
    return True


def remember_sign_in_language(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: the language the user signed in with is the one they read."""
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or settings.LANGUAGE_CODE
    remember_language(user=user, language=language)
