"""The HTML brief writes a corrections file: click its controls in headless Chromium, download, re-run."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main
from tests.browser import Browser, chromium

ROOT = Path(__file__).resolve().parents[1]
A = ROOT / "inputs" / "sample_2020_work_points.txt"
B = ROOT / "inputs" / "sample_2022_upgrade_programme.txt"
NOTE = 'stock "vs" new \\ robots'

pytestmark = pytest.mark.skipif(chromium() is None, reason="needs Chromium (apt-get install -y chromium)")

# Test-side helpers injected through DevTools (not part of the page): find a control by its row's words.
HELPERS = """
window.__t = {
  open: function (corr, type, words) {
    var b = Array.prototype.find.call(document.querySelectorAll('button.corr-open'), function (x) {
      return x.getAttribute('data-corr') === corr && (!type || x.getAttribute('data-type') === type)
        && x.getAttribute('data-label').indexOf(words) >= 0; });
    if (!b) throw new Error('no control for ' + words);
    b.click();
  },
  act: function (name, side) {
    var sel = '#corr-panel [data-act="' + name + '"]' + (side ? '[data-side="' + side + '"]' : '');
    var b = Array.prototype.find.call(document.querySelectorAll(sel), function (x) { return !x.hidden; });
    if (!b) throw new Error('no visible action ' + name);
    b.click();
  },
  partner: function (words) {
    var s = document.getElementById('corr-partner');
    for (var i = 0; i < s.options.length; i++) {
      if (s.options[i].textContent.indexOf(words) >= 0) s.selectedIndex = i;
    }
    if (s.options[s.selectedIndex].textContent.indexOf(words) < 0) throw new Error('no partner ' + words);
  },
  set: function (id, value) { document.getElementById(id).value = value; }
};
"""


def j(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def click_corrections(page: Browser) -> None:
    """An analyst's session: one of each kind of correction, through the page's own controls."""
    page.js(HELPERS)
    steps = [
        "__t.open('change', 'dropped', '装机量'); __t.partner('工业机器人');"
        f" __t.set('corr-note', {j(NOTE)}); __t.act('pair')",
        "__t.open('change', 'rebased', '网络零售额'); __t.act('unpair')",
        "__t.open('change', 'escalated', '省级人工智能创新应用先导区'); __t.act('not_target', 'a')",
        "__t.open('change', 'new', '数字经济高层次人才'); __t.act('actual', 'b')",
        "__t.open('change', 'unchanged', '工业应用程序'); __t.set('corr-metric', '工业APP');"
        " __t.act('rename')",
        "__t.open('change', 'unchanged', '上云企业'); __t.set('corr-type', 'escalated'); __t.act('set_type')",
        "__t.open('link', '', '推进软件产业提质发展 → 推动软件产业做优做强'); __t.act('unlink')",
        "__t.open('link', '', '推进人工智能创新发展'); __t.set('corr-note', 'checked'); __t.act('note')",
    ]
    for step in steps:
        page.js(step)


def wait_for_file(folder: Path, name: str, limit: float = 60.0) -> Path:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        path = folder / name
        if path.is_file() and not list(folder.glob("*.crdownload")) and path.stat().st_size > 0:
            return path
        time.sleep(0.1)
    raise TimeoutError(f"{name} was not downloaded")


def test_click_download_rerun_and_see_the_corrections_applied(tmp_path):
    html = tmp_path / "brief.html"
    res = CliRunner().invoke(main, [str(A), str(B), "--out", str(html)])
    assert res.exit_code == 0, res.output
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    page = Browser(chromium() or "", html.as_uri(), downloads)
    try:
        assert page.js("document.getElementById('corr-download').disabled") is True
        click_corrections(page)
        shown = page.js("document.getElementById('corr-toml').textContent")
        assert page.js("document.getElementById('corr-count').textContent") == "8"
        page.js("document.getElementById('corr-download').click()")
        saved = wait_for_file(downloads, "corrections.toml")
        assert page.js("document.getElementById('corr-file').href").startswith("blob:")
    finally:
        page.close()
    assert saved.read_text("utf-8") == shown

    out = tmp_path / "corrected.json"
    res = CliRunner().invoke(main, [str(A), str(B), "--corrections", str(saved), "--out", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text("utf-8"))
    block = data["corrections"]
    assert block["not_applied"] == [] and len(block["applied"]) == 8
    robots = next(c for c in data["changes"] if c.get("corrected") and c.get("note") == NOTE)
    assert robots["type"] == "rebased" and robots["a"] and robots["b"], "the pair made in the page, re-judged"
    assert not [c for c in data["changes"] if c["metric"] == "网络零售额" and c.get("a") and c.get("b")]
    assert [t["written"] for t in block["not_targets"]["a"]] == ["三个"]
    assert any(c["metric"] == "工业APP" for c in data["changes"])
    assert any(p.get("note") == "checked" for p in data["alignment"])


def test_the_page_keeps_its_strict_policy_with_the_controls(tmp_path):
    html = tmp_path / "brief.html"
    CliRunner().invoke(main, [str(A), str(B), "--out", str(html)])
    raw = html.read_text("utf-8")
    assert "unsafe-inline" not in raw and raw.count("<script") == 1
    page = Browser(chromium() or "", html.as_uri(), tmp_path)
    try:
        page.js(HELPERS)
        page.js("__t.open('change', 'dropped', '装机量')")
        assert page.js("document.getElementById('corr-panel').hidden") is False, "the hashed script runs"
    finally:
        page.close()


def test_a_corrected_brief_starts_from_its_file_and_adds_to_it(tmp_path):
    fixes = tmp_path / "fixes.toml"
    fixes.write_text('''
[[note]]
b = { figure = "5个", quote = "打造省级特色软件园区5个" }
note = "ask which parks count"

[[pair]]
a = { figure = "10万台", quote = "推动全省工业机器人累计装机量达到10万台" }
b = { figure = "1.5万台", quote = "新增应用工业机器人1.5万台" }
''', "utf-8")
    html = tmp_path / "brief.html"
    res = CliRunner().invoke(main, [str(A), str(B), "--corrections", str(fixes), "--out", str(html)])
    assert res.exit_code == 0, res.output
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    page = Browser(chromium() or "", html.as_uri(), downloads)
    try:
        assert page.js("document.getElementById('corr-count').textContent") == "2"
        page.js(HELPERS)
        page.js("__t.open('change', 'rebased', '网络零售额'); __t.act('unpair')")
        page.js("document.getElementById('corr-download').click()")
        saved = wait_for_file(downloads, "corrections.toml")
    finally:
        page.close()
    out = tmp_path / "again.json"
    res = CliRunner().invoke(main, [str(A), str(B), "--corrections", str(saved), "--out", str(out)])
    assert res.exit_code == 0, res.output
    block = json.loads(out.read_text("utf-8"))["corrections"]
    assert [m["kind"] for m in block["applied"]] == ["unpair", "pair", "note"] and not block["not_applied"]
    note = next(m for m in block["applied"] if m["kind"] == "note")
    assert note["entry"]["note"] == "ask which parks count"
