"""Merged indicators: where one plan counts 供排水管网 and the other 供水管网 and 排水管网 apart, the
parts' figures are summed into one target, so the two plans' figures compare."""

from __future__ import annotations

import re
from dataclasses import replace

from compare.model import Extraction, Target
from compare.reasons import reason

NEAR = 200  # the parts are stated in one passage: their figures lie within this many characters


def merged_names(ta: list[Target], tb: list[Target]) -> set[tuple[str, str]]:
    """(A name, B name) pairs where one plan's indicator merges two of the other's, written with one character
    each (供排水管网 = 供水管网 + 排水管网): paired with one part, the figures cover different things."""
    out: set[tuple[str, str]] = set()
    for whole, parts in _merges({t.metric for t in tb}, {t.metric for t in ta}).items():
        out |= {(p, whole) for p in parts}
    for whole, parts in _merges({t.metric for t in ta}, {t.metric for t in tb}).items():
        out |= {(whole, p) for p in parts}
    return out


def _merges(wholes: set[str], names: set[str]) -> dict[str, tuple[str, str]]:
    """Each name of `wholes` that merges two of `names`: the two merged characters stand side by side (供排 in
    供排水), and each part keeps one of them (供水, 排水); or the whole lists the two (社区养老工程和乡镇区域
    养老服务中心 against 社区养老工程 and 区域养老服务中心)."""
    out = {}
    for n in sorted(wholes):
        for k in range(len(n) - 1):
            first, second = n[:k] + n[k + 1:], n[:k + 1] + n[k + 2:]
            if first in names and second in names:
                out[n] = (first, second)
                break
        else:
            listed = _listed_parts(n, names)
            if listed:
                out[n] = listed
    return out


def _listed_parts(whole: str, names: set[str]) -> tuple[str, str] | None:
    """The two names a listed whole (`甲和乙`, `甲、乙`) is made of, each item ending in one of them."""
    items = [i for i in re.split(r"[、和]", whole) if len(i) >= 2]
    if len(items) != 2:
        return None
    found = [sorted(n for n in names if item.endswith(n) and len(n) >= 4) for item in items]
    if not all(len(f) == 1 for f in found) or found[0][0] == found[1][0]:
        return None
    return found[0][0], found[1][0]


def with_merged_sums(a: Extraction, b: Extraction) -> tuple[Extraction, Extraction]:
    """A and B, each with a summed target for two parts that the other plan names as one indicator; the
    parts restate their sum, so they are neither compared nor reported alone."""
    return _summed(a, b), _summed(b, a)


def _summed(side: Extraction, other: Extraction) -> Extraction:
    goals = [t for t in side.targets if t.kind == "target" and not t.restates]
    whole_goals = [t for t in other.targets if t.kind == "target" and not t.restates]
    sums: list[Target] = []
    taken: dict[str, str] = {}
    for whole, (p1, p2) in _merges({t.metric for t in whole_goals}, {t.metric for t in goals}).items():
        wholes = [t for t in whole_goals if t.metric == whole]
        x1, x2 = [t for t in goals if t.metric == p1], [t for t in goals if t.metric == p2]
        if len(wholes) != 1 or len(x1) != 1 or len(x2) != 1 or not _summable(x1[0], x2[0], wholes[0]):
            continue
        prefix = side.targets[0].id.split("-")[0]
        total = _sum_target(side, x1[0], x2[0], whole, f"{prefix}-t{len(side.targets) + len(sums) + 1}")
        if total is not None:
            sums.append(total)
            taken |= {x1[0].id: total.id, x2[0].id: total.id}
    if not sums:
        return side
    parts = [replace(t, restates=taken[t.id], notes=[*t.notes, reason("summed_into", id=taken[t.id])])
             if t.id in taken else t for t in side.targets]
    return replace(side, targets=parts + sums)


def _summable(x1: Target, x2: Target, whole: Target) -> bool:
    """Two parts add up when they share a unit, a basis, a year and a comparator, the whole is in their unit,
    and they are stated in one passage."""
    same = (x1.unit, x1.basis, x1.year, x1.comparator) == (x2.unit, x2.basis, x2.year, x2.comparator)
    return same and whole.unit == x1.unit and abs(x1.offset - x2.offset) <= NEAR and x1.low is None \
        and x2.low is None


def _sum_target(side: Extraction, x1: Target, x2: Target, whole: str, ident: str) -> Target | None:
    """The parts' sum, quoted from the source passage that states both; None when the passage is not found."""
    text = side.document.text
    spans = []
    for t in sorted((x1, x2), key=lambda t: t.offset):
        start = text.find(t.quote, max(0, t.offset - len(t.quote)))
        if start < 0 or start > t.offset:
            return None
        spans.append((start, start + len(t.quote)))
    quote = text[min(s for s, _ in spans):max(e for _, e in spans)]
    first, second = sorted((x1, x2), key=lambda t: t.offset)
    figures = f"{first.metric} {first.written} + {second.metric} {second.written}"
    value = first.value + second.value
    total = f"{int(value)}" if value == int(value) else f"{value:.6f}".rstrip("0")
    return replace(first, id=ident, metric=whole, value=value, quote=quote, restates=None,
                   written=f"{total}{first.unit}（{first.written}+{second.written}）",
                   notes=[reason("summed", parts=figures)])
