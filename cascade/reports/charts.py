"""Data for the dashboard's charts: per-child bars, coverage, weekly activity, rectification, directives.

Each function answers for one unit's subtree (and a campaign and period when given) and
returns plain lists and dicts, ready for ``json_script``; the page's script draws them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.apps import apps
from django.db.models import Count, Q
from django.db.models.functions import Length, Substr, TruncWeek
from django.urls import reverse
from django.utils.translation import gettext

from cascade.campaigns.choices import RECTIFICATION_CLOSED
from cascade.campaigns.models import Campaign, RectificationEvent, RectificationItem
from cascade.conferences.choices import DirectiveStatus
from cascade.conferences.models import DirectiveRecipient
from cascade.organization.models import STEPLEN, Unit, subtree_q

from .domain import Period, Rollup, record_filter
from .vocabulary import KINDS

UNCOVERED_LIMIT = 50


BARS_LIMIT = 30


def child_bars(result: Rollup, kind: str, measure: str, *, query: str = "") -> dict:
    """A bar per direct child for ``kind``/``measure`` (the largest ``BARS_LIMIT``), each linking one level down."""
    children = sorted(result.children, key=lambda c: -c.totals[kind][measure])[:BARS_LIMIT]
    children.sort(key=lambda c: c.unit.path)
    return {
        "names": [c.unit.label for c in children],
        "values": [c.totals[kind][measure] for c in children],
        "urls": [reverse("unit-dashboard", args=[c.unit.pk]) + query for c in children],
        "hidden": max(0, len(result.children) - len(children)),
    }


def _units_in_scope(unit: Unit, campaign: Campaign | None):
    units = Unit.objects.filter(subtree_q(unit.path))
    return units.filter(campaign.scope_q()) if campaign is not None else units


def _covering(kind: str, campaign: Campaign | None, period: Period | None):
    coverage = KINDS[kind].coverage
    scope = record_filter(coverage.campaign, coverage.date, campaign=campaign, period=period)
    if scope is None:
        return None
    return coverage.model_class.objects.filter(coverage.filter, scope).values(f"{coverage.unit}_id")


def coverage_by_child(
    *, unit: Unit, campaign: Campaign | None, period: Period | None, kind: str, user, query: str = ""
) -> list[dict]:
    """For each direct child: units in scope in its subtree and how many of them are covered."""
    child_len = len(unit.path) + STEPLEN
    units = (
        _units_in_scope(unit, campaign)
        .restrict(user, "read")
        .annotate(_len=Length("path"))
        .filter(_len__gte=child_len)
    )
    grouped = units.annotate(_child=Substr("path", 1, child_len)).values("_child").order_by()
    in_scope = {row["_child"]: row["n"] for row in grouped.annotate(n=Count("pk"))}
    covering = _covering(kind, campaign, period)
    covered = (
        {row["_child"]: row["n"] for row in grouped.filter(pk__in=covering).annotate(n=Count("pk"))}
        if covering is not None
        else {}
    )
    rows = [
        {
            "name": child.label,
            "url": reverse("unit-dashboard", args=[child.pk]) + query,
            "in_scope": in_scope.get(child.path, 0),
            "covered": covered.get(child.path, 0),
        }
        for child in Unit.objects.get_children(unit)
        if in_scope.get(child.path, 0)
    ]
    # The largest subtrees first, as many as the chart can show.
    return sorted(sorted(rows, key=lambda r: -r["in_scope"])[:BARS_LIMIT], key=lambda r: rows.index(r))


def uncovered_units(
    *, unit: Unit, campaign: Campaign | None, period: Period | None, kind: str, user
) -> tuple[list[Unit], int]:
    """Units of the subtree in scope (and visible to the viewer) with no record of ``kind``: the first ones, and how many."""
    units = _units_in_scope(unit, campaign).restrict(user, "read")
    covering = _covering(kind, campaign, period)
    if covering is not None:
        units = units.exclude(pk__in=covering)
    return list(units.order_by("path")[:UNCOVERED_LIMIT]), units.count()


TIMELINE_SOURCES = (
    ("study", "campaigns.StudyActivity", "unit", "campaign", "start_date"),
    ("research_topic", "campaigns.ResearchTopic", "unit", "campaign", "started_on"),
    ("field_visit", "campaigns.FieldVisit", "unit", "campaign", "date"),
    ("supervision_visit", "campaigns.SupervisionVisit", "unit", "group__campaign", "date"),
    ("outreach_event", "campaigns.OutreachEvent", "unit", "campaign", "start_date"),
    ("rectification", "campaigns.RectificationItem", "unit", "campaign", "opened_on"),
)


def weekly_activity(*, unit: Unit, campaign: Campaign | None, period: Period | None, user) -> dict:
    """Records per week (by the week they happened in), one series per group of kinds."""
    series: dict[str, Counter] = {}
    for name, model, unit_lookup, campaign_lookup, date_lookup in TIMELINE_SOURCES:
        scope = record_filter(campaign_lookup, date_lookup, campaign=campaign, period=period)
        if scope is None:
            continue
        rows = (
            apps.get_model(model)
            .objects.filter(
                scope, subtree_q(unit.path, f"{unit_lookup}__path"), **{f"{date_lookup}__isnull": False}
            )
            .restrict(user, "read")
            .annotate(week=TruncWeek(date_lookup))
            .values("week")
            .annotate(n=Count("pk"))
            .order_by()
        )
        series[name] = Counter({_as_date(r["week"]): r["n"] for r in rows})
    weeks = sorted({w for counter in series.values() for w in counter})
    if weeks:
        weeks = [weeks[0] + timedelta(weeks=i) for i in range((weeks[-1] - weeks[0]).days // 7 + 1)]
    labels = {"study": gettext("study activities")} | {k: str(KINDS[k].label) for k in KINDS}
    return {
        "weeks": [w.isoformat() for w in weeks],
        "series": [
            {"name": labels[name], "values": [counter.get(w, 0) for w in weeks]}
            for name, counter in series.items()
            if counter
        ],
    }


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") else value


def rectification_burndown(
    *, unit: Unit, campaign: Campaign | None, as_of: date, user, weeks: int = 26
) -> dict:
    """Open, overdue and closed items at the end of each week, from the items and their history."""
    items = RectificationItem.objects.filter(subtree_q(unit.path, "unit__path")).restrict(user, "read")
    if campaign is not None:
        items = items.filter(campaign=campaign)
    items = list(items.values("pk", "opened_on", "deadline", "status"))
    if not items:
        return {"weeks": [], "open": [], "overdue": [], "closed": []}
    closes: dict[int, list[tuple[date, bool]]] = {}
    for event in (
        RectificationEvent.objects.filter(item_id__in=[i["pk"] for i in items])
        .filter(Q(to_status__in=RECTIFICATION_CLOSED) | Q(from_status__in=RECTIFICATION_CLOSED))
        .order_by("at")
        .values("item_id", "to_status", "at")
    ):
        closes.setdefault(event["item_id"], []).append(
            (event["at"].date(), event["to_status"] in RECTIFICATION_CLOSED)
        )
    start = min(i["opened_on"] for i in items)
    start = start - timedelta(days=start.weekday())
    ends = [start + timedelta(days=7 * k + 6) for k in range(weeks)]
    ends = [d for d in ends if d <= as_of + timedelta(days=6)] or [as_of]
    out = {"weeks": [d.isoformat() for d in ends], "open": [], "overdue": [], "closed": []}
    for day in ends:
        counts = Counter()
        for item in items:
            if item["opened_on"] > day:
                continue
            closed = _closed_on(item, closes.get(item["pk"], []), day)
            if closed:
                counts["closed"] += 1
            else:
                counts["open"] += 1
                if item["deadline"] and item["deadline"] < day:
                    counts["overdue"] += 1
        for key in ("open", "overdue", "closed"):
            out[key].append(counts[key])
    return out


def _closed_on(item: dict, history: list[tuple[date, bool]], day: date) -> bool:
    """Whether the item was closed at the end of ``day`` (its history decides; else its status)."""
    if not history:
        return item["status"] in RECTIFICATION_CLOSED
    state = False
    for when, closed in history:
        if when <= day:
            state = closed
    return state


def directive_status(*, unit: Unit, campaign: Campaign | None, as_of: date, user) -> list[dict]:
    """Deliveries to units of the subtree, by status, with the overdue ones apart."""
    deliveries = DirectiveRecipient.objects.filter(subtree_q(unit.path, "unit__path")).restrict(user, "read")
    if campaign is not None:
        deliveries = deliveries.filter(directive__campaign=campaign)
    counts = dict(deliveries.values_list("status").annotate(n=Count("pk")).order_by())
    overdue = deliveries.exclude(status=DirectiveStatus.DONE).filter(directive__deadline__lt=as_of).count()
    rows = [{"name": str(label), "value": counts.get(value, 0)} for value, label in DirectiveStatus.choices]
    rows.append({"name": gettext("overdue"), "value": overdue})
    return rows
