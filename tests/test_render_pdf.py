"""The PDF brief: Chinese text extractable, font embedded, bookmarks, properties, hostile text, speed."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from compare.errors import UsageError
from compare.render import render
from compare.render.fonts import bundled_font

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"
HOSTILE = "<script>alert(1)</script> <font color=red>red</font> & <b>bold</b> &amp; <para>"


@pytest.fixture
def sample() -> dict:
    return json.loads(FIXTURE.read_text("utf-8"))


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def outline_titles(path: Path) -> list[str]:
    from pypdf import PdfReader

    def walk(items: list) -> list[str]:
        out: list[str] = []
        for it in items:
            out += walk(it) if isinstance(it, list) else [it.title]
        return out

    return walk(PdfReader(str(path)).outline)


def big_brief(sample: dict, copies: int) -> dict:
    """The sample repeated: `copies` × (17 + 19) targets."""
    out = copy.deepcopy(sample)
    for side in "ab":
        out["targets"][side] = [dict(t, id=f"{t['id']}-{k}", metric=f"{t['metric']}{k}")
                                for k in range(copies) for t in sample["targets"][side]]
    out["changes"] = [dict(c, metric=f"{c['metric']}{k}", a=c["a"] and f"{c['a']}-{k}",
                           b=c["b"] and f"{c['b']}-{k}")
                      for k in range(copies) for c in sample["changes"]]
    return out


def test_chinese_metrics_and_section_headings_come_back_out(sample, tmp_path):
    out = tmp_path / "brief.pdf"
    render(sample, out, "pdf")
    text = pdf_text(out)
    for heading in ("规划目标对比简报", "一、摘要", "二、目标变化一览", "三、目标变化明细", "四、任务对应",
                    "目标提高（5）", "目标降低（3）", "口径变化（3）", "保持不变（1）", "B 新增的目标（6）"):
        assert heading in text, heading
    for metric in ("5G基站", "未来工厂", "工业机器人", "上云企业", "制造业投资", "网络零售额"):
        assert metric in text, metric
    assert "5G基站目标由 5万个 调为 16万个以上，提高到 3.2 倍" in text
    assert "浙江省数字经济发展2020年工作要点" in text
    assert re.search(r"第 1 页，共 \d+ 页", text)


def test_bookmarks_follow_the_sections(sample, tmp_path):
    out = tmp_path / "brief.pdf"
    render(sample, out, "pdf")
    titles = outline_titles(out)
    top = ["一、摘要", "二、目标变化一览", "三、目标变化明细", "四、任务对应", "附录：全部数字（按原文顺序）"]
    assert [t for t in titles if t in top] == top
    order = [titles.index(t) for t in ("目标提高（5）", "B 中未再出现的目标（4）", "四、任务对应")]
    assert order == sorted(order)


def test_english_labels(sample, tmp_path):
    out = tmp_path / "brief.pdf"
    render(sample, out, "pdf", lang="en")
    titles = outline_titles(out)
    assert "1. Summary" in titles and "Raised (5)" in titles
    text = pdf_text(out)
    assert "Page 1 of" in text and "5G基站" in text


def test_the_font_is_embedded(sample, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "brief.pdf"
    render(sample, out, "pdf")
    fonts = {}
    for page in PdfReader(str(out)).pages:
        for name, ref in page["/Resources"]["/Font"].items():
            fonts[name] = ref.get_object()
    assert fonts
    for name, font in fonts.items():
        desc = font.get("/FontDescriptor")
        if desc is None and "/DescendantFonts" in font:
            desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert desc is not None and "/FontFile2" in desc.get_object(), \
            f"{name} {font.get('/BaseFont')} not embedded"


def test_document_properties(sample, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "brief.pdf"
    render(sample, out, "pdf")
    meta = PdfReader(str(out)).metadata
    assert meta.author == "compare"
    assert "浙江省数字经济发展2020年工作要点" in meta.title
    assert "2022年全省经济和信息化工作会议报告" in meta.title
    assert meta.subject


def test_reproducible_with_source_date_epoch(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one, two = tmp_path / "1.pdf", tmp_path / "2.pdf"
    render(sample, one, "pdf")
    render(sample, two, "pdf")
    assert one.read_bytes() == two.read_bytes()
    assert b"D:20231114221320" in one.read_bytes()
    assert "2023-11-14" in pdf_text(one)


def test_hostile_text_neither_crashes_nor_restyles(sample, tmp_path):
    b = copy.deepcopy(sample)
    b["documents"]["a"]["title"] = "<b>A & B</b>"
    b["targets"]["b"][14]["quote"] = HOSTILE  # a new target: its full quote is in the appendix
    b["targets"]["b"][15]["quote"] = "很长的原文" * 3000 + "\x00\x07\ud800 😀"
    b["targets"]["b"][16]["metric"] = "<font size=40>" + "指" * 2000
    b["targets"]["b"][16]["section"] = ["<br/>" * 50, "</para>" * 100]
    b["changes"][0]["qualifiers"] = ["<i>" + "x" * 500] * 30
    out = tmp_path / "brief.pdf"
    render(b, out, "pdf")
    text = pdf_text(out)
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", HOSTILE) in flat, "markup in a source shows as text"
    assert "<b>A&B</b>" in flat


def test_a_long_brief_breaks_cleanly(sample, tmp_path):
    """Speed is measured in benchmarks/; here only the layout of a long brief."""
    from pypdf import PdfReader

    b = big_brief(sample, 3)  # 108 targets, 66 changes
    out = tmp_path / "brief.pdf"
    render(b, out, "pdf")
    pages = PdfReader(str(out)).pages
    assert len(pages) > 8
    heads = sum(re.sub(r"\s+", "", p.extract_text() or "").count("指标A的表述B的表述变化") for p in pages)
    assert heads > 4, "4 paired tables, more header rows: long tables repeat theirs on the next page"


def test_font_override_and_bad_font(sample, tmp_path):
    font = tmp_path / "my.ttc"
    shutil.copy(bundled_font(), font)
    render(sample, tmp_path / "brief.pdf", "pdf", font=font)
    assert "5G基站" in pdf_text(tmp_path / "brief.pdf")
    with pytest.raises(UsageError):
        render(sample, tmp_path / "x.pdf", "pdf", font=tmp_path / "missing.ttf")
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(UsageError):
        render(sample, tmp_path / "x.pdf", "pdf", font=bad)
    assert not (tmp_path / "x.pdf").exists()


def test_failed_render_leaves_the_old_file_and_no_temp_files(sample, tmp_path, monkeypatch):
    import compare.render.pdf as pdf

    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old")

    def boom(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(pdf, "render_pdf", boom)
    with pytest.raises(RuntimeError):
        render(sample, out, "pdf")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_bad_requests_are_usage_errors(sample, tmp_path):
    from compare.errors import OutputNotWritableError

    with pytest.raises(UsageError):
        render(sample, tmp_path / "b.rtf", "rtf")
    with pytest.raises(UsageError):
        render(sample, tmp_path / "b.pdf", "pdf", lang="fr")
    with pytest.raises(OutputNotWritableError):
        render(sample, tmp_path / "no" / "such" / "b.pdf", "pdf")


def test_empty_and_minimal_briefs_render(tmp_path):
    render({}, tmp_path / "empty.pdf", "pdf")
    assert "无" in pdf_text(tmp_path / "empty.pdf")
    minimal = {"documents": {"a": {"title": "甲"}, "b": {"title": "乙"}},
               "changes": [{"type": "new", "metric": "孤立指标", "a": None, "b": "missing-id"},
                           {"type": "escalated", "metric": "无比值", "a": "x", "b": "y"}]}
    render(minimal, tmp_path / "min.pdf", "pdf")
    assert "孤立指标" in pdf_text(tmp_path / "min.pdf")


@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                    reason="poppler-utils not installed")
def test_poppler_sees_an_embedded_subset_and_exact_chinese(sample, tmp_path):
    out = tmp_path / "brief.pdf"
    render(sample, out, "pdf")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes yes " in r for r in rows), fonts
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "规划目标对比简报" in text and "浙江省数字经济发展2020年工作要点" in text
    assert "B 延续了 A 的 15 项任务中的 11 项" in text


def test_output_path_that_is_a_folder(sample, tmp_path):
    from compare.errors import OutputNotWritableError

    (tmp_path / "brief.pdf").mkdir()
    with pytest.raises(OutputNotWritableError):
        render(sample, tmp_path / "brief.pdf", "pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


_RENDER_IN_CHILD = """
import json, sys
if sys.argv[3] == "without":
    sys.modules["_rl_accel"] = None  # as if rl-accel were not installed
from compare.render import render
render(json.loads(open(sys.argv[1], encoding="utf-8").read()), sys.argv[2], "pdf")
"""


def test_the_pdf_is_the_same_with_or_without_reportlabs_accelerator(tmp_path):
    pytest.importorskip("_rl_accel")
    import os
    import sys

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    made = {}
    for mode in ("with", "without"):
        out = tmp_path / f"{mode}.pdf"
        subprocess.run([sys.executable, "-c", _RENDER_IN_CHILD, str(FIXTURE), str(out), mode],
                       check=True, env=env, timeout=300)
        made[mode] = out.read_bytes()
    assert made["with"] == made["without"]
