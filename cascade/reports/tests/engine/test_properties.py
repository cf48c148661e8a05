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
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cascade.organization.models import Unit
from cascade.reports.domain import Period, rollup
from cascade.reports.engine import drain, lateness, rebuild, reference

from .world import AS_OF, DAYS, OPS, PERIODS, World, stored

EXAMPLES = int(os.environ.get("CASCADE_PROPERTY_EXAMPLES", "20"))

operation = st.tuples(*(st.integers(0, 40) for _ in range(5))).map(lambda t: (t[0] % len(OPS), *t[1:]))


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


examples = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
worlds = given(
    ops=st.lists(operation, min_size=1, max_size=25),
    first_day=st.sampled_from(DAYS[1:]),
    grained_from=st.sampled_from([1, 2, 3, 1000]),
    drain_every=st.sampled_from([0, 1, 3]),
)


def assert_engine_answers(asked: list[dict], expected: list[dict]) -> None:
    for args, want in zip(asked, expected, strict=True):
        assert picture(rollup(**args, as_of=AS_OF)) == want, args


@pytest.mark.django_db
@examples
@worlds
def test_incremental_equals_rebuild_equals_records(ops, first_day, grained_from, drain_every):
    """Writes happen while lateness is judged on ``first_day``; the questions are asked on
    ``AS_OF`` (so the lateness day moves, unless they are the same). Units with
    ``grained_from`` descendants keep figures by month and day (the world starts with a root
    of 5, two units of 2 and 1, and leaves), so units start and stop being kept so as the tree
    changes, and periods are read both ways. With ``drain_every``, a drain follows every so
    many operations, so that later writes meet figures already stored (0: only where the
    operations drain)."""
    with transaction.atomic():
        check_world(ops, first_day, grained_from, drain_every)
        transaction.set_rollback(True)


def check_world(ops, first_day, grained_from, drain_every) -> None:
    with override_settings(CASCADE_GRAINED_FROM=grained_from):
        with patch.object(lateness, "today", return_value=first_day):
            world = World()
            # Built by draining from the first units on, so that no read finds the figures
            # never built (and rebuilds them): every drain that follows is incremental.
            drain()
            for done, op in enumerate(ops, start=1):
                world.apply(op)
                if drain_every and done % drain_every == 0:
                    drain()
            asked = questions(world)
            expected = [picture(reference.rollup(**args, as_of=AS_OF)) for args in asked]
            drain()
        with patch.object(lateness, "today", return_value=AS_OF):
            assert_engine_answers(asked, expected)
            kept = stored()
            rebuild()
            assert stored() == kept
            assert_engine_answers(asked, expected)


@pytest.mark.django_db(transaction=True)
@examples
@worlds
def test_incremental_equals_rebuild_equals_records_with_each_write_committed(
    ops, first_day, grained_from, drain_every
):
    """The same, every write committed as it is made: on PostgreSQL only then does a drain read
    one snapshot (``sql.drain_transaction``) and add inserted rows instead of recounting them.
    Drains run where the operations and reads ask for them, not after each commit."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite adds inserted rows inside a transaction too: the test above covers it")
    try:
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
            check_world(ops, first_day, grained_from, drain_every)
    finally:
        call_command("flush", interactive=False, verbosity=0)
