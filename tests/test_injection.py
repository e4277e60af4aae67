"""Issue 6: document text is data, never markup or code, in every output format.

Two hostile Word documents (markup, script, event handlers, javascript: links, reportlab mini-markup and
spreadsheet formulas in the title, headings, metrics and quotes, and a file name with markup) go through the
real CLI into all six brief formats at once. Each format is then checked for the text shown as text and
nothing run, restyled or evaluated; the HTML brief is also loaded in headless Chromium when it is installed.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main

from .conftest import INPUTS

SCRIPT = '<script>document.title="PWNED";document.body.setAttribute("data-pwned","1")</script>'
IMG = "<img src=x onerror=\"document.title='PWNED'\">"
LINK = "<a href=\"javascript:document.title='PWNED'\">链接</a>"
FONT = "<font color=red size=40>红色</font>&amp;"
TITLE = SCRIPT + IMG + "&amp;<font color=red>数字经济行动计划</font>"
FILE_NAME = "plan<img src=x onerror=alert(1)>.docx"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# metrics the extractor reads from the hostile text, each starting with a formula character
FORMULA_METRICS = ["+SUM(B1)数字车间", "-2+3产业园区新增", "@SUM(1+1)基地新增", "=1+1工业互联网平台"]


def paragraphs(k: int, extra: str) -> list[str]:
    return [
        "一、主要目标",
        f"2024年，{LINK}上云企业新增{3 * k}万家；=SUM(A1:A9)+cmd|' /C calc'!A0智能工厂新增{12 * k}家；"
        f"+SUM(B1)数字车间增长{5 * k}%；-2+3产业园区新增4个；@SUM(1+1)基地新增{7 * k}个。",
        "二、主要任务",
        f"（一）推进{FONT}建设",
        f"推进数据中心建设。新增{SCRIPT}算力中心{20 * k}个，{IMG}充电桩达到{2 * k}万个以上。",
        "（二）推进</para><br/><b>加粗</b>建设",
        f'推进=HYPERLINK("http://evil")平台建设。新增\t=1+1工业互联网平台9个，{extra}。',
    ]


def hostile_docx(path: Path, k: int, extra: str) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    for p in paragraphs(k, extra):
        document.add_paragraph(p)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> dict[str, Path]:
    """Both hostile documents compared once, into every format, through the CLI."""
    d = tmp_path_factory.mktemp("inject")
    a = hostile_docx(d / FILE_NAME, 1, "=cmd|' /C calc'!A0旧指标新增3项")
    b = hostile_docx(d / "b.docx", 2, "@新指标<i>斜体</i>新增6项")
    outs = {fmt: d / f"brief.{fmt}" for fmt in ("json", "html", "pdf", "docx", "csv", "xlsx")}
    args = [str(a), str(b)] + [x for p in outs.values() for x in ("--out", str(p))]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for kind in ("csv", "xlsx"):
        t = d / f"targets.{kind}"
        assert CliRunner().invoke(main, ["targets", str(a), "--out", str(t)]).exit_code == 0
        outs[f"targets_{kind}"] = t
    clean = d / "clean.pdf"
    assert CliRunner().invoke(main, [str(INPUTS / "sample_2020_work_points.txt"),
                                     str(INPUTS / "sample_2022_upgrade_programme.txt"), "--out", str(clean)]
                              ).exit_code == 0
    outs["clean_pdf"] = clean
    return outs


def test_the_json_keeps_every_string_exactly(briefs):
    data = json.loads(briefs["json"].read_text("utf-8"))
    assert data["documents"]["a"]["title"] == TITLE
    assert data["documents"]["a"]["path"].endswith(FILE_NAME)
    metrics = {t["metric"] for t in data["targets"]["a"]}
    assert set(FORMULA_METRICS) <= metrics, metrics
    quotes = " ".join(t["quote"] for t in data["targets"]["a"])
    assert IMG in quotes
    assert any(FONT in s for t in data["targets"]["a"] for s in t["section"])
    assert {c["type"] for c in data["changes"]} >= {"escalated", "unchanged", "new", "dropped"}


# --- HTML -------------------------------------------------------------------------------------------


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._script = tag == "script"

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if not self._script:
            self.text.append(data)


def test_html_shows_markup_as_text_and_has_no_element_from_the_source(briefs):
    raw = briefs["html"].read_text("utf-8")
    tree = Tags()
    tree.feed(raw)
    names = [t for t, _ in tree.tags]
    assert names.count("script") == 1, "only the brief's own script"
    assert not {"img", "font", "iframe", "b", "i"} & set(names), "no element from the source"
    assert not any(k.lower().startswith("on") for _, attrs in tree.tags for k in attrs), "no event handler"
    hrefs = [a.get("href") or "" for t, a in tree.tags if t == "a"]
    assert all(h.startswith("#") for h in hrefs), hrefs
    text = "".join(tree.text)
    for hostile in (TITLE, IMG, FONT, "</para><br/><b>加粗</b>", "+SUM(B1)数字车间"):
        assert hostile in text, hostile
    assert "&lt;script&gt;document.title" in raw
    assert "&amp;amp;" in raw  # a literal "&amp;" in the source is shown as those five characters


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _dump_dom(page: Path) -> str:
    exe = _chromium()
    assert exe
    proc = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu",
                           "--allow-file-access-from-files",
                           "--virtual-time-budget=3000", "--dump-dom", page.resolve().as_uri()],
                          capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def _pwned(dom: str) -> list[str]:
    """Signs that injected code ran or an injected element exists in the live DOM."""
    signs = []
    if re.search(r"<title>\s*PWNED\s*</title>", dom):
        signs.append("the title was changed")
    if re.search(r"<body[^>]*\bdata-pwned=", dom):
        signs.append("the body was changed")
    if re.search(r"<img\b[^>]*\bonerror=", dom):
        signs.append("an <img onerror> element exists")
    if re.search(r"<a\b[^>]*href=\"javascript:", dom):
        signs.append("a javascript: link exists")
    if re.search(r"<font\b[^>]*color=", dom):
        signs.append("a <font> element exists")
    return signs


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium is not installed")
def test_html_runs_nothing_in_headless_chromium(briefs, tmp_path):
    # the check itself: the same payload pasted raw into a page does run, and is caught
    control = tmp_path / "control.html"
    control.write_text(f"<html><head><title>t</title></head><body>{IMG}{LINK}{SCRIPT}</body></html>", "utf-8")
    assert _pwned(_dump_dom(control)), "the detector does not see a payload that ran"

    raw = briefs["html"].read_text("utf-8")
    dom = _dump_dom(briefs["html"])
    assert not _pwned(dom), _pwned(dom)
    assert "&lt;script&gt;document.title" in dom, "the hostile text is shown"
    # escaping alone must hold: without the Content-Security-Policy the page still runs nothing of the source
    no_csp = tmp_path / "no_csp.html"
    no_csp.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", raw), "utf-8")
    assert "Content-Security-Policy" not in no_csp.read_text("utf-8")
    dom = _dump_dom(no_csp)
    assert not _pwned(dom), _pwned(dom)


# --- PDF --------------------------------------------------------------------------------------------


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _pdf_styles(path: Path) -> tuple[set[str], set[str], set[str]]:
    """Fill colours, font sizes and font names used on every page."""
    from pypdf import PdfReader

    colours, sizes, fonts = set(), set(), set()
    for page in PdfReader(str(path)).pages:
        data = page.get_contents().get_data().decode("latin-1")
        colours |= set(re.findall(r"(?:^|\s)([\d.]+ [\d.]+ [\d.]+) rg\b", data))
        sizes |= set(re.findall(r"/\S+\s+([\d.]+)\s+Tf", data))
        res = page.get("/Resources") or {}
        for font in (res.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")).split("+")[-1])  # without the subset tag
    return colours, sizes, fonts


def test_pdf_shows_markup_as_text_and_is_not_restyled(briefs):
    flat = re.sub(r"\s+", "", _pdf_text(briefs["pdf"]))
    for hostile in ("<fontcolor=redsize=40>红色</font>&amp;", "</para><br/><b>加粗</b>", "+SUM(B1)数字车间",
                    "=1+1工业互联网平台"):
        assert hostile in flat, hostile
    colours, sizes, fonts = _pdf_styles(briefs["pdf"])
    clean_colours, clean_sizes, clean_fonts = _pdf_styles(briefs["clean_pdf"])
    assert colours and sizes and fonts, "the style probe reads nothing"
    assert colours <= clean_colours, f"colours from the source: {colours - clean_colours}"
    assert "1 0 0" not in colours, "red text from <font color=red>"
    assert sizes <= clean_sizes, f"font sizes from the source: {sizes - clean_sizes}"
    assert "40" not in sizes
    assert fonts == clean_fonts, "a font switched on by <b> or <font>"


# --- DOCX -------------------------------------------------------------------------------------------


def test_docx_shows_markup_as_text_with_no_field_or_link(briefs):
    import docx

    document = docx.Document(str(briefs["docx"]))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    text = "\n".join(parts)
    for hostile in (IMG, FONT, "</para><br/><b>加粗</b>", "+SUM(B1)数字车间", "=1+1工业互联网平台"):
        assert hostile in text, hostile
    with zipfile.ZipFile(briefs["docx"]) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "<w:fldSimple" not in xml and "<w:instrText" not in xml, "a field (DDE, HYPERLINK) from the source"
    assert "javascript:" not in rels and "evil" not in rels, "a link target from the source"
    assert 'w:val="FF0000"' not in xml.upper().replace("W:VAL", "w:val"), "red text from <font color=red>"


# --- CSV and XLSX ----------------------------------------------------------------------------------------


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("key", ["csv", "targets_csv"])
def test_csv_has_no_cell_a_spreadsheet_would_run(briefs, key):
    with open(briefs[key], encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [c for row in rows[1:] for c in row]
    risky = [c for c in cells if c.startswith(FORMULA_START) and not _number(c)]
    assert not risky, risky
    for metric in FORMULA_METRICS:
        assert "'" + metric in cells, metric


@pytest.mark.parametrize("key", ["xlsx", "targets_xlsx"])
def test_xlsx_has_no_formula_cell(briefs, key):
    from openpyxl import load_workbook

    book = load_workbook(briefs[key])
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    where = (sheet.title, cell.coordinate, cell.value)
                    assert not cell.value.startswith(FORMULA_START), where
                    values.append(cell.value)
    for metric in FORMULA_METRICS:
        assert "'" + metric in values, metric


def test_the_hostile_inputs_were_not_touched(briefs):
    a = briefs["json"].parent / FILE_NAME
    with zipfile.ZipFile(a) as zf:
        assert zf.testzip() is None
    data = json.loads(briefs["json"].read_text("utf-8"))
    import hashlib

    assert hashlib.sha256(a.read_bytes()).hexdigest() == data["documents"]["a"]["sha256"]
