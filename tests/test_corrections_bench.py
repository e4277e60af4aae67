"""benchmarks/corrections.py runs on the headline pair; every entry it writes applies (no timing asserts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_corrections_benchmark_runs_and_applies_what_it_writes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "corrections.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corrections.py"), "--repeat", "2",
                           "--json", str(out)], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    r = json.loads(out.read_text("utf-8"))
    assert r["entries"] >= 9 and r["applied"] == r["entries"], "one of each kind, all fitting the brief"
    assert r["warm_median_ms"] > 0 and r["cold_ms"] > 0
