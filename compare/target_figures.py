"""Which figures of a paragraph are quantities a plan can aim at: not years, ordinals, names, codes, size
classes, definitions or counts of the plan's own parts."""

from __future__ import annotations

import re

from compare.lexicon import ACTION_VERBS
from compare.model import Block
from compare.quantity import Figure

# A money figure that names a size class rather than a goal: 百亿元企业, 超10亿元的数字企业, 10亿元以上项目.
CATEGORY_NOUNS = re.compile(r"^(?!投向|用于|投入|带动|撬动)(?:以上)?(?:的)?[\u4e00-\u9fff“”]{0,8}?"
                            r"(?:企业|公司|项目|级|产业|集群|园区|龙头|平台|城市|县|规模)")
# Further sizes listed after a money figure, before the kind they size: 、1000亿 in 产值超500亿、1000亿…集群
MORE_SIZES = re.compile(r"(?:以上)?(?:、(?:超过?)?\d+(?:\.\d+)?[十百千万亿]*元?(?:以上)?)+")
# A money threshold before 的 and the kind of thing it sizes: 投资2000万元以上的技改项目, 营收超千亿元的集群.
CLASS_OF = re.compile(r"(?:以上|及以上)?的[\u4e00-\u9fff“”]{0,10}"
                      r"(?:企业|公司|项目|集群|园区|龙头|平台|城市|县|县域|村|乡镇|主体)(?=[\d，,。；;、和及与]|$)")
# A capacity in the name of one project of a list closed by 等项目: 辉源20万吨铝板带箔、…等项目建设,
# 国能宁煤70万吨煤制烯烃…等总投资500亿元以上的精细化工项目.
NAMED_PROJECT = re.compile(r"(?!以上|以下|左右|以内|及以上|等)级?[\u4e00-\u9fff“”][^，,。；;：:]{0,48}?"
                           r"等(?:重点|重大|骨干|一批|总投资[\d.]+[万亿]*元以上的[\u4e00-\u9fff]{1,8})?(?:项目|工程)")
# A capacity between a project's owner and its product: 兰州石化120万吨乙烯改造项目, 沃锦储热40万吨熔盐装置,
# 2座35万千瓦光热发电项目 (each plant's size after their count).
PRODUCT_PROJECT = re.compile(r"(?!等|及|以上|以下|左右|以内)[\u4e00-\u9fff“”]{1,14}?(?:项目|装置)")
CLAUSE_OPENING = re.compile(r"[^，,。；;：:、\d“”（）()]*$")
OWNER_NOT = re.compile(r"(?:[和及与等的总共计约近超达到至为了新再加]|年产|规模|产能|容量|装机)$")
# A count of the standing set a piece of work is about, after a verb of scope: 围绕22个产业, 深化10个合作功能
# 平台建设, 围绕乳制品、牛羊肉等10个品类, 串联500处文保单位和900个景点: the things exist, nothing is counted
# toward a goal.
SCOPE_OF_WORK = re.compile(r"(?:围绕|依托|聚焦|立足|用好|巩固|深化|串联)(?:全省|全市|全区|全国|现有)?"
                           r"(?:[^，,。；;：:\d]{0,30}等|\d+[个条家类处座所][^，,。；;：:\d]{1,12}[、和])?$")
# A count of pilots the state designated, carried out well (开展好5个国家新型城镇化试点), or of things whose
# function is to be brought into play (发挥好9个国家区域医疗中心服务功能): the set exists, nothing is counted.
CARRIED_OUT_WELL = re.compile(r"(?:开展|推进|抓|做|实施)好$")
STATE_PILOTS = re.compile(r"国家级?[^，,。；;：:、\d]{0,14}?试点")
BROUGHT_INTO_PLAY = re.compile(r"发挥好?[\u4e00-\u9fff]{0,4}$")  # 发挥济青烟3个…试点作用: the places named
ITS_FUNCTION = re.compile(r"[^，,。；;：:、\d]{1,20}?(?:作用|功能|优势|效应)")
# A count of a designated set whose members the work upgrades or equips (推动4个万亿级产业基地提质升级,
# 支持22个国家级产业融合载体延伸上下游产业链, 完善6个国家级经开区“管委会＋公司”运营模式): the designation
# (国家级, 省级, 万亿级…) names things that exist; the verb after them says what is done to them.
_DESIGNATED = r"(?:国家级|国家|省级|自治区级|市级|万亿级|千亿级|百亿级)[^，,。；;：:、\d]{1,14}?"
DESIGNATED_SET = re.compile(_DESIGNATED + r"(?:、\d+[个家座条所处]" + _DESIGNATED + r")*"
                            r"(?:提质升级|提档升级|提质增效|提级扩能|扩容提质|转型升级|改革|延伸|做大做强|做强做优|"
                            r"“[^”]{1,12}”(?:运营|管理)?(?:模式|机制|体制))")
# …and the verb that opens it, right before the count or before the list the count continues
ENABLING_VERB = re.compile(r"(?:推动|支持|促进|引导|推进|完善|深化|鼓励)(?:\d+[个家座条所处]" + _DESIGNATED
                           + r"、)*$")
# The size of a list another body drew up or approved earlier (省委确定的339项重点改革任务, 中央部署的14项…,
# “十四五”批复的6个沙戈荒大基地): the work carries it out, the count is the list's length, not a goal (a quota
# 下达 to the province is one)
LIST_SET_ELSEWHERE = re.compile(r"(?:党中央|中央|国家|省委|市委|区委|党委|“?十[三四五六]五”?)"
                                r"[^，,。；;\d]{0,8}(?:确定|部署|明确|批复|批准|核准)的$")
# A count that sizes the things whose share is the goal: 30户以上自然村通硬化路的比例达到80%,
# 45个重点开发区规模以上工业总产值占全省开发区的比重达84%.
CLASS_BEFORE_SHARE = re.compile(r"(?:以上|及以上)?的?[\u4e00-\u9fff“”]{2,24}?(?:比例|比重|占比|覆盖率|率)"
                                r"(?:达到|达|提高到|提升到|提高至|提升至|超过|为|不低于|稳定在|保持在)?"
                                r"(?:约|近)?[\d.]+%")
# The figure a rate is counted per (每10万人刑事案件数, 每千人口床位数): a denominator, not a target.
PER_FIGURE = re.compile(r"每$")
# Ordinals and ranks (第3, 前10), and a list announced (重点做好以下9项): not targets.
ZONE_WORDS = ("沿线", "两岸", "周边", "沿岸", "海拔")  # a distance or height after them marks out a zone
NOT_TARGET_BEFORE = ("第", "前", "No.", "NO.", "以下", "如下", "下列", "上述")
NOT_TARGET_AFTER = re.compile(r"^(?:级|届|次会议|周年|岁|位|强|号|版|代|中全会|大(?!关)|"
                              r"条(?:措施|政策|举措|意见|”|》)|"
                              r"个工作日内|分钟|小时(?:过境|免签)|圈)")
# A figure with its unit that states a definition or the plan's own structure, not a goal: 公园24小时开放,
# 出行50米内, 21个主要指标, 13个领域, 5个方面, 10大类.
NOT_TARGET_WITH_UNIT = re.compile(
    r"^(?:小时(?:开放|营业|服务|在线|值守|不打烊|过境|免签)|(?:米|公里)(?:内|以内|范围)|"
    r"个方面|(?:个|大)(?:领域|板块|维度)(?![项建])|"  # 分13个领域细化…: the plan's own structure
    r"(?:个|大)(?:主要|重点|核心|预期性|约束性)?(?:指标|领域|板块|类|大类|章|部分|维度)"
    r"(?=[，,。、；;的中和及设]|工作)|"
    r"项(?:主要|重点|核心)?(?:指标|任务举措|任务|举措)(?=[，,。、；;：:的中和及]))"
)
# A measure with 以上/以下 right before the kind of thing it sizes: 5000吨标准煤及以上重点用能单位.
THRESHOLD_OF_A_KIND = re.compile(r"及?以[上下]的?[\u4e00-\u9fff“”]{0,8}?"
                                 r"(?:企业|单位|项目|园区|工厂|用户|主体|机构)")
# Classifiers of a count: 100家以上企业 counts the firms, a goal, not a size class.
COUNTED_BY = frozenset("个家所项座条处户名人台辆套张床支批只部场件%")
TAX_RATE = re.compile(r"(?:的)?(?:企业|个人)?所得税|(?:的)?税率")
# A ratio written without a unit: 城乡居民收入倍差缩小至1.83, 弹性系数0.5.
UNITLESS_RATIO = re.compile(r"(?:倍差|系数|比值|指数|之比)(?:缩小|扩大|下降|降低|提高|提升|保持|控制|稳定)?"
                            r"(?:到|至|在|为)?(?:约|近)?$")
# A ratio written as a bare number: 基尼系数下降到0.42, 收入比由2.05缩小到1.98, 容积率原则上不低于1.2.
RATIO_BEFORE = re.compile(r"(?:系数|收入比|性别比|倍差|容积率|生育率)(?:[由从]\d+(?:\.\d+)?(?:[:∶]1)?)?"
                          r"[^，,；;。：:\d]{0,4}?"
                          r"(?:降至|降到|下降到|下降至|缩小至|缩小到|缩小为|提高到|提高至|提升到|提升至|"
                          r"稳定在|保持在|"
                          r"控制在|达到|为|不低于|不高于|不超过|由|从)(?:约|近)?$")


def is_quantity(body: str, f: Figure, block: Block) -> bool:
    """False for years, ordinals, names, codes and bare numbers: figures that are not quantities."""
    before, after = body[max(0, f.start - 3):f.start], body[f.end:f.end + 6]
    if not f.unit and not f.has_multiplier:
        before_ratio = body[max(0, f.start - 12):f.start]
        return (bool(RATIO_BEFORE.search(body, max(0, f.start - 24), f.start))
                or bool(UNITLESS_RATIO.search(before_ratio))) and not f.chinese
    if _counts_its_list(body, f) or _counts_the_list_after(body, f) or _unit_names_a_class(body, f, after):
        return False
    if before.endswith(NOT_TARGET_BEFORE) or NOT_TARGET_AFTER.match(after) or PER_FIGURE.search(before):
        return False
    if _streak(before, f, after) or _round_the_clock(before, f) or _marks_a_zone(before, f) or \
            _grades_a_vehicle(before, f, after) or _norm_for_each(body, f):
        return False
    if NOT_TARGET_WITH_UNIT.match(body[f.end - len(f.unit):f.end + 6] if f.unit else after):
        return False
    if _names_the_plans_parts(body, f, after):
        return False
    if re.search(r"[A-Za-z]$", before) or (
            re.match(r"^[A-Za-z]", after) and not re.search(r"[A-Za-z]", f.unit)):
        return False
    if before.endswith("+") or after.startswith("+"):
        return False
    if _inside_short_quote(body, f.start):
        return False
    if _sizes_a_kind(body, f, before, after):
        return False
    if f.chinese and ((f.value == 1 and f.low is None) or not _chinese_quantity(body, f, block)):
        return False  # 建设一个…, 打造一批…: a single thing named, not a count aimed at
    return f.unit not in ("年", "月", "日")


def _sizes_a_kind(body: str, f: Figure, before: str, after: str) -> bool:
    """`年综合能耗5000吨标准煤及以上重点用能单位`, `投资2000万元以上的技改项目`: a measure that sizes the
    things meant; `15%所得税`: a tax rate; `南网720兆瓦储能电站等项目`: a capacity in a project's name. A
    project group's total investment (总投资500亿元以上的项目) stays a quantity."""
    if f.unit == "%" and TAX_RATE.match(body, f.end):
        return True
    if f.unit not in COUNTED_BY and f.unit != "元" and NAMED_PROJECT.match(body, f.end):
        return True  # the size that names a project, as its 50万吨 names 桥头铝电50万吨绿电铝项目
    if f.unit not in COUNTED_BY and f.unit != "元" and PRODUCT_PROJECT.match(body, f.end) and \
            _sizes_a_named_project(body, f.start):
        return True
    listed = MORE_SIZES.match(body, f.end)  # 产值超500亿、1000亿优势特色产业集群: each size a class
    kind_after = body[listed.end():listed.end() + 10] if listed else after
    of_class = CLASS_OF.match(body, f.end) and not before.endswith("总投资")
    money = CATEGORY_NOUNS.match(kind_after) or of_class
    an_amount = f.unit == "元" or (not f.unit and f.has_multiplier)  # 1000亿, 50万: the unit left out
    if an_amount and money and not re.match(r"^以上[，。；]", after):
        return True
    sized = f.unit not in COUNTED_BY and THRESHOLD_OF_A_KIND.match(body, f.end)
    return bool(sized) and not (f.unit == "元" and before.endswith("总投资"))


def _sizes_a_named_project(body: str, start: int) -> bool:
    """The figure follows its project's owner (开工建设兰州石化 → 兰州石化) or a count of plants (2座), not a
    verb that sets the capacity to build (布局建设700万千瓦新型储能项目)."""
    if re.search(r"\d+[座台套]$", body[max(0, start - 5):start]):
        return True
    m = CLAUSE_OPENING.search(body, max(0, start - 20), start)
    opening = m.group() if m else ""
    verbs = ACTION_VERBS.match(opening)
    owner = opening[verbs.end():] if verbs else opening
    return 2 <= len(owner) <= 8 and not OWNER_NOT.search(owner) and not any(
        v in owner for v in ("建设", "建成", "新增", "布局", "实施", "推进", "推动", "开工", "形成", "达到"))


def _names_the_plans_parts(body: str, f: Figure, after: str) -> bool:
    """A policy package (民营经济32条) or a count of the plan's own indicators (预期性指标19项)."""
    if f.unit == "条" and re.match(r"(?:措施|政策|举措|意见|”|》)", after):
        return True
    return f.unit in ("项", "个") and bool(re.search(r"指标(?:共|合计)?$", body[max(0, f.start - 5):f.start]))


def _streak(before: str, f: Figure, after: str) -> bool:
    """`连续48个月保持两位数增长`, `连续12个季度`: a streak's length, not a quantity aimed at."""
    timed = f.unit in ("个月", "天", "周") or (f.unit == "个" and after.startswith(("月", "季度")))
    return before.endswith("连续") and timed


# Each of many places as the subject (各地, 各县, 每个乡镇): what follows is a norm for each, not a total.
FOR_EACH = re.compile(r"(?:各(?:地|县|市|区|乡镇|村)|每(?:个)?(?:县|市|乡镇|村))[^，,。；;\d]{0,16}$")


def _norm_for_each(body: str, f: Figure) -> bool:
    """`支持各县集中资源发展1-2个主导产业`: a small range set for each county, not a count aimed at."""
    small_range = f.low is not None and (f.high or f.value) <= 5
    return small_range and bool(FOR_EACH.search(body, max(0, f.start - 24), f.start))


def _marks_a_zone(before: str, f: Figure) -> bool:
    """`长江沿线1公里化工腾退地块`: a distance that marks out a zone, not a length of work."""
    return f.unit in ("米", "公里") and before.endswith(ZONE_WORDS)


def _grades_a_vehicle(before: str, f: Figure, after: str) -> bool:
    """`时速250公里城际市域列车`, `时速350公里高铁`: the speed class of what is built, not a goal."""
    return before.endswith("时速") and bool(re.match(r"[\u4e00-\u9fff]", after))


def _round_the_clock(before: str, f: Figure) -> bool:
    """`每天24小时提供服务`, `7×24小时`: round the clock, a definition of a service, not an aim."""
    return f.unit == "小时" and f.value == 24 and bool(re.search(r"(?:每天|全天|每日|一天|[×xX*])$", before))


def _unit_names_a_class(body: str, f: Figure, after: str) -> bool:
    """True when the unit marks a class or an occasion, not an amount (a voltage, an age, times)."""
    if f.unit == "千伏":
        return True  # 500千伏变电站: a voltage class
    if CLASS_BEFORE_SHARE.match(body, f.end) and f.unit not in ("%", "个百分点"):
        return True  # 30户以上自然村通硬化路比例达到80%: the villages counted, not a goal
    if re.match(r"制(?![定订造作度约品])", after):
        return True  # 3人制篮球场, 2班制: a number in the name of a format
    if f.unit == "岁" and "寿命" not in body[max(0, f.start - 12):f.start]:
        return True  # 0-6岁儿童, 65岁及以上: age brackets; 人均预期寿命80.5岁 is a target
    return f.unit in ("次",) and not re.match(r"^(?:以上|左右)", after)


def _chinese_quantity(body: str, f: Figure, block: Block) -> bool:
    """A figure in Chinese numerals is a quantity when it has a unit and either reads like a measured amount
    (一万二千个, 零点二个百分点, 百分之三, 攻关项目四十五项。) or follows a verb of quantity; small counts
    with no verb, or before the noun they count, are names and lists (两个确立, 四个中心,
    做好十一个方面工作)."""
    before, after = body[max(0, f.start - 3):f.start], body[f.end:f.end + 3]
    digits = re.search(r"[\d〇零一二两三四五六七八九]", f.written)  # 千万家, 百场: a magnitude word (a name)
    if not (f.unit or (f.has_multiplier and (f.low is not None or "个亿" in f.written))):
        return False  # 两个亿 and 数以万计 are amounts; 超百万, 过五千亿 alone are not
    in_heading = block.heading and f.start < len(block.heading) + 3
    if in_heading or re.search(r"(?:以下|如下|下列|上述|这|那)$", before):
        return False  # 重点抓好以下十二个方面: a list announced, not a target
    numeral = len(re.findall(r"[\d〇零一二两三四五六七八九十百千万亿点]", f.written))
    ends_clause = not after or after[0] in "，,；;。、）)" or after.startswith(("以上", "左右", "以内"))
    share = f.unit in ("%", "个百分点")
    small = f.value < 100 and not ends_clause and not share  # 十一个方面: a numeral before its noun
    counted = f.approx and re.search("[余多]", f.written) and f.value >= 10  # 百余项, 千余家; not 二期多
    measured = f.low is not None or counted or (
        digits and not small and (share or numeral >= 2))
    return bool(measured) or bool(re.search(
        r"(?:突破|超过|超|达到|达|增长|提高|新增|建成|培育|建设|引进|近|约|翻|下降|降低|减少|"
        r"稳定在|保持在|控制在|不低于|不少于)$", before))


_NAME = r"[\u4e00-\u7b48\u7b4a-\u9fff]{1,10}"  # a name of up to ten characters, none of them 等
LISTED_NAMES = re.compile(rf"(?<![\d.])({_NAME}(?:[、和及与]{_NAME})+)$")  # 8家、…: no unit opens it


def _counts_its_list(body: str, f: Figure) -> bool:
    """`建好福州、厦门、泉州3个…`: the figure only counts the names listed right before it (or the
    undertakings of the report's own livelihood package, or the standing set the work is about)."""
    if _sizes_the_livelihood_package(body, f) or _counts_its_abbreviation(body, f):
        return True
    if f.unit in COUNTED_BY and (SCOPE_OF_WORK.search(body, max(0, f.start - 36), f.start)
                                 or LIST_SET_ELSEWHERE.search(body, max(0, f.start - 24), f.start)):
        return True
    if f.unit in COUNTED_BY and f.low is None and ENABLING_VERB.search(body, max(0, f.start - 40), f.start) \
            and DESIGNATED_SET.match(body, f.end):
        return True  # 推动4个万亿级产业基地提质升级: the designated set upgraded, not a count aimed at
    if f.unit in COUNTED_BY and f.low is None and _a_set_in_use(body, f):
        return True
    before = body[max(0, f.start - 48):f.start]
    m = LISTED_NAMES.search(before.removesuffix("等"))  # 人工智能、生物医药等2个产业: the list closed by 等
    if not m:
        return False
    for sep in (r"[、和及与]", r"、"):  # 航空航天与低空经济: one item that holds a conjunction
        names = re.split(sep, m.group(1))
        names[0] = ACTION_VERBS.sub("", names[0])  # 建好福州: the verb before the list
        named = all(n and not ACTION_VERBS.match(n) for n in names)
        if 2 <= len(names) == f.value and f.low is None and named:
            return True
    return False


# `办好15件民生实事，包括：` / `10件民生实事：`: a count announcing the list that follows it.
LIST_AFTER = re.compile(r"[^，。；：:\d]{0,14}?(?:，?(?:具体)?包括[：:]?|，分别是[：:]?|[：:])")


def _counts_the_list_after(body: str, f: Figure) -> bool:
    """`办好15件民生实事，包括：甲；乙；…` with fifteen items: the figure is the list's length, not a goal."""
    if f.unit not in ("件", "项", "个", "类"):
        return False
    m = LIST_AFTER.match(body, f.end)
    if not m:
        return False
    end = body.find("。", m.end())
    items = body[m.end():end if end >= 0 else len(body)]
    return f.value >= 3 and f.value in (len(items.split("；")), len(re.split(r"[，；]", items)))


# The report's own package of livelihood undertakings: 办好45件民生实事, 10大类60项民生实事项目, 民生实事48件,
# 卫生健康为民服务15项实事.
PACKAGE = r"(?:重点)?“?(?:民生实事|惠民实事|为民办实事|民生工程|惠民工程|实事)"
PACKAGE_AFTER = re.compile(r"(?:[\d一二三四五六七八九十]+[件项])?" + PACKAGE)  # 12类45件民生实事
PACKAGE_BEFORE = re.compile(PACKAGE + r"”?(?:项目)?$")


QUOTED_ABBREVIATION = re.compile(r"[“\"‘]([\u4e00-\u9fff]{2,12})[”\"’]$")


def _counts_its_abbreviation(body: str, f: Figure) -> bool:
    """`“牛羊菜果薯药粮种”8个产业集群`: a quoted name of one character per item, as many as the count."""
    m = QUOTED_ABBREVIATION.search(body, max(0, f.start - 14), f.start)
    return m is not None and f.unit in COUNTED_BY and f.low is None and len(m.group(1)) == f.value


def _a_set_in_use(body: str, f: Figure) -> bool:
    return set_in_use(body, f.start, f.end)


def set_in_use(body: str, start: int, end: int) -> bool:
    """`开展好5个国家…试点`, `发挥好9个…中心服务功能`: the count at body[start:end] sizes pilots the state
    set, carried out, or a set put to use."""
    carried_out = CARRIED_OUT_WELL.search(body, max(0, start - 3), start) and STATE_PILOTS.match(body, end)
    in_play = BROUGHT_INTO_PLAY.search(body, max(0, start - 7), start) and ITS_FUNCTION.match(body, end)
    return bool(carried_out or in_play)


def _sizes_the_livelihood_package(body: str, f: Figure) -> bool:
    """`办好45件民生实事`: the number of undertakings in the report's own package, the length of a list the
    report sets out (as 21个主要指标 counts its indicators), not a level to reach."""
    if f.unit not in ("件", "项", "类", "大类") or f.value >= 100:
        return False  # 帮办实事17.5万件: matters handled, no package
    before = PACKAGE_BEFORE.search(body, max(0, f.start - 10), f.start)
    return bool(PACKAGE_AFTER.match(body, f.end) or before)


def _inside_short_quote(body: str, pos: int) -> bool:
    open_ = body.rfind("“", max(0, pos - 16), pos)
    if open_ < 0:
        return False
    close = body.find("”", pos, pos + 18)
    if close < 0 or close - open_ > 17:
        return False
    return body.rfind("”", open_, pos) < 0


# The speaker's region as it is (我区每年接待游客近3亿人次, 我区1100多种“蒙”字标好产品, …还有158万残疾人):
# a fact about the present, unless the sentence sets out to change it (我省将…, 要…, 力争…)
THE_REGION = re.compile(r"^(?:我区|我省|我市|我国)")
AIMED_AT = re.compile(r"将|要|力争|确保|争取|计划|预计|目标|推动|推进|实施")


def states_the_region(sentence: str) -> bool:
    """True when the sentence up to a figure describes the speaker's region as it is, not a goal."""
    return bool(THE_REGION.match(sentence)) and not AIMED_AT.search(sentence)
