"""Lateness: stored "overdue" figures are judged against one day, moved forward as days pass.

Every kind with a deadline stores, with its other figures, how many of its records were
overdue on the *lateness day* (``LatenessDay``, today as of the last drain), so that the
usual question ("overdue today") is read like any other figure. When the day changes,
only the units with open records whose deadline lies between the old and the new day are
recounted. A question about another day adds or takes away the open records whose
deadline lies between that day and the lateness day, read from the kind's deadline series.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from uuid import uuid4

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from ..vocabulary import KINDS
from .families import family_of, tally_key


def today() -> date:
    return timezone.localdate()


def stored_day(cursor) -> date | None:
    cursor.execute("SELECT day FROM reports_latenessday ORDER BY id LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        return None
    return date.fromisoformat(row[0]) if isinstance(row[0], str) else row[0]


def set_day(cursor, day: date) -> None:
    cursor.execute("DELETE FROM reports_latenessday")
    cursor.execute("INSERT INTO reports_latenessday (day, version) VALUES (%s, %s)", [day, uuid4().hex])


def new_version(cursor) -> None:
    """Mark the stored figures as changed (in the transaction that changes them). Random, so that
    a version undone by a rollback never comes back with other figures."""
    cursor.execute("UPDATE reports_latenessday SET version = %s", [uuid4().hex])


def crossing(lo: date, hi: date) -> dict[str, set[int]]:
    """Keys of the families whose open records have a deadline in [lo, hi): their lateness changes."""
    out: dict[str, set[int]] = defaultdict(set)
    for kind in KINDS.values():
        if not kind.overdue:
            continue
        for tally in kind.tallies:
            if not tally.due or kind.overdue not in tally.values:
                continue
            still_open = tally.values[kind.overdue].filter or Q()
            rows = (
                apps.get_model(tally.model)
                ._default_manager.filter(
                    tally.filter, still_open, **{f"{tally.due}__gte": lo, f"{tally.due}__lt": hi}
                )
                .values_list(tally.unit, flat=True)
                .distinct()
            )
            out[family_of(tally.model, tally_key(tally)).code].update(k for k in rows if k is not None)
    return out
