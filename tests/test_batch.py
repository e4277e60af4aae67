"""Batch briefs: pairing modes, manifests, content keys, the index, failures, interruption, resuming, Dask."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare import batch as B
from compare.batch import BatchOptions, IndexRow, Job, PairSpec, Plan
from compare.cli import main
from compare.errors import ExitCode, UsageError

PLAN = """东江省{year}年政府工作报告

一、{year}年主要目标
{year}年全省地区生产总值增长{gdp}左右，居民消费价格涨幅{cpi}左右，城镇新增就业{jobs}万人以上，5G基站总数达到{bs}万个。

二、重点任务
（一）推进数字经济发展。数字经济核心产业增加值增长{de}以上，培育软件企业{sw}家，建设智能工厂{fac}家。
（二）加强生态环境保护。PM2.5平均浓度控制在{pm}微克/立方米以内，新增造林面积{forest}万亩。
（三）推进乡村振兴。粮食产量稳定在{grain}亿斤以上，建设高标准农田{farm}万亩。
"""
FIGURES = {
    2022: dict(gdp="6.5%", cpi="3%", jobs=60, bs=3, de="10%", sw=20, fac=30, pm=35, forest=50, grain=120, farm=100),
    2023: dict(gdp="6%", cpi="3%", jobs=65, bs=4, de="11%", sw=25, fac=30, pm=33, forest=50, grain=121, farm=110),
    2024: dict(gdp="5.5%", cpi="3%", jobs=65, bs=5, de="12%", sw=25, fac=40, pm=32, forest=45, grain=122, farm=120),
    2025: dict(gdp="5.5%", cpi="2%", jobs=70, bs=6, de="12%", sw=30, fac=40, pm=30, forest=45, grain=123, farm=130),
}


def plan_text(year: int, **changes: object) -> str:
    """A small synthetic work report for a year (figures from FIGURES, overridable)."""
    return PLAN.format(year=year, **{**FIGURES[year], **changes})


def write_plans(folder: Path, region: str = "dongjiang", years: tuple[int, ...] = (2022, 2023, 2024, 2025)) -> list[Path]:
    """One text plan per year named YEAR_region.txt; returns their paths in year order."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for y in years:
        p = folder / f"{y}_{region}.txt"
        p.write_text(plan_text(y), encoding="utf-8")
        out.append(p)
    return out


def write_binary(path: Path) -> Path:
    """A document that cannot be read: random bytes under a document's name."""
    path.write_bytes(bytes(range(256)) * 40)
    return path


def assert_valid(path: Path) -> None:
    """The output exists, is complete and opens as its format."""
    assert path.is_file(), path
    suffix = path.suffix
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["schema"] == "compare.brief/1" and data["changes"]
    elif suffix == ".xlsx":
        import openpyxl

        assert openpyxl.load_workbook(path).sheetnames
    elif suffix == ".csv":
        import pandas as pd

        assert len(pd.read_csv(path, encoding="utf-8-sig").columns) > 3
    elif suffix == ".pdf":
        from pypdf import PdfReader

        assert len(PdfReader(str(path)).pages) >= 1
    elif suffix == ".docx":
        import docx

        assert docx.Document(str(path)).paragraphs
    elif suffix == ".html":
        assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")
    else:  # pragma: no cover
        raise AssertionError(f"unexpected output {path}")


def leftovers(folder: Path) -> list[Path]:
    """Temporary files of an atomic write that was cut short."""
    return [p for p in folder.rglob(".*") if p.suffix in (".part", ".tmp")]


def index_of(out: Path):
    """index.csv as a DataFrame, with the name as index."""
    import pandas as pd

    text = ["name", "title", "group", "a", "b", "title_a", "title_b", "status", "error", "outputs", "key"]
    frame = pd.read_csv(out / "index.csv", encoding="utf-8-sig", dtype={c: str for c in text})
    frame[text] = frame[text].fillna("")
    return frame.set_index("name")


def run_cli(*args: str):
    return CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)


# ---------------------------------------------------------------- pure logic

@pytest.mark.parametrize("name, year, region", [
    ("2025_zhejiang.docx", 2025, "zhejiang"),
    ("gwr_2022_national.txt", 2022, "gwr_national"),
    ("浙江省2025年政府工作报告.docx", 2025, "浙江省_政府工作报告"),
    ("zhejiang-2026.txt", 2026, "zhejiang"),
    ("plan.txt", None, "plan"),
    ("12025_x.txt", None, "12025_x"),
])
def test_year_and_region_come_from_the_file_name(name, year, region):
    assert B.year_in_name(name) == year
    assert B.region_of(name) == region


def test_pair_names_are_readable_safe_and_unique():
    assert B.pair_name("d/2025_zhejiang.docx", "d/2026_zhejiang.txt") == "zhejiang_2025-2026"
    assert B.pair_name("a b.txt", "c:d.txt") == "a_b__c_d"
    pairs = B.unique_names([PairSpec("x/2025_a.txt", "x/2026_a.txt"), PairSpec("y/2025_a.txt", "y/2026_a.txt"),
                            PairSpec("p", "q", name="mine", out="sub/mine")])
    assert [p.name for p in pairs] == ["a_2025-2026", "a_2025-2026_2", "mine"]
    assert [p.out for p in pairs] == ["a_2025-2026", "a_2025-2026_2", "sub/mine"]


def test_by_name_pairs_each_region_as_a_series(tmp_path):
    names = ["2024_a.txt", "2025_a.docx", "2026_a.txt", "2025_b.docx", "2026_b.txt", "2025_c.txt", "notes.txt"]
    plan = B.by_name_plan([tmp_path / n for n in names])
    got = [(Path(p.a).name, Path(p.b).name, p.group) for p in plan.pairs]
    assert got == [("2024_a.txt", "2025_a.docx", "a"), ("2025_a.docx", "2026_a.txt", "a"),
                   ("2025_b.docx", "2026_b.txt", "b")]
    assert list(plan.series) == ["a", "b"] and len(plan.series["a"]) == 3
    assert any("2025_c.txt" in n for n in plan.notes) and any("notes.txt" in n for n in plan.notes)
    assert plan.rejects == []


def test_by_name_keeps_one_document_per_year_preferring_text(tmp_path):
    plan = B.by_name_plan([tmp_path / n for n in ("2025_a.pdf", "2025_a.txt", "2026_a.docx")])
    assert [(Path(p.a).name, Path(p.b).name) for p in plan.pairs] == [("2025_a.txt", "2026_a.docx")]
    assert any("leaving out 2025_a.pdf" in n for n in plan.notes)


def test_series_orders_by_year_and_rejects_a_document_without_one(tmp_path):
    docs = [tmp_path / n for n in ("c.txt", "a.txt", "b.txt", "x.txt")]
    years = dict(zip(docs, (2024, 2026, 2025, None), strict=True))
    plan = B.series_plan(docs, years)
    assert [(Path(p.a).name, Path(p.b).name) for p in plan.pairs] == [("c.txt", "b.txt"), ("b.txt", "a.txt")]
    assert [Path(d).name for d, _ in plan.rejects] == ["x.txt"] and "year" in plan.rejects[0][1]


def test_a_series_lists_an_unreadable_document_without_a_year_with_its_error(tmp_path):
    write_plans(tmp_path / "p", years=(2022, 2023))
    (tmp_path / "p" / "notes.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "o"
    assert run_cli(str(tmp_path / "p"), "--series", "-o", str(out), "-f", "json", "-j", "1").exit_code == 1
    idx = index_of(out)
    assert list(idx.status) == ["ok", "failed"]
    assert idx.error.iloc[1].endswith("notes.txt: is empty (check that the download or export finished)")


def test_all_pairs_puts_the_earlier_document_first(tmp_path):
    docs = [tmp_path / f"{y}_r.txt" for y in (2025, 2022, 2024, 2023)]
    plan = B.all_pairs_plan(docs, {d: B.year_in_name(d) for d in docs})
    assert len(plan.pairs) == 6
    assert all(B.year_in_name(p.a) < B.year_in_name(p.b) for p in plan.pairs)


def test_folder_listing_skips_notes_hidden_and_foreign_files(tmp_path):
    for n in ("2025_a.txt", "2026_a.docx", "SOURCES.md", "README.md", ".hidden.txt", "data.json", "x.pdf"):
        (tmp_path / n).write_text("x")
    (tmp_path / "sub").mkdir()
    assert [p.name for p in B.list_documents(tmp_path)] == ["2025_a.txt", "2026_a.docx", "x.pdf"]
    assert [p.name for p in B.list_documents(tmp_path, "2*")] == ["2025_a.txt", "2026_a.docx"]


def test_manifests_in_csv_and_toml_read_the_same(tmp_path):
    (tmp_path / "m.csv").write_text("A, B ,name,title,out\nx/1.txt,x/2.txt,one,第一对,briefs/one.pdf\n"
                                    "/abs/3.txt,4.txt,,,\n\n", encoding="utf-8-sig")
    (tmp_path / "m.toml").write_text('[[pair]]\na = "x/1.txt"\nb = "x/2.txt"\nname = "one"\ntitle = "第一对"\n'
                                     'out = "briefs/one.pdf"\n\n[[pair]]\na = "/abs/3.txt"\nb = "4.txt"\n',
                                     encoding="utf-8")
    csv, toml = B.read_manifest(tmp_path / "m.csv"), B.read_manifest(tmp_path / "m.toml")
    assert csv == toml
    assert csv[0] == PairSpec(str(tmp_path / "x/1.txt"), str(tmp_path / "x/2.txt"), "one", "第一对", "briefs/one")
    assert csv[1].a == "/abs/3.txt" and csv[1].b == str(tmp_path / "4.txt") and not csv[1].name


@pytest.mark.parametrize("text, why", [("a,c\nx,y\n", "columns a and b"), ("a,b\nx,\n", "lacks b"),
                                       ("a,b\n", "no pairs")])
def test_a_bad_csv_manifest_is_a_usage_error(tmp_path, text, why):
    (tmp_path / "m.csv").write_text(text)
    with pytest.raises(UsageError, match=why):
        B.read_manifest(tmp_path / "m.csv")


def test_a_bad_toml_manifest_is_a_usage_error(tmp_path):
    (tmp_path / "m.toml").write_text("[[pair]\na=1")
    with pytest.raises(UsageError, match="TOML"):
        B.read_manifest(tmp_path / "m.toml")


def test_the_content_key_follows_inputs_and_options(tmp_path):
    a, b = write_plans(tmp_path / "d", years=(2022, 2023))
    plan = Plan([PairSpec(str(a), str(b))])

    def key(**opts) -> str:
        return B.make_jobs(plan, BatchOptions(out_dir=tmp_path / "o", **opts), set())[0].key

    base = key(formats=("json",))
    assert key(formats=("json",)) == base
    assert key(formats=("json", "pdf")) != base and key(formats=("json",), lang="en") != base
    b.write_text(plan_text(2023, gdp="7%"), encoding="utf-8")  # same size as before
    later = b.stat().st_mtime_ns + 2_000_000_000  # saved 2 s later: no sleep racing the file system's clock
    os.utime(b, ns=(later, later))
    assert key(formats=("json",)) != base


def test_index_rows_survive_a_round_trip_through_the_index_record():
    row = IndexRow("n", "/a", "/b", title="t", group="g", year_a=2025, year_b=2026, tasks_a=3, tasks_b=4,
                   targets_a=5, targets_b=6, counts={"escalated": 1, "new": 2}, status="ok",
                   outputs=["/o/n.json", "/o/n.pdf"], seconds=1.5, key="k")
    rec = row.record()
    assert list(rec) == B.INDEX_COLUMNS and rec["outputs"] == "/o/n.json; /o/n.pdf" and rec["dropped"] is None
    back = IndexRow.from_record({k: "" if v is None else str(v) for k, v in rec.items()})
    assert back == row


def test_up_to_date_needs_the_same_key_a_finished_row_and_every_output(tmp_path):
    job = Job("n", "/a", "/b", str(tmp_path / "n"), ("json", "xlsx"), key="k1")
    row = IndexRow("n", "/a", "/b", status="ok", key="k1")
    assert not B.up_to_date(job, row)  # outputs missing
    for _, out in job.outputs():
        Path(out).write_text("x")
    assert B.up_to_date(job, row)
    assert not B.up_to_date(job, IndexRow("n", "/a", "/b", status="failed", key="k1"))
    assert not B.up_to_date(job, IndexRow("n", "/a", "/b", status="ok", key="k2"))
    assert not B.up_to_date(job, None)


# ---------------------------------------------------------------- batches over sample folders

def test_series_batch_with_a_broken_document_records_it_and_completes_the_rest(tmp_path):
    docs = write_plans(tmp_path / "plans")
    write_binary(tmp_path / "plans" / "2026_dongjiang.docx")
    out = tmp_path / "reports"
    res = run_cli(str(tmp_path / "plans"), "--series", "-o", str(out), "-f", "json,xlsx,csv", "-j", "2")
    assert res.exit_code == ExitCode.SOME_FAILED, res.output
    idx = index_of(out)
    assert list(idx.index) == ["dongjiang_2022-2023", "dongjiang_2023-2024", "dongjiang_2024-2025",
                               "dongjiang_2025-2026"]
    assert list(idx.status) == ["ok", "ok", "ok", "failed"]
    bad = idx.loc["dongjiang_2025-2026"]
    assert "2026_dongjiang.docx" in bad.error and "docx" in bad.error and bad.outputs == ""
    for name in idx.index[:3]:
        for ext in (".json", ".xlsx", ".csv"):
            assert_valid(out / (name + ext))
        assert idx.loc[name, "escalated"] > 0 and idx.loc[name, "year_b"] == idx.loc[name, "year_a"] + 1
    gdp = idx.loc["dongjiang_2022-2023"]
    assert (gdp.deescalated, gdp.unchanged) == (1, 3)  # GDP lowered; CPI, factories, forest unchanged
    # the timeline follows the readable documents and says which one it left out
    assert_valid(out / "index.xlsx")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count('href="dongjiang_20') == 9 and "2026_dongjiang.docx" in html and "track.xlsx" in html
    import pandas as pd

    track = pd.read_csv(out / "track.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(track.columns[3:]) == ["2022", "2022→2023", "2023", "2023→2024", "2024", "2024→2025", "2025"]
    assert docs and not leftovers(out)


def test_manifest_batch_writes_every_good_pair_and_lists_the_bad_one(tmp_path):
    a, b, c = write_plans(tmp_path / "p", years=(2022, 2023, 2024))
    (tmp_path / "p" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        "a,b,name,title,out\n"
        f"p/{a.name},p/{b.name},first,第一对,nested/first\n"
        f"{b},{c},,,\n"
        "p/empty.txt,p/2024_dongjiang.txt,broken,,\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli(str(tmp_path / "m.csv"), "-o", str(out), "-f", "json,xlsx", "-j", "1", "-q")
    assert res.exit_code == 1 and res.output == ""
    idx = index_of(out)
    assert list(idx.status) == ["ok", "ok", "failed"]
    assert idx.loc["first", "title"] == "第一对" and idx.loc["first", "outputs"] == "nested/first.json; nested/first.xlsx"
    assert "empty.txt: is empty" in idx.loc["broken", "error"]
    for p in ("nested/first.json", "nested/first.xlsx", "dongjiang_2023-2024.json", "dongjiang_2023-2024.xlsx"):
        assert_valid(out / p)
    assert not (out / "broken.json").exists() and not (out / "track.xlsx").exists()


def test_all_pairs_batch_compares_every_pair_once(tmp_path):
    write_plans(tmp_path / "p", years=(2022, 2023, 2024))
    write_binary(tmp_path / "p" / "2021_dongjiang.pdf")
    out = tmp_path / "o"
    res = run_cli(str(tmp_path / "p"), "--all-pairs", "-o", str(out), "-f", "json", "-j", "1")
    assert res.exit_code == 1
    idx = index_of(out)
    assert len(idx) == 6 and (idx.status == "ok").sum() == 3
    assert all("2021_dongjiang.pdf" in e for e in idx[idx.status == "failed"].error)
    for name in idx[idx.status == "ok"].index:
        assert_valid(out / f"{name}.json")


def test_by_name_batch_runs_each_region_and_a_timeline_for_long_series(tmp_path):
    write_plans(tmp_path / "p", "east", (2022, 2023, 2024))
    write_plans(tmp_path / "p", "west", (2024, 2025))
    out = tmp_path / "o"
    res = run_cli(str(tmp_path / "p"), "--by-name", "-o", str(out), "-f", "json", "-j", "1")
    assert res.exit_code == 0, res.output
    assert list(index_of(out).index) == ["east_2022-2023", "east_2023-2024", "west_2024-2025"]
    assert (out / "track_east.xlsx").is_file() and not (out / "track_west.xlsx").exists()
    res = run_cli(str(tmp_path / "p"), "--by-name", "-o", str(out), "-f", "json", "--track")
    assert res.exit_code == 0 and (out / "track_west.csv").is_file()


def test_pdf_docx_and_html_briefs_in_a_batch(tmp_path):
    a, b = write_plans(tmp_path / "p", years=(2024, 2025))
    (tmp_path / "m.toml").write_text(f'[[pair]]\na = "{a}"\nb = "{b}"\nname = "dj"\n', encoding="utf-8")
    out = tmp_path / "o"
    assert run_cli(str(tmp_path / "m.toml"), "-o", str(out), "-f", "pdf,docx,html", "-q").exit_code == 0
    for ext in (".pdf", ".docx", ".html"):
        assert_valid(out / f"dj{ext}")
    assert zipfile.is_zipfile(out / "dj.docx")


def test_rerun_skips_what_is_unchanged_and_redoes_what_changed(tmp_path):
    docs = write_plans(tmp_path / "p")
    out = tmp_path / "o"
    args = (str(tmp_path / "p"), "--series", "-o", str(out), "-f", "json", "-j", "1", "-q")
    assert run_cli(*args).exit_code == 0
    first = index_of(out)
    assert set(first.status) == {"ok"}
    stamp = (out / "dongjiang_2022-2023.json").stat().st_mtime_ns
    assert run_cli(*args).exit_code == 0
    assert set(index_of(out).status) == {"skipped"}
    assert (out / "dongjiang_2022-2023.json").stat().st_mtime_ns == stamp
    docs[3].write_text(plan_text(2025, gdp="4%"), encoding="utf-8")  # only the last pair reads this document
    (out / "dongjiang_2022-2023.json").unlink()  # and an output that went missing
    assert run_cli(*args).exit_code == 0
    again = index_of(out)
    assert list(again.status) == ["ok", "skipped", "ok"]
    assert again.loc["dongjiang_2024-2025", "key"] != first.loc["dongjiang_2024-2025", "key"]
    assert run_cli(*args, "--force").exit_code == 0
    assert set(index_of(out).status) == {"ok"}


def test_documents_in_several_pairs_are_read_and_parsed_once(tmp_path, monkeypatch):
    from compare import pipeline

    write_plans(tmp_path / "p")
    B.clear_cache()
    calls = {"load": 0, "extract": 0}
    real_load, real_extract = pipeline.load_document, pipeline.extract

    def load(path, limits=None):
        calls["load"] += 1
        return real_load(path, limits)

    def extract(doc, side="a"):
        calls["extract"] += 1
        return real_extract(doc, side)

    monkeypatch.setattr(pipeline, "load_document", load)
    monkeypatch.setattr(pipeline, "extract", extract)
    plan = B.plan_source(tmp_path / "p", "all-pairs")
    res = B.run_batch(plan, BatchOptions(out_dir=tmp_path / "o", formats=("json",), workers=1))
    assert [r.status for r in res.rows] == ["ok"] * 6
    assert calls == {"load": 4, "extract": 6}  # 4 documents; 3 as A and 3 as B (uncached: 12 and 12)


def test_the_out_dir_may_not_be_the_documents_folder(tmp_path):
    write_plans(tmp_path, years=(2022, 2023))
    res = run_cli(str(tmp_path), "--series", "-o", str(tmp_path))
    assert res.exit_code == ExitCode.USAGE and "--out-dir" in res.output


@pytest.mark.parametrize("args, why", [
    (["FOLDER"], "pairing mode"),
    (["FOLDER", "--series", "--by-name"], "choose one"),
    (["MANIFEST", "--series"], "--series applies to a folder"),
    (["MANIFEST", "--track"], "--track follows a series"),
    (["FOLDER", "--series", "-f", "pdf,doc"], "'doc' is not one of"),
    (["FOLDER", "--series", "--font", "/no/such.ttf"], "font not found"),
])
def test_usage_errors_exit_2(tmp_path, args, why):
    write_plans(tmp_path / "p", years=(2022, 2023))
    (tmp_path / "m.csv").write_text(f"a,b\n{tmp_path}/p/2022_dongjiang.txt,{tmp_path}/p/2023_dongjiang.txt\n")
    subst = {"FOLDER": str(tmp_path / "p"), "MANIFEST": str(tmp_path / "m.csv")}
    res = CliRunner().invoke(main, ["batch", *[subst.get(a, a) for a in args], "-o", str(tmp_path / "o")])
    assert res.exit_code == 2 and why in res.output, res.output


# ---------------------------------------------------------------- interruption and dead workers

def test_an_interrupted_batch_leaves_no_partial_output_and_a_rerun_finishes_the_rest(tmp_path, monkeypatch):
    from compare.outputs import atomic_path
    from compare.render import registry as writers

    write_plans(tmp_path / "p")
    out = tmp_path / "o"
    real = writers.write_brief
    calls = {"n": 0}

    def flaky(data, path, fmt, **kw):
        calls["n"] += 1
        if calls["n"] == 4:  # the second pair's second output, half written when Ctrl-C comes
            with atomic_path(Path(path)) as tmp:
                tmp.write_bytes(b"PK\x03\x04 half a workbook")
                raise KeyboardInterrupt
        return real(data, path, fmt, **kw)

    monkeypatch.setattr(writers, "write_brief", flaky)
    args = (str(tmp_path / "p"), "--series", "-o", str(out), "-f", "json,xlsx", "-j", "1")
    res = CliRunner().invoke(main, ["batch", *args])
    assert res.exit_code == ExitCode.INTERRUPTED
    assert not leftovers(out)
    assert not (out / "dongjiang_2023-2024.xlsx").exists() and not (out / "dongjiang_2024-2025.json").exists()
    for p in out.glob("dongjiang_*"):
        assert_valid(p)  # whatever exists is whole
    assert list(index_of(out).status) == ["ok", "interrupted", "interrupted"]
    monkeypatch.setattr(writers, "write_brief", real)
    assert run_cli(*args, "-q").exit_code == 0
    assert list(index_of(out).status) == ["skipped", "ok", "ok"]
    for name in index_of(out).index:
        assert_valid(out / f"{name}.json")
        assert_valid(out / f"{name}.xlsx")


def crash_on_2023(job: Job) -> IndexRow:
    """A runner whose worker process dies on the pair that starts in 2023 (pool tests)."""
    if "2023-" in job.name:
        os._exit(7)
    return B.run_pair(job)


def interrupt_on_2023(job: Job) -> IndexRow:
    """A runner that gets Ctrl-C in the worker on the pair that starts in 2023 (pool tests)."""
    if "2023-" in job.name:
        raise KeyboardInterrupt
    return B.run_pair(job)


def test_a_killed_worker_fails_only_its_pair_and_a_rerun_completes_it(tmp_path):
    write_plans(tmp_path / "p")
    plan = B.plan_source(tmp_path / "p", "series")
    opts = BatchOptions(out_dir=tmp_path / "o", formats=("json", "xlsx"), workers=2)
    res = B.run_batch(plan, opts, runner=crash_on_2023)
    status = {r.name: (r.status, r.error) for r in res.rows}
    assert status["dongjiang_2022-2023"] == ("ok", "") and status["dongjiang_2024-2025"] == ("ok", "")
    assert status["dongjiang_2023-2024"][0] == "failed" and "worker process died" in status["dongjiang_2023-2024"][1]
    assert res.exit_code == ExitCode.SOME_FAILED and not leftovers(tmp_path / "o")
    again = B.run_batch(plan, opts)
    assert [r.status for r in again.rows] == ["skipped", "ok", "skipped"] and again.exit_code == 0


def stall_mid_write_once(job: Job) -> IndexRow:
    """The first time, the 2022 pair's worker starts an output (a .part file) and stalls; the 2023 pair's worker
    dies as soon as that file exists. Later attempts of the 2022 pair run normally (pool tests)."""
    stem = Path(job.stem)
    started = stem.parent / "stalled-once"
    if "2022-" in job.name and not started.exists():
        (stem.parent / f".{stem.name}.json.stalled.part").write_text("half a brief")
        started.write_text("x")
        time.sleep(600)  # ended by the pool's break long before this returns
    if "2023-" in job.name:
        for _ in range(6000):  # poll for the stalled write (60 s at most), then die whatever happened
            if started.exists():
                break
            time.sleep(0.01)
        os._exit(7)
    return B.run_pair(job)


def test_a_worker_killed_mid_write_by_a_broken_pool_leaves_no_temporary_file(tmp_path):
    write_plans(tmp_path / "p")
    plan = B.plan_source(tmp_path / "p", "series")
    out = tmp_path / "o"
    out.mkdir()
    res = B.run_batch(plan, BatchOptions(out_dir=out, formats=("json",), workers=2), runner=stall_mid_write_once)
    status = {r.name: r.status for r in res.rows}
    assert status == {"dongjiang_2022-2023": "ok", "dongjiang_2023-2024": "failed", "dongjiang_2024-2025": "ok"}
    assert (out / "stalled-once").is_file(), "the 2022 pair never stalled: the test did not test anything"
    assert not leftovers(out)


def test_ctrl_c_in_a_worker_stops_the_pool_and_keeps_what_finished(tmp_path):
    write_plans(tmp_path / "p")
    plan = B.plan_source(tmp_path / "p", "series")
    opts = BatchOptions(out_dir=tmp_path / "o", formats=("json",), workers=2)
    with pytest.raises(KeyboardInterrupt) as e:
        B.run_batch(plan, opts, runner=interrupt_on_2023)
    rows = {r.name: r.status for r in e.value.result.rows}
    assert rows["dongjiang_2023-2024"] == "interrupted" and not leftovers(tmp_path / "o")
    assert (tmp_path / "o" / "index.csv").is_file()
    assert all(r.status == "ok" for r in B.run_batch(plan, opts).rows if rows[r.name] != "ok")


# ---------------------------------------------------------------- Dask

def test_the_same_jobs_run_on_a_dask_cluster(tmp_path):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    a, b, c = write_plans(tmp_path / "p", years=(2022, 2023, 2024))
    write_binary(tmp_path / "p" / "broken.docx")
    (tmp_path / "m.csv").write_text(f"a,b\n{a},{b}\n{b},{c}\n{c},{tmp_path / 'p' / 'broken.docx'}\n")
    out = tmp_path / "o"
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        res = run_cli(str(tmp_path / "m.csv"), "-o", str(out), "-f", "json,xlsx", "--scheduler",
                      cluster.scheduler_address)
    assert res.exit_code == 1, res.output
    idx = index_of(out)
    assert list(idx.status) == ["ok", "ok", "failed"] and "broken.docx" in idx.status.index[2] + idx.error.iloc[2]
    for name in idx.index[:2]:
        assert_valid(out / f"{name}.json")
        assert_valid(out / f"{name}.xlsx")


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from compare.batch import executor

    monkeypatch.setattr(executor, "DASK_CONNECT_TIMEOUT", "1s")
    write_plans(tmp_path / "p", years=(2022, 2023))
    res = run_cli(str(tmp_path / "p"), "--series", "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9")
    assert res.exit_code == 2 and "Dask scheduler" in res.output


# ---------------------------------------------------------------- the real corpus

@pytest.mark.slow
def test_the_31_regions_run_as_one_by_name_batch(corpus, tmp_path):
    out = tmp_path / "reports"
    res = run_cli(str(corpus / "provinces"), "--by-name", "-f", "pdf,json", "-o", str(out), "-j", "2", "-q")
    assert res.exit_code == 0, res.output
    idx = index_of(out)
    assert len(idx) == 31 and set(idx.status) == {"ok"} and set(idx.year_a) == {2025} and set(idx.year_b) == {2026}
    for name in idx.index:
        assert_valid(out / f"{name}.json")
        assert (out / f"{name}.pdf").read_bytes()[:5] == b"%PDF-"
    assert_valid(out / "index.xlsx")
    assert (out / "index.html").read_text(encoding="utf-8").count(".pdf\"") == 31
