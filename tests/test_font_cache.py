"""The bundled font kept as parsed between runs: the same PDF and DOCX as parsing it, and a bad file is ignored."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "brief_sample.json"
_RENDER = """
import json, sys
from compare.render import render
data = json.loads(open(sys.argv[1], encoding="utf-8").read())
for ext in ("pdf", "docx"):
    render(data, f"{sys.argv[2]}.{ext}", ext)
"""


def _render(tmp_path, name: str, prefix) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(SOURCE_DATE_EPOCH="1700000000", PYTHONPYCACHEPREFIX=str(prefix))
    subprocess.run([sys.executable, "-c", _RENDER, str(FIXTURE), str(tmp_path / name)], check=True, env=env,
                   cwd=ROOT, timeout=600)
    return {ext: (tmp_path / f"{name}.{ext}").read_bytes() for ext in ("pdf", "docx")}


def test_a_kept_font_gives_the_same_files_and_a_damaged_one_is_ignored(tmp_path):
    prefix = tmp_path / "pycache"
    parsed = _render(tmp_path, "parsed", prefix)
    kept = list(prefix.rglob("font_cache.*.font"))
    assert len(kept) == 1, "the parsed font is kept under PYTHONPYCACHEPREFIX"
    assert _render(tmp_path, "rebuilt", prefix) == parsed
    kept[0].write_bytes(b"not a pickle")
    assert _render(tmp_path, "damaged", prefix) == parsed
