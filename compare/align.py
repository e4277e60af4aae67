"""Task alignment: segmented, IDF-weighted similarity plus shared metrics, matched in named passes."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from compare.metrics import canonical, metric_similarity
from compare.model import AlignedPair, Task
from compare.reasons import reason

if TYPE_CHECKING:
    from compare.pipeline import Extraction

STOP = set(["的", "和", "与", "及", "等", "在", "对", "为", "把", "以", "了", "是", "将", "要", "并", "加快", "推进", "推动", "加强", "深化", "实施", "开展", "建设", "发展", "持续", "全面", "进一步", "积极", "着力", "大力", "强化", "提升", "完善", "打造", "构建", "促进", "支持", "实现", "培育", "组织", "做好", "坚持", "全省", "全市", "我省", "我市", "一批", "工作", "重点", "新", "更", "其中", "力争", "确保", "全年", "今年", "个", "家", "项", "年"])
TOKEN_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9+]*$")

HEAD_VERBS = re.compile(r"^(?:推进|加快|推动|深化|加强|积极|着力|大力|强化|完善|构建|打造|实施|开展|建设|培育|促进|提升|"
                        r"发展|做强|做优|做大|全面|持续|深入|进一步|扎实|[一二三四五六七八九十]是)+")
HEAD_TAIL = re.compile(r"(?:建设|工作|行动|发展)$")
STRONG = 0.2  # a pair at or above this is kept on its own
WEAK = 0.2  # a second partner needs this and to be within 90 % of the best


def tokens(text: str) -> list[str]:
    """Content words of a task: rjieba segments minus stop words, single characters and figures."""
    import rjieba

    return [w for w in rjieba.cut(text) if len(w) > 1 and w not in STOP and TOKEN_OK.match(w)]


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
    """Task-to-task similarity with candidate retrieval: the expensive signals are scored only for the few B tasks
    an inverted index of words, a shared target metric or an identical heading puts forward for each A task (and
    the other way round), so cost grows with the document, not with its square."""

    TOP_K = 12

    def __init__(self, a: Extraction, b: Extraction) -> None:
        self.a, self.b = a, b
        self.texts_a = [_task_text(a, t) for t in a.tasks]
        self.texts_b = [_task_text(b, t) for t in b.tasks]
        self.tok_a = [tokens(t) for t in self.texts_a]
        self.tok_b = [tokens(t) for t in self.texts_b]
        vecs = _vectors(self.tok_a + self.tok_b)
        self.va, self.vb = vecs[: len(self.tok_a)], vecs[len(self.tok_a):]
        self.metrics_a = _metrics_by_task(a)
        self.metrics_b = _metrics_by_task(b)
        self.scores: dict[tuple[int, int], float] = {}
        for i, j in sorted(self._candidates()):
            self.scores[(i, j)] = self.score(i, j)

    def _candidates(self) -> set[tuple[int, int]]:
        out = _word_candidates(self.va, self.vb, self.TOP_K)
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

    def words(self, i: int, j: int) -> float:
        """Cosine of the two tasks' IDF-weighted word vectors."""
        x, y = self.va[i], self.vb[j]
        if len(x) > len(y):
            x, y = y, x
        return sum(v * y.get(w, 0.0) for w, v in x.items())

    def score(self, i: int, j: int) -> float:
        """0..1: wording, heading, shared target metrics, outline position and heading echoes combined."""
        from rapidfuzz import fuzz

        x, y = self.a.tasks[i], self.b.tasks[j]
        s = 0.7 * self.words(i, j) + 0.2 * fuzz.ratio(x.heading, y.heading) / 100
        if self.shared(i, j):
            s += 0.25
        if x.path and y.path and fuzz.ratio(x.path[0], y.path[0]) >= 60:
            s += 0.05
        if self.echo(i, j):
            s += 0.25
        return min(1.0, s)

    def shared(self, i: int, j: int) -> list[str]:
        """Target metrics the two tasks share."""
        return _shared_metrics(self.metrics_a.get(self.a.tasks[i].id, []), self.metrics_b.get(self.b.tasks[j].id, []))

    def echo(self, i: int, j: int) -> str:
        """A heading phrase of one task found in the other task's text."""
        return _heading_echo(self.a.tasks[i].heading, self.texts_b[j]) or \
            _heading_echo(self.b.tasks[j].heading, self.texts_a[i])

    def reasons(self, i: int, j: int) -> list[dict]:
        """Why the two tasks look alike, for the pairs that are kept."""
        from rapidfuzz import fuzz

        why = []
        if self.a.tasks[i].heading == self.b.tasks[j].heading:
            why.append(reason("identical_heading"))
        echo = self.echo(i, j)
        if echo:
            why.append(reason("heading_echo", phrase=echo))
        if self.words(i, j) >= 0.2:
            common = sorted(set(self.tok_a[i]) & set(self.tok_b[j]),
                            key=lambda w: (-(self.va[i].get(w, 0) * self.vb[j].get(w, 0)), w))
            why.append(reason("similar_wording", words="、".join(common[:4])))
        shared = self.shared(i, j)
        if shared:
            why.append(reason("shared_metric", metrics="、".join(shared[:3])))
        if fuzz.ratio(self.a.tasks[i].heading, self.b.tasks[j].heading) >= 80 and \
                not any(r["code"] == "identical_heading" for r in why):
            why.append(reason("similar_heading"))
        return why


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


def _word_candidates_matrix(va: list[dict[str, float]], vb: list[dict[str, float]], k: int) -> set[tuple[int, int]]:
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


def _heading_echo(heading: str, other_text: str) -> str:
    core = heading_core(heading)
    return core if len(core) >= 4 and core in other_text else ""


def _metrics_by_task(ex: Extraction) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for t in ex.targets:
        if t.task:
            out.setdefault(t.task, []).append(t.metric)
    return out


def _shared_metrics(ma: list[str], mb: list[str]) -> list[str]:
    return sorted({x for x in ma for y in mb if metric_similarity(x, y) >= 0.85})


def align_tasks(a: Extraction, b: Extraction) -> list[AlignedPair]:
    """Pairs of A and B tasks that carry the same work, each with a score, the pass that found it and why."""
    if not a.tasks or not b.tasks:
        return []
    sim = Similarity(a, b)
    scores = sim.scores
    rows: dict[int, list[int]] = {}
    cols: dict[int, list[int]] = {}
    for i, j in scores:
        rows.setdefault(i, []).append(j)
        cols.setdefault(j, []).append(i)
    pairs: dict[tuple[int, int], AlignedPair] = {}

    def add(i: int, j: int, method: str, score: float) -> None:
        if (i, j) not in pairs:
            pairs[(i, j)] = AlignedPair(a.tasks[i].id, b.tasks[j].id, round(score, 3), method, sim.reasons(i, j))

    # pass 1: identical headings
    heads_b: dict[str, list[int]] = {}
    for j, t in enumerate(b.tasks):
        heads_b.setdefault(t.heading, []).append(j)
    for i, t in enumerate(a.tasks):
        for j in heads_b.get(t.heading, []):
            add(i, j, "exact", 1.0)
    matched_a = {i for i, _ in pairs}
    # pass 2: each A task to its best B task (many A tasks may merge into one B task)
    for i in sorted(rows):
        if i in matched_a:
            continue
        order = sorted(rows[i], key=lambda j: (-scores[(i, j)], j))
        best = order[0]
        if scores[(i, best)] >= STRONG:
            add(i, best, "best", scores[(i, best)])
            # pass 3: a split: a second B task nearly as close
            for j in order[1:3]:
                if scores[(i, j)] >= WEAK and scores[(i, j)] >= 0.9 * scores[(i, best)]:
                    add(i, j, "split", scores[(i, j)])
    matched_b = {j for _, j in pairs}
    # pass 4: B tasks still alone take their best A task (one A task split into several B tasks)
    for j in sorted(cols):
        if j in matched_b:
            continue
        i = max(cols[j], key=lambda k: (scores[(k, j)], -k))
        if scores[(i, j)] >= STRONG:
            add(i, j, "best_from_b", scores[(i, j)])
    return [pairs[k] for k in sorted(pairs)]
