"""Numbers as narrative reports write them: digits, English number words, Chinese numerals."""

from __future__ import annotations

import re

EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_SCALES = {"hundred": 100, "thousand": 1000}

_WORD = "|".join(sorted([*EN_UNITS, *EN_TENS, *EN_SCALES, "dozen"], key=len, reverse=True))
# A run of number words: "two hundred and sixty-five", "forty two", "a dozen".
EN_WORDS_RE = re.compile(
    rf"\b(?:(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*|a\s+dozen)\b",
    re.IGNORECASE,
)
# Digits: "265", "1,200", "2.5" (not part of a word, an ordinal such as "20th", or a decimal tail).
DIGITS_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w%])|(?<![\w.,])\d+(?:\.\d+)?(?![\w%]|[.,]\d)")


def parse_en_words(words: str) -> int | None:
    """``"two hundred and sixty-five"`` -> 265; None if the words do not make a number."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t not in {"and", "a"}]
    if not tokens:
        return None
    total, current = 0, 0
    for token in tokens:
        if token in EN_UNITS:
            current += EN_UNITS[token]
        elif token in EN_TENS:
            current += EN_TENS[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


ZH_DIGITS = {
    "零": 0,
    "\u3007": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
ZH_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10000}
ZH_NUMERAL_CHARS = "".join([*ZH_DIGITS, *ZH_SCALES])
ZH_NUMBER_RE = re.compile(rf"\d+(?:\.\d+)?|[{ZH_NUMERAL_CHARS}]+")


def parse_zh(text: str) -> int | float | None:
    """``"二十八"`` -> 28, ``"两"`` -> 2, ``"一百零五"`` -> 105, ``"30"`` -> 30; None if malformed.

    Sequences that are names rather than numbers ("十四五", the 14th five-year plan) are
    rejected: after a scale character a digit may follow only once, and digits may not
    stand side by side.
    """
    if not text:
        return None
    if text[0].isdigit():
        return float(text) if "." in text else int(text)
    total, section, digit = 0, 0, None
    last_scale = 10**9
    for ch in text:
        if ch in "零\u3007" and last_scale < 10**9:
            continue  # a filler zero: 一百零五
        if ch in ZH_DIGITS:
            if digit is not None:
                return None  # "三五" (three or five) or "十四五" is not one number
            digit = ZH_DIGITS[ch]
        elif ch in ZH_SCALES:
            scale = ZH_SCALES[ch]
            if scale == 10000:
                section += digit or 0
                total += (section or 1) * scale
                section, digit, last_scale = 0, None, 10**9
                continue
            if scale >= last_scale:
                return None
            section += (1 if digit is None else digit) * scale
            digit, last_scale = None, scale
        else:
            return None
    if digit is not None:
        section += digit
    return total + section
