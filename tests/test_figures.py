"""compare.parse_figures, the one figure grammar: every written form of issue 12 read right, spans as written,
and runs that do not parse left unread (never guessed into a target)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from compare import parse_figures
from compare.cli import main
from compare.figures import unread_spans


def only(text: str):
    """The single figure read from the text."""
    figs = parse_figures(text)
    assert len(figs) == 1, [(f.text, f.value) for f in figs]
    return figs[0]


@pytest.mark.parametrize("text, value, unit", [
    ("一千零十", 1010, ""),
    ("两千六", 2600, ""),
    ("一百二", 120, ""),
    ("一万二千三百四十五元", 12345, "元"),
    ("100万三千", 1003000, ""),
    ("601,293.11元", 601293.11, "元"),
    ("1,200亿元", 1.2e11, "元"),
    ("两个亿", 2e8, ""),
    ("零点二个百分点", 0.2, "个百分点"),
    ("百分之三", 3, "%"),
    ("二分之一", 0.5, ""),
    ("一成半", 15, "%"),
    ("二〇三五", 2035, ""),
    ("十万亿", 1e13, ""),
    ("1万600", 10600, ""),
])
def test_a_figure_has_its_value_and_unit(text, value, unit):
    f = only(text)
    assert (f.value, f.unit, f.low, f.high) == (pytest.approx(value), unit, None, None)


@pytest.mark.parametrize("text, low, high, unit", [
    ("一百二十到一百五十万元", 1.2e6, 1.5e6, "元"),
    ("七千到九千亿元", 7e11, 9e11, "元"),
    ("1万元--5万元", 1e4, 5e4, "元"),
    ("1万(含)-5万元", 1e4, 5e4, "元"),
    ("两到三万港元", 2e4, 3e4, "港元"),
    ("从8500到3万港元", 8500, 3e4, "港元"),
    ("八到九百亿元", 8e10, 9e10, "元"),
    ("三到四成", 30, 40, "%"),
    ("八九亿元", 8e8, 9e8, "元"),
])
def test_a_range_keeps_both_ends_and_its_value_is_the_low_end(text, low, high, unit):
    f = only(text)
    assert (f.low, f.high, f.unit) == (pytest.approx(low), pytest.approx(high), unit)
    assert f.value == f.low


VAGUE = [("数十亿元", 1e9, 1e10), ("数百万人", 1e6, 1e7), ("十几个", 11, 19), ("成百上千个", 100, 1e4),
         ("数以万计", 1e4, 1e5)]


@pytest.mark.parametrize("text, low, high", VAGUE)
def test_a_vague_amount_is_an_approximate_range_never_one_figure(text, low, high):
    f = only(text)
    assert (f.low, f.high, f.approx) == (pytest.approx(low), pytest.approx(high), True)


def test_spans_are_the_text_as_written():
    text = "张三赔偿车费601,293.11元，工厂费一万二千三百四十五元，投资1200亿元"
    figs = parse_figures(text)
    assert [f.text for f in figs] == ["601,293.11元", "一万二千三百四十五元", "1200亿元"]
    assert all(text[f.start:f.end] == f.text for f in figs)
    assert [f.value for f in figs] == [601293.11, 12345, 1.2e11]


def test_a_bare_numeral_is_a_figure_but_words_with_numeral_characters_are_not():
    assert [f.value for f in parse_figures("十一")] == [11]
    assert parse_figures("进一步统一思想，“十四五”时期") == []


def test_digits_after_wan_before_a_word_do_not_join_the_number():
    figs = parse_figures("40万3岁以下婴幼儿")
    assert [(f.text, f.value) for f in figs] == [("40万", 4e5), ("3岁", 3)]


@pytest.mark.parametrize("text, run", [("期限为20232025年", "20232025"), ("占比17.32%o", "17.32%o"),
                                       ("新建三五个", "三五")])
def test_a_run_that_does_not_parse_is_unread_not_guessed(text, run):
    assert parse_figures(text) == []
    [u] = unread_spans(text)
    assert (u.text, text[u.offset:u.offset + len(u.text)]) == (run, run)
    assert u.why


def targets_of(tmp_path, body: str) -> list[dict]:
    """The targets `compare targets` reads from a forward plan with this body."""
    plan, out = tmp_path / "plan.txt", tmp_path / "t.json"
    plan.write_text("2026年工作要点\n一、主要目标\n" + body + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["targets", str(plan), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))["targets"]


@pytest.mark.parametrize("sentence, metric, value, unit", [
    ("新建公共充电桩一万二千个。", "公共充电桩", 12000, "个"),
    ("改造老旧小区两千六百个。", "老旧小区", 2600, "个"),
    ("研发投入强度提高零点二个百分点。", "研发投入强度", 0.2, "个百分点"),
    ("单位地区生产总值能耗下降百分之三左右。", "单位地区生产总值能耗", 3, "%"),
    ("完成固定资产投资1,200亿元。", "固定资产投资", 1.2e11, "元"),
])
def test_chinese_numerals_and_separators_give_targets_in_a_plan(tmp_path, sentence, metric, value, unit):
    [t] = targets_of(tmp_path, sentence)
    assert (t["metric"], t["value"], t["unit"], t["kind"]) == (metric, pytest.approx(value), unit, "target")


@pytest.mark.parametrize("item", ["5. ", "5.", "1．", "(1)", "（1）", "1)", "1）"])
def test_a_numbered_item_number_is_neither_metric_nor_section(tmp_path, item):
    [t] = targets_of(tmp_path, item + "完成固定资产投资1200亿元")
    assert t["metric"] == "固定资产投资"
    assert t["section"] == ["主要目标"]
    assert t["quote"] == "完成固定资产投资1200亿元"


def test_numbered_items_inside_a_paragraph_are_list_items_too(tmp_path):
    body = "办好民生实事：(1)新建公共充电桩1200个；(2)改造老旧小区260个；①新增学位1万个。"
    targets = targets_of(tmp_path, body)
    assert [(t["metric"], t["value"]) for t in targets] == [("公共充电桩", 1200), ("老旧小区", 260),
                                                            ("学位", 10000)]


def test_unread_spans_are_listed_in_each_document_of_the_brief(tmp_path):
    a, b, out = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "brief.json"
    a.write_text("2025年工作要点\n一、主要目标\n新增企业100家。项目期限为20232025年。\n", encoding="utf-8")
    b.write_text("2026年工作要点\n一、主要目标\n新增企业120家。\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(a), str(b), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    docs = json.loads(out.read_text(encoding="utf-8"))["documents"]
    [u] = docs["a"]["unread"]
    assert u["text"] == "20232025" and u["why"]
    text = "2025年工作要点\n一、主要目标\n新增企业100家。项目期限为20232025年。\n"
    assert text[u["offset"]:u["offset"] + len(u["text"])] == u["text"]
    assert docs["b"]["unread"] == []


def test_fang_after_a_multiplier_is_cubic_metres_and_not_the_start_of_a_word():
    got = [(f.written, f.value, f.unit) for f in parse_figures("天然气产量达到250亿方以上，完成土石方800万方，投资10亿方面")]
    assert got == [("250亿方", 2.5e10, "方"), ("800万方", 8e6, "方"), ("10亿", 1e9, "")]
