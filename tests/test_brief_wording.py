"""What a reader sees: whole English words, translated units, no internal codes or scores, cuts marked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from compare.render import render
from compare.render.common import build_view, marked_cut, short
from compare.render.labels import default_template_dir, load_labels

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)


@pytest.fixture
def sample() -> dict:
    return json.loads(FIXTURE.read_text("utf-8"))


def english_vocabulary() -> set[str]:
    """Every English word the brief's labels use."""
    text = (default_template_dir() / "labels.en.toml").read_text("utf-8")
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


@needs_poppler
def test_english_pdf_keeps_words_whole(sample, tmp_path):
    out = tmp_path / "brief.pdf"
    render(sample, out, "pdf", lang="en")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    vocab = english_vocabulary()
    tokens = set(re.findall(r"[A-Za-z]+", text))
    broken = sorted(
        t
        for t in tokens
        if len(t) >= 3
        and t.lower() not in vocab
        and any(v.startswith(t.lower()) and len(v) > len(t) for v in vocab)
    )
    assert "uncertain" in text
    assert broken == []


def test_english_brief_translates_units(sample):
    view = build_view(sample, load_labels("en"))
    figures = [r.a[0] for rows in view.changes.values() for r in rows if r.a[0]]
    figures += [r.b[0] for rows in view.changes.values() for r in rows if r.b[0]]
    assert figures
    assert not [f for f in figures if re.search("[\u4e00-\u9fff]", f)], "no Chinese unit or comparator left"
    assert "5G基站 target moved from 50,000 to 160,000 or more, 3.2 times as high" in view.verdict
    assert any(f.endswith("firms") for f in figures)


def test_no_reader_sees_a_comparator_code_or_a_raw_score(sample):
    sample["changes"][0]["qualifiers"] = [
        {"code": "comparator_changed", "args": {"a": "=", "b": "以上"}, "text": "“=” → “以上”"}
    ]
    sample["changes"][0]["reasons"] = [
        {"code": "metric_similar", "args": {"score": 0.85}, "text": "similar metric (0.85)"}
    ]
    sample["alignment"][0]["score"] = 0.3
    view = build_view(sample, load_labels("zh"))
    row = next(
        r for rows in view.changes.values() for r in rows if r.metric == sample["changes"][0]["metric"]
    )
    assert row.qualifiers == ["加上“以上”"]
    assert row.reasons == ["指标名称相近"]
    shown = " ".join(row.qualifiers + row.reasons)
    assert "=" not in shown and "0.85" not in shown
    low = [t for t in view.task_pairs if t.score < 0.5]
    assert low
    assert all("最相近" not in t.how and "核对" in t.mark for t in low), "a weak match never says 最相近"


def test_cut_text_always_ends_in_an_ellipsis():
    assert short("一二三四五六七八九十", 5) == "一二三四…"
    source = "开展不少于10万人次的数字经济产业职业技能培训。推进标准化建设"
    assert (
        marked_cut("开展不少于10万人次的数字经济产业职业技能培", source)
        == "开展不少于10万人次的数字经济产业职业技能培…"
    )
    assert (
        marked_cut("开展不少于10万人次的数字经济产业职业技能培训", source)
        == "开展不少于10万人次的数字经济产业职业技能培训"
    )
    assert marked_cut("万人次的数字经济", source) == "…万人次的数字经济…"


@needs_poppler
def test_headline_pair_pdf_shows_no_internal_codes(tmp_path, corpus):
    corpus = corpus / "seeds"
    from compare import compare_files

    brief = compare_files(
        str(corpus / "zhejiang_2020_work_points.txt"), str(corpus / "zhejiang_2022_no1_project_upgrade.txt")
    ).to_json()
    out = tmp_path / "brief.pdf"
    render(brief, out, "pdf")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace("\n", "")
    assert "“=”" not in flat
    assert not re.search(r"相近（0\.\d+）", flat)
    assert not re.search(r"把握 \d+%", flat)
    assert "●○○ 最相近" not in flat and "●○○最相近" not in flat
    assert "职业技能培”" not in flat, "a quote cut mid-word ends in …"


def test_a_bound_shared_by_a_list_shows_on_every_figure(tmp_path):
    from compare.pipeline import compare_files

    a, b = tmp_path / "2025_plan.txt", tmp_path / "2026_plan.txt"
    a.write_text("二、2025年工作安排\n城镇调查失业率、居民消费价格涨幅分别控制在5.5%和2%以内。\n", encoding="utf-8")
    b.write_text("二、2026年工作安排\n城镇调查失业率控制在5.5%以内。\n", encoding="utf-8")
    view = build_view(compare_files(a, b).to_json(), load_labels("zh"))
    figures = {r.metric: r.a[0] for rows in view.changes.values() for r in rows if r.a[0]}
    assert figures.get("城镇调查失业率") == "5.5%以内", figures
