"""``cascade clock``: enqueue the daily task at start and after every local midnight.

``cascade demo`` and ``cascade serve`` start it beside the task worker; the worker does the
work (``reports.tasks.daily``: lateness, recounts, reminders), so the clock itself holds no
work and stops at once on SIGTERM or Ctrl-C. Started again, it enqueues the day once more,
which sends nothing new. ``--once`` enqueues today's run and exits (for a system's own
scheduler, such as cron).
"""

from __future__ import annotations

import signal
import threading
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from cascade.reports.tasks import daily

# The longest wait between two looks at the clock (a machine that slept, a clock set back).
LOOK_EVERY = 60.0


def next_midnight(now: datetime) -> datetime:
    """The first local midnight after ``now`` (an aware moment)."""
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    return datetime.combine(tomorrow, datetime.min.time(), tzinfo=local.tzinfo)


class Command(BaseCommand):
    help = "Enqueue the daily run (lateness, recounts, reminders) now and after every local midnight."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Enqueue today's run and exit.")

    def handle(self, *args, **options) -> None:
        self.verbosity = options["verbosity"]
        self.enqueue()
        if options["once"]:
            return
        stopping = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stopping.set())
        due = next_midnight(timezone.now())
        while not stopping.is_set():
            left = (due - timezone.now()).total_seconds()
            if left <= 0:
                self.enqueue()
                due = next_midnight(timezone.now())
                continue
            stopping.wait(min(left, LOOK_EVERY))

    def enqueue(self) -> None:
        day = timezone.localdate().isoformat()
        close_old_connections()  # a day apart, the last connection may be long gone
        daily.enqueue(day=day)
        if self.verbosity >= 1:
            self.stdout.write(f"cascade clock: queued the daily run for {day}")
            self.stdout.flush()
