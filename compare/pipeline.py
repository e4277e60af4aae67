"""The orchestrator: named stages from a path to a Brief, and the public library API."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from compare.model import Brief, Document, Target, Task
from compare.outline import Outline, build_outline, number_tasks


@dataclass
class Extraction:
    """One document read, outlined and mined for targets."""

    document: Document
    outline: Outline
    tasks: list[Task]
    targets: list[Target]


def load_document(path: str | Path, limits=None) -> Document:
    """Read and normalise a document, and infer its title and year."""
    from compare.normalise import normalise
    from compare.read import read_raw

    raw = read_raw(path, limits)
    text = normalise(raw.text)
    doc = Document(path=str(path), text=text, sha256=raw.sha256, format=raw.format,
                   title=raw.metadata.get("title", "").strip(), date=raw.metadata.get("date", ""))
    doc.year = infer_year(doc, Path(path).name)
    doc.language = detect_language(text)
    return doc


def detect_language(text: str) -> str:
    """zh when Chinese characters make up a fair share of the letters, else en. The target grammar is Chinese;
    the pipeline carries the language so an English grammar can slot in beside it."""
    sample = text[:20000]
    han = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    return "zh" if han >= 0.2 * max(1, han + latin) else "en"


YEAR = r"((?:19|20)\d{2})"


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
        from collections import Counter

        common = Counter(years).most_common(1)[0][0]
        return common + 1 if "回顾" in doc.text[:3000] or "过去一年" in doc.text[:3000] else common
    return None


ISSUER_IN_TITLE = re.compile(r"(?:\d{4}年)?(?P<who>[\u4e00-\u9fff]{2,12}?(?:省|市|自治区|特别行政区|县|区|州|盟))"
                             r"(?:人民政府|政府)?")
SPEAKER = re.compile(r"我代表(?P<who>国务院|[\u4e00-\u9fff]{0,10}?人民政府)")
VENUE = re.compile(r"在(?P<who>[\u4e00-\u9fff]{2,12}?(?:省|市|自治区))第[一二三四五六七八九十]+届\s*人民代表大会")


def infer_issuer(doc: Document) -> str:
    """Who issued the plan: 国务院, or the government named in the title or the speech (浙江省人民政府)."""
    m = SPEAKER.search(doc.text[:600])
    if m and m.group("who") == "国务院":
        return "国务院"
    v = VENUE.search(doc.text[:600])
    if v:
        return v.group("who") + "人民政府"
    t = ISSUER_IN_TITLE.match(doc.title or "")
    if t and "政府" in (doc.title or ""):
        return t.group("who") + "人民政府"
    if m and m.group("who") not in ("省人民政府", "市人民政府", "自治区人民政府"):
        return m.group("who")
    if t:
        return t.group("who")
    w = re.match(r"(?:\d{4}年)?(?P<who>[\u4e00-\u9fff]{2,12}?)(?:人民)?政府工作报告", doc.title or "")
    return w.group("who") + "人民政府" if w else ""


NAMED_IN_TEXT = re.compile(r"(?:制订|制定|印发|出台|发布)了?《?(?P<title>[^，。,《》()（）]{4,30}?(?:19|20)\d{2}年[^，。,《》()]{0,8}?"
                           r"(?:工作要点|行动计划|实施方案|工作方案|规划|方案|要点))")


def _report_title(doc: Document) -> str:
    """A title the text states (`制订了全省推进数字经济发展2020年工作要点`), or a work report's own words."""
    m = NAMED_IN_TEXT.search(doc.text[:400])
    if m:
        return m.group("title")
    if re.search(r"报告政府工作|报告工作", doc.text[:400]) and doc.year:
        who = "国务院" if "代表国务院" in doc.text[:400] else ""
        return f"{doc.year}年{who}政府工作报告"
    return ""


def extract(doc: Document, side: str = "a") -> Extraction:
    """Outline, tasks and targets of one document (side is 'a' or 'b', used in ids)."""
    from compare.targets import extract_targets
    from compare.timeframe import document_context

    outline = build_outline(doc.text, doc.title, doc.year)
    if not doc.title:
        doc.title = outline.title or _report_title(doc) or Path(doc.path).stem
    doc.issuer = doc.issuer or infer_issuer(doc)
    if doc.title == "政府工作报告" and doc.year:  # a bare title: say whose and which year
        who = doc.issuer.removesuffix("人民政府") if doc.issuer != "国务院" else "国务院"
        doc.title = f"{doc.year}年{who}政府工作报告"
    number_tasks(outline.tasks, side)
    context = document_context(doc.title, "", doc.year, doc.date)
    targets = extract_targets(doc.text, outline, doc.year, side, context)
    return Extraction(doc, outline, outline.tasks, targets)


def compare_documents(a: Extraction, b: Extraction) -> Brief:
    """Align two extracted documents and classify every target change."""
    from compare import __version__
    from compare.align import align_tasks
    from compare.classify import classify_changes

    alignment = align_tasks(a, b)
    changes = classify_changes(a, b, alignment)
    return Brief(a.document, b.document, a.tasks, b.tasks, a.targets, b.targets, alignment, changes,
                 tool_version=__version__)


def compare_files(a: str | Path, b: str | Path, limits=None) -> Brief:
    """Read two documents and compare them: the whole pipeline in one call."""
    ea = extract(load_document(a, limits), "a")
    eb = extract(load_document(b, limits), "b")
    return compare_documents(ea, eb)
