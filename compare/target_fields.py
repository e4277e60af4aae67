"""The comparator and basis of a target, read from the verbs around its figure and its unit."""

from __future__ import annotations

import re

from compare.lexicon import GROWTH_VERBS, INCREMENT_ACTIONS, LEVEL_VERBS, SHARE_WORDS
from compare.model import Basis, Comparator, Target
from compare.quantity import Figure

# A floor stated before the verb that takes the figure: 每个乡镇至少办好1所, 每年至少举办2场.
FLOOR_BEFORE_VERB = re.compile(r"(?:至少|最少|不少于)[要能再]?[\u4e00-\u9fff]{1,2}$")
# Climbing onto a step: 迈上5万亿元台阶, 跃上1.4万亿斤 mean the level is reached or passed.
STEP_VERBS = frozenset(["跃上", "迈上", "跨上", "站上", "登上"])


def comparator_of(left: str, post: str, f: Figure, verb: str) -> Comparator:
    """>=, >, =, ~, <= or < from the words before the figure and the qualifier after it."""
    tail = left[-6:]
    post = re.sub(r"^[:∶]1", "", post)  # 2.1∶1左右: the qualifier of a ratio follows its denominator
    if f.written == "正增长":
        return ">"
    if verb in STEP_VERBS and post not in ("左右", "上下"):
        return ">="
    if post in ("以内", "以下", "之内", "内") or re.search(r"(?:不超过|不高于)$", tail):
        return "<="
    if re.search(r"(?<!不)低于$", tail):
        return "<"
    if post in ("以上",) or re.search(r"(?:突破|超过|超|不少于|不低于|至少|高于)(?:约|近)?$", tail) or \
            FLOOR_BEFORE_VERB.search(tail):
        return ">="
    if post in ("左右", "上下", "余", "多") or f.approx or re.search(r"(?:约|近)$", tail) or \
            re.search(r"接近|(?:约|近)(?:占|达到?|为|有)", left):
        return "~"
    if verb == "控制在":
        return "<="
    return "="


# A counted thing followed by what is done to it this period: 1万个网点提档升级, 500家企业数字化转型.
TRANSFORMED = re.compile(r"(?:提档升级|提质升级|改造升级|升级改造|升级|改造|转型|投入使用|投用|投运|造林|"
                         r"开工|投产|并网)$")
# Words that make a count this period's new things: 新增, 新认定, 新转化, 比上年增加.
NEW_THINGS = re.compile(r"新(?:增|建|认定|入选|培育|开工|引进|落地|开通|上线|转化|签约|投产|设立|开设|设|"
                        r"布局|招引|创建|实施)|比上年增加|净增")
PEOPLE_FLOW = re.compile(r"就业|培训|转移|资助|救助|帮扶|招聘|招收|招募|引进")
HELD = frozenset(["保持", "保持在", "稳定在", "维持在"])
# Those a measure reaches: 惠及97.9万户, 试点覆盖80万人 (a reach, not this period's flow).
REACHED = re.compile(r"(?:惠及|覆盖|受益)[\u4e00-\u9fff]{0,6}$")
# Money saved or taken off: 为企业降低成本1000亿元, 减免税费300亿元 (a change by an amount).
CUT_ACTIONS = re.compile(r"降低|减少|减轻|减免|节约|节省|减税|降费")
# An amount named after a head that is an amount, not a ratio: 营收保持20%以上 is its growth.
AMOUNT_HEAD = re.compile(r"(?:营收|营业收入|收入|产量|产值|投资|增加值|销售额|零售额|进出口|出口|进口|利润|"
                         r"税收|总额)$")


GROWTH_NAMES = re.compile(r"增长|增速|涨幅|增幅|降幅|减幅|跌幅")
RATE_HEAD = re.compile(r"(?:增长率|增速|涨幅|增幅|降幅|减幅|跌幅)$")  # the metric names a rate of change
SHARE_HEAD = re.compile(r"(?:率|比重|比例|占比|强度)$")  # the metric names a share or a ratio
# A rate set against another's: 高于全国0.5个百分点, 快于经济增速1个百分点, 优于全省平均水平.
GAP = re.compile(r"(?:高于|低于|优于|快于|慢于|超出|领先)[^，。；、]{0,12}$")


def _rate_basis(f: Figure, verb: str, metric: str, inherited_from: Target | None) -> Basis:
    """growth or share for a figure in %, 个百分点, 成 or ‰: a rate of change (增长, 降幅) is growth; a
    metric whose head is a share (贡献率, 比例) held at or raised to a level (保持在, 上升至) is a share."""
    if verb in GROWTH_VERBS or RATE_HEAD.search(metric):
        return "growth"
    if inherited_from is not None and inherited_from.basis == "growth" and verb in ("达到", "达"):
        return "growth"  # 增长15%以上、力争达到20%: the growth reaches 20%
    if SHARE_HEAD.search(metric) and f.unit in ("%", "‰"):
        return "share"
    if AMOUNT_HEAD.search(metric) and f.unit == "%" and verb in HELD and not SHARE_WORDS.search(metric):
        return "growth"  # 营收保持20%以上: an amount keeps its rate of growth
    if GROWTH_NAMES.search(metric):
        return "growth"
    if verb in LEVEL_VERBS or SHARE_WORDS.search(metric):
        return "share" if f.unit in ("%", "‰") else "growth"
    if inherited_from is not None:
        return inherited_from.basis
    return "growth" if f.unit != "%" else "share"


def basis_of(f: Figure, verb: str, action: str, metric: str, left_clause: str, inherited_from: Target | None,
           coordinated_with: Target | None, own_left: str | None = None) -> Basis:
    """level, cumulative, increment, growth or share, from the verbs and the unit. `left_clause` is the clause
    up to the figure, `own_left` the words since the previous figure (a 新增 before that one is not this
    figure's: `新增工厂80家、机器人产量突破5000台`)."""
    own = left_clause if own_left is None else own_left
    # 累计超1.6万亿元、较上期增长16.3%: a rate after a cumulative total is its own growth
    summed = own if f.unit in ("%", "个百分点") and verb in GROWTH_VERBS else left_clause
    if "累计" in summed or (summed is left_clause and action.startswith("累计")) or (
            coordinated_with is not None and coordinated_with.basis == "cumulative"
            and coordinated_with.unit == f.unit):
        return "cumulative"
    if f.unit == "倍" or f.written == "正增长":
        return "growth"
    if f.unit == "个百分点" and (verb in GROWTH_VERBS or GAP.search(left_clause)):
        return "increment"  # 提高1个百分点, 高于全国0.5个百分点: points are a difference of two rates
    if f.unit in ("%", "个百分点", "成", "‰"):
        return _rate_basis(f, verb, metric, inherited_from)
    return _count_basis(f, verb, action, metric, own, inherited_from, coordinated_with)


def _count_basis(f: Figure, verb: str, action: str, metric: str, left_clause: str,
                 inherited_from: Target | None, coordinated_with: Target | None) -> Basis:
    """level or increment for an amount or a count: a change by an amount, this period's new things, or a
    stock reached."""
    if inherited_from is not None and not verb and not action:
        return inherited_from.basis
    if verb in GROWTH_VERBS or "增量" in metric:  # 再提高20元, 增加1.6万亿元, 五年增量: a change by an amount
        return "increment"
    if REACHED.search(left_clause) and not NEW_THINGS.search(left_clause):
        return "level"
    standing = verb in HELD or verb in ("达", "达到") or metric.endswith("规模")
    if f.unit in ("人", "人次", "名", "位") and PEOPLE_FLOW.search(metric) and not standing:
        return "increment"  # 再就业10万人: this year's; 转移就业达1695万人 is where it stands
    if CUT_ACTIONS.search(left_clause) and verb not in LEVEL_VERBS:
        return "increment"
    if NEW_THINGS.search(left_clause):
        return "increment"
    if verb in LEVEL_VERBS or f.unit == "元":
        return "level"
    if action and INCREMENT_ACTIONS.search(action):
        return "increment"
    if coordinated_with is not None:
        return coordinated_with.basis
    if TRANSFORMED.search(metric):
        return "increment"
    return "level"


# What a review reports doing to things it counts: 建成投用600个公共文化空间, 办理人大代表建议3623件, and
# 7所高职学校入选国家“双高计划”, 1819个…工程建成运行 (the count before what happened to it).
WORK_DONE = re.compile(r"(?:建成|新建|改造|修缮|造林|开办|办理|审议|制定|修订|举办|推出|新晋|新备案|"
                       r"新结对|净增|获批|创建|打造|开通|完成|突破)[^，。；]*$")
HAPPENED_TO = re.compile(r"[^，。；、]{0,20}?(?:入选|获评|纳入|列入|升格|新晋|获批|获得?|建成|受到)")
COUNT_UNITS = frozenset(["个", "家", "所", "座", "条", "项", "件", "部", "处", "只", "对", "公里", "米", "亩",
                         "户", "栋", "套", "支", "种", "批", "台", "辆", "张"])


def work_done_basis(basis: Basis, f: Figure, verb: str, clause: str, left: str, right: str,
                    five_years: bool) -> Basis:
    """In a review, a count of things built, handled or won is the work of the period reviewed: an increment
    for a year, a total for five years (`five_years`: cumulative, unless named new, 新增, or a change by an
    amount, 增加326万个). `clause` is the clause up to the figure, `left` the words since the previous figure;
    other review figures keep `basis`."""
    if basis not in ("level", "increment") or f.unit not in COUNT_UNITS or verb in LEVEL_VERBS:
        return basis
    if re.search(r"[从由]", clause) or REACHED.search(left):  # 从771家增加到…, 惠及6.5万户: not work done
        return basis
    if re.search(r"(?:总数|总量|保有量)[达为]?$|续建", left):  # 上市公司总数186家, 新建续建项目: a stock
        return "level"
    if basis == "level" and not (WORK_DONE.search(left) or HAPPENED_TO.match(right)):
        return basis
    new = NEW_THINGS.search(clause) or verb in GROWTH_VERBS
    return "cumulative" if five_years and not new else "increment"
