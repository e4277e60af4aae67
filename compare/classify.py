"""Pair the targets of A and B document-wide and classify each change (spec: brief-json.md)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from compare.config import DEFAULT, MatchConfig
from compare.merged_sums import merged_names
from compare.metrics import bigrams, canonical, head_noun, metric_similarity, unit_factor, unit_key
from compare.model import AlignedPair, Change, Target
from compare.pairing import (
    COUNT_CLASSIFIERS,
    PEOPLE_CLASSIFIERS,
    Side,
    compatible,
    elided,
    horizon_links,
    same_horizon,
    same_unit,
    second_pass,
)
from compare.ranking import direction, firmness_of, interval, lower_is_better_for
from compare.reasons import reason
from compare.review_bases import chinese_amount, through_reviews
from compare.same_thing import kinds_differ, one_of_the_kinds
from compare.words_only import words_only_notes

if TYPE_CHECKING:
    from compare.model import Extraction

COMPARATOR_WORD = {">=": "以上", "~": "左右", "<=": "以内", "<": "低于", ">": "超过", "=": "="}


def pair_score(a: Target, b: Target, aligned: set[tuple[str, str]], year_a: int | None,
               year_b: int | None, cfg: MatchConfig = DEFAULT) -> tuple[float, list[dict]]:
    """How well two targets match, and why: metric, unit, basis, horizon, aligned tasks (0 when they may not
    pair: an annual figure never pairs with a goal for a later year)."""
    if not same_horizon(a, b, year_a, year_b):
        return 0.0, [reason("different_horizon")]
    if _other_quantity(a, b):
        return 0.0, []  # 35个储能项目 is not 700万千瓦 of storage
    sim = metric_similarity(a.metric, b.metric)
    why = [reason("metric_identical") if sim == 1 else reason("metric_similar", score=round(sim, 2))]
    same = compatible(a, b)
    # two names alike whose figures lie over fivefold apart are two indicators, unless one counts a list of
    # kinds and the other one of them: that pair is rebased
    far = same and sim < 1 and _far_apart(a, b, cfg) and not _scope_changed(a, b) and not _one_name(a, b)
    if sim < (cfg.pair_min if same else cfg.rebase_min) or far:
        return 0.0, why
    score = sim + (cfg.bonus_compatible if same else 0.0)
    if same_unit(a, b):
        why.append(reason("same_unit"))
    if a.task and b.task and (a.task, b.task) in aligned:
        score += cfg.bonus_tasks_aligned
        why.append(reason("tasks_aligned"))
    if a.quote == b.quote and a.value == b.value:
        score += cfg.bonus_same_quote
    if a.value == b.value and same_unit(a, b):
        score += cfg.bonus_same_value
    if a.stretch == b.stretch:  # a floor pairs with a floor, a stretch figure with a stretch figure
        score += cfg.bonus_same_stretch
    if year_a and year_b and (a.year or year_a) - year_a == (b.year or year_b) - year_b:
        score += cfg.bonus_own_year  # this year's figure with the other plan's figure for its own year
    return score, why


def _quantity(t: Target) -> str:
    """What a unit measures, coarsely: a count of things, money, a rate, or a physical amount."""
    u = unit_key(t.unit)
    if u in ("%", "个百分点", "‰", "成", "倍") or not u:
        return "rate"
    if u.endswith("元"):
        return "money"
    return "count" if u in COUNT_CLASSIFIERS or u in PEOPLE_CLASSIFIERS or u in ("户", "人次") else "amount"


def _other_quantity(a: Target, b: Target) -> bool:
    """A count of things against money or a physical amount (个 against 千瓦, 公里 or 元): two indicators,
    never one rebased. A rate against a level stays comparable as a change of basis."""
    qa, qb = _quantity(a), _quantity(b)
    return qa != qb and "rate" not in (qa, qb) and unit_factor(a.unit, b.unit) is None


# What a name may carry besides its words: quotation marks and a measure of what it is (15分钟生活圈)
NAME_DRESS = re.compile(r"[“”\"]|\d+(?:分钟|公里|米|小时)")


def _one_name(a: Target, b: Target) -> bool:
    """`高品质生活服务圈` and `“15分钟高品质生活服务圈”`: one name, dressed otherwise."""
    x, y = (NAME_DRESS.sub("", t.metric) for t in (a, b))
    return len(x) >= 4 and x == y


def _far_apart(a: Target, b: Target, cfg: MatchConfig) -> bool:
    """The figures lie beyond large_jump of each other (林下经济 4万亩 this year against 260万亩 in all)."""
    if not a.value or not b.value or a.unit in ("%", "个百分点", "‰"):
        return False
    return not 1 / cfg.large_jump <= b.value / a.value <= cfg.large_jump


class Candidate(NamedTuple):
    """A possible pair of targets, ordered by its sort key: best score first, then by place in documents."""

    neg_score: float  # minus the pair score, so an ascending sort puts the best first
    distance: float  # how far apart the two figures sit, as shares of their documents
    position: float  # how far into the documents they sit: a tie-break that mirrors when A and B swap
    i: int  # index into A's targets
    j: int  # index into B's targets
    why: list[dict]

    @property
    def key(self) -> tuple[float, float, float]:
        """The sort key (score, distance, position): the same when A and B are swapped."""
        return self.neg_score, self.distance, self.position


def classify_changes(a: Extraction, b: Extraction, alignment: list[AlignedPair],
                     cfg: MatchConfig = DEFAULT) -> list[Change]:
    """Every paired change plus the new and dropped targets, in A's then B's order.

    Pairs are chosen greedily by score; ties are broken by where the figures sit in their documents, a key
    that is the same when A and B are swapped, so comparing B with A mirrors comparing A with B. A second
    pass pairs what is left on the counted thing and on parallel lists (pairing.py); restatements take part
    there only, as the partner of a figure that is otherwise alone.
    """
    goals_a = [t for t in a.targets if t.kind == "target"]
    goals_b = [t for t in b.targets if t.kind == "target"]
    ia = [k for k, t in enumerate(goals_a) if not t.restates]
    ib = [k for k, t in enumerate(goals_b) if not t.restates]
    ta, tb = [goals_a[k] for k in ia], [goals_b[k] for k in ib]
    cands = _scored_candidates(a, b, ta, tb, alignment, cfg)
    first_a, first_b, first_why = _choose_pairs(cands, ta, tb, cfg)
    a_of = {ia[i]: [ib[j] for j in js] for i, js in first_a.items()}
    b_of = {ib[j]: [ia[i] for i in is_] for j, is_ in first_b.items()}
    why_of = {(ia[i], ib[j]): w for (i, j), w in first_why.items()}
    _second_pass(a, b, goals_a, goals_b, (a_of, b_of, why_of), alignment, cfg)
    reviews = [t for t in a.targets + b.targets if t.kind == "actual"]
    changes = _changes(goals_a, goals_b, a_of, b_of, why_of, (a.document.year, b.document.year), cfg, reviews)
    _note_words_only(changes, a, b)
    return changes


def _note_words_only(changes: list[Change], a: Extraction, b: Extraction) -> None:
    """A dropped (new) target whose indicator the other plan names as a goal without a figure says so."""
    by_id = {t.id: t for t in a.targets + b.targets}
    dropped = [by_id[c.a] for c in changes if c.type == "dropped" and c.a]
    new = [by_id[c.b] for c in changes if c.type == "new" and c.b]
    notes = {**words_only_notes(dropped, b), **words_only_notes(new, a)}
    for c in changes:
        key = c.a if c.type == "dropped" else c.b if c.type == "new" else None
        if key in notes:
            c.reasons.append(notes[key])
        other = b.document if c.type == "dropped" else a.document if c.type == "new" else None
        if other is not None and other.image_pages:  # the other plan's pictures may hold it: say so
            c.reasons.append(reason("other_has_pictures", pages=", ".join(map(str, other.image_pages[:8]))))


def _second_pass(a: Extraction, b: Extraction, goals_a: list[Target], goals_b: list[Target],
                 chosen: tuple[dict, dict, dict], alignment: list[AlignedPair], cfg: MatchConfig) -> None:
    """Add the second pass's pairs (pairing.py) to the first pass's choice, in place."""
    a_of, b_of, why_of = chosen
    pairs = sorted((i, j) for i, js in a_of.items() for j in js)
    free_a = [k for k in range(len(goals_a)) if k not in a_of]
    free_b = [k for k in range(len(goals_b)) if k not in b_of]
    side_a = Side(goals_a, a.document.text, a.document.year, free_a)
    side_b = Side(goals_b, b.document.text, b.document.year, free_b)
    aligned = {(p.a, p.b) for p in alignment}
    for _ in range(cfg.second_rounds):  # a pair found by name can anchor its list for the next round
        found = second_pass(side_a, side_b, pairs, aligned, cfg)
        for i, j, why, score in found:
            a_of[i] = [j]
            b_of[j] = [i]
            why_of[(i, j)] = (why, score)
        if not found:
            break
        pairs = sorted(pairs + [(i, j) for i, j, _, _ in found])
        side_a = side_a._replace(free=[k for k in side_a.free if k not in a_of])
        side_b = side_b._replace(free=[k for k in side_b.free if k not in b_of])


def _speaks_of(t: Target, goals: list[Target], paired: dict) -> bool:
    """A lone figure that restates a paired goal of its own plan in other words: the same figure, with a
    metric that names a goal rather than a counted thing (5.5%左右的预期增长目标与…衔接)."""
    if "目标" not in t.metric:
        return False
    same = (t.value, t.unit, t.comparator, t.basis, t.year)
    return any((g.value, g.unit, g.comparator, g.basis, g.year) == same
               for k, g in enumerate(goals) if k in paired and g is not t)


def _changes(ta: list[Target], tb: list[Target], a_of: dict, b_of: dict, why_of: dict,
             years: tuple[int | None, int | None], cfg: MatchConfig, reviews: list[Target]) -> list[Change]:
    """The changes in A's then B's order; restatements left alone are not reported."""
    lone_a = [i for i, x in enumerate(ta) if i not in a_of and not x.restates and not _speaks_of(x, ta, a_of)]
    lone_b = [j for j, y in enumerate(tb) if j not in b_of and not y.restates and not _speaks_of(y, tb, b_of)]
    links = horizon_links(ta, tb, lone_a, lone_b, years[0], years[1], cfg)
    merged = merged_names(ta, tb)
    changes: list[Change] = []
    for i, x in enumerate(ta):
        for j in sorted(a_of.get(i, [])):
            why, score = why_of[(i, j)]
            pair = through_reviews(x, tb[j], why, reviews)
            change = judge(*pair, score, cfg)
            summed = [n for n in (*x.notes, *tb[j].notes) if n.get("code") == "summed"]
            if summed:
                change = replace(change, reasons=[*change.reasons, *summed])
            if (x.metric, tb[j].metric) in merged and change.type != "rebased":
                change = replace(change, type="rebased", ratio=None, delta=None,
                                 reasons=[*why, reason("scope_changed", a=x.metric, b=tb[j].metric)])
            changes.append(change)
        if i in lone_a:
            extra = [links[x.id]] if x.id in links else []
            changes.append(Change("dropped", x.metric, x.id, None, confidence=cfg.lone_confidence,
                                  reasons=[reason("no_match_in_b"), *extra]))
    for j in lone_b:
        y = tb[j]
        extra = [links[y.id]] if y.id in links else []
        changes.append(Change("new", y.metric, None, y.id, confidence=cfg.lone_confidence,
                              reasons=[reason("no_match_in_a"), *extra]))
    return changes


def _scored_candidates(a: Extraction, b: Extraction, ta: list[Target], tb: list[Target],
                       alignment: list[AlignedPair], cfg: MatchConfig) -> list[Candidate]:
    """Every pair of targets that could be the same indicator, best first."""
    aligned = {(p.a, p.b) for p in alignment}
    la, lb = max(1, a.document.chars), max(1, b.document.chars)
    cands = []
    for i, j in _candidate_pairs(ta, tb):
        x, y = ta[i], tb[j]
        s, why = pair_score(x, y, aligned, a.document.year, b.document.year, cfg)
        if s > 0:
            pa, pb = x.offset / la, y.offset / lb
            cands.append(Candidate(-round(s, 6), round(abs(pa - pb), 6), round(pa + pb, 6), i, j, why))
    cands.sort(key=lambda c: c.key)
    return cands


Chosen = tuple[dict[int, list[int]], dict[int, list[int]], dict[tuple[int, int], tuple[list[dict], float]]]


def _choose_pairs(cands: list[Candidate], ta: list[Target], tb: list[Target], cfg: MatchConfig) -> Chosen:
    """Greedy one-to-one pairing; a figure already paired takes a second partner only from its own family
    (floor and stretch, or a restatement)."""
    a_of: dict[int, list[int]] = {}
    b_of: dict[int, list[int]] = {}
    why_of: dict[tuple[int, int], tuple[list[dict], float]] = {}
    for c in cands:
        i, j = c.i, c.j
        if i in a_of and j in b_of:
            continue
        if i in a_of and not _same_figure_family(tb[j], [tb[k] for k in a_of[i]], cfg):
            continue
        if j in b_of and not _same_figure_family(ta[i], [ta[k] for k in b_of[j]], cfg):
            continue
        a_of.setdefault(i, []).append(j)
        b_of.setdefault(j, []).append(i)
        why_of[(i, j)] = (c.why, -c.neg_score)
    return a_of, b_of, why_of


def _grams(metric: str) -> set[str]:
    m = canonical(metric)
    return bigrams(m) or {m}


def _candidate_pairs(ta: list[Target], tb: list[Target]) -> list[tuple[int, int]]:
    """Pairs whose metrics share at least a two-character piece: the only ones that can reach PAIR_MIN."""
    index: dict[str, set[int]] = {}
    for j, y in enumerate(tb):
        for g in _grams(y.metric):
            index.setdefault(g, set()).add(j)
    out: list[tuple[int, int]] = []
    for i, x in enumerate(ta):
        js: set[int] = set()
        for g in _grams(x.metric):
            js |= index.get(g, set())
        out.extend((i, j) for j in sorted(js))
    return out


def _same_figure_family(x: Target, others: list[Target], cfg: MatchConfig) -> bool:
    """A floor and its stretch (增长13%，力争15%), or a restated figure, may all pair with B's one figure."""
    return any(o.unit == x.unit and o.basis == x.basis and o.year == x.year
               and metric_similarity(o.metric, x.metric) >= cfg.family_min
               and (o.stretch != x.stretch or o.value == x.value) for o in others)


def judge(x: Target, y: Target, why: list[dict], score: float, cfg: MatchConfig = DEFAULT) -> Change:
    """Classify one pair: escalated, deescalated, unchanged or rebased, with ratio, delta and qualifiers."""
    quals = qualifier_changes(x, y)
    confidence = round(min(1.0, score / cfg.confidence_scale), 2)
    metric = x.metric if elided(y.metric) and not elided(x.metric) else y.metric  # the name a reader can use
    widened = _scope_changed(x, y) or _work_widened(x, y)
    ranked = compatible(x, y, loose=True) and _converts_plausibly(x, y, cfg)
    same_words = same_unit(x, y) and interval(x) == interval(y) and x.comparator == y.comparator
    if widened and ranked and same_words:
        # the same figure for a wider or narrower list (6000套城中村改造 / 城中村和城市危旧房6000套):
        # unchanged, the change of scope said beside it
        return Change("unchanged", metric, x.id, y.id, ratio=1.0, delta=0.0, confidence=confidence,
                      reasons=[*why, *widened], qualifiers=quals)
    if widened or not ranked:
        # a change of scope alone says only that: the bases may well compare (改建50个 / 新建改造50个)
        said = widened if ranked else [*_rebase_reasons(x, y), *widened]
        return Change("rebased", metric, x.id, y.id, confidence=confidence, reasons=[*why, *said],
                      qualifiers=quals)
    x, why = _in_units_of(x, y, why)
    ratio = round(y.value / x.value, 4) if x.value else None
    delta = round(y.value - x.value, 6)
    lower_is_better = lower_is_better_for(x, y)
    # the words rank after the figure: first its comparator (30%左右 → 力争30%以上 is raised), and only where
    # that holds, 力争 (全年新增1000家 → 力争新增1000家: a commitment made an aim)
    firmness = (firmness_of(y, lower_is_better) - firmness_of(x, lower_is_better)
                or bool(x.stretch) - bool(y.stretch))
    same_figure = interval(x) == interval(y)
    kind = direction(x, y, firmness, lower_is_better)
    reasons = list(why)
    if ratio is not None and ratio > 0 and (ratio > cfg.large_jump or ratio < 1 / cfg.large_jump):
        confidence = round(confidence * 0.5, 2)  # targets rarely move fivefold in one step: check the pairing
        reasons.append(reason("large_jump"))
    if firmness and same_figure:
        reasons.append(reason("firmer_words" if firmness > 0 else "looser_words"))
    elif same_figure and x.comparator != y.comparator and not lower_is_better \
            and firmness_of(x, False) == firmness_of(y, False) == 2:
        reasons.append(reason("same_floor"))  # 新增80户 → 80家以上: a count to reach is a floor already
    elif same_figure and x.comparator != y.comparator and lower_is_better:
        reasons.append(reason("same_ceiling"))  # 价格涨幅2%左右 → 2%以内: a price rise 左右 is a cap already
    if x.unit in ("%", "个百分点") and kind != "unchanged":
        reasons.append(reason("points", delta=_points(x, y)))
    if lower_is_better and kind != "unchanged":
        reasons.append(reason("lower_is_better"))
    if x.year and y.year and x.year != y.year:
        reasons.append(reason("horizon", a=x.year, b=y.year))
    return Change(kind, metric, x.id, y.id, ratio=ratio, delta=delta, confidence=confidence,
                  reasons=reasons, qualifiers=quals)


def _points(x: Target, y: Target) -> str:
    """B less A in points (`+0.5`); for a range, the change of each end (`5%左右` → `5%-5.5%`: `+0…+0.5`)."""
    (alo, ahi), (blo, bhi) = interval(x), interval(y)
    low, high = round(blo - alo, 6), round(bhi - ahi, 6)
    return f"{low:+g}" if low == high else f"{low:+g}…{high:+g}"


# The work a count covers: things built or added only, or also those upgraded (新建提升, 新改建).
NEW_AND_UPGRADED = re.compile(r"新建[和或、]?(?:改造|提升|更新|改建|改扩建)(?:提升)?|新改扩?建|"
                              r"新[(（]改[)）]建")
NEW_ONLY = re.compile(r"新增|新建|新培育|新认定")


def _work_widened(x: Target, y: Target) -> list[dict]:
    """A reason when one count covers new things only (新增75个) and the other new and upgraded ones too
    (新建提升100个): the two counts cover different work."""
    verbs = []
    for t in (x, y):
        at = t.quote.find(t.written) if t.written else -1
        said = re.split(r"[，,、；;]", t.quote[:at] if at > 0 else t.quote)[-1]  # the figure's own clause
        upgraded = NEW_AND_UPGRADED.search(said)
        verbs.append(upgraded.group() if upgraded else (m.group() if (m := NEW_ONLY.search(said)) else ""))
    wider = [bool(NEW_AND_UPGRADED.fullmatch(v)) for v in verbs]
    if all(verbs) and wider[0] != wider[1]:
        return [reason("work_widened", a=verbs[0], b=verbs[1])]
    return []


def _scope_changed(x: Target, y: Target) -> list[dict]:
    """A reason when one figure counts a list of kinds and the other one kind of it (农村公路 → 普通省道和
    农村公路, 高新技术企业 → 高新技术和科技型中小企业, the kinds sharing the last one's noun; 城中村改造计划 →
    城中村和城市危旧房, one kind named with its work): the figures cover different things and cannot be
    ranked."""
    hx, hy = head_noun(x.metric), head_noun(y.metric)
    for listed, one in ((hx, hy), (hy, hx)):
        items = [item.rstrip("等") for item in re.split(r"[、和及与]", listed) if item]
        shared = [one[len(item):] for item in items[:-1] if one.startswith(item)]  # 高新技术(企业)
        named = any(item == one or (len(one) >= 4 and item.endswith(one)) for item in items) or any(
            2 <= len(noun) < len(items[-1]) and items[-1].endswith(noun) for noun in shared) or bool(
            one_of_the_kinds(one, listed))
        if len(items) >= 2 and not re.search(r"[、和及与]", one) and named:
            return [reason("scope_changed", a=x.metric, b=y.metric)]
    if one_of_the_kinds(x.metric, y.metric) or one_of_the_kinds(y.metric, x.metric) or \
            kinds_differ(x.metric, y.metric):  # 750千伏…工程 in full; 排水、供水、燃气管网 / 供排水管网
        return [reason("scope_changed", a=x.metric, b=y.metric)]
    return []


def _converts_plausibly(x: Target, y: Target, cfg: MatchConfig) -> bool:
    """Figures in units that convert are ranked only when, converted, they lie within large_jump of each
    other: 800亿斤 of grain against 750万吨 of milk is a list read wrongly, not a fall."""
    factor = unit_factor(x.unit, y.unit) if unit_key(x.unit) != unit_key(y.unit) else None
    if factor is None or not x.value or not y.value:
        return True
    ratio = y.value / (x.value * factor)
    return 1 / cfg.large_jump <= ratio <= cfg.large_jump


def _in_units_of(x: Target, y: Target, why: list[dict]) -> tuple[Target, list[dict]]:
    """A's figure read in B's unit when the two convert (252亿斤 as 1260万吨, to rank against 1300万吨),
    and the reasons saying so."""
    factor = unit_factor(x.unit, y.unit) if unit_key(x.unit) != unit_key(y.unit) else None
    if factor is None:
        return x, list(why)
    said = [w for w in why if w.get("code") != "same_unit"]
    figure = chinese_amount(x.value * factor) + y.unit
    said.append(reason("unit_converted", a=x.unit, b=y.unit, figure=figure))
    scaled = replace(x, value=x.value * factor, unit=y.unit, low=None if x.low is None else x.low * factor,
                     high=None if x.high is None else x.high * factor)
    return scaled, said


def _rebase_reasons(x: Target, y: Target) -> list[dict]:
    """What makes two figures of one metric impossible to rank: their unit or their basis."""
    what = []
    if not same_unit(x, y, loose=True) or unit_key(x.unit) != unit_key(y.unit):
        what.append(reason("unit_changed", a=x.unit or "—", b=y.unit or "—"))
    if x.basis != y.basis:
        what.append(reason("basis_changed", a=x.basis, b=y.basis))
    return what


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
