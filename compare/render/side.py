"""The side-by-side reading of A and B: aligned tasks on one row, each figure found in its task's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
_ENDS = "。；！？.;!?”）)"  # a text ending on one of these was not cut
TASK_QUOTE_CHARS = 200  # the engine keeps this much of a task's text


def anchor(kind: str, side: str, ident: Any) -> str:
    """A fragment id safe in HTML and in a URL: place-a-a-t3, task-b-b2.1, app-a-a-t3."""
    return f"{kind}-{side}-{_UNSAFE.sub('_', str(ident))}"


def finished(text: str, whole: str) -> str:
    """The text, with an ellipsis when it is a cut-off start of `whole` (or was cut at a fixed length)."""
    text = str(text or "").strip()
    whole = str(whole or "").strip()
    if not text or text.endswith("…"):
        return text
    at = whole.find(text)
    rest = whole[at + len(text):] if at >= 0 else ""
    return text + "…" if rest.strip().strip(_ENDS).strip() else text


def cut_short(text: str) -> bool:
    """True when a task's text was cut at the engine's length mid-sentence (it then needs an ellipsis)."""
    return len(text) >= TASK_QUOTE_CHARS and not text.rstrip().endswith(_ENDS)


@dataclass
class Span:
    """A figure inside a task's text: where it starts and ends, and the target it is."""

    start: int
    end: int
    target: str


@dataclass
class Line:
    """A run of text with its figures marked: a task's own text, or a figure's quote found outside it."""

    text: str
    spans: list[Span]
    cut: bool = False  # the text was cut by the engine: show an ellipsis after it


@dataclass
class SideTask:
    """One task as shown in the side-by-side view (id "" holds the figures that belong to no task)."""

    side: str
    id: str
    path: str
    lines: list[Line]
    first: bool = True  # the first time this task is shown (it carries the anchors)


@dataclass
class SideRow:
    """A row of the view: A's task (or none) and the B tasks that carry it on (or none)."""

    a: list[SideTask]
    b: list[SideTask]


def _spans(text: str, targets: list[dict[str, Any]]) -> list[Span]:
    """Where each target's figure sits in the text: inside its own quote when the quote is there."""
    out: list[Span] = []
    for t in targets:
        written, quote = str(t.get("written") or ""), str(t.get("quote") or "")
        if not written:
            continue
        base = text.find(quote) if quote else -1
        at = text.find(written, base) if base >= 0 else -1
        if at < 0 or (base >= 0 and at > base + len(quote)):
            at = text.find(written)
        if at >= 0 and not any(s.start < at + len(written) and at < s.end for s in out):
            out.append(Span(at, at + len(written), str(t.get("id"))))
    return sorted(out, key=lambda s: s.start)


def _lines(text: str, targets: list[dict[str, Any]]) -> list[Line]:
    """The task's text with its figures, then each quote whose figure the text does not show (cut off)."""
    head = Line(text, _spans(text, targets), cut_short(text)) if text else None
    found = {s.target for s in head.spans} if head else set()
    rest: dict[str, list[dict[str, Any]]] = {}
    for t in targets:
        if str(t.get("id")) not in found and t.get("quote"):
            rest.setdefault(str(t["quote"]), []).append(t)
    extra = [Line(q, _spans(q, ts)) for q, ts in rest.items()]
    return ([head] if head else []) + [x for x in extra if x.spans]


def _tasks(brief: dict[str, Any], side: str) -> dict[str, SideTask]:
    tasks = [t for t in (brief.get("tasks") or {}).get(side) or [] if isinstance(t, dict)]
    targets = [t for t in (brief.get("targets") or {}).get(side) or [] if isinstance(t, dict)]
    ids = {str(t.get("id")) for t in tasks}
    by_task: dict[str, list[dict[str, Any]]] = {}
    for t in targets:
        by_task.setdefault(str(t.get("task")) if str(t.get("task")) in ids else "", []).append(t)
    out = {}
    for t in tasks:
        tid = str(t.get("id"))
        path = " › ".join(str(p) for p in (t.get("path") or []) if p)
        out[tid] = SideTask(side, tid, path, _lines(str(t.get("quote") or ""), by_task.get(tid, [])))
    loose = _lines("", by_task.get("", []))
    return {"": SideTask(side, "", "", loose), **out} if loose else out


def side_rows(brief: dict[str, Any]) -> list[SideRow]:
    """Every task of A in order, with the B tasks aligned to it; B's unaligned tasks where B has them."""
    ta, tb = _tasks(brief, "a"), _tasks(brief, "b")
    loose = SideRow([ta.pop("")] if "" in ta else [], [tb.pop("")] if "" in tb else [])
    order_b = {tid: i for i, tid in enumerate(tb)}
    pairs: dict[str, list[str]] = {}
    for p in brief.get("alignment") or []:
        if isinstance(p, dict) and str(p.get("a")) in ta and str(p.get("b")) in tb:
            pairs.setdefault(str(p["a"]), []).append(str(p["b"]))
    rows: list[SideRow] = []
    seen: set[str] = set()
    for aid, task in ta.items():
        bs = []
        for bid in sorted(set(pairs.get(aid, [])), key=order_b.__getitem__):
            shown = tb[bid] if bid not in seen else SideTask("b", bid, tb[bid].path, tb[bid].lines, False)
            seen.add(bid)
            bs.append(shown)
        rows.append(SideRow([task], bs))
    for bid in tb:
        if bid not in seen:
            rows.insert(_slot(rows, order_b[bid], order_b), SideRow([], [tb[bid]]))
    return ([loose] if loose.a or loose.b else []) + rows


def _slot(rows: list[SideRow], index: int, order_b: dict[str, int]) -> int:
    """Where a lone B task goes: just after the last row showing a B task that comes before it in B."""
    slot = 0
    for i, row in enumerate(rows):
        if any(order_b[t.id] < index for t in row.b):
            slot = i + 1
    return slot


def places(rows: list[SideRow]) -> dict[tuple[str, str], str]:
    """The fragment id where each figure can be read in the view: its highlight, else its task."""
    out: dict[tuple[str, str], str] = {}
    for row in rows:
        for task in row.a + row.b:
            if not task.first:
                continue
            for line in task.lines:
                for s in line.spans:
                    out.setdefault((task.side, s.target), anchor("place", task.side, s.target))
    return out


def task_places(brief: dict[str, Any]) -> dict[tuple[str, str], str]:
    """The task anchor of every figure that belongs to a task (when its figure is not found in the text)."""
    out = {}
    for side in "ab":
        for t in (brief.get("targets") or {}).get(side) or []:
            if isinstance(t, dict) and t.get("task"):
                out[(side, str(t.get("id")))] = anchor("task", side, t["task"])
    return out
