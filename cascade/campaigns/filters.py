"""One FilterSet per record model: the list pages' filters and the API's query parameters."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cascade.common.filters import ScopedFilterSet, SubtreeFilter

from .models import (
    Campaign,
    FieldVisit,
    OutreachEvent,
    RectificationItem,
    ResearchTopic,
    SteeringGroup,
    StudyActivity,
    SupervisionVisit,
)


class CampaignFilterSet(ScopedFilterSet):
    search_fields = ("title", "title_zh", "slug")

    class Meta:
        model = Campaign
        fields = ["q"]


class _CampaignRecordFilterSet(ScopedFilterSet):
    unit = SubtreeFilter(field_name="unit")
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), to_field_name="slug")


class StudyActivityFilterSet(_CampaignRecordFilterSet):
    start_date = django_filters.DateFromToRangeFilter(label=_("Start date (from, to)"))
    search_fields = ("title", "title_zh", "audience")

    class Meta:
        model = StudyActivity
        fields = ["q", "unit", "campaign", "kind", "cohort", "audience_rank"]


class ResearchTopicFilterSet(_CampaignRecordFilterSet):
    search_fields = ("title", "title_zh", "work_area", "claimed_by__name")

    class Meta:
        model = ResearchTopic
        fields = ["q", "unit", "campaign", "status", "methods"]


class FieldVisitFilterSet(_CampaignRecordFilterSet):
    date = django_filters.DateFromToRangeFilter(label=_("Date (from, to)"))
    search_fields = ("visited", "visited_zh", "findings")

    class Meta:
        model = FieldVisit
        fields = ["q", "unit", "campaign", "unannounced"]


class SteeringGroupFilterSet(_CampaignRecordFilterSet):
    search_fields = ("name", "name_zh")

    class Meta:
        model = SteeringGroup
        fields = ["q", "unit", "campaign", "roving"]


class SupervisionVisitFilterSet(ScopedFilterSet):
    unit = SubtreeFilter(field_name="unit")
    date = django_filters.DateFromToRangeFilter(label=_("Date (from, to)"))
    search_fields = ("summary", "feedback")

    class Meta:
        model = SupervisionVisit
        fields = ["q", "unit", "group", "mode"]


class RectificationItemFilterSet(_CampaignRecordFilterSet):
    deadline = django_filters.DateFromToRangeFilter(label=_("Deadline (from, to)"))
    search_fields = ("problem", "problem_zh", "measures")

    class Meta:
        model = RectificationItem
        fields = ["q", "unit", "campaign", "status", "source"]


class OutreachEventFilterSet(_CampaignRecordFilterSet):
    start_date = django_filters.DateFromToRangeFilter(label=_("Start date (from, to)"))
    search_fields = ("title", "title_zh", "place", "description")

    class Meta:
        model = OutreachEvent
        fields = ["q", "unit", "campaign", "kind", "countries"]
