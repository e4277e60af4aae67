"""What a document is: its title, issuer and language, read from its own words."""

from __future__ import annotations

import re
from pathlib import Path

from compare.lexicon import YEAR
from compare.model import Document


def describe(doc: Document, outline_title: str) -> None:
    """Fill in the title, issuer and kind of text a reader of the brief needs, from metadata, the outline
    or the text."""
    doc.title = clean_title(doc.title) or outline_title or _report_title(doc) or Path(doc.path).stem
    doc.issuer = doc.issuer or infer_issuer(doc)
    bare = re.fullmatch(rf"(?:(?P<year>{YEAR})年)?政府工作报告", doc.title)
    if bare and doc.year and doc.issuer:  # a bare title: say whose and which year
        who = doc.issuer.removesuffix("人民政府") if doc.issuer != "国务院" else "国务院"
        doc.title = f"{doc.year}年{who}政府工作报告"
    doc.type = document_type(doc)


def clean_title(title: str) -> str:
    """A metadata title as a reader writes it: quotes a web page replaced by underscores restored
    (浙江数字经济_一号工程_升级 → 浙江数字经济“一号工程”升级), stray spaces removed."""
    parts = (title or "").strip().split("_")
    if len(parts) > 1 and SITE_NAME.search(parts[-1]):  # a web page's title ends in its column and site:
        parts.pop()  # …的通知_宏观经济_中国政府网
        if len(parts) > 1 and len(parts[-1]) <= 10:
            parts.pop()
    title = re.sub(r"_([^_]{1,20})_", r"“\1”", "_".join(parts))
    return re.sub(r"\s+", " ", title.replace("_", " ")).strip()


SITE_NAME = re.compile(r"(?:网|网站|频道|门户|新闻|客户端)$")
NEWS_MARKS = re.compile(r"记者|报道|获悉|日电|讯[）)]|新华社|本报|编辑|来源[：:]|责任编辑")
PLAN_WORDS = re.compile(r"规划|纲要|行动计划|行动方案|实施方案|工作方案|三年行动|计划$|方案$")


def document_type(doc: Document) -> str:
    """plan, work_report, work_points, news_report or other: what kind of text it is, from its title and its
    opening words. A news report of a plan says what a plan holds only in part."""
    title, head = doc.title or "", doc.text[:300]
    if "政府工作报告" in title or re.search(r"报告政府工作|代表.{0,12}政府.{0,6}报告", head):
        return "work_report"
    if NEWS_MARKS.search(head) or re.search(r"[：:].{4,}", title) and not PLAN_WORDS.search(title):
        return "news_report"
    if "要点" in title:
        return "work_points"
    if PLAN_WORDS.search(title):
        return "plan"
    return "other"


def detect_language(text: str) -> str:
    """zh when Chinese characters make up a fair share of the letters, else en. The target grammar is Chinese;
    the pipeline carries the language so an English grammar can slot in beside it."""
    sample = text[:20000]
    han = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    return "zh" if han >= 0.2 * max(1, han + latin) else "en"


ISSUER_IN_TITLE = re.compile(r"(?:\d{4}年)?"
                             r"(?P<who>[\u4e00-\u9fff]{2,12}?(?:省|市|自治区|特别行政区|县|区|州|盟))"
                             r"(?:人民政府|政府)?")
SPEAKER = re.compile(r"我代表(?P<who>国务院|[\u4e00-\u9fff]{0,10}?人民政府)")
VENUE = re.compile(r"在(?P<who>[\u4e00-\u9fff]{2,12}?(?:省|市|自治区))"
                   r"第[一二三四五六七八九十]+届\s*人民代表大会")


BODY_IN_TEXT = re.compile(r"(?P<who>[\u4e00-\u9fff]{2,10}(?:省|市|自治区)[\u4e00-\u9fff]{2,20}?"
                          r"(?:领导小组办公室|委员会|办公厅|人民政府|厅|局|委))(?:印发|制订|制定|出台|发布|召开)")


ISSUED_ABOUT = re.compile(r"^(?P<who>国务院(?:办公厅)?|"
                          r"[\u4e00-\u9fff]{2,16}?(?:人民政府|办公厅|委员会|部|厅))"
                          r"(?:办公厅)?关于")


def infer_issuer(doc: Document) -> str:
    """Who issued the plan: 国务院, the government named in the title or the speech (浙江省人民政府), or
    the body the text says issued it (浙江省数字经济发展领导小组办公室制订了…)."""
    body = BODY_IN_TEXT.search(doc.text[:400])
    if body:
        return body.group("who")
    about = ISSUED_ABOUT.match(doc.title or "")
    if about:
        return about.group("who")
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


NAMED_IN_TEXT = re.compile(rf"(?:制订|制定|印发|出台|发布)了?《?"
                           rf"(?P<title>[^，。,《》()（）]{{4,30}}?{YEAR}年[^，。,《》()]{{0,8}}?"
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


