"""Score the reader against hand-marked gold data.

An evaluation set is a directory of ``NAME.txt`` documents, each with ``NAME.gold.json`` in the
CLI's schema, and optionally a ``units.json`` (``{"units": [{"name": ..., "aliases": [...]}]}``)
standing in for the organisation tree the documents talk about. Three sets ship with the
reader: the 44 labelled documents (``tests/data/extract``) and the real public documents,
split into the part the rules were written against (``real/rules``) and the part set aside
(``real/set_aside``).

Facts (every figure the text gives): a predicted fact matches a gold one when kind, measure,
value and qualifier are equal, and the unit too when the gold fact has a ``unit`` key
(``strict``; ``relaxed`` ignores the unit). An unclassified figure matches a gold ``figures``
entry when value and qualifier (and unit, when marked) are equal and the nouns agree: one,
normalised (case, spaces, quotes), contains the other; a gold noun ``null`` (the text writes
none) agrees with any. A gold file without a ``figures`` key has no unclassified figures
marked: predicted ones are then not scored. Matches are one to one, so a figure written
twice needs two predictions. Meetings: every person in a role (principal speaker, presided
by, attendee, speaker, a speaker group included) and every attendee category is an item;
categories match when their words overlap at least 80 % (translations differ in small
words), everything else must be equal after normalising spaces, case and apostrophes. The
meeting's name, dates and place are counted as fields. Every predicted figure carries the
name of the rule that read it, and each rule is scored on its own (``Report.rules``).
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
REAL_RULES = DEFAULT_DATA / "real" / "rules"
REAL_SET_ASIDE = DEFAULT_DATA / "real" / "set_aside"
SETS = {"labelled": DEFAULT_DATA, "rules": REAL_RULES, "set-aside": REAL_SET_ASIDE}
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
    rules: dict[str, Score] = field(default_factory=dict)  # per rule: correct / predicted

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

    def rules(self) -> dict[str, Score]:
        """Each rule's predictions over the set: true positives and predicted (precision)."""
        total: dict[str, Score] = {}
        for doc in self.documents:
            for name, score in doc.rules.items():
                total.setdefault(name, Score()).add(score)
        return dict(sorted(total.items()))

    def as_json(self) -> dict:
        return {
            "rules": {name: s.as_json() for name, s in self.rules().items()},
            "overall": {
                "facts": self.total("strict").as_json(),
                "facts_relaxed": self.total("relaxed").as_json(),
                "people": self.total("people").as_json(),
                "categories": self.total("categories").as_json(),
                "meeting_fields": self.total("fields").as_json(),
            },
            "documents": [d.as_json() for d in self.documents],
        }


def _value(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _fact_key(fact: dict, *, with_unit: bool) -> tuple:
    return tuple(
        _value(fact["value"]) if f == "value" else fact.get(f)
        for f in FACT_FIELDS
        if with_unit or f != "unit"
    )


def _noun(text: str | None) -> str:
    return re.sub(r"[\s\u201c\u201d\"'\u2018\u2019()\uff08\uff09]", "", (text or "").lower())


def _fact_matches(gold: dict, predicted: dict, *, with_unit: bool) -> bool:
    if "noun" in gold and "kind" not in gold:  # an unclassified figure
        if predicted.get("kind") is not None or "kind" in predicted:
            return False
        if _value(gold["value"]) != _value(predicted["value"]) or gold.get("qualifier") != predicted.get(
            "qualifier"
        ):
            return False
        if with_unit and "unit" in gold and gold["unit"] != predicted.get("unit"):
            return False
        if gold["noun"] is None:
            return True
        g, p = _noun(gold["noun"]), _noun(predicted.get("noun"))
        return bool(p) and (g in p or p in g)
    if "kind" not in predicted:
        return False
    use_unit = with_unit and "unit" in gold
    return _fact_key(gold, with_unit=use_unit) == _fact_key(predicted, with_unit=use_unit)


def match_facts(
    gold: list[dict], predicted: list[dict], *, with_unit: bool = True
) -> tuple[Score, list, list, list[bool]]:
    """One-to-one matching of gold to predicted facts and figures: the score, the gold items
    missed, the predicted items matched by none, and for each prediction whether it matched."""
    used = [False] * len(predicted)
    missed = []
    for g in gold:
        hit = next(
            (i for i, p in enumerate(predicted) if not used[i] and _fact_matches(g, p, with_unit=with_unit)),
            None,
        )
        if hit is None:
            missed.append(g)
        else:
            used[hit] = True
    spurious = [p for p, u in zip(predicted, used, strict=True) if not u]
    return Score(sum(used), len(predicted), len(gold)), missed, spurious, used


def score_facts(
    gold: list[dict], predicted: list[dict], *, with_unit: bool = True
) -> tuple[Score, list, list]:
    score, missed, spurious, _used = match_facts(gold, predicted, with_unit=with_unit)
    return score, missed, spurious


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
        p = next((m for m in remaining if m["name"] and _similar(g["name"], m["name"])), None)
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
        records = list(extraction.facts)
        items = list(predicted["facts"])
        gold_items = list(gold["facts"])
        if "figures" in gold:  # unclassified figures are marked in this document
            records += extraction.figures
            items += predicted["figures"]
            gold_items += gold["figures"]
        strict, missed, spurious, used = match_facts(gold_items, items)
        relaxed, _m, _s, _u = match_facts(gold_items, items, with_unit=False)
        rules: dict[str, Score] = {}
        for record, ok in zip(records, used, strict=True):
            rules.setdefault(record.rule, Score()).add(Score(int(ok), 1, 0))
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
                missed=missed,
                spurious=[
                    {k: v for k, v in s.items() if k not in {"text", "start", "end"}} for s in spurious
                ],
                missed_meeting_items=missed_items,
                rules=rules,
            )
        )
    if not results:
        raise FileNotFoundError(f"No NAME.txt with NAME.gold.json in {directory}")
    return Report(results)
