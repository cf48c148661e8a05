"""Segmentation: the language of a text, its paragraphs and sentences, the year of its date line."""

from __future__ import annotations

import re

from .model import Span

CJK_RE = re.compile(r"[\u3400-\u9fff]")
LETTER_RE = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """``zh`` when CJK characters are at least 30 % of the letters (CJK plus Latin), else ``en``."""
    cjk = len(CJK_RE.findall(text))
    latin = len(LETTER_RE.findall(text))
    return "zh" if cjk and cjk >= 0.3 * (cjk + latin) else "en"


# ASCII punctuation as many Chinese pages type it, read as the full-width marks (same length, so
# spans into the text stay valid).
FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "："})


# "date 2023-12-28", "Date: 2024-03-14", "日期：2023年", "发布日期:2023-06-19", "Release time: August 15, 2023".
DATE_LINE_RE = re.compile(
    r"(?:\bdate\b|日期|发布时间|\brelease time\b)\s*[:：]?\s*"
    r"(?:((?:19|20)\d\d)[-/.年]|(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+)((?:19|20)\d\d)\b)",
    re.IGNORECASE,
)


def document_year(text: str) -> int | None:
    match = DATE_LINE_RE.search(text[:600])
    return int(match.group(1) or match.group(2)) if match else None


def paragraphs(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


SENTENCE_END = {"en": re.compile(r"(?<=[.!?;…])[\"”\u2019)]*\s+"), "zh": re.compile(r"(?<=[。！？；])")}


# "U.S. dollars", "Mr. Dong", "No. 5", "Jan. 16": a full stop that ends no sentence.
ABBREVIATION_RE = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|No|Nos|Vol|St|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept"
    r"|Oct|Nov|Dec|Co|Ltd|Inc)\.)$"
)


def _abbreviation(text: str, para: Span, at: int) -> bool:
    """Whether the full stop before ``at`` ends an abbreviation ("U.S. dollars", "No. 5") and no sentence."""
    if not ABBREVIATION_RE.search(text, max(para.start, at - 6), at):
        return False
    return re.match(r"[a-z\d]", text[at : at + 1]) is not None or not text[
        max(para.start, at - 4) : at
    ].endswith("etc.")


def sentences(text: str, para: Span, lang: str) -> list[Span]:
    spans, start = [], para.start
    for match in SENTENCE_END[lang].finditer(text, para.start, para.end):
        if lang == "en" and _abbreviation(text, para, match.start()) and match.end() < para.end:
            continue
        if match.end() > start:
            spans.append(Span(start, match.start() if lang == "en" else match.end()))
            start = match.end()
    if start < para.end:
        spans.append(Span(start, para.end))
    return [s for s in spans if text[s.start : s.end].strip()]
