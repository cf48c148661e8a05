"""The reports app's tables a person reads: notifications and briefing files, listed read-only
for superusers.

The rollup engine's tables are internal bookkeeping and are not registered. Notifications are
made by the daily run (``reminders.send_reminders``) and marked read by their recipients on
Cascade's own pages; here they can be looked at, and deleted by a superuser.
"""

from django.contrib import admin

from cascade.organization.admin import CascadeModelAdmin, HistoryAdminMixin

from .models import BriefingFile, Notification


@admin.register(Notification)
class NotificationAdmin(HistoryAdminMixin, CascadeModelAdmin):
    FIELDS = (
        "recipient",
        "stage",
        "delivery",
        "item",
        "deadline",
        "day",
        "created_at",
        "read_at",
        "emailed_at",
    )
    list_display = (
        "created_at",
        "recipient",
        "stage",
        "delivery",
        "item",
        "deadline",
        "read_at",
        "emailed_at",
    )
    list_select_related = ("recipient", "delivery__directive", "delivery__unit", "item")
    list_filter = (
        "stage",
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("recipient__username", "delivery__directive__title", "item__problem")
    date_hierarchy = "created_at"
    fields = FIELDS
    readonly_fields = FIELDS


@admin.register(BriefingFile)
class BriefingFileAdmin(HistoryAdminMixin, CascadeModelAdmin):
    FIELDS = (
        "requested_by",
        "unit",
        "campaign",
        "period_start",
        "period_end",
        "lang",
        "status",
        "file",
        "message",
        "created_at",
        "updated_at",
    )
    list_display = ("created_at", "requested_by", "unit", "campaign", "lang", "status")
    list_select_related = ("requested_by", "unit", "campaign")
    list_filter = ("status", "lang")
    search_fields = ("requested_by__username", "unit__name")
    date_hierarchy = "created_at"
    fields = FIELDS
    readonly_fields = FIELDS
