"""Numbers, multipliers, units and ranges as written in Chinese plans: pure functions, no context."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_PLACES = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}

# Base units, longest first so that 个百分点 wins over 个 and 千瓦时 over 千瓦.
UNITS = sorted(["微克/立方米", "毫克/立方米", "个百分点", "百分点", "%", "‰", "人次", "人民币", "美元", "元", "个", "家", "项", "台", "套", "件", "条", "所", "座", "处", "部", "人", "名", "户", "亩", "公顷", "平方公里", "平方米", "立方米", "公里", "千米", "米", "吨标准煤", "吨", "千瓦时", "千瓦", "兆瓦", "度", "千伏", "斤", "公斤", "千克", "辆", "张", "场次", "场", "批次", "艘", "架次", "架", "列", "种", "类", "支", "只", "头", "株", "宗", "标准箱", "标箱", "间", "栋", "款", "枚", "倍", "成", "篇", "本", "册", "床", "份", "次", "万元", "小时", "天", "工作日", "个工作日", "个月", "GWh", "GW", "MW", "EFLOPS", "PFLOPS", "PF", "P", "片", "块", "棵", "所", "门", "班", "期", "亿元", "网点", "对"], key=len, reverse=True)
UNITS = [u for u in dict.fromkeys(UNITS) if u not in ("万元", "亿元")]
UNIT_RE = "|".join(re.escape(u) for u in UNITS)

CN_NUM = "〇零一二两三四五六七八九十百千"
NUM = r"\d+(?:\.\d+)?"
# A figure: number (or range), then optional 余/多, multiplier, unit (with an alternative in parentheses or a
# per-unit), then 余/多 again.
FIGURE_RE = re.compile(
    rf"(?P<num>{NUM})"
    rf"(?:\s*(?P<mag1>万亿|亿|万)?\s*(?P<unit1>%)?\s*(?P<dash>[—–\-~～]{{1,2}}|至|到)\s*(?P<num2>{NUM}))?"
    r"\s*(?P<approx1>余|多)?"
    r"\s*(?P<mag>万亿|亿|万|千|百)?"
    r"\s*(?P<approx2>余|多)?"
    rf"\s*(?P<unit>{UNIT_RE})?"
    r"(?P<alt>\((?:[\u4e00-\u9fff]{1,2})\))?"
    r"(?P<per>/(?:立方米|平方米|千克|公斤|小时|人次|月|年|日|天|人|户|吨|亩|元|座|辆|台|个))?"
    r"(?P<approx3>余|多)?"
)
CN_FIGURE_RE = re.compile(
    rf"(?P<num>[{CN_NUM}]+)(?P<mag>万亿|亿|万)?(?P<unit>个百分点|倍|成|个|家|项|台|件|条|所|座|人次|人|户|亩|亿元|万元|元)"
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
    approx: bool = False  # 余 / 多 after the number
    chinese: bool = False  # written in Chinese numerals
    has_multiplier: bool = False


def cn_to_number(text: str) -> float | None:
    """Read a Chinese numeral: 十 → 10, 三十五 → 35, 两 → 2, 二〇三五 → 2035, 千 → 1000."""
    if not text:
        return None
    if all(c in CN_DIGITS for c in text):
        if len(text) == 1:
            return float(CN_DIGITS[text])
        return float("".join(str(CN_DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in CN_PLACES:
            total += (1 if digit is None else digit) * CN_PLACES[c]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return float(total)


def _tenths(value: float, unit: str) -> tuple[float, str]:
    """N成 is N × 10 %."""
    return (value * 10, "%") if unit == "成" else (value, unit)


def _scale(value: float, mag: str | None) -> float:
    return value * MULTIPLIERS[mag] if mag else value


def _clean(value: float) -> float:
    """Round away binary noise (1.2 × 1e12) so equal figures compare equal; a figure beyond float range is
    not a quantity anyone wrote on purpose (find_figures drops it)."""
    if not math.isfinite(value):
        return value
    return float(round(value, 6)) if abs(value) < 1e6 else float(round(value))


def find_figures(text: str) -> list[Figure]:
    """Every figure in the text, Arabic or Chinese-numeral, with value, unit and range ends."""
    out: list[Figure] = []
    for m in FIGURE_RE.finditer(text):
        fig = _arabic_figure(m)
        if fig is not None and _finite(fig):
            out.append(fig)
    taken = [(f.start, f.end) for f in out]
    for m in CN_FIGURE_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        value = cn_to_number(m.group("num"))
        if value is None:
            continue
        unit = m.group("unit")
        mag = m.group("mag")
        if unit in ("亿元", "万元"):
            mag, unit = (mag or "") + unit[0], "元"
            mag = {"亿": "亿", "万": "万", "万亿": "万亿", "万万": None}.get(mag, mag)
        value = _scale(value, mag) if mag in MULTIPLIERS else value
        value, unit = _tenths(value, unit)
        fig = Figure(m.start(), m.end(), m.group(0), _clean(value), unit, chinese=True, has_multiplier=bool(mag))
        if _finite(fig):
            out.append(fig)
    out.sort(key=lambda f: f.start)
    return out


def _finite(f: Figure) -> bool:
    return all(v is None or math.isfinite(v) for v in (f.value, f.low, f.high))


def _arabic_figure(m: re.Match[str]) -> Figure | None:
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
    per = m.group("per") or ""
    alt = m.group("alt") or ""
    low = high = None
    if m.group("num2"):
        n2 = float(m.group("num2"))
        mag1 = m.group("mag1") or mag
        low, high = _scale(num, mag1), _scale(n2, mag)
        if m.group("dash") in ("至", "到") and not (m.group("unit1") or unit):
            return _single(m)
        if high <= low:
            return _single(m)  # not a range (2—4号, 0-6岁 handled by callers)
        low, high = _clean(low), _clean(high)
        value = low
        unit = unit or (m.group("unit1") or "")
    else:
        value = _clean(_scale(num, mag))
    if not unit and not mag:
        end = m.end("num2") if m.group("num2") else m.end("num")
    if unit and alt:
        unit = unit + alt
    if per and unit:  # 元/月; a per-unit with no unit before it is not a unit
        unit = unit + per
    value, unit = _tenths(value, unit)
    written = m.string[m.start():end].strip()
    return Figure(m.start(), m.start() + len(written), written, value, unit, low, high,
                  approx=bool(m.group("approx1") or m.group("approx2") or m.group("approx3")),
                  has_multiplier=bool(mag))


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
    return Figure(m.start(), end, m.string[m.start():end], _clean(_scale(num, mag1)), unit1,
                  has_multiplier=bool(mag1))


YEAR_RE = re.compile(r"((?:19|20)\d{2}|[二][〇零][一二三四五六七八九〇零]{2})\s*年")


def read_year(text: str) -> int | None:
    """The year in `2025年` or `二〇三五年`, else None."""
    m = YEAR_RE.search(text)
    if not m:
        return None
    y = m.group(1)
    return int(y) if y.isdigit() else int(cn_to_number(y) or 0) or None
