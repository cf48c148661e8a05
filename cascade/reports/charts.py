"""Data for the dashboard's charts: per-child bars, coverage, weekly activity, rectification, directives.

Each function answers for one unit's subtree (and a campaign and period when given) from
the figures the engine keeps (``FigureView``), so every chart costs the unit's direct
children or its days, never its records. They return plain lists and dicts, ready for
``json_script``; the page's script draws them.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext

from cascade.campaigns.choices import StudyKind
from cascade.conferences.choices import DirectiveStatus
from cascade.organization.models import STEPLEN, Unit

from .domain import FigureView, Rollup
from .engine.read import Part, daily
from .engine.series import RECTIFICATION_TREND, SERIES, UNITS
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


def coverage_by_child(
    *, view: FigureView, unit: Unit, children: list[Unit], kind: str, query: str = ""
) -> list[dict]:
    """For each direct child: units in scope in its subtree and how many of them are covered."""
    for child in children:
        view.reader.need(view.coverage_parts(child), coverage=True)
    view.read()
    rows = []
    for child in children:
        coverage = view.coverage(child, kind)[kind]
        if coverage["in_scope"]:
            rows.append(
                {
                    "name": child.label,
                    "url": reverse("unit-dashboard", args=[child.pk]) + query,
                    "in_scope": coverage["in_scope"],
                    "covered": coverage["covered"],
                }
            )
    # The largest subtrees first, as many as the chart can show, in tree order.
    shown = sorted(rows, key=lambda r: -r["in_scope"])[:BARS_LIMIT]
    return [r for r in rows if r in shown]


def uncovered_units(
    *, view: FigureView, unit: Unit, kind: str, limit: int = UNCOVERED_LIMIT
) -> tuple[list[Unit], int]:
    """Units of the subtree in scope (and visible to the viewer) with no record of ``kind``: the first
    ``limit`` in tree order, and how many there are.

    Walks down one level per query, only into the subtrees that still hold uncovered units
    among the first ``limit``, so the cost follows the depth of the tree and the units
    listed, never the size of the subtree.
    """
    view.reader.need(view.coverage_parts(unit), coverage=True)
    view.read()
    coverage = view.coverage(unit, kind)[kind]
    total = coverage["in_scope"] - coverage["covered"]
    # (part, uncovered units in it, or None while unknown), in tree order. A subtree part is
    # opened into its unit alone and its children's subtrees until the first units are known.
    items: list[tuple[Part, int | None]] = [(p, None) for p in view.coverage_parts(unit)]
    while to_open := _to_open(items, limit):
        subtrees = [p.path for p in to_open if p.subtree]
        children = list(Unit.objects.filter(parent_path__in=subtrees).order_by("path")) if subtrees else []
        alone = [Part(p.unit_id, p.path, subtree=False) for p in to_open]
        below = [Part(c.pk, c.path) for c in children]
        reader = view.fresh_reader()
        reader.need(alone + below, coverage=True)
        reader.read()

        def uncovered(part: Part, figures=reader.coverage) -> int:
            return figures.measure([part], UNITS, "units") - figures.measure([part], kind, "covered")

        opened: dict[Part, list[tuple[Part, int | None]]] = {}
        for part in to_open:
            inside = [Part(part.unit_id, part.path, subtree=False)]
            if part.subtree:
                inside += [c for c in below if c.path[:-STEPLEN] == part.path]
            opened[part] = [(p, n) for p in inside if (n := uncovered(p))]
        items = [x for part, n in items for x in opened.get(part, [(part, n)])]
    shown = [part.unit_id for part, _n in items[:limit]]
    units = Unit.objects.in_bulk(shown)
    return [units[pk] for pk in shown], total


def _to_open(items: list[tuple[Part, int | None]], limit: int) -> list[Part]:
    """The parts among the first ``limit`` units that are not yet single units known to be uncovered."""
    seen = 0
    out = []
    for part, n in items:
        if seen >= limit:
            break
        if n is None or part.subtree:
            out.append(part)
        seen += n or 1
    return out


TIMELINE = (
    ("study", [k.value for k in StudyKind]),
    ("research_topic", ["research_topic"]),
    ("field_visit", ["field_visit"]),
    ("supervision_visit", ["supervision_visit"]),
    ("outreach_event", ["outreach_event"]),
    ("rectification", ["rectification"]),
)


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_activity(
    *, view: FigureView, unit: Unit, start: date | None = None, end: date | None = None
) -> dict:
    """Records per week (by the week they happened in), one series per group of kinds."""
    series: dict[str, dict[date, int]] = {}
    for name, codes in TIMELINE:
        by_week: dict[date, int] = {}
        for code in codes:
            days = daily(
                view.kind_parts(unit, code),
                campaign=view.campaign_id,
                series=code,
                start=start,
                end=end,
                version=view.version,
            )
            for day, values in days.items():
                by_week[_week(day)] = (
                    by_week.get(_week(day), 0) + values[SERIES[code].columns["records"].index]
                )
        series[name] = {w: n for w, n in by_week.items() if n}
    weeks = sorted({w for counts in series.values() for w in counts})
    if weeks:
        weeks = [weeks[0] + timedelta(weeks=i) for i in range((weeks[-1] - weeks[0]).days // 7 + 1)]
    labels = {"study": gettext("study activities")} | {k: str(KINDS[k].label) for k in KINDS}
    return {
        "weeks": [w.isoformat() for w in weeks],
        "series": [
            {"name": labels[name], "values": [counts.get(w, 0) for w in weeks]}
            for name, counts in series.items()
            if counts
        ],
    }


def rectification_burndown(*, view: FigureView, unit: Unit, as_of: date, weeks: int = 26) -> dict:
    """Open, overdue and closed items at the end of each week, from the items' history."""
    trend = SERIES[RECTIFICATION_TREND]
    steps = daily(
        view.kind_parts(unit, "rectification"),
        campaign=view.campaign_id,
        series=RECTIFICATION_TREND,
        version=view.version,
    )
    out = {"weeks": [], "open": [], "overdue": [], "closed": []}
    if not steps:
        return out
    days = sorted(steps)
    ends = [_week(days[0]) + timedelta(days=7 * k + 6) for k in range(weeks)]
    ends = [d for d in ends if d <= as_of + timedelta(days=6)] or [as_of]
    running = dict.fromkeys(("open", "overdue", "closed"), 0)
    i = 0
    for end in ends:
        while i < len(days) and days[i] <= end:
            for measure in running:
                running[measure] += steps[days[i]][trend.columns[measure].index]
            i += 1
        out["weeks"].append(end.isoformat())
        for measure, value in running.items():
            out[measure].append(value)
    return out


def directive_status(*, view: FigureView, unit: Unit) -> list[dict]:
    """Deliveries to units of the subtree, by status, with the overdue ones apart."""
    view.reader.need(view.kind_parts(unit, "directive"))
    view.read()

    def value(measure: str) -> int:
        return view.value(unit, "directive", measure)

    acknowledged, in_progress, done = value("acknowledged"), value("in_progress"), value("done")
    counts = {
        DirectiveStatus.PENDING: value("records") - acknowledged,
        DirectiveStatus.ACKNOWLEDGED: acknowledged - in_progress - done,
        DirectiveStatus.IN_PROGRESS: in_progress,
        DirectiveStatus.DONE: done,
    }
    rows = [{"name": str(label), "value": counts[value_]} for value_, label in DirectiveStatus.choices]
    rows.append({"name": gettext("overdue"), "value": value("overdue")})
    return rows
