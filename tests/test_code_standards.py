"""The code standards CI enforces beyond ruff and mypy: small modules and short functions."""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
# name -> why it may exceed a limit (none today; add one only with its reason)
EXEMPT: dict[str, str] = {}


def _modules():
    return sorted((ROOT / "compare").rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_are_small_and_functions_short(path):
    source = path.read_text(encoding="utf-8")
    name = str(path.relative_to(ROOT))
    if name not in EXEMPT:
        assert source.count("\n") <= MAX_MODULE_LINES, f"{name} has more than {MAX_MODULE_LINES} lines"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and f"{name}:{node.name}" not in EXEMPT:
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{name}:{node.name} is {length} lines"


def test_every_module_has_a_docstring():
    missing = [str(p.relative_to(ROOT)) for p in _modules()
               if p.stat().st_size and ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None]
    assert not missing, missing
