"""Meetings in English readouts: name, dates, place, principal speaker, presider, attendees, speakers,
attendee categories."""

from __future__ import annotations

import re

from ..meetings import _add, _sentences, en_dates, en_names, is_en_name
from ..model import Meeting

# --- lists -----------------------------------------------------------------------------

EN_HEADS = {
    "members", "member", "relevant", "principal", "president", "presidents", "chief", "ambassadors",
    "consuls", "consul", "representatives", "some", "leading", "responsible", "heads", "head", "secretaries",
    "directors", "ministers", "vice", "deputy", "officials", "chairpersons", "chairmen", "comrades", "delegates",
    "leaders", "procurator-general", "secretary", "governors", "mayors",
}  # fmt: skip
EN_CATEGORY_NOUNS = re.compile(
    r"\b(?:comrades?|members?|heads?|leaders?|counsell?ors?|councill?ors?|representatives?|delegates?|departments?"
    r"|organi[sz]ations?|institutions?|enterprises?|ambassadors?|consuls?|officials?|governors?|mayors?"
    r"|secretar(?:y|ies)|directors?|ministers?|presidents?|chiefs?|prosecutors?|procurators?(?:-general)?|corps"
    r"|chair(?:wo)?m[ae]n|chairpersons?|staff|envoys?|diplomats?|experts?|scholars?|guests?|agencies)\b",
    re.IGNORECASE,
)
EN_TAIL_RE = re.compile(
    r"(?:,?\s*(?:and more|and others|among others|etc\.?|and so on))?\s*"
    r"(?:were|was)?\s*(?:also\s+)?(?:in attendance|present|attended(?: the (?:meeting|conference))?)?\s*\.?$",
    re.IGNORECASE,
)


def _split_names(item: str) -> list[str]:
    """``"Guo Tinglan and Li Feng"`` -> both names; any other item stays whole."""
    parts = re.split(r"\s+and\s+|,\s*", item)
    if len(parts) > 1 and all(is_en_name(p.strip()) for p in parts):
        return [p.strip() for p in parts]
    head = re.match(r"^(.+?)\s+and\s+(.+)$", item)
    if head and is_en_name(head.group(1).strip()):
        return [head.group(1).strip(), *_split_names(head.group(2))]
    titled = en_names(item)
    if (
        len(titled) == 1
        and item.endswith(titled[0])
        and re.fullmatch(r"(?:[A-Z][\w-]*\s+)+", item[: -len(titled[0])])
    ):
        return titled  # "Provincial Party Secretary Xu Kunlin"
    return [item]


def split_en_list(text: str) -> list[str]:
    return [name for item in _split_en_list(text) for name in _split_names(item)]


def _split_en_list(text: str) -> list[str]:
    text = EN_TAIL_RE.sub("", text.strip()).strip(" ,.")
    pieces = re.split(r",\s*(?:and\s+)?|;\s*", text)
    items: list[str] = []
    for piece in pieces:
        # A bare "and" separates two items only when the second starts like a new category.
        parts = re.split(r"\s+and\s+(?=(?:" + "|".join(EN_HEADS) + r")\b)", piece)
        for part in parts:
            part = re.sub(r"^(?:and|as well as|including)\s+", "", part.strip())
            if not part or part.lower() in {"more", "others"}:
                continue
            # A piece naming no kind of person or body continues the item before it:
            # "all provinces, autonomous regions, municipalities ...".
            if items and not (EN_CATEGORY_NOUNS.search(part) or en_names(part)):
                items[-1] = f"{items[-1]}, {part}"
            else:
                items.append(part)
    return items


# --- meetings ----------------------------------------------------------------------------

EN_MEETING_RE = re.compile(
    r"(?:^|(?<=[.;]\s)|(?<=\n))\s*(?:The\s+|the\s+)?(?P<name>(?:[A-Z0-9][\w\u2019'-]*\s+|(?:of|on|for|and|the)\s+){1,12}?"
    r"(?:Conference|Meeting|Forum|Symposium|Plenary Session|Plenum|Work Meeting|Seminar)"
    r"(?:\s+(?:of|in|on|for)\s+(?:the\s+)?[A-Z][\w\u2019'-]*(?:\s+(?:and\s+)?[A-Z][\w\u2019'-]*)*)*)"
    r"\s+(?:was\s+(?:held|convened|opened)|took place|opened|convened)"
)
# "Zhejiang University held its Summary Meeting of ... on December 21".
EN_MEETING_HELD_RE = re.compile(
    r"\b(?:held|convened|hosted)\s+(?:its|their|the|a)\s+(?:\d{4}\s+)?(?P<name>(?:[A-Z][\w\u2019'-]*\s+){1,8}?"
    r"(?:Conference|Meeting|Forum|Symposium|Plenary Session|Plenum|Seminar)"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w\u2019'-]*(?:\s+(?:and\s+)?[A-Z][\w\u2019'-]*)*)*)"
)


def extract_meetings(text: str, year: int | None) -> list[Meeting]:
    return _english(text, year)


def _english(text: str, year: int | None) -> list[Meeting]:
    starts = list(EN_MEETING_RE.finditer(text)) or list(EN_MEETING_HELD_RE.finditer(text))
    meetings = []
    for index, match in enumerate(starts):
        body = text[match.start() : starts[index + 1].start() if index + 1 < len(starts) else len(text)]
        meeting = Meeting(name=re.sub(r"\s+", " ", match.group("name")).strip())
        first = _sentences(body, "en")[0]
        dates = en_dates(first, year)
        if dates:
            meeting.start_date, meeting.end_date = dates
        place = re.search(
            r"\b(?:held|convened|took place|opened)\s+in\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)", first
        ) or re.search(
            r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*(?:\s+(?:campus|hall|centre|center|hotel))?)",
            first[match.end() - match.start() :],
        )
        if place:
            meeting.place = place.group(1)
        for sentence in _sentences(body, "en"):
            _english_sentence(meeting, sentence)
        meetings.append(meeting)
    return meetings


EN_SPOKE_RE = re.compile(
    r"^(?P<who>.+?)\s+(?:also\s+)?(?:made speeches|made a speech|spoke|delivered speeches|gave speeches"
    r"|addressed the (?:meeting|conference)|made remarks)\b"
)


def _english_sentence(meeting: Meeting, sentence: str) -> None:
    names = en_names(sentence)
    lower = sentence.lower()
    presided = re.search(r"(?:presided over by|chaired by|hosted by)\s+([A-Z][\w ]+)", sentence)
    if presided and en_names(presided.group(1)):
        meeting.presided_by = en_names(presided.group(1))[0]
    else:
        verb = re.search(r"\b(?:presided|chaired)\b(?!\s+by)", sentence)
        before = en_names(sentence[: verb.start()])[-1:] if verb else []
        if before and verb.start() - sentence.rfind(before[0], 0, verb.start()) <= 100:
            meeting.presided_by = before[0]
    if re.search(r"\b(?:important|keynote|main) (?:speech|address|report)\b", lower) and names:
        if meeting.principal_speaker is None:
            meeting.principal_speaker = names[0]
        names = names[1:]
    principal = {meeting.principal_speaker, meeting.presided_by} - {None}
    # "A and B spoke at the conference, and representatives of ... made speeches": clause by clause,
    # a clause being text up to a speech verb.
    passive = re.search(
        r"^(?:Speeches|Remarks|Addresses) (?:were|was) (?:also )?(?:made|delivered|given) by (.+)$", sentence
    )
    if passive:
        _add(meeting.speakers, split_en_list(passive.group(1)), principal)
        return
    spoke_any, current = False, ""
    for part in re.split(r",\s+and\s+", sentence):
        current = f"{current}, and {part}" if current else part
        spoke = EN_SPOKE_RE.search(current)
        if spoke:
            spoke_any = True
            who = re.sub(r"^(?:In addition|Additionally|Also|Meanwhile),\s*", "", spoke.group("who"))
            _add(meeting.speakers, split_en_list(who), principal)
            current = ""
    if spoke_any:
        return
    if (
        "attend" in lower
        or "in attendance" in lower
        or "were present" in lower
        or lower.startswith(("present ", "attending "))
    ):
        if names:
            _add(meeting.attendees, names, principal)
            return
        by = re.search(r"\battended by\s+(.+)$", sentence)
        if by:
            _add(meeting.attendee_categories, split_en_list(by.group(1)), set())
            return
        present = re.search(
            r"^(?:Present|Attending)(?: at the (?:meeting|conference))? were\s+(.+)$", sentence
        )
        if present:
            who = re.sub(
                r",?\s*(?:around|about|some|nearly|more than|over)?\s*[\d,]+ people(?: in all| in total)?\.?$",
                "",
                present.group(1),
            )
            _add(meeting.attendee_categories, split_en_list(who), set())
            return
        also = re.search(
            r"^(?:In addition|Additionally|Also|Besides|Furthermore),?\s+(.+?)\s+(?:were|was)\s+(?:also\s+)?"
            r"(?:in attendance|present)|^(?:In addition|Additionally|Also|Besides|Furthermore),?\s+(.+?)\s+"
            r"(?:also\s+)?attended\b",
            sentence,
        )
        if also:
            _add(meeting.attendee_categories, split_en_list(also.group(1) or also.group(2)), set())
