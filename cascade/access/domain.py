"""Business logic of access: granting and revoking roles, the one write path for role assignments.

Pages (the "Grant a role" form), the admin and the demo accounts call ``grant_role`` and
``revoke_role``; nothing else writes a ``RoleAssignment``.

Who may grant: a role covers units (a unit, with or without its subtree, or the units
assigned to a steering group); ``user`` may grant or revoke it when they hold
``access.audit:write`` over the unit it is held over (for a steering group, the unit that
sends it) and over every unit it covers, so nobody hands out more of the tree than they
hold themselves. Superusers and ``SYSTEM`` may grant anything; anyone else is refused with
``PermissionDenied``.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cascade.core.audit import explicit, log_action, snapshot
from cascade.core.scopes import SystemActor, can, forget_grants, grants
from cascade.organization.models import Unit

from .models import RoleAssignment

GRANT = "access.audit:write"

# Who grants: a signed-in user, ``SYSTEM`` (commands, the demo), or no one (always refused).
Actor = AbstractBaseUser | SystemActor | None


def grantable_units(user) -> QuerySet[Unit]:
    """The units over which ``user`` may grant roles (``access.audit:write``)."""
    return Unit.objects.restrict(user, GRANT)


def may_grant(
    user: Actor,
    *,
    unit: Unit | None = None,
    steering_group: models.Model | None = None,
    include_descendants: bool = True,
) -> bool:
    """May ``user`` grant (or revoke) a role held over ``unit`` or over ``steering_group``?

    ``steering_group`` is a ``campaigns.SteeringGroup``. True when ``user`` holds
    ``access.audit:write`` over the unit the role is held over and over every unit the
    role covers (the subtree with ``include_descendants``; a group's assigned units).
    """
    anchor = unit if unit is not None else getattr(steering_group, "unit", None)
    if anchor is None or not can(user, GRANT, anchor):
        return False
    if getattr(user, "is_superuser", False):
        return True  # ``can`` passed: an active superuser, or SYSTEM
    if steering_group is not None:
        covered = steering_group.assigned_units.all()
    elif not include_descendants:
        return True
    elif any(
        not g.holder and g.include_descendants and anchor.path.startswith(g.unit_path)
        for g in grants(user, GRANT)
    ):
        return True  # held over the unit's whole subtree
    else:
        covered = Unit.objects.filter(anchor.subtree_q())
    return not covered.exclude(pk__in=grantable_units(user).values("pk")).exists()


def _allowed(user, assignment: RoleAssignment) -> bool:
    return may_grant(
        user,
        unit=assignment.unit,
        steering_group=assignment.steering_group,
        include_descendants=assignment.include_descendants,
    )


def _audit_unit(assignment: RoleAssignment) -> Unit | None:
    """The unit an entry about ``assignment`` is listed under: its unit, or the group's sending unit."""
    if assignment.unit_id is not None:
        return assignment.unit
    return getattr(assignment.steering_group, "unit", None)


def grant_role(
    *,
    user: Actor,
    target: AbstractBaseUser,
    role: str,
    unit: Unit | None = None,
    steering_group: models.Model | None = None,
    include_descendants: bool = True,
) -> RoleAssignment:
    """Give ``target`` (a user) ``role`` over ``unit`` or over ``steering_group``; ``user`` grants it.

    Exactly one of ``unit`` and ``steering_group`` (a ``campaigns.SteeringGroup``). Granting
    a role ``target`` already holds there returns the held assignment and writes nothing;
    one held there with the other ``include_descendants`` is changed to this one. Logs
    ``roleassignment.granted`` with the assignment before (None when new) and after.
    Raises ``PermissionDenied`` (see ``may_grant``) or ``ValidationError``; either way
    nothing is written.
    """
    if (unit is None) == (steering_group is None):
        raise ValidationError(_("A role is held over either a unit or a steering group."), code="scope")
    with transaction.atomic(), explicit():
        if unit is not None:
            unit = Unit.objects.get(pk=unit.pk)
        else:
            steering_group = (
                type(steering_group)._default_manager.select_related("unit").get(pk=steering_group.pk)
            )
        wanted = RoleAssignment(
            user=target,
            role=role,
            unit=unit,
            steering_group=steering_group,
            include_descendants=include_descendants,
        )
        if not _allowed(user, wanted):
            raise PermissionDenied(_("You may not grant this role here."))
        held = (
            RoleAssignment.objects.select_for_update()
            .filter(user=target, role=role, unit=unit, steering_group=steering_group)
            .first()
        )
        if held is not None and held.include_descendants == include_descendants:
            return held
        if held is None:
            before = None
            assignment = wanted
            assignment.full_clean()
        else:
            before = snapshot(held)
            assignment = held
            assignment.include_descendants = include_descendants
        try:
            with transaction.atomic():
                assignment.save()
        except IntegrityError:
            # The same grant made at the same moment by someone else: theirs is the one.
            held = RoleAssignment.objects.filter(
                user=target, role=role, unit=unit, steering_group=steering_group
            ).first()
            if held is not None and held.include_descendants == include_descendants:
                return held
            raise
        log_action(
            "roleassignment.granted",
            obj=assignment,
            user=user,
            unit=_audit_unit(assignment),
            before=before,
            after=snapshot(assignment),
        )
    forget_grants(target)
    return assignment


def revoke_role(*, user: Actor, assignment: RoleAssignment) -> None:
    """Take ``assignment`` away; ``user`` needs what granting it needs (see ``may_grant``).

    Logs ``roleassignment.revoked`` with the assignment before. An assignment already
    gone is left so (nothing is logged). Raises ``PermissionDenied``, writing nothing.
    """
    with transaction.atomic(), explicit():
        stored = RoleAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if not _allowed(user, stored if stored is not None else assignment):
            raise PermissionDenied(_("You may not revoke this role here."))
        if stored is None:
            return
        log_action(
            "roleassignment.revoked",
            obj=stored,
            user=user,
            unit=_audit_unit(stored),
            before=snapshot(stored),
        )
        stored.delete()
    if RoleAssignment.user.is_cached(assignment):
        forget_grants(assignment.user)  # the caller's copy of the user reads its roles again
