"""Admin for what units send in: narrative reports, the facts read from them, spreadsheet imports."""

from django.contrib import admin

from cascade.organization.admin import CascadeModelAdmin, TabularInline

from .models import ExtractedFact, ImportJob, NarrativeReport


class ExtractedFactInline(TabularInline):
    model = ExtractedFact
    fields = ("text", "unit", "kind", "measure", "value", "qualifier", "status", "decided_by")
    readonly_fields = ("text", "kind", "measure", "qualifier", "status", "decided_by")
    autocomplete_fields = ("unit",)
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NarrativeReport)
class NarrativeReportAdmin(CascadeModelAdmin):
    inlines = (ExtractedFactInline,)
    list_display = ("title", "unit", "period_start", "period_end", "dated", "language", "status", "campaign")
    list_select_related = ("unit", "campaign")
    list_filter = ("status", "language", "campaign")
    search_fields = ("title", "text", "unit__name", "unit__name_zh", "unit__short_name")
    date_hierarchy = "period_end"
    autocomplete_fields = ("unit", "campaign")
    readonly_fields = ("submitted_by", "created_at", "updated_at")
    user_field = "submitted_by"


@admin.register(ExtractedFact)
class ExtractedFactAdmin(CascadeModelAdmin):
    list_display = ("text", "unit", "kind", "measure", "value", "qualifier", "status", "report")
    list_select_related = ("unit", "report")
    list_filter = ("status", "kind")
    search_fields = ("text", "unit_text", "report__title")
    autocomplete_fields = ("unit", "report")
    readonly_fields = (
        "text",
        "start",
        "end",
        "unit_text",
        "decided_by",
        "decided_at",
        "created_at",
        "updated_at",
    )


@admin.register(ImportJob)
class ImportJobAdmin(CascadeModelAdmin):
    """Imports are made on Cascade's own pages; the admin only shows them."""

    list_display = ("file_name", "kind", "status", "created_by", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("file_name", "sha256")
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
