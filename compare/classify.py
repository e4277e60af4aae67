"""Pair the targets of A and B document-wide and classify each change (spec: brief-json.md)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from compare.metrics import canonical, metric_similarity
from compare.model import AlignedPair, Change, Target
from compare.reasons import reason

if TYPE_CHECKING:
    from compare.pipeline import Extraction

STOCK = {"level", "cumulative"}  # a stock reached: rankable against each other
CEILING = {"<=", "<"}
PAIR_MIN = 0.62  # metric similarity needed to pair figures of the same unit and basis
REBASE_MIN = 0.8  # higher bar when unit or basis differ
# Indicators where a lower figure is the more ambitious one, even when written as `5.5%左右`.
LOWER_IS_BETTER = re.compile(r"失业率|浓度|事故|死亡|不良贷款率|负债率|能耗$|排放量?$|贫困发生率|误差")
COMPARATOR_WORD = {">=": "以上", "~": "左右", "<=": "以内", "<": "低于", ">": "超过", "=": "="}


def compatible(a: Target, b: Target) -> bool:
    """Same unit and a basis that can be ranked: the figures compare directly."""
    if a.unit != b.unit:
        return False
    return a.basis == b.basis or (a.basis in STOCK and b.basis in STOCK)


def pair_score(a: Target, b: Target, aligned: set[tuple[str, str]], year_a: int | None,
               year_b: int | None) -> tuple[float, list[dict]]:
    """How well two targets match, and why: metric, unit, basis, horizon, aligned tasks."""
    sim = metric_similarity(a.metric, b.metric)
    why = [reason("metric_identical") if sim == 1 else reason("metric_similar", score=round(sim, 2))]
    same = compatible(a, b)
    need = PAIR_MIN if same else REBASE_MIN
    if sim < need:
        return 0.0, why
    score = sim + (0.3 if same else 0.0)
    if a.unit == b.unit:
        why.append(reason("same_unit"))
    if a.task and b.task and (a.task, b.task) in aligned:
        score += 0.1
        why.append(reason("tasks_aligned"))
    ha = (a.year - year_a) if a.year and year_a else 0
    hb = (b.year - year_b) if b.year and year_b else 0
    if (ha >= 2) != (hb >= 2):
        score -= 0.25
        why.append(reason("different_horizon"))
    if a.quote == b.quote and a.value == b.value:
        score += 0.5
    if a.value == b.value and a.unit == b.unit:
        score += 0.05
    if a.stretch == b.stretch:  # a floor pairs with a floor, a stretch figure with a stretch figure
        score += 0.1
    return score, why


def classify_changes(a: Extraction, b: Extraction, alignment: list[AlignedPair]) -> list[Change]:
    """Every paired change plus the new and dropped targets, in A's then B's order.

    Pairs are chosen greedily by score; ties are broken by where the figures sit in their documents, a key that
    is the same when A and B are swapped, so comparing B with A mirrors comparing A with B.
    """
    ta = [t for t in a.targets if t.kind == "target" and not t.restates]
    tb = [t for t in b.targets if t.kind == "target" and not t.restates]
    aligned = {(p.a, p.b) for p in alignment}
    la, lb = max(1, a.document.chars), max(1, b.document.chars)
    cands = []
    for i, j in _candidate_pairs(ta, tb):
        x, y = ta[i], tb[j]
        s, why = pair_score(x, y, aligned, a.document.year, b.document.year)
        if s > 0:
            pa, pb = x.offset / la, y.offset / lb
            cands.append((-round(s, 6), round(abs(pa - pb), 6), round(pa + pb, 6), i, j, why))
    cands.sort(key=lambda c: c[:3])
    a_of: dict[int, list[int]] = {}
    b_of: dict[int, list[int]] = {}
    why_of: dict[tuple[int, int], tuple[list[dict], float]] = {}
    for neg, _, _, i, j, why in cands:
        if i in a_of and j in b_of:
            continue
        # a figure already paired takes a second partner only from the same family (floor and stretch, restated)
        if i in a_of and not _same_figure_family(tb[j], [tb[k] for k in a_of[i]]):
            continue
        if j in b_of and not _same_figure_family(ta[i], [ta[k] for k in b_of[j]]):
            continue
        a_of.setdefault(i, []).append(j)
        b_of.setdefault(j, []).append(i)
        why_of[(i, j)] = (why, -neg)
    changes: list[Change] = []
    for i, x in enumerate(ta):
        for j in sorted(a_of.get(i, [])):
            why, score = why_of[(i, j)]
            changes.append(judge(x, tb[j], why, score))
        if i not in a_of:
            changes.append(Change("dropped", x.metric, x.id, None, confidence=0.7,
                                  reasons=[reason("no_match_in_b")]))
    for j, y in enumerate(tb):
        if j not in b_of:
            changes.append(Change("new", y.metric, None, y.id, confidence=0.7,
                                  reasons=[reason("no_match_in_a")]))
    return changes


def _grams(metric: str) -> set[str]:
    m = canonical(metric)
    return {m[k:k + 2] for k in range(len(m) - 1)} or {m}


def _candidate_pairs(ta: list[Target], tb: list[Target]) -> list[tuple[int, int]]:
    """Pairs whose metrics share at least a two-character piece: the only ones that can reach PAIR_MIN."""
    index: dict[str, set[int]] = {}
    for j, y in enumerate(tb):
        for g in _grams(y.metric):
            index.setdefault(g, set()).add(j)
    out = []
    for i, x in enumerate(ta):
        js: set[int] = set()
        for g in _grams(x.metric):
            js |= index.get(g, set())
        out.extend((i, j) for j in sorted(js))
    return out


def _same_figure_family(x: Target, others: list[Target]) -> bool:
    """A floor and its stretch (增长13%，力争15%), or one figure restated, may all pair with B's one figure."""
    return any(o.unit == x.unit and o.basis == x.basis and o.year == x.year
               and metric_similarity(o.metric, x.metric) >= 0.8
               and (o.stretch != x.stretch or o.value == x.value) for o in others)


def _interval(t: Target) -> tuple[float, float]:
    lo = t.low if t.low is not None else t.value
    hi = t.high if t.high is not None else t.value
    return lo, hi


def judge(x: Target, y: Target, why: list[dict], score: float) -> Change:
    """Classify one pair: escalated, deescalated, unchanged or rebased, with ratio, delta and qualifiers."""
    quals = qualifier_changes(x, y)
    confidence = round(min(1.0, score / 1.3), 2)
    if not compatible(x, y):
        what = []
        if x.unit != y.unit:
            what.append(reason("unit_changed", a=x.unit or "—", b=y.unit or "—"))
        if x.basis != y.basis:
            what.append(reason("basis_changed", a=x.basis, b=y.basis))
        return Change("rebased", y.metric, x.id, y.id, confidence=confidence,
                      reasons=[*why, *what], qualifiers=quals)
    (alo, ahi), (blo, bhi) = _interval(x), _interval(y)
    ratio = round(y.value / x.value, 4) if x.value else None
    delta = round(y.value - x.value, 6)
    lower_is_better = y.comparator in CEILING or x.comparator in CEILING or (
        y.direction is None and bool(LOWER_IS_BETTER.search(y.metric)))
    firmness = _firmness(y, lower_is_better) - _firmness(x, lower_is_better)
    if (alo, ahi) == (blo, bhi) and firmness == 0:
        kind = "unchanged"
    elif (alo, ahi) == (blo, bhi):  # same figure, firmer or looser words: 15%左右 → 15%以上
        kind = "escalated" if firmness > 0 else "deescalated"
    else:
        up = blo >= alo and bhi >= ahi
        down = blo <= alo and bhi <= ahi
        if not up and not down:  # a range that widens both ways: compare midpoints
            up = (blo + bhi) > (alo + ahi)
        if lower_is_better:
            up = not up
        kind = "escalated" if up else "deescalated"
    reasons = list(why)
    if ratio is not None and ratio > 0 and (ratio > 5 or ratio < 0.2):
        confidence = round(confidence * 0.5, 2)  # targets rarely move fivefold in one step: check the pairing
        reasons.append(reason("large_jump"))
    if firmness and (alo, ahi) == (blo, bhi):
        reasons.append(reason("firmer_words" if firmness > 0 else "looser_words"))
    if x.unit in ("%", "个百分点") and kind != "unchanged":
        reasons.append(reason("points", delta=f"{'+' if delta >= 0 else ''}{delta:g}"))
    if lower_is_better and kind != "unchanged":
        reasons.append(reason("lower_is_better"))
    if x.year and y.year and x.year != y.year:
        reasons.append(reason("horizon", a=x.year, b=y.year))
    return Change(kind, y.metric, x.id, y.id, ratio=ratio, delta=delta, confidence=confidence,
                  reasons=reasons, qualifiers=quals)


def _firmness(t: Target, lower_is_better: bool) -> int:
    """How firmly a figure commits in the ambitious direction: 以上 (floor) > 左右 / bare > 以内 (ceiling)."""
    if t.comparator in (">=", ">"):
        return 0 if lower_is_better else 2
    if t.comparator in ("<=", "<"):
        return 2 if lower_is_better else 0
    return 1


def qualifier_changes(x: Target, y: Target) -> list[dict]:
    """Changes in the words around the figure: 左右 → 以上, 力争 dropped, a point becoming a range."""
    out = []
    if x.comparator != y.comparator:
        out.append(reason("comparator_changed", a=COMPARATOR_WORD.get(x.comparator) or x.comparator,
                          b=COMPARATOR_WORD.get(y.comparator) or y.comparator))
    if x.stretch and not y.stretch:
        out.append(reason("stretch_dropped"))
    elif y.stretch and not x.stretch:
        out.append(reason("stretch_added"))
    if (x.low is None) != (y.low is None):
        out.append(reason("point_to_range" if y.low is not None else "range_to_point"))
    return out
