"""The word-level redline: B's clause as edits of A's, the moved figure marked, cut text marked with …."""

from __future__ import annotations

import pytest

from compare.redline import cap, changed, redline, redline_html, side, window


def test_a_moved_figure_is_one_deletion_and_one_insertion():
    ops = redline("改造农村公路危旧桥梁超240座", "改造农村公路危旧桥梁180座")
    assert [(o["op"], o["text"]) for o in ops] == [
        ("equal", "改造农村公路危旧桥梁"),
        ("delete", "超"),
        ("delete", "240"),
        ("insert", "180"),
        ("equal", "座"),
    ]
    assert [o["text"] for o in ops if o.get("figure")] == ["240", "180"]


def test_a_range_replacing_a_figure_stays_whole():
    ops = redline("地区生产总值增长5%左右", "地区生产总值增长4.5%—5%")
    assert ("insert", "4.5%—5%") in [(o["op"], o["text"]) for o in ops]
    assert ("delete", "5%") in [(o["op"], o["text"]) for o in ops]


@pytest.mark.parametrize(
    "a,b",
    [
        ("累计建成5G基站5万个", "累计建成5G基站16万个以上"),
        ("", "全新的一句话"),
        ("删掉的一句话", ""),
        ("完全相同的文字", "完全相同的文字"),
        ("规模以上工业增加值增长6%左右", "规上工业增加值增长5.5%左右"),
    ],
)
def test_each_side_reads_back_out_of_the_ops(a, b):
    ops = redline(a, b)
    assert side(ops, "a") == a
    assert side(ops, "b") == b
    assert changed(ops) == (a != b)


def test_long_unchanged_stretches_are_cut_with_an_ellipsis():
    a = "为加快建设现代化产业体系，推动经济高质量发展，全年改造农村公路危旧桥梁超240座，并完善养护机制"
    b = "为加快建设现代化产业体系，推动经济高质量发展，全年改造农村公路危旧桥梁180座，并完善养护机制"
    shown = "".join(o["text"] for o in window(redline(a, b), context=6))
    assert shown.startswith("…") and shown.endswith("…")
    assert "240" in shown and "180" in shown
    assert len(shown) < len(a) - 20


def test_a_capped_redline_ends_in_an_ellipsis():
    ops = redline("甲" * 50, "乙" * 50)
    out = cap(ops, 30)
    assert sum(len(o["text"]) for o in out) <= 31
    assert out[-1]["text"] == "…"


def test_html_markup_is_inert_and_marks_the_figure():
    html = redline_html(redline("<script>x</script>增长5%", "<b>y</b>增长6%"))
    assert "<script" not in html and "<b>" not in html and "&lt;" in html
    assert "<del><mark>5%</mark></del>" in html
    assert "<ins><mark>6%</mark></ins>" in html
