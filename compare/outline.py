"""Recover a plan's outline from Chinese numbering and layout: sections, tasks, review vs forward parts."""

from __future__ import annotations

import re

from compare.lexicon import HEAD_VERBS, YEAR
from compare.model import Block, Outline, Part, Role, Task
from compare.outline_paragraphs import (
    among_run_in_tasks,
    continuations,
    principles,
    section_intros,
    sections_of_plain_text,
    unnamed,
    work_text,
)

CN = "一二三四五六七八九十"
H1_RE = re.compile(rf"^[{CN}]{{1,3}}[、.．]\s*")
H2_RE = re.compile(rf"^[(（][{CN}]{{1,3}}[)）]\s*")
H3_RE = re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）]|\d{1,2}[)）]|[①-⑳])\s*")
ENUM_RE = re.compile(rf"^(?:[{CN}]{{1,3}}是|第[{CN}]{{1,3}}[，,、])")
# A heading that runs inline after a finished sentence: `…取得明显成效。(一)数字经济发展系统化推进。`
# A heading that runs inline after a finished sentence (`…取得明显成效。(一)数字经济发展系统化推进。`),
# a top-level heading after a flattened table's last digits (`…450014000三、构建…`), or the first sub-item
# right after a top-level heading (`三、构建创新创业新生态(一)积极承接…`).
INLINE_HEADING_RE = re.compile(
    rf"(?<=[。；！？])\s*(?=[(（][{CN}]{{1,3}}[)）]|[{CN}]{{1,3}}、)"
    rf"|(?<=\d)(?=[{CN}]{{1,2}}、[\u4e00-\u9fff])"
)
FIRST_SUBITEM_RE = re.compile(r"(?<=[\u4e00-\u9fff”])[(（]一[)）]")
OPEN_H1_RE = re.compile(rf"[{CN}]{{1,3}}、[^。，,；;]{{2,30}}$")


# A task heading run into a long paragraph: a short sentence with no comma, opened by a verb or adverb of
# action (`…稳定锚。积极主动抢抓政策机遇。紧盯国家…`).
RUN_IN_HEADING_RE = re.compile(
    r"(?<=。)(?=(?:积极|主动|着力|加快|扎实|全面|大力|坚决|深入|纵深|有力|持续|切实|精准|千方百计|毫不放松|统筹|"
    r"促进|推动|推进|培育|鼓励|完善|实施|办好|开展|加强|强化|提升|优化|深化|支持|打造|构建|建设)"
    r"[^，,；;。0-9%]{4,22}。)"
)
RUN_IN_MIN_LINE = 900  # only a paragraph this long is taken for several tasks run together
RUN_IN_MIN_GAP = 150  # …and only where each run-in task has this much text of its own
# Under a numbered heading that opens its paragraph (`（五）在…上担当使命。…加强…。…促进…。`), two or more
# run-in headings are that item's sub-tasks, however long the paragraph, if each has this much own text.
RUN_IN_NUMBERED_MIN_GAP = 60


def item_number_end(text: str) -> int:
    """Where the text after a list item's number starts (`5. `, `1．`, `(1)`, `1)`, `（一）`), else 0."""
    m = H3_RE.match(text) or H2_RE.match(text)
    return m.end() if m and not H3_RE.match(text, m.end()) else 0


def _inline_cuts(line: str) -> list[int]:
    """Offsets in a long line where an inline heading begins."""
    cuts = [m.start() for m in INLINE_HEADING_RE.finditer(line)]
    cuts += [m.start() for m in FIRST_SUBITEM_RE.finditer(line)
             if OPEN_H1_RE.search(line[max(0, m.start() - 34):m.start()])]
    numbered = _run_in_cuts(line, RUN_IN_NUMBERED_MIN_GAP) if H2_RE.match(line) or H1_RE.match(line) else []
    if len(numbered) >= 2:
        cuts += numbered
    elif len(line) >= RUN_IN_MIN_LINE:
        cuts += _run_in_cuts(line, RUN_IN_MIN_GAP)
    return sorted({c for c in cuts if c > 0})


def _run_in_cuts(line: str, min_gap: int) -> list[int]:
    """Run-in task headings, kept only where each has a stretch of its own text at least min_gap long."""
    found = [m.start() for m in RUN_IN_HEADING_RE.finditer(line)]
    edges = [*found, len(line)]
    return [c for c, nxt in zip(found, edges[1:], strict=True) if nxt - c >= min_gap]
FINAL_PUNCT = "。；;！!？?…"
SENTENCE_END_RE = re.compile(r"[。！？!?]")

REVIEW_WORDS = re.compile(r"回顾|成就|成效|成绩|总结|过去一年|过去五年|发展基础|现实基础|发展现状|基础条件")
# the closing address of a report: 各位代表！…, or a line of verse and the rally
# (唯有奋斗，…。让我们更加紧密地团结…; 使命重在担当，…。我们要更加紧密地团结在…周围)
CLOSING = re.compile(r"^各位代表[！!，,]|^[^。！!]{2,40}[。！!](?:让我们|[^。！!]{0,12}更加紧密地?团结在)")
REPORTING = re.compile(r"^(?:现在[，,])?我代表[^，,。]{2,16}[，,]?向大会(?:作|报告)")
VENUE_LINE = re.compile(rf"^(?:——)?{YEAR}年\d{{1,2}}月\d{{1,2}}日在.{{2,40}}会议上$")
# The speaker under a report's title: 自治区主席 韦 韬, 省长 王伟中, 国务院总理 李 强
SPEAKER_LINE = re.compile(r"^[\u4e00-\u9fff]{0,12}(?:省长|主席|市长|总理|区长|州长|县长)"
                          r"\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}$")
OTHER_WORDS = re.compile(r"^(?:附件|附录|注释|注：|说明：)|名词(?:解释|注释)")  # …有关内容名词注释
FORWARD_HEADING = re.compile(r"目标|任务|展望|建议|安排")
PERIOD_IN_HEADING = re.compile(r"十([三四五六])五")
PERIOD_LAST_YEAR = {"三": 2020, "四": 2025, "五": 2030, "六": 2035}


PART_YEAR = re.compile(rf"{YEAR}年.{{0,8}}(?:工作|安排|建议|任务)")  # 2026年重点工作


def _opens_part(heading: str, year: int | None) -> bool:
    """An unnumbered heading naming a review or a plan part (2024年工作回顾, 2026年重点工作)."""
    return bool(REVIEW_WORDS.search(heading)) or bool(PART_YEAR.search(heading))


def looks_ahead(heading: str, year: int | None) -> bool:
    """True when a heading names goals or tasks, or a plan period that ends after the document's year."""
    if FORWARD_HEADING.search(heading):
        return True
    by_year = [int(y) for y in re.findall(r"到((?:19|20)\d{2})年", heading)]  # 到2020年，…取得显著成效
    if year is not None and any(y > year for y in by_year):
        return True
    return any(year is not None and PERIOD_LAST_YEAR[m.group(1)] > year
               for m in PERIOD_IN_HEADING.finditer(heading))
GOAL_WORDS = re.compile(r"目标|总体要求|指标")
REVIEW_PARAGRAPH = re.compile(
    rf"^(?:去年|过去一年|一年来|过去五年|五年来|这五年|回顾|(?P<year>{YEAR})年(?:以来)?[，,]|“十[三四]五”(?:时期|以来)?[，,])")


PAST_PERIOD_OPENING = re.compile(r"^“?十([三四五六])五”?(?:时期|期间|以来|这五年)")


def is_review_paragraph(text: str, doc_year: int | None) -> bool:
    """A paragraph that opens by looking back (去年…, 2021年，…): its figures are actuals."""
    period = PAST_PERIOD_OPENING.match(text)
    if period and doc_year and PERIOD_LAST_YEAR[period.group(1)] < doc_year:
        return True  # “十四五”时期是极不平凡的五年…: a plan period that has ended
    m = REVIEW_PARAGRAPH.match(text)
    if not m:
        return False
    return not (m.group("year") and doc_year and int(m.group("year")) >= doc_year)


def split_blocks(text: str) -> list[Block]:
    """Paragraphs with offsets; inline numbered headings start a new block."""
    blocks: list[Block] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        edges = [0, *(_inline_cuts(line) if len(line) > 80 else []), len(line)]
        for s, e in zip(edges, edges[1:], strict=False):
            piece = line[s:e]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                blocks.append(Block(start + s + lead, start + s + lead + len(piece), piece, "para"))
        del end
    return blocks


def first_sentence(text: str, limit: int = 60) -> str:
    """The text up to the first full stop, or the first `limit` characters."""
    m = SENTENCE_END_RE.search(text)
    head = text[: m.start()] if m else text
    return head[:limit]


def _is_short_heading(text: str) -> bool:
    if len(text) > 32 or text[-1] in FINAL_PUNCT or text.endswith(("：", ":", "，", ",")):
        return False
    if VENUE_LINE.match(text):
        return False
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    words = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or c.isdigit())  # 2024年工作回顾 is a heading
    return han >= 4 and words >= 0.8 * len(text.replace(" ", "")) and han >= 0.45 * len(text)


def _lead(text: str) -> str | None:
    """The bold-led first sentence of `推进产业链提升。组织实施…`, when the paragraph has one."""
    m = SENTENCE_END_RE.search(text)
    if not m or m.group() != "。":
        return None
    head = text[: m.start()]
    if not (3 <= len(head) <= 32) or len(text) < len(head) + 8:
        return None
    if head.count("，") + head.count(",") > 1 or "：" in head or REVIEW_PARAGRAPH.match(head):
        return None
    if re.search(r"\d", head) and re.search(r"\d+(?:\.\d+)?\s*(?:%|亿|万|个|家)", head):
        return None
    return head


# A numbered line ending in two or more columns of figures is a table row: 1.信息化发展指数 72.45 88 —.
TABLE_ROW_END = re.compile(r"(?:\s+[<>≥≤＜＞〔]?\d+(?:\.\d+)?%?〕?|\s+[—–-]+){2,}\s*\S{0,6}\s*$")


BOX_TITLE = re.compile(r"^专栏\s*\d{1,2}(?!\d)")


def classify(block: Block) -> None:
    """Set the block's role and heading from its numbering and shape."""
    t = block.text
    numbered: tuple[tuple[Role, re.Pattern[str]], ...] = (("h1", H1_RE), ("h2", H2_RE), ("h3", H3_RE))
    for role, rx in numbered:
        m = rx.match(t)
        if m:
            rest = t[m.end():]
            if re.match(rf"[{CN}]、", rest) or re.search(r"\d\s*%", first_sentence(rest)):
                # 一、二、三产业增加值分别增长…: an enumeration or a statement of figures, not a heading
                break
            if TABLE_ROW_END.search(rest):
                break  # 11.电子商务交易规模（万亿元） 21.79 >38 >11.8: a row of an indicator table
            block.role = role
            block.heading = first_sentence(rest) if rest else ""
            clauses = clause_list(block)
            if clauses:  # a heading that lists its tasks is named by its theme, the first clause
                block.heading = block.text[clauses[0][0] - block.start:clauses[0][1] - block.start]
            return
    if ENUM_RE.match(t):
        block.role = "enum"
        block.heading = first_sentence(t)
        return
    if BOX_TITLE.match(t):  # 专栏3 陆海空天一体化信息网络工程: a box's title, not a heading of the
        return  # tasks after it: the box's items run on in the text with their end unmarked
    if _is_short_heading(t):
        block.role, block.heading = "short", t
        return
    lead = _lead(t)
    if lead:
        block.role, block.heading = "lead", lead


def build_outline(text: str, title: str = "", year: int | None = None) -> Outline:
    """Blocks with roles, parts and outline paths, plus the tasks they carry."""
    blocks = split_blocks(text)
    for b in blocks:
        classify(b)
    title = _take_title(blocks, title)
    _assign_parts(blocks, year)
    _preamble_goal_lists(blocks)
    tasks = _tasks(blocks)
    return Outline(blocks, tasks, title)


DOC_KIND = r"(?:报告|要点|方案|规划|计划|意见|通知|纲要|办法|决定)"
# A title a converter glued onto the first sentence: `嘉兴市数字经济发展“十四五”规划为深入实施…`
GLUED_TITLE = re.compile(rf"^(?P<title>[^，。,；：:]{{4,40}}?{DOC_KIND})(?=为|根据|按照|为了|各位代表)")


def _take_title(blocks: list[Block], title: str) -> str:
    """The document title: metadata, else a first line that reads like one (a heading or a news headline)."""
    if not blocks:
        return title
    # a line naming the kind of document among the first few short lines wins over page clutter above it
    named = [k for k, b in enumerate(blocks[:4]) if len(b.text) <= 40 and b.role in ("short", "para", "title")
             and re.search(DOC_KIND + "$", b.text)]
    if named:  # the title, perhaps printed twice (…省政府工作报告 / 政府工作报告), and clutter above it
        for b in blocks[: named[-1] + 1]:
            b.role = "title"
        return title or blocks[named[0]].text
    first = blocks[0]
    if (first.role in ("short", "para") and len(first.text) <= 40
            and first.text[-1] not in FINAL_PUNCT + "：:"):
        first.role = "title"
        return title or first.text
    m = GLUED_TITLE.match(first.text)
    if m and first.role == "para":
        head = Block(first.start, first.start + m.end(), m.group("title"), "title")
        first.start, first.text = first.start + m.end(), first.text[m.end():]
        blocks.insert(0, head)
        classify(first)
        return title or head.text
    return title


HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3}


def _part_at_heading(heading: str, level: int, role: str, part: Part, goals: bool, has_h1: bool,
                     year: int | None) -> tuple[Part, bool]:
    """The part of the plan a heading opens, and whether the blocks under it list goals."""
    if OTHER_WORDS.search(heading):
        return "other", goals
    if level == 1 or role == "short" and (not has_h1 or _opens_part(heading, year)):
        # a heading that looks back and ahead (…发展成就和“十五五”时期主要目标任务) opens a forward part;
        # its look-back paragraphs are still marked review one by one
        back = REVIEW_WORDS.search(heading) and not looks_ahead(heading, year)
        part = "review" if back else ("forward" if part != "other" or level == 1 else part)
        return part, bool(GOAL_WORDS.search(heading)) and "任务" not in heading
    # …but not a forward item that sets out to reach results: 加快释放改革开放成效
    sets_out = part == "forward" and HEAD_VERBS.match(heading)
    if REVIEW_WORDS.search(heading) and len(heading) <= 16 and not sets_out:
        return "review", goals
    if part == "preamble":
        return "forward", goals
    return part, goals


def _assign_parts(blocks: list[Block], year: int | None) -> None:
    """Walk the blocks once, tracking the open headings and which part of the plan we are in."""
    has_h1 = any(b.role == "h1" for b in blocks)
    last_numbered = max((k for k, b in enumerate(blocks) if b.role in ("h1", "h2")), default=-1)
    stack: list[tuple[int, str]] = []
    part: Part = "preamble"
    goals = False
    seen_forward_heading = closing = False
    # the lines above 现在，我代表省人民政府向大会报告工作 (venue, speaker, byline) head the report,
    # not a part
    opening = next((k for k, b in enumerate(blocks[:12]) if REPORTING.match(b.text)), -1)
    for k, b in enumerate(blocks):
        if k <= opening:
            b.part = "other"
            b.role = "title" if b.role in ("short", "h1", "h2") else b.role
            continue
        if b.role == "title" or SPEAKER_LINE.match(b.text) or VENUE_LINE.match(b.text):
            b.role, b.part = "title", "other"
            continue
        level = HEADING_LEVEL.get(b.role)
        if b.role == "short":
            level = 2 if has_h1 else 1
        appendix = any(OTHER_WORDS.search(h) for _, h in stack)
        if level is not None and closing and b.role == "h3" and not appendix:
            part = "forward"  # items after the closing address: 民生实事 (1.医疗卫生方面。…), not a glossary
        if level is not None:
            heading = b.heading or b.text
            part, goals = _part_at_heading(heading, level, b.role, part, goals, has_h1, year)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading))
            own = stack[:-1] if b.role == "h3" else stack  # a numbered item is not its own section
            b.path = [h for _, h in own]
        else:
            b.path = [h for _, h in stack]
            if part == "forward" and seen_forward_heading and k > last_numbered and CLOSING.match(b.text):
                # the closing address of a report (各位代表！…) assigns no tasks
                part, closing = "other", True
                stack = []
            elif closing and b.role == "lead" and not CLOSING.match(b.text):
                part = "forward"  # …unless items follow it: 政府自身建设 (深入推进依法行政。…)
        if level is not None and part == "forward":
            seen_forward_heading = True
        b.part, b.goals = part, goals
        if b.role not in HEADING_LEVEL and b.role != "short" and is_review_paragraph(b.text, year):
            b.part = "review"


def _is_task_block(b: Block) -> bool:
    """A block that may carry a task of its own: a numbered item, a bold-led or 一是 paragraph, a long one."""
    if b.part in ("other", "review", "preamble") or b.role == "title":
        return False
    if b.role in ("lead", "enum", "h3"):
        return True
    if b.role in ("h1", "h2"):
        m = H1_RE.match(b.text) or H2_RE.match(b.text)
        return m is not None and b.text != m.group(0)
    return b.role == "para" and bool(b.path) and not b.goals and len(b.text) >= 40


def _is_section(blocks: list[Block], i: int, chosen: set[int]) -> bool:
    """A numbered heading is a section when deeper items follow it, or when it is a bare heading line."""
    b = blocks[i]
    nxt = next((blocks[j] for j in range(i + 1, len(blocks))
                if blocks[j].role in ("h1", "h2", "lead", "enum", "h3") and blocks[j].part != "other"), None)
    deeper = ("h2", "h3", "lead", "enum") if b.role == "h1" else ("h3", "lead", "enum")
    if nxt is not None and nxt.role in deeper and (i + 1) in chosen:
        return True
    return b.goals or b.text[-1] not in FINAL_PUNCT and len(b.text) <= len(b.heading) + 4


def _preamble_goal_lists(blocks: list[Block]) -> None:
    """A run of three or more 一是…二是… paragraphs before the first heading lists the plan's goals.

    A news report of a plan (一是产业能级跃升。…五是普惠共享跃升。): they look ahead, each its own
    section."""
    run: list[Block] = []
    for b in [*blocks, Block(0, 0, "", "para")]:
        if b.role == "enum" and b.part == "preamble":
            run.append(b)
            continue
        if len(run) >= 3:
            for g in run:
                g.part, g.path = "forward", [g.heading]
        run = []


def _tasks(blocks: list[Block]) -> list[Task]:
    """Tasks in the forward part, with the headings that hold them first as parts (level "part").

    Tasks are numbered items, bold-led paragraphs, 一是 clauses and the clauses of a heading that lists
    its tasks."""
    chosen = {i for i, b in enumerate(blocks) if _is_task_block(b)} - principles(blocks)
    chosen -= section_intros(blocks, chosen)
    continued = continuations(blocks, chosen)
    chosen -= set(continued.values())
    tasks: list[Task] = []
    owned: set[int] = set()
    run_in: set[int] = set()  # plain paragraphs read as tasks among bold-led ones
    sections: list[int] = []
    owner: dict[int, int] = {}  # an owned paragraph → the item or section heading it belongs to
    for i in sorted(chosen):
        b = blocks[i]
        if b.role in ("h1", "h2") and i not in continued and _is_section(blocks, i, chosen):
            sections.append(i)
            continue
        after_item = i > 0 and (i - 1 in owned or i - 1 in run_in or blocks[i - 1].role in (
            "lead", "enum", "h3", "h1", "h2") and (i - 1) in chosen and blocks[i - 1].path[:1] == b.path[:1])
        if after_item and among_run_in_tasks(blocks, i):
            after_item = False  # a paragraph between bold-led tasks is a task of its own (国防, 民生实事)
            run_in.add(i)
        if b.role == "para" and after_item:
            # a plain paragraph after a numbered item belongs to that item, not a task of its own
            owned.add(i)
            owner[i] = owner.get(i - 1, i - 1)
            continue
        clauses = clause_list(b) if b.role in ("h1", "h2") else []
        if clauses:
            tasks.extend(_clause_tasks(b, clauses))
            continue
        heading = first_sentence(b.text, 40) if b.role == "para" else b.heading or first_sentence(b.text, 40)
        if i in run_in:
            heading = first_sentence(work_text(b.text), 40)
        end = blocks[continued[i]].end if i in continued else b.end
        # an item owns the plain paragraphs after it, up to the next item
        if b.role in ("h3", "enum", "lead"):
            for j in range(i + 1, len(blocks)):
                if blocks[j].role != "para" or j in chosen:
                    break
                end = blocks[j].end
        path = [p for p in b.path if p != heading]
        tasks.append(Task(id="", path=path, heading=heading, quote=b.text[:200], start=b.start, end=end,
                          part=b.part))
    tasks += sections_of_plain_text(blocks, tasks, sections, owner)
    return _with_parts(blocks, tasks, sections)


def _with_parts(blocks: list[Block], tasks: list[Task], sections: list[int]) -> list[Task]:
    """Insert the section headings that hold tasks, each before its first task: a top-level one as a part, a
    nested one as a task holding sub-tasks."""
    heads = [i for i, b in enumerate(blocks) if b.part == "forward" and (b.role == "short" or i in sections)]
    parts: list[Task] = []
    for i in heads:
        b = blocks[i]
        level = _heading_level(b)
        # it ends at the next heading of its level or above, whether that one holds tasks or is a task itself
        later = (k for k in range(i + 1, len(blocks)) if k in heads or blocks[k].role in ("h1", "h2"))
        stop = next((blocks[k].start for k in later if _heading_level(blocks[k]) <= level), blocks[-1].end)
        inside = [t for t in tasks if b.start <= t.start < stop]
        heading = b.heading or b.text
        path = [p for p in b.path if p != heading]
        own = next((x for x in blocks if x.start == inside[0].start), None) if len(inside) == 1 else None
        if own is not None and not path and unnamed(own):
            # a part that is one unnamed paragraph (四、全面加强政府自身建设 / 新使命…提出了更高要求。我们要…)
            # is one task, named by its heading
            inside[0].heading, inside[0].path, inside[0].start = heading, path, b.start
        elif inside:
            # a top-level heading is a part; a numbered heading inside one is a task that holds sub-tasks
            parts.append(Task(id="", path=path, heading=heading, quote=b.text[:200], start=b.start,
                              end=max(stop, b.end), part=b.part, level="task" if path else "part",
                              container=True))
    return sorted(tasks + parts, key=lambda t: (t.start, t.level != "part", -(t.end - t.start)))


def _heading_level(b: Block) -> int:
    return HEADING_LEVEL.get(b.role, 2 if b.path and len(b.path) > 1 else 1)


CLAUSE = re.compile(r"[^，,；;。]+")


def clause_list(b: Block) -> list[tuple[int, int]]:
    """Offsets (in the document) of the clauses of a heading that lists its own tasks.

    `二、高水平建设…引领区，做强做大…产业集群，实施…提升行动，加快发展壮大…梯队。` → the theme, then each
    task."""
    m = H1_RE.match(b.text) or H2_RE.match(b.text)
    if m is None or not b.text.endswith("。") or b.text.count("。") > 1:
        return []
    spans = [(x.start(), x.end()) for x in CLAUSE.finditer(b.text, m.end())]
    if len(spans) < 3 or any(not 4 <= e - s <= 34 for s, e in spans):
        return []
    return [(b.start + s, b.start + e) for s, e in spans]


def _clause_tasks(b: Block, clauses: list[tuple[int, int]]) -> list[Task]:
    """A heading that lists its tasks: the first clause is a part, the others are its tasks."""
    def text(span: tuple[int, int]) -> str:
        return b.text[span[0] - b.start:span[1] - b.start]

    theme = text(clauses[0])
    path = [p for p in b.path[:-1]]
    out = [Task(id="", path=path, heading=theme, quote=b.text[:200], start=b.start, end=b.end, part=b.part,
                level="part", container=True)]
    for s, e in clauses[1:]:
        out.append(Task(id="", path=[*path, theme], heading=text((s, e)), quote=text((s, e)), start=s, end=e,
                        part=b.part))
    return out


def number_tasks(tasks: list[Task], side: str) -> None:
    """Give tasks stable ids: side letter, section number, item number (a1.2); a top-level part is a1."""
    section_ids: dict[tuple[str, ...], int] = {}
    counts: dict[int, int] = {}
    for t in tasks:
        top = t.path[:1] or ([t.heading] if t.level == "part" else [])
        sec = section_ids.setdefault(tuple(top), len(section_ids) + 1)
        if t.level == "part" and not t.path:
            t.id = f"{side}{sec}"
            continue
        counts[sec] = counts.get(sec, 0) + 1
        t.id = f"{side}{sec}.{counts[sec]}"
