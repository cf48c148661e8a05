"""FilterSets for units, people and countries: the list pages' filters and the API's query parameters."""

from __future__ import annotations

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cascade.core.filters import ScopedFilterSet
from cascade.core.forms import parse_pk

from .models import Country, Person, Unit, subtree_q


def _campaigns(model: str):
    """Rows of a campaigns model for a choice filter: units and people are what campaigns work on,
    so their lists filter by campaigns through the ORM's relations (this app imports none of it)."""

    def queryset(request):
        return apps.get_model("campaigns", model).objects.all()

    return queryset


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
            match = units.filter(pk=parse_pk(value))
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


class UnitFilterSet(ScopedFilterSet):
    within = SubtreeFilter(field_name="", label=_("Within unit (with its subtree)"))
    campaign = django_filters.ModelChoiceFilter(
        label=_("In the scope of campaign"),
        queryset=_campaigns("Campaign"),
        to_field_name="slug",
        method="in_campaign",
    )
    steering_group = django_filters.ModelMultipleChoiceFilter(
        label=_("Supervised by steering groups"),
        queryset=_campaigns("SteeringGroup"),
        method="supervised_by",
        widget=forms.MultipleHiddenInput,
    )
    abroad = django_filters.BooleanFilter(label=_("Abroad (in a foreign country)"), method="is_abroad")
    search_fields = ("name", "name_zh", "short_name", "short_name_zh")

    class Meta:
        model = Unit
        fields = ["q", "kind", "within"]

    def in_campaign(self, qs: QuerySet, name: str, value) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(value.scope_q())

    def supervised_by(self, qs: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return qs
        return qs.filter(steering_assignments__group__in=value).distinct()

    def is_abroad(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(country__isnull=not value)


class MemberSubtreeFilter(SubtreeFilter):
    """People with a membership in the given unit's subtree (each person once)."""

    def filter(self, qs: QuerySet, value: Unit | None) -> QuerySet:
        if value is None:
            return qs
        return super().filter(qs, value).distinct()


class PersonFilterSet(ScopedFilterSet):
    """People; the ``topic_*`` filters together keep those who claimed a research topic matching all of them."""

    unit = MemberSubtreeFilter(field_name="memberships__unit")
    topic_unit = SubtreeFilter(
        field_name="unit", label=_("Claimed a research topic of unit (with its subtree)"), method="claimed"
    )
    topic_own_unit = OwnUnitFilter(
        field_name="unit", label=_("Claimed a research topic of unit (its own)"), method="claimed"
    )
    topic_campaign = django_filters.ModelChoiceFilter(
        label=_("Claimed a research topic of campaign"),
        queryset=_campaigns("Campaign"),
        to_field_name="slug",
        method="claimed",
    )
    topic_started_on = django_filters.DateFromToRangeFilter(
        label=_("Claimed a research topic started on (from, to)"), method="claimed"
    )
    search_fields = ("name", "name_zh", "post", "post_zh")

    class Meta:
        model = Person
        fields = ["q", "rank", "unit"]

    def claimed(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs  # the topic filters are applied together, to one topic, in filter_queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        topics = apps.get_model("campaigns", "ResearchTopic").objects.exclude(claimed_by=None)
        used = False
        if data.get("topic_unit") is not None:
            topics = topics.filter(subtree_q(data["topic_unit"].path, "unit__path"))
            used = True
        if data.get("topic_own_unit") is not None:
            topics = topics.filter(unit=data["topic_own_unit"])
            used = True
        if data.get("topic_campaign") is not None:
            topics = topics.filter(campaign=data["topic_campaign"])
            used = True
        started = data.get("topic_started_on")
        if started and (started.start is not None or started.stop is not None):
            if started.start is not None:
                topics = topics.filter(started_on__gte=started.start)
            if started.stop is not None:
                topics = topics.filter(started_on__lte=started.stop)
            used = True
        return queryset.filter(pk__in=topics.values("claimed_by")) if used else queryset


class CountryFilterSet(ScopedFilterSet):
    search_fields = ("code", "name", "name_zh")

    class Meta:
        model = Country
        fields = ["q"]
