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


def _mark_ready(fmt: str, options) -> None:
    (options / f"{fmt}.ready").write_text("ready")


def _never_called(data, path, fmt, options) -> None:
    raise AssertionError("no brief was sent")


def test_render_processes_never_sent_a_brief_all_exit(tmp_path):
    """The comparison failed after the processes were warm: closing lets every one of them go."""
    import select
    import time

    from compare.render.workers import RenderWorkers

    alive_r, alive_w = os.pipe()  # every render process inherits alive_w; EOF once all have exited
    try:
        workers = RenderWorkers([(tmp_path / "b.pdf", "pdf"), (tmp_path / "b.docx", "docx")], tmp_path,
                                _mark_ready, _never_called)
        os.close(alive_w)
        deadline = time.monotonic() + 120
        while not (tmp_path / "docx.ready").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # by now the first process has forked the second
        workers.close()
        ready, _, _ = select.select([alive_r], [], [], 120)
        assert ready and os.read(alive_r, 1) == b"", "a render process is still running"
    finally:
        os.close(alive_r)
    assert not list(tmp_path.glob("b.*"))
