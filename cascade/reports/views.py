"""The home page (a person's work), the dashboards (the figures of a unit's subtree, per direct
child, for the viewer's scope) and the signed-in user's notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import check_for_language, get_supported_language_variant, gettext, ngettext
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from cascade.access.scopes import can_view_unit, visible_units
from cascade.campaigns.models import Campaign
from cascade.core.forms import MAX_PK
from cascade.organization.models import Unit

from . import charts
from .choices import PeriodPreset
from .domain import FigureView, preset_period, rollup
from .models import Notification
from .reminders import mark_all_read, mark_read, remember_language
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


# --- notifications --------------------------------------------------------------------------------

NOTIFICATIONS_PER_PAGE = 50


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The signed-in user's notifications, newest first, a page at a time; unread ones marked."""
    queryset = Notification.objects.restrict(request.user).select_related(
        "delivery__directive", "delivery__unit", "item__unit"
    )
    page = Paginator(queryset, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "title": gettext("Notifications"),
        "page": page,
        "any_unread": Notification.objects.restrict(request.user).unread().exists(),
    }
    return render(request, "reports/notifications.html", context)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's notifications read (another's answers 404); back to the list."""
    if not 0 < pk <= MAX_PK:
        raise Http404
    notification = get_object_or_404(Notification.objects.restrict(request.user), pk=pk)
    mark_read(notification=notification, user=request.user)
    return redirect(_back(request))


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark every notification of the user read; back to the list."""
    count = mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
        % {"count": count},
    )
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    """The list page the form was on (its ``page``), never another site."""
    page = request.POST.get("page", "")
    return reverse("notifications") + (f"?page={int(page)}" if page.isdigit() and len(page) < 7 else "")


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also keeps a signed-in user's choice for their emails."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and check_for_language(language):
        remember_language(user=request.user, language=get_supported_language_variant(language))
    return response
