"""Helpers the apps' API routers share: scoped, filtered querysets and errors in the user's language."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination

from .forms import MAX_PK

# The most rows one page of an API list holds.
MAX_PAGE = 1000


class Pagination(LimitOffsetPagination):
    """``limit`` (1 to ``MAX_PAGE``, 100 by default) and ``offset``, both within what a
    database takes: an out-of-range value is a 422 naming the parameter, never a 500."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE)
        offset: int = Field(0, ge=0, le=MAX_PK)


class FilterError(HttpError):
    def __init__(self, errors: dict):
        super().__init__(422, "invalid filter")
        self.errors = errors


def scoped_list(request: HttpRequest, model, filterset_class=None) -> QuerySet:
    """The records ``request.user`` may read, filtered by the model's FilterSet from the query string."""
    queryset = model.objects.restrict(request.user, "read")
    if filterset_class is None:
        return queryset
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise FilterError({name: [str(e) for e in errs] for name, errs in filterset.errors.items()})
    return filterset.qs


def scoped_get(request: HttpRequest, model, pk: int):
    """One record, or 404 when it does not exist or lies outside the user's scope (never 403)."""
    if not 0 < pk <= MAX_PK:
        raise Http404
    return get_object_or_404(model.objects.restrict(request.user, "read"), pk=pk)


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
