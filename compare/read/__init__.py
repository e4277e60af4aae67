"""Reading stage: any supported file (txt, md, html, docx, pdf) to raw text plus metadata."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field

from compare.errors import BIDI_CONTROLS, UnreadableInputError, UnsupportedInputError
from compare.read.limits import Limits, check_line_lengths, check_text_size, raise_hint

__all__ = ["Limits", "RawDocument", "read_input_bytes", "read_raw"]

_EXT = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".shtml": "html", ".docx": "docx", ".pdf": "pdf",
}
_CONVERT = "convert it to .docx, .pdf, .html or UTF-8 .txt"


@dataclass
class RawDocument:
    """A file's extracted text (one paragraph per line, table cells tab-joined) and what it says of itself."""

    path: str
    text: str
    format: str  # txt | md | html | docx | pdf
    metadata: dict[str, str] = field(default_factory=dict)  # title, date (ISO), author when present
    sha256: str = ""


def read_raw(path: str | os.PathLike[str], limits: Limits | None = None) -> RawDocument:
    """Read one input file into a RawDocument; every failure is a CompareError with a remedy."""
    limits = limits or Limits.from_env()
    name = os.fspath(path)
    data = _read_bytes(name, limits)
    if not data.strip():
        raise UnreadableInputError("is empty", "check that the download or export finished", path=name)
    fmt = _choose_format(data, name)
    if fmt == "docx":
        from compare.read.docx import read_docx

        text, meta = read_docx(data, name, limits)
    elif fmt == "pdf":
        from compare.read.pdf import read_pdf

        text, meta = read_pdf(data, name, limits)
    else:
        text, meta, fmt = _read_textual(data, name, fmt, limits)
    text = without_bidi_controls(valid_unicode(text))
    meta = {k: without_bidi_controls(valid_unicode(v)) for k, v in meta.items()}
    if not text.strip():
        raise UnreadableInputError("is empty: it has no text", "check that it is the document you meant",
                                   path=name)
    check_line_lengths(text, limits, name)
    check_text_size(text, limits, name)
    return RawDocument(path=name, text=text, format=fmt, metadata=meta,
                       sha256=hashlib.sha256(data).hexdigest())


_SURROGATE = re.compile("[\ud800-\udfff]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def without_bidi_controls(text: str) -> str:
    """Text without bidirectional controls (U+202E and kin): no metric name or title shows reordered."""
    return _BIDI.sub("", text) if _BIDI.search(text) else text


def valid_unicode(text: str) -> str:
    """Text every output can encode: UTF-16 halves that belong together joined, lone ones made U+FFFD.

    pypdf decodes a font's ToUnicode map with errors="surrogatepass", so a PDF can hand us lone surrogates,
    which no UTF-8 writer (JSON, the terminal) accepts.
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _read_bytes(name: str, limits: Limits) -> bytes:
    return read_input_bytes(name, limits)


def read_input_bytes(name: str, limits: Limits) -> bytes:
    """An input's bytes after the reader's checks: a regular file within limits.max_bytes, or a CompareError.

    The file is opened without blocking and checked again through its descriptor, so a FIFO or device swapped
    in after the first check cannot hang the read; it is read in chunks, never into one buffer of the limit.
    """
    try:
        st = os.stat(name)
    except FileNotFoundError:
        raise UnreadableInputError("does not exist", "check the path and its spelling", path=name) from None
    except OSError as exc:
        raise UnreadableInputError(f"cannot be opened ({exc.strerror})", "check the path and permissions",
                                   path=name) from None
    _check_stat(st, name, limits)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise UnreadableInputError(f"cannot be read ({exc.strerror})", "check the file permissions",
                                   path=name) from None
    try:
        _check_stat(os.fstat(fd), name, limits)
        data = _read_chunks(fd, limits.max_bytes + 1)
    except OSError as exc:
        raise UnreadableInputError(f"cannot be read ({exc.strerror})", "check the file permissions",
                                   path=name) from None
    finally:
        os.close(fd)
    if len(data) > limits.max_bytes:
        raise UnsupportedInputError(f"is over the {limits.max_bytes:,}-byte limit",
                                    f"split it into smaller documents, {raise_hint('max_bytes')}", path=name)
    return data


def _check_stat(st: os.stat_result, name: str, limits: Limits) -> None:
    """Refuse a folder, anything but a regular file (FIFO, device, socket) and a file over the byte limit."""
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableInputError("is a directory, not a file", "pass a document file inside it", path=name)
    if not stat.S_ISREG(st.st_mode):
        raise UnsupportedInputError("is not a regular file", "save the document to a file first", path=name)
    if st.st_size > limits.max_bytes:
        raise UnsupportedInputError(
            f"is {st.st_size:,} bytes, over the {limits.max_bytes:,}-byte limit",
            f"split it into smaller documents, {raise_hint('max_bytes')}", path=name)


def _read_chunks(fd: int, most: int) -> bytes:
    """Up to `most` bytes of an open file, in chunks of at most 16 MB."""
    chunks: list[bytes] = []
    total = 0
    while total < most:
        chunk = os.read(fd, min(1 << 24, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _choose_format(data: bytes, name: str) -> str:
    from compare.read.sniff import sniff_bytes

    ext = os.path.splitext(name)[1].lower()
    declared = _EXT.get(ext)
    kind = sniff_bytes(data)
    if kind in ("pdf", "docx"):
        return kind
    if kind == "zip":
        if declared == "docx":
            return "docx"  # the docx reader says what is wrong with the archive
        raise UnsupportedInputError("is a zip archive but not a Word .docx", _CONVERT, path=name)
    if kind == "ole":
        raise UnsupportedInputError("is a legacy Office file (.doc/.xls/.wps)",
                                    "convert it, e.g. `soffice --headless --convert-to docx FILE`", path=name)
    if kind == "rtf":
        raise UnsupportedInputError("is an RTF file",
                                    "convert it, e.g. `soffice --headless --convert-to docx FILE`", path=name)
    if kind == "image":
        raise UnsupportedInputError("is an image, not a text document",
                                    "run OCR first, e.g. `ocrmypdf --image-dpi 300 IMAGE out.pdf`", path=name)
    if declared == "docx":
        return "docx"  # not a zip: the docx reader reports it
    if declared == "pdf":
        raise UnreadableInputError("is not a PDF (no %PDF- header)",
                                   "check the file: it may be a saved web page "
                                   "or an incomplete download", path=name)
    return declared or "unknown"


def _read_textual(data: bytes, name: str, fmt: str, limits: Limits) -> tuple[str, dict[str, str], str]:
    from compare.errors import CompareError
    from compare.read.html import check_markup
    from compare.read.text import decode, read_text

    try:
        text = decode(data, name)
    except CompareError:
        if fmt == "unknown":
            raise UnsupportedInputError("is not a format compare reads (txt, md, html, docx, pdf)", _CONVERT,
                                        path=name) from None
        raise
    check_markup(text, limits, name)  # before any HTML parsing: tag count and nesting cost are bounded
    if fmt == "html":
        from compare.read.html import html_to_text
        from compare.read.meta import clean_metadata, split_front_matter

        split = split_front_matter(text)
        front: dict[str, str] = {}
        if split is not None:
            front, text = clean_metadata(split[0]), split[1]
        body, meta = html_to_text(text)
        return body, {**meta, **front}, "html"
    return read_text(text, "txt" if fmt == "unknown" else fmt)
