"""Policy themes: the lines of work a text names, from a thesaurus of terms that mean the same work."""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from pathlib import Path

THESAURUS = Path(__file__).parent / "data" / "policy_themes.json"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict]:
    return dict(json.loads(THESAURUS.read_text("utf-8"))["themes"])


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, dict[str, str]]:
    """Terms by their first two characters, each mapped to its theme id (one theme per term)."""
    index: dict[str, dict[str, str]] = {}
    for theme, entry in sorted(_table().items()):
        for term in entry["terms"]:
            if len(term) >= 2:
                index.setdefault(term[:2], {})[term] = theme
    return index


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Each theme's label, as the thesaurus names it."""
    return {theme: str(entry.get("label", theme)) for theme, entry in _table().items()}


@lru_cache(maxsize=4)
def theme_hits(text: str) -> tuple[list[int], list[str]]:
    """Where a text names a theme: the start of each term found (the longest where two start together) and its
    theme, in order. One scan serves every span of the text."""
    index = thesaurus()
    starts: list[int] = []
    themes: list[str] = []
    pos, end = 0, len(text) - 1
    while pos < end:
        terms = index.get(text[pos:pos + 2])
        if terms:
            hit = max((t for t in terms if text.startswith(t, pos)), key=len, default="")
            if hit:
                starts.append(pos)
                themes.append(terms[hit])
                pos += len(hit)
                continue
        pos += 1
    return starts, themes


def themes_of(text: str, start: int = 0, end: int | None = None) -> Counter[str]:
    """How often each theme's terms occur in text[start:end]."""
    starts, themes = theme_hits(text)
    lo = bisect_left(starts, start)
    hi = len(starts) if end is None else bisect_left(starts, end)
    return Counter(themes[lo:hi])


def theme_vectors(counts: list[Counter[str]]) -> list[dict[str, float]]:
    """Unit vectors of IDF-weighted theme counts: a theme named by every task tells little."""
    df = Counter(th for c in counts for th in c)
    n = len(counts)
    out = []
    for c in counts:
        v = {th: (1 + math.log(k)) * math.log((n + 1) / (df[th] + 0.5)) for th, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({th: x / norm for th, x in v.items()})
    return out


def theme_labels(x: dict[str, float], y: dict[str, float]) -> list[str]:
    """Labels of the themes two texts share, the weightiest first."""
    shared = sorted(set(x) & set(y), key=lambda th: (-(x[th] * y[th]), th))
    names = labels()
    return [names[th] for th in shared]


def cosine(x: dict[str, float], y: dict[str, float]) -> float:
    """Cosine of two unit vectors held as dicts."""
    if len(x) > len(y):
        x, y = y, x
    return sum((v * y[k] for k, v in x.items() if k in y), 0.0)  # the +0.0 terms left out
