"""XLSX and CSV briefs read through openpyxl and csv: the brief's language, numbers, filters, no jargon."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.render.registry import BriefOptions, write_brief

from .conftest import INPUTS

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"
ENGLISH_CODES = {"escalated", "deescalated", "rebased", "unchanged", "new", "dropped", "growth", "level",
                 "increment", "cumulative", "target", "actual", ">=", "<=", "="}
RAW_SCORE = re.compile(r"[（(]0\.\d+[）)]|\d+%$|把握|confidence")


@pytest.fixture(scope="module")
def sample() -> dict:
    return json.loads(FIXTURE.read_text("utf-8"))


@pytest.fixture(scope="module")
def book_zh(sample, tmp_path_factory):
    from openpyxl import load_workbook

    out = tmp_path_factory.mktemp("xlsx") / "brief.xlsx"
    write_brief(sample, out, "xlsx", BriefOptions())
    return load_workbook(out)


def cells(ws) -> list:
    return [c.value for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]


def column(ws, heading: str) -> list:
    heads = [c.value for c in ws[1]]
    i = heads.index(heading)
    return [row[i].value for row in ws.iter_rows(min_row=2)]


def test_a_chinese_brief_has_chinese_sheets_and_headings(book_zh):
    assert book_zh.sheetnames == ["摘要", "目标变化", "A 的目标", "B 的目标"]
    heads = [c.value for c in book_zh["目标变化"][1]]
    assert heads[:4] == ["变化类型", "指标", "A 的表述", "B 的表述"]
    assert "A 原文" in heads and "B 原文" in heads
    for ws in book_zh.worksheets:
        words = {str(v) for v in cells(ws)}
        assert not words & ENGLISH_CODES, (ws.title, words & ENGLISH_CODES)


def test_every_sheet_has_a_frozen_heading_row_a_filter_and_widths(book_zh):
    from openpyxl.utils import get_column_letter

    for ws in book_zh.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}", ws.title
        assert all(ws.column_dimensions[get_column_letter(i)].width >= 8 for i in range(1, ws.max_column + 1))
    changes = book_zh["目标变化"]
    heads = [c.value for c in changes[1]]
    quote_width = changes.column_dimensions[get_column_letter(heads.index("B 原文") + 1)].width
    assert quote_width > changes.column_dimensions[get_column_letter(heads.index("单位") + 1)].width


def test_values_are_numbers_and_comparators_are_words(book_zh, sample):
    changes = book_zh["目标变化"]
    row = next(r for r in changes.iter_rows(min_row=2, values_only=True) if r[1] == "5G基站")
    heads = [c.value for c in changes[1]]
    assert row[heads.index("A 的数值")] == 50000 and row[heads.index("B 的数值")] == 160000
    assert row[heads.index("B / A（倍）")] == pytest.approx(3.2)
    targets = book_zh["B 的目标"]
    assert all(isinstance(v, (int, float)) for v in column(targets, "数值") if v is not None)
    comparators = {v for v in column(targets, "限定词") if v}
    assert comparators and comparators <= {"以上", "超过", "左右", "以内", "低于"}, comparators
    year_col = [h.value for h in targets[1]].index("年份") + 1
    years = next(targets.iter_cols(min_row=2, min_col=year_col, max_col=year_col))
    assert all(c.data_type == "n" for c in years if c.value is not None)


def test_changes_are_grouped_by_kind_in_the_briefs_order(book_zh):
    order = ["目标提高", "目标降低", "口径变化", "保持不变", "B 新增的目标", "B 中未再出现的目标"]
    kinds = column(book_zh["目标变化"], "变化类型")
    assert kinds == sorted(kinds, key=order.index) and kinds[0] == "目标提高"


def test_the_summary_sheet_counts_each_kind_of_change(book_zh, sample):
    rows = dict(book_zh["摘要"].iter_rows(min_row=2, values_only=True))
    for typ, label in (("escalated", "目标提高"), ("new", "B 新增的目标"), ("rebased", "口径变化")):
        assert rows[label] == sum(1 for c in sample["changes"] if c["type"] == typ)
    assert str(sample["documents"]["b"]["title"]) in str(rows["B"])


def test_no_reader_sees_a_raw_score_or_code(book_zh):
    changes = book_zh["目标变化"]
    for heading in ("依据", "表述变化", "可信程度"):
        for v in column(changes, heading):
            assert not RAW_SCORE.search(str(v or "")), (heading, v)
            assert "“=”" not in str(v or ""), v


def test_english_brief_and_the_csv_follow_lang(tmp_path):
    from openpyxl import load_workbook

    a, b = INPUTS / "sample_2020_work_points.txt", INPUTS / "sample_2022_upgrade_programme.txt"
    res = CliRunner().invoke(main, [str(a), str(b), "--lang", "en", "-o", str(tmp_path / "en.xlsx"),
                                    "-o", str(tmp_path / "en.csv")])
    assert res.exit_code == 0, res.output
    assert CliRunner().invoke(main, [str(a), str(b), "-o", str(tmp_path / "zh.csv")]).exit_code == 0
    book = load_workbook(tmp_path / "en.xlsx")
    assert book.sheetnames == ["summary", "changes", "targets A", "targets B"]
    assert [c.value for c in book["changes"][1]][:2] == ["Change", "Metric"]
    assert {"Raised", "Basis changed"} <= set(column(book["changes"], "Change"))
    with open(tmp_path / "en.csv", encoding="utf-8-sig", newline="") as fh:
        en = list(csv.reader(fh))
    with open(tmp_path / "zh.csv", encoding="utf-8-sig", newline="") as fh:
        zh = list(csv.reader(fh))
    assert en[0][:2] == ["Change", "Metric"] and zh[0][:2] == ["变化类型", "指标"]
    assert len(en) == len(zh) > 10
    types = {"目标提高", "目标降低", "口径变化", "保持不变", "B 新增的目标", "B 中未再出现的目标"}
    assert {r[0] for r in zh[1:]} <= types


def test_the_targets_command_writes_words_not_signs(tmp_path):
    out = tmp_path / "t.csv"
    doc = INPUTS / "sample_2022_upgrade_programme.txt"
    res = CliRunner().invoke(main, ["targets", str(doc), "-o", str(out)])
    assert res.exit_code == 0, res.output
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["限定词"] for r in rows} <= {"", "以上", "超过", "左右", "以内", "低于"}
    assert all(not r["限定词"].startswith("'") for r in rows)
    assert any(r["限定词"] == "以上" for r in rows)
