"""The home page (a person's work) and the dashboards: the figures of a unit's subtree, per direct
child, for the viewer's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext

from cascade.access.scopes import can_view_unit, visible_units
from cascade.campaigns.models import Campaign
from cascade.organization.models import Unit

from . import charts
from .choices import PeriodPreset
from .domain import FigureView, preset_period, rollup
from .vocabulary import HEADLINE, KINDS, MEASURES
from .worklist import my_work


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's work (``worklist.my_work``) and the dashboards of their top units."""
    work = my_work(user=request.user, today=timezone.localdate())
    return render(request, "reports/home.html", {"work": work})


def _campaign(request: HttpRequest) -> Campaign | None:
    slug = request.GET.get("campaign")
    if slug == "":
        return None
    campaigns = Campaign.objects.restrict(request.user, "read")
    if slug:
        return get_object_or_404(campaigns, slug=slug)
    return campaigns.order_by("-start_date").first()


def _choice(request: HttpRequest, name: str, allowed, default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in allowed else default


@login_required
def unit_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    if not can_view_unit(request.user, unit):
        raise Http404
    campaign = _campaign(request)
    preset = _choice(request, "period", PeriodPreset.values, PeriodPreset.ALL)
    kind = _choice(request, "kind", KINDS, "reading_class")
    measure = _choice(request, "measure", KINDS[kind].measures, "records")
    today = timezone.localdate()
    period = preset_period(preset, campaign=campaign, today=today)
    result = rollup(unit=unit, campaign=campaign, period=period, as_of=today, user=request.user)
    visible = visible_units(request.user)
    visible_children = set(
        visible.filter(pk__in=[c.unit.pk for c in result.children]).values_list("pk", flat=True)
    )
    result.children = [c for c in result.children if c.unit.pk in visible_children]
    query = "?" + urlencode({"campaign": campaign.slug if campaign else "", "period": preset, "kind": kind})
    view = FigureView(campaign=campaign, period=period, as_of=today, user=request.user)
    uncovered, uncovered_count = charts.uncovered_units(view=view, unit=unit, kind=kind)
    own = result.own_totals
    context = {
        "unit": unit,
        "ancestors": list(Unit.objects.get_ancestors(unit)),
        "campaign": campaign,
        "campaigns": Campaign.objects.restrict(request.user, "read"),
        "presets": PeriodPreset.choices,
        "preset": preset,
        "period": period,
        "query": query,
        "kind": kind,
        "kind_label": KINDS[kind].label,
        "measure": measure,
        "measure_label": MEASURES[measure].label,
        "kind_choices": [(code, k.label) for code, k in KINDS.items()],
        "measure_choices": [(m, MEASURES[m].label) for m in KINDS[kind].measures],
        "columns": [(KINDS[k].label, MEASURES[m].label, k, m) for k, m in HEADLINE],
        "rows": [{"unit": c.unit, "values": [c.totals[k][m] for k, m in HEADLINE]} for c in result.children],
        "own": [own[k][m] for k, m in HEADLINE],
        "total": [result.totals[k][m] for k, m in HEADLINE],
        "kinds": [
            {
                "code": code,
                "label": k.label,
                "figures": [(MEASURES[m].label, v) for m, v in result.totals[code].items() if v],
                "coverage": result.coverage[code],
            }
            for code, k in KINDS.items()
        ],
        "uncovered": uncovered,
        "uncovered_count": uncovered_count,
        "charts": {
            "bars": charts.child_bars(result, kind, measure, query=query),
            "coverage": charts.coverage_by_child(
                view=view, unit=unit, children=[c.unit for c in result.children], kind=kind, query=query
            ),
            "timeline": charts.weekly_activity(
                view=view,
                unit=unit,
                start=period.start if period else None,
                end=period.end if period else None,
            ),
            "burndown": charts.rectification_burndown(view=view, unit=unit, as_of=today),
            "directives": charts.directive_status(view=view, unit=unit),
            "labels": {
                "open": gettext("open"),
                "overdue": gettext("overdue"),
                "closed": gettext("closed"),
                "covered": gettext("covered"),
                "not_yet": gettext("not yet"),
                "nothing": gettext("Nothing recorded yet."),
            },
        },
    }
    return render(request, "reports/unit_dashboard.html", context)
