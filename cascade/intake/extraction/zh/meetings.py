"""Meetings in Chinese readouts: name, dates, place, principal speaker, presider, attendees, speakers,
attendee categories."""

from __future__ import annotations

import re

from ..meetings import _add, _sentences, zh_dates, zh_name
from ..model import Meeting
from ..numbers import ZH_NUMERAL_CHARS as ZH_NUMERALS

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


ZH_MEETING_RE = re.compile(
    r"(?:^|(?<=[。；，\n]))(?:\d{4}年度?)?(?P<name>[\u4e00-\u9fff“”]{2,30}?(?:\d{4}年度?[\u4e00-\u9fff]{0,10}?)?(?:工作会议|会议|大会|座谈会|推进会|部署会|论坛|全会))"
    r"(?=(?:于)?(?:\d{4}年)?\d{1,2}月|在)"
)


def extract_meetings(text: str, year: int | None) -> list[Meeting]:
    return _chinese(text, year)


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
