"""Figures over HTTP (the rollup of a unit's subtree, for a campaign and period) and the caller's
notifications.

Only units the caller may read can be rolled up (others answer 404, as if they did not
exist); the figures count only what the caller may read, and the per-child drill-down
leaves out children outside the caller's scope. A notification is its recipient's alone:
another's answers 404.
"""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from cascade.access.scopes import visible_units
from cascade.core.api import Pagination, scoped_get

from .domain import rollup
from .forms import RollupQueryForm
from .models import Notification
from .reminders import mark_all_read, mark_read

router = Router(tags=["reports"])


class RollupParams(Schema):
    unit: str
    campaign: str = ""
    start: str = ""
    end: str = ""
    as_of: str = ""


class RollupOut(Schema):
    unit: dict[str, Any]
    campaign: str | None
    period: dict[str, str | None]
    as_of: str
    totals: dict[str, dict[str, int | float]]
    coverage: dict[str, dict[str, int]]
    children: list[dict[str, Any]]


@router.get("/rollup", response=RollupOut)
def get_rollup(request: HttpRequest, params: Query[RollupParams]):
    """Figures of ``unit``'s subtree (id or name); ``campaign`` is a slug; dates are YYYY-MM-DD."""
    form = RollupQueryForm(params.dict(), user=request.user)
    if not form.is_valid():
        errors = form.errors.as_data()
        if [e.code for e in errors.get("unit", [])] == ["unknown"]:
            raise HttpError(404, _("No unit you can see is called “%(value)s”.") % {"value": params.unit})
        detail = " ".join(f"{name}: {' '.join(e.messages)}" for name, errs in errors.items() for e in errs)
        raise HttpError(422, detail)
    data = form.cleaned_data
    unit = data["unit"]
    result = rollup(
        unit=unit, campaign=data["campaign"], period=form.period, as_of=data["as_of"], user=request.user
    )
    visible = set(
        visible_units(request.user)
        .filter(pk__in=[c.unit.pk for c in result.children])
        .values_list("pk", flat=True)
    )
    result.children = [c for c in result.children if c.unit.pk in visible]
    return result.as_json()


class NotificationOut(Schema):
    id: int
    stage: str
    stage_label: str
    title: str
    url: str
    about: str
    object_id: int
    unit_id: int
    deadline: date
    day: date
    created_at: datetime
    read_at: datetime | None
    emailed_at: datetime | None

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_about(obj) -> str:
        return "directive_delivery" if obj.delivery_id else "rectification_item"

    @staticmethod
    def resolve_object_id(obj) -> int:
        return obj.delivery_id or obj.item_id

    @staticmethod
    def resolve_unit_id(obj) -> int:
        return obj.subject.unit_id


class MarkedOut(Schema):
    marked: int


def _notifications(request: HttpRequest):
    return Notification.objects.restrict(request.user).select_related(
        "delivery__directive", "delivery__unit", "item__unit"
    )


@router.get("/notifications", response=list[NotificationOut])
@paginate(Pagination)
def list_notifications(request: HttpRequest, unread: bool = False):
    """The caller's own notifications, newest first (``unread=true``: those not yet read).

    ``about`` is ``directive_delivery`` or ``rectification_item`` and ``object_id`` its id;
    ``title`` is written in the caller's language; ``stage`` is ``due_soon``, ``overdue`` or
    ``escalated`` (sent to the unit above the responsible one).
    """
    queryset = _notifications(request)
    return queryset.unread() if unread else queryset


@router.post("/notifications/read", response=MarkedOut)
def mark_notifications_read(request: HttpRequest):
    """Mark every unread notification of the caller read; how many were."""
    return {"marked": mark_all_read(user=request.user)}


@router.post("/notifications/{pk}/read", response=NotificationOut)
def mark_notification_read(request: HttpRequest, pk: int):
    """Mark one of the caller's notifications read (one read already is left as it was)."""
    notification = scoped_get(request, Notification, pk)
    mark_read(notification=notification, user=request.user)
    return scoped_get(request, Notification, pk)
