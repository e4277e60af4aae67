"""Corrections in the briefs: the "corrected" mark every format prints, and the HTML page's controls.

The controls write a corrections file in the page itself (no server, no network): each change and alignment
link has a button that opens one shared panel; the panel's actions add entries, the page shows the TOML and
offers it for download as a Blob. The script is appended to the page's own and allowed by its hash.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

from compare.render.common import ChangeRow, TaskRow, View

SCRIPT = r"""
(function () {
  var panel = document.getElementById('corr-panel'), out = document.getElementById('corr-toml');
  if (!panel || !out) return;
  var entries = JSON.parse(out.getAttribute('data-prior') || '[]'), current = null, url = null;
  var count = document.getElementById('corr-count'), save = document.getElementById('corr-download');
  var noteBox = document.getElementById('corr-note'), what = document.getElementById('corr-what');
  function q(s) {
    return '"' + String(s).replace(/[\\"]/g, function (c) { return '\\' + c; })
      .replace(/[\u0000-\u001f\u007f]/g,
               function (c) { return '\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4); }) + '"';
  }
  function key(k) {
    return '{ ' + Object.keys(k).filter(function (f) { return k[f]; })
      .map(function (f) { return f + ' = ' + q(k[f]); }).join(', ') + ' }';
  }
  function toml() {
    var lines = [out.getAttribute('data-head'), ''];
    entries.forEach(function (e) {
      lines.push('[[' + e.kind + ']]');
      ['a', 'b'].forEach(function (s) { if (e[s]) lines.push(s + ' = ' + key(e[s])); });
      ['type', 'metric', 'note'].forEach(function (f) { if (e[f]) lines.push(f + ' = ' + q(e[f])); });
      lines.push('');
    });
    return lines.join('\n');
  }
  function refresh() {
    out.textContent = entries.length ? toml() : '';
    count.textContent = String(entries.length);
    save.disabled = entries.length === 0;
  }
  function parse(v) { return v ? JSON.parse(v) : null; }
  function item(btn) {
    return {corr: btn.getAttribute('data-corr'), type: btn.getAttribute('data-type'),
            a: parse(btn.getAttribute('data-a')), b: parse(btn.getAttribute('data-b')),
            label: btn.getAttribute('data-label')};
  }
  function show(sel, on) {
    Array.prototype.forEach.call(panel.querySelectorAll(sel), function (el) { el.hidden = !on; });
  }
  function partners(it) {
    var sel = document.getElementById('corr-partner'), want = it.a ? 'new' : 'dropped';
    while (sel.options.length) sel.remove(0);
    Array.prototype.forEach.call(document.querySelectorAll('button.corr-open[data-type="' + want + '"]'),
      function (b, i) { var o = document.createElement('option'); o.value = String(i);
        o.textContent = b.getAttribute('data-label'); o.partner = item(b); sel.appendChild(o); });
  }
  function open(btn) {
    current = item(btn);
    var change = current.corr === 'change', paired = change && !!(current.a && current.b);
    what.textContent = current.label;
    show('.corr-change', change); show('.corr-link', !change);
    show('.corr-paired', paired); show('.corr-lone', change && !paired);
    show('.corr-side-a', change && !!current.a); show('.corr-side-b', change && !!current.b);
    if (change && !paired) partners(current);
    panel.hidden = false;
  }
  function entry(kind, sides, extra) {
    var e = {kind: kind};
    sides.forEach(function (s) { e[s] = current[s]; });
    if (kind === 'pair' && extra.partner) {
      e.a = current.a || extra.partner.a; e.b = current.b || extra.partner.b;
    }
    if (extra.type) e.type = extra.type;
    if (extra.metric) e.metric = extra.metric;
    if (noteBox.value.trim()) e.note = noteBox.value.trim();
    return e;
  }
  function act(name, side) {
    var both = ['a', 'b'].filter(function (s) { return current[s]; }), e = null;
    if (name === 'close') { panel.hidden = true; return; }
    if (name === 'unpair' || name === 'unlink') e = entry(name, ['a', 'b'], {});
    if (name === 'not_target' || name === 'actual') e = entry(name, [side], {});
    if (name === 'pair') {
      var sel = document.getElementById('corr-partner'), o = sel.options[sel.selectedIndex];
      if (!o) return;
      e = entry('pair', [], {partner: o.partner});
    }
    if (name === 'set_type') e = entry('set_type', both, {type: document.getElementById('corr-type').value});
    if (name === 'rename') {
      var m = document.getElementById('corr-metric').value.trim();
      if (!m) return;
      e = entry('rename', both, {metric: m});
    }
    if (name === 'note') { if (!noteBox.value.trim()) return; e = entry('note', both, {}); }
    if (!e) return;
    entries.push(e); noteBox.value = ''; refresh();
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (t && t.classList && t.classList.contains('corr-open')) open(t);
    else if (t && t.getAttribute && t.getAttribute('data-act')) {
      act(t.getAttribute('data-act'), t.getAttribute('data-side'));
    }
  });
  document.getElementById('corr-undo').addEventListener('click', function () { entries.pop(); refresh(); });
  save.addEventListener('click', function () {
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(new Blob([toml()], {type: 'application/toml'}));
    var a = document.getElementById('corr-file') || document.createElement('a');
    a.id = 'corr-file'; a.href = url; a.download = 'corrections.toml'; a.textContent = 'corrections.toml';
    save.parentNode.appendChild(a);
    a.click();
  });
  refresh();
})();"""

CSS = """
.corr-open { font-size: 0.8em; padding: 0 0.4em; }
.corr-mark { color: #8a4b00; font-weight: bold; }
#corr-panel { position: fixed; right: 1em; bottom: 1em; max-width: 34em; background: #fff;
  border: 1px solid #888; padding: 0.6em; box-shadow: 0 2px 8px rgba(0,0,0,.25); z-index: 10; }
#corr-panel [hidden], #corr-panel[hidden] { display: none; }
#corr-panel p { margin: 0.3em 0; }
#corr-toml { white-space: pre-wrap; background: #f6f6f6; padding: 0.5em; min-height: 1em; }
"""


def e(text: Any) -> str:
    """Text made inert for HTML."""
    return escape(str(text), quote=True)


def corrected_label(corrected: str | None, L: Any) -> str:
    """The mark a renderer prints beside a corrected item: "" for the tool's own, "校正" or "校正：note"."""
    if corrected is None:
        return ""
    return L.fmt("corrections.mark_note", note=corrected) if corrected else L("corrections.mark")


def summary_lines(block: dict[str, Any], L: Any) -> list[str]:
    """Sentences for a brief's corrections: how many applied from which file, and each one that did not."""
    if not block:
        return []
    applied, missed = block.get("applied") or [], block.get("not_applied") or []
    lines = [L.fmt("corrections.applied", n=len(applied), file=str(block.get("file") or ""))]
    if missed:
        lines.append(L.fmt("corrections.not_applied", n=len(missed)))
        for m in missed:
            line = f" (line {m['line']})" if m.get("line") else ""
            where = f"[[{m.get('kind')}]] #{m.get('index')}{line}"
            lines.append(L.fmt("corrections.not_applied_item", entry=where, why=m.get("why", "")))
    return lines


def mark_html(corrected: str | None, L: Any) -> str:
    """The corrected mark as an HTML span, or nothing."""
    text = corrected_label(corrected, L)
    return f'<br><span class="corr-mark">{e(text)}</span>' if text else ""


def _button(L: Any, corr: str, typ: str, a: dict[str, str], b: dict[str, str], label: str) -> str:
    def data(k: dict[str, str]) -> str:
        return e(json.dumps(k, ensure_ascii=False)) if k else ""

    return (f'<button type="button" class="corr-open" data-corr="{corr}" data-type="{e(typ)}" '
            f'data-a="{data(a)}" data-b="{data(b)}" data-label="{e(label)}">'
            f'{e(L("corrections.open"))}</button>')


def change_cell(r: ChangeRow, L: Any) -> str:
    """The last cell of a change row: the corrected mark and the button that opens the panel."""
    label = f"{r.metric}: {r.a[0] or '—'} → {r.b[0] or '—'}"
    return f"<td>{_button(L, 'change', r.type, r.a_key, r.b_key, label)}{mark_html(r.corrected, L)}</td>"


def link_cells(t: TaskRow, L: Any, text_of: Callable[[str], str] = str) -> list[str]:
    """Each B task of an alignment row (as text_of shows it) with its corrected mark and its link's button."""
    out = []
    for i, head in enumerate(t.b):
        key = t.b_keys[i] if i < len(t.b_keys) else {}
        corrected = t.b_corrected[i] if i < len(t.b_corrected) else None
        out.append(e(text_of(head)) + " " + _button(L, "link", "", t.a_key, key, f"{t.a} → {head}")
                   + mark_html(corrected, L))
    return out


def _panel(L: Any) -> str:
    types = "".join(f'<option value="{t}">{e(L(f"types.{t}"))}</option>'
                    for t in ("escalated", "deescalated", "unchanged", "rebased"))

    def btn(act: str, label: str, cls: str, side: str = "") -> str:
        s = f' data-side="{side}"' if side else ""
        return f'<button type="button" class="{cls}" data-act="{act}"{s}>{e(L(label))}</button>'

    return "".join([
        f'<div id="corr-panel" role="dialog" aria-label="{e(L("corrections.title"))}" hidden>',
        '<p id="corr-what" class="muted"></p><p class="corr-change">',
        btn("unpair", "corrections.unpair", "corr-paired"),
        f'<label class="corr-lone">{e(L("corrections.pair_with"))} ',
        '<select id="corr-partner"></select></label>',
        btn("pair", "corrections.pair", "corr-lone"), "</p><p class=\"corr-change\">",
        btn("not_target", "corrections.not_target_a", "corr-side-a", "a"),
        btn("not_target", "corrections.not_target_b", "corr-side-b", "b"),
        btn("actual", "corrections.actual_a", "corr-side-a", "a"),
        btn("actual", "corrections.actual_b", "corr-side-b", "b"), "</p><p class=\"corr-change\">",
        f'<input id="corr-metric" aria-label="{e(L("corrections.metric"))}" '
        f'placeholder="{e(L("corrections.metric"))}"> ', btn("rename", "corrections.rename", "corr-rename"),
        '</p><p class="corr-change corr-paired">',
        f'<select id="corr-type" aria-label="{e(L("corrections.type"))}">'
        f'{types}</select> ', btn("set_type", "corrections.set_type", "corr-paired"), "</p>",
        f'<p class="corr-link">{btn("unlink", "corrections.unlink", "corr-link")}</p>',
        f'<p><input id="corr-note" aria-label="{e(L("corrections.note"))}" '
        f'placeholder="{e(L("corrections.note"))}"> ',
        btn("note", "corrections.add_note", "corr-any"), " ", btn("close", "corrections.close", "corr-any"),
        "</p></div>"])


def _prior(block: dict[str, Any]) -> str:
    """The entries of the file this brief was corrected with, in file order, for the page to start from."""
    both = [*(block.get("applied") or []), *(block.get("not_applied") or [])]
    records = sorted((r for r in both if isinstance(r, dict)),
                     key=lambda r: (r.get("line") or 0, str(r.get("kind")), r.get("index") or 0))
    entries = [{"kind": r.get("kind"), **(r.get("entry") or {})} for r in records]
    return json.dumps(entries, ensure_ascii=False)


def section(view: View) -> str:
    """The corrections section: what this brief's file did, the entries written on this page, download."""
    L = view.L
    head = " ".join(L.fmt("corrections.file_head", a=view.titles[0], b=view.titles[1]).split())
    lines = "".join(f"<p>{e(s)}</p>" for s in summary_lines(view.corrections, L))
    return (f'<section id="corrections"><h2>{e(L("corrections.title"))}</h2>{lines}'
            f'<p class="note">{e(L("corrections.help"))}</p>'
            f'<p>{e(L("corrections.count"))} <span id="corr-count">0</span> '
            f'<button type="button" id="corr-undo">{e(L("corrections.undo"))}</button> '
            f'<button type="button" id="corr-download" disabled>{e(L("corrections.download"))}</button></p>'
            f'<pre id="corr-toml" data-head="{e(head)}" data-prior="{e(_prior(view.corrections))}"></pre>'
            f'{_panel(L)}</section>')
