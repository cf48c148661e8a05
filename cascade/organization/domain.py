"""Business logic for the organisation tree: finding, creating and moving units; people in units."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from treebeard.exceptions import InvalidMoveToDescendant

from cascade.core.audit import explicit, log_action, snapshot
from cascade.core.scopes import SYSTEM, authorize

from .models import Membership, Person, Unit, UnitMove


class UnitNotFound(LookupError):
    pass


class AmbiguousUnit(LookupError):
    def __init__(self, query: str, candidates: list[Unit]):
        self.candidates = candidates
        names = "; ".join(f"{u.name} [{u.short_name or u.path}]" for u in candidates[:10])
        super().__init__(_("“%(query)s” matches several units: %(names)s") % {"query": query, "names": names})


def find_unit(query: str) -> Unit:
    """The unit whose name, Chinese name or short name is ``query`` (short names ignore case)."""
    query = query.strip()
    if not query:
        raise UnitNotFound(_("No unit name given."))
    matches = list(
        Unit.objects.filter(
            Q(name=query) | Q(name_zh=query) | Q(short_name__iexact=query) | Q(short_name_zh=query)
        ).order_by("path")[:11]
    )
    if not matches:
        raise UnitNotFound(_("No unit is called “%(query)s”.") % {"query": query})
    if len(matches) > 1:
        exact = [u for u in matches if u.name == query]
        if len(exact) == 1:
            return exact[0]
        raise AmbiguousUnit(query, matches)
    return matches[0]


WRITE = "organization.unit:write"


def create_unit(*, parent: Unit | None, user, **fields) -> Unit:
    """Add a unit under ``parent`` (a root when None); names are unique within a parent.

    Needs ``organization.unit:write`` over the parent; a new root, a superuser (or ``SYSTEM``).
    """
    if parent is None:
        if not (user is SYSTEM or (getattr(user, "is_superuser", False) and user.is_active)):
            raise PermissionDenied(_("Only a superuser may add a unit at the top of the tree."))
    else:
        authorize(user, WRITE, parent)
    with transaction.atomic(), explicit():
        try:
            unit = (
                Unit.objects.add_root(fields)
                if parent is None
                else Unit.objects.add_child(Unit.objects.get(pk=parent.pk), fields)
            )
        except IntegrityError as exc:
            raise ValidationError(_("A unit with this name already exists under the same parent.")) from exc
        log_action("unit.created", obj=unit, user=user, unit=unit, after=snapshot(unit))
    return unit


def move_unit(*, unit: Unit, new_parent: Unit, user, reason: str = "") -> Unit:
    """Re-parent ``unit`` (with its subtree) under ``new_parent``, keeping its records and a history row.

    Needs ``organization.unit:write`` over the unit where it is and over the new parent.
    Records point at units by id, so they follow the unit; the path changes, so rollups
    count them under the new parent from now on.
    """
    with transaction.atomic(), explicit():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        new_parent = Unit.objects.get(pk=new_parent.pk)
        authorize(user, WRITE, unit)
        authorize(user, WRITE, new_parent)
        if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
            raise ValidationError(_("A unit cannot be moved under itself or one of its own descendants."))
        old_parent = Unit.objects.get_parent(unit)
        if old_parent is not None and old_parent.pk == new_parent.pk:
            raise ValidationError(_("The unit is already under this parent."))
        if Unit.objects.get_children(new_parent).filter(name=unit.name).exists():
            raise ValidationError(_("A unit with this name already exists under the same parent."))
        old_path = unit.path
        try:
            Unit.objects.move(unit, new_parent, pos="last-child")
        except InvalidMoveToDescendant as exc:
            raise ValidationError(
                _("A unit cannot be moved under itself or one of its own descendants.")
            ) from exc
        unit.refresh_from_db()
        move = UnitMove.objects.create(
            unit=unit,
            old_parent=old_parent,
            new_parent=new_parent,
            old_path=old_path,
            new_path=unit.path,
            moved_by=user if getattr(user, "is_authenticated", False) else None,
            reason=reason,
        )
        log_action(
            "unit.moved",
            obj=unit,
            user=user,
            unit=unit,
            before={"parent": old_parent.pk if old_parent else None, "path": old_path},
            after={"parent": new_parent.pk, "path": unit.path},
            data={"move": move.pk, "reason": reason},
        )
    return unit


PERSON_WRITE = "organization.person:write"


def save_person(
    *,
    person: Person,
    unit: Unit,
    user,
    is_leadership: bool = False,
    start_date=None,
) -> Person:
    """Create or change ``person`` and their membership of ``unit`` (added when missing).

    Needs ``organization.person:write`` over ``unit`` and, for a person already stored, over
    the units they belong to. One audit entry for the person (``person.created`` /
    ``.changed``) and one for a new or changed membership.
    """
    authorize(user, PERSON_WRITE, unit)
    with transaction.atomic(), explicit():
        stored = Person.objects.select_for_update().filter(pk=person.pk).first() if person.pk else None
        if stored is not None:
            authorize(user, PERSON_WRITE, stored)
        person.full_clean()
        before = snapshot(stored) if stored is not None else None
        after = snapshot(person)
        if before != after:
            person.save()
            log_action(
                f"person.{'changed' if stored is not None else 'created'}",
                obj=person,
                user=user,
                unit=unit,
                before=before,
                after=snapshot(person),
            )
        membership = Membership.objects.filter(person=person, unit=unit).order_by("-start_date").first()
        old = snapshot(membership) if membership is not None else None
        membership = membership or Membership(person=person, unit=unit)
        membership.is_leadership = is_leadership
        if start_date is not None:
            membership.start_date = start_date
        membership.full_clean()
        if old != snapshot(membership):
            membership.save()
            log_action(
                f"membership.{'changed' if old is not None else 'created'}",
                obj=membership,
                user=user,
                unit=unit,
                before=old,
                after=snapshot(membership),
            )
    return person
