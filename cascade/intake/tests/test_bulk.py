"""``intake.bulk.load``: the database's own bulk path, with the model's defaults, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cascade.campaigns.choices import StudyKind
from cascade.campaigns.models import StudyActivity
from cascade.intake import bulk
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory
from cascade.reports.domain import rollup
from cascade.reports.models import PendingChange


@pytest.fixture
def unit(db):
    return Unit.objects.get(pk=UnitFactory(name="Root").pk)


def test_load_writes_rows_with_the_model_defaults(unit):
    ids = bulk.next_ids(StudyActivity, 2)
    rows = [(pk, unit.pk, StudyKind.SEMINAR, f"Seminar {pk}", dt.date(2023, 5, 1)) for pk in ids]
    assert bulk.load(StudyActivity, ["id", "unit_id", "kind", "title", "start_date"], rows) == 2
    first = StudyActivity.objects.get(pk=ids[0])
    assert (first.title, first.cohort, first.original_texts, first.created_at is not None) == (
        f"Seminar {ids[0]}",
        "",
        False,
        True,
    )


def test_loaded_rows_are_counted_and_later_saves_get_new_keys(unit):
    ids = bulk.next_ids(StudyActivity, 3)
    bulk.load(
        StudyActivity, ["id", "unit_id", "kind", "title"], [(pk, unit.pk, "lecture", "t") for pk in ids]
    )
    assert PendingChange.objects.filter(family="study", key=unit.pk).exists()
    later = StudyActivity.objects.create(unit=unit, kind=StudyKind.LECTURE, title="after")
    assert later.pk > ids[-1]
    assert rollup(unit=unit).totals["lecture"]["records"] == 4


def test_load_is_all_or_nothing(unit):
    ids = bulk.next_ids(StudyActivity, 2)
    rows = [(ids[0], unit.pk, "lecture", "t"), (ids[0], unit.pk, "lecture", "same key again")]
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.load(StudyActivity, ["id", "unit_id", "kind", "title"], rows)
    assert StudyActivity.objects.count() == 0


def test_load_refuses_unknown_columns_and_missing_required_ones(unit):
    with pytest.raises(ValueError, match="has no columns"):
        bulk.load(StudyActivity, ["id", "colour"], [])
    with pytest.raises(ValueError, match="no default"):
        bulk.load(StudyActivity, ["id", "kind"], [])
