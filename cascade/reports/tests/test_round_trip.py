"""Round trip: write the scenario's briefings from the records, read them back, get the records' figures.

Every briefing (the whole tree and each top body, English and Chinese, for the campaign and
for all records) is rendered as text, as a reader would get it, and read by the extractor.
Each part of the briefing tells one body (a paragraph, a row of the figures table), so
every fact read from a part must be that body's figure in ``rollup()`` (figures the text
splits, like units supervised of two kinds, are added up first); every figure the briefing
gives in the counting vocabulary must be read back as that figure, and no other number
(countries, leaders, units in scope, the kinds of a figure just given) may be read as one.
"""

import datetime as dt
from collections import defaultdict

import pytest

from cascade.campaigns.models import Campaign, StudyActivity, StudySession
from cascade.intake.domain import docx_text
from cascade.intake.extraction import extract
from cascade.organization.domain import find_unit
from cascade.reports.briefing.build import build_briefing
from cascade.reports.briefing.model import Figure
from cascade.reports.briefing.render import render
from cascade.reports.domain import rollup

CAMPAIGN = "theme-education-2023"
AS_OF = dt.date(2023, 5, 23)
BODIES = ("OCFAC", "MFA", "IDCPC", "CIDCA", "CPAFFC", "CPIFA")
BRIEFINGS = [
    (unit, lang, campaign) for unit in BODIES for lang in ("en", "zh") for campaign in (CAMPAIGN, None)
]
SESSION_LENGTH = {"days": "day", "half_days": "half_day"}


def _briefing(unit: str, lang: str, campaign: str | None):
    return build_briefing(
        unit=find_unit(unit),
        campaign=Campaign.objects.get(slug=campaign) if campaign else None,
        lang=lang,
        as_of=AS_OF,
    )


def _parts(briefing, text: str) -> list[dict]:
    """Where each paragraph and table row stands in ``text``: its span, scope and figures (with spans)."""
    parts, cursor = [], 0
    for paragraph in briefing.paragraphs:
        start = text.index(paragraph.text, cursor)
        figures, at = [], start
        for segment in paragraph.segments:
            length = len(segment.text if isinstance(segment, Figure) else segment)
            if isinstance(segment, Figure):
                figures.append((at, at + length, segment))
            at += length
        parts.append({"start": start, "end": at, "scope": paragraph.scope, "figures": figures, "row": None})
        cursor = at
    for row in briefing.table:
        line = f"{row.body}\t{row.item}\t{row.figure.value}"
        start = text.index(line, cursor)
        value_at = start + len(line) - len(str(row.figure.value))
        parts.append(
            {
                "start": start,
                "end": start + len(line),
                "scope": row.scope,
                "figures": [(value_at, start + len(line), row.figure)],
                "row": row,
            }
        )
        cursor = start + len(line)
    return parts


def _recorded(scope) -> dict:
    """The body's figures from ``rollup()``: its own records, its subtree, or the units below it less some."""
    result = rollup(unit=scope.unit, campaign=scope.campaign, period=scope.period, as_of=scope.as_of)
    if scope.own:
        return result.own_totals
    if not scope.below:
        return result.totals
    excluded = {unit.pk for unit in scope.exclude}
    totals: dict = defaultdict(lambda: defaultdict(int))
    for child in result.children:
        if child.unit.pk not in excluded:
            for kind, measures in child.totals.items():
                for measure, value in measures.items():
                    totals[kind][measure] += value
    return totals


def _lengths_each(scope, kind: str, measure: str) -> set[int]:
    """How long each round or batch of ``kind`` lasted, in ``measure``, among the body's records."""
    activities = scope.records(StudyActivity, day="start_date").filter(kind=kind).exclude(cohort="")
    sessions = StudySession.objects.filter(activity__in=activities, length=SESSION_LENGTH[measure])
    if scope.period is not None:
        sessions = sessions.filter(scope.period.q("date"))
    return {sessions.filter(activity=a).count() for a in activities}


def _round_trip(unit: str, lang: str, campaign: str | None, *, fmt: str = "txt"):
    briefing = _briefing(unit, lang, campaign)
    rendered = render(briefing, fmt)
    text = docx_text(rendered) if fmt == "docx" else rendered
    parts = _parts(briefing, text)
    facts = extract(text, lang=lang).facts
    read, expected = [], []
    unmatched, figures_read = [], []
    sums: dict = defaultdict(int)
    for fact in facts:
        index, part = next(
            ((i, p) for i, p in enumerate(parts) if p["start"] <= fact.start < p["end"]), (None, None)
        )
        if part is None:
            unmatched.append(fact.text)
            continue
        scope = part["scope"]
        body = None if scope.below else scope.unit.name
        at, figure = next(((s, f) for s, e, f in part["figures"] if s <= fact.start < e), (None, None))
        if figure is None:
            unmatched.append(fact.text)
        else:
            figures_read.append((index, at, figure.text, fact.kind, fact.measure, fact.value, fact.qualifier))
        if fact.qualifier == "each":
            read.append((index, fact.unit, fact.kind, fact.measure, "each", fact.value))
            lengths = _lengths_each(scope, fact.kind, fact.measure)
            expected.append(
                (
                    index,
                    body,
                    fact.kind,
                    fact.measure,
                    "each",
                    lengths.pop() if len(lengths) == 1 else lengths,
                )
            )
            continue
        sums[(index, fact.unit, fact.kind, fact.measure, fact.qualifier)] += fact.value
    for (index, fact_unit, kind, measure, qualifier), value in sums.items():
        scope = parts[index]["scope"]
        read.append((index, fact_unit, kind, measure, qualifier, value))
        expected.append(
            (
                index,
                None if scope.below else scope.unit.name,
                kind,
                measure,
                None,
                _recorded(scope)[kind][measure],
            )
        )
    written, table = [], []
    for index, part in enumerate(parts):
        for at, _e, figure in part["figures"]:
            if figure.kind:
                qualifier = "each" if figure.aggregate == "days_each" else None
                written.append((index, at, figure.text, figure.kind, figure.measure, figure.value, qualifier))
                if part["row"] is not None:
                    table.append(written[-1])
    return {
        "table": table,
        "read": sorted(read, key=repr),
        "expected": sorted(expected, key=repr),
        "unmatched": unmatched,
        "figures_read": sorted(figures_read, key=repr),
        "figures_written": sorted(written, key=repr),
    }


@pytest.fixture(scope="module")
def round_trips(scenario):
    """Each briefing's round trip, worked out once for this module."""
    done: dict = {}

    def get(unit: str, lang: str, campaign: str | None, fmt: str = "txt") -> dict:
        key = (unit, lang, campaign, fmt)
        if key not in done:
            done[key] = _round_trip(unit, lang, campaign, fmt=fmt)
        return done[key]

    return get


@pytest.mark.django_db
@pytest.mark.parametrize(("unit", "lang", "campaign"), BRIEFINGS)
def test_round_trip_every_fact_read_equals_the_records_figure(round_trips, unit, lang, campaign):
    result = round_trips(unit, lang, campaign)
    assert result["read"] == result["expected"]


@pytest.mark.django_db
@pytest.mark.parametrize(("unit", "lang", "campaign"), BRIEFINGS)
def test_round_trip_every_vocabulary_figure_is_read_back_and_nothing_else(round_trips, unit, lang, campaign):
    result = round_trips(unit, lang, campaign)
    assert (result["figures_read"], result["unmatched"]) == (result["figures_written"], [])


@pytest.mark.django_db
def test_round_trip_every_table_figure_is_read_back(round_trips):
    missing, rows = [], 0
    for unit, lang, campaign in BRIEFINGS:
        result = round_trips(unit, lang, campaign)
        read = set(result["figures_read"])
        rows += len(result["table"])
        missing += [(unit, lang, campaign, *f[3:]) for f in result["table"] if f not in read]
    assert (missing, rows > 0) == ([], True)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_round_trip_word_file_reads_back_like_text(round_trips, lang):
    result = round_trips("OCFAC", lang, CAMPAIGN, "docx")
    assert (result["read"], result["figures_read"], result["unmatched"]) == (
        result["expected"],
        result["figures_written"],
        [],
    )


SEED_FIGURES = {
    ("Office of the Central Foreign Affairs Commission", "reading_class", "rounds", None): [5],
    ("Ministry of Foreign Affairs", "reading_class", "half_days", None): [14],
    ("Ministry of Foreign Affairs", "steering_group", "records", None): [5],
    ("Ministry of Foreign Affairs", "steering_group", "units_supervised", None): [301],
    ("Ministry of Foreign Affairs", "research_topic", "records", None): [10],
    ("International Liaison Department of the CPC Central Committee", "reading_class", "batches", None): [3],
    ("International Liaison Department of the CPC Central Committee", "reading_class", "days", "each"): [7],
    ("International Liaison Department of the CPC Central Committee", "research_topic", "records", None): [
        28
    ],
    ("International Liaison Department of the CPC Central Committee", "seminar", "records", None): [42],
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_round_trip_whole_tree_reads_back_seed_figures(round_trips, lang):
    read = round_trips("OCFAC", lang, CAMPAIGN)["read"]
    found = {key: sorted({value for _i, *fact, value in read if tuple(fact) == key}) for key in SEED_FIGURES}
    assert found == SEED_FIGURES
