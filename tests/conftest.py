"""Shared fixtures: where the reference corpus lives, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
INPUTS = ROOT / "inputs"


@pytest.fixture
def corpus() -> Path:
    """The real documents in ../shared/corpus; tests that need them skip cleanly without them."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture
def gold_dir() -> Path:
    """The hand-made labels in ../shared/gold."""
    gold = SHARED / "gold"
    if not gold.is_dir():
        pytest.skip("../shared/gold is not present")
    return gold


@pytest.fixture(autouse=True)
def _no_semantic_model_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model named in the tester's shell (COMPARE_SEMANTIC_MODEL) would change every brief the tests make."""
    monkeypatch.delenv("COMPARE_SEMANTIC_MODEL", raising=False)
