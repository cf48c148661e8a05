"""Figures in Chinese reports: every number with what it counts, classified where the vocabulary fits.

Each number is read by ``RULES``, in order (see ``rules.run``): first what is no count
(第三期, 2023年, 98%, 二十大, “四个意识”, 三个方面, 每人领衔一个), then the counting vocabulary's
phrasings (classifier and kind noun: 读书班3期, 5个巡回指导组, 1项已核验销号, 对28个部属单位), and last
any other counted noun: an unclassified figure with its noun (40余名党员干部, 意见建议155条, 66.57万元).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import vocab
from ..context import NumberContext
from ..model import Candidate, Span
from ..numbers import ZH_NUMBER_RE, ZH_NUMERAL_CHARS, parse_zh
from ..rules import SKIP, Outcome, Rule, rule, run
from ..segment import FULL_WIDTH
from .traditional import as_written, simplified

ZH_CLASSIFIER_CHARS = "期场次个项支条批家轮天日人名"
# Classifiers of anything counted or measured (an unclassified figure needs one, or a noun before it).
GENERAL_CLASSIFIER_RE = re.compile(
    r"个半天|人次|件次|场次|批次|小时|分钟|万亿元|亿元|万元|元|公里|平方米|平方公里|公顷|亩|吨|"
    r"[个個名人位家项條条次场場期件篇天周批轮輪支所座处處套份本部门種种类類起例户間间栋台辆张封册大]"
    r"|[省市县区](?![委长级])"  # places counted by their own noun: 郑州、新乡、信阳三市, 2区4县
)
MULTIPLIERS = (("万亿", 10**12), ("亿", 10**8), ("万", 10**4))
# Fixed formulas that contain a numeral and count nothing.
FORMULAS = re.compile(
    r"两个大局|两大主题|三个强化|两手抓|两促进|四不两直|三严三实|四个意识|四个自信|两个维护|两个确立|三会一课|四风|"
    r"八项规定|两委|三委|两会|三资|四议两公开|一岗双责|两个一百年|三大攻坚战|东三省|三个以案|四个到位|九看九查|"
    r"九项专项整治|一把手|一线|一体|一批|一系列|一起|一道|一样|一致|一同|一律|一并|一直|一些|一定|一般|一流|一方面|"
    r"一级|一楼|一步|一层|一次性|一些|五大作用|三新两转|四下基层|六学|十访|八八战略|三化三法|一月一课|双一流|十四五|"
    r"十五五|十三五|一带一路|一国两制|一张蓝图|三个作用|四个统一|一个问题一个问题|完成一项|销号一项|两学一做|三重一大|举一反三|一以贯之|一分部署|九分落实|千秋"
)


# Two numerals alternating with two other characters, a four-character idiom (千家万户, 三番五次); not a list's
# numbering before a count (二是四位), places counted by their own nouns (两区四县), nor a count by a
# classifier followed by another (两组五人).
_N = "[一二两三四五六七八九十百千万]"
NUMERAL_IDIOM_RE = re.compile(
    rf"(?<!{_N}){_N}(?!是)(?![省市县区]{_N}[省市县区])(?![个名人位组次场期批件条项所支队类])(?!{_N})"
    rf"[\u4e00-\u9fff]{_N}(?!{_N})[\u4e00-\u9fff]"
)


# Classifiers that are what they count: lengths of time, distances, areas, weights (3天, 307.7万平方米).
MEASURE_CLASSIFIERS = {"天", "周", "小时", "分钟", "个半天", "公里", "平方米", "平方公里", "公顷", "亩", "吨"}

# Nouns for people: a noun before a count of persons is one of these (a post or a rank too: 中层副职, 巡察专干,
# 地厅级), else it is what was done to them.
PERSON_NOUN_RE = re.compile(r"(?:员|部|众|生|人|者|表|士|师|工|长|记|民|属|友|将|兵|童|年|女|子|职|干|级)$")

# Where the noun phrase after a count ends: a verb or preposition that starts the predicate (中 as "in", not
# 中央, 中共, 中管: 违反中央八项规定精神的典型问题).
NOUN_END = re.compile(
    r"在|对|向|到|参加|参与|开展|进行|(?<!工)作|存在|得到|提交|召开|举办|由|经|已|均|共|分别|先后|相继|同步|集中|"
    r"受到|接受|列席|出席|获得|完成|纳入|实现|进驻|负责|覆盖|涉及|达到|(?<!党)组织|中(?![央共国管华层])|的(?:问题|情况)|等|和|及|与|"
    r"为|是|有|要|将|把|从|以(?![上下])|按|于|被巡察的"
)


# Words that start the predicate even right after the classifier: 25人因此被处理, 分两批开展, 79位干部担任,
# 20人位居前三位; not 被 of a noun's modifier (13个被巡视的地区).
PREDICATE_START = re.compile(
    r"因此|因|被(?![\u4e00-\u9fff]{1,6}的|巡视|巡察|督导|督查|检查|审计)|都|均|全部|正在|也|还|参加|参与|出席|列席|参会|开展|进行|担任|位居|位列"
)


def noun_after(text: str, start: int, limit: int, longest: int = 14) -> tuple[str, int]:
    """The counted noun written from ``start`` on (村(社区), 被巡视省直单位, “民生实事”), up to the predicate."""
    out, at = [], start
    while at < limit and len(out) < longest:
        ch = text[at]
        if ch in "(（":
            close = text.find(")" if ch == "(" else "）", at, min(limit, at + 12))
            if close < 0 or not out:
                break
            out.append(text[at : close + 1])
            at = close + 1
            continue
        if ch in "“”" or re.match(r"[\u4e00-\u9fff]", ch):
            if (out and NOUN_END.match(text, at, limit)) or PREDICATE_START.match(text, at, limit):
                break
            formula = FORMULAS.match(text, at, limit)
            if formula:  # 违反八项规定精神问题: a formula inside the noun, no count
                out.append(formula.group())
                at = formula.end()
                continue
            if re.match(rf"[\d{ZH_NUMERAL_CHARS}]", ch) and re.match(
                rf"[\d{ZH_NUMERAL_CHARS}]+[{ZH_CLASSIFIER_CHARS}]", text[at:limit]
            ):
                break
            out.append(ch)
            at += 1
            continue
        break
    phrase = "".join(out)
    while phrase and phrase[-1] in "“的":
        phrase, at = phrase[:-1], at - 1
    return phrase.strip("“”"), at


@dataclass
class _Classifier:
    measures: list[str]
    end: int
    clause_head: str
    window: str


def _which(match: re.Match, table: tuple) -> tuple:
    return table[int(match.lastgroup[1:])]


class ChineseFigures:
    def __init__(self, text: str) -> None:
        self.written = text  # as written: nouns are given back in its characters (traditional ones too)
        self.text = simplified(text).translate(FULL_WIDTH)
        self.more_than_ends: set[int] = set()  # where a number written "30余万" ends: more than
        self.kind_re = re.compile("|".join(f"(?P<g{i}>{p[2]})" for i, p in enumerate(vocab.ZH_KINDS)))
        self.classifier_re = re.compile(
            "|".join(f"(?P<g{i}>{p[1]})" for i, p in enumerate(vocab.ZH_CLASSIFIERS))
        )
        self.qual_before = re.compile(
            "(?:" + "|".join(f"(?P<g{i}>{p})" for i, (_q, p) in enumerate(vocab.ZH_QUALIFIERS_BEFORE)) + ")$"
        )

    # --- helpers the rules use -----------------------------------------------------------

    def kinds(self, span: Span, measure: str, sentence_text: str) -> list[tuple]:
        out = []
        named = False
        for m in self.kind_re.finditer(self.text, span.start, span.end):
            if m.group() in vocab.ZH_GENERIC_STUDY and named:
                continue  # "举办读书班一期，集中学习七天": the class's own study
            named = True
            kind, kmeasure, _p = _which(m, vocab.ZH_KINDS)
            if kind == "rectification" and not vocab.ZH_RECTIFICATION_CONTEXT.search(sentence_text):
                continue
            if kmeasure == "measures_adopted" and not vocab.ZH_RESEARCH_CONTEXT.search(sentence_text):
                continue
            if measure == "records" and kmeasure != "records":
                out.append((kind, m.start(), m.end(), kmeasure))
                continue
            if vocab.valid(kind, measure):
                out.append((kind, m.start(), m.end(), measure))
        return out

    def clause_start(self, span: Span, pos: int) -> int:
        head = self.text[span.start : pos]
        cut = max(head.rfind(ch) for ch in "，,；;：:、")
        return span.start + cut + 1 if cut >= 0 else span.start

    @staticmethod
    def nearest(kinds: list, pos: int, prefer_before: bool = False) -> tuple | None:
        if not kinds:
            return None
        before = [k for k in kinds if k[2] <= pos]
        after = [k for k in kinds if k[1] >= pos]
        if prefer_before and before:
            return before[-1]
        if after:
            return after[0]
        return before[-1] if before else None

    def classifier(self, ctx: NumberContext) -> _Classifier | None:
        """The vocabulary's classifier right after the number and what it may measure (cached)."""
        if "classifier" in ctx.cache:
            return ctx.cache["classifier"]
        text, span, start = self.text, ctx.span, ctx.q_start
        found = None
        cm = self.classifier_re.match(text, ctx.after, span.end)
        if cm:
            classifier = cm.group()
            measures = [m for m, p in vocab.ZH_CLASSIFIERS if re.fullmatch(p, classifier)]
            if classifier in {"期", "批", "批次"} and text[max(span.start, start - 1) : start] == "分":
                measures = ["batches"]  # "分四期进行": one class held in four batches
            after = cm.end()
            window = text[after : min(span.end, after + 12)]
            # The nouns of this number end where the next number begins ("2场对话和1次交流访问").
            window = re.split(
                rf"[，,；;。：:、（(]|(?=[\d{ZH_NUMERAL_CHARS}]+[{ZH_CLASSIFIER_CHARS}])", window
            )[0]
            found = _Classifier(measures, after, text[self.clause_start(span, start) : start], window)
        ctx.cache["classifier"] = found
        return found

    def cand(self, ctx: NumberContext, kind: str | None, measure: str | None, end: int) -> Candidate:
        noun = self.text[ctx.after : end] if end > ctx.after else ""
        return Candidate(kind, measure, ctx.value, ctx.qualifier, ctx.q_start, end, noun)

    def unclassified(self, ctx: NumberContext) -> Outcome:
        """The number as an unclassified figure with its counted noun, or SKIP when it has none."""
        text, span = self.text, ctx.span
        if text[ctx.start : ctx.end] == "一" and not re.search(r"(?:为期|共|仅|只)$", ctx.head):
            return SKIP  # 一 as an article: 一项重大任务, 一批“老虎”
        cm = GENERAL_CLASSIFIER_RE.match(text, ctx.after, span.end)
        if cm is None:
            noun = self.noun_before(ctx)
            if noun and not re.match(r"[\u4e00-\u9fff]", text[ctx.end : ctx.end + 1] or "。"):
                return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, ctx.after, noun)
            return SKIP
        classifier = cm.group()
        end = cm.end()
        phrase, phrase_end = noun_after(text, end, span.end)
        if classifier in {"元", "万元", "亿元", "万亿元"} or re.match(r"元", phrase):
            return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, end, "元")
        if classifier in MEASURE_CLASSIFIERS or classifier in "省市县区":
            return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, end, classifier)
        if (ctx.head.endswith("分") and (not phrase or classifier in {"批", "期", "轮"})) or (
            phrase.startswith("的") and classifier in {"人", "名", "位"}
        ):
            # 分两批开展; 一行20余人的专家队伍 (the team is no count of teams)
            return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, end, classifier)  # 分两批开展
        if not phrase:
            before = self.noun_before(ctx)
            # What was done to the people counted is no noun: 移送司法机关110人, 诫勉谈话5人 (人 is).
            if before and not (classifier in {"人", "名", "人次"} and not PERSON_NOUN_RE.search(before)):
                return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, end, before)
            # No noun written: the classifier says what was counted (立案369件, 处分334人).
            return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, end, classifier)
        return Candidate(None, None, ctx.value, ctx.qualifier, ctx.q_start, phrase_end, phrase)

    def noun_before(self, ctx: NumberContext) -> str:
        """The noun written before the number in its clause ("征求到意见建议155条" -> 意见建议)."""
        clause = self.text[self.clause_start(ctx.span, ctx.q_start) : ctx.q_start]
        clause = re.sub(r"(?:共|共计|累计|总计|合计|达|有|约|近|超过|逾|其中)+$", "", clause)
        clause = re.sub(r"的$", "", clause)
        verbs = (
            r".*(?:开展|征求到|征求|收集到|收集|反映|形成|举办|组织|召开|完成|提出|确定|制定|明确|解决|办理|推动|"
            r"查摆|发现|梳理|问题整改|整改|清退|追回|挽回|讲授|培训|覆盖|走访|参加|参与|派出|建立|新建|完善和新建|完善|"
            r"达到|共有|存在|发放|受理|处理|查处|立案|处分|帮助|慰问)"
        )
        m = re.match(verbs, clause)
        tail = clause if len(clause) <= 10 else clause[-6:]  # 各职能部门负责人共31人: the clause whole
        noun = clause[m.end() :] if m else tail
        if m and len(noun.strip('“”"的了和及与 ')) == 1:
            noun = tail  # the verb began the noun: 培训班2期 (立案369件 has none)
        noun = noun.strip('“”"的了和及与 ')
        # One character is a preposition or a verb left over ("在13个..."), no noun.
        return noun if len(noun) >= 2 and re.search(r"[\u4e00-\u9fff]", noun) else ""

    # --- reading a sentence ----------------------------------------------------------------

    def numbers(self, span: Span) -> list[tuple[int, int, int | float]]:
        out = []
        used_until = span.start
        for match in ZH_NUMBER_RE.finditer(self.text, span.start, span.end):
            if match.start() < used_until:
                continue  # the 万 of 66.57万元 is part of the number before
            value = parse_zh(match.group())
            end = match.end()
            if value is not None:
                # "30余万个基层党组织", "660多万名党员": more than 300,000, the 余 before the 万.
                about = re.match(r"\s*[余多](?=万|亿)", self.text[end : end + 4])
                if about and match.group()[-1].isdigit():
                    end += about.end()
                    self.more_than_ends.add(end)
                end += len(re.match(r"\s*(?=万|亿)|", self.text[end : end + 3]).group())  # "8.4 万名"
                for word, factor in MULTIPLIERS:
                    if self.text.startswith(word, end) and (
                        self.text[end - 1].isdigit() or word != "万" or not match.group().endswith("万")
                    ):
                        value = value * factor
                        value = int(value) if float(value).is_integer() else round(value, 2)
                        if end in self.more_than_ends:
                            self.more_than_ends.add(end + len(word))
                        end += len(word)
                        break
            out.append((match.start(), end, value))
            used_until = end
        return out

    def figures(self, span: Span, previous: Span | None) -> list[Candidate]:
        text = self.text
        results: list[Candidate] = []
        for start, end, value in self.numbers(span):
            if value is None or (value == 0 and not re.match(r"\s*[人件次起个名]", text[end : end + 3])):
                continue  # 0 counts only as written with its classifier: 给予政务处分0人
            ctx = NumberContext(
                finder=self,
                text=text,
                span=span,
                previous=previous,
                start=start,
                end=end,
                value=value,
                head=text[max(span.start, start - 6) : start],
                tail=text[end : min(span.end, end + 30)],
            )
            _qualify(self, ctx)
            _rule, outcome = run(RULES, ctx)
            if not isinstance(outcome, Candidate):
                continue
            if text.startswith(("天半", "日半"), outcome.end - 1):  # 为期两天半
                outcome = outcome._replace(value=outcome.value + 0.5, end=outcome.end + 1)
            classifier = GENERAL_CLASSIFIER_RE.match(text, ctx.after, span.end)
            if (
                classifier
                and outcome.qualifier is None
                and text.startswith(("以上", "左右"), classifier.end())
            ):
                # "3天以上的集中学习": the qualifier right after the classifier, before the noun.
                outcome = outcome._replace(
                    qualifier="more than" if text[classifier.end()] == "以" else "about"
                )
            tail_q = re.match(r"(?:人民币)?(?:以上|左右)", text[outcome.end : span.end])
            if tail_q:
                outcome = outcome._replace(
                    qualifier="more than" if tail_q.group() == "以上" else "about",
                    end=outcome.end + tail_q.end(),
                )
            results.append(outcome._replace(noun=as_written(self.written, text, outcome.noun, outcome.start)))
        return _per_batch(text, span, results)


def _qualify(finder: ChineseFigures, ctx: NumberContext) -> None:
    ctx.qualifier, ctx.q_start, ctx.after = None, ctx.start, ctx.end
    qm = finder.qual_before.search(ctx.head)
    if qm:
        ctx.qualifier = vocab.ZH_QUALIFIERS_BEFORE[int(qm.lastgroup[1:])][0]
        ctx.q_start = ctx.start - (len(ctx.head) - qm.start())
    after = re.match(r"\s*(?:余|多)|个[余多](?=小时|钟头|星期)", ctx.tail)  # 2个多小时: more than 2 hours
    if ctx.head.endswith("数") and ctx.text[ctx.start] in "十百千万":
        ctx.qualifier, ctx.q_start = "at least", ctx.start - 1  # 数百名群众: hundreds, at least a hundred
    if ctx.end in finder.more_than_ends:
        ctx.qualifier = "more than"
        ctx.after = ctx.end
    elif after:
        ctx.qualifier = "more than"
        ctx.after = ctx.end + after.end()
    else:
        ctx.after = ctx.end + len(re.match(r"\s*", ctx.tail).group())


# "每个巡察组配备1名组长、1名副组长", "每组6人": a count for each group, batch or class.
PER_GROUP_RE = re.compile(r"每个?[\u4e00-\u9fff]{0,3}?[组批期班队](?![长员])[^，。；]*$")


def _per_batch(text: str, span: Span, results: list[Candidate]) -> list[Candidate]:
    batches = any(c.measure in {"batches", "rounds"} for c in results)
    out = []
    for c in results:
        clause = text[max(span.start, text.rfind("，", span.start, c.start) + 1) : c.start]
        if c.qualifier is None and c.measure not in {"days", "half_days"} and PER_GROUP_RE.search(clause):
            c = c._replace(qualifier="each")
        if (
            c.measure in {"days", "half_days"}
            and c.qualifier is None
            and (
                batches
                or re.search(r"每个?(?:批|期|轮|次|班)|各", text[max(span.start, c.start - 8) : c.start])
            )
        ):
            c = c._replace(qualifier="each")
        out.append(c)
    return out


# --- the rules, in the order they are tried ---------------------------------------------

RULES_LIST: list[Rule] = []


@rule("zh: ordinal, percentage or date", RULES_LIST)
def _ordinal(ctx: NumberContext) -> Outcome:
    """第三期, 百分之, 12月: an ordinal, a share or a date."""
    return SKIP if ctx.head.endswith(("第", "百分之", "月")) else None


@rule("zh: per-person or per-period share", RULES_LIST)
def _per_person(ctx: NumberContext) -> Outcome:
    """每人领衔一个课题, 每年至少听取两次, 每周学足2个小时: a rule for each, not a count."""
    head = ctx.text[max(ctx.span.start, ctx.start - 14) : ctx.start]
    if re.search(r"(?:每人|每个|每名|每位|人均|各自)(?:领衔|认领|牵头|负责|承担)?$", ctx.head) or re.search(
        r"每(?:年|周|月|天|日|次|季度?)[^，。；]{0,10}$", head
    ):
        return SKIP
    return None


@rule("zh: one as an article", RULES_LIST)
def _article(ctx: NumberContext) -> Outcome:
    """一条实打实的整改举措, 一项重大任务: 一 before a description is an article, not a count."""
    if ctx.text[ctx.start : ctx.end] == "一" and re.match(r"[项条个批次件][^，。；]{0,8}?的", ctx.tail):
        return SKIP
    return None


@rule("zh: not a count after", RULES_LIST)
def _excluded_after(ctx: NumberContext) -> Outcome:
    """年, %, 倍, 届, 二十大, 中全会, 六次全会, 周年, 号, 岁, 日, 个月, 点 (o'clock), 会议室: no count."""
    tail = ctx.tail
    if re.match(
        r"\s*(?:年|月|%|\uff05|成\b|倍|届|中全会|周年|号|岁|个月|点|会议室|室|楼|层|级|版|日\s*(?:至|到|[—-]|召开|举行|，|、|下午|上午|晚|电))",
        tail,
    ):
        return SKIP
    if re.match(r"大", tail) and (
        ctx.value > 10 or re.match(r"大(?:以来|精神|报告|代表|和|、|召开|会址|开幕|闭幕)", tail)
    ):
        return SKIP  # 二十大, 八大以来: a congress
    if re.match(r"次全(?:会|体会议)", tail) or (
        re.match(r"次(?:会议|大会)", tail)
        and re.search(r"届[^，。；]{0,10}$", ctx.text[max(ctx.span.start, ctx.start - 12) : ctx.start])
    ):
        return SKIP  # 省委十届六次全会, 十四届全国人大一次会议: the session of a plenum or a congress
    if tail.startswith("日") and re.match(r"\d{1,2}日", ctx.text[ctx.start : ctx.start + 3]):
        return SKIP
    if re.search(r"前$", ctx.head) and re.match(r"[位名]", tail):
        return SKIP  # 位居前三位, 前十名: a rank
    if re.match(r"[处科室局]副?(?:处长|科长|主任|局长)", tail):
        return SKIP  # 干部四处副处长: a division named by its number
    return None


@rule("zh: year or Latin", RULES_LIST)
def _year(ctx: NumberContext) -> Outcome:
    """2023 (a year), 7705会议室, 3G: no count."""
    text = ctx.text
    if re.match(r"^[A-Za-z]", ctx.tail):
        return SKIP
    if (
        text[ctx.start].isdigit()
        and re.fullmatch(r"(?:19|20)\d\d", text[ctx.start : ctx.end])
        and not (re.match(r"\s*[余多]", ctx.tail) or GENERAL_CLASSIFIER_RE.match(ctx.tail.lstrip()))
    ):
        return SKIP
    if re.search(r"[-—:：/.]$", ctx.head) and text[ctx.start].isdigit() and not ctx.head.endswith("："):
        return SKIP  # 2023-06-19, 13:22
    if text[ctx.start].isdigit() and re.match(r"[:：]\d\d(?!\d)", ctx.tail) and ctx.value < 24:
        return SKIP  # 08:22: an hour
    return None


@rule("zh: formula or list", RULES_LIST)
def _formula(ctx: NumberContext) -> Outcome:
    """“四个意识”, 三会一课, 两个大局, 三个方面, 三点希望, 一是, 千家万户: a formula, a list or an idiom, not a count."""
    text, start = ctx.text, ctx.start
    window = text[max(0, start - 6) : min(len(text), ctx.end + 8)]
    for m in FORMULAS.finditer(window):
        if max(0, start - 6) + m.start() <= start < max(0, start - 6) + m.end():
            return SKIP
    if (
        re.match(
            r"(?:个|大|点|项|条)?(?:方面|维度|层面|特点|议程|原则|点(?:希望|建议|要求|意见))|是|、(?!\d)|）|\)",
            ctx.tail,
        )
        and not ctx.qualifier
    ):
        return SKIP
    if re.search(r"[(（]$", ctx.head) and re.match(r"[^)）]{0,3}[)）]", ctx.tail):
        return SKIP  # 王新圩区(一期)整治工程: a phase in a name
    if re.fullmatch(r"[一二两三四五六七八九十]", text[start : ctx.end]) and re.match(
        r"[个项条种大][“\"][^”\"，。；]{1,6}[”\"]", ctx.tail
    ):
        return SKIP  # 三个“第一时间”, 两个“确立”: a count of a quoted formula
    # A four-character idiom of two numerals (千家万户, 千方百计, 五湖四海, 三番五次): no count.
    if ctx.end - start == 1:
        for m in NUMERAL_IDIOM_RE.finditer(text, max(0, start - 3), min(len(text), start + 5)):
            if start in {m.start(), m.start() + 2}:
                return SKIP
    # Inside quotes: part of a name (“十访工作法”, “三新两转”).
    before = text[ctx.span.start : start]
    if before.count("“") > before.count("”") and "”" in text[ctx.end : ctx.end + 8]:
        return SKIP
    return None


@rule("zh: rectification closed or open", RULES_LIST)
def _rectification_before(ctx: NumberContext) -> Outcome:
    """已完成整改120个 (closed), 其余12个正在整改中 (open)."""
    finder = ctx.finder
    cl = finder.classifier(ctx)
    if cl is None or "records" not in cl.measures or not vocab.ZH_RECTIFICATION_CONTEXT.search(ctx.sentence):
        return None
    if vocab.ZH_CLOSED_BEFORE.search(cl.clause_head):
        return finder.cand(ctx, "rectification", "closed", cl.end)
    if vocab.ZH_OPEN_BEFORE.search(cl.clause_head) and vocab.ZH_OPEN_AFTER.match(
        ctx.text, cl.end, ctx.span.end
    ):
        return finder.cand(ctx, "rectification", "open", cl.end)
    if vocab.ZH_OPEN_ALONE.search(cl.clause_head):
        return finder.cand(ctx, "rectification", "open", cl.end)
    return None


@rule("zh: state of items", RULES_LIST)
def _state(ctx: NumberContext) -> Outcome:
    """1项已核验销号, 2项正在整改, 其中2项已超期, 已确认3项, 完成1项: rectification items or directives by state."""
    finder = ctx.finder
    cl = finder.classifier(ctx)
    if cl is None or "records" not in cl.measures:
        return None
    span, start = ctx.span, ctx.q_start
    kinds = [
        k
        for k in finder.kinds(Span(span.start, start), "records", ctx.sentence)
        if k[0] in {"rectification", "directive"}
    ]
    if not kinds:
        return None
    kind = kinds[-1][0]
    rest = ctx.text[cl.end : span.end]
    for measure, pattern in vocab.ZH_STATE_AFTER:
        m = re.match(pattern, rest)
        if m and vocab.valid(kind, measure):
            return finder.cand(ctx, kind, measure, cl.end + m.end())
    for measure, pattern in vocab.ZH_STATE_BEFORE:
        if re.search(pattern, cl.clause_head) and vocab.valid(kind, measure):
            return finder.cand(ctx, kind, measure, cl.end)
    return None


@rule("zh: units supervised", RULES_LIST)
def _units_supervised(ctx: NumberContext) -> Outcome:
    """对28个部属单位开展督促指导: units a steering group supervises; outside supervision, a plain figure."""
    finder = ctx.finder
    cl = finder.classifier(ctx)
    province = re.match(r"[省市县](?![委长级])", ctx.text[ctx.after : ctx.span.end])
    if province and (cl is None or "units_supervised" not in cl.measures):
        # "指导督促湖北、湖南两省": the place noun is its own classifier.
        if not vocab.ZH_SUPERVISION_CONTEXT.search(ctx.sentence):
            return None
        return finder.cand(ctx, "steering_group", "units_supervised", ctx.after + 1)
    if cl is None or "units_supervised" not in cl.measures:
        return None
    un = re.match(
        rf"(?:(?!负责|指导|督|开展|进行|对|到|向|和|在)[^，。；、]){{0,8}}?(?:{vocab.ZH_UNIT_NOUNS})",
        cl.window,
    )
    km = finder.kind_re.search(cl.window)
    if not un or (km and km.start() < un.end()):
        return None
    if not vocab.ZH_SUPERVISION_CONTEXT.search(ctx.sentence):
        return finder.unclassified(ctx)  # "调研覆盖全部8个单位": how many units, not how much research
    kinds = finder.kinds(ctx.span, "units_supervised", ctx.sentence)
    groups = [k for k in kinds if k[0] == "steering_group"]
    chosen = finder.nearest(groups or kinds, ctx.q_start, prefer_before=True)
    if chosen:
        return finder.cand(ctx, chosen[0], "units_supervised", cl.end + un.end())
    return finder.unclassified(ctx)


@rule("zh: participants", RULES_LIST)
def _participants(ctx: NumberContext) -> Outcome:
    """300余名党员参加读书班: the participants of the activity named in the sentence."""
    finder = ctx.finder
    cl = finder.classifier(ctx)
    if cl is None or "participants" not in cl.measures:
        return None
    if re.match(
        r"(?:(?!参加|参与|参训|出席|培训)[^。；;]){0,30}?(?:发言|讲话|作报告|汇报)",
        ctx.text[cl.end : ctx.span.end],
    ):
        return finder.unclassified(ctx)  # "5名同志...作交流发言": who spoke, not who took part
    kinds = finder.kinds(ctx.span, "participants", ctx.sentence)
    if ctx.text.startswith("人次", ctx.after) and len({k[0] for k in kinds}) > 1:
        return finder.unclassified(ctx)  # 人次 summed over several kinds of activity: a figure
    chosen = finder.nearest(kinds, ctx.q_start, prefer_before=True)
    pn = re.match(rf"(?:{vocab.ZH_PEOPLE_NOUNS})?", cl.window)
    if chosen and not _took_part(ctx, chosen[0], cl.end):
        return finder.unclassified(ctx)  # 讲党课1700余人次, 50万名职工接受了党课教育: no participants
    if chosen:
        return finder.cand(ctx, chosen[0], "participants", cl.end + pn.end())
    return finder.unclassified(ctx)


GROUP_CHAR = re.compile(r"[组組]")


def _took_part(ctx: NumberContext, kind: str, after: int) -> bool:
    """Whether the people counted took part in the activity: a verb of taking part in the count's
    clause (100余名党员参加读书班, 参加座谈人员550人), or, for a steering group, its own members named
    in the same clause (督导组的40名成员, 由18名干部组成的督导组, 每组6人)."""
    clause = ctx.finder.clause_start(ctx.span, ctx.q_start)
    head = ctx.text[clause : ctx.q_start]
    rest = re.match(r"[^，,。；;：:]*", ctx.text[after : ctx.span.end]).group()
    if kind == "steering_group":
        return not ctx.text.startswith("人次", ctx.after) and bool(
            GROUP_CHAR.search(head) or GROUP_CHAR.search(rest)
        )
    return bool(vocab.ZH_TAKING_PART.search(rest) or vocab.ZH_TAKING_PART_BEFORE.search(head))


@rule("zh: kind after classifier", RULES_LIST)
def _kind_after(ctx: NumberContext) -> Outcome:
    """5个巡回指导组, 3期读书班: the kind noun right after the classifier (a few modifiers allowed)."""
    finder = ctx.finder
    cl = finder.classifier(ctx)
    if cl is None:
        return None
    km = re.match(rf"(?:[^，。；、]{{0,8}}?)(?:{finder.kind_re.pattern})", cl.window)
    if km:
        inner = finder.kind_re.search(cl.window, 0, km.end())
        kind, kmeasure, _p = _which(inner, vocab.ZH_KINDS)
        if kmeasure == "measures_adopted" and not vocab.ZH_RESEARCH_CONTEXT.search(ctx.sentence):
            return None
        if kind == "rectification" and not vocab.ZH_RECTIFICATION_CONTEXT.search(ctx.sentence):
            return None
        for measure in cl.measures:
            m = kmeasure if measure == "records" else measure
            if vocab.valid(kind, m):
                return finder.cand(ctx, kind, m, cl.end + km.end())
    return None


@rule("zh: length or batches", RULES_LIST)
def _length(ctx: NumberContext) -> Outcome:
    """集中学习7天, 分两批: days, half-days, rounds or batches of the activity named nearby."""
    finder = ctx.finder
    cl = finder.classifier(ctx)
    if cl is None or cl.measures[0] not in {"half_days", "days", "rounds", "batches"}:
        return None
    measure = cl.measures[0]
    kinds = finder.kinds(ctx.span, measure, ctx.sentence)
    chosen = finder.nearest(kinds, ctx.q_start, prefer_before=measure in {"days", "half_days"})
    if not chosen and ctx.previous is not None:
        earlier = finder.kinds(ctx.previous, measure, ctx.text[ctx.previous.start : ctx.previous.end])
        chosen = earlier[-1] if earlier else None
    if chosen:
        return finder.cand(ctx, chosen[0], measure, cl.end)
    if "records" not in cl.measures:
        return finder.unclassified(ctx)
    return None


@rule("zh: kind before number", RULES_LIST)
def _kind_before(ctx: NumberContext) -> Outcome:
    """开展专题研讨42次, 举办读书班，共三期: the kind noun before the number in the same clause (not 一 as an
    article before another noun: 读书班是一项重要活动)."""
    finder = ctx.finder
    cl = finder.classifier(ctx)
    if cl is None:
        return None
    text, span, start = ctx.text, ctx.span, ctx.q_start
    if text[ctx.start : ctx.end] == "一" and re.match(r"[\u4e00-\u9fff“]", text[cl.end : cl.end + 1]):
        return None  # 读书班是…的一项重要活动内容, 作为一项长期工程: 一 as an article before a noun, no count
    clause = Span(finder.clause_start(span, start), start)
    kinds = finder.kinds(clause, "records", ctx.sentence)
    if not kinds and re.fullmatch(r"[共计合总]*", text[clause.start : start]):
        # "举办读书班，共三期": the clause is only the count; the kind ends the one before.
        kinds = finder.kinds(Span(max(span.start, clause.start - 12), start), "records", ctx.sentence)
        kinds = [k for k in kinds if k[3] == "records"]
    if kinds and start - kinds[-1][2] <= 20:
        kind, _s, _e, kmeasure = kinds[-1]
        if vocab.valid(kind, kmeasure):
            return finder.cand(ctx, kind, kmeasure, cl.end)
    return None


@rule("zh: counted noun", RULES_LIST)
def _counted_noun(ctx: NumberContext) -> Outcome:
    """Any other counted noun: an unclassified figure (40余名党员干部, 意见建议155条, 66.57万元)."""
    return ctx.finder.unclassified(ctx)


RULES: tuple[Rule, ...] = tuple(RULES_LIST)
