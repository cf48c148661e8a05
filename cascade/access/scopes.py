"""Which units a user may see or change: the union of the scopes of the user's role assignments.

A role held over a unit covers that unit (and its subtree when ``include_descendants``);
a role held over a steering group covers the units assigned to the group. A role grants
its permissions (``permissions.ROLE_PERMISSIONS``) within its scope only. Superusers see
everything. This is the single place that answers "may this user do X to this row?".
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cascade.organization.models import Unit, subtree_q

from .models import RoleAssignment
from .permissions import check_permission
from .registry import scope_for

NOTHING = Q(pk__in=[])


def _assignments(user, permission: str | None) -> list[RoleAssignment]:
    assignments = getattr(user, "_cascade_assignments", None)
    if assignments is None:
        assignments = list(RoleAssignment.objects.filter(user=user).select_related("unit"))
        user._cascade_assignments = assignments
    if permission is None:
        return assignments
    return [a for a in assignments if permission in a.permissions]


def units_q(user, permission: str | None = None, *, field: str = "") -> Q:
    """A filter on rows whose unit (``field`` is the lookup to it, "" for a Unit) is in scope."""
    if permission is not None:
        check_permission(permission)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return Q()
    prefix = f"{field}__" if field else ""
    q = NOTHING
    group_ids = []
    for a in _assignments(user, permission):
        if a.unit_id is None:
            group_ids.append(a.steering_group_id)
        elif a.include_descendants:
            q |= subtree_q(a.unit.path, f"{prefix}path")
        else:
            q |= Q(**{f"{prefix}pk": a.unit_id})
    if group_ids:
        from cascade.campaigns.models import SteeringAssignment

        assigned = SteeringAssignment.objects.filter(group_id__in=group_ids).values("unit_id")
        q |= Q(**{f"{prefix}pk__in": assigned})
    return q


def unit_scope(user, model, action: str = "read") -> list[tuple[int, str, bool]] | None:
    """The units whose rows of ``model`` ``user`` may ``action``: (id, path, with descendants) each,
    or None for every unit. The same scope as ``restrict``, as a list of parts of the tree."""
    scope = scope_for(model)
    permission = check_permission(action if ":" in action else f"{scope.permission}:{action}")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    assignments = _assignments(user, permission)
    if scope.unit is None:
        return None if assignments else []
    parts = [(a.unit_id, a.unit.path, a.include_descendants) for a in assignments if a.unit_id is not None]
    group_ids = [a.steering_group_id for a in assignments if a.unit_id is None]
    if group_ids:
        from cascade.campaigns.models import SteeringAssignment

        assigned = SteeringAssignment.objects.filter(group_id__in=group_ids).values_list(
            "unit_id", "unit__path"
        )
        parts += [(unit_id, path, False) for unit_id, path in assigned]
    return parts


def restrict(queryset: QuerySet, user, action: str = "read") -> QuerySet:
    """The rows of ``queryset`` that ``user`` may ``action``."""
    scope = scope_for(queryset.model)
    permission = check_permission(action if ":" in action else f"{scope.permission}:{action}")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if scope.unit is None:
        return queryset if _assignments(user, permission) else queryset.none()
    restricted = queryset.filter(units_q(user, permission, field=scope.unit))
    return restricted.distinct() if scope.many else restricted


def visible_units(user) -> QuerySet:
    return Unit.objects.all().restrict(user, "read")


def can_view_unit(user, unit: Unit) -> bool:
    return visible_units(user).filter(pk=unit.pk).exists()


def top_units(user) -> list[Unit]:
    """The highest units a user can see: where their view of the tree starts."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_superuser:
        return list(Unit.objects.get_root_nodes())
    assignments = _assignments(user, "organization.unit:read")
    candidates = {a.unit for a in assignments if a.unit_id}
    group_ids = [a.steering_group_id for a in assignments if a.steering_group_id]
    candidates |= set(Unit.objects.filter(steering_assignments__group_id__in=group_ids))
    tops: list[Unit] = []
    for unit in sorted(candidates, key=lambda u: u.path):
        if not any(unit.path.startswith(t.path) and unit.pk != t.pk for t in tops):
            tops.append(unit)
    return tops
