"""FilterSets for conferences and directives: the list pages' filters and the API's query parameters."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cascade.campaigns.models import Campaign
from cascade.common.filters import ScopedFilterSet, SubtreeFilter
from cascade.organization.models import subtree_q

from .choices import DirectiveStatus
from .models import Conference, Directive, DirectiveRecipient


class ConferenceFilterSet(ScopedFilterSet):
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), to_field_name="slug")
    start_date = django_filters.DateFromToRangeFilter(label=_("Start date (from, to)"))
    search_fields = ("title", "title_zh", "venue", "venue_zh", "convened_by", "convened_by_zh")

    class Meta:
        model = Conference
        fields = ["q", "campaign", "start_date"]


class DirectiveFilterSet(ScopedFilterSet):
    """``unit`` and ``status`` both look at the deliveries: together they mean one delivery with both."""

    unit = SubtreeFilter(label=_("Recipient unit (with its subtree)"), method="deliveries")
    status = django_filters.ChoiceFilter(
        label=_("Status of a delivery"), choices=DirectiveStatus.choices, method="deliveries"
    )
    conference = django_filters.ModelChoiceFilter(queryset=Conference.objects.all(), to_field_name="slug")
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), to_field_name="slug")
    deadline = django_filters.DateFromToRangeFilter(label=_("Deadline (from, to)"))
    search_fields = ("title", "title_zh")

    class Meta:
        model = Directive
        fields = ["q", "unit", "status", "conference", "campaign", "deadline"]

    def deliveries(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs  # applied once for both filters in filter_queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        unit = self.form.cleaned_data.get("unit")
        status = self.form.cleaned_data.get("status")
        q = Q()
        if unit is not None:
            q &= subtree_q(unit.path, "unit__path")
        if status:
            q &= Q(status=status)
        if not q:
            return queryset
        return queryset.filter(pk__in=DirectiveRecipient.objects.filter(q).values("directive_id"))
