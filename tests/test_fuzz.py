"""Issue 6: a bounded fuzz of the readers and of the target grammar (hypothesis).

Readers: random bytes behind every magic number we sniff, byte-level mutations of a real .docx and .pdf, XML-level
mutations inside a well-formed zip, tag soup, and text in every encoding, under every extension. Whatever comes in,
read_raw returns text or raises a CompareError (a message and a remedy), never anything else. How long a read may
take is the readers' limits' job (max_read_seconds); the fuzz asserts no wall-clock time, which a busy CI machine
would make flaky.

Target grammar: text assembled from the pieces plans are made of (numbers, 万/亿, units, ranges, verbs, qualifiers,
years, punctuation, headings) goes through normalise → outline → targets → comparison with itself. No exception,
every target well-formed (a finite value, its figure at its offset in the text), the comparison all `unchanged`,
and the JSON brief serialisable.

Bounded for CI: COMPARE_FUZZ_EXAMPLES (default 200) examples per harness, derandomised; COMPARE_FUZZ_EXPLORE=1 draws
fresh random cases (for long local runs, e.g. COMPARE_FUZZ_EXAMPLES=5000).
"""

from __future__ import annotations

import codecs
import io
import json
import math
import os
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from compare.errors import CompareError
from compare.read import Limits, RawDocument, read_raw

EXAMPLES = int(os.environ.get("COMPARE_FUZZ_EXAMPLES", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("COMPARE_FUZZ_EXPLORE"),
                    suppress_health_check=list(HealthCheck))
LIMITS = Limits(max_bytes=2_000_000, max_unzipped_bytes=20_000_000, max_docx_xml_bytes=5_000_000, max_pdf_pages=50,
                max_line_chars=200_000, max_chars=500_000, max_html_tags=50_000, max_read_seconds=10)
EXTENSIONS = [".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".bin", ""]


def read_any(data: bytes, ext: str) -> RawDocument | CompareError:
    """read_raw on bytes saved under an extension: its document or its CompareError, promptly; nothing else."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"input{ext}"
        path.write_bytes(data)
        try:
            result: RawDocument | CompareError = read_raw(path, LIMITS)
        except CompareError as exc:
            result = exc
        assert path.read_bytes() == data, "the input was modified"
    if currently_in_test_context():
        event(f"read as {result.format}" if isinstance(result, RawDocument) else f"refused: {type(result).__name__}")
    if isinstance(result, CompareError):
        line = result.one_line()
        assert "\n" not in line and result.message and result.remedy and result.path, line
        assert int(result.exit_code) in (3, 4), result.exit_code
    else:
        assert result.text.strip() and "\r" not in result.text
        result.text.encode("utf-8")  # no lone surrogate: every output format must be able to write it
        json.dumps(result.metadata, ensure_ascii=False).encode("utf-8")
        assert result.format in ("txt", "md", "html", "docx", "pdf")
    return result


# --- seeds: a real .docx and .pdf -------------------------------------------------------------------


@lru_cache(maxsize=1)
def docx_seed() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "东江省数字经济发展2024年工作要点"
    document.add_heading("一、主要目标", level=1)
    document.add_paragraph("2024年，新增5G基站1.2万个，软件业务收入增长15%以上。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["指标", "2023年", "2024年"], ["5G基站（万个）", "3.8", "5"], ["上云企业（家）", "800", "1000"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 1).merge(table.cell(2, 1))
    document.add_paragraph("（一）推进数字基础设施建设。累计建成充电桩5万个。")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@lru_cache(maxsize=1)
def pdf_seed() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path(__file__).resolve().parents[1] / "compare" / "fonts" / "wqy-microhei.ttc"
    pdfmetrics.registerFont(TTFont("FuzzZH", str(font), subfontIndex=0))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setTitle("东江省数字经济发展2024年工作要点")
    for page in range(2):
        c.setFont("FuzzZH", 11)
        c.drawString(72, 760, "一、主要目标")
        c.drawString(72, 740, f"2024年，新增5G基站{page + 1}.2万个，软件业务收入增长15%以上。")
        c.drawString(300, 40, f"- {page + 1} -")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_the_seeds_read() -> None:
    assert "5G基站" in read_any(docx_seed(), ".docx").text  # type: ignore[union-attr]
    assert "5G基站" in read_any(pdf_seed(), ".pdf").text  # type: ignore[union-attr]


# --- reader harnesses ---------------------------------------------------------------------------------


MAGIC = [b"", b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", b"PK\x03\x04",
         b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1 ", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff",
         codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"<!DOCTYPE html><html>",
         b"---\ntitle: x\n---\n", "一、主要目标\n".encode("gb18030"), b"<?xml version='1.0'?>"]


@SETTINGS
@given(st.sampled_from(MAGIC), st.binary(max_size=3000), st.sampled_from(EXTENSIONS))
def test_random_bytes_behind_every_magic_number(magic, tail, ext):
    read_any(magic + tail, ext)


@st.composite
def byte_mutations(draw, seed: bytes) -> bytes:
    """The seed with a few bytes overwritten, a slice deleted or duplicated, and perhaps cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "flip", "delete", "duplicate", "insert"]))
        i = draw(st.integers(0, max(0, len(data) - 1)))
        n = draw(st.integers(1, 64))
        if op == "flip":
            data[i:i + 1] = bytes([draw(st.integers(0, 255))])
        elif op == "delete":
            del data[i:i + n]
        elif op == "duplicate":
            data[i:i] = data[i:i + n]
        else:
            data[i:i] = draw(st.binary(min_size=1, max_size=n))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@SETTINGS
@given(st.data(), st.sampled_from([".docx", ".bin"]))
def test_mutated_docx_bytes(data, ext):
    read_any(data.draw(byte_mutations(docx_seed())), ext)


@SETTINGS
@given(st.data(), st.sampled_from([".pdf", ".bin"]))
def test_mutated_pdf_bytes(data, ext):
    read_any(data.draw(byte_mutations(pdf_seed())), ext)


UTF16_TARGETS = [b"\xd8\x00", b"\xdf\xff", b"\xdb\xff\xdc\x00", b"\xd8\x3d\xde\x00", b"\xde\x00\xd8\x3d",
                 b"\x00\x00", b"\xff\xfe", b"\x4e\x2d", b"\x00\x0d\x00\x0a", b"\x20\x28"]


@SETTINGS
@given(st.data())
def test_pdf_fonts_with_any_unicode_map(data):
    """A font's ToUnicode map may send a code to anything, lone surrogates included: the text stays writable."""
    from .test_hardening import pdf_with_unicode_map

    codes = data.draw(st.lists(st.integers(0x20, 0x7E), min_size=1, max_size=8, unique=True))
    pairs = [(c, data.draw(st.sampled_from(UTF16_TARGETS) | st.binary(min_size=2, max_size=6))) for c in codes]
    shown = bytes(data.draw(st.lists(st.sampled_from(codes) | st.integers(0, 255), min_size=1, max_size=60)))
    read_any(pdf_with_unicode_map(pairs, shown), ".pdf")


XML_PIECES = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>",
              "<w:tc>", "</w:tc>", '<w:gridSpan w:val="3"/>', '<w:vMerge w:val="restart"/>', "<w:vMerge/>",
              '<w:gridSpan w:val="-1"/>', '<w:gridSpan w:val="999999"/>', "<w:tcPr>", "</w:tcPr>", "<w:br/>",
              "<w:tab/>", "&amp;", "&lt;", "&#0;", "&#x1F600;", "&bogus;", "<![CDATA[x]]>", "<!-- c -->", "\x00",
              "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:ins>", "</w:ins>", "新增5G基站5万个", "。"]


_P = "<w:p><w:r><w:t>新增5G基站5万个</w:t></w:r></w:p>"
XML_ELEMENTS = [_P, "<w:p/>", f"<w:tbl>{_P}</w:tbl>", f"<w:tbl><w:tr><w:tc>{_P}</w:tc></w:tr></w:tbl>",
                "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>",
                f'<w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>{_P}</w:tc>', "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>",
                f"<w:tr><w:tc>{_P}</w:tc></w:tr>", '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="0"/></w:tcPr></w:tc></w:tr>',
                "<w:r><w:t>增长15%</w:t></w:r>", "<w:r><w:tab/><w:br/><w:cr/></w:r>", "<w:t>&amp;&lt;</w:t>",
                "<w:sdt><w:sdtContent>" + _P + "</w:sdtContent></w:sdt>", "<w:ins><w:r><w:t>x</w:t></w:r></w:ins>",
                "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>", "<x:unknown xmlns:x='urn:x'>" + _P + "</x:unknown>"]


@st.composite
def xml_mutations(draw) -> bytes:
    """The seed .docx re-zipped with document.xml (or another part) edited at the markup level."""
    with zipfile.ZipFile(io.BytesIO(docx_seed())) as zin:
        items = [(i, zin.read(i)) for i in zin.infolist()]
    target = draw(st.sampled_from(["word/document.xml", "word/document.xml", "word/styles.xml", "docProps/core.xml",
                                   "[Content_Types].xml", "word/_rels/document.xml.rels"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, part in items:
            if info.filename == target:
                text = part.decode("utf-8")
                # balanced elements between the body's tags, or raw cuts and splices anywhere
                well_formed = target == "word/document.xml" and draw(st.booleans())
                for _ in range(draw(st.integers(1, 6))):
                    if well_formed:
                        body, end = text.find("<w:body>") + len("<w:body>"), text.rfind("</w:body>")
                        ends = [i + 1 for i, c in enumerate(text[body:end], body) if c == ">"]
                        i = draw(st.sampled_from(ends)) if ends else len(text)
                        text = text[:i] + draw(st.sampled_from(XML_ELEMENTS)) + text[i:]
                        continue
                    i = draw(st.integers(0, len(text)))
                    if draw(st.booleans()):
                        text = text[:i] + draw(st.sampled_from(XML_PIECES)) + text[i:]
                    else:
                        text = text[:i] + text[i + draw(st.integers(1, 200)):]
                part = text.encode("utf-8")
            if target == "[Content_Types].xml" and draw(st.integers(0, 9)) == 0:
                continue  # a missing part
            zout.writestr(info, part)
    return out.getvalue()


@SETTINGS
@given(xml_mutations())
def test_mutated_docx_markup(data):
    read_any(data, ".docx")


TAGS = ["<p>", "</p>", "<div>", "</div>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<br>", "<li>",
        "<ul>", "<script>", "</script>", "<style>", "<!--", "-->", "<svg>", "<path/>", "</svg>", "<pre>", "</pre>",
        '<span style="display:none">', "</span>", "<meta charset=gbk>", "<title>", "</title>", "<b>", "</b>",
        "<td colspan=99999>", "<![CDATA[", "]]>", "<", ">", "&", "&nbsp;", "&#xD800;", "&#99999999;", "\x00"]
WORDS = ["一、主要目标", "新增5G基站5万个", "增长15%", "，", "。", "\n", "\t", " ", "（一）", "推进数字经济建设"]


@SETTINGS
@given(st.lists(st.sampled_from(TAGS + WORDS), max_size=200), st.sampled_from([".html", ".txt", ".md", ""]))
def test_tag_soup(pieces, ext):
    read_any("".join(pieces).encode("utf-8"), ext)


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]


@SETTINGS
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
       | st.lists(st.sampled_from(WORDS + ["數字經濟", "萬", "億元", "％", "１２３"]), max_size=60).map("".join),
       st.sampled_from(ENCODINGS), st.sampled_from([".txt", ".md", ".html", ""]))
def test_text_in_every_encoding(text, encoding, ext):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, errors="replace")
    read_any(data, ext)


# --- the target grammar ---------------------------------------------------------------------------


GRAMMAR = (["0", "1", "2", "5", "9", "12", "1.2", "0.5", "100", "2024", "2027", "二〇三五", "十", "三", "两", "百",
            "千", "万", "亿", "万亿", "%", "‰", "个百分点", "个", "家", "万元", "亿元", "元", "吨", "公里", "人次", "倍", "成",
            "年", "月", "—", "-", "~", "至", "到", "以上", "左右", "以内", "以下", "余", "多", "约", "近", "超", "突破",
            "达到", "增长", "下降", "提高到", "控制在", "不低于", "新增", "累计", "建成", "培育", "力争", "确保", "分别",
            "、", "和", "其中", "比上年", "较2020年", "到2025年", "“十四五”", "未来五年", "过去一年", "今年", "，", "；",
            "。", "：", "（", "）", "(", ")", "“", "”", "/", "\n", "\t", " ", "５", "．", "％"]
           + ["一、主要目标", "二、主要任务", "（一）", "1.", "①", "5G基站", "上云企业", "软件业务收入", "数字经济核心产业增加值",
              "单位GDP能耗", "城镇调查失业率", "PM2.5浓度", "每人每月", "标准", "推进", "建设"])


@lru_cache(maxsize=1)
def _warm() -> None:
    from compare.pipeline import extract  # noqa: F401  (imports and the segmenter's dictionary, outside timing)

    _extract_text("新增5G基站5万个。")


def _extract_text(text: str, side: str = "a"):
    from compare.model import Document
    from compare.normalise import normalise
    from compare.pipeline import extract

    canonical = normalise(text)
    doc = Document(path=f"{side}.txt", text=canonical, sha256="0" * 64, format="txt", year=2024)
    return extract(doc, side)


NUMBERS = ["5", "12", "1.2", "0.5", "300", "2025", "十", "三", "两", "二十", "5—8", "10-15", "3.5至4", "1—2万"]
MULTIPLIERS = ["", "", "万", "亿", "万亿", "千", "百"]
UNITS = ["", "%", "个", "家", "项", "元", "亿元", "万元", "人次", "个百分点", "倍", "吨", "公里", "台", "户", "年"]
METRICS = ["5G基站", "上云企业", "软件业务收入", "数字经济核心产业增加值", "城镇调查失业率", "单位GDP能耗", "居民人均可支配收入",
           "研发投入强度", "PM2.5浓度", "地区生产总值", "城乡居民基础养老金最低标准", "规上工业增加值", "数字经济"]
VERBS = ["", "新增", "累计建成", "建成", "培育", "增长", "达到", "突破", "提高到", "下降", "控制在", "不低于", "超过", "为",
         "占", "比上年增长", "从2020年的", "增加到", "年均增长", "分别增长"]
LEADS = ["", "", "力争", "确保", "到2027年，", "今年，", "过去一年，", "其中，", "全年", "预计"]
QUALIFIERS = ["", "", "以上", "左右", "以内", "以下", "多", "余"]
JOINS = ["，", "；", "。", "、", "和", "，力争", "\n", "\n（一）推进数字经济建设。", "\n一、主要目标\n", "\n二、主要任务\n"]


@st.composite
def clauses(draw) -> str:
    """Text built from target-shaped clauses: lead, metric, verb, number, multiplier, unit, qualifier, joint."""
    out = []
    for _ in range(draw(st.integers(1, 12))):
        out += [draw(st.sampled_from(LEADS)), draw(st.sampled_from(METRICS)), draw(st.sampled_from(VERBS)),
                draw(st.sampled_from(NUMBERS)), draw(st.sampled_from(MULTIPLIERS)), draw(st.sampled_from(UNITS)),
                draw(st.sampled_from(QUALIFIERS)), draw(st.sampled_from(JOINS))]
    return "".join(out)


@SETTINGS
@given(clauses() | st.lists(st.sampled_from(GRAMMAR), min_size=1, max_size=80).map("".join))
def test_target_grammar(text):
    from compare.pipeline import compare_documents
    from compare.render.json import dumps

    _warm()
    a = _extract_text(text, "a")
    n = len(a.targets)
    event(f"targets found: {n if n < 3 else '3-9' if n < 10 else '10+'}")
    for t in a.targets:
        assert t.metric.strip() and t.quote.strip(), t
        assert math.isfinite(t.value), t
        assert t.low is None or t.high is None or t.low <= t.high, t
        assert a.document.text[t.offset:t.offset + len(t.written)] == t.written, (t, a.document.text)
        assert t.kind in ("target", "actual") and t.comparator in ("=", ">=", ">", "<=", "<", "~"), t
    brief = compare_documents(a, _extract_text(text, "b"))
    assert {c.type for c in brief.changes} <= {"unchanged"}, ([(c.type, c.metric) for c in brief.changes], text)
    json.loads(dumps(brief.to_json()))


def test_figures_of_every_size_and_shape():
    """find_figures on the forms the grammar fuzz can only reach by chance."""
    from compare.figures import find_figures

    for text in ["1" * 300 + "个", "0." + "0" * 300 + "1%", "9" * 20 + "万亿元", "1—2—3—4个", "5%—6%—7%", "1.2.3万个",
                 "〇" * 100 + "个", "十" * 50 + "个", "两万亿元", "12" + "万" * 50 + "个", "." * 100 + "5个"]:
        for f in find_figures(text):
            assert math.isfinite(f.value), (text, f)


@pytest.mark.parametrize("text", ["新增5G基站" + "9" * 400 + "个", "新增5G基站" + "九" * 400 + "个"])
def test_a_number_too_large_for_a_float_is_not_a_crash(text):
    from compare.figures import find_figures

    for f in find_figures(text):
        assert math.isfinite(f.value)
