"""Reading figures: periods cut into months and days, scoped parts, and the dashboard's charts."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cascade.campaigns.choices import RectificationSource, RectificationStatus, StudyKind
from cascade.campaigns.domain import transition_rectification
from cascade.campaigns.models import CampaignScope, RectificationItem, StudyActivity
from cascade.campaigns.tests.factories import CampaignFactory
from cascade.core.scopes import SYSTEM
from cascade.organization.models import Person
from cascade.organization.tests.factories import UnitFactory, fresh
from cascade.reports import charts
from cascade.reports.domain import FigureView, Period, rollup
from cascade.reports.engine import drain, read
from cascade.reports.engine.read import Part, Window, _subtree_conditions, forget_reads, intersect, normalize
from cascade.reports.engine.recount import distinct_steps, rectification_steps

D = dt.date


# --- pure pieces ------------------------------------------------------------------------


MONTHS = "grain = %s AND bucket >= %s AND bucket <= %s"


def test_period_inside_one_month_reads_days_only():
    conditions = _subtree_conditions(Window.of(None, D(2023, 5, 3), D(2023, 5, 20)))
    assert conditions == [(MONTHS, [2, D(2023, 5, 3), D(2023, 5, 20)])]


def test_period_across_months_reads_whole_months_and_the_days_at_its_ends_each_on_its_own():
    conditions = _subtree_conditions(Window.of(None, D(2023, 4, 15), D(2023, 7, 10)))
    assert conditions == [
        (MONTHS, [1, D(2023, 5, 1), D(2023, 6, 1)]),
        (MONTHS, [2, D(2023, 4, 15), D(2023, 4, 30)]),
        (MONTHS, [2, D(2023, 7, 1), D(2023, 7, 10)]),
    ]


def test_period_of_whole_months_reads_months_only():
    conditions = _subtree_conditions(Window.of(None, D(2023, 5, 1), D(2023, 6, 30)))
    assert conditions == [(MONTHS, [1, D(2023, 5, 1), D(2023, 6, 1)])]


def test_open_ended_period_reads_every_month_before_its_end():
    conditions = _subtree_conditions(Window.of(None, None, D(2023, 5, 15)))
    assert conditions == [
        ("grain = %s AND bucket <= %s", [1, D(2023, 4, 1)]),
        (MONTHS, [2, D(2023, 5, 1), D(2023, 5, 15)]),
    ]


def test_parts_normalize_and_intersect():
    a, a1, b = Part(1, "0001"), Part(2, "00010001"), Part(3, "0002")
    alone = Part(4, "000100010001", subtree=False)
    assert normalize([a1, a, alone, b]) == [a, b]
    assert intersect([a], [a1, b]) == [a1]
    assert intersect([a1], [alone]) == [alone]
    assert intersect([b], [alone]) == []
    assert intersect(None, [b]) == [b]


def test_distinct_steps_sum_to_one_per_subtree_holding_a_point():
    points = {"000100010001": D(2023, 5, 1), "00010002": D(2023, 4, 1), "00010001": None}
    steps = distinct_steps(points)

    def counted(subtree: str, by: D | None = None) -> int:
        return sum(s for p, day, s in steps if p.startswith(subtree) and (by is None or (day and day <= by)))

    assert (counted("0001"), counted("00010001"), counted("00010002"), counted("00010003")) == (1, 1, 1, 0)
    # Dated: a subtree counts from the first day one of its points counts.
    assert (counted("0001", D(2023, 4, 15)), counted("00010001", D(2023, 4, 15))) == (1, 0)
    assert counted("00010001", D(2023, 5, 1)) == 1


def test_rectification_steps_follow_the_history():
    steps = rectification_steps(
        D(2023, 5, 1), D(2023, 5, 10), [(D(2023, 5, 20), True), (D(2023, 6, 1), False)], False
    )
    assert steps == [
        (D(2023, 5, 1), 1, 0, 0),  # opened
        (D(2023, 5, 11), 0, 1, 0),  # past its deadline
        (D(2023, 5, 20), -1, -1, 1),  # verified
        (D(2023, 6, 1), 1, 1, -1),  # reopened, still late
    ]


# --- against the database ---------------------------------------------------------------


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root")
    a = UnitFactory(parent=fresh(root), name="A")
    b = UnitFactory(parent=fresh(root), name="B")
    a1 = UnitFactory(parent=fresh(a), name="A1")
    campaign = CampaignFactory(office=fresh(root), start_date=D(2023, 4, 1))
    CampaignScope.objects.create(campaign=campaign, unit=fresh(root))
    return {"root": fresh(root), "a": fresh(a), "b": fresh(b), "a1": fresh(a1), "campaign": campaign}


def _study(unit, kind, day, campaign=None):
    return StudyActivity.objects.create(unit=unit, kind=kind, title="t", start_date=day, campaign=campaign)


def test_period_rollup_counts_records_by_their_day_and_coverage_by_the_period_end(tree):
    _study(tree["a1"], StudyKind.SEMINAR, D(2023, 4, 20))
    _study(tree["a1"], StudyKind.SEMINAR, D(2023, 5, 31))
    _study(tree["b"], StudyKind.SEMINAR, D(2023, 6, 2))
    result = rollup(unit=tree["root"], period=Period(D(2023, 5, 1), D(2023, 6, 1)))
    assert result.totals["seminar"]["records"] == 1
    # A1 had done it by then (before the period, too); B not yet.
    assert result.coverage["seminar"] == {"in_scope": 4, "covered": 1}


def test_uncovered_units_lists_the_first_in_tree_order(tree):
    for i in range(3):
        UnitFactory(parent=fresh(tree["b"]), name=f"B{i}")
    _study(tree["root"], StudyKind.LECTURE, D(2023, 5, 1))
    _study(tree["a1"], StudyKind.LECTURE, D(2023, 5, 1))
    view = FigureView(campaign=None, period=None, as_of=D(2023, 6, 1))
    units, count = charts.uncovered_units(view=view, unit=tree["root"], kind="lecture", limit=3)
    assert ([u.name for u in units], count) == (["A", "B", "B0"], 5)
    units, count = charts.uncovered_units(view=view, unit=tree["root"], kind="lecture")
    assert [u.name for u in units] == ["A", "B", "B0", "B1", "B2"]


def test_uncovered_units_for_a_steering_member_are_their_units_alone(tree):
    from cascade.access.choices import Role
    from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
    from cascade.campaigns.models import SteeringAssignment, SteeringGroup

    group = SteeringGroup.objects.create(campaign=tree["campaign"], unit=tree["root"], number=1, name="G")
    for unit in (tree["a1"], tree["b"]):
        SteeringAssignment.objects.create(group=group, unit=unit)
    member = UserFactory()
    RoleAssignmentFactory(user=member, role=Role.STEERING_MEMBER, unit=None, steering_group=group)
    _study(tree["b"], StudyKind.LECTURE, D(2023, 5, 1))
    view = FigureView(campaign=None, period=None, as_of=D(2023, 6, 1), user=member)
    units, count = charts.uncovered_units(view=view, unit=tree["root"], kind="lecture")
    assert ([u.name for u in units], count) == (["A1"], 1)


def test_weekly_activity_counts_records_in_the_week_they_happened(tree):
    _study(tree["a1"], StudyKind.SEMINAR, D(2023, 5, 1))  # a Monday
    _study(tree["b"], StudyKind.LECTURE, D(2023, 5, 7))  # the Sunday of the same week
    _study(tree["b"], StudyKind.LECTURE, D(2023, 5, 15))
    view = FigureView(campaign=None, period=None, as_of=D(2023, 6, 1))
    data = charts.weekly_activity(view=view, unit=tree["root"])
    assert data["weeks"] == ["2023-05-01", "2023-05-08", "2023-05-15"]
    assert data["series"][0]["values"] == [2, 0, 1]


def test_burndown_is_the_state_of_the_items_at_each_week_end(tree):
    person = Person.objects.create(name="Verifier")
    first = RectificationItem.objects.create(
        unit=tree["a1"],
        problem="p",
        source=RectificationSource.INSPECTION,
        opened_on=D(2023, 5, 1),
        deadline=D(2023, 5, 3),
    )
    RectificationItem.objects.create(
        unit=tree["b"],
        problem="q",
        source=RectificationSource.INSPECTION,
        opened_on=D(2023, 5, 9),
        deadline=D(2023, 6, 30),
    )
    at = dt.datetime(2023, 5, 10, 10, tzinfo=dt.UTC)
    transition_rectification(user=SYSTEM, item=first, to=RectificationStatus.SUBMITTED, person=person, at=at)
    transition_rectification(user=SYSTEM, item=first, to=RectificationStatus.VERIFIED, person=person, at=at)
    view = FigureView(campaign=None, period=None, as_of=D(2023, 5, 21))
    data = charts.rectification_burndown(view=view, unit=tree["root"], as_of=D(2023, 5, 21))
    assert data == {
        "weeks": ["2023-05-07", "2023-05-14", "2023-05-21"],
        "open": [1, 1, 1],
        "overdue": [1, 0, 0],
        "closed": [0, 1, 1],
    }


def test_directive_status_counts_deliveries_by_status(tree):
    from cascade.conferences.choices import DirectiveStatus
    from cascade.conferences.tests.factories import DirectiveRecipientFactory

    done = DirectiveRecipientFactory(unit=tree["a1"])
    DirectiveRecipientFactory(unit=tree["b"], directive=done.directive)
    type(done).objects.filter(pk=done.pk).update(
        status=DirectiveStatus.DONE,
        completed_on=D(2024, 1, 2),
        acknowledged_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    view = FigureView(campaign=None, period=None, as_of=D(2024, 6, 1))
    rows = {r["name"]: r["value"] for r in charts.directive_status(view=view, unit=tree["root"])}
    assert rows == {"not yet acknowledged": 1, "acknowledged": 0, "in progress": 0, "done": 1, "overdue": 1}


# --- reads kept while the figures' version stands -----------------------------------------


def _seminars(unit) -> int:
    return rollup(unit=fresh(unit), children=False).totals["seminar"]["records"]


def _figure_queries(read) -> int:
    with CaptureQueriesContext(connection) as queries:
        read()
    return sum("reports_rollupfigure" in q["sql"] for q in queries.captured_queries)


def test_a_read_made_again_under_the_same_version_reads_no_figures(tree):
    _study(tree["a1"], StudyKind.SEMINAR, D(2023, 5, 2))
    _seminars(tree["root"])
    forget_reads()
    assert (
        _figure_queries(lambda: _seminars(tree["root"])),
        _figure_queries(lambda: _seminars(tree["root"])),
    ) == (
        1,
        0,
    )


def test_a_read_larger_than_the_kept_size_is_read_again(tree, monkeypatch):
    _study(tree["a1"], StudyKind.SEMINAR, D(2023, 5, 2))
    _seminars(tree["root"])
    monkeypatch.setattr(read, "KEPT_SIZE", 1)
    assert (
        _figure_queries(lambda: _seminars(tree["root"])),
        _figure_queries(lambda: _seminars(tree["root"])),
    ) == (
        1,
        1,
    )


def test_a_daily_series_read_again_under_the_same_version_reads_no_figures(tree):
    _study(tree["a1"], StudyKind.SEMINAR, D(2023, 5, 2))
    _seminars(tree["root"])  # drained

    def weekly() -> dict:
        view = FigureView(campaign=None, period=None, as_of=D(2023, 6, 1))
        return charts.weekly_activity(view=view, unit=tree["root"])

    def figure_queries(queries) -> int:
        return sum("reports_unitfigure" in q["sql"] for q in queries.captured_queries)

    forget_reads()
    with CaptureQueriesContext(connection) as first:
        read_first = weekly()
    with CaptureQueriesContext(connection) as second:
        read_again = weekly()
    kinds = sum(len(codes) for _name, codes in charts.TIMELINE)
    assert (figure_queries(first), figure_queries(second), read_again == read_first) == (kinds, 0, True)


def test_a_drain_changes_the_version_so_the_next_read_shows_its_write(tree):
    _study(tree["a1"], StudyKind.SEMINAR, D(2023, 5, 2))
    assert (_seminars(tree["root"]), _seminars(tree["root"])) == (1, 1)  # drained, then kept
    _study(tree["b"], StudyKind.SEMINAR, D(2023, 5, 3))
    drain()  # by the worker, say: the reader finds nothing pending
    assert _seminars(tree["root"]) == 2


class RolledBack(Exception):
    pass


def test_a_version_undone_by_a_rollback_never_comes_back_with_other_figures(tree):
    assert _seminars(tree["root"]) == 0
    with contextlib.suppress(RolledBack), transaction.atomic():
        _study(tree["a1"], StudyKind.SEMINAR, D(2023, 5, 2))
        _study(tree["a1"], StudyKind.SEMINAR, D(2023, 5, 3))
        assert (_seminars(tree["root"]), _seminars(tree["root"])) == (2, 2)  # drained, then kept
        raise RolledBack
    _study(tree["b"], StudyKind.SEMINAR, D(2023, 5, 4))
    assert (_seminars(tree["root"]), _seminars(tree["root"])) == (1, 1)


@pytest.mark.django_db
def test_postgresql_connections_read_without_jit_or_parallel_workers():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner settings")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
        cursor.execute("SHOW max_parallel_workers_per_gather")
        workers = cursor.fetchone()[0]
    assert (jit, workers) == ("off", "0")
