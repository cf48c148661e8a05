"""Figures tables: a row per figure, naming the unit, the figure (kind and measure) and the number.

Briefings and many reports end with such a table, and a Word file's tables reach the reader
as lines of tab-separated cells (``intake.domain.docx_text``); Markdown tables separate cells
with ``|``. A row is read as one fact when one cell is a number, one names a figure in the
counting vocabulary's own words ("reading class: rounds", "读书班: 期数", in English or
Chinese) and one names a unit; rows that are not such (a header, a row of words) are left
to the reader of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.utils import translation

from cascade.reports.vocabulary import KINDS, MEASURES

from . import vocab

ROW_RE = re.compile(r"^[ \t]*\|?(?:[^\t|\n]*[\t|]){2,}[^\t|\n]*\|?[ \t]*$")
NUMBER_RE = re.compile(r"^\s*\[?(\d{1,3}(?:,\d{3})+|\d+)\]?(?:\([^)]*\))?\s*$")
# Markdown's header rule, "| --- | ---: |".
RULE_RE = re.compile(r"^[\s|:\-]+$")


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


def _normal(label: str) -> str:
    return re.sub(r"\s+", " ", label.replace("：", ":")).strip().lower()


@cache
def figure_labels(lang: str) -> dict[str, tuple[str, str]]:
    """ "kind label: measure label" in the vocabulary's words (and its translation), to (kind, measure)."""
    labels: dict[str, tuple[str, str]] = {}
    with translation.override("zh-hans" if lang == "zh" else "en"):
        for code, kind in KINDS.items():
            for measure in kind.measures:
                if vocab.valid(code, measure):
                    label = f"{kind.label}: {MEASURES[measure].label}"
                    labels.setdefault(_normal(str(label)), (code, measure))
    return labels


def cells(text: str, start: int, end: int) -> list[Cell] | None:
    """The cells of the line ``text[start:end]`` when it is a table row, else None."""
    line = text[start:end]
    if not ROW_RE.match(line) or RULE_RE.match(line):
        return None
    out, at = [], start
    for part in re.split(r"[\t|]", line):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append(Cell(at + lead, at + lead + len(part.strip()), part.strip()))
        at += len(part) + 1
    return out if len(out) >= 3 else None


def figure_of_row(row: list[Cell], lang: str) -> tuple[str, str, int, Cell, list[Cell]] | None:
    """(kind, measure, value, the number's cell, the other cells) of a figures-table row, or None."""
    labels = {**figure_labels("en"), **figure_labels("zh")} if lang == "zh" else figure_labels("en")
    numbers = [(c, NUMBER_RE.match(c.text)) for c in row]
    numbers = [(c, m) for c, m in numbers if m]
    named = [(c, labels.get(_normal(c.text))) for c in row]
    named = [(c, km) for c, km in named if km]
    if len(numbers) != 1 or len(named) != 1:
        return None
    cell, match = numbers[0]
    kind, measure = named[0][1]
    others = [c for c in row if c is not cell and c is not named[0][0]]
    number = match.group(1)
    value = int(number.replace(",", ""))
    start = cell.start + cell.text.index(number)
    return kind, measure, value, Cell(start, start + len(number), number), others
