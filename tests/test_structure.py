"""The outline of restructured plans: parts, clause-list headings, goal lists, and alignment under new headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import compare_files
from compare.pipeline import extract, load_document

from .conftest import SHARED
from .structure_gold import alignment_scores, load

FIXTURES = Path(__file__).parent / "fixtures" / "restructured"

CLAUSE_PLAN = """某市2024年数字经济工作要点
一、建设数字产业集聚区，做强集成电路产业链，实施软件名城提升行动，培育专精特新企业梯队。
二、建设智能制造先行区，推进工厂智能化改造，建设行业工业互联网平台，推动中小企业上云用数。
"""

GOALS_REPORT = """市政府召开数字经济大会
会议提出，今后三年要实现“三个提升”。
一是规模能级提升。数字经济核心产业增加值突破3000亿元。
二是创新能力提升。新增高新技术企业500家。
三是治理水平提升。建成城市数据中台。
会议从重点项目、平台等方面部署了任务。
一、实施重大项目攻坚，推进百个项目建设，新开工项目120个。
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_heading_that_lists_its_tasks_is_a_part_holding_one_task_per_clause(tmp_path):
    ex = extract(load_document(_write(tmp_path, "plan.txt", CLAUSE_PLAN)), "a")
    parts = [t for t in ex.tasks if t.level == "part"]
    tasks = [t for t in ex.tasks if t.level == "task"]
    assert [p.heading for p in parts] == ["建设数字产业集聚区", "建设智能制造先行区"]
    assert [t.heading for t in tasks] == ["做强集成电路产业链", "实施软件名城提升行动", "培育专精特新企业梯队",
                                          "推进工厂智能化改造", "建设行业工业互联网平台", "推动中小企业上云用数"]
    assert all(t.path == ["建设智能制造先行区"] for t in tasks[3:])
    assert [t.id for t in ex.tasks[:2]] == ["a1", "a1.1"]


def test_a_goal_list_before_the_first_heading_is_read_and_its_figures_have_a_section(tmp_path):
    ex = extract(load_document(_write(tmp_path, "news.txt", GOALS_REPORT)), "b")
    headings = [t.heading for t in ex.tasks if t.level == "task"]
    assert headings[:3] == ["一是规模能级提升", "二是创新能力提升", "三是治理水平提升"]
    target = next(t for t in ex.targets if t.value == 3e11)
    assert target.section == ["一是规模能级提升"] and target.kind == "target"
    assert next(t for t in ex.targets if t.value == 500).task is not None


def test_parts_are_marked_in_the_json_and_not_counted_as_tasks(tmp_path):
    a = _write(tmp_path, "a.txt", CLAUSE_PLAN)
    data = compare_files(a, a).to_json()
    levels = [t["level"] for t in data["tasks"]["a"]]
    assert levels.count("part") == 2
    assert data["summary"]["tasks"]["a"] == levels.count("task") == 6


def test_a_part_is_aligned_only_with_a_part(tmp_path):
    a = _write(tmp_path, "a.txt", CLAUSE_PLAN)
    b = _write(tmp_path, "b.txt", CLAUSE_PLAN.replace("2024", "2025"))
    brief = compare_files(a, b)
    level = {t.id: t.level for t in brief.tasks_a + brief.tasks_b}
    assert brief.alignment
    assert all(level[p.b] == "part" for p in brief.alignment if level[p.a] == "part")


def _scores(a: Path, b: Path, folder: Path, a_stem: str, b_stem: str) -> dict[str, float]:
    return alignment_scores(compare_files(a, b).to_json(), *load(folder, a_stem, b_stem))


def test_our_restructured_pair_is_aligned_as_its_labeller_aligned_it():
    # written and labelled by a helper who never saw the tool's output (tests/fixtures/restructured)
    s = _scores(FIXTURES / "own_2021_work_points.txt", FIXTURES / "own_2023_upgrade_programme.txt", FIXTURES,
                "own_2021_work_points", "own_2023_upgrade_programme")
    assert s["f1"] >= 0.85, s


def test_a_second_restructured_pair_is_aligned_as_its_labeller_aligned_it():
    # ecology work points → an upgraded action programme, written and labelled by another helper who never saw
    # the tool or its output; scored once before any rule was tuned on it (F1 0.805), 0.85 now
    s = _scores(FIXTURES / "green_2022_work_points.txt", FIXTURES / "green_2024_action_programme.txt", FIXTURES,
                "green_2022_work_points", "green_2024_action_programme")
    assert s["f1"] >= 0.8, s


LABELLED_PAIRS = [
    # The headline pair (seeds). The goal is F1 ≥ 0.85; the floor guards what the matcher reaches today
    # (0.62; 0.08 before parts and clause lists were read, 0.49 before the policy thesaurus and the top-down passes).
    pytest.param("seeds", "zhejiang_2020_work_points.txt", "zhejiang_2022_no1_project_upgrade.txt", 0.58,
                 id="headline"),
    # The 13th-five-year informatization plan → the 14th digital-economy plan (PDFs; a different series that
    # regroups the work): 0.38 when the labels arrived, 0.49 once groups whose tasks carry on under a B part are
    # linked to it, 0.53 once A's lone tasks join their closest task of the coarser B; the goal is 0.80.
    pytest.param("plans", "informatization13_national_plan.pdf", "digital_economy14_national_plan.pdf", 0.5,
                 id="national-plans"),
]


@pytest.mark.parametrize(("folder", "a_name", "b_name", "floor"), LABELLED_PAIRS)
def test_a_restructured_corpus_pair_alignment_does_not_fall_back(folder, a_name, b_name, floor):
    # labelled by helpers who never saw the tool's output (eval/gold)
    corpus = SHARED / "corpus" / folder
    if not corpus.is_dir():
        pytest.skip("../shared corpus not present")
    gold = Path(__file__).parent.parent / "eval" / "gold"
    s = _scores(corpus / a_name, corpus / b_name, gold, Path(a_name).stem, Path(b_name).stem)
    assert s["f1"] >= floor, s


REPORT_WITH_ITEMS_AFTER_ADDRESS = """2026年政府工作报告
一、2025年工作回顾
过去一年，全市地区生产总值增长5.2%。
二、2026年重点工作
（一）扩大有效投资。全年实施重大项目300个。
（二）提升城市品质。改造老旧小区120个。
各位代表，我们将继续办好十方面民生实事：
1.教育方面。新建改扩建中小学20所。
2.医疗方面。新增三甲医院2家。
各位代表！让我们团结一心，为实现全年目标任务而努力奋斗！
"""

A_NESTED_PLAN = """2026年政府工作报告
一、2026年政府工作任务
（一）加快建设现代化产业体系。
推动制造业高端化。实施技术改造项目500个。
培育未来产业。布局建设未来产业先导区5个。
（二）扩大国内需求。
促进消费增长。开展消费促进活动1000场。
"""


def test_numbered_items_after_a_closing_address_are_tasks_and_their_figures_targets(tmp_path):
    ex = extract(load_document(_write(tmp_path, "report.txt", REPORT_WITH_ITEMS_AFTER_ADDRESS)), "b")
    headings = [t.heading for t in ex.tasks if t.level == "task"]
    assert "教育方面" in headings and "医疗方面" in headings
    schools = next(t for t in ex.targets if t.value == 20)
    assert schools.kind == "target" and schools.unit == "所"
    assert not any("努力奋斗" in t.heading for t in ex.tasks)


def test_a_numbered_heading_holding_items_is_a_task_and_aligns_with_its_like(tmp_path):
    a = _write(tmp_path, "a.txt", A_NESTED_PLAN)
    b = _write(tmp_path, "b.txt", A_NESTED_PLAN.replace("500", "600").replace("2026", "2027"))
    brief = compare_files(a, b)
    by_id = {t.id: t for t in brief.tasks_a + brief.tasks_b}
    sections = [t for t in brief.tasks_a if t.container and t.level == "task"]
    assert [t.heading for t in sections] == ["加快建设现代化产业体系", "扩大国内需求"]
    for p in brief.alignment:
        assert by_id[p.a].container == by_id[p.b].container, (p.a, p.b)
    linked = {(by_id[p.a].heading, by_id[p.b].heading) for p in brief.alignment}
    assert ("推动制造业高端化", "推动制造业高端化") in linked
    assert ("加快建设现代化产业体系", "加快建设现代化产业体系") in linked


def test_bold_led_tasks_run_into_one_docx_paragraph_are_separate_tasks(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2026年政府工作报告")
    document.add_paragraph("一、2026年重点任务")
    p = document.add_paragraph()
    p.add_run("（一）扩大内需").bold = True
    p.add_run("。坚持投资消费协同发力。")
    p.add_run("精准扩大有效投资").bold = True
    p.add_run("。全年实施亿元以上项目8000个，推进重大工程建设。")
    p.add_run("大力提振消费").bold = True
    p.add_run("。社会消费品零售总额增长6%。")
    path = tmp_path / "report.docx"
    document.save(str(path))
    ex = extract(load_document(path), "a")
    headings = [t.heading for t in ex.tasks]
    assert "精准扩大有效投资" in headings and "大力提振消费" in headings
    projects = next(t for t in ex.targets if t.value == 8000)
    assert ex.outline.task_at(projects.offset).heading == "精准扩大有效投资"


def test_task_headings_run_into_a_very_long_paragraph_are_separate_tasks(tmp_path):
    body = "坚持创新驱动发展，" + "持续优化创新生态，推动创新链产业链资金链人才链深度融合，" * 12 + "形成发展合力。"
    item = "着力建设科技创新高地。" + body + "加快发展先进制造业集群。" + body + "积极培育未来产业。" + body
    text = "2026年政府工作报告\n一、2026年重点任务\n（一）推动科技创新和产业创新融合发展。" + item + "\n"
    ex = extract(load_document(_write(tmp_path, "report.txt", text)), "a")
    headings = [t.heading for t in ex.tasks if t.level == "task"]
    assert {"着力建设科技创新高地", "加快发展先进制造业集群", "积极培育未来产业"} <= set(headings)


def test_several_run_in_headings_under_a_numbered_item_are_its_tasks_in_a_paragraph_of_any_length(tmp_path):
    text = ("2026年政府工作报告\n一、2026年重点任务\n"
            "（四）在推动生态文明建设上走在前列，绘就美丽家园新画卷。坚持绿水青山就是金山银山。"
            "纵深推进节能降碳。推动钢铁、建材、化工等重点行业节能改造，新建分布式光伏电站一批，提高非化石能源消费比重，"
            "全年单位地区生产总值能耗下降2%。坚决打好蓝天碧水保卫战。实施空气质量提升行动，"
            "治理入河排污口300个，加强农业面源污染治理，城市空气优良天数比例保持在85%以上。有力推进流域综合治理。"
            "统筹上下游、左右岸、干支流，修复河湖生态缓冲带，建设幸福河湖一批，完成水土流失治理面积500平方公里。\n"
            "（五）持续抓好安全生产。加强安全监管。\n")
    ex = extract(load_document(_write(tmp_path, "report.txt", text)), "a")
    headings = [t.heading for t in ex.tasks if t.level == "task"]
    assert {"纵深推进节能降碳", "坚决打好蓝天碧水保卫战", "有力推进流域综合治理"} <= set(headings)
    outfalls = next(t for t in ex.targets if t.value == 300)
    assert ex.outline.task_at(outfalls.offset).heading == "坚决打好蓝天碧水保卫战"
    # one short verb sentence after a numbered heading is its text, not a sub-task
    assert "加强安全监管" not in headings


def test_items_after_a_lead_in_announcing_principles_are_not_tasks_but_items_of_work_are(tmp_path):
    text = ("2026年政府工作报告\n一、2026年工作安排\n今年工作要坚持稳中求进。实际工作中，要把握好以下几点：\n"
            "一是坚持系统观念。统筹发展和安全，处理好当前和长远的关系，增强工作的系统性、整体性、协同性。\n"
            "二是坚持问题导向。聚焦群众急难愁盼，拿出务实管用的办法，以钉钉子精神抓好落实，久久为功。\n"
            "重点抓好以下几个方面工作：\n"
            "一是扩大有效投资。全年实施省级重点项目500个，完成投资3000亿元，加快推进重大基础设施建设。\n"
            "二是提振消费。开展消费促进活动1000场，社会消费品零售总额增长6%，培育新型消费业态。\n")
    ex = extract(load_document(_write(tmp_path, "report.txt", text)), "b")
    headings = [t.heading for t in ex.tasks if t.level == "task"]
    assert not any("系统观念" in h or "问题导向" in h for h in headings)
    assert any("扩大有效投资" in h for h in headings) and any("提振消费" in h for h in headings)


def test_a_glossary_appended_after_the_closing_address_holds_no_tasks_or_targets(tmp_path):
    text = REPORT_WITH_ITEMS_AFTER_ADDRESS + (
        "附件\n《政府工作报告》有关内容名词注释\n"
        "1.“双百工程”：到2030年，布局30个左右重大专项，实施200个左右重大项目。\n"
        "2.“一网统管”：城市运行管理服务平台。\n")
    ex = extract(load_document(_write(tmp_path, "report.txt", text)), "b")
    assert not any("双百工程" in t.heading or "一网统管" in t.heading for t in ex.tasks)
    assert not any(t.value in (30, 200) for t in ex.targets)
    assert any("教育方面" in t.heading for t in ex.tasks)  # the 民生实事 list before it still counts


SAFETY_SECTION = ("2026年政府工作报告\n一、2026年重点任务\n"
                  "（八）统筹发展和安全，建设更高水平的平安家园。坚持以新安全格局保障新发展格局。\n"
                  "防范化解重点领域风险。稳妥处置中小金融机构风险，守住不发生系统性风险的底线，持续化解政府债务风险。\n"
                  "加强和创新社会治理。完善基层治理体系，建设社区综治中心，推进矛盾纠纷多元化解，提升网格化服务水平。\n"
                  "{extra}\n"
                  "（九）持续抓好安全生产。加强安全监管，开展重点行业隐患排查整治，坚决遏制重特大事故发生。\n")


@pytest.mark.parametrize(("extra", "heading"), [
    ("全力支持国防和军队现代化建设，加强国防动员和后备力量建设，做好退役军人服务保障工作，巩固军政军民团结。",
     "全力支持国防和军队现代化建设"),
    ("各位代表！“民之所盼，政之所向”，今年继续实施10大类50项民生实事，覆盖就业、教育、医疗、养老等领域。",
     "今年继续实施10大类50项民生实事"),
])
def test_a_plain_paragraph_among_bold_led_tasks_states_a_task_of_its_own(tmp_path, extra, heading):
    ex = extract(load_document(_write(tmp_path, "report.txt", SAFETY_SECTION.format(extra=extra))), "b")
    headings = [t.heading for t in ex.tasks if t.level == "task"]
    assert any(h.startswith(heading) for h in headings), headings


@pytest.mark.parametrize("extra", [
    "平安是发展的前提，我们必须把安全摆在更加突出的位置，以高水平安全护航高质量发展。",
    "各位代表！安全稳定来之不易，守护好万家灯火是我们的共同责任。",
])
def test_a_paragraph_saying_why_the_work_matters_stays_with_the_task_before_it(tmp_path, extra):
    ex = extract(load_document(_write(tmp_path, "report.txt", SAFETY_SECTION.format(extra=extra))), "b")
    without = extract(load_document(_write(tmp_path, "plain.txt", SAFETY_SECTION.format(extra=""))), "b")
    assert [t.heading for t in ex.tasks] == [t.heading for t in without.tasks]


def test_a_forward_item_that_sets_out_to_reach_results_is_not_a_review(tmp_path):
    text = ("2026年政府工作报告\n一、2025年工作回顾\n（一）改革开放取得新成效。新增经营主体12万户。\n"
            "二、2026年重点工作\n（一）加快释放改革开放成效。深化国资国企改革，新增经营主体15万户。\n"
            "（二）提升城市治理水平。改造老旧管网500公里。\n")
    ex = extract(load_document(_write(tmp_path, "report.txt", text)), "b")
    kinds = {t.written: t.kind for t in ex.targets}
    assert kinds == {"12万户": "actual", "15万户": "target", "500公里": "target"}


def test_a_short_line_promising_results_by_a_later_year_is_not_a_review(tmp_path):
    text = ("“十五五”全省数字经济发展规划\n一、发展基础\n（一）发展成就。核心产业增加值达到5200亿元。\n"
            "二、总体要求\n（一）发展目标。\n到2030年，数字经济取得显著成效\n"
            "核心产业增加值占比达到15%，建成5G基站20万个。\n")
    ex = extract(load_document(_write(tmp_path, "2026_plan.txt", text)), "b")
    kinds = {t.written: t.kind for t in ex.targets}
    assert kinds == {"5200亿元": "actual", "15%": "target", "20万个": "target"}, kinds


def test_a_boxs_title_heads_none_of_the_tasks_after_it(tmp_path):
    # 专栏 boxes list projects inline with the section's tasks and their end is not marked: the tasks after a
    # box's title stay tasks of their section
    text = ("全省信息化发展规划\n一、重大任务\n（一）建设泛在的信息基础设施。\n"
            "加快千兆光网建设。推进光纤到户改造和骨干网扩容，提升城乡网络覆盖水平和服务质量。\n"
            "专栏1 乡村网络提升工程\n推进光纤到村。持续加强行政村光纤和移动网络覆盖，改善偏远地区接入条件。\n"
            "统筹频谱资源配置。加强无线电频谱管理，满足重大战略和行业用频需求，维护电波秩序。\n"
            "（二）释放数据要素价值。\n培育数据交易市场。建设数据交易场所，完善数据登记和流通规则。\n")
    ex = extract(load_document(_write(tmp_path, "plan.txt", text)), "a")
    paths = {t.heading: t.path for t in ex.tasks}
    assert paths["统筹频谱资源配置"] == paths["加快千兆光网建设"] == ["重大任务", "建设泛在的信息基础设施"], paths
    assert not any(h.startswith("专栏") for h in paths)


INLINE_PLAN = """全省数字经济发展规划
一、夯实数字基础设施
（一）建设信息网络。推进千兆光网和5G网络协同建设，提升骨干网络承载能力，扩大农村网络覆盖范围，推动网络提速降费。
（二）发展算力设施。统筹布局绿色数据中心，推进算力资源调度，提升算力供给质量和利用效率，支持余热综合利用。
二、发挥数据要素作用
（一）提升数据供给质量。支持企业开展数据采集和标注，推进数据资源标准体系建设，提升数据管理水平和数据质量。
深化公共数据有序共享。建立公共数据资源目录，推动基础公共数据安全有序开放，释放数据红利。
（二）培育数据交易市场。建设数据交易场所，完善数据登记、定价和流通规则，培育数据服务商和数据经纪新业态。
"""


def test_a_lone_paragraph_after_a_heading_with_a_body_of_its_own_continues_it_in_a_plan_of_such_headings(
        tmp_path):
    ex = extract(load_document(_write(tmp_path, "plan.txt", INLINE_PLAN)), "b")
    headings = {t.heading: t for t in ex.tasks}
    assert "深化公共数据有序共享" not in headings
    supply = headings["提升数据供给质量"]
    assert not supply.container and "释放数据红利" in ex.document.text[supply.start:supply.end]


def test_a_lone_bold_led_paragraph_stays_an_item_where_the_plans_headings_hold_items(tmp_path):
    text = ("2026年政府工作报告\n二、2026年重点工作\n"
            "（一）着力扩大国内需求。坚持扩大内需战略基点，统筹促消费和扩投资，增强经济增长内生动力和可持续性。\n"
            "促进消费提质升级。开展消费促进活动，培育新型消费。\n扩大有效投资。实施重大项目，用好专项债券。\n"
            "（二）加快发展新质生产力。推动科技创新和产业创新深度融合，培育壮大新兴产业和未来产业，改造提升传统产业。\n"
            "培育未来产业。布局建设未来产业先导区。\n推进智能化改造。实施技术改造项目。\n"
            "（三）持续保障和改善民生。坚持尽力而为、量力而行，办好民生实事，兜牢基本民生底线，提升公共服务水平。\n"
            "稳定和扩大就业。实施就业优先政策，开展职业技能培训。\n")
    ex = extract(load_document(_write(tmp_path, "2026_report.txt", text)), "b")
    assert "稳定和扩大就业" in {t.heading for t in ex.tasks}


FRAMED_REPORT = """2026年政府工作报告
二、2026年重点工作
（一）加快建设科技强省
强化基础研究。布局建设省实验室3个，实施重大科技专项20项。
加快成果转化。建设中试平台10个，技术合同成交额增长10%。
科技强则产业强。我们要以更大力度建设科技强省，让创新活力竞相迸发。
（二）统筹发展和安全
防范化解重点风险。守住不发生系统性风险底线，稳妥化解地方债务。
军政军民团结是我们的宝贵财富。我们要支持国防动员和后备力量建设，做好双拥共建。
"""


def test_a_short_statement_restating_its_sections_theme_is_not_a_task_but_a_topic_of_its_own_is(tmp_path):
    ex = extract(load_document(_write(tmp_path, "2026_report.txt", FRAMED_REPORT)), "b")
    headings = {t.heading for t in ex.tasks}
    assert {"强化基础研究", "加快成果转化", "防范化解重点风险"} <= headings
    assert "科技强则产业强" not in headings
    assert "军政军民团结是我们的宝贵财富" in headings, headings  # 国防: a topic of its own


def test_a_title_printed_twice_heads_no_part_and_the_opening_address_is_no_task(tmp_path):
    text = ("2026年东江省政府工作报告\n政府工作报告\n2026年1月20日在东江省第十四届人民代表大会第五次会议上\n"
            "各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。\n"
            "一、2025年工作回顾\n"
            "过去一年，全省地区生产总值增长5.2%。\n二、2026年重点工作\n（一）扩大有效投资。全年实施重大项目300个。\n")
    ex = extract(load_document(_write(tmp_path, "2026_report.txt", text)), "b")
    assert [t.heading for t in ex.tasks if t.level != "part"] == ["扩大有效投资"]
