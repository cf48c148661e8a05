"""How the briefings read, over every top body of the scenario, in both languages.

No English sentence starts with a numeral; no figure is a zero (a count that is nothing
yet is said in words, never given as "0 done"); notes that qualify a record's name, like
the scenario's "(illustrative)", stay on the record's page and out of the running text;
and the joins between sentences and clauses leave no stray punctuation.
"""

import datetime as dt
import functools
import re

import pytest

from cascade.campaigns.models import Campaign
from cascade.organization.domain import find_unit
from cascade.reports.briefing import build_briefing

CAMPAIGN = "theme-education-2023"
AS_OF = dt.date(2023, 5, 23)
BODIES = ("OCFAC", "MFA", "IDCPC", "CIDCA", "CPAFFC", "CPIFA")
BRIEFINGS = [(unit, campaign) for unit in BODIES for campaign in (CAMPAIGN, None)]
SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])[”\"]?\s+)(\S+)")


@functools.cache
def _briefing(unit: str, lang: str, campaign: str | None):
    """A briefing of the scenario, built once for the module's tests (the scenario does not change
    while they run: each test's own writes are rolled back)."""
    return build_briefing(
        unit=find_unit(unit),
        campaign=Campaign.objects.get(slug=campaign) if campaign else None,
        lang=lang,
        as_of=AS_OF,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("unit", "campaign"), BRIEFINGS)
def test_english_sentences_never_start_with_a_numeral(scenario, unit, campaign):
    starts = [
        word for p in _briefing(unit, "en", campaign).paragraphs for word in SENTENCE_START.findall(p.text)
    ]
    assert ([w for w in starts if w[:1].isdigit() or not w[:1].isupper()], len(starts) > 2) == ([], True)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("unit", "campaign"), BRIEFINGS)
def test_briefing_states_no_zero_figure(scenario, unit, campaign, lang):
    briefing = _briefing(unit, lang, campaign)
    zeros = [f.text for f in briefing.figures if f.value <= 0]
    bare = re.findall(r"(?<![\d.,])0(?![\d.,])", briefing.text)
    assert (zeros, bare) == ([], [])


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("unit", "campaign"), BRIEFINGS)
def test_briefing_running_text_leaves_out_name_notes(scenario, unit, campaign, lang):
    text = _briefing(unit, lang, campaign).text
    assert re.findall(r"illustrative|示例", text, re.IGNORECASE) == []


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("unit", "campaign"), BRIEFINGS)
def test_briefing_text_has_no_punctuation_artefacts(scenario, unit, campaign, lang):
    text = _briefing(unit, lang, campaign).text
    artefacts = (
        r"  | [,.;:]|\.\.|,,|[,;:]\.|\[|\]" if lang == "en" else r"[。；，、][。；，、]|\s[。；，]|\[|\]"
    )
    assert re.findall(artefacts, text) == []


@pytest.mark.django_db
def test_cidca_field_visits_name_the_places_without_their_notes(scenario):
    cidca = next(
        p.text for p in _briefing("CIDCA", "en", CAMPAIGN).paragraphs if p.heading.startswith("China")
    )
    assert (
        "made 3 field visits, led by members of the leadership, to foreign-aid implementation departments, "
        "enterprises undertaking foreign-aid projects and an aid construction project." in cidca
    )
