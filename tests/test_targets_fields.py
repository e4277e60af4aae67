"""Field rules of the target grammar (issue 14, third pass): comparator, basis, stretch, year and metric read
as an analyst would. Every sentence here is our own, written for the rule it tests."""

from __future__ import annotations

import pytest

from compare.outline import build_outline
from compare.targets import extract_targets

from .plan_sentences import targets_under, the_one

YEAR = 2026


def found(body: str, heading: str = "二、2026年重点工作", year: int = YEAR):
    return targets_under(heading, body, year, "b")


def only(body: str, **kw):
    return the_one(found(body, **kw))


# --- comparator ---

@pytest.mark.parametrize("body", [
    "每个街道至少建好2个托育点。",
    "每所中学至少配备1名心理教师。",
])
def test_a_floor_before_the_verb_is_a_minimum(body):
    assert only(body).comparator == ">="


@pytest.mark.parametrize("body", [
    "全市地区生产总值迈上3万亿元台阶。",
    "粮食产量跃上800亿斤。",
])
def test_climbing_onto_a_step_means_reaching_or_passing_it(body):
    assert only(body).comparator == ">="


def test_a_step_stated_as_about_stays_approximate():
    assert only("全市地区生产总值迈上3万亿元左右。").comparator == "~"


# --- basis ---

@pytest.mark.parametrize("body, metric", [
    ("消费对经济增长的贡献率保持在60%左右。", "消费对经济增长的贡献率"),
    ("城市空气质量优良天数比例上升至90%。", "城市空气质量优良天数比例"),
])
def test_a_share_held_or_raised_to_a_level_is_a_share(body, metric):
    t = only(body)
    assert (t.basis, t.metric) == ("share", metric)


def test_a_rate_of_fall_is_a_growth_figure():
    assert only("单位地区生产总值能耗降幅超过2.5%。").basis == "growth"


def test_points_added_over_last_year_are_an_increment():
    ts = found("财政赤字率按3.5%安排、比上年提高0.5个百分点。")
    assert [(t.value, t.unit, t.basis) for t in ts] == [(3.5, "%", "share"), (0.5, "个百分点", "increment")]


@pytest.mark.parametrize("body", [
    "常住人口城镇化率提高1个百分点。",
    "规上工业增加值增速高于全国平均水平1.5个百分点。",
])
def test_points_added_or_ahead_of_another_rate_are_an_increment(body):
    # points are the difference of two rates, an amount: increment, as 比上年提高1个百分点 is
    assert only(body).basis == "increment"


@pytest.mark.parametrize("body", [
    "开通国际货运航线8条。",
    "完成500家规上企业数字化转型。",
    "推进2000个村级物流站点提档升级。",
    "300座老旧桥梁完成加固改造。",
])
def test_a_years_work_on_counted_things_is_an_increment(body):
    assert only(body).basis == "increment"


def test_a_new_verb_governs_the_bare_counts_listed_after_it():
    ts = found("新认定专精特新企业300家，高新技术企业2000家。")
    assert [(t.metric, t.basis) for t in ts] == [("专精特新企业", "increment"), ("高新技术企业", "increment")]


@pytest.mark.parametrize("body", [
    "新增高标准农田10万亩，粮食播种面积1000万亩。",
    "新增养老机构20家，养老机构总数300家。",
    "新增示范园区5个，运行园区30个。",
])
def test_a_stock_listed_after_a_new_count_stays_a_level(body):
    assert found(body)[1].basis == "level"


# --- stretch ---

def test_striving_to_win_a_title_is_a_stretch():
    t = only("争创国家级绿色工厂20家。")
    assert (t.stretch, t.kind) == (True, "target")


def test_a_title_won_last_year_is_no_stretch():
    t = only("争创国家级绿色工厂20家。", heading="一、2025年工作回顾")
    assert (t.stretch, t.kind) == (False, "actual")


# --- basis of what a review reports ---

@pytest.mark.parametrize("body, bases", [
    ("建成城市书房120个，保护修缮古民居86栋，9所中职学校入选国家示范校。", ["increment"] * 3),
    ("省级重点实验室达到150家，城市书房总数320个。", ["level", "level"]),
    ("新建续建市级重点项目1200个。", ["level"]),
])
def test_things_a_years_review_says_were_built_or_won_are_that_years_work(body, bases):
    assert [t.basis for t in found(body, heading="一、2025年工作回顾")] == bases


def test_work_a_five_year_review_reports_is_a_total_except_what_it_calls_new():
    body = "这五年，建成城市书房620个，办理代表建议1850件，新增国家级专精特新企业140家。"
    assert [t.basis for t in found(body, heading="一、工作回顾")] == ["cumulative", "cumulative", "increment"]


def test_a_review_keeps_the_five_years_until_a_paragraph_names_one_year():
    body = ("这是城乡面貌焕然一新的五年。\n建成城市书房620个。\n"
            "2025年，全省上下攻坚克难。\n建成城市书房130个。")
    ts = found(body, heading="一、2025年和“十四五”时期工作回顾")
    assert [(t.value, t.basis) for t in ts] == [(620, "cumulative"), (130, "increment")]


def test_time_squeezed_by_a_share_is_a_fall():
    t = only("涉企审批办理时限压缩60%。")
    assert (t.metric, t.basis, t.direction) == ("涉企审批办理时限", "growth", "down")


@pytest.mark.parametrize("body, basis", [
    ("全市文旅企业营收保持15%以上。", "growth"),
    ("为小微企业降低融资成本80亿元。", "increment"),
    ("五年来，全市生产总值增量超过3000亿元。", "increment"),
    ("老旧小区改造惠及居民6.5万户。", "level"),
    ("新增受益学生3.2万人。", "increment"),
    ("农村劳动力转移就业稳定在420万人。", "level"),
    ("开展职业技能培训超8万人次。", "increment"),
])
def test_what_a_figure_counts_decides_its_basis(body, basis):
    assert found(body, heading="一、2025年工作回顾")[-1].basis == basis


def test_a_rate_after_a_cumulative_total_is_its_own_growth():
    ts = found("全市税收收入累计超过5000亿元、较上一时期增长12.5%。", heading="一、工作回顾")
    assert [t.basis for t in ts] == ["cumulative", "growth"]


@pytest.mark.parametrize("body, metric", [
    ("筹建首批8个市级创新联合体。", "市级创新联合体"),
    ("超前谋划30个重大事项争取国家支持。", "重大事项争取国家支持"),
    ("建成投产45个亿元以上工业项目。", "亿元以上工业项目"),
    ("民营投资增速高于全省平均1.2个百分点。", "民营投资增速高于全省平均"),
    ("全市常住人口接近960万人。", "常住人口"),
    ("丧葬服务费由平均3200元降至1200元。", "丧葬服务费"),
])
def test_batch_words_adverbs_and_approximations_are_not_part_of_the_metric(body, metric):
    assert found(body)[0].metric == metric


def test_a_figure_that_carries_the_metric_before_it_quotes_where_the_metric_is_named():
    ts = found("全市科技贷款余额突破900亿元，增长18%以上。", heading="一、2025年工作回顾")
    assert [(t.metric, t.quote) for t in ts] == [
        ("科技贷款余额", "全市科技贷款余额突破900亿元"),
        ("科技贷款余额", "全市科技贷款余额突破900亿元，增长18%以上")]


# --- year ---

@pytest.mark.parametrize("heading", ["一、工作回顾", "一、“十四五”时期工作回顾", "一、过去五年工作回顾"])
def test_an_undated_figure_of_a_review_describes_the_year_before_the_report(heading):
    ts = found("全省新建城市绿道320公里，城乡居民医保参保率稳定在95%。", heading=heading)
    assert [(t.kind, t.year) for t in ts] == [("actual", YEAR - 1), ("actual", YEAR - 1)]


@pytest.mark.parametrize("heading, body, years", [
    ("一、“十四五”时期工作回顾", "这五年，全省生产总值从3.2万亿元增加到4.1万亿元。", [2020, 2025]),
    ("一、工作回顾", "五年来，省级孵化器分别从120家、45家增加到210家、90家。", [2020, 2020, 2025, 2025]),
    ("一、工作回顾", "一年来，城市绿道由300公里增加到420公里。", [2024, 2025]),
    ("一、工作回顾", "生产总值占比由2020年的7.2%提升至7.4%，人均生产总值由7.3万元提升至9.3万元。",
     [2020, 2025, 2020, 2025]),
])
def test_a_review_figure_measured_from_is_the_state_when_the_period_began(heading, body, years):
    assert [t.year for t in found(body, heading=heading)] == years


def test_a_review_figure_keeps_the_year_it_names():
    ts = found("2023年建成城市绿道300公里，新增城市绿道320公里。", heading="一、“十四五”时期工作回顾")
    assert [(t.kind, t.year) for t in ts] == [("actual", 2023), ("actual", 2023)]

def test_a_span_of_years_with_a_range_names_no_single_year():
    ts = found("用3—5年时间，培养引进20名领军人才、200名青年骨干。")
    assert [(t.kind, t.year) for t in ts] == [("target", None), ("target", None)]


def test_a_span_of_years_counts_from_the_year_of_the_report():
    t = only("用3年时间，建成社区食堂500个。")
    assert (t.kind, t.year) == ("target", YEAR + 2)


def test_a_span_governs_only_its_own_sentence():
    ts = found("用3—5年时间，培养引进20名领军人才。新增高新技术企业3000家。")
    assert [t.year for t in ts] == [None, YEAR]


def test_a_span_after_a_stated_year_keeps_the_stated_year():
    t = only("到2035年，用10年时间，建成城市公园1000个。")
    assert t.year == 2035


@pytest.mark.parametrize("plan_named", ["推动更多项目纳入国家“十五五”规划。", "高质量编制“十五五”规划。"])
def test_a_plan_named_as_a_document_is_no_horizon(plan_named):
    t = only(f"{plan_named}新增高新技术企业3000家。", heading="二、重点工作")
    assert (t.kind, t.year) == ("target", YEAR)


def test_a_plan_period_as_a_time_is_still_a_horizon():
    t = only("“十五五”时期，新增高新技术企业3000家。", heading="二、重点工作")
    assert t.year == 2030


# --- metric ---

def test_a_change_against_last_years_budget_keeps_the_metric_before_it():
    ts = found("赤字规模4万亿元，比上年年初预算增加2000亿元。")
    assert [(t.metric, t.basis) for t in ts] == [("赤字规模", "level"), ("赤字规模", "increment")]


def test_respectively_splits_at_the_list_commas_when_a_name_holds_and():
    ts = found("信息传输软件和信息技术服务业、批发和零售业增加值分别增长9%、5%。")
    assert [t.metric for t in ts] == ["信息传输软件和信息技术服务业增加值", "批发和零售业增加值"]


@pytest.mark.parametrize("body, first", [
    ("文化及相关产业、体育及相关产业增加值占地区生产总值比重分别达到4%、1.5%。",
     "文化及相关产业增加值占地区生产总值比重"),
    ("农村自来水、卫生厕所普及率分别达到95%、90%。", "农村自来水普及率"),
])
def test_respectively_gives_every_name_the_whole_shared_head(body, first):
    assert found(body)[0].metric == first


@pytest.mark.parametrize("body, metric", [
    ("提高个税专项附加扣除标准，3000多万纳税人受益。", "纳税人"),
    ("光纤网络具备覆盖500万户家庭的能力。", "家庭"),
    ("今年继续推进8大类30项重点工程。", "重点工程"),
    ("盯紧抓实30个年产值过亿元的重点项目。", "年产值过亿元的重点项目"),
    ("在工业、农业、文旅等领域应用落地500个以上。", "应用落地"),
    ("拟连续三年发行地方专项债券，今年先发行800亿元。", "地方专项债券"),
    ("增发5000亿元国债支持灾后重建。", "国债"),
    ("粮食总产量连续9年稳定在1300亿斤以上。", "粮食总产量"),
])
def test_the_metric_is_the_thing_counted(body, metric):
    assert found(body)[-1].metric == metric


def test_the_quote_keeps_what_is_said_of_the_thing_counted():
    t = only("年初确定的10个重点项目全部完成。", heading="一、2025年工作回顾")
    assert (t.metric, t.quote) == ("重点项目", "年初确定的10个重点项目全部完成")


def test_a_step_climbed_onto_is_not_the_metric():
    ts = found("全省地区生产总值年均增长5%左右、迈上3万亿元台阶。")
    assert [(t.metric, t.comparator) for t in ts] == [("地区生产总值", "~"), ("地区生产总值", ">=")]


def test_a_streak_is_not_a_target():
    assert found("规上工业增加值连续18个月保持两位数增长。") == []


def test_a_horizon_named_inside_a_list_does_not_reach_the_next_sentence():
    ts = found("绘制好2026年、到2035年及中长期发展“路线图”。铁路方面，新建高铁3条。", heading="二、重点工作")
    assert [(t.value, t.year) for t in ts] == [(3, YEAR)]


def test_a_horizon_that_opens_a_sentence_governs_the_next_one():
    ts = found("到2030年，全市数字经济增加值达到5000亿元。其中，核心产业增加值2000亿元。", heading="二、重点工作")
    assert [t.year for t in ts] == [2030, 2030]


def test_a_horizon_inside_a_sentences_predicate_governs_that_sentence_only():
    # 力争到2028年 belongs to the farmland sentence; the roads and toilets after it are this year's work
    ts = found("新建高标准农田20万亩，力争到2028年将永久基本农田全部建成高标准农田。"
               "改造农村公路800公里，农村卫生厕所普及率达到75%以上。", heading="二、重点工作")
    assert [(t.written, t.year) for t in ts] == [("20万亩", YEAR), ("800公里", YEAR), ("75%以上", YEAR)]


def test_a_part_of_the_last_sentences_goal_keeps_its_horizon():
    ts = found("计划提出到2030年数字经济总量达8000亿元。其中，核心产业增加值3000亿元。", heading="二、重点工作")
    assert [t.year for t in ts] == [2030, 2030]


def test_a_new_verb_before_an_earlier_figure_does_not_make_a_total_new():
    ts = found("新增国家级绿色工厂20家、总数达到120家，力争新增智能工厂80家、机器人产量突破5000台。")
    assert [t.basis for t in ts] == ["increment", "level", "increment", "level"]


def test_a_new_verb_before_joined_verbs_reaches_the_figure():
    assert only("新建、改扩建中小学校舍80所。").basis == "increment"


@pytest.mark.parametrize("body, metric", [
    ("推出政务服务“一件事”事项30个。", "政务服务“一件事”事项"),
    ("组织供需对接活动100场以上。", "供需对接活动"),
    ("攻克关键核心技术50项以上。", "关键核心技术"),
    ("植树造林200万亩。", "植树造林"),
])
def test_things_launched_held_or_won_this_year_are_increments(body, metric):
    t = only(body)
    assert (t.metric, t.basis) == (metric, "increment")


@pytest.mark.parametrize("body", ["新签约产业项目300个。", "新转化科技成果40项以上。"])
def test_counts_of_newly_signed_or_converted_things_are_increments(body):
    assert only(body).basis == "increment"


def test_urban_and_rural_share_the_noun_after_them():
    ts = found("城镇、农村居民人均可支配收入分别增长5%、6%。")
    assert [t.metric for t in ts] == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]


def test_a_qualifier_after_the_last_figure_of_a_list_covers_every_figure():
    ts = found("粮食、油料作物播种面积分别稳定在800万亩、200万亩以上。")
    assert [t.comparator for t in ts] == [">=", ">="]


def test_the_step_in_taijie_is_not_a_unit_of_machines():
    from compare import parse_figures

    assert [(f.value, f.unit) for f in parse_figures("经济总量迈上800亿台阶，新增工业机器人300台")] == [
        (8e10, ""), (300, "台")]


def test_urban_and_rural_together_split_into_two_metrics():
    ts = found("城乡居民人均可支配收入分别增长5%、7%左右。")
    assert [(t.metric, t.comparator) for t in ts] == [("城镇居民人均可支配收入", "~"), ("农村居民人均可支配收入", "~")]


def test_a_list_before_respectively_drops_its_time_words():
    ts = found("规上制造业、数字经济核心产业增加值年均分别增长6%、8%。")
    assert [t.metric for t in ts] == ["规上制造业增加值", "数字经济核心产业增加值"]


@pytest.mark.parametrize("body, metric, year", [
    ("技术合同成交额2030年达到600亿元。", "技术合同成交额", 2030),
    ("单位地区生产总值能耗较2020年下降13.5%。", "单位地区生产总值能耗", YEAR),
    ("“十五五”时期地区生产总值年均增长5%左右。", "地区生产总值", 2030),
])
def test_years_and_periods_are_not_part_of_the_metric(body, metric, year):
    t = only(body, heading="二、重点工作")
    assert (t.metric, t.year) == (metric, year)


def test_a_named_long_range_vision_is_not_the_figures_year():
    t = only("综合考虑实现2035年远景目标，提出地区生产总值年均增长5%左右。", heading="二、“十五五”时期主要目标")
    assert (t.metric, t.year) == ("地区生产总值", 2030)


def test_capacity_started_or_brought_into_production_is_an_increment():
    ts = found("新能源开工800万千瓦、投产500万千瓦以上。")
    assert [t.basis for t in ts] == ["increment", "increment"]


def test_a_baseline_per_head_and_its_raise_share_the_metric():
    ts = found("学生保费由每生每年5元提高至10元。")
    assert [(t.metric, t.value, t.kind) for t in ts] == [("学生保费", 5, "actual"), ("学生保费", 10, "target")]


def test_grown_to_an_amount_is_a_level():
    t = found("一般公共预算收入从3800亿元增长到4400亿元。")[-1]
    assert (t.metric, t.basis) == ("一般公共预算收入", "level")


@pytest.mark.parametrize("body, metric", [
    ("残疾人护理补贴标准提高到每人每月300元。", "残疾人护理补贴标准"),
    ("粮食综合生产能力每年稳定在1100万吨以上。", "粮食综合生产能力"),
    ("确定5%左右的增长目标。", "增长目标"),
])
def test_per_head_and_yearly_words_are_not_part_of_the_metric(body, metric):
    assert found(body)[-1].metric == metric


def test_a_part_of_a_part_is_marked_once():
    ts = found("城镇新增就业50万人，其中3万人，其中1万人。")
    assert [t.metric for t in ts] == ["城镇新增就业", "城镇新增就业（其中）", "城镇新增就业（其中）"]


# --- kind ---

def test_an_innovation_highland_is_not_a_record_high():
    t = only("打造科技创新高地，全社会研发经费投入增长10%。")
    assert (t.kind, t.year) == ("target", YEAR)


def test_already_built_in_an_earlier_clause_does_not_make_a_goal_a_result():
    t = found("改造提升超3000个已建成村庄的污水设施，农民满意度不低于85%。")[-1]
    assert (t.value, t.kind) == (85, "target")


def test_already_built_in_the_figures_own_clause_is_a_result():
    assert only("已建成5G基站10万个。").kind == "actual"


@pytest.mark.parametrize("body", ["输转农村劳动力300万人。", "城区新增人口50万。", "引导超2万名高校毕业生到基层就业。"])
def test_people_moved_or_added_are_a_goal(body):
    assert only(body).kind == "target"


def test_people_counted_as_they_are_remain_a_fact():
    assert only("全省高校毕业生80万人。").kind == "actual"


def test_work_started_this_year_is_an_increment():
    t = only("启动城中村改造2万户。")
    assert (t.metric, t.basis) == ("城中村改造", "increment")


def test_a_whole_raised_takes_the_thing_named_after_the_figure():
    assert found("整体提升80所学校。")[0].metric == "学校"


@pytest.mark.parametrize("body", [
    "今年重点做好以下9项工作。全年新建5G基站1万个。",
    "要着力抓好如下6个方面。全年新建5G基站1万个。",
])
def test_a_count_of_the_items_a_plan_announces_is_not_a_target(body):
    assert [t.value for t in found(body)] == [10000]


@pytest.mark.parametrize("body", [
    "结合“十五五”规划编制，谋划储备一批高质量项目，亿元以上储备项目达到800个。",
    "做好“十五五”规划前期研究，谋划储备重点项目800个。",
])
def test_writing_the_next_plan_is_this_years_work_not_its_horizon(body):
    t = only(body)
    assert (t.kind, t.year) == ("target", YEAR)


def test_the_indicators_a_plan_outline_sets_belong_to_its_period():
    ts = found("《纲要（草案）》提出了主要指标：一是经济发展，其中地区生产总值年均增长5.5%左右。"
               "二是绿色低碳，其中森林覆盖率达到62%。今年森林覆盖率达到60.5%。")
    assert [(t.written, t.year) for t in ts] == [("5.5%左右", 2030), ("62%", 2030), ("60.5%", YEAR)]


def test_a_section_of_the_periods_main_goals_sets_their_year():
    text = ("二、“十五五”主要目标任务\n（一）推动协调发展。常住人口城镇化率提升至70%左右，人均预期寿命再提高1岁。\n"
            "三、2026年重点工作\n（一）扩大内需。新开工项目500个。\n")
    ts = extract_targets(text, build_outline(text, year=YEAR), YEAR, "b")
    assert [(t.written, t.year) for t in ts] == [("70%左右", 2030), ("1岁", 2030), ("500个", YEAR)]


def test_a_year_stated_in_a_plan_outline_paragraph_wins_over_its_period():
    ts = found("《纲要（草案）》提出，到2035年人均地区生产总值达到15万元，其中森林覆盖率达到62%。")
    assert [(t.written, t.year) for t in ts] == [("15万元", 2035), ("62%", 2035)]


def test_a_clauses_own_year_wins_over_the_period_of_its_paragraph():
    # the paragraph speaks of “十五五”, the clause of the figure names its own year
    ts = found("“十五五”时期，全区地区生产总值年均增长5%左右，为实现2035年人均地区生产总值比2020年翻一番打好基础。",
               heading="二、“十五五”时期主要目标")
    assert [(t.metric, t.year) for t in ts] == [("地区生产总值", 2030), ("人均地区生产总值", 2035)]


@pytest.mark.parametrize("body, metric", [
    ("每千人口托位数较2020年翻两番。", "每千人口托位数"),
    ("省属企业营业收入较“十三五”末期增长50%。", "省属企业营业收入"),
    ("高新技术企业数3年增长50%。", "高新技术企业数"),
    ("城乡居民收入比缩小到1.9。", "城乡居民收入比"),
])
def test_a_base_or_a_span_of_years_is_not_part_of_the_metric(body, metric):
    assert only(body).metric == metric


def test_a_verbs_complement_is_not_the_counted_thing():
    assert only("推进好省重点项目总投资2万亿元。").metric == "省重点项目总投资"


def test_the_plan_of_the_year_is_not_the_counted_thing():
    t = only("全年计划实施重点项目600个。")
    assert (t.metric, t.basis) == ("重点项目", "increment")


@pytest.mark.parametrize("body, metric", [
    ("宽带网络覆盖90%以上的贫困村。", "贫困村宽带网络覆盖率"),
    ("家庭医生签约服务覆盖80%的重点人群。", "重点人群家庭医生签约服务覆盖率"),
    ("5G网络覆盖95%。", "5G网络覆盖"),
])
def test_a_share_covered_names_what_is_covered(body, metric):
    # 覆盖90%的贫困村: the share of poor villages covered, as an indicator table names it
    assert only(body, heading="二、发展目标").metric == metric


def test_reaching_a_place_is_part_of_the_metric():
    assert only("98%的行政村实现光纤通达。", heading="二、发展目标").metric.endswith("光纤通达")
