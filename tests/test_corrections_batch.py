"""A batch picks up each pair's corrections from beside its manifest, and re-runs when they change."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import INPUTS

A = INPUTS / "sample_2020_work_points.txt"
B = INPUTS / "sample_2022_upgrade_programme.txt"
RENAME = '''[[rename]]
a = {{ figure = "5万个", quote = "开发推广工业应用程序5万个" }}
metric = "{name}"
note = "the analyst's name for it"
'''


def _batch(manifest, out):
    return subprocess.run([sys.executable, "-m", "compare", "batch", str(manifest), "--out-dir", str(out),
                           "--format", "json", "-j", "1", "--quiet"], capture_output=True, text=True, timeout=600)


def _metric(out) -> str:
    data = json.loads((out / "sample.json").read_text(encoding="utf-8"))
    target = next(t for t in data["targets"]["a"] if t["quote"].endswith("开发推广工业应用程序5万个"))
    assert data["corrections"]["applied"], data["corrections"]
    return target["metric"]


def test_a_pairs_corrections_beside_the_manifest_are_applied_and_a_change_to_them_reruns_it(tmp_path):
    manifest = tmp_path / "pairs.csv"
    manifest.write_text(f"a,b,name\n{A},{B},sample\n", encoding="utf-8")
    fixes = tmp_path / "corrections" / "sample.toml"
    fixes.parent.mkdir()
    fixes.write_text(RENAME.format(name="工业APP"), encoding="utf-8")
    out = tmp_path / "out"
    first = _batch(manifest, out)
    assert first.returncode == 0, first.stderr
    assert _metric(out) == "工业APP"
    fixes.write_text(RENAME.format(name="工业应用程序"), encoding="utf-8")
    second = _batch(manifest, out)
    assert second.returncode == 0, second.stderr
    assert _metric(out) == "工业应用程序"


def test_a_malformed_corrections_file_fails_only_its_pair(tmp_path):
    manifest = tmp_path / "pairs.csv"
    manifest.write_text(f"a,b,name\n{A},{B},sample\n{B},{A},back\n", encoding="utf-8")
    (tmp_path / "corrections").mkdir()
    (tmp_path / "corrections" / "sample.toml").write_text("[[rename]\n", encoding="utf-8")
    out = tmp_path / "out"
    run = _batch(manifest, out)
    assert run.returncode == 1
    index = (out / "index.csv").read_text(encoding="utf-8-sig")
    assert "sample" in index and "back" in index
    assert (out / "back.json").exists() and not (out / "sample.json").exists()
