"""Regular expressions kept between runs: the same patterns as compiling afresh, and harmless when the file is bad."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys

import pytest

from compare.regex_cache import PatternCache, program

from .conftest import INPUTS, ROOT

A = str(INPUTS / "sample_2020_work_points.txt")
B = str(INPUTS / "sample_2022_upgrade_programme.txt")

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython" or sys.version_info < (3, 11),
                                reason="the cache uses CPython 3.11+ re internals")

# In a child process (the cache replaces re.compile there): keep every pattern compare's modules compile as
# they load, then load them again from the file and compare each with a fresh re.compile on real text.
_CHILD = """
import json, re, sys
from pathlib import Path
from compare import regex_cache
path = Path(sys.argv[1])
kept = regex_cache.install(path)
import compare.pipeline, compare.render.pdf, compare.render.docx, compare.render.html
compare.pipeline.preload()
if sys.argv[2] == "write":
    kept.save()
    print(json.dumps({"kept": len(kept.programs), "dirty": kept.dirty}))
    raise SystemExit
text = Path(sys.argv[3]).read_text(encoding="utf-8") + Path(sys.argv[4]).read_text(encoding="utf-8")
lines = text.splitlines()
different = []
for (pattern, flags) in kept.programs:
    cached, fresh = kept.compile(pattern, flags), regex_cache._ORIGINAL(pattern, flags)
    same = (cached.pattern, cached.flags, cached.groups, dict(cached.groupindex)) == (
        fresh.pattern, fresh.flags, fresh.groups, dict(fresh.groupindex))
    same = same and [m.span() for m in cached.finditer(text)] == [m.span() for m in fresh.finditer(text)]
    same = same and [bool(cached.match(l)) for l in lines] == [bool(fresh.match(l)) for l in lines]
    if not same:
        different.append(pattern)
print(json.dumps({"kept": len(kept.programs), "dirty": kept.dirty, "different": different}))
"""


def _child(*args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def test_kept_patterns_match_exactly_what_fresh_ones_match(tmp_path):
    path = tmp_path / "kept.patterns"
    first = _child(str(path), "write")
    assert first["kept"] > 100 and path.is_file()
    second = _child(str(path), "check", A, B)
    assert second["kept"] == first["kept"]
    assert not second["dirty"], "every pattern came from the file"
    assert second["different"] == []


def test_a_damaged_or_foreign_file_is_ignored(tmp_path):
    damaged = tmp_path / "damaged.patterns"
    damaged.write_bytes(b"\x00not marshal at all")
    assert PatternCache(damaged).programs == {}
    foreign = tmp_path / "foreign.patterns"
    foreign.write_bytes(marshal.dumps(("Python 2.7|0|0", {("x", 32): program("y", 32)})))
    cache = PatternCache(foreign)
    assert cache.programs == {}
    assert cache.compile("x", 32).match("x")  # compiled afresh, not the foreign program for "y"


def test_nothing_is_written_where_it_cannot_be(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    cache = PatternCache(blocked / "sub" / "kept.patterns")
    assert cache.compile(r"\d+", re.UNICODE).findall("a1b22") == ["1", "22"]
    cache.save()  # no error, no file
    assert not (blocked / "sub").exists()


def _cli(tmp_path, out: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.run([sys.executable, "-m", "compare", A, B, "--out", str(tmp_path / out)],
                          capture_output=True, text=True, env={**base, **env}, cwd=ROOT, timeout=300)


def test_the_command_keeps_its_patterns_like_bytecode_and_gives_the_same_brief(tmp_path):
    prefix = tmp_path / "pycache"
    runs = [_cli(tmp_path, f"{k}.json", PYTHONPYCACHEPREFIX=str(prefix)) for k in (1, 2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert list(prefix.rglob("regex_cache.*.patterns")), "kept under PYTHONPYCACHEPREFIX"
    assert (tmp_path / "1.json").read_bytes() == (tmp_path / "2.json").read_bytes()


def test_no_file_is_written_when_bytecode_is_not(tmp_path):
    prefix = tmp_path / "pycache"
    run = _cli(tmp_path, "x.json", PYTHONPYCACHEPREFIX=str(prefix), PYTHONDONTWRITEBYTECODE="1")
    assert run.returncode == 0, run.stderr
    assert not list(prefix.rglob("*.patterns"))


def test_a_file_crowded_with_old_patterns_keeps_only_those_still_used(tmp_path, monkeypatch):
    from compare import regex_cache

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "kept.patterns"
    old = PatternCache(path)
    for i in range(regex_cache.MAX_KEPT + 1):
        old.compile(f"old{i}", re.UNICODE)
    old.save()
    assert len(PatternCache(path).programs) == regex_cache.MAX_KEPT + 1
    now = PatternCache(path)
    now.compile("old7", re.UNICODE)
    now.compile("new", re.UNICODE)
    now.save()
    assert set(PatternCache(path).programs) == {("old7", re.UNICODE), ("new", re.UNICODE)}
