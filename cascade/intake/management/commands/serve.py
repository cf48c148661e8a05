"""``cascade serve``: Cascade in production on one machine: gunicorn, the task worker, static files.

Migrates (unless ``--no-migrate``), collects the static files (hashed and compressed, which
production mode serves through WhiteNoise), then runs gunicorn, the task worker and the clock
(``cascade clock``: the daily run after every local midnight) side by side until one ends or
the command is stopped (SIGTERM or Ctrl-C stop them all, letting requests and the task in
hand finish). Configuration comes from the environment as for any
command: ``CASCADE_PRODUCTION=1``, ``CASCADE_SECRET_KEY``, ``CASCADE_ALLOWED_HOSTS``,
``DATABASE_URL`` ... ``/health/`` and ``/ready/`` tell a load balancer how it is.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from cascade.intake.worker import start_clock, start_worker, stop

# Gunicorn's access log as one JSON object per line, like the application's (CASCADE_LOG_FORMAT=json).
JSON_ACCESS_LOG = (
    '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "ms": %(M)s, "agent": "%(a)s"}'
)


class Command(BaseCommand):
    help = "Serve Cascade with gunicorn and the task worker (migrates and collects static files first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="Address and port (default 127.0.0.1:8000)."
        )
        parser.add_argument(
            "--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="Gunicorn worker processes."
        )
        parser.add_argument("--no-migrate", action="store_true", help="Do not apply migrations first.")
        parser.add_argument(
            "--no-worker", action="store_true", help="Run no task worker (one runs elsewhere)."
        )
        parser.add_argument(
            "--no-clock",
            action="store_true",
            help="Run no clock (one runs elsewhere, or cron runs 'cascade daily').",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "cascade.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(max(options["workers"], 1)),
            "--graceful-timeout",
            "20",
            "--access-logfile",
            "-",
        ]
        if os.environ.get("CASCADE_LOG_FORMAT") == "json":
            command += ["--access-logformat", JSON_ACCESS_LOG]
        processes = [subprocess.Popen(command)]
        if not options["no_worker"]:
            processes.append(start_worker())
        if not options["no_clock"]:
            processes.append(start_clock())
        self.stdout.write(f"Serving on http://{options['bind']}/ ({len(processes)} processes; SIGTERM stops)")
        stopping = []
        previous = {
            sig: signal.signal(sig, lambda *_: stopping.append(True))
            for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            while not stopping and all(p.poll() is None for p in processes):
                time.sleep(0.5)
        finally:
            for process in processes:
                stop(process)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        failed = [p.returncode for p in processes if p.returncode not in (0, -signal.SIGTERM)]
        if failed and not stopping:
            raise SystemExit(failed[0] or 1)
