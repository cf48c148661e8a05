"""Admin for role assignments, the (read-only) audit log and users' API tokens; roles also
show on each user.

Role assignments are granted and revoked here through ``domain.grant_role`` and
``domain.revoke_role`` (on their own pages and in the roles of a user's page); a grant is
not edited: revoke it and grant another. API tokens are listed for superusers, never with
their digest, and revoked through ``domain.revoke_token``; they are made by their users
on Cascade's own "API tokens" page.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy, ngettext

from cascade.organization.admin import CascadeAdminMixin, CascadeModelAdmin, HistoryAdminMixin, TabularInline

from .domain import grant_role, revoke_role, revoke_token
from .models import ApiToken, AuditEntry, RoleAssignment


def _grant(request, obj: RoleAssignment) -> RoleAssignment:
    """Grant what the unsaved ``obj`` describes; ``obj`` then stands for the assignment granted."""
    assignment = grant_role(
        user=request.user,
        target=obj.user,
        role=obj.role,
        unit=obj.unit,
        steering_group=obj.steering_group,
        include_descendants=obj.include_descendants,
    )
    obj.pk = assignment.pk
    obj.granted_at = assignment.granted_at
    obj._state.adding = False
    obj._state.db = assignment._state.db
    return obj


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

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # granted and revoked, never edited

    def save_model(self, request, obj, form, change):
        _grant(request, obj)  # only adds come here: there is no change form

    def save_related(self, request, form, formsets, change):
        # grant_role logged the grant; skip the admin's own "created" entry.
        super(CascadeAdminMixin, self).save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        revoke_role(user=request.user, assignment=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                revoke_role(user=request.user, assignment=obj)


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


@admin.register(ApiToken)
class ApiTokenAdmin(CascadeModelAdmin):
    """Who holds which tokens, read-only; the only change made here is revoking (an action)."""

    TOKEN_FIELDS = ("name", "prefix", "user", "created_at", "last_used_at", "expires_at", "revoked_at")
    list_display = TOKEN_FIELDS
    list_select_related = ("user",)
    list_filter = (("revoked_at", admin.EmptyFieldListFilter), ("expires_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "prefix", "user__username", "user__first_name", "user__last_name")
    date_hierarchy = "created_at"
    fields = TOKEN_FIELDS  # never the digest
    readonly_fields = TOKEN_FIELDS
    audit_exclude = ("password", "digest")
    actions = ["revoke_selected"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # made by their users, and shown to them once

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked, never deleted: the list keeps who held what

    @admin.action(description=gettext_lazy("Revoke the selected tokens"))
    def revoke_selected(self, request, queryset):
        count = 0
        with transaction.atomic():
            for token in queryset.filter(revoked_at__isnull=True):
                revoke_token(token=token, user=request.user)
                count += 1
        self.message_user(
            request,
            ngettext("Revoked %(count)d token.", "Revoked %(count)d tokens.", count) % {"count": count},
        )


class RoleAssignmentInline(TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ("role", "unit", "include_descendants", "steering_group", "granted_at")
    readonly_fields = ("granted_at",)
    autocomplete_fields = ("unit", "steering_group")

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # rows are granted (added) and revoked (deleted), never edited

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "steering_group")


User = get_user_model()
_base_user_admin = (
    admin.site._registry.get(User).__class__ if admin.site.is_registered(User) else BaseUserAdmin
)


class UserAdmin(CascadeAdminMixin, _base_user_admin):
    """Django's user admin, with the user's roles and every change in the audit log."""

    inlines = (*_base_user_admin.inlines, RoleAssignmentInline)

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        # Existing rows are read-only here: the formset holds new rows and rows to delete.
        new = formset.save(commit=False)
        with transaction.atomic():
            for obj in formset.deleted_objects:
                revoke_role(user=request.user, assignment=obj)
            for obj in new:
                obj.user = form.instance
                _grant(request, obj)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, UserAdmin)
