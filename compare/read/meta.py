"""Metadata helpers: YAML-style front matter and dates turned into ISO form."""

from __future__ import annotations

import re
from collections.abc import Mapping

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_YAMLISH = re.compile(r"^(?:[A-Za-z_][\w-]*[ \t]*:.*|[ \t]+\S.*|-[ \t].*|-|#.*|[ \t]*)$")
_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")
_MAX_FRONT_LINES = 200


def split_front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """Split `---` front matter off a text; None when the text does not start with any."""
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith("---"):
        return None
    lines = head.split("\n", _MAX_FRONT_LINES + 1)
    if not re.match(r"^---[ \t]*$", lines[0]):
        return None
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[1:_MAX_FRONT_LINES + 1], start=1):
        if _FENCE.match(line):
            if not fields:
                return None
            body = "\n".join(lines[i + 1:])
            return fields, body
        if not _YAMLISH.match(line):
            return None
        m = _KEY.match(line)
        if m:
            fields[m.group(1).lower()] = _unquote(m.group(2))
    return None


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"')
    return value


def iso_date(value: object) -> str:
    """The yyyy-mm-dd date in a metadata value (ISO, Chinese, RFC 2822 or PDF form); '' if none."""
    if value is None:
        return ""
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"  # type: ignore[attr-defined]
    s = str(value).strip()
    m = _PDF_DATE.match(s) or _YMD.search(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
        return ""
    from email.utils import parsedate_to_datetime  # imports socket and more: only for e-mail style dates

    try:
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return ""
    return dt.date().isoformat() if dt else ""


def clean_metadata(fields: Mapping[str, object]) -> dict[str, str]:
    """Keep title, date and author as non-empty strings (date in ISO form)."""
    out: dict[str, str] = {}
    title = str(fields.get("title") or "").strip()
    if title:
        out["title"] = " ".join(title.split())
    date = iso_date(fields.get("date"))
    if date:
        out["date"] = date
    author = str(fields.get("author") or "").strip()
    if author:
        out["author"] = " ".join(author.split())
    return out
