"""Constructions of briefings and summary reports: breakdowns, states, counts of units and people, tables."""

import pytest

from cascade.intake.extraction import extract
from cascade.intake.extraction.units import UnitMatcher

MFA = "Ministry of Foreign Affairs"
IDCPC = "International Liaison Department of the CPC Central Committee"
CPIFA = "Chinese People's Institute of Foreign Affairs"


def _keys(text: str, lang: str = "auto") -> list[tuple]:
    return [
        (f.unit, f.kind, f.measure, f.value, f.qualifier)
        for f in extract(text, matcher=UnitMatcher(), lang=lang).facts
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Chinese People's Institute of Foreign Affairs organised 6 outreach events: 3 track-two dialogues, "
        "2 receptions of foreign visitors and 1 forum.",
        "中国人民外交学会开展6场对外交流活动，包括3场二轨对话、2次来访接待和1场论坛。",
    ],
)
def test_breakdown_of_a_figure_is_one_fact(text):
    assert _keys(text) == [(CPIFA, "outreach_event", "records", 6, None)]


def test_chinese_subset_of_a_figure_in_the_next_clause_is_not_another_count():
    text = "外交部确定10个调研课题；围绕其中3个课题开展6场专题研讨。"
    assert _keys(text) == [
        (MFA, "research_topic", "records", 10, None),
        (MFA, "seminar", "records", 6, None),
    ]


def test_chinese_named_subset_stays_a_figure():
    text = "中联部确定调研课题18个，其中重点课题5个。"
    assert _keys(text) == [
        (IDCPC, "research_topic", "records", 18, None),
        (IDCPC, "research_topic", "records", 5, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "中联部调研覆盖全部8个单位，实现全覆盖。",
        "The Department's research reached all 8 units in scope: full coverage.",
    ],
)
def test_count_of_units_covered_is_not_a_count_of_records(text):
    assert _keys(text) == []


def test_leaders_who_claimed_topics_are_not_participants():
    text = "The International Liaison Department identified 28 research topics. The topics were claimed by 13 leading cadres."
    assert _keys(text) == [(IDCPC, "research_topic", "records", 28, None)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Of its 3 rectification items, 1 has been verified and closed and 2 remain open, "
            "2 of them past the deadline.",
            "en",
        ),
        ("外交部检视出的3项整改问题中，1项已核验销号，2项正在整改，其中2项已超期。", "zh"),
    ],
)
def test_rectification_items_by_state(text, lang):
    unit = MFA if lang == "zh" else None
    assert _keys(text, lang) == [
        (unit, "rectification", "records", 3, None),
        (unit, "rectification", "closed", 1, None),
        (unit, "rectification", "open", 2, None),
        (unit, "rectification", "overdue", 2, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of Foreign Affairs received 39 directives: 33 acknowledged, 13 done and 26 overdue.",
        "外交部收到39项部署任务，已确认33项，完成13项，超期26项。",
    ],
)
def test_directives_and_their_answers(text):
    assert _keys(text) == [
        (MFA, "directive", "records", 39, None),
        (MFA, "directive", "acknowledged", 33, None),
        (MFA, "directive", "done", 13, None),
        (MFA, "directive", "overdue", 26, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of Foreign Affairs made 4 field visits.\n\n"
        "Across the other units, the records show 3 supervision visits and 1 rectification item.",
        "外交部开展4次实地调研。\n\n其余单位共接受3次督导，检视出1项整改问题。",
    ],
)
def test_paragraph_on_the_other_units_together_names_no_unit(text):
    assert _keys(text) == [
        (MFA, "field_visit", "records", 4, None),
        (None, "supervision_visit", "records", 3, None),
        (None, "rectification", "records", 1, None),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Figures\n\nUnit\tFigure\tCount\nMFA\treading class: half-days\t14\n"
            "IDCPC\tseminar: records\t42\nOCFAC (whole subtree)\tsteering group: units supervised\t301\n",
            "en",
        ),
        (
            "主要数据\n\n单位\t项目\t数量\n外交部\t读书班: 半天数\t14\n中联部\t专题研讨: 记录数\t42\n"
            "中央外办 (合计)\t指导组: 督导单位数\t301\n",
            "zh",
        ),
        (
            "| Unit | Figure | Count |\n| --- | --- | ---: |\n| MFA | reading class: half-days | 14 |\n"
            "| IDCPC | seminar: records | 42 |\n| OCFAC (whole subtree) | steering group: units supervised | 301 |\n",
            "en",
        ),
    ],
)
def test_figures_table_rows_are_facts(text, lang):
    assert _keys(text, lang) == [
        (MFA, "reading_class", "half_days", 14, None),
        (IDCPC, "seminar", "records", 42, None),
        ("Office of the Central Foreign Affairs Commission", "steering_group", "units_supervised", 301, None),
    ]


def test_table_row_offsets_slice_the_number():
    text = "Unit\tFigure\tCount\nMFA\tresearch topic: records\t10\n"
    (fact,) = extract(text, matcher=UnitMatcher()).facts
    assert (text[fact.start : fact.end], fact.text) == ("10", "10")


def test_tab_separated_line_of_words_is_not_a_table_row():
    assert _keys("The Ministry of Foreign Affairs\tidentified\t10 research topics.") == [
        (MFA, "research_topic", "records", 10, None)
    ]


def test_figures_of_a_list_are_not_a_breakdown():
    text = "The Ministry of Foreign Affairs held seminars at two levels. Leadership: 5 seminars; departments: 3 seminars."
    assert _keys(text) == [
        (MFA, "seminar", "records", 5, None),
        (MFA, "seminar", "records", 3, None),
    ]
