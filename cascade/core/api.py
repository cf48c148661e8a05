"""Helpers the apps' API routers share: scoped, filtered querysets and errors in the user's language."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja.errors import HttpError


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
    return get_object_or_404(model.objects.restrict(request.user, "read"), pk=pk)
