"""Guess a file's format from its first bytes, and spot HTML or front matter inside text."""

from __future__ import annotations

import io
import re
import zipfile

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_BLOCK_TAG = re.compile(
    r"<(?:p|div|br|table|tr|td|li|ul|ol|h[1-6]|section|article|html|body|head|span|font|strong|b)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.IGNORECASE)


def sniff_bytes(data: bytes) -> str | None:
    """The container format the bytes announce: pdf, docx, zip, ole, rtf, image; None for text."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if data.startswith(_OLE):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(_IMAGES):
        return "image"
    return None


def is_html_page(text: str) -> bool:
    """True when decoded text is a whole web page (starts with a doctype or <html>)."""
    return bool(_HTML_START.match(text[:10_000]))


def looks_like_html(text: str) -> bool:
    """True when decoded text is a web page: a doctype/html start or at least two block tags."""
    head = text[:200_000]
    if _HTML_START.match(head):
        return True
    tags = _BLOCK_TAG.finditer(head)
    return next(tags, None) is not None and next(tags, None) is not None
