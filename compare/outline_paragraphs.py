"""Which paragraphs of a plan state a piece of work of their own (国防, 民生实事) or continue one."""

from __future__ import annotations

import re

from compare.lexicon import ALIGN_STOP_WORDS, YEAR
from compare.model import Block, Task

# Words that open a paragraph before its work: an address, a time, the government speaking.
ADDRESS = re.compile(r"^(?:各位代表[，,]|同志们[，,])?(?:新的一年|今年)?[，,]?(?:我们)?(?:将|要)?")
# A statement about the work, not the work: 新型工业化事关全局，必须…; 农村是…基础; 为山河添彩…是政治责任.
RHETORIC = re.compile(r"(?<![一二三四五六七八九十])是|事关|关系到|关乎|必须|一头连着")
# This year's work announced to the deputies: 各位代表！…今年将继续实施10大类60项民生实事…
THIS_YEARS_WORK = re.compile(r"今年[，,]?(?:我们)?(?:将|要)?(?:继续|接续)?[^。！!]{0,12}?(?:实施|办好|安排)")
EXCLAIMED = re.compile(r"各位代表[！!]")


def among_run_in_tasks(blocks: list[Block], i: int) -> bool:
    """A plain paragraph right after a bold-led task that has a bold-led sibling before it, in one section:
    the section lists its tasks one paragraph each, so this paragraph is one more."""
    prev = blocks[i - 1]
    if prev.role != "lead" or i < 2:
        return False
    before = blocks[i - 2]
    same_section = before.path == prev.path == blocks[i].path
    return before.role == "lead" and same_section and _states_work(blocks[i].text)


def work_text(text: str) -> str:
    """A paragraph from where its work is stated: after an exclamation to the deputies and the words before
    this year's work (各位代表！“…”，今年继续实施…)."""
    if not EXCLAIMED.match(text):
        return text
    m = THIS_YEARS_WORK.search(text, 0, _sentence_end_after(text, 2))
    return text[m.start():] if m else ""


def _sentence_end_after(text: str, n: int) -> int:
    """Where the n-th sentence of a text ends (or the text's end)."""
    ends = [m.end() for m in re.finditer(r"[。！!]", text)]
    return ends[n] if len(ends) > n else len(text)


def _states_work(text: str) -> bool:
    """A paragraph that states a piece of work (支持国防和军队现代化建设，…; 各位代表！…今年继续实施…),
    not an exclamation to the deputies or a statement of why the work matters."""
    text = work_text(text)
    if not text:
        return False
    rest = text[ADDRESS.match(text).end():]  # type: ignore[union-attr]
    first = re.split(r"[，,。；;：:！!]", rest, maxsplit=1)[0]
    sentence = re.split(r"[。！!]", rest, maxsplit=1)[0]
    return len(first) >= 4 and not RHETORIC.search(sentence)


def continuations(blocks: list[Block], chosen: set[int]) -> dict[int, int]:
    """In a plan whose numbered headings mostly carry their own body and no items, such a heading followed by
    one paragraph that opens like a bold-led item and no other item before the next heading
    (（一）强化数据供给。支持…。\n深化政务数据共享。建立…\n（二）…): the heading's index → that paragraph's,
    the item's next paragraph, not a sub-task making it a group of one."""
    items: dict[int, list[int]] = {}
    for i in sorted(chosen):
        head = blocks[i]
        if head.role != "h2" or len(head.text) <= len(head.heading) + INLINE_BODY:
            continue
        items[i] = []
        for j in range(i + 1, len(blocks)):
            if blocks[j].role in ("h1", "h2") or blocks[j].path[: len(head.path)] != head.path:
                break  # the next heading, or a paragraph outside the heading (各位代表！…)
            if blocks[j].role in ITEM_ROLES:
                items[i].append(j)
    if 2 * sum(1 for found in items.values() if not found) <= len(items):
        return {}  # the plan's headings hold items: a lone one is an item too
    return {i: found[0] for i, found in items.items()
            if len(found) == 1 and blocks[found[0]].role == "lead" and found[0] in chosen}


INLINE_BODY = 40  # characters after a heading's first sentence that make a body of its own
ITEM_ROLES = ("h1", "h2", "h3", "lead", "enum")


# A section's opening statement and its call to act: 农稳国本，粮安天下。我们要…; 市场是最稀缺的资源。我们要…
INTRO = re.compile(r"^[^。！!]{2,32}。(?:我们要|我们将|我们必须|必须|要)")
INTRO_MAX = 150  # characters: a longer paragraph goes on to set out work of its own
# …unless the statement names this year's work (今年将开展“十五五”规划编制工作。要…): then it is that task
WORK_OF_THE_YEAR = re.compile(r"今年|年内|全年|规划|任务|工作")


def section_intros(blocks: list[Block], chosen: set[int]) -> set[int]:
    """Paragraphs that frame a section rather than set out work, beside the section's own tasks: a short
    statement of its theme and a call to act, a report's framing of the year (2026年是“十五五”开局之年),
    the short codas of a plan that frames section after section so. A section that is all one such
    paragraph keeps it, and so does one taking up a topic of its own, such as 国防, in a plan without that
    house style."""
    codas = _house_style_codas(blocks, chosen)
    # a report to a congress (各位代表) opens its year's work with formulaic framing; a work conference's
    # 今年是…之年。浙江将以…深化… goes straight on to the work
    addressed = any("各位代表" in b.text for b in blocks)
    out = set()
    for i in sorted(chosen):
        b = blocks[i]
        opens_the_year = addressed and _frames_the_year(blocks, chosen, i)
        if not (_frames_its_section(b) or i in codas or opens_the_year):
            continue
        siblings = [j for j in chosen if j != i and blocks[j].path == b.path and blocks[j].role == "lead"
                    and not INTRO.match(blocks[j].text)]
        if opens_the_year:
            out.add(i)
            # the plain paragraphs after it carry the framing on (总体要求是…; 主要预期目标是…) up to the
            # next item
            k = i + 1
            while k < len(blocks) and blocks[k].role == "para" and blocks[k].path == b.path:
                out.add(k)
                k += 1
        elif siblings or i in codas:
            out.add(i)
    return out


# The first sentence frames the year or the section's charge (今年是“十五五”开局之年;
# …对政府工作提出了更高要求), or opens its overall requirements or its main goals
# (今年工作的总体要求是：…; 主要预期目标是：…)
YEAR_FRAMING = re.compile(rf"^(?:各位代表[！!，,])?(?:今年|明年|{YEAR}年)是|提出了?(?:新的)?更高(?:的)?要求"
                          r"|^[^，,。：:]{0,16}(?:总的?要求|总体要求|主要(?:预期)?目标)(?:是|为)[：:]")
# A call to act standing alone, one sentence: 我们要将“时时放心不下”的责任感，转化为…的行动力。
CALL_ALONE = re.compile(r"^我们(?:要|将|必须)[^。！!]{4,70}[。！!]$")
HOUSE_STYLE = 3  # codas a plan must have before its short framing paragraphs are read as framing, echo or not


def _frames_the_year(blocks: list[Block], chosen: set[int], i: int) -> bool:
    """A paragraph whose first sentence frames the year or the charge (2026年是…开局之年。我们要…) ahead of
    the section's own tasks: the section's framing, whatever its length; its figures stay in the section."""
    b = blocks[i]
    first = re.split(r"[。！!]", b.text, maxsplit=1)[0]
    if b.role not in ("lead", "para") or not YEAR_FRAMING.search(first):
        return False
    inner = [j for j in chosen
             if j > i and blocks[j].path[: len(b.path)] == b.path and blocks[j].role != "para"]
    return bool(inner)


def _house_style_codas(blocks: list[Block], chosen: set[int]) -> set[int]:
    """Short framing paragraphs after a section's bold-led tasks (市场是最稀缺的资源。我们要…), when the plan
    has at least HOUSE_STYLE of them: its way of closing sections, not tasks."""
    found = set()
    for i in sorted(chosen):
        b = blocks[i]
        if b.role not in ("lead", "para") or not b.path or len(b.text) > INTRO_MAX:
            continue
        if not (INTRO.match(b.text) or CALL_ALONE.match(b.text)) or WORK_OF_THE_YEAR.search(b.heading or ""):
            continue
        if any(j < i and blocks[j].path == b.path and blocks[j].role == "lead" for j in chosen):
            found.add(i)
    return found if len(found) >= HOUSE_STYLE else set()


def _frames_its_section(b: Block) -> bool:
    """A short statement and call to act (科技强则产业强。我们要…) that restates its section's theme."""
    if b.role != "lead" or len(b.text) > INTRO_MAX or not INTRO.match(b.text):
        return False
    if WORK_OF_THE_YEAR.search(b.heading):
        return False  # 今年将开展“十五五”规划编制工作。要…: this year's task
    return bool(b.path) and _echoes(b.path[-1], b.text)  # not 军政军民团结是…。要支持国防…


def _echoes(heading: str, text: str) -> bool:
    """The text takes up a content word of the heading (…科技自立自强 under 推进科技自立自强)."""
    import rjieba

    words = {w for w in rjieba.cut(heading) if len(w) >= 2 and w not in ALIGN_STOP_WORDS}
    return any(w in text for w in words)


# `实际工作中，重点把握以下几点：` `必须坚持以下原则：`: the 一是… items after it are principles, not tasks
PRINCIPLES_LEAD = re.compile(r"(?:把握|遵循|坚持|贯彻)[^。：:]{0,12}(?:以下|如下)"
                             r"[^。：:]{0,6}(?:几点|原则|要求)[：:]$")


def principles(blocks: list[Block]) -> set[int]:
    """The 一是… paragraphs that follow a lead-in announcing principles to keep in mind."""
    out: set[int] = set()
    for i, b in enumerate(blocks):
        if b.role != "enum" and PRINCIPLES_LEAD.search(b.text):
            k = i + 1
            while k < len(blocks) and blocks[k].role == "enum":
                out.add(k)
                k += 1
    return out


RHETORIC_OPENING = re.compile(f"{RHETORIC.pattern}|{YEAR_FRAMING.pattern}")


def unnamed(b: Block) -> bool:
    """A paragraph with no heading of its own: a plain one, or one that opens with a statement
    (新使命…提出了更高要求。我们要…) rather than a named piece of work."""
    return b.role == "para" or b.role == "lead" and bool(RHETORIC_OPENING.search(b.heading))


# a section that sets out the year's or the period's frame, not a piece of work: 总体要求和目标任务, 主要考虑
FRAMING_HEADING = re.compile(r"目标|要求|考虑|思路")


def sections_of_plain_text(blocks: list[Block], tasks: list[Task], sections: list[int],
                            owner: dict[int, int]) -> list[Task]:
    """A section heading whose text is plain paragraphs and holds no task (三、全面加强政府自身建设 /
    加快推动…): one task, named by its heading (taken out of sections, so it is no part)."""
    out = []
    for s in list(sections):
        body = sorted(i for i, o in owner.items() if o == s)
        heading = blocks[s].heading or blocks[s].text
        if body and not any(heading in t.path for t in tasks) and not FRAMING_HEADING.search(heading):
            sections.remove(s)
            out.append(Task(id="", path=[p for p in blocks[s].path if p != heading], heading=heading,
                            quote=blocks[body[0]].text[:200], start=blocks[s].start, end=blocks[body[-1]].end,
                            part=blocks[s].part))
    return out
