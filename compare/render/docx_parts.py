"""WordprocessingML pieces of the DOCX brief: redline runs, links to the appendix and their bookmarks."""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

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
    return f'<w:r>{rpr}{"<w:br/>" if brk else ""}<w:t{space}>{escape(text, _TEXT_ENTITIES)}</w:t></w:r>'


def redline_runs(ops: list[dict[str, Any]], colours: dict[str, Any], limit: int) -> str:
    """The runs of a redline: deletions struck through in grey, insertions underlined, moved figures shaded."""
    from compare.redline import cap, window

    out = []
    for op in cap(window(ops), limit):
        props = ""
        if op["op"] == "delete":
            props += f'<w:color w:val="{_hex(colours.get("deleted"), "#8A8A8A")}"/><w:strike/>'
        elif op["op"] == "insert":
            props += f'<w:color w:val="{_hex(colours.get("inserted"), "#1F3B5C")}"/><w:u w:val="single"/>'
        if op.get("figure"):
            props += f'<w:shd w:val="clear" w:color="auto" w:fill="{_hex(colours.get("figure_mark"), "#FFE58F")}"/>'
        out.append(run(op["text"], f"<w:rPr>{props}</w:rPr>" if props else ""))
    return "".join(out)


def link_runs(refs: list[tuple[str, str]], label: str, known: set[tuple[str, str]], colour: str,
              size_half_points: int = 14) -> str:
    """Small internal hyperlinks to the appendix rows of the figures a change speaks of (附录 a-t1 · b-t9)."""
    rpr = (f'<w:rPr><w:color w:val="{_hex(colour, "#1F3B5C")}"/><w:u w:val="single"/>'
           f'<w:sz w:val="{size_half_points}"/></w:rPr>')
    plain = f'<w:rPr><w:sz w:val="{size_half_points}"/></w:rPr>'
    parts = []
    for side, tid in dict.fromkeys(refs):
        if (side, tid) not in known:
            continue
        sep = run(" · ", plain) if parts else run(f" {label} ", plain)
        parts.append(sep + f'<w:hyperlink w:anchor="{bookmark_name(side, tid)}" w:history="1">'
                     + run(tid, rpr) + "</w:hyperlink>")
    return "".join(parts)


def bookmarked(p_xml: str, name: str, number: int) -> str:
    """A paragraph (as XML) with a bookmark around its start, so links can land on it."""
    mark = f'<w:bookmarkStart w:id="{number}" w:name="{escape(name)}"/><w:bookmarkEnd w:id="{number}"/>'
    head, sep, tail = p_xml.partition("</w:pPr>")
    if sep:
        return head + sep + mark + tail
    return p_xml.replace("<w:p>", "<w:p>" + mark, 1) if p_xml.startswith("<w:p>") else \
        "<w:p>" + mark + "</w:p>"
