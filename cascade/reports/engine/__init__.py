"""The rollup engine: per-unit figures kept current on every write, read in O(children).

Writes (any path: forms, admin, API, imports, bulk inserts, raw SQL) fire database
triggers that note which families of figures went stale, and which rows were inserted
(``triggers``); ``drain`` recounts them from the records, or adds the inserted rows' own
figures, and adds the differences up the tree; readers call
``current`` first, so a rollup always reflects every committed write, and a read made while
the figures' version stays the same is kept and not made again (``read``). ``rebuild``
recounts everything. ``reference`` counts the same figures straight from the records.

Triggers are generated from ``families.FAMILIES``; a change there needs a migration that
calls ``triggers.install`` again (see ``cascade/reports/migrations``).
"""

from .drain import OutOfStep, current, drain, ensure_current, rebuild

__all__ = ["OutOfStep", "current", "drain", "ensure_current", "rebuild"]
