"""Background work of the reports app: the day's run, and the figures brought up to date after writes.

- ``daily``: judges lateness as of the day, applies the pending recounts and sends the day's
  reminders (``run_daily``). ``cascade clock`` enqueues it at start and after every local
  midnight; ``cascade daily`` runs it at once. Running it twice for a day changes nothing.
- ``drain_figures``: applies the pending recounts; ``drain_queue`` enqueues it after writes.
- ``make_briefing_file``: a large subtree's briefing as a Word file (``briefing.files``).

Defining a task looks up its backend, so this module is imported when a task is used, never
while the apps load (the settings of a test run may still change then).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from cascade.core.scopes import SYSTEM

from .drain_queue import DRAIN_QUEUED
from .engine import ensure_current
from .reminders import send_reminders

# Finished results of the database backend's tasks are kept this many days.
KEEP_TASK_RESULTS_DAYS = 14


def run_daily(day: date) -> dict[str, int]:
    """The day's work as of ``day``: lateness moved to it, every pending recount applied, the
    reminders sent (``reminders.send_reminders`` as ``SYSTEM``); the reminders' counts."""
    ensure_current(today=day)
    counts = send_reminders(today=day, user=SYSTEM).as_dict()
    _prune_task_results()
    return counts


def _prune_task_results() -> None:
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        call_command("prune_db_task_results", min_age_days=KEEP_TASK_RESULTS_DAYS, verbosity=0)


@task()
def daily(day: str = "") -> dict[str, int]:
    """``run_daily`` for ``day`` (YYYY-MM-DD; today when empty)."""
    return run_daily(date.fromisoformat(day) if day else timezone.localdate())


@task()
def drain_figures() -> str:
    """Apply the pending recounts (and the day's lateness); the lateness day."""
    cache.delete(DRAIN_QUEUED)
    return ensure_current().isoformat()


@task()
def make_briefing_file(job_id: int) -> None:
    """Make the Word file a reader asked for (``briefing.files.make_file``)."""
    from .briefing.files import make_file

    make_file(job_id)
