"""The comparator and basis of a target, read from the verbs around its figure and its unit."""

from __future__ import annotations

import re

from compare.lexicon import GROWTH_VERBS, INCREMENT_ACTIONS, LEVEL_VERBS, SHARE_WORDS
from compare.model import Basis, Comparator, Target
from compare.quantity import Figure


def comparator_of(left: str, post: str, f: Figure, verb: str) -> Comparator:
    """>=, >, =, ~, <= or < from the words before the figure and the qualifier after it."""
    tail = left[-6:]
    if post in ("以内", "以下", "之内", "内") or re.search(r"(?:不超过|不高于)$", tail):
        return "<="
    if re.search(r"(?<!不)低于$", tail):
        return "<"
    if post in ("以上",) or re.search(r"(?:突破|超过|超|不少于|不低于|至少|高于)(?:约|近)?$", tail):
        return ">="
    if post in ("左右", "上下", "余", "多") or f.approx or re.search(r"(?:约|近)$", tail) or \
            re.search(r"接近|(?:约|近)(?:占|达到?|为|有)", left):
        return "~"
    if verb == "控制在":
        return "<="
    return "="




PEOPLE_FLOW = re.compile(r"就业|培训|转移|资助|救助|帮扶|招聘|招收|引进")


def _rate_basis(f: Figure, verb: str, metric: str, inherited_from: Target | None) -> Basis:
    """growth or share for a figure in %, 个百分点, 成 or ‰."""
    if verb in GROWTH_VERBS or re.search(r"增长|增速|涨幅|增幅", metric):
        return "growth"
    if verb in LEVEL_VERBS or SHARE_WORDS.search(metric):
        return "share" if f.unit in ("%", "‰") else "growth"
    if inherited_from is not None:
        return inherited_from.basis
    return "growth" if re.search(r"增长|增速|涨幅|增幅", metric) or f.unit != "%" else "share"


def basis_of(f: Figure, verb: str, action: str, metric: str, left_clause: str, inherited_from: Target | None,
           coordinated_with: Target | None) -> Basis:
    """level, cumulative, increment, growth or share, from the verbs and the unit."""
    if "累计" in left_clause or action.startswith("累计") or (
            coordinated_with is not None and coordinated_with.basis == "cumulative"):
        return "cumulative"
    if f.unit == "倍":
        return "growth"
    if f.unit in ("%", "个百分点", "成", "‰"):
        return _rate_basis(f, verb, metric, inherited_from)
    if inherited_from is not None and not verb and not action:
        return inherited_from.basis
    if verb in GROWTH_VERBS:  # 再提高20元, 增加1.6万亿元: a change by an amount
        return "increment"
    if f.unit in ("人", "人次", "名", "位") and PEOPLE_FLOW.search(metric):  # 再就业10万人: this year's
        return "increment"
    if re.search(r"新增|新建|新认定|新入选|新培育|新开工|比上年增加|新引进|新落地|新开通", left_clause):
        return "increment"
    if verb in LEVEL_VERBS or f.unit == "元":
        return "level"
    if action and INCREMENT_ACTIONS.search(action):
        return "increment"
    if coordinated_with is not None:
        return coordinated_with.basis
    return "level"


