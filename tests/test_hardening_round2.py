"""Issue 10, hardening round two: each case as the issue writes it, at the command line.

Every case asserts the exit code, a one-line message with no traceback, and that nothing is written
outside the output folder or over an input.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.errors import ExitCode

from .test_batch import plan_text, write_plans


def cli(*args: str | Path):
    """Run the CLI in-process; click 8.2+ keeps stderr apart from stdout."""
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line(result, code: int, *words: str) -> str:
    """The run ended with `code` and said why in one line on stderr, holding every key word; no traceback."""
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare: ") and "Traceback" not in result.output, lines
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder with the hash of its bytes: what a run may not change."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- 1. nested HTML that slipped past the nesting guard --------------------------------------------

N = 200_000
NESTED = {
    "comment closed by --!>": "<html><body><!-- x --!>" + "<div>" * N,
    "empty comment <!-->": "<html><body><!-->" + "<div>" * N,
    "noscript is markup": "<html><body><noscript>" + "<div>" * N,
    "svg title is markup": "<html><body><svg><title>" + "<div>" * N,
    "ignored end tags": "<html><body>" + "<div></x>" * N,
}


@pytest.mark.parametrize("page", list(NESTED), ids=list(NESTED))
def test_deep_nesting_behind_a_comment_noscript_or_svg_title_is_refused(tmp_path, page):
    path = tmp_path / "x.html"
    path.write_text(NESTED[page] + "建成5G基站5万个。" + "</div>" * N, encoding="utf-8")
    before = tree(tmp_path)
    one_line(cli("targets", path), ExitCode.UNSUPPORTED_INPUT, str(path), "nests HTML elements")
    assert tree(tmp_path) == before


def test_ordinary_pages_with_comments_noscript_and_svg_still_read(tmp_path):
    page = (
        "<html><head><title>东江省工作方案</title></head><body><!-- nav --!><!--><!--->"
        "<noscript><p>请启用脚本</p></noscript><svg><title>图</title><g><rect/></g></svg>"
        "<div><span><div><p>一、主要目标</p></div></x></div>"
        + "<div><p>新增5G基站5万个。</p></div>" * 50
        + "</body></html>"
    )
    path = tmp_path / "ok.html"
    path.write_text(page, encoding="utf-8")
    result = cli("targets", path)
    assert result.exit_code == 0, result.output
    assert "5G基站" in result.stdout


# --- 2. batch inputs go through the reader's checks before anything reads them ---------------------


def test_a_batch_refuses_dev_zero_a_fifo_and_a_huge_sparse_file_as_failed_rows(tmp_path):
    import os

    good = tmp_path / "b.txt"
    good.write_text(plan_text(2023), encoding="utf-8")
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    sparse = tmp_path / "sparse.txt"
    with open(sparse, "wb") as fh:
        fh.write("一、主要目标\n".encode())
        fh.truncate(1 << 30)  # 1 GB that costs no disk
    (tmp_path / "m.csv").write_text(f"a,b\n/dev/zero,{good}\n{fifo},{good}\n{sparse},{good}\n{good},{good}\n")
    before = tree(tmp_path)
    result = cli("batch", tmp_path / "m.csv", "-o", tmp_path / "out", "-f", "json", "-j", "1", "-q")
    assert result.exit_code == ExitCode.SOME_FAILED, result.output
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    import pandas as pd

    idx = pd.read_csv(tmp_path / "out" / "index.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(idx.status) == ["failed", "failed", "failed", "ok"]
    assert (
        "/dev/zero: is not a regular file" in idx.error[0]
        and f"{fifo}: is not a regular file" in idx.error[1]
    )
    assert "byte limit" in idx.error[2] and "COMPARE_LIMIT_MAX_BYTES" in idx.error[2]
    assert {k: v for k, v in tree(tmp_path).items() if not k.startswith("out/")} == before


def test_a_fifo_swapped_in_after_the_check_does_not_hang_the_reader(tmp_path, monkeypatch):
    """The check sees a regular file; by the open it is a FIFO with no writer: refused, not a hang."""
    import os

    from compare.errors import CompareError
    from compare.read import Limits, read_input_bytes

    path = tmp_path / "plan.txt"
    path.write_text(plan_text(2023), encoding="utf-8")
    real_open = os.open

    def swap_then_open(name, flags, *args):
        if str(name) == str(path):
            os.unlink(path)
            os.mkfifo(path)
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", swap_then_open)
    with pytest.raises(CompareError, match="is not a regular file"):
        read_input_bytes(str(path), Limits())


def test_a_byte_limit_of_100000g_is_a_limit_not_a_memory_error(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPARE_LIMIT_MAX_BYTES", "100000G")
    path = tmp_path / "m.txt"
    path.write_text(plan_text(2023), encoding="utf-8")
    result = cli("targets", path)
    assert result.exit_code == 0, (result.output, result.exception)
    assert "5G基站" in result.stdout


# --- 3. a manifest's out stays inside --out-dir ----------------------------------------------------


@pytest.mark.parametrize(
    ("out", "words"),
    [("../docs/c", "outside --out-dir"), ("../../elsewhere/x", "outside"), ("index", "index or timeline")],
)
def test_a_manifest_out_outside_the_folder_over_an_input_or_reserved_is_refused(tmp_path, out, words):
    docs = tmp_path / "docs"
    a, c = write_plans(docs, years=(2022, 2023))
    c_json = docs / "c.json"
    c_json.write_text("{}", encoding="utf-8")  # what out=../docs/c would have overwritten
    (tmp_path / "m.csv").write_text(f"a,b,name,out\n{a},{c},p1,{out}\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    before = tree(tmp_path)
    one_line(
        cli("batch", tmp_path / "m.csv", "-o", tmp_path / "out", "-f", "json", "-j", "1", "-q"),
        ExitCode.USAGE,
        "pair p1",
        words,
    )
    assert tree(tmp_path) == before and not (tmp_path.parent / "elsewhere").exists()


def test_a_pair_named_index_is_refused_and_an_out_that_is_an_input_too(tmp_path):
    docs = tmp_path / "docs"
    a, c = write_plans(docs, years=(2022, 2023))
    (tmp_path / "m.csv").write_text(f"a,b,name\n{a},{c},index\n", encoding="utf-8")
    one_line(
        cli("batch", tmp_path / "m.csv", "-o", tmp_path, "-f", "json", "-q"), ExitCode.USAGE, "pair index"
    )
    page = docs / "p.html"
    page.write_text("<p>一、主要目标</p>", encoding="utf-8")
    (tmp_path / "m.csv").write_text(f"a,b,name,out\n{a},{page},p1,docs/p\n", encoding="utf-8")
    before = tree(docs)
    one_line(
        cli("batch", tmp_path / "m.csv", "-o", tmp_path, "-f", "html", "-q"),
        ExitCode.USAGE,
        "overwrite an input",
    )
    assert tree(docs) == before


# --- 4. square brackets in document text are text --------------------------------------------------


def test_rich_markup_in_document_text_is_printed_literally(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text(
        "一、主要目标\n新增[/b]基站5万个。[link=https://x.example]点击[/link][blink]\n", encoding="utf-8"
    )
    result = cli("targets", path)
    assert result.exit_code == 0, (result.output, result.exception)
    assert "[/b]" in result.stdout
    other = tmp_path / "n.txt"
    other.write_text("一、主要目标\n新增[/b]基站6万个。\n", encoding="utf-8")
    result = cli("track", path, other, "--keep-order")
    assert result.exit_code == 0, (result.output, result.exception)
    assert "[/b]" in result.stdout


def test_a_batch_progress_bar_prints_a_hostile_error_literally():
    import io

    from rich.console import Console

    from compare.batch import IndexRow, Job, RichReporter

    out = io.StringIO()
    reporter = RichReporter(Console(file=out, force_terminal=True, width=120))
    reporter.start(1, 0)
    reporter.running([Job("[/x]pair", "/a", "/b", "/o/p", ("json",))])
    reporter.done(
        IndexRow("[/x]pair", "/a", "/b", status="failed", error="/a: bad [/x] part [link=http://x]y")
    )
    reporter.close()
    assert "[/x] part [link=http://x]y" in out.getvalue()


# --- 1b. a per-pair time limit: a pair that runs over fails, the rest complete with their index ---


def stall_on_2023(job):
    """A runner whose 2023 pair never ends on its own (a parse that would not finish)."""
    import time

    from compare import batch as B

    if "2023-" in job.name:
        time.sleep(3600)
    return B.run_pair(job)


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "pool"])
def test_a_pair_over_the_time_limit_fails_and_the_batch_completes(tmp_path, monkeypatch, workers):
    from compare import batch as B

    monkeypatch.setenv("COMPARE_LIMIT_MAX_PAIR_SECONDS", "2")
    write_plans(tmp_path / "p")
    plan = B.plan_source(tmp_path / "p", "series")
    out = tmp_path / "o"
    res = B.run_batch(
        plan, B.BatchOptions(out_dir=out, formats=("json",), workers=workers), runner=stall_on_2023
    )
    status = {r.name: (r.status, r.error) for r in res.rows}
    assert status["dongjiang_2022-2023"] == ("ok", "") and status["dongjiang_2024-2025"] == ("ok", "")
    bad = status["dongjiang_2023-2024"]
    assert bad[0] == "failed" and "took over 2 s" in bad[1] and "COMPARE_LIMIT_MAX_PAIR_SECONDS" in bad[1]
    assert "\n" not in bad[1] and res.exit_code == ExitCode.SOME_FAILED
    assert (out / "index.csv").is_file() and (out / "index.html").is_file()
    assert not [p for p in out.rglob(".*") if p.suffix in (".part", ".tmp")]


# --- 6. timeline columns of the same year and file stem --------------------------------------------


def test_documents_with_the_same_year_and_stem_keep_their_own_timeline_columns(tmp_path):
    import pandas as pd

    for folder, bs in (("x", 5), ("y", 9)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan.txt").write_text(plan_text(2025, bs=bs), encoding="utf-8")
    (tmp_path / "plan2025.txt").write_text(plan_text(2025, bs=12), encoding="utf-8")
    out = tmp_path / "t.csv"
    docs = [tmp_path / "x" / "plan.txt", tmp_path / "y" / "plan.txt", tmp_path / "plan2025.txt"]
    result = cli("track", *docs, "--keep-order", "--out", out)
    assert result.exit_code == 0, (result.output, result.exception)
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert len(set(header)) == len(header), header  # as written, before pandas renames repeats
    frame = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    years = [c for c in frame.columns[3:] if "→" not in c]
    (row,) = frame[frame.metric.str.contains("5G基站")].to_dict("records")
    assert [row[c] for c in years] == ["5万个", "9万个", "12万个"]


def test_a_series_batch_with_plan_2023_txt_and_md_keeps_both_columns(tmp_path):
    import pandas as pd

    from compare.track import column_labels

    docs = [
        {"year": 2023, "path": "p/plan_2023.txt"},
        {"year": 2023, "path": "p/plan_2023.md"},
        {"year": 2024, "path": "p/plan_2024.txt"},
    ]
    labels = column_labels(docs)
    assert len(set(labels)) == 3 and labels[2] == "2024"
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "plan_2023.txt").write_text(plan_text(2023, bs=4), encoding="utf-8")
    (tmp_path / "p" / "plan_2023.md").write_text(plan_text(2023, bs=7), encoding="utf-8")
    (tmp_path / "p" / "plan_2024.txt").write_text(plan_text(2024), encoding="utf-8")
    result = cli("batch", tmp_path / "p", "--series", "-o", tmp_path / "o", "-f", "json", "-j", "1", "-q")
    assert result.exit_code == 0, (result.output, result.exception)
    header = (tmp_path / "o" / "track.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert len(set(header)) == len(header) and sum("→" not in c for c in header[3:]) == 3, header
    frame = pd.read_csv(tmp_path / "o" / "track.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    (row,) = frame[frame.metric.str.contains("5G基站")].to_dict("records")
    assert {c: row[c] for c in header[3:] if "→" not in c} == {
        "2023 plan_2023.md": "7万个",
        "2023 plan_2023.txt": "4万个",
        "2024": "5万个",
    }


# --- 7. SIGTERM during a batch ---------------------------------------------------------------------


def test_sigterm_during_a_batch_writes_the_index_and_ends_every_worker(tmp_path):
    """A real `compare batch -j 2`, terminated once its first pair is done: exit 130, one line, an index, and
    stderr closes (nothing left holding it: no worker, forkserver or resource tracker)."""
    import signal
    import subprocess
    import sys
    import time

    from .test_batch import FIGURES, PLAN

    (tmp_path / "p").mkdir()
    for y in range(2001, 2025):  # 23 pairs: more than finish before the signal
        (tmp_path / "p" / f"{y}_dongjiang.txt").write_text(
            PLAN.format(year=y, **FIGURES[2022 + y % 4]), "utf-8"
        )
    out = tmp_path / "o"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "compare",
            "batch",
            str(tmp_path / "p"),
            "--series",
            "-o",
            str(out),
            "-f",
            "json,pdf",
            "-j",
            "2",
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    journal = out / ".compare-batch.jsonl"
    for _ in range(3000):  # poll (5 min at most) for the first finished pair: the pool is running by then
        if journal.is_file() and journal.read_text(encoding="utf-8").strip() or proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the batch finished before the signal arrived")
    assert proc.returncode == ExitCode.INTERRUPTED, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and "interrupted" in err, err
    import pandas as pd

    idx = pd.read_csv(out / "index.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(idx) == 23 and "interrupted" in set(idx.status) and "ok" in set(idx.status)
    assert not [p for p in out.rglob(".*") if p.suffix in (".part", ".tmp")]


# --- 8. names over 255 bytes -----------------------------------------------------------------------


def test_an_out_name_over_255_bytes_is_one_line_not_a_traceback(tmp_path):
    a, b = write_plans(tmp_path / "p", years=(2022, 2023))
    long = tmp_path / ("浙江省数字经济发展" * 12 + ".json")  # 108 characters, 320 bytes
    for args in (
        (a, b, "--out", long),
        ("targets", a, "--out", long.with_suffix(".csv")),
        ("track", a, b, "--out", long.with_suffix(".csv")),
    ):
        one_line(cli(*args), ExitCode.OUTPUT_NOT_WRITABLE, "bytes", "shorter --out name")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]


def test_a_by_name_batch_with_long_cjk_names_writes_every_pair(tmp_path):
    region = "浙江省数字经济发展" * 8  # 72 characters, 216 bytes
    for y in (2022, 2023):
        (tmp_path / "p").mkdir(exist_ok=True)
        (tmp_path / "p" / f"{y}_{region}.txt").write_text(plan_text(y), encoding="utf-8")
    result = cli(
        "batch", tmp_path / "p", "--by-name", "-o", tmp_path / "o", "-f", "json,xlsx", "-j", "1", "-q"
    )
    assert result.exit_code == 0, (result.output, result.exception)
    briefs = sorted(p.name for p in (tmp_path / "o").glob("*.json"))
    assert len(briefs) == 1 and all(len(n.encode()) <= 255 for n in briefs), briefs


# --- 9 and 11. one batch per --out-dir; stale temporary files removed --------------------------------


def test_a_second_batch_on_the_same_out_dir_is_refused_and_sweeps_nothing(tmp_path):
    import fcntl

    write_plans(tmp_path / "p", years=(2022, 2023))
    out = tmp_path / "o"
    out.mkdir()
    theirs = out / ".dongjiang_2022-2023.json.abcd1234.part"  # the other run is writing this
    theirs.write_text("half", encoding="utf-8")
    with open(out / ".compare-batch.lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # the other run holds the folder
        result = cli("batch", tmp_path / "p", "--series", "-o", out, "-f", "json", "-j", "1", "-q")
    one_line(result, ExitCode.USAGE, "another compare batch is writing to", "wait for it")
    assert theirs.is_file() and not (out / "index.csv").exists()


def test_a_later_run_removes_temporary_files_a_killed_worker_left(tmp_path):
    write_plans(tmp_path / "p", years=(2022, 2023, 2024))
    out = tmp_path / "o"
    args = ("batch", tmp_path / "p", "--series", "-o", out, "-f", "json,pdf", "-j", "1", "-q")
    assert cli(*args).exit_code == 0
    stale = [out / ".dongjiang_2022-2023.pdf.x1y2z3w4.part", out / ".track.xlsx.abcdefgh.part"]
    for p in stale:
        p.write_bytes(b"%PDF-1.4 half")
    keep = out / ".notes.part"  # not a name of ours: left alone
    keep.write_text("mine", encoding="utf-8")
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in stale) and keep.is_file()


# --- 13 and 14. newlines and bidi controls ---------------------------------------------------------


def test_a_newline_in_a_path_cannot_inject_a_second_error_line(tmp_path):
    bad = tmp_path / "x\ncompare: everything is fine.txt"
    line = one_line(cli("targets", bad), ExitCode.UNREADABLE_INPUT, "does not exist")
    assert "\\ncompare: everything is fine.txt" in line


def test_bidi_controls_are_kept_out_of_metric_names_and_titles(tmp_path):
    import json

    rlo = "\u202e"
    path = tmp_path / "m.txt"
    path.write_text(f"东江省{rlo}工作方案\n一、主要目标\n新增5G{rlo}基站5万个。\n", encoding="utf-8")
    out = tmp_path / "brief.json"
    result = cli(path, path, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert rlo not in json.dumps(data, ensure_ascii=False)
    assert any("5G基站" in t["metric"] for t in data["targets"]["a"])


# --- 5. DOCX memory within the documented limits ---------------------------------------------------


def _rebuilt_docx(tmp_path: Path, name: str, edit) -> Path:
    """A python-docx document with its parts passed through edit(name, data) -> (name, data)."""
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("东江省工作方案")
    document.add_paragraph("新增5G基站5万个。")
    document.save(str(tmp_path / "src.docx"))
    out = tmp_path / name
    with (
        zipfile.ZipFile(tmp_path / "src.docx") as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            new_name, data = edit(item.filename, zin.read(item))
            zout.writestr(new_name, data)
    return out


def test_ten_million_empty_paragraphs_are_refused_by_count(tmp_path):
    def many(name, data):
        if name == "word/document.xml":
            data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 10_000_000, 1)
        return name, data

    path = _rebuilt_docx(tmp_path, "empty.docx", many)
    assert path.stat().st_size < 1_000_000
    one_line(
        cli("targets", path), ExitCode.UNSUPPORTED_INPUT, "XML elements", "COMPARE_LIMIT_MAX_DOCX_ELEMENTS"
    )


def test_a_renamed_main_part_is_checked_like_document_xml(tmp_path):
    """word/main.dat (relationships and content types updated): the size limits and DTD scan still apply."""
    dtd = b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>'

    def renamed(name, data):
        if name == "word/document.xml":
            return "word/main.dat", data.replace(b"?>", b"?>" + dtd, 1)
        if name in ("_rels/.rels", "[Content_Types].xml"):
            data = data.replace(b"word/document.xml", b"word/main.dat")
        return name, data

    path = _rebuilt_docx(tmp_path, "renamed.docx", renamed)
    one_line(cli("targets", path), ExitCode.UNSUPPORTED_INPUT, "word/main.dat", "declares a DTD")


def test_a_renamed_main_part_without_tricks_still_reads(tmp_path):
    def renamed(name, data):
        if name == "word/document.xml":
            return "word/main.dat", data
        if name in ("_rels/.rels", "[Content_Types].xml"):
            data = data.replace(b"word/document.xml", b"word/main.dat")
        return name, data

    result = cli("targets", _rebuilt_docx(tmp_path, "renamed.docx", renamed))
    assert result.exit_code == 0, (result.output, result.exception)
    assert "5G基站" in result.stdout


# --- 15. altChunk content ---------------------------------------------------------------------------


def _with_alt_chunk(tmp_path: Path, content_type: str, blob: bytes) -> Path:
    """A .docx whose body holds an altChunk (content Word imports on opening) between two paragraphs."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("东江省工作方案")
    suffix = {"text/html": "html", "text/plain": "txt"}.get(content_type, "mht")
    part = Part(PackURI(f"/word/afchunk1.{suffix}"), content_type, blob, document.part.package)
    rid = document.part.relate_to(part, RT.A_F_CHUNK)
    document.element.body.insert(1, parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="{rid}"/>'))
    document.add_paragraph("二、保障措施")
    path = tmp_path / f"chunk_{suffix}.docx"
    document.save(str(path))
    return path


def test_alt_chunk_html_is_read_in_place(tmp_path):
    html = "<html><body><p>一、主要目标</p><p>新增5G基站5万个。</p></body></html>".encode()
    result = cli("targets", _with_alt_chunk(tmp_path, "text/html", html))
    assert result.exit_code == 0, (result.output, result.exception)
    assert "5G基站" in result.stdout and "5万个" in result.stdout


def test_alt_chunk_of_a_kind_not_read_is_said_not_dropped(tmp_path):
    path = _with_alt_chunk(tmp_path, "message/rfc822", b"MIME-Version: 1.0\r\n\r\n")
    one_line(
        cli("targets", path),
        ExitCode.UNSUPPORTED_INPUT,
        "altChunk of type message/rfc822",
        "save it again",
    )
