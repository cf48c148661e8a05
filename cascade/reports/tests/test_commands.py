"""``cascade rollup --rebuild / --drain`` and ``cascade bench``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cascade.campaigns.choices import StudyKind
from cascade.campaigns.models import StudyActivity
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory
from cascade.reports.engine import drain
from cascade.reports.models import PendingChange, RollupFigure


@pytest.fixture
def unit(db):
    root = UnitFactory(name="Root", short_name="RT")
    return Unit.objects.get(pk=root.pk)


def test_rollup_drain_applies_the_pending_recounts(unit):
    drain()  # what setting up the unit noted
    StudyActivity.objects.create(unit=unit, kind=StudyKind.SEMINAR, title="t")
    StudyActivity.objects.create(unit=unit, kind=StudyKind.LECTURE, title="u")
    noted = PendingChange.objects.count()
    err = io.StringIO()
    call_command("rollup", "--drain", stderr=err)
    assert (noted, PendingChange.objects.count(), err.getvalue().strip()) == (
        2,
        0,
        "Applied 2 pending recounts.",
    )


def test_rollup_drain_says_one_recount_in_the_singular(unit):
    drain()
    StudyActivity.objects.create(unit=unit, kind=StudyKind.SEMINAR, title="t")
    err = io.StringIO()
    call_command("rollup", "--drain", stderr=err)
    assert err.getvalue().strip() == "Applied 1 pending recount."


def test_rollup_rebuild_recounts_everything_then_rolls_up(unit):
    StudyActivity.objects.create(unit=unit, kind=StudyKind.SEMINAR, title="t")
    RollupFigure.objects.all().delete()
    out = io.StringIO()
    call_command("rollup", "--rebuild", "--unit", "RT", "--json", stdout=out, stderr=io.StringIO())
    assert json.loads(out.getvalue())["totals"]["seminar"]["records"] == 1


def test_rollup_without_a_unit_or_work_is_refused(unit):
    with pytest.raises(CommandError, match="Name a unit"):
        call_command("rollup")


def test_bench_size_that_is_not_units_and_records_is_refused():
    with pytest.raises(CommandError) as refused:
        call_command("bench", "--size", "300k")
    assert str(refused.value) == "“300k” is not UNITS:RECORDS."


def test_rollup_follow_without_drain_is_refused(unit):
    with pytest.raises(CommandError, match="--follow goes with --drain"):
        call_command("rollup", "--follow", "1")


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs (on SQLite) when the suite runs on SQLite")
def test_bench_prints_every_figure_side_by_side(tmp_path):
    """A tiny run on SQLite: the JSON lines carry the documented keys (no timings are checked)."""
    env = dict(os.environ, CASCADE_VAR_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cascade.cli",
            "bench",
            "--quick",
            "--db",
            "sqlite",
            "--size",
            "60:600",
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert {r["figure"] for r in rows} == {
        "build_s",
        "rollup_root_p95_ms",
        "rollup_mid_p95_ms",
        "rollup_leaf_p95_ms",
        "rollup_root_fresh_p95_ms",
        "rollup_mid_fresh_p95_ms",
        "rollup_leaf_fresh_p95_ms",
        "peak_rss_mb",
        "dashboard_root_p95_ms",
        "write_rows_per_s",
        "dashboard_lag_ms",
        "bulk_rows_per_s",
        "import_rows_per_s",
        "import_peak_rss_mb",
        "served_dashboard_rps",
        "served_dashboard_p95_ms",
        "served_list_rps",
        "served_list_p95_ms",
    }
    assert all({"db", "units", "records", "figure", "engine", "baseline", "ratio"} <= set(r) for r in rows)
    assert {(r["db"], r["units"], r["records"]) for r in rows} == {("sqlite", 60, 600)}
    served = [r for r in rows if r["figure"].startswith("served_")]
    assert [(r["errors"], r["baseline_errors"]) for r in served] == [(0, 0)] * 4
    assert all(r["requests"] > 0 for r in served)
    writes = [r for r in rows if r["figure"] == "write_rows_per_s"]
    assert sorted(r["writers"] for r in writes) == [1, 4]
    assert all(r["engine"] > 0 and r["baseline"] > 0 and r["ratio"] > 0 for r in writes)
