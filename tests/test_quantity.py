"""The number and unit grammar: every written form yields the right value, unit and range."""

from __future__ import annotations

import pytest

from compare.figures import find_figures
from compare.quantity import cn_to_number, read_year


def one(text: str):
    """The single quantity in the text (bare numbers such as the 5 of 5G are left to the target stage)."""
    figs = [f for f in find_figures(text) if f.unit or f.has_multiplier]
    assert len(figs) == 1, [f.written for f in figs]
    return figs[0]


@pytest.mark.parametrize("text, value, unit", [
    ("建成5G基站5万个", 50000, "个"),
    ("营业收入突破2万亿元", 2e12, "元"),
    ("总投资超1000亿元", 1e11, "元"),
    ("规模达1.2万亿元以上", 1.2e12, "元"),
    ("增长13%", 13, "%"),
    ("提高0.7个百分点", 0.7, "个百分点"),
    ("在役工业机器人突破10万台", 100000, "台"),
    ("不少于10万人次", 100000, "人次"),
    ("服务10万家以上企业", 100000, "家"),
    ("建设数字农业工厂 100 个", 100, "个"),
    ("装机1261万千瓦", 12610000, "千瓦"),
    ("保障性租赁住房12.4万套(间)", 124000, "套(间)"),
    ("提高至778元/月", 778, "元/月"),
    ("粮食产量1.4万亿斤", 1.4e12, "斤"),
    ("平均浓度30.5微克/立方米", 30.5, "微克/立方米"),
])
def test_arabic_figures_in_base_units(text, value, unit):
    f = one(text)
    assert f.value == pytest.approx(value)
    assert f.unit == unit


def test_equal_figures_written_differently_have_equal_values():
    assert one("5万个").value == one("50000个").value
    assert one("1.2万亿元").value == one("12000亿元").value


@pytest.mark.parametrize("text, low, high, unit", [
    ("增长4.5%—5%", 4.5, 5, "%"),
    ("增长4.5%-5%", 4.5, 5, "%"),
    ("增长4.5-5%", 4.5, 5, "%"),
    ("培育10-15个", 10, 15, "个"),
    ("获批1—2个", 1, 2, "个"),
])
def test_ranges_keep_both_ends(text, low, high, unit):
    f = one(text)
    assert (f.low, f.high, f.unit) == (low, high, unit)
    assert f.value == low


def test_approximate_markers_are_flagged():
    assert one("40余个省级特色小镇").approx
    assert one("2100多条").approx
    assert not one("40个").approx


@pytest.mark.parametrize("text, value, unit", [
    ("十个", 10, "个"),
    ("两倍", 2, "倍"),
    ("千项", 1000, "项"),
    ("三十五家", 35, "家"),
])
def test_chinese_numeral_counts(text, value, unit):
    f = one(text)
    assert (f.value, f.unit, f.chinese) == (value, unit, True)


def test_four_tenths_is_forty_percent():
    f = one("超过四成")
    assert (f.value, f.unit) == (40, "%")


CN_NUMERALS = [
    ("二〇三五", 2035), ("十", 10), ("二十", 20), ("两", 2), ("一百零五", 105), ("百", 100),
    ("一千零十", 1010), ("一千一十", 1010), ("两千六", 2600), ("一百二", 120), ("三万五", 35000),
    ("一百二十万三", 1203000), ("一万二千三百四十五", 12345), ("十万零一千", 101000),
    ("一万零百一十一", 10111), ("一亿五千万零六千三百五十五", 150006355), ("十万亿", 1e13),
    ("100万三千", 1003000), ("200亿零四千230", 20000004230), ("1百01", 101), ("零点二", 0.2),
    ("一百万零五十四点四三二一", 1000054.4321),
]


@pytest.mark.parametrize("text, value", CN_NUMERALS)
def test_cn_to_number(text, value):
    assert cn_to_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["十十", "一千零", "一万二万", "十百", "1万60000", "一点", "点五", "万一x"])
def test_a_malformed_numeral_is_not_read(text):
    assert cn_to_number(text) is None


@pytest.mark.parametrize("text, value, unit", [("100千瓦", 100, "千瓦"), ("2千米", 2, "千米"),
                                               ("两千米", 2000, "米"), ("两千瓦", 2, "千瓦")])
def test_a_unit_starting_with_qian_is_not_a_multiplier(text, value, unit):
    f = one(text)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize("text, year", [("到2025年", 2025), ("到二〇三五年", 2035), ("今年", None)])
def test_read_year(text, year):
    assert read_year(text) == year


def test_size_class_money_is_a_figure_with_its_own_value():
    figs = find_figures("培育百亿元企业25家")
    assert [(f.value, f.unit) for f in figs] == [(1e10, "元"), (25, "家")]


def test_ordinals_and_years_are_not_quantities():
    assert find_figures("第七届世界互联网大会") == []
    assert [f.unit for f in find_figures("2020年")] == [""]
