"""The audit trail: ``log_action`` is called explicitly from domain code for every change."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms.models import model_to_dict

from .models import AuditEntry


def snapshot(obj: models.Model, *, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a model instance's concrete fields (files as their names)."""
    data = model_to_dict(obj, fields=fields)
    for key, value in list(data.items()):
        if isinstance(value, models.fields.files.FieldFile):
            data[key] = value.name or ""
        elif isinstance(value, list):
            data[key] = [getattr(v, "pk", v) for v in value]
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
) -> AuditEntry:
    """Record ``action`` (a namespaced name such as ``"rectification.verified"``).

    ``unit`` defaults to the object's ``unit`` attribute, so entries can be listed per unit.
    """
    if unit is None and obj is not None:
        unit = getattr(obj, "unit", None)
    return AuditEntry.objects.create(
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
