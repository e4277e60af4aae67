"""Issue 6, at the command line: every bad or hostile input gets one line, its exit code and a remedy.

Each case in the issue has a test here that asserts the exit code and the message's key words through the CLI
(in-process with click's CliRunner; as a real `python -m compare` process where the exit code, stderr, a signal,
time or peak memory matter): no traceback, never a hang, inputs never modified, and no output left behind or
half-written when a run fails. Reader-level details of the same cases are in test_read.py.

Limits can be raised for one run from the environment (COMPARE_LIMIT_MAX_BYTES=200M, ...; see Limits).
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import types
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.errors import ExitCode

from .conftest import INPUTS
from .test_read import PARAS, write_docx, write_pdf

A = INPUTS / "sample_2020_work_points.txt"
B = INPUTS / "sample_2022_upgrade_programme.txt"
MB = 1024 * 1024


# --- helpers ------------------------------------------------------------------------------------


def cli(*args: str | Path):
    """Run the CLI in-process (fast); click 8.2+ keeps stderr apart from stdout."""
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_one_line(result, code: ExitCode, *words: str) -> str:
    """The run failed with `code`, and said why in exactly one line holding every key word and a remedy."""
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert result.exit_code == code, (result.exit_code, err, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("compare: ") and "Traceback" not in err
    for word in words:
        assert word in line, (word, line)
    assert line.endswith(")"), f"no remedy in parentheses: {line}"
    return line


def digest(*paths: Path) -> dict[str, tuple[str, int]]:
    """Content hash and mtime of each existing file: inputs must never change."""
    return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths if p.is_file()}


_MEASURE = textwrap.dedent("""
    import json, os, subprocess, sys
    with subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
        try:
            _, err = proc.communicate(timeout=float(sys.argv[1]))
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    import resource
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(json.dumps({"code": proc.returncode, "err": err.decode("utf-8", "replace"), "rss": rss}))
""")


def run_measured(args: list[str], timeout: float = 300) -> tuple[int, str, int]:
    """Run a process; return (exit code, stderr, peak RSS in MB) of that process alone.

    A small launcher starts it and reads RUSAGE_CHILDREN: measured from pytest directly, the child's peak would
    include pytest's own memory at the fork. The timeout only guards against a hang (a killed process fails its
    test on the exit code); how fast a refusal is belongs to benchmarks/, not to a test on a shared machine.
    """
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(timeout), *args], capture_output=True, text=True,
                         check=True, timeout=timeout + 30)
    r = json.loads(out.stdout)
    return r["code"], r["err"], r["rss"]


# --- building bad inputs ----------------------------------------------------------------------------


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF from raw object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
_TEXT = _stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")


def pdf_with_cyclic_pages() -> bytes:
    """The page tree lists itself among its kids."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                 _PAGE, _TEXT, _FONT])


def pdf_with_self_referencing_length() -> bytes:
    """A content stream whose /Length is the stream object itself."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                 b"<< /Length 4 0 R >>\nstream\nBT /F1 12 Tf 72 720 Td (Hello) Tj ET\nendstream", _FONT])


@functools.lru_cache(maxsize=1)
def pdf_flate_bomb() -> bytes:
    """A 100 KB page whose content stream inflates to 128 MB (a real bomb would go on to gigabytes)."""
    squeezer = zlib.compressobj(9)
    chunk = b" " * MB
    body = squeezer.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n")
    for _ in range(128):
        body += squeezer.compress(chunk)
    body += squeezer.flush()
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                 _stream(body, b"/Filter /FlateDecode"), _FONT])


def pdf_with_unicode_map(pairs: list[tuple[int, bytes]], shown: bytes) -> bytes:
    """A page in a font whose ToUnicode map sends each code to the given UTF-16BE bytes (lone surrogates too)."""
    entries = b"\n".join(b"<%02X> <%s>" % (code, target.hex().upper().encode()) for code, target in pairs)
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n%d beginbfchar\n%s\nendbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end" % (len(pairs), entries))
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    text = b"BT /F1 12 Tf 72 720 Td (" + shown.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") \
        + b") Tj ET"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                 _stream(text), font, _stream(cmap)])


def encrypted_pdf(tmp: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(write_pdf(tmp / "plain.pdf", PARAS))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def scanned_pdf(tmp: Path) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp / "scan.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(3):
        c.rect(100, 100, 200, 300, fill=1)
        c.showPage()
    c.save()
    return path


def docx_zip_bomb(tmp: Path) -> Path:
    """A real Word file with a 300 MB run of zeros beside it: a few hundred KB on disk."""
    path = write_docx(tmp / "bomb.docx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf, \
            zf.open("word/media/image1.bin", "w", force_zip64=True) as member:
        block = b"\0" * (4 * MB)
        for _ in range(75):
            member.write(block)
    assert path.stat().st_size < 2 * MB
    return path


def docx_billion_laughs(tmp: Path) -> Path:
    """word/document.xml declares ten levels of ten-fold entities: a billion `lol`s if expanded."""
    source = write_docx(tmp / "src.docx")
    laughs = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    dtd = ("<!DOCTYPE w:document [" + "".join(laughs) + "]>").encode()
    path = tmp / "laughs.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b"?>" + dtd, 1).replace(b"<w:t>", b"<w:t>&lol9;", 1)
            zout.writestr(item, data)
    return path


def write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.txt"
    os.mkfifo(path)  # opening it for reading would wait for a writer forever
    return path


def _symlink_loop(tmp: Path) -> Path:
    path = tmp / "loop.txt"
    path.symlink_to(path)
    return path


def _nested_html(tmp: Path) -> Path:
    return write(tmp, "nested.html", "<html><body>" + "<div>" * 200_000 + "建成5G基站5万个。" + "</div>" * 200_000)


# (case, builder, exit code, key words). Each builder makes the bad input in a temporary folder.
BAD_INPUTS: list[tuple[str, Callable[[Path], Path], ExitCode, tuple[str, ...]]] = [
    ("missing path", lambda t: t / "nope.txt", ExitCode.UNREADABLE_INPUT, ("nope.txt", "does not exist")),
    ("a directory", lambda t: t, ExitCode.UNREADABLE_INPUT, ("is a directory",)),
    ("a symlink loop", _symlink_loop, ExitCode.UNREADABLE_INPUT, ("cannot be opened", "symbolic links")),
    ("a named pipe", _fifo, ExitCode.UNSUPPORTED_INPUT, ("not a regular file",)),
    ("empty file", lambda t: write(t, "empty.txt", b""), ExitCode.UNREADABLE_INPUT, ("is empty",)),
    ("blank file", lambda t: write(t, "blank.txt", "\ufeff \u3000\n\t\n"), ExitCode.UNREADABLE_INPUT, ("empty",)),
    ("binary named .txt", lambda t: write(t, "binary.txt", bytes(range(256)) * 40), ExitCode.UNREADABLE_INPUT,
     ("binary", "UTF-8")),
    ("invalid in every encoding", lambda t: write(t, "garbled.txt", b"\x80\xff\xfe\x81\xfe" * 60),
     ExitCode.UNREADABLE_INPUT, ("UTF-8", "GB18030", "Big5", "iconv")),
    ("a .docx that is not a zip", lambda t: write(t, "fake.docx", "这不是Word文件"), ExitCode.UNREADABLE_INPUT,
     ("fake.docx", "not a zip")),
    ("a truncated .docx", lambda t: write(t, "cut.docx", write_docx(t / "full.docx").read_bytes()[:6000]),
     ExitCode.UNREADABLE_INPUT, ("truncated or corrupt", "download")),
    ("a zip that is no Word file", lambda t: _zip_without_document(t), ExitCode.UNREADABLE_INPUT,
     ("word/document.xml",)),
    ("an encrypted PDF", encrypted_pdf, ExitCode.UNSUPPORTED_INPUT, ("encrypted", "qpdf --decrypt")),
    ("a PDF with no text layer", scanned_pdf, ExitCode.UNSUPPORTED_INPUT, ("no text layer", "OCR", "ocrmypdf")),
    ("a .pdf that is a web page", lambda t: write(t, "page.pdf", "<html><body>不是PDF</body></html>"),
     ExitCode.UNREADABLE_INPUT, ("not a PDF",)),
    ("an unknown extension holding binary", lambda t: write(t, "blob.xyz", bytes(range(256)) * 10),
     ExitCode.UNSUPPORTED_INPUT, ("not a format compare reads", "convert")),
    ("a legacy .doc", lambda t: write(t, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
     ExitCode.UNSUPPORTED_INPUT, ("legacy Office", "soffice")),
    ("an image", lambda t: write(t, "scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 600), ExitCode.UNSUPPORTED_INPUT,
     ("image", "OCR")),
    # hostile inputs: refused quickly, in bounded memory
    ("a zip bomb disguised as .docx", docx_zip_bomb, ExitCode.UNSUPPORTED_INPUT, ("zip bomb", "unpack")),
    ("billion laughs in a .docx", docx_billion_laughs, ExitCode.UNSUPPORTED_INPUT, ("DTD", "entit")),
    ("a PDF whose page tree contains itself", lambda t: write(t, "cycle.pdf", pdf_with_cyclic_pages()),
     ExitCode.UNREADABLE_INPUT, ("not a readable PDF", "cyclic")),
    ("a PDF stream whose length is itself", lambda t: write(t, "loop.pdf", pdf_with_self_referencing_length()),
     ExitCode.UNSUPPORTED_INPUT, ("safety limit", "loop")),
    ("a PDF decompression bomb", lambda t: write(t, "bomb.pdf", pdf_flate_bomb()), ExitCode.UNSUPPORTED_INPUT,
     ("safety limit", "decompress")),
    ("HTML nested 200,000 deep", _nested_html, ExitCode.UNSUPPORTED_INPUT, ("nests HTML elements",)),
]


def _zip_without_document(tmp: Path) -> Path:
    path = tmp / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "内容")
    return path


@pytest.mark.parametrize(("builder", "code", "words"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
@pytest.mark.parametrize("side", ["a", "b"])
def test_bad_input_is_one_line_with_its_exit_code(tmp_path, builder, code, words, side):
    bad = builder(tmp_path)
    good = tmp_path / "good.txt"
    good.write_bytes(B.read_bytes())
    before = digest(bad, good)
    out = tmp_path / "brief.json"
    args = (bad, good) if side == "a" else (good, bad)
    assert_one_line(cli(*args, "--out", out), code, *words)
    assert not out.exists()
    assert digest(bad, good) == before, "an input was modified"
    assert not list(tmp_path.glob(".brief.json.*")), "a temporary output was left behind"


@pytest.mark.parametrize("name", ["nope.txt", "fake.docx", "bomb.pdf"])
def test_the_real_process_prints_one_line_and_no_traceback(tmp_path, name):
    """The same failures from `python -m compare`: the real exit code and stderr."""
    if name == "fake.docx":
        write(tmp_path, name, "不是zip")
    elif name == "bomb.pdf":
        write(tmp_path, name, pdf_flate_bomb())
    proc = subprocess.run([sys.executable, "-m", "compare", str(tmp_path / name), str(B)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode in (ExitCode.UNREADABLE_INPUT, ExitCode.UNSUPPORTED_INPUT)
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith(f"compare: {tmp_path / name}: ")


def test_targets_command_reports_the_same_way(tmp_path):
    bad = write(tmp_path, "fake.docx", "不是zip")
    assert_one_line(cli("targets", bad), ExitCode.UNREADABLE_INPUT, "not a zip")
    assert_one_line(cli("targets", tmp_path / "gone.pdf"), ExitCode.UNREADABLE_INPUT, "does not exist")


def test_behind_the_dtd_check_the_xml_parser_expands_no_entity(tmp_path):
    """Defence in depth: even a part that slipped past the DTD check would not have its entities expanded."""
    from docx.oxml.parser import parse_xml

    secret = write(tmp_path, "secret.txt", "SECRET-CONTENT")
    xml = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e "EXPANDED">'
           f'<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           "<w:t>a&e;b&x;c</w:t></w:r></w:p></w:body></w:document>").encode()
    text = "".join(parse_xml(xml).itertext())
    assert "EXPANDED" not in text and "SECRET" not in text


def test_a_dtd_in_any_encoding_or_part_is_refused(tmp_path):
    """UTF-16 and UTF-32 parts, and parts other than document.xml, are checked too."""
    source = write_docx(tmp_path / "src.docx")
    dtd = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    for name, encoding in [("word/styles.xml", "utf-8"), ("word/document.xml", "utf-16"),
                           ("word/document.xml", "utf-32"), ("[Content_Types].xml", "utf-16-be")]:
        path = tmp_path / f"dtd-{encoding}.docx"
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item)
                if item.filename == name:
                    text = data.decode("utf-8").replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
                    data = text.replace("?>", "?>" + dtd, 1).encode(encoding)
                zout.writestr(item, data)
        assert_one_line(cli("targets", path), ExitCode.UNSUPPORTED_INPUT, "declares a DTD", name)


# --- very large inputs: refused in seconds and in bounded memory --------------------------------------------------


def test_a_200_mb_text_file_is_refused_in_seconds_and_bounded_memory(tmp_path):
    big = tmp_path / "annex.txt"
    with open(big, "wb") as fh:  # sparse: 200 MB that cost no disk and no time to write
        fh.write("一、主要目标\n新增5G基站5万个。\n".encode())
        fh.truncate(200 * MB)
    code, err, rss = run_measured([sys.executable, "-m", "compare", str(big), str(B)])
    assert code == ExitCode.UNSUPPORTED_INPUT, err
    assert "byte limit" in err and "209,715,200 bytes" in err and "COMPARE_LIMIT_MAX_BYTES" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert rss < 150, f"peak RSS {rss} MB"


def test_a_line_of_10_million_characters_is_refused_in_bounded_memory(tmp_path):
    long = tmp_path / "oneline.txt"
    with open(long, "w", encoding="utf-8") as fh:
        fh.write("东江省数字经济发展行动计划\n一、主要目标\n")
        for _ in range(100):
            fh.write("推进数字经济发展，" * 11_111 + "新")  # 10,000,000 characters, no line break
        fh.write("\n")
    code, err, rss = run_measured([sys.executable, "-m", "compare", str(long), str(B)])
    assert code == ExitCode.UNSUPPORTED_INPUT, err
    assert "10,000,000 characters" in err and "max_line_chars" in err
    assert rss < 400, f"peak RSS {rss} MB"


def test_a_compressed_text_bomb_in_a_docx_is_refused_in_bounded_memory(tmp_path):
    """Within the unzipped-size limit, but 5.7 million characters of text: over Limits.max_chars, found unparsed."""
    import docx

    document = docx.Document()
    document.add_paragraph("东江省数字经济发展行动计划")
    document.save(str(tmp_path / "small.docx"))
    para = "<w:p><w:r><w:t>推进数字经济建设，新增5G基站5万个。</w:t></w:r></w:p>".encode()
    path = tmp_path / "dense.docx"
    with zipfile.ZipFile(tmp_path / "small.docx") as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + para * 220_000, 1)
            zout.writestr(item, data)
    assert path.stat().st_size < MB
    code, err, rss = run_measured([sys.executable, "-m", "compare", "targets", str(path)])
    assert code == ExitCode.UNSUPPORTED_INPUT, err
    assert "characters of text" in err and "COMPARE_LIMIT_MAX_CHARS" in err
    assert rss < 200, f"peak RSS {rss} MB"  # counted before python-docx parses 25 MB of XML


def test_html_with_a_million_tags_is_refused_before_parsing(tmp_path):
    page = write(tmp_path, "tags.html", "<html><body><p>" + "<b>字</b>" * 600_000 + "</p></body></html>")
    code, err, rss = run_measured([sys.executable, "-m", "compare", "targets", str(page)])
    assert code == ExitCode.UNSUPPORTED_INPUT and "HTML tags" in err, err
    assert rss < 200, rss


def test_limits_are_configurable_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPARE_LIMIT_MAX_BYTES", "4K")
    assert_one_line(cli(A, B), ExitCode.UNSUPPORTED_INPUT, "4,096-byte limit", "COMPARE_LIMIT_MAX_BYTES")
    monkeypatch.setenv("COMPARE_LIMIT_MAX_BYTES", "1M")
    assert cli(A, B).exit_code == 0
    monkeypatch.setenv("COMPARE_LIMIT_MAX_LINE_CHARS", "50")
    assert_one_line(cli(A, B), ExitCode.UNSUPPORTED_INPUT, "(limit 50)", "COMPARE_LIMIT_MAX_LINE_CHARS")
    monkeypatch.setenv("COMPARE_LIMIT_MAX_LINE_CHARS", "lots")
    assert_one_line(cli(A, B), ExitCode.USAGE, "COMPARE_LIMIT_MAX_LINE_CHARS='lots' is not a number")


def test_limits_from_the_environment_parse_sizes():
    from compare.read import Limits

    limits = Limits.from_env({"COMPARE_LIMIT_MAX_BYTES": "200M", "COMPARE_LIMIT_MAX_CHARS": "1_000_000",
                              "COMPARE_LIMIT_MAX_READ_SECONDS": "2.5", "COMPARE_LIMIT_MAX_PDF_PAGES": " ",
                              "UNRELATED": "x"})
    assert limits == Limits(max_bytes=200 * MB, max_chars=1_000_000, max_read_seconds=2.5)
    assert Limits.from_env({}) == Limits()


def test_a_slow_pdf_is_stopped_by_the_time_limit(tmp_path, monkeypatch):
    """Pages that take pypdf a while: extraction stops at COMPARE_LIMIT_MAX_READ_SECONDS, between pages.

    The reader's clock is replaced by one that moves 0.3 s per look, so the test does not depend on how fast or busy
    the machine is.
    """
    ops = b"BT /F1 12 Tf 72 720 Td (slow page) Tj ET\n" + b"0 0 m 1 1 l S\n" * 2_000
    n = 40
    kids = " ".join(f"{3 + i} 0 R" for i in range(n)).encode()
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
             b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (3 + n, 4 + n)] * n  # all pages share one stream
    slow = write(tmp_path, "slow.pdf", _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                             b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), *pages,
                                             _stream(zlib.compress(ops), b"/Filter /FlateDecode"), _FONT]))
    monkeypatch.setenv("COMPARE_LIMIT_MAX_READ_SECONDS", "1")
    import compare.read.pdf as reader

    clock = iter(range(0, 10_000, 3))  # the reader's clock: each look at it is 0.3 s later, however busy the machine
    monkeypatch.setattr(reader, "time", types.SimpleNamespace(monotonic=lambda: next(clock) / 10))
    line = assert_one_line(cli("targets", slow), ExitCode.UNSUPPORTED_INPUT, "took over 1 s to extract",
                           "of 40 pages read", "COMPARE_LIMIT_MAX_READ_SECONDS")
    assert "(3 of 40 pages read)" in line  # stopped between pages, at the first look past the limit


# --- documents that are odd but fine -----------------------------------------------------------------------------


def test_a_document_with_no_targets_and_no_structure_says_so(tmp_path):
    prose = write(tmp_path, "会议纪要.txt", "会议强调，要坚持稳中求进工作总基调。\n各地要结合实际抓好落实。\n")
    result = cli(prose, B)
    assert result.exit_code == 0, result.output
    assert "A 的 0 个量化目标" in result.stdout
    out = tmp_path / "brief.json"
    html = tmp_path / "brief.html"
    assert cli(prose, prose, "--out", out, "--out", html).exit_code == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["summary"]["targets"] == {"a": 0, "b": 0} and data["changes"] == []
    assert data["summary"]["tasks"] == {"a": 0, "b": 0}
    assert "两份文件没有可以配对比较的目标" in html.read_text("utf-8")


def test_the_same_file_twice_is_all_unchanged(tmp_path):
    out = tmp_path / "brief.json"
    before = digest(B)
    result = cli(B, B, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert data["changes"] and {c["type"] for c in data["changes"]} == {"unchanged"}
    assert digest(B) == before


def test_unknown_extension_is_sniffed_and_read(tmp_path):
    disguised = tmp_path / "plan.download"
    disguised.write_bytes(B.read_text("utf-8").encode("gb18030"))
    docx_as_bin = tmp_path / "plan.bin"
    docx_as_bin.write_bytes(write_docx(tmp_path / "p.docx").read_bytes())
    result = cli(disguised, docx_as_bin, "--out", tmp_path / "b.json")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert data["documents"]["a"]["format"] == "txt" and data["documents"]["b"]["format"] == "docx"
    assert data["summary"]["targets"]["a"] > 20


def _merged_table_docx(path: Path, rows: int, first_continues: bool) -> Path:
    """A table whose first column is one vertical merge over every row (written as Word writes it)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("一、主要目标")
    table = document.add_table(rows=rows, cols=2)
    for r, row in enumerate(table.rows):
        row.cells[1].text = f"新增5G基站{r + 1}个"
    table.rows[0].cells[0].text = "数字经济"
    for r, tr in enumerate(table._tbl.tr_lst):
        merge = OxmlElement("w:vMerge")
        if r == 0 and not first_continues:
            merge.set(qn("w:val"), "restart")
        tr.tc_lst[0].get_or_add_tcPr().append(merge)
    document.save(str(path))
    return path


@pytest.mark.parametrize(("rows", "first_continues"), [(1500, False), (3, True)],
                         ids=["a merge down 1,500 rows", "a merge continuing from nothing"])
def test_tables_python_docx_cannot_lay_out_are_still_read(tmp_path, rows, first_continues):
    """python-docx's own cell grid recurses once per merged row and raises on a merge with no first row."""
    path = _merged_table_docx(tmp_path / "merged.docx", rows, first_continues)
    result = cli("targets", path, "--out", tmp_path / "t.json")
    assert result.exit_code == 0, result.output
    found = json.loads((tmp_path / "t.json").read_text("utf-8"))["targets"]
    assert len(found) >= rows - 1 and found[0]["metric"] == "5G基站"


def test_a_pdf_font_that_maps_to_lone_surrogates_is_written_out(tmp_path):
    """pypdf decodes ToUnicode maps with surrogatepass: a lone UTF-16 half once crashed the JSON writer."""
    pdf = write(tmp_path, "odd.pdf", pdf_with_unicode_map([(0x41, b"\xd8\x00"), (0x42, b"\xdf\xff")],
                                                          b"A target xyz B A"))
    out = tmp_path / "brief.json"
    result = cli(pdf, pdf, "--out", out)
    assert result.exit_code == 0, result.output
    title = json.loads(out.read_text("utf-8"))["documents"]["a"]["title"]
    assert title.encode("utf-8")
    assert cli("targets", pdf).exit_code == 0


def test_a_figure_too_large_for_a_float(tmp_path):
    huge = write(tmp_path, "huge.txt", "一、主要目标\n新增5G基站" + "9" * 400 + "个，上云企业3万家。\n")
    proc = subprocess.run([sys.executable, "-m", "compare", str(huge), str(huge)], capture_output=True, text=True,
                          timeout=60)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-300:]


def test_a_page_saved_from_a_browser_in_gbk(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in B.read_text("utf-8").splitlines() if line.strip())
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>工作方案</title>'
            f"</head><body><div class=nav>首页 | 新闻</div>{body}</body></html>")
    path = tmp_path / "saved.htm"
    path.write_bytes(page.encode("gbk", errors="replace"))
    result = cli("targets", path)
    assert result.exit_code == 0, result.output
    assert "5G基站" in result.stdout


# --- outputs ---------------------------------------------------------------------------------------


def test_output_folder_that_is_missing_or_a_file(tmp_path):
    assert_one_line(cli(A, B, "--out", tmp_path / "no" / "brief.pdf"), ExitCode.OUTPUT_NOT_WRITABLE,
                    "does not exist")
    blocker = write(tmp_path, "file.txt", "x")
    assert_one_line(cli(A, B, "--out", blocker / "brief.json"), ExitCode.OUTPUT_NOT_WRITABLE, "does not exist")


def test_output_path_that_is_a_folder(tmp_path):
    (tmp_path / "brief.json").mkdir()
    assert_one_line(cli(A, B, "--out", tmp_path / "brief.json"), ExitCode.OUTPUT_NOT_WRITABLE, "is a folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_output_folder_not_writable(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert_one_line(cli(A, B, "--out", locked / "brief.json"), ExitCode.OUTPUT_NOT_WRITABLE, "not writable")
    finally:
        locked.chmod(0o755)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx", ".html", ".pdf", ".docx"])
def test_a_folder_nobody_can_write_to(suffix):
    """/proc refuses new files even to root: every writer reports it as exit 5, never as a traceback.

    (As root the folder passes the access check and the writer itself fails; as anyone else the check refuses.)
    """
    line = assert_one_line(cli(A, B, "--out", f"/proc/brief{suffix}"), ExitCode.OUTPUT_NOT_WRITABLE, "/proc/brief")
    assert "cannot be written" in line or "not writable" in line


def test_targets_output_in_a_folder_nobody_can_write_to():
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux /proc")
    line = assert_one_line(cli("targets", B, "--out", "/proc/t.csv"), ExitCode.OUTPUT_NOT_WRITABLE, "/proc/t.csv")
    assert "cannot be written" in line or "not writable" in line


def test_output_that_would_overwrite_an_input_in_any_spelling(tmp_path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_bytes(A.read_bytes())
    (tmp_path / "alias.json").symlink_to(src)
    before = digest(src)
    monkeypatch.chdir(tmp_path)
    for out in ("a.txt", "./a.txt", str(src), "alias.json", "sub/../a.txt"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        assert_one_line(cli(src, B, "--out", out, "--format", "json"), ExitCode.OUTPUT_NOT_WRITABLE,
                        "overwrite an input")
    assert_one_line(cli("targets", src, "--out", "alias.json"), ExitCode.OUTPUT_NOT_WRITABLE, "overwrite an input")
    assert digest(src) == before


def test_a_full_disk_keeps_the_old_output_and_leaves_no_temp_file(tmp_path, monkeypatch):
    import compare.outputs as outputs

    out = tmp_path / "brief.json"
    out.write_text("old brief", encoding="utf-8")

    def full(self, data):
        with open(self, "wb") as fh:
            fh.write(data[:100])  # half-written, then the disk fills up
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.Path, "write_bytes", full)
    line = assert_one_line(cli(A, B, "--out", out), ExitCode.OUTPUT_NOT_WRITABLE, "No space left", "disk space")
    assert "brief.json" in line
    assert out.read_text("utf-8") == "old brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.json"]


def test_a_failing_later_output_keeps_the_earlier_ones_whole(tmp_path, monkeypatch):
    """--out x.json --out x.pdf with the disk full by the PDF: the JSON is complete, no PDF, no temp file."""
    import compare.render.pdf as pdf

    def half_then_full(view, out, *args, **kwargs):
        Path(out).write_bytes(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdf, "render_pdf", half_then_full)
    out, brief = tmp_path / "brief.json", tmp_path / "brief.pdf"
    result = cli(A, B, "--out", out, "--out", brief)
    assert result.exit_code == ExitCode.OUTPUT_NOT_WRITABLE
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0] == f"wrote {out}", lines
    assert lines[1].startswith(f"compare: {brief}: cannot be written (No space left on device)"), lines
    json.loads(out.read_text("utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.json"]


# --- interrupted ---------------------------------------------------------------------------------------


_INTERRUPT = textwrap.dedent("""
    import os, signal, sys, time
    import pandas as pd

    signal.signal(signal.SIGINT, signal.default_int_handler)  # as a terminal has it, even under a CI runner or nohup

    def to_csv(self, path, *args, **kwargs):
        with open(path, "w") as fh:
            fh.write("half a table")
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the output is half-written
        time.sleep(30)

    pd.DataFrame.to_csv = to_csv
    from compare.cli import main
    sys.argv = ["compare", *sys.argv[1:]]
    main()
""")


def test_ctrl_c_exits_130_and_leaves_no_partial_output(tmp_path):
    out = tmp_path / "brief.csv"
    out.write_text("old table", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _INTERRUPT, str(A), str(B), "--out", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == ExitCode.INTERRUPTED == 130
    assert "interrupted" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert out.read_text("utf-8") == "old table"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.csv"]


def _default_sigint() -> None:
    """In the child: Ctrl-C as a terminal delivers it (a background job or CI runner may start us with it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_cpu(pid: int, seconds: float) -> None:
    """Wait until the process has used `seconds` of CPU time (or, without /proc, that long)."""
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + 120  # a generous cap on a busy machine: CPU time, not wall time, is the signal
    tick = os.sysconf("SC_CLK_TCK")
    while time.monotonic() < deadline:
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            time.sleep(seconds)
            return
        if (int(fields[11]) + int(fields[12])) / tick >= seconds:
            return
        time.sleep(0.05)


def test_sigint_from_outside_during_a_long_read(tmp_path):
    """A real Ctrl-C from the terminal, while a large PDF is being read: 130, promptly, nothing written."""
    paras = [p for p in B.read_text("utf-8").splitlines() if p.strip()]
    big = write_pdf(tmp_path / "long.pdf", paras * 30)
    out = tmp_path / "brief.json"
    proc = subprocess.Popen([sys.executable, "-m", "compare", str(big), str(big), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint)
    _wait_for_cpu(proc.pid, 1.5)  # well past start-up: run_guarded is in charge and pypdf is reading pages
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    if proc.returncode == 0:
        pytest.skip("the comparison finished before the signal arrived")
    assert proc.returncode == ExitCode.INTERRUPTED, err
    assert "Traceback" not in err and "interrupted" in err
    assert not out.exists() and not list(tmp_path.glob(".brief.json.*"))
