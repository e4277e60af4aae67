"""The batch index: index.csv, index.xlsx and index.html list every pair, its counts, status and outputs."""

from __future__ import annotations

import os
import time
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from compare.batch.jobs import INDEX_COLUMNS, INT_COLUMNS, BatchResult, IndexRow
from compare.model import CHANGE_TYPES

# ---------------------------------------------------------------- the index


def index_frame(rows: list[IndexRow], out_dir: Path):  # -> pandas.DataFrame
    """The index as a table: one row per pair, output paths relative to the index."""
    import pandas as pd

    recs = []
    for r in rows:
        rec = r.record()
        rec["outputs"] = "; ".join(_rel(o, out_dir) for o in r.outputs)
        recs.append(rec)
    frame = pd.DataFrame(recs, columns=INDEX_COLUMNS)
    for c in INT_COLUMNS:
        frame[c] = pd.array(frame[c].tolist(), dtype="Int64")
    return frame


def _rel(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return str(path)


def write_index(result: BatchResult, out_dir: Path) -> list[Path]:
    """index.csv, index.xlsx (pairs, timelines) and index.html, each written atomically."""
    import pandas as pd

    from compare.outputs import atomic_path, write_text
    from compare.render.tables import safe_cell

    out_dir = Path(out_dir)
    frame = index_frame(result.rows, out_dir)
    safe = frame.map(safe_cell) if hasattr(frame, "map") else frame.applymap(safe_cell)
    csv, xlsx, html = out_dir / "index.csv", out_dir / "index.xlsx", out_dir / "index.html"
    with atomic_path(csv) as tmp:
        safe.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    tracks = pd.DataFrame(
        [
            {
                "group": t.group,
                "documents": len(t.documents),
                "rows": t.rows,
                "status": t.status,
                "error": t.error,
                "outputs": "; ".join(_rel(o, out_dir) for o in t.outputs),
            }
            for t in result.tracks
        ],
        columns=["group", "documents", "rows", "status", "error", "outputs"],
    )
    tracks = tracks.map(safe_cell) if hasattr(tracks, "map") else tracks.applymap(safe_cell)
    with atomic_path(xlsx) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        safe.to_excel(xw, index=False, sheet_name="pairs")
        _tidy_sheet(xw.sheets["pairs"])
        if result.tracks:
            tracks.to_excel(xw, index=False, sheet_name="timelines")
            _tidy_sheet(xw.sheets["timelines"])
    write_text(html, index_html(result, out_dir))
    return [csv, xlsx, html]


def _tidy_sheet(ws: Any) -> None:
    """Freeze the header, add a filter and give columns a readable width."""
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col in ws.columns:
        longest = max((len(str(c.value)) if c.value is not None else 0) for c in col)
        ws.column_dimensions[col[0].column_letter].width = min(max(8, longest + 2), 60)


INDEX_CSS = (
    "\nbody{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\","
    "sans-serif;"
    "margin:2em;color:#222}\n"
    "h1{font-size:1.4em;margin-bottom:.2em} p.meta{color:#555;margin-top:0}\n"
    "table{border-collapse:collapse;font-size:.9em;width:100%} "
    "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}\n"
    "th{background:#f2f2f2;position:sticky;top:0} td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tr.failed td{background:#fdecea} tr.interrupted td{background:#fff6e0} "
    "td.err{color:#a00;font-size:.85em;max-width:40em}\n"
    "span.st{font-weight:bold} a{color:#0645ad;margin-right:.5em} small{color:#666} "
    "td.y{white-space:nowrap}\n"
)


def _link(path: str, out_dir: Path) -> str:
    """A link to an output, relative to the index, labelled with its format."""
    rel = _rel(path, out_dir)
    label = Path(path).suffix.lstrip(".").upper() or rel
    return f'<a href="{escape(quote(rel))}">{escape(label)}</a>'


def _num(v: int | None) -> str:
    return "" if v is None else str(v)


def _pair_row(r: IndexRow, out_dir: Path) -> str:
    """One pair of the index as an HTML table row."""
    if r.b:
        a, b = escape(r.title_a or Path(r.a).name), escape(r.title_b or Path(r.b).name)
        docs = f"{a}<br><small>→ {b}</small>"
    else:
        docs = escape(Path(r.a).name)
    years = f"{_num(r.year_a)} → {_num(r.year_b)}" if r.b else _num(r.year_a)
    title = f"<br><small>{escape(r.title)}</small>" if r.title else ""
    cells = [f"<td>{escape(r.name)}{title}</td>", f'<td class="y">{years}</td>', f"<td>{docs}</td>"]
    cells += [f'<td class="n">{_num(r.counts.get(t))}</td>' for t in CHANGE_TYPES]
    status = f'<span class="st">{escape(r.status)}</span>'
    if r.error:
        status += f'<div class="err">{escape(r.error)}</div>'
    cells += [f"<td>{status}</td>", "<td>" + "".join(_link(o, out_dir) for o in r.outputs) + "</td>",
              f'<td class="n">{r.seconds:.1f}</td>']
    return f'<tr class="{escape(r.status)}">' + "".join(cells) + "</tr>"


def _track_rows(result: BatchResult, out_dir: Path) -> list[str]:
    """The timelines table of the index (empty when the batch wrote none)."""
    if not result.tracks:
        return []
    parts = ["<h2>Timelines</h2><table><tr><th>series</th><th>documents</th><th>rows</th><th>status</th>"
             "<th>outputs</th></tr>"]
    for t in result.tracks:
        err = f'<div class="err">{escape(t.error)}</div>' if t.error else ""
        parts.append(f'<tr class="{escape(t.status)}"><td>{escape(t.group)}</td>'
                     f'<td class="n">{len(t.documents)}</td><td class="n">{t.rows or ""}</td>'
                     f"<td>{escape(t.status)}{err}</td><td>"
                     + "".join(_link(o, out_dir) for o in t.outputs) + "</td></tr>")
    parts.append("</table><h2>Pairs</h2>")
    return parts


def index_html(result: BatchResult, out_dir: Path) -> str:
    """A self-contained page linking every brief and timeline, with counts, status and errors."""
    from compare import __version__

    n, ok, sk = len(result.rows), result.count("ok"), result.count("skipped")
    bad = sum(1 for r in result.rows if not r.ok)
    head = ["pair", "years", "A → B", *CHANGE_TYPES, "status", "outputs", "seconds"]
    parts = ["<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
             "<title>compare batch index</title>", f"<style>{INDEX_CSS}</style></head><body>",
             "<h1>compare: batch index</h1>",
             f'<p class="meta">{n} pairs: {ok} done, {sk} up to date, {bad} failed or not run · '
             f"compare {escape(__version__)} · {time.strftime('%Y-%m-%d %H:%M')} · "
             '<a href="index.csv">CSV</a><a href="index.xlsx">XLSX</a></p>']
    parts += _track_rows(result, out_dir)
    parts.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>")
    parts += [_pair_row(r, out_dir) for r in result.rows]
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"
