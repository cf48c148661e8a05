"""``RestrictedQuerySet``: every queryset that serves a person goes through ``.restrict(user, action)``."""

from __future__ import annotations

from django.db import models

from .scopes import restrict


class RestrictMixin:
    def restrict(self, user, action: str = "read"):
        """Only the rows ``user`` may ``action`` (read, write, delete, export, or a registered extra)."""
        return restrict(self, user, action)


class RestrictedQuerySet(RestrictMixin, models.QuerySet):
    pass
