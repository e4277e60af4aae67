"""Metric names a reader can use (issue 14, class 3) and figures that are not targets (class 5). Every
sentence here is our own."""

from __future__ import annotations

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
