"""Filters shared by every app's FilterSets (one FilterSet per model drives pages and the API)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cascade.organization.models import Unit, subtree_q


class UnitField(forms.CharField):
    """A unit given by id, name, Chinese name or short name; resolved among the units the user may see."""

    default_error_messages = {
        "unknown": _("No unit you can see is called “%(value)s”."),
        "ambiguous": _("Several units are called “%(value)s”; give the unit's id instead."),
    }

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        value = value.strip()
        units = Unit.objects.restrict(self.user, "read") if self.user is not None else Unit.objects.none()
        if value.isdigit():
            match = units.filter(pk=int(value))
        else:
            match = units.filter(
                Q(name=value) | Q(name_zh=value) | Q(short_name__iexact=value) | Q(short_name_zh=value)
            )
        found = list(match[:2])
        if not found:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value}
            )
        if len(found) > 1:
            raise forms.ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"value": value}
            )
        return found[0]


class SubtreeFilter(django_filters.Filter):
    """Rows whose unit (``field_name``) lies in the given unit's subtree."""

    field_class = UnitField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Unit (with its subtree)"))
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: Unit | None) -> QuerySet:
        if value is None:
            return qs
        lookup = f"{self.field_name}__path" if self.field_name else "path"
        return qs.filter(subtree_q(value.path, lookup))


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet whose unit filters resolve units within the requesting user's scope."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ()

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        for name, flt in self.filters.items():
            if isinstance(flt, SubtreeFilter):
                self.form.fields[name].user = user
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
