"""Materialized paths: a subtree is a half-open range of paths, on SQLite and PostgreSQL alike."""

from django.db import models
from treebeard.mp_tree import MP_Node

STEPLEN = 4
ALPHABET = MP_Node.alphabet


def subtree_bounds(path: str) -> tuple[str, str | None]:
    """Half-open range ``[low, high)`` of paths in the subtree rooted at ``path``.

    A range on the indexed ``path`` column uses the index on SQLite and PostgreSQL alike,
    where treebeard's ``path LIKE 'x%'`` does not on SQLite. Paths are fixed-width steps
    over ``ALPHABET`` (digits, then capitals: the same order in every collation), so the
    first path after the subtree is ``path`` with its last step incremented. ``high`` is
    None when no path can follow (the last possible root).
    """
    base = len(ALPHABET)
    steps = [path[i : i + STEPLEN] for i in range(0, len(path), STEPLEN)]
    while steps:
        value = 0
        for char in steps[-1]:
            value = value * base + ALPHABET.index(char)
        value += 1
        if value < base**STEPLEN:
            digits = []
            for _i in range(STEPLEN):
                value, rest = divmod(value, base)
                digits.append(ALPHABET[rest])
            steps[-1] = "".join(reversed(digits))
            return path, "".join(steps)
        steps.pop()
    return path, None


def subtree_q(path: str, field: str = "path") -> models.Q:
    """Filter for rows whose ``field`` (a unit path, possibly across a relation) lies in the subtree."""
    low, high = subtree_bounds(path)
    q = models.Q(**{f"{field}__gte": low})
    if high is not None:
        q &= models.Q(**{f"{field}__lt": high})
    return q
