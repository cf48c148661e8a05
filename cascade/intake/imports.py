"""Importing records from spreadsheets: each row through the page's own form and domain function.

A kind of import (``ImportKind``) names the edit form the pages use, the columns that find
a row already stored (its natural key) and the domain function that writes it. The form
decides the columns: one per form field, headed by the field's label in English or Chinese
(either is accepted, and the field's own name too); its validation and choices, scoped to
the user, are the import's. A cell becomes form data on the way in:

- a related record is given by name (a unit by its name, Chinese name or short name; a
  person by name; a campaign by its slug or title ...) or by its ID, among the records the
  form offers the user; a name that fits several is an error that lists them;
- a choice by its value or its label in either language; yes/no as 是/否, yes/no, true/false, 1/0;
- a date as the spreadsheet's own date or as 2023-04-26, 2023/4/26, 2023.4.26 or 2023年4月26日;
- several related records (a many-to-many field) separated by ``;`` ``；`` ``、`` or ``,``.

``run_import`` checks every row first (``commit=False``: the preview) and writes nothing
unless every row is good; with ``commit=True`` it writes them all in one transaction, and a
row refused while writing undoes the whole file. Both run the real domain functions inside a
transaction (rolled back for the preview), so the preview reports exactly what the import
would do, including rows that depend on rows above them (a unit under a unit the file adds).
A row whose natural key finds a stored record changes it (columns the file lacks keep their
values); one that would change nothing is left alone, so importing a file twice writes once.

The rows of some kinds are parts of one whole that its domain function writes at once (the
people of a study activity's roster, ``ImportKind.group_by``): each row is checked alone, and
once every row is read, the rows that change one whole are written by one call of the form
class's ``write_together``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cascade.campaigns.forms import (
    AdoptedMeasureForm,
    FieldVisitForm,
    OutreachEventForm,
    RectificationItemForm,
    ResearchTopicForm,
    StudyActivityForm,
    StudyAttendanceForm,
    StudySessionForm,
    SupervisionFindingForm,
    SupervisionVisitForm,
)
from cascade.conferences.forms import AttendeeForm
from cascade.core.audit import explicit, log_action
from cascade.core.forms import VERSION_FIELD, parse_pk
from cascade.core.scopes import can, permission_for
from cascade.organization.forms import PersonForm, UnitForm
from cascade.organization.models import Unit

from .choices import ImportStatus
from .models import ImportJob
from .spreadsheets import Table, UnreadableFile, check_size, read_table

# How a spreadsheet may spell yes and no.
YES = {"yes", "y", "true", "1", "是", "✓", "√", "x"}
NO = {"no", "n", "false", "0", "否", ""}
SEPARATORS = re.compile(r"[;；、,，\n]")
DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
# The fields a related record is found by, where its model has them.
NAME_FIELDS = ("slug", "code", "name", "name_zh", "short_name", "short_name_zh", "title", "title_zh")
MAX_CANDIDATES = 10


class Rollback(Exception):
    """Raised inside the import's transaction to undo it (a preview, or a file with errors)."""


def _find_unit(queryset: models.QuerySet, values: dict[str, Any]) -> models.Model | None:
    parent = values.get("parent")
    units = queryset.filter(name=values["name"])
    if parent:
        return units.filter(parent_path=Unit.objects.get(pk=parent).path).first()
    return units.filter(depth=1).first()


def _find_person(queryset: models.QuerySet, values: dict[str, Any]) -> models.Model | None:
    return queryset.filter(name=values["name"], memberships__unit=values["unit"]).first()


@dataclass(frozen=True)
class ImportKind:
    """One kind of record a spreadsheet can bring in."""

    slug: str
    form_class: type[forms.ModelForm]
    keys: tuple[str, ...]
    # How the natural key finds a stored record among those the user may read (default: equal fields).
    find: Callable[[models.QuerySet, dict[str, Any]], models.Model | None] | None = None
    # Related fields whose candidates are narrowed by another column of the row: {field: (column, lookup)}.
    narrow: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Form fields left out of the spreadsheet (files, page-only choices).
    skip: tuple[str, ...] = ()
    # Related fields whose records are named by a date, not a name: {field: the related model's
    # date field} (a finding's visit by the day of the visit, narrowed by the unit visited).
    by_date: dict[str, str] = field(default_factory=dict)
    # Rows that are parts of one whole written at once (an activity's roster): the form field
    # naming the whole. The form class's ``write_together(forms)`` writes the rows of one whole.
    group_by: str | None = None
    # What the template's notes say of this kind besides its columns and natural key.
    note: str = ""

    @property
    def model(self) -> type[models.Model]:
        return self.form_class._meta.model

    @property
    def label(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)


class UnitColumn(forms.Form):
    """An import form's ``unit`` column: the unit of the record that field ``unit_of`` names,
    telling apart records of the same title (two units' "Reading class"; the kind narrows
    ``unit_of``'s candidates by it). It finds, it is not stored: a stored row's value is its
    record's own unit, so naming that unit again is no change."""

    unit_of = ""
    unit = forms.ModelChoiceField(label=gettext_lazy("unit"), queryset=Unit.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        related = getattr(self.instance, self.unit_of) if self.instance.pk is not None else None
        if related is not None:
            self.initial["unit"] = related.unit_id


class StudySessionImportForm(UnitColumn, StudySessionForm):
    """A session, with its activity's unit."""

    unit_of = "activity"


class StudyAttendanceImportForm(UnitColumn, StudyAttendanceForm):
    """A person's attendance, with the activity's unit."""

    unit_of = "activity"


class AdoptedMeasureImportForm(UnitColumn, AdoptedMeasureForm):
    """A measure adopted, with its research topic's unit."""

    unit_of = "topic"


class SupervisionFindingImportForm(UnitColumn, SupervisionFindingForm):
    """A finding, its visit named by its date and told apart by the unit visited."""

    unit_of = "visit"
    unit = forms.ModelChoiceField(
        label=gettext_lazy("unit visited"), queryset=Unit.objects.all(), required=False
    )


KINDS: dict[str, ImportKind] = {
    kind.slug: kind
    for kind in (
        ImportKind("units", UnitForm, keys=("parent", "name"), find=_find_unit),
        ImportKind("people", PersonForm, keys=("name", "unit"), find=_find_person),
        ImportKind("study-activities", StudyActivityForm, keys=("campaign", "unit", "title", "start_date")),
        ImportKind(
            "study-sessions",
            StudySessionImportForm,
            keys=("activity", "date", "topic"),
            narrow={"activity": ("unit", "unit")},
        ),
        ImportKind(
            "study-attendance",
            StudyAttendanceImportForm,
            keys=("activity", "person"),
            narrow={"activity": ("unit", "unit")},
            group_by="activity",
            note=gettext_lazy(
                "Each row records that a person attended an activity for so many hours. The file adds "
                "people to an activity's attendance and corrects their hours; people already recorded "
                "whom it does not name keep theirs. To mark someone absent, use the activity's "
                "attendance page."
            ),
        ),
        ImportKind(
            "research-topics", ResearchTopicForm, keys=("campaign", "unit", "title"), skip=("report_file",)
        ),
        ImportKind(
            "adopted-measures",
            AdoptedMeasureImportForm,
            keys=("topic", "description"),
            narrow={"topic": ("unit", "unit")},
        ),
        ImportKind(
            "field-visits",
            FieldVisitForm,
            keys=("unit", "topic", "date", "visited"),
            narrow={"topic": ("unit", "unit")},
        ),
        ImportKind("supervision-visits", SupervisionVisitForm, keys=("group", "unit", "date")),
        ImportKind(
            "supervision-findings",
            SupervisionFindingImportForm,
            keys=("visit", "description"),
            narrow={"visit": ("unit", "unit")},
            by_date={"visit": "date"},
        ),
        ImportKind(
            "rectification-items",
            RectificationItemForm,
            keys=("campaign", "unit", "problem"),
            narrow={"research_topic": ("unit", "unit")},
        ),
        ImportKind("outreach-events", OutreachEventForm, keys=("campaign", "unit", "title", "start_date")),
        ImportKind(
            "conference-attendees",
            AttendeeForm,
            keys=("conference", "person"),
            narrow={"category": ("conference", "conference")},
        ),
    )
}


def _normal(text: Any) -> str:
    """A header as compared: case, spaces and the template's required mark ignored."""
    return re.sub(r"[\s*\uff0a]+", "", str(text or "")).casefold()


@dataclass(frozen=True)
class Column:
    name: str  # the form field
    required: bool
    headers: tuple[str, str]  # (English, Chinese)


def columns(kind: ImportKind, *, user) -> list[Column]:
    """The spreadsheet's columns for ``kind``: one per form field, in the form's order."""
    form = kind.form_class(user=user)
    out = []
    for name, form_field in form.fields.items():
        if name == VERSION_FIELD or name in kind.skip or isinstance(form_field, forms.FileField):
            continue
        headers = []
        for language in ("en", "zh-hans"):
            with translation.override(language):
                headers.append(str(capfirst(form_field.label or name)))
        out.append(
            Column(name, form_field.required and _default(kind.model, name) is None, (headers[0], headers[1]))
        )
    return out


def _default(model: type[models.Model], name: str) -> Any:
    """The model's default for field ``name`` (a column the file may leave out), or None."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field (a person's unit, a unit's parent)
        return None
    return model_field.get_default() if model_field.has_default() else None


def header_map(kind: ImportKind, header: list[str], *, user) -> tuple[dict[str, int], list[str]]:
    """``({form field: column index}, [headers not understood])`` for a sheet's header row."""
    known: dict[str, str] = {}
    for column in columns(kind, user=user):
        for spelling in (column.name, *column.headers):
            known.setdefault(_normal(spelling), column.name)
    found: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        name = known.get(_normal(cell))
        if name is not None and name not in found:
            found[name] = index
        elif str(cell).strip():
            ignored.append(str(cell).strip())
    return found, ignored


def missing_columns(kind: ImportKind, header: list[str], *, user) -> list[Column]:
    """The required columns ``header`` lacks."""
    found, _ignored = header_map(kind, header, user=user)
    return [c for c in columns(kind, user=user) if c.required and c.name not in found]


@dataclass
class RowResult:
    number: int
    outcome: str  # "new", "changed", "unchanged" or "error"
    record: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    kind: str
    sheet: str
    rows: list[RowResult]
    ignored_columns: list[str]
    committed: bool = False

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {outcome: self.count(outcome) for outcome in ("new", "changed", "unchanged", "error")}

    @property
    def ok(self) -> bool:
        return self.count("error") == 0


OUTCOMES = {
    "new": gettext_lazy("new"),
    "changed": gettext_lazy("changed"),
    "unchanged": gettext_lazy("unchanged"),
    "error": gettext_lazy("error"),
}


class _Row:
    """Turns one spreadsheet row into form data for ``kind``'s form; collects what it cannot read."""

    def __init__(self, importer: _Importer, cells: dict[str, Any]):
        self.importer = importer
        self.cells = cells
        self.errors: list[str] = []
        self.failed: set[str] = set()
        self.data: dict[str, Any] = {}

    def error(self, name: str, message: str) -> None:
        self.errors.append(f"{self.importer.labels[name]}: {message}")
        self.failed.add(name)

    def read(self) -> dict[str, Any]:
        fields = self.importer.prototype.fields
        # Plain fields first: a related field narrowed by another column reads it once resolved.
        order = sorted(self.cells, key=lambda name: name in self.importer.kind.narrow)
        for name in order:
            value = self.cells[name]
            converted = self.convert(name, fields[name], value)
            if converted is not None:
                self.data[name] = converted
        return self.data

    def convert(self, name: str, form_field: forms.Field, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
        if isinstance(form_field, forms.ModelMultipleChoiceField):
            names = [part.strip() for part in SEPARATORS.split(str(value or "")) if part.strip()]
            found = [self.related(name, form_field, part) for part in names]
            return [pk for pk in found if pk is not None]
        if value is None or value == "":
            return "" if not isinstance(form_field, forms.BooleanField) else None
        if isinstance(form_field, forms.ModelChoiceField):
            return self.related(
                name, form_field, _date_text(value) if isinstance(value, dt.date) else str(value)
            )
        if isinstance(form_field, forms.BooleanField | forms.NullBooleanField):
            text = str(value).strip().casefold()
            if isinstance(value, bool):
                return value or None
            if text in YES:
                return True
            if text in NO:
                return None
            self.error(name, _("“%(value)s” is neither yes nor no.") % {"value": value})
            return None
        if isinstance(form_field, forms.DateField):
            return _date_text(value)
        if isinstance(form_field, forms.ChoiceField):
            return self.importer.choice(name, form_field, value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        return str(value)

    def related(self, name: str, form_field: forms.ModelChoiceField, text: str) -> Any:
        narrowing = self.importer.kind.narrow.get(name)
        context = None
        if narrowing is not None:
            column, lookup = narrowing
            if column in self.failed:  # the column that tells its candidates apart is already wrong
                self.failed.add(name)
                return None
            context = (lookup, self.data.get(column) or None)
        found = self.importer.resolve(name, form_field, text.strip(), context)
        if isinstance(found, str):
            self.error(name, found)
            return None
        return found


def _pk(record: models.Model) -> Any:
    return record.pk


def _iso_date(value: Any) -> str | None:
    """A spreadsheet's date, or a date written as text (2023/4/26, 2023年4月26日 ...), as 2023-04-26."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    match = DATE_TEXT.match(str(value))
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            pass
    return None


def _date_text(value: Any) -> str:
    """``value`` as an ISO date where it is one; as it is otherwise (the form says what is wrong)."""
    return _iso_date(value) or str(value)


class _Importer:
    def __init__(self, kind: ImportKind, *, user):
        self.kind = kind
        self.user = user
        self.prototype = kind.form_class(user=user)
        self.labels = {name: str(capfirst(f.label or name)) for name, f in self.prototype.fields.items()}
        self._choices: dict[str, dict[str, Any]] = {}
        # A new record's value for a column left out or left empty: the model's default.
        self.defaults = {
            name: default
            for name, form_field in self.prototype.fields.items()
            if form_field.required and (default := _default(kind.model, name)) not in (None, "")
        }
        self._found: dict[tuple, Any] = {}
        # The checked rows of each whole of a ``group_by`` kind, written together at the end.
        self._wholes: dict[Any, list[tuple[RowResult, forms.ModelForm]]] = {}

    def choice(self, name: str, form_field: forms.ChoiceField, value: Any) -> Any:
        if name not in self._choices:
            spellings: dict[str, Any] = {}
            for language in ("en", "zh-hans"):
                with translation.override(language):
                    for key, label in form_field.choices:
                        if key in ("", None):
                            continue
                        spellings.setdefault(_normal(key), key)
                        spellings.setdefault(_normal(label), key)
            self._choices[name] = spellings
        return self._choices[name].get(_normal(value), str(value))

    def resolve(self, name: str, form_field: forms.ModelChoiceField, text: str, context) -> Any:
        """The key of the record ``text`` names among ``form_field``'s choices, or an error message."""
        cache_key = (name, text, context)
        if cache_key in self._found:
            return self._found[cache_key]
        queryset = form_field.queryset
        if context is not None:
            lookup, value = context
            if value not in (None, ""):
                queryset = queryset.filter(**{lookup: value})
        model = queryset.model
        by_date = self.kind.by_date.get(name)
        names = [] if by_date else [f for f in NAME_FIELDS if _has_field(model, f)]
        matches: list = []
        # The name as written first (the names are indexed), then in any case.
        for lookup in ("exact", "iexact") if names else ():
            query = Q()
            for spelling in names:
                query |= Q(**{f"{spelling}__{lookup}": text})
            # Unordered, so that the database may use the names' indexes instead of the order's.
            matches = sorted(queryset.filter(query).order_by().distinct()[: MAX_CANDIDATES + 1], key=_pk)
            if matches:
                break
        if by_date and (day := _iso_date(text)) is not None:
            matches = list(queryset.filter(**{by_date: day})[: MAX_CANDIDATES + 1])
        if not matches:
            pk = parse_pk(text.removeprefix("#"))
            if pk is not None:
                matches = list(queryset.filter(pk=pk))
        thing = model._meta.verbose_name
        if not matches:
            return _("no %(thing)s “%(text)s” among those you may choose.") % {"thing": thing, "text": text}
        if len(matches) > 1:
            listed = "; ".join(f"{m} (ID {m.pk})" for m in matches[:MAX_CANDIDATES])
            return _("“%(text)s” fits several: %(list)s. Give the ID instead.") % {
                "text": text,
                "list": listed,
            }
        self._found[cache_key] = matches[0].pk
        return matches[0].pk

    def stored(self, data: dict[str, Any]) -> models.Model | None:
        values = {key: data.get(key) for key in self.kind.keys}
        if any(values[key] in (None, "") for key in self.kind.keys if self.prototype.fields[key].required):
            return None
        queryset = self.kind.model._default_manager.restrict(self.user, "read")
        if self.kind.find is not None:
            return self.kind.find(queryset, values)
        lookups = {}
        for key, value in values.items():
            if value in (None, "") and self.kind.model._meta.get_field(key).null:
                lookups[f"{key}__isnull"] = True
            elif value is None:
                lookups[key] = ""  # a column the file lacks: a text left blank is stored as ""
            else:
                lookups[key] = value  # a related record's key, a date as ISO text, or text
        try:
            return queryset.filter(**lookups).first()
        except (ValidationError, ValueError):
            return None

    def row(self, number: int, cells: dict[str, Any], seen: dict[tuple, int]) -> RowResult:
        reader = _Row(self, cells)
        data = reader.read()
        instance = None
        if not reader.errors:
            key = tuple(str(data.get(k, "")).casefold() for k in self.kind.keys)
            if key in seen:
                return RowResult(
                    number, "error", errors=[_("The same record as row %(row)d.") % {"row": seen[key]}]
                )
            seen[key] = number
            instance = self.stored(data)
        # A column the file lacks keeps the stored value; an empty cell where a value is needed
        # (a choice with a default) keeps it too, or takes the default in a new record.
        kept = self.defaults
        if instance is not None:
            kept = self.kind.form_class.data_of(instance, user=self.user)
            data = {**kept, **data}
        for name in self.defaults:
            if data.get(name) in (None, "") and name in kept:
                data[name] = kept[name]
        form = self.kind.form_class(data, instance=instance or self.kind.model(), user=self.user)
        valid = form.is_valid()
        # What the cells already said is wrong is said once, not again as "this field is required".
        errors = reader.errors + _form_errors(form, self.labels, leave_out=reader.failed)
        if errors or not valid:
            return RowResult(number, "error", errors=errors)
        if instance is not None and set(form.changed_data) <= {VERSION_FIELD}:
            return RowResult(number, "unchanged", record=str(instance))
        outcome = "changed" if instance is not None else "new"
        if self.kind.group_by is not None:
            result = RowResult(number, outcome, record=str(form.instance))
            self._wholes.setdefault(form.cleaned_data[self.kind.group_by], []).append((result, form))
            return result
        try:
            # Each domain function writes in a savepoint of its own: a refused row leaves no trace.
            saved = form.write()
        except (ValidationError, PermissionDenied) as exc:
            return RowResult(number, "error", errors=_refusal(exc))
        return RowResult(number, outcome, record=str(saved))

    def write_wholes(self) -> None:
        """Write the rows of each whole of a ``group_by`` kind at once; a whole refused marks each
        of its rows with the reason."""
        for rows in self._wholes.values():
            try:
                self.kind.form_class.write_together([form for _result, form in rows])
            except (ValidationError, PermissionDenied) as exc:
                for result, _form in rows:
                    result.outcome, result.errors = "error", _refusal(exc)
        self._wholes.clear()


def _refusal(exc: ValidationError | PermissionDenied) -> list[str]:
    return exc.messages if isinstance(exc, ValidationError) else [str(exc)]


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        return isinstance(model._meta.get_field(name), models.CharField)
    except FieldDoesNotExist:
        return False


def _form_errors(form: forms.BaseForm, labels: dict[str, str], *, leave_out: set[str]) -> list[str]:
    out = []
    for name, errors in form.errors.items():
        if name in leave_out:
            continue
        for error in errors:
            out.append(error if name == NON_FIELD_ERRORS else f"{labels.get(name, name)}: {error}")
    return out


def run_import(
    *,
    kind: ImportKind,
    table: Table,
    user,
    commit: bool,
    progress: Callable[[int, int], None] | None = None,
    audit: dict[str, Any] | None = None,
) -> ImportResult:
    """Check (``commit=False``) or import (``commit=True``) every row of ``table`` as ``kind``, for ``user``.

    Nothing is written unless ``commit`` and every row is good; then every row is written in
    one transaction, with one ``import.committed`` audit entry holding ``audit`` (the file's
    name and digest) and the counts. ``progress(done, total)`` is called as rows are read.
    """
    importer = _Importer(kind, user=user)
    found, ignored = header_map(kind, table.header, user=user)
    result = ImportResult(kind=kind.slug, sheet=table.sheet, rows=[], ignored_columns=ignored)
    total = len(table.rows)
    seen: dict[tuple, int] = {}
    try:
        with transaction.atomic(), explicit():
            for done, (number, cells) in enumerate(table.rows, start=1):
                values = {name: cells[index] if index < len(cells) else None for name, index in found.items()}
                result.rows.append(importer.row(number, values, seen))
                if progress is not None and (done % 100 == 0 or done == total):
                    progress(done, total)
            importer.write_wholes()
            if not commit or not result.ok:
                raise Rollback
            log_action(
                "import.committed",
                user=user,
                data={"kind": kind.slug, "sheet": table.sheet, **result.counts, **(audit or {})},
            )
            result.committed = True
    except Rollback:
        pass
    return result


def kind_for(slug: str) -> ImportKind:
    try:
        return KINDS[slug]
    except KeyError:
        raise LookupError(
            _("There is no import of “%(kind)s”; there are: %(kinds)s.")
            % {"kind": slug, "kinds": ", ".join(KINDS)}
        ) from None


def accepts(kind: ImportKind, *, user) -> Callable[[list[str]], bool]:
    """Whether a sheet's header row has every column ``kind`` requires (for ``read_table``)."""
    required = {c.name for c in columns(kind, user=user) if c.required}

    def accept(header: list[str]) -> bool:
        found, _ignored = header_map(kind, header, user=user)
        return bool(found) and required <= set(found)

    return accept


def describe(rows: Iterable[RowResult]) -> list[dict[str, Any]]:
    return [{"row": r.number, "outcome": r.outcome, "record": r.record, "errors": r.errors} for r in rows]


def _takes(form_field: forms.Field, *, by_date: str | None = None) -> str:
    """What a column takes, for the template's notes (``by_date``: a related record's date field
    that names it)."""
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        thing = form_field.queryset.model._meta.verbose_name_plural
        return _("%(things)s by name or ID, separated by ;") % {"things": thing}
    if isinstance(form_field, forms.ModelChoiceField):
        model = form_field.queryset.model
        if by_date:
            return _("a %(thing)s by its %(field)s (e.g. 2023-04-26) or ID") % {
                "thing": model._meta.verbose_name,
                "field": model._meta.get_field(by_date).verbose_name,
            }
        return _("a %(thing)s by name or ID") % {"thing": model._meta.verbose_name}
    if isinstance(form_field, forms.BooleanField | forms.NullBooleanField):
        return _("yes or no")
    if isinstance(form_field, forms.DateField):
        return _("a date, e.g. 2023-04-26")
    if isinstance(form_field, forms.ChoiceField):
        return " / ".join(str(label) for key, label in form_field.choices if key not in ("", None))
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return _("a number")
    return _("text")


def template(kind: ImportKind, *, user) -> bytes:
    """An empty workbook for ``kind``: the headers in the active language (required ones marked *),
    and a second sheet saying what each column takes and naming the natural key."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    prototype = kind.form_class(user=user)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind.label[:31]
    notes = workbook.create_sheet(_("Notes")[:31])
    notes.append([_("Column"), _("English header"), _("Chinese header"), _("Required"), _("Takes")])
    own = 0 if translation.get_language() == "en" else 1
    header = []
    for column in columns(kind, user=user):
        header.append(column.headers[own] + (" *" if column.required else ""))
        notes.append(
            [
                column.headers[own],
                column.headers[0],
                column.headers[1],
                _("yes") if column.required else _("no"),
                _takes(prototype.fields[column.name], by_date=kind.by_date.get(column.name)),
            ]
        )
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    keys = ", ".join(str(capfirst(prototype.fields[k].label)) for k in kind.keys)
    notes.append([])
    notes.append([_("A row whose %(keys)s match a stored record changes that record.") % {"keys": keys}])
    if kind.note:
        notes.append([str(kind.note)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- import jobs: a file uploaded on the page, checked and imported in the background ---------


def progress_key(job_id: int) -> str:
    return f"cascade.import.progress.{job_id}"


def progress_of(job) -> tuple[int, int] | None:
    """``(rows done, rows in all)`` of a job being checked or imported, when the worker said."""
    return cache.get(progress_key(job.pk))


def offered_kinds(user) -> list[ImportKind]:
    """The kinds ``user`` may import somewhere (writing the kind's records anywhere at all)."""
    return [k for k in KINDS.values() if can(user, permission_for(k.model, "write"))]


def start_import(*, kind: ImportKind, upload, user) -> ImportJob:
    """Keep ``upload`` (a file from a form) as a new job of ``user`` and have it checked.

    Raises ``UnreadableFile`` (nothing kept) for an empty file or one over the size limit;
    what else is wrong with the file, the check tells.
    """
    if not can(user, permission_for(kind.model, "write")):
        raise PermissionDenied(_("You may not do this here."))
    check_size(upload.size)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    job = ImportJob(
        kind=kind.slug,
        file_name=upload.name[:255],
        sha256=digest.hexdigest(),
        size=upload.size,
        language=translation.get_language() or "en",
        created_by=user,
        status=ImportStatus.CHECKING,
    )
    job.file.save(f"{uuid.uuid4().hex}{Path(upload.name).suffix[:10]}", upload, save=False)
    job.save()
    log_action("import.uploaded", obj=job, user=user, data=_job_data(job))
    from .tasks import process_import

    transaction.on_commit(lambda: process_import.enqueue(job.pk, False))
    return job


def commit_import(*, job: ImportJob, user) -> ImportJob:
    """Import a checked job whose every row was good; only its uploader may."""
    if job.created_by_id != getattr(user, "pk", None):
        raise PermissionDenied(_("You may not do this here."))
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.CHECKED or job.counts.get("error", 0) or not job.report:
            raise ValidationError(_("Only a checked file without errors can be imported."))
        job.status = ImportStatus.IMPORTING
        job.save(update_fields=["status", "updated_at"])
    from .tasks import process_import

    transaction.on_commit(lambda: process_import.enqueue(job.pk, True))
    return job


def _job_data(job: ImportJob) -> dict[str, Any]:
    return {
        "import": job.pk,
        "kind": job.kind,
        "file": job.file_name,
        "sha256": job.sha256,
        "bytes": job.size,
    }


def process_job(job_id: int, *, commit: bool) -> None:
    """The worker's part: check (or import) job ``job_id``'s file and keep the rows' results.

    Should the work itself fail, the job says so (and stops the page waiting); the error goes on
    to the task's result and the log.
    """
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    try:
        _process(job, commit=commit)
    except Exception:
        with translation.override(job.language):
            job.message = _("The file could not be checked or imported because of an error on the server.")
        job.status = ImportStatus.REFUSED
        job.save(update_fields=["status", "message", "updated_at"])
        raise


def _process(job: ImportJob, *, commit: bool) -> None:
    with translation.override(job.language):
        kind = kind_for(job.kind)
        user = job.created_by
        try:
            with job.file.open("rb") as handle:
                data = handle.read()
            table = read_table(data, file_name=job.file_name, accept=accepts(kind, user=user))
        except (UnreadableFile, OSError) as exc:
            job.status, job.message = ImportStatus.REFUSED, str(exc)
            job.save(update_fields=["status", "message", "updated_at"])
            return
        key = progress_key(job.pk)
        result = run_import(
            kind=kind,
            table=table,
            user=user,
            commit=commit,
            audit=_job_data(job),
            progress=lambda done, total: cache.set(key, (done, total), 3600),
        )
    job.sheet = table.sheet[:100]
    job.ignored_columns = result.ignored_columns
    job.counts = result.counts
    job.report = [[r.number, r.outcome, r.record, r.errors] for r in result.rows]
    job.status = ImportStatus.IMPORTED if result.committed else ImportStatus.CHECKED
    job.message = ""
    job.save()
    cache.delete(key)
