"""The reader's pipeline: segmentation, figures per sentence by the language's rules, breakdowns,
the unit each figure is about, figures tables, meetings.

How figures are represented (the gold data of the evaluation sets follows the same rules):

- One figure per number written in the text, linked to its span, with the counted noun phrase
  as written. A figure the counting vocabulary can name is a ``Fact`` (kind and measure);
  any other quantity is an unclassified ``Figure`` with its noun ("9,168 party members",
  "意见建议155条", "3.373 billion yuan"), so that nothing reported is silently dropped.
- A sum the text does not write is not a fact: "5 steering groups to supervise 36 affiliated
  units ... and 265 party committees" gives ``steering_group.records=5``,
  ``steering_group.units_supervised=36`` and ``=265`` (two parts, no total of 301).
- A fact followed by its breakdown is one fact: "3 outreach events: 2 dialogues and 1 exchange
  visit" (or "including", 包括, and 其中 right before a number) gives ``outreach_event.records=3``
  only; parts of the same kind and measure that add up to no more than the figure are its
  composition. A part of another kind or measure stays a fact ("集体学习10次，其中专题研讨4次").
- Counts of people who claimed or led something ("claimed by 13 leading cadres") are not
  participants; counts of units outside supervision ("调研覆盖全部8个单位") are coverage: they are
  unclassified figures.
- States of rectification items and directives are measures of their count: "1 has been
  verified and closed", "2 remain open", "33 acknowledged, 13 done"; 1项已核验销号, 已确认3项.
- A paragraph about "the other units" together (Across the other units..., 其余单位...) names
  no unit: its figures have ``unit`` null unless a unit is named in the sentence.
- A figures table (lines of tab- or ``|``-separated cells) gives one fact per row that has a
  number, a figure in the counting vocabulary's own labels and a unit.
- Per-batch lengths carry the qualifier ``"each"``: "3 batches ... a 7-day reading class"; so do
  counts for each group (每个巡察组配备1名组长).
- Qualifiers are ``"more than"`` (more than, over, plus, 余, 多, 以上, 逾), ``"nearly"`` (nearly,
  almost, 近), ``"about"`` (about, around, 约, 左右), ``"at least"`` (至少) and ``"each"``.
- No figures: ordinals, years, dates and times, congress numbers (二十大), plan names (十四五),
  percentages, spans of years and months, list numbering (一是, 1、, (一)), counts that
  announce the parts of a speech (三个方面, 三点希望), formulas (“四个意识”, 三会一课, four nos
  and two straights), numbers inside names and quotes, rules for each (每人领衔一个课题, 每年至少两次).
- The unit of a figure is the body named right after it ("5 steering groups of the Ministry"),
  else the nearest body named before it in the sentence, else the subject of its paragraph,
  else the previous paragraph's subject. Anaphors ("the Ministry", 本部) refer to the
  paragraph's subject when it can be called so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .en.figures import EnglishFigures
from .en.meetings import extract_meetings as english_meetings
from .model import Candidate, Extraction, Fact, Figure, Span
from .numbers import ZH_NUMERAL_CHARS
from .segment import detect_language, document_year, paragraphs, sentences
from .tables import cells as table_cells
from .tables import figure_of_row
from .units import Mention, UnitMatcher, matcher_from_database
from .zh.figures import ChineseFigures
from .zh.meetings import extract_meetings as chinese_meetings

FIGURE_READERS = {"en": EnglishFigures, "zh": ChineseFigures}
MEETING_READERS = {"en": english_meetings, "zh": chinese_meetings}


def extract(
    text: str,
    *,
    lang: str = "auto",
    matcher: UnitMatcher | None = None,
    default_year: int | None = None,
) -> Extraction:
    """Read the facts, unclassified figures and meetings in ``text``.

    ``lang`` is ``en``, ``zh`` or ``auto``. ``matcher`` names the units (default: the
    database's units when there is a database, else the built-in alias table).
    ``default_year`` dates meetings when the text has no date line.
    """
    if lang not in {"en", "zh", "auto"}:
        raise ValueError(f"Unknown language {lang!r}: use en, zh or auto.")
    if lang == "auto":
        lang = detect_language(text)
    if matcher is None:
        matcher = matcher_from_database() or UnitMatcher()
    year = document_year(text) or default_year
    facts: list[Fact] = []
    figures: list[Figure] = []
    for item in _figures(text, lang, matcher):
        (facts if isinstance(item, Fact) else figures).append(item)
    return Extraction(lang=lang, facts=facts, figures=figures, meetings=MEETING_READERS[lang](text, year))


# A figure followed by how it breaks down: "3 outreach events: 2 dialogues and 1 exchange visit",
# "开展3场对外交流活动，包括2场对话和1次交流访问", "确定10个调研课题；围绕其中3个课题".
BREAKDOWN = {
    "en": re.compile(r"^\s*(?::|,?\s*(?:including|among them|namely)\b)", re.IGNORECASE),
    "zh": re.compile(r"^[，,]?\s*(?:包括|：|:)|其中$"),
}
# A paragraph about the units not named elsewhere, together: its figures belong to no one unit.
COLLECTIVE = {
    "en": re.compile(
        r"\s*(?:(?:Across|Among|In|For)\s+(?:all\s+)?(?:the\s+)?|The\s+)(?:[\w-]+\s+)?(?:other|remaining)\s+"
        r"(?:units|bodies|departments|organi[sz]ations)\b"
    ),
    "zh": re.compile(rf"\s*(?:其余|其他|其它|剩余)(?:[\d{ZH_NUMERAL_CHARS}]+[个家])?(?:单位|部门|机构)"),
}


def parts_of_figures(text: str, lang: str, cands: list[Candidate], before: list[Candidate]) -> set[int]:
    """Indexes of ``cands`` that only break down a fact given just before (the sentence or the one before).

    A part has the fact's kind and measure, follows a breakdown word (":", "including", 包括,
    其中...), and the parts add up to no more than the fact. Unclassified figures are never parts.
    """
    parts: set[int] = set()
    last: dict[tuple, Candidate] = {c.kind_measure: c for c in before if c.classified}
    open_total: tuple[tuple, float, str] | None = None
    previous_end = next((c.end for c in reversed(before) if c.classified), None)
    for index, cand in enumerate(cands):
        if not cand.classified:
            # "派出25个中央指导组，其中10个组...，15个组...": parts named by the fact's own head noun.
            if open_total and cand.noun and open_total[2].endswith(cand.noun) and cand.value <= open_total[1]:
                parts.add(index)
                open_total = (open_total[0], open_total[1] - cand.value, open_total[2])
                previous_end = cand.end
                continue
            total = next(
                (c for c in reversed(list(last.values())) if cand.noun and c.noun.endswith(cand.noun)), None
            )
            between = text[previous_end : cand.start] if previous_end is not None else ""
            if total is not None and BREAKDOWN[lang].search(between) and cand.value <= total.value:
                parts.add(index)
                open_total = (total.kind_measure, total.value - cand.value, total.noun)
                previous_end = cand.end
            continue
        key = cand.kind_measure
        between = text[previous_end : cand.start] if previous_end is not None else ""
        previous_end = cand.end
        if open_total and open_total[0] == key and cand.value <= open_total[1] and cand.qualifier is None:
            parts.add(index)
            open_total = (key, open_total[1] - cand.value, cand.noun)
            continue
        total = last.get(key)
        if (
            total is not None
            and cand.qualifier is None
            and BREAKDOWN[lang].search(between)
            and cand.value <= total.value
        ):
            parts.add(index)
            open_total = (key, total.value - cand.value, total.noun)
            continue
        open_total = None
        last[key] = cand
    return parts


@dataclass
class _Sentence:
    span: Span
    mentions: list[Mention]


def _figures(text: str, lang: str, matcher: UnitMatcher) -> Iterator[Fact | Figure]:
    finder = FIGURE_READERS[lang](text)
    subject: str | None = None
    for para in paragraphs(text):
        row = table_cells(text, para.start, para.end)
        found = figure_of_row(row, lang) if row is not None else None
        if found is not None:
            yield _table_fact(text, found, matcher, subject)
            continue
        sents = [_Sentence(s, matcher.mentions(text, s.start, s.end)) for s in sentences(text, para, lang)]
        if not sents:
            continue
        strong = [m for m in sents[0].mentions if m.strong]
        weak_named = [m for s in sents for m in s.mentions if not m.strong and m.unit]
        outer = subject
        collective = COLLECTIVE[lang].match(text, para.start) is not None and not strong
        if collective:
            subject = None
        elif strong:
            subject = strong[0].unit
        elif subject is None and weak_named:
            subject = weak_named[0].unit
        before: list[Candidate] = []
        for index, sent in enumerate(sents):
            previous = sents[index - 1].span if index else None
            cands = finder.figures(sent.span, previous)
            parts = parts_of_figures(text, lang, cands, before)
            kept = [c for i, c in enumerate(cands) if i not in parts]
            before = [c for c in kept if c.classified]
            for cand in kept:
                unit = _unit_of(text, cand, sent.mentions, subject, matcher)
                if cand.classified:
                    yield Fact(
                        unit, cand.kind, cand.measure, cand.value, cand.qualifier,
                        text[cand.start : cand.end], cand.start, cand.end, cand.noun, cand.rule,
                    )  # fmt: skip
                else:
                    yield Figure(
                        unit, cand.noun, cand.value, cand.qualifier,
                        text[cand.start : cand.end], cand.start, cand.end, cand.rule,
                    )  # fmt: skip
        if collective:
            subject = outer


def _table_fact(text: str, found: tuple, matcher: UnitMatcher, subject: str | None) -> Fact:
    """The fact of one figures-table row: the unit its cells name (else the text's last subject)."""
    kind, measure, value, cell, others = found
    unit = subject
    for other in others:
        mentions = [m for m in matcher.mentions(text, other.start, other.end) if m.strong]
        if mentions:
            unit = mentions[0].unit
            break
    return Fact(unit, kind, measure, value, None, cell.text, cell.start, cell.end, "", "figures table")


def _unit_of(
    text: str, cand: Candidate, mentions: list[Mention], subject: str | None, matcher: UnitMatcher
) -> str | None:
    """The body named right after the figure ("groups of the Ministry"), else the nearest one
    named before it in the sentence, else the paragraph's subject."""
    of = re.match(r"\s+(?:of|under|from)\s+", text[cand.end : cand.end + 12])
    if of:
        attached = [m for m in mentions if m.start == cand.end + of.end()]
        if attached:
            return matcher.resolve(attached[0], subject)
    before = [m for m in mentions if m.end <= cand.start and (m.strong or m.unit is not None)]
    return matcher.resolve(before[-1], subject) if before else subject
