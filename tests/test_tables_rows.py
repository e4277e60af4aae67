"""Indicator tables printed one row per line, as a PDF's text layer gives them (issue 14). Our own table."""

from __future__ import annotations

import re

from compare.outline import build_outline
from compare.targets import extract_targets

TABLE = """一、发展目标
到2025年，全民健身公共服务体系更加完善。
“十四五”全民健身发展主要指标
指 标 2020年 2025年 属性
总体水平
1.经常参加体育锻炼人数比例（%） 37.2 38.5 预期性
2.人均体育场地面积（平方米） 2.2 2.6 预期性
3.每千人拥有社会体育指导员数（名） 2.16 >2.5 约束性
4.县级以上城市公共体育设施免费或低收费开放
比例（%） — 90 预期性
注：〔 〕内为五年累计数。
二、主要任务
"""


def read(text: str, year: int = 2021):
    return extract_targets(text, build_outline(text, year=year), year, "a")


def test_the_later_years_column_is_the_target_and_the_earlier_the_baseline():
    found = read(TABLE)
    goals = [(t.metric, t.value, t.unit, t.comparator, t.year) for t in found if t.kind == "target"]
    assert goals == [("经常参加体育锻炼人数比例", 38.5, "%", "=", 2025),
                     ("人均体育场地面积", 2.6, "平方米", "=", 2025),
                     ("每千人拥有社会体育指导员数", 2.5, "名", ">", 2025),
                     ("县级以上城市公共体育设施免费或低收费开放比例", 90, "%", "=", 2025)], goals
    baselines = [(t.metric, t.value, t.year) for t in found if t.kind == "actual"]
    assert ("人均体育场地面积", 2.2, 2020) in baselines and len(baselines) == 3


def test_every_table_figure_quotes_its_row():
    table = [t for t in read(TABLE) if any(n.get("code") == "table_row" for n in t.notes)]
    assert len(table) == 7, [(t.metric, t.written) for t in table]  # four goals, three baselines ("—" is none)
    for t in table:
        number = re.match(r"[\d.]+", t.written.lstrip("<>")).group()  # type: ignore[union-attr]
        assert t.quote in TABLE and number in t.quote, (t.quote, t.written)


def test_a_review_table_of_one_year_sets_no_targets():
    review = TABLE.replace("指 标 2020年 2025年 属性", "指 标 规划目标 实现情况 2020年 2020年")
    assert not [t for t in read(review) if t.kind == "target" and t.year == 2025]


def test_a_plan_titled_with_its_period_dates_its_undated_goals_to_the_periods_end():
    from compare.timeframe import document_context

    text = "一、发展目标\n全民健身设施更加完善，人均体育场地面积达到2.6平方米。\n"
    ctx = document_context("国务院关于印发“十四五”全民健身规划的通知", "", 2021)
    found = extract_targets(text, build_outline(text, year=2021), 2021, "a", ctx)
    assert [(t.kind, t.year) for t in found] == [("target", 2025)]


def test_rows_of_an_indicator_table_are_not_tasks():
    headings = [t.heading for t in build_outline(TABLE, year=2021).tasks]
    assert not [h for h in headings if "体育场地面积" in h or "锻炼人数" in h], headings
