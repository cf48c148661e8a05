"""``RestrictedQuerySet``: every queryset that serves a person goes through ``.restrict(user, action)``."""

from __future__ import annotations

from django.db import models

from .scopes import SYSTEM, permission_for, restrict


class RestrictMixin:
    def restrict(self, user, action: str = "read"):
        """Only the rows ``user`` may ``action`` (read, write, delete, export, or a registered extra)."""
        return restrict(self, user, action)


class RestrictedQuerySet(RestrictMixin, models.QuerySet):
    pass


class OwnedQuerySet(RestrictedQuerySet):
    """Rows that belong to one user, not to a unit (a notification, a file made for them): every
    user (a superuser too) reads their own, ``SYSTEM`` every one; ``owner_field`` names the owner."""

    owner_field = "user"

    def restrict(self, user, action: str = "read"):
        permission_for(self.model, action)  # an unknown action still fails loudly
        if user is SYSTEM:
            return self
        if getattr(user, "is_authenticated", False) and getattr(user, "is_active", False):
            return self.filter(**{self.owner_field: user})
        return self.none()
