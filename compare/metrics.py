"""Metric names: canonical forms, synonyms and a similarity score for pairing targets across documents."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.fuzz import ratio

# Written variants of the same indicator (plan-grammar.md §8); left side is rewritten to the right.
SYNONYMS = [
    (r"规模以上", "规上"),
    (r"规模工业", "规上工业"),
    (r"^(?:国内|地区|全省|全市|全区)?(?:生产总值|GDP)$|^经济增速$", "地区生产总值"),
    (r"^经济(?:增长)?(?:预期)?(?:目标)?(?:设定|确定|定)?$", "地区生产总值"),  # 经济增长6%: the metric is 经济
    (r"国内生产总值|全[省市区]生产总值|全[省市]地区生产总值", "地区生产总值"),
    (r"单位(?:国内|地区)?生产总值", "单位GDP"),
    (r"居民消费价格(?:指数)?(?:总水平)?(?:涨幅|上涨幅度|上涨)?|^CPI$", "居民消费价格涨幅"),
    (r"城镇新增就业(?:人数)?|新增城镇就业(?:人数)?", "城镇新增就业"),
    (r"地方一般公共预算收入|一般公共预算收入同口径", "一般公共预算收入"),
    (r"全社会固定资产投资", "固定资产投资"),
    (r"总产量|总产(?![值出])", "产量"),  # 粮食总产 = 粮食总产量 = 粮食产量; 总产值 stays
    (r"外贸进出口总额|外贸进出口总值|进出口总值|进出口贸易总额|货物进出口总额", "进出口总额"),
    (r"全社会研发(?:经费)?投入强度|研究与试验发展经费投入强度|研发经费投入强度", "研发投入强度"),
    # R&D spending over GDP is R&D intensity, however it is spelled
    (r"^(?:全社会)?(?:R&D|研发|研究与试验发展)经费(?:投入|支出)?占(?:GDP|地区生产总值|国内生产总值)(?:的)?(?:比重|比例)$",
     "研发投入强度"),
    (r"上云企业", "云上企业"),
    (r"管网", "管道"),  # 供排水管网 4000公里 counts the pipes as 老化管道 6000公里 does
    (r"“|”|\"|'", ""),
]
PREFIX = re.compile(
    r"^(?:全省|全市|全区|全国|全县|全年|今年|年度|新增|累计|培育|建成|建设|在役|我省|我市|本市|本省)+")
# Filler after the counted thing: 城镇调查失业率全年, 智能算力规模, 社会融资规模增量 (the basis tells a flow),
# 工程建设面积 (the unit says it is an area).
SUFFIX = re.compile(r"(?:数量|总数|总量|预期目标|目标|的|全年|今年|规模|增量|额|面积)+$")
# Verbs and qualifiers that open a metric and say what is done to the counted thing, not what it is:
# 新(改)建农村公路, 实施老旧小区改造, 全年完成投资, 打造示范区.
ACTION_LEAD = re.compile(
    r"^(?:全年|今年|年度|年内|全省|全市|全区|全国|增加|新\(改\)建|新改建|新建|改建|扩建|续建|修建|招募|招聘|选聘|新开工|开工|改造|实施|"
    r"建成|建设|升级改造|升级|打造|推动|推进|完成|新增|新培育|培育|引进|创建|累计|办好|提升|支持|加快|开行|发行|拟发行|安排|"
    r"拟安排|更新改造|更新|做好|做强|做优|建好|争创|启动|组织实施|力争|确保|预计|先)+"
)
# Nominalised actions after the counted thing: 老旧小区改造 counts 小区.
ACTION_TAIL = re.compile(r"(?:改造|建设|改建|新建|提升|升级|整治|综合治理|治理|工程|新增)+$")
# Short names of one unit: 亿方 = 亿立方米, 标箱 = 标准箱 (TEU), 亿度 = 亿千瓦时.
UNIT_NAMES = {"方": "立方米", "标箱": "标准箱", "度": "千瓦时", "名": "人", "位": "人"}
# Alternative units in parentheses name one unit: 套(间), 万台(套), 条(段).
UNIT_ALTERNATIVE = re.compile(r"[(（][^()（）]{1,3}[)）]$")


@lru_cache(maxsize=4096)
def canonical(metric: str) -> str:
    """A metric rewritten to one spelling: synonyms folded, filler prefixes and suffixes dropped."""
    m = metric.strip()
    for pat, rep in SYNONYMS:
        m = re.sub(pat, rep, m)
    m = PREFIX.sub("", m)
    m = SUFFIX.sub("", m)
    return m or metric


@lru_cache(maxsize=4096)
def head_noun(metric: str) -> str:
    """The counted thing of a metric: its canonical form without leading action verbs, qualifiers and a
    nominalised action at the end (实施老旧小区改造 → 老旧小区); empty when nothing but verbs is left."""
    m = ACTION_LEAD.sub("", canonical(metric))
    m = re.sub(r"^[、，,和及与等]+|[、，,和及与等]+$", "", m)
    stripped = ACTION_TAIL.sub("", m)
    return stripped if len(stripped) >= 2 else m


@lru_cache(maxsize=1024)
def unit_key(unit: str) -> str:
    """A unit without its spelled-out alternative and with its short name spelled out: 套(间) and 套, 方 and
    立方米, 度 and 千瓦时 compare (plan-grammar §2)."""
    u = UNIT_ALTERNATIVE.sub("", unit.strip())
    return UNIT_NAMES.get(u, u)


# Units of one quantity that convert into each other: the quantity, and the unit's size in its base unit
# (1 斤 = 0.5 公斤; 1 亩 = 10000/15 平方米).
UNIT_SIZES = {"斤": ("mass", 0.5), "公斤": ("mass", 1.0), "千克": ("mass", 1.0), "吨": ("mass", 1000.0),
              "米": ("length", 1.0), "千米": ("length", 1000.0), "公里": ("length", 1000.0),
              "平方米": ("area", 1.0), "亩": ("area", 10000 / 15), "公顷": ("area", 10000.0),
              "平方公里": ("area", 1_000_000.0)}


def unit_factor(a: str, b: str) -> float | None:
    """What a figure in unit a is multiplied by to read in unit b (252亿斤 → 1260万吨), when both measure one
    quantity; None when they do not convert."""
    fa, fb = UNIT_SIZES.get(unit_key(a)), UNIT_SIZES.get(unit_key(b))
    if fa is None or fb is None or fa[0] != fb[0]:
        return None
    return fa[1] / fb[1]


def _common_affixes(a: str, b: str) -> tuple[int, int]:
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s


# 净 marks a net figure (净外送电量, 净流入人口): never the same indicator as the gross one. Not 净化 or 净土.
NET = re.compile(r"(?<!干)净(?![化土水])")


# How much of a name's similarity to one kind of a list of kinds counts: the figures cover different things.
LISTED_KIND = 0.9
# The size class a metric counts within (500万元以上技改项目, 亿元以上项目): other classes, other indicators.
# the money size of the things a name counts: 百亿元项目, 30亿元以上项目, 超10亿元项目, 500万元以上技改项目
MONEY_SIZE = re.compile(r"(?:\d+(?:\.\d+)?)?[十百千万亿]+元")


def bigrams(text: str) -> set[str]:
    """The pairs of adjacent characters of a text: 省级样板 → 省级, 级样, 样板."""
    return {text[k:k + 2] for k in range(len(text) - 1)}


def money_sizes(name: str) -> set[str]:
    """The money sizes a name gives its counted things, however bounded (超10亿元 and 10亿元以上 alike)."""
    return set(MONEY_SIZE.findall(name))
OTHER_SIZE_CLASS = 0.3


@lru_cache(maxsize=65536)
def metric_similarity(x: str, y: str) -> float:
    """0..1: how likely two metric phrases name the same indicator.

    Metrics often share a long prefix (数字经济核心产业…) or suffix (…人均财政补助标准) and differ in the part
    that matters, so once the shared ends are set aside the remainders must agree too.
    """
    a, b = canonical(x), canonical(y)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    sizes_a, sizes_b = money_sizes(a), money_sizes(b)
    if sizes_a and sizes_b and sizes_a != sizes_b:
        return OTHER_SIZE_CLASS  # 500万元以上技改项目 are not 投资2000万元以上的技改项目
    shared = _shared_items(a, b)
    if shared:
        return shared
    if ("、" in a) != ("、" in b):  # 智能车间、智能工厂 against 智能车间: one kind of a list, scope aside
        listed, one = (a, b) if "、" in a else (b, a)
        return LISTED_KIND * max(metric_similarity(item, one) for item in listed.split("、") if item)
    if bool(NET.search(a)) != bool(NET.search(b)):
        return 0.3  # net and gross: 外送电量 is not 净外送电量
    short, long_ = (b, a) if len(b) < len(a) else (a, b)  # sorted((a, b), key=len): ties keep a first
    if len(short) >= 3 and long_.endswith(short):
        return 0.6 + 0.4 * len(short) / len(long_)
    if len(short) >= 3 and short in long_:  # same words, another head noun: 单位GDP能耗 is not GDP
        return 0.45 + 0.15 * len(short) / len(long_)
    p, s = _common_affixes(a, b)
    rest_a, rest_b = a[p:len(a) - s], b[p:len(b) - s]
    whole = ratio(a, b) / 100
    # one is the other with words inserted: 居民医保(人均财政)补助标准
    if (not rest_a or not rest_b) and len(short) >= 3:
        return 0.6 + 0.3 * len(short) / len(long_)
    rest = ratio(rest_a, rest_b) / 100
    return max(0.4 * whole + 0.6 * rest, _same_words_reordered(a, b))


def _shared_items(a: str, b: str) -> float:
    """Two lists of kinds sharing two kinds or more (“小巨人”和单项冠军 against 独角兽、小巨人、单项冠军企业):
    one count, perhaps of a wider set; 0 when either is no list or they share fewer."""
    items_a = [i for i in re.split(r"[、和及与]", re.sub(r"[“”\"]", "", a)) if len(i) >= 2]
    items_b = [i for i in re.split(r"[、和及与]", re.sub(r"[“”\"]", "", b)) if len(i) >= 2]
    if len(items_a) < 2 or len(items_b) < 2:
        return 0.0
    common = sum(1 for x in items_a if any(x in y or y in x for y in items_b))
    return 0.6 + 0.3 * common / max(len(items_a), len(items_b)) if common >= 2 else 0.0


def _same_words_reordered(a: str, b: str) -> float:
    """Two long names made of the same words in another order (实现垃圾分类的行政村 / 行政村实现垃圾分类):
    the share of character pairs they have in common, when it is high; else 0."""
    a, b = (GENERIC_SUFFIX.sub("", s) or s for s in (a, b))  # 开工新能源项目 / 新能源开工: 项目 adds nothing
    if min(len(a), len(b)) < REORDERED_MIN_LENGTH or re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return 0.0  # 年销售收入超10亿元龙头企业 is not 年销售收入超亿元的龙头企业
    pa, pb = (bigrams(s) for s in (a, b))
    pa, pb = ({p for p in pairs if "的" not in p} for pairs in (pa, pb))  # 的 only joins the words
    shared = len(pa & pb)
    dice = 2 * shared / (len(pa) + len(pb))
    # every pair of the shorter name but the one at the seam of its two moved words is in the other name
    return dice if shared >= min(len(pa), len(pb)) - 1 and dice >= REORDERED_MIN_SHARE else 0.0


# shorter names reorder into other things; at five, 数字产业化 / 产业数字化 still fail the pair test (2 of 4)
REORDERED_MIN_LENGTH = 5
GENERIC_SUFFIX = re.compile(r"(?:项目|工程)$")
REORDERED_MIN_SHARE = 0.7
