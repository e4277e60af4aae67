"""What a document is: its title, issuer and language, read from its own words."""

from __future__ import annotations

import re
from pathlib import Path

from compare.lexicon import YEAR
from compare.model import Document


def describe(doc: Document, outline_title: str) -> None:
    """Fill in the title and issuer a reader of the brief needs, from metadata, the outline or the text."""
    if not doc.title:
        doc.title = outline_title or _report_title(doc) or Path(doc.path).stem
    doc.issuer = doc.issuer or infer_issuer(doc)
    if doc.title == "政府工作报告" and doc.year:  # a bare title: say whose and which year
        who = doc.issuer.removesuffix("人民政府") if doc.issuer != "国务院" else "国务院"
        doc.title = f"{doc.year}年{who}政府工作报告"


def detect_language(text: str) -> str:
    """zh when Chinese characters make up a fair share of the letters, else en. The target grammar is Chinese;
    the pipeline carries the language so an English grammar can slot in beside it."""
    sample = text[:20000]
    han = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    return "zh" if han >= 0.2 * max(1, han + latin) else "en"


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


NAMED_IN_TEXT = re.compile(rf"(?:制订|制定|印发|出台|发布)了?《?(?P<title>[^，。,《》()（）]{{4,30}}?{YEAR}年[^，。,《》()]{{0,8}}?"
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


