"""The Chinese narrative: the same facts, with numbers, measure words and Chinese word order."""

from __future__ import annotations

from collections import Counter
from datetime import date

from cascade.core.models import localized

from .english import days_after_launch
from .facts import Facts, Scope
from .language import date_zh, join_zh, quoted_zh, running
from .links import claimants_url, detail_url, kind_url, seminar_topics_url, supervised_url, units_url
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


def fig(value: int, text: str, url: str, kind: str = "", measure: str = "", aggregate: str = "") -> Figure:
    return Figure(value=int(value), text=text, url=url, kind=kind, measure=measure, aggregate=aggregate)


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

    def figure(self, value: int, text: str, kind: str, measure: str = "records", /, **extra: str) -> Figure:
        """One of the body's figures in the vocabulary, linked to the records it counts."""
        return fig(value, text, self.url(kind, measure, **extra), kind, measure)

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
        return Paragraph(out, heading=name_of(self.facts.unit), scope=self.scope)


def _class_totals(w: Writer) -> None:
    """读书班分组太多的单位：写合计，以及其中的轮次和期数。"""
    f = w.facts
    total = f.value("reading_class")
    parts: list[Segment] = ["共举办", w.figure(total, f"{total}期读书班", "reading_class")]
    among = [
        [label, w.figure(n, f"{n}{unit}", "reading_class", measure)]
        for measure, label, unit in (("rounds", "轮训", "轮"), ("batches", "分批培训", "期"))
        if (n := f.value("reading_class", measure))
    ]
    if among:
        parts.append("，其中")
        for index, item in enumerate(among):
            parts += (["、"] if index else []) + item
    w.add(*parts)


def _study(w: Writer) -> None:
    f = w.facts
    _collective(w, first=True)
    if f.many_classes:
        _class_totals(w)
    same_cohort = Counter(group.cohort for group in f.classes)
    for group in f.classes:
        audience = running(group.audience_zh or group.audience)
        titled = {"title": group.title} if group.cohort and same_cohort[group.cohort] > 1 else {}
        if group.cohort == "round":
            w.add(
                f"面向{audience}" if audience else "",
                "举办",
                w.figure(group.count, f"{group.count}轮读书班", "reading_class", "rounds", **titled),
            )
        elif group.cohort == "batch":
            parts: list[Segment] = [
                "分",
                w.figure(group.count, f"{group.count}期", "reading_class", "batches", **titled),
                f"组织{audience or '干部'}参加读书班",
            ]
            days = sorted(set(group.days_each))
            if len(days) == 1 and days[0]:
                each = "每期" if group.count > 1 else "为期"
                length = fig(
                    days[0],
                    f"{days[0]}天",
                    w.url("reading_class", "batches", **titled),
                    "reading_class",
                    "days",
                    "days_each",
                )
                parts += [f"，{each}", length]
            if group.original:
                parts.append("，完整、原原本本研读必读书目")
            w.add(*parts)
        else:
            parts = [f"举办{audience}读书班"]
            page = detail_url("campaigns:studyactivity_detail", group.pks[0])
            # 只有这一个读书班有时长记录时才写时长，否则会被读成本单位的合计。
            if group.half_days and group.half_days == f.value("reading_class", "half_days"):
                parts += [
                    "，安排",
                    fig(
                        group.half_days,
                        f"{group.half_days}个半天",
                        page,
                        "reading_class",
                        "half_days",
                        "half_days",
                    ),
                    "集中研读",
                ]
            elif group.days_each and group.days_each[0] == f.value("reading_class", "days"):
                d = group.days_each[0]
                parts += ["，为期", fig(d, f"{d}天", page, "reading_class", "days", "days")]
            w.add(*parts)
    lectures = f.value("lecture")
    if lectures:
        special = all(t.lower().startswith("special") for t, _z in f.lecture_titles)
        label = "专题辅导报告会" if special else "辅导报告会"
        series = "系列" if lectures > 1 else ""
        w.add("组织", w.figure(lectures, f"{lectures}场{series}{label}", "lecture"))
    _collective(w, first=False)
    untied = f.value("seminar") - f.seminars_on_topics
    if untied > 0:
        on_topic = "false" if f.seminars_on_topics else ""
        w.add("开展", w.figure(untied, f"{untied}场研讨交流", "seminar", on_topic=on_topic))


def _titled_study(w: Writer, title: str, title_zh: str, day, pk: int) -> tuple[str, Figure]:
    when = f"于{date_zh(day)}" if day else ""
    if day and days_after_launch(w.scope, day) == 1:
        when = f"于启动次日（{date_zh(day)}）"
    text = running(title_zh or title)
    return when, fig(1, text, detail_url("campaigns:studyactivity_detail", pk))


def _collective(w: Writer, *, first: bool) -> None:
    """集体学习：一次有名称的学习（最先写）、同一方式的若干次，或先给总数再说明构成。"""
    f = w.facts
    total = f.value("collective_study")
    titled, approaches = f.collective_titles, f.collective
    named_only = len(titled) == 1 and not approaches
    if not total or first != named_only:
        return
    if named_only:
        when, meeting = _titled_study(w, *titled[0])
        w.add(when, "召开" if "会" in meeting.text else "开展", meeting)
        return
    if len(approaches) == 1 and not titled:
        approach, approach_zh, n = approaches[0]
        w.add(
            approach_zh or approach,
            "开展",
            w.figure(total, f"{total}次集体学习", "collective_study", approach=approach),
        )
        return
    # 多种方式：先给总数，再以“其中”说明构成（构成不是另外的数字）。
    parts: list[list[Segment]] = []
    if len(titled) == 1:
        when, meeting = _titled_study(w, *titled[0])
        parts.append([when, "召开" if "会" in meeting.text else "开展", meeting])
    for approach, approach_zh, n in approaches:
        parts.append(
            [approach_zh or approach, "开展", fig(n, f"{n}次", w.url("collective_study", approach=approach))]
        )
    joined: list[Segment] = ["，其中"] if parts else []
    for item in join_zh(parts, "，"):
        joined.extend(item if isinstance(item, list) else [item])
    w.add("开展", w.figure(total, f"{total}次集体学习", "collective_study"), *joined)


def _supervision(w: Writer) -> None:
    f = w.facts
    groups = f.value("steering_group")
    visits = f.value("supervision_visit")
    if not groups:
        if visits:
            w.add("接受指导组", w.figure(visits, f"{visits}次督导", "supervision_visit"))
        return
    label = "巡回指导组" if f.groups_roving == groups else "指导组"
    parts: list[Segment] = ["派出", w.figure(groups, f"{groups}个{label}", "steering_group")]
    supervised = []
    for kind, abroad, n in f.supervised_by_kind:
        measure, noun = UNIT_KINDS.get((kind, abroad), ("个", "单位"))
        supervised.append(
            fig(
                n,
                f"{n}{measure}{noun}",
                supervised_url(w.scope, kind, abroad),
                "steering_group",
                "units_supervised",
            )
        )
    if supervised:
        parts += ["，督促指导", *join_zh(supervised), "开展主题教育" if w.scope.campaign else "开展工作"]
    if visits:
        parts += ["，已开展", w.figure(visits, f"{visits}次督导", "supervision_visit")]
    w.add(*parts)


def _research(w: Writer) -> None:
    f = w.facts
    topics = f.value("research_topic")
    seminars = f.seminars_on_topics
    if topics:
        topic_fig = w.figure(topics, f"{topics}个调研课题", "research_topic")
        tied = {"on_topic": "true"} if f.value("seminar") > seminars else {}
        if seminars and f.seminar_topics == topics:
            w.add("围绕", topic_fig, "开展", w.figure(seminars, f"{seminars}场专题研讨", "seminar", **tied))
        else:
            w.add(
                "确定",
                topic_fig,
                "，由领导班子成员结合分管工作分别认领" if f.topic_claimants == topics and topics > 1 else "",
            )
            if seminars:
                w.add(
                    "围绕其中",
                    fig(
                        f.seminar_topics,
                        f"{f.seminar_topics}个课题",
                        seminar_topics_url(w.scope),
                    ),
                    "开展",
                    w.figure(seminars, f"{seminars}场专题研讨", "seminar", **tied),
                )
        if f.topic_claimants == topics and topics > 1:
            if seminars and f.seminar_topics == topics:
                w.add("领导班子成员结合分管工作分别认领课题")
        elif f.topic_claimants:
            w.add(
                "课题由",
                fig(
                    f.topic_claimants,
                    f"{f.topic_claimants}位领导干部",
                    claimants_url(w.scope),
                ),
                "结合分管工作认领",
            )
        if f.topic_methods:
            names = "".join(quoted_zh(localized(m, "name", LANG)) for m, _n in f.topic_methods)
            w.add(f"坚持{names}等方法开展调研" if len(f.topic_methods) > 1 else f"采用{names}方法开展调研")
    if f.work_plans:
        titles = "".join(f"《{running(localized(plan, 'title', LANG))}》" for plan in f.work_plans)
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
            places = [running(z or e) for e, z in f.visit_places]
            parts += ["深入", *join_zh(places), "开展"]
        else:
            parts += ["开展"]
        parts.append(w.figure(visits, f"{visits}次实地调研", "field_visit"))
        if unannounced == visits:
            parts.append("，均未提前打招呼" if visits > 1 else "，未提前打招呼")
        elif unannounced:
            parts += [
                "，其中",
                w.figure(unannounced, f"{unannounced}次", "field_visit", "unannounced"),
                "未提前打招呼",
            ]
        w.add(*parts)


def _outreach(w: Writer) -> None:
    f = w.facts
    events = f.value("outreach_event")
    if not events:
        return
    parts: list[Segment] = []
    if f.counterpart_parties:
        parts += [
            "用好同",
            fig(
                f.counterpart_parties,
                f"{f.counterpart_parties}个外国政党",
                w.url("outreach_event", counterpart_kind="party"),
                aggregate="parties",
            ),
            "的沟通渠道，",
        ]
    if len(f.outreach_by_kind) == 1:
        kind, n = f.outreach_by_kind[0]
        measure, noun = OUTREACH.get(kind, ("次", "活动"))
        parts += ["开展", w.figure(n, f"{n}{measure}{noun}", "outreach_event", kind=kind)]
    else:
        # 先给总数，再分类列举：分类数是总数的构成，不是另外的数字。
        kinds = []
        for kind, n in f.outreach_by_kind:
            measure, noun = OUTREACH.get(kind, ("次", "活动"))
            kinds.append(fig(n, f"{n}{measure}{noun}", w.url("outreach_event", kind=kind)))
        parts += [
            "开展",
            w.figure(events, f"{events}场对外交流活动", "outreach_event"),
            "，包括",
            *join_zh(kinds),
        ]
    if not f.counterpart_parties and f.outreach_countries > 1:
        parts += [
            "，涉及",
            fig(
                f.outreach_countries,
                f"{f.outreach_countries}个国家",
                w.url("outreach_event", with_countries="true"),
                aggregate="countries",
            ),
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
    items_fig = w.figure(items, f"{items}项整改问题", "rectification")
    if closed == items:
        w.add(items_fig, "已全部核验销号" if items > 1 else "已核验销号")
        return
    if items == 1:
        w.add(items_fig, "正在整改", "，已超期" if overdue else "")
        return
    parts: list[Segment] = ["检视出的", items_fig, "中，"]
    if closed:
        parts += [w.figure(closed, f"{closed}项", "rectification", "closed"), "已核验销号，"]
    parts += [w.figure(still, f"{still}项", "rectification", "open"), "正在整改"]
    if overdue:
        parts += ["，其中", w.figure(overdue, f"{overdue}项", "rectification", "overdue"), "已超期"]
    w.add(*parts)


def directive_answers(scope: Scope, total: int, values: dict) -> list[Segment]:
    """ "已确认3项，完成1项，超期2项"；尚无的项写明“尚未”，不写成0项。"""
    ack, done, overdue = int(values["acknowledged"]), int(values["done"]), int(values["overdue"])

    def figure(value: int, measure: str) -> Figure:
        return fig(value, f"{value}项", kind_url(scope, "directive", measure), "directive", measure)

    parts: list[Segment] = []
    parts += ["已确认", figure(ack, "acknowledged")] if ack else ["尚未确认"]
    parts += ["，完成", figure(done, "done")] if done else ["，尚未完成"]
    if overdue:
        parts += ["，超期", figure(overdue, "overdue")]
    return parts


def _directives(w: Writer) -> None:
    f = w.facts
    total = f.value("directive")
    if not total:
        return
    who = "连同所属单位" if not w.scope.own and w.facts.unit.numchild > 0 else ""
    w.add(
        who,
        "收到",
        w.figure(total, f"{total}项部署任务", "directive"),
        "，",
        *directive_answers(w.scope, total, f.totals["directive"]),
    )


def _conferences(w: Writer) -> None:
    n = w.facts.value("conference")
    if n:
        w.add("召开", w.figure(n, f"{n}次工作会议", "conference"))


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
    return Paragraph(segments, heading="", scope=scope)


def summary_figures(totals, scope: Scope) -> list[Figure]:
    study = sum(
        int(totals[k]["records"]) for k in ("reading_class", "lecture", "seminar", "collective_study")
    )
    figures = [
        fig(study, f"{study}项学习活动", scope.link("campaigns:studyactivity_list", _date="start_date"))
    ]
    for kind, label in (
        ("research_topic", "个调研课题"),
        ("steering_group", "个指导组"),
        ("outreach_event", "场对外交流活动"),
        ("rectification", "项整改问题"),
    ):
        n = int(totals[kind]["records"])
        figures.append(fig(n, f"{n}{label}", kind_url(scope, kind), kind, "records"))
    return figures


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


def minor_paragraph(facts: Facts) -> Paragraph:
    """其余只有部署任务、督导或整改记录的单位，合为一段（数字为这些单位的合计，不点名具体单位）。"""
    scope = facts.scope
    clauses: list[list[Segment]] = []
    directives = facts.value("directive")
    if directives:
        clauses.append(
            [
                "收到",
                fig(
                    directives,
                    f"{directives}项部署任务",
                    kind_url(scope, "directive"),
                    "directive",
                    "records",
                ),
                "（",
                *directive_answers(scope, directives, facts.totals["directive"]),
                "）",
            ]
        )
    visits = facts.value("supervision_visit")
    if visits:
        clauses.append(
            [
                "接受",
                fig(
                    visits,
                    f"{visits}次督导",
                    kind_url(scope, "supervision_visit"),
                    "supervision_visit",
                    "records",
                ),
            ]
        )
    rectification = facts.value("rectification")
    if rectification:
        clauses.append(
            [
                "检视出",
                fig(
                    rectification,
                    f"{rectification}项整改问题",
                    kind_url(scope, "rectification"),
                    "rectification",
                    "records",
                ),
            ]
        )
    out: list[Segment] = ["其余单位共"]
    for index, clause in enumerate(clauses):
        if index:
            out.append("，")
        out.extend(clause)
    out.append("。")
    return Paragraph(out, heading="", scope=scope)
