"""From each change to its place: PDF and DOCX links land on the figure's appendix row; redlines."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from compare.render import render

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
ID = re.compile(r"\b([ab]-[\w.-]+)$")


@pytest.fixture
def sample() -> dict:
    return json.loads(FIXTURE.read_text("utf-8"))


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) of one page (1-based), y from the top, as poppler reads them."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pat = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pat, out)]


def links(pdf: Path) -> list[tuple[int, tuple[float, ...], int, float]]:
    """(page, rect, destination page, destination top) of every internal link; pages 1-based."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    out = []
    for i, page in enumerate(reader.pages, 1):
        for a in page.get("/Annots") or []:
            a = a.get_object()
            dest = a.get("/Dest")
            if a.get("/Subtype") == "/Link" and dest:
                target = reader.get_page_number(dest[0].get_object()) + 1
                out.append((i, tuple(float(v) for v in a["/Rect"]), target, float(dest[3])))
    return out


@needs_poppler
def test_every_pdf_link_lands_on_the_appendix_row_of_the_figure_it_names(sample, tmp_path):
    out = tmp_path / "brief.pdf"
    render(sample, out, "pdf")
    from pypdf import PdfReader

    height = float(PdfReader(str(out)).pages[0].mediabox.height)
    found = links(out)
    paired = [c for c in sample["changes"] if c["a"] and c["b"]]
    assert len(found) >= 2 * len(paired)
    cache: dict[int, list] = {}
    for page, (x0, y0, x1, y1), target, top in found:
        here = cache.setdefault(page, words(out, page))
        named = [
            w
            for wx0, wy0, wx1, wy1, w in here
            if wx0 >= x0 - 1 and wx1 <= x1 + 1 and height - wy1 >= y0 - 2 and height - wy0 <= y1 + 2
        ]
        tid = next(m.group(1) for w in named if (m := ID.search(w)))
        there = cache.setdefault(target, words(out, target))
        row = [wy0 for _, wy0, _, _, w in there if w == tid and 0 <= wy0 - (height - top) <= 40]
        assert not (page == target and abs(y0 - top) < 1), "a link must not point at itself"
        assert row, f"link to {tid} on page {page} does not land on its appendix row"


def test_docx_hyperlinks_point_at_bookmarks_on_appendix_rows(sample, tmp_path):
    from docx import Document

    out = tmp_path / "brief.docx"
    render(sample, out, "docx")
    body = Document(str(out)).element.body
    marks = {b.get(W + "name"): b for b in body.iter(W + "bookmarkStart")}
    anchors = [h.get(W + "anchor") for h in body.iter(W + "hyperlink")]
    paired = [c for c in sample["changes"] if c["a"] and c["b"]]
    assert len(anchors) >= 2 * len(paired)
    for name in anchors:
        assert name in marks
        cell_text = "".join(t.text or "" for t in marks[name].getparent().iter(W + "t"))
        tid = name.split("_", 2)[2]
        assert tid.replace("_", "-") in cell_text.replace("_", "-")


def test_docx_redline_strikes_a_and_underlines_b(sample, tmp_path):
    from docx import Document

    out = tmp_path / "brief.docx"
    render(sample, out, "docx")
    struck, underlined = [], []
    for r in Document(str(out)).element.body.iter(W + "r"):
        rpr = r.find(W + "rPr")
        text = "".join(t.text or "" for t in r.iter(W + "t"))
        if rpr is not None and rpr.find(W + "strike") is not None:
            struck.append(text)
        if rpr is not None and rpr.find(W + "u") is not None and r.getparent().tag != W + "hyperlink":
            underlined.append(text)
    # 确保到年底建成5G基站5万个 → 累计建成5G基站16万个以上: the figure and the changed words
    assert "5" in struck and "确保到年底" in struck
    assert "16" in underlined and "累计" in underlined


def test_docx_rows_never_split_and_text_before_a_table_keeps_with_it(sample, tmp_path):
    from docx import Document

    out = tmp_path / "brief.docx"
    render(sample, out, "docx")
    body = Document(str(out)).element.body
    rows = list(body.iter(W + "tr"))
    assert rows and all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    for tbl in body.iter(W + "tbl"):
        before = tbl.getprevious()
        assert before is not None and before.find(f"{W}pPr/{W}keepNext") is not None


@pytest.mark.skipif(
    shutil.which("libreoffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler not installed",
)
def test_libreoffice_leaves_no_heading_at_the_foot_of_a_page(sample, tmp_path):
    from docx import Document

    out = tmp_path / "brief.docx"
    render(sample, out, "docx")
    headings = {
        p.text
        for p in Document(str(out)).paragraphs
        if p.style is not None and p.style.name.startswith("Heading") and p.text
    }
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True,
        timeout=180,
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "brief.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for page in text.split("\f"):
        lines = [
            ln.strip() for ln in page.splitlines() if ln.strip() and not re.match(r"第 \d+ 页", ln.strip())
        ]
        if lines:
            assert lines[-1] not in headings, f"heading {lines[-1]!r} left at the foot of a page"


def test_pdf_bookmarks_open_the_page_their_section_is_on(sample, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "brief.pdf"
    render(sample, out, "pdf")
    reader = PdfReader(str(out))

    def pages(items: list) -> dict[str, int]:
        found: dict[str, int] = {}
        for it in items:
            found.update(
                pages(it) if isinstance(it, list) else {it.title: reader.get_destination_page_number(it)}
            )
        return found

    where = pages(reader.outline)
    text = [p.extract_text() for p in reader.pages]
    for title in ("三、目标变化明细", "四、任务对应", "附录：全部数字（按原文顺序）"):
        assert title in text[where[title]], title
    assert where["附录：全部数字（按原文顺序）"] > where["三、目标变化明细"] > 0
