"""How narrative reports name the counting vocabulary's kinds and measures, in English and Chinese.

The kinds and measures themselves come from ``cascade.reports.vocabulary`` (KINDS and
MEASURES); this module only says which words stand for them. ``valid`` checks a pair
against the registry, so a phrase can never produce a figure the rollups do not know.
"""

from __future__ import annotations

import re

from cascade.reports.vocabulary import KINDS, MEASURES


def valid(kind: str, measure: str) -> bool:
    return kind in KINDS and measure in MEASURES and measure in KINDS[kind].measures


# --- English ---------------------------------------------------------------------------

# Kind nouns: (kind, measure, pattern). Matched case-insensitively at a word boundary.
EN_KINDS: tuple[tuple[str, str, str], ...] = (
    ("reading_class", "records", r"(?:reading|study) (?:class(?:es)?|retreats?)"),
    (
        "lecture",
        "records",
        r"(?:special )?(?:counsel+ing|tutorial|guidance) (?:report )?(?:meetings?|sessions?|lectures?)"
        r"|report meetings?|(?:special |thematic |topical )?lectures?"
        r"|(?<!cautionary )(?<!admonishing )(?<!warning )(?<!heart-to-heart )(?:guest )?talks",
    ),
    (
        "seminar",
        "records",
        r"seminars?|symposi(?:ums?|a)|discussion sessions?|exchange meetings?|workshops?|panel discussions?",
    ),
    (
        "collective_study",
        "records",
        r"(?:collective|group)[- ](?:stud(?:y|ies)|learning)(?: sessions?)?|stud(?:ied|y|ying) together",
    ),
    (
        "research_topic",
        "records",
        r"research (?:topics?|projects?|subjects?|themes?|questions?)|survey topics?|topics? for research",
    ),
    ("field_visit", "unannounced", r"unannounced (?:field |site )?(?:visits?|inspections?|trips?)"),
    (
        "field_visit",
        "records",
        r"field (?:visits?|trips?)|(?:on-)?site visits?|research trips?|visits(?= to\b)",
    ),
    (
        "steering_group",
        "records",
        r"(?:roving |circuit |touring )?(?:steering|supervision|supervisory|guidance|guiding) (?:groups?|teams?)",
    ),
    ("supervision_visit", "records", r"supervision visits?|supervisory visits?|spot checks?"),
    ("rectification", "records", r"rectification (?:items?|tasks?|measures)"),
    (
        "outreach_event",
        "records",
        r"(?:international |bilateral )?forums?|(?:track[- ]two |think[- ]tank )?dialogues?"
        r"|study tours?|exchange visits?|outreach events?|(?:foreign )?delegations?|receptions?"
        r"|(?:external )?promotion (?:activit(?:y|ies)|events?)",
    ),
    ("directive", "records", r"directives?"),
    ("conference", "records", r"(?:work )?conferences?"),
)

# Measure nouns: (measure, pattern). The kind then comes from an "of ..." phrase or the context.
EN_MEASURES: tuple[tuple[str, str], ...] = (
    ("half_days", r"half[- ]days?"),
    ("days", r"days?"),
    ("rounds", r"rounds?"),
    ("batches", r"batch(?:es)?|cohorts?"),
    ("person_hours", r"person[- ]hours?"),
    (
        "participants",
        r"participants|people|persons|person[- ]times|cadres|(?:party )?members|officials|staff(?: members)?"
        r"|attendees|students|teachers|employees|workers|trainees|guests|visitors|delegates|representatives",
    ),
    (
        "units_supervised",
        r"(?:affiliated |subordinate |grassroots |primary[- ]level )?(?:units|party committees|party branches"
        r"|party organi[sz]ations|embassies|consulates|departments|bureaus|enterprises|subsidiaries|schools"
        r"|colleges|cities|counties|prefectures|institutions|institutes|universities|branches|offices)",
    ),
    # Recommendations and proposals count as measures only once adopted ("14 recommendations adopted").
    (
        "measures_adopted",
        r"(?:policy |concrete |practical )?(?:measures|(?:recommendations|proposals)(?=[^,;.]{0,30}\badopted))",
    ),
    ("records", r"sessions?|times|occasions|editions"),
    (
        "closed",
        r"(?:have|had|has)?\s*(?:now |already )?(?:been|were|are|was) (?:now |already )?(?:verified and )?"
        r"(?:rectified|resolved|closed|completed)",
    ),
    ("open", r"(?:remains?|are still|is still|still) (?:open|being rectified|under rectification)"),
    # How the recipients answered directives ("33 acknowledged, 13 done and 26 overdue").
    ("acknowledged", r"acknowledged"),
    ("done", r"done|carried out"),
    ("overdue", r"overdue|past (?:the |their |its )?deadlines?"),
)

# Bare "questions" or "topics" are research topics only where the sentence speaks of research.
EN_TOPICS = r"(?:(?:key|major|specific|priority) )?(?:topics|questions|subjects)"
EN_RESEARCH_CONTEXT = re.compile(r"research|investigat|survey|look(?:ed)? into|inquir", re.IGNORECASE)
# "894 of them have been resolved".
EN_CLOSED_SHARE = re.compile(
    r"\s+of (?:them|which|these)\s+(?:have|had)?\s*(?:now |already |since )?(?:been|were|are|was) (?:now |already |since )?"
    r"(?:rectified|resolved|closed|completed)",
    re.IGNORECASE,
)
# "31 proposals, 24 of which were adopted".
EN_ADOPTED_SHARE = re.compile(
    r"\s+of (?:them|which|these)\s+(?:have been|had been|were|was)\s+(?:adopted|accepted|put into effect)",
    re.IGNORECASE,
)
# "111 of them attended".
EN_PARTICIPANTS_SHARE = re.compile(
    r"\s+of (?:them|whom)\s+(?:have |had )?(?:attended|took part|participated|joined)", re.IGNORECASE
)
# Problems count as rectification items only where the sentence speaks of rectification.
EN_PROBLEMS = r"(?:problems?|issues?|shortcomings)"
EN_RECTIFICATION_CONTEXT = re.compile(r"rectif|problem list|checklist", re.IGNORECASE)
EN_SUPERVISION_CONTEXT = re.compile(
    r"supervis|steering|guidance group|guiding|inspect|oversee", re.IGNORECASE
)

EN_QUALIFIERS_BEFORE: tuple[tuple[str, str], ...] = (
    ("more than", r"more than|over|upwards of|in excess of|exceeding|above"),
    ("nearly", r"nearly|almost|close to|just under"),
    ("about", r"about|around|approximately|roughly|some"),
    ("at least", r"at least|no fewer than|no less than"),
)
# "2 of them past the deadline".
EN_OVERDUE_SHARE = re.compile(
    r"\s+of (?:them|which|these)\s+(?:are |were |is |was )?(?:now |already |still )?"
    r"(?:past (?:the |their |its )?deadlines?|overdue)",
    re.IGNORECASE,
)
EN_DIRECTIVE_CONTEXT = re.compile(r"directive", re.IGNORECASE)
# People who claimed or led something are not its participants ("claimed by 13 leading cadres").
EN_LEADERS_BEFORE = re.compile(
    r"\b(?:claimed|led|headed|chaired|taken on|undertaken|presided over) by\s+$", re.IGNORECASE
)
# "14 field visits ..., three of which were made without prior notice".
EN_UNANNOUNCED_SHARE = re.compile(
    r"\s+of (?:which|them|these)\s+(?:were |was |had been |have been )?(?:made |paid |conducted )?"
    r"(?:unannounced|without (?:prior |advance )?notice)",
    re.IGNORECASE,
)

# --- Chinese ---------------------------------------------------------------------------

ZH_KINDS: tuple[tuple[str, str, str], ...] = (
    ("reading_class", "records", r"读书班|学习班|专题班"),
    (
        "lecture",
        "records",
        r"辅导报告会?|专题报告会?|报告会|专题讲座|讲座|专题党课|党课|专题辅导|大讲堂|讲堂",
    ),
    ("seminar", "records", r"研讨会|专题研讨|交流研讨|研讨交流|座谈会|(?<!学习)研讨"),
    ("collective_study", "records", r"集体学习|理论学习中心组|中心组学习|中心组|集中学习"),
    ("research_topic", "records", r"调研课题|调研题目|研究课题|调研项目|课题"),
    ("research_topic", "measures_adopted", r"政策措施|改进措施|政策举措|制度措施|管理制度|举措|措施"),
    (
        "field_visit",
        "unannounced",
        r"“?四不两直”?[^，。；\d]{0,8}?(?:调研|走访|暗访|抽查|检查)|暗访|随机抽查|未(?:提前)?打招呼",
    ),
    (
        "field_visit",
        "records",
        r"实地调研|实地走访|调研走访|走访调研|实地考察|蹲点调研|走访|调研(?!组|报告|成果|文章)",
    ),
    ("steering_group", "records", r"巡回指导组|指导组|督导组|督学组|巡回督导组"),
    ("supervision_visit", "records", r"督导检查|督查|督导"),
    (
        "rectification",
        "records",
        r"整改问题|整改事项|整改任务|整改措施|问题清单|(?<!实际|困难|民生|急难)问题(?!专项|整治|线索|导向)",
    ),
    (
        "outreach_event",
        "records",
        r"论坛|对话会?|二轨对话|考察团|考察活动|代表团|交流活动|交流访问|外事活动|参访|来访接待|来访|(?:对外)?宣介活动",
    ),
    (
        "conference",
        "participants",
        r"参加了?(?:本次|这次)?[\u4e00-\u9fff]{0,6}?(?:大会|会议)|出席了?(?:本次|这次)?[\u4e00-\u9fff]{0,6}?(?:大会|会议)|参会",
    ),
    ("conference", "records", r"工作会议"),
    ("directive", "records", r"部署任务"),
)
# Generic study words that, after a named activity in the same sentence, describe that activity.
ZH_GENERIC_STUDY = {"集中学习"}

# Classifiers after a number: (measure, pattern). "records" classifiers need a kind noun.
ZH_CLASSIFIERS: tuple[tuple[str, str], ...] = (
    ("half_days", r"个半天"),
    ("days", r"天|日"),
    ("rounds", r"轮"),
    ("batches", r"批次?"),
    ("participants", r"人次|人|名"),
    ("records", r"期|场|次|个|项|支|条|场次|批"),
    ("units_supervised", r"家|个"),
)
ZH_UNIT_NOUNS = (
    r"部属单位|直属单位|所属单位|基层党组织|党组织|党支部|党委|支部|单位|使领馆|院系|学院|企业|子公司|分公司|市县|地市|部门"
    r"|[局厅委办所院校省市县区]"
)
ZH_PEOPLE_NOUNS = r"党员干部|党员|干部|职工|学员|师生|教师|学生|同志|人员|代表"
# Verbs of taking part, after the people counted (300余人参加会议, 通过视频线上学习) or before them
# (参加座谈人员550人, 累计培训420人次).
ZH_TAKING_PART = re.compile(
    r"参加|參加|参与|參與|参训|參訓|参会|參會|参学|出席|列席|聆听|收听|收看|观看|觀看|(?:线上|在线|集中|现场)学习"
)
ZH_TAKING_PART_BEFORE = re.compile(
    r"(?:参加|參加|参与|參與|出席|参训|參訓|参学|參學|覆盖|覆蓋)[^，,。；;、]{0,8}?"
    r"(?:共计|共計|合计|合計|总计|總計|共|约|約|达|達)?$|(?:培训|培訓)$"
)
ZH_SUPERVISION_CONTEXT = re.compile(r"指导组|督导|督查|巡回|指导")
ZH_RECTIFICATION_CONTEXT = re.compile(r"整改|问题清单|检视|查摆|查找|梳理|发现")
# "已完成整改120个", "已整改销号35个", "完成整改任务1207个", "立行立改问题20个": closed; "其余12个正在整改中": open.
ZH_CLOSED_BEFORE = re.compile(
    r"(?:(?:(?:已|已经)(?:完成|全部)?(?:整改|销号|解决)|完成整改|整改完成)(?:销号|到位|完毕|完成)?|立行立改)"
    r"(?:问题|任务|事项)?$"
)
ZH_OPEN_BEFORE = re.compile(r"(?:其余|其他|尚有|还有|剩余|仍有)$")
# "持续整改问题4个", "未完成5个": open without a word after the count.
ZH_OPEN_ALONE = re.compile(r"(?:持续整改|正在整改|尚在整改|未完成|尚未完成|未整改)(?:问题)?$")
# Measures count as adopted only where the sentence speaks of research (明确23条措施 of a plan is not).
ZH_RESEARCH_CONTEXT = re.compile(r"调研|课题|调查研究|研究成果|研究课题")
ZH_OPEN_AFTER = re.compile(r"(?:问题)?(?:正在|仍在)?(?:整改中|整改|推进|落实中)")

# What a count of rectification items or directives is, said right after its classifier
# ("1项已核验销号", "2项正在整改", "其中2项已超期") or right before its number ("已确认3项", "完成1项", "超期2项").
ZH_STATE_AFTER: tuple[tuple[str, str], ...] = (
    ("closed", r"(?:已|已经)(?:核验|完成|全部)?(?:销号|整改(?:完成|到位|销号)?|解决)"),
    ("open", r"(?:正在|仍在|尚在)整改|整改中"),
    ("overdue", r"(?:已|已经)?(?:超期|逾期)"),
)
ZH_STATE_BEFORE: tuple[tuple[str, str], ...] = (
    ("acknowledged", r"(?:已|已经)?(?:确认|签收)$"),
    ("done", r"(?:已|已经)?(?:完成|办结)$"),
    ("overdue", r"(?:已|已经)?(?:超期|逾期)$"),
)

ZH_QUALIFIERS_BEFORE: tuple[tuple[str, str], ...] = (
    ("more than", r"超过|逾|多达|达到?逾"),
    ("nearly", r"近|将近|接近"),
    ("about", r"约|大约|大概"),
    ("at least", r"至少|不少于"),
)
