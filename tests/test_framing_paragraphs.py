"""A report's framing paragraphs (the year's framing, 总体要求, codas, the closing rally) are not tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.pipeline import extract, load_document

YEAR_SECTION = """政府工作报告。 东江日报记者 王明 摄
政府工作报告
（2026年1月20日在东江省第十四届人民代表大会第五次会议上）
省长 林 东
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。
一、2025年工作回顾
过去一年，全省地区生产总值增长5.2%。
二、2026年重点工作
今年是“十五五”开局之年，做好全年工作意义重大。我们要坚持稳中求进工作总基调，统筹发展和安全。
今年工作的总体要求是：坚持稳中求进，着力扩大内需，着力推动创新，着力保障民生，确保“十五五”开好局。
主要预期目标是：地区生产总值增长5%左右，城镇新增就业60万人以上，居民收入增长与经济增长同步。
（一）着力扩大内需
提振居民消费。开展消费促进活动，培育新型消费业态，举办促消费活动300场。
扩大有效投资。实施省重点项目500个，完成年度投资4000亿元。
（二）着力推动创新
强化基础研究。布局建设省实验室3个，实施重大科技专项20项。
加快成果转化。建设中试平台10个，技术合同成交额增长10%。
各位代表！蓝图已经绘就，实干成就未来。我们要奋力完成全年目标任务。
"""


def _tasks(tmp_path: Path, text: str, name: str = "2026_report.txt") -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(load_document(path), "b").tasks


def _headings(tasks: list) -> set[str]:
    return {t.heading for t in tasks if t.level == "task"}


def test_a_reports_framing_of_the_year_its_requirements_and_its_goals_paragraph_are_not_tasks(tmp_path):
    ex_tasks = _tasks(tmp_path, YEAR_SECTION)
    headings = _headings(ex_tasks)
    assert {"提振居民消费", "扩大有效投资", "强化基础研究", "加快成果转化"} <= headings
    framing = ("今年是", "今年工作的总体要求", "主要预期目标")
    assert not [h for h in headings if h.startswith(framing)], headings
    # the headline figures of the goals paragraph are still read, as the section's
    path = tmp_path / "2026_report.txt"
    targets = extract(load_document(path), "b").targets
    assert any(t.value == 600000 and "就业" in t.metric for t in targets)


def test_the_lines_above_the_opening_address_head_the_report_and_hold_no_task(tmp_path):
    headings = {t.heading for t in _tasks(tmp_path, YEAR_SECTION)}
    assert not [h for h in headings if "人民代表大会" in h or "我代表" in h or "省长" in h], headings


def test_a_work_conference_that_names_its_year_and_goes_straight_on_to_the_work_keeps_it_as_a_task(tmp_path):
    text = ("东江省数字经济工作会议召开\n一、抓改革，做强数字经济\n"
            "今年是数字化改革攻坚之年。全省将以数字经济系统建设为主引擎，深化数字经济系统建设，"
            "迭代完善产业大脑，建成行业产业大脑20个。\n"
            "推进数字产业化。实现集成电路产业营业收入1800亿元。\n"
            "推进产业数字化。培育未来工厂15家。\n")
    headings = _headings(_tasks(tmp_path, text, "2022_conference.txt"))
    assert any(h.startswith("今年是数字化改革攻坚之年") for h in headings), headings


CODA_PLAN = """东江省政府工作报告
各位代表：
二、2026年重点工作
（一）着力扩大内需
提振居民消费。开展消费促进活动，举办促消费活动300场。
扩大有效投资。实施省重点项目500个。
市场是最宝贵的资源。我们要以更强的内需，赢得发展主动。
（二）着力推动创新
强化基础研究。布局建设省实验室3个。
加快成果转化。建设中试平台10个。
创新决定未来的高度。我们要打出致胜未来的先手，培育更强大的新动能。
（三）着力保障民生
稳定扩大就业。城镇新增就业60万人以上。
办好人民满意的教育。新建改扩建幼儿园50所。
民生是最大的政治。我们要把群众的小事当作政府的大事，让老百姓的日子越过越红火。
支持国防和军队建设。深化全民国防教育，做好双拥共建工作。
"""


def test_a_plan_that_closes_section_after_section_with_a_slogan_has_none_of_them_as_tasks(tmp_path):
    headings = _headings(_tasks(tmp_path, CODA_PLAN))
    assert {"提振居民消费", "强化基础研究", "稳定扩大就业", "支持国防和军队建设"} <= headings, headings
    slogans = ("市场是最宝贵的资源", "创新决定未来的高度", "民生是最大的政治")
    assert not [h for h in headings if h.startswith(slogans)], headings


def test_one_slogan_closing_one_section_is_not_enough_to_call_a_topic_of_its_own_framing(tmp_path):
    text = CODA_PLAN.replace("市场是最宝贵的资源。我们要以更强的内需，赢得发展主动。\n", "").replace(
        "创新决定未来的高度。我们要打出致胜未来的先手，培育更强大的新动能。\n", "")
    text = text.replace("民生是最大的政治。我们要把群众的小事当作政府的大事，让老百姓的日子越过越红火。\n",
                        "军政军民团结是我们的宝贵财富。我们要支持国防动员和后备力量建设，做好双拥共建。\n")
    headings = _headings(_tasks(tmp_path, text))
    assert "军政军民团结是我们的宝贵财富" in headings, headings


@pytest.mark.parametrize("closing, rally", [
    ("唯有实干，方能不负人民。让我们更加紧密地团结起来，为全面完成全年目标任务而努力奋斗！\n", "唯有实干"),
    ("各位代表！\n实干成就未来。我们要更加紧密地团结在一起，为全面完成全年目标任务而努力奋斗！\n", "实干成就未来"),
])
def test_the_closing_rally_of_a_report_is_no_task_with_or_without_an_address_to_the_deputies(tmp_path, closing,
                                                                                            rally):
    text = YEAR_SECTION.replace("各位代表！蓝图已经绘就，实干成就未来。我们要奋力完成全年目标任务。\n",
                                "三、加强政府自身建设\n坚持依法行政。严格规范公正文明执法。\n"
                                "深化作风建设。持续为基层减负。\n" + closing)
    headings = _headings(_tasks(tmp_path, text))
    assert {"坚持依法行政", "深化作风建设"} <= headings, headings
    assert not [h for h in headings if h.startswith(rally)], headings


def test_a_part_that_is_one_unnamed_paragraph_is_one_task_named_by_its_heading(tmp_path):
    text = YEAR_SECTION.replace("各位代表！蓝图已经绘就，实干成就未来。我们要奋力完成全年目标任务。\n",
                                "三、全面加强政府自身建设\n新任务对政府自身建设提出了更高要求。我们要坚持依法行政，"
                                "严格规范公正文明执法，持续为基层减负，建设人民满意的服务型政府。\n")
    tasks = _tasks(tmp_path, text)
    named = [t for t in tasks if t.heading == "全面加强政府自身建设"]
    assert named and named[0].level == "task", [(t.heading, t.level) for t in tasks]
    assert not [t for t in tasks if t.heading.startswith("新任务对政府自身建设")]


def test_the_last_numbered_item_with_its_own_text_stays_a_task_before_the_closing_address(tmp_path):
    text = YEAR_SECTION.replace("各位代表！蓝图已经绘就，实干成就未来。我们要奋力完成全年目标任务。\n",
                                "（三）保障基本民生。新建保障性住房2万套，推进老旧小区改造，办好民生实事。\n"
                                "进一步加强政府自身建设，持续转变政府职能，扎实推进法治政府和服务型政府建设，"
                                "提高行政效率和公信力。\n各位代表！\n我们要巩固民族团结，做好侨务和对台工作，推动各项事业发展。\n"
                                "实干成就未来。我们要更加紧密地团结在一起，为全面完成全年目标任务而努力奋斗！\n")
    headings = _headings(_tasks(tmp_path, text))
    assert "保障基本民生" in headings, headings


PLAIN_SECTIONS = """东江省政府工作报告
各位代表：
一、2026年工作总体要求和目标任务
今年工作的总体要求是：坚持稳中求进，着力扩大内需，着力推动创新，确保“十五五”开好局。
实现上述目标，必须坚持稳中求进，统筹发展和安全，扎实推进各项工作落地见效。
二、2026年重点工作
（一）坚持内需主导，持续扩大有效需求
实施提振消费专项行动，举办促消费活动300场，实施省重点项目500个，完成年度投资4000亿元。
（二）坚持创新驱动，加快培育新质生产力
布局建设省实验室3个，实施重大科技专项20项，建设中试平台10个，推动科技成果就地转化，培育壮大新兴产业。
三、全面加强政府自身建设
加快推动政府治理体系和治理能力现代化，坚持依法行政，持续为基层减负，建设人民满意的服务型政府。
"""


def test_a_section_written_as_plain_paragraphs_is_one_task_named_by_its_heading(tmp_path):
    tasks = _tasks(tmp_path, PLAIN_SECTIONS)
    headings = _headings(tasks)
    assert {"坚持内需主导，持续扩大有效需求", "坚持创新驱动，加快培育新质生产力", "全面加强政府自身建设"} <= headings, \
        [(t.heading, t.level) for t in tasks]
    assert "2026年工作总体要求和目标任务" not in headings  # the year's frame, not a piece of work
