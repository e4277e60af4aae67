"""The batch index: index.csv, index.xlsx and index.html list every pair, its counts, status and outputs."""

from __future__ import annotations

import os
import time
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from compare.batch.jobs import INDEX_COLUMNS, INT_COLUMNS, BatchResult, IndexRow
from compare.batch.plan import region_of
from compare.model import CHANGE_TYPES
from compare.render.labels import Labels

# ---------------------------------------------------------------- names a reader knows

# file-name region -> (full Chinese name, the short form found in titles, English name)
_PROVINCES = {
    "anhui": ("安徽省", "安徽", "Anhui"), "beijing": ("北京市", "北京", "Beijing"),
    "chongqing": ("重庆市", "重庆", "Chongqing"), "fujian": ("福建省", "福建", "Fujian"),
    "gansu": ("甘肃省", "甘肃", "Gansu"), "guangdong": ("广东省", "广东", "Guangdong"),
    "guangxi": ("广西壮族自治区", "广西", "Guangxi"), "guizhou": ("贵州省", "贵州", "Guizhou"),
    "hainan": ("海南省", "海南", "Hainan"), "hebei": ("河北省", "河北", "Hebei"),
    "heilongjiang": ("黑龙江省", "黑龙江", "Heilongjiang"), "henan": ("河南省", "河南", "Henan"),
    "hubei": ("湖北省", "湖北", "Hubei"), "hunan": ("湖南省", "湖南", "Hunan"),
    "jiangsu": ("江苏省", "江苏", "Jiangsu"), "jiangxi": ("江西省", "江西", "Jiangxi"),
    "jilin": ("吉林省", "吉林", "Jilin"), "liaoning": ("辽宁省", "辽宁", "Liaoning"),
    "neimenggu": ("内蒙古自治区", "内蒙古", "Inner Mongolia"),
    "ningxia": ("宁夏回族自治区", "宁夏", "Ningxia"),
    "qinghai": ("青海省", "青海", "Qinghai"), "shaanxi": ("陕西省", "陕西", "Shaanxi"),
    "shandong": ("山东省", "山东", "Shandong"), "shanghai": ("上海市", "上海", "Shanghai"),
    "shanxi": ("山西省", "山西", "Shanxi"), "sichuan": ("四川省", "四川", "Sichuan"),
    "tianjin": ("天津市", "天津", "Tianjin"), "xinjiang": ("新疆维吾尔自治区", "新疆", "Xinjiang"),
    "xizang": ("西藏自治区", "西藏", "Xizang"), "yunnan": ("云南省", "云南", "Yunnan"),
    "zhejiang": ("浙江省", "浙江", "Zhejiang"),
}


def _province_in(title: str) -> str:
    """The file-name key of the first province named in a title, or ""."""
    found = [(title.find(short), -len(short), key) for key, (_, short, _) in _PROVINCES.items()
             if short in title]
    return min(found)[2] if found else ""


def region_key(title: str, path: str) -> str:
    """The province a document is about: named in its title, else in its file name; "" when neither."""
    key = _province_in(title or "")
    if key:
        return key
    stem = region_of(path).lower() if path else ""
    return stem if stem in _PROVINCES else ""


def region_name(key: str, lang: str) -> str:
    """A province in the reader's language (云南省 / Yunnan)."""
    zh, _, en = _PROVINCES[key]
    return zh if lang == "zh" else en


def _year(y: int | None) -> str:
    return "" if y is None else str(y)


def _doc(title: str, path: str, year: int | None) -> str:
    """A document by its title (with its year when the title lacks it), else by its file name."""
    text = title or Path(path).name
    return f"{text} ({year})" if year and str(year) not in text else text


def pair_label(r: IndexRow, lang: str) -> str:
    """A pair as a reader names it: 云南省 2025 → 2026, else its two titles with their years."""
    if not r.b:
        return _doc(r.title_a, r.a, r.year_a)
    ka, kb = region_key(r.title_a, r.a), region_key(r.title_b, r.b)
    if not (ka and kb) and region_of(r.a) and region_of(r.a) == region_of(r.b):
        ka = kb = ka or kb  # one title names the region, both files are the same region's
    if ka and kb and r.year_a and r.year_b:
        if ka == kb:
            return f"{region_name(ka, lang)} {r.year_a} → {r.year_b}"
        return f"{region_name(ka, lang)} {r.year_a} → {region_name(kb, lang)} {r.year_b}"
    return f"{_doc(r.title_a, r.a, r.year_a)} → {_doc(r.title_b, r.b, r.year_b)}"


def _titled(title: str, path: str, lang: str) -> str:
    """A document's title, with its province put in front when the title leaves it out."""
    text = title or Path(path).name
    key = region_key(title, path)
    if key and not _province_in(text):
        return f"{region_name(key, lang)} {text}"
    return text


def index_lang(rows: list[IndexRow], lang: str | None) -> str:
    """--lang, else zh when the documents are Chinese (or untitled), else en."""
    from compare.render import _CJK

    if lang:
        return lang.lower()
    titles = " ".join(t for r in rows for t in (r.title_a, r.title_b) if t)
    return "zh" if not titles or _CJK.search(titles) else "en"


def index_labels(rows: list[IndexRow], lang: str | None, template_dir: Path | None = None) -> Labels:
    """The wording of the index, in its language (the bundled wording when a user's copy cannot be read)."""
    from compare.errors import CompareError
    from compare.render.labels import load_labels

    want = index_lang(rows, lang)
    try:
        return load_labels(want, template_dir)
    except CompareError:  # the pairs already reported the bad folder or language; the index lists them
        return load_labels(want if want in ("zh", "en") else "zh", None)


# ---------------------------------------------------------------- index.csv and index.xlsx


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


def write_index(result: BatchResult, out_dir: Path, lang: str | None = None,
                template_dir: Path | None = None) -> list[Path]:
    """index.csv (fixed column keys), index.xlsx and index.html (in the index's language), each atomic."""
    from compare.outputs import atomic_path, write_text
    from compare.render.tables import safe_cell
    from compare.render.xlsx import write_sheets

    out_dir = Path(out_dir)
    L = index_labels(result.rows, lang, template_dir)
    frame = index_frame(result.rows, out_dir)
    safe = frame.map(safe_cell) if hasattr(frame, "map") else frame.applymap(safe_cell)
    csv, xlsx, html = out_dir / "index.csv", out_dir / "index.xlsx", out_dir / "index.html"
    with atomic_path(csv) as tmp:
        safe.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    sheets = [pair_sheet(result.rows, out_dir, L)]
    if result.tracks:
        sheets.append(track_sheet(result, out_dir, L))
    write_sheets(sheets, xlsx)
    write_text(html, index_html(result, out_dir, L))
    return [csv, xlsx, html]


_SHEET_KEYS = ("pair", "years", *(k for k in INDEX_COLUMNS if k not in ("name", "key")), "name", "key")


def _status(status: str, L: Labels) -> str:
    return L(f"index.status_{status}") if status in ("ok", "skipped", "failed", "interrupted") else status


def _sheet_value(key: str, r: IndexRow, out_dir: Path, L: Labels) -> Any:
    """One cell of the pairs sheet: numbers as numbers, the status in words, outputs relative."""
    if key == "pair":
        return pair_label(r, L.lang)
    if key == "years":
        return f"{_year(r.year_a)} → {_year(r.year_b)}" if r.b else _year(r.year_a)
    if key in CHANGE_TYPES:
        return r.counts.get(key)
    if key == "status":
        return _status(r.status, L)
    if key == "outputs":
        return "; ".join(_rel(o, out_dir) for o in r.outputs)
    return getattr(r, key)


def _heading(key: str, L: Labels) -> str:
    return L({"name": "index.stem", "title": "index.title_col"}.get(key, f"index.{key}"))


def pair_sheet(rows: list[IndexRow], out_dir: Path, L: Labels):  # -> Sheet
    """The pairs of the index as a sheet: a reader's name for each pair first, headings in words."""
    from compare.render.sheets import Sheet

    return Sheet(L("index.pairs"), _SHEET_KEYS, tuple(_heading(k, L) for k in _SHEET_KEYS),
                 [[_sheet_value(k, r, out_dir, L) for k in _SHEET_KEYS] for r in rows])


def track_sheet(result: BatchResult, out_dir: Path, L: Labels):  # -> Sheet
    """The timelines of the batch as a sheet."""
    from compare.render.sheets import Sheet

    keys = ("group", "documents", "rows", "status", "error", "outputs")
    heads = tuple(L(f"index.{k}") for k in ("series", "doc_count", "rows", "status", "error", "outputs"))
    rows = [[t.group, len(t.documents), t.rows, _status(t.status, L), t.error,
             "; ".join(_rel(o, out_dir) for o in t.outputs)] for t in result.tracks]
    return Sheet(L("index.timelines"), keys, heads, rows)


# ---------------------------------------------------------------- index.html

INDEX_CSS = (
    "\nbody{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\","
    "sans-serif;"
    "margin:2em;color:#222}\n"
    "h1{font-size:1.4em;margin-bottom:.2em} p.meta{color:#555;margin-top:0}\n"
    "table{border-collapse:collapse;font-size:.9em;width:100%} "
    "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}\n"
    "th{background:#f2f2f2;position:sticky;top:0} td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "table.sortable th{cursor:pointer} th[aria-sort=ascending]::after{content:\" ▲\"} "
    "th[aria-sort=descending]::after{content:\" ▼\"}\n"
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


def _td_num(v: int | float | None, text: str = "") -> str:
    """A number cell the sort script orders by value."""
    shown = text or ("" if v is None else str(v))
    return f'<td class="n" data-sort="{"" if v is None else v}">{escape(shown)}</td>'


def _pair_row(r: IndexRow, out_dir: Path, L: Labels) -> str:
    """One pair of the index as an HTML table row."""
    if r.b:
        a, b = escape(_titled(r.title_a, r.a, L.lang)), escape(_titled(r.title_b, r.b, L.lang))
        docs = f"{a}<br><small>→ {b}</small>"
    else:
        docs = escape(Path(r.a).name)
    years = f"{_num(r.year_a)} → {_num(r.year_b)}" if r.b else _num(r.year_a)
    title = f"<br><small>{escape(r.title)}</small>" if r.title else ""
    cells = [f"<td>{escape(pair_label(r, L.lang))}{title}</td>",
             f'<td class="y" data-sort="{_num(r.year_a)}{_num(r.year_b)}">{years}</td>', f"<td>{docs}</td>"]
    cells += [_td_num(r.counts.get(t)) for t in CHANGE_TYPES]
    status = f'<span class="st">{escape(_status(r.status, L))}</span>'
    if r.error:
        status += f'<div class="err">{escape(r.error)}</div>'
    cells += [f"<td>{status}</td>", "<td>" + "".join(_link(o, out_dir) for o in r.outputs) + "</td>",
              _td_num(r.seconds, f"{r.seconds:.1f}"), f"<td><small>{escape(r.name)}</small></td>"]
    return f'<tr class="{escape(r.status)}">' + "".join(cells) + "</tr>"


def _table(head: list[str], rows: list[str]) -> str:
    """A sortable table: headings in a thead, rows in a tbody (what the sort script expects)."""
    ths = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "\n".join(rows)
    return f'<table class="sortable"><thead><tr>{ths}</tr></thead><tbody>\n{body}\n</tbody></table>'


def _track_rows(result: BatchResult, out_dir: Path, L: Labels) -> list[str]:
    """The timelines table of the index (empty when the batch wrote none)."""
    if not result.tracks:
        return []
    rows = []
    for t in result.tracks:
        err = f'<div class="err">{escape(t.error)}</div>' if t.error else ""
        rows.append(f'<tr class="{escape(t.status)}"><td>{escape(t.group)}</td>'
                    + _td_num(len(t.documents)) + _td_num(t.rows or None)
                    + f"<td>{escape(_status(t.status, L))}{err}</td><td>"
                    + "".join(_link(o, out_dir) for o in t.outputs) + "</td></tr>")
    head = [L(f"index.{k}") for k in ("series", "doc_count", "rows", "status", "outputs")]
    return [f"<h2>{escape(L('index.timelines'))}</h2>", _table(head, rows),
            f"<h2>{escape(L('index.pairs'))}</h2>"]


def index_html(result: BatchResult, out_dir: Path, L: Labels | None = None) -> str:
    """A self-contained page linking every brief and timeline, sortable, under a strict CSP."""
    from compare import __version__
    from compare.render.html import _csp_hash
    from compare.render.html_script import SCRIPT

    L = L or index_labels(result.rows, None)
    n, ok, sk = len(result.rows), result.count("ok"), result.count("skipped")
    bad = sum(1 for r in result.rows if not r.ok)
    csp = (f"default-src 'none'; style-src {_csp_hash(INDEX_CSS)}; script-src {_csp_hash(SCRIPT)}; "
           "base-uri 'none'; form-action 'none'")
    head = [L("index.pair"), L("index.years"), L("index.documents"), *(L(f"index.{t}") for t in CHANGE_TYPES),
            L("index.status"), L("index.outputs"), L("index.seconds"), L("index.stem")]
    meta = L.fmt("index.meta", n=n, ok=ok, skipped=sk, bad=bad)
    parts = ["<!DOCTYPE html>", f'<html lang="{"zh-CN" if L.lang == "zh" else escape(L.lang)}"><head>'
             '<meta charset="utf-8">', f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
             f"<title>{escape(L('index.title'))}</title>", f"<style>{INDEX_CSS}</style></head><body>",
             f"<h1>{escape(L('index.title'))}</h1>",
             f'<p class="meta">{escape(meta)} · {escape(L("index.sort_hint"))} · '
             f"compare {escape(__version__)} · {time.strftime('%Y-%m-%d %H:%M')} · "
             '<a href="index.csv">CSV</a><a href="index.xlsx">XLSX</a></p>']
    parts += _track_rows(result, out_dir, L)
    parts.append(_table(head, [_pair_row(r, out_dir, L) for r in result.rows]))
    parts.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(parts) + "\n"
