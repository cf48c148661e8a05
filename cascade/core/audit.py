"""The audit trail: ``log_action`` is called explicitly from domain code for every change.

Domain functions and the admin log explicit, namespaced actions (``rectification.verified``,
``admin.unit.changed``...) and run their writes inside ``explicit()``; every other save and
delete of a Cascade model is kept by the model history (``cascade.access.history``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms.models import model_to_dict
from django.utils import timezone

# The model entries are written to and the table that lists them: the access app's
# (``register_audit_log`` in its ``ready()``).
_LOG: dict[str, Any] = {}


def register_audit_log(*, model: type[models.Model], table: type) -> None:
    _LOG.update(model=model, table=table)


def audit_model() -> type[models.Model]:
    return _LOG["model"]


def audit_table() -> type:
    return _LOG["table"]


# What the current block logs explicitly: None for every write, else (model, pk) pairs.
_explicit: ContextVar[frozenset[tuple[type, Any]] | None] = ContextVar(
    "cascade_audit_explicit", default=frozenset()
)


@contextmanager
def explicit(rows: Iterable[models.Model] | None = None) -> Iterator[None]:
    """Writes inside the block are audited by the caller's own ``log_action``: no model history.

    Without ``rows`` the whole block is covered: a domain function logs its action, and
    the rows it writes on the way (an item's event, a unit's move record) are part of it.
    With ``rows`` (saved rows), only their own saves and deletes are covered, matched by
    model and primary key: the admin deleting rows it logs, whose cascaded deletions still
    get model history. Blocks nest; an inner block never covers less than the outer one.
    """
    covered = _explicit.get()
    if covered is not None:
        if rows is None:
            covered = None
        else:
            keys = {(row._meta.concrete_model, row.pk) for row in rows}
            if any(pk is None for _model, pk in keys):
                raise ValueError("explicit(rows) covers saved rows only; call explicit() instead.")
            covered = covered | keys
    token = _explicit.set(covered)
    try:
        yield
    finally:
        _explicit.reset(token)


def is_explicit(obj: models.Model) -> bool:
    """Whether a save or delete of ``obj`` now is covered by an explicit action (see ``explicit``)."""
    covered = _explicit.get()
    return covered is None or (bool(covered) and (obj._meta.concrete_model, obj.pk) in covered)


def snapshot(obj: models.Model, *, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a model instance's concrete fields (files as their names, moments in UTC)."""
    data = model_to_dict(obj, fields=fields)
    for key, value in list(data.items()):
        if isinstance(value, models.fields.files.FieldFile):
            data[key] = value.name or ""
        elif isinstance(value, list):
            data[key] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, datetime) and timezone.is_aware(value):
            data[key] = value.astimezone(UTC)
    return _json_safe(data)


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def log_action(
    action: str,
    *,
    obj: models.Model | None = None,
    user=None,
    unit=None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> models.Model:
    """Record ``action`` (a namespaced name such as ``"rectification.verified"``).

    ``unit`` defaults to the object's ``unit`` attribute, so entries can be listed per unit.
    """
    if unit is None and obj is not None:
        unit = getattr(obj, "unit", None)
    return audit_model().objects.create(
        action=action,
        user=user if getattr(user, "is_authenticated", False) else None,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        unit=unit,
        before=_json_safe(before) if before is not None else None,
        after=_json_safe(after) if after is not None else None,
        data=_json_safe(data or {}),
    )
