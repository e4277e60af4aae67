"""The brief as an XLSX workbook: a summary sheet, the changes and both target lists, ready to filter."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.outputs import atomic_path
from compare.render.sheets import NUMBERS, WIDE, Sheet, change_sheet, safe_cell, summary_sheet, target_sheet

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from compare.render.registry import BriefOptions

MAX_WIDTH = 60  # characters; longer text wraps
WIDE_WIDTH = 48


def text_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: two for a Chinese character, one for a Latin one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _widths(sheet: Sheet) -> list[int]:
    out: list[int] = []
    for i, key in enumerate(sheet.keys):
        longest = max([text_width(sheet.headings[i])] + [text_width(_shown(r[i])) for r in sheet.rows[:500]])
        out.append(min(WIDE_WIDTH if key in WIDE else MAX_WIDTH, max(8, longest + 2)))
    return out


def _shown(value: Any) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _number_format(key: str, value: Any) -> str:
    """Whole numbers in full with thousands separators (never 1.4E+13), years plain, others as they are."""
    if key == "year" or not isinstance(value, int):
        return "0" if key == "year" else "General"
    return "#,##0" if abs(value) >= 100_000 else "0"


def _fill(ws: Worksheet, sheet: Sheet) -> None:
    """Headings in bold, frozen; every column filterable and sized; numbers as numbers, text made inert."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(list(sheet.headings))
    for row in sheet.rows:
        ws.append([v if isinstance(v, (int, float)) else safe_cell("" if v is None else str(v)) for v in row])
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.font = bold
    for i, (key, width) in enumerate(zip(sheet.keys, _widths(sheet), strict=True), start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        if key in WIDE:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = wrap
        elif key in NUMBERS:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = _number_format(key, cell.value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.keys))}{max(1, len(sheet.rows) + 1)}"


def write_sheets(sheets: list[Sheet], path: Path) -> None:
    """Write the sheets as one workbook, atomically."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _fill(wb.create_sheet(_sheet_title(sheet.name)), sheet)
    with atomic_path(Path(path)) as tmp:
        wb.save(tmp)


def _sheet_title(name: str) -> str:
    """A legal sheet title: at most 31 characters, none of []:*?/\\."""
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "sheet"


def write_brief_xlsx(data: dict[str, Any], path: Path, options: BriefOptions) -> None:
    """The brief as an XLSX (registry writer): summary, changes and both target lists, in its language."""
    from compare.render.sheets import brief_labels

    L = brief_labels(data, options)
    targets = data.get("targets") or {}
    write_sheets([summary_sheet(data, L), change_sheet(data, L),
                  target_sheet(targets.get("a") or [], L, L("sheet.targets_a")),
                  target_sheet(targets.get("b") or [], L, L("sheet.targets_b"))], path)
