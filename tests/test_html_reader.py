"""The HTML brief as its reader gets it: an embedded font covering every character, links from each change to
both places and from each figure's id, a side-by-side view, live filter counts, nothing internal shown.
Layout and the filter are checked in headless Chromium when it is installed (CI installs it)."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from compare.render import render

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"


@pytest.fixture(scope="module")
def sample() -> dict:
    return json.loads(FIXTURE.read_text("utf-8"))


@pytest.fixture(scope="module")
def page(sample, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "brief.html"
    render(sample, out, "html")
    return out


class Doc(HTMLParser):
    """Tags with attributes, visible text (with attribute text a reader sees), ids, and the style text."""

    SHOWN_ATTRS = ("placeholder", "aria-label", "title")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.style = ""
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        self._in.append(tag)
        self.text += [a[k] for k in self.SHOWN_ATTRS if a.get(k)]

    def handle_endtag(self, tag):
        while self._in and self._in.pop() != tag:
            pass

    def handle_data(self, data):
        where = self._in[-1] if self._in else ""
        if where == "style":
            self.style += data
        elif where != "script":
            self.text.append(data)

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}


def parse(path: Path) -> Doc:
    d = Doc()
    d.feed(path.read_text("utf-8"))
    return d


def embedded_font(doc: Doc):
    from fontTools.ttLib import TTFont

    m = re.search(r'font-family: "([^"]+)";[^}]*src: url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)',
                  doc.style)
    assert m, "an @font-face with a data: URL"
    return m.group(1), TTFont(io.BytesIO(base64.b64decode(m.group(2))))


def test_the_embedded_font_covers_every_character_on_the_page(page):
    doc = parse(page)
    family, font = embedded_font(doc)
    assert family in doc.style.split("@font-face", 1)[1].split("}", 1)[1], "the page's fonts list it"
    cmap = font.getBestCmap()
    shown = {ch for ch in "".join(doc.text) if not ch.isspace()}
    assert len(shown) > 300 and any("\u4e00" <= ch <= "\u9fff" for ch in shown)
    missing = sorted(ch for ch in shown if ord(ch) not in cmap)
    assert not missing, missing
    assert len(cmap) < 3 * len(shown) + 200, "a subset, not the whole font"


def test_the_page_allows_only_data_fonts_and_stays_strict(page):
    doc = parse(page)
    csp = next(a["content"] for t, a in doc.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "font-src data:" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(doc.style.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp, "the style with its font is allowed by its hash"


def test_the_same_brief_gives_the_same_page(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    render(sample, tmp_path / "one.html", "html")
    render(sample, tmp_path / "two.html", "html")
    assert (tmp_path / "one.html").read_bytes() == (tmp_path / "two.html").read_bytes()


def test_every_change_links_to_both_places_and_every_id_is_a_link(page, sample):
    doc = parse(page)
    hrefs = [a["href"] for t, a in doc.tags if t == "a" and a.get("href")]
    broken = [h for h in hrefs if not h.startswith("#") or h[1:] not in doc.ids]
    assert hrefs and not broken, broken
    rows = page.read_text("utf-8").split('<h3 id="changes-escalated">', 1)[1].split("</table>", 1)[0]
    for row in rows.split("<tr>")[2:]:
        links = re.findall(r'href="#([^"]+)"', row)
        assert any(x.startswith(("place-a-", "task-a-", "app-a-")) for x in links), row
        assert any(x.startswith(("place-b-", "task-b-", "app-b-")) for x in links), row
    n_figures = len(sample["targets"]["a"]) + len(sample["targets"]["b"])
    app_rows = [a["id"] for t, a in doc.tags if t == "tr" and a.get("id", "").startswith("app-")]
    assert len(app_rows) == n_figures
    text = page.read_text("utf-8")
    for tid in ("a-t1", "b-t14"):
        assert re.search(rf'<a class="muted" href="#[^"]+">{tid}</a>', text), tid


def test_the_side_by_side_view_puts_aligned_tasks_on_one_row_with_figures_marked(page, sample):
    text = page.read_text("utf-8")
    side = text.split('<section id="side">', 1)[1].split("</section>", 1)[0]
    rows = side.split("<tr>")[2:]
    for pair in sample["alignment"]:
        row = next(r for r in rows if f'id="task-a-{pair["a"]}"' in r)
        assert f'data-task="{pair["b"]}"' in row, pair
    marked = re.findall(r'<mark class="fig" id="place-b-([^"]+)"><a href="#app-b-\1">', side)
    assert len(marked) >= 10
    assert "5G基站16万个以上" in re.sub("<[^>]+>", "", side)


def test_no_reader_sees_a_raw_score_or_code(sample, tmp_path):
    b = copy.deepcopy(sample)
    b["changes"][0]["reasons"] = [{"code": "metric_similar", "args": {"score": 0.85}}]
    b["changes"][0]["qualifiers"] = [{"code": "comparator_changed", "args": {"a": "=", "b": "以上"}}]
    b["changes"][0]["confidence"] = 0.44
    out = tmp_path / "b.html"
    render(b, out, "html")
    shown = "".join(parse(out).text)
    for jargon in ("（0.85）", "“=”", "把握 44%", "44%", "●○○", "●●○", "●●●", "最相近"):
        assert jargon not in shown, jargon
    assert "加上“以上”" in shown and "存疑，请核对原文" in shown


def test_cut_headings_end_with_an_ellipsis(sample, tmp_path):
    b = copy.deepcopy(sample)
    task = b["tasks"]["b"][0]
    task["quote"] = "一、" + task["heading"] + "并持续深化相关改革工作。"
    task["heading"] = task["heading"][:12]
    out = tmp_path / "b.html"
    render(b, out, "html")
    assert task["heading"] + "…" in "".join(parse(out).text)


# --- in headless Chromium -------------------------------------------------------------------------------

PROBE = """window.addEventListener('load', function () {
  function report(loaded) {
    var bad = [];
    Array.prototype.forEach.call(document.querySelectorAll('.nw'), function (el) {
      var cell = el.closest('td'), r = el.getBoundingClientRect();
      if (el.getClientRects().length > 1 || (cell && r.right > cell.getBoundingClientRect().right + 1)) {
        bad.push(el.textContent);
      }
    });
    var faces = [];
    document.fonts.forEach(function (f) { faces.push(f.family + ':' + f.status); });
    document.body.setAttribute('data-probe', JSON.stringify({bad: bad, faces: faces, loaded: loaded,
      usable: document.fonts.check('15px "Compare CJK"', '目标')}));
  }
  // the page's own policy must let the embedded font load: a blocked or broken font rejects here
  document.fonts.load('15px "Compare CJK"', '规划目标对比简报').then(function (fs) { report(fs.length); },
                                                              function () { report(-1); });
});"""


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _dom(url: str, tmp_path: Path, width: int = 1400) -> str:
    exe = _chromium()
    assert exe
    proc = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={width},1200",
                           "--virtual-time-budget=5000", "--dump-dom", url],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def _with_probe(page: Path, tmp_path: Path) -> Path:
    """The page plus a measuring script, allowed by adding its hash to the page's own policy."""
    raw = page.read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(PROBE.encode()).digest()).decode()
    raw = raw.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    raw = raw.replace("</body>", f"<script>{PROBE}</script></body>", 1)
    out = tmp_path / "probed.html"
    out.write_text(raw, "utf-8")
    return out


needs_chromium = pytest.mark.skipif(_chromium() is None, reason="headless Chromium is not installed")


@needs_chromium
def test_in_chromium_the_embedded_font_loads_and_figures_do_not_wrap_at_1400px(page, tmp_path):
    dom = _dom(_with_probe(page, tmp_path).as_uri(), tmp_path)
    m = re.search(r"data-probe=\"([^\"]+)\"", dom)
    assert m, "the probe ran"
    probe = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert probe["loaded"] == 1 and "Compare CJK:loaded" in probe["faces"], probe
    assert probe["usable"] is True
    assert probe["bad"] == [], probe["bad"]


def _groups(dom: str) -> dict[str, tuple[int, int, int, bool]]:
    """Per heading id: the count shown, the rows shown, all rows, and whether its table is hidden."""
    out = {}
    group = (r'<div class="group"><h3 id="([^"]+)">.*?'
             r'<span class="n" data-total="(\d+)">(\d+)</span>(.*?)</div>')
    for m in re.finditer(group, dom, re.S):
        body = m.group(4)
        rows = re.findall(r"<tr( class=\"hidden\")?>", body.split("<tbody>", 1)[-1])
        shown = sum(1 for r in rows if not r)
        hidden_table = bool(re.search(r'<table class="[^"]*\bhidden\b', body))
        out[m.group(1)] = (int(m.group(3)), shown, len(rows), hidden_table)
    return out


@needs_chromium
def test_in_chromium_filtering_updates_the_counts_and_hides_empty_tables(page, tmp_path):
    before = _groups(_dom(page.as_uri(), tmp_path))
    assert before["changes-escalated"] == (5, 5, 5, False)
    filtered = _dom(page.as_uri() + "#q=5G基站", tmp_path)
    after = _groups(filtered)
    assert after["changes-escalated"] == (1, 1, 5, False)
    assert after["changes-deescalated"] == (0, 0, 3, True)
    assert after["changes-rebased"][0] == 0 and after["changes-rebased"][3] is True
    side = filtered.split('<section id="side">', 1)[1].split("</section>")[0]
    shown = [r for r in re.findall(r"<tr( class=\"hidden\")?>", side.split("<tbody>", 1)[1]) if not r]
    assert 1 <= len(shown) < len(sample_rows(side)), "the side-by-side rows follow the filter too"


def sample_rows(html: str) -> list[str]:
    return re.findall(r"<tr[ >]", html.split("<tbody>", 1)[1])
