"""The benchmark script runs end to end in its quick mode and writes every stage (no timing asserts)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str):
    """Import benchmarks/<name>.py under a private module name."""
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load("run")
synth = _load("synth")


def test_quick_benchmark_writes_every_stage(corpus: Path, tmp_path: Path) -> None:
    """`run.py --quick --json F` exits 0 and F has every stage of the seed pair with a positive time."""
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(out)],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    res = json.loads(out.read_text(encoding="utf-8"))
    seed = res["cases"]["seed"]
    assert set(bench.STAGES) <= set(seed["stages"])
    for stage in bench.STAGES:
        assert seed["stages"][stage] is not None and seed["stages"][stage] > 0, (stage, seed.get("stage_errors"))
    for variant in ("json", "all"):
        assert seed["whole"][variant]["median_s"] > 0 and seed["whole"][variant]["peak_mb"] > 0
    assert {"synth_x1", "synth_x2", "real_longest"} <= set(res["cases"])
    assert res["cold_start"]["compare --version"]["median_s"] > 0
    for kind in bench.BASELINES:
        assert seed["baselines"][kind]["median_s"] is not None
    assert "batch" not in res  # quick mode skips the 31-region batch
    assert {g["goal"] for g in res["goals"]} and "Goals" in proc.stdout


def test_synthetic_scaling_keeps_the_outline_numbered() -> None:
    """k copies of the top-level sections are renumbered 一、… in order, the preamble kept once."""
    text = "前言\n一、回顾\n正文甲\n二、任务\n（一）小节\n正文乙\n"
    scaled = synth.scale_text(text, 3)
    heads = [ln for ln in scaled.splitlines() if synth.H1_LINE.match(ln)]
    assert heads == ["一、回顾", "二、任务", "三、回顾", "四、任务", "五、回顾", "六、任务"]
    assert scaled.count("前言") == 1 and scaled.count("（一）小节") == 3
    assert synth.scale_text(text, 1) == text
    assert [synth.chinese_numeral(n) for n in (1, 10, 11, 20, 48, 99)] == ["一", "十", "十一", "二十", "四十八", "九十九"]
    with pytest.raises(ValueError):
        synth.chinese_numeral(100)
