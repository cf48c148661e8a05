"""The Chinese narrative: the same facts, with numbers, measure words and Chinese word order."""

from __future__ import annotations

from datetime import date

from cascade.common.models import localized

from .english import days_after_launch
from .facts import Facts, Scope
from .language import date_zh, join_zh, quoted_zh
from .links import kind_url, units_url
from .model import Figure, Paragraph, Segment

LANG = "zh-hans"

# (unit kind, abroad) -> (measure word, noun)
UNIT_KINDS: dict[tuple[str, bool], tuple[str, str]] = {
    ("party_committee", True): ("个", "驻外使领馆党委"),
    ("party_committee", False): ("个", "党委"),
    ("affiliated_unit", False): ("家", "直属单位"),
    ("affiliated_unit", True): ("家", "直属单位"),
    ("embassy", True): ("个", "驻外使馆"),
    ("consulate", True): ("个", "驻外总领馆"),
    ("bureau", False): ("个", "局"),
    ("department", False): ("个", "司局"),
    ("enterprise", False): ("家", "企业"),
}

OUTREACH: dict[str, tuple[str, str]] = {
    "forum": ("场", "论坛"),
    "dialogue": ("场", "对话"),
    "track_two": ("场", "二轨对话"),
    "reception": ("次", "来访接待"),
    "study_tour": ("次", "考察活动"),
    "exchange": ("次", "交流访问"),
    "promotion": ("次", "对外宣介活动"),
}


def fig(value: int, text: str, url: str) -> Figure:
    return Figure(value=int(value), text=text, url=url)


def name_of(unit) -> str:
    return localized(unit, "name", LANG)


def short_of(unit) -> str:
    return localized(unit, "short_name", LANG) or name_of(unit)


class Writer:
    def __init__(self, facts: Facts, index: int):
        self.facts = facts
        self.scope: Scope = facts.scope
        self.index = index
        self.clauses: list[list[Segment]] = []

    def add(self, *segments: Segment) -> None:
        parts = [s for s in segments if s != ""]
        if parts:
            self.clauses.append(parts)

    def url(self, record_kind: str, measure: str = "records", /, **extra: str) -> str:
        return kind_url(self.scope, record_kind, measure, **extra)

    def paragraph(self) -> Paragraph:
        """Clauses joined into sentences of two or three clauses ("，" within, "。" at the end)."""
        out: list[Segment] = [name_of(self.facts.unit)]
        per_sentence = 2 + self.index % 2
        for number, clause in enumerate(self.clauses):
            if number and number % per_sentence == 0:
                out.append("。")
            elif number:
                out.append("；")
            out.extend(clause)
        out.append("。")
        return Paragraph(out, heading=name_of(self.facts.unit))


def _study(w: Writer) -> None:
    f = w.facts
    if len(f.collective_titles) == 1:
        title, title_zh, day = f.collective_titles[0]
        when = f"于{date_zh(day)}" if day else ""
        if day and days_after_launch(w.scope, day) == 1:
            when = f"于启动次日（{date_zh(day)}）"
        text = title_zh or title
        w.add(when, "召开" if "会" in text else "开展", fig(1, text, w.url("collective_study")))
    for group in f.classes:
        audience = group.audience_zh or group.audience
        if group.cohort == "round":
            w.add(
                f"面向{audience}" if audience else "",
                "举办",
                fig(group.count, f"{group.count}轮读书班", w.url("reading_class", "rounds")),
            )
        elif group.cohort == "batch":
            parts: list[Segment] = [
                "分",
                fig(group.count, f"{group.count}期", w.url("reading_class", "batches")),
                f"组织{audience or '干部'}参加读书班",
            ]
            days = sorted(set(group.days_each))
            if len(days) == 1 and days[0]:
                each = "每期" if group.count > 1 else "为期"
                parts += [f"，{each}", fig(days[0], f"{days[0]}天", w.url("reading_class", "batches"))]
            elif days and days[-1]:
                parts += [
                    "，每期",
                    fig(days[0], str(days[0]), w.url("reading_class", "batches")),
                    "至",
                    fig(days[-1], f"{days[-1]}天", w.url("reading_class", "batches")),
                ]
            if group.original:
                parts.append("，完整、原原本本研读必读书目")
            w.add(*parts)
        else:
            parts = [f"举办{audience}读书班"]
            if group.half_days:
                parts += [
                    "，安排",
                    fig(group.half_days, f"{group.half_days}个半天", w.url("reading_class")),
                    "集中研读",
                ]
            elif group.days_each and group.days_each[0]:
                d = group.days_each[0]
                parts += ["，为期", fig(d, f"{d}天", w.url("reading_class"))]
            w.add(*parts)
    lectures = f.value("lecture")
    if lectures:
        special = all(t.lower().startswith("special") for t, _z in f.lecture_titles)
        label = "专题辅导报告会" if special else "辅导报告会"
        series = "系列" if lectures > 1 else ""
        w.add("组织", fig(lectures, f"{lectures}场{series}{label}", w.url("lecture")))
    for approach, approach_zh, n in f.collective:
        w.add(approach_zh or approach, "开展", fig(n, f"{n}次集体学习", w.url("collective_study")))
    untied = f.value("seminar") - f.seminars_on_topics
    if untied > 0:
        w.add("开展", fig(untied, f"{untied}场研讨交流", w.url("seminar")))


def _supervision(w: Writer) -> None:
    f = w.facts
    groups = f.value("steering_group")
    if not groups:
        visits = f.value("supervision_visit")
        if visits:
            w.add("接受指导组", fig(visits, f"{visits}次督导", w.url("supervision_visit")))
        return
    label = "巡回指导组" if f.groups_roving == groups else "指导组"
    parts: list[Segment] = ["派出", fig(groups, f"{groups}个{label}", w.url("steering_group"))]
    supervised = []
    for kind, abroad, n in f.supervised_by_kind:
        measure, noun = UNIT_KINDS.get((kind, abroad), ("个", "单位"))
        supervised.append(fig(n, f"{n}{measure}{noun}", units_url(w.scope, kind)))
    if supervised:
        parts += ["，督促指导", *join_zh(supervised), "开展主题教育" if w.scope.campaign else "开展工作"]
    if f.group_visits:
        parts += ["，已开展", fig(f.group_visits, f"{f.group_visits}次督导", w.url("supervision_visit"))]
    w.add(*parts)


def _research(w: Writer) -> None:
    f = w.facts
    topics = f.value("research_topic")
    seminars = f.seminars_on_topics
    if topics:
        topic_fig = fig(topics, f"{topics}个调研课题", w.url("research_topic"))
        if seminars and f.seminar_topics == topics:
            w.add("围绕", topic_fig, "开展", fig(seminars, f"{seminars}场专题研讨", w.url("seminar")))
        else:
            w.add(
                "确定",
                topic_fig,
                "，由领导班子成员结合分管工作分别认领" if f.topic_claimants == topics and topics > 1 else "",
            )
            if seminars:
                w.add(
                    "围绕其中",
                    fig(f.seminar_topics, f"{f.seminar_topics}个课题", w.url("seminar")),
                    "开展",
                    fig(seminars, f"{seminars}场专题研讨", w.url("seminar")),
                )
        if f.topic_claimants == topics and topics > 1:
            if seminars and f.seminar_topics == topics:
                w.add("领导班子成员结合分管工作分别认领课题")
        elif f.topic_claimants:
            w.add(
                "课题由",
                fig(f.topic_claimants, f"{f.topic_claimants}位领导干部", w.url("research_topic")),
                "结合分管工作认领",
            )
        if f.topic_methods:
            names = "".join(quoted_zh(localized(m, "name", LANG)) for m, _n in f.topic_methods)
            w.add(f"坚持{names}等方法开展调研" if len(f.topic_methods) > 1 else f"采用{names}方法开展调研")
    if f.work_plans:
        titles = "".join(f"《{localized(plan, 'title', LANG)}》" for plan in f.work_plans)
        standards = [localized(plan, "standard", LANG) for plan in f.work_plans]
        standards = [quoted_zh(x) for x in standards if x]
        w.add(f"制定印发{titles}", f"，按照{'、'.join(standards)}的标准开展工作" if standards else "")
    coverage = (f.coverage or {}).get("research_topic")
    if topics and coverage and coverage["in_scope"] > 1 and coverage["covered"] == coverage["in_scope"]:
        w.add(
            "调研覆盖全部",
            fig(coverage["in_scope"], f"{coverage['in_scope']}个单位", units_url(w.scope)),
            "，实现全覆盖",
        )
    visits = f.value("field_visit")
    if visits:
        unannounced = f.value("field_visit", "unannounced")
        parts: list[Segment] = ["领导班子成员带队" if f.visit_leaders else ""]
        if len(f.visit_places) <= 3:
            places = [z or e for e, z in f.visit_places]
            parts += ["深入", *join_zh(places), "开展"]
        else:
            parts += ["开展"]
        parts.append(fig(visits, f"{visits}次实地调研", w.url("field_visit")))
        if unannounced == visits:
            parts.append("，均未提前打招呼" if visits > 1 else "，未提前打招呼")
        elif unannounced:
            parts += [
                "，其中",
                fig(unannounced, f"{unannounced}次", w.url("field_visit", "unannounced")),
                "未提前打招呼",
            ]
        w.add(*parts)


def _outreach(w: Writer) -> None:
    f = w.facts
    events = f.value("outreach_event")
    if not events:
        return
    kinds = []
    for kind, n in f.outreach_by_kind:
        measure, noun = OUTREACH.get(kind, ("次", "活动"))
        kinds.append(fig(n, f"{n}{measure}{noun}", w.url("outreach_event", kind=kind)))
    parts: list[Segment] = []
    if f.counterpart_parties:
        parts += [
            "用好同",
            fig(f.counterpart_parties, f"{f.counterpart_parties}个外国政党", w.url("outreach_event")),
            "的沟通渠道，",
        ]
    if len(kinds) == 1:
        parts += ["开展", kinds[0]]
    else:
        parts += [
            "开展",
            fig(events, f"{events}场对外交流活动", w.url("outreach_event")),
            "，包括",
            *join_zh(kinds),
        ]
    if not f.counterpart_parties and f.outreach_countries > 1:
        parts += [
            "，涉及",
            fig(f.outreach_countries, f"{f.outreach_countries}个国家", w.url("outreach_event")),
        ]
    w.add(*parts)


def _rectification(w: Writer) -> None:
    f = w.facts
    items = f.value("rectification")
    if not items:
        return
    closed = f.value("rectification", "closed")
    still = f.value("rectification", "open")
    overdue = f.value("rectification", "overdue")
    items_fig = fig(items, f"{items}项整改问题", w.url("rectification"))
    if closed == items:
        w.add(items_fig, "已全部核验销号")
        return
    if items == 1:
        w.add(items_fig, "正在整改", "，已超期" if overdue else "")
        return
    parts: list[Segment] = ["检视出的", items_fig, "中，"]
    if closed:
        parts += [fig(closed, f"{closed}项", w.url("rectification", "closed")), "已核验销号，"]
    parts += [fig(still, f"{still}项", w.url("rectification")), "正在整改"]
    if overdue:
        parts += ["，其中", fig(overdue, f"{overdue}项", w.url("rectification")), "已超期"]
    w.add(*parts)


def _directives(w: Writer) -> None:
    f = w.facts
    total = f.value("directive")
    if not total:
        return
    ack = f.value("directive", "acknowledged")
    done = f.value("directive", "done")
    overdue = f.value("directive", "overdue")
    parts: list[Segment] = [
        "收到",
        fig(total, f"{total}项部署任务", w.url("directive")),
        "，已确认",
        fig(ack, f"{ack}项", w.url("directive", "acknowledged")),
        "，完成",
        fig(done, f"{done}项", w.url("directive", "done")),
    ]
    if overdue:
        parts += ["，超期", fig(overdue, f"{overdue}项", w.url("directive"))]
    w.add(*parts)


def _conferences(w: Writer) -> None:
    n = w.facts.value("conference")
    if n:
        w.add("召开", fig(n, f"{n}次会议", w.url("conference")))


def body_paragraph(facts: Facts, index: int) -> Paragraph:
    w = Writer(facts, index)
    _study(w)
    _supervision(w)
    _research(w)
    _outreach(w)
    _conferences(w)
    _rectification(w)
    _directives(w)
    return w.paragraph()


def opening(
    *,
    unit,
    campaign,
    requirements: list[str],
    goals: list[str],
    figures: dict,
    scope: Scope,
    period_text: str,
    bodies: int,
) -> Paragraph:
    units = figures["units"]
    units_fig = fig(units, f"{units}个单位", units_url(scope))
    segments: list[Segment] = []
    if campaign is not None:
        title = localized(campaign, "title", LANG)
        launched = campaign.launched_on or campaign.start_date
        segments.append(f"{date_zh(launched)}{title}启动以来，{name_of(unit)}")
        if units > 1:
            segments += ["及所属单位（共", units_fig, "）"]
        segments.append("紧密结合自身工作认真组织实施")
        if requirements:
            segments.append(f"，紧扣{quoted_zh('、'.join(requirements))}总要求")
        if goals:
            segments.append(f"，努力在{'、'.join(goals)}上取得实效")
        segments.append("。")
    else:
        if units > 1:
            segments += [f"本简报汇总{name_of(unit)}及所属单位（共", units_fig, "）记录在案的工作情况。"]
        else:
            segments.append(f"本简报汇总{name_of(unit)}记录在案的工作情况。")
    totals = [f for f in figures["summary"] if f.value]
    if totals:
        segments += [f"{period_text}，各单位记录显示共有", *join_zh(totals), "。"]
    return Paragraph(segments, heading="")


def summary_figures(totals, scope: Scope) -> list[Figure]:
    study = sum(
        int(totals[k]["records"]) for k in ("reading_class", "lecture", "seminar", "collective_study")
    )
    items = [
        (study, "项学习活动", scope.link("campaigns:studyactivity_list", _date="start_date")),
        (totals["research_topic"]["records"], "个调研课题", kind_url(scope, "research_topic")),
        (totals["steering_group"]["records"], "个指导组", kind_url(scope, "steering_group")),
        (totals["outreach_event"]["records"], "场对外交流活动", kind_url(scope, "outreach_event")),
        (totals["rectification"]["records"], "项整改问题", kind_url(scope, "rectification")),
    ]
    return [fig(int(n), f"{int(n)}{label}", url) for n, label, url in items]


def period_phrase(period, as_of: date) -> str:
    if period is not None and period.start and period.end:
        return f"{date_zh(period.start)}至{date_zh(period.end)}期间"
    if period is not None and period.end:
        return f"截至{date_zh(period.end)}"
    if period is not None and period.start:
        return f"{date_zh(period.start)}以来"
    return "总体看"


def title(unit, campaign) -> str:
    name = name_of(unit)
    if campaign is None:
        return f"{name}工作情况简报"
    return f"{name}{localized(campaign, 'title', LANG)}情况简报"


def minor_paragraph(bodies: list[Facts], scope: Scope) -> Paragraph:
    """其余只有部署任务、督导或整改记录的单位，合为一段（数字为这些单位的合计）。"""

    def total(kind: str, measure: str = "records") -> int:
        return sum(f.value(kind, measure) for f in bodies)

    clauses: list[list[Segment]] = []
    directives = total("directive")
    if directives:
        acknowledged, done = total("directive", "acknowledged"), total("directive", "done")
        clauses.append(
            [
                "收到",
                fig(directives, f"{directives}项部署任务", kind_url(scope, "directive")),
                "（已确认",
                fig(acknowledged, f"{acknowledged}项", kind_url(scope, "directive", "acknowledged")),
                "，完成",
                fig(done, f"{done}项", kind_url(scope, "directive", "done")),
                "）",
            ]
        )
    visits = total("supervision_visit")
    if visits:
        clauses.append(["接受", fig(visits, f"{visits}次督导", kind_url(scope, "supervision_visit"))])
    rectification = total("rectification")
    if rectification:
        clauses.append(
            [
                "有",
                fig(rectification, f"{rectification}项整改问题", kind_url(scope, "rectification")),
                "正在整改",
            ]
        )
    out: list[Segment] = ["其余", fig(len(bodies), f"{len(bodies)}个单位", units_url(scope)), "共"]
    for index, clause in enumerate(clauses):
        if index:
            out.append("，")
        out.extend(clause)
    out.append("。")
    return Paragraph(out, heading="")
