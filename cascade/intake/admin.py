"""Admin for what units send in: narrative reports."""

from django.contrib import admin

from cascade.organization.admin import CascadeModelAdmin

from .models import NarrativeReport


@admin.register(NarrativeReport)
class NarrativeReportAdmin(CascadeModelAdmin):
    list_display = ("title", "unit", "period_start", "period_end", "dated", "language", "status", "campaign")
    list_select_related = ("unit", "campaign")
    list_filter = ("status", "language", "campaign")
    search_fields = ("title", "text", "unit__name", "unit__name_zh", "unit__short_name")
    date_hierarchy = "period_end"
    autocomplete_fields = ("unit", "campaign")
    readonly_fields = ("submitted_by", "created_at", "updated_at")
    user_field = "submitted_by"
