"""Where sentences and clauses start in a paragraph, and which horizon (到2027年) governs a figure."""

from __future__ import annotations

import re
from bisect import bisect_left

from compare.timeframe import horizons, opens_clause

STRONG_DELIM = "，,；;。：:！!？?\n\t"
SENT_DELIM = "。！!？?\n"
FRAME_LEAD = re.compile(r"\s*(?:力争|争取|确保)?")  # what may stand before a horizon that opens its sentence


class Cuts:
    """Where sentences and clauses start in a paragraph, looked up by bisection (no rescans per figure)."""

    MAX_SENTENCE = 600  # context windows are capped, so a pathological 10-million-character line stays linear
    MAX_CLAUSE = 200

    def __init__(self, body: str) -> None:
        self.body = body
        self.sentence = [i for i, c in enumerate(body) if c in SENT_DELIM]
        self.clause = [i for i, c in enumerate(body) if c in STRONG_DELIM
                       and not (c == ":" and body[i - 1:i].isdigit() and body[i + 1:i + 2] == "1")]  # 2.50:1
        self.horizons = [(m.end(), m) for m in horizons(body)]
        # a horizon that opens its sentence or is set off by a comma frames what follows (`到2027年，…`); one
        # inside a sentence's predicate (`…，力争到2027年将…全部建成`) governs that sentence only
        self.openers = [(end, m) for end, m in self.horizons if opens_clause(body, m) and self._frames(m)]
        self.opening = {m.start() for _, m in self.openers}

    def _frames(self, m: re.Match[str]) -> bool:
        opening = FRAME_LEAD.fullmatch(self.body, self.sentence_start(m.start()), m.start())
        return bool(opening) or self.body[m.end():m.end() + 1] in ("，", ",")

    @staticmethod
    def _start(cuts: list[int], pos: int, cap: int) -> int:
        i = bisect_left(cuts, pos)
        return max(cuts[i - 1] + 1 if i else 0, pos - cap)

    def sentence_start(self, pos: int) -> int:
        """Start of the sentence holding pos."""
        return self._start(self.sentence, pos, self.MAX_SENTENCE)

    def clause_start(self, pos: int) -> int:
        """Start of the clause holding pos."""
        return self._start(self.clause, pos, self.MAX_CLAUSE)

    def horizon_before(self, pos: int) -> re.Match[str] | None:
        """The last 到20XX年-style horizon before pos in its sentence, else the last one that opens a clause
        earlier in the paragraph (`到2027年，…`); one named inside a list (`绘制好…、到2035年及中长期
        “三张图”`) does not reach the next sentence."""
        i = bisect_left(self.horizons, (pos + 1,)) if self.horizons else 0
        if not i:
            return None
        last = self.horizons[i - 1][1]
        start = self.sentence_start(pos)
        if last.start() >= start or last.start() in self.opening:
            return last
        if self.body.startswith("其中", start) and last.start() >= self.sentence_start(start - 1):
            return last  # `…到2022年达1.2万亿元。其中，核心产业5800亿元`: part of the last sentence's goal
        k = bisect_left(self.openers, (pos + 1,)) if self.openers else 0
        return self.openers[k - 1][1] if k else None
