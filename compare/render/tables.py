"""Tabular outputs (CSV, XLSX) through pandas, with spreadsheet-formula injection neutralised."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from compare.outputs import atomic_path

TARGET_COLUMNS = ["id", "metric", "written", "value", "unit", "comparator", "stretch", "basis", "year", "kind",
                  "section", "task", "quote", "notes"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def target_rows(targets: list[dict]) -> list[dict]:
    """Flatten target dicts into spreadsheet rows (lists joined, text made safe)."""
    rows = []
    for t in targets:
        row = {}
        for c in TARGET_COLUMNS:
            v = t.get(c)
            if c == "notes" and isinstance(v, list):
                v = [n.get("text", n.get("code", "")) if isinstance(n, dict) else n for n in v]
            if isinstance(v, list):
                v = " › ".join(map(str, v)) if c == "section" else "; ".join(map(str, v))
            row[c] = safe_cell(v)
        rows.append(row)
    return rows


def write_table(rows: list[dict], path: Path, columns: list[str] | None = None, sheet: str = "targets") -> None:
    """Write rows as CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX, chosen by the extension."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.map(safe_cell) if hasattr(frame, "map") else frame.applymap(safe_cell)
    suffix = Path(path).suffix.lower()
    with atomic_path(Path(path)) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
        elif suffix == ".xlsx":
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                frame.to_excel(xw, index=False, sheet_name=sheet[:31])
        else:
            raise ValueError(f"unsupported table format: {suffix}")
