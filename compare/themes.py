"""Policy themes: the lines of work a text names, from a thesaurus of terms that mean the same work."""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10 (dependency: tomli)
    import tomli as tomllib  # type: ignore[no-redef]

THESAURUS = Path(__file__).parent / "data" / "policy_themes.toml"


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, dict[str, str]]:
    """Terms by their first two characters, each mapped to its theme id (one theme per term)."""
    table = tomllib.loads(THESAURUS.read_text("utf-8"))
    index: dict[str, dict[str, str]] = {}
    for theme, entry in sorted(table.items()):
        for term in entry.get("terms", []):
            if len(term) >= 2:
                index.setdefault(term[:2], {})[term] = theme
    return index


def themes_of(text: str) -> Counter[str]:
    """How often each theme's terms occur in a text (the longest term wins where two start together)."""
    index = thesaurus()
    found: Counter[str] = Counter()
    pos = 0
    while pos < len(text) - 1:
        terms = index.get(text[pos:pos + 2], {})
        hit = max((t for t in terms if text.startswith(t, pos)), key=len, default="")
        if hit:
            found[terms[hit]] += 1
            pos += len(hit)
        else:
            pos += 1
    return found


def theme_vectors(texts: list[str]) -> list[dict[str, float]]:
    """Unit vectors of IDF-weighted theme counts: a theme named by every task tells little."""
    counts = [themes_of(t) for t in texts]
    df = Counter(th for c in counts for th in c)
    n = len(texts)
    out = []
    for c in counts:
        v = {th: (1 + math.log(k)) * math.log((n + 1) / (df[th] + 0.5)) for th, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({th: x / norm for th, x in v.items()})
    return out


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Each theme's label, as the thesaurus names it."""
    table = tomllib.loads(THESAURUS.read_text("utf-8"))
    return {theme: str(entry.get("label", theme)) for theme, entry in table.items()}


def theme_labels(x: dict[str, float], y: dict[str, float]) -> list[str]:
    """Labels of the themes two texts share, the weightiest first."""
    shared = sorted(set(x) & set(y), key=lambda th: (-(x[th] * y[th]), th))
    return [labels()[th] for th in shared]


def cosine(x: dict[str, float], y: dict[str, float]) -> float:
    """Cosine of two unit vectors held as dicts."""
    if len(x) > len(y):
        x, y = y, x
    return sum(v * y.get(k, 0.0) for k, v in x.items())
