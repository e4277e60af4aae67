"""Names that count one thing told differently: one stage of it, one kind of a list, kinds reordered, the
projects of a quoted programme; and whether the words around a name two metrics share meet."""

from __future__ import annotations

import difflib
import itertools
import re
from typing import TYPE_CHECKING

from compare.metrics import bigrams, money_sizes

if TYPE_CHECKING:
    from compare.config import MatchConfig
    from compare.model import Target

STAGE = re.compile(r"开工|投产|竣工|建成|完工|投运|投用")  # the stage a count of projects reaches this year
STAGE_MODAL = re.compile(r"^(?:拟|计划|新)")


def _one_stage_of_one_thing(x: str, y: str) -> bool:
    """`项目投产` and `拟竣工投产项目`: one thing counted at one stage, the stage named before or after it."""
    sx, sy = set(STAGE.findall(x)), set(STAGE.findall(y))
    rest_x, rest_y = (STAGE_MODAL.sub("", STAGE.sub("", h)) for h in (x, y))
    return bool(sx & sy) and len(rest_x) >= 2 and rest_x == rest_y


WORK_WORDS = re.compile(r"(?:改造|建设|提升|整治)?(?:计划|任务|项目|工程)?")  # 城中村(改造计划): nothing else


def one_thing_told_otherwise(x: str, y: str) -> str:
    """The thing two names count when they tell it differently: one stage of one thing (项目投产 / 拟竣工投产
    项目), or one kind and a list that opens with it (城中村改造计划 / 城中村和城市危旧房); else ""."""
    if _one_stage_of_one_thing(x, y) or _kinds_reordered(x, y):
        return x
    return one_of_the_kinds(x, y) or one_of_the_kinds(y, x)


def _kinds_reordered(x: str, y: str) -> bool:
    """`中试基地和概念验证中心` / `概念验证和中试平台`: the same kinds listed in another order, each kind's
    name opening with the same two characters as its counterpart's."""
    kx, ky = ([k for k in re.split(r"[和、及与]", h) if k] for h in (x, y))
    if len(kx) < 2 or len(kx) != len(ky) or kx == ky:
        return False
    return all(any(len(a) >= 2 and b[:2] == a[:2] for b in ky) for a in kx) and \
        all(any(len(b) >= 2 and a[:2] == b[:2] for a in kx) for b in ky)


def one_of_the_kinds(one: str, listed: str) -> str:
    """`城中村改造计划` against `城中村和城市危旧房`: the one name is the first kind of the other's list with
    only work words after it, the same work over a wider scope. The kind, or ""."""
    items = [k for k in re.split(r"[和、及与]", listed) if k]
    if len(items) < 2 or re.search(r"[和、及与]", one):
        return ""
    kind, rest = items[0], one[len(items[0]):]
    head = items[-1][-2:]
    if 2 <= len(kind) < len(one) - 2 and one.endswith(kind + head) and "等" in items[-1]:
        return kind  # 两证齐全医养结合机构 / 医养结合、康复护理等机构: one kind of an open list, qualified
    # size classes sharing the last one's noun in other words: 750千伏输变电工程 / 750千伏和330千伏电网工程
    classes = bool(re.match(r"[\d.]+", kind) and re.match(r"[\d.]+", items[-1]))
    same_noun = classes and len(rest) >= 3 and rest[-2:] == items[-1][-2:]
    named = len(kind) >= 2 and one.startswith(kind) and (bool(WORK_WORDS.fullmatch(rest)) or same_noun)
    return kind if named else ""


QUOTED_NAME = re.compile(r"“([^“”]{3,12})”(.*)$")


def programme_named(metric: str, sentence: str, other_metric: str) -> str:
    """`“两通工程”项目` against `实施“两通工程”2.0版，建设…铁路通项目26个`: the quoted programme a figure's
    name gives, when the other figure's sentence names it too and both count the same kind of thing (项目,
    事项; never `“多田套合”面积` against 高标准农田); else ""."""
    m = QUOTED_NAME.search(metric)
    if not m or f"“{m.group(1)}”" not in sentence:
        return ""
    counted = m.group(2)
    return m.group(1) if len(counted) >= 2 and other_metric.endswith(counted[-2:]) else ""


# verbs inside the words around a shared name: wording of the sentence, not the name of a programme
VERB_INSIDE = re.compile(r"实施好|实施|推进|推动|建设|抓好|完成|开展|新增|新建|打造|培育|提升|加快|滚动")


# Scope words that many programmes share say nothing of which one is meant: 国家临床重点专科建设项目 and
# 国家区域医疗中心项目 share only 国家.
SCOPE_PAIRS = frozenset({"国家", "省级", "全省", "市级", "县级", "重点", "示范", "国际", "全国"})


def modifiers_meet(x: str, y: str, shared_is_head: bool) -> bool:
    """The words around a shared name meet: one is empty, or they share a character (省市 / 省级). Before one
    shared head noun, two long modifiers, their verbs set aside, must share a pair of characters:
    乡村振兴“十大行动”重点项目 and 工业战略性新兴产业重点项目 share only 兴, two programmes."""
    nouns = [VERB_INSIDE.sub("", re.sub(r"[^\u4e00-\u9fff]", "", t)) for t in (x, y)]
    if not nouns[0] or not nouns[1]:
        return True
    if shared_is_head and min(map(len, nouns)) >= 4:
        pairs = [{a + b for a, b in itertools.pairwise(t)} - SCOPE_PAIRS for t in nouns]
        return bool(pairs[0] & pairs[1])
    return bool(set(nouns[0]) & set(nouns[1]))


def one_line_of_work(x: str, y: str) -> str:
    """The one policy theme two names that share a word fall in (农村互助幸福院 / 农村养老服务设施: 养老服务),
    else ""."""
    from compare.themes import labels, themes_of

    if not bigrams(x) & bigrams(y):
        return ""
    tx, ty = set(themes_of(x)), set(themes_of(y))
    return labels()[next(iter(tx))] if len(tx) == 1 and tx == ty else ""


def common_tail(a: str, b: str) -> str:
    """The characters two names end on alike: 重大工程投资 / 投资 → 投资."""
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    return a[len(a) - k:] if k else ""


def common_lead(a: str, b: str) -> str:
    """The characters two names open on alike."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return a[:k]


def _clause_without_figure(t: Target) -> str:
    return t.quote.replace(t.written, "#") if t.written else t.quote


def one_clause_reworded(x: Target, y: Target) -> bool:
    """The two figures' clauses are one clause with a word or two changed (支持20所县属高中改善办学条件 /
    支持20所普通高中改善办学条件): the same work, renamed."""
    qx, qy = _clause_without_figure(x), _clause_without_figure(y)
    return min(len(qx), len(qy)) >= 10 and difflib.SequenceMatcher(None, qx, qy).ratio() >= 0.8


def kinds_differ(x: str, y: str) -> bool:
    """Two lists of kinds of one thing that cover different kinds: 排水、供水、供热、燃气管网 against
    供排水、供热管网 (gas left out; 供排水 is 供水 and 排水)."""
    lists = [[k for k in re.split(r"[、和及与]", n) if k] for n in (x, y)]
    if min(len(items) for items in lists) < 2 or lists[0][-1][-2:] != lists[1][-1][-2:]:
        return False
    head = lists[0][-1][-2:]
    ka, kb = ({_kind(k, head) for k in items} for items in lists)
    # each kind by its last two characters: 村内主干道 and 清洁乡村主干道 are one kind, differently qualified
    return {k[-2:] for k in _merged_kinds(ka, kb)} != {k[-2:] for k in _merged_kinds(kb, ka)}


def _kind(item: str, head: str) -> str:
    return (item[:-len(head)] if item.endswith(head) and len(item) > len(head) else item).rstrip("等")


def _merged_kinds(kinds: set[str], other: set[str]) -> set[str]:
    """The kinds, each of three characters merging two of the other's (供排水: 供水, 排水) split in two."""
    out: set[str] = set()
    for k in kinds:
        parts = {k[0] + k[2:], k[1:]}
        out |= parts if len(k) == 3 and parts & other else {k}
    return out


def sizes_differ(x: str, y: str) -> bool:
    """Two names whose counted things are sized differently (亿元以上项目 / 30亿元以上项目, 百亿元项目): two
    indicators, however alike their head nouns. A size said on one side only may be left out on the other,
    unless the other names nothing but the head (项目)."""
    sx, sy = money_sizes(x), money_sizes(y)
    if bool(sx) != bool(sy):
        return len(y if sx else x) <= 2
    return sx != sy


SHARED_PHRASE_MIN = 8  # characters two clauses must share, figures aside, to speak of one piece of work


def shared_phrase(x: Target, y: Target) -> str:
    """The longest phrase two figures' clauses share, their figures set aside, if it is long: 城市片区更新、
    社区 in `打造城市片区更新、社区更新2类15个省级样板` and `建设城市片区更新、社区改造省级项目15个`."""
    qx, qy = _clause_without_figure(x), _clause_without_figure(y)
    m = difflib.SequenceMatcher(None, qx, qy, autojunk=False).find_longest_match(0, len(qx), 0, len(qy))
    phrase = qx[m.a:m.a + m.size]
    return phrase if len(re.sub(r"[^\u4e00-\u9fff]", "", phrase)) >= SHARED_PHRASE_MIN else ""


def same_count_renamed(x: Target, y: Target, cfg: MatchConfig) -> tuple[float, tuple[str, dict] | None]:
    """Evidence that one count, the same on both sides, is one indicator renamed: names of one line of work
    sharing a word (weak), or clauses sharing a long phrase (城市片区更新、社区…15个, strong)."""
    if theme := one_line_of_work(x.metric, y.metric):
        return cfg.second_shared_word, ("same_theme_same_figure", {"theme": theme})
    if phrase := shared_phrase(x, y):
        return cfg.second_strong, ("same_phrase_same_figure", {"phrase": phrase})
    return 0.0, None
