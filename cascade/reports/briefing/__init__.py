"""Briefings written from the records: a narrative a reader can check figure by figure, and a table.

``build_briefing(unit=..., campaign=..., period=..., lang="en"|"zh", user=...)`` gathers the
facts of a unit's subtree and writes them; ``render(briefing, "md"|"html"|"docx"|"txt")``
turns the result into Markdown, an HTML fragment, a Word file (bytes) or plain text.
"""

from .build import build_briefing, normalize_lang
from .model import Briefing, Figure, Paragraph, TableRow
from .render import FORMATS, render

__all__ = [
    "FORMATS",
    "Briefing",
    "Figure",
    "Paragraph",
    "TableRow",
    "build_briefing",
    "normalize_lang",
    "render",
]
