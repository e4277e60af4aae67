"""Which paragraphs of a plan state a piece of work of their own (国防, 民生实事) or continue one."""

from __future__ import annotations

import re

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
