"""Render processes started before the comparison: the same files as writing directly, and no leftovers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from compare.errors import ExitCode
from compare.render.workers import can_fork

from .conftest import INPUTS, ROOT

A = str(INPUTS / "sample_2020_work_points.txt")
B = str(INPUTS / "sample_2022_upgrade_programme.txt")

pytestmark = pytest.mark.skipif(not can_fork(), reason="render processes need fork and a second core")


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([sys.executable, "-m", "compare", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=600)


def test_briefs_from_render_processes_are_the_files_written_directly(tmp_path, monkeypatch):
    from compare.pipeline import compare_files
    from compare.render import render

    outs = [tmp_path / f"cli.{ext}" for ext in ("json", "pdf", "docx", "html")]
    proc = _cli(A, B, *[a for p in outs for a in ("--out", str(p))])
    assert proc.returncode == 0, proc.stderr
    assert [line.split()[-1] for line in proc.stderr.splitlines()] == [str(p) for p in outs]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = compare_files(A, B).to_json()
    for ext in ("pdf", "docx", "html"):
        direct = tmp_path / f"direct.{ext}"
        render(data, direct, ext)
        assert (tmp_path / f"cli.{ext}").read_bytes() == direct.read_bytes(), ext


def test_an_input_error_stops_the_render_processes_and_leaves_nothing(tmp_path):
    proc = _cli(A, str(tmp_path / "missing.txt"), "--out", str(tmp_path / "b.pdf"),
                "--out", str(tmp_path / "b.docx"))
    assert proc.returncode == ExitCode.UNREADABLE_INPUT
    assert "missing.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []
