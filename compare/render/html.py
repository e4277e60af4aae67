"""The HTML brief: one self-contained page (inline CSS and SVG, an embedded font subset, strict CSP)."""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path
from typing import Any

from compare.redline import cap, redline_html, window
from compare.render import corrections_ui as corr
from compare.render.common import CHANGE_TYPES, ChangeRow, View, short
from compare.render.html_script import BASE_CSS, SCRIPT
from compare.render.side import Line, SideRow, SideTask, anchor, finished, places, side_rows, task_places

_MARK = "\x00"  # where a count goes in a heading, so the script can update it


def e(text: Any) -> str:
    """Document text made inert for HTML (tags, entities and quotes)."""
    return escape(str(text), quote=True)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _muted(text: str) -> str:
    return f'<br><span class="muted nw">{e(text)}</span>' if text else ""


def _fig(fig: tuple[str, str]) -> str:
    return f'<span class="nw">{e(fig[0])}</span>' + _muted(fig[1])


def _table(head: list[str], rows: list[str], cls: str = "sortable filterable") -> str:
    th = "".join(f'<th scope="col">{e(h)}</th>' for h in head)
    return (f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>\n' + "\n".join(rows)
            + "\n</tbody></table>")


class Page:
    """What the page's parts share: labels, quote length, and where each figure can be read."""

    def __init__(self, view: View, brief: dict[str, Any], qn: int = 70) -> None:
        self.view, self.L, self.qn = view, view.L, qn
        self.rows: list[SideRow] = side_rows(brief)
        self.places = {**task_places(brief), **places(self.rows)}
        self.whole = {str(t.get("heading") or ""): str(t.get("quote") or "")
                      for s in "ab" for t in (brief.get("tasks") or {}).get(s) or [] if isinstance(t, dict)}

    def heading(self, label: str, n: int, ident: str = "") -> str:
        """An h3 with its count in a span the filter updates."""
        before, _, after = self.L.fmt("brief.count", label=label, n=_MARK).partition(_MARK)
        attr = f' id="{ident}"' if ident else ""
        return f'<h3{attr}>{e(before)}<span class="n" data-total="{n}">{n}</span>{e(after)}</h3>'

    def place(self, side: str, tid: str) -> str:
        """Where a figure can be read: its highlight in the side-by-side view, its task, else the appendix."""
        return self.places.get((side, tid)) or anchor("app", side, tid)

    def task_text(self, text: str) -> str:
        """A task heading, ending in an ellipsis when the tool cut it."""
        return finished(text, self.whole.get(text, ""))

    def link(self, side: str, tid: str, text: str) -> str:
        """The section of a figure as a link to the place it can be read."""
        label = self.L(f"brief.doc_{side}")
        body = e(text or self.L("side.places"))
        return f'{e(label)}{e(self.L("brief.colon"))}<a href="#{self.place(side, tid)}">{body}</a>'


def _details(p: Page, r: ChangeRow) -> str:
    L = p.L
    a_, b_, sep, co = e(L("brief.doc_a")), e(L("brief.doc_b")), L("brief.list_sep"), e(L("brief.colon"))
    parts, summary = [], []
    for side, quote in (("a", r.a_quote), ("b", r.b_quote)):
        if quote:
            who = a_ if side == "a" else b_
            parts.append(f"<blockquote>{who}{co}{e(quote)}</blockquote>")
            summary.append(f"{who}{co}“{e(short(quote, p.qn))}”")
    if r.redline:  # B's clause as edits of A's, in place of the two quotes
        summary = [redline_html(cap(window(r.redline), p.qn * 2))]
    if r.qualifiers:
        parts.append(f'<p class="muted">{e(L("change.qualifiers"))}{co}{e(sep.join(r.qualifiers))}</p>')
    if r.reasons:
        parts.append(f'<p class="muted">{e(L("change.reasons"))}{co}{e(sep.join(r.reasons))}</p>')
    if r.doubtful:
        parts.append(f'<p class="muted">{e(L("certainty.low"))}</p>')
    shown = "<br>".join(summary) or e(L("html.expand"))
    return f"<details><summary>{shown}</summary>{''.join(parts)}</details>"


def _change_table(p: Page, typ: str, rows: list[ChangeRow]) -> str:
    L = p.L
    if typ in ("new", "dropped"):
        side = "b" if typ == "new" else "a"
        head = [L("columns.metric"), L(f"columns.{side}"), L("columns.section"), L("columns.quotes")]
        body = []
        for r in rows:
            fig, tid, where = (r.b, r.b_id, r.b_section) if side == "b" else (r.a, r.a_id, r.a_section)
            body.append(f"<tr><td>{e(r.metric)}</td><td>{_fig(fig)}</td><td>{p.link(side, tid, where)}</td>"
                        f"<td>{_details(p, r)}</td>{corr.change_cell(r, L)}</tr>")
        return _table([*head, L("corrections.column")], body)
    head = [L("columns.metric"), L("columns.a"), L("columns.b"), L("columns.change"), L("columns.section"),
            L("columns.quotes")]
    body = []
    for r in rows:
        sort = f"{r.ratio:.6g}" if r.ratio else ""
        body.append(f"<tr><td>{e(r.metric)}</td><td>{_fig(r.a)}</td><td>{_fig(r.b)}</td>"
                    f'<td class="num" data-sort="{sort}">{e(r.change)}</td>'
                    f"<td>{p.link('a', r.a_id, r.a_section)}<br>{p.link('b', r.b_id, r.b_section)}</td>"
                    f"<td>{_details(p, r)}</td>{corr.change_cell(r, L)}</tr>")
    return _table([*head, L("corrections.column")], body)


def _changes(p: Page) -> list[str]:
    L = p.L
    h = [f'<section id="changes"><h2>{e(L("sections.changes"))}</h2>',
         f'<input id="filter" class="filter" type="search" placeholder="{e(L("html.filter"))}" '
         f'aria-label="{e(L("html.filter"))}"> <span class="muted">{e(L("html.sort"))}</span>']
    for typ in CHANGE_TYPES:
        rows = p.view.changes[typ]
        h.append(f'<div class="group">{p.heading(L(f"types.{typ}"), len(rows), f"changes-{typ}")}'
                 f'<p class="note">{e(L(f"type_notes.{typ}"))}</p>')
        h.append((_change_table(p, typ, rows) if rows else f'<p>{e(L("brief.none"))}</p>') + "</div>")
    h.append("</section>")
    return h


def _certainty(score: float, L: Any) -> str:
    return str(L("certainty." + ("high" if score >= 0.75 else "medium" if score >= 0.5 else "low")))


def _alignment(p: Page, map_svg: str) -> list[str]:
    L, view = p.L, p.view
    h = [f'<section id="alignment"><h2>{e(L("sections.alignment"))}</h2>',
         f'<h3>{e(L("structure.title"))}</h3><p class="note">{e(L("structure.note"))}</p>\n{map_svg}\n'
         if map_svg else "",
         '<div class="group">', p.heading(L("sections.tasks_pairs"), len(view.task_pairs)),
         f'<p class="note">{e(L("side.alignment_legend"))}</p>']
    if view.task_pairs:
        rows = [f"<tr><td>{e(p.task_text(t.a))}{_muted(t.a_path)}</td>"
                f'<td>{"<br>".join(corr.link_cells(t, L, p.task_text))}</td>'
                f'<td data-sort="{t.score:.3f}">{e(_certainty(t.score, L))}</td></tr>'
                for t in view.task_pairs]
        h.append(_table([L("columns.task_a"), L("columns.task_b"), L("columns.confidence")], rows))
    else:
        h.append(f'<p>{e(L("brief.none"))}</p>')
    h.append("</div>")
    for key, tasks in (("tasks_new", view.tasks_new), ("tasks_dropped", view.tasks_dropped)):
        h.append(p.heading(L(f"sections.{key}"), len(tasks)))
        h.append("<ul>" + "".join(f'<li>{e(p.task_text(t))}<span class="muted">{e(x)}</span></li>'
                                  for t, x in tasks) + "</ul>" if tasks else f'<p>{e(L("brief.none"))}</p>')
    h.append("</section>")
    return h


def _line_html(t: SideTask, line: Line, marked: set[str]) -> str:
    """A line of text with each figure highlighted and linked to its appendix row (anchored once)."""
    out, at = [], 0
    for s in line.spans:
        out.append(e(line.text[at:s.start]))
        ident = f' id="{anchor("place", t.side, s.target)}"' if t.first and s.target not in marked else ""
        marked.add(s.target)
        out.append(f'<mark class="fig"{ident}><a href="#{anchor("app", t.side, s.target)}">'
                   f"{e(line.text[s.start:s.end])}</a></mark>")
        at = s.end
    return "".join(out) + e(line.text[at:]) + ("…" if line.cut else "")


def _task_html(t: SideTask, L: Any) -> str:
    """A task: its place in the outline, its text, and the quotes of its figures the text does not show."""
    marked: set[str] = set()
    lines = [_line_html(t, x, marked) for x in t.lines]
    body = lines[0] if lines and t.id else ""
    extra = lines[1:] if t.id else lines
    body += "".join(f'<br><span class="quote">“{x}”</span>' for x in extra)
    ident = f' id="{anchor("task", t.side, t.id)}"' if t.first and t.id else ""
    path = t.path if t.id else L("side.loose")
    head = f'<span class="muted">{e(path)}</span><br>' if path else ""
    return f'<div class="task" data-task="{e(t.id)}"{ident}>{head}{body}</div>'


def _side(p: Page) -> list[str]:
    L = p.L
    h = [f'<section id="side"><h2>{e(L("side.title"))}</h2><p class="note">{e(L("side.note"))}</p>']
    body = []
    for row in p.rows:
        a = "".join(_task_html(t, L) for t in row.a) or f'<span class="muted">{e(L("side.only_b"))}</span>'
        b = "".join(_task_html(t, L) for t in row.b) or f'<span class="muted">{e(L("side.only_a"))}</span>'
        body.append(f"<tr><td>{a}</td><td>{b}</td></tr>")
    if body:
        h.append('<div class="group">' + _table([L("brief.doc_a"), L("brief.doc_b")], body, "side filterable")
                 + "</div>")
    else:
        h.append(f'<p>{e(L("brief.none"))}</p>')
    h.append("</section>")
    return h


def _appendix(p: Page) -> list[str]:
    L = p.L
    h = [f'<section id="appendix"><h2>{e(L("sections.appendix"))}</h2>']
    for side in "ab":
        rows_a = p.view.appendix[side]
        h.append(f'<div class="group">{p.heading(L(f"sections.appendix_{side}"), len(rows_a))}')
        if not rows_a:
            h.append(f'<p>{e(L("brief.none"))}</p></div>')
            continue
        body = [f'<tr id="{anchor("app", side, r.id)}"><td>{e(r.metric)}<br>'
                f'<a class="muted" href="#{p.place(side, r.id)}">{e(r.id)}</a></td><td>{_fig(r.figure)}</td>'
                f"<td>{e(r.kind)}</td><td>{e(r.status)}</td><td>“{e(r.quote)}”"
                + (f'<br><span class="muted">{e(r.section)}</span>' if r.section else "")
                + "".join(f'<br><span class="muted">{e(L("html.notes"))}{e(L("brief.colon"))}{e(n)}</span>'
                          for n in r.notes)
                + "</td></tr>" for r in rows_a]
        h.append(_table([L("columns.metric"), L("columns.figure"), L("columns.kind"), L("columns.status"),
                         L("columns.quote")], body) + "</div>")
    h.append("</section>")
    return h


def _head(p: Page, css: str, script: str, version: str) -> list[str]:
    L, view = p.L, p.view
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
           "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    lang = "zh-CN" if view.lang == "zh" else "en"
    h = [f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">',
         f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         f'<meta name="generator" content="compare {e(version)}">',
         f"<title>{e(L.fmt('brief.doc_title', title=view.title, a=view.titles[0], b=view.titles[1]))}"
         "</title>",
         f"<style>{css}</style>\n</head>\n<body>",
         f'<header><p class="muted">{e(view.header)}</p><h1>{e(view.title)}</h1>',
         '<table class="meta"><thead><tr><th></th>'
         f'<th scope="col">{e(L("brief.doc_a"))}</th><th scope="col">{e(L("brief.doc_b"))}</th>'
         "</tr></thead><tbody>"]
    h += [f'<tr><th scope="row">{e(k)}</th><td>{e(a)}</td><td>{e(b)}</td></tr>' for k, a, b in view.meta]
    h.append(f'</tbody></table><p class="muted">{e(view.made)}</p></header>')
    sections = [("summary", L("sections.summary")), ("chart", L("sections.chart")),
                ("changes", L("sections.changes")), ("alignment", L("sections.alignment")),
                ("side", L("side.title")), ("appendix", L("sections.appendix")),
                ("corrections", L("corrections.title"))]
    h.append(f'<nav><strong>{e(L("html.contents"))}</strong><ol>'
             + "".join(f'<li><a href="#{k}">{e(t)}</a></li>' for k, t in sections) + "</ol></nav>")
    return h


def _summary(p: Page, svg: str | None, chart_note: str) -> list[str]:
    L, view = p.L, p.view
    h = [f'<section id="summary"><h2>{e(L("sections.summary"))}</h2>']
    h += [f"<p>{e(s)}</p>" for s in view.summary]
    h.append(f'<h3>{e(L("verdict.heading"))}</h3>')
    h.append("<ol>" + "".join(f"<li>{e(n)}</li>" for n in view.notable) + "</ol>" if view.notable
             else f'<p>{e(L("summary.no_notable"))}</p>')
    h.append(f'<p class="note"><strong>{e(L("sections.how_to_read"))}</strong>{e(L("brief.colon"))}'
             f'{e(L("summary.how_to_read"))}</p></section>')
    h.append(f'<section id="chart"><h2>{e(L("sections.chart"))}</h2>')
    if svg:
        h.append(f'<p>{e(L("chart.title"))}</p>\n{svg}\n<p class="caption">{e(L("chart.caption"))}</p>')
        if chart_note:
            h.append(f'<p class="caption">{e(chart_note)}</p>')
    else:
        h.append(f'<p>{e(view.chart_empty or L("chart.empty"))}</p>')
    h.append("</section>")
    return h


def page(view: View, css: str, svg: str | None, chart_note: str, qn: int = 70, version: str = "",
         brief: dict[str, Any] | None = None, map_svg: str = "") -> str:
    """The whole HTML document as a string."""
    p = Page(view, brief or {}, qn)
    css = css + BASE_CSS + corr.CSS
    script = SCRIPT + corr.SCRIPT
    h = _head(p, css, script, version) + _summary(p, svg, chart_note) + _changes(p) + _alignment(p, map_svg)
    h += _side(p)
    h += _appendix(p)
    h.append(corr.section(p.view))
    h.append(f"<script>{script}</script>\n</body>\n</html>\n")
    return "\n".join(h)


def render_html(view: View, out: Path, style: dict[str, Any], template_dir: Path | None, font_file: Path,
                subfont: int = 0, version: str = "", brief: dict[str, Any] | None = None) -> None:
    """Write the brief as one self-contained HTML file to out, with the font subset its text needs."""
    from compare.render import chart
    from compare.render.fonts import register
    from compare.render.labels import template_bytes
    from compare.render.webfont import font_face, page_chars

    css = template_bytes("brief.css", template_dir).decode("utf-8", "replace").replace("</", "<\\/")
    d = chart.drawing(view, 640.0, register(font_file, subfont), style)
    svg = chart.to_svg(d, view.L("chart.title")) if d is not None else None
    rows, total = chart.chart_rows(view, int(style.get("chart", {}).get("max_rows", 40)))
    note = view.L.fmt("chart.more", shown=len(rows), total=total) if total > len(rows) else ""
    qn = int(style.get("tables", {}).get("quote_chars", 70))
    from compare.render.structure_map import structure_map_svg

    map_svg = structure_map_svg(view.structure, view.L, view.titles, register(font_file, subfont), style) \
        if view.structure is not None else ""
    plain = page(view, css, svg, note, qn, version, brief, map_svg)
    face = font_face(font_file, page_chars(plain), subfont)
    out.write_text(page(view, face + css, svg, note, qn, version, brief, map_svg), encoding="utf-8")
