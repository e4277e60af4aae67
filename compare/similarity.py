"""Task-to-task similarity: IDF-weighted wording, policy themes, headings and shared target metrics."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from compare.config import DEFAULT, MatchConfig
from compare.lexicon import ALIGN_STOP_WORDS, HEAD_VERBS
from compare.metrics import canonical, metric_similarity
from compare.reasons import reason
from compare.themes import cosine, theme_labels, theme_vectors, themes_of

if TYPE_CHECKING:
    from compare.model import Extraction, Task
    from compare.semantic import Embedder

TOKEN_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9+]*$")

HEAD_TAIL = re.compile(r"(?:建设|工作|行动|发展)$")
READS_LIKE_RATIO = 75  # fuzz ratio of two heading cores that read alike: 稳妥推进碳达峰碳中和 / 稳妥有序推进…


@dataclass(frozen=True)
class ScoreParts:
    """The signals behind one task pair's score, kept so the reasons need not recompute them."""

    words: float  # cosine of the IDF-weighted word vectors
    heading_ratio: float  # rapidfuzz ratio of the headings, 0..100
    shared: tuple[str, ...]  # target metrics both tasks carry
    same_part: bool  # their top-level headings read alike
    echo: str  # a heading phrase of one task found in the other's text
    themes: float = 0.0  # cosine of the IDF-weighted policy themes the two texts name (compare/themes.py)
    meaning: float = 0.0  # likeness in an embedding model's eyes, when one is given (compare/semantic.py)

    def total(self, cfg: MatchConfig) -> float:
        """The combined score, 0..1 (added in this order so scores are reproducible to the last bit)."""
        s = cfg.w_words * self.words + cfg.w_heading * self.heading_ratio / 100 + cfg.w_themes * self.themes
        if self.meaning:
            s += cfg.w_meaning * self.meaning
        if self.shared:
            s += cfg.w_shared_metric
        if self.same_part:
            s += cfg.w_same_part
        if self.echo:
            s += cfg.w_echo
        return min(1.0, s)


def tokens(text: str) -> list[str]:
    """Content words of a task: rjieba segments minus stop words, single characters and figures."""
    import rjieba

    return [w for w in rjieba.cut(text) if len(w) > 1 and w not in ALIGN_STOP_WORDS and TOKEN_OK.match(w)]


def _vectors(texts: list[list[str]]) -> list[dict[str, float]]:
    df = Counter(w for toks in texts for w in set(toks))
    n = len(texts)
    vecs = []
    for toks in texts:
        tf = Counter(toks)
        v = {w: (1 + math.log(c)) * (math.log((n + 1) / (df[w] + 0.5))) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def _task_text(ex: Extraction, t: Task) -> str:
    return ex.document.text[t.start:t.end]


def heading_core(heading: str) -> str:
    """The distinctive phrase of a task heading, without its opening verbs: 推进产业链提升 → 产业链提升."""
    core = HEAD_VERBS.sub("", heading)
    core = HEAD_TAIL.sub("", core)
    return core


class Similarity:
    """Task-to-task similarity with candidate retrieval.

    The expensive signals are scored only for the few B tasks an inverted index of words, a shared target
    metric or an identical heading puts forward for each A task (and the other way round), so cost grows with
    the document, not with its square.
    """

    def __init__(self, a: Extraction, b: Extraction, cfg: MatchConfig = DEFAULT,
                 semantic: Embedder | None = None) -> None:
        self.a, self.b, self.cfg = a, b, cfg
        self.texts_a = [_task_text(a, t) for t in a.tasks]
        self.texts_b = [_task_text(b, t) for t in b.tasks]
        self.tok_a = [tokens(t) for t in self.texts_a]
        self.tok_b = [tokens(t) for t in self.texts_b]
        vecs = _vectors(self.tok_a + self.tok_b)
        self.va, self.vb = vecs[: len(self.tok_a)], vecs[len(self.tok_a):]
        themes = theme_vectors([themes_of(a.document.text, t.start, t.end) for t in a.tasks]
                               + [themes_of(b.document.text, t.start, t.end) for t in b.tasks])
        self.tha, self.thb = themes[: len(self.texts_a)], themes[len(self.texts_a):]
        self.model_name = semantic.name if semantic is not None else ""
        self.meaning = _meaning(semantic, a, b, self.texts_a, self.texts_b, cfg.meaning_spread)
        self.metrics_a = _metrics_by_task(a)
        self.metrics_b = _metrics_by_task(b)
        self.parts: dict[tuple[int, int], ScoreParts] = {}
        self.scores: dict[tuple[int, int], float] = {}
        for i, j in sorted(self._candidates()):
            self.parts[(i, j)] = self.measure(i, j)
            self.scores[(i, j)] = self.parts[(i, j)].total(cfg)

    def _candidates(self) -> set[tuple[int, int]]:
        out = _word_candidates(self.va, self.vb, self.cfg.candidates_top_k)
        out |= _word_candidates(self.tha, self.thb, self.cfg.candidates_top_k)
        if self.meaning:
            out |= _matrix_candidates(self.meaning, self.cfg.candidates_top_k)
        by_metric: dict[str, set[int]] = {}
        for j, t in enumerate(self.b.tasks):
            for m in self.metrics_b.get(t.id, []):
                by_metric.setdefault(canonical(m)[-2:], set()).add(j)
        for i, t in enumerate(self.a.tasks):
            for m in self.metrics_a.get(t.id, []):
                out |= {(i, j) for j in by_metric.get(canonical(m)[-2:], ())}
        heads: dict[str, list[int]] = {}
        for j, t in enumerate(self.b.tasks):
            heads.setdefault(t.heading, []).append(j)
        for i, t in enumerate(self.a.tasks):
            out |= {(i, j) for j in heads.get(t.heading, [])}
        return out

    def score(self, i: int, j: int) -> float:
        """The combined score of any pair, measured now if the candidate retrieval did not put it forward."""
        if (i, j) not in self.scores:
            self.parts[(i, j)] = self.measure(i, j)
            self.scores[(i, j)] = self.parts[(i, j)].total(self.cfg)
        return self.scores[(i, j)]

    def words(self, i: int, j: int) -> float:
        """Cosine of the two tasks' IDF-weighted word vectors."""
        x, y = self.va[i], self.vb[j]
        if len(x) > len(y):
            x, y = y, x
        return sum((v * y[w] for w, v in x.items() if w in y), 0.0)  # the +0.0 terms left out

    def measure(self, i: int, j: int) -> ScoreParts:
        """The signals of one pair: wording, heading, shared metrics, outline position, heading echoes."""
        from rapidfuzz import fuzz

        x, y = self.a.tasks[i], self.b.tasks[j]
        same_part = bool(x.path and y.path and fuzz.ratio(x.path[0], y.path[0]) >= self.cfg.same_part_ratio)
        shared = _shared_metrics(self.metrics_a.get(x.id, []), self.metrics_b.get(y.id, []),
                                 self.cfg.shared_metric_min)
        echo = heading_echo(x.heading, self.texts_b[j]) or heading_echo(y.heading, self.texts_a[i])
        return ScoreParts(self.words(i, j), fuzz.ratio(x.heading, y.heading), tuple(shared), same_part, echo,
                          cosine(self.tha[i], self.thb[j]), self.meaning[i][j] if self.meaning else 0.0)

    def reasons(self, i: int, j: int) -> list[dict]:
        """Why the two tasks look alike, from the signals already measured."""
        p, cfg = self.parts[(i, j)], self.cfg
        why = []
        identical = self.a.tasks[i].heading == self.b.tasks[j].heading
        if identical:
            why.append(reason("identical_heading"))
        if p.echo:
            why.append(reason("heading_echo", phrase=p.echo))
        if p.words >= cfg.reason_words_min:
            common = sorted(set(self.tok_a[i]) & set(self.tok_b[j]),
                            key=lambda w: (-(self.va[i].get(w, 0) * self.vb[j].get(w, 0)), w))
            why.append(reason("similar_wording", words="、".join(common[:4])))
        if p.shared:
            why.append(reason("shared_metric", metrics="、".join(p.shared[:3])))
        if p.themes >= cfg.reason_themes_min:
            why.append(reason("shared_theme", themes="、".join(theme_labels(self.tha[i], self.thb[j])[:3])))
        if p.meaning >= cfg.reason_meaning_min:
            why.append(reason("similar_meaning", model=self.model_name))
        if p.heading_ratio >= cfg.reason_heading_ratio and not identical:
            why.append(reason("similar_heading"))
        return why


def _meaning(semantic: Embedder | None, a: Extraction, b: Extraction, texts_a: list[str],
             texts_b: list[str], spread: float) -> list[list[float]]:
    """The model's likeness of every A task to every B task (headings with their first lines), or [] without
    a model."""
    if semantic is None or not texts_a or not texts_b:
        return []
    from compare.semantic import TEXT_SPAN, meaning_scores

    def text(t: Task, body: str) -> str:
        return f"{t.heading}。{body[:TEXT_SPAN]}"

    return meaning_scores(semantic, [text(t, x) for t, x in zip(a.tasks, texts_a, strict=True)],
                          [text(t, x) for t, x in zip(b.tasks, texts_b, strict=True)], spread)


def _matrix_candidates(scores: list[list[float]], k: int) -> set[tuple[int, int]]:
    """For each A task the k B tasks scoring highest in a full matrix, and the other way round."""
    out: set[tuple[int, int]] = set()
    for i, row in enumerate(scores):
        out |= {(i, j) for j in sorted(range(len(row)), key=lambda j: (-row[j], j))[:k] if row[j] > 0}
    for j in range(len(scores[0]) if scores else 0):
        col = [row[j] for row in scores]
        out |= {(i, j) for i in sorted(range(len(col)), key=lambda i: (-col[i], i))[:k] if col[i] > 0}
    return out


def _word_candidates(va: list[dict[str, float]], vb: list[dict[str, float]], k: int) -> set[tuple[int, int]]:
    """For each A task the k B tasks with the most similar wording, and the other way round.

    Ordinary documents go through an inverted index of B's words (only pairs sharing a word are visited); long
    ones through one matrix product and a stable sort per row and column (numpy, imported only then).
    """
    if len(va) * len(vb) > 40_000:
        return _word_candidates_matrix(va, vb, k)
    index: dict[str, list[tuple[int, float]]] = {}
    for j, v in enumerate(vb):
        for w, x in v.items():
            index.setdefault(w, []).append((j, x))
    out: set[tuple[int, int]] = set()
    cols: dict[int, dict[int, float]] = {}
    for i, v in enumerate(va):
        row: dict[int, float] = {}
        for w, x in v.items():
            for j, y in index.get(w, ()):
                row[j] = row.get(j, 0.0) + x * y
        out |= {(i, j) for j in sorted(row, key=lambda j: (-row[j], j))[:k]}
        for j, val in row.items():
            cols.setdefault(j, {})[i] = val
    for j, col in cols.items():
        out |= {(i, j) for i in sorted(col, key=lambda i: (-col[i], i))[:k]}
    return out


def _word_candidates_matrix(va: list[dict[str, float]], vb: list[dict[str, float]],
                            k: int) -> set[tuple[int, int]]:
    import numpy as np

    vocab = {w: n for n, w in enumerate(sorted({w for v in va + vb for w in v}))}

    def dense(vs: list[dict[str, float]]) -> np.ndarray:
        m = np.zeros((len(vs), len(vocab)), dtype=np.float64)
        for r, v in enumerate(vs):
            for w, x in v.items():
                m[r, vocab[w]] = x
        return m

    prod = dense(va) @ dense(vb).T
    out: set[tuple[int, int]] = set()
    rows = np.argsort(-prod, axis=1, kind="stable")[:, :k]
    for i, js in enumerate(rows):
        out |= {(i, int(j)) for j in js if prod[i, j] > 1e-6}
    cols = np.argsort(-prod, axis=0, kind="stable")[:k, :]
    for j in range(prod.shape[1]):
        out |= {(int(i), j) for i in cols[:, j] if prod[i, j] > 1e-6}
    return out


def reads_like(heading: str, other_heading: str) -> bool:
    """One heading's phrase recurs in the other, or the two read alike once opening verbs are set aside."""
    from rapidfuzz import fuzz

    if heading_echo(heading, other_heading) or heading_echo(other_heading, heading):
        return True
    x, y = heading_core(heading), heading_core(other_heading)
    return min(len(x), len(y)) >= 4 and fuzz.ratio(x, y) >= READS_LIKE_RATIO


def heading_echo(heading: str, other_text: str) -> str:
    core = heading_core(heading)
    return core if len(core) >= 4 and core in other_text else ""


def _metrics_by_task(ex: Extraction) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for t in ex.targets:
        if t.task:
            out.setdefault(t.task, []).append(t.metric)
    return out


def _shared_metrics(ma: list[str], mb: list[str], minimum: float) -> list[str]:
    return sorted({x for x in ma for y in mb if metric_similarity(x, y) >= minimum})
