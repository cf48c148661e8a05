"""FilterSets for units, people and countries: the list pages' filters and the API's query parameters."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cascade.campaigns.models import Campaign, ResearchTopic, SteeringAssignment, SteeringGroup
from cascade.common.filters import OwnUnitFilter, ScopedFilterSet, SubtreeFilter

from .models import Country, Person, Unit, subtree_q


class UnitFilterSet(ScopedFilterSet):
    within = SubtreeFilter(field_name="", label=_("Within unit (with its subtree)"))
    campaign = django_filters.ModelChoiceFilter(
        label=_("In the scope of campaign"),
        queryset=Campaign.objects.all(),
        to_field_name="slug",
        method="in_campaign",
    )
    steering_group = django_filters.ModelMultipleChoiceFilter(
        label=_("Supervised by steering groups"),
        queryset=SteeringGroup.objects.all(),
        method="supervised_by",
        widget=forms.MultipleHiddenInput,
    )
    abroad = django_filters.BooleanFilter(label=_("Abroad (in a foreign country)"), method="is_abroad")
    search_fields = ("name", "name_zh", "short_name", "short_name_zh")

    class Meta:
        model = Unit
        fields = ["q", "kind", "within"]

    def in_campaign(self, qs: QuerySet, name: str, value: Campaign | None) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(value.scope_q())

    def supervised_by(self, qs: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return qs
        return qs.filter(pk__in=SteeringAssignment.objects.filter(group__in=value).values("unit"))

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
        queryset=Campaign.objects.all(),
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
        topics = ResearchTopic.objects.exclude(claimed_by=None)
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
