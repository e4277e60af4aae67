"""When two figures compare, and the second pairing pass over what the metric-name pass left unpaired.

The first pass (classify.py) pairs figures whose metric names read alike. What it leaves is often one
indicator written two ways: `全年完成投资2400亿元` → `全年完成重大工程投资2550亿元`, the second figure of a
`分别达` list, a figure whose metric the sentence names before it. This pass pairs those on the counted
thing's head noun, on the position in a parallel list next to an already paired figure, and on the other
figure's metric named in the sentence, always with the same unit and horizon and a plausible ratio.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from compare.config import DEFAULT, MatchConfig
from compare.metrics import bigrams, head_noun, metric_similarity, unit_factor, unit_key
from compare.model import Target
from compare.reasons import reason
from compare.same_thing import (
    common_lead,
    common_tail,
    modifiers_meet,
    one_clause_reworded,
    one_of_the_kinds,
    one_thing_told_otherwise,
    programme_named,
    same_count_renamed,
    sizes_differ,
)

STOCK = {"level", "cumulative"}  # a stock reached: rankable against each other
RATES = {"growth", "share"}  # a percentage read as a growth or as a level of the same rate (涨幅, 上涨)
# Classifiers that count things; 个 is the general one and may stand for any of them (首店200个 = 200家).
COUNT_CLASSIFIERS = frozenset("个家所座处项条件台套张只款种类场间栋艘架辆部")
# A count of what is done this year: 实施/改造/建成/新培育 N个, a flow whichever basis it carries.
FLOW_VERBS = re.compile(r"实施|开展|改造|改建|新建|扩建|建成|建设|开工|完成|培育|打造|创建|办好|引进|推进|"
                        r"提升|争创|启动|开行|新增|共建|营造|修复|整治|推动|支持|更新|抓好|抓实|安排|落实|办|谋划|"
                        r"招引|争取|入库|入统|治理|升级|修建|招募|招聘|选聘|消除|加装|安装|配置|配备|转化")
# Verbs that make or bring in this year's new things: 培育引进…达到200个 counts them, unlike 推动…达到.
MAKING_VERBS = re.compile(r"新建|建成|培育|引进|新增|招引|开工|创建|争创|新认定|认定")
# Verbs that spend or lend this year's money: 发放创业担保贷款180亿元 is a flow, like a count of work.
MONEY_FLOW_VERBS = re.compile(r"发放|投放|拨付|兑付|减免|减税降费|撬动")
# Classifiers of people: a bare count before a people noun (为200万中小学生…) counts them as 名/人 do.
PEOPLE_CLASSIFIERS = frozenset(("名", "人", "人次", "位"))
# Words that make a count a stock reached, not this year's work: 达2万P, 规模, 累计, 总量.
STOCK_VERBS = re.compile(r"(?<![发到表])达|突破|稳定在|保持在|拥有")  # 超 is a comparator: 改造超4000公里
STOCK_NOUNS = re.compile(r"总量|规模(?!以上)|累计|保有|总数|在役|存量|总里程")  # 规模以上 is a size class
SENTENCE_END = re.compile(r"[。；;！？!?\n]")


def same_unit(a: Target, b: Target, loose: bool = False) -> bool:
    """One unit, however spelled: 套 and 套(间); when loose, also 个 and another count classifier
    (首店200个 = 200家), which only the second pass allows: the names must then name one counted thing."""
    ua, ub = unit_key(a.unit), unit_key(b.unit)
    if ua == ub or unit_factor(ua, ub) is not None or {ua, ub} == {"户", "家"}:
        return True  # one unit, two that convert (亿斤 and 万吨), or firms counted in 户 and 家
    if {ua, ub} - {""} <= PEOPLE_CLASSIFIERS and "" in (ua, ub):
        return True  # 为200万中小学生开展测评 / 为200万名以上中小学生开展测评
    return loose and {ua, ub} <= COUNT_CLASSIFIERS and "个" in (ua, ub)


def _unit_class(unit: str) -> str:
    """The units that may pair in the second pass share a class: all count classifiers are one."""
    u = unit_key(unit)
    return "#count" if u in COUNT_CLASSIFIERS else u


def is_flow(t: Target) -> bool:
    """A count of this year's work (实施3000个老旧小区改造, 建成100个绿色工厂): an increment, or a level whose
    clause opens with an action verb and names no stock (达, 规模, 累计…)."""
    if t.basis == "increment":
        return True
    if t.basis != "level" or t.unit in ("%", "个百分点", "‰"):
        return False
    if t.unit.endswith("元"):  # money is a level (安排专项债券3.9万亿元) unless it is spent or lent this year
        return _money_flow(t.quote, t.written)
    return _flow_words(t.quote, t.written, t.metric)


def _money_flow(quote: str, written: str) -> bool:
    k = quote.find(written) if written else -1
    left = re.split(r"[，,；;：:]", quote[:k] if k >= 0 else quote)[-1]
    return bool(MONEY_FLOW_VERBS.search(left)) and not STOCK_NOUNS.search(left)


def is_stock(t: Target) -> bool:
    """A level that says it is a total reached (达, 突破, 规模, 累计, 总数…), not this year's work."""
    if t.basis != "level":
        return False
    k = t.quote.find(t.written) if t.written else -1
    left = re.split(r"[，,；;：:]", t.quote[:k] if k >= 0 else t.quote)[-1]
    return _names_stock(left, t.metric)


def _names_stock(left: str, metric: str) -> bool:
    """The clause before a figure says it is a total reached: a stock noun (总量, 累计), or 达/突破 that no
    verb of making opens (培育引进…分别达到200个 counts this year's work)."""
    verb = STOCK_VERBS.search(left)
    made = verb and MAKING_VERBS.search(left, 0, verb.start())
    return bool(verb and not made) or bool(STOCK_NOUNS.search(left + metric))


@lru_cache(maxsize=4096)
def _flow_words(quote: str, written: str, metric: str) -> bool:
    """The clause before a level figure opens with an action verb and names no stock."""
    k = quote.find(written) if written else -1
    left = re.split(r"[，,；;：:]", quote[:k] if k >= 0 else quote)[-1]
    stock = _names_stock(left, metric)
    if left.endswith("在") and k >= 0:  # 在500个行政村实施…: the verb follows the place counted
        left += re.split(r"[，,；;：:。]", quote[k + len(written):])[0]
    return bool(FLOW_VERBS.search(left)) and not stock


def _basis(t: Target) -> str:
    """The figure's basis, reading a metric named as a change (社会融资规模增量) as an increment."""
    return "increment" if t.basis == "level" and t.metric.endswith("增量") else t.basis


def compatible(a: Target, b: Target, loose: bool = False) -> bool:
    """Same unit and a basis that can be ranked: the figures compare directly."""
    if not same_unit(a, b, loose):
        return False
    if a.basis == b.basis == "level" and ((is_flow(a) and is_stock(b)) or (is_flow(b) and is_stock(a))):
        return False  # 发展4万亩胶园林下经济 this year against 林下经济面积达260万亩 in all
    if _basis(a) == _basis(b) or (a.basis in STOCK and b.basis in STOCK):
        return True
    if {a.basis, b.basis} <= RATES and a.unit == "%" and metric_similarity(a.metric, b.metric) == 1.0:
        return True  # 居民消费价格涨幅2% and 居民消费价格指数上涨2%: one rate, read two ways
    return {a.basis, b.basis} == {"level", "increment"} and is_flow(a) and is_flow(b)


def _resolved_year(t: Target, doc_year: int | None) -> tuple[bool, int | None]:
    """(annual, year): a figure for its own document's year, or a goal for a later year."""
    year = t.year or doc_year
    return (year is None or doc_year is None or year <= doc_year), year


def same_horizon(x: Target, y: Target, year_a: int | None, year_b: int | None) -> bool:
    """Two figures for comparable horizons: both annual, or both for the same target year (never an annual
    figure against a 2027/2030/十五五 goal)."""
    annual_x, rx = _resolved_year(x, year_a)
    annual_y, ry = _resolved_year(y, year_b)
    return (annual_x and annual_y) or rx == ry


class Lone(NamedTuple):
    """A candidate pair of the second pass, ordered by its key as in the first pass."""

    neg_score: float
    distance: float
    position: float
    i: int
    j: int
    why: list[Why]


class Side(NamedTuple):
    """One document's figures as the second pass sees them."""

    targets: list[Target]
    text: str
    year: int | None
    free: list[int]  # indices of the figures left unpaired (restatements included)


@lru_cache(maxsize=8)
def _sentence_ends(text: str) -> list[int]:
    """Where each sentence of a text ends."""
    return [m.start() for m in SENTENCE_END.finditer(text)]


def _list_ranks(side: Side, gap_max: int) -> dict[int, tuple[int, int]]:
    """Each figure's (run, place in run): a run is figures of one unit written close together, as a `分别达`
    list (2300亿元、600亿元、1700亿元) or a level with its change (5.66万亿元、比上年增加1.6万亿元)."""
    out: dict[int, tuple[int, int]] = {}
    order = sorted(range(len(side.targets)), key=lambda k: side.targets[k].offset)
    run, place, prev = -1, 0, None
    for k in order:
        t = side.targets[k]
        if prev is not None and unit_key(prev.unit) == unit_key(t.unit):
            gap = side.text[prev.offset + len(prev.written):t.offset]
            joined = len(gap) <= gap_max and not SENTENCE_END.search(gap)
        else:
            joined = False
        run, place = (run, place + 1) if joined else (run + 1, 0)
        out[k] = (run, place)
        prev = t
    return out


def elided(metric: str) -> bool:
    """A metric that does not name the counted thing: only verbs (先发行, 新(改)建), or a list whose noun
    follows the figure (长江存储三期等1.22万个项目)."""
    return not head_noun(metric) or metric.endswith("等")


def _grams(metric: str) -> set[str]:
    m = head_noun(metric) or metric
    return bigrams(m)


def _list_evidence(i: int, j: int, a: Side, b: Side, ctx: tuple, cfg: MatchConfig) -> bool:
    """x and y hold the same place, relative to an already paired figure, in parallel runs of one unit, and
    their names do not contradict it: they share a word, one is elided, or one repeats its anchor's name
    (赤字规模5.66万亿元、比上年增加1.6万亿元)."""
    ra, rb, anchors = ctx
    (run_a, ka), (run_b, kb) = ra[i], rb[j]
    runs = anchors.get((run_a, run_b))
    if not runs:
        return False
    x, y = a.targets[i], b.targets[j]
    # a shared word names one indicator only when the figures are of one size: 区外就业率12% is not
    # 市场就业率70%, though both sit second in their lists
    shared = bool(_grams(x.metric) & _grams(y.metric)) and _plausible(x, y, cfg)
    named = elided(x.metric) or elided(y.metric) or shared
    if len({rb[j0][1] - ra[i0][1] for i0, j0 in runs}) > 1:
        return False  # the lists are reordered (燃气、供热 against 供热、燃气): a place says nothing
    for i0, j0 in runs:
        if ka - ra[i0][1] != kb - rb[j0][1]:
            continue
        if named or x.metric == a.targets[i0].metric or y.metric == b.targets[j0].metric:
            return True
    return False


RATE_UNITS = ("%", "个百分点", "‰")  # rates run in lists, where a place, not a shared word, pairs them


def _beside_a_pair(x: Target, y: Target, a: Side, b: Side, anchors: dict) -> bool:
    """x and y sit in the sentences of an already paired figure, on the same side of it, and their names share
    a word: one indicator renamed beside one that kept its name (博鳌乐城新引进特许药械产品40种，接待医疗旅游
    50万人次 → 新引进国际创新药械100种，…接待医疗旅游100万人次以上)."""
    shared = _grams(x.metric) & _grams(y.metric)
    if x.unit in RATE_UNITS or not shared or _projects_of(head_noun(x.metric), head_noun(y.metric), x, y):
        return False
    for i0, j0 in (p for runs in anchors.values() for p in runs):
        x0, y0 = a.targets[i0], b.targets[j0]
        own = shared - _grams(x0.metric) - _grams(y0.metric)  # theirs, not the paired figure's (单位GDP…)
        if (x.offset < x0.offset) != (y.offset < y0.offset) or not own:
            continue
        if _alone_beside(a, x, x0) and _alone_beside(b, y, y0):
            return True
    return False


def _alone_beside(side: Side, t: Target, anchor: Target) -> bool:
    """t is in the anchor's sentence, the only figure left unpaired of its kind of unit on that side of it."""
    lo, hi = sorted((t.offset, anchor.offset))
    if SENTENCE_END.search(side.text, lo, hi):
        return False
    before = t.offset < anchor.offset
    same = [k for k in side.free if _unit_class(side.targets[k].unit) == _unit_class(t.unit)
            and (side.targets[k].offset < anchor.offset) == before
            and not SENTENCE_END.search(side.text, *sorted((side.targets[k].offset, anchor.offset)))]
    return len(same) == 1


Why = tuple[str, dict]  # a reason's code and arguments, made into a reason only for the pairs chosen


PROGRAMME_HEAD = re.compile(r"(?:项目|工程|行动|计划)$")


def _projects_of(hx: str, hy: str, x: Target, y: Target) -> bool:
    """`100个关键技术攻关项目` / `105项关键技术`: one name counts projects and the other what they work on, in
    another unit; two counts of one programme in one unit (民生实事 / 民生实事项目) are not told apart."""
    return bool(PROGRAMME_HEAD.search(hx)) != bool(PROGRAMME_HEAD.search(hy)) and x.unit != y.unit


def _name_evidence(x: Target, y: Target, text_a: str, text_b: str,
                   cfg: MatchConfig) -> tuple[float, Why | None]:
    """How strongly the two metrics name one counted thing, and the reason to show."""
    hx, hy = head_noun(_name_after(x, text_a)), head_noun(_name_after(y, text_b))
    if _other_denominator(hx, hy) or sizes_differ(x.metric, y.metric):
        return 0.0, None
    if hx and hx == hy:
        return cfg.second_head_equal, ("same_head_noun", {"head": hx})
    close = 1 / cfg.second_weak_ratio <= (y.value / x.value if x.value else 0) <= cfg.second_weak_ratio
    if hx and hy:
        short, long_ = sorted((hx, hy), key=len)
        # 投资 / 重大工程投资; 欠发达县域帮扶 / 欠发达县域帮扶质效 when the figures are close
        # a two-character head (学生, 投资) names many things: only with close figures (残疾学生 ≠ 学生)
        within = long_.endswith(short) and (len(short) >= 3 or (len(short) == 2 and close))
        leads = long_.startswith(short) and not _projects_of(hx, hy, x, y)
        if within or (close and len(short) >= 4 and leads):
            return cfg.second_head_within, ("same_head_noun", {"head": short})
    same = one_thing_told_otherwise(hx, hy)
    # a wider list's count differs more: 7个750千伏输变电工程 / 750千伏和330千伏电网工程16个
    widened = one_of_the_kinds(x.metric, y.metric) or one_of_the_kinds(y.metric, x.metric)
    if (same and close) or widened:
        return cfg.second_head_within, ("same_head_noun", {"head": same or widened})
    if x.value == y.value and one_clause_reworded(x, y):
        return cfg.second_strong, ("same_clause", {})  # 20所县属高中… / 20所普通高中…: a word changed
    same_count = same_count_renamed(x, y, cfg) if x.value == y.value and x.unit in COUNT_CLASSIFIERS else None
    if same_count and same_count[1]:
        return same_count
    named = _named_in_the_other_sentence(x, y, (hx, hy), (text_a, text_b), cfg)
    if named[1] is not None:
        return named
    owner = _owner_opens_the_other_sentence(x, y, (text_a, text_b))
    if close and owner:
        return cfg.second_strong, ("same_head_noun", {"head": owner})
    if hx and hy:
        tail, lead = common_tail(hx, hy), common_lead(hx, hy)
        shared = tail if len(tail) >= 2 and len(tail) >= len(lead) else lead if len(lead) >= 3 else tail
        shared = shared if len(shared) >= 2 else ""
        # the words around the shared one must meet too: 省市首店 / 省级首店, never 专精特新企业 / 上云企业
        rest_x, rest_y = hx.replace(shared, ""), hy.replace(shared, "")
        meet = modifiers_meet(rest_x, rest_y, shared == tail) and not _projects_of(hx, hy, x, y)
        if close and shared and meet:
            # a long shared phrase speaks without the outline's help
            score = cfg.second_strong if len(shared) >= cfg.second_long_word else cfg.second_shared_word
            return score, ("same_head_noun", {"head": shared})
    return 0.0, None


def _owner_opens_the_other_sentence(x: Target, y: Target, texts: tuple[str, str]) -> str:
    """The thing two names count after different owners (`…试验区师生规模` / `在园师生规模`), when the owner
    one name gives, four characters or more, is what the other figure's sentence opens on (`…试验区二期加快
    建设，在园师生规模1.5万人以上`); else ""."""
    tail = common_tail(x.metric, y.metric)
    if len(tail) < 2:
        return ""
    (ta, tb), rx, ry = texts, x.metric[: -len(tail)], y.metric[: -len(tail)]
    opening_b, opening_a = (re.split(r"[，,：:]", _sentence(t, f.offset).strip(), maxsplit=1)[0]
                            for t, f in ((tb, y), (ta, x)))
    return tail if (len(rx) >= 4 and rx in opening_b) or (len(ry) >= 4 and ry in opening_a) else ""


SHARE_OF = re.compile(r"占(?P<whole>[^占]{2,20}?)(?:的)?(?:比重|比例)$")


def _other_denominator(x: str, y: str) -> bool:
    """Two shares of different wholes are two indicators: 研发经费占GDP比重 is not 研发经费占营业收入比重."""
    mx, my = SHARE_OF.search(x), SHARE_OF.search(y)
    if not (mx and my):
        return False
    wx, wy = ({a + b for a, b in itertools.pairwise(m["whole"])} for m in (mx, my))
    return not wx & wy


NOUN_AFTER = re.compile(r"[^，,。；;、：:（(）)\s]{2,24}")


# One example, 等, then the kind counted: 水池等调蓄设施 counts 调蓄设施 (not 平等, 同等…: 等 inside a word).
EXAMPLES_THEN_KIND = re.compile(r"^[\u4e00-\u7b48\u7b4a-\u9fff]{1,8}"
                                r"(?<![平同对相均优高中初上次特一二三头何])等(?P<kind>[\u4e00-\u9fff]{3,})$")


def _name_after(t: Target, text: str) -> str:
    """A metric without the example that opens it (水池等调蓄设施 counts 调蓄设施), or for an elided one the
    noun written right after the figure: 等1.22万个亿元以上项目."""
    if not elided(t.metric):
        kind = EXAMPLES_THEN_KIND.match(t.metric)
        return kind.group("kind") if kind else t.metric
    m = NOUN_AFTER.match(text, t.offset + len(t.written))
    return m.group() if m and len(_hanzi(m.group())) >= 2 else t.metric


def _hanzi(text: str) -> set[str]:
    """The Chinese characters of a text: the words that can meet (digits and marks say nothing)."""
    return {ch for ch in text if "\u4e00" <= ch <= "\u9fff"}


# Money named only as money (筹措资金835亿元以上，实施…工程): its purpose, said in its sentence, names it.
MONEY_ONLY = re.compile(r"(?:筹措|安排|投入|统筹|落实)?(?:各类|财政)?资金")


def _named_in_the_other_sentence(x: Target, y: Target, heads: tuple[str, str], texts: tuple[str, str],
                                 cfg: MatchConfig) -> tuple[float, Why | None]:
    """Evidence that one figure's sentence names the other's thing: its whole name where the figure's own
    name is elided (先发行1万亿 after 超长期特别国债), or the quoted programme both belong to."""
    (hx, hy), (text_a, text_b) = heads, texts
    for h, other, t in ((hx, y, text_b), (hy, x, text_a)):
        if not (elided(other.metric) or (other.unit.endswith("元") and MONEY_ONLY.fullmatch(other.metric))):
            continue
        sentence = _sentence(t, other.offset)
        # the whole name, its first conjunct (重大科技专项(和重点研发计划)), or a programme without 项目
        for name in (h, re.split(r"[和及与、]", h)[0], re.sub(r"(?<=工程)项目$", "", h)):
            if len(name) >= cfg.second_named_min and name in sentence:
                if not elided(other.metric) and len(name) >= 6:  # money raised for the programme named
                    return cfg.second_head_within, ("named_in_sentence", {"head": name})
                # the longer name wins when two are mentioned: 超长期特别国债 over 特别国债
                return cfg.second_named + 0.01 * min(len(name), 10), ("named_in_sentence", {"head": name})
    for q, other, t in ((x, y, text_b), (y, x, text_a)):
        named = programme_named(q.metric, _sentence(t, other.offset), other.metric)
        if named and q.unit == other.unit:  # 建设16个“两通工程”项目 / 实施“两通工程”2.0版，建设…项目26个
            return cfg.second_head_within, ("named_in_sentence", {"head": named})
    return 0.0, None


def _sentence(text: str, offset: int) -> str:
    """The sentence that holds a character offset."""
    ends = _sentence_ends(text)
    k = bisect_left(ends, offset)
    return text[ends[k - 1] + 1 if k else 0:ends[k] if k < len(ends) else len(text)]


def _plausible(x: Target, y: Target, cfg: MatchConfig) -> bool:
    """Figures of one indicator rarely move more than fivefold from one plan to the next."""
    if x.value <= 0 or y.value <= 0:
        return x.value == y.value
    ratio = y.value / x.value
    return 1 / cfg.large_jump <= ratio <= cfg.large_jump


def second_pass(a: Side, b: Side, pairs: list[tuple[int, int]], aligned: set[tuple[str, str]],
                cfg: MatchConfig = DEFAULT) -> list[tuple[int, int, list[dict], float]]:
    """Pairs among the figures the first pass left unpaired, best first, one partner each."""
    ra, rb = _list_ranks(a, cfg.list_gap_max), _list_ranks(b, cfg.list_gap_max)
    anchors: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for i0, j0 in pairs:  # paired figures by the runs they sit in
        anchors.setdefault((ra[i0][0], rb[j0][0]), []).append((i0, j0))
    la, lb = max(1, len(a.text)), max(1, len(b.text))
    cands: list[Lone] = []
    by_unit: dict[str, list[int]] = {}
    for j in b.free:
        by_unit.setdefault(_unit_class(b.targets[j].unit), []).append(j)
    for i in a.free:
        for j in by_unit.get(_unit_class(a.targets[i].unit), []):
            x, y = a.targets[i], b.targets[j]
            if x.restates and y.restates:
                continue  # two restatements of figures already paired say nothing new
            score, why = _score(x, y, i, j, (a, b, ra, rb, anchors, aligned), cfg)
            if score > 0:
                pa, pb = x.offset / la, y.offset / lb
                cands.append(Lone(-round(score, 6), round(abs(pa - pb), 6), round(pa + pb, 6), i, j, why))
    cands.sort(key=lambda c: (c.neg_score, c.distance, c.position))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for c in cands:
        if c.i in used_a or c.j in used_b:
            continue
        used_a.add(c.i)
        used_b.add(c.j)
        out.append((c.i, c.j, [reason(code, **args) for code, args in c.why], -c.neg_score))
    return out


def _score(x: Target, y: Target, i: int, j: int, ctx: tuple, cfg: MatchConfig) -> tuple[float, list[Why]]:
    """The second pass's score for one pair (0 when it may not pair), and its reasons."""
    a, b, ra, rb, anchors, aligned = ctx
    if not same_unit(x, y, loose=True) or not same_horizon(x, y, a.year, b.year):
        return 0.0, []
    ranked = compatible(x, y, loose=True)
    tasks_aligned = bool(x.task and y.task and (x.task, y.task) in aligned)
    why: list[Why]
    if ranked and same_unit(x, y) and _list_evidence(i, j, a, b, (ra, rb, anchors), cfg):
        score, why = cfg.second_list, [("same_list_place", {})]
    elif _plausible(x, y, cfg):  # without a list to place them, figures far apart are two indicators
        score, found = _name_evidence(x, y, a.text, b.text, cfg)
        why = [found] if found else []
        if not score and same_unit(x, y) and _beside_a_pair(x, y, a, b, anchors):
            score, why = cfg.second_named, [("same_passage", {})]
    else:
        return 0.0, []
    strong = score >= cfg.second_strong
    if score <= 0 or (not strong and not tasks_aligned) or (not ranked and score < cfg.second_head_equal):
        return 0.0, []
    if (x.restates or y.restates) and score < cfg.second_head_equal:
        return 0.0, []
    if tasks_aligned:
        score += cfg.bonus_tasks_aligned
        why.append(("tasks_aligned", {}))
    if x.value == y.value:
        score += cfg.bonus_same_value
    why.append(("same_unit", {}))
    return score, why


def horizon_links(ta: list[Target], tb: list[Target], lone_a: list[int], lone_b: list[int],
                  year_a: int | None, year_b: int | None, cfg: MatchConfig = DEFAULT) -> dict[str, dict]:
    """Reasons linking a dropped annual figure with a new goal for another horizon on the same indicator
    (城镇化率超过60% this year → 65%左右 by 2030): not a change, but a reader wants to see both."""
    notes: dict[str, dict] = {}
    for i in lone_a:
        x = ta[i]
        for j in lone_b:
            y = tb[j]
            if (same_horizon(x, y, year_a, year_b) or not same_unit(x, y)
                    or metric_similarity(x.metric, y.metric) < cfg.family_min):
                continue
            for t, other, year in ((x, y, y.year or year_b), (y, x, x.year or year_a)):
                note = reason("other_horizon", id=other.id, figure=other.written, year=year or "—")
                notes.setdefault(t.id, note)
    return notes
