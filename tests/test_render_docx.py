"""The DOCX brief: change tables, East Asian fonts, header rows, properties, templates, reproducibility."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from compare.render import render
from compare.render.labels import default_template_dir, load_labels

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"
TYPES = ("escalated", "deescalated", "rebased", "unchanged", "new", "dropped")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def sample() -> dict:
    return json.loads(FIXTURE.read_text("utf-8"))


def blocks(path: Path) -> list[tuple[str, object]]:
    """The body in order: ("Heading 2", text) for headings, ("table", Table) for tables."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    out: list[tuple[str, object]] = []
    for el in doc.element.body.iterchildren():
        if el.tag == W + "p":
            p = Paragraph(el, doc)
            out.append((p.style.name if p.style is not None else "", p.text))
        elif el.tag == W + "tbl":
            out.append(("table", Table(el, doc)))
    return out


def change_tables(path: Path, lang: str) -> dict[str, list[str]]:
    """Metric column of the table under each change-type heading, keyed by type, in document order."""
    L = load_labels(lang)
    heads = {L.fmt("brief.count", label=L(f"types.{t}"), n=0)[:-2]: t for t in TYPES}  # "目标提高（"
    found: dict[str, list[str]] = {}
    current = None
    for kind, value in blocks(path):
        if kind == "Heading 2":
            current = next((t for h, t in heads.items() if str(value).startswith(h)), None)
            if current:
                found[current] = []
        elif kind == "Heading 1":
            current = None
        elif kind == "table" and current and not found[current]:
            # the metric, above its links to the appendix
            found[current] = [row.cells[0].text.split("\n")[0] for row in value.rows[1:]]  # type: ignore[attr-defined]
    return found


def expected_metrics(brief: dict) -> dict[str, set[str]]:
    return {t: {c["metric"] for c in brief["changes"] if c["type"] == t} for t in TYPES}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_change_tables_hold_the_right_rows_in_the_right_order(sample, tmp_path, lang):
    out = tmp_path / "brief.docx"
    render(sample, out, "docx", lang=lang)
    tables = change_tables(out, lang)
    assert list(tables) == list(TYPES), "one section per change type, in the issue's order"
    for typ, metrics in expected_metrics(sample).items():
        assert set(tables[typ]) == metrics, typ
        assert len(tables[typ]) == sum(1 for c in sample["changes"] if c["type"] == typ)
    assert tables["escalated"][0] == "5G基站", "at equal policy weight the largest rise (×3.2) comes first"


def test_english_labels_keep_the_quotes_as_written(sample, tmp_path):
    out = tmp_path / "brief.docx"
    render(sample, out, "docx", lang="en")
    text = "\n".join(str(v) for k, v in blocks(out) if k != "table")
    assert "1. Summary" in text and "Raised (5)" in text
    from docx import Document

    cells = "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    assert "累计建成5G基站16万个以上" in cells


def test_summary_and_notable_changes(sample, tmp_path):
    out = tmp_path / "brief.docx"
    render(sample, out, "docx")
    text = "\n".join(str(v) for k, v in blocks(out) if k != "table")
    assert "B 延续了 A 的 15 项任务中的 11 项，新增 4 项，未再部署 4 项。" in text
    assert "A 的 16 个量化目标：5 个提高、3 个降低、1 个持平、3 个口径变化" in text
    assert "5G基站目标由 5万个 调为 16万个以上，提高到 3.2 倍" in text
    assert "数字经济核心产业增加值增速目标由 力争15% 调为 力争12%，下调 3 个百分点" in text


def test_every_style_names_an_east_asian_font_and_the_language_is_zh_cn(sample, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "brief.docx"
    render(sample, out, "docx")
    doc = Document(str(out))
    assert doc.settings.element.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Brief Table Text", "Brief Detail"):
        rf = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert rf.get(qn("w:eastAsia")), name
        assert rf.get(qn("w:eastAsiaTheme")) is None, name
    assert doc.styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"


def test_header_rows_repeat_and_the_chart_and_structure_map_are_pictures(sample, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "brief.docx"
    render(sample, out, "docx")
    doc = Document(str(out))
    assert len(doc.tables) >= 8
    for t in doc.tables:
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(doc.inline_shapes) == 2, "the chart and the structure map"
    with zipfile.ZipFile(out) as z:
        png = [n for n in z.namelist() if n.endswith(".png")]
        assert png and z.read(png[0])[:8] == b"\x89PNG\r\n\x1a\n"


def test_running_header_page_numbers_and_properties(sample, tmp_path):
    from docx import Document

    out = tmp_path / "brief.docx"
    render(sample, out, "docx")
    doc = Document(str(out))
    sec = doc.sections[0]
    assert "浙江省数字经济发展2020年工作要点" in "".join(p.text for p in sec.header.paragraphs)
    assert 'w:instr="PAGE"' in sec.footer._element.xml and 'w:instr="NUMPAGES"' in sec.footer._element.xml
    cp = doc.core_properties
    assert cp.author == "compare"
    assert "浙江省数字经济发展2020年工作要点" in cp.title and cp.subject


def test_reproducible_with_source_date_epoch(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one, two = tmp_path / "1.docx", tmp_path / "2.docx"
    render(sample, one, "docx")
    render(sample, two, "docx")
    with zipfile.ZipFile(one) as a, zipfile.ZipFile(two) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")
    assert one.read_bytes() == two.read_bytes()
    from docx import Document

    cp = Document(str(one)).core_properties
    assert cp.created.year == 2023 and cp.modified == cp.created
    with zipfile.ZipFile(one) as a:
        assert "2023-11-14" in a.read("word/document.xml").decode("utf-8")  # the brief's date, not today


def test_hostile_text_is_written_literally(sample, tmp_path):
    from docx import Document

    b = copy.deepcopy(sample)
    evil = "<script>alert(1)</script> <font color=red>&amp; &</font>\x00\x07\ud800 😀"
    b["documents"]["a"]["title"] = "<b>A&B</b>"
    b["targets"]["b"][14]["quote"] = evil
    b["targets"]["b"][14]["metric"] = "x" * 3000
    b["changes"][12]["metric"] = "<w:p/>"
    out = tmp_path / "brief.docx"
    render(b, out, "docx")
    doc = Document(str(out))
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "<script>alert(1)</script> <font color=red>&amp; &</font> 😀" in cells
    assert "<b>A&B</b>" in cells and "<w:p/>" in cells


def test_empty_brief_still_renders(tmp_path):
    out = tmp_path / "brief.docx"
    render({}, out, "docx")
    text = "\n".join(str(v) for k, v in blocks(out) if k != "table")
    assert "无" in text


def test_user_templates_override_wording_and_keep_the_rest(sample, tmp_path):
    tdir = tmp_path / "templates"
    shutil.copytree(default_template_dir(), tdir)
    (tdir / "labels.zh.toml").write_text('[types]\nnew = "新提出的指标"\n', encoding="utf-8")
    out = tmp_path / "brief.docx"
    render(sample, out, "docx", template_dir=tdir)
    text = "\n".join(str(v) for k, v in blocks(out) if k != "table")
    assert "新提出的指标（6）" in text
    assert "目标提高（5）" in text  # keys the user's file lacks come from the defaults


def test_template_generator_reproduces_the_shipped_styles(tmp_path):
    import importlib.util

    from docx import Document

    script = Path(__file__).resolve().parents[1] / "templates" / "make_docx_template.py"
    spec = importlib.util.spec_from_file_location("mk", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    mod.make(tmp_path / "t.docx")
    made, shipped = Document(str(tmp_path / "t.docx")), Document(str(default_template_dir() / "brief.docx"))
    assert {s.name for s in made.styles} == {s.name for s in shipped.styles}
    assert round(made.sections[0].page_width.mm) == 210


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_it(sample, tmp_path):
    out = tmp_path / "brief.docx"
    render(sample, out, "docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "brief.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 10_000


def test_a_broken_template_is_a_usage_error(sample, tmp_path):
    from compare.errors import UsageError

    (tmp_path / "brief.docx").write_bytes(b"not a zip")
    with pytest.raises(UsageError):
        render(sample, tmp_path / "out.docx", "docx", template_dir=tmp_path)
    assert not (tmp_path / "out.docx").exists()
