"""The package's imports, read from the source (ast): no import loop, and no module importing a higher layer.

Every import counts, at the top of a module, inside a function (a lazy import is still a dependency) or under
`if TYPE_CHECKING:` (a type is one too). Layers, bottom up, are written in LAYERS; a module may import its own
layer or any lower one. The few exceptions are listed by edge in KNOWN, each with its reason, and a listed
exception that is no longer needed fails its own test so that it is removed.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "compare"

# bottom up: a module may import modules of its own layer or of a lower one; the first matching prefix wins
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("compare.errors", "compare.model", "compare.lexicon", "compare.config", "compare.outputs")),
    ("input", ("compare.read", "compare.normalise")),
    ("stages", ("compare.outline", "compare.outline_paragraphs", "compare.cuts", "compare.quantity", "compare.figures", "compare.metric_phrase", "compare.metric_topic", "compare.metric_lists", "compare.listed_kinds", "compare.targets",
                "compare.target_fields", "compare.target_figures", "compare.timeframe", "compare.metrics", "compare.themes", "compare.words_only",
                "compare.tables_flat", "compare.tables_rows", "compare.docinfo", "compare.reasons", "compare.redline")),
    ("matching", ("compare.semantic", "compare.similarity", "compare.align", "compare.same_thing", "compare.pairing", "compare.merged_sums", "compare.standing_sets", "compare.ranking", "compare.review_bases", "compare.classify")),
    ("pipeline", ("compare.pipeline",)),
    ("api", ("compare",)),  # the package root: __version__ and lazy re-exports of the pipeline
    ("corrections", ("compare.corrections_match", "compare.corrections_apply", "compare.corrections")),  # an analyst's corrections, applied to a brief's data
    ("cache", ("compare.cache",)),
    ("render", ("compare.render",)),
    ("track", ("compare.track",)),
    ("batch", ("compare.batch",)),
    ("cli", ("compare.cli_common", "compare.cli_options", "compare.cli_batch", "compare.cli", "compare.__main__")),
]

# (importer, imported): why the edge is allowed for now
KNOWN: dict[tuple[str, str], str] = {}


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(importer: str, path: Path, node: ast.ImportFrom) -> list[str]:
    """The modules a `from … import …` names: a submodule when the name is one, else the module itself."""
    base = node.module or ""
    if node.level:
        pkg = importer.split(".") if path.name == "__init__.py" else importer.split(".")[:-1]
        pkg = pkg[: len(pkg) - node.level + 1]
        base = ".".join([*pkg, base] if base else pkg)
    found = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        if sub in modules():
            found.append(sub)
        elif not (base == "compare" and alias.name == "__version__"):  # the root is loaded before any module
            found.append(base)
    return found


@cache
def imports_of(name: str) -> frozenset[str]:
    """The package's modules that a module imports, anywhere in its source."""
    path = modules()[name]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.update(_resolve(name, path, node))
    return frozenset(m for m in found if m in modules() and m != name)


def layer_of(name: str) -> int:
    """The index of a module's layer in LAYERS (the longest matching prefix)."""
    best, best_len = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if (name == p or name.startswith(p + ".")) and len(p) > best_len:
                best, best_len = i, len(p)
    return best


def edges() -> list[tuple[str, str]]:
    """Every import between two of the package's modules, known exceptions left out."""
    return [(a, b) for a in modules() for b in sorted(imports_of(a)) if (a, b) not in KNOWN]


def test_the_package_has_the_modules_this_test_reads():
    names = modules()
    assert {"compare.pipeline", "compare.cli", "compare.batch.run", "compare.cache", "compare.track"} <= set(
        names)
    assert imports_of("compare.pipeline"), "no imports read from the pipeline: the reader is broken"


def test_every_module_has_a_layer():
    missing = [m for m in modules() if layer_of(m) < 0]
    assert not missing, f"add these modules to LAYERS in {Path(__file__).name}: {missing}"


def test_no_module_imports_a_higher_layer():
    upward = [f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
              for a, b in edges() if layer_of(b) > layer_of(a)]
    assert not upward, "\n".join(upward)


def test_no_import_loop():
    graph: dict[str, list[str]] = {m: [] for m in modules()}
    for a, b in edges():
        graph[a].append(b)
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    loops: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                loops.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for m in graph:
        if m not in state:
            visit(m, [m])
    assert not loops, "\n".join(" → ".join(loop) for loop in loops)


@pytest.mark.parametrize("edge", sorted(KNOWN), ids=[f"{a}->{b}" for a, b in sorted(KNOWN)])
def test_every_known_exception_is_still_needed(edge):
    importer, imported = edge
    assert imported in imports_of(importer), f"{importer} no longer imports {imported}: remove it from KNOWN"


def test_the_reader_sees_lazy_and_type_only_imports(tmp_path):
    """The rules would be hollow if a function-level or TYPE_CHECKING import went unseen."""
    assert "compare.track" in imports_of("compare.batch.run")  # imported inside write_tracks
    assert "compare.model" in imports_of("compare.classify")  # Extraction, imported under TYPE_CHECKING
    assert layer_of("compare.batch.executor") == layer_of("compare.batch") > layer_of("compare.track")
