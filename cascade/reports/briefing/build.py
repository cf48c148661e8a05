"""``build_briefing``: the narrative and the figures table for a unit's subtree, from the records."""

from __future__ import annotations

from datetime import date

from django.utils import timezone, translation

from cascade.campaigns.choices import PhraseKind
from cascade.campaigns.models import Campaign, CampaignPhrase, WorkPlan
from cascade.core.models import localized
from cascade.organization.models import Unit, subtree_q
from cascade.reports.domain import Period, Totals, rollup
from cascade.reports.vocabulary import KINDS, MEASURES

from . import chinese, english
from .facts import Facts, Scope, gather, sees_any_of
from .links import kind_url
from .model import Briefing, Figure, Paragraph, TableRow

LANGS = {"en": english, "zh": chinese}

# Past this many paragraphs, bodies with minor records only share one paragraph.
MAX_BODIES = 8

# The (kind, measure) pairs the figures table shows, in this order, where not zero.
TABLE_ITEMS: tuple[tuple[str, str], ...] = (
    ("reading_class", "records"),
    ("reading_class", "rounds"),
    ("reading_class", "batches"),
    ("reading_class", "days"),
    ("reading_class", "half_days"),
    ("lecture", "records"),
    ("seminar", "records"),
    ("collective_study", "records"),
    ("research_topic", "records"),
    ("field_visit", "records"),
    ("field_visit", "unannounced"),
    ("steering_group", "records"),
    ("steering_group", "units_supervised"),
    ("supervision_visit", "records"),
    ("outreach_event", "records"),
    ("rectification", "records"),
    ("rectification", "open"),
    ("rectification", "overdue"),
    ("rectification", "closed"),
    ("directive", "records"),
    ("directive", "acknowledged"),
    ("directive", "done"),
    ("directive", "overdue"),
)

TABLE_TEXT = {
    "en": ("Figures", ("Unit", "Figure", "Count"), "whole subtree", "own records"),
    "zh": ("主要数据", ("单位", "项目", "数量"), "合计", "本级"),
}


def normalize_lang(lang: str | None) -> str:
    lang = (lang or "en").lower()
    if lang.startswith("zh"):
        return "zh"
    if lang.startswith("en"):
        return "en"
    raise ValueError(f"Unknown briefing language {lang!r}; use en or zh.")


def _phrases(campaign: Campaign | None, kind: str, lang: str, user) -> list[str]:
    if campaign is None:
        return []
    qs = CampaignPhrase.objects.filter(campaign=campaign, kind=kind).order_by("order", "pk")
    if user is not None:
        qs = qs.restrict(user, "read")
    return [localized(p, "text", "zh-hans" if lang == "zh" else "en") for p in qs]


def _has_plans(unit: Unit, campaign: Campaign | None) -> bool:
    plans = WorkPlan.objects.filter(subtree_q(unit.path, "unit__path"))
    if campaign is not None:
        plans = plans.filter(campaign=campaign)
    return plans.exists()


# Measures the table gives as a sum over the records its link lists (the others count them).
SUMMED = {"days", "half_days"}


def _table_rows(facts: Facts, label: str, lang: str) -> list[TableRow]:
    rows = []
    with translation.override("zh-hans" if lang == "zh" else "en"):
        for kind, measure in TABLE_ITEMS:
            value = facts.value(kind, measure)
            if not value:
                continue
            item = f"{KINDS[kind].label}: {MEASURES[measure].label}"
            figure = Figure(
                value=value,
                text=str(value),
                url=kind_url(facts.scope, kind, measure),
                kind=kind,
                measure=measure,
                aggregate=measure if measure in SUMMED else "",
            )
            rows.append(TableRow(body=label, item=str(item), figure=figure, scope=facts.scope))
    return rows


def _sum_totals(bodies: list[Facts]) -> Totals:
    """The figures of several bodies added up, kind by kind and measure by measure."""
    totals: Totals = {code: dict.fromkeys(kind.measures, 0) for code, kind in KINDS.items()}
    for facts in bodies:
        for code, measures in facts.totals.items():
            for measure, value in measures.items():
                totals[code][measure] += value
    return totals


def build_briefing(
    *,
    unit: Unit,
    campaign: Campaign | None = None,
    period: Period | None = None,
    lang: str = "en",
    user=None,
    as_of: date | None = None,
) -> Briefing:
    """A briefing on ``unit``'s subtree: an opening, one paragraph per body with records, a figures table.

    With ``user``, only what that user may read is counted or named (``rollup(user=...)``
    and restricted querysets).
    """
    lang = normalize_lang(lang)
    writer = LANGS[lang]
    as_of = as_of or timezone.localdate()

    def scope(body: Unit, own: bool) -> Scope:
        return Scope(unit=body, own=own, campaign=campaign, period=period, user=user, as_of=as_of)

    top_scope = scope(unit, False)
    top = rollup(unit=unit, campaign=campaign, period=period, as_of=as_of, children=True, user=user)
    top_totals = top.totals
    units_count = top.coverage["reading_class"]["in_scope"]
    own = gather(scope(unit, True), top.own_totals)
    children = []
    for child in top.children:
        if not any(child.totals[code]["records"] for code in KINDS) and not _has_plans(child.unit, campaign):
            continue
        if user is not None and not sees_any_of(user, child.unit):
            continue
        coverage = None
        if child.totals["research_topic"]["records"]:
            coverage = rollup(
                unit=child.unit, campaign=campaign, period=period, as_of=as_of, children=False, user=user
            ).coverage
        children.append(gather(scope(child.unit, False), child.totals, coverage))

    bodies = [f for f in [own, *children] if f.has_records]
    minor: list[Facts] = []
    if len(bodies) > MAX_BODIES:
        # Bodies whose only records are received directives, supervision visits or rectification
        # items are told together in one closing paragraph rather than one line each.
        minor = [f for f in bodies if f is not own and f.is_minor]
        if len(minor) > 1:
            bodies = [f for f in bodies if f not in minor]
        else:
            minor = []
    labels = TABLE_TEXT[lang]
    paragraphs: list[Paragraph] = [
        writer.opening(
            unit=unit,
            campaign=campaign,
            requirements=_phrases(campaign, PhraseKind.REQUIREMENT, lang, user),
            goals=_phrases(campaign, PhraseKind.GOAL, lang, user),
            figures={"units": units_count, "summary": writer.summary_figures(top_totals, top_scope)},
            scope=top_scope,
            period_text=writer.period_phrase(period, as_of),
            bodies=len(bodies),
        )
    ]
    table: list[TableRow] = []
    for index, facts in enumerate(bodies):
        paragraphs.append(writer.body_paragraph(facts, index))
        name = localized(facts.unit, "short_name", writer.LANG) or localized(facts.unit, "name", writer.LANG)
        if facts.scope.own and children:
            name = f"{name} ({labels[3]})"
        table += _table_rows(facts, name, lang)
    if minor:
        told = tuple(f.unit for f in bodies if not f.scope.own)
        minor_scope = Scope(
            unit=unit,
            own=False,
            campaign=campaign,
            period=period,
            user=user,
            as_of=as_of,
            below=True,
            exclude=told,
        )
        paragraphs.append(writer.minor_paragraph(Facts(scope=minor_scope, totals=_sum_totals(minor))))
    whole = Facts(scope=top_scope, totals=top_totals)
    top_name = localized(unit, "short_name", writer.LANG) or localized(unit, "name", writer.LANG)
    if len(bodies) > 1:
        table += _table_rows(whole, f"{top_name} ({labels[2]})", lang)
    period_text = ""
    if period is not None and (period.start or period.end):
        period_text = f"{period.start or ''}..{period.end or ''}"
    subtitle = " · ".join(x for x in [localized(unit, "name", writer.LANG), period_text] if x)
    return Briefing(
        title=writer.title(unit, campaign),
        lang=lang,
        subtitle=subtitle,
        paragraphs=paragraphs,
        table=table,
        table_title=labels[0],
        table_headers=labels[1],
    )
