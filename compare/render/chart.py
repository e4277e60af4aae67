"""The change chart: one reportlab Drawing of B/A per paired target, also written as SVG and PNG."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from compare.render.common import ChangeRow, View

SVG_FONTS = "'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif"


def chart_rows(view: View, max_rows: int) -> tuple[list[ChangeRow], int]:
    """The rows the chart shows (largest changes first, basis changes last) and how many there were."""
    ranked = [r for t in ("escalated", "deescalated", "unchanged") for r in view.changes[t] if r.ratio]
    rebased = list(view.changes["rebased"])
    total = len(ranked) + len(rebased)
    ranked.sort(key=lambda r: -abs(math.log(r.ratio or 1.0)))
    ranked = ranked[:max_rows]
    rebased = rebased[: max(max_rows - len(ranked), 0)]
    ranked.sort(key=lambda r: -(r.ratio or 1.0))
    return ranked + rebased, total


def _fit(text: str, width: float, font: str, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def drawing(view: View, width: float, font: str, style: dict[str, Any]):  # -> reportlab Drawing | None
    """The chart as a reportlab Drawing `width` points wide, or None when nothing is paired."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    cs, cc = style.get("chart", {}), style.get("colors", {})
    rows, _ = chart_rows(view, int(cs.get("max_rows", 40)))
    if not rows:
        return None
    L = view.L
    rh, lw, vw = float(cs.get("row_height", 13)), float(cs.get("label_width", 150)), float(cs.get("value_width", 90))
    fs = 7.5
    top, bottom = 22.0, 16.0
    height = top + rh * len(rows) + bottom
    d = Drawing(width, height, initialFontName=font, initialFontSize=fs)
    black, grey = colors.black, colors.HexColor("#999999")
    raised = colors.HexColor(cc.get("raised", "#333333"))
    lowered = colors.HexColor(cc.get("lowered", "#c8c8c8"))
    lowered_line = colors.HexColor(cc.get("lowered_line", "#000000"))
    pal = (raised, lowered, lowered_line)
    x0, x1 = lw, width - vw
    logs = [abs(math.log2(r.ratio)) for r in rows if r.ratio]
    span = min(max(math.ceil(max(logs, default=1.0)), 1), 6)

    def x(r: float) -> float:
        v = max(-span, min(span, math.log2(r)))
        return x0 + (v + span) / (2 * span) * (x1 - x0)

    step = 1 if span <= 3 else 2
    for k in range(-span, span + 1):
        if k % step:
            continue
        gx = x(2.0 ** k)
        d.add(Line(gx, bottom, gx, height - top + 4, strokeColor=grey if k else black,
                   strokeWidth=0.4 if k else 0.9, strokeDashArray=[2, 2] if k else None))
        label = L.fmt("change.ratio", ratio=f"{2.0 ** k:g}")
        d.add(String(gx, bottom - 10, label, fontName=font, fontSize=fs - 0.5, textAnchor="middle"))
    # legend
    lx, ly = x0, height - 11
    for kind, key in (("raised", "escalated"), ("lowered", "deescalated"), ("dot", "unchanged"),
                      ("square", "rebased")):
        _mark(d, kind, lx + 4, ly + 3, pal, small=True)
        text = L(f"chart.{key}")
        d.add(String(lx + 11, ly, text, fontName=font, fontSize=fs))
        lx += 22 + stringWidth(text, font, fs)
    for i, r in enumerate(rows):
        cy = height - top - rh * (i + 0.5)
        d.add(String(x0 - 5, cy - fs * 0.35, _fit(r.metric, lw - 8, font, fs), fontName=font, fontSize=fs,
                     textAnchor="end"))
        d.add(String(x1 + 5, cy - fs * 0.35, _fit(r.change, vw - 6, font, fs), fontName=font, fontSize=fs))
        if r.type == "rebased" or not r.ratio:
            _mark(d, "square", x(1.0), cy, pal)
        elif r.type == "unchanged" or abs(math.log2(r.ratio)) < 1e-6:
            _mark(d, "dot", x(1.0), cy, pal)
        else:
            xa, xb = sorted((x(1.0), x(r.ratio)))
            up = r.type == "escalated"
            d.add(Rect(xa, cy - rh * 0.3, max(xb - xa, 0.8), rh * 0.6, fillColor=raised if up else lowered,
                       strokeColor=raised if up else lowered_line, strokeWidth=0.8))
    return d


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


def _hex(c: Any) -> str:
    return "none" if c is None else "#" + c.hexval()[2:].rjust(6, "0")[-6:]


def to_svg(d: Any, title: str = "") -> str:
    """The Drawing as an inline SVG element (text escaped, system CJK fonts)."""
    w, h = d.width, d.height
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.1f} {h:.1f}" width="100%" '
           f'role="img" aria-label="{xml_escape(title, {chr(34): "&quot;"})}" '
           f'font-family="{SVG_FONTS}">']
    for s in d.contents:
        kind = type(s).__name__
        stroke = f'stroke="{_hex(getattr(s, "strokeColor", None))}" stroke-width="{getattr(s, "strokeWidth", 1)}"'
        if kind == "Rect":
            out.append(f'<rect x="{s.x:.2f}" y="{h - s.y - s.height:.2f}" width="{s.width:.2f}" '
                       f'height="{s.height:.2f}" fill="{_hex(s.fillColor)}" {stroke}/>')
        elif kind == "Line":
            dash = f' stroke-dasharray="{" ".join(map(str, s.strokeDashArray))}"' if s.strokeDashArray else ""
            out.append(f'<line x1="{s.x1:.2f}" y1="{h - s.y1:.2f}" x2="{s.x2:.2f}" y2="{h - s.y2:.2f}" '
                       f'{stroke}{dash}/>')
        elif kind == "Circle":
            out.append(f'<circle cx="{s.cx:.2f}" cy="{h - s.cy:.2f}" r="{s.r:.2f}" fill="{_hex(s.fillColor)}" '
                       f'{stroke}/>')
        elif kind == "String":
            out.append(f'<text x="{s.x:.2f}" y="{h - s.y:.2f}" font-size="{s.fontSize}" '
                       f'text-anchor="{s.textAnchor}" fill="{_hex(s.fillColor)}">{xml_escape(s.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


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
                            x1 + (x2 - x1) * e / length, y1 + (y2 - y1) * e / length], fill=rgb(s.strokeColor), width=lw)
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
    img.save(buf, format="PNG", dpi=(dpi, dpi), optimize=False)
    return buf.getvalue()
