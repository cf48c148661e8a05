"""Draining: moves, deletions, rounds, lateness days, read-your-writes, concurrent writers."""

from __future__ import annotations

import datetime as dt
import threading
from unittest.mock import patch

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from cascade.campaigns.choices import RectificationSource, StudyKind
from cascade.campaigns.models import RectificationItem, StudyActivity
from cascade.core.scopes import SYSTEM
from cascade.organization.domain import move_unit
from cascade.organization.tests.factories import UnitFactory, fresh
from cascade.reports.domain import Period, rollup
from cascade.reports.engine import drain, ensure_current, lateness, rebuild, reference
from cascade.reports.models import GrainedUnit, PendingChange, RollupFigure, UnitAncestor

from .world import stored


def _seminar(unit, day=dt.date(2023, 5, 10)):
    return StudyActivity.objects.create(unit=unit, kind=StudyKind.SEMINAR, title="Seminar", start_date=day)


def _seminars(unit) -> int:
    return rollup(unit=fresh(unit), children=False).totals["seminar"]["records"]


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root")
    a = UnitFactory(parent=fresh(root), name="A")
    b = UnitFactory(parent=fresh(root), name="B")
    a1 = UnitFactory(parent=fresh(a), name="A1")
    a11 = UnitFactory(parent=fresh(a1), name="A11")
    return {k: fresh(v) for k, v in {"root": root, "a": a, "b": b, "a1": a1, "a11": a11}.items()}


def test_a_read_shows_a_write_at_once(tree):
    _seminar(tree["a11"])
    assert (_seminars(tree["root"]), _seminars(tree["a"]), _seminars(tree["b"])) == (1, 1, 0)
    assert PendingChange.objects.count() == 0


def test_moved_subtree_takes_its_figures_along(tree):
    _seminar(tree["a1"])
    _seminar(tree["a11"])
    assert (_seminars(tree["a"]), _seminars(tree["b"])) == (2, 0)
    move_unit(user=SYSTEM, unit=tree["a1"], new_parent=tree["b"])
    assert (_seminars(tree["root"]), _seminars(tree["a"]), _seminars(tree["b"]), _seminars(tree["a1"])) == (
        2,
        0,
        2,
        2,
    )
    assert set(
        UnitAncestor.objects.filter(unit_id=tree["a11"].pk).values_list("ancestor_id", "distance")
    ) == {
        (tree["a11"].pk, 0),
        (tree["a1"].pk, 1),
        (tree["b"].pk, 2),
        (tree["root"].pk, 3),
    }


def test_a_move_leaves_the_ancestors_it_shares_untouched(tree):
    _seminar(tree["a11"])
    ensure_current()
    root_rows = list(RollupFigure.objects.filter(unit_id=tree["root"].pk).order_by("pk").values())
    move_unit(user=SYSTEM, unit=tree["a1"], new_parent=tree["b"])
    ensure_current()
    assert list(RollupFigure.objects.filter(unit_id=tree["root"].pk).order_by("pk").values()) == root_rows


def test_deleted_unit_takes_its_figures_out(tree):
    leaf = UnitFactory(parent=tree["b"], name="B1")
    ensure_current()
    assert rollup(unit=tree["root"]).coverage["seminar"]["in_scope"] == 6
    fresh(leaf).delete()
    assert rollup(unit=tree["root"]).coverage["seminar"]["in_scope"] == 5
    assert not UnitAncestor.objects.filter(unit_id=leaf.pk).exists()
    assert not RollupFigure.objects.filter(unit_id=leaf.pk).exists()


def test_drain_costs_the_same_queries_for_one_record_or_three(tree):
    ensure_current()

    def cost(n: int) -> int:
        for _ in range(n):
            _seminar(tree["a11"])
        with CaptureQueriesContext(connection) as queries:
            drain()
        return len(queries)

    assert cost(1) == cost(3)


def test_drain_analyses_each_scratch_table_after_filling_it_and_before_reading_it(tree):
    # Planned with a previous round's statistics (a round of one record), a round of
    # thousands read the whole delta once per stored figure: seconds instead of milliseconds.
    ensure_current()
    _seminar(tree["a11"])
    with CaptureQueriesContext(connection) as queries:
        drain()
    statements = [" ".join(q["sql"].split()) for q in queries.captured_queries]
    for table in ("cascade_keys", "cascade_new", "cascade_delta"):
        filled = next(i for i, s in enumerate(statements) if s.startswith(f"INSERT INTO {table} "))
        analysed = next(i for i, s in enumerate(statements) if s.startswith("ANALYZE") and table in s)
        read = next(i for i, s in enumerate(statements) if i > filled and f"FROM {table}" in s)
        assert (filled < analysed, analysed < read) == (True, True), table


def test_a_drain_that_took_many_notes_tidies_their_table_and_a_small_one_does_not(tree):
    ensure_current()
    tidied = []
    with (
        patch("cascade.reports.engine.drain.TIDY_AFTER", 3),
        patch("cascade.reports.engine.sql.tidy", side_effect=tidied.append),
    ):
        _seminar(tree["a11"])
        _seminar(tree["b"])
        assert (drain(), tidied) == (2, [])
        for unit in ("a", "a1", "b"):
            _seminar(tree[unit])
        assert (drain(), tidied) == (3, [["reports_pendingchange"]])


def test_drain_in_small_rounds_gives_the_same_figures(tree):
    ensure_current()
    with patch("cascade.reports.engine.drain.BATCH", 2):
        deep = tree["a11"]
        for i in range(4):
            deep = UnitFactory(parent=fresh(deep), name=f"Deep {i}")
            _seminar(deep)
        # Each new unit and each record: taken in rounds of two, parents before children.
        assert (PendingChange.objects.count(), drain()) == (8, 8)
    assert _seminars(tree["root"]) == 4
    assert rollup(unit=tree["root"]).as_json() == reference.rollup(unit=tree["root"]).as_json()


def test_units_are_kept_by_month_and_day_exactly_while_they_have_enough_descendants(tree, settings):
    settings.CASCADE_GRAINED_FROM = 2
    for unit in tree.values():
        _seminar(unit, day=dt.date(2023, 5, 10))
        _seminar(unit, day=dt.date(2023, 6, 20))
    may = Period(dt.date(2023, 5, 1), dt.date(2023, 5, 31))

    def kept() -> set[str]:
        ensure_current()
        names = {v.pk: k for k, v in tree.items()}
        return {names.get(pk, pk) for pk in GrainedUnit.objects.values_list("unit_id", flat=True)}

    def check(unit: str) -> None:
        args = {"unit": fresh(tree[unit]), "period": may}
        assert rollup(**args).as_json() == reference.rollup(**args).as_json()
        before = stored()
        rebuild()
        assert stored() == before

    assert kept() == {"root", "a"}
    assert RollupFigure.objects.filter(unit_id=tree["b"].pk, grain__in=(1, 2)).count() == 0
    b1 = UnitFactory(parent=fresh(tree["b"]), name="B1")
    _seminar(b1)
    UnitFactory(parent=fresh(b1), name="B11")
    assert kept() == {"root", "a", "b"}
    check("b")
    move_unit(user=SYSTEM, unit=fresh(tree["a1"]), new_parent=fresh(tree["b"]))
    assert kept() == {"root", "b"}
    check("a")
    check("b")
    StudyActivity.objects.filter(unit__in=[b1, tree["a11"]]).delete()
    fresh(b1).delete()
    assert kept() == {"root", "b"}
    fresh(tree["a11"]).delete()
    assert kept() == {"root"}
    check("b")
    check("root")


def test_figures_never_built_are_rebuilt_on_the_first_read(tree):
    _seminar(tree["b"])
    ensure_current()
    UnitAncestor.objects.all().delete()
    RollupFigure.objects.all().delete()
    assert _seminars(tree["root"]) == 1


def test_next_day_makes_an_item_overdue_without_a_write(tree):
    RectificationItem.objects.create(
        unit=tree["a11"],
        problem="p",
        source=RectificationSource.INSPECTION,
        opened_on=dt.date(2023, 5, 1),
        deadline=dt.date(2023, 5, 31),
    )
    with patch.object(lateness, "today", return_value=dt.date(2023, 5, 31)):
        assert rollup(unit=tree["root"]).totals["rectification"]["overdue"] == 0
    with patch.object(lateness, "today", return_value=dt.date(2023, 6, 1)):
        assert rollup(unit=tree["root"]).totals["rectification"]["overdue"] == 1
        # Asked about another day, the stored figure is corrected from the deadlines.
        earlier = rollup(unit=tree["root"], as_of=dt.date(2023, 5, 15)).totals["rectification"]["overdue"]
        assert earlier == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_and_drains_lose_nothing():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: nothing runs concurrently to test")
    root = UnitFactory(name="Root")
    leaves = [UnitFactory(parent=fresh(root), name=f"Leaf {i}") for i in range(4)]
    ensure_current()
    errors = []

    def write(unit, n):
        try:
            for i in range(n):
                _seminar(unit, dt.date(2023, 5, 1 + i % 28))
                if i % 5 == 0:
                    drain()
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(fresh(leaf), 25)) for leaf in leaves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _seminars(root) == 100
    assert rollup(unit=fresh(root)).as_json() == reference.rollup(unit=fresh(root)).as_json()


@pytest.mark.django_db(transaction=True)
def test_a_recount_takes_along_the_notes_of_inserted_rows_it_counted():
    # Outside a caller's transaction, so that on PostgreSQL too each round reads one snapshot
    # and inserted rows are added rather than recounted.
    root = UnitFactory(name="Root")
    leaf = UnitFactory(parent=fresh(root), name="Leaf")
    first = _seminar(leaf)
    ensure_current()
    # Written without the signals that would drain at once: a recount of the leaf, then two rows.
    StudyActivity.objects.filter(pk=first.pk).update(title="Renamed")
    for title in ("Second", "Third"):
        StudyActivity.objects.bulk_create([StudyActivity(unit=leaf, kind=StudyKind.SEMINAR, title=title)])
    # The first round recounts the leaf, the last inserted seminar included, though it took
    # every note but that one's: the note goes with it, or the next round adds it again.
    notes = PendingChange.objects.count()
    with patch("cascade.reports.engine.drain.BATCH", notes - 1):
        assert drain() == notes - 1
    assert _seminars(root) == 3
    assert rollup(unit=fresh(root)).as_json() == reference.rollup(unit=fresh(root)).as_json()


def test_an_inserted_record_is_added_and_its_unit_covered_from_its_day(tree):
    ensure_current()
    _seminar(tree["a11"], dt.date(2023, 5, 20))
    ensure_current()
    _seminar(tree["a11"], dt.date(2023, 5, 5))  # earlier: the unit is covered from this day
    _seminar(tree["a1"], dt.date(2023, 5, 6))
    assert PendingChange.objects.filter(row_id__isnull=False).count() == 2
    may = Period(dt.date(2023, 5, 1), dt.date(2023, 5, 10))
    got = rollup(unit=tree["root"], period=may)
    assert (got.totals["seminar"]["records"], got.coverage["seminar"]["covered"]) == (2, 2)
    assert got.as_json() == reference.rollup(unit=tree["root"], period=may).as_json()
    # Over everything, a unit covered before is covered once.
    assert rollup(unit=tree["root"]).coverage["seminar"]["covered"] == 2
    assert rollup(unit=tree["root"]).as_json() == reference.rollup(unit=tree["root"]).as_json()
