"""The Central Foreign Affairs Work Conference, Beijing, 27-28 December 2023 (seed 004).

People, speakers, attendee categories and themes are those the seed names. Agenda items and
the directives issued from the arrangements (with their statuses) are illustrative.
"""

from datetime import date

from cascade.organization.choices import Rank

SLUG = "central-foreign-affairs-work-conference-2023"
TITLE = "Central Foreign Affairs Work Conference"
TITLE_ZH = "中央外事工作会议"
START = date(2023, 12, 27)
END = date(2023, 12, 28)
VENUE = ("Beijing", "北京")
CONVENED_BY = ("CPC Central Committee", "中共中央")
SUMMARY = (
    "The conference reviewed the historic achievements and valuable experience of major-country diplomacy "
    "with Chinese characteristics in the new era, analysed the international environment and historical "
    "missions of foreign work on the new journey, and made a comprehensive deployment of foreign work at "
    "present and in the period ahead."
)
SUMMARY_ZH = (
    "会议总结新时代中国特色大国外交的历史性成就和宝贵经验，分析新征程上对外工作面临的国际环境和历史使命，"
    "对当前和今后一个时期对外工作作出全面部署。"
)

# Real people, as seed 004 names them.
XI_JINPING = {
    "name": "Xi Jinping",
    "name_zh": "习近平",
    "post": "General Secretary of the CPC Central Committee, President of the State, "
    "Chairman of the Central Military Commission",
    "post_zh": "中共中央总书记、国家主席、中央军委主席",
    "rank": Rank.STATE_LEADER,
}
STANDING_COMMITTEE_POST = (
    "Member of the Standing Committee of the Political Bureau of the CPC Central Committee",
    "中共中央政治局常委",
)
STANDING_COMMITTEE: tuple[tuple[str, str], ...] = (
    ("Li Qiang", "李强"),
    ("Zhao Leji", "赵乐际"),
    ("Wang Huning", "王沪宁"),
    ("Cai Qi", "蔡奇"),
    ("Ding Xuexiang", "丁薛祥"),
    ("Li Xi", "李希"),
)
HAN_ZHENG = {
    "name": "Han Zheng",
    "name_zh": "韩正",
    "post": "Vice President of the State",
    "post_zh": "国家副主席",
    "rank": Rank.STATE_LEADER,
}
WANG_YI = {
    "name": "Wang Yi",
    "name_zh": "王毅",
    "post": "Member of the Political Bureau of the CPC Central Committee, Director of the Office of the "
    "Central Foreign Affairs Commission, Minister of Foreign Affairs",
    "post_zh": "中共中央政治局委员、中央外办主任、外交部部长",
    "rank": Rank.STATE_LEADER,
}

PRINCIPAL_SPEECH = {
    "title": "Important speech at the Central Foreign Affairs Work Conference",
    "title_zh": "在中央外事工作会议上的重要讲话",
    "summary": (
        "Used Xi Jinping Thought on Diplomacy as the guide and made a comprehensive deployment "
        "of foreign work at present and in the period ahead."
    ),
    "summary_zh": "以习近平外交思想为指导，对当前和今后一个时期对外工作作出全面部署。",
}
WANG_YI_SPEECH = {"title": "Speech", "title_zh": "讲话"}
# Speakers the seed does not name: (label, Chinese label).
GROUP_SPEAKERS: tuple[tuple[str, str], ...] = (
    ("responsible comrades of various government departments", "有关部门负责同志"),
    ("representatives of the Permanent Mission to the United Nations", "常驻联合国代表团代表"),
)

# The attendee categories, in the order SCENARIO.md lists them; the seed gives no head counts.
ATTENDEE_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("Members of the Political Bureau", "中共中央政治局委员"),
    ("Members of the Secretariat", "中央书记处书记"),
    ("Relevant leading comrades of the NPC Standing Committee", "全国人大常委会有关领导同志"),
    ("State Councilors", "国务委员"),
    ("President of the Supreme People's Court", "最高人民法院院长"),
    ("Procurator-General of the Supreme People's Procuratorate", "最高人民检察院检察长"),
    ("Relevant leading comrades of the CPPCC National Committee", "全国政协有关领导同志"),
    ("Members of the Central Foreign Affairs Commission", "中央外事工作委员会委员"),
    (
        "Principal responsible comrades of all provinces, autonomous regions, municipalities "
        "and cities under separate state planning",
        "各省、自治区、直辖市和计划单列市主要负责同志",
    ),
    ("Xinjiang Production and Construction Corps", "新疆生产建设兵团"),
    ("Relevant departments of central and state agencies", "中央和国家机关有关部门"),
    ("Relevant people's organizations", "有关人民团体"),
    ("Relevant departments of the Central Military Commission", "中央军委有关部门"),
    ("Some central financial institutions", "部分中央金融机构"),
    ("Ambassadors abroad", "驻外大使"),
    ("Consuls general", "总领事"),
    ("Representatives to international organizations", "驻国际组织代表"),
)

# Agenda for the two days (illustrative: the seed gives no timetable).
AGENDA: tuple[tuple[date, str, str], ...] = (
    (date(2023, 12, 27), "Opening; important speech by Xi Jinping", "开幕；习近平发表重要讲话"),
    (
        date(2023, 12, 28),
        "Speeches by Wang Yi, responsible comrades of various government departments and representatives "
        "of the Permanent Mission to the United Nations",
        "王毅、有关部门负责同志和常驻联合国代表团代表发言",
    ),
    (
        date(2023, 12, 28),
        "Closing: requirements for carrying out the arrangements",
        "闭幕：对贯彻落实会议部署提出要求",
    ),
)

# Themes and arrangements, in SCENARIO.md's order: (theme, Chinese theme, text, Chinese text).
ARRANGEMENTS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Historic achievements and experience of major-country diplomacy",
        "大国外交的历史性成就和经验",
        "The historic achievements and valuable experience of major-country diplomacy with Chinese "
        "characteristics in the new era.",
        "新时代中国特色大国外交的历史性成就和宝贵经验。",
    ),
    (
        "The international environment and the missions ahead",
        "国际环境和历史使命",
        "The international environment and historical missions faced by foreign work on the new journey.",
        "新征程上对外工作面临的国际环境和历史使命。",
    ),
    (
        "A comprehensive deployment of foreign work",
        "全面部署对外工作",
        "A comprehensive deployment of foreign work at present and in the period ahead, guided by Xi Jinping "
        "Thought on Diplomacy.",
        "以习近平外交思想为指导，对当前和今后一个时期对外工作作出全面部署。",
    ),
    (
        "Integrity and innovation",
        "守正创新",
        "Maintain integrity and innovation in diplomacy.",
        "在外交工作中坚持守正创新。",
    ),
    (
        "Ideological and theoretical arming",
        "思想理论武装",
        "Strengthen ideological and theoretical arming.",
        "加强思想理论武装。",
    ),
    (
        "Centralized, unified leadership",
        "集中统一领导",
        "Adhere to the centralized and unified leadership of the Party Central Committee.",
        "坚持党中央集中统一领导。",
    ),
    (
        "Alignment with the goals of Chinese-style modernization",
        "对标中国式现代化目标任务",
        "Guide foreign affairs work with Xi Jinping Thought on Socialism with Chinese Characteristics for a "
        "New Era and align it with the goals and tasks of Chinese-style modernization.",
        "以习近平新时代中国特色社会主义思想指导外事工作，紧紧围绕中国式现代化目标任务。",
    ),
    (
        "Coordination",
        "协调配合",
        "Keep the overall situation in mind, coordinate and cooperate.",
        "胸怀大局，协调配合。",
    ),
    (
        "Implementing the decisions and arrangements on external work to the letter",
        "不折不扣贯彻落实对外工作决策部署",
        "Implement the Party Central Committee's decisions and arrangements on external work to the letter.",
        "不折不扣贯彻落实党中央对外工作决策部署。",
    ),
)

DIRECTIVES_ISSUED_ON = date(2023, 12, 29)
DIRECTIVES_DEADLINE = date(2024, 3, 31)

# Directives to the attending bodies: ``arrangement`` is the 1-based arrangement; ``recipients``
# maps each body's short name to (status, acknowledged on, completed on) (illustrative).
DIRECTIVES: tuple[dict, ...] = (
    {
        "arrangement": 9,
        "title": (
            "Implement the Party Central Committee's decisions and "
            "arrangements on external work to the letter"
        ),
        "title_zh": "不折不扣贯彻落实党中央对外工作决策部署",
        "text": "Study and carry out the spirit of the Central Foreign Affairs Work Conference; report the "
        "measures taken and their progress.",
        "text_zh": "认真学习贯彻中央外事工作会议精神，报告所采取措施及进展情况。",
        "recipients": {
            "MFA": ("in_progress", date(2024, 1, 2), None),
            "IDCPC": ("acknowledged", date(2024, 1, 3), None),
            "CIDCA": ("acknowledged", date(2024, 1, 4), None),
            "CPAFFC": ("in_progress", date(2024, 1, 3), None),
            "CPIFA": ("pending", None, None),
        },
    },
    {
        "arrangement": 5,
        "title": "Strengthen ideological and theoretical arming with Xi Jinping Thought on Diplomacy",
        "title_zh": "以习近平外交思想加强思想理论武装",
        "text": "Organise the study of the conference's spirit and of Xi Jinping Thought on Diplomacy.",
        "text_zh": "组织学习会议精神和习近平外交思想。",
        "recipients": {
            "MFA": ("done", date(2024, 1, 2), date(2024, 2, 28)),
            "IDCPC": ("done", date(2024, 1, 3), date(2024, 3, 8)),
            "CIDCA": ("in_progress", date(2024, 1, 4), None),
            "CPAFFC": ("acknowledged", date(2024, 1, 5), None),
            "CPIFA": ("acknowledged", date(2024, 1, 5), None),
        },
    },
    {
        "arrangement": 6,
        "title": (
            "Uphold the centralized and unified leadership of the Party Central Committee over external work"
        ),
        "title_zh": "坚持党中央对对外工作的集中统一领导",
        "text": (
            "Report on the systems that keep external work under the Party Central Committee's "
            "centralized and unified leadership."
        ),
        "text_zh": "报告落实党中央对对外工作集中统一领导的制度机制情况。",
        "recipients": {
            "MFA": ("acknowledged", date(2024, 1, 2), None),
            "IDCPC": ("in_progress", date(2024, 1, 3), None),
            "CIDCA": ("done", date(2024, 1, 4), date(2024, 3, 20)),
            "CPAFFC": ("acknowledged", date(2024, 1, 8), None),
            "CPIFA": ("acknowledged", date(2024, 1, 8), None),
        },
    },
)

# MFA passes the first directive on to its 36 affiliated units. Statuses cycle through the
# pattern below, one per affiliated unit in tree order (illustrative).
CASCADE_DIRECTIVE = 1
CASCADE_ISSUED_ON = date(2024, 1, 5)
CASCADE_DEADLINE = date(2024, 3, 15)
CASCADE_STATUS_PATTERN: tuple[str, ...] = (
    "done",
    "in_progress",
    "acknowledged",
    "in_progress",
    "done",
    "pending",
)
CASCADE_ACKNOWLEDGED_ON = date(2024, 1, 8)
CASCADE_COMPLETED_ON = date(2024, 3, 1)
