"""The per-child figures of a rollup as a table: one row per direct child, one column per figure.

Rows and headers have the shape of ``cascade.core.tables.Table`` (``headers()`` and
``rows()`` with cells of ``value`` and ``url``), so the same templates render both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .domain import Rollup
from .vocabulary import HEADLINE, KINDS, MEASURES


class ChildFiguresTable:
    """A rollup's direct children and their figures; only the children in ``visible`` are listed."""

    def __init__(
        self,
        result: Rollup,
        *,
        visible: Iterable[int] | None = None,
        figures: tuple[tuple[str, str], ...] = HEADLINE,
    ):
        self.result = result
        self.figures = figures
        self.visible = None if visible is None else set(visible)

    def headers(self) -> list[str]:
        labels = [capfirst(str(_("unit")))]
        for kind, measure in self.figures:
            labels.append(f"{capfirst(str(KINDS[kind].label))}: {MEASURES[measure].label}")
        return labels

    def rows(self) -> list[dict[str, Any]]:
        out = []
        campaign = self.result.campaign
        query = f"?campaign={campaign.slug}" if campaign else ""
        for child in self.result.children:
            if self.visible is not None and child.unit.pk not in self.visible:
                continue
            url = reverse("unit-dashboard", args=[child.unit.pk]) + query
            cells = [{"value": child.unit.label, "url": url}]
            cells += [{"value": child.totals[k][m], "url": None} for k, m in self.figures]
            out.append({"object": child.unit, "cells": cells})
        return out
