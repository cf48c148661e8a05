"""A person's work: what is due and overdue in their scope, block by block (the home page).

``my_work(user=, today=)`` is the one service; the home view only renders what it returns.
Each block is one kind of work, counted over the rows the user may act on (every queryset
goes through ``.restrict(user, action)`` with the permission the work's domain function
checks), with the first few rows and a link to the list page filtered to the same rows.

- **Directives to acknowledge**: deliveries to units where the user may acknowledge
  (``conferences.domain.DELIVERY_PERMISSIONS``), still pending; overdue past the deadline.
- **Directives to report on**: acknowledged deliveries, not done, their deadline within
  ``WINDOW`` days or past, where the user may report progress.
- **Rectification items to act on**: open (not in ``RECTIFICATION_CLOSED``) in the units where
  the user writes them; overdue when the deadline is before today.
- **Rectification items to verify**: submitted items the user may verify, by the domain's own
  rule (``campaigns.domain.may_transition``: from outside the item's unit).
- **Study sessions**: today and the next ``WINDOW`` days, in the units the user can read.
- **Research topics to claim** and **topics claimed**: for who may claim (leaders).
- **Conferences coming up**: for who writes conferences (the secretariat), those their units run.

A block the user holds no permission for is left out. A read-only user (an auditor: nothing
but ``read`` and ``export``) sees the directive and rectification blocks over what they read,
as figures to follow, and is offered no action. The cost is a fixed number of queries
whatever the number of rows: one aggregate and one short list a block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Model, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from cascade.access.scopes import top_units
from cascade.campaigns.choices import RECTIFICATION_CLOSED, RectificationStatus
from cascade.campaigns.domain import may_transition
from cascade.campaigns.models import RectificationItem, ResearchTopic, StudySession
from cascade.conferences.choices import DirectiveStatus
from cascade.conferences.domain import DELIVERY_PERMISSIONS
from cascade.conferences.models import Conference, DirectiveRecipient
from cascade.core.models import localized
from cascade.core.scopes import Grant, can, grants, permission_for, units_q
from cascade.organization.models import Unit

# How many days ahead "coming up" and "due soon" look, and how many rows a block lists.
WINDOW = 7
SHOWN = 5

ACKNOWLEDGE = DELIVERY_PERMISSIONS["acknowledge"]
REPORT = DELIVERY_PERMISSIONS["progress"]
RECTIFY = "campaign.rectification:write"
VERIFY = "campaign.rectification:verify"
CLAIM = "campaign.research:claim"
CONVENE = "conference.conference:write"
READ_ONLY_ACTIONS = frozenset({"read", "export"})


@dataclass(frozen=True)
class Item:
    """One row of a block: what it is, where to open it, its unit and the day it is due."""

    obj: Model
    label: str
    url: str | None
    unit: Unit | None = None
    due: date | None = None
    # ``due`` is a deadline (else the day it takes place on).
    deadline: bool = False
    overdue: bool = False
    today: bool = False
    note: str = ""
    # A POST action the row offers its user right here (acknowledging a directive), or None.
    action_url: str | None = None
    action_label: Any = ""


@dataclass(frozen=True)
class Figure:
    """A count within a block (overdue, today), with the list page showing exactly those rows."""

    label: str
    count: int
    url: str | None = None
    # Shown as a warning when not zero (overdue work).
    alert: bool = False


@dataclass(frozen=True)
class Block:
    """One kind of work: how many rows, the first of them, and the list page with all of them.

    ``url`` is the list page filtered to exactly the counted rows; when no list filter can
    say so (for the user's scope or the block's condition), it is None and ``list_url`` is
    the closest list instead.
    """

    key: str
    title: str
    empty: str
    count: int
    items: list[Item]
    url: str | None = None
    list_url: str | None = None
    figures: list[Figure] = field(default_factory=list)
    acting: bool = True

    @property
    def more(self) -> int:
        """How many rows the block counts beyond those it lists."""
        return max(self.count - len(self.items), 0)


@dataclass(frozen=True)
class MyWork:
    today: date
    until: date
    read_only: bool
    top_units: list[Unit]
    blocks: list[Block]

    def block(self, key: str) -> Block | None:
        return next((b for b in self.blocks if b.key == key), None)

    @property
    def keys(self) -> list[str]:
        return [b.key for b in self.blocks]


def my_work(*, user, today: date) -> MyWork:
    """What ``user`` has to do as of ``today``, in their scope: the blocks their roles call for."""
    read_only = is_read_only(user)
    context = _Context(user=user, today=today, until=today + timedelta(days=WINDOW), read_only=read_only)
    blocks = [block for build in BLOCKS if (block := build(context)) is not None]
    return MyWork(
        today=today, until=context.until, read_only=read_only, top_units=top_units(user), blocks=blocks
    )


def is_read_only(user) -> bool:
    """Whether ``user`` holds nothing but ``read`` and ``export`` (an auditor, or no role at all)."""
    if getattr(user, "is_superuser", False):
        return False
    return all(p.rsplit(":", 1)[-1] in READ_ONLY_ACTIONS for g in grants(user) for p in g.permissions)


@dataclass(frozen=True)
class _Context:
    user: Any
    today: date
    until: date
    read_only: bool

    def permission(self, acting: str, model: type[Model]) -> str | None:
        """The permission a block counts by: ``acting`` for who may act, ``read`` for a read-only
        user; None when the user holds it nowhere (the block is left out)."""
        permission = permission_for(model, "read") if self.read_only else acting
        return permission if can(self.user, permission) else None


def _url(name: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return reverse(name) + (f"?{query}" if query else "")


def _grant_key(g: Grant) -> tuple:
    return (g.unit_id, g.include_descendants, g.holder, g.holder_id)


def scope_params(user, permission: str, *, read: str | None, from_outside: bool = False) -> dict | None:
    """Query parameters that narrow a list page (the rows ``user`` may ``read``; ``None``: every
    row, as for conferences) to the rows where they may do ``permission``; None when the list's
    unit filters cannot say it (several grants, reading wider than acting).

    ``from_outside``: only what a grant over a unit above, or a holder's units, covers.
    """
    if getattr(user, "is_superuser", False):
        return {}
    acting = grants(user, permission)
    same = read is not None and {_grant_key(g) for g in acting} == {_grant_key(g) for g in grants(user, read)}
    if same and (not from_outside or all(g.holder for g in acting)):
        return {}
    if len(acting) == 1 and not acting[0].holder:
        g = acting[0]
        if from_outside:
            return {"below": g.unit_id} if g.include_descendants else None
        return {"unit": g.unit_id} if g.include_descendants else {"own_unit": g.unit_id}
    return None


def _counts(qs: QuerySet, **conditions: Q) -> dict[str, int]:
    """``total`` and a count per condition, in one query."""
    return qs.aggregate(total=Count("pk"), **{k: Count("pk", filter=q) for k, q in conditions.items()})


def _list(name: str, scope: dict | None, **params: Any) -> tuple[str | None, str]:
    """(the list filtered to exactly these rows or None, the list as near as it gets)."""
    if scope is None:
        return None, _url(name)
    return _url(name, **scope, **params), _url(name, **scope)


# --- directives -----------------------------------------------------------------------------


def _delivery_items(ctx: _Context, qs: QuerySet, *, acknowledge: bool) -> list[Item]:
    rows = qs.select_related("directive", "unit").order_by("directive__deadline", "pk")[:SHOWN]
    return [
        Item(
            obj=d,
            label=localized(d.directive, "title"),
            url=reverse("conferences:directiverecipient_detail", args=[d.pk]),
            unit=d.unit,
            due=d.directive.deadline,
            deadline=True,
            overdue=d.directive.deadline < ctx.today,
            note=d.get_status_display(),
            action_url=reverse("conferences:delivery_acknowledge", args=[d.pk]) if acknowledge else None,
            action_label=_("Acknowledge") if acknowledge else "",
        )
        for d in rows
    ]


def directives_to_acknowledge(ctx: _Context) -> Block | None:
    permission = ctx.permission(ACKNOWLEDGE, DirectiveRecipient)
    if permission is None:
        return None
    qs = DirectiveRecipient.objects.restrict(ctx.user, permission).filter(status=DirectiveStatus.PENDING)
    counts = _counts(qs, overdue=Q(directive__deadline__lt=ctx.today))
    scope = scope_params(ctx.user, permission, read=permission_for(DirectiveRecipient, "read"))
    url, near = _list("conferences:directiverecipient_list", scope, acknowledged="false")
    overdue_url, _near = _list(
        "conferences:directiverecipient_list", scope, acknowledged="false", overdue_on=ctx.today.isoformat()
    )
    return Block(
        key="directives_to_acknowledge",
        title=_("Directives not yet acknowledged") if ctx.read_only else _("Directives to acknowledge"),
        empty=_("No directive is waiting to be acknowledged."),
        count=counts["total"],
        items=_delivery_items(ctx, qs, acknowledge=not ctx.read_only),
        url=url,
        list_url=near,
        figures=[Figure(_("overdue"), counts["overdue"], overdue_url, alert=True)],
        acting=not ctx.read_only,
    )


def directives_to_report(ctx: _Context) -> Block | None:
    permission = ctx.permission(REPORT, DirectiveRecipient)
    if permission is None:
        return None
    qs = (
        DirectiveRecipient.objects.restrict(ctx.user, permission)
        .exclude(status__in=[DirectiveStatus.PENDING, DirectiveStatus.DONE])
        .filter(directive__deadline__lte=ctx.until)
    )
    counts = _counts(qs, overdue=Q(directive__deadline__lt=ctx.today))
    scope = scope_params(ctx.user, permission, read=permission_for(DirectiveRecipient, "read"))
    # Not done with the deadline before ``until + 1``: due by ``until``, or overdue already.
    due_by = (ctx.until + timedelta(days=1)).isoformat()
    url, near = _list("conferences:directiverecipient_list", scope, acknowledged="true", overdue_on=due_by)
    overdue_url, _near = _list(
        "conferences:directiverecipient_list", scope, acknowledged="true", overdue_on=ctx.today.isoformat()
    )
    return Block(
        key="directives_to_report",
        title=_("Directives due within a week or overdue") if ctx.read_only else _("Directives to report on"),
        empty=_("No acknowledged directive is due within a week."),
        count=counts["total"],
        items=_delivery_items(ctx, qs, acknowledge=False),
        url=url,
        list_url=near,
        figures=[Figure(_("overdue"), counts["overdue"], overdue_url, alert=True)],
        acting=not ctx.read_only,
    )


# --- rectification --------------------------------------------------------------------------


def _by_deadline(qs: QuerySet) -> QuerySet:
    return qs.order_by(F("deadline").asc(nulls_last=True), "pk")


def _item(ctx: _Context, item: RectificationItem) -> Item:
    return Item(
        obj=item,
        label=str(item),
        url=reverse("campaigns:rectificationitem_detail", args=[item.pk]),
        unit=item.unit,
        due=item.deadline,
        deadline=True,
        overdue=item.deadline is not None and item.deadline < ctx.today,
        note=item.get_status_display(),
    )


def rectification_to_act_on(ctx: _Context) -> Block | None:
    permission = ctx.permission(RECTIFY, RectificationItem)
    if permission is None:
        return None
    qs = RectificationItem.objects.restrict(ctx.user, permission).exclude(status__in=RECTIFICATION_CLOSED)
    counts = _counts(qs, overdue=Q(deadline__lt=ctx.today))
    scope = scope_params(ctx.user, permission, read=permission_for(RectificationItem, "read"))
    url, near = _list("campaigns:rectificationitem_list", scope, open="true")
    overdue_url, _near = _list("campaigns:rectificationitem_list", scope, overdue_on=ctx.today.isoformat())
    rows = _by_deadline(qs.select_related("unit"))[:SHOWN]
    return Block(
        key="rectification_to_act_on",
        title=_("Open rectification items") if ctx.read_only else _("Rectification items to act on"),
        empty=_("No rectification item is open."),
        count=counts["total"],
        items=[_item(ctx, i) for i in rows],
        url=url,
        list_url=near,
        figures=[Figure(_("overdue"), counts["overdue"], overdue_url, alert=True)],
        acting=not ctx.read_only,
    )


def _verifiable(ctx: _Context) -> tuple[int, int, list[RectificationItem]]:
    """Submitted items ``ctx.user`` may verify: (count, overdue, the first ``SHOWN``).

    The rule is the domain's (``may_transition`` to verified: ``verify`` from outside the
    item's unit). Every submitted item within the verify scope but outside the units the user's
    grants name qualifies by that rule (a holder's units, or a unit below a granted one), so
    the database counts those; the items of the granted units themselves (a few units'
    own items, not a subtree's) are put to ``may_transition`` one by one.
    """
    submitted = RectificationItem.objects.restrict(ctx.user, VERIFY).filter(
        status=RectificationStatus.SUBMITTED
    )
    if getattr(ctx.user, "is_superuser", False):
        home_ids: list[int] = []
    else:
        home_ids = [g.unit_id for g in grants(ctx.user, VERIFY) if not g.holder]
    outside = submitted.exclude(unit_id__in=home_ids)
    counts = _counts(outside, overdue=Q(deadline__lt=ctx.today))
    rows = list(_by_deadline(outside.select_related("unit"))[:SHOWN])
    if home_ids:
        at_home = [
            i
            for i in submitted.filter(unit_id__in=home_ids).select_related("unit")
            if may_transition(user=ctx.user, item=i, to=RectificationStatus.VERIFIED)
        ]
        counts["total"] += len(at_home)
        counts["overdue"] += sum(1 for i in at_home if i.deadline is not None and i.deadline < ctx.today)
        rows = sorted(rows + at_home, key=lambda i: (i.deadline is None, i.deadline or ctx.today, i.pk))[
            :SHOWN
        ]
    return counts["total"], counts["overdue"], rows


def rectification_to_verify(ctx: _Context) -> Block | None:
    permission = ctx.permission(VERIFY, RectificationItem)
    if permission is None:
        return None
    read = permission_for(RectificationItem, "read")
    if ctx.read_only:
        qs = RectificationItem.objects.restrict(ctx.user, permission).filter(
            status=RectificationStatus.SUBMITTED
        )
        counts = _counts(qs, overdue=Q(deadline__lt=ctx.today))
        total, overdue = counts["total"], counts["overdue"]
        rows = list(_by_deadline(qs.select_related("unit"))[:SHOWN])
        scope = scope_params(ctx.user, permission, read=read)
    else:
        total, overdue, rows = _verifiable(ctx)
        scope = scope_params(ctx.user, permission, read=read, from_outside=True)
    status = RectificationStatus.SUBMITTED.value
    url, near = _list("campaigns:rectificationitem_list", scope, status=status)
    overdue_url, _near = _list(
        "campaigns:rectificationitem_list", scope, status=status, overdue_on=ctx.today.isoformat()
    )
    return Block(
        key="rectification_to_verify",
        title=_("Rectification items awaiting verification")
        if ctx.read_only
        else _("Rectification items to verify"),
        empty=_("No rectification item is waiting for verification."),
        count=total,
        items=[_item(ctx, i) for i in rows],
        url=url,
        list_url=near,
        figures=[Figure(_("overdue"), overdue, overdue_url, alert=True)],
        acting=not ctx.read_only,
    )


# --- study ----------------------------------------------------------------------------------


def study_sessions(ctx: _Context) -> Block | None:
    """Sessions today and in the next ``WINDOW`` days: for whoever reads study activities."""
    permission = permission_for(StudySession, "read")
    if not can(ctx.user, permission):
        return None
    qs = StudySession.objects.restrict(ctx.user, permission).filter(date__gte=ctx.today, date__lte=ctx.until)
    counts = _counts(qs, today=Q(date=ctx.today))
    rows = qs.select_related("activity__unit").order_by("date", "activity__unit__path", "pk")[:SHOWN]
    return Block(
        key="study_sessions",
        title=_("Study sessions this week"),
        empty=_("No study session today or in the coming week."),
        count=counts["total"],
        items=[
            Item(
                obj=s,
                label=str(s.activity),
                # Today's sessions open on their check-in desk for who organises them.
                url=reverse("campaigns:studysession_checkin", args=[s.pk])
                if s.date == ctx.today and can(ctx.user, "campaign.study:write", s)
                else reverse("campaigns:studyactivity_detail", args=[s.activity_id]),
                unit=s.activity.unit,
                due=s.date,
                today=s.date == ctx.today,
                note=s.topic or s.get_length_display(),
            )
            for s in rows
        ],
        # No list of sessions by date yet: the study activities are the nearest list.
        list_url=_url("campaigns:studyactivity_list"),
        figures=[Figure(_("today"), counts["today"])],
        acting=not ctx.read_only,
    )


# --- research -------------------------------------------------------------------------------


def _topic_items(qs: QuerySet) -> list[Item]:
    rows = qs.select_related("unit").order_by("unit__path", "title", "pk")[:SHOWN]
    return [
        Item(
            obj=t,
            label=str(t),
            url=reverse("campaigns:researchtopic_detail", args=[t.pk]),
            unit=t.unit,
            note=t.get_status_display(),
        )
        for t in rows
    ]


def topics_to_claim(ctx: _Context) -> Block | None:
    if ctx.read_only or not can(ctx.user, CLAIM):
        return None
    qs = ResearchTopic.objects.restrict(ctx.user, CLAIM).filter(claimed_by__isnull=True)
    scope = scope_params(ctx.user, CLAIM, read=permission_for(ResearchTopic, "read"))
    return Block(
        key="topics_to_claim",
        title=_("Research topics to claim"),
        empty=_("Every research topic of your units has been claimed."),
        count=qs.count(),
        items=_topic_items(qs),
        # The topic list has no filter for unclaimed topics yet.
        list_url=_url("campaigns:researchtopic_list", **(scope or {})),
    )


def topics_claimed(ctx: _Context) -> Block | None:
    if ctx.read_only or not can(ctx.user, CLAIM):
        return None
    qs = ResearchTopic.objects.restrict(ctx.user, "read").filter(claimed_by__user=ctx.user)
    scope = scope_params(ctx.user, CLAIM, read=permission_for(ResearchTopic, "read"))
    return Block(
        key="topics_claimed",
        title=_("Research topics you claimed"),
        empty=_("You have not claimed a research topic yet."),
        count=qs.count(),
        items=_topic_items(qs),
        list_url=_url("campaigns:researchtopic_list", **(scope or {})),
    )


# --- conferences ----------------------------------------------------------------------------


def conferences_coming_up(ctx: _Context) -> Block | None:
    """Conferences from today on whose secretariat is a unit where the user writes conferences."""
    if ctx.read_only or not can(ctx.user, CONVENE):
        return None
    qs = (
        Conference.objects.restrict(ctx.user, CONVENE)
        .filter(units_q(ctx.user, CONVENE, field="secretariat"))
        .filter(start_date__gte=ctx.today)
    )
    scope = scope_params(ctx.user, CONVENE, read=None)
    url, near = _list("conferences:conference_list", scope, start_date_after=ctx.today.isoformat())
    rows = qs.select_related("secretariat").order_by("start_date", "pk")[:SHOWN]
    return Block(
        key="conferences_coming_up",
        title=_("Your conferences coming up"),
        empty=_("No conference of your units is coming up."),
        count=qs.count(),
        items=[
            Item(
                obj=c,
                label=str(c),
                url=reverse("conferences:conference_detail", args=[c.pk]),
                unit=c.secretariat,
                due=c.start_date,
                today=c.start_date == ctx.today,
                note=localized(c, "venue"),
            )
            for c in rows
        ],
        url=url,
        list_url=near,
    )


BLOCKS: tuple[Callable[[_Context], Block | None], ...] = (
    directives_to_acknowledge,
    directives_to_report,
    rectification_to_act_on,
    rectification_to_verify,
    study_sessions,
    topics_to_claim,
    topics_claimed,
    conferences_coming_up,
)
