"""Admin helpers shared by the apps' admin modules."""

from __future__ import annotations

import copy

from django.contrib.admin.utils import flatten_fieldsets

from .forms import VERSION_FIELD, versioned_form


class VersionedAdminMixin:
    """No lost update in the admin: a change form saved over a newer version of the record is refused.

    Every Cascade admin has it (through ``CascadeAdminMixin``); it acts on models with
    ``updated_at`` (every ``TimeStamped`` model) and leaves the others alone. The change form gets a hidden
    ``version`` field (see ``cascade.common.forms``); the admin validates and saves in one
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
