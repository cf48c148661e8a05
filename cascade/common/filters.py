"""Filters shared by every app's FilterSets (one FilterSet per model drives pages and the API)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.filters import QuerySetRequestMixin

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


class UnitsField(forms.Field):
    """Several units, each given as :class:`UnitField` takes one (a repeated query parameter)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self, value):
        values = [v for v in (value or []) if v not in (None, "")]
        if not values:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        one = UnitField(user=self.user, required=False)
        return [one.clean(v) for v in values]


def _path_lookup(field_name: str) -> str:
    return f"{field_name}__path" if field_name else "path"


class SubtreeFilter(django_filters.Filter):
    """Rows whose unit (``field_name``) lies in the given unit's subtree."""

    field_class = UnitField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Unit (with its subtree)"))
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: Unit | None) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(subtree_q(value.path, _path_lookup(self.field_name)))


class OwnUnitFilter(django_filters.Filter):
    """Rows whose unit (``field_name``) is the given unit itself: its own records, not its subtree's."""

    field_class = UnitField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Unit (its own records only)"))
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: Unit | None) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(**{_path_lookup(self.field_name): value.path})


class BelowFilter(SubtreeFilter):
    """Rows whose unit lies under the given unit: its subtree without the unit itself."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Below unit (its subtree without the unit itself)"))
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: Unit | None) -> QuerySet:
        if value is None:
            return qs
        return super().filter(qs, value).exclude(**{_path_lookup(self.field_name): value.path})


class ExcludeSubtreesFilter(django_filters.Filter):
    """Rows whose unit lies in none of the given units' subtrees (``exclude=1&exclude=2``)."""

    field_class = UnitsField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Leaving out units (with their subtrees)"))
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: list[Unit] | None) -> QuerySet:
        for unit in value or []:
            qs = qs.exclude(subtree_q(unit.path, _path_lookup(self.field_name)))
        return qs


def readable_choices(queryset: QuerySet | None, user) -> QuerySet | None:
    """The rows of ``queryset`` that ``user`` may read: what a choice filter may offer and accept.

    A model the scope registry cannot place offers nothing (fail closed), and so does a
    request without a signed-in user.
    """
    if queryset is None:
        return None
    if not hasattr(queryset, "restrict"):
        return queryset.none()
    try:
        return queryset.restrict(user, "read")
    except LookupError:
        return queryset.none()


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet that offers and accepts only what the requesting user may read.

    Unit filters resolve units within the user's scope. Every filter choosing model rows
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
            if isinstance(field, UnitField | UnitsField):
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


class UnitScopeFilterSet(ScopedFilterSet):
    """Records by their unit: a subtree, a unit's own records, what lies below a unit, less some subtrees.

    ``unit=U`` is U's whole subtree, ``own_unit=U`` U's own records, ``below=U`` the subtree
    without U itself, and ``exclude=V`` (repeatable) leaves V's subtree out. A model whose
    unit is another field declares the four filters with that ``field_name``.
    """

    unit = SubtreeFilter(field_name="unit")
    own_unit = OwnUnitFilter(field_name="unit")
    below = BelowFilter(field_name="unit")
    exclude = ExcludeSubtreesFilter(field_name="unit")
