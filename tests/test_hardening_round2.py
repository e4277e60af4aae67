"""Issue 10, hardening round two: each case as the issue writes it, at the command line.

Every case asserts the exit code, a one-line message with no traceback, and that nothing is written outside the
output folder or over an input.
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
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- 1. nested HTML that slipped past the nesting guard ---------------------------------------------------------

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
    page = ("<html><head><title>东江省工作方案</title></head><body><!-- nav --!><!--><!--->"
            "<noscript><p>请启用脚本</p></noscript><svg><title>图</title><g><rect/></g></svg>"
            "<div><span><div><p>一、主要目标</p></div></x></div>"
            + "<div><p>新增5G基站5万个。</p></div>" * 50 + "</body></html>")
    path = tmp_path / "ok.html"
    path.write_text(page, encoding="utf-8")
    result = cli("targets", path)
    assert result.exit_code == 0, result.output
    assert "5G基站" in result.stdout
