"""Target timelines: follow each metric across a series of plans, one row per metric, one column per year."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.errors import CompareError, UsageError

SCHEMA = "compare.track/1"
MARKS = {"escalated": "↑", "deescalated": "↓", "unchanged": "=", "rebased": "≈"}
TRACK_SUFFIX = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".pdf": "pdf", ".docx": "docx"}
STEP_TARGET_FIELDS = ("id", "metric", "written", "value", "unit", "basis", "comparator", "stretch", "year",
                      "offset", "quote", "section", "low", "high")


@dataclass
class TrackColumn:
    """One document of the series: its column label, year, title and path."""

    label: str
    year: int | None
    title: str
    path: str


@dataclass
class TrackRow:
    """One metric followed across the series: a figure (or None) per document and a mark between columns."""

    metric: str
    unit: str
    basis: str
    cells: list[dict[str, Any] | None]
    marks: list[str]

    def written(self, i: int) -> str:
        """The figure of column i as written (力争 prefixed to a stretch figure), or ''."""
        return cell_text(self.cells[i])

    @property
    def span(self) -> int:
        """In how many documents the metric has a figure."""
        return sum(c is not None for c in self.cells)


@dataclass
class TrackTable:
    """The timeline of a series: its documents and one row per chain of paired targets."""

    columns: list[TrackColumn]
    rows: list[TrackRow] = field(default_factory=list)

    def keep(self, min_span: int) -> TrackTable:
        """The same timeline with only the rows that have a figure in at least min_span documents."""
        return TrackTable(self.columns, [r for r in self.rows if r.span >= min_span])

    def to_json(self) -> dict[str, Any]:
        """The timeline as JSON (schema compare.track/1)."""
        return {"schema": SCHEMA,
                "documents": [c.__dict__ for c in self.columns],
                "rows": [{"metric": r.metric, "unit": r.unit, "basis": r.basis, "marks": r.marks,
                          "cells": [None if c is None else {k: c.get(k) for k in STEP_TARGET_FIELDS if k in c}
                                    for c in r.cells]} for r in self.rows]}


def cell_text(t: dict[str, Any] | None) -> str:
    """A figure as written, with 力争 in front when it is a stretch figure."""
    if t is None:
        return ""
    text = str(t.get("written") or t.get("value", ""))
    return f"力争{text}" if t.get("stretch") and not text.startswith(("力争", "争取")) else text


def step_of(brief: dict[str, Any]) -> dict[str, Any]:
    """What a timeline needs of a brief: both documents, their targets (kind target), paired changes."""
    def slim(t: dict[str, Any]) -> dict[str, Any]:
        return {k: t[k] for k in STEP_TARGET_FIELDS if k in t}

    docs = brief["documents"]
    return {"documents": {s: {k: docs[s].get(k) for k in ("path", "title", "year")} for s in ("a", "b")},
            "targets": {s: [slim(t) for t in brief["targets"][s] if t.get("kind") == "target"]
                        for s in ("a", "b")},
            "changes": [{"type": c["type"], "a": c["a"], "b": c["b"]} for c in brief["changes"]
                        if c.get("a") and c.get("b")]}


def _figure_key(t: dict[str, Any]) -> tuple[Any, ...]:
    """The same figure seen from two pairs (as B of one, A of the next): its place and wording, not its id."""
    return (t.get("offset"), t.get("written"), t.get("metric"))


def column_labels(docs: list[dict[str, Any]]) -> list[str]:
    """Column labels, each distinct: the year, or the year and file name where years repeat or are unknown.

    Where even those repeat (x/plan.txt and y/plan.txt, plan_2023.txt and plan_2023.md) the label grows by
    the file's extension, then its folder, then a number: no two columns share a label to overwrite.
    """
    years = Counter(d.get("year") for d in docs)
    out = []
    for d in docs:
        y = d.get("year")
        stem = Path(str(d.get("path") or "")).stem
        out.append(str(y) if y and years[y] == 1 else f"{y or '?'} {stem}".strip())
    for widen in (_with_name, _with_folder, _with_number):
        repeated = {lbl for lbl, n in Counter(out).items() if n > 1}
        if not repeated:
            break
        out = [widen(lbl, d, i) if lbl in repeated else lbl
               for i, (lbl, d) in enumerate(zip(out, docs, strict=True))]
    return out


def _with_name(label: str, doc: dict[str, Any], i: int) -> str:
    return f"{doc.get('year') or '?'} {Path(str(doc.get('path') or '')).name}"


def _with_folder(label: str, doc: dict[str, Any], i: int) -> str:
    return f"{label} ({Path(str(doc.get('path') or '')).parent.name or '.'})"


def _with_number(label: str, doc: dict[str, Any], i: int) -> str:
    return f"{label} #{i + 1}"


def build_track(steps: list[dict[str, Any]]) -> TrackTable:
    """Chain the engine's pairings of consecutive documents into rows, one per metric followed.

    steps[i] is the slim brief (step_of) of document i against document i+1. A figure paired with two in the
    next plan (a floor and its 力争 stretch) forks the row: the earlier figure shows in both rows. Where two
    figures pair
    with one later figure, the first keeps the chain and the other's row ends.
    """
    if not steps:
        return TrackTable([])
    docs = [s["documents"]["a"] for s in steps] + [steps[-1]["documents"]["b"]]
    columns = [TrackColumn(lbl, d.get("year"), d.get("title") or "", d.get("path") or "")
               for lbl, d in zip(column_labels(docs), docs, strict=False)]
    n = len(docs)
    figs = [steps[0]["targets"]["a"]] + [s["targets"]["b"] for s in steps]  # each document's figures, once
    rows: list[TrackRow] = []

    def new_row(i: int, t: dict[str, Any]) -> TrackRow:
        row = TrackRow("", "", "", [None] * n, [""] * (n - 1))
        row.cells[i] = t
        rows.append(row)
        return row

    open_rows = {_figure_key(t): new_row(0, t) for t in figs[0]}
    for i, step in enumerate(steps):
        a_by_id = {t["id"]: t for t in step["targets"]["a"]}
        b_by_id = {t["id"]: t for t in step["targets"]["b"]}
        nxt: dict[tuple[Any, ...], TrackRow] = {}
        forks: dict[int, int] = {}
        for c in step["changes"]:
            ta, tb = a_by_id.get(c["a"]), b_by_id.get(c["b"])
            if ta is None or tb is None or _figure_key(tb) in nxt:
                continue
            # this step's A figures are the previous step's B figures: matched by place and wording, not id
            row = open_rows.get(_figure_key(ta))
            if row is None:
                continue
            if row.cells[i + 1] is not None:  # a second partner: a fork placed right after its parent row
                fork = new_row(i, ta)
                rows.pop()  # new_row appended it at the end
                forks[id(row)] = forks.get(id(row), 0) + 1
                rows.insert(rows.index(row) + forks[id(row)], fork)
                row = fork
            row.cells[i + 1] = tb
            row.marks[i] = MARKS.get(c["type"], "?")
            nxt[_figure_key(tb)] = row
        for t in figs[i + 1]:
            if _figure_key(t) not in nxt:
                nxt[_figure_key(t)] = new_row(i + 1, t)
        open_rows = nxt
    for r in rows:
        last = [c for c in r.cells if c is not None]
        names = Counter(c.get("metric", "") for c in last)
        top = max(names.values())
        r.metric = next(c.get("metric", "") for c in reversed(last) if names[c.get("metric", "")] == top)
        r.unit, r.basis = last[-1].get("unit", ""), last[-1].get("basis", "")
    return TrackTable(columns, rows)


def track_series(paths: list[str], known: dict[tuple[str, str], dict[str, Any]] | None = None,
                 strict: bool = False) -> tuple[TrackTable, list[str]]:
    """The timeline of documents in the order given, through the engine (compare_documents on neighbours).

    known maps (A path, B path) to steps already computed by batch workers. A document that cannot be read is
    left
    out (and named in the second value) unless strict, where its error is raised.
    """
    from compare.cache import brief_data, cached_document

    known = known or {}
    good, left_out = [], []
    for p in paths:
        try:
            cached_document(p)
            good.append(p)
        except CompareError as e:
            if strict:
                raise
            left_out.append(e.one_line())
    if len(good) < 2:
        raise UsageError("a timeline needs at least two readable documents", "give two or more plans")
    steps = []
    for a, b in zip(good, good[1:], strict=False):
        step = known.get((os.path.abspath(a), os.path.abspath(b))) or step_of(brief_data(a, b))
        steps.append(step)
    return build_track(steps), left_out


def track_documents(docs: Sequence[str | os.PathLike[str]], keep_order: bool = False) -> TrackTable:
    """The timeline of documents ordered by year (or as given), failing on the first unreadable one."""
    from compare.cache import cached_document

    paths = [str(p) for p in docs]
    if len(paths) < 2:
        raise UsageError("a timeline needs at least two documents",
                         "give two or more plans, e.g. gwr_202*.txt")
    if not keep_order:
        years = {p: cached_document(p).year for p in paths}
        # stable: ties keep the given order
        paths = sorted(paths, key=lambda p: (years[p] is None, years[p] or 0))
    table, _ = track_series(paths, strict=True)
    return table


# ---------------------------------------------------------------- tables

def track_frame(table: TrackTable):  # -> pandas.DataFrame
    """The timeline as a table: metric, unit, basis, then each year's figure with the mark between years."""
    import pandas as pd

    cols = ["metric", "unit", "basis"]
    labels = [c.label for c in table.columns]
    for i, lbl in enumerate(labels):
        cols.append(lbl)
        if i + 1 < len(labels):
            cols.append(f"{lbl}→{labels[i + 1]}")
    recs = []
    for r in table.rows:
        rec: dict[str, Any] = {"metric": r.metric, "unit": r.unit, "basis": r.basis}
        for i, lbl in enumerate(labels):
            rec[lbl] = r.written(i)
            if i + 1 < len(labels):
                rec[f"{lbl}→{labels[i + 1]}"] = r.marks[i]
        recs.append(rec)
    return pd.DataFrame(recs, columns=cols)


def evidence_frame(table: TrackTable):  # -> pandas.DataFrame
    """Every figure of the timeline with its quote and section: the evidence behind each cell."""
    import pandas as pd

    recs = []
    for n, r in enumerate(table.rows, 1):
        for col, c in zip(table.columns, r.cells, strict=False):
            if c is None:
                continue
            recs.append({"row": n, "metric": r.metric, "document": col.label, "figure": cell_text(c),
                         "value": c.get("value"), "unit": c.get("unit"), "basis": c.get("basis"),
                         "section": " › ".join(c.get("section") or []), "quote": c.get("quote", ""),
                         "id": c.get("id")})
    return pd.DataFrame(recs, columns=["row", "metric", "document", "figure", "value", "unit", "basis",
                                       "section",
                                       "quote", "id"])


def _safe(frame):  # -> pandas.DataFrame
    """Neutralise spreadsheet formulas in text cells; the mark columns (only ↑ ↓ = ≈) stay as they are."""
    from compare.render.tables import safe_cell

    out = frame.copy()
    for c in out.columns:
        if "→" not in str(c):
            out[c] = out[c].map(safe_cell)
    return out


def track_format(path: Path) -> str:
    """The output format a timeline file name asks for."""
    fmt = TRACK_SUFFIX.get(Path(path).suffix.lower())
    if fmt is None:
        raise UsageError(f"cannot write a timeline as {Path(path).suffix or 'a file without extension'}",
                         "use .xlsx, .csv, .json, .pdf or .docx")
    return fmt


def write_track(table: TrackTable, path: Path, fmt: str | None = None, *, lang: str | None = None,
                font: Path | None = None) -> None:
    """Write the timeline as XLSX (table, evidence, documents), CSV, JSON or PDF/DOCX with charts; atomic."""
    import pandas as pd

    from compare.outputs import atomic_path

    path = Path(path)
    fmt = fmt or track_format(path)
    if fmt == "csv":
        with atomic_path(path) as tmp:
            _safe(track_frame(table)).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    elif fmt == "xlsx":
        docs = pd.DataFrame([c.__dict__ for c in table.columns], columns=["label", "year", "title", "path"])
        with atomic_path(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            for name, frame in (("track", track_frame(table)), ("evidence", evidence_frame(table)),
                                ("documents", docs)):
                _safe(frame).to_excel(xw, index=False, sheet_name=name)
                ws = xw.sheets[name]
                ws.freeze_panes = "B2" if name == "track" else "A2"
                for col in ws.columns:
                    longest = max((len(str(c.value)) if c.value is not None else 0) for c in col)
                    ws.column_dimensions[col[0].column_letter].width = min(max(6, longest * 1.6 + 2), 50)
    elif fmt == "json":
        from compare.render.json import write_json

        write_json(table.to_json(), path)
    elif fmt in ("pdf", "docx"):
        from compare.render.fonts import font_path
        from compare.render.timeline import render_timeline

        font_file = font_path(font)
        with atomic_path(path) as tmp:
            render_timeline(table, tmp, fmt, lang, font_file)
    else:
        raise UsageError(f"cannot write a timeline as {fmt}", "use xlsx, csv, json, pdf or docx")


def print_track(table: TrackTable) -> None:
    """The timeline as a table in the terminal (metric, then each year's figure with the marks between)."""
    from rich.console import Console
    from rich.table import Table

    from compare.render.terminal import literal

    t = Table(title=f"{len(table.rows)} metrics across {len(table.columns)} documents  (↑ raised ↓ lowered "
                    "= unchanged ≈ rebased)", show_lines=False, pad_edge=False)
    t.add_column("metric", overflow="fold", min_width=8)
    for i, col in enumerate(table.columns):
        t.add_column(literal(col.label), overflow="fold", min_width=4)
        if i + 1 < len(table.columns):
            t.add_column("", no_wrap=True, min_width=1, max_width=1, justify="center")
    for r in table.rows:
        cells = [r.metric]
        for i in range(len(table.columns)):
            cells.append(r.written(i))
            if i + 1 < len(table.columns):
                cells.append(r.marks[i])
        t.add_row(*(literal(c) for c in cells))
    Console().print(t)
