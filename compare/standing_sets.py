"""Standing sets: counts of things that exist, told by the other plan (推动4个万亿级产业基地提质升级) or a
plan's own review (全力实施15项重大工程, then 深入实施15项重大工程): the set's size, not a goal."""

from __future__ import annotations

import re
from dataclasses import replace

from compare.metrics import metric_similarity
from compare.model import Extraction, Target
from compare.reasons import reason
from compare.target_figures import COUNTED_BY, DESIGNATED_SET, ENABLING_VERB, set_in_use


def without_standing_sets(a: Extraction, b: Extraction) -> tuple[Extraction, Extraction]:
    """Both extractions, each target whose count and counted thing the other plan writes as a designated set
    read as an actual (the set's size), with a note quoting the other plan; and each target whose count its
    plan's own review reports and its work carries on, in that plan and the same count of it in the other."""
    a, b = _demoted(a, b), _demoted(b, a)
    return _same_set_in(a, _reviewed(b)), _same_set_in(b, _reviewed(a))


def _reviewed(ex: Extraction) -> list[Target]:
    return [t for t in ex.targets if any(n.get("code") == "standing_set_reviewed" for n in t.notes)]


def _same_set_in(ex: Extraction, sets: list[Target]) -> Extraction:
    """The extraction with each target that counts a set the other plan's review reports read as its size."""
    out, changed = [], False
    for t in ex.targets:
        same = [s for s in sets if t.kind == "target" and s.written == t.written and _names_one_set(s, t)]
        twin = same[0] if same else None
        if twin:
            t = replace(t, kind="actual", notes=[*t.notes, *twin.notes[-1:]])
            changed = True
        out.append(t)
    return replace(ex, targets=out) if changed else ex


SAME_SET_NAME = 0.8  # the other plan's count names the set this closely (托底性帮扶 / 托底性帮扶质效)


def _names_one_set(x: Target, y: Target) -> bool:
    """The two names count one set: alike, or one holding the other, four characters or more (a bare 项目
    says nothing of which set)."""
    short, long_ = sorted((x.metric, y.metric), key=len)
    return (len(short) >= 4 and short in long_) or metric_similarity(x.metric, y.metric) >= SAME_SET_NAME


# Work carried on, not begun: 深入实施, 扎实推进, 加快发展, 做优做强 (新建, 培育, 打造 begin new things).
CARRIED_ON = re.compile(r"(?:深入|持续|继续|接续|扎实|加快|全力|纵深)(?:推进|实施|发展)|做优做强|做强做优")


def _demoted(ex: Extraction, other: Extraction) -> Extraction:
    text = other.document.text
    actuals = [t for t in ex.targets if t.kind == "actual"]
    out: list[Target] = []
    changed = False
    for t in ex.targets:
        found = _set_in(text, t) if t.kind == "target" else None
        if found:
            t = replace(t, kind="actual", notes=[*t.notes, reason("standing_set", quote=found)])
            changed = True
        elif t.kind == "target" and (reported := _reported_before(t, actuals)):
            t = replace(t, kind="actual", notes=[*t.notes, reason("standing_set_reviewed", quote=reported)])
            changed = True
        out.append(t)
    return replace(ex, targets=out) if changed else ex


def _set_in(text: str, t: Target) -> str | None:
    """The other plan's clause that writes the target's count and thing as a designated set it upgrades."""
    if t.unit not in COUNTED_BY or t.low is not None or not t.written.endswith(t.unit) or len(t.metric) < 4:
        return None
    needle = t.written + t.metric[:4]
    at = text.find(needle)
    while at >= 0:
        count_end = at + len(t.written)
        if ENABLING_VERB.search(text, max(0, at - 40), at) and DESIGNATED_SET.match(text, count_end):
            start = max(text.rfind(c, 0, at) for c in "，。；\n") + 1
            return text[start:DESIGNATED_SET.match(text, count_end).end()]  # type: ignore[union-attr]
        if set_in_use(text, at, count_end):  # 发挥好9个国家区域医疗中心服务功能: the set, put to use
            start = max(text.rfind(c, 0, at) for c in "，。；\n") + 1
            ends = [k for k in (text.find(c, count_end) for c in "，。；\n") if k >= 0]
            stop = min(ends, default=len(text))
            return text[start:stop]
        at = text.find(needle, at + 1)
    return None


def _reported_before(t: Target, actuals: list[Target]) -> str | None:
    """The plan's own review figure that reports the count a target carries on (深入实施15项重大工程 after
    全力实施15项重大工程): the same count of the same things, continued by a verb of work carried on."""
    if t.unit not in COUNTED_BY or t.low is not None or not t.written.endswith(t.unit) or len(t.metric) < 2:
        return None
    at = t.quote.find(t.written)
    if at < 0 or not CARRIED_ON.search(t.quote[max(0, at - 8):at]):
        return None
    for r in actuals:
        if r.written == t.written and (r.metric.endswith(t.metric) or t.metric.endswith(r.metric)):
            return r.quote
    return None
