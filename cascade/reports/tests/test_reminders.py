"""Reminders and escalation: who is told of what and when, once only, in the app and by email in
their language; and the day's run through the real task queue (the database backend and its
worker), with the clock held."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import RectificationStatus
from cascade.campaigns.tests.factories import RectificationItemFactory
from cascade.conferences.choices import DirectiveStatus
from cascade.conferences.tests.factories import DirectiveFactory, DirectiveRecipientFactory
from cascade.core.scopes import SYSTEM
from cascade.organization.tests.factories import PersonFactory, UnitFactory, fresh
from cascade.reports.choices import NotificationStage
from cascade.reports.drain_queue import DRAIN_QUEUED
from cascade.reports.management.commands.clock import next_midnight
from cascade.reports.models import Notification, PendingChange, ReaderLanguage
from cascade.reports.reminders import ReminderCounts, send_reminders, stages

DUE = dt.date(2024, 3, 15)
DUE_SOON, OVERDUE, ESCALATED = (
    NotificationStage.DUE_SOON,
    NotificationStage.OVERDUE,
    NotificationStage.ESCALATED,
)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def on(offset: int) -> dt.date:
    """``offset`` days after the deadline ``DUE``."""
    return DUE + dt.timedelta(days=offset)


def directive_to(unit, *, status=DirectiveStatus.PENDING, deadline=DUE, title="Study the speech"):
    directive = DirectiveFactory(title=title, title_zh="学习讲话", issued_on=on(-40), deadline=deadline)
    acknowledged = None if status == DirectiveStatus.PENDING else timezone.now()
    done = on(-1) if status == DirectiveStatus.DONE else None
    return DirectiveRecipientFactory(
        directive=directive, unit=unit, status=status, acknowledged_at=acknowledged, completed_on=done
    )


def item_of(unit, *, status=RectificationStatus.OPEN, deadline=DUE, problem="Lax record keeping"):
    extra = {"verified_by": PersonFactory(), "verified_at": timezone.now()} if status == "verified" else {}
    return RectificationItemFactory(
        unit=unit,
        status=status,
        opened_on=on(-40),
        deadline=deadline,
        problem=problem,
        problem_zh="记录不严",
        **extra,
    )


@pytest.fixture
def tree(db):
    """Office ⊃ Ministry ⊃ {Embassy (no clerk of its own), Department (its own clerk, over the
    unit only)}; a campaign office over the Office, a clerk over the Ministry and its units, an
    auditor over everything (who acts on nothing), and an inactive clerk of the Ministry."""
    office = UnitFactory(name="Office", name_zh="办公室")
    ministry = UnitFactory(parent=fresh(office), name="Ministry", name_zh="部")
    embassy = UnitFactory(parent=fresh(ministry), name="Embassy", name_zh="使馆")
    department = UnitFactory(parent=fresh(ministry), name="Department", name_zh="司")
    office, ministry, embassy, department = (fresh(u) for u in (office, ministry, embassy, department))
    users = {
        "office": RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=office, user__username="office").user,
        "ministry": RoleAssignmentFactory(
            role=Role.UNIT_CLERK, unit=ministry, user__username="ministry"
        ).user,
        "department": RoleAssignmentFactory(
            role=Role.UNIT_CLERK, unit=department, include_descendants=False, user__username="department"
        ).user,
        "auditor": RoleAssignmentFactory(role=Role.AUDITOR, unit=office, user__username="auditor").user,
        "gone": RoleAssignmentFactory(
            role=Role.UNIT_CLERK, unit=ministry, user__username="gone", user__is_active=False
        ).user,
    }
    units = {"office": office, "ministry": ministry, "embassy": embassy, "department": department}
    return {"units": units, "users": users}


def told() -> set[tuple[str, str, str]]:
    """(recipient, what, stage) of every notification, ``what`` the item's or directive's text."""
    out = set()
    for n in Notification.objects.select_related("recipient", "delivery__directive", "item"):
        what = n.delivery.directive.title if n.delivery_id else n.item.problem
        out.add((n.recipient.username, what, n.stage))
    return out


def test_stages_by_days_to_the_deadline():
    assert [stages(DUE, on(d)) for d in (-4, -3, 0, 1, 6, 7)] == [
        [],
        [DUE_SOON],
        [DUE_SOON],
        [OVERDUE],
        [OVERDUE],
        [OVERDUE, ESCALATED],
    ]


def test_recipients_are_the_nearest_unit_with_users_and_escalation_the_next_above(tree):
    units = tree["units"]
    item_of(units["embassy"], problem="Embassy item")
    directive_to(units["department"], title="Department directive")
    counts = send_reminders(today=on(7), user=SYSTEM)
    assert told() == {
        # The Embassy has no clerk: the Ministry's clerk answers for it; the Office hears it escalated.
        ("ministry", "Embassy item", OVERDUE),
        ("office", "Embassy item", ESCALATED),
        # The Department's own clerk, though over the unit only; escalated to the Ministry's.
        ("department", "Department directive", OVERDUE),
        ("ministry", "Department directive", ESCALATED),
    }
    # One email each: the Ministry's clerk hears of both in one.
    assert counts == ReminderCounts(due_soon=0, overdue=2, escalated=2, unreached=0, emails=3)


def test_an_item_of_the_top_unit_escalates_to_nobody(tree):
    item_of(tree["units"]["office"], problem="Office item")
    counts = send_reminders(today=on(8), user=SYSTEM)
    assert (told(), counts.unreached) == ({("office", "Office item", OVERDUE)}, 1)


def test_the_same_day_twice_then_the_next_days_tell_each_stage_once(tree):
    units = tree["units"]
    item_of(units["embassy"], problem="Embassy item")
    runs = [on(-3), on(-3), on(-1), on(1), on(1), on(2), on(7), on(7), on(30)]
    made = [send_reminders(today=day, user=SYSTEM).as_dict() for day in runs]
    assert [(m["due_soon"], m["overdue"], m["escalated"]) for m in made] == [
        (1, 0, 0),
        (0, 0, 0),
        (0, 0, 0),
        (0, 1, 0),
        (0, 0, 0),
        (0, 0, 0),
        (0, 0, 1),
        (0, 0, 0),
        (0, 0, 0),
    ]
    assert told() == {
        ("ministry", "Embassy item", DUE_SOON),
        ("ministry", "Embassy item", OVERDUE),
        ("office", "Embassy item", ESCALATED),
    }
    entries = AuditEntry.objects.filter(action="reminders.sent").order_by("pk")
    assert [e.data for e in entries][:2] == [
        {"day": "2024-03-12", "due_soon": 1, "overdue": 0, "escalated": 0, "unreached": 0},
        {"day": "2024-03-12", "due_soon": 0, "overdue": 0, "escalated": 0, "unreached": 0},
    ]
    assert (entries.count(), {e.user_id for e in entries}) == (len(runs), {None})


def test_a_run_that_missed_days_catches_up_without_the_passed_stages(tree):
    item_of(tree["units"]["embassy"], problem="Embassy item")
    send_reminders(today=on(9), user=SYSTEM)
    assert told() == {("ministry", "Embassy item", OVERDUE), ("office", "Embassy item", ESCALATED)}


def test_done_closed_and_handed_in_work_is_silent(tree):
    units = tree["units"]
    directive_to(units["ministry"], status=DirectiveStatus.DONE, title="Done directive")
    item_of(units["ministry"], status=RectificationStatus.VERIFIED, problem="Closed item")
    item_of(units["ministry"], status=RectificationStatus.SUBMITTED, problem="Handed-in item")
    item_of(units["ministry"], deadline=None, problem="Item without a deadline")
    item_of(units["ministry"], deadline=on(12), problem="Item due later")
    directive_to(units["ministry"], status=DirectiveStatus.IN_PROGRESS, title="Directive at work")
    counts = send_reminders(today=on(8), user=SYSTEM)
    assert told() == {("ministry", "Directive at work", OVERDUE), ("office", "Directive at work", ESCALATED)}
    assert counts.as_dict() == {"due_soon": 0, "overdue": 1, "escalated": 1, "unreached": 0, "emails": 2}


def test_a_delivery_once_done_is_no_longer_noticed(tree):
    delivery = directive_to(tree["units"]["department"], title="Department directive")
    send_reminders(today=on(-1), user=SYSTEM)
    delivery.status, delivery.acknowledged_at, delivery.completed_on = (
        DirectiveStatus.DONE,
        timezone.now(),
        on(0),
    )
    delivery.save()
    send_reminders(today=on(8), user=SYSTEM)
    assert told() == {("department", "Department directive", DUE_SOON)}


def test_the_run_costs_the_same_queries_for_one_item_or_many(tree):
    units = tree["units"]

    def cost(n: int) -> int:
        Notification.objects.all().delete()
        for i in range(n):
            item_of(units["embassy"], problem=f"Item {n}-{i}")
            directive_to(units["department"], title=f"Directive {n}-{i}")
        with CaptureQueriesContext(connection) as queries:
            send_reminders(today=on(7), user=SYSTEM)
        # The notifications' and emails' own inserts and updates are batched, not per row.
        return len(queries)

    assert cost(1) == cost(4)


def test_a_clerk_may_not_run_the_reminders_and_nothing_is_written(tree):
    item_of(tree["units"]["embassy"])
    with pytest.raises(PermissionDenied):
        send_reminders(today=on(8), user=tree["users"]["ministry"])
    assert (Notification.objects.count(), AuditEntry.objects.filter(action="reminders.sent").count()) == (
        0,
        0,
    )


# --- email --------------------------------------------------------------------------------------


def test_one_email_per_recipient_in_english_listing_their_new_notifications(tree, mailoutbox, settings):
    settings.CASCADE_SITE_URL = "https://cascade.example.org"
    units = tree["units"]
    item = item_of(units["embassy"], problem="Embassy item")
    delivery = directive_to(units["ministry"], title="Ministry directive")
    send_reminders(today=on(1), user=SYSTEM)
    ministry = [m for m in mailoutbox if m.to == ["ministry@example.org"]]
    assert (len(mailoutbox), len(ministry)) == (1, 1)
    message = ministry[0]
    assert message.subject == "Cascade: 2 reminders"
    assert message.body == (
        "Hello ministry,\n\n"
        "Work of your units needs your attention:\n\n"
        f"- Directive “Ministry directive” for Ministry was due on March 15, 2024 and is not done.\n"
        f"  https://cascade.example.org/conferences/deliveries/{delivery.pk}/\n"
        f"- Rectification item “Embassy item” of Embassy was due on March 15, 2024 and is not done.\n"
        f"  https://cascade.example.org/campaigns/rectification/{item.pk}/\n\n"
        "All your notifications: https://cascade.example.org/notifications/\n"
    )
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
    send_reminders(today=on(1), user=SYSTEM)
    assert len(mailoutbox) == 1


def test_the_email_is_in_the_recipients_language(tree, mailoutbox, settings):
    settings.CASCADE_SITE_URL = "https://cascade.example.org"
    ReaderLanguage.objects.create(user=tree["users"]["office"], language="zh-hans")
    item = item_of(tree["units"]["embassy"], problem="Embassy item")
    send_reminders(today=on(7), user=SYSTEM)
    office = next(m for m in mailoutbox if m.to == ["office@example.org"])
    assert office.subject == "Cascade：1 条提醒"
    assert office.body == (
        "office，您好：\n\n"
        "您所在单位有以下工作需要关注：\n\n"
        "- 逾期上报：使馆的整改事项“记录不严”自2024年3月15日起逾期未完成。\n"
        f"  https://cascade.example.org/campaigns/rectification/{item.pk}/\n\n"
        "您的全部通知：https://cascade.example.org/notifications/\n"
    )
    ministry = next(m for m in mailoutbox if m.to == ["ministry@example.org"])
    assert ministry.subject == "Cascade: 1 reminder"


def test_users_without_an_address_are_told_in_the_app_only(tree, mailoutbox):
    tree["users"]["ministry"].email = ""
    tree["users"]["ministry"].save()
    item_of(tree["units"]["embassy"])
    counts = send_reminders(today=on(1), user=SYSTEM)
    assert (counts.overdue, counts.emails, len(mailoutbox)) == (1, 0, 0)


def test_a_refused_email_is_tried_again_on_the_next_run(tree, mailoutbox, monkeypatch):
    item_of(tree["units"]["embassy"])

    def refuse(self, *args, **kwargs):
        raise OSError("mail server down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        first = send_reminders(today=on(1), user=SYSTEM)
    second = send_reminders(today=on(2), user=SYSTEM)
    assert (first.overdue, first.emails, second.overdue, second.emails, len(mailoutbox)) == (1, 0, 0, 1, 1)


# --- the clock and the queue --------------------------------------------------------------------


def test_next_midnight_is_the_next_local_day():
    tz = timezone.get_current_timezone()
    late = dt.datetime(2024, 3, 15, 23, 59, 30, tzinfo=tz)
    assert next_midnight(late) == dt.datetime(2024, 3, 16, 0, 0, tzinfo=tz)
    # 20:00 UTC is already the next day in Shanghai.
    assert next_midnight(dt.datetime(2024, 3, 15, 20, 0, tzinfo=dt.UTC)) == dt.datetime(
        2024, 3, 17, tzinfo=tz
    )


def _work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture
def queued():
    """The database task backend, with no drain flagged as queued before the test."""
    from django.core.cache import cache

    cache.delete(DRAIN_QUEUED)
    with override_settings(TASKS=DATABASE_TASKS):
        yield
    cache.delete(DRAIN_QUEUED)


@pytest.mark.django_db(transaction=True)
def test_a_reminder_and_an_escalation_go_through_the_task_queue(queued, mailoutbox):
    """The clock queues the day's run; the database backend's worker runs it: the Ministry's
    clerk is reminded of the Embassy's overdue item, the Office hears it escalated, by
    notification and email, once, however often the day is queued."""
    office = UnitFactory(name="Office")
    ministry = UnitFactory(parent=fresh(office), name="Ministry")
    embassy = UnitFactory(parent=fresh(ministry), name="Embassy")
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=fresh(ministry), user__username="clerk").user
    boss = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=fresh(office), user__username="boss").user
    item_of(fresh(embassy), problem="Embassy item")
    with time_machine.travel(
        dt.datetime(2024, 3, 22, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False
    ):
        _work()  # the drain the writes queued
        assert PendingChange.objects.count() == 0
        call_command("clock", once=True, verbosity=0)
        call_command("clock", once=True, verbosity=0)
        assert Notification.objects.count() == 0
        _work()
    assert told() == {("clerk", "Embassy item", OVERDUE), ("boss", "Embassy item", ESCALATED)}
    assert sorted(m.to[0] for m in mailoutbox) == [boss.email, clerk.email]
    daily = DBTaskResult.objects.filter(task_path="cascade.reports.tasks.daily").order_by("enqueued_at")
    assert [(r.status, r.args_kwargs["kwargs"]) for r in daily] == [("SUCCESSFUL", {"day": "2024-03-22"})] * 2
    # The second run of the day made nothing.
    assert [r.return_value for r in daily] == [
        {"due_soon": 0, "overdue": 1, "escalated": 1, "unreached": 0, "emails": 2},
        {"due_soon": 0, "overdue": 0, "escalated": 0, "unreached": 0, "emails": 0},
    ]


@pytest.mark.django_db(transaction=True)
def test_a_write_queues_one_drain_and_the_worker_brings_the_figures_up_to_date(queued):
    unit = UnitFactory(name="Ministry")
    for problem in ("One", "Two", "Three"):
        item_of(fresh(unit), problem=problem)
    drains = DBTaskResult.objects.filter(task_path="cascade.reports.tasks.drain_figures")
    # Three writes, one queued drain (the flag holds the next until it starts).
    assert (drains.count(), PendingChange.objects.exists()) == (1, True)
    _work()
    assert (drains.get().status, PendingChange.objects.exists()) == ("SUCCESSFUL", False)
    item_of(fresh(unit), problem="Four")
    assert drains.count() == 2


def test_cascade_daily_runs_the_day_at_once_and_again_sends_nothing(tree, mailoutbox):
    item_of(tree["units"]["embassy"])
    out = io.StringIO()
    call_command("daily", day="2024-03-22", stdout=out)
    call_command("daily", day="2024-03-22", stdout=out)
    assert out.getvalue().splitlines() == [
        "2024-03-22: 0 due soon, 1 overdue, 1 escalated notifications; 2 emails; 0 with nobody to tell.",
        "2024-03-22: 0 due soon, 0 overdue, 0 escalated notifications; 0 emails; 0 with nobody to tell.",
    ]


def test_cascade_daily_refuses_a_bad_day(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("daily", day="22/03/2024")


def test_inactive_and_read_only_users_are_never_told(tree):
    item_of(tree["units"]["ministry"])
    send_reminders(today=on(8), user=SYSTEM)
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"ministry", "office"}
    assert UserFactory(username="nobody").notifications.count() == 0
