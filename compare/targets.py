"""Target statements: tie each figure to its metric and read comparator, stretch, basis, year and kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from compare.cuts import STRONG_DELIM, Cuts
from compare.figures import parse_figures
from compare.lexicon import (
    ACTION_VERBS,
    DOWN_WORDS,
    SHARE_WORDS,
    STRETCH_WORDS,
)
from compare.listed_kinds import kinds_before, listed_kinds
from compare.metric_lists import apply_respectively, shared_figure_names
from compare.metric_phrase import (
    BARE_TOTAL,
    BASELINE_FROM,
    GENERIC_HEAD,
    LIST_DENG,
    PERIOD_ONLY,
    STOCK_HEADS,
    VERB_ONLY,
    YEAR_OF,
    clause_subject,
    complete_ellipsis,
    counted_noun,
    echoed_object,
    has_own_verb,
    is_bare_verb,
    list_word_at,
    names_no_thing,
    names_nothing,
    parallel_verb,
    readable_metric,
    served_people,
    split_metric,
    strip_leading,
    word_boundaries,
)
from compare.metric_topic import passage_topic, projects_named_before, work_of_the_sentence
from compare.model import Basis, Block, Kind, Outline, Target, Task
from compare.outline import item_number_end
from compare.quantity import Figure
from compare.reasons import reason
from compare.target_fields import basis_of, comparator_of, work_done_basis
from compare.target_figures import is_quantity, states_the_region
from compare.timeframe import DocContext, base_year, five_year_blocks, kind_and_year

SENTENCE_STRETCH = re.compile(r"力争|争取")
# Nouns that a plan counts but does not aim at: the population it serves
# (我省有2.9亿在校学生, 高校毕业生1170万人).
POPULATION_FACT = re.compile(r"(?:在校生|在校学生|毕业生|人口|老年人|儿童|适龄人口|劳动力)$")
# 5个国家级、60个省级培训基地; 100个行业级、场景级大模型; 12个百亿元、70个30亿元以上项目: grades (or sizes)
# listed before one noun.
_SIZE = r"[十百千万亿]+元(?:级|以上)?"  # 百亿元, 30亿元以上: a size of project, its figure before it or not
_GRADE = rf"(?:[\u4e00-\u9fff]{{1,5}}?(?<![升降晋等])[级型类]|(?:\d+(?:\.\d+)?)?{_SIZE})"
GRADE_LIST = re.compile(rf"({_GRADE})(?:(?:、|和(?=\d))(?:\d+(?:\.\d+)?[个家所项座条处]?)?{_GRADE})+")
# one size with its figure before the noun: 70个30亿元以上项目
SIZE_GRADE = re.compile(rf"(\d+(?:\.\d+)?{_SIZE})(?=[\u4e00-\u9fff])")
# what a noun after grades is done: 项目开工建设 counts 项目
NOUN_THEN_VERB = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:开工|落地|建成|投产|竣工|实施|建设)[\u4e00-\u9fff]*$")
# 2.27:1 and 2.1∶1左右: a ratio, its qualifier after its denominator
POST_QUALIFIER = re.compile(r"^(?:以上|左右|以内|以下|上下|之内|内|多|余|大关|"
                            r"[:∶]1(?![\d.])(?:左右|以上|以内|以下)?)")
# 二级及以上医院 and 规模以上工业企业 are one name; in 20户及以上 the qualifier is the figure's own; 等 in
# 高等院校 lists nothing.
RIGHT_STOP = re.compile(r"[，,；;。：:！!？?、\n\t]|[和及与](?:\d|[\u4e00-\u9fff]{1,12}等\d)|"
                        r"(?<![\d元级及])(?<!规模|限额)以上|^及以上|"
                        + LIST_DENG.pattern)


@dataclass
class Candidate:
    """A figure with the text around it, before it becomes a Target."""

    fig: Figure
    block: Block
    sentence_start: int
    clause_start: int
    post: str  # qualifier after the figure (以上/左右/…)
    right_metric: str
    span_end: int
    right_end: int  # end of the words right of the figure the metric was read from


@dataclass
class Found:
    """A target with the in-paragraph positions and verbs the next figure may inherit."""

    target: Target
    start: int  # figure start within the block text
    end: int  # end of the figure, its qualifier and a metric read to its right
    action: str  # the clause's action verb (新增, 培育, 累计…), inherited across 、
    task: Task | None


def extract_targets(text: str, outline: Outline, doc_year: int | None, side: str,
                    context: DocContext | None = None) -> list[Target]:
    """Every target and actual in the document, in document order."""
    from compare.tables_rows import row_table_targets

    ctx = replace(context or DocContext(doc_year), five_year_review=five_year_blocks(outline.blocks))
    out, rows = row_table_targets(text, outline)
    for block in outline.blocks:
        if block.part == "other" or block.role == "title":
            continue
        out.extend(f.target for f in _block_targets(block, outline, ctx)
                   if not any(s <= f.target.offset < e for s, e in rows))
    out.sort(key=lambda t: t.offset)
    for i, t in enumerate(out, 1):
        t.id = f"{side}-t{i}"
    mark_restatements(out)
    return out


def mark_restatements(targets: list[Target]) -> None:
    """A figure stated again (goals list, then the task that carries it) restates the first statement."""
    from compare.metrics import metric_similarity

    seen: dict[tuple, list[Target]] = {}
    for t in targets:
        key = (t.kind, t.unit, t.value, t.low, t.high, t.year, t.direction)
        for first in seen.get(key, []):
            same_basis = first.basis == t.basis or {first.basis, t.basis} <= {"level", "cumulative"}
            if same_basis and metric_similarity(first.metric, t.metric) >= 0.8:
                t.restates = first.id
                t.notes.append(reason("restates", id=first.id))
                break
        else:
            seen.setdefault(key, []).append(t)


def _block_targets(block: Block, outline: Outline, ctx: DocContext) -> list[Found]:
    body = block.text
    table = _flat_table_targets(block, outline)
    taken = [(x.start, x.end) for x in table]
    figs = [f for f in parse_figures(body) if is_quantity(body, f, block)
            and not any(s <= f.start < e for s, e in taken)]
    found: list[Found] = list(table)
    prev: Found | None = None
    cuts = Cuts(body)
    for f in figs:
        cand = _candidate(body, f, block, cuts)
        if prev is not None and prev.start < cand.sentence_start:
            prev = None
        item = _to_target(body, cand, prev, outline, ctx, cuts)
        if item is not None:
            found.append(item)
            prev = item
    in_names = apply_respectively(body, found)
    found = [x for x in found if not any(x is y for y in in_names)]
    found += [replace(x, target=replace(x.target, metric=name)) for x in list(found)
              for name in shared_figure_names(x.target)]
    found.sort(key=lambda x: x.start)
    return found


def _flat_table_targets(block: Block, outline: Outline) -> list[Found]:
    """Rows of a flattened target table: the first year's column is a baseline, the second a target."""
    from compare.tables_flat import read_flat_table

    out = []
    for cell in read_flat_table(block.text):
        offset = block.start + cell.start
        task = outline.task_at(offset)
        basis: Basis = "share" if cell.unit == "%" and SHARE_WORDS.search(cell.label) else "level"
        t = Target(id="", metric=cell.label, value=cell.value, unit=cell.unit, comparator="=", stretch=False,
                   basis=basis, year=cell.year, kind="actual" if cell.column == 0 else "target",
                   quote=cell.row, task=task.id if task else None, section=list(block.path),
                   written=cell.row[len(cell.label):], offset=offset,
                   notes=[reason("flat_table")])
        out.append(Found(t, cell.start + cell.column, cell.end, "", task))
    return out


def _candidate(body: str, f: Figure, block: Block, cuts: Cuts) -> Candidate:
    sent_start = cuts.sentence_start(f.start)
    clause_start = cuts.clause_start(f.start)
    # `5. `, `；(2)`: an item's number is no metric
    clause_start += item_number_end(body[clause_start:f.start])
    rest = body[f.end:f.end + 64]
    m = POST_QUALIFIER.match(rest)
    post = m.group(0) if m else ""
    if post in ("多", "余", "内") and 1 not in word_boundaries(rest[:8]):
        post = ""  # 6条多式联运, 540万千瓦内用煤电: 多, 内 start the next word
    after = rest[len(post):]
    right, raw = "", ""
    span_end = f.end + len(post)
    if after.startswith("的"):
        after = after[1:]
        span_end += 1
    zone = ZONE_QUALIFIER.match(after)  # 100所海拔1500米以上农村中小学: the schools, of that zone
    lead, after = (after[: zone.end()], after[zone.end():]) if zone else ("", after)
    whom, used = served_people(body[max(0, f.start - 3):f.start], after)
    if whom:
        right, raw = whom, after[:used]
    elif (after and "\u4e00" <= after[0] <= "\u9fff" or after.startswith(("“", "("))
          or SPEC_LEAD.match(after) or SIZE_GRADE.match(after)) and not LEAD_AGENCY.match(after):
        # (LEAD_AGENCY: 牵头单位：人社厅 says who leads the work, not what is counted)
        stop = RIGHT_STOP.search(after)
        graded, used = _graded_noun(after)
        raw = listed_kinds(after, stop) or (after[: stop.start()] if stop else after)[:24]
        right = counted_noun(graded or raw, f.unit, span_end > f.end + len(post))
        raw = after[:used] if graded else raw
    right, raw = (lead + right.strip(), lead + raw) if zone and right else (right, raw)
    return Candidate(f, block, sent_start, clause_start, post, right.strip(), f.end + len(post),
                     span_end + len(raw))


LEAD_AGENCY = re.compile(r"[(（](?:牵头|责任|负责|主责|配合)")
ZONE_QUALIFIER = re.compile(r"海拔[\d.]+(?:米|公里)(?:以上|以下)?")


# A grade that opens the name of the thing counted: 14个750千伏电网工程, 3个10万吨级码头.
SPEC_LEAD = re.compile(r"\d+(?:\.\d+)?(?:千伏|kV|万吨级|吨级|米级|兆瓦级)(?=[\u4e00-\u9fff])")


def _graded_noun(after: str) -> tuple[str, int]:
    """The first grade of a list of grades and the noun they share (国家级、60个省级培训基地 → 国家级培训基地)
    and how many characters of `after` that reads; ("", 0) when the words after a figure are no such list."""
    m = GRADE_LIST.match(after) or SIZE_GRADE.match(after)
    if not m:
        return "", 0
    rest = after[m.end():]
    stop = RIGHT_STOP.search(rest)
    said = (rest[: stop.start()] if stop else rest)[:20]
    noun = NOUN_THEN_VERB.sub("", said)
    return (m.group(1) + noun, m.end() + len(said)) if len(noun) >= 2 else ("", 0)


def coordinated(body: str, prev: Found | None, start: int) -> bool:
    """True when the previous figure and this one are items of one enumeration (joined by 、, no comma)."""
    if prev is None:
        return False
    between = body[prev.end:start]
    return "、" in between and not any(c in between for c in STRONG_DELIM)


def _left_segment(body: str, cand: Candidate, prev: Found | None) -> str:
    """The words between the figure and the previous figure, comma or 、; a 、 list closed by 等 (`在科研、
    工业、消费等领域应用落地3000个`) names examples, so the words before it stay."""
    start = cand.clause_start
    seg_start = max(start, body.rfind("、", start, cand.fig.start) + 1)
    kinds = kinds_before(body[start:cand.fig.start], cand.fig.unit)  # 独角兽、小巨人企业300家: one count
    if list_word_at(body[seg_start:cand.fig.start]) or kinds:  # 等级民宿: 等 inside a word lists nothing
        seg_start = start
    if prev is not None and prev.start >= start:
        seg_start = max(seg_start, prev.end)
    return body[seg_start:cand.fig.start]



def _to_target(body: str, cand: Candidate, prev: Found | None, outline: Outline,
               ctx: DocContext, cuts: Cuts) -> Found | None:
    """The figure read as a Target, or None when no metric can be named for it."""
    f = cand.fig
    block = cand.block
    left = _left_segment(body, cand, prev)
    action, metric, verb = split_metric(left)
    clause_action = split_metric(body[cand.clause_start:cand.fig.start])[0]
    joined = prev if prev is not None and coordinated(body, prev, f.start) else None
    if not action and joined is not None:
        action = joined.action
    action = action or clause_action
    listed = "" if action else _listed_action(prev, f, left, verb)
    if _covers_a_share_of(cand, metric):
        metric, from_right, inherited = readable_metric(cand.right_metric + metric + "率"), False, False
    else:
        metric, from_right, inherited = _choose_metric(body, cand, prev, left, metric, verb)
    if not metric:
        return None
    if from_right and verb and not action:
        action = verb  # 完成1万家企业数智化转型: the verb acts on the thing counted after the figure
    if joined is not None and joined.target.unit == f.unit and is_bare_verb(metric):
        metric = parallel_verb(joined.target.metric, metric) or metric  # 开工742个、完工548个
    does = f.unit == "%" and bool(cand.right_metric) and metric.endswith(cand.right_metric)  # 企业100%使用…
    span_end = cand.right_end if from_right or does else cand.span_end

    if metric == "经济" and verb == "增长":
        metric += "增长"  # 经济增长5%左右: the growth of the economy, named as a reader says it
    comparator = comparator_of(left, cand.post, f, verb)
    if comparator == "=" and _shares_the_bound(body, prev, f):
        comparator = prev.target.comparator  # type: ignore[union-attr]  # 不低于740元/月和485元/月
    stretch = _stretch(body, cand, prev, joined, left, verb, action)
    action = action or listed
    carried = prev.target if inherited and prev is not None else None
    own_start = prev.end if prev is not None and prev.start >= cand.clause_start else cand.clause_start
    basis = basis_of(f, verb, action, metric, body[cand.clause_start:f.start], carried,
                     joined.target if joined else None, body[own_start:f.start])
    if prev is not None and not (verb or action) and _part_of_total(body, cand, prev):
        basis = prev.target.basis  # 实施重大项目2500个，其中亿元以上项目1500个: part of this year's work
    direction = "down" if DOWN_WORDS.search(verb or "") or (
        carried is not None and carried.direction == "down" and not verb) else None
    fact = POPULATION_FACT.search(metric) and not (action or from_right or _acted_on(metric)) or \
        states_the_region(body[cand.sentence_start:f.start])
    kind, year, stretch = _kind_and_year(body, cand, ctx, cuts, left, verb == "有" or bool(fact), stretch)
    if kind == "actual" and block.part == "review":
        basis = work_done_basis(basis, f, verb, body[cand.clause_start:f.start], body[own_start:f.start],
                                body[cand.span_end:], block.start in ctx.five_year_review)
    quote = _quote(body, cand, prev, own_start, span_end, metric if inherited else "")
    offset = block.start + f.start
    task = outline.task_at(offset)
    notes = [reason("metric_carried")] if inherited else []
    t = Target(id="", metric=metric, value=f.value, unit=f.unit, comparator=comparator, stretch=stretch,
               basis=basis, year=year, kind=kind, quote=quote, task=task.id if task else None,
               section=list(block.path), written=body[f.start:cand.span_end], low=f.low, high=f.high,
               direction=direction, offset=offset, notes=notes)
    return Found(t, f.start, span_end, action, task)


STOCK_NOUNS = re.compile(r"总数|总量|总产|总规模|规模|累计|存量|总计|合计|面积|产量|其中")


SHARED_BOUND = (">=", "<=", ">", "<")


def _shares_the_bound(body: str, prev: Found | None, f: Figure) -> bool:
    """`提高到不低于740元/月和485元/月`: a bare figure right after 和 or 、 takes the bound its partner's
    words set (not one its partner's own 以上 sets: 智能工厂200家、绿色工厂200家以上 binds the last only)."""
    if prev is None or prev.target.comparator not in SHARED_BOUND or prev.target.unit != f.unit:
        return False
    own_qualifier = re.search(r"(?:以上|以下|以内|之内|内|多|余)$", prev.target.written)
    return body[prev.end:f.start] in ("和", "、", "及", "与") and not own_qualifier


def _quote(body: str, cand: Candidate, prev: Found | None, own_start: int, span_end: int,
           carried: str = "") -> str:
    """The clause that states the figure; from its own list item when the clause states the same figure
    twice (新培育智能工厂200家、省级绿色工厂200家以上), so the quote points at one figure; from the clause
    of the previous figure when the metric `carried` from it is named only there (贷款余额突破7500亿元，
    增长20%以上)."""
    start = cand.clause_start
    if carried and prev is not None and carried[:2] not in body[start:span_end]:
        at = body.rfind(prev.target.quote, cand.sentence_start, cand.fig.start)
        if at >= 0 and carried[:2] in prev.target.quote:
            return body[at:span_end].strip()
    if prev is not None and own_start > start and prev.target.value == cand.fig.value \
            and prev.target.unit == cand.fig.unit:
        item = body[own_start:cand.fig.start]
        start = own_start + len(item) - len(item.lstrip("、和及与"))
    return body[start:span_end].strip()


def _listed_action(prev: Found | None, f: Figure, left: str, verb: str) -> str:
    """`新认定科技型中小企业10000家，高新技术企业4000家`: a bare noun and count after a comma continue the
    list that the previous clause's 新- verb (新增, 新认定, 新建) governs, in the same counting unit; a
    total or an area (总数, 播种面积) is a stock of its own."""
    if verb or prev is None or not prev.action.startswith("新") or prev.target.unit != f.unit:
        return ""
    if not re.fullmatch(r"[\u4e00-\u9fff“”()（）]{2,20}", left.strip()) or STOCK_NOUNS.search(left):
        return ""
    import rjieba

    tags = rjieba.tag(left.strip())
    return "" if not tags or tags[0][1].startswith("v") or names_no_thing(left) else prev.action


# `10大类55项民生实事`: the words before the figure end in a count of groups of the thing named after it.
COUNTED_GROUP = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)大?[类批个项种]$")


def _part_of_total(body: str, cand: Candidate, prev: Found) -> bool:
    """The figure opens a 其中 clause right after the total it is part of, in one unit of count."""
    opens = body.startswith("其中", cand.clause_start) and prev.end <= cand.clause_start
    near = cand.clause_start - prev.end <= 2
    counted = cand.fig.unit not in ("%", "个百分点", "‰", "成")  # a share is no part of a growth rate
    return opens and near and counted and prev.target.unit == cand.fig.unit


def _opens_with_verb(metric: str) -> bool:
    """True for a short phrase of verbs (盯紧抓实): the thing is written after the figure."""
    import rjieba

    tags = rjieba.tag(metric) if 2 <= len(metric) <= 4 else []
    return bool(tags) and tags[0][1] == "v" and all(len(w) == 1 or t == "v" for w, t in tags)


def _choose_metric(body: str, cand: Candidate, prev: Found | None, left: str, metric: str,
                   verb: str) -> tuple[str, bool, bool]:
    """The figure's metric, whether it was read right of the figure, and whether it was carried from prev."""
    from_right = False
    ends_open = bool(re.search(r"(?:和|及|与|或|、)$", metric) or ACTION_VERBS.fullmatch(metric or "-")
                     or COUNTED_GROUP.search(metric)) or _opens_with_verb(metric) or names_nothing(metric)
    # 宁夏电网7个750千伏输变电工程: a count of things of a grade names them after it, whoever owns them
    spec_led = bool(SPEC_LEAD.match(cand.right_metric))
    if cand.right_metric and (len(metric) <= 1 or ends_open or (not verb and not metric) or spec_led
                              or (names_no_thing(metric) and not names_no_thing(cand.right_metric)
                                  and len(cand.right_metric) >= 2)):  # 产能达到22亿方: 方 is no thing
        metric, from_right = cand.right_metric, True
    metric = readable_metric(metric)
    if VERB_ONLY.match(metric) or PERIOD_ONLY.fullmatch(metric) or _restates_prev(body, cand, prev, metric):
        metric = ""
    own_action = ACTION_VERBS.match(strip_leading(left))  # 组建总规模1000亿元的基金: a size, not prev's total
    if prev is not None and GENERIC_HEAD.fullmatch(metric) and not (own_action and metric in STOCK_HEADS):
        metric = complete_ellipsis(metric, prev.target.metric, cand.fig.unit)
    elif prev is None and BARE_TOTAL.fullmatch(metric):  # 粮食生产再获丰收，总产达到557亿斤
        metric = clause_subject(body[cand.sentence_start:cand.clause_start]) + metric
    elif prev is not None and WHOLE_TASK.fullmatch(metric):  # 治理任务200万亩，完成总任务60%: that campaign's
        metric = re.sub(r"任务$", "", prev.target.metric) + metric
    elif prev is not None and BARE_RATE.fullmatch(metric) and prev.target.unit in ("件", "项", "宗", "起"):
        metric = prev.target.metric + metric  # 受理案件6965件，化解率达到90%: the rate of those cases
    inherited = False
    if not metric and prev is not None:
        metric, inherited = prev.target.metric, True
        if re.match(r"其中", body[cand.clause_start:cand.fig.start]) and not metric.endswith("（其中）"):
            metric += "（其中）"  # 其中…: a part of prev, not the same
    if not cand.right_metric and not inherited:
        metric = echoed_object(body[cand.sentence_start:cand.clause_start], metric) or metric
    if not metric:
        metric = cand.right_metric or strip_leading(left).strip("的 ")
    metric = _named_by_the_sentence(body, cand, metric)
    metric = _share_that_does(body, cand, metric) or metric
    if len(metric) > 40:
        metric = metric[-20:]
    return readable_metric(metric), from_right, inherited


# Things a share of which does what the words after the figure say (制造业企业100%使用绿色电力)
SHARE_OF_WHOM = re.compile(r"(?:尽快|力争|推动|推进|确保|实现|基本|全面|逐步)*(?P<who>[\u4e00-\u9fff]{2,10}?"
                           r"(?:企业|学校|医院|村|社区|乡镇|农户|家庭|居民|学生|单位|机构))$")
SHARE_DOES = re.compile(r"(?:使用|实现|开展|完成|接入|配备|具备|通过|落实|参加|参与)[^，,；;。：:\d]{2,16}")


def _share_that_does(body: str, cand: Candidate, metric: str) -> str:
    """`尽快实现制造业企业100%使用清洁和绿色电力`: the share of the things named before the figure that do
    what the words after it say (制造业企业使用清洁和绿色电力); "" when the figure is no such share."""
    if cand.fig.unit != "%" or metric == cand.right_metric:
        return ""
    who, does = SHARE_OF_WHOM.fullmatch(metric), SHARE_DOES.match(body, cand.span_end)
    return who.group("who") + does.group() if who and does else ""


def _covers_a_share_of(cand: Candidate, metric: str) -> bool:
    """`宽带网络覆盖90%以上的贫困村`: the share of the things after the figure that the work covers
    (贫困村宽带网络覆盖率, as an indicator table names it)."""
    return cand.fig.unit == "%" and metric.endswith("覆盖") and len(metric) >= 4 and bool(cand.right_metric)


def _named_by_the_sentence(body: str, cand: Candidate, metric: str) -> str:
    """A bare name completed from its sentence or passage: 改造计划 → 城中村改造计划, 投资 → 重大项目投资,
    装机 → 风电装机."""
    metric = work_of_the_sentence(body[cand.sentence_start:cand.fig.start], metric)
    if metric == "投资" and cand.fig.unit == "元":
        metric = projects_named_before(body[cand.sentence_start:cand.clause_start]) + metric
    return passage_topic(body, cand.sentence_start, cand.clause_start, metric)


WHOLE_TASK = re.compile(r"(?:总|年度|规划|全部)?任务")  # a share of a task named just before: whose task
BARE_RATE = re.compile(r"[\u4e00-\u9fff]{1,2}率")  # 化解率, 办结率: a rate of what was just counted


def _restates_prev(body: str, cand: Candidate, prev: Found | None, metric: str) -> bool:
    """`市属国企由51家整合为33家`: a bare verb between two figures of one clause, with no list between them,
    says what became of the previous figure's thing: the second figure counts the same thing."""
    if prev is None or prev.start < cand.clause_start or cand.right_metric or not is_bare_verb(metric):
        return False
    return "、" not in body[prev.end:cand.fig.start]


def _stretch(body: str, cand: Candidate, prev: Found | None, joined: Found | None, left: str, verb: str,
             action: str) -> bool:
    """True for a stretch goal: 力争/争取 in the clause or sentence, or carried from the previous figure."""
    start = cand.fig.start
    return bool(STRETCH_WORDS.search(body[cand.clause_start:start])) or bool(
        SENTENCE_STRETCH.match(body, cand.sentence_start)) or (joined is not None and joined.target.stretch) \
        or (prev is not None and prev.target.stretch and not verb and not action and not has_own_verb(left))


def _acted_on(metric: str) -> bool:
    """True when a population is named with what is done to it (输转富余劳动力, 新增人口): a flow aimed at."""
    import rjieba

    tags = rjieba.tag(metric)
    return "新增" in metric or (bool(tags) and tags[0][1] == "v")


def _kind_and_year(body: str, cand: Candidate, ctx: DocContext, cuts: Cuts, left: str, fact: bool,
                   stretch: bool) -> tuple[Kind, int | None, bool]:
    """Target or actual, its year, and the stretch flag (only a goal can be a stretch); `fact` marks a figure
    that states the present (我省有2.9亿在校学生, 高校毕业生1170万人)."""
    f = cand.fig
    kind, year = kind_and_year(body, f.start, cand.sentence_start, cand.block, ctx,
                               cuts.horizon_before(f.start))
    doc_year = ctx.year
    # 从X提高到Y: X is where things stand
    if BASELINE_FROM.search(YEAR_OF.sub("", left)) and kind == "target":
        kind, year = "actual", (doc_year - 1 if doc_year and year == doc_year else year)
    if kind == "target" and not stretch and fact:
        kind = "actual"  # a fact about the present, not a goal
    if kind == "actual":
        year = base_year(body, cand.clause_start, f.start, cand.span_end, cand.block, year,
                         cand.block.start in ctx.five_year_review)
        stretch = False  # in a review 争取 means "secured" (争取资金95亿元): only a goal can be a stretch
    return kind, year, stretch
