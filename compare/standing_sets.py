"""Standing sets told by the other plan: a count one plan states as a goal (加快建设4个万亿级产业基地) and the
other writes as the designated set its work upgrades (推动4个万亿级产业基地提质升级) is that set's size."""

from __future__ import annotations

from dataclasses import replace

from compare.model import Extraction, Target
from compare.reasons import reason
from compare.target_figures import COUNTED_BY, DESIGNATED_SET, ENABLING_VERB


def without_standing_sets(a: Extraction, b: Extraction) -> tuple[Extraction, Extraction]:
    """Both extractions, each target whose count and counted thing the other plan writes as a designated set
    read as an actual (the set's size), with a note quoting the other plan."""
    return _demoted(a, b), _demoted(b, a)


def _demoted(ex: Extraction, other: Extraction) -> Extraction:
    text = other.document.text
    out: list[Target] = []
    changed = False
    for t in ex.targets:
        found = _set_in(text, t) if t.kind == "target" else None
        if found:
            t = replace(t, kind="actual", notes=[*t.notes, reason("standing_set", quote=found)])
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
        at = text.find(needle, at + 1)
    return None
