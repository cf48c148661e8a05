"""FilterSet for narrative reports: the list page's filters and the API's query parameters."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cascade.campaigns.models import Campaign
from cascade.core.filters import ScopedFilterSet
from cascade.organization.filters import SubtreeFilter

from .models import NarrativeReport


class NarrativeReportFilterSet(ScopedFilterSet):
    unit = SubtreeFilter(field_name="unit")
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), to_field_name="slug")
    period_end = django_filters.DateFromToRangeFilter(label=_("Period end (from, to)"))
    search_fields = ("title", "text")

    class Meta:
        model = NarrativeReport
        fields = ["q", "unit", "campaign", "status", "language", "period_end"]
