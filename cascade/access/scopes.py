"""Role assignments as grants, and the parts of the tree a user sees.

A role held over a unit covers that unit (and its subtree when ``include_descendants``);
a role held over a steering group covers the units assigned to the group (the campaigns
app registers that rule as the ``steering_group`` holder). A role grants its permissions
(``permissions.ROLE_PERMISSIONS``) within its scope only. The checks themselves are
``cascade.core.scopes``: ``restrict``, ``can``, ``authorize``.
"""

from __future__ import annotations

from cascade.core.scopes import Grant, granted_unit_ids
from cascade.organization.models import Unit

from .models import RoleAssignment


def role_grants(user) -> list[Grant]:
    """The grants of ``user``'s role assignments (the grant source of ``cascade.core.scopes``)."""
    out = []
    for a in RoleAssignment.objects.filter(user=user).select_related("unit"):
        if a.unit_id is None:
            out.append(Grant(a.permissions, holder="steering_group", holder_id=a.steering_group_id))
        else:
            out.append(Grant(a.permissions, a.unit_id, a.unit.path, a.include_descendants))
    return out


def visible_units(user):
    return Unit.objects.all().restrict(user, "read")


def can_view_unit(user, unit: Unit) -> bool:
    return visible_units(user).filter(pk=unit.pk).exists()


def top_units(user) -> list[Unit]:
    """The highest units a user can see: where their view of the tree starts."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_superuser:
        return list(Unit.objects.get_root_nodes())
    candidates = list(visible_units(user).filter(pk__in=granted_unit_ids(user, "organization.unit:read")))
    tops: list[Unit] = []
    for unit in sorted(candidates, key=lambda u: u.path):
        if not any(unit.path.startswith(t.path) and unit.pk != t.pk for t in tops):
            tops.append(unit)
    return tops
