"""Figures in English reports: every number with what it counts, classified where the vocabulary fits.

Each number is read by ``RULES``, in order (see ``rules.run``): first the numbers that are no
counts (years, ordinals, percentages, dates...), then the special phrasings of the counting
vocabulary ("894 of them have been resolved"), then a kind or measure noun after the number
("5 rounds of reading classes", "14 half-days"), and last any other counted noun, which keeps
the figure as an unclassified one ("9,168 party members", "3.373 billion yuan").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import vocab
from ..context import NumberContext
from ..model import Candidate, Span
from ..numbers import DIGITS_RE, EN_WORDS_RE, parse_en_words
from ..rules import SKIP, Outcome, Rule, rule, run

MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# Words that end a noun phrase.
STOP = {
    "the", "a", "an", "to", "and", "or", "was", "were", "is", "are", "has", "have", "had", "in", "on", "at",
    "by", "for", "with", "from", "which", "that", "this", "these", "its", "their", "it", "they", "of", "as",
    "into", "within", "who", "whom", "whose", "under", "over", "across", "among", "during", "through", "per",
    "than", "about", "after", "before", "since", "until", "including", "be", "been", "will", "would", "can",
    "could", "should", "may", "must", "sent", "held", "made", "took", "gave", "set", "put", "found", "led",
    "met", "did", "got", "came", "paid", "saw", "told", "began", "left", "kept", "brought", "built", "won",
    "spent", "cut", "read", "so", "far", "last", "next", "each", "both", "all", "also", "not",
    "nationwide", "there", "here", "based", "involving", "taken", "given", "shown", "done", "out",
}  # fmt: skip
SCALES = {"million": 1_000_000, "billion": 1_000_000_000, "thousand": 1000}
SCALE_RE = re.compile(r"\s+(million|billion|thousand)\b", re.IGNORECASE)
HALF_RE = re.compile(r"(?:-and-a-half|\s+and\s+a\s+half)\b", re.IGNORECASE)


def _which(match: re.Match, table: tuple) -> tuple:
    return table[int(match.lastgroup[1:])]


def _clause(sentence: str, at: int) -> str:
    """The clause of ``sentence`` around position ``at`` (between commas, semicolons and colons)."""
    start = max(sentence.rfind(c, 0, max(at, 0)) for c in ",;:") + 1
    ends = [i for i in (sentence.find(c, max(at, 0)) for c in ",;:") if i >= 0]
    return sentence[start : min(ends) if ends else len(sentence)]


# Fixed formulas that contain a number and count nothing.
FORMULAS = re.compile(
    r"\b(?:four (?:undesirable )?(?:work styles|winds|consciousness(?:es)?)|four nos|two straights"
    r"|two establishments|two upholds|two maintenances|two centenar\w+|two sessions(?! of)|eight-point"
    r"|one country,? two systems|one heart|one mind|one voice|one by one|one another|one of|one-on-one|one-to-one"
    r"|four forms(?: of (?:oversight|supervision))?|(?<=other )(?:two|three) forms|two new\b|three stricts(?: and three \w+)?"
    r"|zero tolerance|one step (?:closer|further)|four (?:confidences|matters of confidence)"
    r"|eight (?:provisions|regulations|(?:austerity|frugality) rules))\b",
    re.IGNORECASE,
)


class EnglishFigures:
    KIND_TABLE = (
        *vocab.EN_KINDS,
        ("rectification", "records", vocab.EN_PROBLEMS),
        ("research_topic", "records", vocab.EN_TOPICS),
    )
    MEASURE_TABLE = vocab.EN_MEASURES

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

    # --- helpers the rules use -----------------------------------------------------------

    offset = 0  # where the sentence being read starts in the text

    def in_context(self, match: re.Match, sentence: str) -> bool:
        """Problems are rectification items, and questions research topics, only in context."""
        pattern = self.KIND_TABLE[int(match.lastgroup[1:])][2]
        if pattern == vocab.EN_PROBLEMS:
            return vocab.EN_RECTIFICATION_CONTEXT.search(sentence) is not None
        if pattern == vocab.EN_TOPICS:
            # The clause must speak of research: "..., concentrated research, and defined 14 topics"
            # are topics of study.
            return (
                vocab.EN_RESEARCH_CONTEXT.search(_clause(sentence, match.start() - self.offset)) is not None
            )
        return True

    def numbers(self, span: Span) -> Iterator[tuple[int, int, int | float]]:
        found = []
        for match in DIGITS_RE.finditer(self.text, span.start, span.end):
            raw = match.group().replace(",", "")
            value: int | float = float(raw) if "." in raw else int(raw)
            end = match.end()
            scale = SCALE_RE.match(self.text, end, span.end)
            if scale:
                value = value * SCALES[scale.group(1).lower()]
                value = int(value) if float(value).is_integer() else value
                end = scale.end()
            found.append((match.start(), end, value))
        for match in EN_WORDS_RE.finditer(self.text, span.start, span.end):
            value = parse_en_words(match.group())
            if value is not None:
                end = match.end()
                half = HALF_RE.match(self.text, end, span.end)
                if half:  # "two-and-a-half-day session"
                    value, end = value + 0.5, half.end()
                scale = SCALE_RE.match(self.text, end, span.end)
                if scale and scale.group(1).lower() != "thousand":
                    value, end = value * SCALES[scale.group(1).lower()], scale.end()
                found.append((match.start(), end, value))
        return iter(sorted(found))

    def kind_near(
        self, measure: str, span: Span, previous: Span | None, pos: int, after_first: bool = True
    ) -> tuple[str, int, int] | None:
        """The nearest kind noun (able to take ``measure``) in the sentence, else the previous one."""

        def scan(s: Span) -> list[tuple[str, int, int]]:
            out = []
            for m in self.kind_re.finditer(self.text, s.start, s.end):
                kind, _measure, _p = _which(m, self.KIND_TABLE)
                self.offset = s.start
                if not self.in_context(m, self.text[s.start : s.end]):
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

    def noun_phrase(self, pos: int, limit: int) -> tuple[str, int]:
        """The counted noun phrase written from ``pos`` on ("provincial or ministerial-level officials"),
        and where it ends; ("", pos) when no noun follows."""
        text = self.text
        words: list[tuple[str, int]] = []
        cursor = pos
        while len(words) < 6:
            m = re.match(r"\s*([A-Za-z][\w'\u2019]*(?:[.-][\w'\u2019]+)*\.?)", text[cursor:limit])
            if not m:
                break
            word = m.group(1)
            if word.lower().rstrip(".") in STOP and not (word.lower() in {"or", "and"} and words):
                break
            # "provincial and ministerial level cadres": "or"/"and" joins two modifiers of one noun.
            if word.lower() in {"or", "and"} and not re.match(
                r"\s+[a-z][\w-]*\s+[a-z]", text[cursor + m.end() : limit]
            ):
                break
            words.append((word, cursor + m.end()))
            cursor += m.end()
        # Verbs end it too: "115 cases transferred", "Ten inspection teams sent".
        while (
            len(words) > 1
            and re.search(r"(?:ed|ing)$", words[-1][0].rstrip("."))
            and words[-1][0].lower()
            not in {
                "building",
                "meeting",
                "training",
                "hearing",
            }
        ):
            words.pop()
        while words and words[-1][0].lower() in {"or", "and"}:
            words.pop()
        if not words:
            return "", pos
        start = pos + len(text[pos:limit]) - len(text[pos:limit].lstrip())
        return text[start : words[-1][1]].rstrip("."), words[-1][1]

    def link(self, ctx: NumberContext) -> Candidate | None:
        """A kind or measure noun among the (up to four) words after the number."""
        text, span = self.text, ctx.span
        cursor = ctx.after
        if text[cursor : span.end].startswith("-"):
            cursor += 1
        for _step in range(5):
            rest = text[cursor : span.end]
            at = cursor + re.match(r"\s*", rest).end()
            kind_m = self.kind_re.match(text, at, span.end)
            measure_m = self.measure_re.match(text, at, span.end)
            if kind_m and (not measure_m or kind_m.end() >= measure_m.end()):
                kind, measure, _p = _which(kind_m, self.KIND_TABLE)
                self.offset = span.start
                if not self.in_context(kind_m, ctx.sentence):
                    return None
                return self._cand(ctx, kind, measure, kind_m.end())
            if measure_m:
                measure = _which(measure_m, self.MEASURE_TABLE)[0]
                return self._measure(ctx, measure_m, measure)
            word = re.match(r"[A-Za-z][\w'\u2019]*(?:-[\w'\u2019]+)*", text[at : span.end])
            if not word or word.group().lower() in STOP:
                return None
            cursor = at + word.end()
        return None

    def _cand(self, ctx: NumberContext, kind: str | None, measure: str | None, end: int) -> Candidate:
        noun = self.text[ctx.after : end].strip(" -") if end > ctx.after else ""
        return Candidate(kind, measure, ctx.value, ctx.qualifier, ctx.q_start, end, noun)

    def _measure(self, ctx: NumberContext, measure_m: re.Match, measure: str) -> Candidate | None:
        text, span, previous, start, sentence = self.text, ctx.span, ctx.previous, ctx.q_start, ctx.sentence
        end = measure_m.end()
        if measure in {"closed", "open"}:
            context = sentence + (text[previous.start : previous.end] if previous else "")
            kind = "rectification" if vocab.EN_RECTIFICATION_CONTEXT.search(context) else None
            return self._cand(ctx, kind, measure, end) if kind else None
        if measure == "units_supervised":
            if not vocab.EN_SUPERVISION_CONTEXT.search(sentence):
                return None
            found = self.kind_near(measure, span, previous, start, after_first=False)
            if not found:
                return None
            kind = found[0]
            # "the groups have visited 41 embassies": units visited, not units assigned.
            if re.search(
                r"\bvisit(?:ed|ing)\s+(?:\w+\s+){0,2}$", text[max(span.start, start - 40) : start]
            ) or re.match(
                r"(?:\s+[\w-]+){0,2}?\s+(?:were|was|have been|had been)\s+visited\b", text[end : span.end]
            ):
                kind = "supervision_visit"
            return self._cand(ctx, kind, measure, end)
        # "rounds of reading classes": the kind follows "of".
        of = re.match(r"\s+(?:of|for)\s+((?:[\w'\u2019-]+\s+){0,3}?)", text[end : span.end])
        if of:
            kind_m = self.kind_re.match(text, end + of.end(), span.end)
            if kind_m:
                kind = _which(kind_m, self.KIND_TABLE)[0]
                if vocab.valid(kind, measure):
                    return self._cand(ctx, kind, measure, kind_m.end())
                if measure in {"rounds", "batches", "records"} and vocab.valid(kind, "records"):
                    # "4 rounds of track-two dialogue": an outreach event has no rounds; count the events.
                    return self._cand(ctx, kind, "records", kind_m.end())
        # "7-day reading class": the kind follows directly.
        kind_m = self.kind_re.match(text, end + len(re.match(r"\s*", text[end : span.end]).group()), span.end)
        if kind_m:
            kind = _which(kind_m, self.KIND_TABLE)[0]
            if vocab.valid(kind, measure):
                return self._cand(ctx, kind, measure, kind_m.end())
        if measure == "records":
            # "held seminars 42 times": the kind comes before.
            found = self.kind_near(measure, Span(span.start, start), None, start, after_first=False)
        elif measure == "participants" and re.search(
            r"\b(?:present at|attended|in attendance)\b.*\b(?:meeting|conference)\b|\b(?:meeting|conference)\b.*"
            r"\b(?:present|attended|in attendance)\b",
            sentence,
            re.IGNORECASE,
        ):
            found = ("conference", start, start)  # the people at a meeting
        elif measure in {"participants", "days", "half_days"}:
            # "Roughly 260 officials took part." may follow the sentence naming the activity;
            # "..., each lasting 5 days": the length belongs to the activity just named.
            found = self.kind_near(measure, span, previous, start, after_first=False)
        else:
            found = self.kind_near(measure, span, previous, start)
        if not found:
            return None
        return self._cand(ctx, found[0], measure, end)

    # --- reading a sentence ----------------------------------------------------------------

    def figures(self, span: Span, previous: Span | None) -> list[Candidate]:
        text = self.text
        used_until = span.start
        results: list[Candidate] = []
        for start, end, value in self.numbers(span):
            if start < used_until:
                continue
            ctx = NumberContext(
                finder=self,
                text=text,
                span=span,
                previous=previous,
                start=start,
                end=end,
                value=value,
                head=text[max(span.start, start - 25) : start],
                tail=text[end : min(span.end, end + 40)],
            )
            _qualify(self, ctx)
            _rule, outcome = run(RULES, ctx)
            if isinstance(outcome, Candidate):
                results.append(outcome)
                used_until = outcome.end
        return _per_batch(text, span, results)


def _qualify(finder: EnglishFigures, ctx: NumberContext) -> None:
    """The qualifier before ("more than 30") or after ("30 or more", "850 plus") the number."""
    ctx.qualifier, ctx.q_start, ctx.after = None, ctx.start, ctx.end
    qm = finder.qual_before.search(ctx.head)
    # "presided over 65 sessions", "handed over 12 cases": the particle of a verb, no qualifier.
    if qm and not re.search(r"\b(?:presid|hand|turn|t[ao]ok|tak)\w*\s+over\s+$", ctx.head, re.IGNORECASE):
        ctx.qualifier = vocab.EN_QUALIFIERS_BEFORE[int(qm.lastgroup[1:])][0]
        ctx.q_start = ctx.start - (len(ctx.head) - qm.start())
    after_q = re.match(r"\s*(?:or more|-plus|-odd)\b|\s+plus\b|\+|\s+odd\b", ctx.tail)
    if after_q:
        ctx.qualifier = "more than"
        ctx.after = ctx.end + after_q.end()


def _per_batch(text: str, span: Span, results: list[Candidate]) -> list[Candidate]:
    """Days or half-days beside a count of batches or rounds are the length of each ("each")."""
    batches = any(c.measure in {"batches", "rounds"} for c in results)
    out = []
    for c in results:
        if c.measure in {"days", "half_days"} and c.qualifier is None:
            window = text[max(span.start, c.start - 20) : min(span.end, c.end + 25)]
            if batches or re.search(
                r"\beach\b|\bper (?:batch|round|class|session)\b|\bapiece\b", window, re.I
            ):
                c = c._replace(qualifier="each")
        out.append(c)
    return out


# --- the rules, in the order they are tried ---------------------------------------------

RULES_LIST: list[Rule] = []

EXCLUDED_AFTER = re.compile(
    rf"^\s*(?:%|percent|per\s*cent|percentage|years?\b|months?\b|quarters?\b|(?:weeks?|days?)\s+(?:ago|before|after|later|earlier)\b|th\b|st\b|nd\b|rd\b|(?:{MONTHS})\b"
    r"|[:/]\d|-\d|\.\d|[-\u2013]\s*(?:year|month)|\s*-?(?:year|month)-)",
    re.IGNORECASE,
)
EXCLUDED_BEFORE = re.compile(
    rf"(?:\b(?:{MONTHS})\.?|\bno\.|\bnumber|\bphase|\bgrade|\barticle|\bitem|\bclass|\bbatch|\bround"
    r"|\bsession|\bsince|\buntil|\btrack[- ]?|\bvolume|\bchapters?|\brooms?|\bpart|\bsection"
    r"|\bclause|\bpoint|\bUTC|\bGMT|\bevery|¥)\s*$|\d[-:/]$|(?-i:\b[A-Z][A-Z0-9]*-)$"
    r"|\b(?:chapters?|volumes?|rooms?|articles?|items?|points?)\s+\d+\s*(?:and|or|to|-)\s*$",
    re.IGNORECASE,
)


@rule("en: year", RULES_LIST)
def _year(ctx: NumberContext) -> Outcome:
    """A four-digit number from 1900 to 2100 without a thousands comma is a year."""
    value = ctx.value
    if isinstance(value, int) and 1900 <= value <= 2100 and "," not in ctx.text[ctx.start : ctx.end]:
        return SKIP
    return None


@rule("en: closed share", RULES_LIST)
def _closed_share(ctx: NumberContext) -> Outcome:
    """ "894 of them have been resolved": rectification items closed."""
    closed = vocab.EN_CLOSED_SHARE.match(ctx.tail)
    if closed and vocab.EN_RECTIFICATION_CONTEXT.search(ctx.sentence):
        return Candidate("rectification", "closed", ctx.value, None, ctx.start, ctx.end + closed.end())
    return None


@rule("en: adopted share", RULES_LIST)
def _adopted_share(ctx: NumberContext) -> Outcome:
    """ "31 proposals, 24 of which were adopted": measures adopted."""
    adopted = vocab.EN_ADOPTED_SHARE.match(ctx.tail)
    if adopted:
        return Candidate(
            "research_topic", "measures_adopted", ctx.value, None, ctx.start, ctx.end + adopted.end()
        )
    return None


@rule("en: participants share", RULES_LIST)
def _participants_share(ctx: NumberContext) -> Outcome:
    """ "111 of them attended": participants of the activity named nearby."""
    attended = vocab.EN_PARTICIPANTS_SHARE.match(ctx.tail)
    if attended:
        found = ctx.finder.kind_near("participants", ctx.span, ctx.previous, ctx.start, after_first=False)
        if found:
            return Candidate(found[0], "participants", ctx.value, None, ctx.start, ctx.end + attended.end())
    return None


@rule("en: overdue share", RULES_LIST)
def _overdue_share(ctx: NumberContext) -> Outcome:
    """ "2 of them past the deadline": rectification items or directives overdue."""
    late = vocab.EN_OVERDUE_SHARE.match(ctx.tail)
    if late and (
        vocab.EN_RECTIFICATION_CONTEXT.search(ctx.sentence) or vocab.EN_DIRECTIVE_CONTEXT.search(ctx.sentence)
    ):
        found = ctx.finder.kind_near("overdue", ctx.span, ctx.previous, ctx.start, after_first=False)
        if found:
            return Candidate(found[0], "overdue", ctx.value, None, ctx.start, ctx.end + late.end())
    return None


@rule("en: unannounced share", RULES_LIST)
def _unannounced_share(ctx: NumberContext) -> Outcome:
    """ "three of which were made without prior notice": unannounced field visits."""
    share = vocab.EN_UNANNOUNCED_SHARE.match(ctx.tail)
    if share and re.search(r"visit|trip|inspection", ctx.sentence, re.IGNORECASE):
        return Candidate("field_visit", "unannounced", ctx.value, None, ctx.start, ctx.end + share.end())
    return None


@rule("en: not a count after", RULES_LIST)
def _excluded_after(ctx: NumberContext) -> Outcome:
    """Percentages, spans of years, quarters and months, "5 weeks ago", ordinals (20th), dates (May 5), times (13:22),
    ranges (7-203)."""
    return SKIP if EXCLUDED_AFTER.match(ctx.tail) else None


@rule("en: dollar amount", RULES_LIST)
def _dollar_amount(ctx: NumberContext) -> Outcome:
    """ "110 million yuan ($17.6 million)", "US$9,836": an amount of dollars, the noun the sign."""
    if not ctx.head.endswith("$"):
        return None
    return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, ctx.after, "dollars")


@rule("en: not a count before", RULES_LIST)
def _excluded_before(ctx: NumberContext) -> Outcome:
    """A number after a month, "No.", "phase", "chapter", "room", "since", "track"..., or in a name in
    capitals ("COVID-19"): a date or a name."""
    return SKIP if EXCLUDED_BEFORE.search(ctx.head) else None


@rule("en: ordinal or pronoun", RULES_LIST)
def _ordinal(ctx: NumberContext) -> Outcome:
    """ "20-th", "one of the", "one another": no count."""
    text = ctx.text[ctx.start : ctx.end]
    if re.match(r"\s*-\s*(?:th|st|nd|rd)\b", ctx.tail) or (
        re.fullmatch(r"one", text, re.I) and re.match(r"\s+(?:of|another|by one|side)\b", ctx.tail)
    ):
        return SKIP
    return None


# "one" after these words, or before these, is an article or a pronoun: "On the one hand", "In one
# case", "helps one deal with", "one step ahead", "one ... after another".
ONE_AS_ARTICLE_AFTER = re.compile(
    r"\b(?:on the|in|at|the|no|any|every|each|this|that|which|such|help|helps|make|makes|let|lets)\s+$", re.I
)
ONE_AS_ARTICLE_BEFORE = re.compile(
    r"\s+(?:step|day|hand|case|time|way|more|another|or (?:another|two|more)"
    r"|can|cannot|must|should|may|might|would|will|needs?)\b|[^,.;]{0,50}\bafter another\b",
    re.I,
)


@rule("en: one as a pronoun", RULES_LIST)
def _one_as_a_pronoun(ctx: NumberContext) -> Outcome:
    """The word "one" as an article or a pronoun counts nothing (``ONE_AS_ARTICLE_*``); elsewhere it
    counts ("held one symposium", "One official was expelled")."""
    if not re.fullmatch(r"one", ctx.text[ctx.start : ctx.end], re.I) or ctx.qualifier:
        return None
    if ONE_AS_ARTICLE_AFTER.search(ctx.head) or ONE_AS_ARTICLE_BEFORE.match(ctx.tail):
        return SKIP
    return None


@rule("en: number word in a name", RULES_LIST)
def _in_a_name(ctx: NumberContext) -> Outcome:
    """ "the Ten Measures to Promote ...", "the Two Sessions": a capitalised number word inside a
    name in title case (not at the start of a sentence) names something, it counts nothing."""
    text = ctx.text[ctx.start : ctx.end]
    if (
        re.fullmatch(r"[A-Z][a-z]+", text)
        and re.match(r"\s+[A-Z][a-z]", ctx.tail)
        and not re.search(r"(?:^|[.!?:]\s*|\n\s*)$", ctx.text[: ctx.start])
    ):
        return SKIP
    return None


@rule("en: formula", RULES_LIST)
def _formula(ctx: NumberContext) -> Outcome:
    """ "four undesirable work styles", "the two establishments", "eight-point rules", "one of": no count."""
    window_start = max(ctx.span.start, ctx.start - 20)  # "one country, two systems" starts before the two
    for m in FORMULAS.finditer(ctx.text, window_start, min(ctx.span.end, ctx.end + 40)):
        if m.start() <= ctx.start < m.end():
            return SKIP
    return None


@rule("en: inside quotes", RULES_LIST)
def _inside_quotes(ctx: NumberContext) -> Outcome:
    """ "the “four histories” education", "achieve “the seven resolutely prevents”": a number word
    inside quotes names a formula or a slogan, it counts nothing."""
    if not ctx.text[ctx.start : ctx.end].isalpha():
        return None
    before = ctx.text[ctx.span.start : ctx.start]
    opened = before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
    closes = re.match(r"[^\u201c\u201d\".;:]{0,40}[\u201d\"]", ctx.text[ctx.end : ctx.span.end])
    return SKIP if opened and closes else None


# Nouns that announce the parts of a speech or a list: "put forward three requirements", "three hopes".
LIST_NOUNS_RE = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?:hopes|requirements|suggestions|points|aspects|principles|expectations|priorities"
    r"|demands|tasks)\b(?!\s+(?:were|have been|had been)\s+(?:adopted|solved|resolved|completed|implemented))"
)


# Abstract nouns a count in words announces rather than counts: "spoke about seven areas", "the three
# perspectives of ...", "learn two things well", "the two responsibilities".
ABSTRACT_NOUNS_RE = re.compile(
    r"\s+(?:[a-z]+[\s-]+){0,2}?(?:areas|perspectives|measures|guidelines|words|responsibilities|things|categories"
    r"|sectors|examples|fields|dimensions|directions|goals|objectives)\b"
)


# A count whose parts follow at once: "four key measures: ...", "five categories -- ...", "8 aspects, namely".
# Not a breakdown in figures ("3 outreach events: 2 dialogues and 1 exchange visit"), which counts.
PARTS_FOLLOW_RE = re.compile(
    r"\s+(?:[\w'-]+\s+){0,3}?[\w'-]+\s*(?::|\s--|\s\u2014|,?\s+(?:namely|i\.e\.)\b)(?!\s*(?:\d|one|two|three)\b)"
)


@rule("en: announces a list", RULES_LIST)
def _announces_a_list(ctx: NumberContext) -> Outcome:
    """ "three hopes", "the 12 specific requirements of ...", "four key measures: ...": the parts of a
    speech or a list, no count."""
    if ctx.value > 12 or ctx.qualifier:
        return None
    # Parts after a colon only for a count in words: "four key measures: ...", not "3 directives: all ...".
    in_words = ctx.text[ctx.start : ctx.end].isalpha()
    if in_words and ABSTRACT_NOUNS_RE.match(ctx.tail):
        return SKIP
    return SKIP if LIST_NOUNS_RE.match(ctx.tail) or (in_words and PARTS_FOLLOW_RE.match(ctx.tail)) else None


@rule("en: length in hours", RULES_LIST)
def _length_in_hours(ctx: NumberContext) -> Outcome:
    """ "a 3-hour seminar", "a 40-minute talk": how long, not how many seminars."""
    unit = re.match(r"-(hour|minute)s?\b", ctx.tail)
    if unit:
        return Candidate(
            None, None, ctx.value, ctx.qualifier, ctx.q_start, ctx.end + unit.end(), unit.group(1)
        )
    return None


# "More than 500 people, including ..., attended the rally", "190 members and 139 alternate members ...
# attended the plenum", "600 cadres ... participated in this reading class": the people an occasion had.
ATTENDED_MEETING_RE = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?P<noun>people|participants|persons|attendees|delegates|representatives|officials|cadres"
    r"|members|leaders|students|teachers)\b[^.;]{0,400}?"
    r"\b(?:attended|participated in|took part in)\s+(?:the|this)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<occasion>meeting|conference|rally|session|symposium|ceremony|plenum|plenary session|reading class"
    r"|study class|seminar|lecture)\b"
)


@rule("en: people at a meeting", RULES_LIST)
def _people_at_a_meeting(ctx: NumberContext) -> Outcome:
    """ "More than 500 people, including ..., attended the rally": conference participants, or the
    participants of the activity attended ("participated in this reading class")."""
    attended = ATTENDED_MEETING_RE.match(ctx.text, ctx.after, ctx.span.end)
    if not attended:
        return None
    kind_m = ctx.finder.kind_re.fullmatch(attended.group("occasion"))
    kind = _which(kind_m, ctx.finder.KIND_TABLE)[0] if kind_m else "conference"
    if not vocab.valid(kind, "participants"):
        kind = "conference"
    return Candidate(
        kind,
        "participants",
        ctx.value,
        ctx.qualifier,
        ctx.q_start,
        attended.end("noun"),
        ctx.text[ctx.after : attended.end("noun")].strip(),
    )


@rule("en: counting noun", RULES_LIST)
def _counting_noun(ctx: NumberContext) -> Outcome:
    """A kind or measure noun of the counting vocabulary after the number (or its context)."""
    cand = ctx.finder.link(ctx)
    if cand is not None and cand.measure == "participants" and vocab.EN_LEADERS_BEFORE.search(ctx.head):
        return SKIP  # "claimed by 13 leading cadres": who claimed the topics, not who took part
    return cand


@rule("en: changed by", RULES_LIST)
def _changed_by(ctx: NumberContext) -> Outcome:
    """ "official meetings were reduced by 586,000": the noun is the subject before the verb."""
    m = re.search(
        r"(?:^|[,;:]\s*|\b(?:the|campaign|year),?\s+)((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+?)\s+(?:were|was|have been|has been|had been)"
        r"\s+(?:reduced|cut|decreased|increased|raised|lowered)\s+by\s+$",
        ctx.text[max(ctx.span.start, ctx.start - 60) : ctx.start],
    )
    if not m or not re.match(r"\s*(?:,|\.|$|;|\s+(?:in|from|to|compared|over|since|during)\b)", ctx.tail):
        return None
    return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, ctx.after, m.group(1))


@rule("en: amounting to", RULES_LIST)
def _amounting_to(ctx: NumberContext) -> Outcome:
    """ "with participants amounting to more than 3400": the noun is written before the verb of amount."""
    m = re.search(
        r"\b([A-Za-z][\w-]*)\s+(?:amounting|amounted|totall?ing|totall?ed|numbering|numbered)(?:\s+to)?\s+$",
        ctx.text[max(ctx.span.start, ctx.q_start - 40) : ctx.q_start],
    )
    if not m or not re.match(r"\s*(?:[,.;)]|$|\s+(?:in|by|from|and)\b)", ctx.text[ctx.after : ctx.span.end]):
        return None
    return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, ctx.after, m.group(1))


# A count whose noun the list around it gives, followed by what was done to them: "cases ..., 470,000 filed".
COUNTED_BY_VERB_RE = re.compile(
    r"\s+(?:were\s+|had been\s+|have been\s+)?(?:filed|punished|transferred|investigated|disciplined|sanctioned"
    r"|prosecuted|handled|detained|expelled|dismissed|registered|accepted|received|resolved|concluded)\b"
)


# A count whose noun was written before, followed by what they did or where they came from: "another 128
# handed over to prosecutors", "38 were from Guangdong, 15 from Hunan", "227,000 who faced ...", "422 were found".
COUNTED_BEFORE_RE = re.compile(
    r"\s+(?:(?:were|was|had|have|has)\s+(?:also\s+)?(?:been\s+)?)?(?:[a-z]+ed|found|given|taken|sent)\b(?!\s+(?:by|to)\b)"
    r"|\s+who\b|\s+(?:were\s+|was\s+)?from\b"
)


@rule("en: counted noun", RULES_LIST)
def _counted_noun(ctx: NumberContext) -> Outcome:
    """Any other noun after the number: an unclassified figure ("9,168 party members", "3.373 billion yuan")."""
    finder, text, span = ctx.finder, ctx.text, ctx.span
    pos = ctx.after
    value = ctx.value
    if re.fullmatch(r"one", text[ctx.start : ctx.end], re.I) and not re.match(r"\s+[a-z]", ctx.tail):
        return None
    share = re.match(r"\s+of\s+(?:those|them|these|whom|which|the)\s+", text[pos : span.end])
    if share:
        pos += share.end()
    hyphen = re.match(r"-(?=[A-Za-z])", text[pos : span.end])
    if hyphen:
        pos += 1  # "nine-day", "nine-member"
    noun, end = finder.noun_phrase(pos, span.end)
    if noun and len(noun.split()) == 1 and re.search(r"(?:ed|ing)$", noun):
        noun, end = "", pos  # "3 of them focused on ...": a verb, no noun
    if not noun:
        # "53 were provincial or ministerial-level officials", "13 at the ministerial level".
        were = re.match(r"\s*(?:were|are|was)\s+", text[pos : span.end])
        if were:
            noun, _end2 = finder.noun_phrase(pos + were.end(), span.end)
            if noun and re.search(r"s$", noun):
                return Candidate(None, None, value, ctx.qualifier, ctx.q_start, ctx.end, noun)
        if re.match(
            r"\s+(?:(?:were|was|are)\s+)?(?:at|under|below|above)\s+(?:the\s+[\w-]+(?:\s+or\s+[\w-]+)?|all)\s+levels?\b",
            text[pos : span.end],
        ):  # "13 at the ministerial level", "2,900 at all levels", "235 under the section level"
            return Candidate(None, None, value, ctx.qualifier, ctx.q_start, ctx.end, "")
        if COUNTED_BY_VERB_RE.match(text, pos, span.end) or COUNTED_BEFORE_RE.match(text, pos, span.end):
            return Candidate(None, None, value, ctx.qualifier, ctx.q_start, ctx.end, "")  # "470,000 filed"
        if re.search(
            r"\b(?:up|down|rising|falling|compared) (?:from|with)\s+$|\bof which\s+$", ctx.head
        ) or re.match(r"\s+(?:were|was|are) in\b", text[pos : span.end]):
            # "932,000 tips, up from 807,000", "107 places, of which 58 were in ...": the noun written before
            return Candidate(None, None, value, ctx.qualifier, ctx.q_start, ctx.end, "")
        return None
    first = noun.split()[0].lower()
    if first.rstrip(".") == "times" and re.match(
        r"\s*times\s*(?:[,.;]|and\b|in\b|during\b|$)", text[pos : span.end]
    ):
        # "gave out cautions ... 7,000 times.": how many times it was done (not "three times higher")
        return Candidate(None, None, value, ctx.qualifier, ctx.q_start, end, "times")
    if first.rstrip(".") in {"percent", "times", "o'clock", "am", "pm", "a.m", "p.m"}:
        return None
    return Candidate(None, None, value, ctx.qualifier, ctx.q_start, end, noun)


RULES: tuple[Rule, ...] = tuple(RULES_LIST)
