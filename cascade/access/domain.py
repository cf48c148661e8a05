"""Business logic of access: granting and revoking roles, the one write path for role assignments.

Pages (the "Grant a role" form), the admin and the demo accounts call ``grant_role`` and
``revoke_role``; nothing else writes a ``RoleAssignment``.

Who may grant: a role covers units (a unit, with or without its subtree, or the units
assigned to a steering group); ``user`` may grant or revoke it when they hold
``access.audit:write`` over the unit it is held over (for a steering group, the unit that
sends it) and over every unit it covers, so nobody hands out more of the tree than they
hold themselves. Superusers and ``SYSTEM`` may grant anything; anyone else is refused with
``PermissionDenied``.

API tokens: ``create_token`` makes one for a user and answers it in plain text, the only
time it is ever seen (only its SHA-256 digest is stored); ``revoke_token`` ends it (its
own user, or a superuser); ``user_for_token`` is what the API's bearer authentication
asks: the user a token stands for, or None.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from cascade.core.audit import explicit, log_action, snapshot
from cascade.core.scopes import SYSTEM, SystemActor, can, forget_grants, grants
from cascade.organization.models import Unit

from .models import ApiToken, RoleAssignment

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


def may_assign(user: Actor, assignment: RoleAssignment) -> bool:
    """May ``user`` grant ``assignment``, or take it away (both need the same)?"""
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
        raise ValidationError(gettext("A role is held over either a unit or a steering group."), code="scope")
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
        if not may_assign(user, wanted):
            raise PermissionDenied(gettext("You may not grant this role here."))
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
        if not may_assign(user, stored if stored is not None else assignment):
            raise PermissionDenied(gettext("You may not revoke this role here."))
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


# --- API tokens ---------------------------------------------------------------------------------

TOKEN_PREFIX = "csc_"
# How stale ``last_used_at`` may get: it is written at most once a minute per token, so a
# program calling the API in a loop does not cost a write on every request.
LAST_USED_EVERY = timedelta(minutes=1)
# Longer than any token ``create_token`` makes (4 + 43 characters): anything longer is not
# one of ours and is not hashed.
MAX_TOKEN_LENGTH = 100
# What the audit log keeps of a token: never the token or its digest.
TOKEN_AUDIT_FIELDS = ["user", "name", "prefix", "created_at", "expires_at", "revoked_at"]


def token_digest(raw: str) -> str:
    """The SHA-256 of a token, in hex: what is stored and looked up (see ``ApiToken``)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def _token_snapshot(token: ApiToken) -> dict:
    return snapshot(token, fields=TOKEN_AUDIT_FIELDS)


def create_token(
    *, user: AbstractBaseUser, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Make an API token for ``user`` (who makes it for themselves), labelled ``name``.

    Answers the token and its plain text (``csc_`` and 43 random characters), which is
    never stored and cannot be shown again. ``expires_at`` (optional) must lie ahead.
    Logs ``apitoken.created`` with the token's name, prefix and expiry. Raises
    ``PermissionDenied`` for no active signed-in user and ``ValidationError`` for an empty
    name or a past expiry; either way nothing is written.
    """
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        raise PermissionDenied(gettext("Only a signed-in user may make API tokens."))
    name = (name or "").strip()
    if not name:
        raise ValidationError(gettext("Give the token a name."), code="required")
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ValidationError(gettext("The name is too long."), code="max_length")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(gettext("The expiry must lie in the future."), code="past")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    prefix_length = ApiToken._meta.get_field("prefix").max_length
    with transaction.atomic(), explicit():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=raw[:prefix_length],
            digest=token_digest(raw),
            expires_at=expires_at,
        )
        log_action("apitoken.created", obj=token, user=user, after=_token_snapshot(token))
    return token, raw


def may_revoke_token(user: Actor, token: ApiToken) -> bool:
    """The token's own (active) user, an active superuser and ``SYSTEM`` may revoke it."""
    if user is SYSTEM:
        return True
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        return False
    return bool(getattr(user, "is_superuser", False) or user.pk == token.user_id)


def revoke_token(*, token: ApiToken, user: Actor) -> ApiToken:
    """End ``token`` for good; ``user`` revokes it (see ``may_revoke_token``).

    Answers the token as stored. A token already revoked is left so (nothing is logged).
    Logs ``apitoken.revoked`` with the token before and after (never its digest). Raises
    ``PermissionDenied``, writing nothing.
    """
    if not may_revoke_token(user, token):
        raise PermissionDenied(gettext("You may not revoke this token."))
    with transaction.atomic(), explicit():
        stored = ApiToken.objects.select_for_update().get(pk=token.pk)
        if stored.revoked_at is not None:
            return stored
        before = _token_snapshot(stored)
        stored.revoked_at = timezone.now()
        stored.save(update_fields=["revoked_at"])
        log_action("apitoken.revoked", obj=stored, user=user, before=before, after=_token_snapshot(stored))
    return stored


def user_for_token(raw: str) -> AbstractBaseUser | None:
    """The user an API token stands for; None when it is unknown, revoked or expired, or
    its user is inactive. Notes when it was used, at most once a minute (``LAST_USED_EVERY``)."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH or not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(raw)).first()
    now = timezone.now()
    if (
        token is None
        or token.revoked_at is not None
        or (token.expires_at is not None and token.expires_at <= now)
        or not token.user.is_active
    ):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        # A bulk update: a use is not a change of the token, so no model history either.
        ApiToken.objects.filter(pk=token.pk).filter(
            models.Q(last_used_at__isnull=True) | models.Q(last_used_at__lte=now - LAST_USED_EVERY)
        ).update(last_used_at=now)
    return token.user
