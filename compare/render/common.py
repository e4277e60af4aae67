"""What every brief format shows, computed once from the brief dict: text, figures, changes, rows."""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from compare.corrections_match import corrected_of, target_key, task_key
from compare.redline import redline
from compare.render import structure_map
from compare.render.labels import Labels, say
from compare.render.notices import caveats, unread_lines
from compare.render.text import clean, short
from compare.render.verdict import accounting, verdict, weigh

CHANGE_TYPES = ("escalated", "deescalated", "rebased", "unchanged", "new", "dropped")
RANKED = ("escalated", "deescalated", "unchanged")
_CJK = re.compile("[\u3400-\u9fff]")
def fmt_number(value: Any) -> str:
    """A base-unit number the way a Chinese plan writes it: 50000 → 5万, 1.2e12 → 1.2万亿."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return clean(value)
    if not math.isfinite(v):
        return str(v)
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(v) >= size and abs(v / size - round(v / size, 4)) < 1e-9:
            return f"{v / size:.4g}{word}" if v / size < 1e4 else f"{v / size:.0f}{word}"
    return f"{v:.6g}" if abs(v) < 1e6 else f"{v:.0f}"


def number_text(value: Any, L: Labels) -> str:
    """A number in the brief's language: 1.2万亿 in Chinese, 1.2 trillion in English."""
    if L.lang == "zh":
        return fmt_number(value)
    try:
        v = float(value)
    except (TypeError, ValueError):
        return clean(value)
    for size, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if abs(v) >= size:
            return f"{v / size:.4g}{word}"
    return f"{v:,.6g}" if abs(v) < 1e6 else f"{v:,.0f}"


def unit_text(unit: str, L: Labels) -> str:
    """A unit as the brief's language writes it: units.<unit> in the labels, else as written."""
    if L.lang == "zh" or not unit or unit == "%":
        return unit
    return L(f"units.{unit}", " " + unit) if unit in (L.data.get("units") or {}) else " " + unit


def fmt_ratio(ratio: float) -> str:
    """A ratio with two significant decimals at most: 3.2, 0.87, 12."""
    if ratio >= 10:
        return f"{ratio:.0f}"
    text = f"{ratio:.2f}" if ratio < 1 else f"{ratio:.2f}".rstrip("0").rstrip(".")
    return text


def fmt_delta(delta: float) -> tuple[str, str]:
    """A signed difference as (sign, magnitude): (+, 2.0), (−, 0.5)."""
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return sign, f"{abs(delta):.1f}" if abs(delta) < 100 else f"{abs(delta):.0f}"


# Words of a written figure that already say how it bounds: 以内, 以上, 左右, 不超过, 突破…
COMPARATOR_WORDS = re.compile(r"以内|以下|以上|左右|上下|不超过|不高于|不低于|不少于|超过|突破|低于|高于|"
                              r"约|近|多|余")


def figure_parts(t: dict[str, Any] | None, L: Labels) -> tuple[str, str]:
    """A target's figure as written (with 力争/下降 when the wording lost them) and its basis and year."""
    if not t:
        return L("brief.empty"), ""
    written = clean(t.get("written"))
    if L.lang != "zh" and _CJK.search(written):
        written = ""  # an English brief writes the figure from its value and a translated unit
    if not written:
        if t.get("low") is not None and t.get("high") is not None:
            core = L.fmt("figure.range", low=fmt_number(t["low"]), high=fmt_number(t["high"]))
        else:
            core = number_text(t.get("value"), L)
        core += unit_text(clean(t.get("unit")), L)
        comp = L(f"comparator.{t.get('comparator', '=')}", " ").strip()
        written = core + ((" " if L.lang != "zh" and comp else "") + comp)
    comparator = t.get("comparator")
    bounds = comparator in ("<=", ">=", "~") and not COMPARATOR_WORDS.search(written)
    if L.lang == "zh" and written and bounds:
        written += L(f"comparator.{comparator}", "")  # 控制在5%和3%以内: the shared 以内 shown on 5% too
    if t.get("direction") == "down" and not re.search("下降|降低|减少|减|降", written):
        written = L.fmt("figure.down", figure=written)
    if t.get("stretch") and not re.search("力争|争取|冲击", written):
        written = L.fmt("figure.stretch", figure=written)
    detail = [L(f"basis.{t.get('basis')}", clean(t.get("basis")))] if t.get("basis") else []
    if t.get("year"):
        detail.append(L.fmt("figure.year", year=t["year"]))
    return written, L("figure.sep").join(d for d in detail if d)


def section_text(t: dict[str, Any] | None, depth: int = 2) -> str:
    """The last depth levels of a target's section path, joined with ›."""
    if not t:
        return ""
    path = t.get("section") or []
    if isinstance(path, str):
        path = [path]
    return " › ".join(short(p, 60) for p in list(path)[-depth:] if p)


def ratio_of(c: dict[str, Any], ta: dict[str, Any] | None, tb: dict[str, Any] | None) -> float | None:
    """B's figure over A's: the change's own ratio, else computed when both sides share a unit."""
    r = c.get("ratio")
    if isinstance(r, (int, float)) and math.isfinite(r) and r > 0:
        return float(r)
    if ta and tb and ta.get("unit") == tb.get("unit"):
        try:
            va, vb = float(ta["value"]), float(tb["value"])
        except (KeyError, TypeError, ValueError):
            return None
        if va > 0 and vb > 0:
            return vb / va
    return None


def change_text(c: dict[str, Any], ta: dict[str, Any] | None, tb: dict[str, Any] | None, L: Labels) -> str:
    """The change column: ×1.5, −1.0个百分点, 持平, or 累计 → 新增 for a changed basis."""
    typ = c.get("type")
    if typ in ("new", "dropped"):
        return ""
    if typ == "rebased":
        parts = []
        if ta and tb and ta.get("basis") != tb.get("basis"):
            parts.append(L.fmt("change.basis", a=L(f"basis.{ta.get('basis')}", clean(ta.get("basis"))),
                               b=L(f"basis.{tb.get('basis')}", clean(tb.get("basis")))))
        if ta and tb and ta.get("unit") != tb.get("unit"):
            parts.append(L.fmt("change.unit", a=clean(ta.get("unit")) or "—", b=clean(tb.get("unit")) or "—"))
        return L("figure.sep").join(parts) or L(f"types.{typ}")
    if typ == "unchanged":
        return L("change.same")
    unit = (ta or tb or {}).get("unit")
    delta = c.get("delta")
    if unit == "%" and isinstance(delta, (int, float)) and math.isfinite(delta):
        sign, mag = fmt_delta(float(delta))
        return L.fmt("change.points", sign=sign, delta=mag)
    r = ratio_of(c, ta, tb)
    return L.fmt("change.ratio", ratio=fmt_ratio(r)) if r else L(f"types.{typ}")


def brief_date() -> str:
    """Today, or the day SOURCE_DATE_EPOCH names (UTC) so rebuilt briefs are identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.lstrip("-").isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return _dt.date.today().isoformat()


@dataclass
class ChangeRow:
    """One row of a change table."""

    type: str
    metric: str
    a: tuple[str, str]
    b: tuple[str, str]
    change: str
    a_section: str
    b_section: str
    a_quote: str
    b_quote: str
    qualifiers: list[str]
    reasons: list[str]
    confidence: float
    ratio: float | None
    doubtful: bool
    a_key: dict[str, str] = field(default_factory=dict)  # how a corrections file names each figure
    b_key: dict[str, str] = field(default_factory=dict)
    corrected: str | None = None  # None: the tool's judgement; else the analyst's note ("" for none)
    a_id: str = ""  # the figures' ids, so a page can link to their places
    b_id: str = ""
    unit: str = ""
    redline: list[dict[str, Any]] = field(default_factory=list)
    weight: float = 1.0
    rank: int = 0
    delta: float | None = None


@dataclass
class TaskRow:
    """An A task and the B tasks that carry it on."""

    a: str
    a_path: str
    b: list[str]
    mark: str
    how: str
    score: float
    a_key: dict[str, str] = field(default_factory=dict)  # how a corrections file names each task
    b_keys: list[dict[str, str]] = field(default_factory=list)
    b_corrected: list[str | None] = field(default_factory=list)  # per B task, as ChangeRow.corrected
    redline: list[dict[str, Any]] = field(default_factory=list)
    a_id: str = ""
    b_ids: list[str] = field(default_factory=list)


@dataclass
class FigureRow:
    """One figure of a document, for the appendix."""

    id: str
    metric: str
    figure: tuple[str, str]
    kind: str
    status: str
    section: str
    quote: str
    notes: list[str]


@dataclass
class View:
    """The whole brief as the renderers lay it out."""

    L: Labels
    lang: str
    title: str
    titles: tuple[str, str]
    header: str
    meta: list[tuple[str, str, str]]
    made: str
    summary: list[str]
    notable: list[str]
    changes: dict[str, list[ChangeRow]]
    task_pairs: list[TaskRow]
    tasks_new: list[tuple[str, str]]
    tasks_dropped: list[tuple[str, str]]
    appendix: dict[str, list[FigureRow]] = field(default_factory=dict)
    corrections: dict[str, Any] = field(default_factory=dict)  # the brief's corrections block, when any
    verdict: list[str] = field(default_factory=list)
    verdict_refs: list[list[tuple[str, str]]] = field(default_factory=list)
    verdict_more: str = ""
    counts: list[str] = field(default_factory=list)
    pair_line: str = ""
    figure_ids: set[tuple[str, str]] = field(default_factory=set)
    structure: Any = None  # structure_map.MapData
    chart_empty: str = ""  # what to say when no paired figure moved


def doc_title(doc: dict[str, Any], fallback: str) -> str:
    """A document's title, else its file name, else A or B."""
    return clean(doc.get("title")) or PurePath(clean(doc.get("path")) or fallback).name or fallback


def _list(value: Any) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, (list, tuple)) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in _list(value) if isinstance(v, dict)]


def confidence_mark(score: Any, L: Labels) -> str:
    """●●● / ●●○ / ●○○ for a score in [0, 1], the low mark telling the reader to check."""
    s = float(score) if isinstance(score, (int, float)) else 0.0
    if s >= 0.75:
        return L("alignment.high")
    return L("alignment.medium") if s >= 0.5 else L("wording.low_mark", L("alignment.low"))


def plain(item: Any, L: Labels) -> str:
    """A reason or qualifier in plain words: comparators as words, no raw similarity score."""
    if isinstance(item, dict) and item.get("code") == "metric_similar":
        return L("wording.metric_similar")
    if isinstance(item, dict) and item.get("code") == "comparator_changed":
        args = item.get("args") or {}
        a, b = (L(f"comparator.{v}", str(v)).strip() if v in _COMPARATORS else clean(v)
                for v in (args.get("a"), args.get("b")))
        if not a or not b:
            return L.fmt("wording.comparator_added", b=b) if b else L.fmt("wording.comparator_removed", a=a)
        return L.fmt("reason.comparator_changed", a=a, b=b)
    return clean(say(item, L))


_COMPARATORS = (">=", ">", "=", "~", "<=", "<")


def _meta(docs: dict[str, dict[str, Any]], L: Labels) -> list[tuple[str, str, str]]:
    def row(key: str, get: Any) -> tuple[str, str, str]:
        return (L(f"title_block.{key}"), get(docs["a"]), get(docs["b"]))

    return [
        row("title", lambda d: clean(d.get("title")) or L("brief.empty")),
        row("issuer", lambda d: clean(d.get("issuer")) or L("brief.empty")),
        row("year", lambda d: clean(d.get("year")) or L("brief.empty")),
        row("date", lambda d: clean(d.get("date")) or L("brief.empty")),
        row("file", lambda d: PurePath(clean(d.get("path"))).name or L("brief.empty")),
        row("sha256", lambda d: clean(d.get("sha256"))[:12] or L("brief.empty")),
        row("chars", lambda d: f"{d['chars']:,}" if isinstance(d.get("chars"), int) else L("brief.empty")),
    ]


def _change_rows(brief: dict[str, Any], changes: list[dict[str, Any]], by_id: dict[str, dict[str, Any]],
                 L: Labels, weights: dict[str, Any] | None) -> dict[str, list[ChangeRow]]:
    """The change tables' rows by type, each with its redline, policy weight and rank."""
    rows: dict[str, list[ChangeRow]] = {t: [] for t in CHANGE_TYPES}
    info = weigh({**brief, "changes": changes}, weights)
    for k, c in enumerate(changes):
        typ = c.get("type")
        if typ not in rows:
            continue
        ta, tb = by_id["a"].get(clean(c.get("a"))), by_id["b"].get(clean(c.get("b")))
        conf = c.get("confidence", 1.0)
        conf = float(conf) if isinstance(conf, (int, float)) else 1.0
        text = change_text(c, ta, tb, L)
        doubtful = conf < 0.6
        rows[typ].append(ChangeRow(
            type=typ,
            metric=short(clean(c.get("metric")) or clean((ta or tb or {}).get("metric")) or "—", 120),
            a=figure_parts(ta, L) if ta or c.get("a") else ("", ""),
            b=figure_parts(tb, L) if tb or c.get("b") else ("", ""),
            change=text + (L("change.low_confidence") if doubtful and text else ""),
            a_section=section_text(ta, 1), b_section=section_text(tb, 1),
            a_quote=clean((ta or {}).get("quote")), b_quote=clean((tb or {}).get("quote")),
            qualifiers=[short(plain(q, L), 80) for q in _list(c.get("qualifiers"))[:6]],
            reasons=[short(plain(r, L), 300) for r in _list(c.get("reasons"))[:6]],
            confidence=conf, ratio=ratio_of(c, ta, tb) if typ in RANKED else None, doubtful=doubtful,
            a_key=target_key(ta) if ta else {}, b_key=target_key(tb) if tb else {}, corrected=corrected_of(c),
            a_id=clean(c.get("a")), b_id=clean(c.get("b")), unit=clean((ta or tb or {}).get("unit")),
            redline=redline(clean(ta.get("quote")), clean(tb.get("quote"))) if ta and tb else [],
            weight=info[k]["weight"], rank=info[k]["rank"], delta=_delta(c, ta, tb)))
    return rows


_BOUNDARY = set("。；，、！？：;,.!?:\n“”\"（）()《》 \t")


def marked_cut(quote: str, source: str) -> str:
    """The quote with … where it was cut out of its source mid-clause (…职业技能培 → …职业技能培…)."""
    if not quote or not source or quote.startswith("…") and quote.endswith("…"):
        return quote
    i = source.find(quote.strip("…"))
    if i < 0:
        return quote
    j = i + len(quote.strip("…"))
    head = "…" if i > 0 and source[i - 1] not in _BOUNDARY and quote[0] not in _BOUNDARY else ""
    tail = "…" if j < len(source) and source[j] not in _BOUNDARY and quote[-1] not in _BOUNDARY else ""
    return head + quote.strip("…") + tail if head or tail else quote


def _with_cuts_marked(targets: list[dict[str, Any]], tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Targets whose quotes show with … where the clause was cut from its task's text."""
    source = {clean(t.get("id")): clean(t.get("quote")) for t in tasks}
    out = []
    for t in targets:
        q = clean(t.get("quote"))
        marked = marked_cut(q, source.get(clean(t.get("task")), ""))
        out.append(dict(t, quote=marked) if marked != q else t)
    return out


def _delta(c: dict[str, Any], ta: dict[str, Any] | None, tb: dict[str, Any] | None) -> float | None:
    """B's figure minus A's (the lower ends of ranges), for percentage points."""
    d = c.get("delta")
    if isinstance(d, (int, float)) and math.isfinite(d):
        return float(d)
    try:
        return float((tb or {})["value"]) - float((ta or {})["value"])
    except (KeyError, TypeError, ValueError):
        return None


def build_view(brief: dict[str, Any], L: Labels, appendix_chars: int = 400,
               weights: dict[str, Any] | None = None, map_rows: int = 52) -> View:
    """Turn the brief dict into the rows, sentences and labels every format renders."""
    docs = {s: (brief.get("documents") or {}).get(s) or {} for s in "ab"}
    titles = (doc_title(docs["a"], "A"), doc_title(docs["b"], "B"))
    tasks = {s: _dicts((brief.get("tasks") or {}).get(s)) for s in "ab"}
    targets = {s: _with_cuts_marked(_dicts((brief.get("targets") or {}).get(s)), tasks[s]) for s in "ab"}
    by_id = {s: {clean(t.get("id")): t for t in targets[s]} for s in "ab"}
    changes = _dicts(brief.get("changes"))
    alignment = _dicts(brief.get("alignment"))

    rows = _change_rows(brief, changes, by_id, L, weights)
    for typ in CHANGE_TYPES:
        rows[typ].sort(key=lambda r: r.rank)

    ids = {s: [clean(t.get("id")) for t in tasks[s]] for s in "ab"}
    heads = {s: {clean(t.get("id")): clean(t.get("heading")) or " › ".join(map(clean, _list(t.get("path"))))
                 for t in tasks[s]} for s in "ab"}
    kept_a = {clean(p.get("a")) for p in alignment}
    kept_b = {clean(p.get("b")) for p in alignment}
    new_b = [i for i in ids["b"] if i not in kept_b]
    dropped_a = [i for i in ids["a"] if i not in kept_a]
    work = {s: {clean(t.get("id")) for t in tasks[s] if t.get("level") != "part"} for s in "ab"}  # not parts
    summary = [L.fmt("summary.tasks", tasks_a=len(work["a"]), kept=len(work["a"] & kept_a),
                     tasks_new=len(work["b"] - kept_b), tasks_dropped=len(work["a"] - kept_a))]
    model = clean(_dict(brief.get("config")).get("semantic_model"))
    if model:
        summary.append(L.fmt("summary.semantic_model", model=model))
    summary = caveats(docs, L) + summary
    counts_text = accounting(brief, L) + unread_lines(docs, L)
    items, more = verdict({**brief, "changes": changes}, L, lambda t: figure_parts(t, L)[0], weights)
    notable = [it.text for it in items]
    if not notable:
        notable = [L.fmt("verdict.all_unchanged", n=len(rows["unchanged"]))] if rows["unchanged"] else []

    return View(
        L=L, lang=L.lang, title=L("brief.title"), titles=titles,
        header=L.fmt("brief.header", a=short(titles[0], 32), b=short(titles[1], 32)),
        meta=_meta(docs, L),
        made=L.fmt("brief.made", date=brief_date(),
                   version=clean((brief.get("tool") or {}).get("version")) or "?"),
        summary=summary + counts_text, notable=notable, changes=rows,
        verdict=notable, verdict_refs=[it.refs for it in items], counts=counts_text,
        verdict_more=L.fmt("verdict.later", n=more) if more else "",
        pair_line=L.fmt("brief.header", a=titles[0], b=titles[1]),
        figure_ids={(s, clean(t.get("id"))) for s in "ab" for t in targets[s]},
        structure=structure_map.build(brief, map_rows),
        chart_empty=_chart_empty(rows, L),
        task_pairs=_task_pairs(alignment, tasks, heads, L),
        tasks_new=[(heads["b"].get(i) or i, _part(tasks["b"], i, L)) for i in new_b],
        tasks_dropped=[(heads["a"].get(i) or i, _part(tasks["a"], i, L)) for i in dropped_a],
        appendix={s: _appendix(targets[s], changes, s, L, appendix_chars) for s in "ab"},
        corrections=_dict(brief.get("corrections")),
    )


def _chart_empty(rows: dict[str, list[ChangeRow]], L: Labels) -> str:
    """What page 1 says in place of the chart when no paired figure moved."""
    if rows["unchanged"] or rows["rebased"]:
        return L.fmt("verdict.chart_unmoved", unchanged=len(rows["unchanged"]), rebased=len(rows["rebased"]))
    return L("chart.empty")


def _part(tasks: list[dict[str, Any]], tid: str, L: Labels) -> str:
    part = next((t.get("part") for t in tasks if clean(t.get("id")) == tid), "forward")
    return "" if part in (None, "forward") else L(f"alignment.part_{part}", "")


def _task_pairs(alignment: list[dict[str, Any]], tasks: dict[str, list[dict[str, Any]]],
                heads: dict[str, dict[str, str]], L: Labels) -> list[TaskRow]:
    order = {clean(t.get("id")): i for i, t in enumerate(tasks["a"])}
    paths = {clean(t.get("id")): " › ".join(clean(p) for p in _list(t.get("path"))[:-1]) for t in tasks["a"]}
    by_id = {s: {clean(t.get("id")): t for t in tasks[s]} for s in "ab"}
    grouped: dict[str, list[dict[str, Any]]] = {}
    relation = dict(zip(map(id, alignment), structure_map.relations(alignment), strict=True))
    for p in alignment:
        grouped.setdefault(clean(p.get("a")), []).append(p)
    out = []
    for aid, pairs in sorted(grouped.items(), key=lambda kv: order.get(kv[0], len(order))):
        score = max(float(p["score"]) if isinstance(p.get("score"), (int, float)) else 0.0 for p in pairs)
        b = [heads["b"].get(clean(p.get("b"))) or clean(p.get("b")) for p in pairs]
        methods = [L(f"method.{clean(p.get('method'))}", clean(p.get("method"))) for p in pairs
                   if p.get("method")] if score >= 0.5 else []
        relations = [L(f"structure.{relation[id(p)]}") for p in pairs]
        how = L("brief.list_sep").join(dict.fromkeys(relations + methods))
        a = heads["a"].get(aid) or aid
        out.append(TaskRow(a=a, a_path=paths.get(aid, ""), b=b, mark=confidence_mark(score, L), how=how,
                           score=score, redline=redline(a, b[0]) if len(b) == 1 else [], a_id=aid,
                           b_ids=[clean(p.get("b")) for p in pairs],
                           a_key=task_key(by_id["a"].get(aid) or {}),
                           b_keys=[task_key(by_id["b"].get(clean(p.get("b"))) or {}) for p in pairs],
                           b_corrected=[corrected_of(p) for p in pairs]))
    return out


def _appendix(targets: list[dict[str, Any]], changes: list[dict[str, Any]], side: str, L: Labels,
              n: int) -> list[FigureRow]:
    status: dict[str, list[str]] = {}
    for c in changes:
        if c.get(side) is not None and c.get("type") in CHANGE_TYPES:
            status.setdefault(clean(c.get(side)), []).append(L(f"types.{c['type']}"))
    ordered = sorted(enumerate(targets), key=lambda it: (
        it[1].get("offset") if isinstance(it[1].get("offset"), (int, float)) else math.inf, it[0]))
    out = []
    for _, t in ordered:
        tid = clean(t.get("id"))
        if t.get("kind") == "actual":
            st = L("status.actual")
        else:
            st = L("brief.list_sep").join(dict.fromkeys(status.get(tid, []))) or L("status.uncounted")
        out.append(FigureRow(id=tid, metric=short(clean(t.get("metric")) or "—", 120),
                             figure=figure_parts(t, L),
                             kind=L(f"kind.{t.get('kind', 'target')}", clean(t.get("kind"))), status=st,
                             section=section_text(t, 3), quote=short(clean(t.get("quote")), n),
                             notes=[short(clean(say(x, L)), 300) for x in _list(t.get("notes"))[:5]]))
    return out
