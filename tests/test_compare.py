"""Whole-pipeline properties of a comparison, on the bundled samples and the real reports."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from compare import compare_files
from compare.render.json import dumps

from .conftest import INPUTS

A = INPUTS / "sample_2020_work_points.txt"
B = INPUTS / "sample_2022_upgrade_programme.txt"


def types(brief) -> Counter:
    return Counter(c.type for c in brief.changes)


def test_a_document_compared_with_itself_is_all_unchanged():
    brief = compare_files(A, A)
    assert set(types(brief)) == {"unchanged"}
    assert types(brief)["unchanged"] == sum(1 for t in brief.targets_a if t.kind == "target")
    assert {(p.a[1:], p.b[1:]) for p in brief.alignment} >= {(t.id[1:], t.id[1:]) for t in brief.tasks_a}


def test_swapping_a_and_b_mirrors_every_change():
    ab, ba = compare_files(A, B), compare_files(B, A)
    mirror = {"new": "dropped", "dropped": "new", "escalated": "deescalated", "deescalated": "escalated",
              "unchanged": "unchanged", "rebased": "rebased"}
    fwd = {(c.type, c.a, c.b) for c in ab.changes}
    back = {(mirror[c.type], c.b and "a" + c.b[1:], c.a and "b" + c.a[1:]) for c in ba.changes}
    assert fwd == back


def _rewrite(tmp_path: Path, old: str, new: str) -> Path:
    text = A.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    out = tmp_path / "copy.txt"
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def test_raising_one_figure_yields_exactly_one_escalation(tmp_path):
    brief = compare_files(A, _rewrite(tmp_path, "重大项目200个", "重大项目260个"))
    assert types(brief) - Counter(unchanged=types(brief)["unchanged"]) == Counter(escalated=1)
    (esc,) = [c for c in brief.changes if c.type == "escalated"]
    assert esc.ratio == pytest.approx(1.3)


def test_writing_a_figure_another_way_changes_nothing(tmp_path):
    brief = compare_files(A, _rewrite(tmp_path, "5万个", "50000个"))
    assert set(types(brief)) == {"unchanged"}


def test_the_sample_pair_shows_every_kind_of_change():
    brief = compare_files(A, B)
    assert set(types(brief)) == {"escalated", "deescalated", "unchanged", "rebased", "new", "dropped"}
    assert all(c.reasons for c in brief.changes)


def test_actuals_never_take_part_in_changes():
    brief = compare_files(A, B)
    actual = {t.id for t in brief.targets_a + brief.targets_b if t.kind == "actual"}
    assert actual
    assert not any(c.a in actual or c.b in actual for c in brief.changes)


def test_json_is_byte_identical_across_runs():
    assert dumps(compare_files(A, B).to_json()) == dumps(compare_files(A, B).to_json())


def test_every_quote_is_a_substring_of_the_normalised_text():
    brief = compare_files(A, B)
    for doc, ts in ((brief.a, brief.targets_a), (brief.b, brief.targets_b)):
        for t in ts:
            assert t.quote in doc.text
            assert doc.text[t.offset:t.offset + len(t.written)] == t.written


def _matches(pred, exp) -> bool:
    strip = re.compile(r"[^\w%.]")
    q = strip.sub("", pred.quote)
    return pred.unit == exp["unit"] and pred.value == pytest.approx(exp["value"]) and \
        strip.sub("", exp["quote"]) in q


def test_sample_pair_against_its_hand_made_labels():
    """The bundled samples come with hand-made labels (tests/fixtures/sample_expected.json)."""
    gold = json.loads((Path(__file__).parent / "fixtures" / "sample_expected.json").read_text(encoding="utf-8"))
    brief = compare_files(A, B)
    found = 0
    total = 0
    for side, preds in (("a", brief.targets_a), ("b", brief.targets_b)):
        for exp in gold[side]["targets"]:
            total += 1
            hit = [p for p in preds if _matches(p, exp)]
            if hit:
                found += 1
                assert hit[0].kind == exp["kind"], exp["quote"]
    assert found / total >= 0.95
    by_quote = {}
    for side, preds in (("a", brief.targets_a), ("b", brief.targets_b)):
        for exp in gold[side]["targets"]:
            hit = [p for p in preds if _matches(p, exp)]
            if hit:
                by_quote[(side, exp["quote"])] = hit[0].id
    predicted = {(c.type, c.a, c.b) for c in brief.changes}
    paired = [c for c in gold["changes"] if c["type"] not in ("new", "dropped")]
    right = sum((c["type"], by_quote.get(("a", c["a"])), by_quote.get(("b", c["b"]))) in predicted for c in paired)
    assert right / len(paired) >= 0.8


# Real government work reports: review sections must produce no changes, headline targets must pair.
def _real(corpus: Path, name: str) -> Path:
    return corpus / "real" / name


def test_review_sections_produce_no_changes(corpus):
    brief = compare_files(_real(corpus, "gwr_2024_national.txt"), _real(corpus, "gwr_2025_national.txt"))
    ids = {t.id: t for t in brief.targets_a + brief.targets_b}
    for c in brief.changes:
        for side in (c.a, c.b):
            if side:
                assert not any("回顾" in s for s in ids[side].section), (c.type, ids[side].quote)


@pytest.mark.parametrize("metric, a_value, b_value, kind", [
    ("国内生产总值", 5, 5, "unchanged"),
    ("城镇调查失业率", 5.5, 5.5, "unchanged"),
    ("城镇新增就业", 12000000, 12000000, "unchanged"),
    ("居民消费价格", 3, 2, "deescalated"),
    ("粮食产量", 1.3e12, 1.4e12, "escalated"),
    ("赤字率", 3, 4, "escalated"),
    ("地方政府专项债券", 3.9e12, 4.4e12, "escalated"),
])
def test_national_headline_targets_2024_to_2025(corpus, metric, a_value, b_value, kind):
    brief = compare_files(_real(corpus, "gwr_2024_national.txt"), _real(corpus, "gwr_2025_national.txt"))
    ta = {t.id: t for t in brief.targets_a}
    tb = {t.id: t for t in brief.targets_b}
    hits = [c for c in brief.changes if c.a and c.b and metric in ta[c.a].metric
            and ta[c.a].value == pytest.approx(a_value) and tb[c.b].value == pytest.approx(b_value)]
    assert hits, f"no pair for {metric}"
    assert {c.type for c in hits} == {kind}
