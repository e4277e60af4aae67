"""DOCX with python-docx: body paragraphs and tables in order, after zip-bomb and DTD checks."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from compare.errors import CompareError, UnreadableInputError, UnsupportedInputError
from compare.read.limits import Limits
from compare.read.meta import clean_metadata

_DTD_MARKERS = tuple(
    m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be")
)
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
        text = "\n".join(_blocks(document))
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
            infos = zf.infolist()
            if len(infos) > _MAX_MEMBERS:
                raise UnsupportedInputError(
                    f"is a .docx with {len(infos):,} zip members (limit {_MAX_MEMBERS:,})",
                    "re-save it in Word or LibreOffice", path=path)
            total = sum(i.file_size for i in infos)
            if total > limits.max_unzipped_bytes:
                raise UnsupportedInputError(
                    f"is a .docx that would unpack to {total:,} bytes (limit {limits.max_unzipped_bytes:,}; "
                    "possible zip bomb)", "re-save it without embedded media, or raise Limits.max_unzipped_bytes",
                    path=path)
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise UnreadableInputError(
                    "is a zip archive without word/document.xml, so not a Word document",
                    "open and re-save it in Word or LibreOffice", path=path)
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")):
                    part = zf.read(info)
                    if any(marker in part for marker in _DTD_MARKERS):
                        raise UnsupportedInputError(
                            f"is a .docx whose part {info.filename} declares a DTD or entities "
                            "(possible entity-expansion attack)",
                            "re-save it in Word or LibreOffice; Word never writes DTDs", path=path)
    except CompareError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError,
            NotImplementedError, RuntimeError) as exc:
        raise UnreadableInputError(
            f"is a truncated or corrupt .docx ({type(exc).__name__}: {_short(exc)})",
            "download or copy the file again, or re-save it in Word or LibreOffice", path=path) from None
    except Exception as exc:  # zlib.error and other decompression failures
        raise UnreadableInputError(
            f"is a truncated or corrupt .docx ({type(exc).__name__}: {_short(exc)})",
            "download or copy the file again, or re-save it in Word or LibreOffice", path=path) from None


def _blocks(document: Any) -> list[str]:
    from docx.table import Table

    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            out.extend(_table_rows(block))
        else:
            out.append(block.text)
    return out


def _table_rows(table: Any) -> list[str]:
    rows: list[str] = []
    seen: set[Any] = set()  # the <w:tc> elements themselves: keeps their proxies alive
    for row in table.rows:
        cells: list[str] = []
        last = None
        for cell in row.cells:
            tc = cell._tc
            if tc is last:  # a horizontally merged cell repeats
                continue
            last = tc
            if tc in seen:  # a vertically merged cell: its text is in the row above
                cells.append("")
                continue
            seen.add(tc)
            cells.append(_cell_text(cell))
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
