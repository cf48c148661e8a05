"""Helpers the apps' API routers share: scoped, filtered querysets, errors in the user's
language, and the endpoints that write records through their edit forms."""

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict, PlainSerializer

from .filters import ScopedFilterSet
from .forms import MAX_PK, VERSION_FIELD, version_token
from .records import delete_record
from .scopes import authorize, permission_for

# The most rows one page of an API list holds.
MAX_PAGE = 1000


class Pagination(LimitOffsetPagination):
    """``limit`` (1 to ``MAX_PAGE``, 100 by default) and ``offset``, both within what a
    database takes: an out-of-range value is a 422 naming the parameter, never a 500."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE)
        offset: int = Field(0, ge=0, le=MAX_PK)


class InputError(HttpError):
    """A request the API refuses with a message (``detail``) and the errors by field (``errors``)."""

    def __init__(self, status: int, detail: str, errors: dict[str, list[str]]):
        super().__init__(status, detail)
        self.errors = errors


class FilterError(InputError):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(422, "invalid filter", errors)


def scoped_list(
    request: HttpRequest, model, filterset_class=None, *, queryset: QuerySet | None = None
) -> QuerySet:
    """The records ``request.user`` may read (``queryset``, when they need more than ``restrict``),
    filtered by the model's FilterSet from the query string."""
    if queryset is None:
        queryset = model.objects.restrict(request.user, "read")
    if filterset_class is None:
        return queryset
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise FilterError({name: [str(e) for e in errs] for name, errs in filterset.errors.items()})
    return filterset.qs


def scoped_get(request: HttpRequest, model, pk: int, *, queryset: QuerySet | None = None):
    """One record, or 404 when it does not exist or lies outside the user's scope (never 403).
    ``queryset``: the readable rows to look in, when they need more than ``restrict`` (prefetches)."""
    if not 0 < pk <= MAX_PK:
        raise Http404
    return get_object_or_404(
        queryset if queryset is not None else model.objects.restrict(request.user, "read"), pk=pk
    )


# What every operation may answer besides its own success, and why (the API's error bodies all
# carry ``detail``: a message, or for a body or query that does not parse, ninja's list of errors).
ERROR_RESPONSES = {
    "400": "The body could not be read (not JSON, or not UTF-8).",
    "401": "Not signed in: no session and no valid token.",
    "403": "Signed in, but the caller's roles do not allow this here.",
    "404": "No such record among those the caller may read.",
    "409": "The record changed meanwhile, or the request conflicts with its state.",
    "422": "The parameters or the body are not valid; ``detail`` says which.",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"title": "Detail"}, "errors": {"title": "Errors", "type": "object"}},
    "required": ["detail"],
}


def document_errors(schema: dict) -> dict:
    """``schema`` (an OpenAPI document) with the error answers on every operation that lacks them."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return schema


# --- writing records: create, change and delete through the edit pages' own forms ----------
#
# ``record_routes`` gives a record kind its endpoints from the form its edit pages use: the
# form decides the fields, their validation, the choices the caller may make (scoped like the
# page's) and, through ``form.write()``, the domain function that writes the record. Bodies
# name a related record by its id, as ``<field>_id`` (``unit_id``); a many-to-many field by a
# list of ids. A PATCH names only what changes (the rest keeps its stored value) and may carry
# the ``version`` a GET answered, so that it is refused (409) when the record changed meanwhile.


def _plain_decimal(value: Decimal) -> str:
    """A decimal as its shortest plain text: ``3.50`` and ``3.5`` are both "3.5", on every database."""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


# A decimal figure (hours, say) in an answer.
Amount = Annotated[Decimal, PlainSerializer(_plain_decimal, return_type=str)]


class Versioned(Schema):
    """The ``version`` of a record as read: send it back with a PATCH to refuse saving over newer changes."""

    version: str = Field(
        description="The record's version as read; a PATCH that carries it is refused (409) if the record "
        "changed since."
    )

    @staticmethod
    def resolve_version(obj) -> str:
        return version_token(obj)


def _by_id(form_field: forms.Field) -> bool:
    """Whether the field takes one related record by its id (not a list, not a slug)."""
    return (
        isinstance(form_field, forms.ModelChoiceField)
        and not isinstance(form_field, forms.ModelMultipleChoiceField)
        and form_field.to_field_name in (None, form_field.queryset.model._meta.pk.name)
    )


def _api_name(name: str, form_field: forms.Field) -> str:
    return f"{name}_id" if _by_id(form_field) else name


def _input_type(form_field: forms.Field) -> tuple[Any, dict[str, Any]]:
    """The body's type for ``form_field``, and the constraints the form itself states."""
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        return list[Annotated[int, Field(ge=1, le=MAX_PK)]], {}
    if _by_id(form_field):
        return int, {"ge": 1, "le": MAX_PK}
    if isinstance(form_field, forms.ModelChoiceField):  # by another key of the record (a slug)
        return str, {"max_length": 300}
    if isinstance(form_field, forms.ChoiceField):
        keys = tuple(key for key, _label in form_field.choices if key not in ("", None))
        # An optional choice may be left blank, as on the page.
        return Literal[keys if form_field.required else ("", *keys)], {}
    if isinstance(form_field, forms.NullBooleanField):
        return bool | None, {}
    if isinstance(form_field, forms.BooleanField):
        return bool, {}
    if isinstance(form_field, forms.IntegerField):  # DecimalField and FloatField too
        bounds = {"ge": form_field.min_value, "le": form_field.max_value}
        kind = (
            Decimal
            if isinstance(form_field, forms.DecimalField)
            else float
            if isinstance(form_field, forms.FloatField)
            else int
        )
        return kind, {k: v for k, v in bounds.items() if v is not None}
    if isinstance(form_field, forms.DateTimeField):
        return datetime, {}
    if isinstance(form_field, forms.DateField):
        return date, {}
    if isinstance(form_field, forms.CharField) and form_field.max_length:
        return str, {"max_length": form_field.max_length}
    return str, {}


def _body_fields(form_class: type[forms.BaseForm]) -> dict[str, tuple[str, forms.Field]]:
    """``{body name: (form field name, form field)}`` for what a JSON body can carry (not files)."""
    return {
        _api_name(name, f): (name, f)
        for name, f in form_class.base_fields.items()
        if name != VERSION_FIELD and not isinstance(f, forms.FileField)
    }


def body_schema(form_class: type[forms.BaseForm], *, partial: bool = False, name: str = "") -> type[Schema]:
    """The JSON body of a create (``partial=False``: what the form requires is required) or of a
    PATCH (everything optional, and the ``version`` read before); ``name`` names the schema of a
    form that is no record's (an action's)."""
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"model_config": ConfigDict(extra="forbid")}
    with translation.override("en"):
        for api_name, (field_name, form_field) in _body_fields(form_class).items():
            kind, constraints = _input_type(form_field)
            description = str(capfirst(form_field.label or field_name))
            if form_field.help_text:
                description = f"{description}: {form_field.help_text}"
            required = form_field.required and not partial
            annotations[api_name] = kind if required else kind | None
            namespace[api_name] = Field(... if required else None, description=description, **constraints)
    if partial:
        annotations[VERSION_FIELD] = str | None
        namespace[VERSION_FIELD] = Field(None, description=Versioned.model_fields["version"].description)
    namespace["__annotations__"] = annotations
    name = name or f"{form_class._meta.model.__name__}{'Patch' if partial else 'In'}"
    return type(name, (Schema,), namespace)


_MODEL_TYPES: dict[type, Any] = {
    models.BooleanField: bool,
    models.IntegerField: int,
    models.DecimalField: Amount,
    models.FloatField: float,
    models.DateTimeField: datetime,
    models.DateField: date,
}


def _output_type(field: models.Field) -> Any:
    """The answer's type for a model field (a related record: its id)."""
    if field.is_relation:
        kind = int
    elif isinstance(field, models.FileField):
        kind = str
    else:
        kind = next((t for base, t in _MODEL_TYPES.items() if isinstance(field, base)), str)
    return kind | None if field.null or isinstance(field, models.FileField) else kind


def record_schema(form_class: type[forms.ModelForm]) -> type[Schema]:
    """A record as the API answers it: its id, ``version`` and the fields its form writes
    (a related record as ``<field>_id``, a many-to-many field as a list of ids, a file by its name)."""
    model = form_class._meta.model
    annotations: dict[str, Any] = {"id": int}
    namespace: dict[str, Any] = {}
    for name in form_class._meta.fields:
        field = model._meta.get_field(name)
        if field.many_to_many:
            annotations[name] = list[int]
            namespace[f"resolve_{name}"] = staticmethod(
                lambda obj, name=name: [row.pk for row in getattr(obj, name).all()]
            )
        elif field.is_relation:
            annotations[field.attname] = _output_type(field)
        else:
            annotations[name] = _output_type(field)
            if isinstance(field, models.FileField):
                namespace[f"resolve_{name}"] = staticmethod(
                    lambda obj, name=name: getattr(obj, name).name or None
                )
    namespace["__annotations__"] = annotations
    return type(f"{model.__name__}Out", (Versioned,), namespace)


def form_data(payload: Schema, form_class: type[forms.BaseForm]) -> dict[str, Any]:
    """A body of ``body_schema(form_class)`` as the form's data."""
    fields = _body_fields(form_class)
    data = {}
    for api_name, value in payload.model_dump(exclude_unset=True).items():
        if api_name == VERSION_FIELD:
            data[VERSION_FIELD] = value or ""
            continue
        name, _field = fields[api_name]
        if value is None:
            value = ""
        elif isinstance(value, date | Decimal):
            value = value.isoformat() if isinstance(value, date) else str(value)
        data[name] = value
    return data


def _refusal(form: forms.BaseForm, fields: dict[str, tuple[str, forms.Field]]) -> HttpError:
    """Why ``form`` did not validate: 409 when the record changed since its version was read,
    else 422 with the errors by body field."""
    if form.has_error(NON_FIELD_ERRORS, code="stale"):
        return InputError(409, " ".join(form.non_field_errors()), {})
    names = {name: api_name for api_name, (name, _f) in fields.items()}
    errors = {names.get(name, name): [str(e) for e in errs] for name, errs in form.errors.items()}
    return InputError(422, gettext("The record is not valid; nothing was saved."), errors)


def write_form(form: forms.BaseForm, write: Callable[[], Any] | None = None) -> Any:
    """Validate ``form`` and write it (``write()``, by default ``form.write()``) in one
    transaction (the version check's lock holds until the save); a refusal raises the API's error."""
    with transaction.atomic():
        if not form.is_valid():
            raise _refusal(form, _body_fields(type(form)))
        try:
            return (write or form.write)()
        except ValidationError as exc:
            raise InputError(422, " ".join(exc.messages), {}) from exc


# The routes ``record_routes`` made, by URL name: ``(action, model label)``, action one of
# list, get, create, change, delete (for the tests that walk every route).
RECORD_ROUTES: dict[str, tuple[str, str]] = {}


def record_routes(
    router: Router,
    route: str,
    form_class: type[forms.ModelForm],
    *,
    out: type[Schema] | None = None,
    filterset_class: type | None = None,
    queryset: Callable[[HttpRequest], QuerySet] | None = None,
    read: bool = True,
    delete: bool = True,
) -> type[Schema]:
    """Endpoints for the records ``form_class`` edits, at ``/<route>``: ``POST`` creates,
    ``PATCH /<id>`` changes, ``DELETE /<id>`` deletes (unless ``delete=False``) and, with
    ``read``, ``GET`` lists (filtered by ``filterset_class``, or by the parent a child record
    is kept under) and ``GET /<id>`` reads one. ``out`` is the record's schema (made from the
    form when not given); ``queryset(request)`` the readable rows as ``out`` answers them (what a
    write answers is read back through it too). A record out of the caller's read scope is 404; writing where the
    caller may not is 403; a body the form refuses is 422 with its errors by field.
    """
    model = form_class._meta.model
    out = out or record_schema(form_class)
    create_body = body_schema(form_class, partial=False)
    patch_body = body_schema(form_class, partial=True)
    things = str(model._meta.verbose_name_plural)
    # Operation and URL names: list_study_activities, get_study_activity, create_..., change_..., delete_...
    plural = route.replace("-", "_")
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()
    permission = getattr(form_class, "permission", None) or permission_for(model, "write")
    m2m = [f.name for f in model._meta.many_to_many if f.name in form_class._meta.fields]

    actions = ["create", "change", *(["list", "get"] if read else []), *(["delete"] if delete else [])]
    for action in actions:
        RECORD_ROUTES[f"{action}_{plural if action == 'list' else name}"] = (action, model._meta.label_lower)

    def readable(request: HttpRequest) -> models.QuerySet:
        if queryset is not None:
            return queryset(request)
        return model.objects.restrict(request.user, "read").prefetch_related(*m2m)

    if read:
        filters = filterset_class or _parent_filterset(model, form_class)

        @router.get(
            f"/{route}",
            response=list[out],
            summary=f"List {things}",
            operation_id=f"list_{plural}",
            url_name=f"list_{plural}",
        )
        @paginate(Pagination)
        def list_records(request: HttpRequest):
            return scoped_list(request, model, filters, queryset=readable(request))

        @router.get(
            f"/{route}/{{pk}}",
            response=out,
            summary=f"Read one of the {things}",
            operation_id=f"get_{name}",
            url_name=f"get_{name}",
        )
        def get_record(request: HttpRequest, pk: int):
            return scoped_get(request, model, pk, queryset=readable(request))

    @router.post(
        f"/{route}",
        response={201: out},
        summary=f"Create one of the {things}",
        operation_id=f"create_{name}",
        url_name=f"create_{name}",
    )
    def create_record(request: HttpRequest, payload: create_body):  # type: ignore[valid-type]
        authorize(request.user, permission)
        form = form_class(form_data(payload, form_class), instance=model(), user=request.user)
        created = write_form(form)
        return Status(201, readable(request).get(pk=created.pk))

    @router.patch(
        f"/{route}/{{pk}}",
        response=out,
        summary=f"Change one of the {things}",
        operation_id=f"change_{name}",
        url_name=f"change_{name}",
    )
    def change_record(request: HttpRequest, pk: int, payload: patch_body):  # type: ignore[valid-type]
        instance = scoped_get(request, model, pk)
        authorize(request.user, permission, instance)
        data = {**form_class.data_of(instance, user=request.user), **form_data(payload, form_class)}
        form = form_class(data, instance=instance, user=request.user)
        write_form(form)
        return readable(request).get(pk=pk)

    if delete:

        @router.delete(
            f"/{route}/{{pk}}",
            response={204: None},
            summary=f"Delete one of the {things}",
            operation_id=f"delete_{name}",
            url_name=f"delete_{name}",
        )
        def remove_record(request: HttpRequest, pk: int):
            delete_record(user=request.user, instance=scoped_get(request, model, pk))
            return Status(204, None)

    return out


def _parent_filterset(model: type[models.Model], form_class: type[forms.ModelForm]) -> type:
    """A FilterSet by the records' foreign keys among the form's fields (a session's ``activity``,
    a speech's ``conference``): how a child record's list is asked for."""
    keys = [name for name in form_class._meta.fields if model._meta.get_field(name).many_to_one]
    meta = type("Meta", (), {"model": model, "fields": keys})
    return type(f"{model.__name__}FilterSet", (ScopedFilterSet,), {"Meta": meta})
