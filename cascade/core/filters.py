"""Filters shared by every app's FilterSets (one FilterSet per model drives pages and the API)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.filters import QuerySetRequestMixin

from .scopes import readable_choices


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet that offers and accepts only what the requesting user may read.

    Fields with a ``user`` (the unit filters) resolve rows within the user's scope. Every filter choosing model rows
    (``ModelChoiceFilter``, ``ModelMultipleChoiceFilter``, declared or generated from
    ``Meta.fields``) gets its queryset restricted to the rows the user may read, so its
    choices never name a row out of scope, and such a row given as a value (a page's or the
    API's query parameter) is refused as an invalid choice, like one that does not exist.
    """

    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ()

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        # Before the form is built: its fields take their querysets from the filters.
        for flt in self.filters.values():
            if isinstance(flt, QuerySetRequestMixin):
                flt.queryset = readable_choices(flt.get_queryset(request), user)
        for field in self.form.fields.values():
            if hasattr(field, "user"):  # fields that resolve rows among those the user may see
                field.user = user
        for field in self.form.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)

    def search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if not value or not self.search_fields:
            return qs
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value})
        return qs.filter(q)
