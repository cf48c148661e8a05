"""One FilterSet per record model: the list pages' filters and the API's query parameters."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cascade.core.filters import ScopedFilterSet
from cascade.organization.filters import UnitScopeFilterSet

from .choices import RECTIFICATION_CLOSED, OrganisationKind, SessionLength
from .models import (
    Campaign,
    FieldVisit,
    OutreachEvent,
    RectificationItem,
    ResearchTopic,
    SteeringGroup,
    StudyActivity,
    StudySession,
    SupervisionVisit,
)


class CampaignFilterSet(ScopedFilterSet):
    search_fields = ("title", "title_zh", "slug")

    class Meta:
        model = Campaign
        fields = ["q"]


class _CampaignRecordFilterSet(UnitScopeFilterSet):
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), to_field_name="slug")


class StudyActivityFilterSet(_CampaignRecordFilterSet):
    start_date = django_filters.DateFromToRangeFilter(label=_("Start date (from, to)"))
    title = django_filters.CharFilter(label=_("Title (exact)"))
    approach = django_filters.CharFilter(label=_("Approach (exact)"))
    session_length = django_filters.ChoiceFilter(
        label=_("With sessions of length"), choices=SessionLength.choices, method="with_sessions"
    )
    on_topic = django_filters.BooleanFilter(label=_("Tied to a research topic"), method="tied_to_topic")
    search_fields = ("title", "title_zh", "audience")

    class Meta:
        model = StudyActivity
        fields = ["q", "unit", "campaign", "kind", "cohort", "audience_rank"]

    def with_sessions(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return qs
        return qs.filter(pk__in=StudySession.objects.filter(length=value).values("activity"))

    def tied_to_topic(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(research_topic__isnull=not value)


class ResearchTopicFilterSet(_CampaignRecordFilterSet):
    started_on = django_filters.DateFromToRangeFilter(label=_("Started on (from, to)"))
    with_seminars = django_filters.BooleanFilter(label=_("With seminars on it"), method="seminars_held")
    seminar_date = django_filters.DateFromToRangeFilter(
        label=_("With a seminar on it held (from, to)"), method="seminar_between"
    )
    search_fields = ("title", "title_zh", "work_area", "claimed_by__name")

    class Meta:
        model = ResearchTopic
        fields = ["q", "unit", "campaign", "status", "methods"]

    def seminars_held(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        held = Q(pk__in=StudyActivity.objects.filter(research_topic__isnull=False).values("research_topic"))
        return qs.filter(held if value else ~held)

    def seminar_between(self, qs: QuerySet, name: str, value) -> QuerySet:
        if not value or (value.start is None and value.stop is None):
            return qs
        seminars = StudyActivity.objects.filter(research_topic__isnull=False)
        if value.start is not None:
            seminars = seminars.filter(start_date__gte=value.start)
        if value.stop is not None:
            seminars = seminars.filter(start_date__lte=value.stop)
        return qs.filter(pk__in=seminars.values("research_topic"))


class FieldVisitFilterSet(_CampaignRecordFilterSet):
    date = django_filters.DateFromToRangeFilter(label=_("Date (from, to)"))
    search_fields = ("visited", "visited_zh", "findings")

    class Meta:
        model = FieldVisit
        fields = ["q", "unit", "campaign", "unannounced"]


class SteeringGroupFilterSet(_CampaignRecordFilterSet):
    sent_on = django_filters.DateFromToRangeFilter(label=_("Sent on (from, to)"))
    search_fields = ("name", "name_zh")

    class Meta:
        model = SteeringGroup
        fields = ["q", "unit", "campaign", "roving"]


class SupervisionVisitFilterSet(UnitScopeFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        field_name="group__campaign", queryset=Campaign.objects.all(), to_field_name="slug"
    )
    date = django_filters.DateFromToRangeFilter(label=_("Date (from, to)"))
    search_fields = ("summary", "feedback")

    class Meta:
        model = SupervisionVisit
        fields = ["q", "unit", "campaign", "group", "mode"]


class RectificationItemFilterSet(_CampaignRecordFilterSet):
    opened_on = django_filters.DateFromToRangeFilter(label=_("Opened on (from, to)"))
    deadline = django_filters.DateFromToRangeFilter(label=_("Deadline (from, to)"))
    open = django_filters.BooleanFilter(label=_("Still open (not verified and closed)"), method="still_open")
    overdue_on = django_filters.DateFilter(
        label=_("Overdue on (open, deadline before this day)"), method="overdue"
    )
    search_fields = ("problem", "problem_zh", "measures")

    class Meta:
        model = RectificationItem
        fields = ["q", "unit", "campaign", "status", "source"]

    def still_open(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        closed = Q(status__in=RECTIFICATION_CLOSED)
        return qs.filter(~closed if value else closed)

    def overdue(self, qs: QuerySet, name: str, value) -> QuerySet:
        if value is None:
            return qs
        return qs.exclude(status__in=RECTIFICATION_CLOSED).filter(deadline__lt=value)


class OutreachEventFilterSet(_CampaignRecordFilterSet):
    start_date = django_filters.DateFromToRangeFilter(label=_("Start date (from, to)"))
    counterpart_kind = django_filters.ChoiceFilter(
        label=_("With a counterpart organisation of kind"),
        choices=OrganisationKind.choices,
        method="with_counterpart",
    )
    with_countries = django_filters.BooleanFilter(
        label=_("With counterpart countries"), method="countries_given"
    )
    search_fields = ("title", "title_zh", "place", "description")

    class Meta:
        model = OutreachEvent
        fields = ["q", "unit", "campaign", "kind", "countries"]

    def with_counterpart(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return qs
        return qs.filter(pk__in=OutreachEvent.objects.filter(organisations__kind=value).values("pk"))

    def countries_given(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        given = Q(pk__in=OutreachEvent.objects.filter(countries__isnull=False).values("pk"))
        return qs.filter(given if value else ~given)
