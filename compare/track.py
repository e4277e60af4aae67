"""Target timelines: follow each metric across a series of plans, one row per metric, one column per year."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.errors import CompareError, UsageError

SCHEMA = "compare.track/1"
MARKS = {"escalated": "↑", "deescalated": "↓", "unchanged": "=", "rebased": "≈"}
TRACK_SUFFIX = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".pdf": "pdf", ".docx": "docx"}
STEP_TARGET_FIELDS = ("id", "metric", "written", "value", "unit", "basis", "comparator", "stretch", "year",
                      "offset", "quote", "section", "low", "high")
LABELS = {
    "zh": {"title": "指标时间线", "documents": "文件", "metric": "指标", "unit": "单位", "basis": "口径",
           "legend": "↑ 提高  ↓ 降低  = 不变  ≈ 口径或单位改变（不可直接比较）；空白：该年无对应目标",
           "chart": "贯穿多年的指标", "table": "全部指标", "none": "没有可跟踪的目标。",
           "more": "（另有 {n} 项指标见下表）"},
    "en": {"title": "Target timeline", "documents": "Documents", "metric": "metric", "unit": "unit",
           "basis": "basis", "legend": "↑ raised  ↓ lowered  = unchanged  ≈ rebased (unit or basis changed); "
           "blank: no matching target that year", "chart": "Metrics followed across years",
           "table": "All metrics", "none": "No targets to follow.", "more": "({n} more metrics in the table below)"},
}


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
    """The part of a brief a timeline needs: both documents, their targets (kind target) and paired changes."""
    def slim(t: dict[str, Any]) -> dict[str, Any]:
        return {k: t[k] for k in STEP_TARGET_FIELDS if k in t}

    docs = brief["documents"]
    return {"documents": {s: {k: docs[s].get(k) for k in ("path", "title", "year")} for s in ("a", "b")},
            "targets": {s: [slim(t) for t in brief["targets"][s] if t.get("kind") == "target"] for s in ("a", "b")},
            "changes": [{"type": c["type"], "a": c["a"], "b": c["b"]} for c in brief["changes"]
                        if c.get("a") and c.get("b")]}


def _figure_key(t: dict[str, Any]) -> tuple[Any, ...]:
    """The same figure seen from two pairs (as B of one, A of the next): its place and wording, not its id."""
    return (t.get("offset"), t.get("written"), t.get("metric"))


def column_labels(docs: list[dict[str, Any]]) -> list[str]:
    """Column labels: the year, or the year and file name where years repeat or are unknown."""
    years = Counter(d.get("year") for d in docs)
    out = []
    for d in docs:
        y = d.get("year")
        stem = Path(str(d.get("path") or "")).stem
        out.append(str(y) if y and years[y] == 1 else f"{y or '?'} {stem}".strip())
    return out


def build_track(steps: list[dict[str, Any]]) -> TrackTable:
    """Chain the engine's pairings of consecutive documents into rows, one per metric followed.

    steps[i] is the slim brief (step_of) of document i against document i+1. A figure paired with two in the next
    plan (a floor and its 力争 stretch) forks the row: the earlier figure shows in both rows. Where two figures pair
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
    """The timeline of documents in the order given, through the engine (compare_documents on each neighbour pair).

    known maps (A path, B path) to steps already computed by batch workers. A document that cannot be read is left
    out (and named in the second value) unless strict, where its error is raised.
    """
    from compare.batch import brief_data, cached_document

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


def track_documents(paths: list[str | os.PathLike[str]], keep_order: bool = False) -> TrackTable:
    """The timeline of documents ordered by year (or as given), failing on the first unreadable one."""
    from compare.batch import cached_document

    paths = [str(p) for p in paths]
    if len(paths) < 2:
        raise UsageError("a timeline needs at least two documents", "give two or more plans, e.g. gwr_202*.txt")
    if not keep_order:
        years = {p: cached_document(p).year for p in paths}
        paths = sorted(paths, key=lambda p: (years[p] is None, years[p] or 0))  # stable: ties keep the given order
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
    return pd.DataFrame(recs, columns=["row", "metric", "document", "figure", "value", "unit", "basis", "section",
                                       "quote", "id"])


def _safe(frame):  # -> pandas.DataFrame
    """Neutralise spreadsheet formulas in text cells; the mark columns hold only ↑ ↓ = ≈ and stay as they are."""
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
    """Write the timeline as XLSX (table, evidence, documents), CSV, JSON, or a PDF/DOCX with a chart; atomically."""
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

        font_file = font_path(font)
        labels = LABELS.get((lang or "zh").lower(), LABELS["zh"])
        with atomic_path(path) as tmp:
            (_pdf if fmt == "pdf" else _docx)(table, tmp, labels, font_file)
    else:
        raise UsageError(f"cannot write a timeline as {fmt}", "use xlsx, csv, json, pdf or docx")


def print_track(table: TrackTable) -> None:
    """The timeline as a table in the terminal (metric, then each year's figure with the marks between)."""
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{len(table.rows)} metrics across {len(table.columns)} documents  (↑ raised ↓ lowered "
                    "= unchanged ≈ rebased)", show_lines=False, pad_edge=False)
    t.add_column("metric", overflow="fold", min_width=8)
    for i, col in enumerate(table.columns):
        t.add_column(col.label, overflow="fold", min_width=4)
        if i + 1 < len(table.columns):
            t.add_column("", no_wrap=True, min_width=1, max_width=1, justify="center")
    for r in table.rows:
        cells = [r.metric]
        for i in range(len(table.columns)):
            cells.append(r.written(i))
            if i + 1 < len(table.columns):
                cells.append(r.marks[i])
        t.add_row(*cells)
    Console().print(t)


# ---------------------------------------------------------------- chart and documents

CHART_W, CHART_H = 250.0, 118.0


def chart_rows(table: TrackTable, limit: int = 12) -> list[TrackRow]:
    """Rows worth a small chart: a figure in most documents, all in one unit and basis (figures that rank)."""
    need = max(2, min(3, len(table.columns)))
    ok = []
    for r in table.rows:
        cells = [c for c in r.cells if c is not None]
        if len(cells) >= need and len({(c.get("unit"), c.get("basis")) for c in cells}) == 1:
            ok.append(r)
    ok.sort(key=lambda r: -r.span)  # stable: long series first, then in document order
    return ok[:limit]


def small_chart(row: TrackRow, columns: list[TrackColumn], font: str, width: float = CHART_W,
                height: float = CHART_H):  # -> reportlab Drawing
    """A small line chart of one metric: a point per year labelled with the figure as written, marks between."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
    from reportlab.lib import colors

    d = Drawing(width, height)
    grey, dark = colors.HexColor("#bbbbbb"), colors.HexColor("#333333")
    d.add(Rect(0.5, 0.5, width - 1, height - 1, fillColor=None, strokeColor=grey, strokeWidth=0.5))
    d.add(String(6, height - 13, _clip(row.metric, 26), fontName=font, fontSize=8.5, fillColor=dark))
    x0, x1, y0, y1 = 32.0, width - 32.0, 36.0, height - 34.0
    n = len(columns)
    xs = [x0 + (x1 - x0) * i / max(n - 1, 1) for i in range(n)]
    vals = [float(c["value"]) if c is not None and c.get("value") is not None else None for c in row.cells]
    nums = [v for v in vals if v is not None]
    lo, hi = min(nums), max(nums)

    def y(v: float) -> float:
        return y0 + (y1 - y0) * ((v - lo) / (hi - lo) if hi != lo else 0.5)

    d.add(Line(x0 - 14, 20, x1 + 14, 20, strokeColor=grey, strokeWidth=0.5))
    for i, col in enumerate(columns):  # the years along the axis, the change marks between them
        d.add(String(xs[i], 8, _clip(col.label, 10), fontName=font, fontSize=7, textAnchor="middle", fillColor=dark))
        if i + 1 < n and row.marks[i]:
            d.add(String((xs[i] + xs[i + 1]) / 2, 8, row.marks[i], fontName=font, fontSize=8.5, textAnchor="middle",
                         fillColor=colors.HexColor("#555555")))
    idx = [i for i, v in enumerate(vals) if v is not None]
    for ia, ib in zip(idx, idx[1:], strict=False):
        d.add(Line(xs[ia], y(vals[ia]), xs[ib], y(vals[ib]), strokeColor=dark, strokeWidth=1.2,
                   strokeDashArray=None if ib == ia + 1 else [2, 2]))
    for k, i in enumerate(idx):
        px, py = xs[i], y(vals[i])
        d.add(Circle(px, py, 2.4, fillColor=dark, strokeColor=dark, strokeWidth=0.5))
        near = [vals[j] for j in idx[max(k - 1, 0):k + 2] if j != i]
        below = bool(near) and all(v > vals[i] for v in near)  # a dip: label under the point, clear of the lines
        d.add(String(px, py - 10 if below else py + 6, _clip(row.written(i), 12), fontName=font, fontSize=7,
                     textAnchor="middle", fillColor=dark))
    return d


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _doc_lines(table: TrackTable) -> list[str]:
    return [f"{c.label}: {c.title} ({Path(c.path).name})" for c in table.columns]


def _pdf(table: TrackTable, out: Path, L: dict[str, str], font_file: Path) -> None:
    """A landscape PDF: the documents, small charts of the metrics followed longest, then the whole table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from compare.render.fonts import register

    font = register(font_file)
    body = ParagraphStyle("b", fontName=font, fontSize=8.5, leading=11.5, wordWrap="CJK")
    h1 = ParagraphStyle("h1", parent=body, fontSize=15, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=body, fontSize=11, leading=15, spaceBefore=8, spaceAfter=4)
    cell = ParagraphStyle("c", parent=body, fontSize=7.5, leading=9.5)
    page = landscape(A4)
    doc = SimpleDocTemplate(str(out), pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                            bottomMargin=12 * mm, title=L["title"], author="compare")
    width = page[0] - 24 * mm
    story: list[Any] = [Paragraph(L["title"], h1)]
    story += [Paragraph(_esc(line), body) for line in _doc_lines(table)]
    story.append(Paragraph(L["legend"], body))
    if not table.rows:
        story.append(Paragraph(L["none"], body))
    charts = chart_rows(table)
    if charts:
        story.append(Paragraph(L["chart"], h2))
        per = max(1, int(width // (CHART_W + 6)))
        grid = [[small_chart(r, table.columns, font) for r in charts[i:i + per]] for i in range(0, len(charts), per)]
        grid = [g + [""] * (per - len(g)) for g in grid]
        story.append(Table(grid, colWidths=[CHART_W + 6] * per, hAlign="LEFT"))
        extra = sum(1 for r in table.rows if r.span >= 2) - len(charts)
        if extra > 0:
            story.append(Paragraph(L["more"].format(n=extra), body))
    if table.rows:
        story.append(Paragraph(L["table"], h2))
        frame = track_frame(table)
        header = [L["metric"], L["unit"]] + ["" if "→" in str(c) else str(c) for c in frame.columns[3:]]
        data = [[Paragraph(_esc(h), cell) for h in header]]
        for rec in frame.itertuples(index=False):
            vals = list(rec)
            data.append([Paragraph(_esc(str(v)), cell) for v in [vals[0], vals[1], *vals[3:]]])
        ndocs = len(table.columns)
        mark_w, unit_w, metric_w = 9 * mm, 12 * mm, 52 * mm
        year_w = max((width - metric_w - unit_w - mark_w * (ndocs - 1)) / ndocs, 14 * mm)
        widths = [metric_w, unit_w] + [w for i in range(ndocs) for w in ([year_w, mark_w] if i < ndocs - 1
                                                                          else [year_w])]
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
        story += [Spacer(1, 2), t]
    doc.build(story)


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _docx(table: TrackTable, out: Path, L: dict[str, str], font_file: Path) -> None:
    """A landscape DOCX: the documents, the small charts as one picture, then the whole table."""
    import io

    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    from compare.render.chart import to_png
    from compare.render.docx import east_asian
    from compare.render.fonts import register

    doc = Document()
    east_asian(doc)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(12))
    doc.core_properties.title = L["title"]
    doc.core_properties.author = "compare"
    doc.add_heading(L["title"], level=1)
    for line in _doc_lines(table):
        doc.add_paragraph(line)
    doc.add_paragraph(L["legend"])
    charts = chart_rows(table)
    if charts:
        from reportlab.graphics.shapes import Drawing

        doc.add_heading(L["chart"], level=2)
        font = register(font_file)
        per = 3
        nrow = (len(charts) + per - 1) // per
        sheet = Drawing(per * (CHART_W + 6), nrow * (CHART_H + 6))
        for k, r in enumerate(charts):
            g = small_chart(r, table.columns, font)
            dx, dy = (k % per) * (CHART_W + 6), (nrow - 1 - k // per) * (CHART_H + 6)
            for s in g.contents:
                _shift(s, dx, dy)
                sheet.add(s)
        doc.add_picture(io.BytesIO(to_png(sheet, font_file)), width=Mm(min(273, per * 90)))
    if not table.rows:
        doc.add_paragraph(L["none"])
        doc.save(str(out))
        return
    doc.add_heading(L["table"], level=2)
    frame = track_frame(table)
    header = [L["metric"], L["unit"]] + ["" if "→" in str(c) else str(c) for c in frame.columns[3:]]
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, header, strict=False):
        c.text = h
    for rec in frame.itertuples(index=False):
        vals = list(rec)
        cells = t.add_row().cells
        for c, v in zip(cells, [vals[0], vals[1], *vals[3:]], strict=False):
            c.text = str(v)
    ndocs = len(table.columns)
    year_w = max((273 - 45 - 12 - 8 * (ndocs - 1)) / ndocs, 14)
    widths = [45, 12] + [w for i in range(ndocs) for w in ([year_w, 8] if i < ndocs - 1 else [year_w])]
    t.autofit = False
    for row in t.rows:
        for c, w in zip(row.cells, widths, strict=False):
            c.width = Mm(w)
            for p in c.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(8)
    doc.save(str(out))


def _shift(shape: Any, dx: float, dy: float) -> None:
    """Move a reportlab shape (Rect, Line, Circle, String) by dx, dy."""
    kind = type(shape).__name__
    if kind in ("Rect", "String"):
        shape.x += dx
        shape.y += dy
    elif kind == "Line":
        shape.x1 += dx
        shape.x2 += dx
        shape.y1 += dy
        shape.y2 += dy
    elif kind == "Circle":
        shape.cx += dx
        shape.cy += dy
