"""Document text made safe and short for any brief format: no control characters, cut with an ellipsis."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(value: Any) -> str:
    """Document text made safe to print anywhere: no control characters, lone surrogates or NUL."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return _BAD_CHARS.sub("", text)


def short(text: str, n: int) -> str:
    """The text cut to n characters with an ellipsis, on one line."""
    text = " ".join(clean(text).split())
    return text if len(text) <= n else text[: max(n - 1, 1)].rstrip() + "…"


def xml_escape(data: str, entities: dict[str, str] | None = None) -> str:
    """&, < and > as entities, then each of `entities` (xml.sax.saxutils.escape, without its slow imports)."""
    data = data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        data = data.replace(key, value)
    return data
