"""Who the caller is and what they may do where (``/access/me``), and the audit log they may read."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from cascade.core.api import Pagination, body_schema, form_data, scoped_get, scoped_list, write_form

from . import filters
from .domain import grantable_units, revoke_role
from .forms import RoleAssignmentForm
from .models import AuditEntry, RoleAssignment
from .scopes import top_units

router = Router(tags=["access"])


class UnitRef(Schema):
    id: int
    name: str


class TopUnitOut(UnitRef):
    path: str


class RoleOut(Schema):
    role: str
    role_label: str
    unit: UnitRef | None
    steering_group: UnitRef | None
    include_descendants: bool
    permissions: list[str]


class MeOut(Schema):
    username: str
    is_superuser: bool
    roles: list[RoleOut]
    top_units: list[TopUnitOut]


class AuditEntryOut(Schema):
    id: int
    action: str
    at: datetime
    username: str | None
    object_type: str | None
    object_id: str
    object_repr: str
    unit_id: int | None
    before: Any = None
    after: Any = None
    data: Any = None

    @staticmethod
    def resolve_username(obj) -> str | None:
        return obj.user.username if obj.user_id else None

    @staticmethod
    def resolve_object_type(obj) -> str | None:
        if obj.content_type_id is None:
            return None
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class RoleAssignmentOut(Schema):
    id: int
    username: str
    role: str
    unit_id: int | None
    steering_group_id: int | None
    include_descendants: bool
    granted_at: datetime

    @staticmethod
    def resolve_username(obj) -> str:
        return obj.user.username


@router.get("/me", response=MeOut)
def me(request: HttpRequest):
    """The caller's roles, each with its unit or steering group and permissions, and their top units."""
    user = request.user
    assignments = RoleAssignment.objects.filter(user=user).select_related("unit", "steering_group")
    roles = [
        {
            "role": a.role,
            "role_label": str(a.get_role_display()),
            "unit": {"id": a.unit.pk, "name": str(a.unit)} if a.unit_id else None,
            "steering_group": (
                {"id": a.steering_group.pk, "name": str(a.steering_group)} if a.steering_group_id else None
            ),
            "include_descendants": a.include_descendants,
            "permissions": sorted(a.permissions),
        }
        for a in assignments
    ]
    return {
        "username": user.get_username(),
        "is_superuser": user.is_superuser,
        "roles": roles,
        "top_units": [{"id": u.pk, "name": str(u), "path": u.path} for u in top_units(user)],
    }


@router.get("/audit", response=list[AuditEntryOut])
@paginate(Pagination)
def list_audit(request: HttpRequest):
    """Audit entries about units in the caller's ``access.audit:read`` scope, newest first."""
    return scoped_list(request, AuditEntry, filters.AuditEntryFilterSet).select_related(
        "user", "content_type"
    )


@router.get("/audit/{pk}", response=AuditEntryOut)
def get_audit_entry(request: HttpRequest, pk: int):
    return scoped_get(request, AuditEntry, pk)


@router.get("/role-assignments", response=list[RoleAssignmentOut])
@paginate(Pagination)
def list_role_assignments(request: HttpRequest):
    return scoped_list(request, RoleAssignment, filters.RoleAssignmentFilterSet).select_related("user")


@router.get("/role-assignments/{pk}", response=RoleAssignmentOut)
def get_role_assignment(request: HttpRequest, pk: int):
    return scoped_get(
        request,
        RoleAssignment,
        pk,
        queryset=RoleAssignment.objects.restrict(request.user, "read").select_related("user"),
    )


RoleAssignmentIn = body_schema(RoleAssignmentForm, name="RoleAssignmentIn")


@router.post("/role-assignments", response={201: RoleAssignmentOut})
def grant_role(request: HttpRequest, payload: RoleAssignmentIn):  # type: ignore[valid-type]
    """Give a user (by user name) a role over a unit (by id, name or short name) and, with
    ``include_descendants``, the units below it; for who may grant roles there."""
    if not grantable_units(request.user).exists():
        raise PermissionDenied(gettext("You may not grant roles."))
    form = RoleAssignmentForm(form_data(payload, RoleAssignmentForm), granted_by=request.user)
    return Status(201, write_form(form, form.save))


@router.delete("/role-assignments/{pk}", response={204: None})
def revoke_role_assignment(request: HttpRequest, pk: int):
    """Take a role away; for who may grant it there."""
    revoke_role(user=request.user, assignment=scoped_get(request, RoleAssignment, pk))
    return Status(204, None)
