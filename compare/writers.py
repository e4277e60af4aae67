"""Dispatch a brief or a target list to the writer for each output format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from compare.errors import UsageError

if TYPE_CHECKING:
    from compare.pipeline import Extraction

EXTENSIONS = {".json": "json", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html",
              ".xlsx": "xlsx", ".csv": "csv"}


def format_of(path: Path) -> str:
    """The output format a file name asks for."""
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UsageError(f"cannot tell the output format of {path}",
                         "use an extension among " + " ".join(sorted(EXTENSIONS)) + " or --format")
    return fmt


def write_brief(data: dict, path: Path, fmt: str, *, lang: str | None = None, template_dir: Path | None = None,
                font: Path | None = None) -> None:
    """Write one brief dict in one format."""
    if fmt == "json":
        from compare.render.json import write_json

        write_json(data, path)
    elif fmt in ("xlsx", "csv"):
        write_brief_tables(data, path)
    else:
        from compare.render import render

        render(data, path, fmt, lang=lang, template_dir=template_dir, font=font)


HEAVY = ("pdf", "docx")  # formats whose layout costs a second or more on a long brief


def write_briefs(data: dict, outputs: list[tuple[Path, str]], *, lang: str | None = None,
                 template_dir: Path | None = None, font: Path | None = None, parallel: bool = True,
                 on_written: Callable[[Path], None] | None = None) -> None:
    """Write one brief in several formats; the slow layouts (PDF, DOCX) run side by side on separate cores.

    `on_written` hears of each output as soon as it is complete, so a later failure still tells the user what
    was written before it.
    """
    import os

    done = on_written or (lambda _path: None)
    heavy = [(p, f) for p, f in outputs if f in HEAVY]
    light = [(p, f) for p, f in outputs if f not in HEAVY]
    kw = {"lang": lang, "template_dir": template_dir, "font": font}
    if parallel and len(heavy) > 1 and (os.cpu_count() or 1) > 1:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in mp.get_all_start_methods() else None
        with ProcessPoolExecutor(len(heavy), mp_context=mp.get_context(method)) as pool:
            jobs = [(p, pool.submit(write_brief, data, p, f, **kw)) for p, f in heavy]
            for p, f in light:
                write_brief(data, p, f, **kw)
                done(p)
            for p, job in jobs:
                job.result()  # re-raises a worker's error here, with its exit code
                done(p)
        return
    for p, f in outputs:
        write_brief(data, p, f, **kw)
        done(p)


CHANGE_COLUMNS = ["type", "metric", "a_figure", "b_figure", "ratio", "delta", "qualifiers", "a_section",
                  "b_section", "a_quote", "b_quote", "confidence", "reasons"]


def change_rows(data: dict, lang: str = "zh") -> list[dict]:
    """One row per change with both figures and quotes, for spreadsheets."""
    from compare.reasons import say
    from compare.render.labels import load_labels

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
            "a_section": " › ".join(a["section"]) if a else "", "b_section": " › ".join(b["section"]) if b else "",
            "a_quote": a["quote"] if a else "", "b_quote": b["quote"] if b else "",
            "confidence": c.get("confidence"), "reasons": "; ".join(say(r, labels) for r in c.get("reasons", [])),
        })
    return rows


def write_brief_tables(data: dict, path: Path) -> None:
    """The brief's changes as a CSV, or as an XLSX with sheets for changes and each document's targets."""
    from compare.render.tables import TARGET_COLUMNS, safe_cell, target_rows, write_table

    if Path(path).suffix.lower() == ".csv":
        write_table(change_rows(data), path, CHANGE_COLUMNS, sheet="changes")
        return
    import pandas as pd

    from compare.outputs import atomic_path

    with atomic_path(Path(path)) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        for name, rows, cols in (("changes", change_rows(data), CHANGE_COLUMNS),
                                 ("targets A", target_rows(data["targets"]["a"]), TARGET_COLUMNS),
                                 ("targets B", target_rows(data["targets"]["b"]), TARGET_COLUMNS)):
            frame = pd.DataFrame(rows, columns=cols)
            frame = frame.map(safe_cell)
            frame.to_excel(xw, index=False, sheet_name=name)


def write_targets(rows: list[dict], ex: Extraction, path: Path) -> None:
    """One document's targets as CSV, XLSX or JSON."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        from compare.render.json import write_json

        d = ex.document
        write_json({"document": {"path": d.path, "title": d.title, "year": d.year, "sha256": d.sha256},
                    "targets": rows}, path)
        return
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(f"cannot write targets as {suffix or 'a file without extension'}",
                         "use .csv, .xlsx or .json")
    from compare.render.tables import TARGET_COLUMNS, target_rows, write_table

    write_table(target_rows(rows), path, TARGET_COLUMNS)


def print_targets(ex: Extraction) -> None:
    """A readable table of one document's targets in the terminal."""
    from rich.console import Console
    from rich.table import Table

    d = ex.document
    table = Table(title=f"{d.title} ({d.year or 'year unknown'}): {len(ex.targets)} figures", show_lines=False)
    for col in ("metric", "as written", "value", "unit", "cmp", "basis", "year", "kind", "section"):
        table.add_column(col, overflow="fold", min_width=12 if col in ("metric", "section") else None)
    for t in ex.targets:
        table.add_row(t.metric, t.written, f"{t.value:g}", t.unit, t.comparator + (" 力争" if t.stretch else ""),
                      t.basis, str(t.year or ""), t.kind, " › ".join(t.section[-1:]))
    console = Console()
    if not console.is_terminal:
        console = Console(width=200)
    console.print(table)


def summary_text(data: dict) -> str:
    """A few lines for the terminal when no --out is given."""
    docs, s = data["documents"], data["summary"]
    c = s["changes"]
    lines = [f"A: {docs['a']['title']} ({docs['a']['year']})", f"B: {docs['b']['title']} ({docs['b']['year']})",
             f"tasks {s['tasks']['a']} → {s['tasks']['b']}, aligned pairs {len(data['alignment'])}",
             f"targets {s['targets']['a']} → {s['targets']['b']}: " + ", ".join(f"{k} {v}" for k, v in c.items())]
    return "\n".join(lines)
