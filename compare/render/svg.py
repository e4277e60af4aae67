"""A reportlab Drawing as an inline SVG element, for the HTML brief (charts and the structure map)."""

from __future__ import annotations

from typing import Any

from compare.render.text import xml_escape

SVG_FONTS = "'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif"




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
        colour, sw = _hex(getattr(s, "strokeColor", None)), getattr(s, "strokeWidth", 1)
        stroke = f'stroke="{colour}" stroke-width="{sw}"'
        if kind == "Rect":
            out.append(f'<rect x="{s.x:.2f}" y="{h - s.y - s.height:.2f}" width="{s.width:.2f}" '
                       f'height="{s.height:.2f}" fill="{_hex(s.fillColor)}" {stroke}/>')
        elif kind == "Line":
            dash = f' stroke-dasharray="{" ".join(map(str, s.strokeDashArray))}"' if s.strokeDashArray else ""
            out.append(f'<line x1="{s.x1:.2f}" y1="{h - s.y1:.2f}" x2="{s.x2:.2f}" y2="{h - s.y2:.2f}" '
                       f'{stroke}{dash}/>')
        elif kind == "Circle":
            out.append(f'<circle cx="{s.cx:.2f}" cy="{h - s.cy:.2f}" r="{s.r:.2f}" '
                       f'fill="{_hex(s.fillColor)}" '
                       f'{stroke}/>')
        elif kind == "String":
            out.append(f'<text x="{s.x:.2f}" y="{h - s.y:.2f}" font-size="{s.fontSize}" '
                       f'text-anchor="{s.textAnchor}" fill="{_hex(s.fillColor)}">{xml_escape(s.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)
