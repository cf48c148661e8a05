"""Illustrative people: leadership members, steering-group members, research-topic claimants.

The seeds name no one inside the units, so every person here is marked as illustrative in
both languages ("... member 1", and "(illustrative)" in Chinese); no realistic names are invented. The real
people named by seed 004 live in ``conference.py``.
"""

from cascade.organization.choices import Rank

ZH_NUMBERS: tuple[str, ...] = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def zh_number(n: int) -> str:
    """Chinese numeral for 1..10."""
    return ZH_NUMBERS[n - 1]


# A group of illustrative people: name templates take {n} (1, 2 ...) and {zh} (一, 二 ...).
OCFAC_LEADERSHIP = {
    "count": 3,
    "name": "OCFAC leadership member {n}",
    "name_zh": "中央外办领导班子成员（示例）{zh}",
    "post": "Member of the leadership of the Office of the Central Foreign Affairs Commission",
    "post_zh": "中央外办领导班子成员",
    "rank": Rank.MINISTERIAL,
}

MFA_PARTY_COMMITTEE = {
    "count": 10,
    "name": "MFA Party Committee member {n}",
    "name_zh": "外交部党委委员（示例）{zh}",
    "post": "Member of the Party Committee of the Ministry of Foreign Affairs",
    "post_zh": "外交部党委委员",
    "rank": Rank.VICE_MINISTERIAL,
}

IDCPC_LEADING_GROUP = {
    "count": 6,
    "name": "IDCPC leading group member {n}",
    "name_zh": "中联部领导班子成员（示例）{zh}",
    "post": "Member of the leading group of the International Liaison Department",
    "post_zh": "中联部领导班子成员",
    "rank": Rank.VICE_MINISTERIAL,
}

CIDCA_LEADERSHIP = {
    "count": 3,
    "name": "CIDCA leadership member {n}",
    "name_zh": "国家国际发展合作署领导班子成员（示例）{zh}",
    "post": "Member of the leadership team of the China International Development Cooperation Agency",
    "post_zh": "国家国际发展合作署领导班子成员",
    "rank": Rank.VICE_MINISTERIAL,
}

CPAFFC_LEADERSHIP = {
    "count": 1,
    "name": "CPAFFC leadership member {n}",
    "name_zh": "全国友协领导班子成员（示例）{zh}",
    "post": (
        "Member of the leadership of the Chinese People's Association for Friendship with Foreign Countries"
    ),
    "post_zh": "全国友协领导班子成员",
    "rank": Rank.MINISTERIAL,
}

CPIFA_LEADERSHIP = {
    "count": 1,
    "name": "CPIFA leadership member {n}",
    "name_zh": "外交学会领导班子成员（示例）{zh}",
    "post": "Member of the leadership of the Chinese People's Institute of Foreign Affairs",
    "post_zh": "外交学会领导班子成员",
    "rank": Rank.MINISTERIAL,
}

# Heads of IDCPC bureaus: {bureau} / {bureau_zh} are the bureau's names.
BUREAU_HEAD = {
    "name": "Head of the {bureau} (illustrative)",
    "name_zh": "{bureau_zh}负责人（示例）",
    "post": "Director-General of the {bureau}",
    "post_zh": "{bureau_zh}局长",
    "rank": Rank.BUREAU,
}

# Roving steering groups of the MFA Party Committee: a leader and two members each.
STEERING_GROUP_LEADER = {
    "name": "Roving Steering Group {n} leader",
    "name_zh": "第{zh}巡回指导组组长（示例）",
    "post": "Leader of Roving Steering Group {n}",
    "post_zh": "第{zh}巡回指导组组长",
    "rank": Rank.BUREAU,
}
STEERING_GROUP_MEMBER = {
    "name": "Roving Steering Group {n} member {m}",
    "name_zh": "第{zh}巡回指导组成员（示例）{zh_m}",
    "post": "Member of Roving Steering Group {n}",
    "post_zh": "第{zh}巡回指导组成员",
    "rank": Rank.DIVISION,
}
STEERING_GROUP_MEMBERS_EACH = 2

# The secretary of the demo embassy's party committee.
EMBASSY_SECRETARY = {
    "name": "Secretary of the Party Committee of the Embassy in France (illustrative)",
    "name_zh": "驻法国使馆党委书记（示例）",
    "post": "Secretary of the Party Committee of the Embassy",
    "post_zh": "使馆党委书记",
    "rank": Rank.VICE_MINISTERIAL,
}
