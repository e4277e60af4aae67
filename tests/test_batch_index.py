"""The batch index a reader opens: its language, its names for the pairs, sorting in index.html, Excel's filter."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main

PLAN = """{title}

一、主要目标
地区生产总值增长{gdp}左右，城镇新增就业{jobs}万人以上，粮食产量稳定在{grain}亿斤以上。

二、重点任务
（一）推进数字经济发展。培育软件企业{sw}家，建设智能工厂{fac}家。
（二）加强生态环境保护。新增造林面积{forest}万亩。
"""


def write_doc(path: Path, title: str, **figures: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PLAN.format(title=title, **figures), encoding="utf-8")
    return path


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    """Two invented pairs: a province whose B title leaves the province out, and two titled action plans."""
    docs = tmp_path / "docs"
    old = dict(gdp="5%", jobs=40, grain=380, sw=20, fac=30, forest=50)
    new = dict(gdp="5.5%", jobs=45, grain=380, sw=25, fac=20, forest=60)
    write_doc(docs / "2025_yunnan.txt", "云南省2025年政府工作报告", **old)
    write_doc(docs / "2026_yunnan.txt", "2026年政府工作报告", **new)  # the province is missing, as in the corpus
    write_doc(docs / "plan_a.txt", "东江市数字经济行动方案（2023年）", **old)
    write_doc(docs / "plan_b.txt", "东江市数字经济行动方案（2024年）", **new)
    m = tmp_path / "m.csv"
    m.write_text("a,b\ndocs/2025_yunnan.txt,docs/2026_yunnan.txt\ndocs/plan_a.txt,docs/plan_b.txt\n",
                 encoding="utf-8")
    return m


def run_batch(manifest: Path, out: Path, *extra: str) -> None:
    res = CliRunner().invoke(main, ["batch", str(manifest), "--out-dir", str(out), "--format", "json",
                                    "-j", "1", "-q", *extra], catch_exceptions=False)
    assert res.exit_code == 0, res.output


def header_cells(html: str) -> list[str]:
    """The text of the pairs table's column headings (the last thead of the page)."""
    thead = re.findall(r"<thead>(.*?)</thead>", html, re.S)[-1]
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<th[^>]*>(.*?)</th>", thead, re.S)]


def body_rows(html: str) -> list[str]:
    body = re.findall(r"<tbody>(.*?)</tbody>", html, re.S)[-1]
    return [re.sub(r"<[^>]+>", " ", r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def xlsx_headers(path: Path) -> tuple[list[str], object]:
    import openpyxl

    ws = openpyxl.load_workbook(path).worksheets[0]
    return [c.value for c in ws[1]], ws


def test_chinese_documents_give_a_chinese_index_naming_each_pair_by_region_and_years(manifest, tmp_path):
    out = tmp_path / "out"
    run_batch(manifest, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    heads = header_cells(html)
    assert heads[:3] == ["文件对", "年份", "A → B"] and "状态" in heads and "提高" in heads
    assert not {"pair", "years", "status", "escalated", "outputs"} & set(heads)
    rows = body_rows(html)
    yunnan = next(r for r in rows if "2025_yunnan" in r or "云南" in r)
    assert "云南省 2025 → 2026" in yunnan
    assert "云南省 2026年政府工作报告" in yunnan  # B's title is given its province back
    assert "完成" in yunnan and " ok " not in yunnan
    plans = next(r for r in rows if "plan_a" in r)
    # no province in titles or file names: the two titles name it (brackets may come back half-width)
    assert re.search(r"东江市数字经济行动方案[（(]2023年[）)] → 东江市数字经济行动方案[（(]2024年[）)]", plans)
    assert "plan_a__plan_b" in plans  # the output name stays, as a secondary column
    heads_x, ws = xlsx_headers(out / "index.xlsx")
    assert heads_x[:2] == ["文件对", "年份"] and "状态" in heads_x and "name" not in heads_x
    assert "云南省 2025 → 2026" in [ws.cell(row=i, column=1).value for i in (2, 3)]
    # index.csv keeps the keys other tools read
    assert (out / "index.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith("name,title,group,a,b")


def test_lang_en_gives_an_english_index(manifest, tmp_path):
    out = tmp_path / "out"
    run_batch(manifest, out, "--lang", "en")
    html = (out / "index.html").read_text(encoding="utf-8")
    heads = header_cells(html)
    assert heads[:2] == ["Pair", "Years"] and "Status" in heads and "文件对" not in heads
    assert any("Yunnan 2025 → 2026" in r for r in body_rows(html))
    heads_x, _ = xlsx_headers(out / "index.xlsx")
    assert heads_x[:2] == ["Pair", "Years"] and "Status" in heads_x


def test_index_html_sorts_with_a_script_its_csp_allows_and_nothing_inline(manifest, tmp_path):
    out = tmp_path / "out"
    run_batch(manifest, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1 and "addEventListener('click'" in scripts[0] and "table.sortable" in scripts[0]
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    style_digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{style_digest}'" in csp
    assert 'class="sortable"' in html and " onclick=" not in html and " style=" not in html
    # numbers sort by value: the count cells carry their number
    assert re.search(r'<td class="n" data-sort="\d+">\d+</td>', html)


def test_index_xlsx_has_a_frozen_header_and_a_filter(manifest, tmp_path):
    out = tmp_path / "out"
    run_batch(manifest, out)
    heads, ws = xlsx_headers(out / "index.xlsx")
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:") and ws.auto_filter.ref.endswith("3")
    counts = [ws.cell(row=2, column=heads.index(h) + 1).value for h in ("提高", "降低", "持平")]
    assert all(isinstance(c, int) for c in counts) and sum(counts) > 0  # numbers, not text
