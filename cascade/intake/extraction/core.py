"""Facts and meetings read out of narrative reports (English and Chinese, rule-based).

How figures are represented (the gold data of the evaluation set follows the same rules):

- One fact per figure written in the text, linked to its span. A sum the text does not
  write is not a fact: "5 steering groups to supervise 36 affiliated units ... and 265
  party committees" gives ``steering_group.records=5``, ``steering_group.units_supervised=36``
  and ``steering_group.units_supervised=265`` (two parts, no total of 301).
- A figure followed by its breakdown is one fact: "3 outreach events: 2 dialogues and 1
  exchange visit" (or "including", 包括, and 其中 right before a number: "围绕其中3个课题")
  gives ``outreach_event.records=3`` only; parts of the same kind and measure that add up to
  no more than the figure are its composition, not figures of their own. A part of another
  kind or measure stays a fact ("集体学习10次，其中专题研讨4次", "其中重点课题5个").
- Counts of people who claimed or led something ("claimed by 13 leading cadres") are not
  participants; counts of units outside supervision ("调研覆盖全部8个单位", "reached all 8
  units") are coverage, not records.
- States of rectification items and directives are measures of their count: "1 has been
  verified and closed", "2 remain open", "2 of them past the deadline", "33 acknowledged,
  13 done"; 1项已核验销号, 2项正在整改, 其中2项已超期, 已确认3项, 完成1项, 超期2项.
- A paragraph about "the other units" together (Across the other units..., 其余单位...)
  names no unit: its facts have ``unit`` null unless a unit is named in the sentence.
- A figures table (lines of tab- or ``|``-separated cells, as Word tables are read) gives one
  fact per row that has a number, a figure in the counting vocabulary's own labels
  ("reading class: rounds", "读书班: 期数") and a unit.
- Per-batch (per-round, per-class) lengths carry the qualifier ``"each"``: "3 batches ...
  a 7-day reading class" gives ``reading_class.batches=3`` and ``reading_class.days=7`` with
  qualifier ``each`` (the length of one batch, not a total).
- Qualifiers are normalised to ``"more than"`` (more than, over, 余, 多, 以上, 逾),
  ``"nearly"`` (nearly, almost, 近), ``"about"`` (about, around, 约, 左右), ``"at least"``
  (at least, 至少) and ``"each"``; a figure without one has ``None``. The qualifier applies
  to the fact's value of its kind and measure.
- Ordinals (third, 20th, 第三期), years, dates, congress numbers (20th National Congress,
  二十大), plan names (十四五), percentages and slogans ("four nos and two straights", 四不两直)
  are not counts.
- The unit of a fact is the body named right after it ("5 steering groups of the
  Ministry"), else the nearest body named before it in the same sentence, else the subject
  of its paragraph (the body its first sentence names), else the previous paragraph's
  subject. Anaphors ("the Ministry", 本部) refer to the paragraph's subject when it can be
  called so (a ministry, or a body whose reports call it so, like IDCPC); otherwise "the
  Ministry" is the Ministry of Foreign Affairs.
- Meeting dates are ISO 8601; without a year in the text (no ``date`` line, no
  ``default_year``) they are month-day only, ``--12-27``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from . import vocab
from .numbers import DIGITS_RE, EN_WORDS_RE, ZH_NUMBER_RE, ZH_NUMERAL_CHARS, parse_en_words, parse_zh
from .tables import cells as table_cells
from .tables import figure_of_row
from .units import Mention, UnitMatcher, matcher_from_database

FACT_KEYS = ("unit", "kind", "measure", "value", "qualifier", "text", "start", "end")
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

    def as_json(self) -> dict:
        return {key: getattr(self, key) for key in FACT_KEYS}


@dataclass
class Meeting:
    name: str
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
    meetings: list[Meeting] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"facts": [f.as_json() for f in self.facts], "meetings": [m.as_json() for m in self.meetings]}


CJK_RE = re.compile(r"[\u3400-\u9fff]")
LETTER_RE = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """``zh`` when CJK characters are at least 30 % of the letters (CJK plus Latin), else ``en``."""
    cjk = len(CJK_RE.findall(text))
    latin = len(LETTER_RE.findall(text))
    return "zh" if cjk and cjk >= 0.3 * (cjk + latin) else "en"


def extract(
    text: str,
    *,
    lang: str = "auto",
    matcher: UnitMatcher | None = None,
    default_year: int | None = None,
) -> Extraction:
    """Read the facts and meetings in ``text``.

    ``lang`` is ``en``, ``zh`` or ``auto``. ``matcher`` names the units (default: the
    database's units when there is a database, else the built-in alias table).
    ``default_year`` dates meetings when the text has no ``date`` line.
    """
    if lang not in {"en", "zh", "auto"}:
        raise ValueError(f"Unknown language {lang!r}: use en, zh or auto.")
    if lang == "auto":
        lang = detect_language(text)
    if matcher is None:
        matcher = matcher_from_database() or UnitMatcher()
    from .meetings import extract_meetings

    year = document_year(text) or default_year
    facts = list(_facts(text, lang, matcher))
    return Extraction(lang=lang, facts=facts, meetings=extract_meetings(text, lang, year))


DATE_LINE_RE = re.compile(r"(?:\bdate\b|日期)\s*[:：]?\s*((?:19|20)\d\d)[-/.年]")


def document_year(text: str) -> int | None:
    match = DATE_LINE_RE.search(text[:400])
    return int(match.group(1)) if match else None


# --- segmentation ----------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def paragraphs(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


SENTENCE_END = {"en": re.compile(r"(?<=[.!?;…])[\"”\u2019)]*\s+"), "zh": re.compile(r"(?<=[。！？；])")}


def sentences(text: str, para: Span, lang: str) -> list[Span]:
    spans, start = [], para.start
    for match in SENTENCE_END[lang].finditer(text, para.start, para.end):
        if match.end() > start:
            spans.append(Span(start, match.start() if lang == "en" else match.end()))
            start = match.end()
    if start < para.end:
        spans.append(Span(start, para.end))
    return [s for s in spans if text[s.start : s.end].strip()]


# --- facts -----------------------------------------------------------------------------


@dataclass
class _Sentence:
    span: Span
    mentions: list[Mention]


@dataclass
class _Candidate:
    kind: str
    measure: str
    value: int | float
    qualifier: str | None
    start: int
    end: int

    @property
    def kind_measure(self) -> tuple[str, str]:
        return (self.kind, self.measure)


# A figure followed by how it breaks down: "3 outreach events: 2 dialogues and 1 exchange visit",
# "开展3场对外交流活动，包括2场对话和1次交流访问", "确定10个调研课题；围绕其中3个课题".
# The breakdown word comes right after the figure (or, for 其中, right before the part's number).
BREAKDOWN = {
    "en": re.compile(r"^\s*(?::|,?\s*(?:including|among them|namely)\b)", re.IGNORECASE),
    # "其中" right before the number: "N of them" ("其中重点课题5个" names a figure of its own).
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


def _parts_of_figures(text: str, lang: str, cands: list[_Candidate], before: list[_Candidate]) -> set[int]:
    """Indexes of ``cands`` that only break down a figure given just before (the sentence or the one before).

    "3 events: 2 dialogues and 1 exchange visit" is one figure, 3; its parts are not figures
    of their own. A part has the figure's kind and measure, follows a breakdown word
    (":", "including", 包括, 其中...), and the parts add up to no more than the figure.
    """
    parts: set[int] = set()
    last: dict[tuple[str, str], _Candidate] = {c.kind_measure: c for c in before}
    open_total: tuple[tuple[str, str], float] | None = None
    previous_end = before[-1].end if before else None
    for index, cand in enumerate(cands):
        key = cand.kind_measure
        between = text[previous_end : cand.start] if previous_end is not None else ""
        previous_end = cand.end
        if open_total and open_total[0] == key and cand.value <= open_total[1] and cand.qualifier is None:
            parts.add(index)
            open_total = (key, open_total[1] - cand.value)
            continue
        total = last.get(key)
        if (
            total is not None
            and cand.qualifier is None
            and BREAKDOWN[lang].search(between)
            and cand.value <= total.value
        ):
            parts.add(index)
            open_total = (key, total.value - cand.value)
            continue
        open_total = None
        last[key] = cand
    return parts


def _facts(text: str, lang: str, matcher: UnitMatcher) -> Iterator[Fact]:
    finder = _EnglishFigures(text) if lang == "en" else _ChineseFigures(text)
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
        before: list[_Candidate] = []
        for index, sent in enumerate(sents):
            previous = sents[index - 1].span if index else None
            cands = list(finder.figures(sent.span, previous))
            parts = _parts_of_figures(text, lang, cands, before)
            before = [c for i, c in enumerate(cands) if i not in parts]
            for cand in before:
                unit = _unit_of(text, cand, sent.mentions, subject, matcher)
                yield Fact(
                    unit=unit,
                    kind=cand.kind,
                    measure=cand.measure,
                    value=cand.value,
                    qualifier=cand.qualifier,
                    text=text[cand.start : cand.end],
                    start=cand.start,
                    end=cand.end,
                )
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
    return Fact(
        unit=unit,
        kind=kind,
        measure=measure,
        value=value,
        qualifier=None,
        text=cell.text,
        start=cell.start,
        end=cell.end,
    )


def _unit_of(
    text: str, cand: _Candidate, mentions: list[Mention], subject: str | None, matcher: UnitMatcher
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


def _which(match: re.Match, table: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    index = int(match.lastgroup[1:])
    return table[index]


class _EnglishFigures:
    KIND_TABLE = (
        *vocab.EN_KINDS,
        ("rectification", "records", vocab.EN_PROBLEMS),
        ("research_topic", "records", vocab.EN_TOPICS),
    )
    MEASURE_TABLE = vocab.EN_MEASURES
    MONTHS = (
        r"january|february|march|april|may|june|july|august|september|october|november|december"
        r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    )
    STOP = {
        "the",
        "a",
        "an",
        "to",
        "and",
        "or",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "which",
        "that",
        "this",
        "these",
        "its",
        "their",
        "it",
        "they",
        "of",
        "as",
        "into",
        "within",
    }

    def __init__(self, text: str) -> None:
        self.text = text
        self.kind_re = re.compile(
            "|".join(rf"(?P<g{i}>\b(?:{p[2]})\b)" for i, p in enumerate(self.KIND_TABLE)), re.IGNORECASE
        )
        self.measure_re = re.compile(
            "|".join(rf"(?P<g{i}>\b(?:{p[1]})\b)" for i, p in enumerate(self.MEASURE_TABLE)), re.IGNORECASE
        )
        self.qual_before = re.compile(
            "(?:"
            + "|".join(rf"(?P<g{i}>\b(?:{p})\s+)" for i, (_q, p) in enumerate(vocab.EN_QUALIFIERS_BEFORE))
            + r")$",
            re.IGNORECASE,
        )
        self.excluded_after = re.compile(
            rf"^\s*(?:%|percent|per\s*cent|percentage|years?\b|months?\b|weeks?\b|yuan|dollars|million|billion"
            rf"|km|kilomet|th\b|st\b|nd\b|rd\b|of\s+(?:them|the|these|those|its|their)\b|(?:{self.MONTHS})\b)",
            re.IGNORECASE,
        )
        self.excluded_before = re.compile(
            rf"(?:\b(?:{self.MONTHS})\.?|\bno\.|\bnumber|\bphase|\bgrade|\barticle|\bitem|\bclass|\bbatch"
            rf"|\bround|\bsession|\bsince|\buntil|\bof\s+the|\btrack[- ]?|\$|¥)\s*$",
            re.IGNORECASE,
        )

    def _in_context(self, match: re.Match, sentence: str) -> bool:
        """Problems are rectification items, and questions research topics, only in context."""
        pattern = self.KIND_TABLE[int(match.lastgroup[1:])][2]
        if pattern == vocab.EN_PROBLEMS:
            return vocab.EN_RECTIFICATION_CONTEXT.search(sentence) is not None
        if pattern == vocab.EN_TOPICS:
            return vocab.EN_RESEARCH_CONTEXT.search(sentence) is not None
        return True

    def numbers(self, span: Span) -> Iterator[tuple[int, int, int | float]]:
        found = []
        for match in DIGITS_RE.finditer(self.text, span.start, span.end):
            raw = match.group().replace(",", "")
            found.append((match.start(), match.end(), float(raw) if "." in raw else int(raw)))
        for match in EN_WORDS_RE.finditer(self.text, span.start, span.end):
            value = parse_en_words(match.group())
            if value is not None:
                found.append((match.start(), match.end(), value))
        return iter(sorted(found))

    def _kind_near(
        self, measure: str, span: Span, previous: Span | None, pos: int, after_first: bool = True
    ) -> tuple[str, int, int] | None:
        """The nearest kind noun (able to take ``measure``) in the sentence, else the previous one."""

        def scan(s: Span) -> list[tuple[str, int, int]]:
            out = []
            for m in self.kind_re.finditer(self.text, s.start, s.end):
                kind, _measure, _p = _which(m, self.KIND_TABLE)
                if not self._in_context(m, self.text[s.start : s.end]):
                    continue
                if vocab.valid(kind, measure):
                    out.append((kind, m.start(), m.end()))
            return out

        here = scan(span)
        after = [k for k in here if k[1] >= pos]
        before = [k for k in here if k[2] <= pos]
        if after_first and after:
            return after[0]
        if before:
            return before[-1]
        if after:
            return after[0]
        if previous is not None:
            earlier = scan(previous)
            if earlier:
                return earlier[-1]
        return None

    def figures(self, span: Span, previous: Span | None) -> Iterator[_Candidate]:
        text = self.text
        sentence = text[span.start : span.end]
        used_until = span.start
        results: list[_Candidate] = []
        for start, end, value in self.numbers(span):
            if start < used_until:
                continue
            if isinstance(value, int) and 1900 <= value <= 2100 and "," not in text[start:end]:
                continue  # a year
            head = text[max(span.start, start - 25) : start]
            tail = text[end : min(span.end, end + 40)]
            closed = vocab.EN_CLOSED_SHARE.match(tail)
            if closed and vocab.EN_RECTIFICATION_CONTEXT.search(sentence):
                results.append(_Candidate("rectification", "closed", value, None, start, end + closed.end()))
                used_until = end + closed.end()
                continue
            adopted = vocab.EN_ADOPTED_SHARE.match(tail)
            if adopted:
                results.append(
                    _Candidate("research_topic", "measures_adopted", value, None, start, end + adopted.end())
                )
                used_until = end + adopted.end()
                continue
            attended = vocab.EN_PARTICIPANTS_SHARE.match(tail)
            if attended:
                found = self._kind_near("participants", span, previous, start, after_first=False)
                if found:
                    results.append(
                        _Candidate(found[0], "participants", value, None, start, end + attended.end())
                    )
                    used_until = end + attended.end()
                    continue
            late = vocab.EN_OVERDUE_SHARE.match(tail)
            if late and (
                vocab.EN_RECTIFICATION_CONTEXT.search(sentence) or vocab.EN_DIRECTIVE_CONTEXT.search(sentence)
            ):
                found = self._kind_near("overdue", span, previous, start, after_first=False)
                if found:
                    results.append(_Candidate(found[0], "overdue", value, None, start, end + late.end()))
                    used_until = end + late.end()
                    continue
            share = vocab.EN_UNANNOUNCED_SHARE.match(tail)
            if share and re.search(r"visit|trip|inspection", sentence, re.IGNORECASE):
                results.append(
                    _Candidate("field_visit", "unannounced", value, None, start, end + share.end())
                )
                used_until = end + share.end()
                continue
            if self.excluded_after.match(tail) or self.excluded_before.search(head):
                continue
            if re.match(r"\s*-\s*(?:th|st|nd|rd)\b", tail) or (
                re.match(r"one\b", text[start:end], re.I) and re.match(r"\s+of\b", tail)
            ):
                continue
            qualifier, q_start = None, start
            qm = self.qual_before.search(head)
            if qm:
                qualifier = vocab.EN_QUALIFIERS_BEFORE[int(qm.lastgroup[1:])][0]
                q_start = start - (len(head) - qm.start())
            after_q = re.match(r"\s*(?:or more|-plus)\b|\+", tail)
            offset = end
            if after_q:
                qualifier = "more than"
                offset = end + after_q.end()
            cand = self._link(value, qualifier, q_start, offset, span, previous, sentence)
            if cand is not None and cand.measure == "participants" and vocab.EN_LEADERS_BEFORE.search(head):
                continue  # "claimed by 13 leading cadres": who claimed the topics, not who took part
            if cand is not None:
                results.append(cand)
                used_until = cand.end
        # Per-batch lengths: days or half-days beside a count of batches/rounds.
        if any(c.measure in {"batches", "rounds"} for c in results):
            for c in results:
                if c.measure in {"days", "half_days"} and c.qualifier is None:
                    c.qualifier = "each"
        for c in results:
            if c.measure in {"days", "half_days"} and c.qualifier is None:
                window = text[max(span.start, c.start - 20) : min(span.end, c.end + 25)]
                if re.search(r"\beach\b|\bper (?:batch|round|class|session)\b|\bapiece\b", window, re.I):
                    c.qualifier = "each"
        yield from results

    def _link(
        self,
        value: int | float,
        qualifier: str | None,
        start: int,
        pos: int,
        span: Span,
        previous: Span | None,
        sentence: str,
    ) -> _Candidate | None:
        text = self.text
        # Walk over up to four modifier words looking for a kind or measure noun.
        cursor = pos
        hyphen = re.match(r"-", text[cursor : span.end])
        if hyphen:
            cursor += 1
        for _step in range(5):
            rest = text[cursor : span.end]
            lead = re.match(r"\s*", rest).end()
            at = cursor + lead
            kind_m = self.kind_re.match(text, at, span.end)
            measure_m = self.measure_re.match(text, at, span.end)
            if kind_m and (not measure_m or kind_m.end() >= measure_m.end()):
                kind, measure, _p = _which(kind_m, self.KIND_TABLE)
                if not self._in_context(kind_m, sentence):
                    return None
                return _Candidate(kind, measure, value, qualifier, start, kind_m.end())
            if measure_m:
                measure = _which(measure_m, self.MEASURE_TABLE)[0]
                return self._measure(value, qualifier, start, measure_m, measure, span, previous, sentence)
            word = re.match(r"[A-Za-z][\w'\u2019]*(?:-[\w'\u2019]+)*", text[at : span.end])
            if not word or word.group().lower() in self.STOP:
                return None
            cursor = at + word.end()
        return None

    def _measure(
        self,
        value: int | float,
        qualifier: str | None,
        start: int,
        measure_m: re.Match,
        measure: str,
        span: Span,
        previous: Span | None,
        sentence: str,
    ) -> _Candidate | None:
        text = self.text
        end = measure_m.end()
        if measure in {"closed", "open"}:
            context = sentence + (text[previous.start : previous.end] if previous else "")
            kind = "rectification" if vocab.EN_RECTIFICATION_CONTEXT.search(context) else None
            return _Candidate(kind, measure, value, qualifier, start, end) if kind else None
        if measure == "units_supervised":
            if not vocab.EN_SUPERVISION_CONTEXT.search(sentence):
                return None
            found = self._kind_near(measure, span, previous, start, after_first=False)
            if not found:
                return None
            kind = found[0]
            # "the groups have visited 41 embassies": units visited, not units assigned.
            if re.search(
                r"\bvisit(?:ed|ing)\s+(?:\w+\s+){0,2}$", text[max(span.start, start - 40) : start]
            ) or (
                re.match(
                    r"(?:\s+[\w-]+){0,2}?\s+(?:were|was|have been|had been)\s+visited\b", text[end : span.end]
                )
            ):
                kind = "supervision_visit"
            return _Candidate(kind, measure, value, qualifier, start, end)
        # "rounds of reading classes": the kind follows "of".
        of = re.match(r"\s+(?:of|for)\s+((?:[\w'\u2019-]+\s+){0,3}?)", text[end : span.end])
        if of:
            kind_m = self.kind_re.match(text, end + of.end(), span.end)
            if kind_m:
                kind = _which(kind_m, self.KIND_TABLE)[0]
                if vocab.valid(kind, measure):
                    return _Candidate(kind, measure, value, qualifier, start, kind_m.end())
                if measure in {"rounds", "batches", "records"} and vocab.valid(kind, "records"):
                    # "4 rounds of track-two dialogue": an outreach event has no rounds; count the events.
                    return _Candidate(kind, "records", value, qualifier, start, kind_m.end())
        # "7-day reading class": the kind follows directly.
        kind_m = self.kind_re.match(text, end + len(re.match(r"\s*", text[end : span.end]).group()), span.end)
        if kind_m:
            kind = _which(kind_m, self.KIND_TABLE)[0]
            if vocab.valid(kind, measure):
                return _Candidate(kind, measure, value, qualifier, start, kind_m.end())
        if measure == "records":
            # "held seminars 42 times": the kind comes before.
            found = self._kind_near(measure, Span(span.start, start), None, start, after_first=False)
        elif measure == "participants" and re.search(
            r"\b(?:present at|attended|in attendance)\b.*\b(?:meeting|conference)\b|\b(?:meeting|conference)\b.*"
            r"\b(?:present|attended|in attendance)\b",
            sentence,
            re.IGNORECASE,
        ):
            found = ("conference", start, start)  # the people at a meeting
        elif measure == "participants":
            # "Roughly 260 officials took part." may follow the sentence naming the activity.
            found = self._kind_near(measure, span, previous, start, after_first=False)
        elif measure in {"days", "half_days"}:
            # "..., each lasting 5 days": the length belongs to the activity just named.
            found = self._kind_near(measure, span, previous, start, after_first=False)
        else:
            found = self._kind_near(measure, span, previous, start)
        if not found:
            return None
        return _Candidate(found[0], measure, value, qualifier, start, end)


ZH_CLASSIFIER_CHARS = "期场次个项支条批家轮天日人名"


class _ChineseFigures:
    def __init__(self, text: str) -> None:
        self.text = text
        self.kind_re = re.compile("|".join(f"(?P<g{i}>{p[2]})" for i, p in enumerate(vocab.ZH_KINDS)))
        self.classifier_re = re.compile(
            "|".join(f"(?P<g{i}>{p[1]})" for i, p in enumerate(vocab.ZH_CLASSIFIERS))
        )
        self.qual_before = re.compile(
            "(?:" + "|".join(f"(?P<g{i}>{p})" for i, (_q, p) in enumerate(vocab.ZH_QUALIFIERS_BEFORE)) + ")$"
        )

    def _kinds(self, span: Span, measure: str, sentence_text: str) -> list[tuple[str, int, int]]:
        out = []
        named = False
        for m in self.kind_re.finditer(self.text, span.start, span.end):
            if m.group() in vocab.ZH_GENERIC_STUDY and named:
                continue  # "举办读书班一期，集中学习七天": the class's own study
            named = True
            kind, kmeasure, _p = _which(m, vocab.ZH_KINDS)
            if kind == "rectification" and not vocab.ZH_RECTIFICATION_CONTEXT.search(sentence_text):
                continue
            if measure == "records" and kmeasure != "records":
                out.append((kind, m.start(), m.end(), kmeasure))
                continue
            if vocab.valid(kind, measure):
                out.append((kind, m.start(), m.end(), measure))
        return out

    def figures(self, span: Span, previous: Span | None) -> Iterator[_Candidate]:
        text = self.text
        sentence = text[span.start : span.end]
        results: list[_Candidate] = []
        for match in ZH_NUMBER_RE.finditer(text, span.start, span.end):
            start, end = match.start(), match.end()
            value = parse_zh(match.group())
            if value is None or value == 0:
                continue
            head = text[max(span.start, start - 6) : start]
            tail = text[end : min(span.end, end + 30)]
            if head.endswith(("第", "百分之", "月")):
                continue
            if re.search(r"(?:每人|每个|每名|每位|人均|各自)(?:领衔|认领|牵头|负责|承担)?$", head):
                continue  # a per-person share, not a count
            if re.match(
                r"(?:年|月|%|\uff05|成\b|倍|届|大|中全会|周年|号|岁|元|万元|亿|日\s*(?:至|到|[—-]|召开|举行|，))",
                tail,
            ):
                continue
            if re.match(r"^[A-Za-z]", tail) or (
                text[start].isdigit() and re.match(r"(?:19|20)\d\d$", match.group())
            ):
                continue
            qualifier, q_start = None, start
            qm = self.qual_before.search(head)
            if qm:
                qualifier = vocab.ZH_QUALIFIERS_BEFORE[int(qm.lastgroup[1:])][0]
                q_start = start - (len(head) - qm.start())
            pos = end
            after = re.match(r"余|多", tail)
            if after:
                qualifier = "more than"
                pos += 1
            cand = self._link(value, qualifier, q_start, pos, span, previous, sentence)
            if cand is not None:
                tail_q = re.match(r"以上|左右", text[cand.end : span.end])
                if tail_q:
                    cand.qualifier = "more than" if tail_q.group() == "以上" else "about"
                    cand.end += tail_q.end()
                results.append(cand)
        if any(c.measure in {"batches", "rounds"} for c in results):
            for c in results:
                if c.measure in {"days", "half_days"} and c.qualifier is None:
                    c.qualifier = "each"
        for c in results:
            if (
                c.measure in {"days", "half_days"}
                and c.qualifier is None
                and re.search(r"每个?(?:批|期|轮|次|班)|各", text[max(span.start, c.start - 8) : c.start])
            ):
                c.qualifier = "each"
        yield from results

    def _clause_start(self, span: Span, pos: int) -> int:
        head = self.text[span.start : pos]
        cut = max(head.rfind(ch) for ch in "，,；;：:、")
        return span.start + cut + 1 if cut >= 0 else span.start

    def _link(
        self,
        value: int | float,
        qualifier: str | None,
        start: int,
        pos: int,
        span: Span,
        previous: Span | None,
        sentence: str,
    ) -> _Candidate | None:
        text = self.text
        cm = self.classifier_re.match(text, pos, span.end)
        if not cm:
            return None
        classifier = cm.group()
        measures = [m for m, p in vocab.ZH_CLASSIFIERS if re.fullmatch(p, classifier)]
        if classifier in {"期", "批", "批次"} and text[max(span.start, start - 1) : start] == "分":
            measures = ["batches"]  # "分四期进行": one class held in four batches
        after = cm.end()
        clause_head = text[self._clause_start(span, start) : start]
        if vocab.ZH_RECTIFICATION_CONTEXT.search(sentence) and "records" in measures:
            if vocab.ZH_CLOSED_BEFORE.search(clause_head):
                return _Candidate("rectification", "closed", value, qualifier, start, after)
            if vocab.ZH_OPEN_BEFORE.search(clause_head) and vocab.ZH_OPEN_AFTER.match(text, after, span.end):
                return _Candidate("rectification", "open", value, qualifier, start, after)
        if "records" in measures:
            state = self._state(value, qualifier, start, after, span, clause_head)
            if state is not None:
                return state
        window = text[after : min(span.end, after + 12)]
        # The nouns of this number end where the next number begins ("2场对话和1次交流访问").
        window = re.split(rf"[，,；;。：:、（(]|(?=[\d{ZH_NUMERAL_CHARS}]+[{ZH_CLASSIFIER_CHARS}])", window)[
            0
        ]
        # A unit noun right after the classifier: units supervised, or else a count of units, not of records.
        if "units_supervised" in measures:
            un = re.match(rf"[^，。；、]{{0,8}}?(?:{vocab.ZH_UNIT_NOUNS})", window)
            km = self.kind_re.search(window)
            if un and (not km or km.start() >= un.end()):
                if not vocab.ZH_SUPERVISION_CONTEXT.search(sentence):
                    return None  # "调研覆盖全部8个单位": how many units, not how much research
                kinds = self._kinds(span, "units_supervised", sentence)
                groups = [k for k in kinds if k[0] == "steering_group"]
                chosen = self._nearest(groups or kinds, start, prefer_before=True)
                if chosen:
                    return _Candidate(
                        chosen[0], "units_supervised", value, qualifier, start, after + un.end()
                    )
                return None
        if "participants" in measures:
            kinds = self._kinds(span, "participants", sentence)
            chosen = self._nearest(kinds, start, prefer_before=True)
            pn = re.match(rf"(?:{vocab.ZH_PEOPLE_NOUNS})?", window)
            if chosen:
                return _Candidate(chosen[0], "participants", value, qualifier, start, after + pn.end())
            return None
        # The kind noun right after the classifier (up to a few characters of modifiers).
        km = re.match(rf"(?:[^，。；、]{{0,8}}?)(?:{self.kind_re.pattern})", window)
        if km:
            inner = self.kind_re.search(window, 0, km.end())
            kind, kmeasure, _p = _which(inner, vocab.ZH_KINDS)
            for measure in measures:
                m = kmeasure if measure == "records" else measure
                if vocab.valid(kind, m):
                    return _Candidate(kind, m, value, qualifier, start, after + km.end())
        if measures[0] in {"half_days", "days", "rounds", "batches"}:
            measure = measures[0]
            kinds = self._kinds(span, measure, sentence)
            chosen = self._nearest(kinds, start, prefer_before=measure in {"days", "half_days"})
            if not chosen and previous is not None:
                earlier = self._kinds(previous, measure, self.text[previous.start : previous.end])
                chosen = earlier[-1] if earlier else None
            if chosen:
                return _Candidate(chosen[0], measure, value, qualifier, start, after)
            if "records" not in measures:
                return None
        # "开展专题研讨42次": the kind before the number, in the same clause.
        clause = Span(self._clause_start(span, start), start)
        kinds = self._kinds(clause, "records", sentence)
        if not kinds and re.fullmatch(r"[共计合总]*", text[clause.start : start]):
            # "举办读书班，共三期": the clause is only the count; the kind ends the one before.
            kinds = self._kinds(Span(max(span.start, clause.start - 12), start), "records", sentence)
        if kinds and start - kinds[-1][2] <= 20:
            kind, _s, _e, kmeasure = kinds[-1]
            if vocab.valid(kind, kmeasure):
                return _Candidate(kind, kmeasure, value, qualifier, start, after)
        return None

    def _state(
        self, value: int | float, qualifier: str | None, start: int, after: int, span: Span, clause_head: str
    ) -> _Candidate | None:
        """A count of rectification items or directive deliveries by their state: closed, open, overdue,
        acknowledged, done ("1项已核验销号", "其中2项已超期", "已确认3项"). The kind is the nearest
        rectification or directive noun before the number."""
        kinds = [
            k
            for k in self._kinds(Span(span.start, start), "records", self.text[span.start : span.end])
            if k[0] in {"rectification", "directive"}
        ]
        if not kinds:
            return None
        kind = kinds[-1][0]
        rest = self.text[after : span.end]
        for measure, pattern in vocab.ZH_STATE_AFTER:
            m = re.match(pattern, rest)
            if m and vocab.valid(kind, measure):
                return _Candidate(kind, measure, value, qualifier, start, after + m.end())
        for measure, pattern in vocab.ZH_STATE_BEFORE:
            if re.search(pattern, clause_head) and vocab.valid(kind, measure):
                return _Candidate(kind, measure, value, qualifier, start, after)
        return None

    @staticmethod
    def _nearest(kinds: list, pos: int, prefer_before: bool = False) -> tuple | None:
        if not kinds:
            return None
        before = [k for k in kinds if k[2] <= pos]
        after = [k for k in kinds if k[1] >= pos]
        if prefer_before and before:
            return before[-1]
        if after:
            return after[0]
        return before[-1] if before else None
