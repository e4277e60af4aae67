"""Metric names a reader can use (issue 14, class 3) and figures that are not targets (class 5). Every
sentence here is our own."""

from __future__ import annotations

import pytest

from compare.figures import parse_figures
from compare.outline import build_outline
from compare.targets import extract_targets

YEAR = 2026


def targets(body: str):
    text = f"二、2026年重点工作\n{body}\n"
    return [t for t in extract_targets(text, build_outline(text, year=YEAR), YEAR, "b") if t.kind == "target"]


def metrics(body: str) -> dict[str, str]:
    """written figure → metric"""
    return {t.written: t.metric for t in targets(body)}


def test_a_scope_word_is_stripped_only_as_a_whole_word():
    assert metrics("开展对口帮扶项目300个。") == {"300个": "对口帮扶项目"}


def test_deng_inside_a_word_is_not_a_list_word():
    assert metrics("新增三星级宾馆12家、等级民宿40家。")["40家"] == "等级民宿"


def test_a_number_naming_a_format_is_not_a_target():
    assert metrics("建设社区5人制足球场80片。") == {"80片": "社区5人制足球场"}


def test_duo_that_starts_the_next_word_is_not_a_qualifier():
    [t] = targets("开通8条多式联运线路。")
    assert (t.metric, t.comparator, t.written) == ("多式联运线路", "=", "8条")


def test_a_unit_and_its_continuation_are_one_unit():
    [f] = parse_figures("更新农机装备2万台套。")
    assert (f.unit, f.written) == ("台套", "2万台套")
    assert metrics("口岸通行客车40万辆次。") == {"40万辆次": "口岸通行客车"}


def test_a_count_of_the_plans_own_fields_is_not_a_target():
    assert metrics("分9个领域部署改革任务，新增试点园区5个。") == {"5个": "试点园区"}


def test_a_list_of_examples_ending_in_deng_takes_the_noun_after_the_figure():
    assert metrics("推进甲水库、乙灌区等12个重点水利项目。") == {"12个": "重点水利项目"}


def test_a_batch_word_takes_the_noun_after_the_figure():
    assert metrics("认定首批20家数字化车间。") == {"20家": "数字化车间"}


def test_a_bare_verb_takes_the_noun_after_the_figure():
    assert metrics("选派600名以上农业技术特派员到山区。") == {"600名以上": "农业技术特派员"}


def test_how_things_proceed_is_dropped_but_the_stage_reached_is_kept():
    found = metrics("推动25个康养项目有序推进，18个文旅项目全面开工。")
    assert found == {"25个": "康养项目", "18个": "文旅项目开工"}


def test_the_noun_after_a_figure_ends_before_the_next_amount():
    found = metrics("90个省级重点项目完成投资860亿元。")
    assert found["90个"] == "省级重点项目完成投资"


def test_a_trailing_cumulative_word_is_not_part_of_the_name():
    [t] = targets("技术合同成交额累计突破900亿元。")
    assert t.metric == "技术合同成交额"


def test_a_grade_and_above_stays_in_the_name_and_gaodeng_is_no_list_word():
    assert metrics("推动92%二级及以上公立医院开展互认。") == {"92%": "二级及以上公立医院开展互认"}
    assert metrics("新设6所高等院校。") == {"6所": "高等院校"}


def test_a_verb_after_a_running_total_keeps_its_subject():
    assert metrics("西部班列累计开行9000列。") == {"9000列": "西部班列开行"}


def test_a_bare_verb_listed_after_a_stage_takes_the_same_subject():
    found = metrics("危旧房改造开工120个、竣工90个。")
    assert found == {"120个": "危旧房改造开工", "90个": "危旧房改造竣工"}


def test_a_total_after_this_years_new_things_is_the_total_of_all_of_them():
    found = metrics("新增专精特新企业300家，总量达到2400家。")
    assert found["2400家"] == "专精特新企业总量"
    assert metrics("油菜播种面积80万亩、总产10万吨。")["10万吨"] == "油菜总产"


def test_a_fund_set_up_at_a_size_is_not_a_total_of_the_previous_figure():
    assert metrics("新增贷款500亿元，组建总规模300亿元。")["300亿元"] == "总规模"


def test_ordinals_listed_share_the_industry_noun():
    found = metrics("一、二、三产业增加值分别增长2%、5%、6%。")
    assert list(found.values()) == ["第一产业增加值", "第二产业增加值", "第三产业增加值"]


def test_short_names_listed_stand_for_the_first_word_of_the_last():
    found = metrics("甲县、乙县客运站旅客发送量分别增长8%、4%。")
    assert list(found.values()) == ["甲县客运站旅客发送量", "乙县客运站旅客发送量"]


def test_a_comparison_base_or_a_span_of_years_names_nothing():
    found = metrics("全市税收收入达到300亿元，较“十四五”末增长30%。")
    assert found["30%"] == "税收收入"
    assert metrics("园区营业收入达到800亿元，3年增长40%。")["40%"] == "园区营业收入"


def test_a_quotation_mark_without_its_pair_is_dropped():
    assert metrics("新增“专精特新企业60家。") == {"60家": "专精特新企业"}


def test_investment_after_a_count_of_projects_is_their_investment():
    assert metrics("实施产业项目420个、完成投资900亿元。")["900亿元"] == "产业项目投资"


def test_zhongdian_opening_a_noun_stays():
    assert metrics("新增省级重点企业50家。") == {"50家": "省级重点企业"}
    assert metrics("新增重点企业50家。") == {"50家": "重点企业"}


def test_investment_growing_after_a_count_of_projects_is_all_investment():
    assert metrics("实施产业项目420个，投资增长6%。")["6%"] == "投资"


def test_neng_ending_a_word_is_no_modal():
    assert metrics("全市光伏组件产能达到50GW。") == {"50GW": "光伏组件产能"}


def test_a_total_named_alone_takes_the_subject_of_the_clause_before():
    assert metrics("油菜生产再获丰收，总产达到90万吨。") == {"90万吨": "油菜总产"}


def test_a_one_character_leftover_after_a_figure_is_no_metric():
    assert metrics("页岩气产能达到30亿方。")["30亿方"] == "页岩气产能"  # 方 after 亿 is the unit (m³)


def test_a_verb_between_two_figures_of_one_clause_keeps_the_first_metric():
    assert metrics("省属国有企业由60家整合为35家。") == {"35家": "省属国有企业"}


def test_a_bare_rate_after_a_count_of_cases_is_their_rate():
    assert metrics("全年劳动争议案件8000件，办结率达到97%。")["97%"] == "劳动争议案件办结率"


def test_a_trailing_list_word_is_dropped_when_nothing_follows():
    assert metrics("新建改造农贸市场、社区菜店等45个。") == {"45个": "农贸市场、社区菜店"}


def test_round_the_clock_is_a_definition_not_a_target():
    assert "24小时" not in metrics("心理热线每天24小时接听，年服务人次达到20万。")
    assert "24小时" not in metrics("政务热线7×24小时在线受理。")


def test_a_verb_left_at_the_end_of_a_name_is_dropped():
    assert metrics("企业开办时限压缩至1个工作日。")["1个工作日"] == "企业开办时限"


def test_money_named_only_by_its_use_is_that_use_s_money():
    assert metrics("统筹5亿元用于乡村教师培训。") == {"5亿元": "乡村教师培训资金"}


def test_a_respectively_list_after_a_comparison_base_takes_the_metrics_of_the_clauses_before():
    found = metrics("新建城市绿道200公里，改造老旧管网600公里，较上年分别增长8%、15%。")
    assert (found["8%"], found["15%"]) == (found["200公里"], found["600公里"])


def test_the_denominator_of_a_rate_is_not_a_target():
    found = metrics("每10万人口拥有体育指导员达到25名。")
    assert "10万人" not in found and "10万人口" not in found


def test_money_for_a_long_purpose_keeps_the_purpose_rather_than_the_bare_verb():
    found = metrics("统筹30亿元支持巩固拓展帮扶成果和县域经济发展。")
    assert found["30亿元"] != "统筹"


def test_grades_listed_before_one_noun_each_take_the_noun():
    found = metrics("新建4个国家级、15个省级现代农业产业园。")
    assert found == {"4个": "国家级现代农业产业园", "15个": "省级现代农业产业园"}
    assert metrics("培育60个以上行业级、场景级工业互联网平台。") == {"60个以上": "行业级工业互联网平台"}


def test_sizes_listed_before_one_noun_each_take_the_noun_and_their_own_size():
    # 8 projects of 百亿元 and 50 of 20亿元以上: each count names its own size of project, not the first one's
    found = metrics("推动8个百亿元、50个20亿元以上项目开工建设。")
    assert found == {"8个": "百亿元项目", "50个": "20亿元以上项目"}


def test_a_total_output_after_an_increase_in_output_names_the_crop():
    assert metrics("油料增产3万吨，总产达到80万吨。")["80万吨"] == "油料总产"


def test_a_count_of_groups_before_a_count_of_things_names_no_thing():
    assert metrics("落实全会确定的12个方面40项改革任务。") == {"40项": "改革任务"}


def test_a_money_threshold_before_de_sizes_the_thing_counted_and_is_no_target():
    assert metrics("实施投资1000万元以上的数字化改造项目800个。") == {"800个": "投资1000万元以上的数字化改造项目"}
    assert metrics("培育8个产值超五百亿元的特色产业集群。") == {"8个": "产值超五百亿元的特色产业集群"}


def test_the_total_investment_of_a_batch_of_projects_is_a_target():
    found = metrics("开工建设甲乙丙等总投资300亿元以上的新能源项目。")
    assert "300亿元以上" in found


def test_fields_listed_before_respectively_take_the_object_named_after_it():
    assert metrics("力争交通、能源、水利分别完成投资1800亿元、1500亿元、600亿元。") == {
        "1800亿元": "交通投资", "1500亿元": "能源投资", "600亿元": "水利投资"}


def test_a_count_of_the_plans_own_indicators_is_no_target():
    found = metrics("以上共计24项指标，其中预期性指标16项、约束性指标8项。新增高新技术企业500家。")
    assert found == {"500家": "高新技术企业"}


def test_a_verb_marked_new_names_nothing_and_the_noun_after_the_figure_is_counted():
    assert metrics("新创建20个省级绿色工厂。") == {"20个": "省级绿色工厂"}


def test_the_number_of_a_listed_item_is_no_part_of_its_name():
    found = metrics("六是为既有住宅加装电梯800部。十二是改扩建40个社区食堂。")
    assert found == {"800部": "既有住宅加装电梯", "40个": "社区食堂"}


def test_a_count_that_sizes_the_things_whose_share_is_the_goal_is_no_target():
    found = metrics("20户以上自然村通硬化路的比例达到85%。年经营性收入20万元以上的村占比达到70%。")
    assert list(found) == ["85%", "70%"]
    assert found["70%"].startswith("年经营性收入20万元以上的村")


def test_staples_glued_before_one_head_are_one_item_each_but_a_word_is_never_split():
    assert metrics("粮油蛋产量分别稳定在300亿斤、20亿斤、50亿斤以上。") == {
        "300亿斤": "粮食产量", "20亿斤": "油料产量", "50亿斤以上": "禽蛋产量"}
    assert set(metrics("民间投资分别增长3%、4%。").values()) != {"民投资", "间投资"}


def test_staples_listed_one_character_each_are_named_as_a_yearbook_names_them():
    assert metrics("确保肉、奶产量分别稳定在200万吨和500万吨左右。") == {"200万吨": "肉类产量", "500万吨左右": "奶类产量"}


def test_a_verb_of_change_left_at_the_end_of_a_name_is_dropped():
    assert metrics("残疾人护理补贴标准提高到不低于120元/月。") == {"120元/月": "残疾人护理补贴标准"}


def test_each_after_a_name_is_no_part_of_it():
    assert metrics("新认定省级技术创新中心、省级工程研究中心各30家。")["30家"] == "省级工程研究中心"


def test_bing_opening_a_word_stays_in_the_name():
    assert metrics("力争新增并网3000万千瓦。") == {"3000万千瓦": "并网"}


def test_a_verb_of_upgrading_opens_the_work_and_is_no_part_of_the_thing_counted():
    assert metrics("新建和改造提升高标准农田60万亩，提升改造口袋公园30个。") == {
        "60万亩": "高标准农田", "30个": "口袋公园"}


def test_a_bare_head_takes_the_industry_its_passage_opens_on():
    got = metrics("加快壮大氢能产业。产业投资超过260亿元，制氢装机40万千瓦以上。"
                  "生物医药产业向创新药延伸，建成一批中试平台。产值突破900亿元。")
    assert got == {"260亿元": "氢能产业投资", "40万千瓦以上": "制氢装机", "900亿元": "生物医药产业产值"}


def test_a_bare_head_takes_the_field_its_sentence_opens_on():
    assert metrics("页岩气开发方面，推进勘探增储，力争产量达到45亿立方米。") == {"45亿立方米": "页岩气产量"}


def test_a_bare_head_takes_no_topic_from_a_turn_of_phrase_or_a_distant_passage():
    got = metrics("一方面要稳住生产，力争产量达到600万吨。")
    assert got == {"600万吨": "产量"}
    far = metrics("林下产业稳步发展。建设示范基地12个。推广良种30个。培训农户500人次。产值达到80亿元。")
    assert far["80亿元"] == "产值"


def test_people_served_are_counted_without_the_service_verb():
    assert metrics("为3000名孤寡、空巢老人免费提供助浴服务。") == {"3000名": "孤寡、空巢老人助浴服务"}
    # what they are given is a list: the people alone
    assert metrics("为超8000名听力、言语等残疾儿童提供人工耳蜗、助听器适配和康复训练。") == {
        "8000名": "听力、言语等残疾儿童"}


def test_the_goal_a_figure_is_said_to_be_takes_the_name_before_it():
    assert metrics("全年实现城镇新增就业48万人以上的目标。") == {"48万人以上": "城镇新增就业"}


def test_a_ratios_qualifier_after_its_denominator_is_read():
    [t] = targets("城乡居民收入比缩小至2.05∶1左右。")
    assert (t.metric, t.comparator) == ("城乡居民收入比", "~")


def test_a_quote_points_at_one_figure_when_its_clause_states_the_same_figure_twice():
    found = {t.metric: t.quote for t in targets("新培育数字化车间150个、省级智能工厂150个以上。")}
    assert found == {"数字化车间": "新培育数字化车间150个", "省级智能工厂": "省级智能工厂150个以上"}


def test_a_bound_set_before_two_figures_joined_by_he_binds_both_but_an_own_qualifier_only_its_figure():
    both = {t.written: t.comparator for t in targets("城乡低保标准提高到不低于800元/月和600元/月。")}
    assert both == {"800元/月": ">=", "600元/月": ">="}
    own = {t.written: t.comparator for t in targets("新培育智能工厂200家以上、绿色工厂150家。")}
    assert own == {"200家以上": ">=", "150家": "="}


def test_a_share_of_things_that_do_something_is_named_by_what_they_do():
    # 100% of the firms use green power: the share is of firms using it, and the quote says so
    t = targets("加快能源转型，力争全省规上工业企业100%使用绿色电力。")[0]
    assert (t.metric, t.quote) == ("规上工业企业使用绿色电力", "力争全省规上工业企业100%使用绿色电力")


@pytest.mark.parametrize("body, metric", [
    ("铁路方面，新开工沿江高铁等3个项目，建成通车东西干线等4个项目。", "铁路项目"),
    ("高速公路，开工南环改扩建等2个项目，建成北环等6个项目。", "高速公路项目"),
    ("突出市场化导向，每个领域遴选10个项目。", "项目"),
])
def test_projects_take_the_field_their_sentence_opens_on(body, metric):
    assert {t.metric for t in targets(body)} == {metric}


def test_an_enterprise_class_after_the_figure_stays_in_the_name():
    # 规模以上 names a class of firms (规上), not a bound on 1500户
    assert metrics("完成1500户规模以上工业企业数字化改造。") == {"1500户": "规模以上工业企业数字化改造"}


def test_a_time_word_before_a_figure_is_no_name():
    # 年底 and 6月 say when; the thing counted is named once, before the first figure
    assert metrics("力争今年6月接入智慧应用超过150个、年底超过220个。") == {"150个": "接入智慧应用", "220个": "接入智慧应用"}


@pytest.mark.parametrize("body, written, metric", [
    ("全年固定资产投资力争突破五千亿元大关。", "五千亿元大关", "固定资产投资"),
    ("外贸进出口跨越3000亿元大关。", "3000亿元大关", "外贸进出口"),
    ("存贷款余额双双突破2万亿元。", "2万亿元", "存贷款余额"),
    ("林下经济产值在全国率先突破千亿元。", "千亿元", "林下经济产值"),
])
def test_a_mark_passed_names_the_thing_that_passes_it(body, written, metric):
    # 大关 is the mark a figure passes, not a thing counted; 跨越, 双双突破 and 在全国率先突破 say how it was passed
    assert metrics(body).get(written) == metric, metrics(body)


def test_a_count_s_noun_stops_where_the_next_listed_count_begins():
    # 和丙丁等3个…: the railway list begins; 丙丁 belongs to it, not to the motorway projects
    found = metrics("推动甲乙扩容工程等12条高速公路项目和丙丁等3个在建铁路项目加快建设。")
    assert found == {"12条": "高速公路项目", "3个": "在建铁路项目"}
