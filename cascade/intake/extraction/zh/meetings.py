"""Meetings in Chinese readouts: name, dates, place, principal speaker, presider, attendees, speakers,
attendee categories."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..meetings import TITLE_ZH, _add, _sentences, merge_repeated, strip_lead_zh, zh_dates, zh_name, zh_person
from ..model import Meeting
from ..numbers import ZH_NUMERAL_CHARS as ZH_NUMERALS
from ..segment import FULL_WIDTH
from .traditional import as_written, simplified

ZH_HEAD_NOUNS = re.compile(
    r"(?:委员|主委|书记|同志|院长|检察长|代表|大使|总领事|领事|部门|团体|机构|单位|负责人|成员|人员|领导|班子|主任|部长|厅长|局长|处长|科长"
    r"|组长|校长|会长|秘书长|主席|经理|干部|党员|理事|专家|学者|师生|群众|职工|员工"
    r"|(?:巡察|巡视|督导|指导|督查|检查|工作|调研|联络)组)$"
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
            if zh_name(frag) and not re.search(rf"{TITLE_ZH}$", pending):
                # A named person; what is pending is no title of theirs ("省委常委、省纪委书记黄先耀" stays one item).
                items.extend(x for x in (pending, frag.strip()) if x)
                pending = ""
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


ZH_MEETING_NOUN = (
    r"(?:工作会议|会议|大会|座谈会|推进会|部署会|论坛|全会|交流会|研讨会|茶话会|生活会|动员会|反馈会|读书班|学习会|报告会"
    r"|专题会|党组会|常委会|办公会|见面会|培训会|分享会|调度会|汇报会|恳谈会|务虚会|总结会|开班式|结业式"
    r"|协商会|通报会|联席会|推介会|表彰会|誓师会|启动会|述职会|评议会|读书会|研讨班|培训班|集体(?:[(（]扩大[)）])?学习"
    r"|启动仪式|仪式|专题党课|党课)(?!议)"
)
# A character of a meeting's name: a quoted title whole (“不忘初心、牢记使命”), else a Chinese character,
# a digit, a bracket or the 、 of a list inside it (信访、安全稳定工作会议).
ZH_NAME_CHAR = r"(?:“[^”。；]{1,40}”|[\u4e00-\u9fff\d()（）、])"
ZH_MEETING_RE = re.compile(
    r"(?:^|(?<=[。；，\s]))(?:\d{4}年度?)?(?!\d{1,2}月)(?P<name>(?!、)"
    + ZH_NAME_CHAR
    + r"{2,60}?"
    + ZH_MEETING_NOUN
    + r"(?:暨"
    + ZH_NAME_CHAR
    + r"{1,30}?"
    + ZH_MEETING_NOUN
    + r")?)"
    r"(?=(?:于)?(?:\d{4}年)?\d{1,2}月|(?:上周|近日|日前|昨天|今天|\d{1,2}日)?(?:在|召开|举行))"
)
# "我镇召开主题教育调研成果交流会", "全国政协在北京举行新年茶话会", "主持召开...第一次会议", "举办...读书班".
ZH_MEETING_HELD_RE = re.compile(
    r"(?:召开|举行|举办|开展|主持召开|主持)了?(?!召开|举行|举办|会议|大会)(?P<name>"
    + ZH_NAME_CHAR
    + r"{2,50}?"
    + ZH_MEETING_NOUN
    + r"(?:暨"
    + ZH_NAME_CHAR
    + r"{1,30}?"
    + ZH_MEETING_NOUN
    + r")?|(?:座谈会|研讨会|交流会|报告会|读书班|茶话会|生活会|动员会|推进会|反馈会|集体学习(?:研讨)?|专题学习(?:研讨)?))"
    r"(?![\u4e00-\u9fff]{0,2}(?:精神|上|的|期间))"
)


# The pinyin some pages set after each character, in brackets: 領(lǐng)導(dǎo) is 領導.
PINYIN_NOTE_RE = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def extract_meetings(text: str, year: int | None) -> list[Meeting]:
    text = PINYIN_NOTE_RE.sub("", text)
    read = simplified(text).translate(FULL_WIDTH)
    meetings = _chinese(read, year)
    if simplified(text) is not text:  # a text in traditional characters: names as it writes them
        for meeting in meetings:
            for key in ("name", "place", "principal_speaker", "presided_by"):
                setattr(meeting, key, as_written(text, read, getattr(meeting, key)))
            for key in ("attendees", "speakers", "attendee_categories"):
                setattr(meeting, key, [as_written(text, read, item) for item in getattr(meeting, key)])
    return meetings


def _chinese(text: str, year: int | None) -> list[Meeting]:
    starts = list(ZH_MEETING_RE.finditer(text))
    if not starts and re.search(
        r"主持|出席|参加会议|参加(?:[。；]|$)|列席|讲话|发言|参会|领学|致辞", text, re.MULTILINE
    ):
        # The meeting the readout opens with, and any other a paragraph opens with ("又讯 5月25日，...举行...研讨会").
        held = list(ZH_MEETING_HELD_RE.finditer(text))
        starts = held[:1] + [
            m
            for m in held[1:]
            if re.match(
                r"\s*(?:又讯|\d{1,2}月\d{1,2}日)[^。]*$", text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            )
            and m.group("name") not in held[0].group("name")
        ]
    if not starts:
        # "董强在中船集团近日召开的巡视整改工作领导小组会议上强调": someone spoke at a meeting the sentence names.
        starts = list(ZH_MEETING_AT_RE.finditer(text))[:1]
    spans = [(m.start(), m.group("name")) for m in starts]
    if not spans and ZH_ROLE_RE.search(text):
        # No meeting by name, yet someone presides, attends or speaks: the whole text is the readout of one
        # event, named as it writes the event when it does (读书活动, 开班典礼), else nameless.
        spans = [(0, event_name(text))]
    event_only = bool(spans) and not starts
    meetings = []
    for index, (at, name) in enumerate(spans):
        body_start = text.rfind("\n", 0, at) + 1
        prefix = text[body_start:at]
        body = text[at : spans[index + 1][0] if index + 1 < len(spans) else len(text)]
        meeting = Meeting(name=_unquoted(name) if name else None)
        first = prefix + _sentences(body, "zh")[0]
        year_before = re.findall(r"(\d{4})年\d{1,2}月\d{1,2}日", text[:at])
        if (
            year is None
            and year_before
            and re.search(r"\d{1,2}月\d{1,2}日", first)
            and not re.search(r"\d{4}年\d{1,2}月", first)
        ):
            year = int(year_before[-1])  # "进驻时间为2022年3月1日至4月4日 ... 3月1日，...召开进驻动员会"
        dates = zh_dates(first, year) or zh_dates(
            re.sub(r"(?:发布时间|发布日期|日期|来源)[^\n]*", "", body[:200]), year
        )
        if dates:
            meeting.start_date, meeting.end_date = dates
        held_in = r"在(?!大?会(?:议)?上)([\u4e00-\u9fff\d]{1,12}?)(?:主持)?(?:召开|举行|开幕|举办|进行|启动)"
        place = re.search(held_in, first) or re.search(held_in, body[:200])  # a headline first: its lead
        if place:
            meeting.place = ZH_PLACE_SHORT.get(place.group(1), place.group(1))
        lead = _sentences(prefix, "zh")[-1:] if prefix.strip() else []
        for sentence in [*(f"{lead[0]}{_sentences(body, 'zh')[0]}" for _ in lead[:1])] or []:
            _chinese_sentence(meeting, sentence)
        for sentence in _sentences(body, "zh")[1 if lead else 0 :]:
            _chinese_sentence(meeting, sentence)
        for attendee in list(meeting.attendees):
            if not ZH_GROUP_RE.search(attendee) and _attendee_speaks(attendee, body):
                # "乙到会指导。…乙对这次民主生活会给予了肯定": who attended to guide and then spoke.
                _add(meeting.speakers, [attendee], set())
        # Who spoke is a speaker, not an attendee as well; the principal speaker is neither.
        meeting.attendees = [
            a
            for a in meeting.attendees
            if a not in {*meeting.speakers, meeting.presided_by, meeting.principal_speaker}
        ]
        meeting.speakers = [s for s in meeting.speakers if s != meeting.principal_speaker]
        people = {*meeting.attendees, *meeting.speakers, meeting.presided_by, meeting.principal_speaker}
        named = [p for p in people if p and zh_name(p) == p]
        if named:
            # A headline's names run together ("李强赵乐际王沪宁出席") are those people again, no category.
            run = re.compile("(?:" + "|".join(map(re.escape, named)) + ")+")
            meeting.attendee_categories = [c for c in meeting.attendee_categories if not run.fullmatch(c)]
        # A readout: someone presided, attended or spoke; not a meeting a report mentions. An event found by
        # its roles alone needs a person named in one: groups a report mentions make no readout.
        if event_only and not any(zh_name(p) == p for p in people - {None}):
            continue
        if (
            meeting.principal_speaker
            or meeting.presided_by
            or meeting.attendees
            or meeting.speakers
            or meeting.attendee_categories
        ):
            meetings.append(meeting)
    return merge_repeated(meetings)


# What an attendee says in the readout's own words, a few characters after their name: "乙在讲话中指出",
# "乙主席代表督导组作了重要讲话", "乙对…给予了肯定", "乙为…提出了具体的指导意见", "乙详细分析了…".
ZH_ATTENDEE_SAYS = re.compile(
    r"^[^，。；]{0,16}?(?:指出|强调|要求|表示|认为|希望|提出|给予了?[\u4e00-\u9fff]{0,4}肯定|讲话|发言|点评|分析了|介绍了|作了?[^，。；]{0,12}?报告)"
)


def _attendee_speaks(attendee: str, body: str) -> bool:
    """Whether a sentence other than those naming who attended opens with the attendee (after a title) and
    gives their own words."""
    clauses = (clause for sentence in _sentences(body, "zh") for clause in re.split(r"[，；]", sentence))
    return any(
        0 <= (at := clause.find(attendee)) <= 30
        and not re.search(r"出席|参加|列席|到会|莅临|主持", clause)
        and ZH_ATTENDEE_SAYS.match(clause[at + len(attendee) :])
        for clause in clauses
    )


# Someone presides, attends or speaks in the narrative of an event, whatever the event is called.
ZH_ROLE_RE = re.compile(
    r"主持|出席|列席|参加(?:了)?(?:会议|活动|典礼|仪式|学习|$|[。；])|讲话|致辞|作[\u4e00-\u9fff]{0,8}报告|发言|讲授|领学"
)
# The noun of an event that is no meeting by name: 读书活动, 开班典礼, 专题交流, 联学, 党课, 评估.
ZH_EVENT_NOUN = r"(?:典礼|仪式|活动|交流|联学|党课|讲座|宣讲|评估|座谈|学习|汇报会|会议|会)"


class EventRule(NamedTuple):
    """A way a readout writes the name of its event: ``pattern``'s group ``name`` is it."""

    name: str
    pattern: re.Pattern


# Ordered: the first rule that finds a name names the event.
ZH_EVENT_RULES = (
    # "5月24日上午，第一期读书活动在图书馆进行", "“学习党史”联学共建活动在县文化中心启动".
    EventRule(
        "event held at a place",
        re.compile(
            r"(?:^|(?<=[。；，\s]))(?:\d{4}年度?)?(?!\d{1,2}月)(?P<name>(?!、)"
            + ZH_NAME_CHAR
            + r"{2,50}?"
            + ZH_EVENT_NOUN
            + r")(?=(?:于)?(?:\d{1,2}月\d{1,2}日)?(?:上午|下午|晚上)?在[^，。；]{2,30}?(?:进行|举行|召开|启动|开幕|举办|开展))"
        ),
    ),
    # "县委召开主题教育调研成果专题交流，".
    EventRule(
        "event held",
        re.compile(
            r"(?:召开|举行|举办|开展|启动)了?(?P<name>"
            + ZH_NAME_CHAR
            + r"{2,50}?"
            + ZH_EVENT_NOUN
            + r")(?=\s*[，。；]|\s*$)"
        ),
    ),
    # "甲、乙出席有关会议", "...等出席活动": the event those who attend are said to attend.
    EventRule(
        "event attended",
        re.compile(
            r"(?:出席|参加|列席)了?(?P<name>(?:本次|此次|有关|相关)?[\u4e00-\u9fff]{0,8}?"
            + r"(?:"
            + ZH_MEETING_NOUN
            + r"|典礼|活动|仪式))(?=[，。；并]|$)"
        ),
    ),
)


def event_name(text: str) -> str | None:
    """The name of the event a readout narrates, by the first rule of ``ZH_EVENT_RULES`` that finds one."""
    for rule in ZH_EVENT_RULES:
        found = rule.pattern.search(text)
        if found:
            return found.group("name")
    return None


def _unquoted(name: str) -> str:
    """The name without a quote left open at an end; a quoted title inside it (“不忘初心、牢记使命”) keeps its own."""
    return name.strip("“”") if name.count("“") != name.count("”") else name


ZH_MEETING_AT_RE = re.compile(
    r"在(?:[^，。；]{0,20}?(?:召开|举行)的)?(?P<name>(?![^，。；]{0,20}?(?:召开|举行)的)"
    + ZH_NAME_CHAR
    + r"{2,40}?"
    + ZH_MEETING_NOUN
    + r")上(?:强调|指出|讲话|表示|要求)"
)


# One-character names of cities as news copy writes them: 在京召开 = held in Beijing.
ZH_PLACE_SHORT = {"京": "北京", "沪": "上海", "津": "天津", "渝": "重庆", "穗": "广州", "蓉": "成都"}


def _zh_items(text: str) -> list[str]:
    return [f for f in re.split(r"[、，,；\s]|以及|和|及", text) if f.strip()]


PRINCIPAL_RE = re.compile(
    r"([^，。；]+?)(?:出席会议并|在会上|出席并|莅会|在[\u4e00-\u9fff]{1,4}会上)?(?:发表了?重要讲话|作了?重要讲话|发表讲话|出席会议并讲话"
    r"|出席并讲话|主持会议并讲话|主持[^，。；]{0,6}?并作?[^，。；]{0,10}?讲话|主持会议，并作?[^，。；]{0,12}?讲话|主持[^，。；]{0,6}?并[^，。；]{0,12}?(?:对照检查|总结)|主持[^，。；]{0,40}?并发表重要讲话"
    r"|(?<!工)作了?[\u4e00-\u9fff“”]{0,24}?(?:动员|总结|开班动员|动员部署|部署)讲话|(?<!工)作了?动员部署|进行(?:了)?安排部署"
    r"|(?<![所工])作[\u4e00-\u9fff]{0,10}?报告|领学了?|(?<![听宣])讲(?![授话])了?(?:《[^》]*》|[^，。；]){0,30}?党课"
    r"|在[\u4e00-\u9fff]{0,6}?(?:动员|总结)讲话(?:中|时))"
)
# A clause in which someone speaks: "孙丰云做表态发言", "王孝国反馈了...情况", "张全出席会议并致辞", "彭正波经理讲到".
SPEAKER_CLAUSE_RE = re.compile(
    r"^(?P<who>(?:(?!就|围绕|结合|向|对(?!照))[^，。；])+?)(?:也|还|先后|分别|依次|逐一|一一|带头|首先|详细|认真|系统)?(?:在会上|在会议上|在大会上)?"
    r"(?:也|还|先后|分别|依次|逐一|一一|首先|详细|认真|系统)?(?:出席会议并|并)?"
    # "各获奖代表一一进行发言", "5名代表发了言", "两位党员同志作为代表发表了观后感", "党组其他同志逐一对照检查"
    r"(?:进行了?[\u4e00-\u9fff]{0,8}?发言|发了言|(?:作为代表)?发表了?[\u4e00-\u9fff]{0,4}?(?:观后感|感言|体会|心得|看法)"
    r"|(?<=逐一|依次|一一)对照检查|"
    r"(?:(?:进行|开展|作|做)了?(?:自我剖析|自我批评|批评与自我批评|剖析)"
    r"|(?:(?:做|作)了?)?(?:表态|交流|汇报|点评|典型)发言|(?:做|作)了?[\u4e00-\u9fff]{0,6}?发言|反馈了|反馈[\u4e00-\u9fff]{0,6}情况|致辞|讲到|谈到"
    r"|作了?点评讲话|领学了?|(?:依次)?(?:作|进行)了?对照检查|汇报了|传达了?|在(?:讲话|发言)中|(?:进行|作了?|做了?)点评|作[^，。；]{0,40}?汇报|交流了?(?:学习)?(?:心得)?体会"
    r"|宣读了?|解读了?|讲解了?|分享(?:了|发言)?|(?:总结)?通报了?|讲授了?|(?:做|作)了?[\u4e00-\u9fff“”]{0,10}?(?:诵读|朗诵|宣讲)|(?:做|作)了?[\u4e00-\u9fff]{0,4}?报告|安排了?[\u4e00-\u9fff]{0,8}工作|(?:进行|作)了?(?:工作)?安排|发言(?![中时稿])|先后讲话))"
)
# "罗公利、姚庆国...分别围绕各自的调研主题，汇报交流了...", "吴道涛围绕会议主题作了交流发言".
SPOKE_ON_RE = re.compile(
    r"^(?P<who>[^。]+?)(?:也|还|先后|分别|依次)?(?:在会上)?(?:围绕|结合|就|对|从)[^。]*?"
    r"(?:汇报|发言|讲话|交流|致辞|点评|说明|解读|部署|安排|报告|提出[\u4e00-\u9fff]{0,6}(?:要求|意见|建议))"
)
ATTEND_RE = re.compile(
    r"(?:出席|参加|列席|参会|到会|莅会|莅临|收听收看|收看)(?:了)?(?:本次)?(?:会议|大会|座谈会|读书班|学习|指导|$)?(?!并(?:讲话|发表|作重要))"
)
# A clause that does something other than name people: it ends a list of attendees read backwards.
OTHER_CLAUSE_RE = re.compile(
    r"主持|讲话|召开|举行|举办|开展|发言|报告|强调|指出|反馈|致辞|部署|^为|^根据|近日|日前|\d{1,2}月\d{1,2}日|上午|下午|晚上"
)
ATTENDED_BY_RE = re.compile(
    r"^(?:出席|参加|列席)(?:这次|本次|此次)?(?:会议|大会|座谈会|活动)?的(?:领导|人员|同志|嘉宾)?(?:有|是|包括)[：:]?(?P<who>.+)$"
)
STRESSED_RE = re.compile(
    r"^(?P<who>[^，。；]{2,24}?)(?:书记|同志)?(?:在?讲话中?|在?发言中?)?(?:强调|指出|要求|表示)"
    r"|^(?P<at>[^，。；]{2,40}?)在[^，。；]{0,40}?会(?:议)?上(?:强调|指出|要求|表示|讲话)"
)


# A group of people, not one person's title: "镇领导班子成员", "各支部书记", not "农工党中央副主席".
ZH_GROUP_RE = re.compile(
    r"^(?:各|全体|相关|有关|部分|\d+[个名位])|(?:委员|成员|代表|同志|负责人|人员|干部|党员|群众|职工|员工|师生|专家|学者|领导|班子"
    r"|部门|单位|团体|机构|组)$"
)


def _last_clauses(who: str) -> str:
    """Only the clauses just before a verb name who did it; the ones before them say something else:
    "为深入学习...，近日，我镇召开...交流会，区...同志列席指导", "方志远主持会议，副会长程丽娜、孔维东出席"."""
    clauses = who.split("，")
    kept: list[str] = []
    while clauses and not OTHER_CLAUSE_RE.search(clauses[-1]) and not ATTEND_RE.search(clauses[-1]):
        kept.insert(0, clauses.pop())
    return "，".join(kept)


def _names_or_groups(who: str) -> list[str]:
    """The people named in ``who``, else its groups of people ("镇领导班子成员"); a title alone is neither."""
    items = []
    for item in split_zh_list(who):
        named = re.match(r"(.+?)等(.{3,})$", item)  # "总经理马立强等全体班子成员": a person and the group
        if named and (person := zh_name(named.group(1))):
            items += [person, named.group(2)]
        else:
            items.append(zh_name(item) or strip_lead_zh(item))
    return [
        i
        for i in items
        if zh_name(i)
        or (3 <= len(i) <= 30 and ZH_HEAD_NOUNS.search(i) and ZH_GROUP_RE.search(i) and "《" not in i)
    ]


def _speak(meeting: Meeting, people: list[str], principal: set[str], said: str) -> None:
    """``people`` spoke (``said`` is the clause): speakers, except that a presider who sums up or makes the
    leadership's self-inspection gives the main speech when no one else has ("会议由武俊峰主持。
    武俊峰代表领导班子作了对照检查"); a presider who reports as the others do is presider only."""
    if (
        meeting.principal_speaker is None
        and meeting.presided_by in people
        and re.search(r"讲话|总结|对照检查|剖析|自我批评", said)
        and not re.search(r"汇报|交流", said)
    ):
        meeting.principal_speaker = meeting.presided_by
    _add(meeting.speakers, people, principal)


def _run_back(clauses: list[str], index: int, who: str, after: str, people: list[str]) -> list[str]:
    """The speakers of clause ``index`` with those its list runs back over: "座谈会上，A校长甲，B院长乙，...丙等10位
    专家先后发言", "...，以及...代表在会上发言", "会上，副书记甲，委员乙分别领学了..."."""
    if not index or not (
        re.search(r"等(?:[\d一二三四五六七八九十]+[位名个])?|^(?:以及|及|和)", who)
        or re.match(r"(?:在会上)?(?:分别|先后|依次|逐一)", after)
    ):
        return people
    before = _last_clauses(re.sub(r"^(?:[^，]{0,6}会上|会议上|与会的?)", "", "，".join(clauses[:index])))
    named = [n for n in _names_or_groups(before) if zh_name(n)]
    if named and "等" in who:
        return [*named, *[p for p in people if zh_name(p)]]  # the group is the names
    return [*named, *people] if named else people


# A guest invited to give the lecture or report gives the main speech: "邀请…处长乙作《…》辅导报告".
INVITED_RE = re.compile(
    r"邀请了?(?P<who>[^，。；]{2,40}?)(?:作|做)了?[^，。；]{0,50}?(?:报告|讲座|党课|辅导)"
)


def _chinese_sentence(meeting: Meeting, sentence: str) -> None:
    sentence = sentence.strip("。")
    invited = INVITED_RE.search(sentence)
    if invited and meeting.principal_speaker is None and (guest := zh_person(invited.group("who"))):
        meeting.principal_speaker = guest
    principal_m = PRINCIPAL_RE.search(sentence)
    presided = re.search(r"([^，。；]+?)主持(?:会议|大会|座谈会|学习|召开)?", sentence)
    presider = zh_person(presided.group(1)) if presided else None
    if principal_m and meeting.principal_speaker is None and "致辞" not in principal_m.group(1):
        # "习近平在北京主持召开座谈会，同...进行座谈并发表重要讲话": the subject left unwritten is the presider's.
        who = zh_person(principal_m.group(1)) or (
            presider if presided and presided.start() < principal_m.start() else None
        )
        if who is None and re.match(r"(?:并|还|同时)", principal_m.group(1)):
            # "县委书记苗志忠传达了...精神，并作了重要讲话": the subject the sentence opens with.
            who = zh_person(re.split(r"[，、]", sentence[: principal_m.start()])[0])
        if who and principal_m.start(1) and re.search(r"出席[^，。；]*并", principal_m.group()):
            # "甲，乙出席会议并讲话": the people named in the clauses before speak too, the first gives the main speech.
            before = _last_clauses(sentence[: principal_m.start(1)].rstrip("，"))
            named = [n for n in _names_or_groups(before) if zh_name(n) == n] if before else []
            if named:
                _add(meeting.speakers, [*named[1:], who], set())
                who = named[0]
        if who:
            meeting.principal_speaker = who
    if presider and meeting.presided_by is None:
        meeting.presided_by = presider
        if meeting.principal_speaker is None and re.search(
            r"主持[^，。；]*，(?:他|她)(?:强调|指出|要求|表示)", sentence
        ):
            meeting.principal_speaker = presider  # "宋兴诚主持会议，他要求：": the presider's own words
    # A second speech in the same sentence is a speaker's: "车苇歆同志作了动员部署，乔广林同志出席会议并讲话".
    for later in PRINCIPAL_RE.finditer(sentence, principal_m.end() if principal_m else len(sentence)):
        who = zh_person(later.group(1))
        if (
            who
            and who not in {meeting.principal_speaker, meeting.presided_by}
            and "重要讲话" not in later.group()
        ):
            _add(meeting.speakers, [who], set())
    principal = {meeting.principal_speaker, meeting.presided_by} - {None}
    # Whose own words the sentence gives: its subject, or a clause's ("对于...，周海江强调").
    stressed = next(
        (
            m
            for clause in re.sub(r"^会上，", "", sentence).split("，")
            if (m := STRESSED_RE.search(clause)) and zh_person(m.group("who") or m.group("at"))
        ),
        None,
    )
    subject, *rest = re.sub(r"^会上，", "", sentence).split("，")
    who = zh_person(stressed.group("who") or stressed.group("at")) if stressed else None
    if who is None and any(re.match(r"并(?:强调|指出|要求|表示)", c) for c in rest):
        who = zh_person(subject)  # "组长甲听取了…的汇报，并指出…": the subject the sentence opens with
    if who:
        own_words = bool(stressed and stressed.group("who"))
        if meeting.principal_speaker is None and (meeting.presided_by in {None, who} or own_words):
            # the presider's own speech ("许树沛书记强调"), or, when no one has given the main speech, the words of
            # another the readout gives ("会议由甲主持。组长乙要求"), not a speech at another meeting
            meeting.principal_speaker = who
            return
        if meeting.principal_speaker not in {None, who} and who != meeting.presided_by:
            _add(meeting.speakers, [who], set())  # another whose own words the readout gives: "田海松要求"
    if (
        principal_m
        and re.search(r"重要讲话(?!精神)", sentence)
        and not re.search(r"，[^，]*(?:出席|参加|列席)", sentence)
    ):
        return
    # Clause by clause: who spoke.
    spoke_any = False
    clauses = sentence.split("，")
    for index, clause in enumerate(clauses):
        m = SPEAKER_CLAUSE_RE.search(clause)
        if m and not re.search(r"主持|重要讲话", m.group(0)):
            listed = re.search(r"[、和及]", m.group("who"))
            who = None if listed else zh_person(m.group("who"))
            people = [who] if who else _names_or_groups(m.group("who"))
            people = _run_back(clauses, index, m.group("who"), clause[m.end("who") :], people)
            _speak(meeting, people, principal, clause)
            spoke_any = spoke_any or bool(people)
        elif len(sentence.split("，")) > 1 and (on := SPOKE_ON_RE.search(clause)):
            people = (
                _names_or_groups(on.group("who")) if not re.search(r"主持|重要讲话(?!精神)", clause) else []
            )
            if people:  # "与会的甲，乙，丙等同志先后围绕…提出了意见和建议"
                people = _run_back(clauses, index, on.group("who"), clause[on.end("who") :], people)
            _speak(meeting, people, principal, clause)  # "...，孙八就下一步工作作了部署"
            spoke_any = spoke_any or bool(people)
    spoke = re.search(
        r"^(.+?)(?:也|还|先后|分别|依次)?(?:在会上|在会议上|在大会上)?(?:作交流发言|交流发言|作汇报发言|汇报发言|作了发言|作了交流发言|发言|讲话"
        r"|汇报了?[\u4e00-\u9fff]{0,8}工作|作表态发言|表态发言)$",
        sentence,
    )
    if spoke and not spoke_any and not re.search(r"重要讲话(?!精神)|主持[^，]*讲话$", sentence):
        who = re.sub(r"(?:也|还|先后|分别|依次)?(?:在会上|在会议上|在大会上)$", "", spoke.group(1))
        people = _names_or_groups(_last_clauses(who))
        if people:
            _speak(meeting, people, principal, sentence)
            return
    on = SPOKE_ON_RE.search(sentence)
    if on and not spoke_any and not re.search(r"重要讲话|主持|出席|参加|列席", on.group("who")):
        who = re.sub(r"(?:也|还|先后|分别|依次)$", "", on.group("who"))
        _speak(meeting, _names_or_groups(who), principal, sentence)
        return
    listed = ATTENDED_BY_RE.search(sentence)
    if listed:  # "出席这次会议的领导有：A同志，B同志", "参加这次会议的有市社班子全体成员"
        _attendees_or_categories(meeting, listed.group("who"), principal)
        return
    start = 0
    for m in ATTEND_RE.finditer(sentence):
        if not m.group() or m.start() == start:
            continue
        who = re.sub(r"^[，、]?(?:此外|另外)?，?", "", sentence[start : m.start()]).strip("，")
        start = m.end()
        # "市委书记甲在省主会场参加会议", "乙、丙分别在分会场收听收看会议": where they attended is no name.
        who = re.sub(
            r"(?:分别|也|还)?在[^，的]{1,40}?(?:会场|现场|会议室|礼堂|厅|室|中心|馆|楼)$",
            "",
            _last_clauses(who),
        )
        if not who or len(who) > 250:
            continue
        if re.match(
            r"并(?:作?[\u4e00-\u9fff]{0,4}发言|致辞|作?点评|提出[\u4e00-\u9fff]{0,6}要求)",
            sentence[m.end() :],
        ):
            _add(meeting.speakers, _names_or_groups(who), principal)  # "参加学习并作交流发言"
            continue
        _attendees_or_categories(meeting, who, principal)


# Titles and names run together where a page lost its spaces: "市长田海松市人大常委会主任曹迎春市政协主席张言平".
NAMES_RUN_RE = re.compile(
    rf"{TITLE_ZH}(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?=(?:市|省|县|区|镇|乡)(?:委|人大|政协|政府|纪委)|$)"
)


def _names(item: str) -> list[str]:
    """The person an item names ("岳金林等在家市领导": before 等), else the names of a run of titles and names."""
    run = [m.group("name") for m in NAMES_RUN_RE.finditer(item)]
    if len(run) > 1 and all(zh_name(n) == n for n in run):
        return run
    named = zh_name(re.sub(r"等[^、]*$", "", item))
    return [named] if named else []


def _attendees_or_categories(meeting: Meeting, who: str, principal: set[str]) -> None:
    """Clause by clause, the people a list of attendees names, else the groups it lists."""
    for piece in who.split("，"):
        # "岳金林、...、李宏武等在家市领导": the names before 等 and what they are.
        names = [n for i in _zh_items(piece) for n in _names(i)]
        if names:
            _add(meeting.attendees, names, principal)
        else:
            _add(meeting.attendee_categories, split_zh_list(piece), set())
