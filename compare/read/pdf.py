"""PDF with pypdf: the text layer page by page, page furniture dropped, wrapped lines re-joined."""

from __future__ import annotations

import io
import logging
import re
import time
import warnings
from collections import Counter
from typing import Any

from compare.errors import CompareError, UnreadableInputError, UnsupportedInputError
from compare.read.limits import Limits, raise_hint
from compare.read.meta import clean_metadata

_OCR = "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
_DECRYPT = "decrypt it first, e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`"
_PAGE_NO = re.compile(r"^(?:[-—–－·]\s*\d{1,4}\s*[-—–－·]"
                      r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                      r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.IGNORECASE)
_FINAL = tuple("。；！？：…”’』」）)!?;:")
_MARKER = re.compile(r"^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
                     r"|\d{1,3}[.、．)]"
                     r"|第[一二三四五六七八九十百\d]{1,4}[章节条部分]|——|[•·▪●◆■?-]\s)")
_PLACEHOLDERS = {"untitled", "anonymous", "unspecified", "unknown", ""}


def read_pdf(data: bytes, path: str, limits: Limits) -> tuple[str, dict[str, str]]:
    """Text of a PDF's text layer in reading order, and its title/date/author."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages, meta = _extract(data, path, limits)
    except CompareError:
        raise
    except Exception as exc:  # pypdf raises many types, RecursionError included, for broken files
        if type(exc).__name__ == "LimitReachedError":  # pypdf's own guard: a decompression bomb, a loop
            raise UnsupportedInputError(
                f"trips a safety limit of the PDF parser ({_short(exc)}): a hostile or badly broken file",
                "re-export it from the source application, or repair it with `qpdf in.pdf out.pdf`",
                path=path) from None
        raise UnreadableInputError(
            f"is not a readable PDF ({type(exc).__name__}: {_short(exc)})",
            "repair it with `qpdf in.pdf out.pdf` or re-export it from the source application",
            path=path) from None
    finally:
        logger.setLevel(level)
    if not any(p.strip() for p in pages):
        raise UnsupportedInputError("has no text layer (a scanned or image-only PDF)", _OCR, path=path)
    chars = sum(len("".join(p.split())) for p in pages)
    if len(pages) >= 3 and chars < 5 * len(pages):
        raise UnsupportedInputError(
            f"has almost no text layer ({chars} characters on {len(pages)} pages; scanned?)", _OCR, path=path)
    return "\n".join(unwrap([_unspaced(ln) for ln in _drop_furniture(pages)])), meta


def _extract(data: bytes, path: str, limits: Limits) -> tuple[list[str], dict[str, str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        opened: Any
        try:
            opened = reader.decrypt("")
        except Exception:  # DependencyError (AES needs `cryptography`), NotImplementedError, ...
            opened = 0
        if not opened:
            raise UnsupportedInputError("is encrypted (password-protected)", _DECRYPT, path=path)
    count = len(reader.pages)
    if count > limits.max_pdf_pages:
        raise UnsupportedInputError(
            f"has {count:,} pages (limit {limits.max_pdf_pages:,})",
            f"split it, e.g. `qpdf in.pdf --pages . 1-500 -- part.pdf`, {raise_hint('max_pdf_pages')}",
            path=path)
    pages: list[str] = []
    chars = 0
    started = time.monotonic()
    for number, page in enumerate(reader.pages, 1):
        if time.monotonic() - started > limits.max_read_seconds:
            raise UnsupportedInputError(
                f"took over {limits.max_read_seconds:g} s to extract "
                f"({number - 1:,} of {count:,} pages read)",
                f"split it, e.g. `qpdf in.pdf --pages . 1-100 -- part.pdf`, {raise_hint('max_read_seconds')}",
                path=path)
        pages.append(page.extract_text() or "")
        chars += len(pages[-1])
        if chars > limits.max_chars:
            raise UnsupportedInputError(
                f"has over {limits.max_chars:,} characters of text in its first {number:,} pages",
                "compare the relevant part: split it, e.g. `qpdf in.pdf --pages . 1-100 -- part.pdf`, "
                + raise_hint("max_chars"),
                path=path)
    meta = _metadata(reader)
    images = _image_pages(reader)
    if images:
        meta["image_pages"] = ",".join(str(n) for n in images)
    return pages, meta


# A picture this large (in pixels) may hold a table or a chart; logos and rules are smaller.
IMAGE_MIN_WIDTH, IMAGE_MIN_HEIGHT = 300, 150


def _image_pages(reader: Any) -> list[int]:
    """Pages that show a picture large enough to hold a table or a chart, whose figures no text layer has."""
    out = []
    for number, page in enumerate(reader.pages, 1):
        try:
            sizes = _image_sizes(page, 0)
        except Exception:  # a broken resource dictionary says nothing of the page's text
            continue
        if any(w >= IMAGE_MIN_WIDTH and h >= IMAGE_MIN_HEIGHT for w, h in sizes):
            out.append(number)
    return out


def _image_sizes(owner: Any, depth: int) -> list[tuple[int, int]]:
    """Pixel sizes of the images a page or form draws, forms followed three deep."""
    resources = owner.get("/Resources")
    objects = resources.get_object().get("/XObject") if resources is not None else None
    if objects is None:
        return []
    out: list[tuple[int, int]] = []
    for item in objects.get_object().values():
        item = item.get_object()
        if item.get("/Subtype") == "/Image":
            out.append((int(item.get("/Width", 0)), int(item.get("/Height", 0))))
        elif item.get("/Subtype") == "/Form" and depth < 3:
            out += _image_sizes(item, depth + 1)
    return out


def _metadata(reader: Any) -> dict[str, str]:
    try:
        info = reader.metadata
    except Exception:
        return {}
    if info is None:
        return {}
    fields: dict[str, object] = {}
    for key, name in (("title", "/Title"), ("author", "/Author"), ("date", "/CreationDate")):
        value = str(info.get(name) or "").strip()
        if value.strip("()").lower() not in _PLACEHOLDERS:
            fields[key] = value
    return clean_metadata(fields)


def _drop_furniture(pages: list[str]) -> list[str]:
    """Drop page numbers and running heads/feet: first/last lines that repeat on most pages."""
    split = [[ln.strip() for ln in p.replace("\r", "\n").split("\n") if ln.strip()] for p in pages]
    edges: Counter[str] = Counter()
    for lines in split:
        for ln in {*lines[:1], *lines[-1:]}:
            edges[re.sub(r"\d+", "#", ln)] += 1
    repeated = {k for k, n in edges.items()
                if len(split) >= 3 and n >= max(3, len(split) // 2) and len(k) <= 60}
    offset = _page_number_offset(split)
    out: list[str] = []
    for index, lines in enumerate(split):
        for i, ln in enumerate(lines):
            if (i == 0 or i == len(lines) - 1) and (
                    _PAGE_NO.match(ln) or re.sub(r"\d+", "#", ln) in repeated
                    or (offset is not None and ln.isdigit() and int(ln) - index == offset)):
                continue
            out.append(ln)
    return out


def _page_number_offset(split: list[list[str]]) -> int | None:
    """The offset between page index and a bare number printed at the page edge, when it is consistent."""
    offsets: Counter[int] = Counter()
    for index, lines in enumerate(split):
        for ln in {*lines[:1], *lines[-1:]}:
            if ln.isdigit() and len(ln) <= 4:
                offsets[int(ln) - index] += 1
    if not offsets:
        return None
    offset, n = offsets.most_common(1)[0]
    return offset if n >= 2 and n >= len(split) // 2 else None


def _width(line: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)


# A heading set with a space after every character (一 、 发 展 现 状): the spaces are layout, not text.
_CJK = r"[\u3000-\u303f\u4e00-\u9fff“”（）()]"
_SPACED_CHAR = r"[\u3000-\u303f\u4e00-\u9fff“”（）()0-9]"  # 专 栏 3 　陆 海 空 天: a box's number too
SPACED = re.compile(rf"^\s*(?:{_SPACED_CHAR} ){{3,}}{_SPACED_CHAR}")


def _unspaced(line: str) -> str:
    """A letter-spaced heading closed up, and one printed twice over (a bold effect some PDFs draw by
    printing the text twice: 发展现状与形势发展现状与形势) given once."""
    if SPACED.match(line):
        line = re.sub(rf"(?<={_SPACED_CHAR}) (?={_SPACED_CHAR})", "", line)
    half = len(line) // 2
    worded = len(re.findall(r"[\u4e00-\u9fff]", line[:half])) >= 4  # not a run of figures (1010)
    doubled = half >= 4 and len(line) % 2 == 0 and line[:half] == line[half:]
    if doubled and (worded or not re.search(r"\d", line)):
        line = line[:half]
    return line


def unwrap(lines: list[str]) -> list[str]:
    """Re-join lines the PDF wrapped: a near-full-width line without final punctuation continues."""
    widths = [_width(ln) for ln in lines]
    body = sorted((w for w in widths if w >= 20), reverse=True)
    if len(body) < 2:
        return lines
    full = _full_width(body)
    if full < 30:
        return lines
    out: list[str] = []
    joining = False
    for ln, w in zip(lines, widths, strict=True):
        if joining and not _MARKER.match(ln) and "\t" not in ln:
            prev = out[-1]
            latin = prev[-1:].isascii() and prev[-1:].isalnum() and ln[:1].isascii() and ln[:1].isalnum()
            sep = " " if latin else ""
            out[-1] = prev + sep + ln
        else:
            out.append(ln)
        joining = w >= 0.85 * full and not ln.endswith(_FINAL) and "\t" not in ln
    return out


def _full_width(widths: list[int]) -> int:
    """The width of a full line: the 90th percentile (at least the 2nd widest), or the commonest width a
    little below it when one in ten lines has it (justified text; a few wide lines of digits or letter-spaced
    boxes aside). A common short width (table rows) is no full line."""
    high = widths[max(1, len(widths) // 10)]
    common, n = Counter(widths).most_common(1)[0]
    return common if n >= len(widths) // 10 and common >= 0.75 * high else high


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] + ("…" if len(text) > 120 else "")
