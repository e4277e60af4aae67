"""WordprocessingML pieces of the DOCX brief: redline runs, links to the appendix and their bookmarks."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from compare.render.text import xml_escape as escape

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ENTITIES = {"\r": "&#13;"}


def _text(s: Any) -> str:
    return _XML_BAD.sub("", str(s))


def _hex(colour: Any, default: str) -> str:
    value = str(colour or default).lstrip("#").upper()
    return value if re.fullmatch("[0-9A-F]{6}", value) else default.lstrip("#").upper()


def bookmark_name(side: str, tid: str) -> str:
    """A Word bookmark name for a figure's appendix row: a letter first, letters, digits and _ only, ≤ 40."""
    return ("fig_" + re.sub(r"[^A-Za-z0-9_]", "_", f"{side}_{tid}"))[:40]


def run(text: str, rpr: str = "", brk: bool = False) -> str:
    """One run: properties, an optional line break before it, the text escaped."""
    text = _text(text)
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:r>{rpr}{'<w:br/>' if brk else ''}<w:t{space}>{escape(text, _TEXT_ENTITIES)}</w:t></w:r>"


def redline_runs(ops: list[dict[str, Any]], colours: dict[str, Any], limit: int) -> str:
    """The runs of a redline: deletions struck through in grey, insertions underlined, figures shaded."""
    from compare.redline import cap, window

    out = []
    for op in cap(window(ops), limit):
        props = ""
        if op["op"] == "delete":
            props += f'<w:color w:val="{_hex(colours.get("deleted"), "#8A8A8A")}"/><w:strike/>'
        elif op["op"] == "insert":
            props += f'<w:color w:val="{_hex(colours.get("inserted"), "#1F3B5C")}"/><w:u w:val="single"/>'
        if op.get("figure"):
            fill = _hex(colours.get("figure_mark"), "#FFE58F")
            props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        out.append(run(op["text"], f"<w:rPr>{props}</w:rPr>" if props else ""))
    return "".join(out)


def link_runs(
    refs: list[tuple[str, str]],
    label: str,
    known: set[tuple[str, str]],
    colour: str,
    size_half_points: int = 14,
) -> str:
    """Small internal hyperlinks to the appendix rows of the figures a change speaks of (附录 a-t1 · b-t9)."""
    rpr = (
        f'<w:rPr><w:color w:val="{_hex(colour, "#1F3B5C")}"/><w:u w:val="single"/>'
        f'<w:sz w:val="{size_half_points}"/></w:rPr>'
    )
    plain = f'<w:rPr><w:sz w:val="{size_half_points}"/></w:rPr>'
    parts: list[str] = []
    for side, tid in dict.fromkeys(refs):
        if (side, tid) not in known:
            continue
        sep = run(" · ", plain) if parts else run(f" {label} ", plain)
        parts.append(
            sep
            + f'<w:hyperlink w:anchor="{bookmark_name(side, tid)}" w:history="1">'
            + run(tid, rpr)
            + "</w:hyperlink>"
        )
    return "".join(parts)


def bookmarked(p_xml: str, name: str, number: int) -> str:
    """A paragraph (as XML) with a bookmark around its start, so links can land on it."""
    mark = f'<w:bookmarkStart w:id="{number}" w:name="{escape(name)}"/><w:bookmarkEnd w:id="{number}"/>'
    head, sep, tail = p_xml.partition("</w:pPr>")
    if sep:
        return head + sep + mark + tail
    return (
        p_xml.replace("<w:p>", "<w:p>" + mark, 1) if p_xml.startswith("<w:p>") else "<w:p>" + mark + "</w:p>"
    )


def _add_field_text(paragraph: Any, template: str, fields: dict[str, str]) -> None:
    """Write a label like '第 {n} 页，共 {total} 页' with {n}/{total} as live PAGE/NUMPAGES fields."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for piece in re.split(r"(\{\w+\})", template):
        key = piece[1:-1] if piece.startswith("{") else None
        if key in fields:
            fld = OxmlElement("w:fldSimple")
            fld.set(qn("w:instr"), fields[key])
            r = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = "1"
            r.append(t)
            fld.append(r)
            paragraph._p.append(fld)
        elif piece:
            paragraph.add_run(_text(piece))


def _epoch() -> dt.datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.lstrip("-").isdigit():
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc).replace(tzinfo=None)
    return None


def _fix_zip(path: Path, when: dt.datetime) -> None:
    """Rewrite the package with fixed member timestamps so identical briefs are identical files."""
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            # a PNG is compressed already: stored as it is, it is not deflated a second time
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
