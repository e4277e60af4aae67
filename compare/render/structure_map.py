"""The structure map: A's outline on the left, B's on the right, a line per alignment link.

Merges (several lines into one B item) and splits (one A item fanning out) show at a glance; items with no
line are marked dropped (A) or new (B). The layout is shared by every format: a reportlab Drawing for the
PDF, the same Drawing as PNG for the DOCX (chart.to_png) and as inline SVG for the HTML (structure_map_svg).

Legibility: one label per row, rows `row_height` points apart, labels at `font_size` points (never below 7)
and cut with … to their column. When either side would need more than `max_rows` rows (parts and tasks
together; 52 by default, what fits one A4 page), the map folds to parts: one row per part, and a line's width
says how many task links it stands for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

RELATIONS = ("carries_on", "merged", "split")


@dataclass
class Item:
    """One row of one side: a part heading or a task."""

    id: str
    label: str
    level: str  # "part" or "task"
    linked: bool = False
    tasks: int = 1  # in a folded map: how many tasks the part holds


@dataclass
class Link:
    """A line between a row of A and a row of B."""

    a: int
    b: int
    relation: str
    score: float
    count: int = 1


@dataclass
class MapData:
    """Both outlines as rows, the links between them, and whether the map was folded to parts."""

    a: list[Item] = field(default_factory=list)
    b: list[Item] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    folded: bool = False
    tasks: tuple[int, int] = (0, 0)


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def part_of(task: dict[str, Any]) -> str:
    """The part a task belongs to: its own id for a part, else the nearest heading above it, else none."""
    if task.get("level") == "part":
        return ""
    path = [p for p in task.get("path") or [] if p]
    return _s(path[-1]) if path else ""


def relations(alignment: list[dict[str, Any]]) -> list[str]:
    """Each link's relation: as recorded, else derived (one A item in several links = split, several into one
    B item = merged, else carries_on)."""
    per_a = Counter(_s(p.get("a")) for p in alignment)
    per_b = Counter(_s(p.get("b")) for p in alignment)
    out = []
    for p in alignment:
        rel = p.get("relation")
        if rel not in RELATIONS:
            rel = (
                "split"
                if per_a[_s(p.get("a"))] > 1
                else "merged"
                if per_b[_s(p.get("b"))] > 1
                else "carries_on"
            )
        out.append(str(rel))
    return out


def _outline(tasks: list[dict[str, Any]]) -> tuple[list[Item], dict[str, int], dict[str, str]]:
    """Rows of one side in document order (a part above its tasks), row by task id, part by id."""
    rows: list[Item] = []
    where: dict[str, int] = {}
    parts: dict[str, str] = {}
    seen: dict[str, int] = {}
    for t in tasks:
        tid = _s(t.get("id"))
        label = _s(t.get("heading")) or " › ".join(map(_s, t.get("path") or [])) or tid
        if t.get("level") == "part":
            seen.setdefault(label, len(rows))
            where[tid], parts[tid] = len(rows), label
            rows.append(Item(tid, label, "part"))
            continue
        part = part_of(t)
        parts[tid] = part or label
        if part and part not in seen:
            seen[part] = len(rows)
            rows.append(Item("part:" + part, part, "part", tasks=0))
        where[tid] = len(rows)
        rows.append(Item(tid, label, "task"))
    return rows, where, parts


def build(brief: dict[str, Any], max_rows: int = 52) -> MapData:
    """The map's rows and links from the brief's tasks and alignment, folded to parts past max_rows."""
    tasks = {s: [t for t in (brief.get("tasks") or {}).get(s) or [] if isinstance(t, dict)] for s in "ab"}
    alignment = [p for p in brief.get("alignment") or [] if isinstance(p, dict)]
    rels = relations(alignment)
    (ra, wa, pa), (rb, wb, pb) = _outline(tasks["a"]), _outline(tasks["b"])
    counts = (
        sum(1 for t in tasks["a"] if t.get("level") != "part"),
        sum(1 for t in tasks["b"] if t.get("level") != "part"),
    )
    if max(len(ra), len(rb)) <= max_rows:
        links = [
            Link(wa[_s(p.get("a"))], wb[_s(p.get("b"))], rel, _score(p))
            for p, rel in zip(alignment, rels, strict=True)
            if _s(p.get("a")) in wa and _s(p.get("b")) in wb
        ]
        return _mark(MapData(ra, rb, links, False, counts))
    return _mark(_folded(tasks, alignment, rels, (pa, pb), counts, max_rows))


def _score(p: dict[str, Any]) -> float:
    s = p.get("score")
    return float(s) if isinstance(s, (int, float)) else 0.0


def _folded(
    tasks: dict[str, list[dict[str, Any]]],
    alignment: list[dict[str, Any]],
    rels: list[str],
    parts: tuple[dict[str, str], dict[str, str]],
    counts: tuple[int, int],
    max_rows: int,
) -> MapData:
    """One row per part; a link per pair of parts that share task links, its count the number of them."""
    rows: dict[str, list[Item]] = {}
    index: dict[str, dict[str, int]] = {}
    for s, part_by in zip("ab", parts, strict=True):
        order: dict[str, int] = {}
        items: list[Item] = []
        for t in tasks[s]:
            name = part_by.get(_s(t.get("id")), "")
            if name not in order:
                order[name] = len(items)
                items.append(Item("part:" + name, name, "part", tasks=0))
            items[order[name]].tasks += 0 if t.get("level") == "part" else 1
        rows[s], index[s] = items[:max_rows], order
    grouped: dict[tuple[int, int], Link] = {}
    for p, rel in zip(alignment, rels, strict=True):
        ia = index["a"].get(parts[0].get(_s(p.get("a")), ""), max_rows)
        ib = index["b"].get(parts[1].get(_s(p.get("b")), ""), max_rows)
        if ia >= max_rows or ib >= max_rows:
            continue
        link = grouped.setdefault((ia, ib), Link(ia, ib, rel, _score(p), 0))
        link.count += 1
        link.score = max(link.score, _score(p))
    links = list(grouped.values())
    per_a, per_b = Counter(k.a for k in links), Counter(k.b for k in links)
    for k in links:
        k.relation = "split" if per_a[k.a] > 1 else "merged" if per_b[k.b] > 1 else "carries_on"
    return MapData(rows["a"], rows["b"], links, True, counts)


def _mark(data: MapData) -> MapData:
    """Flag the rows that have a line; a part heading counts as linked when any of its tasks is."""
    for k in data.links:
        data.a[k.a].linked = True
        data.b[k.b].linked = True
    for side in (data.a, data.b):
        for i, item in enumerate(side):
            if item.level == "part" and not item.linked and item.id.startswith("part:") and not data.folded:
                j = i + 1
                while j < len(side) and side[j].level == "task":
                    item.linked = item.linked or side[j].linked
                    j += 1
    return data


def table_rows(data: MapData, L: Any) -> list[tuple[str, str, str]]:
    """The same facts as the map, as (A item, relation, B item) rows, then the unlinked items."""
    out = [
        (
            data.a[k.a].label,
            L(f"structure.{k.relation}") + (L.fmt("structure.count", n=k.count) if data.folded else ""),
            data.b[k.b].label,
        )
        for k in sorted(data.links, key=lambda k: (k.a, k.b))
    ]
    out += [(it.label, L("structure.dropped"), "") for it in data.a if not it.linked and _countable(it, data)]
    out += [("", L("structure.new"), it.label) for it in data.b if not it.linked and _countable(it, data)]
    return out


def _countable(item: Item, data: MapData) -> bool:
    return data.folded or item.level == "task" or not item.id.startswith("part:")


_COLOURS = {"carries_on": "#4d4d4d", "merged": "#1f6fb2", "split": "#d35400"}


def _fit(text: str, width: float, font: str, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _row_font(item: Item, fs: float) -> float:
    return fs + 0.5 if item.level == "part" else fs


def drawing(data: MapData, L: Any, titles: tuple[str, str], width: float, font: str, style: dict[str, Any]):  # noqa: ANN201
    """The map as a reportlab Drawing `width` points wide, or None when neither side has an outline."""
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not data.a and not data.b:
        return None
    cfg = style.get("structure_map", {})
    fs = max(float(cfg.get("font_size", 7.5)), 7.0)
    rh = max(float(cfg.get("row_height", 11)), fs * 1.3)
    col = width * float(cfg.get("label_fraction", 0.36))
    head = 34.0
    rows = max(len(data.a), len(data.b), 1)
    d = Drawing(width, head + rows * rh + 4, initialFontName=font, initialFontSize=fs)
    top = d.height - head
    _header(d, L, titles, width, col, font, fs, d.height)
    # the shorter outline is spread over the same height, so a merge fans in rather than bunching at the top
    ys = {
        s: [top - rows * rh / len(items) * (i + 0.5) for i in range(len(items))]
        for s, items in (("a", data.a), ("b", data.b))
        if items
    }
    lanes = [stringWidth(L(f"structure.{k}"), font, 7.0) + 8 for k in ("dropped", "new")]  # room for the tags
    for k in sorted(data.links, key=lambda k: RELATIONS.index(k.relation) if k.relation in RELATIONS else 0):
        _line(d, k, col + lanes[0], ys["a"][k.a], width - col - lanes[1], ys["b"][k.b], data.folded)
    for side, items in (("a", data.a), ("b", data.b)):
        for i, item in enumerate(items):
            _label(d, item, side, ys[side][i], width, col, font, fs, data, L, _indented(items, i))
    return d


def _indented(items: list[Item], i: int) -> bool:
    """A task row sits under a part heading row."""
    if items[i].level != "task":
        return False
    j = i - 1
    while j >= 0 and items[j].level == "task":
        j -= 1
    return j >= 0


def _header(
    d: Any, L: Any, titles: tuple[str, str], width: float, col: float, font: str, fs: float, height: float
) -> None:
    """Column titles and the legend of line styles."""
    from reportlab.graphics.shapes import Line, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for x, anchor, key, title in ((0.0, "start", "a", titles[0]), (width, "end", "b", titles[1])):
        text = _fit(L.fmt(f"structure.column_{key}", title=title), col, font, fs + 0.5)
        d.add(
            String(
                x,
                height - 10,
                text,
                fontName=font,
                fontSize=fs + 0.5,
                textAnchor=anchor,
                fillColor=colors.HexColor("#1f3b5c"),
            )
        )
    x = col + 6
    for rel in RELATIONS:
        colour = colors.HexColor(_COLOURS[rel])
        d.add(
            Line(
                x,
                height - 22,
                x + 14,
                height - 22,
                strokeColor=colour,
                strokeWidth=1.2,
                strokeDashArray=[3, 2] if rel == "split" else None,
            )
        )
        text = L(f"structure.{rel}")
        d.add(String(x + 17, height - 24.5, text, fontName=font, fontSize=fs))
        x += 24 + stringWidth(text, font, fs)


def _line(d: Any, k: Link, x0: float, y0: float, x1: float, y1: float, folded: bool) -> None:
    from reportlab.graphics.shapes import Line
    from reportlab.lib import colors

    width = 0.6 + 0.5 * min(k.count, 6) if folded else (0.9 if k.score >= 0.5 else 0.6)
    d.add(
        Line(
            x0,
            y0,
            x1,
            y1,
            strokeColor=colors.HexColor(_COLOURS.get(k.relation, "#4d4d4d")),
            strokeWidth=width,
            strokeDashArray=[3, 2] if k.relation == "split" else None,
        )
    )


def _label(
    d: Any,
    item: Item,
    side: str,
    y: float,
    width: float,
    col: float,
    font: str,
    fs: float,
    data: MapData,
    L: Any,
    indent: bool,
) -> None:
    """One row's label in its column, grey with a new / dropped tag in the gap when it has no line."""
    from reportlab.graphics.shapes import String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = _row_font(item, fs)
    pad = 8.0 if indent else 0.0
    suffix = L.fmt("structure.tasks", n=item.tasks) if data.folded else ""
    shown = _fit(item.label, col - pad - stringWidth(suffix, font, size), font, size) + suffix
    colour = "#1f3b5c" if item.level == "part" else "#000000"
    tagged = not item.linked and _countable(item, data)
    if tagged:
        colour = "#8a8a8a"
    x = pad if side == "a" else width - col + pad
    d.add(String(x, y - size * 0.35, shown, fontName=font, fontSize=size, fillColor=colors.HexColor(colour)))
    if tagged:
        tag = L("structure.dropped") if side == "a" else L("structure.new")
        tx, anchor = (col + 4, "start") if side == "a" else (width - col - 4, "end")
        d.add(
            String(
                tx,
                y - fs * 0.35,
                tag,
                fontName=font,
                fontSize=7.0,
                textAnchor=anchor,
                fillColor=colors.HexColor("#8a8a8a"),
            )
        )


def structure_map_svg(
    data: MapData, L: Any, titles: tuple[str, str], font: str, style: dict[str, Any], width: float = 640.0
) -> str:
    """The map as an inline SVG element for the HTML brief ("" when there is nothing to draw)."""
    from compare.render.svg import to_svg

    d = drawing(data, L, titles, width, font, style)
    return to_svg(d, L("structure.title")) if d is not None else ""
