"""Alignment read top-down: themes named in other words, tasks B made into numbered items with sub-tasks, tasks
raised to parts of their own. Every plan here is written for the test."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from compare import compare_files
from compare.themes import THESAURUS, themes_of


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _links(a_text: str, b_text: str, tmp_path: Path) -> set[tuple[str, str]]:
    brief = compare_files(_write(tmp_path, "a.txt", a_text), _write(tmp_path, "b.txt", b_text))
    head = {t.id: t.heading for t in brief.tasks_a + brief.tasks_b}
    return {(head[p.a], head[p.b]) for p in brief.alignment}


def test_the_thesaurus_ships_with_the_package_and_gives_each_term_one_theme():
    table = json.loads(THESAURUS.read_text("utf-8"))["themes"]
    terms = Counter(t for entry in table.values() for t in entry["terms"])
    assert len(table) > 100
    assert [t for t, n in terms.items() if n > 1] == []
    assert all(2 <= len(t) <= 8 for t in terms)


def test_a_text_names_the_themes_of_its_terms_the_longest_term_first():
    found = themes_of("推动规上工业企业智能化改造，建设智能工厂和数字化车间，新增上云企业1万家。")
    assert found.most_common(1)[0][1] >= 3  # 智能化改造, 智能工厂, 数字化车间: one line of work
    assert themes_of("今天天气很好。") == Counter()


A_FACTORY = """某市2023年工作要点
一、推进制造业转型
（一）推进智能工厂建设。支持龙头企业建设智能工厂和数字化车间，推广工业机器人应用，全年新增智能工厂20家。
（二）做好农产品保供。稳定生猪生产，抓好蔬菜基地建设，保障市场供应。
二、加强社会治理
（一）完善基层治理体系。健全网格化管理，推进矛盾纠纷多元化解，建设平安社区。
"""

B_FACTORY = """某市2025年工作要点
一、推进新型工业化
（一）加快数字化转型。实施智能化改造项目，推动两化融合，以灯塔工厂为标杆提升制造水平。
（二）抓好菜篮子工程。稳定生猪产能，扩大蔬菜种植面积，确保市场供应。
二、提升治理效能
（一）夯实基层治理。深化网格化服务管理，完善矛盾纠纷排查化解机制，创建平安社区。
"""


def test_two_tasks_that_name_one_line_of_work_in_other_words_are_linked(tmp_path):
    # 智能工厂/数字化车间/工业机器人 and 智能化改造/两化融合/灯塔工厂 share no word but one line of work
    links = _links(A_FACTORY, B_FACTORY, tmp_path)
    assert ("推进智能工厂建设", "加快数字化转型") in links
    assert ("推进智能工厂建设", "抓好菜篮子工程") not in links


A_OPENING = """某省2024年政府工作报告
一、2024年重点任务
（一）加快打造内陆开放新高地。坚持以开放促改革促发展，深度融入共建“一带一路”，主动对接国家重大战略，\
在更大范围、更宽领域、更深层次推进对外开放。做大中欧班列规模，拓展国际物流通道。提升综合保税区能级，\
推动制度创新。稳住外贸基本盘，支持企业开拓多元市场。落实外商投资准入负面清单。办好各类重大展会，\
加强国际友城交流合作，提升城市国际化水平，营造市场化法治化国际化一流营商环境。
（二）推进乡村全面振兴。建设高标准农田300万亩，发展乡村特色产业，改善农村人居环境。
"""

B_OPENING = """某省2025年政府工作报告
一、2025年重点任务
（一）更大力度扩大高水平开放，加快打造内陆开放高地。
1.重构开放通道。做强中欧班列，完善多式联运体系。
2.提升开放平台。推动综合保税区提质增效。
3.稳定对外贸易。支持外贸企业开拓多元市场。
4.优化开放政策。全面落实外商投资准入负面清单。
（二）扎实推进乡村全面振兴。建设高标准农田280万亩，壮大乡村特色产业。
"""


def test_a_numbered_item_with_sub_tasks_ends_where_the_next_item_of_its_level_begins(tmp_path):
    brief = compare_files(_write(tmp_path, "a.txt", A_OPENING), _write(tmp_path, "b.txt", B_OPENING))
    group = next(t for t in brief.tasks_b if t.container and t.level == "task")
    assert "乡村" not in brief.b.text[group.start:group.end]


def test_a_task_that_b_made_a_numbered_item_is_linked_to_its_sub_tasks(tmp_path):
    # each sub-task says less than the A task; the item that holds them is its closest counterpart
    links = _links(A_OPENING, B_OPENING, tmp_path)
    carried = {b for a, b in links if a == "加快打造内陆开放新高地"}
    assert {"重构开放通道", "提升开放平台", "优化开放政策"} <= carried
    assert ("推进乡村全面振兴", "扎实推进乡村全面振兴") in links
    assert ("加快打造内陆开放新高地", "扎实推进乡村全面振兴") not in links


A_RAISED = """某市2021年数字经济工作要点
一、激发创新活力
1.加快建设新兴金融中心。推进金融科技创新试点，打造移动支付之城，集聚金融科技企业100家。
2.推进大众创业万众创新。建设众创空间和孵化器，举办创新创业大赛。
二、夯实数字底座
1.推进5G网络建设。新建5G基站1万个，实现重点区域全覆盖。
2.建设数据中心。布局大型绿色数据中心，提升算力供给能力。
"""

B_RAISED = """某市2023年数字经济提升方案
一、高水平建设新兴金融中心
1.深化金融科技创新试点。推进金融科技创新监管试点，培育数字金融新业态。
2.推动移动支付创新突破。打造移动支付之城升级版。
二、系统建设数字基础设施
1.推进双千兆网络建设。新建5G基站2万个，实现重点区域全覆盖。
2.建设绿色算力中心。布局大型绿色数据中心，提升算力供给能力。
"""


def test_a_task_raised_to_a_part_of_its_own_is_linked_to_the_part_which_says_its_tasks_carry_on(tmp_path):
    links = _links(A_RAISED, B_RAISED, tmp_path)
    assert ("加快建设新兴金融中心", "高水平建设新兴金融中心") in links
    assert ("加快建设新兴金融中心", "推动移动支付创新突破") not in links


A_ANNUAL = """某市2025年政府工作报告
一、2025年重点工作
（一）扩大有效需求
1.实施提振消费专项行动。开展以旧换新，培育新型消费，社会消费品零售总额增长6%。
2.深入实施人才强市工程。集聚高层次人才和创新团队50个，支持科技创新策源，优化人才服务保障。
"""

B_PERIOD_AND_ANNUAL = """某市2026年政府工作报告
一、“十五五”时期主要目标和重大任务
（一）坚持创新引领，打造科技创新策源地。到2030年，研发投入强度达到3.5%，集聚一批高层次人才和创新团队。
（二）坚持绿色发展，建设美丽城市。生态环境质量持续改善。
二、2026年重点工作
（一）扩大有效需求
1.深入实施提振消费专项行动。开展以旧换新，培育新型消费，社会消费品零售总额增长5.5%。
2.加快城市更新。改造老旧小区200个。
"""


def test_this_years_task_is_not_linked_to_a_five_year_aim_for_want_of_a_better_successor(tmp_path):
    links = _links(A_ANNUAL, B_PERIOD_AND_ANNUAL, tmp_path)
    assert ("实施提振消费专项行动", "深入实施提振消费专项行动") in links
    assert not any(a == "深入实施人才强市工程" and "科技创新策源地" in b for a, b in links)


def test_in_a_plan_that_is_all_period_its_items_are_linked_as_any_others(tmp_path):
    a = B_PERIOD_AND_ANNUAL.replace("十五五", "十四五").replace("2030", "2025").split("二、2026")[0]
    b = B_PERIOD_AND_ANNUAL.split("二、2026")[0]
    links = _links(a, b, tmp_path)
    assert any("科技创新策源地" in x and "科技创新策源地" in y for x, y in links)


A_SORTING = """某市2022年生态环境工作要点
一、改善城乡环境
1.统筹推进垃圾分类工作。完善生活垃圾分类投放设施，新建分类投放点500个；健全分类收运体系，配置分类收运车辆100辆；\
提升末端处置能力，建成厨余垃圾处理设施2座。
2.加强农村污水治理。新增完成农村生活污水治理的行政村80个。
"""

B_SORTING = """某市2024年生态环境提升方案
一、全面推进垃圾分类
1.完善分类投放体系。新建和改造分类投放点600个，推行定时定点投放。
2.健全分类收运体系。新增分类收运车辆120辆，杜绝混收混运。
3.提升末端处置能力。建成厨余垃圾处理设施3座。
二、深化农村人居环境整治
1.推进农村生活污水治理。新增完成生活污水治理的行政村100个。
"""


def test_a_task_whose_work_b_spread_over_a_part_of_the_same_name_is_linked_to_the_part(tmp_path):
    links = _links(A_SORTING, B_SORTING, tmp_path)
    assert ("统筹推进垃圾分类工作", "全面推进垃圾分类") in links
    assert ("统筹推进垃圾分类工作", "完善分类投放体系") not in links  # the part link says its tasks carry on
    assert ("加强农村污水治理", "推进农村生活污水治理") in links


A_GROUPS = """某省2024年工作要点
一、2024年重点任务
（一）促进城乡融合发展，推动区域协调联动。
1.优化城市体系。推进都市圈同城化，实施城市更新行动，改造老旧小区500个，完善城市排水管网。
2.推进乡村振兴。建设高标准农田100万亩，发展乡村特色产业，改善农村人居环境。
（二）建设文化强省，打造旅游目的地。
1.保护文化遗产。加强文物保护利用，推进考古遗址公园建设，传承非物质文化遗产。
2.发展文旅产业。培育文旅融合业态，建设精品景区，提升游客接待能力。
"""

B_GROUPS_LEAD_IN = """某省2025年工作要点
一、2025年重点任务
（一）坚持协调发展，促进城乡融合和区域联动。
畅通城乡经济循环，优化空间布局。
完善城市体系。深化都市圈建设，推进城市更新，改造老旧小区600个，建设地下管网。
全面振兴乡村。新建高标准农田120万亩，壮大乡村产业，整治农村人居环境。
（二）推进文化强省建设，打造知名旅游目的地。
推动文化创造性转化。
传承文化遗产。做好文物保护，建设考古遗址公园，保护非物质文化遗产。
壮大文旅产业。发展文旅新业态，打造精品景区和旅游线路。
"""


def test_a_heading_its_items_name_as_their_group_is_aligned_as_a_group(tmp_path):
    # B's numbered headings are followed by a lead-in line and unnumbered items whose path names them: they
    # hold those items, so A's numbered group pairs with them and A's sub-task does not
    links = _links(A_GROUPS, B_GROUPS_LEAD_IN, tmp_path)
    assert ("促进城乡融合发展，推动区域协调联动", "坚持协调发展，促进城乡融合和区域联动") in links
    assert ("建设文化强省，打造旅游目的地", "推进文化强省建设，打造知名旅游目的地") in links
    assert ("发展文旅产业", "推进文化强省建设，打造知名旅游目的地") not in links
    assert ("发展文旅产业", "壮大文旅产业") in links


A_ONE_TASK = """某市2024年工作要点
一、2024年重点任务
（一）着力构建现代化产业体系。发展先进制造业，提升产业链韧性，推动产业向中高端迈进。
（二）做好农产品保供。稳定生猪生产，抓好蔬菜基地建设，保障市场供应。
"""

B_PART_OF_GROUPS = """某市2025年工作要点
一、2025年重点任务
（一）坚持创新驱动，加快构建现代化产业体系。
1.建设智能工厂。推广工业机器人，建设数字化车间。
2.培育集成电路产业集群。引进芯片设计企业。
（二）抓好菜篮子工程。
1.稳定生猪产能。扩大蔬菜种植面积，确保市场供应。
2.建设冷链物流。完善农产品流通网络。
"""


def test_a_task_is_not_linked_to_a_part_that_holds_groups_of_tasks(tmp_path):
    # the part holding every numbered group of B's work list names A's heading phrase, but no one task's
    # work was raised to the level above B's groups
    links = _links(A_ONE_TASK, B_PART_OF_GROUPS, tmp_path)
    assert ("着力构建现代化产业体系", "2025年重点任务") not in links
    assert ("2024年重点任务", "2025年重点任务") in links


A_TRADE = """某市2024年工作要点
一、2024年重点任务
（一）稳住外贸外资基本盘。支持外贸企业拓展国际市场，扩大跨境电商规模，培育外贸新业态，办好进出口商品展会，\
稳定加工贸易。引导外资企业利润再投资，鼓励外资设立研发中心。
（二）推动企业走出去。支持企业开展境外投资，建设境外经贸合作区，完善对外投资服务体系。
（三）做好农产品保供。稳定生猪生产，抓好蔬菜基地建设，保障市场供应。
"""

B_TRADE = """某市2025年工作要点
一、2025年重点任务
（一）促进外贸提质增效。支持外贸企业开拓国际市场，做大跨境电商，发展外贸新业态，稳定加工贸易。
（二）拓展双向投资空间。支持外资企业利润再投资和设立研发中心，落实外资准入负面清单，引导企业有序开展境外投资。
（三）抓好菜篮子工程。稳定生猪产能，扩大蔬菜种植面积，确保市场供应。
"""


def test_a_b_task_takes_its_closest_a_task_though_a_less_close_one_took_it_first(tmp_path):
    # B's investment task is closest to A's trade-and-investment task (its foreign-investment half), which went
    # to B's trade task first; the outward-investment task that took B's task as its best keeps its link too
    links = _links(A_TRADE, B_TRADE, tmp_path)
    assert ("稳住外贸外资基本盘", "拓展双向投资空间") in links
    assert ("推动企业走出去", "拓展双向投资空间") in links
    assert ("稳住外贸外资基本盘", "促进外贸提质增效") in links
    assert ("做好农产品保供", "拓展双向投资空间") not in links


A_EDITION = """临川省2024年政府工作报告
各位代表：现在，我代表临川省人民政府，向大会报告政府工作，请予审议。
一、2024年重点任务
（一）精准扩大有效投资。安排省级预算内投资100亿元，支持交通、水利、能源等重大项目建设，用好专项债券，\
推动城市更新重点片区项目开工，稳妥推进保障性住房供给。
（二）做好农产品保供。稳定生猪生产，抓好蔬菜基地建设，保障市场供应。
"""

B_EDITION = """临川省2025年政府工作报告
各位代表：现在，我代表临川省人民政府，向大会报告政府工作，请予审议。
一、2025年重点任务
（一）扩大有效投资。安排省级预算内投资120亿元，支持交通、水利、能源等重大项目建设，用好专项债券。
（二）构建房地产发展新模式。优化保障性住房供给，完善商品房销售制度，实施城市更新重点片区改造。
（三）抓好菜篮子工程。稳定生猪产能，扩大蔬菜种植面积，确保市场供应。
"""


def test_in_this_years_edition_of_one_issuers_report_a_task_otherwise_alone_takes_its_closest_predecessor(
        tmp_path):
    # the housing task carries on the housing half of last year's investment task, in few words; next year's
    # report of the same government is read as carrying on last year's, but another government's is not
    links = _links(A_EDITION, B_EDITION, tmp_path)
    assert ("精准扩大有效投资", "构建房地产发展新模式") in links
    assert ("做好农产品保供", "构建房地产发展新模式") not in links
    other = _links(A_EDITION, B_EDITION.replace("临川省", "远山省"), tmp_path)
    assert ("精准扩大有效投资", "构建房地产发展新模式") not in other
    assert ("精准扩大有效投资", "扩大有效投资") in other


A_MOVED = """某市2024年工作要点
一、推进制造业转型
（一）发展绿色制造。创建绿色工厂20家，推广节能环保装备，推动制造企业清洁生产改造。
（二）推进智能工厂建设。支持龙头企业建设智能工厂和数字化车间，推广工业机器人应用。
（三）支持企业做大做强。实施企业梯度培育计划，帮助中小企业成长为行业龙头。
二、加强生态环境保护
（一）深入打好碧水保卫战。推进污水处理设施建设，开展河湖综合治理，保障饮用水安全。
"""

B_MOVED = """某市2025年工作要点
一、推动制造业高端化
（一）加快数字化转型。实施智能化改造项目，建设智能工厂和数字化车间，推广工业机器人。
（二）壮大先进制造业集群。培育装备制造产业集群，推动制造企业梯度成长。
二、持续改善生态环境
（一）推行绿色制造。新创建绿色工厂25家，推广节能环保装备，实施清洁生产改造。
（二）巩固碧水保卫战成果。完善污水处理设施，推进河湖综合治理，保障饮用水安全。
"""


def test_a_task_with_a_sure_partner_elsewhere_takes_no_loose_partner_in_its_paired_section(tmp_path):
    # green manufacturing moved to B's environment part, where it has its sure partner; in its old section it
    # is only loosely like the cluster task, as the enterprise task (with no sure partner) is
    links = _links(A_MOVED, B_MOVED, tmp_path)
    assert ("发展绿色制造", "推行绿色制造") in links
    assert ("发展绿色制造", "壮大先进制造业集群") not in links
    assert ("支持企业做大做强", "壮大先进制造业集群") in links


GOALS_A = """某市2024年数字经济工作要点
一、推进产业数字化
（一）加快建设区域物流枢纽中心。完善多式联运体系，培育物流龙头企业，建设智慧物流园区，新增国际货运航线5条。
（二）推进工业互联网平台建设。培育行业级工业互联网平台10个，推动中小企业上平台用平台。
（三）推进数字乡村建设。建设数字农业示范基地，推动农产品电商发展。
"""
GOALS_B = """某市数字经济升级行动方案（2025—2027年）
到2027年，实现三大提升：
一是产业能级提升。数字经济核心产业增加值突破2000亿元。
二是开放枢纽提升。基本建成国际物流枢纽中心，跨境电商交易额突破500亿元。
三是创新能力提升。数字高新企业达到3000家。
一、高水平建设国际物流枢纽中心，完善多式联运体系，培育物流龙头企业，建设智慧物流园区。
二、深入推动制造业数字化转型，培育行业级工业互联网平台，推动中小企业上平台用平台。
三、加快建设数字乡村，发展智慧农业，推动农产品电商提质。
"""


def test_a_task_carried_on_by_an_item_a_goal_of_b_names_carries_on_toward_that_goal(tmp_path):
    links = _links(GOALS_A, GOALS_B, tmp_path)
    partners = {b for a, b in links if a == "加快建设区域物流枢纽中心"}
    assert "二是开放枢纽提升" in partners and "三是创新能力提升" not in partners, links


A_REGROUPED = """某省2021年数字化发展行动计划
一、重点任务
（一）完善新设施。
1.加快千兆光网建设。推进光纤到户改造，城市家庭千兆接入能力全覆盖。
2.推进5G规模部署。新建5G基站2万个，实现县城以上区域连续覆盖。
3.布局大型数据中心。建设绿色数据中心集群，提升算力供给能力。
（二）优化政务服务。
1.建设一体化政务服务平台。推进政务服务事项全程网办。
2.推进政务数据共享。完善数据共享交换体系，打破部门数据壁垒。
"""

B_REGROUPED = """某省2023年数字化转型实施方案
一、夯实数字底座
（一）千兆光网提速。推进光纤到户改造，实现城市家庭千兆接入全覆盖。
（二）5G网络深度覆盖。新建5G基站3万个，向重点乡镇延伸覆盖。
（三）建设绿色算力中心。建设绿色数据中心集群，提升算力供给能力。
二、提升数字政府效能
（一）政务服务一网通办。推进政务服务事项全程网办、跨省通办。
（二）政务数据共享开放。完善数据共享交换体系，推动公共数据开放。
"""


def test_a_part_whose_tasks_carry_on_under_several_b_parts_is_linked_to_each(tmp_path):
    # A's one part of tasks is regrouped into two B parts: it carries on in both, though its wording, spread
    # over all its groups, is close only to the first
    links = _links(A_REGROUPED, B_REGROUPED, tmp_path)
    assert ("加快千兆光网建设", "千兆光网提速") in links
    assert {("重点任务", "夯实数字底座"), ("重点任务", "提升数字政府效能")} <= links
    assert ("完善新设施", "提升数字政府效能") not in links


def test_a_plan_that_regroups_into_far_fewer_tasks_is_coarser_but_a_news_report_of_one_is_not(tmp_path):
    from compare.align import coarser_b
    from compare.config import DEFAULT
    from compare.pipeline import extract, load_document

    many = "某省2021年数字政府建设实施方案\n一、重点任务\n" + "".join(
        f"{k}.推进第{k}项数字政府工作。完善相关制度，提升服务能力和治理水平。\n" for k in range(1, 10))
    few = "某省2023年数字政府能力提升实施方案\n一、重点任务\n1.夯实数字底座。建设统一政务云。\n2.提升服务效能。推进一网通办。\n"
    news = "新华社讯 某省召开数字政府建设大会。会议提出，1.夯实数字底座。建设统一政务云。2.提升服务效能。推进一网通办。\n"
    a = extract(load_document(_write(tmp_path, "a.txt", many)), "a")
    plan = extract(load_document(_write(tmp_path, "b.txt", few)), "b")
    report = extract(load_document(_write(tmp_path, "c.txt", news)), "b")
    assert plan.document.type != "news_report" and coarser_b(a, plan, DEFAULT)
    assert report.document.type == "news_report" and not coarser_b(a, report, DEFAULT)
    assert not coarser_b(plan, a, DEFAULT)


A_ACTIONS = """某省2021年数字化发展规划
一、重点行动
（一）“互联网+医疗健康”行动
1.发展互联网医院。推动三级医院开设互联网诊疗服务，推广远程会诊和在线复诊。
2.推广电子健康码。实现电子健康码在医疗机构就诊通用，推进检查检验结果互认。
（二）智慧交通行动
1.建设智能公路。推进高速公路车路协同改造。
2.发展智慧停车。建设城市停车信息平台。
"""

B_FOLDED = """某省2025年数字经济发展规划
一、提升公共服务数字化水平
（一）提高“互联网+医疗健康”服务水平。发展互联网医院，推广远程会诊、在线复诊和电子健康码，推进检查检验结果互认。
（二）推进教育数字化。建设智慧校园，推广在线课堂。
二、推动交通数字化转型
（一）建设智能公路网络。推进高速公路车路协同。
（二）完善智慧停车系统。建设城市停车信息平台。
"""


def test_a_group_of_tasks_that_b_folded_into_one_task_is_linked_to_that_task(tmp_path):
    # A's action of two tasks became one task of B: the action is linked to the task that took its work,
    # not only to the part above it, and not to the part's other task
    links = _links(A_ACTIONS, B_FOLDED, tmp_path)
    assert ("“互联网+医疗健康”行动", "提高“互联网+医疗健康”服务水平") in links
    assert ("“互联网+医疗健康”行动", "提升公共服务数字化水平") not in links
    assert ("“互联网+医疗健康”行动", "推进教育数字化") not in links


GOALS_A_FIRMS = GOALS_A.replace("（三）推进数字乡村建设。", "（三）壮大创新主体。完善孵化服务体系，建设众创空间和"
                                 "科技企业孵化器，高新技术企业达到1800家。\n（四）推进数字乡村建设。")
GOALS_B_FIRMS = GOALS_B + "四、完善孵化服务体系，建设众创空间和科技企业孵化器。\n"


def test_a_task_whose_target_recurs_in_a_goal_of_b_carries_on_toward_that_goal(tmp_path):
    # 高新技术企业 and 数字高新企业 name one indicator for different years: the task carries on toward the goal
    # that sets it as well as into the item that takes its work, and a task without such a figure does not
    links = _links(GOALS_A_FIRMS, GOALS_B_FIRMS, tmp_path)
    assert ("壮大创新主体", "三是创新能力提升") in links, links
    assert ("推进数字乡村建设", "三是创新能力提升") not in links
    assert ("推进工业互联网平台建设", "三是创新能力提升") not in links


GOALS_A_SCALE = GOALS_A.replace("（三）推进数字乡村建设。", "（三）做强软件产业。培育软件名城，到2025年，"
                                 "全市数字经济核心产业营业收入超3000亿元。\n（四）推进数字乡村建设。") + (
    "二、提升产业能级\n（一）推动产业能级提升。实施产业链提升工程。\n")
GOALS_B_SCALE = (GOALS_B.replace("数字经济核心产业增加值突破2000亿元", "核心产业增加值突破2000亿元")
                 + "四、做强软件产业，培育软件名城。\n")


def test_a_task_whose_industry_size_recurs_in_a_goal_in_another_measure_carries_on_toward_it(tmp_path):
    # 数字经济核心产业营业收入 and 核心产业增加值: one industry's size, in revenue and in value added
    def toward_first_goal(b_text: str) -> set[str]:
        brief = compare_files(_write(tmp_path, "a.txt", GOALS_A_SCALE), _write(tmp_path, "b.txt", b_text))
        head = {t.id: t.heading for t in brief.tasks_a + brief.tasks_b}
        return {head[p.a] for p in brief.alignment if head[p.b] == "一是产业能级提升"}

    assert toward_first_goal(GOALS_B_SCALE) == {"做强软件产业", "推动产业能级提升"}
    # the same measure of another industry is no such goal
    assert toward_first_goal(GOALS_B_SCALE.replace("核心产业增加值", "海洋产业增加值")) == {"推动产业能级提升"}


A_SAFEGUARDS = """某省数字政府建设规划（2021—2025年）
一、夯实数字底座
（一）建设政务云平台。整合各部门机房，推进政务系统迁移上云。
（二）完善政务网络。扩大电子政务外网覆盖，打通基层末端。
二、保障措施
（一）加强组织领导。成立规划实施工作专班，定期调度重点任务。
（二）强化资金保障。统筹财政资金，引导社会资本参与建设。
"""

B_SAFEGUARDS = """某省数字政府建设规划（2026—2030年）
一、升级算力与网络
（一）建设一体化算力中心。推进政务云向算力网络演进。
（二）提升网络服务能力。推动电子政务外网扩容升级。
二、组织实施
（一）明确责任分工。各市县要把规划任务纳入年度考核，落实到具体单位。
（二）开展评估公开。按年度评估实施进展，并向社会公开评估结果。
"""


def test_a_plans_safeguards_part_carries_on_under_whatever_name_the_next_plan_gives_it(tmp_path):
    # 保障措施 and 组织实施 share no word with each other's tasks: they are the same part by role
    links = _links(A_SAFEGUARDS, B_SAFEGUARDS, tmp_path)
    assert ("保障措施", "组织实施") in links
