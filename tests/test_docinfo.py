"""What a document is: a clean title, its issuer and its kind, read from its own words and metadata."""

from __future__ import annotations

import pytest

from compare.docinfo import clean_title
from compare.pipeline import extract, load_document


@pytest.mark.parametrize("raw, clean", [
    ("某省数字经济_三年行动_启动：到2025年规模翻番", "某省数字经济“三年行动”启动：到2025年规模翻番"),
    ("某市人民政府关于印发数字经济发展规划的通知_政策文件_某市政府网", "某市人民政府关于印发数字经济发展规划的通知"),
    ("  某县2024年工作要点  ", "某县2024年工作要点"),
])
def test_metadata_titles_read_as_a_person_writes_them(raw, clean):
    assert clean_title(raw) == clean


def _doc(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    extract(doc, "a")
    return doc


@pytest.mark.parametrize("text, kind", [
    ("某市2024年政府工作报告\n各位代表：现在，我代表市人民政府向大会报告政府工作。\n", "work_report"),
    ("政府工作报告\n来源：某市日报\n各位代表：现在，我代表市人民政府向大会报告政府工作。\n", "work_report"),
    ("本报讯（记者 王某）日前，某市召开数字经济大会，提出今后三年目标。\n一是规模提升。\n", "news_report"),
    ("某市推进数字经济发展2024年工作要点\n一、主要目标\n", "work_points"),
    ("某市数字经济发展“十五五”规划\n第一章 发展基础\n", "plan"),
])
def test_the_kind_of_text_is_read_from_its_words(tmp_path, text, kind):
    assert _doc(tmp_path, text).type == kind


def test_the_body_that_issued_a_plan_is_found_in_its_opening(tmp_path):
    doc = _doc(tmp_path, "日前，东江省数字经济发展领导小组办公室印发了全省推进数字经济发展2024年工作要点。\n一、主要目标\n")
    assert doc.issuer == "东江省数字经济发展领导小组办公室"


def test_a_bare_report_title_names_its_region(tmp_path):
    doc = _doc(tmp_path, "2026年政府工作报告\n——2026年1月20日在东江省第十四届人民代表大会第五次会议上\n"
                         "各位代表：现在，我代表省人民政府向大会报告政府工作。\n")
    assert doc.title == "2026年东江省政府工作报告"


def test_page_one_says_when_the_two_texts_differ_in_kind(tmp_path):
    from compare.render.common import build_view
    from compare.render.labels import load_labels

    brief = {"documents": {"a": {"type": "work_points", "title": "A"}, "b": {"type": "news_report", "title": "B"}},
             "tasks": {"a": [], "b": []}, "targets": {"a": [], "b": []}, "alignment": [], "changes": []}
    view = build_view(brief, load_labels("zh"))
    assert any("A 是工作要点，B 是新闻报道" in s for s in view.summary)
    assert any("只表示该报道未提及" in s for s in view.summary)


def test_unread_spans_are_listed_for_the_reader(tmp_path):
    from compare.render.common import build_view
    from compare.render.labels import load_labels

    brief = {"documents": {"a": {"type": "plan", "unread": [{"text": "17.32%o", "offset": 5, "why": "x"}]},
                           "b": {"type": "plan"}},
             "tasks": {"a": [], "b": []}, "targets": {"a": [], "b": []}, "alignment": [], "changes": []}
    view = build_view(brief, load_labels("zh"))
    assert any("1 处看似数字但未能识别" in s and "17.32%o" in s for s in view.counts)
