import datetime as dt
from decimal import Decimal

import pytest

from cascade.campaigns.choices import Cohort, RectificationSource, SessionLength, StudyKind
from cascade.campaigns.models import (
    CampaignScope,
    RectificationItem,
    StudyActivity,
    StudyAttendance,
    StudySession,
)
from cascade.campaigns.tests.factories import CampaignFactory
from cascade.core.scopes import SYSTEM
from cascade.organization.domain import move_unit
from cascade.organization.tests.factories import PersonFactory, UnitFactory, fresh
from cascade.reports.domain import Period, rollup
from cascade.reports.vocabulary import KINDS


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Office")
    a = UnitFactory(parent=fresh(root), name="A")
    b = UnitFactory(parent=fresh(root), name="B")
    a1 = UnitFactory(parent=fresh(a), name="A1")
    a2 = UnitFactory(parent=fresh(a), name="A2")
    campaign = CampaignFactory(office=fresh(root), start_date=dt.date(2023, 4, 1))
    CampaignScope.objects.create(campaign=campaign, unit=fresh(root), include_descendants=True)
    return {
        "root": fresh(root),
        "a": fresh(a),
        "b": fresh(b),
        "a1": fresh(a1),
        "a2": fresh(a2),
        "campaign": campaign,
    }


def _reading_class(
    unit, campaign, *, cohort="", number=None, start=dt.date(2023, 4, 10), days=0, half_days=0
):
    activity = StudyActivity.objects.create(
        unit=unit,
        campaign=campaign,
        kind=StudyKind.READING_CLASS,
        title="Reading class",
        cohort=cohort,
        cohort_number=number,
        start_date=start,
    )
    for i in range(days):
        StudySession.objects.create(
            activity=activity, date=start + dt.timedelta(days=i), length=SessionLength.DAY, hours=7
        )
    for i in range(half_days):
        StudySession.objects.create(
            activity=activity, date=start + dt.timedelta(days=i), length=SessionLength.HALF_DAY, hours=3.5
        )
    return activity


def test_rollup_empty_tree_is_all_zero(tree):
    result = rollup(unit=tree["root"])
    assert all(v == 0 for measures in result.totals.values() for v in measures.values())
    assert result.coverage["reading_class"] == {"in_scope": 5, "covered": 0}
    assert [c.unit.name for c in result.children] == ["A", "B"]


def test_rollup_counts_subtree_and_splits_per_child(tree):
    c = tree["campaign"]
    _reading_class(tree["root"], c, cohort=Cohort.ROUND, number=1)
    _reading_class(tree["a1"], c, cohort=Cohort.BATCH, number=1, days=7)
    _reading_class(tree["a2"], c, cohort=Cohort.BATCH, number=2, days=7)
    _reading_class(tree["b"], c, half_days=14)
    result = rollup(unit=tree["root"], campaign=c)
    assert result.totals["reading_class"] == {
        "records": 4,
        "rounds": 1,
        "batches": 2,
        "days": 14,
        "half_days": 14,
        "participants": 0,
        "person_hours": 0.0,
    }
    per_child = {ch.unit.name: ch.totals["reading_class"] for ch in result.children}
    assert (per_child["A"]["batches"], per_child["A"]["days"], per_child["B"]["half_days"]) == (2, 14, 14)
    assert result.own_totals["reading_class"]["rounds"] == 1
    assert result.coverage["reading_class"] == {"in_scope": 5, "covered": 4}


def test_rollup_of_a_child_excludes_siblings(tree):
    _reading_class(tree["a1"], tree["campaign"], days=2)
    _reading_class(tree["b"], tree["campaign"], days=3)
    assert rollup(unit=tree["a"]).totals["reading_class"]["days"] == 2
    assert rollup(unit=tree["b"]).totals["reading_class"]["days"] == 3


def test_rollup_participants_and_person_hours(tree):
    activity = _reading_class(tree["a1"], tree["campaign"])
    for hours in ("7.0", "3.5"):
        StudyAttendance.objects.create(activity=activity, person=PersonFactory(), hours=Decimal(hours))
    totals = rollup(unit=tree["root"]).totals["reading_class"]
    assert (totals["participants"], totals["person_hours"]) == (2, 10.5)


def test_rollup_campaign_filter_excludes_other_campaigns(tree):
    other = CampaignFactory(office=tree["root"])
    _reading_class(tree["a1"], tree["campaign"])
    _reading_class(tree["a1"], other)
    _reading_class(tree["a1"], None)
    assert rollup(unit=tree["root"]).totals["reading_class"]["records"] == 3
    assert rollup(unit=tree["root"], campaign=tree["campaign"]).totals["reading_class"]["records"] == 1


def test_rollup_period_filter_uses_record_dates(tree):
    _reading_class(tree["a1"], tree["campaign"], start=dt.date(2023, 4, 10))
    _reading_class(tree["a1"], tree["campaign"], start=dt.date(2023, 6, 10))
    period = Period(start=dt.date(2023, 6, 1), end=dt.date(2023, 6, 30))
    assert rollup(unit=tree["root"], period=period).totals["reading_class"]["records"] == 1


def test_rollup_coverage_counts_only_units_in_campaign_scope(tree):
    campaign = CampaignFactory(office=tree["root"])
    CampaignScope.objects.create(campaign=campaign, unit=tree["a"], include_descendants=True)
    _reading_class(tree["a1"], campaign)
    _reading_class(tree["b"], campaign)  # outside the scope
    assert rollup(unit=tree["root"], campaign=campaign).coverage["reading_class"] == {
        "in_scope": 3,
        "covered": 1,
    }


def test_rollup_rectification_open_overdue_closed(tree):
    for deadline in (dt.date(2023, 5, 1), dt.date(2023, 9, 1)):
        RectificationItem.objects.create(
            unit=tree["a1"],
            problem="p",
            source=RectificationSource.INSPECTION,
            opened_on=dt.date(2023, 4, 1),
            deadline=deadline,
        )
    totals = rollup(unit=tree["root"], as_of=dt.date(2023, 6, 1)).totals["rectification"]
    assert totals == {"records": 2, "open": 2, "overdue": 1, "closed": 0}


def test_rollup_follows_a_moved_unit(tree):
    _reading_class(tree["a1"], tree["campaign"], days=5)
    move_unit(user=SYSTEM, unit=tree["a1"], new_parent=tree["b"])
    result = rollup(unit=tree["root"])
    per_child = {ch.unit.name: ch.totals["reading_class"]["days"] for ch in result.children}
    assert per_child == {"A": 0, "B": 5}
    assert result.totals["reading_class"]["days"] == 5


def test_rollup_json_has_every_kind_and_measure(tree):
    data = rollup(unit=tree["root"], campaign=tree["campaign"]).as_json()
    assert sorted(data) == ["as_of", "campaign", "children", "coverage", "period", "totals", "unit"]
    assert {k: sorted(v) for k, v in data["totals"].items()} == {
        code: sorted(kind.measures) for code, kind in KINDS.items()
    }
    assert data["campaign"] == tree["campaign"].slug
    assert [c["unit"] for c in data["children"]] == ["A", "B"]


def test_rollup_with_user_counts_only_what_the_user_may_read(tree):
    from cascade.access.choices import Role
    from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory

    _reading_class(tree["a1"], tree["campaign"], days=2)
    _reading_class(tree["b"], tree["campaign"], days=3)
    clerk = UserFactory()
    RoleAssignmentFactory(user=clerk, role=Role.UNIT_CLERK, unit=tree["a"], include_descendants=True)
    office = UserFactory()
    RoleAssignmentFactory(user=office, role=Role.CAMPAIGN_OFFICE, unit=tree["root"], include_descendants=True)
    everything = rollup(unit=tree["root"])
    assert rollup(unit=tree["root"], user=office).as_json() == everything.as_json()
    mine = rollup(unit=tree["root"], user=clerk)
    assert (mine.totals["reading_class"]["days"], mine.coverage["reading_class"]) == (
        2,
        {"in_scope": 3, "covered": 1},
    )
