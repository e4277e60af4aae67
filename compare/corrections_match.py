"""Keys that name a figure or a task across re-runs (its words, never its run-local id), and fuzzy look-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

QUOTE_MIN = 80.0  # fuzz ratio (0..100) from which a clause counts as the same clause, slightly edited
TIE_MARGIN = 5.0  # candidates scoring within this of the best are equally good: the key is ambiguous
WINDOW = 24  # characters kept each side of the figure when a clause is long
LONG_QUOTE = 60
TASK_QUOTE = 40  # characters of a task's text kept in its key after the heading


def _squash(text: Any) -> str:
    return "".join(str(text or "").split())


def clause_window(quote: str, figure: str) -> str:
    """The clause, or for a long one the figure with WINDOW characters either side."""
    quote = _squash(quote)
    if len(quote) <= LONG_QUOTE:
        return quote
    i = quote.find(_squash(figure))
    if i < 0:
        return quote[:LONG_QUOTE]
    return quote[max(0, i - WINDOW): i + len(_squash(figure)) + WINDOW]


def target_key(t: dict[str, Any]) -> dict[str, str]:
    """The words that name a figure in a corrections file: as written, its clause and its metric."""
    figure = str(t.get("written") or "")
    return {"figure": figure, "quote": clause_window(str(t.get("quote") or ""), figure),
            "metric": str(t.get("metric") or "")}


def task_key(t: dict[str, Any]) -> dict[str, str]:
    """The words that name a task in a corrections file: its heading and the start of its text."""
    heading = str(t.get("heading") or "")
    quote = _squash(t.get("quote"))
    return {"task": heading, "quote": quote[:TASK_QUOTE]}


def describe_key(key: dict[str, Any]) -> str:
    """A key as a short phrase for a message: 3万个 in “全省5G基站总数达到3万个”."""
    if "task" in key:
        return f"task “{key.get('task') or key.get('quote')}”"
    return f"{key.get('figure')} in “{key.get('quote')}”"


def _pick(scored: list[tuple[float, dict[str, Any]]], key: dict[str, Any],
          fields: tuple[str, ...]) -> tuple[dict[str, Any] | None, str]:
    """The one best candidate, narrowed by exact metric or section when several score alike."""
    if not scored:
        return None, ""
    scored.sort(key=lambda s: -s[0])
    best = scored[0][0]
    tied = [t for s, t in scored if s >= best - TIE_MARGIN]
    for f in fields:
        if len(tied) > 1 and key.get(f):
            narrowed = [t for t in tied if _squash(t.get(f)) == _squash(key.get(f))]
            tied = narrowed or tied
    if len(tied) == 1:
        return tied[0], ""
    ids = ", ".join(str(t.get("id")) for t in tied[:4])
    return None, f"it matches {len(tied)} items equally well ({ids}); quote more of the clause"


def find_target(key: dict[str, Any], targets: list[dict[str, Any]],
                side: str) -> tuple[dict[str, Any] | None, str]:
    """The one target of a side that a key names, or None and why (gone, changed, ambiguous)."""
    figure, quote = _squash(key.get("figure")), _squash(key.get("quote"))
    scored, near = [], []
    for t in targets:
        s = fuzz.ratio(quote, clause_window(str(t.get("quote") or ""), str(t.get("written") or "")))
        if _squash(t.get("written")) == figure:
            if s >= QUOTE_MIN:
                scored.append((s, t))
        elif s >= QUOTE_MIN:
            near.append((s, t))
    found, why = _pick(scored, key, ("metric",))
    if found is not None or why:
        return found, why
    doc = side.upper()
    if near:
        near.sort(key=lambda s: -s[0])
        t = near[0][1]
        return None, (f"the figure {key.get('figure')} is no longer in {doc}: the closest clause now reads "
                      f"“{t.get('quote')}” ({t.get('written')}); correct the figure if it is the same target")
    return None, f"no figure {key.get('figure')} in a clause like “{key.get('quote')}” is left in {doc}"


def find_task(key: dict[str, Any], tasks: list[dict[str, Any]],
              side: str) -> tuple[dict[str, Any] | None, str]:
    """The one task of a side that a key names (heading and start of text), or None and why."""
    heading, quote = _squash(key.get("task")), _squash(key.get("quote"))
    scored = []
    for t in tasks:
        hs = fuzz.ratio(heading, _squash(t.get("heading"))) if heading else 100.0
        qs = fuzz.ratio(quote, _squash(t.get("quote"))[:len(quote)]) if quote else 100.0
        if min(hs, qs) >= QUOTE_MIN:
            scored.append(((hs + qs) / 2, t))
    found, why = _pick(scored, key, ())
    if found is None and not why:
        why = f"no task like {describe_key(key)} is left in {side.upper()}"
    return found, why


def corrected_of(item: dict[str, Any]) -> str | None:
    """None for the tool's own judgement; the analyst's note ("" when none) for a corrected change or link."""
    return str(item.get("note") or "") if item.get("corrected") else None


@dataclass
class Entry:
    """One correction as the analyst wrote it, with where it sits in the file."""

    kind: str
    index: int  # 1 for the first entry of its kind
    line: int  # line of its [[kind]] header, 0 when unknown
    raw: dict[str, Any]

    @property
    def note(self) -> str:
        """The analyst's note, or an empty string."""
        return str(self.raw.get("note") or "").strip()

    def where(self) -> str:
        """The entry's place for a message: [[pair]] #2 (line 14)."""
        return f"[[{self.kind}]] #{self.index}" + (f" (line {self.line})" if self.line else "")


@dataclass
class CorrectionSet:
    """The entries of one corrections file (or of one pair's table in a batch file)."""

    file: str
    entries: list[Entry] = field(default_factory=list)
