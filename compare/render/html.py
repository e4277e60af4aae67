"""The HTML brief: one self-contained page (inline CSS, SVG and a small script under a strict CSP)."""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path
from typing import Any

from compare.redline import cap, redline_html, window
from compare.render.common import CHANGE_TYPES, ChangeRow, View, short

SCRIPT = """(function () {
  function key(td) {
    var v = td.getAttribute('data-sort');
    if (v !== null && v !== '' && !isNaN(+v)) return +v;
    return (td.textContent || '').trim();
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (t) {
    var ths = t.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, i) {
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(ths, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = key(x.cells[i]), b = key(y.cells[i]);
          var r = (typeof a === 'number' && typeof b === 'number') ? a - b : String(a).localeCompare(String(b), 'zh');
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
    });
  });
  var f = document.getElementById('filter');
  if (f) f.addEventListener('input', function () {
    var q = f.value.trim().toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll('table.filterable tbody tr'), function (r) {
      r.classList.toggle('hidden', q !== '' && r.textContent.toLowerCase().indexOf(q) < 0);
    });
  });
})();"""
BASE_CSS = "\ntr.hidden { display: none; }\n"


def e(text: Any) -> str:
    """Document text made inert for HTML (tags, entities and quotes)."""
    return escape(str(text), quote=True)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _muted(text: str) -> str:
    return f'<br><span class="muted">{e(text)}</span>' if text else ""


def _fig(fig: tuple[str, str]) -> str:
    return e(fig[0]) + _muted(fig[1])


def _table(head: list[str], rows: list[str], cls: str = "sortable filterable") -> str:
    th = "".join(f'<th scope="col">{e(h)}</th>' for h in head)
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>\n' + "\n".join(rows) + "\n</tbody></table>"


def _details(r: ChangeRow, L: Any, qn: int) -> str:
    a_, b_, sep = e(L("brief.doc_a")), e(L("brief.doc_b")), L("brief.list_sep")
    co = e(L("brief.colon"))
    parts, summary = [], []
    if r.a_quote:
        parts.append(f"<blockquote>{a_}{co}{e(r.a_quote)}</blockquote>")
        summary.append(f"{a_}{co}“{e(short(r.a_quote, qn))}”")
    if r.b_quote:
        parts.append(f"<blockquote>{b_}{co}{e(r.b_quote)}</blockquote>")
        summary.append(f"{b_}{co}“{e(short(r.b_quote, qn))}”")
    if r.redline:  # B's clause as edits of A's, in place of the two quotes
        summary = [redline_html(cap(window(r.redline), qn * 2))]
    if r.qualifiers:
        parts.append(f'<p class="muted">{e(L("change.qualifiers"))}{co}{e(sep.join(r.qualifiers))}</p>')
    if r.reasons:
        parts.append(f'<p class="muted">{e(L("change.reasons"))}{co}{e(sep.join(r.reasons))}</p>')
    if r.doubtful:
        parts.append(f'<p class="muted">{e(L("verdict.doubtful"))}</p>')
    return f"<details><summary>{'<br>'.join(summary) or e(L('html.expand'))}</summary>{''.join(parts)}</details>"


def _change_table(typ: str, rows: list[ChangeRow], L: Any, qn: int) -> str:
    a_, b_, co = e(L("brief.doc_a")), e(L("brief.doc_b")), e(L("brief.colon"))
    if typ in ("new", "dropped"):
        side = "b" if typ == "new" else "a"
        head = [L("columns.metric"), L(f"columns.{side}"), L("columns.section"), L("columns.quotes")]
        body = [f"<tr><td>{e(r.metric)}</td><td>{_fig(r.b if side == 'b' else r.a)}</td>"
                f"<td>{e(r.b_section if side == 'b' else r.a_section)}</td><td>{_details(r, L, qn)}</td></tr>"
                for r in rows]
        return _table(head, body)
    head = [L("columns.metric"), L("columns.a"), L("columns.b"), L("columns.change"), L("columns.section"),
            L("columns.quotes")]
    body = []
    for r in rows:
        sort = f"{r.ratio:.6g}" if r.ratio else ""
        body.append(f"<tr><td>{e(r.metric)}</td><td>{_fig(r.a)}</td><td>{_fig(r.b)}</td>"
                    f'<td class="num" data-sort="{sort}">{e(r.change)}</td>'
                    f"<td>{a_}{co}{e(r.a_section or '—')}<br>{b_}{co}{e(r.b_section or '—')}</td>"
                    f"<td>{_details(r, L, qn)}</td></tr>")
    return _table(head, body)


def page(view: View, css: str, svg: str | None, chart_note: str, qn: int = 70, version: str = "",
         map_svg: str = "") -> str:
    """The whole HTML document as a string."""
    L = view.L
    css = css + BASE_CSS
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(SCRIPT)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    lang = "zh-CN" if view.lang == "zh" else "en"
    sections = [("summary", L("sections.summary")), ("chart", L("sections.chart")),
                ("changes", L("sections.changes")), ("alignment", L("sections.alignment")),
                ("appendix", L("sections.appendix"))]
    h: list[str] = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="compare {e(version)}">',
        f"<title>{e(L.fmt('brief.doc_title', title=view.title, a=view.titles[0], b=view.titles[1]))}</title>",
        f"<style>{css}</style>\n</head>\n<body>",
        f'<header><p class="muted">{e(view.header)}</p><h1>{e(view.title)}</h1>',
        '<table class="meta"><thead><tr><th></th>'
        f'<th scope="col">{e(L("brief.doc_a"))}</th><th scope="col">{e(L("brief.doc_b"))}</th></tr></thead><tbody>',
    ]
    h += [f'<tr><th scope="row">{e(k)}</th><td>{e(a)}</td><td>{e(b)}</td></tr>' for k, a, b in view.meta]
    h.append(f'</tbody></table><p class="muted">{e(view.made)}</p></header>')
    h.append(f'<nav><strong>{e(L("html.contents"))}</strong><ol>'
             + "".join(f'<li><a href="#{k}">{e(t)}</a></li>' for k, t in sections) + "</ol></nav>")

    h.append(f'<section id="summary"><h2>{e(L("sections.summary"))}</h2>')
    h += [f"<p>{e(s)}</p>" for s in view.summary]
    h.append(f'<h3>{e(L("verdict.heading"))}</h3>')
    h.append("<ol>" + "".join(f"<li>{e(n)}</li>" for n in view.notable) + "</ol>" if view.notable
             else f'<p>{e(L("summary.no_notable"))}</p>')
    h.append(f'<p class="note"><strong>{e(L("sections.how_to_read"))}</strong>{e(L("brief.colon"))}{e(L("summary.how_to_read"))}</p>'
             "</section>")

    h.append(f'<section id="chart"><h2>{e(L("sections.chart"))}</h2>')
    if svg:
        h.append(f'<p>{e(L("chart.title"))}</p>\n{svg}\n<p class="caption">{e(L("chart.caption"))}</p>')
        if chart_note:
            h.append(f'<p class="caption">{e(chart_note)}</p>')
    else:
        h.append(f'<p>{e(view.chart_empty or L("chart.empty"))}</p>')
    h.append("</section>")

    h.append(f'<section id="changes"><h2>{e(L("sections.changes"))}</h2>')
    h.append(f'<input id="filter" class="filter" type="search" placeholder="{e(L("html.filter"))}" '
             f'aria-label="{e(L("html.filter"))}"> <span class="muted">{e(L("html.sort"))}</span>')
    for typ in CHANGE_TYPES:
        rows = view.changes[typ]
        h.append(f'<h3 id="changes-{typ}">{e(L.fmt("brief.count", label=L(f"types.{typ}"), n=len(rows)))}</h3>'
                 f'<p class="note">{e(L(f"type_notes.{typ}"))}</p>')
        h.append(_change_table(typ, rows, L, qn) if rows else f'<p>{e(L("brief.none"))}</p>')
    h.append("</section>")

    h.append(f'<section id="alignment"><h2>{e(L("sections.alignment"))}</h2>'
             + (f'<h3>{e(L("structure.title"))}</h3><p class="note">{e(L("structure.note"))}</p>\n{map_svg}\n'
                if map_svg else "")
             + f'<h3>{e(L("sections.tasks_pairs"))}</h3><p class="note">{e(L("alignment.legend"))}</p>')
    if view.task_pairs:
        rows = [f"<tr><td>{e(t.a)}{_muted(t.a_path)}</td>"
                f'<td>{"<br>".join(e(b) for b in t.b)}</td>'
                f'<td data-sort="{t.score:.3f}">{e(t.mark)}<br><span class="muted">{e(t.how)}</span></td></tr>'
                for t in view.task_pairs]
        h.append(_table([L("columns.task_a"), L("columns.task_b"), L("columns.confidence")], rows))
    else:
        h.append(f'<p>{e(L("brief.none"))}</p>')
    for key, tasks in (("tasks_new", view.tasks_new), ("tasks_dropped", view.tasks_dropped)):
        h.append(f'<h3>{e(L.fmt("brief.count", label=L(f"sections.{key}"), n=len(tasks)))}</h3>')
        h.append("<ul>" + "".join(f'<li>{e(t)}<span class="muted">{e(p)}</span></li>' for t, p in tasks) + "</ul>"
                 if tasks else f'<p>{e(L("brief.none"))}</p>')
    h.append("</section>")

    h.append(f'<section id="appendix"><h2>{e(L("sections.appendix"))}</h2>')
    for side in "ab":
        rows_a = view.appendix[side]
        h.append(f'<h3>{e(L.fmt("brief.count", label=L(f"sections.appendix_{side}"), n=len(rows_a)))}</h3>')
        if not rows_a:
            h.append(f'<p>{e(L("brief.none"))}</p>')
            continue
        body = [f'<tr><td>{e(r.metric)}<br><span class="muted">{e(r.id)}</span></td><td>{_fig(r.figure)}</td>'
                f"<td>{e(r.kind)}</td><td>{e(r.status)}</td><td>“{e(r.quote)}”"
                + (f'<br><span class="muted">{e(r.section)}</span>' if r.section else "")
                + "".join(f'<br><span class="muted">{e(L("html.notes"))}{e(L("brief.colon"))}{e(n)}</span>' for n in r.notes)
                + "</td></tr>" for r in rows_a]
        h.append(_table([L("columns.metric"), L("columns.figure"), L("columns.kind"), L("columns.status"),
                         L("columns.quote")], body))
    h.append(f"</section>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
    return "\n".join(h)


def render_html(view: View, out: Path, style: dict[str, Any], template_dir: Path | None, font_file: Path,
                subfont: int = 0, version: str = "") -> None:
    """Write the brief as one self-contained HTML file to out."""
    from compare.render import chart
    from compare.render.fonts import register
    from compare.render.labels import template_bytes

    css = template_bytes("brief.css", template_dir).decode("utf-8", "replace").replace("</", "<\\/")
    d = chart.drawing(view, 640.0, register(font_file, subfont), style)
    svg = chart.to_svg(d, view.L("chart.title")) if d is not None else None
    rows, total = chart.chart_rows(view, int(style.get("chart", {}).get("max_rows", 40)))
    note = view.L.fmt("chart.more", shown=len(rows), total=total) if total > len(rows) else ""
    qn = int(style.get("tables", {}).get("quote_chars", 70))
    from compare.render.structure_map import structure_map_svg

    map_svg = structure_map_svg(view.structure, view.L, view.titles, register(font_file, subfont), style) \
        if view.structure is not None else ""
    out.write_text(page(view, css, svg, note, qn, version, map_svg), encoding="utf-8")
