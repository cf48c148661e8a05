"""The 2023 thematic-education campaign on the foreign-affairs front (seed 000, dated 2023-05-23).

Figures and phrases come from the seed. Where the seed gives a count but no names or dates
(topics, seminars, study tours...), titles and dates below are illustrative and fall in the
campaign period (April to May 2023).
"""

from datetime import date

SLUG = "theme-education-2023"
TITLE = "Thematic education on Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era"
TITLE_ZH = "学习贯彻习近平新时代中国特色社会主义思想主题教育"
DESCRIPTION = (
    "Thematic education on the foreign-affairs front: study of the Party's innovative theory, "
    "large-scale research, rectification, and practice in diplomatic and foreign affairs work."
)
DESCRIPTION_ZH = "外事战线开展主题教育：学习党的创新理论，大兴调查研究，抓好检视整改，推动外交外事工作实践。"
START = date(2023, 4, 1)
END = date(2023, 8, 31)
LAUNCHED_ON = date(2023, 4, 3)

# General requirements and goals: (English, Chinese), in the seed's order.
REQUIREMENTS: tuple[tuple[str, str], ...] = (
    ("learning ideas", "学思想"),
    ("strengthening party spirit", "强党性"),
    ("emphasizing practice", "重实践"),
    ("making new achievements", "建新功"),
)
GOALS: tuple[tuple[str, str], ...] = (
    ("learning to build the soul", "以学铸魂"),
    ("learning to increase wisdom", "以学增智"),
    ("learning to be positive", "以学正风"),
    ("learning to promote performance", "以学促干"),
)
PHASES: tuple[tuple[str, str, date, date], ...] = (
    ("Theoretical study and research", "理论学习和调查研究", date(2023, 4, 1), date(2023, 6, 30)),
    ("Review, rectification and summing-up", "检视整改和总结评估", date(2023, 6, 1), date(2023, 8, 31)),
)

# Required readings of the thematic education.
READINGS: tuple[tuple[str, str], ...] = (
    ("Selected Readings from the Works of Xi Jinping, Volume I", "《习近平著作选读》第一卷"),
    ("Selected Readings from the Works of Xi Jinping, Volume II", "《习近平著作选读》第二卷"),
    (
        "Excerpts from Xi Jinping's Discourses on Xi Jinping Thought on Socialism with Chinese "
        "Characteristics for a New Era",
        "《习近平新时代中国特色社会主义思想专题摘编》",
    ),
    ("Study Outline of Xi Jinping Thought on Diplomacy", "《习近平外交思想学习纲要》"),
)

# The narrative report of seed 000, stored verbatim in data/seed_000.txt.
REPORT_TITLE = "Thematic education on the foreign affairs front"
REPORT_DATED = date(2023, 5, 23)

# --- Office of the Central Foreign Affairs Commission --------------------------------------

OCFAC_READING_CLASS = {
    "title": "Reading class for all staff",
    "title_zh": "全员读书班",
    "audience": "all staff",
    "audience_zh": "全体干部职工",
    "rounds": 5,
    "first_start": date(2023, 4, 10),  # one round a week, Monday to Friday
}

OCFAC_LECTURES: tuple[tuple[str, str, date], ...] = (
    (
        "Special counselling report meeting on Xi Jinping Thought on Diplomacy",
        "习近平外交思想专题辅导报告会",
        date(2023, 4, 14),
    ),
    (
        "Special counselling report meeting on the Party's innovative theory",
        "党的创新理论专题辅导报告会",
        date(2023, 4, 28),
    ),
    (
        "Special counselling report meeting on the spirit of the 20th National Congress of the CPC",
        "党的二十大精神专题辅导报告会",
        date(2023, 5, 12),
    ),
)

OCFAC_COLLECTIVE_STUDIES: tuple[tuple[str, str, date], ...] = (
    (
        "Collective study of Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era",
        "习近平新时代中国特色社会主义思想集体学习",
        date(2023, 4, 20),
    ),
    ("Collective study of Xi Jinping Thought on Diplomacy", "习近平外交思想集体学习", date(2023, 5, 11)),
)
OCFAC_COLLECTIVE_APPROACH = ("combined with seminars and exchanges", "与研讨交流相结合")

OCFAC_SEMINARS: tuple[tuple[str, str, date], ...] = (
    (
        "Seminar and exchange on applying the Party's innovative theory to foreign affairs work",
        "运用党的创新理论指导外事工作研讨交流",
        date(2023, 4, 21),
    ),
    (
        "Seminar and exchange on large-scale research for better performance of duties",
        "围绕更好履职尽责大兴调查研究研讨交流",
        date(2023, 5, 18),
    ),
)

OCFAC_WORK_PLANS: tuple[dict, ...] = (
    {
        "kind": "study",
        "title": "Plan for large-scale study, research and training",
        "title_zh": "大学习、大调研、大培训工作安排",
        "issued_on": date(2023, 4, 6),
        "focus": "Study of the Party's innovative theory, research on better performance of duties, "
        "training to improve the quality and efficiency of work",
        "focus_zh": "围绕党的创新理论大学习，围绕更好履职尽责大调研，围绕提高工作质效大培训",
    },
    {
        "kind": "research",
        "title": (
            "Research work plans on long-term, key and difficult "
            "issues of diplomatic and foreign affairs work"
        ),
        "title_zh": "外交外事工作战略性长期性和重点难点问题调研工作方案",
        "issued_on": date(2023, 4, 12),
        "focus": "Strategic, long-term, key and difficult issues of diplomatic and foreign affairs work",
        "focus_zh": "外交外事工作战略性、长期性和重点难点问题",
    },
)

# Problems found in the inspection, put right at OCFAC. ``owner`` and ``verifier`` are
# indexes into the OCFAC leadership (1-based); ``moves`` are (status, date) after opening.
OCFAC_INSPECTION_ITEMS: tuple[dict, ...] = (
    {
        "problem": (
            "Study of the Party's innovative theory not yet systematic and deep enough in some departments"
        ),
        "problem_zh": "部分部门学习党的创新理论的系统性、深入性还不够",
        "measures": "A study list for every department; progress checked through the reading classes.",
        "owner": 1,
        "opened_on": date(2023, 4, 20),
        "deadline": date(2023, 7, 31),
        "moves": (),
    },
    {
        "problem": "Research on strategic, long-term issues not closely enough tied to the needs of practice",
        "problem_zh": "对战略性长期性问题的研究与实践需要结合还不够紧密",
        "measures": (
            "Research topics set against the problems of practice; results reviewed by the leadership."
        ),
        "owner": 2,
        "opened_on": date(2023, 4, 20),
        "deadline": date(2023, 6, 30),
        "moves": (("in_progress", date(2023, 4, 28)),),
    },
    {
        "problem": "Too many meetings and documents in some work processes",
        "problem_zh": "部分工作环节会议和文件偏多",
        "measures": "Meetings merged and shortened; documents cut by a set quota.",
        "owner": 3,
        "verifier": 1,
        "opened_on": date(2023, 4, 20),
        "deadline": date(2023, 5, 31),
        "moves": (
            ("in_progress", date(2023, 4, 25)),
            ("submitted", date(2023, 5, 15)),
            ("verified", date(2023, 5, 19)),
        ),
    },
)

# --- Ministry of Foreign Affairs -------------------------------------------------------------

MFA_PARTY_COMMITTEE_MEETING = {
    "title": "Party Committee meeting to study the spirit of General Secretary Xi Jinping's important speech",
    "title_zh": "部党委会议学习领会习近平总书记重要讲话精神",
    "audience": "members of the Party Committee of the Ministry",
    "audience_zh": "部党委委员",
    "date": date(2023, 4, 4),  # at once after the launch meeting of 3 April
}

MFA_READING_CLASS = {
    "title": "Reading class for the Party Committee of the Ministry",
    "title_zh": "部党委读书班",
    "audience": "members of the Party Committee of the Ministry",
    "audience_zh": "部党委委员",
    "session_hours": "3.5",
    # 14 half-days of concentrated reading.
    "dates": (
        date(2023, 4, 10),
        date(2023, 4, 11),
        date(2023, 4, 13),
        date(2023, 4, 17),
        date(2023, 4, 18),
        date(2023, 4, 20),
        date(2023, 4, 24),
        date(2023, 4, 25),
        date(2023, 5, 8),
        date(2023, 5, 9),
        date(2023, 5, 11),
        date(2023, 5, 15),
        date(2023, 5, 16),
        date(2023, 5, 18),
    ),
}

STEERING_GROUPS = 5
STEERING_GROUPS_SENT_ON = date(2023, 4, 17)  # sent out once the campaign was under way
STEERING_GROUP_NAME = ("Roving Steering Group {n}", "第{zh}巡回指导组")

RESEARCH_METHODS: tuple[dict, ...] = (
    {
        "code": "four-nos-two-straights",
        "name": "four nos and two straights",
        "name_zh": "四不两直",
        "description": (
            "unannounced, direct field visits: no notice, no greeting, no accompaniment, "
            "no reception; go straight to the grassroots and the scene"
        ),
        "description_zh": "不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场",
    },
    {
        "code": "symposium",
        "name": "symposiums and talks",
        "name_zh": "座谈交流",
        "description": "symposiums and talks with cadres, experts and the public concerned",
        "description_zh": "召开座谈会，同干部、专家和有关群众交流",
    },
    {
        "code": "dissecting-a-sparrow",
        "name": "dissecting a sparrow",
        "name_zh": "解剖麻雀",
        "description": "in-depth study of one typical case to understand the whole",
        "description_zh": "深入剖析典型案例，以点带面",
    },
)

# The 10 research topics of MFA, one per Party Committee member, tied to the work in their charge.
MFA_TOPICS: tuple[dict, ...] = (
    {
        "work_area": "overall work and Party building",
        "work_area_zh": "全面工作和党的建设",
        "title": "Strengthening the centralized and unified leadership of the Party Central Committee "
        "over diplomatic work",
        "title_zh": "加强党中央对外交工作集中统一领导研究",
    },
    {
        "work_area": "neighbourhood diplomacy and Asian affairs",
        "work_area_zh": "周边外交和亚洲事务",
        "title": (
            "Deepening good-neighbourly relations and a community with a shared future in the neighbourhood"
        ),
        "title_zh": "深化睦邻友好、构建周边命运共同体研究",
    },
    {
        "work_area": "European and Central Asian affairs",
        "work_area_zh": "欧亚和中亚事务",
        "title": "Advancing cooperation with Central Asian countries under new circumstances",
        "title_zh": "新形势下推进同中亚国家合作研究",
    },
    {
        "work_area": "relations with major countries",
        "work_area_zh": "大国关系",
        "title": (
            "Promoting a framework of major-country relations featuring "
            "overall stability and balanced development"
        ),
        "title_zh": "推动构建总体稳定、均衡发展的大国关系框架研究",
    },
    {
        "work_area": "African, West Asian and North African affairs",
        "work_area_zh": "非洲和西亚北非事务",
        "title": "Implementing the outcomes of China-Africa and China-Arab States cooperation",
        "title_zh": "落实中非、中阿合作成果研究",
    },
    {
        "work_area": "Latin American and Caribbean affairs",
        "work_area_zh": "拉美和加勒比事务",
        "title": "Deepening all-round cooperation with Latin American and Caribbean countries",
        "title_zh": "深化同拉美和加勒比国家全方位合作研究",
    },
    {
        "work_area": "multilateral affairs and international organizations",
        "work_area_zh": "多边事务和国际组织",
        "title": "Taking an active part in reforming and building the global governance system",
        "title_zh": "积极参与全球治理体系改革和建设研究",
    },
    {
        "work_area": "international economic affairs and Belt and Road cooperation",
        "work_area_zh": "国际经济事务和“一带一路”合作",
        "title": "Serving high-quality Belt and Road cooperation through diplomacy",
        "title_zh": "以外交服务高质量共建“一带一路”研究",
    },
    {
        "work_area": "consular work and the protection of Chinese citizens abroad",
        "work_area_zh": "领事工作和海外中国公民保护",
        "title": "Improving the mechanisms of consular protection and assistance",
        "title_zh": "完善领事保护与协助工作机制研究",
    },
    {
        "work_area": "cadre team building and the management of missions abroad",
        "work_area_zh": "干部队伍建设和驻外机构管理",
        "title": "Strengthening Party building in embassies and consulates abroad",
        "title_zh": "加强驻外使领馆党的建设研究",
    },
)
MFA_TOPICS_STARTED_ON = date(2023, 4, 14)

# Unannounced field visits for some MFA topics: ``topic`` is the 1-based topic (and member) index.
MFA_FIELD_VISITS: tuple[dict, ...] = (
    {
        "topic": 9,
        "visited": "12308 consular protection and service hotline",
        "visited_zh": "12308领事保护与服务应急呼叫中心",
        "visited_unit": "Department of Consular Affairs",
        "date": date(2023, 4, 26),
    },
    {
        "topic": 10,
        "visited": "China Foreign Affairs University",
        "visited_zh": "外交学院",
        "visited_unit": "China Foreign Affairs University",
        "date": date(2023, 5, 5),
    },
    {
        "topic": 8,
        "visited": "An enterprise with projects abroad (illustrative)",
        "visited_zh": "某涉外项目企业（示例）",
        "visited_unit": None,
        "date": date(2023, 5, 10),
    },
    {
        "topic": 2,
        "visited": "A border port (illustrative)",
        "visited_zh": "某边境口岸（示例）",
        "visited_unit": None,
        "date": date(2023, 5, 17),
    },
)

# Supervision visits by the roving steering groups (illustrative): ``unit`` None means the
# first affiliated unit assigned to the group.
SUPERVISION_VISITS: tuple[dict, ...] = (
    {
        "group": 1,
        "unit": "demo-embassy",
        "date": date(2023, 5, 10),
        "mode": "interview",
        "summary": "Talks by video link with the members of the party committee; study records reviewed.",
        "feedback": "Keep the study records of every party branch complete and up to date.",
        "feedback_on": date(2023, 5, 12),
        "finding": {
            "description": "Study records of two party branches incomplete for April.",
            "description_zh": "两个党支部4月份学习记录不完整",
            "severity": "low",
            "deadline": date(2023, 6, 15),
            "moves": (("in_progress", date(2023, 5, 15)),),
        },
    },
    {
        "group": 2,
        "unit": None,
        "date": date(2023, 5, 8),
        "mode": "sitting_in",
        "summary": "Sat in on a collective study session of the unit's party organisation.",
        "feedback": "",
        "feedback_on": None,
        "finding": None,
    },
    {
        "group": 3,
        "unit": None,
        "date": date(2023, 5, 16),
        "mode": "unannounced",
        "summary": "Unannounced visit; talks with cadres on the unit's research topics.",
        "feedback": "",
        "feedback_on": None,
        "finding": None,
    },
)

# --- International Liaison Department of the CPC Central Committee --------------------------

IDCPC_CENTRAL_GROUP_STUDY = {
    "title": "Special study of the Department's Central Group for Theoretical Study",
    "title_zh": "部理论学习中心组专题学习",
    "date": date(2023, 4, 4),
}

IDCPC_LEADING_GROUP_READING_CLASS = {
    "title": "Reading class for the Department's leading group",
    "title_zh": "部领导班子读书班",
    "audience": "members of the Department's leading group",
    "audience_zh": "部领导班子成员",
    "start": date(2023, 4, 6),
    "end": date(2023, 4, 8),
}

IDCPC_RED_RESOURCES = {
    "title": "Collective study combined with red resources",
    "title_zh": "结合红色资源开展集体学习",
    "approach": "combined with red resources",
    "approach_zh": "结合红色资源",
    "first_date": date(2023, 4, 19),  # one bureau a working day after this
}

IDCPC_BATCHES = {
    "title": "Reading class for bureau-level cadres",
    "title_zh": "局级干部读书班",
    "audience": "bureau-level cadres",
    "audience_zh": "局级干部",
    "days": 7,
    "hours": "7",
    "starts": (date(2023, 4, 10), date(2023, 4, 24), date(2023, 5, 8)),
}

# Department-level topics: (title, Chinese title, work area, Chinese work area).
IDCPC_TOPICS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Promoting high-quality development of the Party's external work in the new era",
        "推动新时代党的对外工作高质量发展研究",
        "overall external work of the Party",
        "党的对外工作全局",
    ),
    (
        "Improving the mechanisms of high-level dialogue between the CPC and world political parties",
        "完善中国共产党与世界政党高层对话机制研究",
        "dialogue mechanisms with political parties",
        "政党对话机制",
    ),
    (
        "Telling the story of China and the Communist Party of China well abroad",
        "对外讲好中国故事、中国共产党故事研究",
        "external communication on the Party",
        "对外宣介党的理论和实践",
    ),
    (
        "Promoting the Global Development, Security and Civilization Initiatives through party channels",
        "以政党渠道推动落实全球发展倡议、全球安全倡议、全球文明倡议研究",
        "global initiatives",
        "全球倡议",
    ),
    (
        "Changes in the landscape of world political parties",
        "世界政党格局演变研究",
        "research on world political parties",
        "世界政党研究",
    ),
    (
        "Strengthening Party building in the Department's organs",
        "加强部机关党的建设研究",
        "Party building in the Department",
        "部机关党建",
    ),
    (
        "Building a strong team of cadres for the Party's external work",
        "建设高素质党的对外工作干部队伍研究",
        "cadre team building",
        "干部队伍建设",
    ),
)
# Topics in every bureau: templates on the bureau's region.
IDCPC_BUREAU_TOPICS: tuple[tuple[str, str], ...] = (
    (
        "Party-to-party exchanges with {region} under new circumstances",
        "新形势下同{region_zh}政党交流合作研究",
    ),
    (
        "Exchanges of experience in state governance with political parties in {region}",
        "同{region_zh}政党开展治国理政经验交流研究",
    ),
    (
        "Serving high-quality Belt and Road cooperation in {region} through party channels",
        "以政党渠道服务{region_zh}高质量共建“一带一路”研究",
    ),
)
IDCPC_BUREAU_WORK_AREA = ("party relations with {region}", "同{region_zh}政党关系")
IDCPC_TOPICS_STARTED_ON = date(2023, 4, 17)

# 42 special seminars on the 28 topics: one on each, and a second on the first 14. The seed
# reports all 42 as held by its date (23 May 2023): two a working day from 24 April, the
# last on 22 May.
IDCPC_SEMINAR = ("Special seminar: {topic}", "专题研讨：{topic_zh}")
IDCPC_SECOND_SEMINAR = ("Special seminar (second session): {topic}", "专题研讨（第二次）：{topic_zh}")
IDCPC_SECOND_SEMINARS = 14
IDCPC_SEMINARS_FIRST_DATE = date(2023, 4, 24)
IDCPC_SEMINARS_A_DAY = 2

IDCPC_WORK_PLAN = {
    "kind": "research",
    "title": "Investigation and research work plan of the thematic education",
    "title_zh": "主题教育调查研究工作方案",
    "issued_on": date(2023, 4, 12),
    "focus": "Research on 28 specific topics, reaching every unit of the Department",
    "focus_zh": "围绕28个具体课题开展调研，覆盖部内各单位",
    "standard": "deep, realistic, detailed, accurate and effective",
    "standard_zh": "深、实、细、准、效",
}

# Counterpart political parties (illustrative): (name, Chinese name, country code).
IDCPC_COUNTERPARTS: tuple[tuple[str, str, str], ...] = (
    ("Governing party delegation from Laos (illustrative)", "老挝执政党代表团（示例）", "LA"),
    ("Political party delegation from South Africa (illustrative)", "南非政党代表团（示例）", "ZA"),
    ("Political party delegation from Brazil (illustrative)", "巴西政党代表团（示例）", "BR"),
)

# Outreach events: ``unit`` is None for the top body, else the name of one of its units.
IDCPC_OUTREACH: tuple[dict, ...] = (
    {
        "unit": None,
        "kind": "dialogue",
        "title": "Symposium with foreign political parties soliciting opinions and suggestions",
        "title_zh": "同外国政党座谈听取意见建议",
        "start_date": date(2023, 5, 9),
        "countries": ("LA", "ZA", "BR"),
        "organisations": (0, 1, 2),
    },
    {
        "unit": "Bureau of Southeast and South Asian Affairs",
        "kind": "dialogue",
        "title": "Dialogue with a Lao party delegation on Party building and state governance",
        "title_zh": "同老挝政党代表团就党的建设和治国理政开展对话",
        "start_date": date(2023, 4, 26),
        "countries": ("LA",),
        "organisations": (0,),
    },
    {
        "unit": "Bureau of African Affairs",
        "kind": "exchange",
        "title": "Visit and coordination meeting with South African party representatives",
        "title_zh": "会见南非政党代表并召开协调会",
        "start_date": date(2023, 5, 16),
        "countries": ("ZA",),
        "organisations": (1,),
    },
)

# --- China International Development Cooperation Agency -------------------------------------

CIDCA_WORK_PLAN = {
    "kind": "research",
    "title": "Thematic education survey and research work plan",
    "title_zh": "主题教育调查研究工作方案",
    "issued_on": date(2023, 4, 13),
    "focus": "Blockages and difficulties in foreign-aid work",
    "focus_zh": "对外援助工作中的堵点难点问题",
}

# Investigations led by members of the leadership team: ``led_by`` is the 1-based member.
CIDCA_FIELD_VISITS: tuple[dict, ...] = (
    {
        "visited": "Foreign-aid implementation departments (illustrative)",
        "visited_zh": "对外援助执行部门（示例）",
        "date": date(2023, 4, 20),
        "led_by": 1,
    },
    {
        "visited": "Enterprises undertaking foreign-aid projects (illustrative)",
        "visited_zh": "承担援外项目的企业（示例）",
        "date": date(2023, 4, 27),
        "led_by": 2,
    },
    {
        "visited": "An aid construction project (illustrative)",
        "visited_zh": "某援外成套项目（示例）",
        "date": date(2023, 5, 11),
        "led_by": 3,
    },
)

CIDCA_OUTREACH: tuple[dict, ...] = (
    {
        "unit": None,
        "kind": "study_tour",
        "title": "Study tour to local areas for staff of international agencies in China",
        "title_zh": "组织国际机构驻华人员赴地方考察",
        "start_date": date(2023, 4, 25),
        "end_date": date(2023, 4, 27),
        "countries": (),
    },
    {
        "unit": None,
        "kind": "study_tour",
        "title": "Study tour to local areas for foreign envoys in China",
        "title_zh": "组织外国驻华使节赴地方考察",
        "start_date": date(2023, 5, 16),
        "end_date": date(2023, 5, 18),
        "countries": ("ET", "KH", "PK", "SN"),
    },
    {
        "unit": None,
        "kind": "promotion",
        "title": "External promotion of China's propositions and initiatives on international development",
        "title_zh": "对外宣介我国国际发展合作主张和倡议",
        "start_date": date(2023, 5, 10),
        "countries": (),
    },
)

# --- Chinese People's Association for Friendship with Foreign Countries ---------------------

CPAFFC_OUTREACH: tuple[dict, ...] = (
    {
        "unit": None,
        "kind": "exchange",
        "title": "“Going out”: friendship delegation visits abroad (non-governmental diplomacy)",
        "title_zh": "“走出去”：友好代表团出访（民间外交）",
        "start_date": date(2023, 4, 18),
        "end_date": date(2023, 4, 24),
        "countries": ("KZ", "UZ"),
    },
    {
        "unit": None,
        "kind": "reception",
        "title": "“Please come in”: receiving foreign friendship groups (public diplomacy)",
        "title_zh": "“请进来”：接待外国友好团体（公共外交）",
        "start_date": date(2023, 5, 6),
        "countries": ("FR", "BR"),
    },
    {
        "unit": None,
        "kind": "exchange",
        "title": "Exchanges with sister cities abroad (city diplomacy)",
        "title_zh": "同外国友好城市开展交流（城市外交）",
        "start_date": date(2023, 5, 15),
        "countries": ("JP", "IT"),
    },
)

# --- Chinese People's Institute of Foreign Affairs ------------------------------------------

CPIFA_OUTREACH: tuple[dict, ...] = (
    {
        "unit": None,
        "kind": "reception",
        "title": "Receiving a visiting foreign dignitary (illustrative)",
        "title_zh": "接待来访外国政要（示例）",
        "start_date": date(2023, 4, 12),
        "countries": ("SG",),
    },
    {
        "unit": None,
        "kind": "reception",
        "title": "Receiving visiting former foreign dignitaries (illustrative)",
        "title_zh": "接待来访外国前政要（示例）",
        "start_date": date(2023, 5, 4),
        "countries": ("AU", "NZ"),
    },
    {
        "unit": None,
        "kind": "track_two",
        "title": "China-United States track-two dialogue (illustrative)",
        "title_zh": "中美二轨对话（示例）",
        "start_date": date(2023, 4, 19),
        "countries": ("US",),
    },
    {
        "unit": None,
        "kind": "track_two",
        "title": "China-Japan track-two dialogue (illustrative)",
        "title_zh": "中日二轨对话（示例）",
        "start_date": date(2023, 5, 11),
        "countries": ("JP",),
    },
    {
        "unit": None,
        "kind": "track_two",
        "title": "China-Europe track-two dialogue (illustrative)",
        "title_zh": "中欧二轨对话（示例）",
        "start_date": date(2023, 5, 19),
        "countries": ("DE", "FR"),
    },
    {
        "unit": None,
        "kind": "forum",
        "title": "International forum on people-to-people diplomacy (illustrative)",
        "title_zh": "民间外交国际论坛（示例）",
        "start_date": date(2023, 5, 22),
        "end_date": date(2023, 5, 23),
        "countries": ("BR", "EG", "ID", "KZ", "RU", "ZA"),
    },
)
