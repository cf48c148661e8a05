"""Admin for role assignments and the (read-only) audit log; roles also show on each user."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from cascade.organization.admin import CascadeAdminMixin, CascadeModelAdmin, HistoryAdminMixin, TabularInline

from .models import AuditEntry, RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(CascadeModelAdmin):
    list_display = ("user", "role", "unit", "include_descendants", "steering_group", "granted_at")
    list_select_related = ("user", "unit", "steering_group")
    list_filter = ("role", "include_descendants", ("steering_group", admin.RelatedOnlyFieldListFilter))
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "unit__name",
        "unit__name_zh",
        "unit__short_name",
        "steering_group__name",
        "steering_group__name_zh",
    )
    date_hierarchy = "granted_at"
    autocomplete_fields = ("user", "unit", "steering_group")
    readonly_fields = ("granted_at",)


@admin.register(AuditEntry)
class AuditEntryAdmin(HistoryAdminMixin, CascadeModelAdmin):
    """Nobody writes the audit log by hand; only a superuser may delete from it."""

    list_display = ("at", "action", "user", "content_type", "object_repr", "unit")
    list_select_related = ("user", "content_type", "unit")
    list_filter = ("action", "content_type")
    search_fields = ("action", "object_repr", "object_id", "user__username", "unit__name", "unit__name_zh")
    date_hierarchy = "at"
    readonly_fields = (
        "action",
        "at",
        "user",
        "content_type",
        "object_id",
        "object_repr",
        "unit",
        "before",
        "after",
        "data",
    )


class RoleAssignmentInline(TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ("role", "unit", "include_descendants", "steering_group", "granted_at")
    readonly_fields = ("granted_at",)
    autocomplete_fields = ("unit", "steering_group")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "steering_group")


User = get_user_model()
_base_user_admin = (
    admin.site._registry.get(User).__class__ if admin.site.is_registered(User) else BaseUserAdmin
)


class UserAdmin(CascadeAdminMixin, _base_user_admin):
    """Django's user admin, with the user's roles and every change in the audit log."""

    inlines = (*_base_user_admin.inlines, RoleAssignmentInline)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, UserAdmin)
