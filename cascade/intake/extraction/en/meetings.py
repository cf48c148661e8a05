"""Meetings in English readouts: name, dates, place, principal speaker, presider, attendees, speakers,
attendee categories."""

from __future__ import annotations

import re

from ..meetings import (
    CAPITALISED_RUN_RE,
    SURNAMES_EN,
    _add,
    _sentences,
    en_dates,
    en_names,
    is_en_name,
    merge_repeated,
)
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
    parts = re.split(r"\s+(?:and|as well as)\s+|,\s*", item)
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
        parts = re.split(r"\s+and\s+(?=(?:" + "|".join(EN_HEADS) + r")\b|the\s+(?:vice\s+)?[a-z]+s\b)", piece)
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
    r"(?:^|(?<=[.;]\s)|(?<=\n)|(?<=,\s)|(?<=\bthat\s))\s*(?:The\s+|the\s+)?(?:[A-Z][\w-]*[\u2019']s\s+)?(?P<name>(?:[A-Z0-9][\w\u2019'-]*\s+|(?:of|on|for|and|the)\s+){1,12}?"
    r"(?:Conference|Meeting|Forum|Symposium|Plenary Session|Plenum|Work Meeting|Seminar)"
    r"(?:\s+(?:of|in|on|for)\s+(?:the\s+)?[A-Z][\w\u2019'-]*(?:\s+(?:and\s+)?[A-Z][\w\u2019'-]*)*)*)"
    r"\s+(?:was\s+(?:held|convened|opened)|took place|opened|convened)"
)
# "Zhejiang University held its Summary Meeting of ... on December 21".
EN_MEETING_HELD_RE = re.compile(
    r"\b(?:held|convened|hosted)\s+(?:its|their|the|a)\s+(?:\d{4}\s+)?(?P<name>[A-Z][\w\u2019'-]*\s+"
    r"(?:[A-Z][\w\u2019'-]*\s+|(?:and|of|on|for)\s+(?=[A-Z])){0,8}?"
    r"(?:Conference|Meeting|Forum|Symposium|Plenary Session|Plenum|Seminar)"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w\u2019'-]*(?:\s+(?:and\s+)?[A-Z][\w\u2019'-]*)*)*)"
)
# "held a special democratic life meeting on theme education", "convened a plenary meeting",
# "conducted a themed party-day activity", "presided over the standing committee session of ...".
EN_MEETING_LOWER_RE = re.compile(
    r"\b(?:held|convened|hosted|organi[sz]ed|conducted|presided over|chaired|opened|started|concluded|closed|attended"
    r"|addressed|spoke at)"
    r"\s+(?:(?:its|their|the|a|an)\s+)?"
    r"(?P<name>(?:[\w\u2019'()\u201c\u201d\"-]+\s+){0,10}?(?:meeting|conference|session|seminar|symposium|study|forum|activity|retreat|rally|ceremony"
    r"|party days?)"
    r"(?:\s+(?:meeting|conference|session|seminar))*"
    r"(?:\s+(?:on|of|for)\s+(?!(?:the\s+)?(?:morning|afternoon|evening)|(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"(?:the\s+)?(?:[\w\u2019'\"-]+\s+){0,9}?[\w\u2019'\"-]+(?=[,.;]|\s+(?:to|with|which|in|at|and\s+(?:made|delivered|gave))\b))?)"
)
# "On October 27, the CPPCC Party Group (expanded) meeting and the ... collective study meeting was held".
EN_MEETING_PASSIVE_RE = re.compile(
    r"\b(?:[Tt]he|An?)\s+(?P<name>(?:[\w\u2019'()-]+\s+){0,20}?(?:meeting|conference|session|symposium|seminar|forum|event)"
    r"(?:\s+(?:on|of|for|about|promoting|marking|celebrating)\s+[^.;\n]{1,200}?)?)\s+(?:was|were|is)\s+(?:held|convened|presided over|chaired|hosted"
    r"|attended)\b"
)
# "delivered an important speech at the Central Urban Work Conference".
EN_MEETING_AT_RE = re.compile(
    r"\bat\s+the\s+(?P<name>(?:[A-Z][\w\u2019'-]*\s+){1,8}(?:Conference|Meeting|Forum|Symposium|Seminar))\b"
)
_LOWER_NOUN = r"(?:meeting|conference|session|seminar|symposium|forum|ceremony|event|class|lecture|party days?)\b(?!\s+(?:tour|team|group|hall)s?\b)"
# "made the remarks at a symposium in Beijing", "Speaking at the campaign's launch meeting, Xi ...".
EN_SPOKE_AT_RE = re.compile(
    r"\b(?:remarks|speech|address|lecture|report|[Ss]peaking|spoke)\s+at\s+(?:the|a|an)\s+"
    r"(?P<name>(?:[\w\u2019'-]+\s+){0,6}?"
    + _LOWER_NOUN
    + r"(?:\s+of\s+(?:the\s+)?[\w\u2019'-]+(?:\s+(?!in\b|on\b|at\b)[\w\u2019'-]+){0,10})?)"
    r"(?=[,.;]|\s+(?:in|on|at|held)\b)"
)
# The readout's meeting when no verb names it: "participants of the fifth plenary meeting of the State Council",
# "set up a special Party class on the history of the Party".
EN_MEETING_ANY_RE = re.compile(
    r"\b(?:the|a|an|its|their)\s+(?P<name>(?:(?!\d)[\w\u2019'-]+\s+){0,5}?"
    + _LOWER_NOUN
    + r"(?:\s+(?:on|of|for)\s+(?:the\s+)?(?:[A-Z][\w\u2019'-]*(?:\s+[A-Z][\w\u2019'-]*)*"
    r"|(?:[\w\u2019'-]+\s+){0,6}?[\w\u2019'-]+(?=[,.;]|\s+with\b)))?)"
)


def extract_meetings(text: str, year: int | None) -> list[Meeting]:
    return _english(text, year)


def unwrap(text: str) -> str:
    """A page whose lines were cut at a fixed width, its sentences joined again ("presided over by Premier
    Wen\nJiabao"): most of its lines end in no stop. Each break becomes a space (spans stay valid)."""
    lines = [line for line in text.split("\n") if line.strip()]
    open_ended = [line for line in lines if not re.search(r"[.!?:;\"\u201d)\]]\s*$", line)]
    if len(lines) < 6 or len(open_ended) < 0.6 * len(lines):
        return text
    return re.sub(r"(?<=[^\s.!?:;\"\u201d])\n(?=[^\n])", " ", text)


def _english(text: str, year: int | None) -> list[Meeting]:
    text = unwrap(text)
    surnames = _surnames(text)
    starts = list(EN_MEETING_RE.finditer(text)) or list(EN_MEETING_HELD_RE.finditer(text))
    whole = False
    if not starts:
        # One meeting a readout reports in lower case ("held a special study meeting"), read from the whole text.
        lowered = sorted(
            [*EN_MEETING_LOWER_RE.finditer(text), *EN_MEETING_PASSIVE_RE.finditer(text)],
            key=lambda m: m.start(),
        )
        named = [m for m in lowered if len(m.group("name").split()) > 1]
        starts = (
            named
            or lowered
            or list(EN_MEETING_AT_RE.finditer(text))
            or list(EN_SPOKE_AT_RE.finditer(text))
            or list(EN_MEETING_ANY_RE.finditer(text))
        )[:1]
        if not any(READOUT_RE.search(s) and _name_spans(s, surnames) for s in _sentences(text, "en")):
            starts = []  # a report that mentions a meeting, not a readout of one
        whole = True
    meetings = []
    for index, match in enumerate(starts):
        if whole:
            sentence_start = max(
                text.rfind("\n", 0, match.start()), text.rfind(". ", 0, match.start()) + 1, 0
            )
            body = text[sentence_start:]
            offset = match.start() - sentence_start
            everything = text
        else:
            # The sentence the name is in, from its start ("On the morning of March 14, the ... Conference was ...").
            end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
            sentence_start = min(
                match.start(),
                max(text.rfind("\n", 0, match.start()) + 1, text.rfind(". ", 0, match.start()) + 2),
            )
            body = text[sentence_start:end]
            offset = match.start() - sentence_start
            everything = text[match.start() : end]
        name = re.sub(r"\s+", " ", match.group("name")).strip(" \"'")
        name = re.sub(r"\s+on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$", "", name)  # when, not what
        meeting = Meeting(name=name)
        first = _sentences(body, "en")[0]
        dates = en_dates(first, year)
        if not dates:
            held_on = next(
                (
                    s
                    for s in _sentences(everything, "en")[:4]
                    if re.search(
                        r"\b(?:took place|was held|were held|held|convened) on\b|^On the (?:morning|afternoon|evening) of\b",
                        s,
                    )
                ),
                None,
            )
            dates = en_dates(held_on, year) if held_on else None
        if dates:
            meeting.start_date, meeting.end_date = dates
        place = re.search(
            r"\b(?:held|convened|took place|opened)\s+in\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)", first
        ) or re.search(
            r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w-]+(?:\s+(?:of\s+the\s+)?(?:[A-Z][\w-]+|\d[\w-]*))*"
            r"(?:\s+(?:campus|hall|centre|center|hotel))?)",
            re.sub(
                r"\"[^\"]*\"|'[^']*'|\u201c[^\u201d]*\u201d",
                "",
                first[offset + match.end() - match.start() :],
            ),
        )
        quoted = place and re.match(r"[.,]?[\"'\u201d\u2019]", place.string[place.end(1) :])
        if place and not quoted and not re.fullmatch(r"(?:CPC|Xinhua|China)", place.group(1)):
            meeting.place = re.sub(r"\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$", "", place.group(1))
        plain: list[str] = []  # who gave the main speech only as "delivered a speech"
        for sentence in _sentences(everything, "en"):
            _english_sentence(meeting, sentence, surnames, plain)
        for sentence in WHOLE_SENTENCE_RE.split(everything):
            _sweep_roles(meeting, sentence, surnames)
        if meeting.principal_speaker in {None, *plain} and _presider_speaks(
            meeting.presided_by, everything, surnames
        ):
            # A presider whose own words the readout gives outranks a guest who "delivered a speech".
            _add(meeting.speakers, [p for p in plain if p != meeting.presided_by], set())
            meeting.principal_speaker = meeting.presided_by
        for attendee in list(meeting.attendees):
            if _attendee_speaks(attendee, everything, surnames):
                # "A, ..., attended the meeting. ... A shared his learning insights": who attended and spoke.
                meeting.attendees.remove(attendee)
                _add(meeting.speakers, [attendee], set())
        if (
            meeting.principal_speaker is None
            and meeting.presided_by is None
            and len(meeting.speakers) == 1
            and is_en_name(meeting.speakers[0])
        ):
            meeting.principal_speaker = meeting.speakers.pop()  # the one person the readout has speak
        meeting.speakers = [
            s for s in meeting.speakers if s not in {meeting.presided_by, meeting.principal_speaker}
        ]
        meeting.attendees = [
            a
            for a in meeting.attendees
            if a not in {*meeting.speakers, meeting.presided_by, meeting.principal_speaker}
        ]
        meetings.append(meeting)
    return merge_repeated(meetings)


# What a presider says in the readout's own words: "Du Shengyi explained ...", "Shi called on ...".
PRESIDER_SAYS_RE = re.compile(
    r"\b(?:stressed|emphasi[sz]ed|pointed out|said|noted|called for|urged|explained|summari[sz]ed"
    r"|called on|required|demanded|put forward|made a summary|conducted|briefed|elaborated|commented|proposed"
    r"|informed|presented|appreciated|announced|asked|concluded|made arrangements|affirmed|read(?: out)?"
    r"|made an? (?:[\w-]+ )?(?:self-)?(?:check|inspection))\b"
)


def _presider_speaks(presider: str | None, text: str, surnames: dict[str, str]) -> bool:
    """Whether the readout goes on to give the presider's own words (then theirs is the main speech)."""
    if presider is None:
        return False
    names = {presider} | {surname for surname, full in surnames.items() if full == presider}
    return any(
        not re.search(r"\b(?:presided|chaired|hosted)\b", sentence)
        and any(re.match(rf"(?:[^.]{{0,90}}\b)?{re.escape(name)}\b", sentence) for name in names)
        and PRESIDER_SAYS_RE.search(sentence)
        for sentence in WHOLE_SENTENCE_RE.split(text)
    )


def _attendee_speaks(attendee: str, text: str, surnames: dict[str, str]) -> bool:
    """Whether a sentence other than those naming who attended opens with the attendee and gives their own
    words ("At the beginning of the meeting, General Manager A informed ...", "A shared his insights")."""
    names = {attendee} | {surname for surname, full in surnames.items() if full == attendee}
    return any(
        not re.search(
            r"\b(?:presided|chaired|hosted|attend(?:ed|ing)|participated|present|attendance)\b",
            sentence,
            re.I,
        )
        and any(
            (m := re.match(rf"(?:[^.]{{0,90}}\b)?{re.escape(name)}\b(?P<rest>[^.]*)", sentence))
            and re.match(rf"(?:,[^,.]{{0,150}},)?\s+(?:also\s+)?(?:{ATTENDEE_SAYS})\b", m.group("rest"))
            for name in names
        )
        for sentence in WHOLE_SENTENCE_RE.split(text)
    )


# What an attendee says in the readout's own words, right after their name (and titles between commas).
ATTENDEE_SAYS = (
    r"stressed|emphasi[sz]ed|pointed out|said|noted|called for|urged|explained|summari[sz]ed|informed|shared|mentioned"
    r"|put forward|elaborated|commented|proposed|presented|introduced|reported|spoke|delivered|conveyed|exchanged"
    r"|made (?:a|an) (?:[\w-]+ )?(?:speech|comment|remarks|summary)"
)


# A sentence of a readout: someone presided, attended or spoke.
READOUT_RE = re.compile(
    r"\b(?:presided|chaired|chairs|hosted|attended|attending|[Aa]ttending|participated|[Pp]resent|[Ii]n attendance"
    r"|(?:delivered|delivers|made|makes|gave|gives|presented) (?:an? |the )?(?:[\w-]+ ){0,2}?(?:speech|address|report"
    r"|(?:party )?(?:class|lesson)|deployment|arrangements?)"
    r"|pointed out|stressed|emphasi[sz]ed"
    r"|made (?:an? )?speech|addressed (?:the|a|an)|speeches|held (?:a|an|the) (?:[\w-]+ ){0,4}?(?:symposium|meeting|seminar|forum)"
    r"|(?:made|gave|delivered) (?:the |these |an? )?(?:[\w-]+ )?(?:remarks|lecture) at|gave (?:an? )?(?:[\w-]+ )?lecture"
    r"|keynote speaker|[Ss]peaking at (?:the|a|an)"
    # Whose own words or speech the readout gives, whatever its event is called.
    r"|urged|called (?:for|on)|put forward(?:ed)? that|shared (?:their|his|her) (?:views|thoughts|experience|feelings)"
    r"|invit(?:e|ed)\b[^.]{0,300}?\bto (?:give|deliver|bring|make) (?:an? |the )?(?:[\w-]+ ){0,3}?"
    r"(?:speech|lecture|report|lesson|(?:party )?class))\b"
)

EN_SPOKE_RE = re.compile(
    r"^(?P<who>.+?)\s+(?:also\s+)?(?:made speeches|made a speech|spoke|delivered speeches|gave speeches"
    r"|addressed (?:the|a|an) (?:meeting|conference|attendees)|made remarks|made (?:exchange )?speeches|delivered exchange speeches"
    r"|made exchange speeches|made comments|shared (?:their|his|her)|reported on|led the study|made speeches one by one"
    r"|made (?:[\w-]+ )?speeches|put forward (?:their )?criticisms?"
    # "the members talked about their ideas", "made statements", "delivered detailed reports", "made a control check"
    r"|talked about|made statements|delivered (?:[\w-]+ )?reports|reported (?:in-depth|their)"
    r"|made (?:an? )?(?:[\w-]+ )?(?:check|self-inspection)s?|conducted (?:[\w-]+ )?(?:inspections|checks))\b"
)
# What opens a sentence before its subject: "During the meeting, ...", "What's more, Secretary Sun ...".
OPENING_RE = re.compile(
    r"^\s*(?:(?:During|At|In) (?:the|his|her) (?:meeting|speech|conference)|To (?:start|begin) with|First(?:ly)?"
    r"|First of all|Afterwards|Then|Next|Finally|Lastly|What['\u2019]s more|Moreover|Furthermore|In addition"
    r"|On the other hand|Later|Subsequently|Speaking at (?:the|a|an) [^,]+),\s*"
)
# Someone whose own speech the readout gives: "Yin Li, Secretary of ..., stressed the need ...".
EN_STRESSED_RE = re.compile(
    r"\b(?:stressed|noted|emphasi[sz]ed|highlighted|pointed out|called for|urged|put forward(?:ed)? that"
    r"|discussed|mentioned|stated|says)\b"
)
PLURAL_GROUP_RE = re.compile(
    r"\b(?:comrades|members|heads|leaders|representatives|delegates|officials|governors|mayors|secretaries|directors"
    r"|ministers|cadres|workers|staff|envoys|experts|guests|attendees)\b",
    re.IGNORECASE,
)
# A speech given by someone in a list of attendees: "Zhang Yijiong, leader of ..., who ... delivered a speech".
SPEECH_RE = re.compile(
    r"\b(?:delivered|made|gave|delivering|making|giving) (?:an? |the )?(?:[\w-]+ )?(?:speech|address|remarks)"
    r"|addressed (?:the|a|an)\b"
)


def _people(text: str) -> tuple[list[str], list[str]]:
    """The people a list names, and its groups of people; titles set beside a name are neither."""
    names, groups = [], []
    text = re.sub(
        r"^(?:During the meeting|At the meeting|In addition|Additionally|Also|Meanwhile),\s*",
        "",
        text.strip(),
    )
    pieces = re.split(
        r",\s*(?:and\s+)?|;\s*|\s+and\s+(?=the\s+[\w-]+\s+[\w-]*s\b|other\s|all\s|relevant\s)", text
    )
    for index, raw in enumerate(pieces):
        piece = re.sub(r"^(?:and|as well as|including)\s+", "", raw.strip()).strip(" .")
        if not piece:
            continue
        found = [n for n in en_names(piece) if piece.endswith(n) or piece.startswith(n) or len(piece) < 60]
        following = pieces[index + 1].strip() if index + 1 < len(pieces) else ""
        if found:
            names += [n for n in _split_names(piece) if is_en_name(n)] or found[:1]
        elif following.startswith("including") and en_names(following):
            continue  # "members of the Standing Committee ..., including Li Qiang, ...": a label for the names
        elif PLURAL_GROUP_RE.search(piece) and not re.match(
            r"(?:the|a|an)\s+(?:deputy |vice )?(?:chairman|head|leader|director|secretary)\b", piece, re.I
        ):
            groups.append(piece)
    return names, groups


def _english_sentence(
    meeting: Meeting, sentence: str, surnames: dict[str, str], plain: list[str] | None = None
) -> None:
    plain = [] if plain is None else plain
    # "X and Y attended the meeting, at which the secretaries ... made exchange speeches": two clauses.
    parts = re.split(r",\s+(?:at which|during which)\s+", sentence, maxsplit=1)
    if len(parts) == 2:
        for part in parts:
            _english_sentence(meeting, part, surnames, plain)
        return
    names = [name for *_, name in _name_spans(sentence, surnames)]
    lower = sentence.lower()
    presided = re.search(
        r"(?:presided over by|chaired by|hosted by)\s+([A-Z][\w' ]+)"
        r"|^(?:Presiding over|Chairing) (?:the|a) [\w -]+?,\s+([A-Z][\w' ]+)",  # "Presiding over the session, Xi urged"
        sentence,
    )
    if presided:
        who = presided.group(1) or presided.group(2)
    presider = None
    if presided and en_names(who):
        presider = en_names(who)[0]
    elif presided and who.split()[0] in surnames:
        presider = surnames[who.split()[0]]  # "chaired by Zhou": the one Zhou it names
    else:
        verb = re.search(r"\b(?:presided|chaired)\b(?!\s+by)", sentence)
        before = en_names(sentence[: verb.start()])[-1:] if verb else []
        if before and verb.start() - sentence.rfind(before[0], 0, verb.start()) <= 300:
            presider = before[0]
    if presider:
        meeting.presided_by = presider
        # "presided over the meeting and delivered a speech", "..., who also delivered a speech".
        if meeting.principal_speaker is None and re.search(
            r"\b(?:presided over|chaired|hosted) (?:the |a )?[\w-]+(?: [\w-]+)? and (?:also )?(?:(?:delivered|made|gave) "
            r"(?:an? )?(?:important )?speech|made (?:arrangements|a summary)|summari[sz]ed)|\b(?:presided over|chaired|hosted) by [^.]*?, who (?:also )?(?:delivered|made|gave) "
            r"(?:an? )?(?:important )?speech",
            sentence,
        ):
            meeting.principal_speaker = presider
    if (
        re.search(
            r"\b(?:delivered|made|gave|giving|delivering|delivers|makes|gives|presented)\s+(?:(?:an?|the|his|her)\s+)?['\"\u2018\u201c]?(?:important|keynote|main|mobili[sz]ation|summary)['\"\u2019\u201d]?"
            r"\s+(?:speech|address|report)\b|\b(?:delivered|made|gave) (?:an? )?speech (?:for|at) the mobili[sz]ation\b"
            r"|(?<=, )(?:the|as the) (?:keynote|main) speaker\b",  # "Hu Jun, the keynote speaker, told ..."
            lower,
        )
        and names
    ):
        if meeting.principal_speaker in {None, *plain}:
            # The main speech outranks a guest's who only "delivered a speech" before it.
            _add(meeting.speakers, [p for p in plain if p != names[0]], set())
            plain.clear()
            meeting.principal_speaker = names[0]
        names = names[1:]
    own = re.match(
        r"\s*(?:[A-Z][\w.]*\s+)*?([A-Z][\w'\u2019]+ [A-Z][a-z'\u2019]+)\b[^.]*?\b(?:delivered|made|gave) an? [\w\s-]{0,40}?speech\b",
        sentence,
    )
    if (
        own
        and meeting.principal_speaker is None
        and is_en_name(own.group(1))
        and not re.search(r"\b(?:attended|presided|chaired)\b", sentence[: own.end()])
    ):
        meeting.principal_speaker = own.group(1)
        plain.append(own.group(1))
    stressed = EN_STRESSED_RE.search(sentence)
    subject = en_names(sentence[: stressed.start()])[:1] if stressed else []
    if subject:
        opening = OPENING_RE.sub("", sentence)
        if (
            re.match(rf"(?:[A-Z][\w-]*\s+)*{re.escape(subject[0])}", opening)
            and meeting.principal_speaker is None
        ):
            # The first whose own words the readout gives as its subject, whoever presided ("The meeting was
            # presided over by A. At the meeting, B noted ...").
            meeting.principal_speaker = subject[0]
        elif subject[0] not in {meeting.principal_speaker, meeting.presided_by} and re.fullmatch(
            r"(?:[A-Z][\w'\u2019-]*\s+(?:of\s+(?:the\s+)?)?)*[\w'\u2019-]+,\s*|(?:[A-Z][\w'\u2019.-]*\s+)*",
            opening[: opening.find(subject[0])],
        ):
            # "President of SUEP, Li Hexing, pointed out": another whose own words the readout gives.
            _add(meeting.speakers, subject, set())
    principal = {meeting.principal_speaker, meeting.presided_by} - {None}
    # "A and B spoke at the conference, and representatives of ... made speeches": clause by clause,
    # a clause being text up to a speech verb.
    passive = re.search(
        r"^(?:Speeches|Remarks|Addresses) (?:were|was) (?:also )?(?:made|delivered|given) by (.+)$"
        r"|\bfollowed by the (?:[\w-]+ )?(?:speeches|remarks|reports) of (?!the meeting)([^.;]+)",
        sentence,
    )
    if passive:
        listed = split_en_list(passive.group(1) or passive.group(2))
        # "each committee member and branch secretaries": two groups, the second plural.
        groups = [g for item in listed for g in re.split(r"\s+and\s+(?=(?:[\w-]+\s+){0,3}[\w-]+s$)", item)]
        _add(meeting.speakers, groups, principal)
        return
    spoke_any, current = False, ""
    for part in re.split(r",\s+and\s+", sentence):
        current = f"{current}, and {part}" if current else part
        spoke = EN_SPOKE_RE.search(current)
        if spoke:
            spoke_any = True
            who = re.sub(
                r"^(?:In addition|Additionally|Also|Meanwhile|During the meeting|At the meeting|Afterwards|Then"
                r"|Subsequently|Later|Next|Finally)(?:,\s*|\s+(?=the\s|[A-Z]))",
                "",
                spoke.group("who"),
            )
            who = re.sub(
                r"\s+(?:then|also|later|subsequently|afterwards)$", "", who
            )  # "Members ... then made"
            who = re.sub(
                r",?\s*attended the \w+ and$", "", who
            )  # "X, Leader of ..., attended the meeting and addressed"
            if re.search(r"\b(?:attended|presided|chaired|hosted)\b", who):
                current = ""  # "X, ..., attended and spoke": the roles sweep reads it whole
                continue
            # "The party members attending the meeting followed the principle ..., reported ...": the subject only.
            who = re.split(r"\s+(?:[a-z]+ly\s+)?(?![A-Z])[a-z]+ed\b", who, maxsplit=1)[0]
            # "The representative party members including A, B as well as C shared ...": the names, not the label.
            label = re.match(r"^[^,]*?\b(?:including|such as)\s+(\S+ \S+?)(?=,|\s|$)", who)
            if label and is_en_name(label.group(1)):
                who = who[label.start(1) :]
            listed = [i for i in split_en_list(who) if is_en_name(i) or PLURAL_GROUP_RE.search(i)]
            if any(is_en_name(i) for i in listed) or not en_names(who):
                _add(meeting.speakers, listed, principal)
            else:
                people, groups = _people(who)
                _add(meeting.speakers, people + groups, principal)
            current = ""
    if spoke_any:
        return
    if (
        "attend" in lower
        or "participated in" in lower
        or "in attendance" in lower
        or "were present" in lower
        or "also present" in lower
        or lower.startswith(("present ", "attending "))
    ):
        if names:
            by = re.search(
                r"\b(?:attended by|attendees included|present[^,.]*? were|Attending were)\s+", sentence
            )
            cut = re.search(r"\b(?:attended|participated in|were present|was invited to attend)\b", sentence)
            who = sentence[by.end() :] if by else sentence[: cut.start()] if cut else sentence
            people, groups = _people(who)
            for person in people:
                after = sentence[sentence.find(person) + len(person) :]
                nxt = min(
                    [after.find(n) for n in people if n != person and after.find(n) > 0] or [len(after)]
                )
                if SPEECH_RE.search(after[:nxt]):
                    _add(meeting.speakers, [person], principal)
                else:
                    _add(meeting.attendees, [person], principal)
            _add(meeting.attendee_categories, groups, set())
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
            return
        participated = re.search(
            r"^(.+?)\s+(?:attended|participated in)\s+the\s+(?:[\w-]+\s+){0,3}?"
            r"(?:meeting|conference|session|study|event|ceremony|lecture|class|activity)\b",
            sentence,
        )
        if participated:
            _add(meeting.attendee_categories, split_en_list(participated.group(1)), set())


# --- who did what, for the names the clauses above left unplaced --------------------------

# A verb after the people it is about: "A, ..., and B attended the meeting".
ROLE_AFTER_RE = re.compile(
    r"\b(?P<preside>presided(?! over by| by)|chaired(?! by)|hosted(?! by)|presiding(?= over (?:and|the)\b)"
    r"|held (?:a|an|the) (?:[\w-]+ ){0,4}?(?:symposium|meeting|seminar|forum|conference))\b"
    r"|\b(?P<attend>attended(?! by)|participated(?! by)|(?:were|was) (?:also )?(?:present|in attendance))\b"
    r"|\b(?P<main>(?:delivered|made|gave|delivers|makes|gives) (?:(?:an?|the) )?['\"\u2018\u201c]?(?:important|keynote|mobili[sz]ation)['\"\u2019\u201d]? (?:speech|address|report)"
    r"|(?:was|were) invited to (?:deliver|give|make|bring) (?:an? |the )?(?:[\w-]+ ){0,3}?(?:speech|lecture|report|address"
    r"|lesson|(?:party )?class)|to (?:give|deliver|bring) (?:an? |the )?(?:[\w-]+ ){0,3}?(?:lecture|report|lesson|(?:party )?class)"
    r"|(?<=,\s)(?:the|as the) (?:keynote|main) speaker\b)"  # "Li Ming, the keynote speaker, gave"
    r"|\b(?P<speak>spoke|said|(?:made|delivered|gave) (?:an? |the )?(?:[\w-]+ (?:and )?)?(?:speech(?:es)?|remarks|comments|report|explanation"
    r"|lecture)|conveyed|elaborated|explained|announced|proposed|commented on|guided and commented|to guide and speak"
    r"|addressed (?:the|a|an)\b|made (?:an? )?(?:deployment|arrangements?)|led the study|reported on|made suggestions|shared their thoughts|made self-(?:inspections?|criticisms?))\b"
)
# A marker before the people: "attended by A and B", "Presided over by A, ...", "Present were A, B".
ROLE_BEFORE_RE = re.compile(
    r"\b(?P<preside>(?:presided over|chaired|hosted) by|presiding over the (?:meeting|conference|session),)\s"
    r"|\b(?P<attend>attended by|guided by|along with|including|accompanied by"
    r"|together with(?: (?:his|her|their|the) [\w -]{0,40}?,)?|attending (?:the (?:meeting|conference|session) )?(?:were|was)"
    r"|present (?:(?:at|in) the (?:meeting|conference|session) )?(?:were|included)|also present were)\s"
    r"|\b(?P<main>(?:the )?(?:keynote|main) speaker (?:was|is)(?: Comrade)?)\s"
    r"|\b(?P<speak>(?:among )?the speakers (?:at the \w+ )?(?:were|included):?|according to"
    r"|(?:report|speech|lecture) was (?:made|given|delivered) by|^Led by)\s",
    re.IGNORECASE,
)
# A surname alone, right before what its bearer did: "Xi chaired the symposium".
BARE_SURNAME_RE = re.compile(
    r"\b([A-Z][a-z]+)(?=(?:,[^,.;]{0,200},)? (?:also )?(?:presided|chaired|attended|delivered|spoke|addressed|made|stressed|said)\b)"
)
# Whole sentences, semicolons and "et al." inside them: a list of attendees is one sentence.
WHOLE_SENTENCE_RE = re.compile(r"(?<!\bal\.)(?<!\betc\.)(?<=[.!?])\s+|\n+")
NOT_BARE = {
    "He",
    "You",
    "Long",
    "Song",
    "Fan",
    "Wan",
    "Bai",
    "Gong",
    "Pan",
    "Ding",
    "Tan",
    "Lei",
    "Ma",
    "Yang",
    "Hu",
}


def _surnames(text: str) -> dict[str, str]:
    """A surname the readout writes alone, to the one full name it stands for ("Xi" -> "Xi Jinping")."""
    full: dict[str, set[str]] = {}
    for name in en_names(text):
        first, last = name.split()[0], name.split()[-1]
        surname = (
            last if first.title() not in SURNAMES_EN and last in SURNAMES_EN else first
        )  # "Zhiyuan Zhou"
        full.setdefault(surname, set()).add(name)
    return {surname: next(iter(names)) for surname, names in full.items() if len(names) == 1}


def _name_spans(sentence: str, surnames: dict[str, str]) -> list[tuple[int, int, str]]:
    """Where the sentence names people: (start, end, full name); not "Xi Jinping Thought"."""
    spans = []
    for run in CAPITALISED_RUN_RE.finditer(sentence):
        for name in en_names(run.group()):
            start = sentence.find(name, run.start())
            spans.append((start, start + len(name), name))
    for bare in BARE_SURNAME_RE.finditer(sentence):
        if bare.group(1) in surnames and bare.group(1) not in NOT_BARE:
            spans.append((bare.start(), bare.end(), surnames[bare.group(1)]))
    return sorted(
        (
            span
            for span in spans
            # Not "Xi Jinping Thought", nor a place named like a person: "Li Ming district held ...".
            if not re.match(
                r"\s*(?:Thought|'s|\u2019s)\b|\s+(?:district|county|city|town|township|village|province)\b",
                sentence[span[1] :],
                re.IGNORECASE,
            )
        ),
        key=lambda span: span[0],
    )


def _role(kind: str, after: str) -> str:
    """The verb's role, raised by a speech that follows in the same clause ("attended ... and spoke")."""
    after = re.split(r",\s+(?:at which|during which|where|while)\b", after)[0]
    if kind == "preside" and SPEECH_RE.search(after):
        return "preside+main"  # "chaired and delivered a speech": the presider gives the main speech
    if kind == "attend" and re.search(
        r"\b(?:important|keynote) (?:speech|address)|\b(?:delivered|made|gave) an? (?:[\w-]+ )?speech\b"
        r"|^\s*(?:the \w+\s+)?and spoke\b",  # "attended and spoke": the main speech, unless one was given
        after,
    ):
        return "main"  # "attended the meeting and delivered a speech": the main speech, unless one was given
    if kind == "attend" and SPEECH_RE.search(after):
        return "speak"
    return kind


def _sweep_roles(meeting: Meeting, sentence: str, surnames: dict[str, str]) -> None:
    """Every name in the sentence gets the role of the verb that governs it: a marker before it
    ("attended by", "Presided over by") or else the first verb after it; a role the clauses above
    already gave stands, except that presiding or speaking outranks attending."""
    spans = _name_spans(sentence, surnames)
    for index, (start, end, name) in enumerate(spans):
        next_start = spans[index + 1][0] if index + 1 < len(spans) else len(sentence)
        before = list(ROLE_BEFORE_RE.finditer(sentence, 0, start))
        marker = (
            before[-1] if before and not ROLE_AFTER_RE.search(sentence, before[-1].end(), start) else None
        )
        verb = marker or ROLE_AFTER_RE.search(sentence, end)
        if not verb:
            continue
        kind = next(k for k, v in verb.groupdict().items() if v)
        # The verb's clause runs to the next name after it: "A and B attended and addressed the meeting".
        after_verb = min([s for s, _, _ in spans if s > verb.end()] or [len(sentence)])
        role = _role(kind, sentence[end:next_start] if marker else sentence[verb.end() : after_verb])
        if "preside" in role and meeting.presided_by is None:
            meeting.presided_by = name
        if "main" in role and meeting.principal_speaker is None:
            meeting.principal_speaker = name
        elif ("main" in role or role == "speak") and name not in {
            meeting.principal_speaker,
            meeting.presided_by,
        }:
            _add(meeting.speakers, [name], set())
        if role != "attend" and name in meeting.attendees:
            meeting.attendees.remove(name)  # attended, and did more: presided or spoke
        placed = {meeting.presided_by, meeting.principal_speaker, *meeting.speakers}
        if role == "attend" and name not in placed:
            _add(meeting.attendees, [name], set())
