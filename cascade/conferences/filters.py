"""FilterSets for conferences and directives: the list pages' filters and the API's query parameters."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cascade.campaigns.models import Campaign
from cascade.core.filters import ScopedFilterSet
from cascade.organization.filters import (
    BelowFilter,
    ExcludeSubtreesFilter,
    OwnUnitFilter,
    SubtreeFilter,
    UnitScopeFilterSet,
)
from cascade.organization.models import subtree_q

from .choices import DirectiveStatus
from .models import Conference, Directive, DirectiveRecipient


class ConferenceFilterSet(ScopedFilterSet):
    """``unit`` and its companions look at the secretariat: the unit that convened the conference."""

    unit = SubtreeFilter(field_name="secretariat", label=_("Secretariat (with its subtree)"))
    own_unit = OwnUnitFilter(field_name="secretariat")
    below = BelowFilter(field_name="secretariat")
    exclude = ExcludeSubtreesFilter(field_name="secretariat")
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), to_field_name="slug")
    start_date = django_filters.DateFromToRangeFilter(label=_("Start date (from, to)"))
    search_fields = ("title", "title_zh", "venue", "venue_zh", "convened_by", "convened_by_zh")

    class Meta:
        model = Conference
        fields = ["q", "unit", "campaign", "start_date"]


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


class DeliveryFilterSet(UnitScopeFilterSet):
    """Deliveries of directives: one row per recipient unit, as the directive figures count them."""

    directive = django_filters.ModelChoiceFilter(queryset=Directive.objects.all())
    conference = django_filters.ModelChoiceFilter(
        field_name="directive__conference", queryset=Conference.objects.all(), to_field_name="slug"
    )
    campaign = django_filters.ModelChoiceFilter(
        field_name="directive__campaign", queryset=Campaign.objects.all(), to_field_name="slug"
    )
    issued_on = django_filters.DateFromToRangeFilter(
        field_name="directive__issued_on", label=_("Issued on (from, to)")
    )
    acknowledged = django_filters.BooleanFilter(
        label=_("Acknowledged (no longer pending)"), method="acknowledged_only"
    )
    overdue_on = django_filters.DateFilter(
        label=_("Overdue on (not done, deadline before this day)"), method="overdue"
    )
    search_fields = ("directive__title", "directive__title_zh", "unit__name", "unit__name_zh")

    class Meta:
        model = DirectiveRecipient
        fields = ["q", "unit", "directive", "conference", "campaign", "status"]

    def acknowledged_only(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        pending = Q(status=DirectiveStatus.PENDING)
        return qs.filter(~pending if value else pending)

    def overdue(self, qs: QuerySet, name: str, value) -> QuerySet:
        if value is None:
            return qs
        return qs.exclude(status=DirectiveStatus.DONE).filter(directive__deadline__lt=value)
