"""The PDF brief: reportlab platypus, embedded CJK font, running header, page numbers, bookmarks."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from compare.redline import overlap
from compare.render.common import CHANGE_TYPES, ChangeRow, FigureRow, View, short
from compare.render.pdf_cells import Seg, _Cells, _para_class, _Styles, esc


def _heading(text: str, style: Any, level: int, room: float = 90) -> list[Any]:
    """A bookmarked heading, moved to the next page when less than `room` points are left under it."""
    from reportlab.platypus import CondPageBreak

    p = _para_class()(esc(text), style)
    p._outline = (level, text)  # type: ignore[attr-defined]
    return [CondPageBreak(room), p] if room else [p]


def _doc_class():  # -> type
    from reportlab.platypus import BaseDocTemplate

    class BriefDoc(BaseDocTemplate):
        """Adds a PDF bookmark and outline entry for every heading."""

        def afterFlowable(self, flowable: Any) -> None:
            outline = getattr(flowable, "_outline", None)
            if outline:
                level, text = outline
                key = f"h{id(flowable)}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)

    return BriefDoc


def _numbered_canvas(draw: Any):  # -> type
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        """Holds pages back until the end so every footer can say 'page n of N'.

        Destinations (bookmarks, link targets) are held back with their page and placed as it is written:
        made at once they would all name page 1, since no page has been added to the document yet.
        """

        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            self._pages: list[dict[str, Any]] = []
            self._marks: list[tuple[str, dict[str, Any]]] = []

        def bookmarkPage(self, key: str, **kw: Any) -> None:  # noqa: N802 - reportlab API
            self._marks.append((key, kw))

        def bookmarkHorizontal(self, key: str, relativeX: float, relativeY: float, **kw: Any) -> None:  # noqa: N802, N803
            x, y = self.absolutePosition(relativeX, relativeY)
            self._marks.append((key, {"fit": "XYZ", "left": x, "top": y, **kw}))

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._marks = []
            self._startPage()

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                for key, kw in state["_marks"]:
                    Canvas.bookmarkPage(self, key, **kw)
                draw(self, len(self._pages))
                super().showPage()
            super().save()

    return NumberedCanvas


def _table(data: list[list[Any]], widths: list[float], style: dict[str, Any]) -> Any:
    """A grid table whose header row repeats on every page and whose rows may split across pages."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    col = style.get("colors", {})
    t = Table(data, colWidths=widths, repeatRows=1, splitInRow=int(style.get("_split", 0)), hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), style.get("_font", "Helvetica"), 8),
        ("GRID", (0, 0), (-1, -1), 0.3, HexColor(col.get("grid", "#aaaaaa"))),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(col.get("table_header", "#e4e4e4"))),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [HexColor("#ffffff"), HexColor(col.get("zebra", "#f6f6f6"))]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def _widths(style: dict[str, Any], key: str, default: list[float], total: float) -> list[float]:
    fr = style.get("tables", {}).get(key) or default
    if len(fr) != len(default):
        fr = default
    s = sum(fr) or 1.0
    return [total * f / s for f in fr]


def _fig(fig: tuple[str, str]) -> list[Seg]:
    """A figure as written, with its basis and year below when it has them."""
    main, detail = fig
    return [(main, False)] + ([(detail, True)] if detail else [])


def anchor(side: str, tid: str) -> str:
    """The PDF destination name of a figure's appendix row."""
    return "fig-" + re.sub(r"[^A-Za-z0-9_.-]", "_", f"{side}-{tid}")


def _anchor_class():  # -> type
    from reportlab.platypus import Flowable

    class Anchor(Flowable):
        """An invisible named destination where it is drawn (a row of the appendix)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
            return 0, 0

        def draw(self) -> None:
            self.canv.bookmarkHorizontal(self.name, 0, 0)

    return Anchor


def _links(refs: list[tuple[str, str]], view: View, S: _Styles, colour: str) -> str:
    """Small links to the appendix rows of a change's figures: A a-t1 · B b-t9."""
    L = view.L
    parts = [f'<a href="#{anchor(side, tid)}" color="{esc(colour)}">{esc(tid)}</a>'
             for side, tid in dict.fromkeys(refs) if (side, tid) in view.figure_ids]
    if not parts:
        return ""
    return f'<font size="{S.small}">{esc(L("wording.appendix_link"))} {" · ".join(parts)}</font>'


def redline_markup(ops: list[dict[str, Any]], style: dict[str, Any], limit: int) -> str:
    """Paragraph markup of a redline: deletions struck and grey, insertions underlined, figures marked."""
    from compare.redline import cap, window

    col = style.get("colors", {})
    out = []
    for op in cap(window(ops), limit):
        text = esc(op["text"])
        if op.get("figure"):
            text = f'<span backColor="{esc(col.get("figure_mark", "#ffe58f"))}">{text}</span>'
        if op["op"] == "delete":
            text = f'<strike><font color="{esc(col.get("deleted", "#8a8a8a"))}">{text}</font></strike>'
        elif op["op"] == "insert":
            text = f'<u><font color="{esc(col.get("inserted", "#1f3b5c"))}">{text}</font></u>'
        out.append(text)
    return "".join(out)


def _rich(markup: str, detail: list[Seg], S: _Styles) -> Any:
    """A table cell from markup, with detail lines below it."""
    tail = "".join("<br/>" + S.detail(t) for t, _ in detail if t)
    return _para_class()(markup + tail, S.cell)


def _change_table(rows: list[ChangeRow], typ: str, view: View, cell: _Cells, style: dict[str, Any],
                  width: float) -> Any:
    """The table of one kind of change: both sides for paired changes, one for new and dropped targets."""
    L, qn = view.L, int(style.get("tables", {}).get("quote_chars", 70))
    S, link = cell.S, style.get("colors", {}).get("link", "#1f3b5c")
    a_, b_, co = L("brief.doc_a"), L("brief.doc_b"), L("brief.colon")

    def metric(r: ChangeRow) -> Any:
        refs = [(s, i) for s, i in (("a", r.a_id), ("b", r.b_id)) if i]
        return _para_class()(esc(short(r.metric, 120)) + "<br/>" + _links(refs, view, S, link), S.cell)

    if typ in ("new", "dropped"):
        side = "b" if typ == "new" else "a"
        head = [L("columns.metric"), L(f"columns.{side}"), L("columns.section"), L("columns.quote")]
        data = [[cell([(h, False)], head=True) for h in head]]
        for r in rows:
            quote = r.b_quote if side == "b" else r.a_quote
            data.append([metric(r), cell(_fig(r.b if side == "b" else r.a)),
                         cell([(r.b_section if side == "b" else r.a_section, False)]),
                         cell([(short(quote, qn * 2), False)] + _extra(r, L))])
        return _table(data, _widths(style, "single", [0.20, 0.17, 0.23, 0.40], width), style)
    head = [L("columns.metric"), L("columns.a"), L("columns.b"), L("columns.change"), L("columns.section"),
            L("wording.redline_column")]
    data = [[cell([(h, False)], head=True) for h in head]]
    for r in rows:
        sections = [(f"{a_}{co}{r.a_section or '—'}", False), (f"{b_}{co}{r.b_section or '—'}", False)]
        change = [(r.change, False)] + ([(short(L("brief.list_sep").join(r.qualifiers), 60), True)]
                                        if r.qualifiers else [])
        data.append([metric(r), cell(_fig(r.a)), cell(_fig(r.b)), cell(change), cell(sections),
                     _rich(redline_markup(r.redline, style, qn * 2), _extra(r, L, qualifiers=False), S)])
    return _table(data, _widths(style, "paired", [0.14, 0.12, 0.12, 0.10, 0.18, 0.34], width), style)


def _extra(r: ChangeRow, L: Any, qualifiers: bool = True) -> list[Seg]:
    """A change's qualifiers and reasons, as detail lines."""
    bits = []
    if qualifiers and r.qualifiers:
        bits.append(L("change.qualifiers") + L("brief.colon") + L("brief.list_sep").join(r.qualifiers))
    if r.reasons:
        bits.append(L("change.reasons") + L("brief.colon") + L("brief.list_sep").join(r.reasons))
    return [(short(b, 200), True) for b in bits]


def _appendix_table(rows: list[FigureRow], view: View, cell: _Cells, style: dict[str, Any],
                    width: float, side: str) -> Any:
    """The appendix table of every figure of one document, in text order; each row a destination."""
    L, Anchor = view.L, _anchor_class()
    head = [L(f"columns.{k}") for k in ("metric", "figure", "kind", "status", "quote")]
    data = [[cell([(h, False)], head=True) for h in head]]
    for r in rows:
        quote = [("“" + r.quote + "”", False)] + ([(r.section, True)] if r.section else [])
        quote += [(L("html.notes") + L("brief.colon") + short(n, 200), True) for n in r.notes]
        data.append([[Anchor(anchor(side, r.id)), cell([(short(r.metric, 120), False), (r.id, True)])],
                     cell(_fig(r.figure)), cell([(r.kind, False)]), cell([(r.status, False)]), cell(quote)])
    return _table(data, _widths(style, "appendix", [0.16, 0.14, 0.12, 0.14, 0.44], width), style)


def _lead(table: Any) -> float:
    """Height of a table's header row and first data row: what must fit under its heading."""
    from reportlab.platypus import Table

    head = Table(table._cellvalues[:2], colWidths=table._colWidths)
    return head.wrap(sum(table._colWidths), 1e6)[1] + 12  # + cell padding


def _page_one(view: View, S: _Styles, style: dict[str, Any], width: float, font: str) -> list[Any]:
    """Page 1: what a director must know, ranked; the counts that add up; the chart of pairs that compare."""
    from reportlab.platypus import KeepTogether, Spacer

    from compare.render import chart

    P, L = _para_class(), view.L
    link = style.get("colors", {}).get("link", "#1f3b5c")
    out: list[Any] = _heading(view.title, S.title, 0, room=0)
    out.append(P(esc(view.pair_line), S.body))
    out += _heading(L("sections.summary"), S.h1, 0, room=0)
    out += _heading(L("verdict.heading"), S.h2, 1, room=0)
    refs = view.verdict_refs + [[]] * (len(view.notable) - len(view.verdict_refs))
    for i, (text, ref) in enumerate(zip(view.notable, refs, strict=True), 1):
        out.append(P(f"{i}. {esc(text)}" + ("　" + _links(ref[:4], view, S, link) if ref else ""), S.body))
    if not view.notable:
        out.append(P(esc(L("verdict.none")), S.body))
    if view.verdict_more:
        out.append(P(esc(view.verdict_more), S.note))
    out += [P(esc(s), S.body) for s in view.summary]

    d = chart.drawing(view, width, font, style)
    if d is None:
        out += _heading(L("sections.chart"), S.h1, 0, room=40)
        out.append(P(esc(view.chart_empty or L("chart.empty")), S.body))
    else:
        rows, total = chart.chart_rows(view, int(style.get("chart", {}).get("max_rows", 12)))
        # the heading travels with its chart: never a heading alone at the foot of a page
        block = [*_heading(L("sections.chart"), S.h1, 0, room=0), d, Spacer(1, 4),
                 P(esc(L("chart.caption")), S.note)]
        if total > len(rows):
            block.append(P(esc(L.fmt("chart.more", shown=len(rows), total=total)), S.note))
        out.append(KeepTogether(block))
    out.append(P(esc(L("sections.how_to_read") + L("brief.colon") + L("summary.how_to_read")), S.note))
    return out


def _documents(view: View, S: _Styles, cell: _Cells, style: dict[str, Any], width: float) -> list[Any]:
    """The two documents' particulars."""
    from reportlab.platypus import Spacer

    L = view.L
    meta = [[cell([(t, False)], head=True) for t in ("", L("brief.doc_a"), L("brief.doc_b"))]]
    meta += [[cell([(t, False)]) for t in row] for row in view.meta]
    table = _table(meta, [width * 0.18, width * 0.41, width * 0.41], style)
    return _heading(L("verdict.documents"), S.h2, 1, room=_lead(table) + 40) + [
        table, Spacer(1, 4), _para_class()(esc(view.made), S.note)]


def _task_table(view: View, cell: _Cells, style: dict[str, Any], width: float) -> Any:
    """A's tasks and where B carries them on, B's heading shown as edits of A's when one carries one on."""
    L, S = view.L, cell.S
    keys = ("columns.task_a", "columns.task_b", "columns.confidence")
    data = [[cell([(L(k), False)], head=True) for k in keys]]
    for t in view.task_pairs:
        b_cell = _rich(redline_markup(t.redline, style, 200), [], S) if overlap(t.redline) >= 0.5 else \
            cell([(b, False) for b in t.b])
        data.append([cell([(t.a, False)] + ([(t.a_path, True)] if t.a_path else [])), b_cell,
                     cell([(t.mark, False)] + ([(t.how, True)] if t.how else []))])
    return _table(data, _widths(style, "tasks", [0.42, 0.46, 0.12], width), style)


def story(view: View, font: str, style: dict[str, Any], width: float) -> list[Any]:
    """The flowables of the brief, in reading order."""
    from reportlab.platypus import PageBreak

    P = _para_class()
    S, L = _Styles(font, style), view.L
    cell = _Cells(S, split=bool(style.get("_split")), whole=view.lang != "zh")

    def none() -> Any:
        return P(esc(L("brief.none")), S.body)

    out = _page_one(view, S, style, width, font)
    out += _documents(view, S, cell, style, width)

    blocks = []
    for typ in CHANGE_TYPES:
        rows_t = view.changes[typ]
        table = _change_table(rows_t, typ, view, cell, style, width) if rows_t else None
        blocks.append((_heading(L.fmt("brief.count", label=L(f"types.{typ}"), n=len(rows_t)), S.h2, 1,
                                room=(_lead(table) if table else 20) + 60),
                       [P(esc(L(f"type_notes.{typ}")), S.note), table or none()]))
    out += _heading(L("sections.changes"), S.h1, 0, room=blocks[0][0][0].height + 40)
    out.append(P(esc(L("wording.redline_legend")), S.note))
    for head, body in blocks:
        out += head + body

    table = _task_table(view, cell, style, width) if view.task_pairs else None
    out += _heading(L("sections.alignment"), S.h1, 0, room=(_lead(table) if table else 20) + 100)
    out += _structure_map(view, S, style, width, font)
    out += _heading(L("sections.tasks_pairs"), S.h2, 1, room=0)
    out += [P(esc(L("alignment.legend")), S.note), table or none()]
    for key, tasks in (("tasks_new", view.tasks_new), ("tasks_dropped", view.tasks_dropped)):
        out += _heading(L.fmt("brief.count", label=L(f"sections.{key}"), n=len(tasks)), S.h2, 1, room=60)
        out += [P(f"• {esc(h)}{S.detail(part)}", S.body) for h, part in tasks] or [none()]

    out += [PageBreak()] + _heading(L("sections.appendix"), S.h1, 0, room=0)
    for side in "ab":
        rows_a = view.appendix[side]
        table = _appendix_table(rows_a, view, cell, style, width, side) if rows_a else None
        out += _heading(L.fmt("brief.count", label=L(f"sections.appendix_{side}"), n=len(rows_a)), S.h2, 1,
                        room=(_lead(table) if table else 20) + 40)
        out.append(table or none())
    return out


def _structure_map(view: View, S: _Styles, style: dict[str, Any], width: float, font: str) -> list[Any]:
    """The structure map figure with its explanation, then the same facts as a table."""
    from reportlab.platypus import KeepTogether

    from compare.render import structure_map as sm

    data, L, P = view.structure, view.L, _para_class()
    d = sm.drawing(data, L, view.titles, width, font, style) if data is not None else None
    if d is None:
        return []
    notes = [L("structure.note")]
    if data.folded:
        notes.append(L.fmt("structure.folded", a=data.tasks[0], b=data.tasks[1],
                           max=int(style.get("structure_map", {}).get("max_rows", 52))))
    block = [*_heading(L("structure.title"), S.h2, 1, room=0), *[P(esc(n), S.note) for n in notes], d]
    out: list[Any] = [KeepTogether(block)]
    rows = sm.table_rows(data, L) if data.folded else []  # unfolded, the task table below says the same
    if rows:
        cell = _Cells(S, split=bool(style.get("_split")), whole=view.lang != "zh")
        head = [cell([(L(f"structure.{k}"), False)], head=True) for k in ("col_a", "col_rel", "col_b")]
        table = _table([head] + [[cell([(t, False)]) for t in r] for r in rows],
                       _widths(style, "structure", [0.42, 0.16, 0.42], width), style)
        out += _heading(L("structure.table"), S.h2, 1, room=_lead(table) + 40) + [table]
    return out


def _page_size(style: dict[str, Any]) -> tuple[float, float]:
    from reportlab.lib import pagesizes

    page = style.get("page", {})
    size = getattr(pagesizes, str(page.get("size", "A4")).upper(), pagesizes.A4)
    return pagesizes.landscape(size) if page.get("orientation") == "landscape" else pagesizes.portrait(size)


def render_pdf(view: View, out: Path, style: dict[str, Any], font_file: Path, subfont: int = 0,
               version: str = "") -> None:
    """Write the brief as a PDF to out (a file path)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import mm
    from reportlab.platypus import Frame, PageTemplate, Paragraph
    from reportlab.platypus.doctemplate import LayoutError

    from compare.render.fonts import register

    font = register(font_file, subfont)
    style = {**style, "_font": font}
    S = _Styles(font, style)
    pw, ph = _page_size(style)
    margins = style.get("page", {}).get("margins_mm") or [20, 16, 18, 16]
    top, right, bottom, left = (float(v) * mm for v in margins)
    width = pw - left - right
    L = view.L
    rule = HexColor(style.get("colors", {}).get("rule", "#888888"))

    def header(canv: Any, doc: Any) -> None:
        if canv.getPageNumber() == 1:
            canv.showOutline()
        canv.saveState()
        p = Paragraph(esc(view.header), S.header)
        p.wrap(width, top)
        p.drawOn(canv, left, ph - top + 6)
        canv.setStrokeColor(rule)
        canv.setLineWidth(0.4)
        canv.line(left, ph - top + 3, pw - right, ph - top + 3)
        canv.restoreState()

    def footer(canv: Any, total: int) -> None:
        canv.saveState()
        canv.setFont(font, S.header.fontSize)
        canv.setFillColor(HexColor(S.muted))
        canv.drawCentredString(pw / 2, bottom / 2, L.fmt("brief.page", n=canv.getPageNumber(), total=total))
        canv.restoreState()

    doc = _doc_class()(
        str(out), pagesize=(pw, ph), leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
        title=L.fmt("brief.doc_title", title=view.title, a=view.titles[0], b=view.titles[1]),
        author="compare",
        subject=L("brief.subject"), keywords=L("brief.keywords"), creator=f"compare {version}".strip(),
        producer="compare (reportlab)", initialFontName=font, lang="zh-CN" if view.lang == "zh" else "en",
        displayDocTitle=1,
        invariant=1 if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else 0, pageCompression=1,
    )
    frame = Frame(left, bottom, width, ph - top - bottom, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=header)])
    try:  # rows stay whole; a row taller than a page (pathological text) is split instead
        doc.build(story(view, font, style, width), canvasmaker=_numbered_canvas(footer))
    except LayoutError:
        doc.build(story(view, font, {**style, "_split": 1}, width), canvasmaker=_numbered_canvas(footer))
