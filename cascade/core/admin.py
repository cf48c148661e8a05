"""Admin helpers shared by the apps' admin modules."""

from __future__ import annotations

import copy

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .forms import VERSION_FIELD, versioned_form


class VersionedAdminMixin:
    """No lost update in the admin: a change form saved over a newer version of the record is refused.

    Every Cascade admin has it (through ``CascadeAdminMixin``); it acts on models with
    ``updated_at`` (every ``TimeStamped`` model) and leaves the others alone. The change form gets a hidden
    ``version`` field (see ``cascade.core.forms``); the admin validates and saves in one
    transaction, so the check reads the row under ``select_for_update()`` and the lock holds
    until the save. A refused save shows the form again with the message naming the fields
    someone else changed, and nothing is written.
    """

    @property
    def versioned(self) -> bool:
        return any(field.name == "updated_at" for field in self.model._meta.concrete_fields)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.versioned:
            kwargs["form"] = versioned_form(kwargs.get("form", self.form))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if not self.versioned:
            return super().get_fieldsets(request, obj)
        fieldsets = copy.deepcopy(list(super().get_fieldsets(request, obj)))
        editable = self.has_change_permission(request, obj) if obj is not None else True
        present = VERSION_FIELD in flatten_fieldsets(fieldsets)
        if editable and not present and fieldsets:
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options.get("fields", ()), VERSION_FIELD]})
        elif not editable and present:
            # A read-only view shows no form to save: no "Version" row.
            fieldsets = [
                (name, {**options, "fields": _without_version(options.get("fields", ()))})
                for name, options in fieldsets
            ]
        return fieldsets


def _without_version(fields):
    kept = []
    for field in fields:
        if isinstance(field, list | tuple):
            field = type(field)(f for f in field if f != VERSION_FIELD)
            if field:
                kept.append(field)
        elif field != VERSION_FIELD:
            kept.append(field)
    return kept


def workflow_action(*, to: str, label, move, done_message, permissions: tuple[str, ...]):
    """An admin action that moves each selected row to status ``to`` through ``move(row, request)``.

    ``move`` is the domain function's door (it validates the workflow and writes history);
    a refused row shows as an error message naming it, the others go on. ``done_message(n)``
    is the translated success message for ``n`` rows, with ``%(count)d`` and ``%(status)s``.
    ``permissions`` are the admin action permissions (``has_<name>_permission`` on the admin).
    """

    def action(modeladmin, request, queryset):
        moved = 0
        for row in queryset:
            try:
                move(row, request)
            except ValidationError as exc:
                modeladmin.message_user(request, f"{row}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                moved += 1
        if moved:
            modeladmin.message_user(
                request,
                done_message(moved) % {"count": moved, "status": label},
                messages.SUCCESS,
            )

    action.__name__ = f"mark_{to}"
    return admin.action(
        description=format_lazy(_("Move to “{status}”"), status=label), permissions=permissions
    )(action)


class CascadeAdminSite(admin.AdminSite):
    """The admin is for superusers: everyone else works in Cascade's own pages."""

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser
