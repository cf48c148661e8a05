"""What a briefing is made of: paragraphs of text and linked figures, and a table of figures.

A briefing is built once (``build.build_briefing``) and rendered to any format
(``render.render``). Every figure carries the link to the list page of the records it
counts, so each output can point a reader from a number to its rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin


@dataclass(frozen=True)
class Figure:
    """A number in the text or table: what it says, the count it rests on, and where its records are.

    ``kind`` and ``measure`` name the figure in the counting vocabulary when it is one of the
    body's figures (or a part of one the text splits); they are empty for other numbers
    (countries, leaders, units in scope, a breakdown of a figure just given). ``aggregate``
    says what the figure is of the records its link lists: empty when it is their number,
    otherwise what is summed or counted over them (``half_days``, ``days``, ``days_each``,
    ``parties``, ``countries``).
    """

    value: int
    text: str
    url: str
    kind: str = ""
    measure: str = ""
    aggregate: str = ""

    def absolute_url(self, base_url: str = "") -> str:
        return urljoin(base_url, self.url) if base_url else self.url


Segment = str | Figure


@dataclass
class Paragraph:
    """Text and figures; ``scope`` is the records the paragraph tells (a ``facts.Scope``), if one body's."""

    segments: list[Segment] = field(default_factory=list)
    heading: str = ""
    scope: Any = None

    @property
    def text(self) -> str:
        return "".join(s if isinstance(s, str) else s.text for s in self.segments)

    @property
    def figures(self) -> list[Figure]:
        return [s for s in self.segments if isinstance(s, Figure)]


@dataclass(frozen=True)
class TableRow:
    body: str
    item: str
    figure: Figure
    scope: Any = None


@dataclass
class Briefing:
    title: str
    lang: str
    subtitle: str
    paragraphs: list[Paragraph]
    table: list[TableRow]
    table_title: str
    table_headers: tuple[str, str, str]

    @property
    def text(self) -> str:
        """The narrative as plain text, paragraphs separated by a blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def figures(self) -> list[Figure]:
        return [f for p in self.paragraphs for f in p.figures] + [row.figure for row in self.table]
