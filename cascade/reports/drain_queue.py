"""The figures' drain queued for the task worker after each transaction that wrote a counted record.

When a transaction that saved or deleted a row of a model the figures count commits,
``drain_soon`` enqueues ``tasks.drain_figures``, unless one is queued already (a cache flag
that the task clears as it starts): a burst of writes costs one task, and a write made while
it runs queues the next. Reads still bring the figures up to date themselves
(``engine.ensure_current``) when the worker is behind, and bulk writes, which send no
signals, are caught up there or by the next task.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)

# Set while a drain task is queued and not yet started.
DRAIN_QUEUED = "cascade.reports.drain-queued"
# A queued task lost with its worker stops holding the next ones back after this long.
DRAIN_FLAG_SECONDS = 600


def _enqueue_drain() -> None:
    if not cache.add(DRAIN_QUEUED, True, DRAIN_FLAG_SECONDS):
        return
    from .tasks import drain_figures

    try:
        drain_figures.enqueue()
    except Exception:
        cache.delete(DRAIN_QUEUED)
        logger.exception("The figures' drain could not be queued; the next read brings them up to date")


def drain_soon(sender=None, using: str | None = None, **_kwargs) -> None:
    """Have the figures drained once the current transaction commits (once per transaction)."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(entry[1] is _enqueue_drain for entry in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_drain, using=using)


def counted_models() -> list:
    """The models whose rows the figures count (the engine's watched tables)."""
    from .engine.families import FAMILIES

    return [apps.get_model(label) for label in sorted({w.model for f in FAMILIES for w in f.watches})]


def connect() -> None:
    for model in counted_models():
        uid = f"cascade.reports.drain.{model._meta.label_lower}"
        post_save.connect(drain_soon, sender=model, dispatch_uid=uid)
        post_delete.connect(drain_soon, sender=model, dispatch_uid=uid)
