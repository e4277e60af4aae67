"""Target grammar on real-report phrasing (issue 14): a year's work counts, rises stated as 上涨, and counted
things written after the figure. Every sentence here is our own."""

from __future__ import annotations

import pytest

from compare.outline import build_outline
from compare.targets import extract_targets

YEAR = 2026


def only(body: str):
    text = f"二、2026年重点工作\n{body}\n"
    found = [t for t in extract_targets(text, build_outline(text, year=YEAR), YEAR, "b") if t.kind == "target"]
    assert len(found) == 1, [(t.metric, t.written) for t in found]
    return found[0]


@pytest.mark.parametrize("body", [
    "新改建城乡道路800公里。",
    "更新改造供热管网1200公里。",
    "治理城市易涝积水点60个以上。",
    "修复历史遗留矿山150个。",
    "全年开工重点项目900个以上。",
    "新布局冷链物流中心30个。",
    "向社会资本推介优质项目200个以上。",
    "争创国家级专精特新企业40家。",
    "提质改造农村公路2000公里。",
    "扩充义务教育公办学位5万个。",
    "补充配置中小学电脑10万台。",
    "支持新实施30个技术攻关项目。",
    "新上线30个政务服务事项。",
])
def test_a_years_work_count_is_an_increment(body):
    assert only(body).basis == "increment"


def test_a_stock_reached_stays_a_level():
    assert only("年底前建成充电桩2万个。").basis == "level"


def test_prices_rising_is_a_growth_figure():
    t = only("工业品出厂价格上涨1%。")
    assert (t.basis, t.value, t.unit) == ("growth", 1, "%")


@pytest.mark.parametrize("body, metric", [
    ("加快壮大30个县域特色产业集群。", "县域特色产业集群"),
    ("扎实推进高铁站城融合等420个重大项目建设。", "重大项目"),
    ("每个街道至少建成1个社区食堂。", "社区食堂"),
    ("统筹合作建设12个以上产业“飞地”园区。", "产业“飞地”园区"),
])
def test_the_counted_thing_written_after_the_figure_is_the_metric(body, metric):
    assert only(body).metric == metric


def test_a_measure_verb_after_the_figure_is_not_a_metric():
    t = only("赤字率拟按3.5%安排。")
    assert t.metric == "赤字率"


def figures(body: str):
    text = f"二、2026年重点工作\n{body}\n"
    return extract_targets(text, build_outline(text, year=YEAR), YEAR, "b")


@pytest.mark.parametrize("body", [
    "全市设置28个主要指标，涵盖9个领域、6个方面。",
    "推进口袋公园24小时开放。",
    "实现居民出行300米内见绿。",
])
def test_counts_of_the_plans_own_structure_and_definitions_are_not_targets(body):
    assert figures(body) == []


@pytest.mark.parametrize("body", [
    "我市有180万在校学生。",
    "今年高校毕业生预计达到45万人。",
])
def test_facts_about_the_population_are_not_goals(body):
    assert all(t.kind == "actual" for t in figures(body))


def test_not_below_is_a_floor():
    assert only("一般公共预算收入不低于900亿元。").comparator == ">="


def test_this_year_wins_over_a_period_named_earlier_in_the_paragraph():
    found = figures("“十五五”时期，今年中央预算内投资拟安排800亿元。")
    assert [(t.year, t.kind) for t in found] == [(2026, "target")]


def test_a_period_goal_without_this_year_keeps_its_horizon():
    assert only("“十五五”时期，全市地区生产总值年均增长5.5%左右。").year == 2030


def test_a_ratio_written_without_a_unit_is_a_target():
    t = only("城乡居民收入倍差缩小至1.9。")
    assert (t.metric, t.value, t.unit, t.basis) == ("城乡居民收入倍差", 1.9, "", "level")


def test_a_paragraph_opening_with_an_ended_plan_period_is_a_review():
    text = ("二、“十四五”时期发展成就和“十五五”时期主要目标任务\n"
            "“十四五”时期是极不平凡的五年，全市经济总量迈上3万亿元台阶。\n"
            "今后五年的主要目标是：地区生产总值年均增长5%左右。\n")
    found = extract_targets(text, build_outline(text, year=YEAR), YEAR, "b")
    kinds = {t.written: (t.kind, t.year) for t in found}
    assert kinds["3万亿元"][0] == "actual"
    assert kinds["5%左右"] == ("target", 2030)


@pytest.mark.parametrize("body", [
    "从经济、创新、民生、安全4个维度设置了24项主要指标。",
    "规划具体部署了12项任务举措。",
    "着力建设一个开放包容的创新生态。",
])
def test_more_of_the_plans_own_structure_is_not_a_target(body):
    assert figures(body) == []


def test_a_service_trade_metric_keeps_its_first_word():
    assert only("服务贸易年均增速6%左右。").metric.startswith("服务贸易")


@pytest.mark.parametrize("body, metric", [
    ("一般公共预算支出规模比去年扩大2万亿元以上。", "一般公共预算支出规模"),
    ("城镇调查失业率全年控制在5.5%以内。", "城镇调查失业率"),
    ("转移支付增加1.2万亿元、规模近10万亿元。", "转移支付规模"),
])
def test_metric_names_lose_clinging_words(body, metric):
    assert figures(body)[-1].metric == metric


def test_growth_of_the_economy_is_named_as_such():
    assert only("全省经济增长5%左右。").metric == "经济增长"


@pytest.mark.parametrize("raw, clean", [("县(市", "县"), ("市)重点项目", "重点项目"), ("第4批试点", "试点"),
                                        ("或改造提升医养结合床位", "改造提升医养结合床位")])
def test_half_brackets_and_ordinals_leave_a_metric(raw, clean):
    from compare.targets import readable_metric

    assert readable_metric(raw) == clean


def test_a_count_of_the_names_just_listed_is_not_a_target():
    assert [t.written for t in figures("建好甲市、乙市、丙市3个产业园。新建、改扩建学校2所。")] == ["2所"]


@pytest.mark.parametrize("body", [
    "今年办好5件惠民实事，包括：新建幼儿园12所；改造老旧小区80个；新增养老床位500张；建设口袋公园30个；"
    "增设充电桩900个。",
    "今年实施4项民生工程：新增公办学位6000个，培训家政人员2万人次，改造农村公路300公里，建设便民市场15个。",
])
def test_a_count_of_the_items_listed_right_after_is_the_lists_length(body):
    found = [t.written for t in figures(body)]
    assert found and not any(w.startswith(("5件", "4项")) for w in found), found


@pytest.mark.parametrize("body", ["今年实施10大类50项民生实事项目，涵盖就业、教育、养老等领域。",
                                  "我们继续办好12件民生实事，涉及就业、养老等领域。",
                                  "今年将办好8类36件民生实事。",
                                  "保质保量完成25项惠民工程。",
                                  "全省民生实事30件，年底前全部完成。",
                                  "实施教育为民服务12项实事。"])
def test_the_size_of_the_reports_own_livelihood_package_is_not_a_target(body):
    # how many undertakings the report's own package holds, listed there or not, is the length of its list
    assert figures(body) == []


def test_matters_handled_by_the_thousand_are_no_package():
    assert [t.written for t in figures("今年帮办实事2万件以上。")] == ["2万件以上"]


def test_money_for_the_livelihood_package_is_a_target():
    assert [t.written for t in figures("筹措资金120亿元以上，实施十大为民办实事工程。")] == ["120亿元以上"]


def test_a_count_of_the_names_listed_before_it_and_closed_by_deng_is_not_a_target():
    assert figures("壮大智能装备、生物制造、航空航天与卫星应用等3个新兴产业。") == []


def test_a_count_of_examples_is_a_target():
    assert [t.written for t in figures("开工甲乙高速改扩建等6个项目。")] == ["6个"]


def test_a_unit_before_a_list_separator_is_no_listed_name():
    assert [t.written for t in figures("新增省级技术中心9家、产业创新中心2家。")] == ["9家", "2家"]


@pytest.mark.parametrize("body, metric", [("我们继续建设12个口袋公园，涉及城区和乡镇。", "口袋公园"),
                                          ("包括城镇新增就业12万人以上。", "城镇新增就业"),
                                          ("保质保量完成25项水利工程。", "水利工程")])
def test_words_opening_a_clause_are_not_the_metric(body, metric):
    assert only(body).metric == metric


def test_grades_joined_by_he_each_take_the_noun():
    assert [(t.metric, t.value) for t in figures("建强3个国家级和15个省级临床医学中心。")] == [
        ("国家级临床医学中心", 3), ("省级临床医学中心", 15)]


@pytest.mark.parametrize("body, metric", [
    ("为900家左右社区卫生服务中心、乡镇卫生院配备医保刷脸支付终端。", "社区卫生服务中心、乡镇卫生院"),
    ("推动25个县(市、区)全域建成美丽乡村。", "县(市、区)全域建成美丽乡村"),
    ("推动25个县（市、区）全部达到国家卫生县城标准要求。", "县（市、区）"),
])
def test_what_is_said_of_listed_kinds_and_a_bracketed_list_stay_out_of_the_kinds(body, metric):
    assert only(body).metric == metric


@pytest.mark.parametrize("body, metric", [("建成和美乡村示范村120个。", "和美乡村示范村"),
                                          ("和美乡村覆盖率达到55%。", "和美乡村覆盖率"),
                                          ("改造危房300户和美丽乡村40个。", "美丽乡村")])
def test_he_mei_is_a_word_not_a_conjunction(body, metric):
    assert figures(body)[-1].metric == metric


@pytest.mark.parametrize("body", ["建立年综合能耗3000吨标准煤及以上重点用能单位能耗在线监测档案。",
                                  "推动年货运量80万吨以上的物流园区接入铁路专用线。",
                                  "落实小微企业和个人20%所得税优惠政策。"])
def test_a_measure_that_sizes_a_kind_or_a_tax_rate_is_not_a_target(body):
    assert figures(body) == []


def test_a_count_with_a_floor_before_its_noun_stays_a_target():
    assert [t.written for t in figures("培育120家以上专精特新企业。")] == ["120家以上"]


def test_things_listed_before_one_figure_each_reaches_all_take_it():
    found = sorted((t.metric, t.value) for t in figures("油料、水果、茶叶产量均稳定在十万吨以上。"))
    assert found == [("水果产量", 1e5), ("油料产量", 1e5), ("茶叶产量", 1e5)]


@pytest.mark.parametrize("body, expected", [
    ("培育引进规上食品企业、精深加工项目分别达到150个以上。",
     [("150个以上", "精深加工项目"), ("150个以上", "规上食品企业")]),
    ("一产、二产、三产增加值分别增长4%左右、6%以上、5%左右。",
     [("4%左右", "一产增加值"), ("6%以上", "二产增加值"), ("5%左右", "三产增加值")]),
])
def test_respectively_before_one_figure_gives_it_to_each_name(body, expected):
    # 分别 before a single figure: each listed thing reaches it; before as many figures, each takes its own
    found = sorted((t.written, t.metric) for t in figures(body))
    assert found == sorted(expected)


def test_a_share_of_the_whole_task_names_the_task_just_counted():
    found = figures("全年完成沙化土地综合治理任务150万亩以上，完成总任务40%以上。")
    assert found[-1].metric == "沙化土地综合治理总任务", [t.metric for t in found]


def test_a_plan_of_work_named_by_its_verb_takes_the_work_the_sentence_named():
    assert only("开展棚户区改造专项行动，年内完成3000套改造计划。").metric == "棚户区改造计划"


@pytest.mark.parametrize("body, expected", [
    ("开工、投产风电项目各800万千瓦以上。", [("开工风电项目", 8e6), ("投产风电项目", 8e6)]),
    ("新增省级、市级示范区各15个。", [("市级示范区", 15), ("省级示范区", 15)]),
])
def test_one_figure_for_each_item_listed_before_ge(body, expected):
    assert sorted((t.metric, t.value) for t in figures(body)) == sorted(expected)


def test_a_stage_reached_after_a_listed_figure_names_the_same_subject():
    assert [t.metric for t in figures("光伏开工900万千瓦、投产600万千瓦以上。")] == ["光伏开工", "光伏投产"]


@pytest.mark.parametrize("body, metric", [("推动工业软件、传感器、智能终端等数字经济核心产业增长12%以上。", "数字经济核心产业"),
                                          ("推进湿地修复、沙化耕地等综合治理200万亩。", "湿地修复、沙化耕地等综合治理")])
def test_examples_listed_before_a_named_kind_leave_its_name(body, metric):
    assert only(body).metric == metric


@pytest.mark.parametrize("body, metric", [("完善重大项目调度机制，力争完成投资1800亿元以上。", "重大项目投资"),
                                          ("做好项目储备，完成投资300亿元。", "投资")])
def test_investment_named_alone_takes_the_projects_its_sentence_named(body, metric):
    assert only(body).metric == metric


def test_the_width_of_a_zone_is_not_a_target_but_a_length_of_shore_is():
    assert figures("实施黄河沿线1公里化工企业搬迁改造。") == []
    assert [t.written for t in figures("修复黄河岸线60公里。")] == ["60公里"]


def test_kinds_listed_before_one_count_are_all_counted():
    assert only("新培育瞪羚、雏鹰、科技小巨人企业260家以上。").metric == "瞪羚、雏鹰、科技小巨人企业"


def test_a_clause_before_a_listed_count_is_not_a_kind_it_counts():
    assert "、" not in only("推进产业升级、新建标准厂房120栋。").metric


def test_kinds_listed_after_a_figure_are_all_counted():
    assert only("新建12个县域医疗共同体、城市医疗集团。").metric == "县域医疗共同体、城市医疗集团"


@pytest.mark.parametrize("body", ["建成8个数字化车间、居全省首位。", "建设6个产业园区、打造一批孵化器。"])
def test_a_clause_after_a_figure_is_not_a_kind_it_counts(body):
    assert "、" not in figures(body)[0].metric


def test_a_size_class_before_the_counted_thing_stays_in_its_name():
    assert only("新建6处省级以上湿地公园。").metric == "省级以上湿地公园"
    assert only("推进交通、能源等900个亿元以上项目。").metric == "亿元以上项目"


def test_this_years_work_under_a_heading_naming_the_period_and_the_year_is_this_years():
    text = ("三、“十五五”时期目标任务和2026年工作安排\n"
            "全年地区生产总值增长5%左右，城镇新增就业40万人以上。\n")
    found = extract_targets(text, build_outline(text, year=YEAR), YEAR, "b")
    assert {t.year for t in found} == {2026}


def test_the_plans_aspects_are_not_targets_whatever_follows():
    assert figures("纲要从5个方面细化提出22项主要指标。") == []


@pytest.mark.parametrize("body", ["失业人员实现再就业8万人。", "开展职业技能培训30万人次。",
                                  "招募乡村振兴协理员2000名。"])
def test_people_helped_this_year_are_an_increment(body):
    assert only(body).basis == "increment"


def test_counts_of_indicators_by_kind_are_not_targets():
    assert figures("纲要设置16个预期性指标、8个约束性指标。") == []


def test_an_annual_average_under_a_heading_naming_the_period_and_the_year_is_the_periods():
    text = ("二、“十五五”时期目标任务和2026年工作安排\n"
            "《纲要（草案）》明确了主要指标：地区生产总值年均增长5%左右。\n"
            "今年地区生产总值增长4.5%左右。\n")
    found = extract_targets(text, build_outline(text, year=YEAR), YEAR, "b")
    assert sorted((t.written, t.year) for t in found) == [("4.5%左右", 2026), ("5%左右", 2030)]


@pytest.mark.parametrize("body, metric, value, stretch", [
    ("力争新型储能装机规模实现翻番。", "新型储能装机规模", 1, True),
    ("市级科技专项资金翻一番。", "市级科技专项资金", 1, False),
    ("到2030年每千人口托位数较2020年翻两番。", "每千人口托位数", 3, False),
])
def test_a_doubling_in_words_is_growth_in_multiples(body, metric, value, stretch):
    t = only(body)
    assert (t.metric, t.value, t.unit, t.basis, t.stretch) == (metric, value, "倍", "growth", stretch)


@pytest.mark.parametrize("body, metric, stretch", [
    ("社会投资总额实现正增长。", "社会投资总额", False),
    ("外贸进出口总额力争保持正增长。", "外贸进出口总额", True),
])
def test_positive_growth_in_words_is_growth_above_zero(body, metric, stretch):
    t = only(body)
    assert (t.metric, t.value, t.unit, t.comparator, t.basis, t.stretch) == (metric, 0, "%", ">", "growth", stretch)


def test_a_run_of_months_of_positive_growth_is_a_trend_not_a_rate():
    assert [t.written for t in figures("商品房销售面积连续8个月正增长。") if t.written == "正增长"] == []


@pytest.mark.parametrize("body", ["数字经济实现智算规模等“六个翻番”。", "算力规模实现“双翻番”。"])
def test_a_count_of_doublings_is_a_slogan_not_a_figure(body):
    assert figures(body) == []


@pytest.mark.parametrize("body", [
    "推动甲乙铝业30万吨高端铝板带、丙丁化工20万吨新材料等项目建设。",
    "开工建设某某能源500兆瓦储能电站等重点项目。",
])
def test_a_capacity_that_names_a_project_of_a_list_is_not_a_target(body):
    # each figure says which project is meant (甲乙铝业's 30万吨 plant), not a level to reach
    assert figures(body) == []


def test_a_capacity_naming_one_project_of_a_group_sized_by_its_investment_is_not_a_target():
    # 60万吨 names 甲乙化工's plant; the group's total investment is the figure aimed at
    body = "力争开工建设甲乙化工60万吨煤制烯烃、丙丁芳纶等总投资300亿元以上的精细化工项目。"
    assert [t.written for t in figures(body)] == ["300亿元以上"]


@pytest.mark.parametrize("body, written", [
    ("开工建设甲乙石化80万吨乙烯改造项目。", []),
    ("释放丙丁化工60万吨烯烃转型升级项目新装置产能。", []),
    ("推进戊己储热30万吨熔盐装置建设。", []),
    ("建设技术领先的3座20万千瓦光热发电项目。", ["3座"]),
    ("布局建设500万千瓦新型储能项目。", ["500万千瓦"]),
    ("加快大型水电站和400万千瓦火电项目建设。", ["400万千瓦"]),
])
def test_a_capacity_between_a_project_s_owner_and_its_product_names_the_project(body, written):
    # 甲乙石化's 80万吨 plant is one project, named by its size; a capacity after a verb of building (布局建设)
    # or closing a list (和) is the amount to build, and each plant's size after their count is no total
    assert [t.written for t in figures(body)] == written


@pytest.mark.parametrize("body, written", [
    ("新增储能装机200万千瓦等项目。", ["200万千瓦"]),
    ("建成光伏发电300万千瓦、风电200万千瓦等重大项目。", ["300万千瓦", "200万千瓦"]),
])
def test_a_capacity_to_build_before_a_list_closed_by_projects_stays_a_target(body, written):
    assert [t.written for t in figures(body)] == written


@pytest.mark.parametrize("body, metric", [
    ("推进甲乡、乙镇等14个750千伏电网工程。", "750千伏电网工程"),
    ("建成东港、西港等3个10万吨级码头。", "10万吨级码头"),
])
def test_a_grade_opening_the_counted_things_name_is_part_of_it(body, metric):
    # the places before 等 are examples; what is counted is named after the figure, grade and all
    assert only(body).metric == metric


@pytest.mark.parametrize("body", [
    "围绕12个产业、80条产业链，实施强链补链行动。",
    "深化8个跨省毗邻地区合作平台建设。",
    "围绕茶叶、水果等6个品类，推进精深加工。",
    "守护、利用好120处文物保护单位。",
    "提升旅游公路功能，串联300处文物保护单位和600个景区景点。",
])
def test_a_count_of_the_standing_set_the_work_is_about_is_not_a_target(body):
    # the industries, platforms and sites exist already: the figure says what the work covers
    assert figures(body) == []


def test_a_count_of_the_things_whose_share_is_the_goal_is_not_a_target():
    # the 60 monitored sections are counted only to say whose quality share rises to 95%
    assert [(t.written, t.metric) for t in figures("60个国考断面水质优良比例达到95%。")] == \
        [("95%", "国考断面水质优良比例")]


@pytest.mark.parametrize("body", ["引导各县集中资源培育2-3个特色产业。", "每个乡镇发展1—2个主导产业。"])
def test_a_small_range_set_for_each_place_is_a_norm_not_a_target(body):
    assert figures(body) == []


def test_a_provincial_total_after_a_norm_for_each_place_stays_a_target():
    assert [t.written for t in figures("推动各地新建2-3个产业园区，全省新增园区50个。")] == ["50个"]


@pytest.mark.parametrize("body", [
    "推动3个千亿级产业园区提档升级。",
    "支持15个国家级农业产业园延伸产业链条。",
    "完善5个省级高新区“园区＋公司”管理模式。",
    "推动6个国家物流枢纽、2个国家骨干冷链物流基地提质增效。",
])
def test_a_designated_set_that_the_work_upgrades_is_not_a_target(body):
    # 千亿级, 国家级, 省级 name parks and hubs that exist; the verb after them says what is done to them
    assert figures(body) == []


@pytest.mark.parametrize("body, written", [
    # the state's pilots carried out well, and a set whose function is brought into play, exist already
    pytest.param("开展好4个国家城乡融合发展试点。", [], id="the state's pilots carried out"),
    pytest.param("发挥好6个国家区域医疗中心辐射带动作用。", [], id="centres put to use"),
    pytest.param("发挥12个省级产业园区集聚功能。", [], id="parks put to use"),
    pytest.param("发挥甲乙丙3个国家物流枢纽联动作用。", [], id="the places named before a set put to use"),
    # one character per item of a quoted name counts the names
    pytest.param("做强“粮果菜茶药”5个产业集群。", [], id="one character per cluster"),
    # amounts that size a class of things
    pytest.param("培育一批产值超300亿、800亿的特色产业集群。", [], id="class sizes listed"),
    pytest.param("支持城区人口超30万的县城补短板。", [], id="a class of county towns"),
    # pilots to win, the province's own to open, a quoted programme's sites and an amount to invest are goals
    pytest.param("争创4个国家级试点。", ["4个"], id="pilots to win"),
    pytest.param("开展8个省级试点。", ["8个"], id="the province's own pilots"),
    pytest.param("建设“数字乡村”10个示范区。", ["10个"], id="a quoted programme's sites"),
    pytest.param("全年完成投资800亿。", ["800亿"], id="an amount to invest"),
])
def test_counts_and_sizes_of_what_exists_are_not_targets(body, written):
    assert [t.written for t in figures(body)] == written


@pytest.mark.parametrize("body, written", [("推动1200个左右村庄提档升级。", "1200个左右"),
                                           ("新认定8个省级特色产业园。", "8个")])
def test_things_to_upgrade_or_designate_this_year_stay_targets(body, written):
    assert [t.written for t in figures(body)] == [written]


def test_new_things_counted_after_a_scope_stay_targets():
    assert [t.written for t in figures("聚焦13个产业集群，新建项目100个。")] == ["100个"]


@pytest.mark.parametrize("body", ["稳步推进省委确定的120项重点改革任务落地。", "紧扣市委部署的36项改革任务，细化分工。",
                                  "加快建设“十四五”批复的4个风光大基地。"])
def test_the_length_of_a_list_another_body_drew_up_is_not_a_target(body):
    assert figures(body) == []


def test_a_quota_handed_down_to_the_province_is_still_a_target():
    assert only("完成国家下达的高标准农田建设任务80万亩。").value == 800000


def test_a_count_of_things_of_a_grade_is_named_by_them_not_by_their_owner():
    assert only("新建东江电网5个500千伏输变电工程。").metric == "500千伏输变电工程"


def test_an_altitude_marks_out_the_places_counted_and_is_not_a_target():
    t = only("为80所海拔2000米以上农村学校建设供暖设施。")
    assert (t.value, t.unit) == (80, "所") and t.metric.startswith("海拔2000米以上农村学校"), t.metric


@pytest.mark.parametrize("body", ["我省每年接待游客近2亿人次，这些消费潜力还很大。",
                                  "我市60岁以上老年人超过80万，还有12万失能老人，服务需求很大。"])
def test_the_region_described_as_it_is_holds_no_target(body):
    assert [t.written for t in figures(body) if t.kind == "target"] == []


def test_the_region_set_to_change_keeps_its_target():
    assert only("我省将新建养老床位2万张。").value == 20000


def test_the_speed_class_of_a_train_is_not_a_target():
    assert [t.written for t in figures("加快时速250公里城际市域列车研制应用。")] == []


def test_nei_opening_the_next_word_is_no_ceiling():
    # 内用煤电: coal power for use inside the province, not "within 300万千瓦"
    t = only("建成新区电厂扩建等300万千瓦内用煤电项目。")
    assert (t.written, t.comparator, t.metric) == ("300万千瓦", "=", "内用煤电项目")


def test_the_lead_agency_in_brackets_after_a_figure_names_nothing():
    # a livelihood list names who leads each item: the figure keeps the name written before it
    ts = figures("3.释放公益性岗位2万个，开展技能培训30万人次(牵头单位：人社厅)。")
    assert [(t.metric, t.written) for t in ts][-1] == ("技能培训", "30万人次")
