"""The engine's figures equal a rebuild's and the records' own count, whatever happened before.

Random lists of writes, deletes, moves and drains (``world.OPS``) are applied to a small
tree; then every rollup the engine answers (several units, every campaign, periods that
cut months and days, scoped viewers) must equal ``reference.rollup`` counting the rows,
and the tables the drains kept must equal what ``rebuild`` makes from scratch. Runs on
whichever database the suite runs on (SQLite and PostgreSQL in CI).
"""

from __future__ import annotations

import os
from unittest.mock import patch

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cascade.organization.models import Unit
from cascade.reports.domain import Period, rollup
from cascade.reports.engine import drain, lateness, rebuild, reference
from cascade.reports.models import VALUE_COLUMNS

from .world import AS_OF, DAYS, OPS, PERIODS, World

EXAMPLES = int(os.environ.get("CASCADE_PROPERTY_EXAMPLES", "20"))

operation = st.tuples(*(st.integers(0, 40) for _ in range(5))).map(lambda t: (t[0] % len(OPS), *t[1:]))


def stored() -> dict:
    """The engine's own and subtree figures, without zero rows."""
    out = {}
    with connection.cursor() as cursor:
        for table, key in (
            ("reports_unitfigure", "family, key, unit_id, ckey, series, day, due"),
            ("reports_rollupfigure", "unit_id, ckey, series, grain, bucket, due"),
        ):
            nonzero = " OR ".join(f"{v} <> 0" for v in VALUE_COLUMNS)
            cursor.execute(f"SELECT {key}, {', '.join(VALUE_COLUMNS)} FROM {table} WHERE {nonzero}")
            width = len(key.split(", "))
            out[table] = sorted(
                (tuple(str(x) for x in row[:width]), tuple(int(v) for v in row[width:]))
                for row in cursor.fetchall()
            )
        cursor.execute("SELECT unit_id, ancestor_id, distance FROM reports_unitancestor")
        out["reports_unitancestor"] = sorted(cursor.fetchall())
    return out


def picture(result) -> dict:
    data = result.as_json()
    data["children"] = sorted(data["children"], key=lambda c: c["id"])
    return data


def questions(world: World) -> list[dict]:
    """Rollups to compare: the root over every campaign and period, the upper units over every
    campaign (each with another period), and scoped viewers at the root."""
    out = []
    campaigns = [None, *world.campaigns]
    for unit in Unit.objects.filter(depth__lte=3).order_by("path"):
        if unit.depth == 1:
            pairs = [(campaign, dates) for campaign in campaigns for dates in PERIODS]
        else:
            pairs = list(zip(campaigns, PERIODS[: len(campaigns)], strict=True))
        for campaign, dates in pairs:
            out.append({"unit": unit, "campaign": campaign, "period": Period(*dates) if dates else None})
    for user in world.users():
        for campaign in [None, world.campaigns[0]]:
            out.append({"unit": world.root, "campaign": campaign, "user": user})
    return out


def assert_engine_answers(asked: list[dict], expected: list[dict]) -> None:
    for args, want in zip(asked, expected, strict=True):
        assert picture(rollup(**args, as_of=AS_OF)) == want, args


@pytest.mark.django_db
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(operation, min_size=1, max_size=25), first_day=st.sampled_from(DAYS[1:]))
def test_incremental_equals_rebuild_equals_records(ops, first_day):
    """Writes happen while lateness is judged on ``first_day``; the questions are asked on
    ``AS_OF`` (so the lateness day moves, unless they are the same)."""
    with transaction.atomic():
        with patch.object(lateness, "today", return_value=first_day):
            world = World()
            for op in ops:
                world.apply(op)
            asked = questions(world)
            expected = [picture(reference.rollup(**args, as_of=AS_OF)) for args in asked]
            drain()
        with patch.object(lateness, "today", return_value=AS_OF):
            assert_engine_answers(asked, expected)
            kept = stored()
            rebuild()
            assert stored() == kept
            assert_engine_answers(asked, expected)
        transaction.set_rollback(True)
