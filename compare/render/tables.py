"""Tabular outputs (CSV, XLSX) through pandas, with spreadsheet-formula injection neutralised."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import UsageError
from compare.outputs import atomic_path

if TYPE_CHECKING:
    import pandas as pd

    from compare.render.registry import BriefOptions

TARGET_COLUMNS = ["id", "metric", "written", "value", "unit", "comparator", "stretch", "basis", "year",
                  "kind", "section", "task", "quote", "notes"]
CHANGE_COLUMNS = ["type", "metric", "a_figure", "b_figure", "ratio", "delta", "qualifiers", "a_section",
                  "b_section", "a_quote", "b_quote", "confidence", "reasons"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell of a frame made safe (DataFrame.map is pandas ≥ 2.1, applymap before it)."""
    return frame.map(safe_cell) if hasattr(frame, "map") else frame.applymap(safe_cell)


def target_rows(targets: list[dict]) -> list[dict]:
    """Flatten target dicts into spreadsheet rows (lists joined, text made safe)."""
    from compare.render.json import reason_text

    rows = []
    for t in targets:
        row = {}
        for c in TARGET_COLUMNS:
            v = t.get(c)
            if c == "notes" and isinstance(v, list):
                v = [reason_text(n).get("text", n.get("code", "")) if isinstance(n, dict) else n for n in v]
            if isinstance(v, list):
                v = " › ".join(map(str, v)) if c == "section" else "; ".join(map(str, v))
            row[c] = safe_cell(v)
        rows.append(row)
    return rows


def change_rows(data: dict, lang: str = "zh") -> list[dict]:
    """One row per change with both figures and quotes, for spreadsheets."""
    from compare.render.labels import load_labels, say

    labels = load_labels(lang)
    ta = {t["id"]: t for t in data["targets"]["a"]}
    tb = {t["id"]: t for t in data["targets"]["b"]}
    rows = []
    for c in data["changes"]:
        a, b = ta.get(c.get("a") or ""), tb.get(c.get("b") or "")
        rows.append({
            "type": c["type"], "metric": c["metric"],
            "a_figure": a["written"] if a else "", "b_figure": b["written"] if b else "",
            "ratio": c.get("ratio"), "delta": c.get("delta"),
            "qualifiers": "; ".join(say(q, labels) for q in c.get("qualifiers", [])),
            "a_section": " › ".join(a["section"]) if a else "",
            "b_section": " › ".join(b["section"]) if b else "",
            "a_quote": a["quote"] if a else "", "b_quote": b["quote"] if b else "",
            "confidence": c.get("confidence"),
            "reasons": "; ".join(say(r, labels) for r in c.get("reasons", [])),
        })
    return rows


def write_table(rows: list[dict], path: Path, columns: list[str] | None = None,
                sheet: str = "targets") -> None:
    """Write rows as CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX, chosen by the extension."""
    import pandas as pd

    frame = _safe_frame(pd.DataFrame(rows, columns=columns))
    suffix = Path(path).suffix.lower()
    with atomic_path(Path(path)) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
        elif suffix == ".xlsx":
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                frame.to_excel(xw, index=False, sheet_name=sheet[:31])
        else:
            raise ValueError(f"unsupported table format: {suffix}")


def write_brief_csv(data: dict, path: Path, options: BriefOptions) -> None:
    """The brief's changes as a CSV (registry writer)."""
    write_table(change_rows(data), path, CHANGE_COLUMNS, sheet="changes")


def write_brief_xlsx(data: dict, path: Path, options: BriefOptions) -> None:
    """The brief as an XLSX with sheets for the changes and each document's targets (registry writer)."""
    import pandas as pd

    with atomic_path(Path(path)) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        for name, rows, cols in (("changes", change_rows(data), CHANGE_COLUMNS),
                                 ("targets A", target_rows(data["targets"]["a"]), TARGET_COLUMNS),
                                 ("targets B", target_rows(data["targets"]["b"]), TARGET_COLUMNS)):
            _safe_frame(pd.DataFrame(rows, columns=cols)).to_excel(xw, index=False, sheet_name=name)


def write_targets(rows: list[dict], document: dict[str, Any], path: Path) -> None:
    """One document's targets (with its path, title, year and hash) as CSV, XLSX or JSON."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        from compare.render.json import write_json

        write_json({"document": document, "targets": rows}, path)
        return
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(f"cannot write targets as {suffix or 'a file without extension'}",
                         "use .csv, .xlsx or .json")
    write_table(target_rows(rows), path, TARGET_COLUMNS)
