"""Score the extractor against hand-marked gold data.

The evaluation set is a directory of ``NAME.txt`` documents, each with ``NAME.gold.json`` in
the CLI's schema (facts need only unit, kind, measure, value, qualifier), and optionally a
``units.json`` (``{"units": [{"name": ..., "aliases": [...]}]}``) standing in for the
organisation tree the documents talk about.

Facts: a predicted fact matches a gold one when unit, kind, measure, value and qualifier are
all equal (``strict``); ``relaxed`` ignores the unit. Both count matches as a multiset, so
two gold facts with the same key need two predictions. Meetings: every person in a role
(principal speaker, presided by, attendee, speaker, a speaker group included) and every
attendee category is an item; categories match when their words overlap at least 80 %
(translations differ in small words), everything else must be equal after normalising
spaces, case and apostrophes. The meeting's name, dates and place are counted as fields.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import extract
from .units import BUILTIN_UNITS, UnitMatcher, UnitNames

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"
FACT_FIELDS = ("unit", "kind", "measure", "value", "qualifier")
MEETING_FIELDS = ("name", "start_date", "end_date", "place")


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> dict:
        return {
            "tp": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class DocumentResult:
    name: str
    lang: str
    strict: Score
    relaxed: Score
    people: Score
    categories: Score
    fields: Score
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    missed_meeting_items: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "lang": self.lang,
            "facts": self.strict.as_json(),
            "facts_relaxed": self.relaxed.as_json(),
            "people": self.people.as_json(),
            "categories": self.categories.as_json(),
            "meeting_fields": self.fields.as_json(),
            "missed": self.missed,
            "spurious": self.spurious,
            "missed_meeting_items": self.missed_meeting_items,
        }


@dataclass
class Report:
    documents: list[DocumentResult]

    def total(self, attr: str) -> Score:
        total = Score()
        for doc in self.documents:
            total.add(getattr(doc, attr))
        return total

    def as_json(self) -> dict:
        return {
            "overall": {
                "facts": self.total("strict").as_json(),
                "facts_relaxed": self.total("relaxed").as_json(),
                "people": self.total("people").as_json(),
                "categories": self.total("categories").as_json(),
                "meeting_fields": self.total("fields").as_json(),
            },
            "documents": [d.as_json() for d in self.documents],
        }


def _fact_key(fact: dict, *, with_unit: bool) -> tuple:
    value = fact["value"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return tuple(value if f == "value" else fact.get(f) for f in FACT_FIELDS if with_unit or f != "unit")


def score_facts(
    gold: list[dict], predicted: list[dict], *, with_unit: bool = True
) -> tuple[Score, list, list]:
    g = Counter(_fact_key(f, with_unit=with_unit) for f in gold)
    p = Counter(_fact_key(f, with_unit=with_unit) for f in predicted)
    tp = sum((g & p).values())
    missed = list((g - p).elements())
    spurious = list((p - g).elements())
    return Score(tp, sum(p.values()), sum(g.values())), missed, spurious


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", re.sub(r"[“”\"。，,.;；]", " ", text)).strip()


def _tokens(text: str) -> list[str]:
    text = _norm(text)
    return list(text.replace(" ", "")) if re.search(r"[\u4e00-\u9fff]", text) else text.split()


def _similar(a: str, b: str) -> bool:
    if _norm(a) == _norm(b):
        return True
    ta, tb = Counter(_tokens(a)), Counter(_tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return False
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r) >= 0.8


def _match_items(gold: list[str], predicted: list[str], *, fuzzy: bool) -> tuple[Score, list[str]]:
    remaining = list(predicted)
    tp, missed = 0, []
    for item in gold:
        hit = next(
            (x for x in remaining if (_similar(item, x) if fuzzy else _norm(item) == _norm(x))),
            None,
        )
        if hit is None:
            missed.append(item)
        else:
            remaining.remove(hit)
            tp += 1
    return Score(tp, len(predicted), len(gold)), missed


def _people(meeting: dict) -> list[str]:
    items = []
    for role in ("principal_speaker", "presided_by"):
        if meeting.get(role):
            items.append(f"{role}: {meeting[role]}")
    items += [f"attendee: {x}" for x in meeting.get("attendees", [])]
    items += [f"speaker: {x}" for x in meeting.get("speakers", [])]
    return items


def score_meetings(gold: list[dict], predicted: list[dict]) -> tuple[Score, Score, Score, list[str]]:
    people, categories, fields = Score(), Score(), Score()
    missed: list[str] = []
    remaining = list(predicted)
    for g in gold:
        p = next((m for m in remaining if _similar(g["name"], m["name"])), None)
        if p is None and remaining:
            p = remaining[0]
        if p is not None:
            remaining.remove(p)
        p = p or {}
        s, miss = _match_items(_people(g), _people(p), fuzzy=False)
        people.add(s)
        missed += miss
        s, miss = _match_items(g.get("attendee_categories", []), p.get("attendee_categories", []), fuzzy=True)
        categories.add(s)
        missed += [f"category: {m}" for m in miss]
        for name in MEETING_FIELDS:
            ok = p.get(name) == g.get(name) or (name == "name" and p.get(name) and _similar(g[name], p[name]))
            fields.add(Score(int(bool(ok)), 1, 1))
            if not ok:
                missed.append(f"{name}: {g.get(name)} (got {p.get(name)})")
    for p in remaining:
        people.add(Score(0, len(_people(p)), 0))
        categories.add(Score(0, len(p.get("attendee_categories", [])), 0))
    return people, categories, fields, missed


def load_units(directory: Path) -> UnitMatcher:
    units = list(BUILTIN_UNITS)
    path = directory / "units.json"
    if path.exists():
        for row in json.loads(path.read_text(encoding="utf-8"))["units"]:
            units.append(UnitNames(row["name"], tuple(row.get("aliases", [])) or (row["name"],)))
    return UnitMatcher(units)


def evaluate(directory: Path | str = DEFAULT_DATA) -> Report:
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"No evaluation set at {directory}")
    matcher = load_units(directory)
    results = []
    for text_path in sorted(directory.glob("*.txt")):
        gold_path = text_path.with_suffix(".gold.json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        extraction = extract(text_path.read_text(encoding="utf-8"), matcher=matcher)
        predicted = extraction.as_json()
        strict, missed, spurious = score_facts(gold["facts"], predicted["facts"])
        relaxed, _m, _s = score_facts(gold["facts"], predicted["facts"], with_unit=False)
        people, categories, fields, missed_items = score_meetings(gold["meetings"], predicted["meetings"])
        results.append(
            DocumentResult(
                name=text_path.stem,
                lang=extraction.lang,
                strict=strict,
                relaxed=relaxed,
                people=people,
                categories=categories,
                fields=fields,
                missed=[dict(zip(FACT_FIELDS, k, strict=True)) for k in missed],
                spurious=[dict(zip(FACT_FIELDS, k, strict=True)) for k in spurious],
                missed_meeting_items=missed_items,
            )
        )
    if not results:
        raise FileNotFoundError(f"No NAME.txt with NAME.gold.json in {directory}")
    return Report(results)
