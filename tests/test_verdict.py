"""Page 1 of the brief: the verdict ranked by policy weight, counts that add up, a chart of moved pairs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from compare.render import render
from compare.render.common import build_view
from compare.render.labels import load_labels
from compare.render.verdict import accounting, load_weights, weigh

from .conftest import CORPUS

FIXTURE = Path(__file__).parent / "fixtures" / "brief_sample.json"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)


def page_text(pdf: Path, page: int = 1) -> str:
    """The text of one page as poppler reads it, lines joined."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out


def brief_of(corpus: Path, a: str, b: str) -> dict:
    from compare import compare_files

    return compare_files(str(corpus / a), str(corpus / b)).to_json()


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, Path]]:
    """The three real pairs, compared once, each with its PDF."""
    corpus = CORPUS
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    out = {}
    root = tmp_path_factory.mktemp("verdict")
    for name, a, b in (
        ("guangdong", "real/gwr_2025_guangdong.txt", "real/gwr_2026_guangdong.txt"),
        ("headline", "seeds/zhejiang_2020_work_points.txt", "seeds/zhejiang_2022_no1_project_upgrade.txt"),
        ("hebei", "provinces/2025_hebei.docx", "provinces/2026_hebei.txt"),
    ):
        brief = brief_of(corpus, a, b)
        pdf = root / f"{name}.pdf"
        render(brief, pdf, "pdf")
        out[name] = (brief, pdf)
    return out


def count_sentence(text: str, side: str) -> tuple[int, list[int]]:
    """The total and the parts of the "A 的 N 个量化目标：…。" sentence."""
    m = re.search(side + r" 的 (\d+) 个量化目标：(.*?)。", text.replace("\n", ""))
    assert m, f"no count sentence for {side}"
    return int(m.group(1)), [int(n) for n in re.findall(r"(\d+) 个", m.group(2))]


@needs_poppler
def test_guangdong_page_one_puts_the_gdp_cut_before_public_welfare_jobs(pairs):
    text = page_text(pairs["guangdong"][1]).replace("\n", "")
    assert "公益性岗位" in text
    gdp = min(i for i in (text.find("GDP"), text.find("地区生产总值")) if i >= 0)
    assert gdp < text.index("公益性岗位")
    assert "4.5%—5%" in text[gdp : gdp + 60], "the GDP sentence names B's range"
    assert "二、目标变化一览" in text, "the chart sits on page 1"


@needs_poppler
def test_headline_pair_page_one_shows_b_headline_targets(pairs):
    text = page_text(pairs["headline"][1]).replace("\n", "")
    assert "1.6万亿元" in text
    assert "7万亿" in text


@needs_poppler
def test_hebei_does_not_claim_nothing_was_compared(pairs):
    brief, pdf = pairs["hebei"]
    assert any(c["type"] == "unchanged" for c in brief["changes"])
    text = "".join(page_text(pdf, p) for p in (1, 2))
    assert "没有可以比较高低的配对目标" not in text
    assert "没有可以配对比较的目标" not in text
    assert "保持不变" in page_text(pdf).replace("\n", "")


@needs_poppler
@pytest.mark.parametrize("name", ["guangdong", "headline", "hebei"])
def test_counts_on_page_one_add_up_to_every_target(pairs, name):
    brief, pdf = pairs[name]
    text = page_text(pdf)
    for side in "ab":
        total, parts = count_sentence(text, side.upper())
        targets = [t for t in brief["targets"][side] if t.get("kind", "target") == "target"]
        assert total == len(targets)
        assert sum(parts) == total


@needs_poppler
def test_chart_never_puts_points_and_ratios_on_one_axis(pairs):
    pdf = pairs["guangdong"][1]
    html = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (float(m.group(1)), m.group(2))
        for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    ]
    panel = next(y for y, w in words if w.startswith("其他目标"))
    points = [y for y, w in words if w.endswith("个百分点") and re.match(r"[+−]", w)]
    ratios = [y for y, w in words if re.fullmatch(r"×\d+(\.\d+)?", w)]
    assert points and ratios
    assert max(points) < panel < min(ratios)


def test_weights_come_from_the_templates_and_an_organisation_can_change_them(tmp_path):
    sample = json.loads(FIXTURE.read_text("utf-8"))
    L = load_labels("zh")
    first = build_view(sample, L).verdict[0]
    assert not first.startswith("未来工厂")
    weights = load_weights()
    weights = {**weights, "headline": [{"key": "factories", "weight": 20.0, "words": ["未来工厂"]}]}
    assert build_view(sample, L, weights=weights).verdict[0].startswith("未来工厂目标由 10家 调为 15家")
    (tmp_path / "weights.toml").write_text(
        '[[headline]]\nkey = "f"\nweight = 20.0\nwords = ["未来工厂"]\n', "utf-8"
    )
    assert load_weights(tmp_path)["headline"][0]["words"] == ["未来工厂"]


def test_weight_and_rank_for_each_change():
    sample = json.loads(FIXTURE.read_text("utf-8"))
    info = weigh(sample)
    assert len(info) == len(sample["changes"])
    assert sorted(i["rank"] for i in info) == list(range(1, len(info) + 1))
    energy = next(i for i, c in enumerate(sample["changes"]) if c["metric"] == "单位工业增加值能耗")
    assert info[energy]["weight"] > 1.0, "energy intensity is a headline indicator"
    assert info[energy]["rank"] == 1


def test_counts_account_for_restatements_and_actuals():
    brief = {
        "targets": {
            "a": [
                {"id": "a1", "kind": "target"},
                {"id": "a2", "kind": "target", "notes": [{"code": "restates", "args": {"id": "a1"}}]},
                {"id": "a3", "kind": "actual"},
                {"id": "a4", "kind": "target"},
            ],
            "b": [{"id": "b1", "kind": "target"}, {"id": "b2", "kind": "target"}],
        },
        "changes": [
            {"type": "escalated", "a": "a1", "b": "b1"},
            {"type": "rebased", "a": "a4", "b": "b1"},
            {"type": "new", "a": None, "b": "b2"},
        ],
    }
    lines = accounting(brief, load_labels("zh"))
    restated = "1 个是前文目标的重复表述（不单独比较）"
    assert lines[0] == f"A 的 3 个量化目标：1 个提高、1 个口径变化（不能比较高低）、{restated}。"
    assert lines[1] == "B 的 2 个量化目标：1 个提高、1 个为新目标。"
    assert "A 1 个、B 0 个" in lines[2]


def test_verdict_sentence_says_the_gdp_cut_plainly():
    brief = {
        "documents": {"a": {"title": "2025年政府工作报告"}, "b": {"title": "2026年政府工作报告"}},
        "targets": {
            "a": [
                {
                    "id": "a1",
                    "metric": "地区生产总值",
                    "value": 5,
                    "unit": "%",
                    "comparator": "~",
                    "basis": "growth",
                    "kind": "target",
                    "written": "5%左右",
                    "quote": "增长5%左右",
                }
            ],
            "b": [
                {
                    "id": "b1",
                    "metric": "地区生产总值",
                    "value": 4.5,
                    "low": 4.5,
                    "high": 5,
                    "unit": "%",
                    "basis": "growth",
                    "kind": "target",
                    "written": "4.5%—5%",
                    "quote": "增长4.5%—5%",
                }
            ],
        },
        "changes": [{"type": "deescalated", "metric": "地区生产总值", "a": "a1", "b": "b1", "delta": -0.5}],
    }
    view = build_view(brief, load_labels("zh"))
    assert view.verdict == ["GDP 增速目标由 5%左右 调为 4.5%—5%，下限下调 0.5 个百分点"]


def test_a_count_at_the_same_figure_in_looser_words_claims_no_cut():
    # 17万人以上 → 17万人左右: the qualifier changed, not the figure; page 1 says so and no "减少 0.0%"
    def target(side: str, written: str, comparator: str) -> dict:
        return {"id": f"{side}1", "metric": "城镇新增就业", "value": 170000, "unit": "人", "comparator": comparator,
                "basis": "increment", "kind": "target", "written": written, "quote": f"城镇新增就业{written}"}

    brief = {
        "documents": {"a": {"title": "2025年政府工作报告"}, "b": {"title": "2026年政府工作报告"}},
        "targets": {"a": [target("a", "17万人以上", ">=")], "b": [target("b", "17万人左右", "~")]},
        "changes": [{"type": "deescalated", "metric": "城镇新增就业", "a": "a1", "b": "b1", "ratio": 1.0}],
    }
    view = build_view(brief, load_labels("zh"))
    assert view.verdict == ["城镇新增就业目标由 17万人以上 调为 17万人左右"]
