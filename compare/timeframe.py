"""Time in a plan: the year a document speaks from, its horizons, and whether a figure is target or actual."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from compare.lexicon import YEAR
from compare.model import Block, Document, Kind
from compare.quantity import cn_to_number, read_year

ACTUAL_CUES = re.compile(r"预计|首次|创历史|创新高(?!地)|同比|过去一年|一年来|去年|上年度|"
                         r"上半年|前三季度|一季度|"
                         r"前\d{1,2}个?月|1[—-]\d{1,2}月|(?:[二三四五六七八九十两]|\d{1,2})年来")
# 将 and 要 are left out: they are as often a preposition (将…作为) or part of a word (重要) as a future
# tense.
FORWARD_CUES = re.compile(rf"力争|确保|今年|目标|预期|计划|拟|争取|到{YEAR}年|明年|全年")
# 已 reports a result only in the figure's own clause: 已建成5G基站10万个, but not 改造提升超5000个
# 已建成自然村的设施，项目区农民满意度不低于80% (a modifier in an earlier clause).
DONE_IN_CLAUSE = re.compile(r"已(?:经)?[^，,；;：:]*$")
PARTIAL_YEAR = re.compile(r"上半年|前三季度|一季度|前\d{1,2}个?月|1[—-]\d{1,2}月")  # figures so far this year

OWN_YEAR = re.compile(rf"(?<![比较是自从由])({YEAR})\s*年(?!以来|远景)")  # 2035年远景目标: a vision named
PERIOD_END = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
SPAN_N = r"\d{1,2}|[二两三四五六七八九十]{1,2}"
HORIZON = re.compile(rf"(?:到|至)({YEAR}|二[〇零][一二三四五六七八九〇零]{{2}})年|(未来|今后)(五|三)年|"
                     r"“?(十[三四五六]五)”?(?:主要|发展)?(?:期间|时期|末|期末|规划|目标)|"
                     rf"用({SPAN_N})(?:\s*[—–\-~～至到]\s*({SPAN_N}))?年(?:时间|左右)?|(?<![\d年])({SPAN_N})年内")
# A period named as a document to write or to enter (编制“十五五”规划, 纳入国家“十五五”规划) is no horizon.
NAMED_PLAN = re.compile(r"(?:纳入|列入|写入|编制|制定|谋划|衔接|对接|结合|国家)“?$")
PLAN_WORK = re.compile(r"”?(?:编制|前期|研究|起草)")  # “十五五”规划编制: the writing of the plan


def horizons(text: str) -> list[re.Match[str]]:
    """The horizon phrases of a text, without plan periods named as documents and without a span of years
    that only restates a year just given (到二〇三五年，用13年时间)."""
    out: list[re.Match[str]] = []
    for m in HORIZON.finditer(text):
        if m.group(4) and (NAMED_PLAN.search(text, max(0, m.start(4) - 4), m.start(4))
                           or PLAN_WORK.match(text, m.end())):
            continue
        if _is_span(m) and out and m.start() - out[-1].end() <= 8:
            continue
        out.append(m)
    return out


def opens_clause(text: str, m: re.Match[str]) -> bool:
    """False for a horizon named inside a list of nouns (`绘制好2025年、到2035年及中长期“三张图”`,
    `围绕国家重大战略部署和“十四五”规划`): it names a period and governs no sentence after its own."""
    return not (text[m.start() - 1:m.start()] in ("、", "和", "与", "及", "同")
                or text[m.end():m.end() + 1] in ("、", "及", "和"))


def _is_span(m: re.Match[str] | None) -> bool:
    """True for a span of years from now (用3年时间, 用3—5年时间, 3年内)."""
    return m is not None and bool(m.group(5) or m.group(7))
MULTI_YEAR = re.compile(r"年均|纲要|规划(?:草案)?(?:明确|提出)")
THIS_YEAR = re.compile(r"今年|全年|年内")
REVIEW_HEADING = re.compile(r"回顾|总结|成就|成效")


def _horizon(m: re.Match[str] | None, ctx: DocContext) -> int | None:
    """The target year a horizon phrase states: 到2025年, 到二〇三五年, 未来五年, “十五五”时期.

    未来五年 counts from the current year when spoken early in the year (a work report in January to March:
    2026–2030) and from the next year when spoken later (a plan issued in July 2022 runs to 2027); so does a
    span of years (用3年时间, 3年内). A span with a range (用3—5年时间) names no single year.
    """
    if m is None:
        return None
    if m.group(1):
        return read_year(m.group(1) + "年")
    if m.group(2):
        if not ctx.year:
            return None
        span = 5 if m.group(3) == "五" else 3
        return ctx.year + span - (0 if ctx.month and ctx.month > 6 else 1)
    if m.group(4):
        return PERIOD_END[m.group(4)]
    if m.group(6) or not ctx.year:
        return None  # 用3—5年时间: no single year
    years = cn_to_number(m.group(5) or m.group(7))
    return ctx.year + int(years) - (0 if ctx.month and ctx.month > 6 else 1) if years else None


def kind_and_year(body: str, start: int, sentence_start: int, block: Block, ctx: DocContext,
                  horizon: re.Match[str] | None) -> tuple[Kind, int | None]:
    """Target or actual, and the year the figure at `start` refers to (its target year, or the year an actual
    describes). `horizon` is the last 到2025年-style phrase before the figure in its paragraph."""
    doc_year = ctx.year
    before = body[sentence_start:start]
    # the figure's own year, not a base it is measured against (较2017年, 是2017年的, 2017年以来, 由2020年的)
    years = [(int(m.group(1)), sentence_start + m.start()) for m in OWN_YEAR.finditer(before)]
    explicit = years[-1][0] if years else None
    # a horizon named after the year (2026年…到2030年) governs the figure, not the year
    explicit_after = None if years and horizon is not None and years[-1][1] < horizon.end() else explicit
    forward = bool(FORWARD_CUES.search(before))
    past_year = explicit is not None and doc_year is not None and explicit < doc_year
    if block.part == "review":
        # in a review, 确保/目标/预期 report what was achieved (确保了…, 完成目标任务, 稳预期); only a goal
        # for this year, or a stretch, looks ahead
        actual = not re.search(r"力争|今年", before)
    else:
        actual = past_year or bool(PARTIAL_YEAR.search(before)) or (
            bool(ACTUAL_CUES.search(before) or DONE_IN_CLAUSE.search(before)) and not forward)
    if actual:
        if explicit is not None and (doc_year is None or explicit <= doc_year):
            return "actual", explicit
        return "actual", _context_year(body, block, doc_year, before)
    year = _target_year(before, sentence_start, block, ctx, horizon, explicit, explicit_after)
    if year == ctx.year and year and PLAN_OUTLINE.search(body, 0, start) and not THIS_YEAR.search(before):
        return "target", _period_end(year)  # 《纲要（草案）》明确了主要指标：…其中…比重21%
    return "target", year


# A paragraph that sets out the indicators of the plan for the coming period: 《纲要（草案）》明确了…主要指标
PLAN_OUTLINE = re.compile(r"纲要(?:（草案）|\(草案\))?》?(?:明确|提出|确定)")


def _period_end(year: int) -> int:
    """The last year of the five-year plan period that holds a year (2026 → 2030, 2025 → 2025)."""
    return min((end for end in PERIOD_END.values() if end >= year), default=year)


def _target_year(before: str, sentence_start: int, block: Block, ctx: DocContext,
                 horizon: re.Match[str] | None, explicit: int | None,
                 explicit_after: int | None) -> int | None:
    """The year a goal is set for: this year, its own year named after any horizon, a horizon stated before
    it, or its section's."""
    doc_year = ctx.year
    if _is_span(horizon) and horizon is not None and horizon.start() < sentence_start:
        horizon = None  # a span of years governs its own sentence only
    this_year = THIS_YEAR.search(before)
    if this_year and (horizon is None or horizon.end() <= sentence_start + this_year.start()):
        return doc_year  # 今年 after a period phrase (“十五五”时期，今年…): this year's figure
    if explicit_after is not None and (doc_year is None or explicit_after >= doc_year):
        return explicit_after  # “十五五”时期…，为实现2035年人均地区生产总值翻一番: the figure's own year wins
    stated = _horizon(horizon, ctx)
    if _is_span(horizon) and stated is None:
        return None  # 用3—5年时间，培养…: a goal with no single year
    if stated is not None and (doc_year is None or stated >= doc_year):
        return stated
    if explicit is not None and (doc_year is None or explicit >= doc_year):
        return explicit  # the horizon named after its year names no coming year
    if re.search(r"今年|全年|年内|年底|明年", before):
        return doc_year + 1 if doc_year and "明年" in before else doc_year
    multi_year = bool(MULTI_YEAR.search(before))  # 年均增长5%, 《纲要》明确…: a goal for the period
    for heading in reversed(block.path):  # a section for a period: “十五五”时期主要目标
        # a heading may name a past period and the coming one
        # (“十四五”时期发展成就和“十五五”时期主要目标任务): a goal belongs to the latest
        if doc_year and f"{doc_year}年" in heading and not multi_year:  # “十五五”时期…和2026年工作安排
            return doc_year
        years = [h for h in (_horizon(m, ctx) for m in horizons(heading)) if h is not None]
        if years:
            return max(years)
    return ctx.horizon or doc_year


def _context_year(body: str, block: Block, doc_year: int | None, before: str) -> int | None:
    """The year an undated actual describes, when its paragraph or section says so, or the year before the
    document's in a review; else None."""
    if re.search(r"今年", before):
        return doc_year
    if doc_year and re.search(r"去年|过去一年|一年来|上年|过去五年|五年来|这五年", body[:12] + before):
        return doc_year - 1  # a review of the last year, or of the period that ended with it
    m = re.match(rf"({YEAR})年", body)
    if m:
        return int(m.group(1))
    for heading in reversed(block.path):
        m = re.search(rf"({YEAR})年", heading)
        if m and REVIEW_HEADING.search(heading):
            return int(m.group(1))
        if doc_year and re.search(r"过去一年|去年", heading):
            return doc_year - 1
    if doc_year and block.part == "review":
        return doc_year - 1  # a review (工作回顾, “十四五”时期发展成就) reports where the last year ended
    return None


# A figure a review measures from: 从4.16万亿元增加到5.67万亿元, 分别从771家、481家增加到….
FROM_BEFORE = re.compile(r"[从由][^，。；：]*$")
TO_AFTER = re.compile(r"[^，。；：]{0,16}?(?:增加|提高|提升|增长|上升|扩大|跃升|下降|降低|减少|缩小|压减|"
                      r"降|增)(?:到|至)")
FROM_YEAR = re.compile(r"[从由](\d{4})年")
FIVE_YEARS = re.compile(r"这五年|过去五年|五年来|五年间|的五年|"
                        r"“?十[三四五]五”?(?:时期|以来|发展成就|(?:顺利|圆满|胜利)?收官)")
FIVE_YEARS_SAID = re.compile(r"这五年|过去五年|五年来|五年间|的五年")
ONE_YEAR = re.compile(rf"过去一年|一年来|去年|{YEAR}年")


def five_year_blocks(blocks: list[Block]) -> frozenset[int]:
    """The review paragraphs (by start) that look back over five years: from a heading or a paragraph that
    names the period (“十四五”时期工作回顾, 这五年…, 这是经济实力持续提升的五年) to one whose first sentence
    names a single year (刚刚过去的2025年，…, 过去一年); the paragraphs between carry the period on."""
    out: set[int] = set()
    five = False
    for b in blocks:
        if b.part != "review":
            five = False
            continue
        first = re.split(r"[。！？]", b.text, maxsplit=1)[0]
        if b.role in ("h1", "h2", "h3", "short"):
            five = bool(FIVE_YEARS.search(first)) and not ONE_YEAR.search(first)
        elif FIVE_YEARS_SAID.search(first):
            five = True
        elif ONE_YEAR.search(first):
            five = False
        elif FIVE_YEARS.search(first):
            five = True
        if five:
            out.add(b.start)
    return frozenset(out)


def base_year(body: str, clause_start: int, start: int, end: int, block: Block, year: int | None,
              five: bool) -> int | None:
    """For the first figure of a review's 从X增加到Y, the year X describes: a start year the paragraph names
    (由2020年的7.2%提升至…，…由20.5%提升至…), else the year before the five years it reviews (`five`,
    or 这五年 in the paragraph), else the year before `year`; other figures keep `year`."""
    review = year is not None and block.part == "review"
    frm = FROM_BEFORE.search(body, clause_start, start) if review else None
    if year is None or frm is None or not TO_AFTER.match(body, end):
        return year
    named = [int(m.group(1)) for m in FROM_YEAR.finditer(body, 0, start)]
    if named and named[-1] <= year:
        return named[-1]  # 从2020年的75.2岁, or a start year named earlier in the paragraph
    return year - 5 if five or FIVE_YEARS.search(body, 0, start) else year - 1


@dataclass(frozen=True)
class DocContext:
    """What the whole document says about time: the year it speaks from and its default horizon."""

    year: int | None
    horizon: int | None = None  # the target year of a multi-year plan (未来五年, “十四五”规划, 到2025年)
    month: int | None = None
    five_year_review: frozenset[int] = frozenset()  # review paragraphs (by start) that look back five years


def document_context(title: str, head: str, year: int | None, date: str = "") -> DocContext:
    """Read a plan's horizon from its title and opening: 未来五年, （2021—2025年）, “十四五”规划, 到2027年."""
    m = re.search(r"-(\d{1,2})-", date or "")
    month = int(m.group(1)) if m else None
    ctx = DocContext(year, None, month)
    text = re.sub(r"《[^》]*》", "", f"{title}\n{head}")  # a cited plan's period is not this document's
    span = re.search(rf"({YEAR})\s*[—–-]\s*({YEAR})年", title)
    if span:
        return DocContext(year, int(span.group(2)), month)
    named = TITLE_PERIOD.search(re.sub(r"《[^》]*》", "", title))  # “十三五”国家信息化规划: its own period
    if named:
        return DocContext(year, PERIOD_END[named.group(1)], month)
    for m in horizons(text):
        h = _horizon(m, ctx)
        if h and (year is None or h > year):
            return DocContext(year, h, month)
    return ctx


YEAR = rf"({YEAR})"
# A title naming its plan's period before the plan: 关于印发“十三五”国家信息化规划的通知.
TITLE_PERIOD = re.compile(r"“?(十[三四五六]五)”?[\u4e00-\u9fff]{0,12}?(?:规划|纲要)")


DOC_KIND = r"(?:工作要点|政府工作报告|工作报告|行动计划|实施方案|工作方案|方案|规划|要点|计划|意见)"


def infer_year(doc: Document, filename: str = "") -> int | None:
    """The year the document speaks from.

    In order: a year in its title or opening lines next to the kind of document (`2022年工作方案`); the first
    year of a five-year plan's period (`“十四五”规划` → 2021); a web page's
    publication date; a year in the file name; `2025年是…` in the text; else the year after the one the text
    mentions most (a report reviews the past year). DOCX and PDF metadata dates are not used: they record when
    a file was converted, not what year the plan speaks for.
    """
    head = "\n".join([doc.title, doc.text[:400]])
    m = re.search(YEAR + r"年?(?:[^，。\n]{0,24})" + DOC_KIND, head)
    if m:
        return int(m.group(1))
    m = re.search(r"“?十([三四五六])五”?[^，。\n《》]{0,12}规划", re.sub(r"《[^》]*》", "", head))
    if m:  # a five-year plan speaks from its first year
        return {"三": 2016, "四": 2021, "五": 2026, "六": 2031}[m.group(1)]
    if doc.format in ("html", "md", "txt") and doc.date:
        m = re.search(YEAR, doc.date)
        if m:
            return int(m.group(1))
    m = re.search(r"(?<!\d)" + YEAR + r"(?!\d)", Path(filename).stem)
    if m:
        return int(m.group(1))
    m = re.search(YEAR + r"年是", doc.text)
    if m:
        return int(m.group(1))
    years = [int(y) for y in re.findall(YEAR + "年", doc.text[:3000])]
    if years:
        common = Counter(years).most_common(1)[0][0]
        return common + 1 if "回顾" in doc.text[:3000] or "过去一年" in doc.text[:3000] else common
    return None
