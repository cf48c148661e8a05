"""What readouts in both languages share: people's names, dates, the sentences of a readout."""

from __future__ import annotations

import re

# --- people's names --------------------------------------------------------------------

SURNAMES_ZH = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习栗俞倪温易乔尤"
    # Less common ones; surnames that are mostly everyday words (全, 文, 安, 常, 关...) stay out, and
    # those that begin a few (连续, 毕业, 廉政) are kept with those words ruled out (``WORDS_NOT_NAMES_ZH``).
    "成柳时弓舒应寇邝郗眭车康贠翟樊鲁章葛殷焦季祝阎申聂洪牛梅甘储左施邢童霍岳詹萧缪费卜邬滕裴屈尚柴冉游靳辛蔺鲍窦欧臧卞伍晏荣郎蒙穆芦阮闵麦苗奚桂粟隋宫戚喻庞骆蓝艾姬卓匡揭瞿冷查宗迟佘仇凌鞠娄荆逯郜钮湛"
    "颜庄饶耿翁柯涂祁褚牟辜仝伏连毕盛甄栾郁岑佟冼虞竺胥谌邸屠廉鄢敖"
)
# Everyday words that begin with one of the less common surnames: no name starts with them.
WORDS_NOT_NAMES_ZH = (
    "连续", "连日", "连同", "连接", "连线", "连任", "连夜", "毕业", "毕竟", "盛大", "盛会", "盛况", "廉政",
    "廉洁", "庄严", "庄重", "伏案", "屠宰", "颜色", "涂改", "辜负", "郁闷", "柯桥",
)  # fmt: skip
SURNAMES_EN = {
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
    "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng",
    "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Yuan", "Pan", "Yu", "Jiang", "Cai", "Du", "Ye", "Cheng",
    "Su", "Wei", "Lyu", "Ding", "Ren", "Shen", "Yao", "Lu", "Cui", "Zhong", "Tan", "Wan", "Fan", "Jin", "Shi",
    "Liao", "Jia", "Xia", "Fu", "Fang", "Bai", "Zou", "Meng", "Qin", "Qiu", "Xue", "Yan", "Duan", "Lei", "Hou",
    "Long", "Tao", "Gu", "Mao", "Hao", "Gong", "Shao", "Qian", "Kong", "Xiang", "Xi",
    "Mo", "Wen", "Yi", "Qiao", "You", "Yin", "Dai", "Xiong", "Mu", "Ge", "Ruan", "Bao", "Kang", "Qi", "Lan",
    "Chang", "Pei", "Lou", "Niu", "Geng", "Tong", "Ji", "Ning", "Zhan", "Bian", "Quan", "Ke", "Lian", "Zang",
    "Rao", "Lai", "Miao", "Ai", "Ling", "Shu", "Guan", "Chu", "Weng", "Cen", "Zuo", "Huai", "Sang", "Bi",
    "Che", "Hong", "Hua", "Jiao", "Ju", "Kou", "Nie", "Ou", "Pu", "Qu", "Rong", "Sha", "Shang", "She", "Xin",
    "Xing", "Yue", "Zhai", "Zhuang", "Zong", "Zhuo", "Gan", "Dang", "Diao", "Fei", "Jian", "Jing", "Kuang", "Mi",
    "Min", "Ming", "Mou", "Ni", "Nian", "Pang", "Ran", "Sheng", "Shuai", "Sui", "Teng", "Xian", "Ying", "Zhen",
    "Zhi", "Mei", "Huo", "Luan", "Hang", "Ba", "Bo", "Wa", "Gou", "Lv", "Tu",
    "Zhuge", "Ouyang", "Sima", "Situ", "Shangguan", "Xiahou",
}  # fmt: skip
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
PINYIN_GIVEN_RE = re.compile(rf"(?:{_INITIAL}{_FINAL}){{1,2}}")
TITLE_ZH = (
    r"(?:政治局常委|常委|党组成员|成员|委员长|委员|主委|组员|领导|副主席|主席|总书记|书记|副总理|总理|国务委员|部长|副部长|主任|院长|省长|市长|同志|组长|"
    r"校长|董事长|总经理|经理|秘书长|负责人|会长|会员|理事长|主持人|厅长|局长|处长|科长|司长|区长|县长|镇长|乡长|村长|所长|馆长|社长|行长|"
    r"检察长|庭长|团长|队长|总监|总裁|主编|教授|研究员|调研员|巡视员|督导员|辅导员|组织员|科员|专家|教师|老师)"
)


# Pinyin words that are places, not given names: "Shandong Gao" is no one.
PLACES_EN = {
    "hong kong", "kong",
    "beijing", "shanghai", "tianjin", "chongqing", "shandong", "henan", "hunan", "hubei", "hebei", "jiangsu",
    "zhejiang", "fujian", "yunnan", "guizhou", "sichuan", "shanxi", "shaanxi", "gansu", "qinghai", "xinjiang",
    "xizang", "hainan", "jilin", "liaoning", "anhui", "jiangxi", "guangdong", "guangxi", "ningxia", "taiwan",
    "xiamen", "wuhan", "nanjing", "jinan", "qingdao", "dalian", "hangzhou", "suzhou", "shenzhen", "guangzhou",
    "chengdu", "kunming", "changsha", "zhengzhou", "hefei", "fuzhou", "nanchang", "lanzhou", "taiyuan",
    "yinchuan", "xining", "haikou", "guiyang", "nanning", "changchun", "shenyang", "zhongnanhai", "tsinghua",
}  # fmt: skip


# English titles shaped like a pinyin given name: "Dean Lin" is Lin, the dean.
TITLES_EN = {"dean"}


# English words in capitals that are also pinyin syllables ("NO Zhang", "MAN Gao"): no surnames.
CAPITALS_NOT_SURNAMES = {"NO", "AN", "MAN", "GANG", "BAN", "HANG"}


def is_en_name(words: str) -> bool:
    """ "Ren Shaobo", "HU Xingyu" (the surname in capitals), "Wu Jian'ou": a pinyin name; also given name
    first as some sites write it ("Deyi Gao", "Pengcheng He": a given name of two syllables)."""
    parts = words.split()
    if len(parts) not in {2, 3}:
        return False
    if words.lower() in PLACES_EN:
        return False
    if parts[0].title() in SURNAMES_EN or (
        len(parts) == 2
        and len(parts[0]) > 1
        and parts[0].isupper()
        and parts[0] not in CAPITALS_NOT_SURNAMES
        and PINYIN_GIVEN_RE.fullmatch(parts[0].lower())
    ):  # "ZHAO Minhua": a surname in capitals is a surname, listed or not
        given = "".join(parts[1:]).replace("'", "").replace("\u2019", "")
        return parts[1][0].isupper() and PINYIN_GIVEN_RE.fullmatch(given.lower()) is not None
    given = parts[0].lower()
    return (
        len(parts) == 2
        and parts[1] in SURNAMES_EN
        and given not in PLACES_EN
        and given not in TITLES_EN
        and re.fullmatch(rf"{_INITIAL}{_FINAL}{_INITIAL}{_FINAL}", given) is not None
    )


CAPITALISED_RUN_RE = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?: [A-Z][a-z]+(?:['\u2019][a-z]+)?)+\b")


def en_names(text: str) -> list[str]:
    """Pinyin names in runs of capitalised words: "Party Secretary Ren Shaobo" -> Ren Shaobo."""
    out = []
    for run in CAPITALISED_RUN_RE.finditer(text):
        words = run.group().split()
        i = 0
        while i < len(words) - 1:
            pair = f"{words[i]} {words[i + 1]}"
            if (
                is_en_name(pair)
                and words[i].title() not in SURNAMES_EN
                and i + 2 < len(words)
                and is_en_name(f"{words[i + 1]} {words[i + 2]}")
            ):
                i += 1  # "Since Xi Jinping": the surname first starts the name, not a word before it
                continue
            if is_en_name(pair):
                out.append(pair)
                i += 2
            else:
                i += 1
    return out


COMPOUND_SURNAMES_ZH = (
    "欧阳",
    "司马",
    "诸葛",
    "夏侯",
    "上官",
    "皇甫",
    "令狐",
    "慕容",
    "司徒",
    "尉迟",
    "长孙",
    "宇文",
)
# Words after a name that end it: a title written after the name (许树沛书记), a time, a verb.
AFTER_NAME_ZH = re.compile(
    r"(?:副|总)?(?:书记|同志|主任|部长|经理|院长|校长|组长|主席|会长|董事长|教授|先生|女士)$"
)


def strip_lead_zh(text: str) -> str:
    """Drop what leads a clause and is no one's name: 一是, 随后, 会上, 最后."""
    return re.sub(
        r"^(?:[一二三四五六七八九十]是|随后|然后|接着|最后|同时|会上|会议上|此外|另外)[，、]?", "", text
    )


def zh_name(fragment: str) -> str | None:
    """``"中共中央政治局常委李强"`` -> ``"李强"``; ``"赵乐际"`` -> itself; ``"许树沛书记"`` -> 许树沛; else None."""
    fragment = strip_lead_zh(fragment.strip(" 　等和及"))  # 二是孙长松同志, 随后孙长松同志
    titled = AFTER_NAME_ZH.sub("", fragment)
    if titled != fragment and len(titled) >= 2:
        named = zh_name(titled)  # "陆平书记": the title written after the name
        if named:
            return named
    stripped = re.sub(rf"^.*{TITLE_ZH}", "", fragment)
    if len(stripped) > 3 and AFTER_NAME_ZH.search(stripped) and not stripped.startswith(COMPOUND_SURNAMES_ZH):
        stripped = AFTER_NAME_ZH.sub("", stripped)
    if stripped != fragment and len(fragment) - len(stripped) >= 2 and _after_title(stripped):
        return stripped  # right after a title, a name of any surname: "国家民委党组书记、主任巴特尔"
    if stripped.startswith(COMPOUND_SURNAMES_ZH) and 3 <= len(stripped) <= 4:
        return stripped if re.fullmatch(r"[\u4e00-\u9fff]+", stripped) else None
    if _bare_name(stripped):
        return stripped
    # The name after the body someone belongs to: "省委高教工委学工部魏星", "设计系党总支书记胡亚兵".
    for size in (3, 2):
        head, tail = stripped[:-size], stripped[-size:]
        if (
            len(head) >= 2
            and re.search(r"[部处院系委厅局办会校室所组队司科]$|中心$|公司$|集团$", head)
            and _bare_name(tail)
        ):
            return tail
    return None


# Words that start with a surname and are no one's name.
NOT_NAMES_ZH = {
    "高管", "董事", "监事", "理事", "干事", "常委", "时间", "时期", "方面", "方式", "任务", "程序", "金融", "石油",
    "应该", "应当", "应对", "应用", "班子", "车辆", "车间", "代表", "详细", "同志", "领导", "成员", "干部", "全体",
    "相关", "有关", "部分", "分别", "一起", "共同", "带头",
}  # fmt: skip


def _name_shaped(text: str, not_a_name: str) -> bool:
    """Two or three Chinese characters, no word listed as no one's name, nothing ``not_a_name`` finds."""
    return bool(
        2 <= len(text) <= 3
        and text not in NOT_NAMES_ZH
        and re.fullmatch(r"[\u4e00-\u9fff]+", text)
        and not re.search(not_a_name, text)
    )


def _after_title(text: str) -> bool:
    """A name right after a title, whatever its surname: not a body, a rank or a particle."""
    return _name_shaped(
        text, r"[会议员部门处室局委组办所院校团队长班级与和及同对向在为等把被将]$|^[各全等和及与同以在于为]"
    )


def _bare_name(text: str) -> bool:
    """A name standing alone: a known surname first, and not a body, a meeting or an everyday word."""
    return (
        text[:1] in SURNAMES_ZH
        and not text.startswith(WORDS_NOT_NAMES_ZH)
        and _name_shaped(
            text,
            r"[省市区部局司处院校团组与和及同对向在为等把被将的地得了着]$|委$|^.会$|(?:委|协|联|工|学|商|议|大|全|年|例)会$",
        )
    )


def zh_person(fragment: str) -> str | None:
    """The person a clause starts with, before what they did: "...主任习近平5月15日上午主持召开..." -> 习近平."""
    fragment = re.sub(r"《[^》]*》|“[^”]*”", "", fragment)  # a title or a quote names no one
    fragment = re.split(r"[、，]", fragment)[-1]
    # "会议由李华东副校长主持", "典礼由组织员张立主持"
    fragment = re.sub(r"^.*?(?:会议|大会|会|开班式|活动|学习|典礼|仪式)由", "", fragment)
    whole = zh_name(fragment)
    if whole:
        return whole
    for text in (fragment, re.sub(rf"^.*{TITLE_ZH}", "", fragment)):
        cut = re.match(
            r"(.+?)(?=\d{1,2}月|\d{1,2}日|上午|下午|晚上|在|于|主持|出席|参加|作|发表|对|就|围绕|结合|代表|向|以|为"
            r"|传达|宣读|解读|通报|领学|带头|听取|逐一|作为)",
            text,
        )
        if cut and (named := zh_name(cut.group(1))):
            return named
    return None


# --- dates -----------------------------------------------------------------------------

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_D = r"(\d{1,2})(?:st|nd|rd|th)?(?!\d)"
EN_DATE_RES = (
    # December 27th to 28th, 2023 / December 27 - December 28 / December 27
    re.compile(
        rf"\b({_MONTH})\.?\s+{_D}(?:,?\s+(\d{{4}}))?(?:\s*(?:to|-|\u2013|—|and|through)\s*(?:({_MONTH})\.?\s+)?{_D})?(?:,?\s+(\d{{4}}))?",
        re.IGNORECASE,
    ),
    # 27 to 28 December 2023 / 5 March
    re.compile(
        rf"\b{_D}(?:\s*(?:to|-|\u2013|—|and)\s*{_D})?\s+({_MONTH})\b(?:,?\s+(\d{{4}}))?",
        re.IGNORECASE,
    ),
)
ZH_DATE_RE = re.compile(
    r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:\s*(?:至|到|—{1,2}|-|\uff0d|、)\s*(?:(\d{1,2})月)?(\d{1,2})日)?"
)


def _iso(year: int | None, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def en_dates(text: str, year: int | None) -> tuple[str | None, str | None] | None:
    m = EN_DATE_RES[0].search(text)
    if m:
        month, day, y1, month2, day2, y2 = m.groups()
        y = int(y1 or y2) if (y1 or y2) else year
        start = _iso(y, MONTHS[month.lower()], int(day))
        end = _iso(y, MONTHS[(month2 or month).lower()], int(day2)) if day2 else start
        return start, end
    m = EN_DATE_RES[1].search(text)
    if m:
        day, day2, month, y1 = m.groups()
        y = int(y1) if y1 else year
        start = _iso(y, MONTHS[month.lower()], int(day))
        return start, _iso(y, MONTHS[month.lower()], int(day2)) if day2 else start
    return None


def zh_dates(text: str, year: int | None) -> tuple[str | None, str | None] | None:
    m = ZH_DATE_RE.search(text)
    if not m:
        return None
    y1, month, day, month2, day2 = m.groups()
    y = int(y1) if y1 else year
    start = _iso(y, int(month), int(day))
    end = _iso(y, int(month2 or month), int(day2)) if day2 else start
    return start, end


def _sentences(text: str, lang: str) -> list[str]:
    pattern = r"(?<=[.!?;])\s+|\n+" if lang == "en" else r"(?<=[。！？；])|\n+"
    return [s.strip() for s in re.split(pattern, text) if s and s.strip()]


def _add(target: list[str], items: list[str], exclude: set[str]) -> None:
    for item in items:
        if item and item not in target and item not in exclude:
            target.append(item)


def merge_repeated(meetings: list) -> list:
    """One meeting per name: a headline and the lead that repeats it are one readout, and so is a
    later paragraph that names it short ("主席会议举行了..." after "...第三十次主席会议3日在京举行")."""
    out: dict[str, object] = {}
    for meeting in meetings:
        same = next(
            (
                name
                for name in out
                if name and meeting.name and (meeting.name in name or name in meeting.name)
            ),
            None,
        )
        first = out[same] if same else out.setdefault(meeting.name, meeting)
        if first is meeting:
            continue
        for key in ("start_date", "end_date", "place", "principal_speaker", "presided_by"):
            if getattr(first, key) is None:
                setattr(first, key, getattr(meeting, key))
        roles = {first.principal_speaker, first.presided_by}
        for key in ("speakers", "attendees", "attendee_categories"):
            _add(getattr(first, key), getattr(meeting, key), roles if key != "attendee_categories" else set())
        first.attendees = [a for a in first.attendees if a not in first.speakers]
    return list(out.values())
