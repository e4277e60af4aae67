"""A subset of the bundled CJK font as a data: URL @font-face, so the HTML brief reads without CJK fonts."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FAMILY = "Compare CJK"  # the name brief.css lists after the usual system CJK fonts
# tables a browser needs no part of for horizontal text (vertical metrics, layout features, FontForge stamp)
_DROP = ["vhea", "vmtx", "GDEF", "GPOS", "GSUB", "FFTM", "morx", "kern", "DSIG"]


# tables the subsetter reads whatever the characters; loading them is most of its time
_READ_TABLES = ("head", "maxp", "loca", "glyf", "hhea", "hmtx", "cmap", "post", "OS/2", "name")
_prepared: dict[tuple[str, int], object] = {}


def _open(font_file: Path, subfont: int):  # -> fontTools TTFont
    from fontTools.ttLib import TTFont

    return TTFont(str(font_file), fontNumber=subfont, lazy=True, recalcTimestamp=False, recalcBBoxes=False)


def prepare_font(font_file: Path, subfont: int = 0) -> None:
    """Open the font and read the tables every subset needs, ahead of time (in a render process)."""
    from fontTools import subset  # noqa: F401 - the subsetter's import is a quarter of its time

    font = _open(font_file, subfont)
    for tag in _READ_TABLES:
        if tag in font:
            font[tag]  # reading a table decompiles it
    _prepared[(str(font_file), subfont)] = font


def page_chars(page: str) -> set[str]:
    """Every character a page can show: its text with entities decoded, and all of printable ASCII."""
    return {ch for ch in html.unescape(page) if ch >= " "} | {chr(c) for c in range(0x20, 0x7F)}


def subset_woff(font_file: Path, chars: Iterable[str], subfont: int = 0) -> bytes:
    """The glyphs for chars as a WOFF font; the same characters always give the same bytes."""
    from fontTools import subset

    # a prepared font serves one subset (subsetting changes it)
    font: Any = _prepared.pop((str(font_file), subfont), None) or _open(font_file, subfont)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []
    options.name_IDs = [1, 2]  # family and style: the font is referred to by our own family name
    options.hinting = True  # keeps each glyph's bytes as they are: faster than re-encoding them
    options.glyph_names = False
    options.recalc_bounds = False
    options.recalc_timestamp = False
    options.prune_unicode_ranges = False
    options.drop_tables += _DROP
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(ch) for ch in chars}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out, reorderTables=False)
    return out.getvalue()


def font_face(font_file: Path, chars: Iterable[str], subfont: int = 0) -> str:
    """An @font-face rule embedding the subset as a data: URL (allowed by the page's `font-src data:`)."""
    data = base64.b64encode(subset_woff(font_file, chars, subfont)).decode("ascii")
    return (f'@font-face {{ font-family: "{FAMILY}"; font-display: block; '
            f'src: url(data:font/woff;base64,{data}) format("woff"); }}\n')
