"""Meetings in conference readouts: name, dates, place, speakers, attendees and their categories."""

from __future__ import annotations

import re

from .core import Meeting
from .numbers import ZH_NUMERAL_CHARS as ZH_NUMERALS

# --- people's names --------------------------------------------------------------------

SURNAMES_ZH = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习栗俞倪温易乔尤"
)
SURNAMES_EN = {
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
    "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng",
    "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Yuan", "Pan", "Yu", "Jiang", "Cai", "Du", "Ye", "Cheng",
    "Su", "Wei", "Lyu", "Ding", "Ren", "Shen", "Yao", "Lu", "Cui", "Zhong", "Tan", "Wan", "Fan", "Jin", "Shi",
    "Liao", "Jia", "Xia", "Fu", "Fang", "Bai", "Zou", "Meng", "Qin", "Qiu", "Xue", "Yan", "Duan", "Lei", "Hou",
    "Long", "Tao", "Gu", "Mao", "Hao", "Gong", "Shao", "Qian", "Kong", "Xiang", "Xi",
    "Mo", "Wen", "Yi", "Qiao", "You",
}  # fmt: skip
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
PINYIN_GIVEN_RE = re.compile(rf"(?:{_INITIAL}{_FINAL}){{1,2}}")
TITLE_ZH = (
    r"(?:政治局常委|常委|党组成员|成员|委员|副主席|主席|总书记|书记|副总理|总理|国务委员|部长|副部长|主任|院长|省长|市长|同志|组长|"
    r"校长|董事长|总经理|秘书长|负责人|会长|理事长|主持人)"
)


def is_en_name(words: str) -> bool:
    parts = words.split()
    if len(parts) not in {2, 3} or parts[0] not in SURNAMES_EN:
        return False
    given = "".join(parts[1:])
    return parts[1][0].isupper() and PINYIN_GIVEN_RE.fullmatch(given.lower()) is not None


CAPITALISED_RUN_RE = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")


def en_names(text: str) -> list[str]:
    """Pinyin names in runs of capitalised words: "Party Secretary Ren Shaobo" -> Ren Shaobo."""
    out = []
    for run in CAPITALISED_RUN_RE.finditer(text):
        words = run.group().split()
        i = 0
        while i < len(words) - 1:
            pair = f"{words[i]} {words[i + 1]}"
            if is_en_name(pair):
                out.append(pair)
                i += 2
            else:
                i += 1
    return out


def zh_name(fragment: str) -> str | None:
    """``"中共中央政治局常委李强"`` -> ``"李强"``; ``"赵乐际"`` -> itself; else None."""
    fragment = fragment.strip(" 　等和及")
    stripped = re.sub(rf"^.*{TITLE_ZH}", "", fragment)
    if (
        2 <= len(stripped) <= 3
        and stripped[0] in SURNAMES_ZH
        and re.fullmatch(r"[\u4e00-\u9fff]+", stripped)
        and not re.search(r"[省市区部委会局司处院校团组]$", stripped)
    ):
        return stripped
    return None


# --- dates -----------------------------------------------------------------------------

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_D = r"(\d{1,2})(?:st|nd|rd|th)?(?!\d)"
EN_DATE_RES = (
    # December 27th to 28th, 2023 / December 27 - December 28 / December 27
    re.compile(
        rf"\b({_MONTH})\.?\s+{_D}(?:,?\s+(\d{{4}}))?(?:\s*(?:to|-|\u2013|—|and|through)\s*(?:({_MONTH})\.?\s+)?{_D})?(?:,?\s+(\d{{4}}))?",
        re.IGNORECASE,
    ),
    # 27 to 28 December 2023 / 5 March
    re.compile(
        rf"\b{_D}(?:\s*(?:to|-|\u2013|—|and)\s*{_D})?\s+({_MONTH})\b(?:,?\s+(\d{{4}}))?",
        re.IGNORECASE,
    ),
)
ZH_DATE_RE = re.compile(
    r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:\s*(?:至|到|—|-|\uff0d)\s*(?:(\d{1,2})月)?(\d{1,2})日)?"
)


def _iso(year: int | None, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def en_dates(text: str, year: int | None) -> tuple[str | None, str | None] | None:
    m = EN_DATE_RES[0].search(text)
    if m:
        month, day, y1, month2, day2, y2 = m.groups()
        y = int(y1 or y2) if (y1 or y2) else year
        start = _iso(y, MONTHS[month.lower()], int(day))
        end = _iso(y, MONTHS[(month2 or month).lower()], int(day2)) if day2 else start
        return start, end
    m = EN_DATE_RES[1].search(text)
    if m:
        day, day2, month, y1 = m.groups()
        y = int(y1) if y1 else year
        start = _iso(y, MONTHS[month.lower()], int(day))
        return start, _iso(y, MONTHS[month.lower()], int(day2)) if day2 else start
    return None


def zh_dates(text: str, year: int | None) -> tuple[str | None, str | None] | None:
    m = ZH_DATE_RE.search(text)
    if not m:
        return None
    y1, month, day, month2, day2 = m.groups()
    y = int(y1) if y1 else year
    start = _iso(y, int(month), int(day))
    end = _iso(y, int(month2 or month), int(day2)) if day2 else start
    return start, end


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


ZH_HEAD_NOUNS = re.compile(
    r"(?:委员|书记|同志|院长|检察长|代表|大使|总领事|领事|部门|团体|机构|负责人|成员|领导|主任|部长|厅长|局长|干部|党员|理事)$"
)


def _zh_fragments(piece: str) -> list[str]:
    """Split at 、 and at 和/及 where the left side is a name or ends in a head noun."""
    out = []
    for frag in re.split(r"、", piece):
        while True:
            m = re.search(r"(和|及|以及)", frag)
            if not m:
                break
            left = frag[: m.start()]
            if zh_name(left) or ZH_HEAD_NOUNS.search(left):
                out.append(left)
                frag = frag[m.end() :]
            else:
                break
        out.append(frag)
    return out


def split_zh_list(text: str) -> list[str]:
    text = re.sub(r"等$", "", text.strip(" ，。；"))
    text = re.sub(rf"(?:等)?共?(?:约|近|逾|超过)?[\d{ZH_NUMERALS}]+余?多?(?:人|名)(?:左右)?$", "", text)
    text = re.sub(r"^(?:来自|包括)", "", text)  # "...代表共四百余人"
    items: list[str] = []
    for piece in re.split(r"[，；,;]", text):
        pending = ""
        for frag in _zh_fragments(piece):
            if not pending and zh_name(frag):
                items.append(frag.strip())
                continue
            frag = frag.strip()
            if not frag:
                continue
            joined = f"{pending}、{frag}" if pending else frag
            if ZH_HEAD_NOUNS.search(frag):
                items.append(joined)
                pending = ""
            else:
                pending = joined
        if pending:
            items.append(pending)
    return [i for i in (re.sub(r"^(?:以及|和|及)", "", x) for x in items) if i]


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
ZH_MEETING_RE = re.compile(
    r"(?:^|(?<=[。；，\n]))(?:\d{4}年度?)?(?P<name>[\u4e00-\u9fff“”]{2,30}?(?:\d{4}年度?[\u4e00-\u9fff]{0,10}?)?(?:工作会议|会议|大会|座谈会|推进会|部署会|论坛|全会))"
    r"(?=(?:于)?(?:\d{4}年)?\d{1,2}月|在)"
)


def extract_meetings(text: str, lang: str, year: int | None) -> list[Meeting]:
    return _english(text, year) if lang == "en" else _chinese(text, year)


def _sentences(text: str, lang: str) -> list[str]:
    pattern = r"(?<=[.!?;])\s+|\n+" if lang == "en" else r"(?<=[。！？；])|\n+"
    return [s.strip() for s in re.split(pattern, text) if s and s.strip()]


def _add(target: list[str], items: list[str], exclude: set[str]) -> None:
    for item in items:
        if item and item not in target and item not in exclude:
            target.append(item)


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


def _chinese(text: str, year: int | None) -> list[Meeting]:
    starts = list(ZH_MEETING_RE.finditer(text))
    meetings = []
    for index, match in enumerate(starts):
        body_start = text.rfind("\n", 0, match.start()) + 1
        prefix = text[body_start : match.start()]
        body = text[match.start() : starts[index + 1].start() if index + 1 < len(starts) else len(text)]
        meeting = Meeting(name=match.group("name").strip("“”"))
        first = prefix + _sentences(body, "zh")[0]
        dates = zh_dates(first, year)
        if dates:
            meeting.start_date, meeting.end_date = dates
        place = re.search(r"在([\u4e00-\u9fff]{1,12}?)(?:召开|举行|开幕)", first)
        if place:
            meeting.place = ZH_PLACE_SHORT.get(place.group(1), place.group(1))
        for sentence in _sentences(body, "zh"):
            _chinese_sentence(meeting, sentence)
        meetings.append(meeting)
    return meetings


# One-character names of cities as news copy writes them: 在京召开 = held in Beijing.
ZH_PLACE_SHORT = {"京": "北京", "沪": "上海", "津": "天津", "渝": "重庆", "穗": "广州", "蓉": "成都"}


def _zh_items(text: str) -> list[str]:
    return [f for f in re.split(r"[、，,；]|以及|和", text) if f.strip()]


def _chinese_sentence(meeting: Meeting, sentence: str) -> None:
    sentence = sentence.strip("。")
    principal_m = re.search(
        r"([^，。；]+?)(?:出席会议并|在会上|出席并)?(?:发表重要讲话|作重要讲话|发表讲话并|出席会议并讲话|出席并讲话|主持会议并讲话|作[\u4e00-\u9fff]{0,10}?报告)",
        sentence,
    )
    said = False
    if principal_m and meeting.principal_speaker is None:
        who = zh_name(re.split(r"[、，]", principal_m.group(1))[-1])
        if who:
            meeting.principal_speaker = who
            said = True
    presided = re.search(r"([^，。；]+?)主持(?:会议|大会|座谈会)?", sentence)
    if presided:
        who = zh_name(re.split(r"[、，]", presided.group(1))[-1])
        if who:
            meeting.presided_by = who
    if said:
        return
    principal = {meeting.principal_speaker, meeting.presided_by} - {None}
    spoke = re.search(
        r"^(.+?)(?:也|还|先后|分别)?(?:在会上|在会议上|在大会上)?(?:作交流发言|交流发言|作汇报发言|汇报发言|作了发言|发言|讲话"
        r"|汇报了?[\u4e00-\u9fff]{0,8}工作)$",
        sentence,
    )
    if spoke and not re.search(r"重要讲话", sentence):
        items = split_zh_list(
            re.sub(r"(?:也|还|先后|分别)?(?:在会上|在会议上|在大会上)$", "", spoke.group(1))
        )
        _add(meeting.speakers, [zh_name(i) or i for i in items], principal)
        return
    attend = re.search(r"^(.+?)(?:出席|参加|列席)(?:了)?(?:会议|大会|座谈会|$)", sentence)
    if attend:
        who = re.sub(r"^(?:此外|另外)，?", "", attend.group(1))
        names = [n for n in (zh_name(i) for i in _zh_items(who)) if n]
        if names:
            _add(meeting.attendees, names, principal)
        else:
            _add(meeting.attendee_categories, split_zh_list(who), set())
