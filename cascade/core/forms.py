"""No lost update: an edit form refuses to save over changes made since it was opened.

Every ``TimeStamped`` record has ``updated_at``, which each save moves on. A
``VersionedModelForm`` carries, in one hidden ``version`` field, the ``updated_at`` the
record had when the form was rendered and a short digest of each of the record's field
values then (signed, so it cannot be forged into a false "nothing changed"). When the form
comes back, the record is read again, under ``select_for_update()`` inside a transaction:
if its ``updated_at`` moved, the save is refused, and the message names the fields whose
values differ from what the editor saw. A record without ``updated_at`` (a session, an
agenda item) is refused when any of its values differ from what the editor saw.

- ``VersionedModelForm``: a ``ModelForm`` base that does the check in ``clean()`` (the
  Django admin validates and saves inside one transaction, so the lock holds till the save).
- ``versioned_form(form_class)``: the same for an existing ``ModelForm`` class.
- ``save_if_unchanged(instance, form)``: for views, check and save in one transaction;
  raises ``StaleEdit`` (a ``ValidationError``, also added to the form) on a conflict.

A form posted without the ``version`` field at all (a script, an older page) is not checked
unless the form class sets ``version_required = True``.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .records import save_record
from .scopes import permission_for, readable_choices

# The largest key a database column holds (a signed 64-bit integer).
MAX_PK = 2**63 - 1


def parse_pk(value: str) -> int | None:
    """A primary key as typed in a form or a query string, or None: ASCII digits within what a
    database key holds (``"²".isdigit()`` is true, and 2**64 overflows every backend)."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= MAX_PK else None


VERSION_FIELD = "version"
VERSION_SALT = "cascade.core.forms.version"
TIMESTAMP_FIELD = "updated_at"
_UNTRACKED = {"created_at", TIMESTAMP_FIELD}


class StaleEdit(ValidationError):
    """The record changed after the form was opened; the save was refused."""

    def __init__(self, message: str, changed: list[str]):
        super().__init__(message, code="stale")
        self.changed = changed


def _tracked_fields(model: type[models.Model]) -> list[models.Field]:
    opts = model._meta
    return [
        f
        for f in [*opts.concrete_fields, *opts.many_to_many]
        if not f.primary_key and f.name not in _UNTRACKED
    ]


def _plain(field: models.Field, instance: models.Model) -> Any:
    value = field.value_from_object(instance)
    if field.many_to_many:
        if instance.pk is None:
            return []
        return sorted(getattr(v, "pk", v) for v in value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _digest(value: Any) -> str:
    data = json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def field_digests(instance: models.Model) -> dict[str, str]:
    return {f.name: _digest(_plain(f, instance)) for f in _tracked_fields(type(instance))}


def version_token(instance: models.Model) -> str:
    """What the hidden ``version`` field holds for ``instance`` as it is now ("" when unsaved)."""
    if instance.pk is None:
        return ""
    stamp = getattr(instance, TIMESTAMP_FIELD, None)
    return signing.dumps(
        {"at": stamp.isoformat() if stamp else None, "fields": field_digests(instance)},
        salt=VERSION_SALT,
        compress=True,
    )


def _submitted_version(form: forms.BaseForm) -> str | None:
    """The version the form was rendered with; None when the form was posted without one."""
    if not form.is_bound:
        return None
    key = form.add_prefix(VERSION_FIELD)
    return form.data.get(key) if key in form.data else None


def _current(instance: models.Model, *, lock: bool) -> models.Model | None:
    manager = type(instance)._default_manager
    queryset = manager.select_for_update() if lock else manager.all()
    return queryset.filter(pk=instance.pk).first()


def stale_edit(form: forms.BaseForm, current: models.Model | None) -> StaleEdit | None:
    """Why ``form`` must not save over ``current`` (the record as it is now), or None."""
    instance = form.instance
    if instance.pk is None:
        return None
    submitted = _submitted_version(form)
    if submitted is None and not getattr(form, "version_required", False):
        return None
    if current is None:
        return StaleEdit(_("This record was deleted after you opened it; your changes were not saved."), [])
    try:
        seen = signing.loads(submitted or "", salt=VERSION_SALT)
    except signing.BadSignature:
        return StaleEdit(
            _(
                "This form could not be checked against the current record; your changes were not "
                "saved. Reload the page and make them again."
            ),
            [],
        )
    stamped = hasattr(current, TIMESTAMP_FIELD)
    stamp = getattr(current, TIMESTAMP_FIELD, None)
    if stamped and seen.get("at") == (stamp.isoformat() if stamp else None):
        return None
    before = seen.get("fields") or {}
    now = field_digests(current)
    changed = [
        f for f in _tracked_fields(type(current)) if f.name in now and before.get(f.name) != now[f.name]
    ]
    if not stamped and not changed:
        return None  # a record without a save time: changed only if its values did
    labels = [str(capfirst(f.verbose_name)) for f in changed]
    when = formats.localize(timezone.localtime(stamp)) if stamp else ""
    if labels:
        message = _(
            "Someone else saved this record at %(when)s, after you opened it. Changed since then: "
            "%(fields)s. Your changes were not saved: reload the page to see the current values, then "
            "make your changes again."
        ) % {"when": when, "fields": ", ".join(labels)}
    else:
        message = _(
            "Someone else saved this record at %(when)s, after you opened it. Your changes were not "
            "saved: reload the page, then make your changes again."
        ) % {"when": when}
    return StaleEdit(message, [f.name for f in changed])


class VersionedModelForm(forms.ModelForm):
    """A ``ModelForm`` that refuses to save over changes made since it was rendered."""

    version_required = False

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if VERSION_FIELD in self.fields:
            self.fields[VERSION_FIELD].initial = version_token(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            using = router.db_for_write(type(self.instance), instance=self.instance)
            lock = transaction.get_connection(using).in_atomic_block
            problem = stale_edit(self, _current(self.instance, lock=lock))
            if problem is not None:
                raise problem
        return cleaned


@lru_cache(maxsize=256)
def versioned_form(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """``form_class`` with the version field and check of ``VersionedModelForm``."""
    if issubclass(form_class, VersionedModelForm):
        return form_class
    return type(f"Versioned{form_class.__name__}", (VersionedModelForm, form_class), {})


def save_if_unchanged(instance: models.Model, form: forms.ModelForm, *, commit: bool = True) -> models.Model:
    """Save ``form`` (whose instance is ``instance``) unless the row changed since the form was opened.

    The check runs on the row read under ``select_for_update()``, in the same transaction as
    the save. On a conflict the error is added to the form and ``StaleEdit`` is raised.
    """
    using = router.db_for_write(type(instance), instance=instance)
    with transaction.atomic(using=using):
        if instance.pk is not None:
            problem = stale_edit(form, _current(instance, lock=True))
            if problem is not None:
                form.add_error(None, problem)
                raise problem
        return form.save(commit=commit)


def style_widgets(form: forms.BaseForm) -> None:
    """Give ``form``'s widgets the page's classes, and dates the browser's date picker."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
            if isinstance(field, forms.ModelChoiceField):
                # forms.js gives a long list a search box (cascade/static/cascade/forms.js).
                widget.attrs.setdefault("data-search", _("Type to narrow the list"))
        elif not isinstance(widget, forms.HiddenInput | forms.CheckboxSelectMultiple):
            widget.attrs.setdefault("class", "form-control")
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"


class ScopedModelForm(VersionedModelForm):
    """An edit form for a scoped record: its choices are what the user may see, its units where they may write.

    ``user`` is required. Every model choice offers only rows the user may read; a field
    named in ``write_units`` (``unit`` by default) offers only the units where the user
    holds the model's ``write`` permission (``permission`` overrides it).
    """

    write_units: tuple[str, ...] = ("unit",)
    permission: str | None = None

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        permission = self.permission or permission_for(self._meta.model, "write")
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None:
                field.queryset = (
                    queryset.restrict(user, permission)
                    if name in self.write_units
                    else readable_choices(queryset, user)
                )
        style_widgets(self)

    def m2m(self) -> dict[str, Any]:
        """The many-to-many values to set, for ``save_record(m2m=...)``."""
        return {
            f.name: self.cleaned_data[f.name]
            for f in self._meta.model._meta.many_to_many
            if f.name in self.cleaned_data
        }

    @classmethod
    def data_of(cls, instance: models.Model, *, user) -> dict[str, Any]:
        """The stored ``instance`` as this form's data for ``user``: what a change naming only
        some fields (an import's columns, an API's PATCH) keeps of the others."""
        return record_data(cls, instance)

    def write(self) -> models.Model:
        """Write the validated record for ``self.user`` through its domain function: what the
        edit pages, the API and imports all call. A plain record goes through ``save_record``;
        a form whose record has a workflow of its own (a unit, a person, a rectification item,
        a finding) overrides this with that workflow's function."""
        return save_record(user=self.user, instance=self.instance, m2m=self.m2m(), validated=True)


def record_data(form_class: type[forms.ModelForm], instance: models.Model) -> dict[str, Any]:
    """A stored record's values as ``form_class``'s data: what a change that names only some
    fields (an import's columns, an API's PATCH) keeps of the others."""
    data = model_to_dict(instance, fields=form_class._meta.fields)
    for key, value in list(data.items()):
        if isinstance(value, list):
            data[key] = [getattr(v, "pk", v) for v in value]
        elif value is None:
            data[key] = ""
        elif value is False:
            data[key] = None
    return data


def form_errors(form: forms.Form) -> str:
    """A form's errors as one line for a message: "label: error" for each field."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            parts.append(f"{label}: {error}" if label else str(error))
    return " ".join(parts)
