"""Reading stage: every supported format, every encoding, and every way an input can be bad."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest

from compare.errors import CompareError, UnreadableInputError, UnsupportedInputError
from compare.normalise import normalise
from compare.read import Limits, RawDocument, read_raw

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "compare" / "fonts" / "wqy-microhei.ttc"

# A short plan written for these tests: headings, numbered tasks, targets and a table.
TITLE = "某市数字经济发展行动计划（2025—2027年）"
PARAS = [
    "一、总体要求",
    "以数字化改革为引领，推动数字经济高质量发展，到2027年建成全国数字经济创新发展示范区，"
    "形成一批具有国际竞争力的数字产业集群，数字经济成为全市经济增长的主引擎。",
    "二、主要目标",
    "到2027年，全市数字经济核心产业增加值增长13%,力争15%，建成5G基站5万个，培育数字经济领军企业20家以上。",
    "三、重点任务",
    "（一）加快数字基础设施建设。新建5G基站1.2万个，实现重点场景全覆盖。",
    "（二）推动产业数字化转型。推进规上工业企业数字化改造全覆盖，建设未来工厂10家。",
]
TABLE = [["指标", "2024年", "2027年"], ["5G基站（万个）", "3.8", "5"], ["核心产业增加值（亿元）", "1200", "1800"]]
CLOSING = "（三）强化数字人才支撑。开展不少于10万人次的数字技能培训。"


def plan_txt() -> str:
    rows = ["\t".join(r) for r in TABLE]
    return "\n".join([TITLE, *PARAS, *rows, CLOSING]) + "\n"


def plan_md() -> str:
    head = ["# " + TITLE]
    body = []
    for p in PARAS:
        body.append(("## " + p) if p.endswith(("要求", "目标", "任务")) else p)
        body.append("")
    table = ["| " + " | ".join(TABLE[0]) + " |", "|---|---|---|", *("| " + " | ".join(r) + " |" for r in TABLE[1:])]
    return "\n".join([*head, "", *body, *table, "", CLOSING.replace("强化数字人才支撑", "**强化数字人才支撑**"), ""])


def plan_html() -> str:
    rows = "".join(
        "<tr>" + "".join(f"<{'th' if i == 0 else 'td'}>{c}</{'th' if i == 0 else 'td'}>" for c in r) + "</tr>"
        for i, r in enumerate(TABLE))
    paras = "".join(f"<h2>{p}</h2>" if p.endswith(("要求", "目标", "任务")) else f"<p>{p}</p>" for p in PARAS)
    return (f"<!DOCTYPE html><html><head><title>{TITLE}</title><meta name=\"PubDate\" content=\"2025-03-01 09:00\">"
            "<style>p{color:red}</style><script>var x='不要';</script></head><body>"
            "<nav>首页 | 新闻</nav><!-- 注释不要 -->"
            f"<h1>{TITLE}</h1>{paras}<table>{rows}</table><div>{CLOSING}</div>"
            "<footer>网站地图</footer></body></html>")


def write_docx(path: Path, *, title: str = "", table: bool = True) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.add_heading(TITLE, level=1)
    for p in PARAS:
        document.add_paragraph(p)
    if table:
        t = document.add_table(rows=len(TABLE), cols=3)
        for r, row in enumerate(TABLE):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    document.add_paragraph(CLOSING)
    document.save(str(path))
    return path


def write_pdf(path: Path, paragraphs: list[str], *, table: list[list[str]] | None = None,
              page_numbers: bool = False) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(TTFont("ZH", str(FONT), subfontIndex=0))
    style = ParagraphStyle("body", fontName="ZH", fontSize=11, leading=16, wordWrap="CJK")
    story: list = []
    for p in paragraphs:
        story.append(PageBreak() if p == "<pagebreak>" else Paragraph(p, style))
    if table:
        story.append(Table([[Paragraph(c, style) for c in r] for r in table]))
        story.append(Paragraph(CLOSING, style))

    def footer(canvas: object, doc: object) -> None:
        if page_numbers:
            canvas.setFont("ZH", 9)  # type: ignore[attr-defined]
            canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")  # type: ignore[attr-defined]

    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=footer, onLaterPages=footer)
    return path


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the same plan in every format ---------------------------------------------------------------


def test_plan_reads_the_same_in_every_format(tmp_path: Path) -> None:
    import opencc

    (tmp_path / "plan.txt").write_text(plan_txt(), encoding="utf-8")
    (tmp_path / "plan.md").write_text(plan_md(), encoding="utf-8")
    (tmp_path / "plan.html").write_text(plan_html(), encoding="utf-8")
    write_docx(tmp_path / "plan.docx")
    write_pdf(tmp_path / "plan.pdf", [TITLE, *PARAS], table=TABLE)
    (tmp_path / "trad.txt").write_text(opencc.OpenCC("s2t").convert(plan_txt()), encoding="utf-8")

    expected = normalise(read_raw(tmp_path / "plan.txt").text)
    assert "建成5G基站5万个" in expected
    assert "增长13%,力争15%" in expected
    assert "5G基站(万个)\t3.8\t5\n" in expected
    assert expected.startswith("某市数字经济发展行动计划(2025—2027年)\n一、总体要求\n")
    for name in ("plan.md", "plan.html", "plan.docx"):
        assert normalise(read_raw(tmp_path / name).text) == expected, name
    for name in ("plan.pdf", "trad.txt"):  # the PDF puts table cells on their own lines
        assert squeeze(normalise(read_raw(tmp_path / name).text)) == squeeze(expected), name


def test_formats_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "plan.html").write_text(plan_html(), encoding="utf-8")
    doc = read_raw(tmp_path / "plan.html")
    assert isinstance(doc, RawDocument)
    assert doc.format == "html"
    assert doc.metadata == {"title": TITLE, "date": "2025-03-01"}
    assert len(doc.sha256) == 64
    assert "不要" not in doc.text and "网站地图" not in doc.text and "新闻" not in doc.text
    assert "指标\t2024年\t2027年" in doc.text.split("\n")
    assert read_raw(write_docx(tmp_path / "p.docx")).format == "docx"
    assert read_raw(write_pdf(tmp_path / "p.pdf", PARAS)).format == "pdf"


# --- text files ----------------------------------------------------------------------------------

SAMPLE = "一、主要目标\n全省数字经济核心产业增加值增长13%，力争15%，建成5G基站5万个。\n（一）加快数字基础设施建设。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "gb18030", "gbk"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    if encoding == "utf-16-be-bom":
        path.write_bytes(b"\xfe\xff" + SAMPLE.encode("utf-16-be"))
    else:
        path.write_bytes(SAMPLE.encode(encoding))
    assert read_raw(path).text == SAMPLE


def test_big5_traditional_text(tmp_path: Path) -> None:
    text = "一、主要目標\n全省數字經濟核心產業增加值增長13%，力爭15%，建成5G基站5萬個。\n（一）加快數字基礎設施建設。\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    raw = read_raw(path)
    assert raw.text == text
    assert normalise(raw.text) == "一、主要目标\n全省数字经济核心产业增加值增长13%，力争15%，建成5G基站5万个。\n(一)加快数字基础设施建设。\n"


def test_line_endings_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("第一行\r\n第二行\r第三行\n".encode())
    assert read_raw(path).text == "第一行\n第二行\n第三行\n"


def test_text_with_front_matter_and_html_goes_through_html(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text(
        "---\nlayout: post\ntitle: \"浙江：今年数字经济核心产业增加值冲击9000亿元\"\ndate: 2022-02-18 10:30:04 +0800\n"
        "tags: 新闻\n---\n<p>记者获悉，规上工业增加值增长6%以上。</p>\n <p>抓数改，做强做优做大数字经济</p>\n"
        "<p class=\"em_media\">（文章来源：中国电子报）</p>\n\n<http://example.com/share?id=1>\n\n"
        "[返回新闻](//example.com/news)｜[返回首页](//example.com/)\n", encoding="utf-8")
    doc = read_raw(path)
    assert doc.format == "html"
    assert doc.metadata == {"title": "浙江：今年数字经济核心产业增加值冲击9000亿元", "date": "2022-02-18"}
    assert "layout" not in doc.text and "<p>" not in doc.text and "http" not in doc.text
    assert doc.text.split("\n")[:2] == ["记者获悉，规上工业增加值增长6%以上。", "抓数改，做强做优做大数字经济"]
    assert normalise(doc.text) == "记者获悉，规上工业增加值增长6%以上。\n抓数改，做强做优做大数字经济\n"


def test_front_matter_with_rfc_date_and_leading_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "sina.txt"
    path.write_text("\n---\ntitle: '升级版'\ncategories: \n - 金融\nauthor: 新浪财经\ndate: Thu, 14 Jul 2022 07:10:07 GMT\n---\n\n"
                    "<div><p>　　一是产业能级跃升。</p>\n<p>　　二是创新模式跃升。</p></div>\n", encoding="utf-8")
    doc = read_raw(path)
    assert doc.metadata == {"title": "升级版", "date": "2022-07-14", "author": "新浪财经"}
    assert normalise(doc.text) == "一是产业能级跃升。\n二是创新模式跃升。\n"


def test_markdown_syntax_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("# 标题 #\n\n## 一、目标\n\n- 建成[5G基站](https://example.com/5g \"t\")5万个\n* **力争**15%\n"
                    "> 引用的话\n\n见 <https://example.com/a> 链接![图](x.png)\n\n---\n\n| 指标 | 值 |\n|:---|---:|\n| 基站 | 5 |\n",
                    encoding="utf-8")
    doc = read_raw(path)
    assert doc.format == "md"
    assert normalise(doc.text) == "标题\n一、目标\n建成5G基站5万个\n力争15%\n引用的话\n见 链接\n指标\t值\n基站\t5\n"


def test_plain_text_keeps_markdown_like_characters(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("# 不是标题的井号\n增长13%(力争15%)\n", encoding="utf-8")
    assert read_raw(path).text == "# 不是标题的井号\n增长13%(力争15%)\n"


# --- HTML ----------------------------------------------------------------------------------------


def test_html_blocks_tables_and_dropped_elements(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><head><title>页面标题</title><meta name=\"author\" content=\"办公厅\"></head><body>"
        "<div>第一段<br>第二段</div><ul><li>甲</li><li>乙</li></ul>"
        "<table><tr><td>合并单元格</td><td>5</td></tr><tr><td><p>多段</p><p>单元格</p></td><td></td><td>7</td></tr></table>"
        "<noscript>禁用</noscript><template>模板</template><p hidden>隐藏</p><p style=\"display:none\">也隐藏</p>"
        "<p>数字&amp;经济 <span>增长</span>13%</p><pre>行一\n行二</pre></body></html>", encoding="utf-8")
    doc = read_raw(path)
    assert doc.metadata == {"title": "页面标题", "author": "办公厅"}
    assert doc.text.split("\n") == ["第一段", "第二段", "甲", "乙", "合并单元格\t5", "多段 单元格\t\t7",
                                    "数字&经济 增长13%", "行一", "行二"]


def test_html_declared_charset_gbk(tmp_path: Path) -> None:
    path = tmp_path / "gbk.html"
    path.write_bytes("<html><head><meta charset=\"gb2312\"></head><body><p>建成5G基站5万个。</p></body></html>"
                     .encode("gbk"))
    assert read_raw(path).text == "建成5G基站5万个。"


# --- DOCX ----------------------------------------------------------------------------------------


def test_docx_body_order_tables_and_merged_cells(tmp_path: Path) -> None:
    import datetime as dt

    import docx

    document = docx.Document()
    document.core_properties.title = "行动计划"
    document.core_properties.created = dt.datetime(2024, 5, 6, 8, 0, 0)
    document.add_paragraph("前言")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "横向合并标题"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "纵向合并"
    table.cell(1, 1).text, table.cell(1, 2).text = "a", "1"
    table.cell(2, 1).text, table.cell(2, 2).text = "b", "2"
    document.add_paragraph("结语")
    path = tmp_path / "t.docx"
    document.save(str(path))
    doc = read_raw(path)
    assert doc.text.split("\n") == ["前言", "横向合并标题", "纵向合并\ta\t1", "\tb\t2", "结语"]
    assert doc.metadata == {"title": "行动计划", "date": "2024-05-06"}


def test_docx_placeholder_properties_are_ignored(tmp_path: Path) -> None:
    doc = read_raw(write_docx(tmp_path / "plain.docx"))
    assert doc.metadata == {}  # python-docx's own author and 2013 template date are not the document's


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_wrapped_lines_are_rejoined_and_page_numbers_dropped(tmp_path: Path) -> None:
    long = ("推进数字产业化和产业数字化，加快建设现代化产业体系，全市数字经济核心产业增加值增长13%，"
            "力争15%，建成5G基站5万个，培育数字经济领军企业20家以上，打造具有全球影响力的数字产业集群。")
    path = write_pdf(tmp_path / "w.pdf", ["一、主要目标", long, "<pagebreak>", "二、重点任务", "加快建设。"],
                     page_numbers=True)
    lines = read_raw(path).text.split("\n")
    assert lines == ["一、主要目标", long, "二、重点任务", "加快建设。"]


# --- bad input -----------------------------------------------------------------------------------


def raises(exc: type[CompareError], path: Path | str, *words: str, limits: Limits | None = None) -> CompareError:
    with pytest.raises(exc) as info:
        read_raw(path, limits)
    err = info.value
    line = err.one_line()
    assert "\n" not in line and err.remedy
    for word in words:
        assert word in line, (word, line)
    return err


def test_missing_path(tmp_path: Path) -> None:
    err = raises(UnreadableInputError, tmp_path / "nope.txt", "does not exist")
    assert err.path == str(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    raises(UnreadableInputError, tmp_path, "is a directory")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n ", "\ufeff\u3000\n".encode()])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    raises(UnreadableInputError, path, "empty")


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 20)
    raises(UnreadableInputError, path, "binary")


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(b"\x80\xff\xfe\x81" * 50)
    raises(UnreadableInputError, path, "no Chinese encoding", "iconv")


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("这不是一个Word文件", encoding="utf-8")
    raises(UnreadableInputError, path, "not a zip")


def test_truncated_docx(tmp_path: Path) -> None:
    data = write_docx(tmp_path / "full.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    raises(UnreadableInputError, path, "truncated or corrupt")


def test_docx_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/zeros.bin", b"\0" * 3_000_000)
    assert path.stat().st_size < 200_000
    raises(UnsupportedInputError, path, "zip bomb", limits=Limits(max_unzipped_bytes=1_000_000))


def test_docx_with_entity_declarations_is_refused(tmp_path: Path) -> None:
    source = write_docx(tmp_path / "src.docx")
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>', 1)
            zout.writestr(item, data)
    raises(UnsupportedInputError, path, "DTD")


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "内容")
    raises(UnsupportedInputError, path, "zip archive")
    renamed = tmp_path / "archive.docx"
    renamed.write_bytes(path.read_bytes())
    raises(UnreadableInputError, renamed, "word/document.xml")


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", PARAS)
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    raises(UnsupportedInputError, path, "encrypted", "qpdf --decrypt")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 300, fill=1)
    c.showPage()
    c.save()
    raises(UnsupportedInputError, path, "no text layer", "ocrmypdf")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    raises(UnreadableInputError, path, "not a readable PDF")


def test_pdf_recursion_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdf

    def recursive(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pypdf, "PdfReader", recursive)
    raises(UnreadableInputError, write_pdf(tmp_path / "r.pdf", PARAS), "RecursionError")


def test_pdf_name_without_pdf_content(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_text("<html><body>不是PDF</body></html>", encoding="utf-8")
    raises(UnreadableInputError, path, "not a PDF")


def test_pdf_page_limit(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "two.pdf", ["第一页", "<pagebreak>", "第二页"])
    raises(UnsupportedInputError, path, "2 pages", limits=Limits(max_pdf_pages=1))


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("数字经济" * 100, encoding="utf-8")
    raises(UnsupportedInputError, path, "byte limit", limits=Limits(max_bytes=1000))


def test_line_over_the_length_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("短行\n" + "长" * 5000 + "\n", encoding="utf-8")
    raises(UnsupportedInputError, path, "5,000 characters", limits=Limits(max_line_chars=1000))


@pytest.mark.parametrize(("header", "words"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "legacy Office"),
    (b"{\\rtf1\\ansi hello}", "RTF"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image"),
])
def test_other_binary_formats(tmp_path: Path, header: bytes, words: str) -> None:
    path = tmp_path / "file.doc"
    path.write_bytes(header)
    raises(UnsupportedInputError, path, words)


# --- unknown extensions: sniff the content -------------------------------------------------------


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    docx_bytes = write_docx(tmp_path / "x.docx").read_bytes()
    pdf_bytes = write_pdf(tmp_path / "x.pdf", PARAS).read_bytes()
    cases = {
        "a.bin": (docx_bytes, "docx"),
        "b.dat": (pdf_bytes, "pdf"),
        "c.page": ("<html><body><p>建成5G基站5万个。</p><p>第二段</p></body></html>".encode(), "html"),
        "d.post": ("---\ntitle: 标题\n---\n<p>正文。</p>\n<p>第二段</p>\n".encode(), "html"),
        "e": ("建成5G基站5万个。\n".encode("gb18030"), "txt"),
    }
    for name, (data, fmt) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert read_raw(path).format == fmt, name
    assert read_raw(tmp_path / "e").text == "建成5G基站5万个。\n"


def test_unknown_extension_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.xyz"
    path.write_bytes(bytes(range(256)) * 10)
    raises(UnsupportedInputError, path, "not a format compare reads")


def test_import_is_light() -> None:
    import subprocess
    import sys

    code = ("import sys, compare.read, compare.normalise; "
            "print(sorted(m for m in ('docx', 'pypdf', 'selectolax', 'opencc', 'charset_normalizer') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# --- the real corpus -----------------------------------------------------------------------------


def test_every_corpus_file_reads(corpus: Path) -> None:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".docx"))
    assert len(files) >= 70
    for path in files:
        doc = read_raw(path)
        assert doc.text.strip(), path
        assert "\r" not in doc.text and "\ufffd" not in doc.text, path


def test_corpus_docx_reports(corpus: Path) -> None:
    doc = read_raw(corpus / "provinces" / "2025_zhejiang.docx")
    assert doc.format == "docx"
    lines = doc.text.split("\n")
    assert lines[0] == "2025年浙江省政府工作报告"
    assert lines[1] == "来源：浙江日报"
    assert doc.metadata.get("date") == "2025-01-25"
    txt = (corpus / "real" / "gwr_2025_zhejiang.txt").read_text(encoding="utf-8")
    assert doc.text == txt  # SOURCES.md: the .txt is the same document's paragraphs joined with "\n"


def test_corpus_front_matter_seeds(corpus: Path) -> None:
    doc = read_raw(corpus / "seeds" / "zhejiang_2022_no1_project_upgrade.txt")
    assert doc.format == "html"
    assert doc.metadata["date"] == "2022-07-14"
    assert "cms-style" not in doc.text and "appendQr" not in doc.text and "headimg" not in doc.text
    assert "数字经济增加值和核心产业增加值分别突破7万亿和1.6万亿元" in doc.text


def test_no_raw_exception_types_escape(tmp_path: Path) -> None:
    junk = {
        "a.docx": b"PK\x03\x04" + b"\0" * 50,
        "b.pdf": b"%PDF-" + bytes(range(256)) * 4,
        "c.html": b"\xff\xfe" + b"\x00\xd8" * 3,  # UTF-16 BOM, then lone surrogates
        "d.txt": b"\x00\x00\x00",
    }
    for name, data in junk.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(CompareError):
            read_raw(path)


def test_read_from_pathlike_and_str(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text("内容\n", encoding="utf-8")
    assert read_raw(str(path)).path == str(path)
    assert read_raw(path).sha256 == hashlib.sha256("内容\n".encode()).hexdigest()


def test_pdf_pages_with_pictures_are_named_as_unread(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from compare.pipeline import compare_files
    from compare.render.common import build_view
    from compare.render.labels import load_labels

    pdfmetrics.registerFont(TTFont("ZH", str(FONT), subfontIndex=0))
    path = tmp_path / "2026_plan.pdf"
    c = canvas.Canvas(str(path))
    lines = {1: ["二、2026年重点工作", "全年新建5G基站3000个。", "推进数字乡村建设。"],
             2: ["三、主要指标", "主要指标见下表。", "各地对照落实。"],
             3: ["四、保障措施", "加强组织领导。", "强化督查考核。"]}
    for page, picture in ((1, None), (2, (480, 260)), (3, (40, 40))):  # a table as a picture; a small logo
        c.setFont("ZH", 11)
        for k, line in enumerate(lines[page]):
            c.drawString(72, 760 - 20 * k, line)
        if picture:
            c.drawImage(ImageReader(Image.new("RGB", picture, "white")), 72, 400, *picture)
        c.showPage()
    c.save()
    a = tmp_path / "2025_plan.txt"
    a.write_text("二、2025年重点工作\n全年新建5G基站2000个。\n全年新增数据中心12个。\n", encoding="utf-8")
    assert read_raw(path).metadata.get("image_pages") == "2"
    brief = compare_files(a, path).to_json()
    assert brief["documents"]["b"]["image_pages"] == [2] and "image_pages" not in brief["documents"]["a"]
    view = build_view(brief, load_labels("zh"))
    assert any("第 2 页含图片" in line for line in view.counts), view.counts
    dropped = [c for c in brief["changes"] if c["type"] == "dropped"]
    assert dropped and all("other_has_pictures" in [r["code"] for r in c["reasons"]] for c in dropped)


def test_pdf_letter_spaced_headings_printed_twice_read_once(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "plan.pdf", ["一 、 发 展 目 标一 、 发 展 目 标",
                                              "到2030年，全省数字经济核心产业增加值占比达到15%。"])
    text = read_raw(path).text
    assert "一、发展目标" in text and "发展目标一、" not in text and " 发 展" not in text


def test_pdf_letter_spaced_box_title_with_its_number_printed_twice_read_once(tmp_path: Path) -> None:
    title = "专 栏 2 \u3000 乡 村 网 络 提 升 工 程"
    path = write_pdf(tmp_path / "plan.pdf", [title + title, "推进光纤到村。持续加强行政村光纤和移动网络覆盖。"])
    lines = read_raw(path).text.split("\n")
    assert lines[0].replace("\u3000", "") == "专栏2乡村网络提升工程" and lines[1].startswith("推进光纤到村"), lines


def test_pdf_lines_wrap_at_the_common_full_width_though_some_lines_run_wider() -> None:
    from compare.read.pdf import unwrap

    full = "推进数字产业化和产业数字化加快建设现代化产业体系打造数字产业集群"[:29] + "。"  # each a paragraph
    body = [full] * 20 + ["网络" * 19 + "。"] * 3  # a few lines drawn wider than the text (a box, a table)
    indented = "加快农村网络覆盖。充分发挥中央财政资金引导作用深入开"[:27]  # a paragraph's first line, indented
    out = unwrap([*body, indented, "展电信普遍服务试点工作。"])
    assert out[-1] == indented + "展电信普遍服务试点工作。"


def test_pdf_lines_wrap_at_the_text_width_though_short_table_rows_are_commoner() -> None:
    from compare.read.pdf import unwrap

    rows = [f"指标{k:02d} 2020年 2025年 增长" for k in range(12)]  # a table, one short row per line
    text = ["推进数字产业化和产业数字化加快建设现代化产业体系打造产业集群。"] * 6
    wrapped = "加快农村网络覆盖。充分发挥中央财政资金引导作用深入开展电信普遍"
    out = unwrap([*rows, *text, wrapped, "服务试点工作。"])
    assert out[:12] == rows and out[-1] == wrapped + "服务试点工作。"
