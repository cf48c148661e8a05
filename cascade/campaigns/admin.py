"""Admin for campaigns and the work they cascade: study, research, supervision, rectification, outreach."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cascade.core.admin import workflow_action
from cascade.core.scopes import can
from cascade.organization.admin import (
    CascadeModelAdmin,
    HistoryAdminMixin,
    ReadOnlyInlineMixin,
    StackedInline,
    TabularInline,
)
from cascade.organization.models import Person

from .choices import RECTIFICATION_CLOSED, RectificationStatus
from .domain import open_item, transition_rectification
from .models import (
    AdoptedMeasure,
    Campaign,
    CampaignPhase,
    CampaignPhrase,
    CampaignScope,
    CounterpartOrganisation,
    FieldVisit,
    OutreachEvent,
    Reading,
    RectificationEvent,
    RectificationEvidence,
    RectificationItem,
    ResearchMethod,
    ResearchTopic,
    SessionCheckIn,
    SteeringAssignment,
    SteeringGroup,
    SteeringGroupMember,
    StudyActivity,
    StudyAttendance,
    StudySession,
    SupervisionFinding,
    SupervisionVisit,
    WorkPlan,
)


def _verbose(model, field: str):
    return model._meta.get_field(field).verbose_name


# --- campaign -------------------------------------------------------------------------------


class CampaignPhraseInline(TabularInline):
    model = CampaignPhrase
    extra = 0
    fields = ("kind", "order", "text", "text_zh")


class CampaignPhaseInline(TabularInline):
    model = CampaignPhase
    extra = 0
    fields = ("order", "name", "name_zh", "start_date", "end_date")


class CampaignScopeInline(TabularInline):
    model = CampaignScope
    extra = 0
    fields = ("unit", "include_descendants")
    autocomplete_fields = ("unit",)


@admin.register(Campaign)
class CampaignAdmin(CascadeModelAdmin):
    list_display = ("title", "title_zh", "slug", "office", "start_date", "end_date", "launched_on")
    list_select_related = ("office",)
    list_filter = ("start_date",)
    search_fields = ("title", "title_zh", "slug", "description")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("office",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (CampaignPhraseInline, CampaignPhaseInline, CampaignScopeInline)


@admin.register(CampaignPhrase)
class CampaignPhraseAdmin(CascadeModelAdmin):
    list_display = ("text", "text_zh", "kind", "order", "campaign")
    list_select_related = ("campaign",)
    list_filter = ("kind", "campaign")
    search_fields = ("text", "text_zh", "campaign__title")
    autocomplete_fields = ("campaign",)


@admin.register(CampaignPhase)
class CampaignPhaseAdmin(CascadeModelAdmin):
    list_display = ("name", "name_zh", "order", "start_date", "end_date", "campaign")
    list_select_related = ("campaign",)
    list_filter = ("campaign",)
    search_fields = ("name", "name_zh", "campaign__title")
    autocomplete_fields = ("campaign",)


@admin.register(CampaignScope)
class CampaignScopeAdmin(CascadeModelAdmin):
    list_display = ("campaign", "unit", "include_descendants")
    list_select_related = ("campaign", "unit")
    list_filter = ("include_descendants", "campaign")
    search_fields = ("campaign__title", "unit__name", "unit__name_zh", "unit__short_name")
    autocomplete_fields = ("campaign", "unit")


@admin.register(WorkPlan)
class WorkPlanAdmin(CascadeModelAdmin):
    list_display = ("title", "kind", "unit", "campaign", "issued_on", "standard")
    list_select_related = ("unit", "campaign")
    list_filter = ("kind", "campaign")
    search_fields = ("title", "title_zh", "unit__name", "unit__name_zh", "focus", "standard")
    autocomplete_fields = ("campaign", "unit")
    readonly_fields = ("created_at", "updated_at")


# --- study ----------------------------------------------------------------------------------


@admin.register(Reading)
class ReadingAdmin(CascadeModelAdmin):
    list_display = ("title", "title_zh", "note")
    search_fields = ("title", "title_zh", "note")


class StudySessionInline(TabularInline):
    model = StudySession
    extra = 0
    fields = ("date", "length", "hours", "topic")


class StudyAttendanceInline(TabularInline):
    model = StudyAttendance
    extra = 0
    fields = ("person", "hours")
    autocomplete_fields = ("person",)


@admin.register(StudyActivity)
class StudyActivityAdmin(CascadeModelAdmin):
    list_display = (
        "title",
        "kind",
        "unit",
        "cohort",
        "cohort_number",
        "start_date",
        "end_date",
        "speaker",
        "campaign",
    )
    list_select_related = ("unit", "speaker", "campaign")
    list_filter = ("kind", "cohort", "audience_rank", "original_texts", "campaign")
    search_fields = ("title", "title_zh", "unit__name", "unit__name_zh", "unit__short_name", "speaker__name")
    date_hierarchy = "start_date"
    autocomplete_fields = ("campaign", "unit", "speaker", "research_topic", "required_readings")
    readonly_fields = ("created_at", "updated_at")
    inlines = (StudySessionInline, StudyAttendanceInline)


@admin.register(StudySession)
class StudySessionAdmin(CascadeModelAdmin):
    list_display = ("activity", "date", "length", "hours", "topic")
    list_select_related = ("activity",)
    list_filter = ("length", "activity__kind", "activity__campaign")
    search_fields = ("activity__title", "activity__title_zh", "topic")
    date_hierarchy = "date"
    autocomplete_fields = ("activity",)


@admin.register(StudyAttendance)
class StudyAttendanceAdmin(CascadeModelAdmin):
    list_display = ("person", "activity", "hours")
    list_select_related = ("person", "activity")
    list_filter = ("activity__kind", "activity__campaign")
    search_fields = ("person__name", "person__name_zh", "activity__title", "activity__title_zh")
    autocomplete_fields = ("activity", "person")


@admin.register(SessionCheckIn)
class SessionCheckInAdmin(HistoryAdminMixin, CascadeModelAdmin):
    """Written and taken back on the session's check-in desk only (the hours follow them)."""

    list_display = ("person", "session", "checked_in_at", "method", "recorded_by")
    list_select_related = ("person", "session__activity", "recorded_by")
    list_filter = ("method",)
    search_fields = ("person__name", "person__name_zh", "session__activity__title")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- research -------------------------------------------------------------------------------


@admin.register(ResearchMethod)
class ResearchMethodAdmin(CascadeModelAdmin):
    list_display = ("name", "name_zh", "code")
    search_fields = ("name", "name_zh", "code", "description")
    prepopulated_fields = {"code": ("name",)}


class AdoptedMeasureInline(StackedInline):
    model = AdoptedMeasure
    extra = 0
    fields = ("description", "description_zh", "adopted_on")


class FieldVisitInline(StackedInline):
    model = FieldVisit
    fk_name = "topic"
    extra = 0
    fields = (
        ("date", "unannounced"),
        ("unit", "campaign"),
        ("led_by", "visited_unit"),
        ("visited", "visited_zh"),
        "findings",
    )
    autocomplete_fields = ("campaign", "unit", "led_by", "visited_unit")


@admin.register(ResearchTopic)
class ResearchTopicAdmin(CascadeModelAdmin):
    list_display = (
        "title",
        "unit",
        "claimed_by",
        "work_area",
        "status",
        "started_on",
        "reported_on",
        "campaign",
    )
    list_select_related = ("unit", "claimed_by", "campaign")
    list_filter = ("status", "methods", "campaign")
    search_fields = (
        "title",
        "title_zh",
        "work_area",
        "work_area_zh",
        "unit__name",
        "unit__name_zh",
        "unit__short_name",
        "claimed_by__name",
        "claimed_by__name_zh",
    )
    autocomplete_fields = ("campaign", "unit", "claimed_by", "methods")
    readonly_fields = ("created_at", "updated_at")
    inlines = (AdoptedMeasureInline, FieldVisitInline)


@admin.register(FieldVisit)
class FieldVisitAdmin(CascadeModelAdmin):
    list_display = ("visited", "date", "unannounced", "unit", "led_by", "visited_unit", "topic", "campaign")
    list_select_related = ("unit", "led_by", "visited_unit", "topic", "campaign")
    list_filter = ("unannounced", "campaign")
    search_fields = (
        "visited",
        "visited_zh",
        "findings",
        "unit__name",
        "unit__name_zh",
        "led_by__name",
        "led_by__name_zh",
        "topic__title",
    )
    date_hierarchy = "date"
    autocomplete_fields = ("campaign", "unit", "topic", "led_by", "visited_unit")
    readonly_fields = ("created_at", "updated_at")


@admin.register(AdoptedMeasure)
class AdoptedMeasureAdmin(CascadeModelAdmin):
    list_display = ("__str__", "topic", "adopted_on")
    list_select_related = ("topic",)
    list_filter = ("topic__campaign",)
    search_fields = ("description", "description_zh", "topic__title", "topic__title_zh")
    autocomplete_fields = ("topic",)
    readonly_fields = ("created_at", "updated_at")


# --- supervision ----------------------------------------------------------------------------


class SteeringGroupMemberInline(TabularInline):
    model = SteeringGroupMember
    extra = 0
    fields = ("person", "role")
    autocomplete_fields = ("person",)


class SteeringAssignmentInline(TabularInline):
    model = SteeringAssignment
    extra = 0
    fields = ("unit",)
    autocomplete_fields = ("unit",)


@admin.register(SteeringGroup)
class SteeringGroupAdmin(CascadeModelAdmin):
    list_display = ("name", "name_zh", "number", "roving", "sent_on", "unit", "campaign")
    list_select_related = ("unit", "campaign")
    list_filter = ("roving", "campaign")
    search_fields = ("name", "name_zh", "unit__name", "unit__name_zh", "unit__short_name")
    autocomplete_fields = ("campaign", "unit")
    readonly_fields = ("created_at", "updated_at")
    inlines = (SteeringGroupMemberInline, SteeringAssignmentInline)


@admin.register(SteeringGroupMember)
class SteeringGroupMemberAdmin(CascadeModelAdmin):
    list_display = ("person", "role", "group")
    list_select_related = ("person", "group")
    list_filter = ("role", "group__campaign")
    search_fields = ("person__name", "person__name_zh", "group__name", "group__name_zh")
    autocomplete_fields = ("group", "person")


@admin.register(SteeringAssignment)
class SteeringAssignmentAdmin(CascadeModelAdmin):
    list_display = ("group", "unit")
    list_select_related = ("group", "unit")
    list_filter = ("group__campaign",)
    search_fields = ("group__name", "group__name_zh", "unit__name", "unit__name_zh", "unit__short_name")
    autocomplete_fields = ("group", "unit")


class SupervisionFindingInline(StackedInline):
    model = SupervisionFinding
    extra = 0
    fields = ("description", "severity")


@admin.register(SupervisionVisit)
class SupervisionVisitAdmin(CascadeModelAdmin):
    list_display = ("date", "group", "unit", "mode", "feedback_on")
    list_select_related = ("group", "unit")
    list_filter = ("mode", "group__campaign")
    search_fields = ("group__name", "group__name_zh", "unit__name", "unit__name_zh", "summary", "feedback")
    date_hierarchy = "date"
    autocomplete_fields = ("group", "unit")
    readonly_fields = ("created_at", "updated_at")
    inlines = (SupervisionFindingInline,)


@admin.register(SupervisionFinding)
class SupervisionFindingAdmin(CascadeModelAdmin):
    list_display = ("__str__", "severity", "visit")
    list_select_related = ("visit__group", "visit__unit")
    list_filter = ("severity", "visit__group__campaign")
    search_fields = ("description", "visit__unit__name", "visit__unit__name_zh", "visit__group__name")
    autocomplete_fields = ("visit",)


# --- rectification --------------------------------------------------------------------------


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return (("yes", _("overdue")), ("no", _("not overdue")))

    def queryset(self, request, queryset):
        overdue = Q(deadline__lt=timezone.localdate()) & ~Q(status__in=RECTIFICATION_CLOSED)
        if self.value() == "yes":
            return queryset.filter(overdue)
        if self.value() == "no":
            return queryset.exclude(overdue)
        return queryset


class RectificationEventInline(ReadOnlyInlineMixin, TabularInline):
    model = RectificationEvent
    fields = ("at", "from_status", "to_status", "person", "user", "note")
    readonly_fields = fields
    ordering = ("at", "pk")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "user")


class RectificationEvidenceInline(TabularInline):
    model = RectificationEvidence
    extra = 0
    fields = ("file", "description", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_by", "uploaded_at")


def _transition_action(to: str):
    """An admin action moving the selected items to ``to`` through the workflow's one door."""

    def move(item, request):
        person = Person.objects.filter(user=request.user).first()
        transition_rectification(item=item, to=to, person=person, user=request.user)

    return workflow_action(
        to=to,
        permissions=("transition",),
        label=RectificationStatus(to).label,
        move=move,
        done_message=lambda n: ngettext(
            "%(count)d item moved to “%(status)s”.", "%(count)d items moved to “%(status)s”.", n
        ),
    )


@admin.register(RectificationItem)
class RectificationItemAdmin(CascadeModelAdmin):
    """``status`` and verification move only through ``domain.transition_rectification``.

    They are read-only on the form; the actions move the selected items, with history.
    """

    list_display = (
        "short_problem",
        "unit",
        "owner",
        "source",
        "status",
        "opened_on",
        "deadline",
        "verified_by",
        "campaign",
    )
    list_select_related = ("unit", "owner", "verified_by", "campaign")
    list_filter = ("status", "source", OverdueFilter, "campaign")
    search_fields = (
        "problem",
        "problem_zh",
        "measures",
        "unit__name",
        "unit__name_zh",
        "unit__short_name",
        "owner__name",
        "owner__name_zh",
    )
    date_hierarchy = "opened_on"
    autocomplete_fields = ("campaign", "unit", "owner", "finding", "research_topic")
    readonly_fields = ("status", "verified_by", "verified_at", "created_at", "updated_at")
    inlines = (RectificationEventInline, RectificationEvidenceInline)
    inline_user_fields = {RectificationEvidence: "uploaded_by"}
    actions = [
        _transition_action(status)
        for status in RectificationStatus.values
        if status != RectificationStatus.OPEN
    ]

    @admin.display(description=_verbose(RectificationItem, "problem"), ordering="problem")
    def short_problem(self, obj):
        return Truncator(obj.problem).chars(80)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # A new item opens through the workflow's door, with the first event of its history.
        open_item(item=obj, user=request.user, person=Person.objects.filter(user=request.user).first())

    def has_transition_permission(self, request) -> bool:
        """The workflow actions: for who may move some item; each item is checked by the domain."""
        return any(
            can(request.user, permission)
            for permission in ("campaign.rectification:write", "campaign.rectification:verify")
        )


@admin.register(RectificationEvent)
class RectificationEventAdmin(HistoryAdminMixin, CascadeModelAdmin):
    list_display = ("at", "item", "from_status", "to_status", "person", "user")
    list_select_related = ("item", "person", "user")
    list_filter = ("to_status",)
    search_fields = ("item__problem", "note", "person__name", "user__username")
    date_hierarchy = "at"
    readonly_fields = ("item", "from_status", "to_status", "person", "user", "note", "at")


@admin.register(RectificationEvidence)
class RectificationEvidenceAdmin(CascadeModelAdmin):
    list_display = ("__str__", "item", "uploaded_by", "uploaded_at")
    list_select_related = ("item", "uploaded_by")
    search_fields = ("description", "file", "item__problem")
    date_hierarchy = "uploaded_at"
    autocomplete_fields = ("item",)
    readonly_fields = ("uploaded_by", "uploaded_at")
    user_field = "uploaded_by"


# --- outreach -------------------------------------------------------------------------------


@admin.register(CounterpartOrganisation)
class CounterpartOrganisationAdmin(CascadeModelAdmin):
    list_display = ("name", "name_zh", "kind", "country")
    list_select_related = ("country",)
    list_filter = ("kind",)
    search_fields = ("name", "name_zh", "country__name", "country__name_zh")
    autocomplete_fields = ("country",)


@admin.register(OutreachEvent)
class OutreachEventAdmin(CascadeModelAdmin):
    list_display = ("title", "kind", "unit", "start_date", "end_date", "place", "participants", "campaign")
    list_select_related = ("unit", "campaign")
    list_filter = ("kind", "campaign")
    search_fields = ("title", "title_zh", "place", "unit__name", "unit__name_zh", "unit__short_name")
    date_hierarchy = "start_date"
    autocomplete_fields = ("campaign", "unit", "countries", "organisations")
    readonly_fields = ("created_at", "updated_at")
