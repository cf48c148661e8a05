"""Scoped access, the one way: which rows a user may act on, and whether a user may do one thing.

A permission is a registered string ``"<area>.<object>:<action>"`` (``register_permissions``).
A user's **grants** come from one registered source (the access app's role assignments):
each grant holds permissions over a unit, with or without its subtree, or over whatever
units a registered **holder** stands for (a steering group's assigned units, registered by
the campaigns app). Nothing here imports a domain app.

- ``restrict(queryset, user, action)``: the rows ``user`` may ``action`` (``"read"`` or a full
  permission string); what ``RestrictedQuerySet.restrict`` calls.
- ``can(user, permission, obj)``: may ``user`` do ``permission`` to ``obj`` (a row of any
  scoped model, a unit, or ``None`` for "anywhere")? ``authorize`` raises ``PermissionDenied``.
- ``SYSTEM``: the actor of the command line and the bundled scenario, allowed everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .registry import scope_for
from .tree import subtree_q

NOTHING = Q(pk__in=[])

_PERMISSIONS: set[str] = set()


def register_permissions(permissions: Iterable[str]) -> None:
    _PERMISSIONS.update(permissions)


def check_permission(permission: str) -> str:
    """Return ``permission`` if registered, else raise: a typo must not silently deny or allow."""
    if permission not in _PERMISSIONS:
        raise KeyError(f"Unknown permission {permission!r}")
    return permission


class SystemActor:
    """Who acts when no person does: ``cascade`` commands and the scenario loader. Audited as no user."""

    is_authenticated = False
    is_active = True
    is_superuser = True
    is_staff = False
    pk = None
    username = "system"

    def __str__(self) -> str:
        return self.username


SYSTEM = SystemActor()


def person_of(user):
    """The person a signed-in user's account is linked to (who verifies, claims, checks in), or None."""
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


@dataclass(frozen=True)
class Grant:
    """Permissions held over a unit (and its subtree) or over a holder's units."""

    permissions: frozenset[str]
    unit_id: int | None = None
    unit_path: str = ""
    include_descendants: bool = True
    holder: str = ""
    holder_id: int | None = None


_grant_source: Callable[[object], list[Grant]] | None = None
# holder name -> (ids -> queryset of rows with ``unit_id`` and ``unit__path``)
_holders: dict[str, Callable[[list[int]], QuerySet]] = {}
# model label -> (holder name, lookup from a row to its holder's pk): the holders' own rows
# (a steering group, its members), which the holder's people read.
_holder_rows: dict[str, tuple[str, str]] = {}


def register_grant_source(source: Callable[[object], list[Grant]]) -> None:
    global _grant_source
    _grant_source = source


def register_holder(
    name: str, units: Callable[[list[int]], QuerySet], *, rows: dict[str, str] | None = None
) -> None:
    """``units(ids)``: the units the holders ``ids`` of this kind stand for, as rows with
    ``unit_id`` and ``unit__path``. ``rows`` (``{"app_label.model": lookup to the holder}``,
    ``"pk"`` for the holders' own model) are what whoever holds a role through a holder may
    read of it: a steering group's members read their group and its membership, which the
    unit that sent the group otherwise owns."""
    _holders[name] = units
    for label, lookup in (rows or {}).items():
        _holder_rows[label] = (name, lookup)


def _held(model, user, permission: str) -> tuple[str, list[int]]:
    """(lookup to the holder, ids of the holders ``user`` holds a grant of ``permission``
    through) for a holder-owned ``model`` and a read permission; ("", []) otherwise (holding a
    role through a group never lets one change the group)."""
    found = _holder_rows.get(model._meta.label_lower)
    if found is None or not permission.endswith(":read"):
        return "", []
    holder, lookup = found
    return lookup, [g.holder_id for g in grants(user, permission) if g.holder == holder]


def _everything(user) -> bool | None:
    """True: ``user`` may do everything (``SYSTEM``, an active superuser); False: nothing
    (anonymous, inactive); None: what their grants allow."""
    if user is SYSTEM:
        return True
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        return False
    return True if user.is_superuser else None


def grants(user, permission: str | None = None) -> list[Grant]:
    """The user's grants (read once per user object), those holding ``permission`` when given."""
    held = getattr(user, "_cascade_grants", None)
    if held is None:
        held = list(_grant_source(user)) if _grant_source is not None else []
        user._cascade_grants = held
    if permission is None:
        return held
    return [g for g in held if permission in g.permissions]


def forget_grants(user) -> None:
    """Read the user's grants again on next use (after their roles changed)."""
    for name in ("_cascade_grants", "_cascade_holder_units"):
        if hasattr(user, name):
            delattr(user, name)


def _by_holder(held: list[Grant]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for g in held:
        if g.holder:
            out.setdefault(g.holder, []).append(g.holder_id)
    return out


def permission_for(model, action: str) -> str:
    """The permission to ``action`` rows of ``model``: ``"read"`` becomes e.g. ``"campaign.study:read"``;
    a full permission string is taken as it is. Raises for an unregistered one."""
    return check_permission(action if ":" in action else f"{scope_for(model).permission}:{action}")


def units_q(user, permission: str | None = None, *, field: str = "") -> Q:
    """A filter on rows whose unit (``field`` is the lookup to it, "" for a unit) is in scope."""
    if permission is not None:
        check_permission(permission)
    everything = _everything(user)
    if everything is not None:
        return Q() if everything else NOTHING
    prefix = f"{field}__" if field else ""
    q = NOTHING
    held = grants(user, permission)
    for g in held:
        if g.holder:
            continue
        if g.include_descendants:
            q |= subtree_q(g.unit_path, f"{prefix}path")
        else:
            q |= Q(**{f"{prefix}pk": g.unit_id})
    for holder, ids in _by_holder(held).items():
        q |= Q(**{f"{prefix}pk__in": _holders[holder](ids).values("unit_id")})
    return q


def unit_scope(user, model, action: str = "read") -> list[tuple[int, str, bool]] | None:
    """The units whose rows of ``model`` ``user`` may ``action``: (id, path, with descendants) each,
    or None for every unit. The same scope as ``restrict``, as a list of parts of the tree."""
    scope = scope_for(model)
    permission = permission_for(model, action)
    everything = _everything(user)
    if everything is not None:
        return None if everything else []
    held = grants(user, permission)
    if scope.unit is None:
        return None if held else []
    parts = [(g.unit_id, g.unit_path, g.include_descendants) for g in held if not g.holder]
    for holder, ids in _by_holder(held).items():
        parts += [
            (uid, path, False) for uid, path in _holders[holder](ids).values_list("unit_id", "unit__path")
        ]
    return parts


def restrict(queryset: QuerySet, user, action: str = "read") -> QuerySet:
    """The rows of ``queryset`` that ``user`` may ``action``."""
    scope = scope_for(queryset.model)
    permission = permission_for(queryset.model, action)
    everything = _everything(user)
    if everything is not None:
        return queryset if everything else queryset.none()
    if scope.unit is None:
        return queryset if grants(user, permission) else queryset.none()
    q = units_q(user, permission, field=scope.unit)
    lookup, held = _held(queryset.model, user, permission)
    restricted = queryset.filter(q | Q(**{f"{lookup}__in": held}) if held else q)
    return restricted.distinct() if scope.many else restricted


def granted_unit_ids(user, permission: str) -> list[int]:
    """The units ``user``'s grants of ``permission`` name: the granted units and the holders' units."""
    held = grants(user, check_permission(permission))
    ids = [g.unit_id for g in held if not g.holder]
    for holder, holder_ids in _by_holder(held).items():
        ids += list(_holders[holder](holder_ids).values_list("unit_id", flat=True))
    return ids


def readable_choices(queryset: QuerySet | None, user) -> QuerySet | None:
    """The rows of ``queryset`` that ``user`` may read: what a choice filter may offer and accept.

    A model the scope registry cannot place offers nothing (fail closed), and so does a
    request without a signed-in user.
    """
    if queryset is None:
        return None
    if not hasattr(queryset, "restrict"):
        return queryset.none()
    try:
        return queryset.restrict(user, "read")
    except LookupError:
        return queryset.none()


def units_of(obj: models.Model) -> list[models.Model] | None:
    """The units ``obj`` belongs to by its model's scope (itself for a unit); None for reference data.

    Follows the scope's lookup on the instance, so an unsaved row is placed by the relations
    it has been given; a to-many step of an unsaved row gives no units.
    """
    scope = scope_for(type(obj))
    if scope.unit is None:
        return None
    current = [obj]
    for part in scope.unit.split("__") if scope.unit else []:
        following = []
        for row in current:
            value = getattr(row, part, None)
            if isinstance(value, models.Manager):
                following.extend(value.all() if row.pk is not None else [])
            elif value is not None:
                following.append(value)
        current = following
    return current


def _holder_units(user, holder: str, ids: list[int]) -> set[int]:
    cache = getattr(user, "_cascade_holder_units", None)
    if cache is None:
        cache = user._cascade_holder_units = {}
    key = (holder, tuple(sorted(ids)))
    if key not in cache:
        cache[key] = set(_holders[holder](ids).values_list("unit_id", flat=True))
    return cache[key]


def can(user, permission: str, obj: models.Model | None = None, *, from_outside: bool = False) -> bool:
    """May ``user`` do ``permission`` to ``obj``? ``None``: anywhere at all.

    ``obj`` is a row of any scoped model (placed by its unit) or a unit. Reference data
    (scope without a unit) needs the permission anywhere. ``from_outside``: only a grant
    held from outside ``obj``'s unit counts (over a unit above it, or through a holder such
    as a steering group), never one over the unit itself: how a unit's work is verified by
    someone other than the unit. Superusers and ``SYSTEM`` may do everything; an anonymous
    or inactive user nothing.
    """
    check_permission(permission)
    everything = _everything(user)
    if everything is not None:
        return everything
    held = grants(user, permission)
    if not held:
        return False
    units = None if obj is None else units_of(obj)
    if units is None:
        return True
    lookup, holders_read = _held(type(obj), user, permission)
    if holders_read and getattr(obj, "pk" if lookup == "pk" else f"{lookup}_id", None) in holders_read:
        return True
    holders = _by_holder(held)
    for unit in units:
        for g in held:
            if g.holder:
                if unit.pk in _holder_units(user, g.holder, holders[g.holder]):
                    return True
            elif unit.pk == g.unit_id:
                if not from_outside:
                    return True
            elif g.include_descendants and unit.path.startswith(g.unit_path):
                return True
    return False


def authorize(user, permission: str, obj: models.Model | None = None, *, from_outside: bool = False) -> None:
    """Raise ``PermissionDenied`` (in the user's language) unless ``can(user, permission, obj)``."""
    if not can(user, permission, obj, from_outside=from_outside):
        raise PermissionDenied(_("You may not do this here."))
