"""Tabular outputs: the CSV brief, a document's target list, and the spreadsheet-formula guard they share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import UsageError
from compare.outputs import atomic_path
from compare.render.sheets import brief_labels, safe_cell  # noqa: F401  (re-exported for track and batch)

if TYPE_CHECKING:
    from compare.render.registry import BriefOptions
    from compare.render.sheets import Sheet

def write_csv(sheet: Sheet, path: Path) -> None:
    """One sheet as CSV: UTF-8 with a BOM (so Excel reads Chinese), headings first, no cell a formula."""
    import pandas as pd

    rows = [[v if v is None or isinstance(v, (int, float)) else safe_cell(str(v)) for v in row]
            for row in sheet.rows]
    frame = pd.DataFrame(rows, columns=list(sheet.headings), dtype=object)  # object: 50000 stays 50000
    with atomic_path(Path(path)) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")


def write_brief_csv(data: dict, path: Path, options: BriefOptions) -> None:
    """The brief's changes as a CSV in the brief's language (registry writer)."""
    from compare.render.sheets import change_sheet

    write_csv(change_sheet(data, brief_labels(data, options)), path)


def write_targets(rows: list[dict], document: dict[str, Any], path: Path, lang: str | None = None) -> None:
    """One document's targets (with its path, title, year and hash) as CSV, XLSX or JSON.

    CSV and XLSX speak the document's language (or `lang`): headings, comparators and bases as words.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        from compare.render.json import write_json

        write_json({"document": document, "targets": rows}, path)
        return
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(f"cannot write targets as {suffix or 'a file without extension'}",
                         "use .csv, .xlsx or .json")
    from compare.render.labels import load_labels
    from compare.render.sheets import target_sheet

    language = lang or ("zh" if str(document.get("language") or "zh").lower().startswith("zh") else "en")
    L = load_labels(language)
    sheet = target_sheet(rows, L, L("sheet.targets"))
    if suffix == ".csv":
        write_csv(sheet, path)
    else:
        from compare.render.xlsx import write_sheets

        write_sheets([sheet], path)
