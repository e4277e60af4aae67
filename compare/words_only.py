"""Goals a plan keeps in words without a figure (粮食产量只增不减), for the other plan's lone targets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from compare.metrics import head_noun
from compare.reasons import reason

if TYPE_CHECKING:
    from compare.model import Extraction, Target

CLAUSE = re.compile(r"[^，,。；;！？!?\n]+")
FIGURE = re.compile(r"[0-9０-９]|百分之|[一二三四五六七八九十两]成")
# Words that make a mention a goal: 只增不减, 实现正增长, 完成…年度任务, 保持稳定, 完成国家下达的目标
GOAL_WORDS = re.compile(r"只增不减|不减|正增长|年度任务|稳定|稳住|保持|同步|高于|快于|低于|不低于|不高于|"
                        r"控制在|下达|确保|好于|优于")
MIN_NAME = 3  # a shorter name (用电, 投资) is met too often to mean the same indicator


def words_only_notes(lone: list[Target], other: Extraction) -> dict[str, dict]:
    """For each lone target, a reason quoting the other plan's forward part where it names the same indicator
    as a goal but gives no figure: such a target is not simply new or dropped, and the reader is told so."""
    clauses = _goal_clauses(other)
    notes: dict[str, dict] = {}
    for t in lone:
        names = [n for n in dict.fromkeys((t.metric, head_noun(t.metric))) if len(n) >= MIN_NAME]
        found = next((c for c in clauses if any(n in c for n in names)), None)
        if found:
            notes[t.id] = reason("named_without_figure", quote=found)
    return notes


def _goal_clauses(ex: Extraction) -> list[str]:
    """The clauses of the forward part that speak of a goal and give no figure."""
    out: list[str] = []
    for block in ex.outline.blocks:
        if block.part != "forward":
            continue
        out.extend(c.strip()[:40] for c in CLAUSE.findall(block.text)
                   if GOAL_WORDS.search(c) and not FIGURE.search(c))
    return out
