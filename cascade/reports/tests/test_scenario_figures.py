"""Every figure of seed 000 that SCENARIO.md names, through the rollup service and the CLI."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cascade.campaigns.models import Campaign, StudyActivity
from cascade.organization.domain import find_unit
from cascade.organization.models import Unit
from cascade.reports.domain import Period, rollup

CAMPAIGN = "theme-education-2023"


def _totals(unit: str) -> dict:
    return rollup(unit=find_unit(unit), campaign=Campaign.objects.get(slug=CAMPAIGN)).totals


def _cli(*args: str) -> dict:
    out = StringIO()
    call_command("rollup", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_ocfac_reading_class_rounds_equal_five(scenario):
    assert _totals("OCFAC")["reading_class"]["rounds"] == 5


@pytest.mark.django_db
def test_mfa_figures_match_seed(scenario):
    totals = _totals("MFA")
    assert {
        "half_days": totals["reading_class"]["half_days"],
        "steering_groups": totals["steering_group"]["records"],
        "units_supervised": totals["steering_group"]["units_supervised"],
        "research_topics": totals["research_topic"]["records"],
    } == {"half_days": 14, "steering_groups": 5, "units_supervised": 301, "research_topics": 10}


@pytest.mark.django_db
def test_idcpc_figures_match_seed(scenario):
    totals = _totals("IDCPC")
    assert {
        "batches": totals["reading_class"]["batches"],
        "topics": totals["research_topic"]["records"],
        "seminars": totals["seminar"]["records"],
    } == {"batches": 3, "topics": 28, "seminars": 42}


@pytest.mark.django_db
def test_idcpc_each_batch_lasts_seven_days(scenario):
    unit = find_unit("IDCPC")
    batches = StudyActivity.objects.filter(
        unit__in=Unit.objects.subtree(unit), kind="reading_class", cohort="batch"
    ).order_by("cohort_number")
    assert [a.sessions.filter(length="day").count() for a in batches] == [7, 7, 7]


@pytest.mark.django_db
def test_idcpc_research_reaches_full_coverage(scenario):
    coverage = rollup(unit=find_unit("IDCPC"), campaign=Campaign.objects.get(slug=CAMPAIGN)).coverage
    assert coverage["research_topic"]["covered"] == coverage["research_topic"]["in_scope"]
    assert coverage["research_topic"]["in_scope"] > 1


@pytest.mark.django_db
def test_cli_rollup_json_gives_seed_figures(scenario):
    ocfac = _cli("--unit", "OCFAC", "--campaign", CAMPAIGN)
    mfa = _cli("--unit", "Ministry of Foreign Affairs", "--campaign", CAMPAIGN)
    idcpc = _cli("--unit", "idcpc")
    assert ocfac["campaign"] == CAMPAIGN
    assert ocfac["totals"]["reading_class"]["rounds"] == 5
    assert (
        mfa["totals"]["reading_class"]["half_days"],
        mfa["totals"]["steering_group"]["records"],
        mfa["totals"]["steering_group"]["units_supervised"],
        mfa["totals"]["research_topic"]["records"],
    ) == (14, 5, 301, 10)
    assert (
        idcpc["totals"]["reading_class"]["batches"],
        idcpc["totals"]["research_topic"]["records"],
        idcpc["totals"]["seminar"]["records"],
    ) == (3, 28, 42)
    assert mfa["unit"]["name"] == "Ministry of Foreign Affairs"
    assert len(mfa["children"]) == 301


@pytest.mark.django_db
def test_cli_rollup_children_sum_to_subtree_less_own(scenario):
    data = _cli("--unit", "OCFAC", "--campaign", CAMPAIGN)
    children_topics = sum(c["totals"]["research_topic"]["records"] for c in data["children"])
    # OCFAC holds no research topic of its own: MFA's 10 and IDCPC's 28 make the whole.
    assert (children_topics, data["totals"]["research_topic"]["records"]) == (38, 38)


@pytest.mark.django_db
def test_cli_rollup_unknown_unit_is_clear_error(scenario):
    with pytest.raises(CommandError, match="No unit is called"):
        _cli("--unit", "Ministry of Magic")


@pytest.mark.django_db
def test_cli_rollup_unknown_campaign_is_clear_error(scenario):
    with pytest.raises(CommandError, match="No campaign has the slug"):
        _cli("--unit", "MFA", "--campaign", "nope")


@pytest.mark.django_db
def test_work_conference_rolls_up_with_its_named_attendees(scenario):
    """Seed 004: one conference, 27-28 December, nine people named (the principal speaker, the
    six other Standing Committee members, Han Zheng and Wang Yi)."""
    from cascade.conferences.models import Conference

    conference = Conference.objects.get()
    top = Unit.objects.get_root_nodes().get()
    during = Period(start=conference.start_date, end=conference.end_date)
    before = Period(end=conference.start_date - datetime.timedelta(days=1))
    assert (conference.start_date.day, conference.end_date.day) == (27, 28)
    assert rollup(unit=top).totals["conference"] == {"records": 1, "participants": 9}
    assert rollup(unit=top, period=during).totals["conference"] == {"records": 1, "participants": 9}
    assert rollup(unit=top, period=before).totals["conference"] == {"records": 0, "participants": 0}
