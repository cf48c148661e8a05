"""The organisation tree of the foreign-affairs front.

The top bodies are those seed 000 names. Their internal units are illustrative: seed 000
gives MFA's 36 affiliated units as a number only, and names no IDCPC bureau.
"""

from cascade.organization.choices import UnitKind

OCFAC = {
    "name": "Office of the Central Foreign Affairs Commission",
    "name_zh": "中央外事工作委员会办公室",
    "short_name": "OCFAC",
    "short_name_zh": "中央外办",
    "kind": UnitKind.COMMISSION_OFFICE,
}

MFA = {
    "name": "Ministry of Foreign Affairs",
    "name_zh": "外交部",
    "short_name": "MFA",
    "short_name_zh": "外交部",
    "kind": UnitKind.MINISTRY,
}

IDCPC = {
    "name": "International Liaison Department of the CPC Central Committee",
    "name_zh": "中共中央对外联络部",
    "short_name": "IDCPC",
    "short_name_zh": "中联部",
    "kind": UnitKind.PARTY_DEPARTMENT,
}

CIDCA = {
    "name": "China International Development Cooperation Agency",
    "name_zh": "国家国际发展合作署",
    "short_name": "CIDCA",
    "short_name_zh": "国合署",
    "kind": UnitKind.AGENCY,
}

CPAFFC = {
    "name": "Chinese People's Association for Friendship with Foreign Countries",
    "name_zh": "中国人民对外友好协会",
    "short_name": "CPAFFC",
    "short_name_zh": "全国友协",
    "kind": UnitKind.PEOPLES_ORGANIZATION,
}

CPIFA = {
    "name": "Chinese People's Institute of Foreign Affairs",
    "name_zh": "中国人民外交学会",
    "short_name": "CPIFA",
    "short_name_zh": "外交学会",
    "kind": UnitKind.PEOPLES_ORGANIZATION,
}

# The bodies directly under the campaign office, in tree order.
TOP_BODIES = (MFA, IDCPC, CIDCA, CPAFFC, CPIFA)

# MFA's 36 affiliated units (departments and institutions): illustrative names.
MFA_AFFILIATED_UNITS: tuple[tuple[str, str], ...] = (
    ("General Office", "办公厅"),
    ("Department of Policy Planning", "政策规划司"),
    ("Department of Asian Affairs", "亚洲司"),
    ("Department of West Asian and North African Affairs", "西亚北非司"),
    ("Department of African Affairs", "非洲司"),
    ("Department of European-Central Asian Affairs", "欧亚司"),
    ("Department of European Affairs", "欧洲司"),
    ("Department of North American and Oceanian Affairs", "北美大洋洲司"),
    ("Department of Latin American and Caribbean Affairs", "拉丁美洲和加勒比司"),
    ("Department of International Organizations and Conferences", "国际司"),
    ("Department of Arms Control", "军控司"),
    ("Department of Treaty and Law", "条约法律司"),
    ("Department of Boundary and Ocean Affairs", "边界与海洋事务司"),
    ("Information Department", "新闻司"),
    ("Department of Protocol", "礼宾司"),
    ("Department of Consular Affairs", "领事司"),
    ("Department of Hong Kong, Macao and Taiwan Affairs", "港澳台司"),
    ("Department of Translation and Interpretation", "翻译司"),
    ("Department of Foreign Affairs Management", "外事管理司"),
    ("Department of International Economic Affairs", "国际经济司"),
    ("Department of External Security Affairs", "涉外安全事务司"),
    ("Department of Personnel", "干部司"),
    ("Department of Finance", "财务司"),
    ("Bureau of Retired Personnel", "离退休干部局"),
    ("Archives of the Ministry", "档案馆"),
    ("Information Center", "信息中心"),
    ("Services Center for the Ministry's Organs", "机关服务中心"),
    (
        "Office of the Commissioner of the Ministry of Foreign Affairs in the Hong Kong SAR",
        "外交部驻香港特别行政区特派员公署",
    ),
    (
        "Office of the Commissioner of the Ministry of Foreign Affairs in the Macao SAR",
        "外交部驻澳门特别行政区特派员公署",
    ),
    ("China Foreign Affairs University", "外交学院"),
    ("China Institute of International Studies", "中国国际问题研究院"),
    ("Diplomatic Service Bureau", "外交人员服务局"),
    ("World Affairs Press", "世界知识出版社"),
    ("China Public Diplomacy Association", "中国公共外交协会"),
    ("China National Committee for Pacific Economic Cooperation", "中国太平洋经济合作全国委员会"),
    ("China Foundation for International Studies", "中国国际问题研究基金会"),
)

# IDCPC's bureaus (illustrative): (English name, Chinese name, region, Chinese region).
IDCPC_BUREAUS: tuple[tuple[str, str, str, str], ...] = (
    ("Bureau of Southeast and South Asian Affairs", "东南亚南亚局", "Southeast and South Asia", "东南亚南亚"),
    (
        "Bureau of Northeast and Central Asian Affairs",
        "东北亚中亚局",
        "Northeast and Central Asia",
        "东北亚中亚",
    ),
    (
        "Bureau of West Asian and North African Affairs",
        "西亚北非局",
        "West Asia and North Africa",
        "西亚北非",
    ),
    ("Bureau of African Affairs", "非洲局", "Africa", "非洲"),
    ("Bureau of Latin American Affairs", "拉美局", "Latin America", "拉美"),
    ("Bureau of European Affairs", "欧洲局", "Europe", "欧洲"),
    (
        "Bureau of North American and Oceanian Affairs",
        "北美大洋洲局",
        "North America and Oceania",
        "北美大洋洲",
    ),
)
