"""The bundled CJK font as reportlab parsed it, kept beside the bytecode: 0.2-0.3 s less per PDF or DOCX.

reportlab reads a TrueType font's metrics (35,000 characters of WenQuanYi Micro Hei) in Python each time
a process registers it. The parsed font is plain data, so it is kept, like bytecode, in
`compare/render/__pycache__/font_cache.<python>.font` (not when PYTHONDONTWRITEBYTECODE is set), stamped
with the Python and reportlab versions and the font file's size and time; the font's bytes are read from
the font file itself. A font is only kept after one rebuilt from the kept data has been checked equal to
the parsed one, and anything unexpected means parsing as usual.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any


class _Scale:
    """Font units to PDF units (reportlab's own is a lambda, which cannot be kept)."""

    def __init__(self, units_per_em: int) -> None:
        self.mult = None if units_per_em == 1000 else 1000 / units_per_em

    def __call__(self, x: float) -> float:
        return x if self.mult is None else x * self.mult


def _cache_path() -> Path:
    from importlib.util import cache_from_source

    return Path(cache_from_source(__file__)).with_suffix(".font")


def _stamp(name: str, path: Path, subfont: int) -> tuple[Any, ...]:
    import reportlab

    st = path.stat()
    return (sys.version, reportlab.Version, name, str(path.resolve()), st.st_size, st.st_mtime_ns, subfont)


def _kept_fields(font: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The font's and its face's attributes, less what is rebuilt: state, scale, the file's bytes."""
    outer = {k: v for k, v in font.__dict__.items() if k not in ("state", "face")}
    face = {k: v for k, v in font.face.__dict__.items() if k not in ("_pdfScale", "_ttf_data")}
    return outer, face


def _rebuild(name: str, path: Path, outer: dict[str, Any], face_fields: dict[str, Any]) -> Any:
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(face_fields)
    face._ttf_data = path.read_bytes()
    face._pdfScale = _Scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(outer)
    font.fontName, font.face, font.state = name, face, WeakKeyDictionary()
    return font


def _comparable(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields with plain objects (reportlab's TTEncoding has no ==) compared by their type and attributes."""
    return {k: (type(v), vars(v)) if hasattr(v, "__dict__") and not callable(v) else v
            for k, v in fields.items()}


def _same(a: Any, b: Any) -> bool:
    """Whether two parsed fonts hold the same data and scale alike."""
    (a_outer, a_face), (b_outer, b_face) = _kept_fields(a), _kept_fields(b)
    if _comparable(a_outer) != _comparable(b_outer) or _comparable(a_face) != _comparable(b_face):
        return False
    if a.face._ttf_data != b.face._ttf_data:
        return False
    probes = (0, 1, -256, 1000, 2048, 765.13671875, 12345)
    return all(a.face._pdfScale(v) == b.face._pdfScale(v) for v in probes)


def load_ttfont(name: str, path: Path, subfont: int = 0) -> Any:
    """reportlab's TTFont of a font file: rebuilt from the kept data when it matches, else parsed and kept."""
    from reportlab.pdfbase.ttfonts import TTFont

    cache, stamp = _cache_path(), _stamp(name, path, subfont)
    try:
        kept_stamp, outer, face = pickle.loads(cache.read_bytes())
        if kept_stamp == stamp:
            return _rebuild(name, path, outer, face)
    except Exception:  # noqa: BLE001, S110 - missing, damaged or foreign: parse as usual
        pass
    kw = {"subfontIndex": subfont} if path.suffix.lower() in (".ttc", ".otc") else {}
    font = TTFont(name, str(path), **kw)
    if not sys.dont_write_bytecode:
        _keep(font, name, path, stamp, cache)
    return font


def _keep(font: Any, name: str, path: Path, stamp: tuple[Any, ...], cache: Path) -> None:
    blob = pickle.dumps((stamp, *_kept_fields(font)), protocol=pickle.HIGHEST_PROTOCOL)
    if not _same(_rebuild(name, path, *pickle.loads(blob)[1:]), font):
        return  # this reportlab keeps something the rebuild does not restore: never keep it
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, cache)
    except OSError:
        tmp.unlink(missing_ok=True)
