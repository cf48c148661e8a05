"""Seed 000 read as the office's report and reconciled with the scenario: the records bear it out.

The seed is dated 23 May 2023 and reports what was done by then, so every record of the
campaign the scenario holds falls between the campaign's start and that date (steering
groups by the day they were sent out), and every figure read from the seed agrees with
the records of that period.
"""

import pytest

from cascade.campaigns.models import Campaign
from cascade.core.scopes import SYSTEM
from cascade.intake import domain
from cascade.intake.scenarios.data import campaign as campaign_data
from cascade.intake.scenarios.foreign_affairs_2023 import SEED_000
from cascade.organization.domain import find_unit
from cascade.reports.vocabulary import KINDS

CAMPAIGN = "theme-education-2023"


@pytest.fixture
def reconciled(scenario):
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    report = domain.submit_narrative_report(
        user=SYSTEM,
        unit=find_unit("OCFAC"),
        title="Seed 000 as the office's report",
        period_start=campaign.start_date,
        period_end=campaign_data.REPORT_DATED,
        dated=campaign_data.REPORT_DATED,
        text=SEED_000.read_text(encoding="utf-8"),
        language="en",
        campaign=campaign,
    )
    for fact in domain.extract_report(user=SYSTEM, report=report):
        domain.decide_fact(user=SYSTEM, fact=fact, accept=True)
    return domain.reconcile(user=SYSTEM, report=report)


@pytest.mark.django_db
def test_reconcile_seed_report_against_scenario_differs_nowhere(reconciled):
    differing = [(r.unit.short_name, r.kind, r.measure) for r in reconciled if r.agrees is False]
    assert differing == []


@pytest.mark.django_db
def test_reconcile_seed_report_against_scenario_every_dated_figure_agrees(reconciled):
    rows = {
        (r.unit.short_name, r.kind, r.measure): (int(r.reported), r.recorded)
        for r in reconciled
        if r.qualifier != "each"
    }
    assert rows == {
        ("MFA", "steering_group", "records"): (5, 5),
        ("MFA", "steering_group", "units_supervised"): (301, 301),
        ("OCFAC", "reading_class", "rounds"): (5, 5),
        ("MFA", "reading_class", "half_days"): (14, 14),
        ("MFA", "research_topic", "records"): (10, 10),
        ("IDCPC", "reading_class", "batches"): (3, 3),
        ("IDCPC", "research_topic", "records"): (28, 28),
        ("IDCPC", "seminar", "records"): (42, 42),
    }


@pytest.mark.django_db
def test_scenario_records_of_the_campaign_all_dated_before_the_seed_report(scenario):
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    outside = {}
    for code, kind in KINDS.items():
        for tally in kind.tallies:
            if tally.date is None or tally.campaign is None:
                continue
            rows = tally.model_class.objects.filter(tally.filter, **{tally.campaign: campaign})
            late = rows.filter(**{f"{tally.date}__gt": campaign_data.REPORT_DATED}).count()
            early = rows.filter(**{f"{tally.date}__lt": campaign.start_date}).count()
            if late or early:
                outside[(code, tally.model)] = (early, late)
    assert outside == {}
