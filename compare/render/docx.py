"""The DOCX brief: python-docx fills templates/brief.docx (styles, page, letterhead) with the brief."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from compare.errors import UsageError
from compare.redline import overlap
from compare.render.common import CHANGE_TYPES, ChangeRow, View, short
from compare.render.docx_parts import (  # noqa: F401 - _fix_zip is used by templates/make_docx_template.py
    _add_field_text,
    _epoch,
    _fix_zip,
    bookmark_name,
    bookmarked,
    link_runs,
    redline_runs,
    run,
)
from compare.render.text import xml_escape as escape

BODY_FONTS = ("Times New Roman", "宋体")  # (Latin, East Asian)
HEAD_FONTS = ("Arial", "黑体")
HEAD_STYLES = ("Title", "Subtitle", "TOC Heading") + tuple(f"Heading {i}" for i in range(1, 10))
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _child(parent: Any, tag: str, first: bool = False) -> Any:
    """The element's child with this tag, made (first or last) when it has none."""
    from docx.oxml.ns import qn

    el = parent.find(qn(tag))
    if el is None:
        el = parent.makeelement(qn(tag), {})
        parent.insert(0, el) if first else parent.append(el)
    return el


def _set_fonts(rpr: Any, fonts: tuple[str, str], overwrite: bool) -> None:
    """Name the Latin and East Asian fonts of run properties, dropping theme fonts."""
    from docx.oxml.ns import qn

    rf = _child(rpr, "w:rFonts", first=True)
    if not overwrite and rf.get(qn("w:eastAsia")):
        return
    for a in _THEME_ATTRS:
        rf.attrib.pop(qn(a), None)
    for a, v in (("w:ascii", fonts[0]), ("w:hAnsi", fonts[0]), ("w:eastAsia", fonts[1])):
        if overwrite or not rf.get(qn(a)):
            rf.set(qn(a), v)


def east_asian(doc: Any, overwrite: bool = True, body: tuple[str, str] = BODY_FONTS,
               head: tuple[str, str] = HEAD_FONTS) -> None:
    """Name an East Asian font on every style (dropping theme fonts) and make zh-CN the East Asian language.

    With overwrite=False only styles that name no East Asian font of their own are changed, so a
    template restyled in Word keeps its fonts.
    """
    from docx.oxml.ns import qn

    _child(doc.settings.element, "w:themeFontLang").set(qn("w:eastAsia"), "zh-CN")
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        _set_fonts(rpr, body, overwrite)
        _child(rpr, "w:lang").set(qn("w:eastAsia"), "zh-CN")
    for style in doc.styles:
        if style.type is None or int(style.type) not in (1, 2, 3):  # paragraph, character, table
            continue
        _set_fonts(style.element.get_or_add_rPr(), head if style.name in HEAD_STYLES else body, overwrite)


def _text(s: Any) -> str:
    return _XML_BAD.sub("", str(s))


def _style(doc: Any, name: str) -> str | None:
    try:
        doc.styles[name]
        return name
    except KeyError:
        return None


def _style_id(doc: Any, name: str | None) -> str | None:
    """The XML id of a style, looked up once (python-docx's per-call name lookup is slow)."""
    try:
        return doc.styles[name].style_id if name else None
    except KeyError:
        return None


class _Writer:
    """Adds the brief's paragraphs and tables to a python-docx Document."""

    def __init__(self, doc: Any, view: View, style: dict[str, Any]) -> None:
        from docx.shared import Emu

        self.doc, self.view, self.L = doc, view, view.L
        sec = doc.sections[0]
        self.width = Emu(sec.page_width - sec.left_margin - sec.right_margin)
        cell_style = _style_id(doc, "Brief Table Text")
        self.cell_ppr = _ppr(cell_style)
        self.head_ppr = _ppr(_style_id(doc, "Brief Table Header") or cell_style)
        detail = _style_id(doc, "Brief Detail")
        self.detail_rpr = f'<w:rPr><w:rStyle w:val="{_attr(detail)}"/></w:rPr>' if detail else ""
        self.note_style = _style(doc, "Brief Note")
        self._para_styles: dict[str, str | None | bool] = {}
        self.grid_style = _style_id(doc, "Table Grid")
        shade = str(style.get("colors", {}).get("table_header", "#e4e4e4")).lstrip("#").upper()
        self.head_shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{_attr(shade)}"/>'
        self.link_colour = str(style.get("colors", {}).get("link", "#1f3b5c"))

    def links(self, refs: list[tuple[str, str]]) -> str:
        """Hyperlinks to the appendix rows of these figures."""
        return link_runs(refs, self.L("wording.appendix_link"), self.view.figure_ids, self.link_colour)

    def para(self, text: str, style: str | None = None) -> Any:
        """Add a paragraph in the named style (left out when the template lacks it)."""
        p = self.doc.add_paragraph(_text(text))
        sid = self._para_style(style) if style else False
        if sid is not False:
            p._p.style = sid
        return p

    def _para_style(self, name: str) -> str | None | bool:
        """The style id Paragraph.style would set for name, looked up once (None: default, False: none)."""
        if name not in self._para_styles:
            from docx.enum.style import WD_STYLE_TYPE

            found = _style(self.doc, name) is not None
            sid = self.doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH) if found else False
            self._para_styles[name] = sid
        return self._para_styles[name]

    def note(self, text: str) -> Any:
        return self.para(text, self.note_style or "Normal")

    def heading(self, text: str, level: int) -> Any:
        """Add a heading as Document.add_heading does (Title for level 0), its style looked up once."""
        style = "Title" if level == 0 else f"Heading {level}"
        if self._para_style(style) is False:
            return self.doc.add_heading(_text(text), level)  # python-docx's own error for a missing style
        return self.para(text, style)

    def table(self, head: list[str], rows: list[list[Any]], fractions: list[float]) -> Any:
        """Add a fixed-width grid table whose header row repeats on every page, parsed from one XML string.

        A cell is a list of (text, is_detail) lines, or a ready <w:p> string (a redline, a bookmarked row);
        rows never split across pages, and the paragraph before the table keeps with it.
        """
        last = self.doc.element.body[-2] if len(self.doc.element.body) > 1 else None
        if last is not None and last.tag.endswith("}p"):
            from docx.text.paragraph import Paragraph

            Paragraph(last, self.doc._body).paragraph_format.keep_with_next = True
        from docx.oxml import parse_xml
        from docx.table import Table

        twips = self._twips(fractions, len(head))
        xml = [self._tbl_start(twips),
               _row_xml([[(h, False)] for h in head], twips, self.head_ppr, self.detail_rpr, self.head_shade)]
        xml += [_row_xml(r, twips, self.cell_ppr, self.detail_rpr) for r in rows]
        xml.append("</w:tbl>")
        tbl = parse_xml("".join(xml))
        self.doc.element.body._insert_tbl(tbl)  # before the closing sectPr, as Document.add_table does
        self.doc.add_paragraph()
        return Table(tbl, self.doc._body)

    def _twips(self, fractions: list[float], cols: int) -> list[int]:
        """Column widths in twips: fractions of the text width, else python-docx's even split."""
        from docx.shared import Emu

        total = sum(fractions) or 1.0
        even = Emu(self.width // cols).twips if cols else 0
        return [Emu(int(self.width * fractions[i] / total)).twips if i < len(fractions) else even
                for i in range(cols)]

    def _tbl_start(self, twips: list[int]) -> str:
        """The table's opening tag, properties (grid style, fixed layout) and column grid."""
        from docx.oxml.ns import nsdecls

        style = f'<w:tblStyle w:val="{_attr(self.grid_style)}"/>' if self.grid_style else ""
        grid = "".join(f'<w:gridCol w:w="{tw}"/>' for tw in twips)
        return (f'<w:tbl {nsdecls("w")}><w:tblPr>{style}<w:tblW w:type="auto" w:w="0"/>'
                f'<w:tblLayout w:type="fixed"/>{_TBL_LOOK}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>')


_TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
             'w:noVBand="1" w:val="04A0"/>')
_TEXT_ENTITIES = {"\r": "&#13;"}  # lxml writes a carriage return this way; a bare one would read back as \n
_ATTR_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}


def _attr(value: Any) -> str:
    """A value made safe inside a double-quoted XML attribute."""
    return escape(_text(value), _ATTR_ENTITIES)


def _ppr(style_id: str | None) -> str:
    """Paragraph properties naming a paragraph style, or nothing."""
    return f'<w:pPr><w:pStyle w:val="{_attr(style_id)}"/></w:pPr>' if style_id else ""


def _run_xml(text: str, rpr: str, brk: bool) -> str:
    """One run: its properties, a line break before it unless it is the first, then the text, escaped."""
    text = _text(text)
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f'<w:r>{rpr}{"<w:br/>" if brk else ""}<w:t{space}>{escape(text, _TEXT_ENTITIES)}</w:t></w:r>'


def _para_xml(lines: list[tuple[str, bool]], ppr: str, detail_rpr: str) -> str:
    """A cell's paragraph: (text, is_detail) lines as runs joined by breaks; detail lines small and grey."""
    shown = [(text, detail) for text, detail in lines if text]
    runs = "".join(_run_xml(text, detail_rpr if detail else "", i > 0)
                   for i, (text, detail) in enumerate(shown))
    return f"<w:p>{ppr}{runs}</w:p>" if ppr or runs else "<w:p/>"


def _row_xml(cells: list[Any], twips: list[int], ppr: str, detail_rpr: str,
             shade: str = "") -> str:
    """A table row of fixed-width cells; a shaded row is the header, repeated at the top of every page."""
    out = ['<w:tr><w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>' if shade
           else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
    for i, tw in enumerate(twips):
        cell = cells[i] if i < len(cells) else None
        p = cell if isinstance(cell, str) else \
            _para_xml(cell, ppr, detail_rpr) if cell is not None else "<w:p/>"
        out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{tw}"/>{shade}</w:tcPr>{p}</w:tc>')
    out.append("</w:tr>")
    return "".join(out)


def _fig(fig: tuple[str, str]) -> list[tuple[str, bool]]:
    return [(fig[0], False), (fig[1], True)]


def _metric_cell(w: _Writer, r: ChangeRow) -> str:
    """The metric of a change with links to its figures' appendix rows."""
    refs = [(s, i) for s, i in (("a", r.a_id), ("b", r.b_id)) if i]
    return f"<w:p>{w.cell_ppr}{run(short(r.metric, 120))}<w:r><w:br/></w:r>{w.links(refs)}</w:p>"


def _change_rows(w: _Writer, typ: str, rows: list[ChangeRow], style: dict[str, Any]) -> None:
    L, qn = w.L, int(style.get("tables", {}).get("quote_chars", 70))
    a_, b_, sep, co = L("brief.doc_a"), L("brief.doc_b"), L("brief.list_sep"), L("brief.colon")
    tables = style.get("tables", {})
    if typ in ("new", "dropped"):
        side = "b" if typ == "new" else "a"
        head = [L("columns.metric"), L(f"columns.{side}"), L("columns.section"), L("columns.quote")]
        body = []
        for r in rows:
            fig, sec, quote = (r.b, r.b_section, r.b_quote) if side == "b" else (r.a, r.a_section, r.a_quote)
            body.append([_metric_cell(w, r), _fig(fig), [(sec, False)],
                         [(short(quote, qn * 2), False)] + _why(r, L)])
        w.table(head, body, tables.get("single") or [0.20, 0.17, 0.23, 0.40])
        return
    head = [L("columns.metric"), L("columns.a"), L("columns.b"), L("columns.change"), L("columns.section"),
            L("wording.redline_column")]
    colours = style.get("colors", {})
    body = []
    for r in rows:
        why = "".join(run(t, w.detail_rpr, True) for t, _ in _why(r, L, qualifiers=False))
        body.append([
            _metric_cell(w, r), _fig(r.a), _fig(r.b),
            [(r.change, False), (short(sep.join(r.qualifiers), 60), True)],
            [(f"{a_}{co}{r.a_section or '—'}", False), (f"{b_}{co}{r.b_section or '—'}", False)],
            f"<w:p>{w.cell_ppr}{redline_runs(r.redline, colours, qn * 2)}{why}</w:p>",
        ])
    w.table(head, body, tables.get("paired") or [0.14, 0.12, 0.12, 0.10, 0.18, 0.34])


def _why(r: ChangeRow, L: Any, qualifiers: bool = True) -> list[tuple[str, bool]]:
    out = []
    if qualifiers and r.qualifiers:
        out.append((L("change.qualifiers") + L("brief.colon") + L("brief.list_sep").join(r.qualifiers), True))
    if r.reasons:
        why = L("change.reasons") + L("brief.colon") + L("brief.list_sep").join(r.reasons)
        out.append((short(why, 200), True))
    return out




def _page_one(w: _Writer, view: View, png: bytes | None, chart_note: str) -> None:
    """Title, the verdict with links, the counts, the chart, then the two documents' particulars."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Emu

    L, doc = view.L, w.doc
    w.para(view.title, "Title")
    w.para(view.pair_line)
    w.heading(L("sections.summary"), 1)
    w.heading(L("verdict.heading"), 2)
    refs = view.verdict_refs + [[]] * (len(view.notable) - len(view.verdict_refs))
    for item, ref in zip(view.notable, refs, strict=True):
        p = w.para(item, "List Number")
        for el in parse_xml(f"<w:p {nsdecls('w')}>{w.links(ref[:4])}</w:p>"):
            p._p.append(el)
    if not view.notable:
        w.para(L("verdict.none"))
    if view.verdict_more:
        w.note(view.verdict_more)
    for s in view.summary:
        w.para(s)
    w.heading(L("sections.chart"), 1)
    if png:
        doc.add_picture(io.BytesIO(png), width=Emu(w.width))
        w.note(L("chart.caption"))
        if chart_note:
            w.note(chart_note)
    else:
        w.para(view.chart_empty or L("chart.empty"))
    w.note(L("sections.how_to_read") + L("brief.colon") + L("summary.how_to_read"))
    w.heading(L("verdict.documents"), 2)
    w.table(["", L("brief.doc_a"), L("brief.doc_b")],
            [[[(k, False)], [(a, False)], [(b, False)]] for k, a, b in view.meta], [0.18, 0.41, 0.41])
    w.note(view.made)


def _task_rows(w: _Writer, view: View, style: dict[str, Any]) -> list[list[Any]]:
    """A's tasks and where B carries them on; B's heading shown as edits of A's when one carries one on."""
    colours, rows = style.get("colors", {}), []
    for t in view.task_pairs:
        edits = f"<w:p>{w.cell_ppr}{redline_runs(t.redline, colours, 200)}</w:p>"
        b_cell: Any = edits if overlap(t.redline) >= 0.5 \
            else [(b, False) for b in t.b]
        rows.append([[(t.a, False), (t.a_path, True)], b_cell, [(t.mark, False), (t.how, True)]])
    return rows


def _appendix(w: _Writer, view: View, style: dict[str, Any]) -> None:
    """Every figure of A and of B in the order of the text, each row a bookmark the changes link to."""
    L, tables = view.L, style.get("tables", {})
    number = 0
    for side in "ab":
        rows_a = view.appendix[side]
        w.heading(L.fmt("brief.count", label=L(f"sections.appendix_{side}"), n=len(rows_a)), 2)
        if not rows_a:
            w.para(L("brief.none"))
            continue
        body = []
        for r in rows_a:
            number += 1
            first = bookmarked(_para_xml([(r.metric, False), (r.id, True)], w.cell_ppr, w.detail_rpr),
                               bookmark_name(side, r.id), number)
            body.append([first, _fig(r.figure), [(r.kind, False)], [(r.status, False)],
                         [(f"“{r.quote}”", False), (r.section, True)]
                         + [(L("html.notes") + L("brief.colon") + short(n, 200), True) for n in r.notes]])
        w.table([L(f"columns.{k}") for k in ("metric", "figure", "kind", "status", "quote")], body,
                tables.get("appendix") or [0.16, 0.14, 0.12, 0.14, 0.44])


def _build(doc: Any, view: View, style: dict[str, Any], png: bytes | None, chart_note: str,
           map_png: bytes | None = None) -> None:
    w, L = _Writer(doc, view, style), view.L
    tables = style.get("tables", {})
    sec = doc.sections[0]
    hp = sec.header.paragraphs[-1] if sec.header.paragraphs and not sec.header.paragraphs[-1].text \
        else sec.header.add_paragraph()
    hp.add_run(_text(view.header))
    fp = sec.footer.paragraphs[-1] if sec.footer.paragraphs and not sec.footer.paragraphs[-1].text \
        else sec.footer.add_paragraph()
    _add_field_text(fp, L("brief.page"), {"n": "PAGE", "total": "NUMPAGES"})
    _page_one(w, view, png, chart_note)

    w.heading(L("sections.changes"), 1)
    w.note(L("wording.redline_legend"))
    for typ in CHANGE_TYPES:
        rows = view.changes[typ]
        w.heading(L.fmt("brief.count", label=L(f"types.{typ}"), n=len(rows)), 2)
        w.note(L(f"type_notes.{typ}"))
        if rows:
            _change_rows(w, typ, rows, style)
        else:
            w.para(L("brief.none"))

    w.heading(L("sections.alignment"), 1)
    _structure_map(w, view, style, map_png)
    w.heading(L("sections.tasks_pairs"), 2)
    w.note(L("alignment.legend"))
    if view.task_pairs:
        w.table([L("columns.task_a"), L("columns.task_b"), L("columns.confidence")],
                _task_rows(w, view, style),
                tables.get("tasks") or [0.42, 0.46, 0.12])
    else:
        w.para(L("brief.none"))
    for key, tasks in (("tasks_new", view.tasks_new), ("tasks_dropped", view.tasks_dropped)):
        w.heading(L.fmt("brief.count", label=L(f"sections.{key}"), n=len(tasks)), 2)
        for h, part in tasks:
            w.para(h + part, "List Bullet")
        if not tasks:
            w.para(L("brief.none"))

    doc.add_page_break()
    w.heading(L("sections.appendix"), 1)
    _appendix(w, view, style)


def _structure_map(w: _Writer, view: View, style: dict[str, Any], png: bytes | None) -> None:
    """The structure map as a picture with its explanation, then the same facts as a table."""
    from docx.shared import Emu

    from compare.render import structure_map as sm

    data, L = view.structure, view.L
    if data is None or png is None:
        return
    w.heading(L("structure.title"), 2)
    w.note(L("structure.note"))
    if data.folded:
        w.note(L.fmt("structure.folded", a=data.tasks[0], b=data.tasks[1],
                     max=int(style.get("structure_map", {}).get("max_rows", 52))))
    w.doc.paragraphs[-1].paragraph_format.keep_with_next = True
    w.doc.add_picture(io.BytesIO(png), width=Emu(w.width))
    rows = sm.table_rows(data, L) if data.folded else []  # unfolded, the task table below says the same
    if rows:
        w.heading(L("structure.table"), 2)
        w.table([L(f"structure.{k}") for k in ("col_a", "col_rel", "col_b")],
                [[[(a, False)], [(r, False)], [(b, False)]] for a, r, b in rows], [0.42, 0.16, 0.42])


def _set_properties(doc: Any, view: View, version: str) -> None:
    cp = doc.core_properties
    when = _epoch() or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    title = view.L.fmt("brief.doc_title", title=view.title, a=view.titles[0], b=view.titles[1])
    cp.title = _text(title)[:250]
    cp.author = "compare"
    cp.last_modified_by = "compare"
    cp.subject = _text(view.L("brief.subject"))
    cp.keywords = _text(view.L("brief.keywords"))
    cp.comments = _text(view.made)
    cp.category = "compare brief"
    cp.language = "zh-CN" if view.lang == "zh" else "en"
    cp.created = when
    cp.modified = when
    cp.last_printed = when
    cp.revision = 1
    cp.identifier = f"compare {version}".strip()




def render_docx(view: View, out: Path, style: dict[str, Any], template_dir: Path | None, font_file: Path,
                subfont: int = 0, version: str = "") -> None:
    """Write the brief as a DOCX to out, starting from the templates' brief.docx."""
    from docx import Document

    from compare.render import chart
    from compare.render.fonts import register
    from compare.render.labels import template_bytes

    try:
        doc = Document(io.BytesIO(template_bytes("brief.docx", template_dir)))
    except Exception as e:  # python-docx raises several kinds for a file that is not a Word document
        raise UsageError(f"the DOCX template cannot be opened: {e}", "restore templates/brief.docx",
                         path=str(Path(template_dir or ".") / "brief.docx")) from e
    east_asian(doc, overwrite=False)
    sec = doc.sections[0]
    width_pt = (int(sec.page_width or 0) - int(sec.left_margin or 0) - int(sec.right_margin or 0)) / 12700
    d = chart.drawing(view, width_pt, register(font_file, subfont), style)
    png = chart.to_png(d, font_file, subfont) if d is not None else None
    rows, total = chart.chart_rows(view, int(style.get("chart", {}).get("max_rows", 40)))
    note = view.L.fmt("chart.more", shown=len(rows), total=total) if total > len(rows) else ""
    from compare.render import structure_map as sm

    m = sm.drawing(view.structure, view.L, view.titles, width_pt, register(font_file, subfont), style) \
        if view.structure is not None else None
    map_png = chart.to_png(m, font_file, subfont, dpi=150) if m is not None else None
    _build(doc, view, style, png, note, map_png)
    _set_properties(doc, view, version)
    doc.save(str(out))
    when = _epoch()
    if when is not None:
        _fix_zip(out, when)
