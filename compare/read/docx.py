"""DOCX with python-docx: body paragraphs and tables in order, after zip-bomb and DTD checks."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any

from compare.errors import CompareError, UnreadableInputError, UnsupportedInputError
from compare.read.limits import Limits, raise_hint
from compare.read.meta import clean_metadata

_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_MAX_MEMBERS = 10_000
_PLACEHOLDER_AUTHORS = {"python-docx"}
_PLACEHOLDER_TITLES = {"word document"}
_PLACEHOLDER_CREATED = "2013-12-23"  # python-docx's default template


def read_docx(data: bytes, path: str, limits: Limits) -> tuple[str, dict[str, str]]:
    """Text of a .docx (tables as tab-joined rows) and its core-property title/date/author."""
    _check_package(data, path, limits)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        text = "\n".join(_blocks(document, path, limits))
        meta = _core_properties(document)
    except CompareError:
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many types for broken files
        raise UnreadableInputError(
            f"is not a readable .docx ({type(exc).__name__}: {_short(exc)})",
            "open and re-save it in Word or LibreOffice, or export it as PDF",
            path=path) from None
    return text, meta


def _check_package(data: bytes, path: str, limits: Limits) -> None:
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise UnreadableInputError(
            "is not a valid .docx (not a zip archive)",
            "check the file: a .docx must be a Word 2007+ document; convert old .doc with "
            "`soffice --headless --convert-to docx`", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_parts(zf, path, limits)
    except CompareError:
        raise
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, KeyError...: a truncated or corrupt archive
        raise UnreadableInputError(
            f"is a truncated or corrupt .docx ({type(exc).__name__}: {_short(exc)})",
            "download or copy the file again, or re-save it in Word or LibreOffice", path=path) from None


def _check_parts(zf: zipfile.ZipFile, path: str, limits: Limits) -> None:
    """Sizes, the main part the relationships point at, element count and DTDs: before python-docx parses."""
    infos = zf.infolist()
    if len(infos) > _MAX_MEMBERS:
        raise UnsupportedInputError(f"is a .docx with {len(infos):,} zip members (limit {_MAX_MEMBERS:,})",
                                    "re-save it in Word or LibreOffice", path=path)
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise UnsupportedInputError(
            f"is a .docx that would unpack to {total:,} bytes (limit {limits.max_unzipped_bytes:,}; "
            "possible zip bomb)", f"re-save it without embedded media, {raise_hint('max_unzipped_bytes')}",
            path=path)
    names = {i.filename for i in infos}
    main = _main_part(zf, names)
    if main not in names:
        raise UnreadableInputError(
            f"is a zip archive without its main part {main}, so not a Word document",
            "open and re-save it in Word or LibreOffice", path=path)
    parsed = [i for i in infos if i.filename.lower().endswith((".xml", ".rels")) or i.filename == main]
    xml_total = sum(i.file_size for i in parsed)
    if xml_total > limits.max_docx_xml_bytes:
        raise UnsupportedInputError(
            f"is a .docx whose XML parts unpack to {xml_total:,} bytes (limit {limits.max_docx_xml_bytes:,})",
            f"split the document, {raise_hint('max_docx_xml_bytes')}", path=path)
    for info in parsed:
        part = zf.read(info)
        if info.filename == main:
            _check_text_size(part, limits, path)
            _check_elements(part, limits, path)
        if _declares_dtd(part):
            raise UnsupportedInputError(
                f"is a .docx whose part {info.filename} declares a DTD or entities "
                "(possible entity-expansion attack)",
                "re-save it in Word or LibreOffice; Word never writes DTDs", path=path)


_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTR = re.compile(rb'\b(Type|Target)\s*=\s*["\']([^"\']*)["\']')


def _main_part(zf: zipfile.ZipFile, names: set[str]) -> str:
    """The part the package relationships name as the document (what python-docx opens), else the usual."""
    if "_rels/.rels" in names and zf.getinfo("_rels/.rels").file_size < 1_000_000:
        for rel in _RELATIONSHIP.findall(zf.read("_rels/.rels")):
            attrs = {k.decode(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(rel)}
            if attrs.get("Type", "").endswith("/officeDocument") and attrs.get("Target"):
                return posixpath.normpath(attrs["Target"].lstrip("/"))
    return "word/document.xml"


def _check_elements(xml: bytes, limits: Limits, path: str) -> None:
    """Refuse a main part with more XML elements than limits.max_docx_elements (each costs parser memory)."""
    elements = xml.count(b"<") - xml.count(b"</") - xml.count(b"<?") - xml.count(b"<!")
    if elements > limits.max_docx_elements:
        raise UnsupportedInputError(
            f"is a .docx with {elements:,} XML elements in its document (limit {limits.max_docx_elements:,})",
            f"re-save it in Word or LibreOffice, or split it, {raise_hint('max_docx_elements')}", path=path)


_TEXT_RUN = re.compile(rb"<w:t(?:\s[^>]{0,200})?>([^<]*)</w:t>")


def _check_text_size(xml: bytes, limits: Limits, path: str) -> None:
    """Refuse, before python-docx builds its tree, a body whose text runs alone pass Limits.max_chars.

    A few hundred KB of .docx can inflate to millions of characters of text
    (the XML compresses a thousandfold);
    counting the <w:t> runs costs a fraction of a second where parsing them costs seconds and hundreds of MB.
    """
    if len(xml) // 4 <= limits.max_chars:  # UTF-8 CJK is 3 bytes a character, and markup surrounds every run
        return
    chars = sum(len(run.decode("utf-8", "replace")) for run in _TEXT_RUN.findall(xml))
    if chars > limits.max_chars:
        raise UnsupportedInputError(
            f"has over {limits.max_chars:,} characters of text ({chars:,} in its body; about 2,000 pages)",
            f"compare the relevant part: split the document, {raise_hint('max_chars')}", path=path)


def _declares_dtd(part: bytes) -> bool:
    """True when an XML part has a DOCTYPE or ENTITY declaration, in UTF-8, UTF-16 or UTF-32 alike."""
    if any(marker in part for marker in _DTD_MARKERS):
        return True
    if b"\x00" in part[:8]:  # a wide encoding: its ASCII characters are the non-zero bytes
        narrow = part.replace(b"\x00", b"")
        return b"<!DOCTYPE" in narrow or b"<!ENTITY" in narrow
    return False


def _blocks(document: Any, path: str, limits: Limits) -> list[str]:
    """The body's paragraphs and tables in order, and the text of altChunk parts (HTML, plain) in place."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    body = document._body
    for child in document.element.body.iterchildren():
        tag = str(child.tag).rsplit("}", 1)[-1]
        if tag == "p":
            out.append(_paragraph_text(Paragraph(child, body)))
        elif tag == "tbl":
            out.extend(_table_rows(Table(child, body)))
        elif tag == "altChunk":
            out.extend(_alt_chunk(document, child, path, limits))
    return out


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _alt_chunk(document: Any, element: Any, path: str, limits: Limits) -> list[str]:
    """Lines of an altChunk (content Word imports when it opens the file): HTML and plain text are read;
    any other kind (MHT, RTF, an embedded .docx) is refused by name rather than dropped without a word."""
    part = document.part.related_parts.get(element.get(_R_ID))
    if part is None:
        return []
    kind = part.content_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml", "text/plain"):
        from compare.read.html import check_markup, html_to_text

        text = part.blob.decode("utf-8", "replace")
        if kind != "text/plain":
            check_markup(text, limits, path)
            text = html_to_text(text)[0]
        return [line for line in text.splitlines() if line.strip()]
    raise UnsupportedInputError(f"has content Word imports on opening (altChunk of type {kind}), not read",
                                "open it in Word or LibreOffice and save it again as .docx", path=path)


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text, with a line break before each bold-led inline heading: a report that runs its tasks
    into one paragraph (`…稳定锚。**精准发力扩大有效投资**。扎实开展…`) still shows each task as an item."""
    runs = list(paragraph.runs)
    if not any(r.bold for r in runs[1:]):
        return str(paragraph.text)
    parts: list[str] = []
    for k, run in enumerate(runs):
        text = run.text
        after = runs[k + 1].text if k + 1 < len(runs) else ""
        before = "".join(parts).rstrip()
        heading = text.strip()
        if (run.bold and before and before[-1] in "。！？；" and 2 <= len(heading) <= 40
                and (heading.endswith("。") or after.startswith("。"))):
            parts.append("\n")
        parts.append(text)
    return "".join(parts)


def _table_rows(table: Any) -> list[str]:
    """Each row's cells, tab-joined: a horizontally merged cell once, a vertically merged one under its first
    row.

    Reads the <w:tc> elements themselves rather than python-docx's layout grid, which raises on a merge that
    starts in the first row or runs past the grid, and recurses once per row of a vertical merge.
    """
    from docx.table import _Cell

    rows: list[str] = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":  # a vertically merged cell: its text is in the row above
                cells.append("")
            else:
                cells.append(_cell_text(_Cell(tc, table)))
        if any(c.strip() for c in cells):
            rows.append("\t".join(cells))
    return rows


def _cell_text(cell: Any) -> str:
    from docx.table import Table

    parts: list[str] = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts.extend(r.replace("\t", " ") for r in _table_rows(block))
        else:
            parts.append(block.text)
    return " ".join(p.replace("\t", " ").replace("\n", " ").strip() for p in parts if p.strip())


def _core_properties(document: Any) -> dict[str, str]:
    props = document.core_properties
    title = (props.title or "").strip()
    author = (props.author or "").strip()
    created = props.created
    fields: dict[str, object] = {
        "title": "" if title.lower() in _PLACEHOLDER_TITLES else title,
        "author": "" if author.lower() in _PLACEHOLDER_AUTHORS else author,
        "date": created,
    }
    meta = clean_metadata(fields)
    if meta.get("date") == _PLACEHOLDER_CREATED:
        del meta["date"]
    return meta


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] + ("…" if len(text) > 120 else "")
