"""``cascade bench``: the rollup engine measured against counting the records, side by side, in one run.

Each (database, size) gets a database of its own (a SQLite file under the bench directory,
or a PostgreSQL database ``cascade_bench``, dropped afterwards), filled by ``cascade synth``.
Every phase then runs in a fresh ``cascade bench --phase`` process so that its peak memory
is its own, and prints one JSON object per measurement. The figures, each with the engine's
value, the baseline's value measured in the same run and their ratio:

- ``rollup_root_p95_ms``, ``rollup_mid_p95_ms``, ``rollup_leaf_p95_ms``: ``rollup()`` for the
  campaign (totals, coverage, every direct child) against the same figures counted from the
  raw records with a recursive query for the subtree (``engine.reference``, ``subtree="cte"``);
  ``rollup_*_fresh_p95_ms``: the same read with nothing kept from the reads before it, as the
  first read after the figures changed is;
- ``write_rows_per_s`` (for 1 and 4 writers): records written in transactions of
  ``WRITE_BATCH`` with the triggers and a drainer running, until every figure is current,
  against the same writes with the triggers dropped (``committed_rows_per_s``: the writers'
  own pace, until their last commit); ``dashboard_lag_ms``: from a write's commit until a
  rollup shows it;
- ``bulk_rows_per_s``: ``intake.bulk.load`` with the triggers and the drain that follows,
  against the database's own bulk path (COPY / executemany) into the same table without them;
- ``import_rows_per_s``: study activities imported from an .xlsx file (each row through the
  page's form and domain function, then the drain), against the database's own bulk path
  (the same baseline as ``bulk_rows_per_s``); ``import_peak_rss_mb``: that process's peak
  memory against the bulk load's;
- ``peak_rss_mb``: the reading process, engine against baseline;
- ``dashboard_root_p95_ms``: server time of the root's dashboard page (no baseline);
- ``served_dashboard_rps`` / ``served_dashboard_p95_ms`` and ``served_list_rps`` /
  ``served_list_p95_ms``: the app served as in production (``cascade serve``: gunicorn, on
  loopback only) under ``LOAD_CLIENTS`` signed-in clients for ``load_seconds`` each: the root's
  dashboard and a list page (study activities), requests per second and p95 latency, against
  the same server's ``/health/`` (the floor a request costs); every figure carries its
  ``errors`` (answers other than 200, or failed connections), which must be 0.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

FULL_SIZES = [(30_000, 600_000), (100_000, 2_000_000), (300_000, 6_000_000)]
QUICK_SIZES = [(1_000, 20_000), (3_000, 60_000)]
WRITE_BATCH = 20
# Concurrent clients of the served load test (loopback, keep-alive connections).
LOAD_CLIENTS = 4
PG = "postgres://postgres@127.0.0.1:5432"
BENCH_DB = "cascade_bench"


@dataclass(frozen=True)
class Plan:
    reps: int  # engine repetitions per rollup
    baseline_reps: int
    write_rows: int
    bulk_rows: int
    dashboard_reps: int
    import_rows: int
    load_seconds: float  # per page of the served load test


def plan(units: int, quick: bool) -> Plan:
    if quick and units < 1_000:  # a smoke run (the test suite's): every phase, a few rows each
        return Plan(
            reps=10,
            baseline_reps=1,
            write_rows=200,
            bulk_rows=1_000,
            dashboard_reps=2,
            import_rows=20,
            load_seconds=1,
        )
    if quick:
        return Plan(
            reps=50,
            baseline_reps=1,
            write_rows=1_000,
            bulk_rows=5_000,
            dashboard_reps=3,
            import_rows=200,
            load_seconds=3,
        )
    return Plan(
        reps=200,
        baseline_reps=3,
        write_rows=20_000,
        bulk_rows=200_000,
        dashboard_reps=10,
        import_rows=20_000,
        load_seconds=20,
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1]


def timed(call: Callable[[], object], reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(**fields) -> None:
    print(json.dumps(fields), flush=True)


# --- phases (run inside the bench database) ---------------------------------------------


def _points():
    from cascade.campaigns.models import Campaign
    from cascade.intake import synth
    from cascade.organization.models import Unit

    root = Unit.objects.get(name=synth.ROOT_NAME)
    mid = (
        Unit.objects.filter(depth=3, path__startswith=root.path).order_by("-numchild", "path").first() or root
    )
    leaf = Unit.objects.filter(numchild=0, path__startswith=root.path).order_by("-depth", "path").first()
    return {"root": root, "mid": mid, "leaf": leaf}, Campaign.objects.get(slug=synth.CAMPAIGN_SLUG)


def phase_build(units: int, records: int) -> None:
    from django.core.management import call_command

    from cascade.intake import synth

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # the dashboard runs without DEBUG
    started = time.perf_counter()
    counts = synth.synthesize(units=units, records=records, seed=1)
    emit(
        phase="build",
        seconds=round(time.perf_counter() - started, 1),
        counts=counts,
        peak_rss_mb=peak_rss_mb(),
    )


def phase_reads(engine: bool, reps: int, baseline_reps: int) -> None:
    from cascade.reports.domain import rollup
    from cascade.reports.engine import read, reference

    points, campaign = _points()
    for name, unit in points.items():
        if engine:
            rollup(unit=unit, campaign=campaign)  # warm
            times = timed(lambda u=unit: rollup(unit=u, campaign=campaign), reps)
        else:
            times = timed(
                lambda u=unit: reference.rollup(unit=u, campaign=campaign, subtree="cte"), baseline_reps
            )
        emit(phase="reads", engine=engine, point=name, p50=percentile(times, 50), p95=percentile(times, 95))
        if engine:  # the first read after the figures changed: nothing kept (``engine.read``)
            times = timed(lambda u=unit: (read.forget_reads(), rollup(unit=u, campaign=campaign)), reps)
            emit(
                phase="reads",
                engine=engine,
                point=f"{name}_fresh",
                p50=percentile(times, 50),
                p95=percentile(times, 95),
            )
    emit(phase="reads", engine=engine, point="memory", peak_rss_mb=peak_rss_mb())


def _write_rows(count: int, seed: int, label: str) -> Iterator[list]:
    """Batches of new study activities across the synthetic tree."""
    import random

    from cascade.campaigns.choices import StudyKind
    from cascade.campaigns.models import StudyActivity
    from cascade.intake import synth
    from cascade.organization.models import Unit

    rng = random.Random(seed)
    root = Unit.objects.get(name=synth.ROOT_NAME)
    units = list(Unit.objects.filter(path__startswith=root.path).values_list("pk", flat=True))
    _, campaign = _points()
    kinds = [k.value for k in StudyKind]
    batch = []
    for i in range(count):
        batch.append(
            StudyActivity(
                unit_id=units[rng.randrange(len(units))],
                campaign=campaign,
                kind=kinds[i % len(kinds)],
                title=f"{label} {seed}-{i}",
                start_date=synth.START + timedelta(days=rng.randrange(synth.DAYS)),
            )
        )
        if len(batch) == WRITE_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def phase_writer(count: int, seed: int, label: str) -> None:
    from django.db import transaction

    from cascade.campaigns.models import StudyActivity

    batches = list(_write_rows(count, seed, label))
    started = time.time()
    for batch in batches:
        with transaction.atomic():
            StudyActivity.objects.bulk_create(batch)
    emit(phase="writer", start=started, end=time.time())


def phase_drainer(stop_file: str) -> None:
    from cascade.reports.engine import drain

    current = time.time()  # when the figures last became current
    while True:
        if drain():
            current = time.time()
        elif os.path.exists(stop_file):
            break
        time.sleep(0.25)
    emit(phase="drainer", done=current)


def phase_probe(stop_file: str) -> None:
    """Write one record now and then; time until a rollup of its unit shows it."""
    from cascade.campaigns.choices import StudyKind
    from cascade.campaigns.models import StudyActivity
    from cascade.reports.domain import rollup

    points, campaign = _points()
    leaf = points["leaf"]
    lags = []
    while not os.path.exists(stop_file):
        before = rollup(unit=leaf, children=False).totals["seminar"]["records"]
        StudyActivity.objects.create(unit=leaf, campaign=campaign, kind=StudyKind.SEMINAR, title="Probe")
        committed = time.perf_counter()
        while rollup(unit=leaf, children=False).totals["seminar"]["records"] == before:
            time.sleep(0.01)
        lags.append((time.perf_counter() - committed) * 1000)
        time.sleep(0.2)
    emit(
        phase="probe", p50=percentile(lags, 50) if lags else None, p95=percentile(lags, 95) if lags else None
    )


def phase_triggers(on: bool) -> None:
    """Drop the triggers (for the plain baseline) or put them back."""
    from django.db import connection

    from cascade.reports.engine import triggers

    (triggers.install if on else triggers.uninstall)(connection)
    emit(phase="triggers", on=on)


def phase_cleanup(label: str) -> None:
    """Take out what a plain run wrote (with the triggers still dropped, so the figures stay as they were)."""
    from cascade.campaigns.models import StudyActivity

    deleted, _ = StudyActivity.objects.filter(title__startswith=label).delete()
    emit(phase="cleanup", deleted=deleted)


def phase_bulk(count: int, maintained: bool, label: str) -> None:
    import random

    from django.db import transaction

    from cascade.campaigns.choices import StudyKind
    from cascade.campaigns.models import StudyActivity
    from cascade.intake import bulk, synth
    from cascade.organization.models import Unit
    from cascade.reports.engine import drain

    rng = random.Random(7 if maintained else 8)
    root = Unit.objects.get(name=synth.ROOT_NAME)
    units = list(Unit.objects.filter(path__startswith=root.path).values_list("pk", flat=True))
    _p, campaign = _points()
    kinds = [k.value for k in StudyKind]
    ids = bulk.next_ids(StudyActivity, count)
    rows = [
        (
            pk,
            campaign.pk,
            units[rng.randrange(len(units))],
            kinds[i % 4],
            f"{label} {i}",
            synth.START + timedelta(days=rng.randrange(synth.DAYS)),
        )
        for i, pk in enumerate(ids)
    ]
    started = time.perf_counter()
    with transaction.atomic():
        bulk.load(StudyActivity, ["id", "campaign_id", "unit_id", "kind", "title", "start_date"], rows)
    if maintained:
        drain()
    emit(
        phase="bulk",
        maintained=maintained,
        seconds=time.perf_counter() - started,
        rows=count,
        peak_rss_mb=peak_rss_mb(),
    )


def phase_import(count: int) -> None:
    """``count`` study activities from an .xlsx file, read and written row by row through the
    page's form and ``save_record`` (as the system), then the figures brought up to date."""
    import io
    import random

    from openpyxl import Workbook

    from cascade.campaigns.choices import StudyKind
    from cascade.core.scopes import SYSTEM
    from cascade.intake import imports, synth
    from cascade.intake.spreadsheets import read_table
    from cascade.organization.models import Unit
    from cascade.reports.engine import drain

    rng = random.Random(9)
    root = Unit.objects.get(name=synth.ROOT_NAME)
    names = list(Unit.objects.filter(path__startswith=root.path).values_list("name", flat=True))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Study activities")
    sheet.append(["Campaign", "Unit", "Kind", "Title", "Start date"])
    kinds = [k.value for k in StudyKind]
    batch = time.time_ns()  # titles of their own: a file imported again would change nothing
    for i in range(count):
        day = synth.START + timedelta(days=rng.randrange(synth.DAYS))
        sheet.append(
            [
                synth.CAMPAIGN_SLUG,
                names[rng.randrange(len(names))],
                kinds[i % 4],
                f"Imported {batch}-{i}",
                day,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    kind = imports.kind_for("study-activities")
    started = time.perf_counter()
    table = read_table(data, file_name="bench.xlsx", accept=imports.accepts(kind, user=SYSTEM))
    result = imports.run_import(kind=kind, table=table, user=SYSTEM, commit=True)
    drain()
    seconds = time.perf_counter() - started
    assert result.committed and result.counts["new"] == count, result.counts
    emit(phase="import", seconds=seconds, rows=count, file_bytes=len(data), peak_rss_mb=peak_rss_mb())


def phase_dashboard(reps: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    points, campaign = _points()
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    url = reverse("unit-dashboard", args=[points["root"].pk]) + f"?campaign={campaign.slug}"
    client.get(url)
    times = timed(lambda: client.get(url), reps)
    emit(phase="dashboard", p50=percentile(times, 50), p95=percentile(times, 95))


def phase_session() -> None:
    """A signed-in session (a superuser: the whole tree) and the pages the served load test asks for."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    points, campaign = _points()
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    emit(
        phase="session",
        cookie=f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
        pages={
            "health": reverse("health"),
            "dashboard": reverse("unit-dashboard", args=[points["root"].pk]) + f"?campaign={campaign.slug}",
            "list": reverse("campaigns:studyactivity_list"),
        },
    )


PHASES = {
    "build": phase_build,
    "reads": phase_reads,
    "writer": phase_writer,
    "drainer": phase_drainer,
    "probe": phase_probe,
    "triggers": phase_triggers,
    "cleanup": phase_cleanup,
    "bulk": phase_bulk,
    "import": phase_import,
    "dashboard": phase_dashboard,
    "session": phase_session,
}


# --- the orchestrator -------------------------------------------------------------------


class Database:
    """A throw-away database for one (kind, size) and the environment that points at it."""

    def __init__(self, kind: str, workdir: Path):
        self.kind = kind
        self.env = dict(
            os.environ, CASCADE_VAR_DIR=str(workdir), CASCADE_DEBUG="0", CASCADE_ALLOWED_HOSTS="testserver"
        )
        self.env.pop("DATABASE_URL", None)
        if kind == "postgres":
            self.env["DATABASE_URL"] = f"{PG}/{BENCH_DB}"

    def __enter__(self) -> Database:
        if self.kind == "postgres":
            self._psql(f"DROP DATABASE IF EXISTS {BENCH_DB}")
            self._psql(f"CREATE DATABASE {BENCH_DB}")
        return self

    def __exit__(self, *exc) -> None:
        if self.kind == "postgres":
            self._psql(f"DROP DATABASE IF EXISTS {BENCH_DB}")

    @staticmethod
    def _psql(statement: str) -> None:
        subprocess.run(["psql", f"{PG}/postgres", "-qAtc", statement], check=True, capture_output=True)

    def phase(self, name: str, *args: object, background: bool = False):
        # The checks ran in the process that started this one; each phase starts in a second less.
        command = [
            sys.executable,
            "-m",
            "cascade.cli",
            "bench",
            "--skip-checks",
            "--phase",
            name,
            *map(str, args),
        ]
        if background:
            return subprocess.Popen(command, env=self.env, stdout=subprocess.PIPE, text=True)
        done = subprocess.run(command, env=self.env, stdout=subprocess.PIPE, text=True, check=True)
        return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load(port: int, path: str, cookie: str, *, seconds: float, clients: int = LOAD_CLIENTS) -> dict:
    """``clients`` threads asking for ``path`` on keep-alive connections for ``seconds``:
    requests per second, p95 latency (ms) and errors (not 200, or a failed connection)."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        mine, failed = [], 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                answer = connection.getresponse()
                answer.read()
                ok = answer.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append((time.perf_counter() - started) * 1000)
            failed += not ok
        connection.close()
        with lock:
            times.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "rps": len(times) / elapsed,
        "p95": percentile(times, 95),
        "errors": errors[0],
        "requests": len(times),
    }


def _served(db: Database, seconds: float) -> dict[str, dict]:
    """The served load test: ``cascade serve`` (gunicorn, no task worker) on a loopback port."""
    session = db.phase("session")[0]
    port = _free_port()
    env = dict(db.env, CASCADE_ALLOWED_HOSTS="127.0.0.1")
    command = [sys.executable, "-m", "cascade.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    server = subprocess.Popen(
        [*command, "--no-worker", "--no-migrate"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("cascade serve stopped before it answered") from None
                time.sleep(0.1)
        for path in session["pages"].values():  # warm every worker's caches
            load(port, path, session["cookie"], seconds=0.5)
        return {
            name: load(port, path, session["cookie"], seconds=seconds)
            for name, path in session["pages"].items()
        }
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _lines(process: subprocess.Popen) -> list[dict]:
    out, _ = process.communicate()
    if process.returncode:
        raise RuntimeError(f"a bench process failed ({process.args})")
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def _writes(db: Database, rows: int, writers: int, *, maintained: bool, stop: Path) -> dict:
    """Rows per second from the first write to the moment every figure is current (wall clock,
    process start-up left out)."""
    stop.unlink(missing_ok=True)
    label = "Bench kept" if maintained else "Bench plain"
    helpers = []
    if maintained:
        helpers = [db.phase("drainer", stop, background=True), db.phase("probe", stop, background=True)]
    procs = [db.phase("writer", rows // writers, seed, label, background=True) for seed in range(writers)]
    done = [_lines(proc)[0] for proc in procs]
    stop.touch()
    results = [_lines(h) for h in helpers]
    start = min(d["start"] for d in done)
    written = max(d["end"] for d in done)
    end = max([written] + ([results[0][0]["done"]] if maintained else []))
    # Until every figure is current, and (for the writers alone) until the last commit.
    out = {"rows_per_s": rows / (end - start), "committed_rows_per_s": rows / (written - start)}
    if maintained:
        out["lag_p95_ms"] = results[1][0]["p95"]
    return out


def _plain(db: Database, run: Callable[[], dict], label: str) -> dict:
    """A measurement with the triggers dropped; what it wrote is taken out before they come back."""
    db.phase("triggers", 0)
    try:
        return run()
    finally:
        db.phase("cleanup", label)
        db.phase("triggers", 1)


def figure(db: str, units: int, records: int, name: str, engine, baseline, **extra) -> dict:
    ratio = None
    if engine is not None and baseline not in (None, 0) and engine != 0:
        # Latency and memory: how many times the baseline's; throughput: the share of it kept.
        ratio = baseline / engine if name.endswith(("_ms", "_mb")) else engine / baseline
    return {
        "db": db,
        "units": units,
        "records": records,
        "figure": name,
        "engine": engine,
        "baseline": baseline,
        "ratio": ratio,
        **extra,
    }


def run_size(kind: str, units: int, records: int, quick: bool, workdir: Path) -> Iterator[dict]:
    p = plan(units, quick)
    with Database(kind, workdir) as db:
        build = db.phase("build", units, records)[0]
        yield figure(kind, units, records, "build_s", build["seconds"], None)
        engine = {r["point"]: r for r in db.phase("reads", 1, p.reps, p.baseline_reps)}
        baseline = {r["point"]: r for r in db.phase("reads", 0, p.reps, p.baseline_reps)}
        for point in ("root", "mid", "leaf"):
            for name, got in ((point, engine[point]), (f"{point}_fresh", engine[f"{point}_fresh"])):
                yield figure(
                    kind,
                    units,
                    records,
                    f"rollup_{name}_p95_ms",
                    got["p95"],
                    baseline[point]["p95"],
                    engine_p50=got["p50"],
                    baseline_p50=baseline[point]["p50"],
                )
        yield figure(
            kind,
            units,
            records,
            "peak_rss_mb",
            engine["memory"]["peak_rss_mb"],
            baseline["memory"]["peak_rss_mb"],
        )
        dashboard = db.phase("dashboard", p.dashboard_reps)[0]
        yield figure(
            kind, units, records, "dashboard_root_p95_ms", dashboard["p95"], None, engine_p50=dashboard["p50"]
        )
        served = _served(db, p.load_seconds)
        floor = served["health"]
        for page in ("dashboard", "list"):
            got = served[page]
            extra = {"errors": got["errors"], "baseline_errors": floor["errors"], "requests": got["requests"]}
            yield figure(kind, units, records, f"served_{page}_rps", got["rps"], floor["rps"], **extra)
            yield figure(kind, units, records, f"served_{page}_p95_ms", got["p95"], floor["p95"], **extra)
        stop = workdir / "stop"
        for writers in (1, 4):
            kept = _writes(db, p.write_rows, writers, maintained=True, stop=stop)
            plain = _plain(
                db, lambda w=writers: _writes(db, p.write_rows, w, maintained=False, stop=stop), "Bench plain"
            )
            yield figure(
                kind,
                units,
                records,
                "write_rows_per_s",
                kept["rows_per_s"],
                plain["rows_per_s"],
                writers=writers,
                committed_rows_per_s=kept["committed_rows_per_s"],
            )
            yield figure(kind, units, records, "dashboard_lag_ms", kept["lag_p95_ms"], None, writers=writers)
        kept = db.phase("bulk", p.bulk_rows, 1, "Bulk kept")[0]
        plain = _plain(db, lambda: db.phase("bulk", p.bulk_rows, 0, "Bulk plain")[0], "Bulk plain")
        yield figure(
            kind,
            units,
            records,
            "bulk_rows_per_s",
            p.bulk_rows / kept["seconds"],
            p.bulk_rows / plain["seconds"],
        )
        imported = db.phase("import", p.import_rows)[0]
        yield figure(
            kind,
            units,
            records,
            "import_rows_per_s",
            p.import_rows / imported["seconds"],
            p.bulk_rows / plain["seconds"],
            rows=p.import_rows,
        )
        yield figure(
            kind, units, records, "import_peak_rss_mb", imported["peak_rss_mb"], plain["peak_rss_mb"]
        )


def machine() -> dict:
    return {
        "date": date.today().isoformat(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


def run(*, kinds: list[str], quick: bool, sizes: list[tuple[int, int]] | None = None) -> Iterator[dict]:
    for kind in kinds:
        for units, records in sizes or (QUICK_SIZES if quick else FULL_SIZES):
            with tempfile.TemporaryDirectory(prefix="cascade-bench-") as workdir:
                yield from run_size(kind, units, records, quick, Path(workdir))
