"""One document written as .txt, .md, .html, .docx, .pdf and in traditional script yields the same targets."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from compare.pipeline import extract, load_document

from .conftest import INPUTS, ROOT

SOURCE = INPUTS / "sample_2022_upgrade_programme.txt"
FONT = ROOT / "compare" / "fonts" / "wqy-microhei.ttc"


def paragraphs() -> list[str]:
    return [p for p in SOURCE.read_text(encoding="utf-8").splitlines() if p.strip()]


def write_md(path: Path) -> None:
    path.write_text("\n\n".join(paragraphs()) + "\n", encoding="utf-8")


def write_html(path: Path) -> None:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs())
    path.write_text(f"<!doctype html><html><head><title>{html.escape(paragraphs()[0])}</title>"
                    f"<style>p{{margin:0}}</style><script>var x=1;</script></head><body>"
                    f"<nav>返回首页</nav>{body}</body></html>", encoding="utf-8")


def write_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    for p in paragraphs():
        d.add_paragraph(p)
    d.save(path)


def write_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("ZHTEST", str(FONT), subfontIndex=0))
    style = ParagraphStyle("p", fontName="ZHTEST", fontSize=10.5, leading=16, wordWrap="CJK", spaceAfter=8)
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph(html.escape(p), style) for p in paragraphs()])


def write_traditional(path: Path) -> None:
    import opencc

    path.write_text(opencc.OpenCC("s2t").convert(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")


def write_gb18030(path: Path) -> None:
    path.write_bytes(SOURCE.read_text(encoding="utf-8").encode("gb18030"))


WRITERS = {"md": (write_md, ".md"), "html": (write_html, ".html"), "docx": (write_docx, ".docx"),
           "pdf": (write_pdf, ".pdf"), "traditional": (write_traditional, ".txt"),
           "gb18030": (write_gb18030, ".txt")}


def signature(path: Path) -> list[tuple]:
    ex = extract(load_document(path))
    return [(t.metric, t.value, t.unit, t.comparator, t.stretch, t.basis, t.year, t.kind) for t in ex.targets]


@pytest.fixture(scope="module")
def reference() -> list[tuple]:
    return signature(SOURCE)


@pytest.mark.parametrize("form", sorted(WRITERS))
def test_every_form_yields_the_same_targets(tmp_path, reference, form):
    writer, suffix = WRITERS[form]
    path = tmp_path / f"doc{suffix}"
    writer(path)
    assert len(reference) > 30
    assert signature(path) == reference
