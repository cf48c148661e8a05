"""Columns of the audit log and role assignment lists (pages and exports)."""

from django.utils.translation import gettext_lazy as _

from cascade.core.tables import Column, Table

from .models import AuditEntry, RoleAssignment


class AuditEntryTable(Table):
    model = AuditEntry
    columns = (
        Column("at", link=True),
        Column("action"),
        Column("user"),
        Column("content_type", label=_("object type")),
        Column("object_repr"),
        Column("unit"),
    )
    select_related = ("user", "content_type", "unit")


class RoleAssignmentTable(Table):
    model = RoleAssignment
    columns = (
        Column("user", link=True),
        Column("role"),
        Column("unit"),
        Column("include_descendants"),
        Column("steering_group"),
        Column("granted_at"),
    )
    select_related = ("user", "unit", "steering_group")
