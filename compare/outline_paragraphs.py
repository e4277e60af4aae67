"""Which paragraphs of a plan state a piece of work of their own (国防, 民生实事) or continue one."""

from __future__ import annotations

import re

from compare.lexicon import ALIGN_STOP_WORDS
from compare.model import Block

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
    """Short paragraphs that open or close a section with a statement of its theme and a call to act, beside
    the section's own bold-led tasks: the section's framing, not a task (a section that is all one such
    paragraph keeps it, and so does one taking up a topic of its own, such as 国防)."""
    out = set()
    for i in sorted(chosen):
        b = blocks[i]
        if not _frames_its_section(b):
            continue
        siblings = [j for j in chosen if j != i and blocks[j].path == b.path and blocks[j].role == "lead"
                    and not INTRO.match(blocks[j].text)]
        if siblings:
            out.add(i)
    return out


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
