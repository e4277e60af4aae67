"""A word-level redline of B's clause against A's: equal, delete and insert runs, the moved figures marked.

Structured as houfu/redlines does it: tokenize both texts, let difflib.SequenceMatcher find the opcodes
over the tokens, and write a `replace` as a deletion followed by an insertion. Tokens are rjieba words,
with a figure and its multiplier (`1.6万亿`, `5%`, `240`) kept as one token so a moved figure is one edit.
"""

from __future__ import annotations

import difflib
import re
from html import escape
from typing import Any

Op = dict[str, Any]  # {"op": "equal"|"delete"|"insert", "text": str, "figure": bool (only when True)}
ELLIPSIS = "…"
_FIGURE = re.compile(r"[0-9０-９.．%％]|^[万亿千百十]+$|^[—\-~～]$")
_DIGIT = re.compile(r"[0-9０-９]")


def tokens(text: str) -> list[str]:
    """The words of text, a figure (digits, point, %, 万/亿, a range dash) kept together as one token."""
    import rjieba

    out: list[str] = []
    for w in rjieba.cut(text):
        if out and _FIGURE.search(w) and _DIGIT.search(out[-1]) and _fig_like(out[-1]) and _fig_like(w):
            out[-1] += w
        else:
            out.append(w)
    return out


def _fig_like(word: str) -> bool:
    return all(_FIGURE.search(ch) or ch in "万亿千百十" for ch in word)


def redline(a: str, b: str) -> list[Op]:
    """B against A as ops; a replaced run is a deletion then an insertion; moved figures carry figure=True."""
    ta, tb = tokens(a or ""), tokens(b or "")
    ops: list[Op] = []
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(ops, "equal", ta[i1:i2])
            continue
        if tag in ("delete", "replace"):
            _add(ops, "delete", ta[i1:i2])
        if tag in ("insert", "replace"):
            _add(ops, "insert", tb[j1:j2])
    return ops


def _add(ops: list[Op], kind: str, words: list[str]) -> None:
    """Append words as ops of one kind; in an edit, a figure is its own op marked figure=True."""
    for w in words:
        figure = kind != "equal" and bool(_DIGIT.search(w))
        if ops and ops[-1]["op"] == kind and bool(ops[-1].get("figure")) == figure:
            ops[-1]["text"] += w
        else:
            ops.append({"op": kind, "text": w, **({"figure": True} if figure else {})})


def window(ops: list[Op], context: int = 12) -> list[Op]:
    """The ops with long unchanged stretches cut to `context` characters around each edit, marked by …."""
    if all(op["op"] == "equal" for op in ops):
        return [dict(op) for op in ops]
    out: list[Op] = []
    last = len(ops) - 1
    for i, op in enumerate(ops):
        text = op["text"]
        if op["op"] == "equal":
            head, tail = (0 if i == 0 else context), (0 if i == last else context)
            if len(text) > head + tail + 1:
                text = (text[:head] + ELLIPSIS if head else ELLIPSIS) + (text[-tail:] if tail else "")
        out.append({**op, "text": text})
    return out


def side(ops: list[Op], which: str) -> str:
    """A's text (which="a": equal + delete) or B's (which="b": equal + insert) back out of the ops."""
    keep = {"a": ("equal", "delete"), "b": ("equal", "insert")}[which]
    return "".join(op["text"] for op in ops if op["op"] in keep)


def changed(ops: list[Op]) -> bool:
    """Whether the two texts differ at all."""
    return any(op["op"] != "equal" for op in ops)


def redline_html(ops: list[Op]) -> str:
    """The ops as inert HTML: <del> for deletions, <ins> for insertions, <mark> around a moved figure."""
    out = []
    for op in ops:
        text = escape(op["text"], quote=True)
        if op.get("figure"):
            text = f"<mark>{text}</mark>"
        out.append({"delete": f"<del>{text}</del>", "insert": f"<ins>{text}</ins>"}.get(op["op"], text))
    return '<span class="redline">' + "".join(out) + "</span>"


def cap(ops: list[Op], limit: int) -> list[Op]:
    """The ops cut to about `limit` characters in all, the cut marked by …."""
    out: list[Op] = []
    used = 0
    for op in ops:
        if used + len(op["text"]) > limit:
            room = max(limit - used, 1)
            out.append({**op, "text": op["text"][:room]})
            out.append({"op": "equal", "text": ELLIPSIS})
            break
        out.append(op)
        used += len(op["text"])
    return out


def overlap(ops: list[Op]) -> float:
    """The share of the shorter text that both keep: below about a half a redline is mostly noise."""
    kept = sum(len(op["text"]) for op in ops if op["op"] == "equal")
    shorter = min(len(side(ops, "a")), len(side(ops, "b")))
    return kept / shorter if shorter else 0.0
