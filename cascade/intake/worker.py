"""The task worker and the clock beside the web server: ``cascade demo`` and ``cascade serve`` start them.

The worker runs background work (spreadsheet imports, long reports' figures, the figures'
recounts after writes, the daily run); the clock (``cascade clock``) enqueues the daily run
at start and after every local midnight.
"""

from __future__ import annotations

import subprocess
import sys

RQ_BACKEND = "django_tasks_rq.RQBackend"


def worker_command() -> list[str]:
    """The worker for the configured task backend: RQ's on Redis, else the database's."""
    from django.conf import settings

    command = [sys.executable, "-m", "cascade.cli"]
    if settings.TASKS["default"]["BACKEND"] == RQ_BACKEND:
        return [*command, "rqworker", "default", "--job-class", "django_tasks_rq.backend.Job"]
    return [*command, "db_worker", "--no-reload"]


def start_worker() -> subprocess.Popen:
    """The task worker in a process of its own."""
    return subprocess.Popen(worker_command())


def clock_command() -> list[str]:
    return [sys.executable, "-m", "cascade.cli", "clock"]


def start_clock() -> subprocess.Popen:
    """The clock in a process of its own: it enqueues the daily run, which the worker does."""
    return subprocess.Popen(clock_command())


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """Ask ``process`` to finish its work and end; kill it when it does not within ``timeout``."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
