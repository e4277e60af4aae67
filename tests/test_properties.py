"""Issue 6: properties of the whole comparison on generated plans (hypothesis).

A small generator writes plausible Chinese plans: a title with a year, 一、主要目标 with a goals paragraph,
二、主要任务 with （一）… sections of lead-sentence tasks (`推进X建设。…`), filler prose, and targets in four
forms (`新增{metric}{n}{unit}`, `{metric}增长{p}%`, `{metric}达到{n}万{unit}以上`, `{metric}突破{x}万亿元`), each
on its own metric from a fixed list of realistic names. The plans go through files and `compare_files`, as a user's
would.

Properties: a plan compared with itself is all `unchanged`; swapping A and B mirrors every change; raising one
target gives exactly one `escalated` change, on that target; a figure rewritten in an equivalent form (5万个 ↔
50000个, 1.2万亿元 ↔ 12000亿元, full-width digits, traditional script) changes nothing.

Bounded for CI: COMPARE_PROPERTY_EXAMPLES (default 60) examples per property, derandomised so CI runs the same
cases every time; COMPARE_PROPERTY_EXPLORE=1 draws fresh random cases instead.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.pipeline import compare_files

EXAMPLES = int(os.environ.get("COMPARE_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("COMPARE_PROPERTY_EXPLORE"),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])

# Metric names: distinct enough that no two pair with each other (checked below).
COUNT_METRICS = [("5G基站", "个"), ("上云企业", "家"), ("工业机器人", "台"), ("省级未来工厂", "家"), ("充电桩", "个"),
                 ("数字化改造项目", "项"), ("千兆光网用户", "户"), ("工业互联网平台", "个"), ("专精特新企业", "家"),
                 ("智能网联汽车", "辆"), ("数字技能培训", "人次"), ("保障性租赁住房", "套"), ("智慧农业示范基地", "个"),
                 ("跨境电商产业园", "个")]
RATE_METRICS = ["软件业务收入", "数字经济核心产业增加值", "跨境电商进出口额", "网络零售额", "集成电路产业营业收入",
                "规上工业增加值"]
MONEY_METRICS = ["数字贸易额", "电子商务交易额", "数据要素市场交易额", "绿色信贷余额"]
ACTUAL_METRICS = [("高新技术企业", "家"), ("数据中心机架", "个"), ("公共充电站", "座")]  # stated as last year's, never targets

PROVINCES = ["东江省", "西山省", "南湖市", "北海市", "中原省"]
TOPICS = ["数字经济发展", "数字化改革", "新型基础设施建设", "制造业高质量发展"]
KINDS = ["工作要点", "行动计划", "实施方案"]
SECTION_HEADS = ["加快数字基础设施建设", "推动产业数字化转型", "培育壮大数字产业", "提升数字治理能力",
                 "优化数字经济发展环境", "强化数据要素支撑"]
TASK_TOPICS = ["数字基础设施", "产业数字化", "数据要素市场", "智能制造", "数字政府", "数字社会", "平台经济",
               "网络安全保障体系"]
FILLERS = ["坚持创新驱动，强化要素保障", "完善政策体系，持续优化营商环境", "加强统筹协调，形成工作合力",
           "鼓励社会资本参与，提升公共服务水平", "健全工作机制，压实各方责任", "加强宣传引导，营造良好氛围"]
FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@dataclass(frozen=True)
class Fig:
    """One generated target: its form, metric, unit and value (tenths for %, 万 and 万亿 figures)."""

    kind: str  # new | total | growth | stretch | about | reach | money
    metric: str
    unit: str
    value: int  # new, total: the count; growth, stretch, about: tenths of a percent; reach: tenths of 万; money:
    #             tenths of 万亿

    @property
    def figures(self) -> int:
        """How many targets the text states: a floor and its 力争 stretch are two."""
        return 2 if self.kind == "stretch" else 1

    def scaled_up(self) -> Fig:
        step = {"new": self.value, "total": self.value, "growth": 20, "stretch": 20, "about": 20,
                "reach": self.value, "money": 5}[self.kind]
        return replace(self, value=self.value + step)

    def scaled_down(self) -> Fig:
        return replace(self, value=max(1, self.value // 2)) if self.value > 1 else self

    def text(self, alt: bool = False) -> str:
        """The target as a plan writes it; alt: the same figure written another, equivalent way."""
        if self.kind == "new":
            return f"新增{self.metric}{self.value}{self.unit}"
        if self.kind == "total":
            return f"累计建成{self.metric}{self.value}{self.unit}"
        if self.kind == "growth":
            return f"{self.metric}增长{_tenths(self.value)}%"
        if self.kind == "stretch":
            return f"{self.metric}增长{_tenths(self.value)}%，力争{_tenths(self.value + 20)}%"
        if self.kind == "about":
            return f"{self.metric}增长{_tenths(self.value)}%左右"
        if self.kind == "reach":  # 5万个 ↔ 50000个
            figure = f"{self.value * 1000}{self.unit}" if alt else f"{_tenths(self.value)}万{self.unit}"
            return f"{self.metric}达到{figure}以上"
        figure = f"{self.value * 1000}亿元" if alt else f"{_tenths(self.value)}万亿元"  # 1.2万亿元 ↔ 12000亿元
        return f"{self.metric}突破{figure}"


def _tenths(v: int) -> str:
    return str(v // 10) if v % 10 == 0 else f"{v // 10}.{v % 10}"


@dataclass(frozen=True)
class Plan:
    title: str
    year: int
    review: tuple[tuple[str, str, int], ...]  # last year's actuals: (metric, unit, count), not targets
    goals: tuple[Fig, ...]
    sections: tuple[tuple[str, tuple[tuple[str, tuple[Fig, ...], str], ...]], ...]  # heading, tasks
    closing: bool

    @property
    def figs(self) -> list[Fig]:
        return [*self.goals, *(f for _, tasks in self.sections for _, figs, _ in tasks for f in figs)]

    def map(self, fn) -> Plan:
        """The same plan with every figure passed through fn."""
        return replace(self, goals=tuple(fn(f) for f in self.goals), sections=tuple(
            (h, tuple((topic, tuple(fn(f) for f in figs), filler) for topic, figs, filler in tasks))
            for h, tasks in self.sections))

    def text(self, alt: bool = False) -> str:
        numerals = "一二三四五六七八九十"
        topic, kind = re.match(r"^.{3}(.+?)(?:19|20)\d\d年(.+)$", self.title).groups()  # type: ignore[union-attr]
        lines = [self.title, "", f"为加快推进{topic}，结合本地实际，制定本{kind}。"]
        if self.review:
            lines.append("过去一年，" + "，".join(f"全省{m}达到{n}{u}" for m, u, n in self.review)
                         + "，发展基础进一步巩固。")
        lines += ["", "一、主要目标"]
        if self.goals:
            lines.append(f"{self.year}年，" + "；".join(f.text(alt) for f in self.goals) + "。")
        lines.append("数字经济发展质量效益明显提升，对高质量发展的支撑作用进一步增强。")
        lines += ["", "二、主要任务"]
        for i, (heading, tasks) in enumerate(self.sections):
            lines.append(f"（{numerals[i]}）{heading}")
            for topic, figs, filler in tasks:
                body = "".join(f"{f.text(alt)}，" for f in figs)
                lines.append(f"推进{topic}建设。{filler}，{body}不断提升发展质量和效益。")
        if self.closing:
            lines += ["", "三、保障措施", "加强组织领导，完善工作机制，强化督促检查，确保各项任务落到实处。"]
        return "\n".join(lines) + "\n"


@st.composite
def figs(draw, n_min: int = 1, n_max: int = 9) -> list[Fig]:
    """Targets on distinct metrics."""
    pool = ([("count", m, u) for m, u in COUNT_METRICS] + [("growth", m, "%") for m in RATE_METRICS]
            + [("money", m, "元") for m in MONEY_METRICS])
    chosen = draw(st.lists(st.sampled_from(pool), min_size=n_min, max_size=n_max, unique_by=lambda x: x[1]))
    out = []
    for family, metric, unit in chosen:
        if family == "count":
            kind = draw(st.sampled_from(["new", "new", "total", "reach", "reach"]))
            if kind == "reach":
                out.append(Fig("reach", metric, unit, draw(st.integers(1, 99)) * draw(st.sampled_from([5, 10]))))
            else:
                out.append(Fig(kind, metric, unit, draw(st.integers(2, 999))))
        elif family == "growth":
            kind = draw(st.sampled_from(["growth", "growth", "stretch", "about"]))
            out.append(Fig(kind, metric, unit, draw(st.integers(2, 30)) * 10 + draw(st.sampled_from([0, 0, 5]))))
        else:
            out.append(Fig("money", metric, unit, draw(st.integers(11, 99))))
    return out


@st.composite
def plans(draw, targets: list[Fig] | None = None) -> Plan:
    if targets is None:
        targets = draw(figs())
    year = draw(st.integers(2021, 2027))
    title = f"{draw(st.sampled_from(PROVINCES))}{draw(st.sampled_from(TOPICS))}{year}年{draw(st.sampled_from(KINDS))}"
    n_sections = draw(st.integers(1, 4))
    places = [draw(st.integers(-1, n_sections - 1)) for _ in targets]  # -1: the goals paragraph
    goals = tuple(f for f, p in zip(targets, places, strict=True) if p < 0)
    sections = []
    heads = draw(st.permutations(SECTION_HEADS))
    for s in range(n_sections):
        mine = [f for f, p in zip(targets, places, strict=True) if p == s]
        n_tasks = draw(st.integers(1, 3))
        split = [mine[i::n_tasks] for i in range(n_tasks)]
        topics = draw(st.lists(st.sampled_from(TASK_TOPICS), min_size=n_tasks, max_size=n_tasks, unique=True))
        tasks = tuple((topic, tuple(part), draw(st.sampled_from(FILLERS))) for topic, part in zip(topics, split, strict=True))
        sections.append((heads[s], tasks))
    review = tuple((m, u, draw(st.integers(2, 9999))) for m, u in draw(
        st.lists(st.sampled_from(ACTUAL_METRICS), max_size=3, unique=True)))
    return Plan(title, year, review, goals, tuple(sections), draw(st.booleans()))


def _count(plan: Plan) -> int:
    return sum(f.figures for f in plan.figs)


def compare_texts(a: str, b: str) -> list[tuple[str, str]]:
    """(type, metric) of every change when plan text a is compared with plan text b, through files."""
    with tempfile.TemporaryDirectory() as d:
        pa, pb = Path(d) / "a.txt", Path(d) / "b.txt"
        pa.write_text(a, encoding="utf-8")
        pb.write_text(b, encoding="utf-8")
        brief = compare_files(pa, pb)
    return [(c.type, c.metric) for c in brief.changes]


MIRROR = {"escalated": "deescalated", "deescalated": "escalated", "new": "dropped", "dropped": "new",
          "unchanged": "unchanged", "rebased": "rebased"}


def test_the_metric_list_has_no_two_names_that_pair():
    from itertools import combinations

    from compare.config import DEFAULT
    from compare.metrics import metric_similarity

    names = [m for m, _ in COUNT_METRICS] + RATE_METRICS + MONEY_METRICS + [m for m, _ in ACTUAL_METRICS]
    assert len(set(names)) == len(names)
    close = [(a, b) for a, b in combinations(names, 2) if metric_similarity(a, b) >= DEFAULT.pair_min]
    assert not close


def test_the_generator_writes_what_the_issue_describes():
    plan = Plan("东江省数字经济发展2024年工作要点", 2024, (("高新技术企业", "家", 3420),), (Fig("reach", "5G基站", "个", 50),),
                (("加快数字基础设施建设", (("数字基础设施", (Fig("money", "数字贸易额", "元", 12),), FILLERS[0]),)),),
                True)
    text = plan.text()
    assert text.startswith("东江省数字经济发展2024年工作要点\n\n为加快推进数字经济发展，结合本地实际，制定本工作要点。\n")
    assert "过去一年，全省高新技术企业达到3420家，" in text
    assert "一、主要目标\n2024年，5G基站达到5万个以上。" in text
    assert "（一）加快数字基础设施建设\n推进数字基础设施建设。" in text and "数字贸易额突破1.2万亿元" in text
    alt = plan.text(alt=True)
    assert "5G基站达到50000个以上" in alt and "数字贸易额突破12000亿元" in alt


@SETTINGS
@given(plans())
def test_a_plan_compared_with_itself_is_all_unchanged(plan):
    text = plan.text()
    changes = compare_texts(text, text)
    assert Counter(t for t, _ in changes) == Counter({"unchanged": _count(plan)}), (changes, text)
    assert sorted(m for _, m in changes) == sorted(f.metric for f in plan.figs for _ in range(f.figures))


@st.composite
def plan_pairs(draw) -> tuple[Plan, Plan, dict[str, str]]:
    """A plan and a revision of it (targets raised, lowered, dropped, added), with each metric's true change."""
    pool = draw(figs(2, 12))
    cut = draw(st.integers(1, len(pool)))
    base, spare = pool[:cut], pool[cut:]
    a = draw(plans(base))
    truth: dict[str, str] = {}

    def revise(f: Fig) -> Fig | None:
        move = draw(st.sampled_from(["same", "same", "up", "down", "drop"]))
        if move == "down" and f.scaled_down() == f:
            move = "same"
        truth[f.metric] = {"same": "unchanged", "up": "escalated", "down": "deescalated", "drop": "dropped"}[move]
        return {"same": f, "up": f.scaled_up(), "down": f.scaled_down(), "drop": None}[move]

    revised = [g for g in (revise(f) for f in a.figs) if g is not None]
    added = draw(st.lists(st.sampled_from(spare), unique_by=lambda f: f.metric)) if spare else []
    truth.update({f.metric: "new" for f in added})
    if not revised and not added:
        revised = [a.figs[0]]
        truth[a.figs[0].metric] = "unchanged"
    b = draw(plans(revised + added))
    return a, b, truth


@SETTINGS
@given(plan_pairs())
def test_swapping_a_and_b_mirrors_every_change_and_each_is_right(pair):
    a, b, truth = pair
    forward = compare_texts(a.text(), b.text())
    backward = compare_texts(b.text(), a.text())
    assert Counter((MIRROR[t], m) for t, m in backward) == Counter(forward), (forward, backward)
    assert {(t, m) for t, m in forward} == {(t, m) for m, t in truth.items()}, (forward, a.text(), b.text())


@SETTINGS
@given(plans(), st.data())
def test_raising_one_target_is_exactly_one_escalation(plan, data):
    figs_ = plan.figs
    raised = data.draw(st.sampled_from(figs_))
    b = plan.map(lambda f: f.scaled_up() if f == raised else f)
    changes = compare_texts(plan.text(), b.text())
    assert [c for c in changes if c[0] != "unchanged"] == [("escalated", raised.metric)] * raised.figures, (
        changes, b.text())
    assert len(changes) == _count(plan)


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


@SETTINGS
@given(plans(), st.booleans(), st.booleans(), st.booleans())
def test_an_equivalent_rewrite_changes_nothing(plan, alt, full_width, traditional):
    b = plan.text(alt=alt)
    if full_width:
        b = b.translate(FULL_WIDTH)
    if traditional:
        b = _traditional(b)
    changes = compare_texts(plan.text(), b)
    assert Counter(t for t, _ in changes) == Counter({"unchanged": _count(plan)}), (changes, b)


@pytest.mark.parametrize("form", ["alt", "full_width", "traditional"])
def test_each_equivalent_rewrite_on_a_fixed_plan(form):
    """The rewrites one at a time on a plan with every kind of figure, so a failure names its form."""
    targets = [Fig("reach", "5G基站", "个", 50), Fig("money", "数字贸易额", "元", 12),
               Fig("growth", "软件业务收入", "%", 125), Fig("new", "上云企业", "家", 300)]
    plan = Plan("东江省数字经济发展2024年工作要点", 2024, (), tuple(targets[:2]),
                (("推动产业数字化转型", (("产业数字化", tuple(targets[2:]), FILLERS[1]),)),), False)
    a = plan.text()
    b = {"alt": plan.text(alt=True), "full_width": a.translate(FULL_WIDTH), "traditional": _traditional(a)}[form]
    assert b != a
    assert "50000个" in b or form != "alt"
    assert "１２．５％" in b or form != "full_width"
    changes = compare_texts(a, b)
    assert sorted(changes) == sorted(("unchanged", f.metric) for f in targets), changes
