"""How two figures of one metric rank: which way is better, and how firmly each is worded."""

from __future__ import annotations

import re

from compare.model import Target

CEILING = {"<=", "<"}
# Indicators where a lower figure is the more ambitious one, even when written as `5.5%左右`.
LOWER_IS_BETTER = re.compile(r"失业率|浓度|事故|死亡|不良贷款率|负债率|能耗$|排放量?$|贫困发生率|误差")
# Prices whose yearly rise a plan states `左右` and means as a cap: 价格涨幅2%左右 → 2%以内 asks the same.
PRICE_RISE = re.compile(r"价格|物价|CPI")


def interval(t: Target) -> tuple[float, float]:
    """The figure as a closed interval: a range's two ends, or the point twice."""
    lo = t.low if t.low is not None else t.value
    hi = t.high if t.high is not None else t.value
    return lo, hi


def lower_is_better_for(x: Target, y: Target) -> bool:
    """True when the lower of the two figures is the more ambitious: a ceiling, a level to fall to, or an
    indicator such as 失业率 or 能耗 where less is better."""
    return y.comparator in CEILING or x.comparator in CEILING or _falls_to(x) or _falls_to(y) or (
        y.direction is None and bool(LOWER_IS_BETTER.search(y.metric)))


def _falls_to(t: Target) -> bool:
    """`比重下降至14.2%`, `浓度下降到30微克`: a level to fall to, where lower is better (the size of a fall,
    `能耗下降3%`, is growth: there more is better)."""
    return t.direction == "down" and t.basis in ("level", "share")


def direction(x: Target, y: Target, firmness: int, lower_is_better: bool) -> str:
    """escalated, deescalated or unchanged for two figures that can be ranked."""
    (alo, ahi), (blo, bhi) = interval(x), interval(y)
    if (alo, ahi) == (blo, bhi):  # the same figure, perhaps in firmer or looser words: 15%左右 → 15%以上
        return "unchanged" if firmness == 0 else ("escalated" if firmness > 0 else "deescalated")
    up = blo >= alo and bhi >= ahi
    down = blo <= alo and bhi <= ahi
    if not up and not down:  # a range that widens both ways: compare midpoints
        up = (blo + bhi) > (alo + ahi)
    if lower_is_better:
        up = not up
    return "escalated" if up else "deescalated"


def firmness_of(t: Target, lower_is_better: bool) -> int:
    """How firmly a figure commits in the ambitious direction: a floor (以上, 达到, a bare count or amount to
    reach) > 左右 or a bare rate > 以内 (a ceiling), so a rate without its 以上 (社零增长5%以上 → 5%) is
    lowered and with it added raised, while 新增80户 → 80家以上 is unchanged."""
    if t.comparator in (">=", ">") or (t.comparator == "=" and not lower_is_better and _reached(t)):
        return 0 if lower_is_better else 2  # 达到7000万吨, 新增80户: met at or above it
    capped = t.comparator == "~" and lower_is_better and bool(PRICE_RISE.search(t.metric))
    if t.comparator in ("<=", "<") or capped:
        return 2 if lower_is_better else 0
    return 1


RATE_UNITS = ("%", "个百分点", "百分点", "‰", "成", "倍")


def _reached(t: Target) -> bool:
    """True for a goal stated as a level to reach (达到7000万吨) or an amount of things to do (新增80户,
    完成投资2000亿元): met at it or above, a floor, however it is written. A bare rate (增长5%) is a
    forecast."""
    if t.kind != "target" or not t.written:
        return False
    reached = re.search(r"(?:达到|达)(?:约|近)?" + re.escape(t.written), t.quote)
    return t.unit not in RATE_UNITS or bool(reached)
