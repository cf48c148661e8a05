"""Admin for work conferences (agenda, speeches, attendance, arrangements) and directives."""

from django.contrib import admin
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cascade.core.admin import workflow_action
from cascade.core.scopes import can
from cascade.organization.admin import CascadeModelAdmin, HistoryAdminMixin, StackedInline, TabularInline

from .choices import DirectiveStatus
from .domain import DELIVERY_PERMISSIONS, set_directive_status
from .models import (
    AgendaItem,
    Arrangement,
    Attendee,
    AttendeeCategory,
    AttendeeCheckIn,
    Conference,
    Directive,
    DirectiveRecipient,
    ProgressReport,
    Speech,
)

# --- conference -----------------------------------------------------------------------------


class AgendaItemInline(TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("order", "date", "title", "title_zh", "description")


class SpeechInline(StackedInline):
    model = Speech
    extra = 0
    fields = (
        ("order", "is_principal"),
        ("speaker", "speaker_unit"),
        ("speaker_label", "speaker_label_zh"),
        ("role", "role_zh"),
        ("title", "title_zh"),
        "summary",
        "summary_zh",
        "text",
    )
    autocomplete_fields = ("speaker", "speaker_unit")


class AttendeeCategoryInline(TabularInline):
    model = AttendeeCategory
    extra = 0
    fields = ("order", "name", "name_zh", "headcount", "seating_block")


class AttendeeInline(TabularInline):
    """Named attendees; the category is one of this conference's, read once for all rows."""

    model = Attendee
    extra = 0
    fields = ("order", "person", "category", "role", "seat")
    autocomplete_fields = ("person",)

    def get_formset(self, request, obj=None, **kwargs):
        categories = AttendeeCategory.objects.filter(conference=obj) if obj is not None and obj.pk else None
        kwargs["formfield_callback"] = self._formfield_callback(request, categories)
        formset = super().get_formset(request, obj, **kwargs)

        class CategoryChoicesFormSet(formset):
            _category_choices = None

            def add_fields(self, form, index):
                super().add_fields(form, index)
                field = form.fields.get("category")
                if field is None:
                    return
                if self._category_choices is None:
                    self._category_choices = list(field.choices)  # one query, shared by every row
                field.choices = self._category_choices

        return CategoryChoicesFormSet

    def _formfield_callback(self, request, categories):
        def callback(db_field, **kwargs):
            if db_field.name == "category":
                kwargs["queryset"] = categories if categories is not None else AttendeeCategory.objects.none()
            return self.formfield_for_dbfield(db_field, request=request, **kwargs)

        return callback


class ArrangementInline(StackedInline):
    model = Arrangement
    extra = 0
    fields = ("order", ("theme", "theme_zh"), "text", "text_zh")


@admin.register(Conference)
class ConferenceAdmin(CascadeModelAdmin):
    list_display = (
        "title",
        "title_zh",
        "start_date",
        "end_date",
        "venue",
        "convened_by",
        "secretariat",
        "campaign",
    )
    list_select_related = ("secretariat", "campaign")
    list_filter = ("campaign",)
    search_fields = ("title", "title_zh", "slug", "venue", "venue_zh", "convened_by", "convened_by_zh")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("secretariat", "campaign")
    readonly_fields = ("created_at", "updated_at")
    inlines = (AgendaItemInline, SpeechInline, AttendeeCategoryInline, AttendeeInline, ArrangementInline)


@admin.register(AgendaItem)
class AgendaItemAdmin(CascadeModelAdmin):
    list_display = ("title", "title_zh", "order", "date", "conference")
    list_select_related = ("conference",)
    list_filter = ("conference",)
    search_fields = ("title", "title_zh", "description", "conference__title")
    autocomplete_fields = ("conference",)


@admin.register(Speech)
class SpeechAdmin(CascadeModelAdmin):
    list_display = ("__str__", "role", "title", "is_principal", "order", "conference")
    list_select_related = ("speaker", "conference")
    list_filter = ("is_principal", "conference")
    search_fields = (
        "speaker__name",
        "speaker__name_zh",
        "speaker_label",
        "speaker_label_zh",
        "role",
        "title",
        "title_zh",
        "summary",
    )
    autocomplete_fields = ("conference", "speaker", "speaker_unit")


@admin.register(AttendeeCategory)
class AttendeeCategoryAdmin(CascadeModelAdmin):
    list_display = ("name", "name_zh", "headcount", "seating_block", "order", "conference")
    list_select_related = ("conference",)
    list_filter = ("conference",)
    search_fields = ("name", "name_zh", "conference__title")
    autocomplete_fields = ("conference",)


@admin.register(Attendee)
class AttendeeAdmin(CascadeModelAdmin):
    list_display = ("person", "category", "role", "seat", "order", "conference")
    list_select_related = ("person", "category", "conference")
    list_filter = ("role", "conference")
    search_fields = ("person__name", "person__name_zh", "category__name", "category__name_zh", "seat")
    autocomplete_fields = ("conference", "person", "category")


@admin.register(AttendeeCheckIn)
class AttendeeCheckInAdmin(HistoryAdminMixin, CascadeModelAdmin):
    """Written and taken back on the conference's check-in desk only."""

    list_display = ("attendee", "date", "checked_in_at", "method", "recorded_by")
    list_select_related = ("attendee__person", "attendee__conference", "recorded_by")
    list_filter = ("method", "attendee__conference")
    search_fields = ("attendee__person__name", "attendee__person__name_zh")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Arrangement)
class ArrangementAdmin(CascadeModelAdmin):
    list_display = ("theme", "theme_zh", "order", "conference")
    list_select_related = ("conference",)
    list_filter = ("conference",)
    search_fields = ("theme", "theme_zh", "text", "text_zh", "conference__title")
    autocomplete_fields = ("conference",)


# --- directives -----------------------------------------------------------------------------


class LateFilter(admin.SimpleListFilter):
    """Recipients past the directive's deadline and not done."""

    title = _("deadline")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return (("yes", _("late")), ("no", _("on time")))

    def queryset(self, request, queryset):
        late = Q(directive__deadline__lt=timezone.localdate()) & ~Q(status=DirectiveStatus.DONE)
        late |= Q(status=DirectiveStatus.DONE, completed_on__gt=F("directive__deadline"))
        if self.value() == "yes":
            return queryset.filter(late)
        if self.value() == "no":
            return queryset.exclude(late)
        return queryset


class DirectiveRecipientInline(TabularInline):
    model = DirectiveRecipient
    extra = 0
    fields = ("unit", "status", "acknowledged_at", "acknowledged_by", "completed_on")
    readonly_fields = ("status", "acknowledged_at", "acknowledged_by", "completed_on")
    autocomplete_fields = ("unit",)
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("acknowledged_by")


@admin.register(Directive)
class DirectiveAdmin(CascadeModelAdmin):
    list_display = ("title", "issued_by", "issued_on", "deadline", "conference", "campaign", "parent")
    list_select_related = ("issued_by", "conference", "campaign", "parent")
    list_filter = ("conference", "campaign")
    search_fields = ("title", "title_zh", "text", "issued_by__name", "issued_by__name_zh")
    date_hierarchy = "issued_on"
    autocomplete_fields = ("issued_by", "conference", "arrangement", "campaign", "parent")
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = (DirectiveRecipientInline,)
    user_field = "created_by"


class ProgressReportInline(StackedInline):
    model = ProgressReport
    extra = 0
    fields = (("reported_on", "percent_done"), "text", "reported_by")
    readonly_fields = ("reported_by",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reported_by")


def _status_action(to: str):
    """An admin action moving the selected recipients' copies to ``to`` through the domain."""
    return workflow_action(
        to=to,
        permissions=("answer",),
        label=DirectiveStatus(to).label,
        move=lambda delivery, request: set_directive_status(delivery=delivery, to=to, user=request.user),
        done_message=lambda n: ngettext(
            "%(count)d directive moved to “%(status)s”.", "%(count)d directives moved to “%(status)s”.", n
        ),
    )


@admin.register(DirectiveRecipient)
class DirectiveRecipientAdmin(CascadeModelAdmin):
    """The status moves only through ``domain.set_directive_status`` (the actions), with history."""

    list_display = ("directive", "unit", "status", "acknowledged_at", "completed_on")
    list_select_related = ("directive", "unit")
    list_filter = ("status", LateFilter, "directive__conference", "directive__campaign")
    search_fields = (
        "directive__title",
        "directive__title_zh",
        "unit__name",
        "unit__name_zh",
        "unit__short_name",
    )
    autocomplete_fields = ("directive", "unit")
    readonly_fields = ("status", "acknowledged_at", "acknowledged_by", "completed_on")
    inlines = (ProgressReportInline,)
    inline_user_fields = {ProgressReport: "reported_by"}
    actions = [
        _status_action(status) for status in DirectiveStatus.values if status != DirectiveStatus.PENDING
    ]

    def has_answer_permission(self, request) -> bool:
        """The status actions: for who may answer some delivery; each one is checked by the domain."""
        return any(can(request.user, p) for p in set(DELIVERY_PERMISSIONS.values()))


@admin.register(ProgressReport)
class ProgressReportAdmin(CascadeModelAdmin):
    list_display = ("recipient", "reported_on", "percent_done", "reported_by")
    list_select_related = ("recipient__directive", "recipient__unit", "reported_by")
    search_fields = (
        "text",
        "recipient__directive__title",
        "recipient__unit__name",
        "recipient__unit__name_zh",
    )
    date_hierarchy = "reported_on"
    autocomplete_fields = ("recipient",)
    readonly_fields = ("reported_by",)
    user_field = "reported_by"
