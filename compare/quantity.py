"""Numbers, multipliers, units and ranges as written in Chinese plans: pure functions, no context.

Chinese numerals are read by the project's own converter (`cn_to_number`), not by cn2an 0.5.24 (MIT), which
was measured first, reading the numeral alone (measured 2026-12-07 on this machine):

| numerals | n | cn2an strict | cn2an smart | cn_to_number |
|---|---|---|---|---|
| bare numerals of ../shared/eval/numbers/external.json | 110 | 83 | 110 | 110 |
| numerals of tests/test_quantity.py and issue 12 | 22 | 14 | 20 | 22 |
| numerals cut out of tests/fixtures/plan_figures.json | 43 | 33 | 38 | 41 |

cn2an misses the magnitude words plans write without a digit (`千项`, `百亿元企业`: 百, 千, 百亿 raise an
error); both miss two labels only because the numeral was cut from `两个亿` and `一成半`, which the figure
grammar reads. `import cn2an` alone takes 0.28–0.36 s (it loads `proces` and builds its tables), more than
the 0.25 s start-up budget, and every document with a Chinese numeral would pay it.

So cn2an is not a dependency. What no converter does, the grammar here does: units, multipliers after Arabic
digits (`1.2万亿元`), ranges with a shared multiplier (`七千到九千亿元`), comparators, `余/多/近`, `成`,
`个百分点`, `百分之三`, thousands separators, and refusing to guess.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_PLACES = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000, "亿亿": 10**16}  # 一百亿亿次 = 1e18 (computing power)
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
CURRENCIES = ["人民币", "美元", "欧元", "英镑", "日元", "日币", "港元", "港币", "新台币", "台币", "韩元",
              "泰铢", "卢布"]

# Base units, longest first so that 个百分点 wins over 个 and 千瓦时 over 千瓦.
UNITS = sorted([
    "微克/立方米", "毫克/立方米", "个百分点", "百分点", "%", "‰", "人次", "元", "个", "家", "项",
    "台", "套", "件", "条", "所", "座", "处", "部", "人", "名", "户", "亩", "公顷", "平方公里",
    "平方米", "立方米", "公里", "千米", "米", "吨标准煤", "吨", "千瓦时", "千瓦", "兆瓦", "度",
    "千伏", "斤", "公斤", "千克", "辆", "张", "场次", "场", "批次", "艘", "架次", "架", "列", "种",
    "类", "支", "只", "头", "株", "宗", "标准箱", "标箱", "间", "栋", "款", "枚", "倍", "成", "篇",
    "本", "册", "床", "份", "次", "小时", "天", "工作日", "个工作日", "个月", "GWh", "GW", "MW",
    "EFLOPS", "PFLOPS", "PF", "P", "片", "块", "棵", "门", "班", "期", "网点", "岁", "对", *CURRENCIES,
], key=len, reverse=True)
UNITS = list(dict.fromkeys(UNITS))
UNIT_RE = "|".join(re.escape(u) for u in UNITS)
PLACE_UNITS = "|".join(re.escape(u[1:]) for u in UNITS if u[0] in "千百")  # 千瓦 after 100: kW, not 100千

NUM = r"\d+(?:\.\d+)?"
# A figure: number (or range), then optional 余/多, multiplier, unit (with an alternative in parentheses or a
# per-unit), then 余/多 again. Chinese numerals reach this pattern as Arabic digits (compare/figures.py reads
# them first), so there is one grammar for both.
FIGURE_RE = re.compile(
    rf"(?P<num>{NUM})"
    rf"(?:\s*(?P<mag1>万亿|亿|万)?\s*(?P<unit1>{UNIT_RE})?\s*(?:[(（]含[)）])?"
    rf"\s*(?P<dash>[—–\-~～]{{1,2}}|至|到)\s*(?P<num2>{NUM}))?"
    r"\s*(?P<approx1>余|多)?"
    rf"\s*(?P<mag>万亿|亿|万|(?:千|百)(?!{PLACE_UNITS}))?"
    r"\s*(?P<approx2>余|多)?"
    rf"\s*(?P<unit>(?!台阶)(?:{UNIT_RE})|[分厘](?=/)|(?<=[亿万])方(?![面案式向法针略位圆便形]))?"  # 亿方: m³
    r"(?P<alt>\((?:[\u4e00-\u9fff]{1,2})\))?"
    r"(?P<per>/(?:立方米|平方米|千克|公斤|千瓦时|小时|人次|人·年|人·月|万元|月|年|日|天|人|户|吨|亩|元|座|辆|台|个))?"
    r"(?P<approx3>余|多)?"
)


@dataclass
class Figure:
    """A number as written in the text, with its value in base units."""

    start: int
    end: int
    written: str
    value: float
    unit: str
    low: float | None = None
    high: float | None = None
    approx: bool = False  # 余 / 多 after the number, or a vague amount (数十亿)
    chinese: bool = False  # written (at least partly) in Chinese numerals
    has_multiplier: bool = False

    @property
    def text(self) -> str:
        """The figure as written (the span start:end of the text it was read from)."""
        return self.written


def cn_to_number(text: str) -> float | None:
    """Read a Chinese (or mixed) numeral: 十 → 10, 两千六 → 2600, 一千零十 → 1010, 100万三千 → 1003000,
    二〇三五 → 2035, 零点二 → 0.2; None when the text is not one well-formed numeral."""
    if not text:
        return None
    whole, _, frac = text.partition("点")
    if "点" in frac or (_ and not frac):
        return None
    value = _digit_string(whole) if _all_digits(whole) else _integer(whole)
    if value is None:
        return None
    if frac:
        decimals = _digit_string(frac, as_text=True)
        if decimals is None:
            return None
        value = float(f"{int(value)}.{decimals}") if value == int(value) else None
    return None if value is None else float(value)


def _all_digits(text: str) -> bool:
    return all(c in CN_DIGITS for c in text)


def _digit_string(text: str, as_text: bool = False) -> str | float | None:
    """二〇三五 → 2035; with as_text, the digits as a string (the part after 点). Arabic digits may mix in."""
    digits = "".join(str(CN_DIGITS[c]) if c in CN_DIGITS else c for c in text)
    if not digits.isdigit() or not digits.isascii():
        return None
    return digits if as_text else float(int(digits))


TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|[〇零一二两三四五六七八九]|[十百千拾佰仟]|亿亿|[万亿]|.", re.S)


def _tokens(text: str) -> list[tuple[str, float]]:
    """(kind, value) tokens: num (Chinese digit), arabic, zero, place, big; kind bad for anything else."""
    out: list[tuple[str, float]] = []
    for t in TOKEN_RE.findall(text):
        if t[0].isdigit() and t.isascii():
            out.append(("arabic", float(t)))
        elif t in ("零", "〇"):
            out.append(("zero", 0.0))
        elif t in CN_DIGITS:
            out.append(("num", float(CN_DIGITS[t])))
        elif t in CN_PLACES:
            out.append(("place", float(CN_PLACES[t])))
        elif t in CN_BIG:
            out.append(("big", float(CN_BIG[t])))
        else:
            out.append(("bad", 0.0))
    return out


class _Reader:
    """The state of reading one numeral left to right: finished big-unit sections, the current section."""

    def __init__(self) -> None:
        self.sections: list[tuple[float, float]] = []  # (value, big unit) of finished sections
        self.section = 0.0
        self.pending: float | None = None  # a number not yet multiplied by a place
        self.pending_kind = ""
        self.before_pending = ""  # kind of the token before the pending number
        self.last_unit = math.inf  # the smallest place or big unit read so far
        self.prev = ""  # kind of the previous token

    def step(self, kind: str, value: float) -> bool:
        """Read one token; False when the numeral is malformed."""
        if kind in ("num", "arabic"):
            ok = self.number(kind, value)
        elif kind == "zero":
            ok = self.pending is None and self.prev in ("place", "big")
        elif kind == "place":
            ok = self.place(value)
        else:
            ok = kind == "big" and self.big(value)
        self.prev = kind
        return ok

    def number(self, kind: str, value: float) -> bool:
        """Read a digit or an arabic number; False for two numbers in a row."""
        if self.pending is not None or (kind == "arabic" and value >= self.last_unit):
            return False  # 四五: two numbers in a row; 1万60000
        self.pending, self.pending_kind, self.before_pending = value, kind, self.prev
        return True

    def place(self, unit: float) -> bool:
        """Read a place unit (十, 百, 千); False when it is not smaller than the last unit."""
        if unit >= self.last_unit:
            return False  # 十百, 一百一百
        self.section += (1.0 if self.pending is None else self.pending) * unit
        self.last_unit, self.pending = unit, None
        return True

    def big(self, unit: float) -> bool:
        """Read a big unit (万, 亿) that closes a section; False when the section repeats."""
        part = self.section + (self.pending or 0.0)
        if self.prev == "":
            part = 1.0  # 万亿 = 1万亿
        while self.sections and self.sections[-1][1] < unit:
            part += self.sections.pop()[0]  # 一千万亿: the 万 section is multiplied by 亿 too
        if self.sections and self.sections[-1][1] == unit:
            return False  # 一万二万
        self.sections.append((part * unit, unit))
        self.section, self.pending, self.last_unit = 0.0, None, unit
        return True

    def total(self) -> float | None:
        """The value read, or None when the numeral ends badly (一千零)."""
        if self.prev in ("", "zero"):
            return None
        tail = self.pending or 0.0
        colloquial = self.pending_kind == "num" and self.before_pending in ("place", "big")
        if self.pending is not None and colloquial and self.last_unit >= 100:
            tail = self.pending * self.last_unit / 10  # 两千六 = 2600, 一百二 = 120, 三万五 = 35000
        return sum(v for v, _ in self.sections) + self.section + tail


def _integer(text: str) -> float | None:
    """A numeral with places: digits, 十百千 within a section, 万/亿 between sections; None if malformed."""
    reader = _Reader()
    for kind, value in _tokens(text):
        if not reader.step(kind, value):
            return None
    return reader.total()


def _tenths(value: float, unit: str) -> tuple[float, str]:
    """N成 is N × 10 %."""
    return (value * 10, "%") if unit == "成" else (value, unit)


def _scale(value: float, mag: str | None) -> float:
    return value * MULTIPLIERS[mag] if mag else value


def _clean(value: float) -> float:
    """Round away binary noise (1.2 × 1e12, 0.1 + 0.2) to 15 significant digits so equal figures compare
    equal, keeping every digit anyone writes (1000054.4321, 0.000500050005005); a figure beyond float range
    is not a quantity anyone wrote on purpose (find_figures drops it)."""
    if not math.isfinite(value):
        return value
    return float(f"{value:.15g}")


def finite(f: Figure) -> bool:
    """True when value and range ends are finite numbers."""
    return all(v is None or math.isfinite(v) for v in (f.value, f.low, f.high))


def _range_ends(m: re.Match[str], mag: str | None) -> tuple[float, float] | None:
    """Low and high of `num—num2`; the multiplier written once at the end is shared when that keeps low < high
    (两到三万 = 2万–3万, but 从8500到3万 = 8500–30000)."""
    num, n2 = float(m.group("num")), float(m.group("num2"))
    high = _scale(n2, mag)
    low = _scale(num, m.group("mag1")) if m.group("mag1") else _scale(num, mag)
    if not m.group("mag1") and low >= high:
        low = num
    return (low, high) if low < high else None


def arabic_figure(m: re.Match[str]) -> Figure | None:
    """The figure a FIGURE_RE match describes, or None when its range is not one."""
    num = float(m.group("num"))
    mag = m.group("mag")
    unit = m.group("unit") or ""
    if mag in ("千", "百") and not unit:
        mag = None  # 千/百 only multiply when a unit follows (百亿 is handled as a Chinese numeral)
    end = m.end()
    if mag is None and m.group("mag") and not m.group("unit"):
        end = m.start("mag")
    if unit == "百分点":
        unit = "个百分点"
    low = high = None
    if m.group("num2"):
        unit1 = m.group("unit1") or ""
        ends = _range_ends(m, mag)
        worded = m.group("dash") in ("至", "到") and not (unit1 or unit)  # 从0到1: a slogan, not a range
        if ends is None or worded or (unit1 and unit and unit1 != unit):
            return _single(m)  # not a range (2—4号, 0-6岁 handled by callers)
        low, high = _clean(ends[0]), _clean(ends[1])
        value = low
        unit = unit or unit1
    else:
        value = _clean(_scale(num, mag))
    if not unit and not mag:
        end = m.end("num2") if m.group("num2") else m.end("num")
    unit = _decorate(unit, m.group("alt") or "", m.group("per") or "")
    if unit == "成" and low is not None and high is not None:
        low, high = low * 10, high * 10  # 三到四成 = 30–40 %
    value, unit = _tenths(value, unit)
    written = m.string[m.start():end].strip()
    return Figure(m.start(), m.start() + len(written), written, value, unit, low, high,
                  approx=bool(m.group("approx1") or m.group("approx2") or m.group("approx3")),
                  has_multiplier=bool(mag))


def _decorate(unit: str, alt: str, per: str) -> str:
    """套(间), 元/月: an alternative unit in parentheses, a per-unit (only after a unit)."""
    if unit and alt:
        unit = unit + alt
    if per and unit:
        unit = unit + per
    return unit


def _single(m: re.Match[str]) -> Figure:
    """A figure read without its would-be range tail."""
    num = float(m.group("num"))
    mag1 = m.group("mag1")
    unit1 = m.group("unit1") or ""
    end = m.end("num")
    if mag1:
        end = m.end("mag1")
    if unit1:
        end = m.end("unit1")
    value, unit1 = _tenths(_clean(_scale(num, mag1)), unit1)
    return Figure(m.start(), end, m.string[m.start():end], value, unit1, has_multiplier=bool(mag1))


YEAR_RE = re.compile(r"((?:19|20)\d{2}|[二][〇零][一二三四五六七八九〇零]{2})\s*年")


def read_year(text: str) -> int | None:
    """The year in `2025年` or `二〇三五年`, else None."""
    m = YEAR_RE.search(text)
    if not m:
        return None
    y = m.group(1)
    return int(y) if y.isdigit() else int(cn_to_number(y) or 0) or None
