"""Bare names completed from their passage (产值 → 氢能产业产值, 改造计划 → 城中村改造计划)."""

from __future__ import annotations

import re

from compare.lexicon import ACTION_VERBS, HEAD_VERBS

# Heads that say what is measured but not of what: a passage about one industry or field leaves its name out.
BARE_HEAD = re.compile(r"总?产值|增加值|营收|营业收入|产量|装机|并网|产能|投资|产业(?:投资|产值|规模)|项目")
# …and those read as the industry's own (产值 of 氢能产业 is 氢能产业产值, 装机 of 风电 is 风电装机).
INDUSTRY_OWN = re.compile(r"总?产值|增加值|营收|营业收入|投资")
# A sentence that opens on its topic: `氢能产业加快发展`, `天然气开发方面，…`, `推动生物医药产业向高端延伸`,
# `高速公路，开工…`.
TOPIC = re.compile(r"(?P<topic>[\u4e00-\u9fff]{2,10}?)(?P<kind>产业|方面|领域|(?=[，,]))(?![化链园区工集基])")
TOPIC_TAIL = re.compile(r"(?:发展|开发|开采|建设|生产)$")
NO_TOPIC = re.compile(r"^(?:一|另|这|那|各|多|两|其他|相关|重点|有关)")
SENTENCE_END = re.compile(r"[。！!？?\n]")
SENTENCES_BACK = 2  # the figure's own sentence and the two before it: a topic further back has moved on


def passage_topic(body: str, sentence_start: int, clause_start: int, metric: str) -> str:
    """The metric named by its passage's topic when it is a bare head (产值 → 氢能产业产值), else unchanged.

    The topic is what the figure's own sentence, or one of the two before it in the paragraph, opens on, its
    heading verbs set aside (大力推动氢能产业加快发展 → 氢能): the nearest wins."""
    if not BARE_HEAD.fullmatch(metric):
        return metric
    openings = [body[sentence_start:clause_start]]
    before = [s for s in SENTENCE_END.split(body[:sentence_start]) if s.strip()]
    openings += list(reversed(before[-SENTENCES_BACK:]))
    if metric == "项目":  # 公路方面，新开工…等2个项目: projects take only their own sentence's field
        openings = openings[:1]
    for text in openings:
        found = _topic(text)
        if found and not (metric == "项目" and found[1] == "产业"):
            name, kind = found
            if kind == "产业" and INDUSTRY_OWN.fullmatch(metric):
                return name + "产业" + metric
            return name + metric
    return metric


def _topic(sentence: str) -> tuple[str, str] | None:
    """The named industry or field a sentence opens on, and the word that named it (产业, 方面, 领域)."""
    import rjieba

    m = TOPIC.match(HEAD_VERBS.sub("", sentence.strip()))
    if not m:
        return None
    tags = rjieba.tag(TOPIC_TAIL.sub("", m["topic"]))
    if not m["kind"] and (HEAD_VERBS.match(sentence.strip()) or not (tags and _noun(*tags[0]))):
        return None  # 突出市场化导向，…: a verb's object before the comma, no topic
    while tags and not _noun(*tags[0]):  # the verbs it opens with: 加快壮大|氢能
        tags = tags[1:]
    name = "".join(w for w, _ in tags)
    if not 2 <= len(name) <= 6 or NO_TOPIC.match(name) or not all(_noun(w, t) for w, t in tags):
        return None
    return name, m["kind"]


def _noun(word: str, tag: str) -> bool:
    """A word that can name an industry: a noun, an abbreviation, a distinguishing word, 新 of 新材料."""
    return tag[0] in "njb" or word == "新"


# A plan of work named by its verb alone (6000套改造计划): which work, the sentence said before (城中村改造).
WORK_PLAN = re.compile(r"(?P<verb>改造|建设|治理|整治|搬迁)(?:计划|任务)")


def work_of_the_sentence(before: str, metric: str) -> str:
    """`开展城中村改造专项行动，年内完成6000套改造计划`: 改造计划 is the plan of 城中村改造."""
    plan = WORK_PLAN.fullmatch(metric)
    if not plan:
        return metric
    named = [ACTION_VERBS.sub("", n) for n in re.findall(rf"([\u4e00-\u9fff]{{2,8}}?){plan['verb']}", before)]
    return named[-1] + metric if named and len(named[-1]) >= 2 else metric


def projects_named_before(before: str) -> str:
    """`优化重大项目包保机制，完成投资2440亿元`: the projects whose investment it is (重大项目), or ""."""
    import rjieba

    for m in reversed(list(re.finditer(r"([\u4e00-\u9fff]{2})(?:项目|工程)", before))):
        tags = rjieba.tag(m.group(1))
        if "等" not in m.group(1) and tags and tags[0][1] not in ("v", "vn", "d", "u", "p", "c"):
            return m.group()
    return ""
