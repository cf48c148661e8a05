"""Business logic for campaigns: the rectification workflow and its history.

Plain records (study activities, topics, visits, outreach...) are written through
``cascade.core.records``; what has a workflow is here. Every function takes ``user=`` and
authorises it once, through ``cascade.core.scopes``.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cascade.core.audit import explicit, log_action, snapshot
from cascade.core.scopes import authorize, can
from cascade.organization.models import Person, Unit

from .choices import RECTIFICATION_TRANSITIONS, RectificationSource, RectificationStatus
from .models import Campaign, RectificationEvent, RectificationItem, SupervisionFinding


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


def authorize_transition(*, user, item: RectificationItem, to: str) -> None:
    """Raise ``PermissionDenied`` unless ``user`` holds one of the move's ways over ``item``."""
    ways = _transition_ways(item=item, to=to)
    if not any(can(user, permission, item, from_outside=outside) for permission, outside in ways):
        if any(outside for _p, outside in ways) and can(user, "campaign.rectification:verify", item):
            raise PermissionDenied(_("A unit's own rectification items are verified by someone outside it."))
        authorize(user, ways[0][0], item)


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None
