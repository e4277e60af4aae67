"""Recover a plan's outline from Chinese numbering and layout: sections, tasks, review vs forward parts."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from compare.model import Task

CN = "一二三四五六七八九十"
H1_RE = re.compile(rf"^[{CN}]{{1,3}}[、.．]\s*")
H2_RE = re.compile(rf"^[(（][{CN}]{{1,3}}[)）]\s*")
H3_RE = re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[(（]\d{1,2}[)）]|\d{1,2}[)）]|[①-⑳])\s*")
ENUM_RE = re.compile(rf"^(?:[{CN}]{{1,3}}是|第[{CN}]{{1,3}}[，,、])")
# A heading that runs inline after a finished sentence: `…取得明显成效。(一)数字经济发展系统化推进。`
# A heading that runs inline after a finished sentence (`…取得明显成效。(一)数字经济发展系统化推进。`), a top-level
# heading after a flattened table's last digits (`…450014000三、构建…`), or the first sub-item right after a
# top-level heading (`三、构建创新创业新生态(一)积极承接…`).
INLINE_HEADING_RE = re.compile(
    rf"(?<=[。；！？])\s*(?=[(（][{CN}]{{1,3}}[)）]|[{CN}]{{1,3}}、)"
    rf"|(?<=\d)(?=[{CN}]{{1,2}}、[\u4e00-\u9fff])"
)
FIRST_SUBITEM_RE = re.compile(r"(?<=[\u4e00-\u9fff”])[(（]一[)）]")
OPEN_H1_RE = re.compile(rf"[{CN}]{{1,3}}、[^。，,；;]{{2,30}}$")


def item_number_end(text: str) -> int:
    """Where the text after a list item's number starts (`5. `, `1．`, `(1)`, `1)`, `（一）`), else 0."""
    m = H3_RE.match(text) or H2_RE.match(text)
    return m.end() if m and not H3_RE.match(text, m.end()) else 0


def _inline_cuts(line: str) -> list[int]:
    """Offsets in a long line where an inline heading begins."""
    cuts = [m.start() for m in INLINE_HEADING_RE.finditer(line)]
    cuts += [m.start() for m in FIRST_SUBITEM_RE.finditer(line) if OPEN_H1_RE.search(line[max(0, m.start() - 34):m.start()])]
    return sorted({c for c in cuts if c > 0})
FINAL_PUNCT = "。；;！!？?…"
SENTENCE_END_RE = re.compile(r"[。！？!?]")

REVIEW_WORDS = re.compile(r"回顾|成就|成效|成绩|总结|过去一年|过去五年|发展基础|现实基础|发展现状|基础条件")
CLOSING = re.compile(r"^各位代表[！!，,]")
VENUE_LINE = re.compile(r"^(?:——)?(?:19|20)\d{2}年\d{1,2}月\d{1,2}日在.{2,40}会议上$")
# The speaker under a report's title: 自治区主席 韦 韬, 省长 王伟中, 国务院总理 李 强
SPEAKER_LINE = re.compile(r"^[\u4e00-\u9fff]{0,12}(?:省长|主席|市长|总理|区长|州长|县长)\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}$")
OTHER_WORDS = re.compile(r"^(?:附件|附录|名词解释|名词注释|注释|注：|说明：)")
FORWARD_HEADING = re.compile(r"目标|任务|展望|建议|安排")
PERIOD_IN_HEADING = re.compile(r"十([三四五六])五")
PERIOD_LAST_YEAR = {"三": 2020, "四": 2025, "五": 2030, "六": 2035}


def _opens_part(heading: str, year: int | None) -> bool:
    """An unnumbered heading that names a review or a plan part (2024年工作回顾, “十五五”时期主要目标和2026年重点工作)."""
    return bool(REVIEW_WORDS.search(heading)) or bool(re.search(r"(?:19|20)\d{2}年.{0,8}(?:工作|安排|建议|任务)", heading))


def looks_ahead(heading: str, year: int | None) -> bool:
    """True when a heading names goals or tasks, or a plan period that ends after the document's year."""
    if FORWARD_HEADING.search(heading):
        return True
    return any(year is not None and PERIOD_LAST_YEAR[m.group(1)] > year for m in PERIOD_IN_HEADING.finditer(heading))
GOAL_WORDS = re.compile(r"目标|总体要求|指标")
REVIEW_PARAGRAPH = re.compile(
    r"^(?:去年|过去一年|一年来|过去五年|五年来|这五年|回顾|(?P<year>(?:19|20)\d{2})年(?:以来)?[，,]|“十[三四]五”(?:时期|以来)?[，,])")


def is_review_paragraph(text: str, doc_year: int | None) -> bool:
    """A paragraph that opens by looking back (去年…, 2021年，…): its figures are actuals."""
    m = REVIEW_PARAGRAPH.match(text)
    if not m:
        return False
    return not (m.group("year") and doc_year and int(m.group("year")) >= doc_year)


@dataclass
class Block:
    """One paragraph (or inline-split piece) with its layout role."""

    start: int
    end: int
    text: str
    role: str  # h1 | h2 | h3 | short | enum | lead | para
    heading: str = ""
    part: str = "forward"  # forward | review | other | preamble
    goals: bool = False  # inside a goals part (主要目标…)
    path: list[str] = field(default_factory=list)


@dataclass
class Outline:
    """A document's blocks and the tasks recovered from them."""

    blocks: list[Block]
    tasks: list[Task]
    title: str = ""
    starts: list[int] = field(default_factory=list, repr=False)  # task starts, for look-ups by offset

    def __post_init__(self) -> None:
        self.starts = [t.start for t in self.tasks]

    def block_at(self, offset: int) -> Block | None:
        """The block that holds a character offset."""
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if offset < b.start:
                hi = mid - 1
            elif offset >= b.end:
                lo = mid + 1
            else:
                return b
        return None

    def task_at(self, offset: int) -> Task | None:
        """The innermost task whose text holds a character offset (tasks are in document order)."""
        k = bisect_right(self.starts, offset)
        best = None
        for t in reversed(self.tasks[max(0, k - 8):k]):  # tasks barely overlap: a few steps back suffice
            if t.start <= offset < t.end and (best is None or t.end - t.start < best.end - best.start):
                best = t
        return best


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


def classify(block: Block) -> None:
    """Set the block's role and heading from its numbering and shape."""
    t = block.text
    for role, rx in (("h1", H1_RE), ("h2", H2_RE), ("h3", H3_RE)):
        m = rx.match(t)
        if m:
            rest = t[m.end():]
            if re.match(rf"[{CN}]、", rest) or re.search(r"\d\s*%", first_sentence(rest)):
                break  # 一、二、三产业增加值分别增长…: an enumeration or a statement of figures, not a heading
            block.role = role
            block.heading = first_sentence(rest) if rest else ""
            return
    if ENUM_RE.match(t):
        block.role = "enum"
        block.heading = first_sentence(t)
        return
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
    for k, b in enumerate(blocks[:4]):
        if len(b.text) <= 40 and b.role in ("short", "para") and re.search(DOC_KIND + "$", b.text):
            for clutter in blocks[:k]:
                clutter.role = "title" if clutter.role != "title" else clutter.role
            b.role = "title"
            return title or b.text
    first = blocks[0]
    if first.role in ("short", "para") and len(first.text) <= 40 and first.text[-1] not in FINAL_PUNCT + "：:":
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


def _assign_parts(blocks: list[Block], year: int | None) -> None:
    """Walk the blocks once, tracking the open headings and which part of the plan we are in."""
    has_h1 = any(b.role == "h1" for b in blocks)
    last_numbered = max((k for k, b in enumerate(blocks) if b.role in ("h1", "h2")), default=-1)
    stack: list[tuple[int, str]] = []
    part, goals = "preamble", False
    seen_forward_heading = False
    for k, b in enumerate(blocks):
        if b.role == "title" or SPEAKER_LINE.match(b.text) or VENUE_LINE.match(b.text):
            b.role, b.part = "title", "other"
            continue
        level = HEADING_LEVEL.get(b.role)
        if b.role == "short":
            level = 2 if has_h1 else 1
        if level is not None:
            heading = b.heading or b.text
            if OTHER_WORDS.match(heading):
                part = "other"
            elif level == 1 or b.role == "short" and (not has_h1 or _opens_part(heading, year)):
                # a heading that looks back and ahead (…发展成就和“十五五”时期主要目标任务) opens a forward part;
                # its look-back paragraphs are still marked review one by one
                back = REVIEW_WORDS.search(heading) and not looks_ahead(heading, year)
                part = "review" if back else ("forward" if part != "other" or level == 1 else part)
                goals = bool(GOAL_WORDS.search(heading)) and "任务" not in heading
            elif REVIEW_WORDS.search(heading) and len(heading) <= 16:
                part = "review"
            elif part == "preamble":
                part = "forward"
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading))
            own = stack[:-1] if b.role == "h3" else stack  # a numbered item is not its own section
            b.path = [h for _, h in own]
        else:
            b.path = [h for _, h in stack]
            if part == "forward" and seen_forward_heading and k > last_numbered and CLOSING.match(b.text):
                part = "other"  # the closing address of a report (各位代表！…) assigns no tasks
        if level is not None and part == "forward":
            seen_forward_heading = True
        b.part, b.goals = part, goals
        if b.role not in HEADING_LEVEL and b.role != "short" and is_review_paragraph(b.text, year):
            b.part = "review"


def _tasks(blocks: list[Block]) -> list[Task]:
    """Tasks: numbered items, bold-led paragraphs and 一是 clauses in the forward part; parents are sections."""
    cands: list[tuple[int, Block]] = []
    for i, b in enumerate(blocks):
        if b.part in ("other", "review", "preamble") or b.role == "title":
            continue
        if b.role in ("lead", "enum", "h3") or b.role in ("h1", "h2") and b.text != (H1_RE.match(b.text) or H2_RE.match(b.text)).group(0) or b.role == "para" and b.path and not b.goals and len(b.text) >= 40:
            cands.append((i, b))
    tasks: list[Task] = []
    chosen = {i for i, _ in cands}
    owned: set[int] = set()
    for n, (i, b) in enumerate(cands):
        if b.role in ("h1", "h2"):
            # a numbered heading is a section when deeper items follow it, or when it is a bare heading line
            nxt = next((blocks[j] for j in range(i + 1, len(blocks))
                        if blocks[j].role in ("h1", "h2", "lead", "enum", "h3")), None)
            deeper = ("h2", "h3", "lead", "enum") if b.role == "h1" else ("h3", "lead", "enum")
            if nxt is not None and nxt.role in deeper and (i + 1) in chosen:
                continue
            if b.goals or b.text[-1] not in FINAL_PUNCT and len(b.text) <= len(b.heading) + 4:
                continue
        if b.role == "para":
            heading = first_sentence(b.text, 40)
            # a plain paragraph after a numbered item belongs to that item (or to whatever owns the paragraph
            # before it), not a task of its own
            if i > 0 and (i - 1 in owned or blocks[i - 1].role in ("lead", "enum", "h3", "h1", "h2")
                          and (i - 1) in chosen and blocks[i - 1].path[:1] == b.path[:1]):
                owned.add(i)
                continue
        else:
            heading = b.heading or first_sentence(b.text, 40)
        end = b.end
        # a numbered item owns the plain paragraphs that follow it until the next item or heading
        if b.role in ("h3", "enum", "lead"):
            for j in range(i + 1, len(blocks)):
                if blocks[j].role != "para" or j in chosen:
                    break
                end = blocks[j].end
        path = [p for p in b.path if p != heading]
        tasks.append(Task(id="", path=path, heading=heading, quote=b.text[:200], start=b.start, end=end,
                          part=b.part))
        del n
    return tasks


def number_tasks(tasks: list[Task], side: str) -> None:
    """Give tasks stable ids: side letter, section number, item number (a1.2)."""
    section_ids: dict[tuple[str, ...], int] = {}
    counts: dict[int, int] = {}
    for t in tasks:
        key = tuple(t.path[:1])
        sec = section_ids.setdefault(key, len(section_ids) + 1)
        counts[sec] = counts.get(sec, 0) + 1
        t.id = f"{side}{sec}.{counts[sec]}"
