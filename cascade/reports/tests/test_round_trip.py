"""Round trip: write the scenario's briefing from the records, read it back, get the records' figures."""

from collections import defaultdict

import pytest
from django.db import transaction

from cascade.campaigns.models import Campaign
from cascade.intake.extraction import extract
from cascade.intake.scenarios import load_scenario
from cascade.organization.domain import find_unit
from cascade.reports.briefing.build import build_briefing
from cascade.reports.briefing.render import render
from cascade.reports.domain import rollup

CAMPAIGN = "theme-education-2023"
# The seed's figures: (unit, kind, measure) read from the briefing, summed where the text splits them.
SEED_FIGURES = [
    ("OCFAC", "reading_class", "rounds"),
    ("MFA", "reading_class", "half_days"),
    ("MFA", "steering_group", "records"),
    ("MFA", "steering_group", "units_supervised"),
    ("MFA", "research_topic", "records"),
    ("IDCPC", "reading_class", "batches"),
    ("IDCPC", "research_topic", "records"),
    ("IDCPC", "seminar", "records"),
]


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_scenario("foreign-affairs-2023")
        yield
        transaction.set_rollback(True)


def _read_back(lang: str) -> list:
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    text = render(build_briefing(unit=find_unit("OCFAC"), campaign=campaign, lang=lang), "txt")
    return extract(text if isinstance(text, str) else text.decode(), lang=lang).facts


def _recorded(unit: str, kind: str, measure: str):
    return rollup(unit=find_unit(unit), campaign=Campaign.objects.get(slug=CAMPAIGN), children=False).totals[
        kind
    ][measure]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_round_trip_seed_figures_equal_records(scenario, lang):
    read = defaultdict(int)
    for fact in _read_back(lang):
        if fact.unit and fact.qualifier is None:
            read[(find_unit(fact.unit).short_name, fact.kind, fact.measure)] += fact.value
    figures = {key: read[key] for key in SEED_FIGURES}
    recorded = {key: _recorded(*key) for key in SEED_FIGURES}
    assert figures == recorded
    assert figures[("MFA", "steering_group", "units_supervised")] == 301


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_round_trip_batch_length_equals_sessions(scenario, lang):
    each = [f for f in _read_back(lang) if f.qualifier == "each"]
    assert [(find_unit(f.unit).short_name, f.kind, f.measure, f.value) for f in each] == [
        ("IDCPC", "reading_class", "days", 7)
    ]
    recorded = _recorded("IDCPC", "reading_class", "days") / _recorded("IDCPC", "reading_class", "batches")
    assert recorded == 7
