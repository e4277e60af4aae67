"""Indicator tables printed one row per line (`11.电子商务交易规模（万亿元） 21.79 >38 >11.8` under a header
`指标 2015年 2020年 年均增速`): the later year's column is the target, the earlier one the baseline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.lexicon import SHARE_WORDS, YEAR
from compare.model import Basis, Outline, Target
from compare.reasons import reason

HEADER = re.compile(rf"(?P<y1>{YEAR})年\s*(?:[\u4e00-\u9fff（）()%]{{0,8}}\s*)?(?P<y2>{YEAR})年")
VALUE = r"[<>≥≤＜＞]?\d+(?:\.\d+)?%?"
ROW = re.compile(rf"^\s*(?P<number>\d{{1,2}}[.、．])?\s*(?P<label>[^\d<>≥≤＜＞〔\s][^<>≥≤＜＞〔]*?)"
                 rf"(?:[(（](?P<unit>[^()（）]{{1,10}})[)）])?\s+(?P<v1>{VALUE}|[—–-]+)\s+(?P<v2>{VALUE})"
                 r"(?:\s+\S+){0,2}\s*$")
END = re.compile(r"^\s*(?:注|资料来源|说明)[：:]")
COMPARATORS = {"<": "<", "＜": "<", ">": ">", "＞": ">", "≥": ">=", "≤": "<="}


@dataclass
class RowFigure:
    """One value of an indicator table row: where it sits in the text, its label and unit, and its column."""

    start: int  # offset of the value in the text
    end: int
    row_start: int  # the row's first character (a label wrapped onto two lines starts on the first)
    row_end: int
    label: str
    unit: str  # as the header of the row writes it: 万亿元, %, 亿, Tbps
    value: str  # as written, without its comparator
    comparator: str
    year: int
    column: int  # 0 = baseline column, 1 = target column


def read_row_tables(text: str) -> list[RowFigure]:
    """Every baseline and target value of the one-row-per-line indicator tables in a text, in text order."""
    out: list[RowFigure] = []
    for head in HEADER.finditer(text):
        y1, y2 = int(head.group("y1")), int(head.group("y2"))
        if y2 > y1:
            out += _rows(text, text.find("\n", head.end()) + 1, (y1, y2))
    return out


def _rows(text: str, pos: int, years: tuple[int, int]) -> list[RowFigure]:
    """The rows after a header, up to its note, a line of prose or three lines that are no row."""
    out: list[RowFigure] = []
    wrapped = -1  # start of a numbered label that runs onto the next line
    misses = 0
    while 0 < pos < len(text) and misses < 3:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if END.match(line) or len(line) > 80 or "。" in line:
            break
        m = ROW.match(line)
        if m:
            start = wrapped if wrapped >= 0 and not m.group("number") else pos
            out += _row_figures(text, pos, m, start, years)
            wrapped, misses = -1, 0
        elif re.match(r"\s*\d{1,2}[.、．]\D", line) and not re.search(r"\d\s*$", line):
            wrapped = pos  # 4.IT项目投资占…总额的 / 比例（%） 2.2 5
        else:
            misses += 1  # a group heading (信 息 经 济), a blank
        pos = end + 1
    return out


def _row_figures(text: str, pos: int, m: re.Match[str], row_start: int,
                 years: tuple[int, int]) -> list[RowFigure]:
    label = re.sub(r"\s+", "", text[row_start:pos + m.start("label")] + m.group("label"))
    label = re.sub(r"^\d{1,2}[.、．]", "", label)
    out = []
    for column, name in ((0, "v1"), (1, "v2")):
        written = m.group(name)
        if not re.search(r"\d", written):
            continue
        comparator = COMPARATORS.get(written[0], "=")
        out.append(RowFigure(pos + m.start(name), pos + m.end(name), row_start, pos + m.end("v2"), label,
                             m.group("unit") or "", written.lstrip("<>≥≤＜＞"), comparator, years[column],
                             column))
    return out


def row_table_targets(text: str, outline: Outline) -> tuple[list[Target], list[tuple[int, int]]]:
    """The targets (later year's column) and baselines (earlier year's) of a text's indicator tables, and
    the spans of their rows, whose figures no sentence reading should take again."""
    from compare.figures import parse_figures

    targets, spans = [], []
    for r in read_row_tables(text):
        parsed = parse_figures(r.value + r.unit)
        value = parsed[0].value if parsed else float(r.value.rstrip("%"))
        named = "" if r.unit == "亿" else r.unit.lstrip("万亿")  # 亿 alone counts people: 网民数量（亿）
        unit = parsed[0].unit if parsed and parsed[0].unit else named
        task = outline.task_at(r.start)
        block = next((b for b in outline.blocks if b.start <= r.start < b.end), None)
        basis: Basis = ("growth" if unit == "%" and re.search("增速|增长", r.label)
                        else "share" if unit == "%" and SHARE_WORDS.search(r.label) else "level")
        targets.append(Target(
            id="", metric=r.label, value=value, unit=unit, comparator=r.comparator,  # type: ignore[arg-type]
            stretch=False, basis=basis, year=r.year, kind="target" if r.column else "actual",
            quote=text[r.row_start:r.row_end], task=task.id if task else None,
            section=list(block.path) if block else [], written=text[r.start:r.end] + r.unit, offset=r.start,
            notes=[reason("table_row", year=r.year)]))
        spans.append((r.row_start, r.row_end))
    return targets, spans
