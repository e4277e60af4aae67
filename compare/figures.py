"""Every figure in a text, and every run that looks numeric but is not understood: the public parse_figures.

One grammar for the whole project. Chinese numerals, mixed forms (`100万三千`), `百分之三`, `二分之一`,
`两个亿`, vague amounts (`数十亿` = 10–100亿) and thousands separators (`601,293.11`) are first read into
Arabic digits in a shadow copy of the text, with a map back to the original offsets; the figure pattern of
compare/quantity.py then reads units, multipliers, ranges and `余/多` from the shadow. A run that looks
like a number but does not parse is never guessed: it is blanked in the shadow (so no figure comes of it)
and reported by `unread_spans`.

Measured (../shared/eval/numbers/check_external.py, 165 cases from cn2an's and JioNLP's test suites): 35 % at
commit f0846dc, through this module 161/165 (98 %). The four misses are deliberate: `3000多欧元`, `十多欧元`,
`2000余元` are read as an approximate figure (value 3000, approx) rather than the range 3000–4000 the suites
expect, because a plan's `40余个` is a floor ("more than 40"), which the targets keep as a comparator; and
`八到九百亿` is read 800亿–900亿, where JioNLP expects 8亿–900亿.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from compare.quantity import (
    CN_PLACES,
    FIGURE_RE,
    PLACE_UNITS,
    UNIT_RE,
    UNITS,
    Figure,
    arabic_figure,
    cn_to_number,
    finite,
)

# (start, end, replacement, chinese, vague): how one numeral is rewritten for the figure pattern
Replacement = tuple[int, int, str, bool, bool]

CN_CHARS = "〇零一二两三四五六七八九十百千万亿"
CN_DIGIT_CHARS = "〇零一二两三四五六七八九"
RUN = rf"[\d{CN_CHARS}](?:[\d{CN_CHARS}]|\.(?=\d)|点(?=[\d{CN_DIGIT_CHARS}]))*"
VAGUE = {"十": (10, 100), "百": (100, 1000), "千": (1000, 10000)}
# Checked in this order at each position: the first alternative that matches wins.
TOKEN_RE = re.compile(
    rf"(?=[\d{CN_CHARS}数几上成])"  # every alternative starts with one of these: a cheap first test
    rf"(?:(?P<pct>百分之|千分之)(?P<pnum>{RUN})"
    rf"|(?P<den>{RUN})分之(?P<numer>{RUN})"
    rf"|(?:数|几|上)(?P<vague>[十百千])(?P<vmag>万亿|亿|万)?"
    r"|数以(?P<vagueword>十|百|千|万|十万|百万|千万|亿)计"
    r"|(?P<wide>成百上千|成千上万)"
    r"|(?P<teens>[二三四五六七八九]?十)几"
    r"|(?P<pa>[一二三四五六七八])(?P<pb>[二两三四五六七八九])(?P<pplace>[十百千])(?![一二三四五六七八九])"
    r"|(?P<cheng>[一二两三四五六七八九])成半"
    rf"|(?P<two>[一二两三四五六七八九十])个(?P<tmag>亿)(?![元级])"  # 两个亿, not 两个万亿元台阶
    r"|(?P<sep>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?)(?![\d,，])"
    r"|(?P<fused>(?<!\d)(?:19|20)\d{2}(?:19|20)\d{2})(?=年)"
    r"|(?P<permille>\d+(?:\.\d+)?)%o(?![A-Za-z])"
    rf"|(?<![\d{CN_CHARS}.])(?P<low>[一二两三四五六七八九\d])"
    rf"(?=\s*[到至~～—\-]{{1,2}}\s*(?P<high>[一二两三四五六七八九\d])(?P<place>[十百千])(?![\d{CN_DIGIT_CHARS}]|{PLACE_UNITS}))"
    rf"|(?P<run>{RUN}))"
)
PERIOD_NAME = re.compile(r"十[一二三四五六七八九]五")  # “十四五”: a plan period, never a figure
UNIT_AFTER = re.compile(rf"\s*(?:{UNIT_RE}|余|多|[到至~～—\-])")
PLACE_UNIT = re.compile("|".join(u for u in UNITS if u[0] in "千百"))
FIGURE_VERB_BEFORE = re.compile(r"(?:增长|达到|达|突破|超过|超|新增|提高|下降|降低|减少|约|近|培育|建成|"
                                r"新建)$")
CN_IN_RUN = re.compile(rf"[{CN_CHARS}]")


@dataclass
class Unread:
    """A run of text that looks numeric but was not understood, with why."""

    text: str
    offset: int
    why: str

    def to_json(self) -> dict[str, object]:
        """The span as the brief's JSON object."""
        return {"text": self.text, "offset": self.offset, "why": self.why}


@dataclass
class _Piece:
    """A replaced span: where it sits in the shadow and in the original, and what kind of reading it is."""

    shadow_start: int
    shadow_end: int
    start: int
    end: int
    chinese: bool
    vague: bool


class Shadow:
    """The text with every numeral rewritten in Arabic digits, and the map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.pieces: list[_Piece] = []
        self.unread: list[Unread] = []
        parts: list[str] = []
        pos = 0  # next original offset to copy
        length = 0  # shadow length so far
        for start, end, new, chinese, vague in _replacements(text, self.unread):
            if start and re.match(r"[\d.]", text[start - 1]) and new[:1].isdigit():
                new = "□" + new  # 27.五个: 五个 is not the decimals of 27
            parts.append(text[pos:start])
            length += start - pos
            parts.append(new)
            self.pieces.append(_Piece(length, length + len(new), start, end, chinese, vague))
            length += len(new)
            pos = end
        parts.append(text[pos:])
        self.text = "".join(parts)
        self.starts = [p.shadow_start for p in self.pieces]

    def _piece_before(self, pos: int, inclusive: bool) -> _Piece | None:
        i = bisect_right(self.starts, pos if inclusive else pos - 1)
        return self.pieces[i - 1] if i else None

    def to_original(self, start: int, end: int) -> tuple[int, int, bool, bool]:
        """The original span of a shadow span, and whether it holds a Chinese numeral or a vague amount."""
        p = self._piece_before(start, True)
        o_start = start if p is None else (p.start if start < p.shadow_end else p.end + start - p.shadow_end)
        q = self._piece_before(end, False)
        o_end = end if q is None else (q.end if end <= q.shadow_end else q.end + end - q.shadow_end)
        inside = [x for x in self.pieces if x.shadow_start < end and start < x.shadow_end]
        return o_start, o_end, any(x.chinese for x in inside), any(x.vague for x in inside)


def _number_text(value: float) -> str:
    """A value as plain Arabic digits the figure pattern reads back exactly (no exponent)."""
    if value == int(value):
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _replacements(text: str, unread: list[Unread]) -> Iterator[Replacement]:
    """(start, end, replacement, chinese, vague) for each numeral the figure pattern cannot read as is."""
    pos = 0
    while True:
        m = TOKEN_RE.search(text, pos)
        if m is None:
            return
        kind = m.lastgroup if m.lastgroup in ("run", "sep", "fused", "permille") else _kind(m)
        if kind == "run" and m.group("run").isascii():
            pos = m.end()  # plain Arabic digits: the figure pattern reads them as written
            continue
        if kind == "run":
            end = _cut(text, m.start(), m.end())
            rep = _run(text, m.start(), end, unread)
        else:
            end, rep = m.end(), _special(m, kind, unread)
        pos = end
        if rep is not None:
            yield rep


def _kind(m: re.Match[str]) -> str:
    for k in ("pct", "den", "vague", "vagueword", "wide", "teens", "pa", "cheng", "two", "low"):
        if m.group(k):
            return k
    return "run"


def _blank(start: int, end: int) -> Replacement:
    """A span no figure may be read from (same length, so offsets are unchanged)."""
    return start, end, "□" * (end - start), False, False


def _special(m: re.Match[str], kind: str, unread: list[Unread]) -> Replacement | None:
    """百分之三, 二分之一, 数十亿, 两个亿, 601,293.11; runs that cannot be numbers (20232025年, 17.32%o)."""
    s, e = m.start(), m.end()
    if kind == "sep":
        return _separated(m)
    if kind in ("fused", "permille"):
        why = "two years run together (a lost dash?)" if kind == "fused" else "%o: a per-mille sign misread?"
        unread.append(Unread(m.group(0), s, why))
        return _blank(s, e)
    if kind in ("vague", "vagueword", "wide", "teens", "pa"):
        return _vague(m, kind)
    if kind == "cheng":  # 一成半 = 15 %
        return s, e, f"{_number_text((cn_to_number(m.group('cheng')) or 0) * 10 + 5)}%", True, False
    if kind == "low":  # 八到九百亿 = 800亿–900亿, 两~3百 = 200–300: the low end shares the high end's place
        low, high = cn_to_number(m.group("low")), cn_to_number(m.group("high"))
        if low is None or high is None or low >= high:
            return None
        return s, e, _number_text(low * CN_PLACES[m.group("place")]), True, False
    if kind == "two":
        return s, e, f"{_number_text(cn_to_number(m.group('two')) or 0)}{m.group('tmag')}", True, False
    return _ratio(m, kind, unread)


def _vague(m: re.Match[str], kind: str) -> Replacement | None:
    """数十亿 = 10–100亿, 上千 = 1000–10000, 数以万计 = 1万–10万, 成百上千 = 100–10000, 十几 = 11–19,
    二三十 = 20–30: approximate ranges, never one figure."""
    if kind == "vague":
        bottom, top = VAGUE[m.group("vague")]
        text = f"{bottom}—{top}{m.group('vmag') or ''}"
        if m.group(0).startswith("上"):  # 上千家, 惠及上千万家庭: a thousand or more, read as ~1000
            text = f"{bottom}{m.group('vmag') or ''}"
    elif kind == "vagueword":
        word = m.group("vagueword")
        mag = "亿" if word.endswith("亿") else ("万" if word.endswith("万") else "")
        head = word[: -1] if mag else word
        bottom = int(cn_to_number(head) or 1) if head else 1
        text = f"{bottom}—{bottom * 10}{mag}"
    elif kind == "wide":
        text = "100—10000" if m.group("wide") == "成百上千" else "1000—100000"
    elif kind == "teens":
        base = int(cn_to_number(m.group("teens")) or 10)
        text = f"{base + 1}—{base + 9}"
    else:
        a, b = cn_to_number(m.group("pa")), cn_to_number(m.group("pb"))
        if a is None or b != a + 1:
            return None
        place = CN_PLACES[m.group("pplace")]
        text = f"{int(a * place)}—{int(b * place)}"
    return m.start(), m.end(), text, True, True


def _ratio(m: re.Match[str], kind: str, unread: list[Unread]) -> Replacement:
    """百分之三 → 3%, 千分之五 → 5‰, 二分之一 → 0.5."""
    s, e = m.start(), m.end()
    if kind == "pct":
        value = cn_to_number(m.group("pnum"))
        sign = "%" if m.group("pct") == "百分之" else "‰"
    else:
        den, numer = cn_to_number(m.group("den")), cn_to_number(m.group("numer"))
        value = numer / den if den and numer is not None else None
        sign = ""
    if value is None:
        unread.append(Unread(m.group(0), s, "a Chinese numeral that does not parse"))
        return _blank(s, e)
    return s, e, _number_text(round(value, 12)) + sign, True, False


def _separated(m: re.Match[str]) -> Replacement | None:
    """601,293.11 → 601293.11. A full-width comma separates thousands only beside an ASCII one or a decimal
    part (`82，225.00元`); elsewhere `12，345` is two numbers in a list."""
    raw = m.group("sep")
    if "，" in raw and "," not in raw and "." not in raw:
        return None
    return m.start(), m.end(), raw.replace(",", "").replace("，", ""), False, False


def _run(text: str, start: int, end: int, unread: list[Unread]) -> Replacement | None:
    """The replacement for one run of digits and numeral characters, or None to leave it as written."""
    run = text[start:end]
    if not CN_IN_RUN.search(run) or re.fullmatch(r"[\d.]+(?:万亿|亿|万)", run):
        return None  # plain Arabic (1.2万亿): the figure pattern reads it as written
    if PERIOD_NAME.fullmatch(run) or run in ("万", "亿") or (len(run) == 1 and not _counted(text, start,
                                                                                                end)):
        return None  # 十四五, 统一, 进一步, a table's unit label 亿元: not quantities
    if re.fullmatch("[十百千万亿]+", run) and text[max(0, start - 8):start].rstrip()[-1:].isdigit():
        return None  # the multiplier of 1,200亿 (the separator was read apart)
    new = _read_run(run)
    enumeration = len(run) > 2 and all(c in "一二三四五六七八九" for c in run)  # 一二三次产业
    if new is None:
        if _looks_like_quantity(text, start, end) and not enumeration:
            unread.append(Unread(run, start, "a Chinese numeral that does not parse"))
        return _blank(start, end)
    return start, end, new, True, False


def _cut(text: str, start: int, end: int) -> int:
    """Where a run must stop. Arabic digits after 万/亿 continue the number only at the end of a phrase
    (`1万600`), never before a word (`40万3岁以下婴幼儿` is 40万 and 3岁). A unit that starts with 千/百
    takes it from the number after a multiplier or digits (`1261万千瓦`, `100千瓦`), or when the numeral
    reading leaves no unit (`两千瓦`); `两千米` stays 2000米."""
    for k in range(start + 1, end):
        if text[k + 1:k + 2] == "、" and text[k - 1].isdigit():
            return k  # 450014000三、构建…: a heading number after a flattened table's digits
        if text[k - 1] in "万亿" and (text[k] in "十百千" or _count_word(text, k, end)):
            return k  # 5万千升, 万千人心; 5万亿两个台阶: 两个 is a count of its own
        unit_here = text[k] in "千百" and PLACE_UNIT.match(text, k)
        if unit_here and (text[k - 1] in "万亿" or text[k - 1].isdigit() or not UNIT_AFTER.match(text, end)):
            return k
        if text[k - 1] in "万亿" and text[k].isdigit() and _word_follows(text, k, end):
            return k
    return end


def _count_word(text: str, k: int, end: int) -> bool:
    """True when the run ends at k with one Chinese digit that a unit follows (`两个` after `5万亿`)."""
    return end == k + 1 and text[k] in CN_DIGIT_CHARS and bool(UNIT_AFTER.match(text, end))


def _word_follows(text: str, k: int, end: int) -> bool:
    """True when the Arabic digits at k run to the end of the run and a Chinese word follows them."""
    tail = re.match(r"[\d.]+", text[k:end])
    stop = k + (tail.end() if tail else 0)
    return stop == end and stop < len(text) and "\u4e00" <= text[stop] <= "\u9fff"


def _counted(text: str, start: int, end: int) -> bool:
    """A one-character numeral is a figure when a unit or a range follows it, or when it stands alone."""
    return bool(UNIT_AFTER.match(text, end)) or text.strip() == text[start:end]


def _looks_like_quantity(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 4):start]
    digits = re.search(r"\d", text[start:end])
    return bool(UNIT_AFTER.match(text, end) or FIGURE_VERB_BEFORE.search(before) or digits)


def _read_run(run: str) -> str | None:
    """The run in Arabic digits, keeping a trailing 万/亿 as a multiplier (七千到九千亿 shares 亿); None if
    malformed."""
    mag = re.search(r"(?:万亿|亿|万)$", run)
    head = run[: mag.start()] if mag else run
    digits_only = all(c in CN_DIGIT_CHARS for c in head)
    if digits_only and len(head) == 2 and head[0] not in "〇零":
        a, b = cn_to_number(head[0]), cn_to_number(head[1])
        pair = f"{int(a or 0)}—{int(b or 0)}{mag.group(0) if mag else ''}"
        return pair if a is not None and b == a + 1 else None  # 八九亿 = 8–9亿
    if digits_only and len(run) > 2 and not re.search("[〇零]", run):
        return None  # 一二三产业: an enumeration, not 123
    if mag and head and not re.search("[万亿]", head):
        value = cn_to_number(head)
        return None if value is None else _number_text(value) + mag.group(0)
    value = cn_to_number(run)
    if value is None or len(run) > 300:
        return None
    return _number_text(value)


# A doubling written in words, as growth in 倍: 翻番 and 翻一番 (+1倍), 翻两番 (+3倍), 翻三番 (+7倍);
# a slogan's count of doublings (六个翻番, 双翻番) is none.
DOUBLING = re.compile(r"(?<![个双])翻(?P<times>[一两二三]?)番")
DOUBLING_TIMES = {"": 1, "一": 1, "两": 2, "二": 2, "三": 3}


def _doublings(text: str) -> list[Figure]:
    return [Figure(m.start(), m.end(), m.group(0), float(2 ** DOUBLING_TIMES[m.group("times")] - 1), "倍")
            for m in DOUBLING.finditer(text)]


# Growth named without a figure: 固定资产投资实现正增长 is growth above 0 % (not 负增长, not 零增长); a run of
# months or quarters (连续13个月正增长, 第四季度实现当季正增长) is a trend observed, not a rate
POSITIVE_GROWTH = re.compile(r"正增长")
TREND_SPAN = re.compile(r"连续|当季|当月|季度|个月")


def _positive_growths(text: str) -> list[Figure]:
    return [Figure(m.start(), m.end(), m.group(0), 0.0, "%") for m in POSITIVE_GROWTH.finditer(text)
            if not TREND_SPAN.search(text, max(0, m.start() - 12), m.start())]


def parse_figures(text: str) -> list[Figure]:
    """Every figure in a text: value, low and high (for a range value is the low end), unit, approx, and the
    span as written (start, end, text). A bare numeral is a figure too, and a doubling in words (翻一番) is
    growth in 倍, and 正增长 growth above 0 %; runs that do not parse are left out (see unread_spans)."""
    shadow = Shadow(text)
    out: list[Figure] = _doublings(text) if "番" in text else []
    out += _positive_growths(text) if "正增长" in text else []
    for m in FIGURE_RE.finditer(shadow.text):
        fig = arabic_figure(m)
        if fig is None or not finite(fig):
            continue
        start, end, chinese, vague = shadow.to_original(fig.start, fig.end)
        fig.start, fig.end, fig.written = start, end, text[start:end]
        fig.chinese, fig.approx = chinese, fig.approx or vague
        out.append(_fit_to_words(fig, text, vague))
    return sorted(out, key=lambda f: f.start)


@lru_cache(maxsize=8192)
def word_boundaries(text: str) -> frozenset[int]:
    """Offsets where a word starts or ends in the text, by the segmenter."""
    import rjieba

    pos, cuts = 0, {0}
    for w in rjieba.cut(text):
        pos += len(w)
        cuts.add(pos)
    return frozenset(cuts)


# A unit and the character after it that together make one unit: 12万台套, 832万辆次, 1万户次.
COMPOUND_UNITS = {"套": ("台", "件"),
                  "次": ("辆", "班", "户", "亩", "艘", "家", "台", "列", "趟", "件", "车")}


def _fit_to_words(fig: Figure, text: str, vague: bool) -> Figure:
    """The figure's end moved to a word boundary: a 多 or 余 after the unit that starts a word (6条多式联运)
    is not part of the figure, and a unit that continues into one (台套, 辆次) is read whole."""
    nxt = text[fig.end:fig.end + 1]
    alone = 1 in word_boundaries(text[fig.end:fig.end + 8])  # not 次会议, 套房
    if fig.unit and fig.unit in COMPOUND_UNITS.get(nxt, ()) and alone:
        fig.unit += nxt
        fig.end += 1
        fig.written = text[fig.start:fig.end]
        return fig
    last = fig.written[-1:]
    if last in ("多", "余") and fig.unit and fig.written[:-1].endswith(fig.unit) and \
            1 not in word_boundaries(text[fig.end - 1:fig.end + 8]):
        fig.end -= 1
        fig.written = text[fig.start:fig.end]
        fig.approx = vague or bool(re.search("[余多]", fig.written))
    return fig


def unread_spans(text: str) -> list[Unread]:
    """Runs that look numeric but were not understood, in text order: never read as figures."""
    return sorted(Shadow(text).unread, key=lambda u: u.offset)


def find_figures(text: str) -> list[Figure]:
    """Every figure in the text, Arabic or Chinese-numeral, with value, unit and range (as parse_figures)."""
    return parse_figures(text)
