"""Columns of the campaign record lists (pages and exports)."""

from django.utils.translation import gettext_lazy as _

from cascade.core.tables import Column, Table

from .models import (
    AdoptedMeasure,
    Campaign,
    CampaignPhase,
    CampaignScope,
    FieldVisit,
    OutreachEvent,
    RectificationEvent,
    RectificationEvidence,
    RectificationItem,
    ResearchTopic,
    SteeringAssignment,
    SteeringGroup,
    StudyActivity,
    StudyAttendance,
    StudySession,
    SupervisionFinding,
    SupervisionVisit,
)


class CampaignTable(Table):
    model = Campaign
    columns = (
        Column("__str__", label=_("title"), link=True),
        Column("office"),
        Column("start_date"),
        Column("end_date"),
    )
    select_related = ("office",)


class CampaignPhaseTable(Table):
    model = CampaignPhase
    columns = (Column("order"), Column("__str__", label=_("name")), Column("start_date"), Column("end_date"))


class CampaignScopeTable(Table):
    model = CampaignScope
    columns = (Column("unit"), Column("include_descendants"))
    select_related = ("unit",)


class StudyActivityTable(Table):
    model = StudyActivity
    columns = (
        Column("__str__", label=_("title"), link=True),
        Column("kind"),
        Column("unit"),
        Column("audience"),
        Column("start_date"),
        Column("campaign"),
    )
    select_related = ("unit", "campaign")


class StudySessionTable(Table):
    model = StudySession
    columns = (Column("date"), Column("length"), Column("hours"), Column("topic"))


class StudyAttendanceTable(Table):
    model = StudyAttendance
    columns = (Column("person"), Column("hours"))
    select_related = ("person",)


class ResearchTopicTable(Table):
    model = ResearchTopic
    columns = (
        Column("__str__", label=_("title"), link=True),
        Column("unit"),
        Column("claimed_by"),
        Column("work_area"),
        Column("status"),
    )
    select_related = ("unit", "claimed_by")


class FieldVisitTable(Table):
    model = FieldVisit
    columns = (
        Column("visited", link=True),
        Column("date"),
        Column("unit"),
        Column("led_by"),
        Column("unannounced"),
    )
    select_related = ("unit", "led_by")


class SteeringGroupTable(Table):
    model = SteeringGroup
    columns = (
        Column("__str__", label=_("name"), link=True),
        Column("unit"),
        Column("roving"),
        Column("sent_on"),
        Column("campaign"),
    )
    select_related = ("unit", "campaign")


class SteeringAssignmentTable(Table):
    model = SteeringAssignment
    columns = (Column("unit"),)
    select_related = ("unit",)


class AdoptedMeasureTable(Table):
    model = AdoptedMeasure
    columns = (Column("__str__", label=_("description")), Column("adopted_on"))


class SupervisionFindingTable(Table):
    model = SupervisionFinding
    columns = (Column("description"), Column("severity"), Column("item", label=_("rectification item")))
    select_related = ("rectification_item",)

    def item(self, row: SupervisionFinding) -> str:
        item = getattr(row, "rectification_item", None)
        return item.get_status_display() if item is not None else ""


class RectificationEvidenceTable(Table):
    model = RectificationEvidence
    columns = (
        Column("__str__", label=_("file"), link="campaigns:rectificationevidence_file"),
        Column("uploaded_by"),
        Column("uploaded_at"),
    )
    select_related = ("uploaded_by",)


class SupervisionVisitTable(Table):
    model = SupervisionVisit
    columns = (Column("date", link=True), Column("group"), Column("unit"), Column("mode"))
    select_related = ("group", "unit")


class RectificationItemTable(Table):
    model = RectificationItem
    columns = (
        Column("problem", link=True),
        Column("unit"),
        Column("source"),
        Column("owner"),
        Column("deadline"),
        Column("status"),
    )
    select_related = ("unit", "owner")


class RectificationEventTable(Table):
    model = RectificationEvent
    columns = (Column("at"), Column("from_status"), Column("to_status"), Column("person"), Column("note"))
    select_related = ("person",)


class OutreachEventTable(Table):
    model = OutreachEvent
    columns = (
        Column("__str__", label=_("title"), link=True),
        Column("kind"),
        Column("unit"),
        Column("start_date"),
        Column("place"),
        Column("participants"),
    )
    select_related = ("unit",)
