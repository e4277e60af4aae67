"""Synthetic long plans: k copies of a real report's top-level sections, renumbered so the outline stays valid."""

from __future__ import annotations

import re
from pathlib import Path

DIGITS = "一二三四五六七八九"
H1_LINE = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})、(?P<rest>.*)$")


def chinese_numeral(n: int) -> str:
    """1..99 written as in plan headings: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 48 → 四十八."""
    if not 1 <= n <= 99:
        raise ValueError(f"heading number out of range: {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens - 1] + "十")
    return head + (DIGITS[ones - 1] if ones else "")


def split_sections(text: str) -> tuple[str, list[str]]:
    """The text before the first top-level heading (一、…), and each top-level section as heading + body."""
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if H1_LINE.match(ln.strip())]
    if not starts:
        return "", [text]
    preamble = "\n".join(lines[: starts[0]])
    sections = ["\n".join(lines[s:e]) for s, e in zip(starts, [*starts[1:], len(lines)], strict=True)]
    return preamble, sections


def _renumber(section: str, n: int) -> str:
    first, _, rest = section.partition("\n")
    m = H1_LINE.match(first.strip())
    if m:
        first = f"{chinese_numeral(n)}、{m.group('rest')}"
    return first + ("\n" + rest if rest else "")


def scale_text(text: str, k: int) -> str:
    """k× the text: the preamble once, then k copies of its top-level sections numbered on from 一、."""
    if k < 1:
        raise ValueError("k must be at least 1")
    preamble, sections = split_sections(text)
    if k == 1:
        return text
    out, n = [preamble] if preamble else [], 0
    for _ in range(k):
        for sec in sections:
            n += 1
            out.append(_renumber(sec.rstrip("\n"), n))
    return "\n".join(out) + "\n"


def clean_source(path: Path) -> str:
    """A real report in canonical form (the pipeline's own normalise), so web chrome is not copied k times."""
    from compare.normalise import normalise
    from compare.read import read_raw

    return normalise(read_raw(path).text)


def build_pair(a: Path, b: Path, k: int, out_dir: Path) -> tuple[Path, Path]:
    """Write the k× versions of A and B as UTF-8 text files under out_dir and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for src in (a, b):
        dst = out_dir / f"{src.stem}_x{k}.txt"
        dst.write_text(scale_text(clean_source(src), k), encoding="utf-8")
        paths.append(dst)
    return paths[0], paths[1]
