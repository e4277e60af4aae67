"""Target statements: metric, comparator, stretch, basis, year and kind read from plan sentences."""

from __future__ import annotations

import pytest

from compare.outline import build_outline
from compare.targets import extract_targets

from .plan_sentences import targets_under, the_one

YEAR = 2022


def targets(body: str, year: int = YEAR, heading: str = "二、主要任务"):
    return targets_under(heading, body, year, "a")


def only(body: str, **kw):
    return the_one(targets(body, **kw))


@pytest.mark.parametrize("body, comparator", [
    ("全省软件业务收入增长15%以上。", ">="),
    ("营业收入突破2万亿元。", ">="),
    ("减税降费超1500亿元。", ">="),
    ("开展不少于10万人次的职业技能培训。", ">="),
    ("地区生产总值增长5%左右。", "~"),
    ("培育约30个试点。", "~"),
    ("建设40余个特色小镇。", "~"),
    ("城镇调查失业率控制在5.5%以内。", "<="),
    ("赤字率不超过3%。", "<="),
    ("单位能耗控制在0.5吨标准煤。", "<="),
    ("建成5G基站5万个。", "="),
])
def test_comparators(body, comparator):
    assert only(body).comparator == comparator


def test_stretch_figure_after_a_floor_shares_the_metric():
    ts = targets("全省数字经济核心产业增加值增长13%,力争15%。")
    assert [(t.metric, t.value, t.stretch) for t in ts] == [
        ("数字经济核心产业增加值", 13, False), ("数字经济核心产业增加值", 15, True)]


def test_stretch_at_the_head_of_a_sentence_governs_the_enumeration():
    ts = targets("力争新认定科技企业孵化器10家以上、科技型中小企业10000家、高新技术企业4000家。")
    assert [t.stretch for t in ts] == [True, True, True]
    assert [t.basis for t in ts] == ["increment"] * 3


def test_stretch_mid_sentence_governs_only_its_clause():
    ts = targets("主要预期目标是：规上工业增加值增长6%以上，力争数字经济核心产业增加值增长12%，制造业投资增长10%。")
    assert [t.stretch for t in ts] == [False, True, False]


@pytest.mark.parametrize("word", ["争取", "冲击"])
def test_other_stretch_words(word):
    assert only(f"网络零售额{word}突破2万亿元。").stretch


@pytest.mark.parametrize("body, basis", [
    ("累计上云企业达40万家。", "cumulative"),
    ("新增云上企业100家。", "increment"),
    ("培育数字工厂8家。", "increment"),
    ("数字经济核心产业增加值增长13%。", "growth"),
    ("规上制造业研发费用占营业收入的比重达到3.1%。", "share"),
    ("高新技术企业达5000家。", "level"),
    ("常住人口城镇化率提高0.7个百分点。", "increment"),  # points: the difference of two rates
    ("城乡居民基础养老金最低标准再提高20元。", "increment"),
])
def test_basis(body, basis):
    assert only(body).basis == basis


def test_cumulative_carries_across_an_enumeration():
    ts = targets("累计创建省级工业互联网平台300个、培育数字化服务商300家。")
    assert [t.basis for t in ts] == ["cumulative", "cumulative"]


def test_point_change_keeps_its_unit():
    t = only("常住人口城镇化率提高0.7个百分点。")
    assert (t.value, t.unit) == (0.7, "个百分点")


def test_a_stated_fall_is_marked_down_with_a_positive_value():
    t = only("单位地区生产总值能耗下降3%左右。")
    assert (t.value, t.direction, t.comparator) == (3, "down", "~")


@pytest.mark.parametrize("body, year", [
    ("到2025年，数字经济核心产业增加值达到1350亿元。", 2025),
    ("到二〇三五年，全市数字经济增加值达到5000亿元。", 2035),
    ("今年规上工业增加值增长6%以上。", YEAR),
    ("未来五年，培育高新技术企业5000家。", YEAR + 4),
    ("“十五五”时期，培育专精特新企业1000家。", 2030),
])
def test_target_year(body, year):
    t = only(body)
    assert (t.kind, t.year) == ("target", year)


@pytest.mark.parametrize("body, year", [
    ("2021年，全省规上工业增加值突破2万亿元。", 2021),
    ("去年，新增省级企业技术中心106家。", 2021),
    ("规上工业企业预计首次突破5万家。", None),
])
def test_actuals_in_a_forward_section(body, year):
    t = only(body)
    assert t.kind == "actual"
    if year is not None:
        assert t.year == year


def test_review_section_figures_are_actuals_of_the_previous_year():
    text = "一、2021年工作回顾\n全省地区生产总值增长8.5%，新增高新技术企业3000家。\n二、2022年主要目标\n地区生产总值增长6%左右。\n"
    ts = extract_targets(text, build_outline(text, year=YEAR), YEAR, "a")
    assert [(t.kind, t.year, t.value) for t in ts] == [("actual", 2021, 8.5), ("actual", 2021, 3000),
                                                      ("target", 2022, 6)]


def test_respectively_list_expands_to_one_target_each():
    ts = targets("服务贸易、数字贸易、跨境电商出口分别增长6%、8%、20%。")
    assert [(t.metric, t.value) for t in ts] == [("服务贸易出口", 6), ("数字贸易出口", 8), ("跨境电商出口", 20)]


def test_respectively_list_shares_its_head_noun():
    ts = targets("高技术制造业、装备制造业增加值分别增长8.9%、7.7%。")
    assert [t.metric for t in ts] == ["高技术制造业增加值", "装备制造业增加值"]


@pytest.mark.parametrize("body, expected", [
    ("改造老旧供热、燃气、污水管道500公里、400公里、200公里。",
     [("老旧供热管道", 500), ("燃气管道", 400), ("污水管道", 200)]),
    ("原煤、原油产量达到5000万吨、900万吨。", [("原煤产量", 5000e4), ("原油产量", 900e4)]),
    ("城镇、农村居民人均可支配收入增长4%和6%。", [("城镇居民人均可支配收入", 4), ("农村居民人均可支配收入", 6)]),
])
def test_names_listed_before_as_many_figures_pair_up_in_order(body, expected):
    assert [(t.metric, t.value) for t in targets(body)] == expected


def test_thresholds_inside_the_names_of_a_respectively_list_are_not_targets():
    ts = targets("年收入超20万元、超50万元的村集体经济组织占比分别达到60%、25%。")
    assert [t.value for t in ts] == [60, 25], [(t.metric, t.written) for t in ts]


def test_counts_inside_the_names_of_a_respectively_list_stay():
    ts = targets("博士硕士学位授予单位均新增3家、授权点分别新增20个和40个。")
    assert 3 in [t.value for t in ts], [(t.metric, t.written) for t in ts]


def test_enumerated_counts_each_get_their_metric():
    ts = targets("培育数字工厂8家、未来工厂15家、智能工厂(数字化车间)150家。")
    assert [(t.metric, t.value) for t in ts] == [("数字工厂", 8), ("未来工厂", 15), ("智能工厂(数字化车间)", 150)]


def test_metric_read_after_the_figure():
    t = only("推进10个以上省级数字经济创新发展试验区建设。")
    assert (t.metric, t.value, t.comparator) == ("省级数字经济创新发展试验区", 10, ">=")


def test_elliptical_metric_takes_the_subject_of_the_previous_one():
    ts = targets("数字经济核心产业增加值增长13%,营业收入突破2万亿元。")
    assert ts[1].metric == "数字经济核心产业营业收入"


def test_range_target():
    t = only("地区生产总值增长4.5%—5%。")
    assert (t.value, t.low, t.high, t.unit) == (4.5, 4.5, 5, "%")


@pytest.mark.parametrize("body", [
    "办好第七届世界互联网大会。",
    "加快5G网络建设。",
    "深化“1+N”工业互联网平台体系建设。",
    "推进G60科创走廊建设。",
    "实施亩均论英雄3.0版。",
    "2022年2月18日召开会议。",
    "落实民营经济32条政策。",
    "推进“十四五”规划实施。",
    "连续9年居全国前列。",
])
def test_not_targets(body):
    assert targets(body) == []


def test_size_class_threshold_is_not_a_target_but_the_count_is():
    ts = targets("培育营业收入超百亿元企业25家、超10亿元的数字企业30家。")
    assert [(t.value, t.unit) for t in ts] == [(25, "家"), (30, "家")]


def test_glossary_numbers_are_not_targets():
    text = "二、主要任务\n新增高新技术企业3000家。\n名词解释\n1.“415X”产业集群：4个世界级先进产业群、15个省级特色产业集群。\n"
    ts = extract_targets(text, build_outline(text, year=YEAR), YEAR, "a")
    assert [t.value for t in ts] == [3000]


def test_flattened_table_rows_are_read_as_baseline_and_target():
    body = ("表1主要目标表指标单位2023年2025年数字经济领域有效发明专利件50008000"
            "数字经济核心产业增加值亿元506.91350")
    ts = targets(body, year=2021)
    got = [(t.metric, t.value, t.unit, t.year, t.kind) for t in ts]
    assert got == [("数字经济领域有效发明专利", 5000, "件", 2023, "actual"),
                   ("数字经济领域有效发明专利", 8000, "件", 2025, "target"),
                   ("数字经济核心产业增加值", 5.069e10, "元", 2023, "actual"),
                   ("数字经济核心产业增加值", 1.35e11, "元", 2025, "target")]


def test_every_quote_is_verbatim_and_holds_the_figure():
    body = "力争全年网络零售额增长15%以上，全省网络零售额力争突破2万亿元，跨境网络零售出口额突破1000亿元。"
    text = f"二、主要任务\n{body}\n"
    for t in extract_targets(text, build_outline(text, year=YEAR), YEAR, "a"):
        assert t.quote in text
        assert t.written in t.quote
        assert text[t.offset:].startswith(t.written[:2])


def test_a_noun_that_starts_like_a_verb_keeps_its_first_word():
    ts = targets("力争服务业增加值增长5.5%左右，新增服务业领军企业200家左右。")
    assert [t.metric for t in ts] == ["服务业增加值", "服务业领军企业"]


def test_a_figure_stated_twice_is_marked_as_a_restatement():
    text = "一、主要目标\n建成5G基站5万个。\n二、主要任务\n推进新型基础设施建设。确保到年底建成5G基站5万个。\n"
    ts = extract_targets(text, build_outline(text, year=YEAR), YEAR, "a")
    assert [t.restates for t in ts] == [None, ts[0].id]


def test_baseline_in_from_to_is_an_actual():
    ts = targets("城乡居民基础养老金从796元/月提高至842元/月。")
    assert [(t.metric, t.value, t.unit, t.kind) for t in ts] == [
        ("城乡居民基础养老金", 796, "元/月", "actual"), ("城乡居民基础养老金", 842, "元/月", "target")]


def test_a_size_grade_is_not_a_target():
    assert targets("推进防城港30万吨级进港航道建设。") == []


def test_an_enumeration_of_industries_is_not_a_heading():
    text = "一、2025年工作回顾\n全区地区生产总值增长5.1%。\n一、二、三产业增加值分别增长4.2%、5%、5.4%。\n二、2026年主要目标\n地区生产总值增长5%左右。\n"
    ts = extract_targets(text, build_outline(text, year=2026), 2026, "a")
    assert [t.kind for t in ts] == ["actual", "actual", "actual", "actual", "target"]


def test_a_heading_that_looks_back_and_ahead_opens_a_forward_part():
    text = ("二、“十四五”时期发展成就和“十五五”时期主要目标任务\n过去五年，地区生产总值年均增长4.8%。\n"
            "(一)加快建设现代化产业体系。到2030年，规上工业增加值年均增长6%左右。\n")
    ts = extract_targets(text, build_outline(text, year=2026), 2026, "a")
    assert [(t.kind, t.year) for t in ts] == [("actual", 2025), ("target", 2030)]


def test_unnumbered_part_headings_above_numbered_ones_set_the_part():
    text = ("各位代表：\n“十四五”时期发展成就和2025年工作回顾\n全区地区生产总值增长5.6%。\n"
            "“十五五”时期主要目标和2026年重点工作\n一、全力抓好七项重点工作\n(一)扩大有效投资。固定资产投资增长6%左右。\n")
    ts = extract_targets(text, build_outline(text, year=2026), 2026, "a")
    assert [(t.kind, t.value) for t in ts] == [("actual", 5.6), ("target", 6)]


def test_venue_and_speaker_lines_are_not_headings():
    o = build_outline("2025年四川省政府工作报告\n2025年1月20日在四川省第十四届人民代表大会第四次会议上\n"
                      "四川省人民政府省长 施小琳\n各位代表：\n2024年工作回顾\n地区生产总值增长5.7%。\n", year=2025)
    assert [b.role for b in o.blocks[:3]] == ["title", "title", "title"]
    assert o.blocks[-1].part == "review"


def test_figures_so_far_this_year_are_actuals():
    ts = targets("今年上半年信息经济实现增加值1592亿元,增长14.7%。")
    assert [t.kind for t in ts] == ["actual", "actual"]


def test_a_preposition_is_not_a_future_tense():
    t = only("自2014年将数字经济作为“一号工程”以来,四年来对经济增长贡献率超过50%。")
    assert t.kind == "actual"


def test_secured_in_a_review_is_not_a_stretch():
    text = "一、2024年工作回顾\n争取设备更新资金95亿元。\n"
    (t,) = extract_targets(text, build_outline(text, year=2025), 2025, "a")
    assert (t.kind, t.stretch) == ("actual", False)


def test_policy_slogans_in_a_review_do_not_make_goals():
    text = "一、2025年工作回顾\n全省上下稳就业、稳预期，确保经济运行平稳，地区生产总值增长5.3%。\n"
    (t,) = extract_targets(text, build_outline(text, year=2026), 2026, "a")
    assert (t.kind, t.year) == ("actual", 2025)


def test_a_planning_assumption_keeps_its_metric():
    t = only("地区生产总值按增长5%安排。")
    assert (t.metric, t.value, t.basis) == ("地区生产总值", 5, "growth")
