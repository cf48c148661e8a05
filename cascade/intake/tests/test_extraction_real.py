"""The reader on real public reports: every figure (classified or not), readouts in other outlets' styles,
the rules as an ordered list, and the evaluation set of real documents with its set-aside part."""

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cascade.intake.extraction import detect_language, extract
from cascade.intake.extraction.en.figures import RULES as EN_RULES
from cascade.intake.extraction.evaluate import REAL_RULES, REAL_SET_ASIDE, evaluate, score_facts
from cascade.intake.extraction.model import Candidate
from cascade.intake.extraction.rules import SKIP, Rule, run
from cascade.intake.extraction.units import UnitMatcher
from cascade.intake.extraction.zh.figures import RULES as ZH_RULES
from cascade.reports.vocabulary import KINDS

REAL = REAL_RULES.parent


def _run(text: str, **kwargs):
    return extract(text, matcher=UnitMatcher(), **kwargs)


def _figures(extraction) -> list[tuple]:
    return [(f.value, f.qualifier, f.noun) for f in extraction.figures]


# --- every figure ------------------------------------------------------------------------


def test_english_figures_outside_the_vocabulary_are_kept_with_their_noun():
    text = (
        "The province trained more than 600 cadres and 9,168 party members this year, "
        "and public spending fell by 3.373 billion yuan."
    )
    result = _run(text)
    assert result.facts == []
    assert _figures(result) == [
        (600, "more than", "cadres"),
        (9168, None, "party members"),
        (3373000000, None, "yuan"),
    ]
    for figure in result.figures:
        assert text[figure.start : figure.end] == figure.text


def test_chinese_figures_outside_the_vocabulary_are_kept_with_their_noun():
    text = "市委随机抽查了40余名党员干部，区计卫局共征求到意见建议155条，清退违规资金66.57万元。"
    result = _run(text)
    assert result.facts == []
    assert _figures(result) == [(40, "more than", "党员干部"), (155, None, "意见建议"), (665700, None, "元")]
    for figure in result.figures:
        assert text[figure.start : figure.end] == figure.text


@pytest.mark.parametrize(
    "text",
    [
        "增强“四个意识”，从三个方面作了讲解，每年至少听取两次汇报，两个月来，在学院204会议室召开，2 个月才完成。",
        "贯彻党的二十大精神，做到整改完成一项销号一项，王新圩区(一期)整治工程，一是统一学习时间。",
        "It cleaned up four undesirable work styles under the eight-point rules in Room 7-203 at 13:22 over the past five years.",
    ],
)
def test_formulas_lists_spans_and_names_are_no_figures(text):
    result = _run(text)
    assert (result.facts, result.figures) == ([], [])


def test_a_classified_fact_keeps_its_noun_and_the_rule_that_read_it():
    fact = _run("The Ministry of Foreign Affairs held 5 rounds of reading classes.").facts[0]
    assert (fact.kind, fact.measure, fact.value, fact.noun) == (
        "reading_class",
        "rounds",
        5,
        "rounds of reading classes",
    )
    assert fact.rule in {r.name for r in EN_RULES}


def test_parts_named_by_the_facts_head_noun_are_its_breakdown():
    text = "党中央派出25个中央指导组，其中10个组负责指导省(区、市)，15个组负责指导中央和国家机关各部委。"
    result = _run(text)
    assert [(f.kind, f.measure, f.value) for f in result.facts] == [("steering_group", "records", 25)]
    assert result.figures == []


def test_rectification_items_done_and_still_open():
    text = "巡察反馈的697个问题，完成整改688个，基本完成并持续整改问题4个，未完成5个。"
    assert [(f.measure, f.value) for f in _run(text).facts] == [
        ("records", 697),
        ("closed", 688),
        ("open", 4),
        ("open", 5),
    ]


def test_provinces_a_steering_group_supervises():
    text = "中央第10巡回指导组指导督促湖北、湖南两省深入开展政绩观教育。"
    assert [(f.kind, f.measure, f.value) for f in _run(text).facts] == [
        ("steering_group", "units_supervised", 2)
    ]


# --- the rules as a list run by one loop -------------------------------------------------


def test_rules_loop_answers_the_first_rule_that_applies_and_stamps_its_name():
    found = Candidate(None, None, 3, None, 0, 1, "cadres")
    rules = (
        Rule("never", lambda ctx: None),
        Rule("first", lambda ctx: found),
        Rule("second", lambda ctx: SKIP),
    )
    rule, outcome = run(rules, object())
    assert rule.name == "first"
    assert outcome == found._replace(rule="first")
    rule, outcome = run(rules[2:], object())
    assert (rule.name, outcome) == ("second", SKIP)
    assert run((), object()) == (None, None)


def test_every_language_has_its_named_rules_in_order():
    for rules, lang in ((EN_RULES, "en"), (ZH_RULES, "zh")):
        names = [r.name for r in rules]
        assert len(names) == len(set(names))
        assert all(name.startswith(f"{lang}: ") for name in names)
        assert names[-1] == f"{lang}: counted noun"  # the last resort: keep the figure, unclassified


# --- readouts ---------------------------------------------------------------------------


def test_english_readout_held_in_lower_case():
    text = (
        "On the afternoon of August 22, the city office held a special study meeting. Xu Yong, director of "
        "the office, presided over the meeting and delivered a speech. Xu Haojin, members of the study group, "
        "and 4 representatives of party members made exchange speeches. Tang Fangyu, chairman of the CPPCC, "
        "and relevant city-level leaders attended the meeting."
    )
    meeting = _run(text, default_year=2022).meetings[0]
    assert (meeting.name, meeting.start_date) == ("special study meeting", "2022-08-22")
    assert (meeting.presided_by, meeting.principal_speaker) == ("Xu Yong", "Xu Yong")
    assert meeting.speakers == [
        "Xu Haojin",
        "members of the study group",
        "4 representatives of party members",
    ]
    assert meeting.attendees == ["Tang Fangyu"]
    assert meeting.attendee_categories == ["relevant city-level leaders"]


def test_chinese_readout_with_ascii_punctuation_and_roles_in_one_sentence():
    text = (
        "3月23日下午,县委第二巡察组在镇会议中心召开情况反馈大会,会议由镇党委副书记戴旱萍主持,"
        "县委巡察办副主任何凡出席会议并讲话,镇党委书记孙丰云做表态发言,相关部门负责人、党员群众代表参加会议。"
    )
    meeting = _run(text).meetings[0]
    assert (meeting.name, meeting.start_date, meeting.place) == ("情况反馈大会", "--03-23", "镇会议中心")
    assert (meeting.presided_by, meeting.principal_speaker) == ("戴旱萍", "何凡")
    assert meeting.speakers == ["孙丰云"]
    assert meeting.attendee_categories == ["相关部门负责人", "党员群众代表"]


def test_a_report_that_mentions_a_meeting_has_no_readout():
    text = "市委4月13日召开全市主题教育工作会议，启动第一批主题教育。成立11个巡回指导组。"
    assert _run(text).meetings == []


# --- the evaluation set of real documents -------------------------------------------------


def _sources() -> dict[str, dict]:
    with (REAL / "sources.tsv").open(encoding="utf-8") as handle:
        return {row["document"]: row for row in csv.DictReader(handle, delimiter="\t")}


def test_real_set_is_sixty_documents_or_more_half_chinese_each_with_its_source():
    sources = _sources()
    parts = {part: sorted(p.stem for p in (REAL / part).glob("*.txt")) for part in ("rules", "set_aside")}
    names = parts["rules"] + parts["set_aside"]
    assert len(names) >= 60
    assert not set(parts["rules"]) & set(parts["set_aside"])
    langs = [
        detect_language((REAL / sources[n]["part"] / f"{n}.txt").read_text(encoding="utf-8")) for n in names
    ]
    assert langs.count("zh") * 2 >= len(names)
    assert set(sources) == set(names)
    for part, documents in parts.items():
        assert {sources[n]["part"] for n in documents} == {part}
        assert all(sources[n]["source"].startswith("http") for n in documents)
    assert len(parts["set_aside"]) * 4 >= len(names)  # a quarter or more set aside


def test_real_gold_uses_the_counting_vocabulary_and_marks_figures():
    for path in sorted(REAL.glob("*/*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert set(gold) == {"facts", "figures", "meetings"}
        for fact in gold["facts"]:
            assert fact["measure"] in KINDS[fact["kind"]].measures, (path.name, fact)
        for figure in gold["figures"]:
            assert set(figure) == {"unit", "noun", "value", "qualifier"}, (path.name, figure)


def test_scorer_matches_figures_by_value_qualifier_and_noun():
    gold = [
        {"noun": "党员", "value": 40, "qualifier": "more than"},
        {"noun": None, "value": 13, "qualifier": None},
        {"noun": "cadres", "value": 9, "qualifier": None},
    ]
    predicted = [
        {"unit": None, "noun": "党员干部", "value": 40, "qualifier": "more than"},
        {"unit": None, "noun": "", "value": 13, "qualifier": None},
        {"unit": None, "noun": "", "value": 9, "qualifier": None},
        {
            "unit": None,
            "kind": "seminar",
            "measure": "records",
            "value": 9,
            "qualifier": None,
            "noun": "cadres",
        },
    ]
    score, missed, spurious = score_facts(gold, predicted)
    assert (score.true_positives, score.predicted, score.gold) == (2, 4, 3)
    assert missed == [gold[2]]
    assert len(spurious) == 2


def test_rule_writing_part_scores():
    report = evaluate(REAL_RULES)
    assert report.total("strict").f1 >= 0.95
    assert report.total("people").recall >= 0.9
    rules = report.rules()
    assert "zh: counted noun" in rules and "en: counted noun" in rules


def test_eval_command_scores_one_part_and_each_rule():
    out = StringIO()
    call_command("eval_extract", "--set", "rules", "--rules", stdout=out)
    text = out.getvalue()
    assert "OVERALL" in text
    assert "zh: counted noun" in text
    data = StringIO()
    call_command("eval_extract", "--set", "rules", "--json", stdout=data)
    numbers = json.loads(data.getvalue())
    assert {"precision", "recall", "f1"} <= set(numbers["overall"]["people"])
    assert REAL_SET_ASIDE.name == "set_aside"


def test_eval_command_prints_facts_and_people_for_every_set():
    out = StringIO()
    call_command("eval_extract", "--set", "all", stdout=out)
    lines = out.getvalue().splitlines()
    rows = {line.split("│")[1].strip(): line for line in lines if line.startswith("│")}
    assert set(rows) == {"labelled", "rules", "set-aside"}
    assert "people R" in out.getvalue()
