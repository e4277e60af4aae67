"""Table cells of the PDF brief: text laid out exactly as reportlab's CJK Paragraph, without its parser."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import Any, NamedTuple

from compare.render.text import xml_escape as escape


def esc(text: Any) -> str:
    """Text made inert for reportlab's paragraph markup (<, >, & and quotes)."""
    return escape(str(text), {'"': "&quot;"})


class _Styles:
    """The paragraph styles of the brief, from pdf_style.toml."""

    def __init__(self, font: str, style: dict[str, Any]) -> None:
        from reportlab.lib.colors import HexColor
        from reportlab.lib.styles import ParagraphStyle

        sz, col = style.get("size", {}), style.get("colors", {})
        lead = float(sz.get("leading", 1.45))
        self.muted = col.get("muted", "#555555")
        self.small = float(sz.get("small", 7.5))
        text = HexColor(col.get("text", "#000000"))

        def ps(name: str, size: float, **kw: Any) -> ParagraphStyle:
            kw.setdefault("textColor", text)
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * lead, wordWrap="CJK",
                                  **kw)

        self.title = ps("title", float(sz.get("title", 18)), spaceAfter=6)
        self.h1 = ps("h1", float(sz.get("h1", 14)), spaceBefore=14, spaceAfter=6)
        self.h2 = ps("h2", float(sz.get("h2", 11.5)), spaceBefore=9, spaceAfter=4)
        self.body = ps("body", float(sz.get("body", 9.5)), spaceAfter=4)
        self.note = ps("note", self.small + 0.5, textColor=HexColor(self.muted), spaceAfter=4)
        self.cell = ps("cell", float(sz.get("table", 8)))
        self.head = ps("head", float(sz.get("table", 8)))
        self.header = ps("header", float(sz.get("header", 7.5)), textColor=HexColor(self.muted))

    def detail(self, text: str) -> str:
        """Secondary text inside a cell: smaller and grey."""
        return f'<font size="{self.small}" color="{esc(self.muted)}">{esc(text)}</font>' if text else ""


@functools.lru_cache(maxsize=1)
def _para_class():  # -> type
    from reportlab.platypus import Paragraph

    class Para(Paragraph):
        """A Paragraph that remembers its last wrap: tables re-measure cells on every page split."""

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
            if getattr(self, "_wrapped_at", None) == availWidth:
                return self.width, self.height
            size = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
            return size

        def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
            self._wrapped_at = None  # type: ignore[assignment]
            return super().split(availWidth, availHeight)

    return Para


# one line of a table cell, as written: (text, is_detail); detail lines are small and grey
Seg = tuple[str, bool]
# stand-ins for <br/> and <font> tags while whitespace is cleaned as Paragraph does
_BR, _TAG = "\x00", "\x01"
_CHUNKS = re.compile(r'[&<>"]|[^&<>"]+')  # the pieces reportlab's parser hands over between entities


def _markup(segs: list[Seg], S: _Styles) -> str:
    """The Paragraph markup of a cell: lines joined by <br/>, detail lines in a small grey font."""
    return "<br/>".join(S.detail(text) if detail else esc(text) for text, detail in segs)


def _cleaned(segs: list[Seg]) -> list[Seg]:
    """The lines with whitespace collapsed and the ends trimmed exactly as Paragraph cleans its markup."""
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    parts = []
    for text, detail in segs:
        text = text.replace(_BR, "").replace(_TAG, "")
        parts.append(_TAG + text + _TAG if detail and text else text)  # S.detail("") writes no tags
    pieces = cleanBlockQuotedText(_BR.join(parts)).split(_BR)
    return [(piece.replace(_TAG, ""), _TAG in piece) for piece in pieces]


class _Widths(dict):
    """Advance width of each character in one font and size, measured once."""

    def __init__(self, font: str, size: float) -> None:
        super().__init__()
        self.font, self.size = font, size

    def __missing__(self, ch: str) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        w = self[ch] = stringWidth(ch, self.font, self.size)
        return w


@functools.lru_cache(maxsize=16)
def _char_widths(font: str, size: float) -> _Widths:
    """The width table of one font and size, shared by every cell."""
    return _Widths(font, size)


class _Line(NamedTuple):
    """One broken line: text[start:end], whether a break (not the text's end) closed it, its spare width."""

    start: int
    end: int
    broken: bool
    extra: float


def _break(text: str, widths: list[float], width: float, whole: bool = False) -> list[_Line]:
    """The lines of text as reportlab breaks CJK text at width; a newline ends its line.

    The same rules and arithmetic as Paragraph with wordWrap='CJK' (textsplit.dumbSplit and
    paragraph.cjkFragSplit): fill character by character; a Latin word that overflows goes whole to the
    next line when a space or a CJK character lies in the second half of the line; a character that may
    not start a line (，。、）…) hangs in the margin instead.
    """
    from unicodedata import category

    from reportlab.lib.textsplit import ALL_CANNOT_START
    from reportlab.rl_config import _FUZZ

    lines, start, n, limit = [], 0, len(text), width + _FUZZ
    while start < n:
        nl = text.find("\n", start)
        stop = n if nl < 0 else nl + 1
        acc = list(itertools.accumulate(widths[start:stop]))
        over = bisect.bisect_right(acc, limit)
        if over == len(acc):  # the rest fits: a forced break, or the last line when it has any width
            if nl >= 0 or acc[-1] > 0:
                lines.append(_Line(start, stop, False, width - acc[-1]))
            start = stop
            continue
        i = start + over + 1
        c, w, extra = text[i - 1], widths[i - 1], width - acc[over]
        if ord(c) < 0x3000:  # inside a Latin word: back up to a space or a CJK character
            for j in range(i - 1, start if whole else (start + i) >> 1, -1):
                if j + 1 < i and (category(text[j]) == "Zs" or ord(text[j]) >= 0x3000):
                    extra += sum(widths[j + 2:i])
                    c, w, i = text[j + 1], widths[j + 1], j + 2
                    break
        if c not in ALL_CANNOT_START and i > start + 1:
            i -= 1
            extra += w
        lines.append(_Line(start, i, True, extra))
        start = i
    return lines


def _word_space(line: _Line, runs: list[tuple[str, int]]) -> float:
    """Paragraph's word spacing for a line wider than the cell (a hanging mark), over no-break spaces."""
    if line.extra > -1e-8:
        return 0.0
    spaces = sum(text.count("\xa0") for text, _ in runs)
    return line.extra / spaces if spaces else 0.0


class _CellText:
    """Table-cell text laid out and drawn exactly as a CJK Paragraph of the same lines, without a parser.

    Lines of one style and no markup break like Paragraph's single-fragment case (broken lines trimmed);
    others like its multi-fragment case. Wraps are remembered per width, as tables re-measure on splits.
    """

    def __init__(self, segs: list[Seg], main: tuple[str, float, Any], detail: tuple[str, float, Any],
                 leading: float) -> None:
        super().__init__()
        self.segs = _cleaned(segs) if segs else []
        self.whole = False  # True: a Latin word never breaks where the line has an earlier space
        self.styles = (main, detail)  # (font, size, colour) of ordinary and of detail lines
        self.leading = leading
        self.width = self.height = 0.0
        self.lines: list[_Line] = []
        self._wrapped_at: float | None = None
        frags = sum(len(_CHUNKS.findall(t)) for t, _ in self.segs) + len(self.segs) - 1
        self.simple = frags <= 1  # Paragraph's single-fragment case, or nothing at all
        self.text = "\n".join(t for t, _ in self.segs) if frags > 0 else ""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_at:
            return self.width, self.height
        from reportlab.rl_config import _FUZZ

        if availWidth < _FUZZ:
            return 0, 0x7FFFFFFF
        widths = [0.0] * len(self.text)
        pos = 0
        for text, detail in self.segs:
            cw = _char_widths(*self.styles[detail][:2])
            widths[pos:pos + len(text)] = [cw[c] for c in text]
            pos += len(text) + 1
        has_text = bool(self.text.strip("\n")) or not self.simple
        self.lines = _break(self.text, widths, availWidth, self.whole) if has_text else []
        self.width, self.height, self._wrapped_at = availWidth, len(self.lines) * self.leading, availWidth
        return self.width, self.height

    def runs(self, line: _Line) -> list[tuple[str, int]]:
        """The pieces of one line with the style of each: 0 ordinary, 1 detail."""
        if self.simple:
            text = self.text[line.start:line.end]
            return [(text.strip() if line.broken else text, self.segs[0][1])]
        out: list[tuple[str, int]] = []
        pos = 0
        for text, detail in self.segs:
            a, b = max(line.start, pos), min(line.end, pos + len(text))
            if a < b:
                out.append((self.text[a:b], detail))
            pos += len(text) + 1
        return out

    def first_size(self) -> float:
        """The font size the first baseline hangs from: the largest on the first line (a break counts)."""
        if self.simple:
            return self.styles[self.segs[0][1]][1]
        line = self.lines[0]
        sizes = [self.styles[d][1] for d in {d for _, d in self.runs(line)}]
        if self.text.find("\n", line.start, line.end) >= 0:
            sizes.append(self.styles[0][1])
        return max(sizes)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if not self.lines:
            return
        canvas.saveState()
        canvas.translate(x, y)  # as Flowable.drawOn does: glyphs land on exactly the same device pixels
        tx = canvas.beginText(0, self.height - self.first_size())
        current = None
        for line in self.lines:
            runs = self.runs(line)
            squeeze = _word_space(line, runs)
            if squeeze:
                tx.setWordSpace(squeeze)
            for k, (text, detail) in enumerate(runs, 1):
                if detail != current:
                    font, size, colour = self.styles[detail]
                    tx.setFont(font, size, self.leading)
                    tx.setFillColor(colour)
                    current = detail
                tx._textOut(text, k == len(runs))  # as Paragraph draws: T* after a line's last piece
            if not runs:  # an empty line between two breaks (T* would need a leading set in the PDF)
                tx.moveCursor(0, self.leading)
            if squeeze:
                tx.setWordSpace(0)
        canvas.drawText(tx)
        canvas.restoreState()


@functools.lru_cache(maxsize=1)
def _cell_class():  # -> type
    """The Cell flowable class: _CellText on reportlab's Flowable (imported only when a PDF is made)."""
    from reportlab.platypus import Flowable

    return type("Cell", (_CellText, Flowable), {})


class _Cells:
    """Makes table cells from lines: fast Cell flowables, or Paragraphs where rows may split across pages."""

    def __init__(self, S: _Styles, split: bool, whole: bool = False) -> None:
        from reportlab.lib.colors import HexColor

        self.S, self.split, self.whole = S, split, whole
        self.detail = (S.cell.fontName, S.small, HexColor(S.muted))

    def __call__(self, segs: list[Seg], head: bool = False) -> Any:
        style = self.S.head if head else self.S.cell
        if self.split:  # Paragraph knows how to split a cell between pages
            return _para_class()(_markup(segs, self.S), style)
        main = (style.fontName, style.fontSize, style.textColor)
        c = _cell_class()(segs, main, self.detail, style.leading)
        c.whole = self.whole
        return c
