"""Task alignment: segmented, IDF-weighted similarity plus shared metrics, matched in named passes."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from compare.metrics import metric_similarity
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


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def _task_text(ex: Extraction, t: Task) -> str:
    return ex.document.text[t.start:t.end]


def similarity_matrix(a: Extraction, b: Extraction) -> tuple[list[list[float]], list[list[list[dict]]]]:
    """Scores in [0, 1] for every A task against every B task, and the reasons behind each."""
    from rapidfuzz import fuzz

    texts_a = [_task_text(a, t) for t in a.tasks]
    texts_b = [_task_text(b, t) for t in b.tasks]
    ta = [tokens(t) for t in texts_a]
    tb = [tokens(t) for t in texts_b]
    vecs = _vectors(ta + tb)
    va, vb = vecs[: len(ta)], vecs[len(ta):]
    ma = _metrics_by_task(a)
    mb = _metrics_by_task(b)
    scores: list[list[float]] = []
    reasons: list[list[list[dict]]] = []
    for i, x in enumerate(a.tasks):
        row, why_row = [], []
        for j, y in enumerate(b.tasks):
            words = _cos(va[i], vb[j])
            head = fuzz.ratio(x.heading, y.heading) / 100
            shared = _shared_metrics(ma.get(x.id, []), mb.get(y.id, []))
            s = 0.7 * words + 0.2 * head + (0.25 if shared else 0.0)
            if x.path and y.path and fuzz.ratio(x.path[0], y.path[0]) >= 60:
                s += 0.05
            why = []
            echo = _heading_echo(x.heading, texts_b[j]) or _heading_echo(y.heading, texts_a[i])
            if echo:
                s += 0.25
                why.append(reason("heading_echo", phrase=echo))
            if words >= 0.2:
                common = sorted(set(ta[i]) & set(tb[j]), key=lambda w: -(va[i].get(w, 0) * vb[j].get(w, 0)))
                why.append(reason("similar_wording", words="、".join(common[:4])))
            if shared:
                why.append(reason("shared_metric", metrics="、".join(shared[:3])))
            if head >= 0.8:
                why.append(reason("similar_heading"))
            row.append(min(1.0, s))
            why_row.append(why)
        scores.append(row)
        reasons.append(why_row)
    return scores, reasons


def heading_core(heading: str) -> str:
    """The distinctive phrase of a task heading, without its opening verbs: 推进产业链提升 → 产业链提升."""
    core = HEAD_VERBS.sub("", heading)
    core = HEAD_TAIL.sub("", core)
    return core


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
    scores, reasons = similarity_matrix(a, b)
    pairs: dict[tuple[int, int], AlignedPair] = {}

    def add(i: int, j: int, method: str) -> None:
        if (i, j) not in pairs:
            pairs[(i, j)] = AlignedPair(a.tasks[i].id, b.tasks[j].id, round(scores[i][j], 3), method,
                                        reasons[i][j])

    # pass 1: identical headings
    heads_b: dict[str, list[int]] = {}
    for j, t in enumerate(b.tasks):
        heads_b.setdefault(t.heading, []).append(j)
    for i, t in enumerate(a.tasks):
        for j in heads_b.get(t.heading, []):
            scores[i][j] = max(scores[i][j], 1.0)
            reasons[i][j] = [reason("identical_heading"), *reasons[i][j]]
            add(i, j, "exact")
    matched_a = {i for i, _ in pairs}
    matched_b = {j for _, j in pairs}
    # pass 2: each A task to its best B task (many A tasks may merge into one B task)
    for i in range(len(a.tasks)):
        if i in matched_a:
            continue
        order = sorted(range(len(b.tasks)), key=lambda j: (-scores[i][j], j))
        best = order[0]
        if scores[i][best] >= STRONG:
            add(i, best, "best")
            # pass 3: a split: a second B task nearly as close
            for j in order[1:3]:
                if scores[i][j] >= WEAK and scores[i][j] >= 0.9 * scores[i][best]:
                    add(i, j, "split")
    matched_b |= {j for _, j in pairs}
    # pass 4: B tasks still alone take their best A task (one A task split into several B tasks)
    for j in range(len(b.tasks)):
        if j in matched_b:
            continue
        i = max(range(len(a.tasks)), key=lambda k: (scores[k][j], -k))
        if scores[i][j] >= STRONG:
            add(i, j, "best_from_b")
    return [pairs[k] for k in sorted(pairs)]
