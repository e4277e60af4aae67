"""HTML to text with selectolax: block elements become lines, table rows tab-joined cells."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compare.read.limits import Limits

_SKIP = frozenset({
    "script", "style", "noscript", "template", "head", "nav", "footer", "iframe", "svg", "math",
    "object", "embed", "canvas", "button", "select", "option", "textarea", "audio", "video", "map",
    "-comment", "!comment",
})
_BLOCK = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table",
    "thead", "tbody", "tfoot", "caption", "section", "article", "header", "main", "aside", "blockquote",
    "pre", "hr", "address", "figure", "figcaption", "center", "form", "fieldset", "legend", "details",
    "summary", "title", "body", "html",
})
_CELL = frozenset({"td", "th"})
_WS = re.compile(r"[ \t\n\r\f\v]+")
_SPACES = re.compile(r" {2,}")
_CELL_GAP = re.compile(r" *\t *")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_TITLE = ("og:title", "articletitle", "dc.title", "title")
_META_DATE = ("pubdate", "publishdate", "article:published_time", "dc.date", "date", "firstpublishedtime")
_META_AUTHOR = ("author", "dc.creator")


# --- bounding the parse -------------------------------------------------------------------------
# lexbor is fast on ordinary pages but spends time proportional to the depth of the open-element stack on many
# tags (a <div> looks for an open <p> below it), so 100,000 nested <div>s take hours; and each element costs
# several hundred bytes. check_markup estimates both from the tags alone, in one linear pass, before parsing.

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image", "menuitem",
                   "isindex"})
# closed by their next sibling or their parent: they do not nest deeper
_IMPLIED = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead",
                      "tfoot", "rb", "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body"})
# RAWTEXT/RCDATA elements: their content is text up to their end tag (noscript is not: with scripting off, as
# here, its content is markup; and inside svg/math no element is raw text)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
_FOREIGN = frozenset({"svg", "math"})
_TAG_OR_COMMENT = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9:-]{0,63})|!--)")
_COMMENT_END = re.compile(r"--!?>")  # a comment also ends at --!> (an "incorrectly closed comment")
MAX_NESTING_WORK = 500_000_000  # sum over tags of the open-element depth: about a second of lexbor's time
_CLOSE_REACH = 8  # an end tag closes an element at most this far down the stack, else it counts as ignored
# elements an end tag does not close past (the parser's scope boundaries, and foreign content)
_SCOPE_BOUNDARY = frozenset({"table", "td", "th", "caption", "object", "template", "applet", "marquee",
                             "html", "button", "svg", "math", "foreignobject", "desc", "title", "mi", "mo",
                             "mn", "ms", "mtext", "annotation-xml"})


class _Nesting:
    """The open-element stack as the parser would grow it, estimated from tags alone, never under-estimated:
    an end tag closes only a matching element near the top (the parser ignores many others)."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.foreign = 0  # open svg/math: inside them self-closing tags are empty and nothing is raw text

    def start(self, name: str, self_closing: bool) -> bool:
        """An element opens; True when it takes part in the nesting."""
        if name in _VOID or name in _IMPLIED or (self_closing and self.foreign):
            return False
        self.stack.append(name)
        self.foreign += name in _FOREIGN
        return True

    def end(self, name: str) -> None:
        """An end tag: close the matching element when it is near the top with no scope boundary above it;
        otherwise the parser may well ignore it, so the estimate keeps the stack as it is."""
        reach = self.stack[-_CLOSE_REACH:]
        if name not in reach:
            return
        above = reach[len(reach) - reach[::-1].index(name):]
        if any(tag in _SCOPE_BOUNDARY for tag in above):
            return
        while self.stack:
            top = self.stack.pop()
            self.foreign -= top in _FOREIGN
            if top == name:
                return


def _comment_end(text: str, start: int) -> int:
    """Where a comment opened just before start ends (<!--> and <!---> are empty), or -1 at the end."""
    if text.startswith(">", start):
        return start + 1
    if text.startswith("->", start):
        return start + 2
    m = _COMMENT_END.search(text, start)
    return m.end() if m else -1


def check_markup(text: str, limits: Limits, path: str) -> None:
    """Refuse markup with more tags than limits.max_html_tags, or nested so deeply that parsing would hang."""
    if "<" not in text:
        return
    nesting = _Nesting()
    tags = work = 0
    pos, gt = 0, -1
    while True:
        m = _TAG_OR_COMMENT.search(text, pos)
        if m is None:
            return
        if m.group(2) is None:  # a comment: skip to its end (the rest of the page when it has none)
            pos = _comment_end(text, m.end())
            if pos < 0:
                return
            continue
        if gt < m.end():
            gt = text.find(">", m.end())
            if gt < 0:
                return
        pos = gt + 1
        tags += 1
        work += len(nesting.stack)
        _check_budget(tags, work, limits, path)
        name = m.group(2).lower()
        if m.group(1):
            nesting.end(name)
            continue
        self_closing = text[gt - 1] == "/"
        raw = name in _RAW_TEXT and not self_closing and not nesting.foreign
        if nesting.start(name, self_closing) and raw:  # its content is text, up to its end tag
            end = re.compile("</" + name, re.IGNORECASE).search(text, pos)
            if end is None:
                return
            pos = end.start()


def _check_budget(tags: int, work: int, limits: Limits, path: str) -> None:
    """Refuse once the tags or the nesting work pass their limits."""
    from compare.errors import UnsupportedInputError
    from compare.read.limits import raise_hint

    if tags > limits.max_html_tags:
        raise UnsupportedInputError(
            f"has over {limits.max_html_tags:,} HTML tags",
            f"save the page as text or PDF from a browser, {raise_hint('max_html_tags')}", path=path)
    if work > MAX_NESTING_WORK:
        raise UnsupportedInputError(
            "nests HTML elements so deeply that parsing it would not finish (a broken or hostile page)",
            "save the page as text or PDF from a browser", path=path)


def html_to_text(markup: str, *, keep_newlines: bool = False) -> tuple[str, dict[str, str]]:
    """Visible text of HTML, one block per line, and its metadata (keep_newlines: for text carrying HTML)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    meta = _metadata(tree)
    root = tree.root
    if root is None:
        return "", meta
    return _walk(root, keep_newlines), meta


class _Walk:
    """Where the walk is: inside how many cells and <pre>, and the cells seen in each open <tr>."""

    def __init__(self, keep_newlines: bool) -> None:
        self.keep_newlines = keep_newlines
        self.out: list[str] = []
        self.rows: list[int] = []
        self.cell_depth = 0
        self.pre_depth = 0

    def brk(self) -> str:
        """A line break, or a space inside a table cell."""
        return " " if self.cell_depth else "\n"

    def leave(self, tag: str) -> None:
        """An element ends."""
        if tag in _CELL:
            self.cell_depth -= 1
        elif tag == "tr":
            self.rows.pop()
            self.out.append(self.brk())
        elif tag == "pre":
            self.pre_depth -= 1
        if tag in _BLOCK:
            self.out.append(self.brk())

    def text(self, node: Any) -> None:
        """A text node, its whitespace collapsed (kept in <pre> and, with keep_newlines, outside cells)."""
        text = node.text_content or ""
        if self.pre_depth or (self.keep_newlines and not self.cell_depth):
            text = re.sub(r"[ \t\f\v\r]+", " ", text)
            if self.cell_depth:
                text = text.replace("\n", " ")
        else:
            text = _WS.sub(" ", text)
        self.out.append(text)

    def enter(self, tag: str) -> None:
        """An element starts (one that is shown and not a <br>)."""
        if tag in _BLOCK:
            self.out.append(self.brk())
        if tag == "tr":
            self.out.append(self.brk())
            self.rows.append(0)
        elif tag in _CELL:
            if self.rows:
                if self.rows[-1]:
                    self.out.append(" " if self.cell_depth else "\t")
                self.rows[-1] += 1
            self.cell_depth += 1
        elif tag == "pre":
            self.pre_depth += 1


def _shown(node: Any, tag: str) -> bool:
    """An element whose content is visible text: not skipped, not hidden."""
    if tag in _SKIP or not node.is_element_node and tag != "html":
        return False
    attrs = node.attributes or {}
    return not ("hidden" in attrs or _HIDDEN.search(attrs.get("style") or ""))


def _walk(root: Any, keep_newlines: bool) -> str:
    walk = _Walk(keep_newlines)
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            walk.leave(tag)
        elif tag == "-text":
            walk.text(node)
        elif not _shown(node, tag):
            continue
        elif tag == "br":
            walk.out.append(walk.brk())
        else:
            walk.enter(tag)
            stack.append((node, True))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((c, False) for c in reversed(children))
    text = _CELL_GAP.sub("\t", _SPACES.sub(" ", "".join(walk.out)))
    lines = (line.strip(" ") for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip())


def _metadata(tree: Any) -> dict[str, str]:
    from compare.read.meta import clean_metadata

    found: dict[str, object] = {}
    names: dict[str, str] = {}
    for m in tree.css("meta"):
        attrs = m.attributes or {}
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if key and content and key not in names:
            names[key] = content
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node is not None else ""
    found["title"] = next((names[k] for k in _META_TITLE if names.get(k)), "") or title
    found["date"] = next((names[k] for k in _META_DATE if names.get(k)), "")
    found["author"] = next((names[k] for k in _META_AUTHOR if names.get(k)), "")
    return clean_metadata(found)
