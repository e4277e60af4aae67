"""Targets read from a few sentences of plan text under one heading, as the target tests write them."""

from __future__ import annotations

from compare.model import Target
from compare.outline import build_outline
from compare.targets import extract_targets


def targets_under(heading: str, body: str, year: int, side: str = "a") -> list[Target]:
    """Every target of `body` read as the text under `heading` of a plan from `year`."""
    text = f"{heading}\n{body}\n"
    return extract_targets(text, build_outline(text, year=year), year, side)


def the_one(found: list[Target]) -> Target:
    """The only target found (the test fails, listing them, when there is not exactly one)."""
    assert len(found) == 1, [(t.metric, t.written) for t in found]
    return found[0]
