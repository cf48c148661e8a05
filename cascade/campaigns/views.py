"""Campaign record pages: lists filtered and scoped to the viewer, detail pages, and edit pages."""

from cascade.core.views import RecordDeleteView, RecordDetailView, RecordEditView, RecordListView

from . import filters, forms, tables
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


class CampaignList(RecordListView):
    table_class = tables.CampaignTable
    filterset_class = filters.CampaignFilterSet


class CampaignDetail(RecordDetailView):
    model = Campaign


class StudyActivityList(RecordListView):
    table_class = tables.StudyActivityTable
    filterset_class = filters.StudyActivityFilterSet


class StudyActivityDetail(RecordDetailView):
    model = StudyActivity
    related = (("sessions", tables.StudySessionTable), ("attendances", tables.StudyAttendanceTable))


class ResearchTopicList(RecordListView):
    table_class = tables.ResearchTopicTable
    filterset_class = filters.ResearchTopicFilterSet


class ResearchTopicDetail(RecordDetailView):
    model = ResearchTopic
    related = (("field_visits", tables.FieldVisitTable), ("seminars", tables.StudyActivityTable))


class FieldVisitList(RecordListView):
    table_class = tables.FieldVisitTable
    filterset_class = filters.FieldVisitFilterSet


class FieldVisitDetail(RecordDetailView):
    model = FieldVisit


class SteeringGroupList(RecordListView):
    table_class = tables.SteeringGroupTable
    filterset_class = filters.SteeringGroupFilterSet


class SteeringGroupDetail(RecordDetailView):
    model = SteeringGroup
    related = (("assignments", tables.SteeringAssignmentTable), ("visits", tables.SupervisionVisitTable))


class SupervisionVisitList(RecordListView):
    table_class = tables.SupervisionVisitTable
    filterset_class = filters.SupervisionVisitFilterSet


class SupervisionVisitDetail(RecordDetailView):
    model = SupervisionVisit


class RectificationItemList(RecordListView):
    table_class = tables.RectificationItemTable
    filterset_class = filters.RectificationItemFilterSet


class RectificationItemDetail(RecordDetailView):
    model = RectificationItem
    related = (("events", tables.RectificationEventTable),)


class OutreachEventList(RecordListView):
    table_class = tables.OutreachEventTable
    filterset_class = filters.OutreachEventFilterSet


class OutreachEventDetail(RecordDetailView):
    model = OutreachEvent


class StudyActivityEdit(RecordEditView):
    model = StudyActivity
    form_class = forms.StudyActivityForm


class StudyActivityDelete(RecordDeleteView):
    model = StudyActivity


class FieldVisitEdit(RecordEditView):
    model = FieldVisit
    form_class = forms.FieldVisitForm


class FieldVisitDelete(RecordDeleteView):
    model = FieldVisit


class OutreachEventEdit(RecordEditView):
    model = OutreachEvent
    form_class = forms.OutreachEventForm


class OutreachEventDelete(RecordDeleteView):
    model = OutreachEvent
