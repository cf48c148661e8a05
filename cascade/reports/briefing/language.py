"""Small pieces of English and Chinese grammar for briefings: plurals, articles, lists, dates, counters."""

from __future__ import annotations

import re
from datetime import date

_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
_SPLITS = (" of ", " to ", " for ", " on ", " in ")


def _plural_word(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(_SIBILANT_ENDINGS):
        return word + "es"
    return word + "s"


def plural(phrase: str) -> str:
    """The plural of an English noun phrase: the head noun changes ("reception of visitors" → "receptions ...")."""
    for split in _SPLITS:
        if split in phrase:
            head, tail = phrase.split(split, 1)
            return f"{plural(head)}{split}{tail}"
    words = phrase.split(" ")
    words[-1] = _plural_word(words[-1])
    return " ".join(words)


def count_noun(n: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 round", "5 rounds": the number in digits and the noun in the right number."""
    return f"{n} {singular if n == 1 else (plural_form or plural(singular))}"


def noun(n: int, singular: str, plural_form: str | None = None) -> str:
    """The noun alone, singular or plural to agree with ``n``."""
    return singular if n == 1 else (plural_form or plural(singular))


def _number_starts_with_vowel_sound(n: int) -> bool:
    digits = str(n)
    if digits.startswith("8"):
        return True
    # eleven, eighteen; eleven thousand, eighteen thousand ...
    return len(digits) % 3 == 2 and digits[:2] in ("11", "18")


def article(next_word: str) -> str:
    """ "a" or "an" before ``next_word`` (numbers are judged by how they are read: "an 8-day class")."""
    head = next_word.lstrip("“\"'(")
    number = ""
    for char in head:
        if not char.isdigit():
            break
        number += char
    if number:
        return "an" if _number_starts_with_vowel_sound(int(number)) else "a"
    if head[:1].lower() in ("a", "e", "i", "o") or head.lower().startswith(("un", "und")):
        return "an"
    return "a"


def join_en(items: list, conjunction: str = "and") -> list:
    """Items joined as "a, b and c" (items may be strings or figures: a list of segments comes back)."""
    items = list(items)
    if not items:
        return []
    if len(items) == 1:
        return [items[0]]
    out: list = []
    for index, item in enumerate(items):
        if index == len(items) - 1:
            out.append(f" {conjunction} ")
        elif index:
            out.append(", ")
        out.append(item)
    return out


def join_zh(items: list, conjunction: str = "和") -> list:
    """Items joined as "甲、乙和丙"."""
    items = list(items)
    if not items:
        return []
    if len(items) == 1:
        return [items[0]]
    out: list = []
    for index, item in enumerate(items):
        if index == len(items) - 1:
            out.append(conjunction)
        elif index:
            out.append("、")
        out.append(item)
    return out


def date_en(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def quoted_en(text: str) -> str:
    return f"“{text}”"


def quoted_zh(text: str) -> str:
    return f"“{text}”"


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


_TRAILING_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def running(name: str) -> str:
    """A record's name as running text: a note in brackets at its end ("(illustrative)", "（示例）") is left out.

    Such notes qualify the record, not what the sentence says about it; the record's own page
    still shows its full name.
    """
    return _TRAILING_NOTE.sub("", name).strip() or name
