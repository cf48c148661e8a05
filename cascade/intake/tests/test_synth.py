import pytest
from django.core.management import CommandError, call_command

from cascade.campaigns.models import Campaign, StudyActivity
from cascade.intake import synth
from cascade.organization.models import Unit
from cascade.reports.domain import rollup
from cascade.reports.engine import reference


@pytest.mark.django_db
def test_synth_builds_exact_unit_count_as_valid_tree():
    counts = synth.synthesize(units=3000, records=0, seed=3)
    root = Unit.objects.get(name=synth.ROOT_NAME)
    assert (counts["units"], Unit.objects.subtree(root).count()) == (3000, 3000)
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert 4 <= counts["max_depth"] <= synth.MAX_DEPTH


@pytest.mark.django_db
def test_synth_records_of_every_kind_roll_up_at_the_root():
    counts = synth.synthesize(units=200, records=2000, seed=5)
    root = Unit.objects.get(name=synth.ROOT_NAME)
    result = rollup(unit=root)
    assert {code for code, measures in result.totals.items() if not measures["records"]} == set()
    study = sum(
        result.totals[k]["records"] for k in ("reading_class", "lecture", "seminar", "collective_study")
    )
    assert study == counts["study activities"] == StudyActivity.objects.count()
    assert picture(result) == picture(reference.rollup(unit=root))
    assert picture(rollup(unit=root, campaign=Campaign.objects.get(slug=synth.CAMPAIGN_SLUG))) == picture(
        reference.rollup(unit=root, campaign=Campaign.objects.get(slug=synth.CAMPAIGN_SLUG))
    )


def picture(result) -> dict:
    data = result.as_json()
    data.pop("as_of")
    return data


@pytest.mark.django_db
def test_synth_same_seed_same_tree():
    synth.synthesize(units=150, records=0, seed=7)
    first = list(Unit.objects.order_by("path").values_list("path", "kind"))
    Campaign.objects.all().delete()
    Unit.objects.all().delete()
    synth.synthesize(units=150, records=0, seed=7)
    assert list(Unit.objects.order_by("path").values_list("path", "kind")) == first


@pytest.mark.django_db
def test_synth_twice_refused_with_clear_error():
    call_command("synth", "--units", "50", "--records", "10")
    with pytest.raises(CommandError, match="already exists"):
        call_command("synth", "--units", "50", "--records", "10")
