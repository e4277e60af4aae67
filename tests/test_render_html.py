"""The HTML brief: rows per change table, escaping of hostile text, self-contained, CSP, expandable quotes."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from compare.render import render

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"
TYPES = ("escalated", "deescalated", "rebased", "unchanged", "new", "dropped")
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>' \
          '<font color=red>红</font> & &amp;'


@pytest.fixture
def sample() -> dict:
    return json.loads(FIXTURE.read_text("utf-8"))


class Tree(HTMLParser):
    """Just enough of a DOM: every start tag with its attributes, the text, and table rows by section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.order: list[str] = []  # ids of sections and h3 in document order
        self.rows: dict[str, list[list[str]]] = {}
        self._h3: str | None = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        self._in.append(tag)
        if a.get("id"):
            self.order.append(a["id"])
        if tag == "h3":
            self._h3 = a.get("id")
        elif tag == "tr" and self._h3:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag == "td" and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row:
            self.rows.setdefault(self._h3 or "", []).append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(path: Path) -> Tree:
    t = Tree()
    t.feed(path.read_text("utf-8"))
    return t


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_change_table_holds_its_rows_in_order(sample, tmp_path, lang):
    out = tmp_path / "brief.html"
    render(sample, out, "html", lang=lang)
    t = parse(out)
    ids = [i for i in t.order if i.startswith("changes-")]
    assert ids == [f"changes-{x}" for x in TYPES]
    for typ in TYPES:
        metrics = [r[0] for r in t.rows.get(f"changes-{typ}", [])]
        assert sorted(metrics) == sorted(c["metric"] for c in sample["changes"] if c["type"] == typ), typ
    assert t.rows["changes-escalated"][0][0] == "5G基站"


def test_summary_and_chart_come_first(sample, tmp_path):
    out = tmp_path / "brief.html"
    render(sample, out, "html")
    t = parse(out)
    sections = [i for i in t.order if i in ("summary", "chart", "changes", "alignment", "appendix")]
    assert sections == ["summary", "chart", "changes", "alignment", "appendix"]
    svg = [a for tag, a in t.tags if tag == "svg"]
    assert len(svg) == 2, "the chart and the structure map"
    assert sum(1 for tag, a in t.tags if tag == "rect") >= 8, "one bar per moved paired target"
    text = "".join(t.text)
    assert "5G基站目标由 5万个 调为 16万个以上，提高到 3.2 倍" in text


def test_each_change_expands_to_the_full_quotes(sample, tmp_path):
    b = copy.deepcopy(sample)
    long_quote = "累计建成5G基站16万个以上，" + "并持续推进网络深度覆盖" * 20
    b["targets"]["b"][13]["quote"] = long_quote
    out = tmp_path / "brief.html"
    render(b, out, "html")
    t = parse(out)
    assert sum(1 for tag, _ in t.tags if tag == "details") == len(b["changes"])
    assert long_quote in "".join(t.text)


def test_hostile_text_is_shown_and_runs_nothing(sample, tmp_path):
    b = copy.deepcopy(sample)
    b["documents"]["a"]["title"] = HOSTILE
    b["targets"]["b"][14]["quote"] = HOSTILE
    b["changes"][12]["metric"] = HOSTILE
    b["targets"]["a"][4]["section"] = [HOSTILE]
    out = tmp_path / "brief.html"
    render(b, out, "html")
    t = parse(out)
    assert [tag for tag, _ in t.tags].count("script") == 1, "only the brief's own script"
    assert not any(k.startswith("on") for _, a in t.tags for k in a), "no event handler attributes"
    assert not any(tag in ("img", "font", "iframe") for tag, _ in t.tags), "no element from the source"
    assert all(a.get("href", "").startswith("#") for tag, a in t.tags if tag == "a"), "no javascript: link"
    text = "".join(t.text)
    assert text.count(HOSTILE) >= 3, "the markup is shown as text"
    raw = out.read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "&amp;amp;" in raw


def test_self_contained_with_a_strict_policy(sample, tmp_path):
    out = tmp_path / "brief.html"
    render(sample, out, "html")
    t = parse(out)
    for tag, a in t.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
        for attr in ("src", "href", "action", "xlink:href"):
            if a.get(attr) is not None:
                assert a[attr].startswith("#"), (tag, attr, a[attr])
    csp = next(a["content"] for tag, a in t.tags
               if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    script = t.scripts[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp, "the brief's own script is allowed by hash"


def test_tables_are_sortable_and_filterable(sample, tmp_path):
    out = tmp_path / "brief.html"
    render(sample, out, "html")
    t = parse(out)
    tables = [a.get("class", "") for tag, a in t.tags if tag == "table"]
    assert sum("sortable" in c and "filterable" in c for c in tables) >= 9
    assert any(tag == "input" and a.get("id") == "filter" for tag, a in t.tags)
    ratios = [a.get("data-sort") for tag, a in t.tags if tag == "td" and a.get("data-sort") not in (None, "")]
    assert "3.2" in ratios


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_the_script_parses(tmp_path):
    from compare.render.html import SCRIPT

    js = tmp_path / "brief.js"
    js.write_text(SCRIPT, encoding="utf-8")
    subprocess.run(["node", "--check", str(js)], check=True, capture_output=True, timeout=60)


def test_empty_brief(tmp_path):
    out = tmp_path / "brief.html"
    render({}, out, "html")
    assert "无" in "".join(parse(out).text)


def test_english_documents_get_english_labels_by_default(sample, tmp_path):
    b = copy.deepcopy(sample)
    b["documents"]["a"]["title"], b["documents"]["b"]["title"] = "Digital plan 2020", "Digital plan 2022"
    for side in "ab":
        for t in b["targets"][side]:
            t["metric"] = "broadband sites"
    out = tmp_path / "brief.html"
    render(b, out, "html")
    text = "".join(parse(out).text)
    assert "1. Summary" in text and "一、摘要" not in text
    render(sample, out, "html")
    assert "一、摘要" in "".join(parse(out).text)
