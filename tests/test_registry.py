"""The format registry: one table of brief writers, one options value, reasons coded in the engine."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from compare.errors import UsageError
from compare.render.registry import EXTENSIONS, FORMATS, BriefOptions, format_of, write_brief

from .conftest import INPUTS

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"


@pytest.fixture
def sample() -> dict:
    return json.loads(FIXTURE.read_text("utf-8"))


def test_every_format_is_registered_once_with_its_extensions():
    assert set(FORMATS) == {"json", "docx", "pdf", "html", "xlsx", "csv"}
    assert format_of(Path("x/brief.HTM")) == "html" and format_of(Path("b.xlsx")) == "xlsx"
    assert set(EXTENSIONS.values()) == set(FORMATS)
    with pytest.raises(UsageError, match="cannot tell the output format"):
        format_of(Path("brief.rtf"))


def test_options_are_frozen_and_built_from_loose_values(tmp_path):
    opts = BriefOptions.of("en", str(tmp_path), "")
    assert opts == BriefOptions(lang="en", template_dir=tmp_path, font=None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        opts.lang = "zh"  # type: ignore[misc]


@pytest.mark.parametrize("fmt", ["json", "html", "csv", "xlsx"])
def test_each_writer_writes_a_file_its_reader_opens(sample, tmp_path, fmt):
    out = tmp_path / f"brief.{fmt}"
    write_brief(sample, out, fmt, BriefOptions(lang="zh"))
    if fmt == "json":
        assert json.loads(out.read_text("utf-8"))["changes"]
    elif fmt == "html":
        assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    elif fmt == "csv":
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    else:
        import openpyxl

        assert openpyxl.load_workbook(out).sheetnames


def test_an_unknown_format_is_a_usage_error(sample, tmp_path):
    with pytest.raises(UsageError, match="use one of: json, docx, pdf, html, xlsx, csv"):
        write_brief(sample, tmp_path / "b.rtf", "rtf")


def test_the_engine_codes_reasons_and_the_json_writer_words_them(tmp_path):
    from compare import compare_files

    a, b = INPUTS / "sample_2020_work_points.txt", INPUTS / "sample_2022_upgrade_programme.txt"
    brief = compare_files(a, b)
    coded = [r for c in brief.changes for r in c.reasons + c.qualifiers]
    assert coded and all(set(r) <= {"code", "args"} for r in coded), "the engine writes no wording"
    out = tmp_path / "brief.json"
    write_brief(brief.to_json(), out, "json")
    data = json.loads(out.read_text("utf-8"))
    rebased = next(c for c in data["changes"] if c["type"] == "rebased")
    assert all(list(r)[-1] == "text" and r["text"] for r in rebased["reasons"])
    assert any(r["text"].startswith(("basis ", "unit ")) for r in rebased["reasons"])


def test_a_comparison_does_not_import_the_renderers():
    a, b = INPUTS / "sample_2020_work_points.txt", INPUTS / "sample_2022_upgrade_programme.txt"
    code = (f"import sys; from compare import compare_files; compare_files({str(a)!r}, {str(b)!r}).to_json();"
            "print(sorted(m for m in sys.modules if m.startswith('compare.render')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
