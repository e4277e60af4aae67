"""Plain text and Markdown: encoding detection, front matter, HTML-in-text and Markdown syntax."""

from __future__ import annotations

import codecs
import re

from compare.errors import UnreadableInputError
from compare.read.meta import clean_metadata, split_front_matter
from compare.read.sniff import is_html_page, looks_like_html

_CANDIDATES = ["gb18030", "big5"]
_UTF16 = ["utf_16_le", "utf_16_be"]
_BAD = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f\ufffd\ue000-\uf8ff]")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_REMEDY = "save it as UTF-8, e.g. `iconv -f GB18030 -t UTF-8 in.txt > out.txt`"


def decode(data: bytes, path: str) -> str:
    """Decode text bytes (UTF-8, UTF-16/32 with BOM, GB18030/GBK, Big5), newlines as "\\n"."""
    text = _decode(data, path)
    if _too_many_bad(text):
        raise UnreadableInputError("looks like a binary file, not text", _REMEDY, path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, path: str) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                       (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise UnreadableInputError(
                    f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                    f"(byte {exc.start + len(bom)})", _REMEDY, path=path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(name, name)
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    candidates = _CANDIDATES + (_UTF16 if b"\x00" in data else [])
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    raise UnreadableInputError(
        "is not valid UTF-8 and no Chinese encoding (GB18030, GBK, Big5, UTF-16) decodes it cleanly",
        _REMEDY, path=path)


def _too_many_bad(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:1_000_000]
    bad = len(_BAD.findall(sample))
    return bad > 8 and bad > len(sample) // 200


def read_text(text: str, fmt: str) -> tuple[str, dict[str, str], str]:
    """Extract a decoded .txt/.md text: (text, metadata, format actually used)."""
    from compare.read.html import html_to_text

    meta: dict[str, str] = {}
    split = split_front_matter(text)
    if split is not None:
        fields, text = split
        meta = clean_metadata(fields)
    if looks_like_html(text):
        text, html_meta = html_to_text(text, keep_newlines=not is_html_page(text))
        for k, v in html_meta.items():
            meta.setdefault(k, v)
        return strip_markdown(text), meta, "html"
    if split is not None or fmt == "md":
        return strip_markdown(text), meta, fmt
    return text, meta, fmt


_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\(\s*<?[^()\s<>]{0,2000}>?(?:\s+[\"'][^\"'\n]{0,300}[\"'])?\s*\)")
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]{0,2000}>", re.IGNORECASE)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_BULLET = re.compile(r"^[ \t]{0,6}[-*+][ \t]+")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)")
_REFDEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,200}\]:[ \t]*\S+$")
_STRONG = re.compile(r"\*\*([^*\n]{1,500})\*\*|__([^_\n]{1,500})__")
_RULE_CHARS = frozenset("*-_ \t")
_TABLE_CHARS = frozenset("|-: \t")


def strip_markdown(text: str) -> str:
    """Remove Markdown syntax (links, autolinks, images, headings, emphasis, tables) but keep the words."""
    out: list[str] = []
    for line in text.split("\n"):
        if _FENCE.match(line) or _REFDEF.match(line) or _is_rule_or_separator(line):
            continue
        m = _HEADING.match(line)
        if m:
            line = _strip_closing_hashes(line[m.end():])
        line = _QUOTE.sub("", line)
        line = _BULLET.sub("", line)
        line = _IMAGE.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _AUTOLINK.sub("", line)
        line = _STRONG.sub(lambda m: m.group(1) or m.group(2), line)
        stripped = line.strip()
        if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
            line = "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
        out.append(line)
    return "\n".join(out)


def _is_rule_or_separator(line: str) -> bool:
    chars = set(line)
    if not chars or not chars <= (_RULE_CHARS | _TABLE_CHARS):
        return False
    if chars <= _TABLE_CHARS and "-" in chars and ("|" in chars or ":" in chars):
        return True
    body = line.replace(" ", "").replace("\t", "")
    return len(body) >= 3 and len(set(body)) == 1 and body[0] in "*-_"


def _strip_closing_hashes(text: str) -> str:
    text = text.rstrip(" \t")
    trimmed = text.rstrip("#")
    if trimmed != text and (not trimmed or trimmed[-1] in " \t"):
        return trimmed.rstrip(" \t")
    return text
