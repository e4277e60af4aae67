"""The command line: documented commands, outputs by extension, one-line errors with distinct exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.errors import ExitCode

from .conftest import INPUTS, ROOT

A = str(INPUTS / "sample_2020_work_points.txt")
B = str(INPUTS / "sample_2022_upgrade_programme.txt")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_documented(name):
    cmd = main.commands[name]
    assert cmd.help and "Example" in cmd.help, f"{name} needs a docstring with an example"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = name if name != "pair" else "compare A B"
    assert f"compare {name}" in readme or shown in readme, f"README does not mention `compare {name}`"
    result = run(name, "--help")
    assert result.exit_code == 0 and "Example" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "compare" in result.output


def test_pair_without_out_prints_a_summary():
    result = run(A, B)
    assert result.exit_code == 0
    assert "个提高" in result.output and "量化目标" in result.output


def test_pair_writes_json_by_extension(tmp_path):
    out = tmp_path / "brief.json"
    result = run(A, B, "--out", str(out))
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "compare.brief/1"
    assert {c["type"] for c in data["changes"]} >= {"escalated", "new", "dropped"}


def test_pair_writes_a_spreadsheet_of_changes(tmp_path):
    import pandas as pd

    out = tmp_path / "brief.xlsx"
    assert run(A, B, "--out", str(out)).exit_code == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["摘要", "目标变化", "A 的目标", "B 的目标"]
    assert "目标提高" in set(sheets["目标变化"]["变化类型"])


def test_targets_prints_a_table():
    result = run("targets", B)
    assert result.exit_code == 0
    assert "5G基站" in result.output and "目标" in result.output


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_targets_writes_every_format(tmp_path, suffix):
    import pandas as pd

    out = tmp_path / f"t{suffix}"
    assert run("targets", B, "--out", str(out)).exit_code == 0
    if suffix == ".json":
        rows = json.loads(out.read_text(encoding="utf-8"))["targets"]
        metrics = [r["metric"] for r in rows]
    else:
        frame = pd.read_csv(out) if suffix == ".csv" else pd.read_excel(out)
        metrics = list(frame["指标"])
    assert any("5G基站" in m for m in metrics)
    assert len(metrics) > 20


def test_missing_input_is_one_line_with_its_exit_code(tmp_path):
    result = CliRunner().invoke(main, [str(tmp_path / "nope.txt"), B])
    assert result.exit_code == ExitCode.UNREADABLE_INPUT
    assert "nope.txt" in result.output and "Traceback" not in result.output


def test_unknown_output_extension_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, [A, B, "--out", str(tmp_path / "brief.odt")])
    assert result.exit_code == ExitCode.USAGE
    assert "--format" in result.output


def test_output_over_an_input_is_refused(tmp_path):
    src = tmp_path / "a.json"
    src.write_text("用于测试的文本：建成5G基站5万个。", encoding="utf-8")
    result = CliRunner().invoke(main, [str(src), B, "--out", str(src)])
    assert result.exit_code == ExitCode.OUTPUT_NOT_WRITABLE
    assert src.read_text(encoding="utf-8").startswith("用于测试")


def test_output_folder_must_exist(tmp_path):
    result = CliRunner().invoke(main, [A, B, "--out", str(tmp_path / "missing" / "b.json")])
    assert result.exit_code == ExitCode.OUTPUT_NOT_WRITABLE
    assert "does not exist" in result.output


def test_errors_never_show_a_traceback_from_the_real_process(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"this is not a zip file")
    proc = subprocess.run([sys.executable, "-m", "compare", str(bad), B, "--out", str(tmp_path / "x.json")],
                          capture_output=True, text=True)
    assert proc.returncode == ExitCode.UNREADABLE_INPUT
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "broken.docx" in proc.stderr


def test_debug_shows_the_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "compare", str(tmp_path / "nope.txt"), B, "--debug"],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "Traceback" in proc.stderr


def test_outputs_are_ordinary_files_readable_by_others(tmp_path):
    import os
    import stat

    out = tmp_path / "brief.json"
    old = os.umask(0o022)
    try:
        assert run(A, B, "--out", str(out)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_several_formats_at_once_are_all_written(tmp_path):
    outs = [tmp_path / f"brief.{ext}" for ext in ("json", "pdf", "docx", "html")]
    args = [a for p in outs for a in ("--out", str(p))]
    assert run(A, B, *args).exit_code == 0
    assert [p.read_bytes()[:4] for p in outs[1:3]] == [b"%PDF", b"PK\x03\x04"]
    assert json.loads(outs[0].read_text(encoding="utf-8"))["schema"] == "compare.brief/1"


def test_a_failing_format_stops_with_its_exit_code_and_leaves_nothing(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "compare", A, B, "--out", str(tmp_path / "b.pdf"),
                           "--out", str(tmp_path / "b.docx"), "--font", str(tmp_path / "none.ttf")],
                          capture_output=True, text=True)
    assert proc.returncode == ExitCode.USAGE and "none.ttf" in proc.stderr
    assert not list(tmp_path.glob("b.pdf*")) and not list(tmp_path.glob(".b.pdf*"))
