"""Every write path notes what it made stale: saves, bulk inserts, QuerySet updates, raw SQL, deletes, moves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F

from cascade.campaigns.choices import StudyKind
from cascade.campaigns.models import StudyActivity, StudySession
from cascade.campaigns.tests.factories import (
    CampaignFactory,
    RectificationItemFactory,
    SteeringAssignmentFactory,
    SteeringGroupFactory,
    StudyActivityFactory,
    SupervisionVisitFactory,
)
from cascade.conferences.tests.factories import DirectiveRecipientFactory
from cascade.core.scopes import SYSTEM
from cascade.organization.domain import move_unit
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory, fresh
from cascade.reports.engine import drain, triggers
from cascade.reports.engine.families import FAMILIES, family_of, members, tally_key
from cascade.reports.models import PendingChange
from cascade.reports.vocabulary import KINDS, Coverage


def pending() -> set[tuple[str, int]]:
    return set(PendingChange.objects.values_list("family", "key"))


@pytest.fixture
def units(db):
    root = UnitFactory(name="Root")
    a = UnitFactory(parent=fresh(root), name="A")
    b = UnitFactory(parent=fresh(root), name="B")
    drain()
    return {"root": fresh(root), "a": fresh(a), "b": fresh(b)}


def _lookups(condition) -> list[str]:
    """Every field a Q reads, with the fields its F() expressions compare against."""
    out = []
    for child in getattr(condition, "children", []):
        if isinstance(child, tuple):
            out.append(child[0])
            if isinstance(child[1], F):
                out.append(child[1].name)
        else:
            out += _lookups(child)
    return out


def test_every_tally_reads_its_own_row_and_the_rows_it_points_at_only():
    """What lets an inserted row's figures be added (``Family.adds_rows``): no tally reads
    the rows that point at its own, so a row inserted changes no other row's figures."""
    backward = []
    for kind in KINDS.values():
        for source in (*kind.tallies, kind.coverage):
            lookups = [source.unit, source.campaign, source.date, getattr(source, "due", None)]
            lookups += _lookups(source.filter)
            for agg in getattr(source, "values", {}).values():
                lookups += [agg.field, *_lookups(agg.filter)]
            for lookup in filter(None, lookups):
                model = apps.get_model(source.model)
                for hop in lookup.split("__"):
                    field = model._meta.pk if hop == "pk" else model._meta.get_field(hop)
                    if not field.is_relation:
                        break
                    if not field.many_to_one:
                        backward.append((source.model, lookup))
                    model = field.related_model
    assert backward == []


def test_an_inserted_row_is_noted_with_its_table_and_id_and_a_changed_one_without(units):
    activity = StudyActivity.objects.create(
        unit=units["a"], kind=StudyKind.SEMINAR, title="Seminar", start_date=dt.date(2023, 5, 1)
    )
    notes = set(PendingChange.objects.values_list("family", "key", "source", "row_id"))
    assert notes == {("study", units["a"].pk, StudyActivity._meta.db_table, activity.pk)}
    drain()
    StudyActivity.objects.filter(pk=activity.pk).update(title="Renamed")
    notes = set(PendingChange.objects.values_list("family", "key", "source", "row_id"))
    assert notes == {("study", units["a"].pk, None, None)}


def test_every_lookup_of_every_tally_runs_through_watched_models():
    """A tally counted from a model, or reading a field across a relation, is recounted when
    any model on the way changes: each such model is watched by the tally's family."""
    unwatched = []
    for code, kind in KINDS.items():
        for source in (*kind.tallies, kind.coverage):
            key = source.unit if isinstance(source, Coverage) else tally_key(source)
            family = family_of(source.model, key)
            watched = {w.model for w in family.watches}
            model = apps.get_model(source.model)
            lookups = [source.unit, source.campaign, source.date, getattr(source, "due", None)]
            lookups += [child[0] for child in source.filter.children if isinstance(child, tuple)]
            for lookup in filter(None, lookups):
                current = model
                for hop in lookup.split("__")[:-1]:
                    current = current._meta.get_field(hop).related_model
                    label = current._meta.label
                    if label not in watched and label not in ("organization.Unit", "campaigns.Campaign"):
                        unwatched.append((code, source.model, lookup, label))
            if source.model not in watched:
                unwatched.append((code, source.model, "", source.model))
    assert unwatched == []


def test_every_tally_and_coverage_belongs_to_exactly_one_family():
    counted = [id(m.source) for family in FAMILIES for m in members(family)]
    expected = [id(s) for kind in KINDS.values() for s in (*kind.tallies, kind.coverage)]
    assert sorted(counted) == sorted(expected)


def test_save_marks_the_unit_of_the_record(units):
    StudyActivityFactory(unit=units["a"], campaign=None)
    assert pending() == {("study", units["a"].pk)}


def test_bulk_create_marks_every_unit(units):
    StudyActivity.objects.bulk_create(
        StudyActivity(unit=u, kind=StudyKind.SEMINAR, title="t") for u in (units["a"], units["b"], units["b"])
    )
    assert pending() == {("study", units["a"].pk), ("study", units["b"].pk)}


def test_queryset_update_marks_old_and_new_unit(units):
    activity = StudyActivityFactory(unit=units["a"], campaign=None)
    drain()
    StudyActivity.objects.filter(pk=activity.pk).update(unit=units["b"])
    assert pending() == {("study", units["a"].pk), ("study", units["b"].pk)}


def test_raw_sql_insert_is_noted_too(units):
    activity = StudyActivityFactory(unit=units["b"], campaign=None)
    drain()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {StudySession._meta.db_table} (activity_id, date, length, hours, topic) "
            "VALUES (%s, %s, 'day', 7, '')",
            [activity.pk, dt.date(2023, 5, 1)],
        )
    assert pending() == {("study", units["b"].pk)}


def test_delete_of_a_child_row_marks_the_unit_through_its_parent(units):
    activity = StudyActivityFactory(unit=units["a"], campaign=None)
    session = StudySession.objects.create(activity=activity, date=dt.date(2023, 5, 2), length="day", hours=7)
    drain()
    session.delete()
    assert pending() == {("study", units["a"].pk)}


def test_change_of_a_parent_row_marks_the_units_of_its_children(units):
    """A directive's new deadline changes the lateness of every delivery of it."""
    first = DirectiveRecipientFactory(unit=units["a"])
    DirectiveRecipientFactory(unit=units["b"], directive=first.directive)
    drain()
    type(first.directive).objects.filter(pk=first.directive_id).update(deadline=dt.date(2030, 1, 1))
    assert {k for k in pending() if k[0] == "directive"} == {
        ("directive", units["a"].pk),
        ("directive", units["b"].pk),
    }


def test_steering_group_change_marks_its_assigned_and_visited_units(units):
    group = SteeringGroupFactory(unit=units["root"])
    SteeringAssignmentFactory(group=group, unit=units["a"])
    SupervisionVisitFactory(group=group, unit=units["b"])
    drain()
    type(group).objects.filter(pk=group.pk).update(campaign=CampaignFactory(office=units["root"]))
    assert pending() == {
        ("steering", units["root"].pk),
        ("steering_units", units["a"].pk),
        ("supervision", units["b"].pk),
    }


def test_unit_added_moved_and_deleted_are_noted(units):
    child = UnitFactory(parent=units["a"], name="A1")
    assert ("units", child.pk) in pending()
    drain()
    move_unit(user=SYSTEM, unit=fresh(child), new_parent=fresh(units["b"]))
    assert pending() == {("units", child.pk)}
    drain()
    fresh(child).delete()
    assert pending() == {("units", child.pk)}


def test_unit_change_without_a_move_is_not_noted(units):
    Unit.objects.filter(pk=units["a"].pk).update(name="A renamed")
    assert pending() == set()


def test_rectification_history_marks_the_item_unit(units):
    item = RectificationItemFactory(unit=units["b"])
    drain()
    item.events.create(from_status="open", to_status="in_progress", at=dt.datetime(2023, 5, 1, tzinfo=dt.UTC))
    assert pending() == {("rectification", units["b"].pk)}


def test_uninstalled_triggers_note_nothing_and_install_is_idempotent(units):
    triggers.uninstall()
    StudyActivityFactory(unit=units["a"], campaign=None)
    assert pending() == set()
    triggers.install()
    triggers.install()
    StudyActivityFactory(unit=units["b"], campaign=None)
    assert pending() == {("study", units["b"].pk)}
