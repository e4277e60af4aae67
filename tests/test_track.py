"""Target timelines: chaining pairs into rows, the table and its files, the command, the national reports."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from compare.cli import main
from compare.track import (
    TrackTable,
    build_track,
    cell_text,
    column_labels,
    step_of,
    track_documents,
    track_frame,
    write_track,
)

from .test_batch import plan_text, write_binary, write_plans


def fig(i: int, metric: str, written: str, value: float, unit: str = "%", basis: str = "growth",
        stretch: bool = False) -> dict:
    """A slim target as step_of keeps it; the offset stands for its place in the document."""
    return {"id": f"t{i}", "metric": metric, "written": written, "value": value, "unit": unit, "basis": basis,
            "stretch": stretch, "offset": i * 10, "quote": f"{metric}{written}", "section": ["一、目标"]}


def step(year_a: int, year_b: int, ta: list[dict], tb: list[dict], links: list[tuple[int, int, str]]) -> dict:
    """A slim brief: A's and B's figures (ids prefixed by side) and the paired changes (A index, B index, type)."""
    def side(s: str, figs: list[dict]) -> list[dict]:
        return [{**f, "id": f"{s}-{f['id']}"} for f in figs]

    a, b = side("a", ta), side("b", tb)
    return {"documents": {"a": {"path": f"/d/{year_a}.txt", "title": f"{year_a}年报告", "year": year_a},
                          "b": {"path": f"/d/{year_b}.txt", "title": f"{year_b}年报告", "year": year_b}},
            "targets": {"a": a, "b": b},
            "changes": [{"type": t, "a": a[i]["id"], "b": b[j]["id"]} for i, j, t in links]}


GDP = [fig(0, "地区生产总值", "6%左右", 6), fig(0, "地区生产总值", "5.5%左右", 5.5), fig(0, "生产总值", "5.5%左右", 5.5)]


def test_pairs_of_neighbours_chain_into_one_row_per_metric():
    d22 = [GDP[0], fig(1, "5G基站", "3万个", 3e4, "个", "level")]
    d23 = [GDP[1], fig(1, "5G基站", "4万个", 4e4, "个", "level"), fig(2, "算力", "5EFLOPS", 5, "EFLOPS", "level")]
    d24 = [GDP[2], fig(2, "算力", "8EFLOPS", 8, "EFLOPS", "level"), fig(3, "新增5G基站", "1万个", 1e4, "个", "increment")]
    table = build_track([step(2022, 2023, d22, d23, [(0, 0, "deescalated"), (1, 1, "escalated")]),
                         step(2023, 2024, d23, d24, [(0, 0, "unchanged"), (2, 1, "escalated"), (1, 2, "rebased")])])
    assert [c.label for c in table.columns] == ["2022", "2023", "2024"]
    got = [(r.metric, [r.written(i) for i in range(3)], r.marks) for r in table.rows]
    assert got == [
        ("地区生产总值", ["6%左右", "5.5%左右", "5.5%左右"], ["↓", "="]),  # the name used most (latest on ties)
        ("5G基站", ["3万个", "4万个", "1万个"], ["↑", "≈"]),
        ("算力", ["", "5EFLOPS", "8EFLOPS"], ["", "↑"]),
    ]
    assert table.rows[1].unit == "个" and table.rows[1].basis == "increment"  # the latest figure's
    assert [r.span for r in table.rows] == [3, 3, 2]


def test_new_and_dropped_figures_leave_blanks_and_rows_keep_document_order():
    d1 = [fig(0, "甲", "1%", 1), fig(1, "乙", "2%", 2)]
    d2 = [fig(0, "丙", "3%", 3), fig(1, "甲", "1%", 1)]
    table = build_track([step(2024, 2025, d1, d2, [(0, 1, "unchanged")])])
    assert [(r.metric, r.written(0), r.marks[0], r.written(1)) for r in table.rows] == [
        ("甲", "1%", "=", "1%"), ("乙", "2%", "", ""), ("丙", "", "", "3%")]


def test_a_figure_paired_twice_forks_its_row_and_a_merge_ends_the_second_chain():
    floor, stretch = fig(1, "增加值", "6%", 6), fig(2, "增加值", "7%", 7, stretch=True)
    d1, d2 = [fig(0, "增加值", "5%", 5)], [floor, stretch]
    d3 = [fig(0, "增加值", "6.5%", 6.5)]
    table = build_track([step(2023, 2024, d1, d2, [(0, 0, "escalated"), (0, 1, "escalated")]),
                         step(2024, 2025, d2, d3, [(0, 0, "escalated"), (1, 0, "deescalated")])])
    rows = [([r.written(i) for i in range(3)], r.marks) for r in table.rows]
    assert rows == [(["5%", "6%", "6.5%"], ["↑", "↑"]), (["5%", "力争7%", ""], ["↑", ""])]


def test_labels_name_the_file_where_years_repeat_or_are_unknown():
    docs = [{"year": 2024, "path": "/x/a.txt"}, {"year": 2024, "path": "/x/b.txt"}, {"year": None, "path": "/x/c.docx"},
            {"year": 2025, "path": "/x/d.txt"}]
    assert column_labels(docs) == ["2024 a", "2024 b", "? c", "2025"]


def test_cell_text_marks_a_stretch_figure():
    assert cell_text(fig(0, "x", "6%", 6, stretch=True)) == "力争6%" and cell_text(None) == ""


def test_step_of_keeps_only_targets_and_paired_changes():
    brief = {"documents": {"a": {"path": "a", "title": "A", "year": 1, "sha256": "x"}, "b": {"path": "b", "year": 2}},
             "targets": {"a": [{**fig(0, "m", "1%", 1), "kind": "target"}, {**fig(1, "m", "9%", 9), "kind": "actual"}],
                         "b": [{**fig(0, "m", "2%", 2), "kind": "target"}]},
             "changes": [{"type": "escalated", "a": "t0", "b": "t0", "ratio": 2}, {"type": "new", "a": None, "b": "t5"}]}
    s = step_of(brief)
    assert [t["id"] for t in s["targets"]["a"]] == ["t0"] and s["changes"] == [{"type": "escalated", "a": "t0",
                                                                                "b": "t0"}]
    assert s["documents"]["a"] == {"path": "a", "title": "A", "year": 1}


def test_the_engine_track_of_a_synthetic_series(tmp_path):
    docs = write_plans(tmp_path)
    table = track_documents(list(reversed(docs)))  # ordered by year, whatever the order given
    assert [c.year for c in table.columns] == [2022, 2023, 2024, 2025]
    rows = {r.metric: r for r in table.rows}
    gdp, pm = rows["地区生产总值"], rows["PM2.5平均浓度"]
    assert [gdp.written(i) for i in range(4)] == ["6.5%左右", "6%左右", "5.5%左右", "5.5%左右"]
    assert gdp.marks == ["↓", "↓", "="]
    assert pm.marks == ["↑", "↑", "↑"]  # a lower ceiling is more ambitious
    assert all(r.span == 4 for r in table.rows)
    kept = track_documents(docs[::-1], keep_order=True)
    assert [c.year for c in kept.columns] == [2025, 2024, 2023, 2022]


def test_every_track_format_is_written_and_readable(tmp_path):
    import openpyxl
    import pandas as pd
    from docx import Document
    from pypdf import PdfReader

    table = track_documents(write_plans(tmp_path / "p"))
    for ext in ("xlsx", "csv", "json", "pdf", "docx"):
        write_track(table, tmp_path / f"t.{ext}")
    frame = track_frame(table)
    assert list(frame.columns) == ["metric", "unit", "basis", "2022", "2022→2023", "2023", "2023→2024", "2024",
                                   "2024→2025", "2025"]
    csv = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(csv.columns) == list(frame.columns) and csv.values.tolist() == frame.values.tolist()
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert wb.sheetnames == ["track", "evidence", "documents"] and wb["evidence"].max_row == 1 + 4 * len(table.rows)
    data = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert data["schema"] == "compare.track/1" and len(data["rows"]) == len(table.rows)
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "t.pdf")).pages)
    assert "地区生产总值" in text and "6.5%左右" in text
    doc = Document(str(tmp_path / "t.docx"))
    assert doc.tables and doc.tables[0].rows[1].cells[0].text == table.rows[0].metric
    assert doc.inline_shapes  # the chart picture
    assert not list(tmp_path.glob(".*"))


def test_an_empty_timeline_still_writes(tmp_path):
    empty = TrackTable(build_track([step(2024, 2025, [], [], [])]).columns)
    for ext in ("xlsx", "csv", "pdf", "docx"):
        write_track(empty, tmp_path / f"e.{ext}")
        assert (tmp_path / f"e.{ext}").stat().st_size > 0


def test_the_track_command(tmp_path):
    docs = [str(p) for p in write_plans(tmp_path / "p", years=(2023, 2024, 2025))]
    run = CliRunner().invoke
    res = run(main, ["track", *docs, "--min-years", "3"], catch_exceptions=False)
    assert res.exit_code == 0 and "地区生产总值" in res.output and "↓" in res.output
    res = run(main, ["track", *docs, "-o", str(tmp_path / "t.xlsx"), "-o", str(tmp_path / "t.pdf")])
    assert res.exit_code == 0 and (tmp_path / "t.xlsx").is_file() and (tmp_path / "t.pdf").is_file()
    assert run(main, ["track", *docs, "-o", str(tmp_path / "t.txt")]).exit_code == 2
    assert run(main, ["track", docs[0]]).exit_code == 2
    bad = write_binary(tmp_path / "p" / "2026_dongjiang.docx")
    res = run(main, ["track", *docs, str(bad)])
    assert res.exit_code == 3 and "2026_dongjiang.docx" in res.output


def test_a_changed_figure_moves_its_mark(tmp_path):
    docs = write_plans(tmp_path, years=(2024, 2025))
    docs[1].write_text(plan_text(2025, gdp="6%"), encoding="utf-8")
    (gdp,) = [r for r in track_documents(docs).rows if r.metric == "地区生产总值"]
    assert gdp.marks == ["↑"]


def test_the_national_work_reports_give_the_headline_targets_per_year(corpus, tmp_path):
    import pandas as pd

    docs = sorted((corpus / "real").glob("gwr_20*_national.txt"))
    assert [d.name[4:8] for d in docs] == ["2022", "2023", "2024", "2025"]
    out = tmp_path / "national.csv"
    res = CliRunner().invoke(main, ["track", *map(str, docs), "-o", str(out), "-o", str(tmp_path / "n.pdf")],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    frame = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False).set_index("metric")
    years = ["2022", "2023", "2024", "2025"]

    def row(metric: str) -> list[str]:
        hits = frame.loc[[metric]] if metric in frame.index else frame.iloc[0:0]
        full = [list(r) for r in hits[years].itertuples(index=False) if all(r)]
        assert full, f"{metric} is not followed across all four reports"
        return full[0]

    assert row("国内生产总值") == ["5.5%左右", "5%左右", "5%左右", "5%左右"]
    assert row("居民消费价格") == ["3%左右", "3%左右", "3%左右", "2%左右"]
    assert row("赤字率") == ["2.8%左右", "3%", "3%", "4%左右"]
    assert row("地方政府专项债券") == ["3.65万亿元", "3.8万亿元", "3.9万亿元", "4.4万亿元"]
    marks = frame.loc["国内生产总值", ["2022→2023", "2023→2024", "2024→2025"]]
    assert list(marks.iloc[0] if marks.ndim == 2 else marks) == ["↓", "=", "="]
    assert (tmp_path / "n.pdf").read_bytes()[:5] == b"%PDF-"


def test_a_series_batch_writes_the_timeline_beside_the_briefs(tmp_path):
    write_plans(tmp_path / "p")
    res = CliRunner().invoke(main, ["batch", str(tmp_path / "p"), "--series", "-o", str(tmp_path / "o"), "-f",
                                    "json,pdf", "-j", "1", "-q"])
    assert res.exit_code == 0, res.output
    for ext in ("xlsx", "csv", "json", "pdf"):
        assert (tmp_path / "o" / f"track.{ext}").is_file()
    assert not (tmp_path / "o" / "track.docx").exists()  # only the formats asked for, plus the tables
    data = json.loads((tmp_path / "o" / "track.json").read_text(encoding="utf-8"))
    assert [d["year"] for d in data["documents"]] == [2022, 2023, 2024, 2025]
    gdp = next(r for r in data["rows"] if r["metric"] == "地区生产总值")
    assert gdp["marks"] == ["↓", "↓", "="]
    Path(tmp_path / "o" / "track.csv").unlink()
    res = CliRunner().invoke(main, ["batch", str(tmp_path / "p"), "--series", "-o", str(tmp_path / "o"), "-f",
                                    "json,pdf", "-q"])
    assert res.exit_code == 0 and (tmp_path / "o" / "track.csv").is_file()  # remade from the workers' steps or anew
