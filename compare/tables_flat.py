"""Target tables a converter flattened into one run of text (`…专利件50008000` under `2023年2025年`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.lexicon import YEAR
from compare.quantity import MULTIPLIERS

HEADER = re.compile(rf"单位\s*(?P<y1>{YEAR})年\s*(?P<y2>{YEAR})年")
ROW_UNITS = ["万元/人", "亿元", "万元", "万台", "万人", "万个", "万家", "亿",
             "个", "件", "家", "项", "台", "人", "%", "元"]
ROW = re.compile(
    r"(?P<label>(?:\d[A-Za-z]+)?[\u4e00-\u9fff“”、()（）A-Za-z]{2,40}?)"
    r"(?P<unit>" + "|".join(re.escape(u) for u in ROW_UNITS) + r")?"
    r"(?P<digits>/(?:\d+(?:\.\d+)?)|\d+(?:\.\d+)?)(?![\d.])"
)


@dataclass
class TableFigure:
    """One value read from a flattened table row."""

    start: int  # offset of the row's digit run in the block text
    end: int
    row: str  # the row as written, for the quote
    label: str
    unit: str
    value: float
    year: int
    column: int  # 0 = baseline column, 1 = target column


def split_pair(digits: str) -> tuple[float, float] | None:
    """Split a fused `50008000` or `506.91350` into the two columns: baseline, then a larger target."""
    best: tuple[float, float, float] | None = None
    for cut in range(1, len(digits)):
        left, right = digits[:cut], digits[cut:]
        if left.endswith(".") or right.startswith((".", "0")) or "." in right and right.count(".") > 1:
            continue
        if "." in left and len(left.split(".")[1]) > 2:
            continue
        try:
            a, b = float(left), float(right)
        except ValueError:
            continue
        if a <= 0 or b <= 0:
            continue
        ratio = b / a
        if not 1.0 <= ratio <= 30:
            continue
        plain = len(right.rstrip("0").replace(".", ""))  # targets are round figures
        score = plain + abs(ratio - 2) * 0.1
        if best is None or score < best[0]:
            best = (score, a, b)
    return (best[1], best[2]) if best else None


def read_flat_table(text: str) -> list[TableFigure]:
    """Baseline and target figures from a flattened table in a paragraph, or nothing."""
    head = HEADER.search(text)
    if not head:
        return []
    y1, y2 = int(head.group("y1")), int(head.group("y2"))
    out: list[TableFigure] = []
    pos = head.end()
    while (m := ROW.match(text, pos)) is not None:
        pos = m.end()
        unit, digits, label = m.group("unit") or "", m.group("digits"), m.group("label")
        end = m.end()
        if re.match(r"[A-Za-z]", text[end:end + 1]):
            # the next row starts with a code (5G基站…): its leading digit was fused onto this run
            digits, end = digits[:-1], end - 1
            pos = end
        mult = 1.0
        base = unit
        for mag in ("亿", "万"):
            if unit.startswith(mag) and unit != "万元/人":
                mult, base = MULTIPLIERS[mag], unit[len(mag):] or ""
        if digits.startswith("/") and split_pair(digits[1:]) is None:
            values: list[tuple[int, float]] = [(1, float(digits[1:]))]  # no baseline: `/100`
        else:
            digits = digits.lstrip("/")
            pair = split_pair(digits)
            if pair is None:
                continue
            values = [(0, pair[0]), (1, pair[1])]
        for col, v in values:
            out.append(TableFigure(m.start("digits"), end, text[m.start():end], label.strip("、"), base,
                                   round(v * mult, 6), y1 if col == 0 else y2, col))
    return out
