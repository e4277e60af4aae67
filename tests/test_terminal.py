"""What compare prints: a target table that fits 100 columns with figures as written and quotes; a summary in
the brief's language with no internal labels."""

from __future__ import annotations

import re
import unicodedata

from click.testing import CliRunner

from compare.cli import main

from .conftest import INPUTS

A, B = str(INPUTS / "sample_2020_work_points.txt"), str(INPUTS / "sample_2022_upgrade_programme.txt")
INTERNAL = re.compile(r"\b(escalated|deescalated|rebased|aligned pairs)\b|\(0\.\d+\)")


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def run(*args: str, columns: int = 100) -> str:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output


def test_the_target_table_fits_100_columns_and_keeps_every_column():
    out = run("targets", B)
    lines = out.splitlines()
    assert max(width(line) for line in lines) <= 100
    heading = next(line for line in lines if "指标" in line)
    for column in ("指标", "原文表述", "口径", "年份", "性质", "所在章节", "原文摘录"):
        assert column in heading, column


def test_figures_print_as_written_never_in_exponent_form(tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text("一、主要目标\n到2025年，数字经济增加值达到3.6万亿元，研发投入强度达到3.2%。\n",
                   encoding="utf-8")
    out = run("targets", str(doc))
    assert "3.6万亿元" in out and "3.2%" in out
    assert not re.search(r"\de[+-]\d", out), out


def test_each_figure_shows_its_quote_cut_with_an_ellipsis(tmp_path):
    doc = tmp_path / "plan.txt"
    quote = ("全省各地市县区乡镇街道全面完成新型基础设施布局规划编制和数字化转型专项行动方案的制定并"
             "累计建成覆盖城乡的5G基站16万个以上")
    doc.write_text(f"一、主要目标\n到2025年，{quote}。\n", encoding="utf-8")
    out = run("targets", str(doc), columns=200)
    row = next(line for line in out.splitlines() if "16万个以上" in line)
    shown = row.split()[-1]
    assert shown.endswith("…") and quote.startswith(shown[:-1]) and len(shown) > 40


def test_the_summary_speaks_the_briefs_language_without_internal_labels():
    zh = run(A, B)
    assert "A：" in zh and "个提高" in zh and "变化最大的五项" in zh
    assert not re.search("[A-Za-z]{3,}", zh.replace("5G", "")), zh
    en = run(A, B, "--lang", "en")
    assert "raised" in en and "个提高" not in en
    assert not INTERNAL.search(en), INTERNAL.search(en)
