"""The context a rule sees: one number in one sentence, with what comes before and after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Span


@dataclass
class NumberContext:
    finder: Any  # the language's figure reader (its helpers: kind nouns near, the counted noun...)
    text: str
    span: Span  # the sentence
    previous: Span | None  # the sentence before, in the same paragraph
    start: int  # the number's span
    end: int
    value: int | float
    head: str  # the text just before the number
    tail: str  # the text just after it
    qualifier: str | None = None
    q_start: int = 0  # where the figure's text starts (its qualifier included)
    after: int = 0  # where the words after the number (and an "or more", 余, 多) start
    cache: dict = field(default_factory=dict)  # what one rule worked out for the next ones

    @property
    def sentence(self) -> str:
        return self.text[self.span.start : self.span.end]
