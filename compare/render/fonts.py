"""The CJK font: find it, register it with reportlab once, and open it for Pillow."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from compare.errors import UsageError

if TYPE_CHECKING:
    from PIL import ImageFont

log = logging.getLogger(__name__)
BUNDLED = Path(__file__).resolve().parents[1] / "fonts" / "wqy-microhei.ttc"
FALLBACK_CID = "STSong-Light"
_registered: dict[tuple[str, int], str] = {}


def bundled_font() -> Path:
    """The CJK font shipped in the package (WenQuanYi Micro Hei, Apache-2.0)."""
    if BUNDLED.is_file():
        return BUNDLED
    from importlib.resources import files

    return Path(str(files("compare") / "fonts" / "wqy-microhei.ttc"))


def font_path(font: Path | str | None = None, style_path: str = "") -> Path:
    """The font to use: --font, else the style's font, else the bundled one."""
    chosen = font or style_path
    if chosen:
        p = Path(chosen).expanduser()
        if not p.is_file():
            raise UsageError(f"font not found: {p}", "give the path of a .ttf or .ttc file")
        return p
    return bundled_font()


def register(path: Path, subfont: int = 0) -> str:
    """Register the TrueType font with reportlab (once per process) and return its font name."""
    key = (str(path), subfont)
    if key in _registered:
        return _registered[key]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = ("ZH" if path == BUNDLED and subfont == 0
            else "ZH-" + hashlib.sha1(repr(key).encode()).hexdigest()[:8])
    kw = {"subfontIndex": subfont} if path.suffix.lower() in (".ttc", ".otc") else {}
    try:
        from compare.render.font_cache import load_ttfont

        font = load_ttfont(name, path, subfont) if path == BUNDLED else TTFont(name, str(path), **kw)
        pdfmetrics.registerFont(font)
    except (TTFError, OSError) as e:
        if path != bundled_font():
            raise UsageError(f"cannot use font {path}: {e}",
                             "give a TrueType font with glyf outlines (.ttf/.ttc), not OpenType/CFF") from e
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        log.warning("bundled CJK font unusable (%s); falling back to %s, which is not embedded",
                    e, FALLBACK_CID)
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
        name = FALLBACK_CID
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    _registered[key] = name
    return name


def prepare_fonts(font: Path | None, template_dir: Path | None, web: bool = False) -> None:
    """Load the font a page brief will use (reportlab's, and for HTML the subsetter's) before it is needed."""
    from compare.render.labels import load_style

    style = load_style(template_dir)
    font_file = font_path(font, str(style.get("font", {}).get("path", "")))
    subfont = int(style.get("font", {}).get("subfont", 0)) if not font else 0
    register(font_file, subfont)
    if web:
        from compare.render.webfont import prepare_font

        prepare_font(font_file, subfont)


def pil_font(path: Path, size: float, subfont: int = 0) -> ImageFont.FreeTypeFont:
    """The same font opened by Pillow at size pixels, for the chart picture."""
    from PIL import ImageFont

    return ImageFont.truetype(str(path), max(int(round(size)), 1), index=subfont)
