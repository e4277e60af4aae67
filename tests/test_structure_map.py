"""The structure map: outlines side by side, a line per link, legible labels, folded to parts when large."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from compare.render import render
from compare.render import structure_map as sm
from compare.render.labels import load_labels

from .test_brief_links import words as page_words

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
HEADS = ["数字产业", "产业数字", "数据要素", "新型基础设施", "治理体系"]


def restructured(n_parts: int = 5, per_part: int = 6, n_b: int = 10) -> dict:
    """A 30-task plan (5 parts of 6 tasks) against a 10-part successor: every 3 A tasks merge into one B part,
    one A task splits across two, the last B part is new and one A task is dropped."""
    sample = json.loads(FIXTURE.read_text("utf-8"))
    a = [
        {
            "id": f"a{p}.{t}",
            "path": [f"第{p}部分：推进{HEADS[p % len(HEADS)]}发展壮大行动"],
            "heading": f"推进{HEADS[p % len(HEADS)]}第{t}项重点工作任务建设",
            "quote": "…",
        }
        for p in range(n_parts)
        for t in range(per_part)
    ]
    b = [
        {
            "id": f"b{k}",
            "path": [],
            "heading": f"高水平建设全国{HEADS[k % len(HEADS)]}示范区第{k}部分",
            "quote": "…",
            "level": "part",
        }
        for k in range(n_b)
    ]
    links = [
        {"a": t["id"], "b": b[min(i // 3, n_b - 2)]["id"], "score": 0.8, "method": "best"}
        for i, t in enumerate(a[:-1])
    ]
    links.append({"a": a[0]["id"], "b": b[5]["id"], "score": 0.6, "method": "split"})
    return {**sample, "tasks": {"a": a, "b": b}, "alignment": links}


def map_words(pdf: Path) -> list[tuple[float, float, float, float, str]]:
    """Words of the map on its page: between the map's heading and the table that follows it."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = next(i for i, p in enumerate(text.split("\f"), 1) if "结构对照图" in p)
    words = page_words(pdf, page)
    top = next(y1 for _, _, _, y1, w in words if w == "结构对照图")
    bottom = next((y0 for _, y0, _, _, w in words if w in ("对照表", "的任务在") and y0 > top), 1e9)
    return [w for w in words if top < w[1] and w[3] < bottom]


def assert_legible(words: list[tuple[float, float, float, float, str]]) -> None:
    assert len(words) > 10
    for _, y0, _, y1, w in words:
        assert y1 - y0 >= 6.95, f"{w!r} is smaller than 7 pt"
    boxes = sorted(words)
    for i, (x0, y0, x1, y1, w) in enumerate(boxes):
        for u0, v0, u1, v1, u in boxes[i + 1 :]:
            if u0 >= x1 - 0.5:
                break
            overlap = min(x1, u1) - max(x0, u0) > 0.5 and min(y1, v1) - max(y0, v0) > 0.5
            assert not overlap, f"{w!r} overlaps {u!r}"


def test_merges_splits_new_and_dropped_come_from_the_links():
    data = sm.build(restructured())
    assert not data.folded
    rel = {(data.a[k.a].id, data.b[k.b].id): k.relation for k in data.links}
    assert rel[("a0.0", "b0")] == "split" and rel[("a0.0", "b5")] == "split"
    assert rel[("a0.1", "b0")] == "merged"
    assert [it.id for it in data.b if not it.linked] == ["b9"]
    assert [it.id for it in data.a if not it.linked and it.level == "task"] == ["a4.5"]
    rows = sm.table_rows(data, load_labels("zh"))
    assert ("推进数字产业第1项重点工作任务建设", "合并", "高水平建设全国数字产业示范区第0部分") in rows
    assert ("", "新增", "高水平建设全国治理体系示范区第9部分") in rows


def test_recorded_relations_are_kept():
    brief = restructured()
    brief["alignment"][1]["relation"] = "carries_on"
    data = sm.build(brief)
    assert any(k.relation == "carries_on" and data.a[k.a].id == "a0.1" for k in data.links)


def test_a_large_pair_folds_to_parts_at_the_stated_threshold():
    small, large = restructured(5, 6), restructured(10, 6)
    assert not sm.build(small, max_rows=52).folded
    folded = sm.build(large, max_rows=52)
    assert folded.folded
    assert len(folded.a) == 10 and all(it.level == "part" for it in folded.a)
    assert sum(it.tasks for it in folded.a) == 60
    assert sum(k.count for k in folded.links) == len(large["alignment"])


@needs_poppler
def test_map_of_30_tasks_against_10_parts_is_legible_in_the_pdf(tmp_path):
    out = tmp_path / "brief.pdf"
    render(restructured(), out, "pdf")
    words = map_words(out)
    assert_legible(words)
    labels = " ".join(w for *_, w in words)
    assert "推进数字产业第0项重点工作任务建设" in labels and "未延续" in labels and "新增" in labels


@needs_poppler
def test_map_of_the_guangdong_pair_is_legible(tmp_path, corpus):
    corpus = corpus / "real"
    from compare import compare_files

    brief = compare_files(
        str(corpus / "gwr_2025_guangdong.txt"), str(corpus / "gwr_2026_guangdong.txt")
    ).to_json()
    out = tmp_path / "brief.pdf"
    render(brief, out, "pdf")
    assert_legible(map_words(out))


def test_map_is_a_picture_in_the_docx_and_inline_svg_for_html(tmp_path):
    from docx import Document

    brief = restructured()
    out = tmp_path / "brief.docx"
    render(brief, out, "docx")
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    i = texts.index("结构对照图")
    assert any("graphicData" in p._p.xml for p in doc.paragraphs[i : i + 4]), "the map follows its heading"
    from compare.render.fonts import bundled_font, register

    svg = sm.structure_map_svg(sm.build(brief), load_labels("zh"), ("甲", "乙"), register(bundled_font()), {})
    assert svg.startswith("<svg") and "<line" in svg and "未延续" in svg


def test_pdf_and_docx_are_byte_identical_across_processes(tmp_path):
    """Two separate runs (different hash seeds) of one brief under SOURCE_DATE_EPOCH give the same bytes."""
    import os
    import sys

    (tmp_path / "brief.json").write_text(json.dumps(restructured(), ensure_ascii=False), "utf-8")
    code = (
        "import json, sys; from compare.render import render; "
        "b = json.load(open(sys.argv[1], encoding='utf-8'));"
        "render(b, sys.argv[2] + '.pdf', 'pdf'); render(b, sys.argv[2] + '.docx', 'docx')"
    )
    for run, seed in (("one", "1"), ("two", "2")):
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "brief.json"), str(tmp_path / run)],
            env=env,
            check=True,
            timeout=120,
        )
    for ext in ("pdf", "docx"):
        assert (tmp_path / f"one.{ext}").read_bytes() == (tmp_path / f"two.{ext}").read_bytes(), ext
