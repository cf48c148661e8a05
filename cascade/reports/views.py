"""Dashboards: the figures of a unit's subtree, per direct child, for the viewer's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from cascade.access.scopes import can_view_unit, top_units, visible_units
from cascade.campaigns.models import Campaign
from cascade.organization.models import Unit

from .choices import PeriodPreset
from .domain import preset_period, rollup
from .vocabulary import HEADLINE, KINDS, MEASURES


@login_required
def home(request: HttpRequest) -> HttpResponse:
    tops = top_units(request.user)
    if len(tops) == 1:
        return redirect("unit-dashboard", pk=tops[0].pk)
    return render(request, "reports/home.html", {"tops": tops})


def _campaign(request: HttpRequest) -> Campaign | None:
    slug = request.GET.get("campaign")
    if slug == "":
        return None
    campaigns = Campaign.objects.restrict(request.user, "read")
    if slug:
        return get_object_or_404(campaigns, slug=slug)
    return campaigns.order_by("-start_date").first()


@login_required
def unit_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    if not can_view_unit(request.user, unit):
        raise Http404
    campaign = _campaign(request)
    preset = request.GET.get("period", PeriodPreset.ALL)
    if preset not in PeriodPreset.values:
        preset = PeriodPreset.ALL
    period = preset_period(preset, campaign=campaign, today=timezone.localdate())
    result = rollup(unit=unit, campaign=campaign, period=period)
    visible_children = set(
        visible_units(request.user)
        .filter(pk__in=[c.unit.pk for c in result.children])
        .values_list("pk", flat=True)
    )
    columns = [(KINDS[k].label, MEASURES[m].label, k, m) for k, m in HEADLINE]
    rows = [
        {
            "unit": child.unit,
            "link": child.unit.pk in visible_children,
            "values": [child.totals[k][m] for k, m in HEADLINE],
        }
        for child in result.children
        if child.unit.pk in visible_children
    ]
    own = result.own_totals
    context = {
        "unit": unit,
        "ancestors": list(Unit.objects.get_ancestors(unit)),
        "campaign": campaign,
        "campaigns": Campaign.objects.restrict(request.user, "read"),
        "presets": PeriodPreset.choices,
        "preset": preset,
        "period": period,
        "columns": columns,
        "rows": rows,
        "own": [own[k][m] for k, m in HEADLINE],
        "total": [result.totals[k][m] for k, m in HEADLINE],
        "kinds": [
            {
                "label": kind.label,
                "figures": [(MEASURES[m].label, v) for m, v in result.totals[code].items() if v],
                "coverage": result.coverage[code],
            }
            for code, kind in KINDS.items()
        ],
    }
    return render(request, "reports/unit_dashboard.html", context)
