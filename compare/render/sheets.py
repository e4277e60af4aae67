"""The brief as rows for spreadsheets (XLSX, CSV), in the brief's language: summary, changes, targets."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import UsageError
from compare.render.labels import Labels, say

if TYPE_CHECKING:
    from compare.render.registry import BriefOptions

CHANGE_TYPES = ("escalated", "deescalated", "rebased", "unchanged", "new", "dropped")
CHANGE_KEYS = ("type", "metric", "a_figure", "b_figure", "a_value", "b_value", "unit", "ratio", "delta",
               "qualifiers", "a_section", "b_section", "a_quote", "b_quote", "certainty", "reasons",
               "corrected")
TARGET_KEYS = ("id", "metric", "written", "value", "unit", "comparator", "stretch", "basis", "year", "kind",
               "section", "task", "quote", "notes")
# columns of long text: wide, wrapped in a spreadsheet
WIDE = frozenset({"a_quote", "b_quote", "quote", "reasons", "notes", "qualifiers", "a_section", "b_section",
                  "section", "corrected"})
NUMBERS = frozenset({"a_value", "b_value", "ratio", "delta", "value", "year"})


@dataclass(frozen=True)
class Sheet:
    """One table: its name, its column keys and headings, and its rows of plain values."""

    name: str
    keys: tuple[str, ...]
    headings: tuple[str, ...]
    rows: list[list[Any]]


def _number(value: Any) -> float | int | None:
    """A finite number as itself (whole numbers as int), anything else as None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


def _join(values: Any, sep: str) -> str:
    if isinstance(values, list):
        return sep.join(str(v) for v in values if v not in (None, ""))
    return str(values or "")


def certainty(confidence: Any, L: Labels) -> str:
    """A change's confidence as a word; a doubtful one tells the reader to check the quotes."""
    c = float(confidence) if isinstance(confidence, (int, float)) else 1.0
    return L("certainty.high") if c >= 0.8 else L("certainty.medium") if c >= 0.6 else L("certainty.low")


def _change_row(c: dict[str, Any], a: dict[str, Any] | None, b: dict[str, Any] | None,
                L: Labels) -> list[Any]:
    sep = L("brief.list_sep")
    ranked = c.get("type") in ("escalated", "deescalated", "unchanged")
    row = {
        "type": L(f"types.{c.get('type')}", str(c.get("type", ""))), "metric": str(c.get("metric", "")),
        "a_figure": (a or {}).get("written", ""), "b_figure": (b or {}).get("written", ""),
        "a_value": _number((a or {}).get("value")), "b_value": _number((b or {}).get("value")),
        "unit": (a or b or {}).get("unit", ""),
        "ratio": _number(c.get("ratio")) if ranked else None,
        "delta": _number(c.get("delta")) if ranked else None,
        "qualifiers": sep.join(say(q, L) for q in c.get("qualifiers") or []),
        "a_section": _join((a or {}).get("section"), " › "),
        "b_section": _join((b or {}).get("section"), " › "),
        "a_quote": (a or {}).get("quote", ""), "b_quote": (b or {}).get("quote", ""),
        "certainty": certainty(c.get("confidence"), L),
        "reasons": sep.join(say(r, L) for r in c.get("reasons") or []),
        "corrected": _corrected(c, L),
    }
    return [row[k] for k in CHANGE_KEYS]


def _corrected(c: dict[str, Any], L: Labels) -> str:
    """校正 (with the analyst's note) for a change an analyst corrected, else empty."""
    if not c.get("corrected"):
        return ""
    return L.fmt("corrections.mark_note", note=c["note"]) if c.get("note") else L("corrections.mark")


def change_sheet(data: dict[str, Any], L: Labels) -> Sheet:
    """One row per change, grouped by kind as in the brief: both figures (text and number), both quotes."""
    ta = {t.get("id"): t for t in (data.get("targets") or {}).get("a") or []}
    tb = {t.get("id"): t for t in (data.get("targets") or {}).get("b") or []}
    rank = {t: i for i, t in enumerate(CHANGE_TYPES)}
    changes = sorted(data.get("changes") or [], key=lambda c: rank.get(c.get("type"), len(rank)))
    rows = [_change_row(c, ta.get(c.get("a")), tb.get(c.get("b")), L) for c in changes]
    return Sheet(L("sheet.changes"), CHANGE_KEYS, tuple(L(f"table.{k}") for k in CHANGE_KEYS), rows)


def _target_row(t: dict[str, Any], L: Labels) -> list[Any]:
    cmp = str(t.get("comparator", ""))
    row = {
        "id": t.get("id", ""), "metric": t.get("metric", ""), "written": t.get("written", ""),
        "value": _number(t.get("value")), "unit": t.get("unit", ""),
        "comparator": L(f"comparator.{cmp}", cmp).strip() if cmp else "",
        "stretch": L("table.yes") if t.get("stretch") else "",
        "basis": L(f"basis.{t.get('basis')}", str(t.get("basis") or "")) if t.get("basis") else "",
        "year": _number(t.get("year")), "kind": L(f"kind.{t.get('kind')}", str(t.get("kind") or "")),
        "section": _join(t.get("section"), " › "), "task": t.get("task") or "", "quote": t.get("quote", ""),
        "notes": L("brief.list_sep").join(say(n, L) for n in t.get("notes") or []),
    }
    return [row[k] for k in TARGET_KEYS]


def target_sheet(targets: list[dict[str, Any]], L: Labels, name: str) -> Sheet:
    """One row per figure of a document: as written, as a number, its words and its quote."""
    rows = [_target_row(t, L) for t in targets if isinstance(t, dict)]
    return Sheet(name, TARGET_KEYS, tuple(L(f"table.{k}") for k in TARGET_KEYS), rows)


def summary_sheet(data: dict[str, Any], L: Labels) -> Sheet:
    """The documents and how many changes of each kind, as a small two-column table."""
    docs = data.get("documents") or {}
    counts = (data.get("summary") or {}).get("changes") or {}
    targets = data.get("targets") or {}
    rows: list[list[Any]] = []
    for side in "ab":
        d = docs.get(side) or {}
        title = d.get("title") or d.get("path") or side.upper()
        rows.append([L(f"brief.doc_{side}"), f"{title}（{d['year']}）" if L.lang == "zh" and d.get("year")
                     else f"{title} ({d['year']})" if d.get("year") else title])
    for side in "ab":
        n = sum(1 for t in targets.get(side) or [] if t.get("kind", "target") == "target")
        rows.append([L(f"sheet.targets_{side}_count"), n])
    rows += [[L(f"types.{t}"), int(counts.get(t) or 0)] for t in CHANGE_TYPES]
    return Sheet(L("sheet.summary"), ("item", "count"), (L("sheet.item"), L("sheet.count")), rows)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def brief_labels(data: dict[str, Any], options: BriefOptions) -> Labels:
    """The labels a brief is written in: --lang, else the documents' own language."""
    from compare.render import brief_language
    from compare.render.labels import load_labels

    if options.template_dir is not None and not Path(options.template_dir).is_dir():
        raise UsageError(f"template folder not found: {options.template_dir}",
                         "copy the templates/ folder and point at it")
    return load_labels((options.lang or brief_language(data)).lower(), options.template_dir)
