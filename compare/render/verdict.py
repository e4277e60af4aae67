"""The verdict on page 1: changes weighted by policy importance (templates/weights.toml) and said plainly."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compare.render.labels import Labels

PAIRED = ("escalated", "deescalated", "unchanged", "rebased")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_SPACE_BEFORE = re.compile(r"([\u4e00-\u9fff])([A-Za-z]{2,})")
_SPACE_AFTER = re.compile(r"([A-Za-z]{2,})([\u4e00-\u9fff])")


def load_weights(template_dir: Path | None = None) -> dict[str, Any]:
    """The policy weights (templates/weights.toml), an organisation's copy over the defaults."""
    from compare.render.labels import _load_toml

    return _load_toml("weights.toml", Path(template_dir) if template_dir else None)


@dataclass
class Weigher:
    """Gives each metric its policy weight: a headline indicator, a target in a title, or the default."""

    weights: dict[str, Any]
    titles: tuple[str, ...]

    def group(self, metric: str) -> dict[str, Any] | None:
        """The headline group whose longest word occurs in the metric, if any."""
        best, length = None, 0
        for g in self.weights.get("headline") or []:
            for w in g.get("words") or []:
                if w and w in metric and len(w) > length:
                    best, length = g, len(w)
        return best

    def in_title(self, metric: str) -> bool:
        """Whether a title names the metric: enough of its words, covering half its characters."""
        import rjieba

        cfg = self.weights.get("weight", {})
        words = [w for w in rjieba.cut(metric) if len(w) > 1]
        for title in self.titles:
            hits = [w for w in words if w in title]
            if len(hits) >= int(cfg.get("min_title_words", 2)) and sum(map(len, hits)) >= float(
                cfg.get("min_title_cover", 0.5)
            ) * len(metric):
                return True
        return False

    def __call__(self, metric: str) -> float:
        """The weight of a metric."""
        cfg = self.weights.get("weight", {})
        g = self.group(metric)
        if g is not None:
            return float(g.get("weight", 10.0))
        if metric and self.in_title(metric):
            return float(cfg.get("title", 8.0))
        return float(cfg.get("default", 1.0))

    def name(self, metric: str) -> str:
        """The indicator's short name (GDP) when the metric is exactly one of its group's words."""
        g = self.group(metric)
        return str(g["label"]) if g and g.get("label") and metric in (g.get("words") or []) else metric


def size_of(change: dict[str, Any], ta: dict[str, Any] | None, tb: dict[str, Any] | None) -> float:
    """How far a figure moved, comparable across units: |log(B/A)|, 0 when the figures cannot be ranked."""
    if change.get("type") not in ("escalated", "deescalated") or not ta or not tb:
        return 0.0
    try:
        va, vb = float(ta["value"]), float(tb["value"])
    except (KeyError, TypeError, ValueError):
        return 0.0
    return abs(math.log(vb / va)) if va > 0 and vb > 0 else 0.0


def weigh(brief: dict[str, Any], weights: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """`{"weight", "rank"}` for each of brief["changes"], in order: the fields the JSON contract proposes.

    Rank 1 is the first thing a reader should know; new and dropped targets rank after paired ones of the
    same weight.
    """
    weights = weights if weights is not None else load_weights()
    docs = brief.get("documents") or {}
    weigher = Weigher(weights, tuple(str((docs.get(s) or {}).get("title") or "") for s in "ab"))
    by_id = {
        s: {str(t.get("id")): t for t in (brief.get("targets") or {}).get(s) or [] if isinstance(t, dict)}
        for s in "ab"
    }
    keys = []
    for i, c in enumerate(brief.get("changes") or []):
        ta, tb = by_id["a"].get(c.get("a")), by_id["b"].get(c.get("b"))
        metric = str(c.get("metric") or (tb or ta or {}).get("metric") or "")
        w = weigher(metric)
        keys.append((i, w, _order_key(c, w, size_of(c, ta, tb))))
    ranks = {i: r for r, (i, _, _) in enumerate(sorted(keys, key=lambda k: k[2]), 1)}
    return [{"weight": w, "rank": ranks[i]} for i, w, _ in keys]


def _order_key(c: dict[str, Any], weight: float, size: float) -> tuple[float, int, float]:
    """Heavier first; at equal weight a moved figure, then a changed basis, then unchanged, new, dropped."""
    tier = {"escalated": 0, "deescalated": 0, "rebased": 1, "unchanged": 2, "new": 3, "dropped": 4}
    return (-weight, tier.get(str(c.get("type")), 5), -size)


def metric_name(metric: str, basis: str | None, weigher: Weigher, down: bool = False) -> str:
    """The metric as a sentence names it: GDP 增速 for a growth rate of GDP."""
    name = weigher.name(metric)
    if basis == "growth" and not down and not re.search("(增速|增长|增幅|涨幅|增加|率)$", name):
        g = weigher.group(metric) or {}
        name += (" " if _LATIN_END.search(name) else "") + str(g.get("growth_word", "增速"))
    return name


def points_phrase(ta: dict[str, Any], tb: dict[str, Any], L: Labels, fall: bool = False) -> str:
    """上调/下调 N 个百分点, with 下限 when either side is a range; 降幅扩大/收窄 for a stated fall."""
    try:
        delta = float(tb["value"]) - float(ta["value"])
    except (KeyError, TypeError, ValueError):
        return ""
    if abs(delta) < 1e-9:
        return ""
    end = L("verdict.low_end") if ta.get("high") is not None or tb.get("high") is not None else ""
    n = f"{abs(delta):.2f}".rstrip("0").rstrip(".")
    key = (
        ("verdict.fall_wider" if delta > 0 else "verdict.fall_narrower")
        if fall
        else ("verdict.points_up" if delta > 0 else "verdict.points_down")
    )
    return L.fmt(key, end=end, n=n)


def ratio_phrase(ratio: float, L: Labels) -> str:
    """增加 60% / 减少 25% / 提高到 10 倍."""
    if ratio >= 2:
        return L.fmt("verdict.times", ratio=f"{ratio:.1f}".rstrip("0").rstrip("."))
    pct = abs(ratio - 1) * 100
    if pct < 0.05:
        return ""  # the same figure in other words (17万人以上 → 17万人左右): no rise or cut to state
    text = f"{pct:.0f}" if pct >= 1 else f"{pct:.1f}"
    return L.fmt("verdict.more" if ratio > 1 else "verdict.less", pct=text)


@dataclass
class VerdictItem:
    """One sentence of the verdict, with the targets it speaks of (for links) and its weight."""

    text: str
    weight: float
    refs: list[tuple[str, str]]


Fig = Any  # callable(target dict) -> str: a figure as written


class _Sayer:
    """Builds the verdict's sentences from changes and their targets."""

    def __init__(self, L: Labels, weigher: Weigher, fig: Fig, by_id: dict[str, dict[str, Any]]) -> None:
        self.L, self.weigher, self.fig, self.by_id = L, weigher, fig, by_id

    def targets(self, c: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """A's and B's target of a change."""
        return self.by_id["a"].get(str(c.get("a"))), self.by_id["b"].get(str(c.get("b")))

    def name(self, c: dict[str, Any]) -> str:
        """The metric as the sentence names it."""
        ta, tb = self.targets(c)
        t = tb or ta or {}
        return metric_name(
            str(c.get("metric") or t.get("metric") or "—"),
            t.get("basis"),
            self.weigher,
            down=t.get("direction") == "down",
        )

    def moved(self, c: dict[str, Any]) -> str:
        """GDP 增速目标由 5%左右 调为 4.5%—5%，下限下调 0.5 个百分点."""
        L, (ta, tb) = self.L, self.targets(c)
        if not ta or not tb:
            return ""
        if ta.get("unit") == "%" and tb.get("unit") == "%":
            delta = points_phrase(ta, tb, L, fall=tb.get("direction") == "down")
        else:
            try:
                delta = ratio_phrase(float(tb["value"]) / float(ta["value"]), L)
            except (KeyError, TypeError, ValueError, ZeroDivisionError):
                delta = ""
        text = L.fmt("verdict.changed", metric=self.name(c), a=self.fig(ta), b=self.fig(tb))
        text += (L("verdict.sep") + delta) if delta else ""
        try:
            up = float(tb["value"]) > float(ta["value"])
        except (KeyError, TypeError, ValueError):
            up = c.get("type") == "escalated"
        if (c.get("type") == "escalated") != up:
            text += L(f"verdict.inverse_{c.get('type')}")
        return text + self.doubt(c)

    def doubt(self, c: dict[str, Any]) -> str:
        """The doubt note of a low-confidence pair, else ""."""
        conf = c.get("confidence", 1.0)
        return self.L("verdict.doubtful") if isinstance(conf, (int, float)) and conf < 0.6 else ""

    def rebased(self, group: list[dict[str, Any]]) -> str:
        """A changed basis: both figures, not ranked."""
        a = self.L("brief.list_sep").join(self.fig(ta) for c in group if (ta := self.targets(c)[0]))
        tb = self.targets(group[0])[1]
        return self.L.fmt(
            "verdict.rebased", metric=self.name(group[0]), a=a, b=self.fig(tb) if tb else "—"
        ) + self.doubt(group[0])

    def one_side(self, c: dict[str, Any]) -> str:
        """A new or a dropped target, with its year."""
        ta, tb = self.targets(c)
        t = tb if c.get("type") == "new" else ta
        figure = self.fig(t) if t else "—"
        year = self.L.fmt(f"verdict.year_{c.get('type')}", year=t["year"]) if t and t.get("year") else ""
        words = next((r.get("args", {}).get("quote") for r in c.get("reasons") or []
                      if isinstance(r, dict) and r.get("code") == "named_without_figure"), None)
        key = f"verdict.{c.get('type')}_in_words" if words else f"verdict.{c.get('type')}"
        return self.L.fmt(key, metric=self.name(c), figure=figure, year=year, words=words or "")

    def unchanged(self, group: list[dict[str, Any]]) -> str:
        """Unchanged headline targets in one sentence."""
        items = self.L("brief.list_sep").join(
            self.L.fmt("verdict.unchanged_item", metric=self.name(c), b=self.fig(self.targets(c)[1] or {}))
            for c in group
        )
        return self.L.fmt("verdict.unchanged", n=len(group), items=items)


def verdict(
    brief: dict[str, Any], L: Labels, fig: Fig, weights: dict[str, Any] | None = None
) -> tuple[list[VerdictItem], int]:
    """The verdict's sentences, most important first, and how many more were left for later pages."""
    weights = weights if weights is not None else load_weights()
    cfg = weights.get("verdict", {})
    docs = brief.get("documents") or {}
    weigher = Weigher(weights, tuple(str((docs.get(s) or {}).get("title") or "") for s in "ab"))
    by_id = {
        s: {str(t.get("id")): t for t in (brief.get("targets") or {}).get(s) or [] if isinstance(t, dict)}
        for s in "ab"
    }
    say = _Sayer(L, weigher, fig, by_id)
    changes = [c for c in brief.get("changes") or [] if isinstance(c, dict)]
    info = weigh(brief, weights)
    default = float(weights.get("weight", {}).get("default", 1.0))
    slots: list[tuple[str, Any, float]] = []  # (kind, key, weight) in rank order
    groups: dict[Any, list[dict[str, Any]]] = {}
    for i in sorted(range(len(changes)), key=lambda k: info[k]["rank"]):
        c, w = changes[i], info[i]["weight"]
        typ = c.get("type")
        if typ == "rebased" or (typ == "unchanged" and w > default):
            key = ("rebased", c.get("b")) if typ == "rebased" else ("unchanged", None)
            if key not in groups:
                slots.append((key[0], key, w))
            groups.setdefault(key, []).append(c)
        elif typ in ("escalated", "deescalated") or (
            typ in ("new", "dropped") and w >= float(cfg.get("show_new_dropped_at", 2.0))
        ):
            slots.append((str(typ), c, w))
    items = []
    for kind, key, w in slots:
        group = groups.get(key, []) if kind in ("rebased", "unchanged") else [key]
        text = (
            say.rebased(group)
            if kind == "rebased"
            else say.unchanged(group)
            if kind == "unchanged"
            else say.moved(key)
            if kind in ("escalated", "deescalated")
            else say.one_side(key)
        )
        if L.lang == "zh":  # a space between Chinese and a Latin name: 新设 GDP 增速
            text = _SPACE_AFTER.sub(r"\1 \2", _SPACE_BEFORE.sub(r"\1 \2", text))
        items.append(VerdictItem(text, w, [(s, str(c[s])) for c in group for s in "ab" if c.get(s)]))
    n = int(cfg.get("max_items", 8))
    return items[:n], len(items[n:])


_CATEGORY_ORDER = ("escalated", "deescalated", "unchanged", "rebased", "dropped", "new", "restated", "other")


def categories(brief: dict[str, Any], side: str) -> tuple[dict[str, int], int]:
    """How each target (not actual) of one side is accounted for, and how many actuals it has.

    A target in several changes counts once, under its first type in _CATEGORY_ORDER; a target in no change
    is a restatement when the engine noted one, else `other`.
    """
    kinds: dict[str, list[str]] = {}
    for c in brief.get("changes") or []:
        if isinstance(c, dict) and c.get(side) is not None:
            kinds.setdefault(str(c[side]), []).append(str(c.get("type")))
    counts = dict.fromkeys(_CATEGORY_ORDER, 0)
    actuals = 0
    for t in (brief.get("targets") or {}).get(side) or []:
        if not isinstance(t, dict):
            continue
        if t.get("kind") == "actual":
            actuals += 1
            continue
        types = kinds.get(str(t.get("id")), [])
        if types:
            counts[min(types, key=lambda k: _CATEGORY_ORDER.index(k) if k in _CATEGORY_ORDER else 99)] += 1
        elif any(isinstance(n, dict) and n.get("code") == "restates" for n in t.get("notes") or []):
            counts["restated"] += 1
        else:
            counts["other"] += 1
    return counts, actuals


def accounting(brief: dict[str, Any], L: Labels) -> list[str]:
    """Sentences that account for every target of A and of B, adding up to each side's total."""
    out, actuals = [], []
    for side in "ab":
        counts, n_actual = categories(brief, side)
        parts = [L.fmt(f"verdict.count_{k}", n=v) for k, v in counts.items() if v]
        total = sum(counts.values())
        out.append(
            L.fmt(
                f"verdict.counts_{side}",
                total=total,
                parts=L("brief.list_sep").join(parts) or L("verdict.count_none"),
            )
        )
        actuals.append(n_actual)
    if any(actuals):
        out.append(L.fmt("verdict.actuals", a=actuals[0], b=actuals[1]))
    return out
