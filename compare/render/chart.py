"""The change chart: one reportlab Drawing of B/A per paired target, also written as SVG and PNG."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

from compare.render.common import ChangeRow, View
from compare.render.svg import to_svg  # noqa: F401  (re-exported: chart.to_svg)


def chart_rows(view: View, max_rows: int) -> tuple[list[ChangeRow], int]:
    """The rows the chart shows: pairs whose figures moved, most important first, and how many there were."""
    moved = [r for t in ("escalated", "deescalated") for r in view.changes[t] if _points(r) or r.ratio]
    moved.sort(key=lambda r: (r.rank, -abs(math.log(r.ratio)) if r.ratio else 0.0))
    return moved[:max_rows], len(moved)


def _points(r: ChangeRow) -> bool:
    """Whether a row compares in percentage points (a % target) rather than as a ratio."""
    return r.unit == "%" and r.delta is not None


def _fit(text: str, width: float, font: str, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def labels_for(rows: list[ChangeRow], width: float, font: str, size: float) -> list[str]:
    """Each row's metric fitted to width; a label that would repeat another carries its figures instead."""
    plain = [_fit(r.metric, width, font, size) for r in rows]
    out = []
    for r, label in zip(rows, plain, strict=True):
        if plain.count(label) > 1:
            tail = f"（{r.a[0]}→{r.b[0]}）"
            from reportlab.pdfbase.pdfmetrics import stringWidth

            label = _fit(r.metric, max(width - stringWidth(tail, font, size), 20), font, size) + tail
            label = _fit(label, width, font, size)
        out.append(label)
    return out


class _Panel:
    """One axis of the chart: percentage points (linear) or B/A (log2), with its rows."""

    def __init__(self, rows: list[ChangeRow], points: bool) -> None:
        self.rows, self.points = rows, points
        values = [self.raw(r) for r in rows]
        cap = 1e9 if points else 6.0
        self.lo = float(max(math.floor(min(values + [0.0])), -cap))
        self.hi = float(min(math.ceil(max(values + [0.0])), cap))
        if self.hi - self.lo < 2:  # at least two units wide, zero inside
            self.lo, self.hi = (self.lo - 1, self.hi + 1) if self.lo < 0 < self.hi else \
                ((-1.0, self.hi + (1 if self.hi < 1 else 0)) if self.lo == 0 else (self.lo - 1, 1.0))

    def raw(self, r: ChangeRow) -> float:
        """The row's change in axis units, unclipped."""
        return (r.delta or 0.0) if self.points else math.log2(r.ratio or 1.0)

    def value(self, r: ChangeRow) -> float:
        """The row's position on this axis, in axis units."""
        return max(self.lo, min(self.hi, self.raw(r)))

    def ticks(self, L: Any) -> list[tuple[float, str]]:
        """(axis value, label) of each gridline: at most about seven."""
        lo, hi = int(self.lo), int(self.hi)
        step = max(1, math.ceil((hi - lo) / 6))
        out = []
        for k in range(lo, hi + 1):
            if k % step:
                continue
            if self.points:
                sign = "+" if k > 0 else ("−" if k < 0 else "")
                out.append((float(k), f"{sign}{abs(k)}"))
            else:
                out.append((float(k), L.fmt("change.ratio", ratio=f"{2.0 ** k:g}")))
        return out


def drawing(view: View, width: float, font: str, style: dict[str, Any]):  # -> reportlab Drawing | None
    """The chart as a reportlab Drawing `width` points wide, or None when no paired figure moved.

    Percentage targets and the rest never share an axis: each has its own panel (points, or B/A on a
    log scale).
    """
    from reportlab.graphics.shapes import Drawing

    cs = style.get("chart", {})
    rows, _ = chart_rows(view, int(cs.get("max_rows", 12)))
    if not rows:
        return None
    panels = [p for p in (_Panel([r for r in rows if _points(r)], True),
                          _Panel([r for r in rows if not _points(r)], False)) if p.rows]
    rh = float(cs.get("row_height", 13))
    heights = [16 + rh * len(p.rows) + 16 for p in panels]
    legend = 14.0
    d = Drawing(width, legend + sum(heights), initialFontName=font, initialFontSize=7.5)
    pal = _palette(style)
    _legend(d, view, font, pal, d.height - 10)
    y = d.height - legend
    for p, h in zip(panels, heights, strict=True):
        _draw_panel(d, p, view, font, style, pal, y, width)
        y -= h
    return d


def _palette(style: dict[str, Any]) -> tuple[Any, Any, Any]:
    from reportlab.lib import colors

    cc = style.get("colors", {})
    return (colors.HexColor(cc.get("raised", "#333333")), colors.HexColor(cc.get("lowered", "#c8c8c8")),
            colors.HexColor(cc.get("lowered_line", "#000000")))


def _legend(d: Any, view: View, font: str, pal: tuple[Any, Any, Any], y: float) -> None:
    from reportlab.graphics.shapes import String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    x = 0.0
    for kind, key in (("raised", "escalated"), ("lowered", "deescalated")):
        _mark(d, kind, x + 4, y + 3, pal, small=True)
        text = view.L(f"chart.{key}")
        d.add(String(x + 11, y, text, fontName=font, fontSize=7.5))
        x += 22 + stringWidth(text, font, 7.5)


def _draw_panel(d: Any, p: _Panel, view: View, font: str, style: dict[str, Any], pal: tuple[Any, Any, Any],
                top: float, width: float) -> None:
    """One panel: its title, a row per pair (label, bar, change), gridlines and tick labels."""
    from reportlab.graphics.shapes import Line, Rect, String
    from reportlab.lib import colors

    cs, L, fs = style.get("chart", {}), view.L, 7.5
    rh, lw = float(cs.get("row_height", 13)), float(cs.get("label_width", 150))
    vw = float(cs.get("value_width", 90))
    x0, x1 = lw, width - vw
    d.add(String(0, top - 10, L("chart.panel_points" if p.points else "chart.panel_ratio"), fontName=font,
                 fontSize=fs, fillColor=colors.HexColor("#333333")))
    body_top, bottom = top - 16, top - 16 - rh * len(p.rows)

    def x(v: float) -> float:
        return x0 + (v - p.lo) / (p.hi - p.lo) * (x1 - x0)

    for v, label in p.ticks(L):
        grid = colors.black if v == 0 else colors.HexColor("#999999")
        d.add(Line(x(v), bottom, x(v), body_top, strokeColor=grid,
                   strokeWidth=0.9 if v == 0 else 0.4, strokeDashArray=None if v == 0 else [2, 2]))
        d.add(String(x(v), bottom - 9, label, fontName=font, fontSize=7, textAnchor="middle"))
    raised, lowered, line = pal
    for i, (r, label) in enumerate(zip(p.rows, labels_for(p.rows, lw - 8, font, fs), strict=True)):
        cy = body_top - rh * (i + 0.5)
        d.add(String(x0 - 5, cy - fs * 0.35, label, fontName=font, fontSize=fs, textAnchor="end"))
        d.add(String(x1 + 5, cy - fs * 0.35, _fit(r.change, vw - 6, font, fs), fontName=font, fontSize=fs))
        xa, xb = sorted((x(0.0), x(p.value(r))))
        up = r.type == "escalated"
        d.add(Rect(xa, cy - rh * 0.3, max(xb - xa, 0.8), rh * 0.6, fillColor=raised if up else lowered,
                   strokeColor=raised if up else line, strokeWidth=0.8))


def _mark(d: Any, kind: str, cx: float, cy: float, pal: tuple[Any, Any, Any], small: bool = False) -> None:
    from reportlab.graphics.shapes import Circle, Rect
    from reportlab.lib import colors

    raised, lowered, line = pal
    s = 3.0 if small else 3.5
    if kind == "raised":
        d.add(Rect(cx - s, cy - s, 2 * s, 2 * s, fillColor=raised, strokeColor=raised, strokeWidth=0.8))
    elif kind == "lowered":
        d.add(Rect(cx - s, cy - s, 2 * s, 2 * s, fillColor=lowered, strokeColor=line, strokeWidth=0.8))
    elif kind == "dot":
        d.add(Circle(cx, cy, s * 0.8, fillColor=line, strokeColor=line, strokeWidth=0.5))
    else:
        d.add(Rect(cx - s, cy - s, 2 * s, 2 * s, fillColor=colors.white, strokeColor=line, strokeWidth=0.9))


def to_png(d: Any, font: Path, subfont: int = 0, dpi: int = 200) -> bytes:
    """The Drawing rasterised with Pillow (no cairo needed): the picture embedded in the DOCX."""
    from PIL import Image, ImageDraw

    from compare.render.fonts import pil_font

    k = dpi / 72.0
    w, h = d.width, d.height
    img = Image.new("RGB", (int(math.ceil(w * k)), int(math.ceil(h * k))), "white")
    g = ImageDraw.Draw(img)
    fonts: dict[float, Any] = {}

    def rgb(c: Any) -> tuple[int, int, int] | None:
        return None if c is None else tuple(int(round(v * 255)) for v in c.rgb())  # type: ignore[return-value]

    for s in d.contents:
        kind = type(s).__name__
        lw = max(int(round(getattr(s, "strokeWidth", 1) * k)), 1)
        if kind == "Rect":
            box = [s.x * k, (h - s.y - s.height) * k, (s.x + s.width) * k, (h - s.y) * k]
            g.rectangle(box, fill=rgb(s.fillColor), outline=rgb(s.strokeColor), width=lw)
        elif kind == "Line":
            x1, y1, x2, y2 = s.x1 * k, (h - s.y1) * k, s.x2 * k, (h - s.y2) * k
            if s.strokeDashArray:
                on, off = (v * k for v in s.strokeDashArray[:2])
                length = math.hypot(x2 - x1, y2 - y1) or 1.0
                t = 0.0
                while t < length:
                    e = min(t + on, length)
                    g.line([x1 + (x2 - x1) * t / length, y1 + (y2 - y1) * t / length,
                            x1 + (x2 - x1) * e / length, y1 + (y2 - y1) * e / length],
                           fill=rgb(s.strokeColor), width=lw)
                    t = e + off
            else:
                g.line([x1, y1, x2, y2], fill=rgb(s.strokeColor), width=lw)
        elif kind == "Circle":
            g.ellipse([(s.cx - s.r) * k, (h - s.cy - s.r) * k, (s.cx + s.r) * k, (h - s.cy + s.r) * k],
                      fill=rgb(s.fillColor), outline=rgb(s.strokeColor), width=lw)
        elif kind == "String":
            size = s.fontSize * k
            if size not in fonts:
                fonts[size] = pil_font(font, size, subfont)
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}.get(s.textAnchor, "ls")
            g.text((s.x * k, (h - s.y) * k), s.text, font=fonts[size], fill=rgb(s.fillColor), anchor=anchor)
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(dpi, dpi), optimize=False, compress_level=1)  # fast; small enough
    return buf.getvalue()
