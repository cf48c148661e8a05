"""What the reader produces: facts, unclassified figures and meetings, and the matches they come from.

A *match* (``Candidate``) is what one rule read at one number: a kind and measure of the
counting vocabulary (``kind`` None when the figure fits none of it), the value, the
qualifier, the span and the counted noun phrase as written. The pipeline turns matches
into ``Fact`` (classified) and ``Figure`` (unclassified) records with the unit they are about.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import NamedTuple

FACT_KEYS = ("unit", "kind", "measure", "value", "qualifier", "text", "start", "end", "noun")
FIGURE_KEYS = ("unit", "noun", "value", "qualifier", "text", "start", "end")
MEETING_KEYS = (
    "name",
    "start_date",
    "end_date",
    "place",
    "principal_speaker",
    "presided_by",
    "attendees",
    "speakers",
    "attendee_categories",
)


class Span(NamedTuple):
    start: int
    end: int


class Candidate(NamedTuple):
    """One number read by one rule; ``kind`` and ``measure`` are None for an unclassified figure."""

    kind: str | None
    measure: str | None
    value: int | float
    qualifier: str | None
    start: int
    end: int
    noun: str = ""
    rule: str = ""

    @property
    def kind_measure(self) -> tuple[str | None, str | None]:
        return (self.kind, self.measure)

    @property
    def classified(self) -> bool:
        return self.kind is not None


@dataclass
class Fact:
    unit: str | None
    kind: str
    measure: str
    value: int | float
    qualifier: str | None
    text: str
    start: int
    end: int
    noun: str = ""
    rule: str = ""

    def as_json(self) -> dict:
        return {key: getattr(self, key) for key in FACT_KEYS}


@dataclass
class Figure:
    """A quantity the report gives that fits no kind of the counting vocabulary, kept with its noun."""

    unit: str | None
    noun: str
    value: int | float
    qualifier: str | None
    text: str
    start: int
    end: int
    rule: str = ""

    def as_json(self) -> dict:
        return {key: getattr(self, key) for key in FIGURE_KEYS}


@dataclass
class Meeting:
    name: str | None  # None: a readout of an event it does not name
    start_date: str | None = None
    end_date: str | None = None
    place: str | None = None
    principal_speaker: str | None = None
    presided_by: str | None = None
    attendees: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    attendee_categories: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        data = asdict(self)
        return {key: data[key] for key in MEETING_KEYS}


@dataclass
class Extraction:
    lang: str
    facts: list[Fact] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "facts": [f.as_json() for f in self.facts],
            "figures": [f.as_json() for f in self.figures],
            "meetings": [m.as_json() for m in self.meetings],
        }
