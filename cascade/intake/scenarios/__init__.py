"""Bundled scenarios: named loaders that fill the database with a complete, consistent story.

``load_scenario(name)`` runs a loader in one transaction (all or nothing) and returns the
number of rows of each model afterwards. Loaders are idempotent: loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db import transaction

from . import foreign_affairs_2023

SCENARIOS: dict[str, Callable[[], None]] = {
    "foreign-affairs-2023": foreign_affairs_2023.load,
}

# The apps whose tables scenarios fill, in the order their counts are reported.
COUNTED_APPS: tuple[str, ...] = ("organization", "campaigns", "conferences", "intake")


class UnknownScenario(KeyError):
    """No scenario has the name asked for."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(name)

    def __str__(self) -> str:
        known = ", ".join(sorted(SCENARIOS))
        return f"Unknown scenario “{self.name}”; known scenarios: {known}."


def describe(name: str) -> str:
    """One line on what the scenario holds (the first line of its loader's docstring)."""
    doc = SCENARIOS[name].__doc__ or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def row_counts() -> dict[str, int]:
    """Rows per model label (many-to-many tables included) in the apps scenarios fill."""
    counts = {}
    for label in COUNTED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            counts[model._meta.label] = model._default_manager.count()
    return counts


def load_scenario(name: str) -> dict[str, int]:
    """Load the scenario ``name`` in one transaction; rows existing afterwards, per model label.

    Raises ``UnknownScenario`` (a ``KeyError``) for a name not in ``SCENARIOS``.
    """
    try:
        loader = SCENARIOS[name]
    except KeyError:
        raise UnknownScenario(name) from None
    with transaction.atomic():
        loader()
    return row_counts()


__all__ = ["SCENARIOS", "UnknownScenario", "describe", "load_scenario", "row_counts"]
