"""Writing a plain record: authorised once, validated, saved and audited in one transaction.

The apps' domain functions for records without a workflow of their own call these; records
with one (a rectification item's states, a directive's deliveries, a unit's moves) have
their own domain functions. Pages, the API and imports call the domain functions, never
``save()``.

- ``save_record(user=, instance=, m2m=)``: a new row or changes to one. The user needs the
  model's ``write`` permission over the row as it is stored (when it exists) and as it
  will be: moving a record to a unit out of one's reach is refused like writing there.
- ``delete_record(user=, instance=)``: needs ``delete`` over the stored row.

Each logs one action, ``<model>.created`` / ``.changed`` / ``.deleted``, with the fields
before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from .audit import explicit, log_action, snapshot
from .scopes import authorize, permission_for


def save_record(
    *,
    user,
    instance: models.Model,
    m2m: dict[str, Iterable[Any]] | None = None,
    permission: str | None = None,
    action: str = "",
    data: dict[str, Any] | None = None,
    validated: bool = False,
) -> models.Model:
    """Create or change ``instance`` (with its many-to-many fields ``m2m``) for ``user``.

    ``permission`` replaces the model's ``write`` permission (for a record whose writing
    is another role's job, such as a leader claiming a research topic). ``action`` names
    the audit entry when the write has a name of its own (a record created from a report),
    with ``data`` beside it. ``validated``: the caller's ``ModelForm`` has just validated
    ``instance`` (fields, uniqueness, constraints) in this transaction, so it is not done again.
    """
    model = type(instance)
    permission = permission or permission_for(model, "write")
    name = model._meta.model_name
    with transaction.atomic(), explicit():
        stored = None
        if instance.pk is not None:
            stored = model._default_manager.select_for_update().filter(pk=instance.pk).first()
        if stored is not None:
            authorize(user, permission, stored)
        authorize(user, permission, instance)
        if not validated:
            instance.full_clean()
        before = snapshot(stored) if stored is not None else None
        instance.save()
        for field, values in (m2m or {}).items():
            getattr(instance, field).set(values)
        log_action(
            action or f"{name}.{'changed' if stored is not None else 'created'}",
            obj=instance,
            user=user,
            before=before,
            after=snapshot(instance),
            data=data,
        )
    return instance


def delete_record(*, user, instance: models.Model, permission: str | None = None) -> None:
    """Delete ``instance`` (and what cascades with it) for ``user``."""
    model = type(instance)
    with transaction.atomic(), explicit():
        stored = model._default_manager.select_for_update().get(pk=instance.pk)
        authorize(user, permission or permission_for(model, "delete"), stored)
        before = snapshot(stored)
        log_action(f"{model._meta.model_name}.deleted", obj=stored, user=user, before=before)
        stored.delete()
