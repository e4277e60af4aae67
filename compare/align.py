"""Task alignment: the outline read top-down, groups first, then tasks, linked in named passes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from compare.config import DEFAULT, MatchConfig
from compare.lexicon import HEAD_VERBS
from compare.model import AlignedPair, Target, Task
from compare.outline import PERIOD_IN_HEADING
from compare.similarity import Similarity, reads_like

if TYPE_CHECKING:
    from compare.model import Extraction
    from compare.semantic import Embedder

Adder = Callable[[int, int, str, float], None]


def align_tasks(a: Extraction, b: Extraction, cfg: MatchConfig = DEFAULT,
                semantic: Embedder | None = None) -> list[AlignedPair]:
    """Pairs of A and B items (parts and tasks) that carry the same work, with a score, a pass and reasons.

    The outline is read top-down: parts named by one role (保障措施, 组织实施) are paired, then parts and task
    groups, then the tasks: each with its best partner, with its best partner inside the paired groups, with
    partners its heading or a target names, and with the sub-tasks of an item B made of it; in successive
    editions of one issuer's document, a B task still alone with its closest A task. A part pairs only with a
    part; a task with a task or with a part of tasks that regroups its work. An item that the items after it
    name as their heading is their group. An embedding model, when given, adds its sense of likeness to each
    pair's score (compare/semantic.py)."""
    if not a.tasks or not b.tasks:
        return []
    a, b = with_named_groups(a), with_named_groups(b)
    sim = Similarity(a, b, cfg, semantic)
    pairs: dict[tuple[int, int], AlignedPair] = {}

    def add(i: int, j: int, method: str, score: float) -> None:
        if (i, j) not in pairs:
            pairs[(i, j)] = AlignedPair(a.tasks[i].id, b.tasks[j].id, round(score, 3), method,
                                        sim.reasons(i, j))

    period = _period_items(b.tasks)
    _pass_exact(a.tasks, b.tasks, add)
    _pass_roles(a.tasks, b.tasks, add)
    scores = _level_scores(sim, a.tasks, b.tasks)
    groups = {k: s for k, s in scores.items() if a.tasks[k[0]].container}
    _pass_best(groups, cfg, {i for i, _ in pairs}, add)
    _pass_best_from_b(groups, cfg, {j for _, j in pairs} | period, add)
    tasks, context = _in_context(sim, scores, set(pairs), period)
    _pass_best(tasks, cfg, {i for i, _ in pairs}, add)
    _pass_in_context(tasks, context, cfg, {i for (i, _), p in pairs.items() if p.score >= cfg.link_min}, add)
    # every B task takes its closest A task, as every A task took its closest B task, whoever took it first
    _pass_best_from_b(tasks, cfg, {j for _, j in pairs if b.tasks[j].level == "part"}, add)
    _pass_evidence(tasks, sim, cfg, add)
    if successive_editions(a, b):
        _pass_lone_b(tasks, cfg, {j for _, j in pairs}, add)
    _pass_promoted(sim, cfg, add)
    _pass_raised_to_part(sim, set(pairs), add)
    _pass_goal_named(sim, set(pairs), add)
    if not successive_editions(a, b):
        _pass_goal_metric(sim, cfg, add)
    if coarser_b(a, b, cfg):
        _pass_into_coarser_b(sim, cfg, {i for i, _ in pairs}, add)
    _pass_folded_groups(sim, cfg, add)
    _pass_carried_groups(sim, cfg, set(pairs), add)
    implied = _implied_by_group(sim, set(pairs))
    return [pairs[k] for k in sorted(pairs) if k not in implied]


def with_named_groups(ex: Extraction) -> Extraction:
    """The extraction with every item that the items right after it name as their enclosing heading read as a
    group holding them (its text running to the end of the last), as their paths say, where the outline took
    the heading for a task of its own."""
    tasks = list(ex.tasks)
    for k, t in enumerate(tasks):
        if t.container:
            continue
        members = _named_members(tasks, k)
        if members:
            tasks[k] = replace(t, container=True, end=max(t.end, *(tasks[m].end for m in members)))
    return ex if tasks == ex.tasks else replace(ex, tasks=tasks)


def _named_members(tasks: list[Task], k: int) -> list[int]:
    """The run of items right after item k whose path ends with, or passes through, k's heading."""
    head, depth = tasks[k].heading, len(tasks[k].path)
    out = []
    for m in range(k + 1, len(tasks)):
        path = tasks[m].path
        if len(path) <= depth or path[depth] != head or path[:depth] != tasks[k].path:
            break
        out.append(m)
    return out


def _pass_raised_to_part(sim: Similarity, linked: set[tuple[int, int]], add: Adder) -> None:
    """A task linked to two or more tasks of one B part whose heading reads like its own was raised to that
    part (积极稳妥推进碳达峰碳中和工作 → 稳妥有序推进碳达峰碳中和): it is linked to the part."""
    ta, tb = sim.a.tasks, sim.b.tasks
    pb = parents(tb)
    members: dict[tuple[int, int], int] = {}
    for i, j in sorted(linked):
        q = pb[j]
        if q is not None and tb[q].level == "part" and not ta[i].container:
            members[(i, q)] = members.get((i, q), 0) + 1
    for (i, q), n in sorted(members.items()):
        if n >= 2 and reads_like(ta[i].heading, tb[q].heading):
            add(i, q, "raised", sim.score(i, q))


# A goal statement of a plan: 一是产业能级跃升。…, 三是数字赋能跃升。…建成全球数字贸易中心.
GOAL_ITEM = re.compile(r"^[一二三四五六七八九十]是")
NAME_LEAD = re.compile(r"^(?:要|高水平|高标准|率先|体系化)+")


def _pass_goal_named(sim: Similarity, linked: set[tuple[int, int]], add: Adder) -> None:
    """A task linked to a B item whose name one of B's goal statements repeats carries on toward that goal
    too (新型贸易中心 → 高水平建设全球数字贸易中心, named in 三是数字赋能跃升。…建成全球数字贸易中心)."""
    tb = sim.b.tasks
    goals = [g for g, t in enumerate(tb) if GOAL_ITEM.match(t.heading)]
    for i, j in sorted(linked):
        name = NAME_LEAD.sub("", HEAD_VERBS.sub("", NAME_LEAD.sub("", tb[j].heading)))
        if j in goals or len(name) < 4:
            continue
        for g in goals:
            if name in tb[g].quote:
                add(i, g, "goal_named", sim.score(i, g))


def _pass_goal_metric(sim: Similarity, cfg: MatchConfig, add: Adder) -> None:
    """A task whose target recurs, for a later year perhaps, among the figures of one of B's goal statements
    (高新技术企业达5000家 → 二是创新模式跃升。…数字高新企业达到1.5万家) carries on toward that goal."""
    from compare.metrics import metric_similarity

    ta, tb = sim.a.tasks, sim.b.tasks
    index_a = {t.id: i for i, t in enumerate(ta)}
    index_b = {t.id: j for j, t in enumerate(tb)}
    for y in sim.b.targets:
        g = index_b.get(y.task or "")
        if g is None or not GOAL_ITEM.match(tb[g].heading):
            continue
        for x in sim.a.targets:
            i = index_a.get(x.task or "")
            if i is None or ta[i].container:
                continue
            if metric_similarity(x.metric, y.metric) >= cfg.goal_metric_min or _one_scale(x, y):
                add(i, g, "goal_metric", sim.score(i, g))


SCALE_MEASURE = re.compile(r"(?:总?产值|增加值|营收|营业收入|主营业务收入|业务收入|规模)$")


def _one_scale(x: Target, y: Target) -> bool:
    """Two money sizes of one named industry, measured otherwise (数字经济核心产业营业收入 / 核心产业增加值):
    the same scale goal carried on in another measure."""
    sx, sy = SCALE_MEASURE.sub("", x.metric), SCALE_MEASURE.sub("", y.metric)
    if x.unit != "元" or y.unit != "元" or sx == x.metric or sy == y.metric:
        return False
    short, long = sorted((sx, sy), key=len)
    return len(short) >= 4 and long.endswith(short)


def coarser_b(a: Extraction, b: Extraction, cfg: MatchConfig) -> bool:
    """B regroups A's work into far fewer tasks (coarse_ratio times fewer or more) and is a plan of its own,
    not a news report of one (whose silence means only that the report did not mention a task)."""
    leaves_a = sum(1 for t in a.tasks if not t.container and t.level != "part")
    leaves_b = sum(1 for t in b.tasks if not t.container and t.level != "part")
    return b.document.type != "news_report" and leaves_a >= cfg.coarse_ratio * max(1, leaves_b)


def _pass_into_coarser_b(sim: Similarity, cfg: MatchConfig, linked_a: set[int], add: Adder) -> None:
    """Into a coarser B, each task of A still alone takes its closest plain B task from coarse_link_min: every
    B task absorbs several of A's, so a task's closest successor need not return the compliment."""
    ta, tb = sim.a.tasks, sim.b.tasks
    best: dict[int, tuple[float, int]] = {}
    for (i, j), score in sorted(sim.scores.items()):
        if i in linked_a or ta[i].level == "part" or tb[j].level == "part" or tb[j].container:
            continue
        if (score, -j) > best.get(i, (-1.0, 0)):
            best[i] = (score, -j)
    for i, (score, neg_j) in sorted(best.items()):
        if score >= cfg.coarse_link_min:
            add(i, -neg_j, "into_coarser_b", score)


def _pass_carried_groups(sim: Similarity, cfg: MatchConfig, linked: set[tuple[int, int]], add: Adder) -> None:
    """A part or group of A whose tasks carry on under one B part or group, group_min_tasks of them or more,
    carries on there itself (a restructured plan's 重大任务 → each B part that took its work). The B side is
    the linked B task itself when it is a part, else its nearest enclosing group, never a part above that."""
    ta, tb = sim.a.tasks, sim.b.tasks
    pa, pb = parents(ta), parents(tb)
    count: dict[tuple[int, int], int] = {}
    for i, j in sorted(linked):
        if ta[i].container or ta[i].level == "part":
            continue
        for q in (j, pb[j]):
            if q is None or not (tb[q].level == "part" or tb[q].container):
                continue
            for g in _ancestors(i, pa):
                if _levels_fit(ta[g], tb[q]):
                    count[(g, q)] = count.get((g, q), 0) + 1
            break
    for (g, q), n in sorted(count.items()):
        if n >= cfg.group_min_tasks and (g, q) not in linked:
            add(g, q, "carried_group", sim.score(g, q))


def _pass_folded_groups(sim: Similarity, cfg: MatchConfig, add: Adder) -> None:
    """A group of A tasks that B folded into one task (“互联网+政务服务”行动 → 提高“互联网+政务服务”效能):
    the group and a plain B task that are each other's closest item, scoring link_min or more, are linked."""
    ta, tb = sim.a.tasks, sim.b.tasks
    row: dict[int, tuple[float, int]] = {}
    col: dict[int, tuple[float, int]] = {}
    for (i, j), s in sorted(sim.scores.items()):
        row[i] = max(row.get(i, (-1.0, 0)), (s, -j))
        col[j] = max(col.get(j, (-1.0, 0)), (s, -i))
    for i, (s, neg_j) in sorted(row.items()):
        j = -neg_j
        group = ta[i].container and ta[i].level != "part"
        if group and not (tb[j].container or tb[j].level == "part") and -col[j][1] == i and s >= cfg.link_min:
            add(i, j, "folded_group", s)


def _ancestors(k: int, par: list[int | None]) -> list[int]:
    """The groups enclosing item k, nearest first."""
    out = []
    up = par[k]
    while up is not None:
        out.append(up)
        up = par[up]
    return out


def _implied_by_group(sim: Similarity, linked: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Redundant links of an A task (or a group folded into one B task) linked both to a B part and to tasks
    of that part. Where the task was raised to the part (its heading reads like the part's), the part link
    says it all and the member links go; otherwise the member links are the specific ones and the part link
    goes."""
    ta, tb = sim.a.tasks, sim.b.tasks
    pb = parents(tb)
    out: set[tuple[int, int]] = set()
    for i, j in linked:
        q = pb[j]
        folded = ta[i].container and ta[i].level != "part" and not tb[j].container
        if q is None or tb[q].level != "part" or (ta[i].container and not folded) or (i, q) not in linked:
            continue
        out.add((i, j) if reads_like(ta[i].heading, tb[q].heading) else (i, q))
    return out


def _pass_promoted(sim: Similarity, cfg: MatchConfig, add: Adder) -> None:
    """A task that B made a numbered item with sub-tasks of its own: when that item is the task's closest
    counterpart in B, scoring promoted_min or more, the task is linked to each sub-task scoring
    promoted_member_min.
    (The reverse, an A group folded into one B task, is left to the other passes: on the labelled pairs it
    linked more wrongly than rightly.)"""
    ta, tb = sim.a.tasks, sim.b.tasks
    kids_b = _children(tb)
    best: dict[int, tuple[float, int]] = {}
    for (i, q), s in sorted(sim.scores.items()):
        if not ta[i].container and tb[q].level != "part" and (s, -q) > best.get(i, (-1.0, 0)):
            best[i] = (s, -q)
    for i, (s, neg_q) in sorted(best.items()):
        if s < cfg.promoted_min or not tb[-neg_q].container:
            continue
        members = kids_b.get(-neg_q, [])
        closest = max((sim.score(i, j) for j in members), default=0.0)
        floor = max(cfg.promoted_member_min, cfg.promoted_member_share * closest)
        for j in members:
            if sim.score(i, j) >= floor:
                add(i, j, "promoted", sim.score(i, j))


def _children(tasks: list[Task]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for k, p in enumerate(parents(tasks)):
        if p is not None:
            out.setdefault(p, []).append(k)
    return out


def _pass_evidence(scores: dict[tuple[int, int], float], sim: Similarity, cfg: MatchConfig,
                   add: Adder) -> None:
    """Further partners of a task with named evidence (its heading phrase recurs, or a target metric is
    shared) and a score from link_min: a goal or a regrouped item often carries several tasks' work."""
    for (i, j), s in sorted(scores.items()):
        p = sim.parts[(i, j)]
        if s >= cfg.link_min and (p.echo or p.shared) and not sim.b.tasks[j].container:
            add(i, j, "evidence", s)


def parents(tasks: list[Task]) -> list[int | None]:
    """Each item's enclosing group (the nearest earlier container whose heading ends its path), or None."""
    out: list[int | None] = []
    last: dict[str, int] = {}
    for k, t in enumerate(tasks):
        out.append(last.get(t.path[-1]) if t.path else None)
        if t.container:
            last[t.heading] = k
    return out


def _in_context(sim: Similarity, scores: dict[tuple[int, int], float], linked: set[tuple[int, int]],
                closed_b: set[int]) -> tuple[dict[tuple[int, int], float], set[tuple[int, int]]]:
    """Task-level scores, and the task pairs in context: the tasks of paired groups, all scored against each
    other whatever the candidate retrieval put forward. B items in closed_b take no task."""
    ta, tb = sim.a.tasks, sim.b.tasks
    pa, kids_b = parents(ta), _children(tb)
    out = {k: s for k, s in scores.items() if not ta[k[0]].container and k[1] not in closed_b}
    context: set[tuple[int, int]] = set()
    for p, q in sorted(linked):
        for i in (i for i, pi in enumerate(pa) if pi == p and not ta[i].container):
            for j in kids_b.get(q, ()):
                if _levels_fit(ta[i], tb[j]) and j not in closed_b:
                    out[(i, j)] = sim.score(i, j)
                    context.add((i, j))
    return out, context


def _pass_in_context(scores: dict[tuple[int, int], float], context: set[tuple[int, int]], cfg: MatchConfig,
                     sure: set[int], add: Adder) -> None:
    """Each task's best partner among the tasks of the groups its own group was paired with: from
    context_link_min for a task without a sure partner yet, from link_min for one in sure."""
    rows: dict[int, list[int]] = {}
    for i, j in context:
        rows.setdefault(i, []).append(j)
    for i in sorted(rows):
        j = max(rows[i], key=lambda jj: (scores[(i, jj)], -jj))
        if scores[(i, j)] >= (cfg.link_min if i in sure else cfg.context_link_min):
            add(i, j, "in_context", scores[(i, j)])


def _level_scores(sim: Similarity, ta: list[Task], tb: list[Task]) -> dict[tuple[int, int], float]:
    """The candidate scores the outline allows: a part pairs with a part, a task holding sub-tasks with
    another such task, and a plain task with a plain task or with a part that regroups its work (a part of
    plain tasks: a part holding groups of tasks stands above any one task's work)."""
    above = _parts_over_groups(tb)
    return {(i, j): s for (i, j), s in sim.scores.items()
            if _levels_fit(ta[i], tb[j]) and (ta[i].level == "part" or j not in above)}


def _parts_over_groups(tasks: list[Task]) -> set[int]:
    """The parts that hold numbered items with sub-tasks of their own."""
    return {p for k, p in enumerate(parents(tasks)) if p is not None and tasks[k].container
            and tasks[p].level == "part"}


def _levels_fit(x: Task, y: Task) -> bool:
    if x.level == "part" or (x.container and y.level != "part"):
        return (x.level, x.container) == (y.level, y.container)
    return not y.container or y.level == "part"



def _pass_exact(ta: list[Task], tb: list[Task], add: Adder) -> None:
    """Pass 1: identical headings."""
    heads_b: dict[str, list[int]] = {}
    for j, t in enumerate(tb):
        heads_b.setdefault(t.heading, []).append(j)
    for i, t in enumerate(ta):
        for j in heads_b.get(t.heading, []):
            add(i, j, "exact", 1.0)


# The standing parts of a plan, named by their role rather than their work: its safeguards (保障措施,
# 组织实施, 政策措施), its goals and its starting point: whatever they are called, each carries the other on.
ROLE_PARTS = {
    "safeguards": re.compile(r"(?:政策|保障|支撑|组织|实施)(?:措施|保障|实施|机制|体系)|加强组织领导"),
    "goals": re.compile(r"(?:发展|主要|总体)目标|目标任务"),
    "basis": re.compile(r"发展(?:基础|现状|环境|形势)|现实基础|面临(?:的)?形势"),
}


def _role(t: Task) -> str:
    """The role a top-level item's heading names (safeguards, goals, basis), or "" for one named by its work
    (a part, or a numbered section of text only: 七、组织实施)."""
    if t.level != "part" and t.path:
        return ""
    head = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]?\s*|[。；;，,\s]+$", "", t.heading)
    return next((name for name, rx in ROLE_PARTS.items() if rx.fullmatch(head)), "")


def _pass_roles(ta: list[Task], tb: list[Task], add: Adder) -> None:
    """Parts named by the same role (政策措施 and 组织实施 → 保障措施) carry each other on."""
    roles_b: dict[str, list[int]] = {}
    for j, t in enumerate(tb):
        roles_b.setdefault(_role(t), []).append(j)
    for i, t in enumerate(ta):
        role = _role(t)
        for j in roles_b.get(role, []) if role else []:
            add(i, j, "role", 1.0)


def _pass_best(scores: dict[tuple[int, int], float], cfg: MatchConfig, matched_a: set[int],
               add: Adder) -> None:
    """Pass 2: each A task to its best B task (many A tasks may merge into one); pass 3: a split, a second
    B task nearly as close."""
    rows: dict[int, list[int]] = {}
    for i, j in scores:
        rows.setdefault(i, []).append(j)
    best_a = _best_partner_of_b(scores)
    for i in sorted(rows):
        if i in matched_a:
            continue
        order = sorted(rows[i], key=lambda j: (-scores[(i, j)], j))
        best = scores[(i, order[0])]
        mutual = best_a.get(order[0]) == i and best >= cfg.mutual_link_min
        if best < cfg.link_min and not mutual:
            continue
        add(i, order[0], "best", best)
        for j in order[1:1 + cfg.split_max]:
            if scores[(i, j)] >= cfg.link_min and scores[(i, j)] >= cfg.split_within * best:
                add(i, j, "split", scores[(i, j)])


def _best_partner_of_b(scores: dict[tuple[int, int], float]) -> dict[int, int]:
    """Each B item's best-scoring A item."""
    best: dict[int, tuple[float, int]] = {}
    for (i, j), s in scores.items():
        if j not in best or (s, -i) > (best[j][0], -best[j][1]):
            best[j] = (s, i)
    return {j: i for j, (_, i) in best.items()}


def _period_items(tasks: list[Task]) -> set[int]:
    """In a plan that also sets this year's work, the items under a heading naming a plan period
    (“十五五”时期主要目标和重大任务): aims for years ahead, which no task of the other plan takes as its
    successor merely for want of a better one. In a plan that is all period (a five-year plan), none."""
    period = {k for k, t in enumerate(tasks) if t.path and PERIOD_IN_HEADING.search(t.path[0])}
    return period if len(period) < sum(1 for t in tasks if t.level == "task") else set()


def successive_editions(a: Extraction, b: Extraction) -> bool:
    """The two documents are editions of one kind of document by one issuer (this year's work report after
    last year's): nearly every task of B carries on one of A."""
    da, db = a.document, b.document
    return da.type == db.type != "other" and bool(da.issuer) and da.issuer == db.issuer


def _pass_best_from_b(scores: dict[tuple[int, int], float], cfg: MatchConfig, matched_b: set[int],
                      add: Adder) -> None:
    """Pass 4: B items not in matched_b take their best A task from link_min (one A task split into several B
    tasks, or a B task closer to an A task than to the one that took it first)."""
    cols: dict[int, list[int]] = {}
    for i, j in scores:
        cols.setdefault(j, []).append(i)
    for j in sorted(cols):
        if j in matched_b:
            continue
        i = max(cols[j], key=lambda k: (scores[(k, j)], -k))
        if scores[(i, j)] >= cfg.link_min:
            add(i, j, "best_from_b", scores[(i, j)])


def _pass_lone_b(scores: dict[tuple[int, int], float], cfg: MatchConfig, matched_b: set[int],
                 add: Adder) -> None:
    """B tasks still alone (not in matched_b) take their closest A task from lone_link_min."""
    cols: dict[int, list[int]] = {}
    for i, j in scores:
        if j not in matched_b:
            cols.setdefault(j, []).append(i)
    for j in sorted(cols):
        i = max(cols[j], key=lambda k: (scores[(k, j)], -k))
        if scores[(i, j)] >= cfg.lone_link_min:
            add(i, j, "lone_b", scores[(i, j)])
