"""Figures over HTTP: the rollup of a unit's subtree, for a campaign and period.

Only units the caller may read can be rolled up (others answer 404, as if they did not
exist); the figures count only what the caller may read, and the per-child drill-down
leaves out children outside the caller's scope.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from cascade.access.scopes import visible_units

from .domain import rollup
from .forms import RollupQueryForm

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
