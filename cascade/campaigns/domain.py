"""Business logic for campaigns: the rectification workflow and its history."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cascade.access.audit import explicit, log_action, snapshot
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
    user=None,
    person: Person | None = None,
    **extra,
) -> RectificationItem:
    """Open a rectification item, with the first event of its history."""
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
        status=RectificationStatus.OPEN,
        **extra,
    )
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
    *, finding: SupervisionFinding, owner: Person | None, deadline: date | None, user=None, person=None
) -> RectificationItem:
    """A supervision finding opens a rectification item for the visited unit."""
    visit = finding.visit
    return open_rectification(
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
    user=None,
    note: str = "",
    at: datetime | None = None,
) -> RectificationItem:
    """Move ``item`` to status ``to`` if the workflow allows it; every move is kept as an event.

    Verification needs a verifier who is not the item's owner. Reopening clears the
    current verification; the earlier one stays in the history.
    """
    at = at or timezone.now()
    with transaction.atomic(), explicit():
        item = RectificationItem.objects.select_for_update().get(pk=item.pk)
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


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None
