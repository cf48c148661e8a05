"""Model history: every save and delete of a Cascade model that no explicit action covers.

Domain functions and the admin log what they do as explicit actions (``log_action`` inside
``audit.explicit()``). Everything else that goes through ``Model.save()`` or
``Model.delete()`` (a shell, a management command, a view without a domain function) gets
an entry here: ``<app_label>.<model>.created`` / ``.changed`` / ``.deleted``, with the
fields before and after (``audit.snapshot``), the signed-in user of the current request
(``CurrentRequestMiddleware``; None from the shell or the CLI) and the row's unit.

What it covers, and what it costs:

- Every model of Cascade's apps, except the audit log itself and the ``reports`` app
  (internal aggregates the rollup engine maintains).
- A create costs the entry's insert; a change one ``SELECT`` of the row as it was (in
  ``pre_save``) and the insert, and nothing when the saved fields equal what was there; a
  delete the insert, from the instance in memory. The entry's unit is read from the
  relations already loaded (the scope registry's lookup; left empty when one is not), and
  the object's name from ``str()`` unless that would query the database.
- Deletions are recorded in ``pre_delete``, inside the deletion's transaction: when a unit
  goes with its records, the new entries' link to it is cleared with the old ones'
  (``on_delete=SET_NULL``), which an entry written after the unit's row is gone could not be.
- Raw saves (fixtures) and bulk operations (``bulk_create``, ``QuerySet.update``, treebeard's
  moves) send no per-row signals and are not recorded here: the code that uses them (domain
  functions, scenario and synthetic loaders) logs explicitly or is a bulk load.
  ``QuerySet.delete()`` does send them, so its rows are recorded one by one. Many-to-many
  changes are not in model history (the admin logs them with the row).
"""

from __future__ import annotations

from contextlib import ExitStack
from contextvars import ContextVar
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models.signals import post_save, pre_delete, pre_save

from cascade.core.audit import is_explicit, snapshot
from cascade.core.registry import SCOPES

from .models import AuditEntry

SKIPPED_APPS = frozenset({"reports"})
SKIPPED_MODELS = frozenset({"access.auditentry"})
# Fields never written to the log: an API token's digest (a user's deletion deletes their tokens).
SECRET_FIELDS = {"access.apitoken": frozenset({"digest"})}

_request: ContextVar[Any] = ContextVar("cascade_history_request", default=None)


class CurrentRequestMiddleware:
    """Remembers the request being served, so model history knows who made a change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_user():
    """The signed-in user of the request being served; None outside requests (shell, CLI)."""
    user = getattr(_request.get(), "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def tracked_models() -> list[type[models.Model]]:
    """The models whose saves and deletes get model history."""
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("cascade.") and config.label not in SKIPPED_APPS
        for model in config.get_models()
        if model._meta.concrete_model._meta.label_lower not in SKIPPED_MODELS
    ]


def connect() -> None:
    for model in tracked_models():
        uid = f"cascade.history.{model._meta.label_lower}"
        pre_save.connect(_remember_before, sender=model, dispatch_uid=uid)
        post_save.connect(_record_save, sender=model, dispatch_uid=uid)
        pre_delete.connect(_record_delete, sender=model, dispatch_uid=uid)


# --- signal receivers ---------------------------------------------------------------------


def _remember_before(sender, instance, raw=False, using=None, **kwargs) -> None:
    instance.__dict__.pop("_history_before", None)
    if raw or instance._state.adding or instance.pk is None or is_explicit(instance):
        return
    old = sender._base_manager.using(using).filter(pk=instance.pk).order_by().first()
    instance._history_before = _snapshot(old) if old is not None else None


def _record_save(sender, instance, created, raw=False, using=None, update_fields=None, **kwargs) -> None:
    before = instance.__dict__.pop("_history_before", None)
    if raw or is_explicit(instance):
        return
    if created:
        _write(instance, "created", using=using, before=None, after=_snapshot(instance))
        return
    names = None
    if update_fields is not None:
        names = {instance._meta.get_field(name).name for name in update_fields}
    # Only what was written: fields left out of ``update_fields`` (or deferred) kept their values.
    after = {**(before or {}), **_snapshot(instance, only=names)}
    if after != before:
        _write(instance, "changed", using=using, before=before, after=after)


def _record_delete(sender, instance, using=None, **kwargs) -> None:
    if not is_explicit(instance):
        _write(instance, "deleted", using=using, before=_snapshot(instance), after=None)


# --- helpers ------------------------------------------------------------------------------


@cache
def _field_names(model: type[models.Model]) -> tuple[tuple[str, str], ...]:
    """(name, attname) of the model's concrete fields (many-to-many left out: no query)."""
    return tuple((f.name, f.attname) for f in model._meta.concrete_fields)


def _snapshot(instance: models.Model, *, only: set[str] | None = None) -> dict[str, Any]:
    """The loaded concrete fields (or those of ``only``), without touching the database;
    never the ``SECRET_FIELDS``."""
    loaded = instance.__dict__
    secret = SECRET_FIELDS.get(instance._meta.concrete_model._meta.label_lower, frozenset())
    names = [
        name
        for name, attname in _field_names(type(instance))
        if attname in loaded and (only is None or name in only) and name not in secret
    ]
    return snapshot(instance, fields=names)


def _unit_id(instance: models.Model) -> int | None:
    """The id of the unit the row belongs to, through relations already loaded; else None."""
    scope = SCOPES.get(instance._meta.concrete_model._meta.label_lower)
    if scope is None or scope.unit is None or scope.many:
        return None
    if scope.unit == "":
        return instance.pk
    *path, last = scope.unit.split("__")
    obj = instance
    for name in path:
        field = obj._meta.get_field(name)
        if not field.is_cached(obj):
            return None
        obj = getattr(obj, name)
        if obj is None:
            return None
    return getattr(obj, obj._meta.get_field(last).attname)


class _NoQuery(Exception):
    pass


def _refuse(execute, sql, params, many, context):
    raise _NoQuery


def _repr(instance: models.Model) -> str:
    """``str(instance)``, unless it would read a related row: then the model's name and the key."""
    try:
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(_refuse))
            return str(instance)[:300]
    except _NoQuery:
        return f"{instance._meta.verbose_name} #{instance.pk}"[:300]


def _write(instance: models.Model, verb: str, *, using, before, after) -> None:
    model = instance._meta.concrete_model
    AuditEntry.objects.using(using).create(
        action=f"{model._meta.label_lower}.{verb}",
        user=current_user(),
        content_type=ContentType.objects.db_manager(using).get_for_model(model),
        object_id=str(instance.pk),
        object_repr=_repr(instance),
        unit_id=_unit_id(instance),
        before=before,
        after=after,
    )
