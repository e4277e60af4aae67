"""Timeline documents (compare track): small charts of the longest-followed metrics and the table, PDF/DOCX.

The timeline itself (TrackTable: columns, rows of figures, marks between years) is built in compare.track;
this module only draws it, with its wording from the [timeline] section of templates/labels.*.toml.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol


class TrackColumn(Protocol):
    """A document of the timeline as drawn here (compare.track.TrackColumn has this shape)."""

    @property
    def label(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def path(self) -> str: ...


class TrackRow(Protocol):
    """A metric of the timeline as drawn here (compare.track.TrackRow has this shape)."""

    @property
    def metric(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def cells(self) -> Sequence[dict[str, Any] | None]: ...
    @property
    def marks(self) -> Sequence[str]: ...
    @property
    def span(self) -> int: ...
    def written(self, i: int) -> str: ...


class TrackTable(Protocol):
    """The timeline as drawn here: render sits below track, so it names the shape, not the class."""

    @property
    def columns(self) -> Sequence[TrackColumn]: ...
    @property
    def rows(self) -> Sequence[TrackRow]: ...

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


def small_chart(row: TrackRow, columns: Sequence[TrackColumn], font: str, width: float = CHART_W,
                height: float = CHART_H):  # -> reportlab Drawing
    """A line chart of one metric: a point per year labelled with its figure as written, marks between."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
    from reportlab.lib import colors

    d = Drawing(width, height)
    grey, dark = colors.HexColor("#bbbbbb"), colors.HexColor("#333333")
    d.add(Rect(0.5, 0.5, width - 1, height - 1, fillColor=None, strokeColor=grey, strokeWidth=0.5))
    d.add(String(6, height - 13, _clip(row.metric, 26), fontName=font, fontSize=8.5, fillColor=dark))
    x0, x1, y0, y1 = 32.0, width - 32.0, 36.0, height - 34.0
    n = len(columns)
    xs = [x0 + (x1 - x0) * i / max(n - 1, 1) for i in range(n)]
    vals = {i: float(c["value"]) for i, c in enumerate(row.cells)
            if c is not None and c.get("value") is not None}
    lo, hi = min(vals.values()), max(vals.values())

    def y(v: float) -> float:
        return y0 + (y1 - y0) * ((v - lo) / (hi - lo) if hi != lo else 0.5)

    d.add(Line(x0 - 14, 20, x1 + 14, 20, strokeColor=grey, strokeWidth=0.5))
    for i, col in enumerate(columns):  # the years along the axis, the change marks between them
        d.add(String(xs[i], 8, _clip(col.label, 10), fontName=font, fontSize=7, textAnchor="middle",
                     fillColor=dark))
        if i + 1 < n and row.marks[i]:
            d.add(String((xs[i] + xs[i + 1]) / 2, 8, row.marks[i], fontName=font, fontSize=8.5,
                         textAnchor="middle",
                         fillColor=colors.HexColor("#555555")))
    idx = sorted(vals)
    for ia, ib in zip(idx, idx[1:], strict=False):
        d.add(Line(xs[ia], y(vals[ia]), xs[ib], y(vals[ib]), strokeColor=dark, strokeWidth=1.2,
                   strokeDashArray=None if ib == ia + 1 else [2, 2]))
    for k, i in enumerate(idx):
        px, py = xs[i], y(vals[i])
        d.add(Circle(px, py, 2.4, fillColor=dark, strokeColor=dark, strokeWidth=0.5))
        near = [vals[j] for j in idx[max(k - 1, 0):k + 2] if j != i]
        below = bool(near) and all(v > vals[i] for v in near)  # a dip: label under the point, off the lines
        d.add(String(px, py - 10 if below else py + 6, _clip(row.written(i), 12), fontName=font, fontSize=7,
                     textAnchor="middle", fillColor=dark))
    return d


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _doc_lines(table: TrackTable) -> list[str]:
    return [f"{c.label}: {c.title} ({Path(c.path).name})" for c in table.columns]


def timeline_labels(lang: str | None) -> dict[str, str]:
    """The [timeline] wording of templates/labels.<lang>.toml (Chinese for a language without one)."""
    from compare.render.labels import load_labels

    lang = (lang or "zh").lower()
    data = load_labels(lang if lang in ("zh", "en") else "zh").data.get("timeline", {})
    return {k: str(v) for k, v in data.items()}


def render_timeline(table: TrackTable, out: Path, fmt: str, lang: str | None, font_file: Path) -> None:
    """Write the timeline as a landscape PDF or DOCX at out (the caller makes the write atomic)."""
    (_pdf if fmt == "pdf" else _docx)(table, out, timeline_labels(lang), font_file)


def _grid(table: TrackTable) -> tuple[list[str], list[list[str]]]:
    """The table as text: a header (year labels, blank over the marks) and rows of metric, unit, figures and
    the marks between them."""
    n = len(table.columns)
    header: list[str] = []
    for i, col in enumerate(table.columns):
        header += ["" if "→" in col.label else col.label] + ([""] if i + 1 < n else [])
    rows = []
    for r in table.rows:
        cells = [r.metric, r.unit]
        for i in range(n):
            cells += [r.written(i)] + ([r.marks[i]] if i + 1 < n else [])
        rows.append(cells)
    return header, rows


def _pdf(table: TrackTable, out: Path, L: dict[str, str], font_file: Path) -> None:
    """A landscape PDF: the documents, small charts of the metrics followed longest, then the whole table."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from compare.render.fonts import register

    font = register(font_file)
    body = ParagraphStyle("b", fontName=font, fontSize=8.5, leading=11.5, wordWrap="CJK")
    h1 = ParagraphStyle("h1", parent=body, fontSize=15, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=body, fontSize=11, leading=15, spaceBefore=8, spaceAfter=4)
    page = landscape(A4)
    doc = SimpleDocTemplate(str(out), pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=L["title"], author="compare")
    width = page[0] - 24 * mm
    story: list[Any] = [Paragraph(L["title"], h1)]
    story += [Paragraph(_esc(line), body) for line in _doc_lines(table)]
    story.append(Paragraph(L["legend"], body))
    if not table.rows:
        story.append(Paragraph(L["none"], body))
    story += _pdf_charts(table, L, font, width, body, h2)
    if table.rows:
        story += [Paragraph(L["table"], h2), Spacer(1, 2), _pdf_table(table, L, width, body)]
    doc.build(story)


def _pdf_charts(table: TrackTable, L: dict[str, str], font: str, width: float, body: Any,
                h2: Any) -> list[Any]:
    """The PDF's grid of small charts, with a note of how many more metrics the table holds."""
    from reportlab.platypus import Paragraph, Table

    charts = chart_rows(table)
    if not charts:
        return []
    story: list[Any] = [Paragraph(L["chart"], h2)]
    per = max(1, int(width // (CHART_W + 6)))
    grid = [[small_chart(r, table.columns, font) for r in charts[i:i + per]]
            for i in range(0, len(charts), per)]
    grid = [g + [""] * (per - len(g)) for g in grid]
    story.append(Table(grid, colWidths=[CHART_W + 6] * per, hAlign="LEFT"))
    extra = sum(1 for r in table.rows if r.span >= 2) - len(charts)
    if extra > 0:
        story.append(Paragraph(L["more"].format(n=extra), body))
    return story


def _pdf_table(table: TrackTable, L: dict[str, str], width: float, body: Any) -> Any:
    """The whole timeline as a PDF table: metric, unit, then each year's figure and the mark after it."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell = ParagraphStyle("c", parent=body, fontSize=7.5, leading=9.5)
    header, rows = _grid(table)
    data = [[Paragraph(_esc(h), cell) for h in [L["metric"], L["unit"], *header]]]
    data += [[Paragraph(_esc(v), cell) for v in row] for row in rows]
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
    return t


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _docx(table: TrackTable, out: Path, L: dict[str, str], font_file: Path) -> None:
    """A landscape DOCX: the documents, the small charts as one picture, then the whole table."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    from compare.render.docx import east_asian

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
    _docx_charts(doc, table, L, font_file)
    if not table.rows:
        doc.add_paragraph(L["none"])
    else:
        doc.add_heading(L["table"], level=2)
        _docx_table(doc, table, L)
    doc.save(str(out))


def _docx_charts(doc: Any, table: TrackTable, L: dict[str, str], font_file: Path) -> None:
    """The small charts, three to a row, drawn as one picture."""
    import io

    from docx.shared import Mm
    from reportlab.graphics.shapes import Drawing

    from compare.render.chart import to_png
    from compare.render.fonts import register

    charts = chart_rows(table)
    if not charts:
        return
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


def _docx_table(doc: Any, table: TrackTable, L: dict[str, str]) -> None:
    """The whole timeline as a DOCX table in 8 pt: metric, unit, then each year's figure and its mark."""
    from docx.shared import Mm, Pt

    header, rows = _grid(table)
    header = [L["metric"], L["unit"], *header]
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, header, strict=False):
        c.text = h
    for row in rows:
        for c, v in zip(t.add_row().cells, row, strict=False):
            c.text = v
    ndocs = len(table.columns)
    year_w = max((273 - 45 - 12 - 8 * (ndocs - 1)) / ndocs, 14)
    widths = [45, 12] + [w for i in range(ndocs) for w in ([year_w, 8] if i < ndocs - 1 else [year_w])]
    t.autofit = False
    for tr in t.rows:
        for c, w in zip(tr.cells, widths, strict=False):
            c.width = Mm(w)
            for p in c.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(8)


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
