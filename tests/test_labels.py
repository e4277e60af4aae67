"""Every coded reason the engine can give has wording in every label file, so no brief shows a raw code."""

from __future__ import annotations

import re

import pytest

from compare.render.labels import tomllib

from .conftest import ROOT

CODES = sorted({m.group(1) for p in (ROOT / "compare").rglob("*.py")
                for m in re.finditer(r"""reason\(\s*["']([a-z_]+)["']""", p.read_text(encoding="utf-8"))}
               | {"firmer_words", "looser_words", "point_to_range", "range_to_point"})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_reason_code_has_wording(lang):
    labels = tomllib.loads((ROOT / "templates" / f"labels.{lang}.toml").read_text(encoding="utf-8"))
    assert len(CODES) > 15
    missing = [c for c in CODES if c not in labels["reason"]]
    assert not missing, f"labels.{lang}.toml lacks [reason] wording for {missing}"


METHODS = sorted({m.group(1) for m in re.finditer(r"""add\([^,()]+, [^,()]+, ["']([a-z_]+)["']""",
                                                 (ROOT / "compare" / "align.py").read_text(encoding="utf-8"))})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_alignment_pass_has_wording(lang):
    labels = tomllib.loads((ROOT / "templates" / f"labels.{lang}.toml").read_text(encoding="utf-8"))
    assert {"exact", "best", "in_context", "promoted"} <= set(METHODS)
    missing = [m for m in METHODS if m not in labels["method"]]
    assert not missing, f"labels.{lang}.toml lacks [method] wording for {missing}"


def test_a_chinese_brief_gives_its_reasons_in_chinese():
    from compare import compare_files
    from compare.render.labels import load_labels, say

    brief = compare_files(ROOT / "inputs" / "sample_2020_work_points.txt",
                          ROOT / "inputs" / "sample_2022_upgrade_programme.txt")
    zh, en = load_labels("zh"), load_labels("en")
    rebased = next(c for c in brief.changes if c.type == "rebased")
    assert any("口径" in say(r, zh) or "单位" in say(r, zh) for r in rebased.reasons)
    assert any("basis" in say(r, en) or "unit" in say(r, en) for r in rebased.reasons)


KEYS_USED = re.compile(r"""\bL\(\s*f?["']((?:sheet|table|certainty|degree|terminal|side)\.[a-z_]+)["']""")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_label_the_spreadsheets_terminal_and_page_use_exists(lang):
    from compare.render.sheets import CHANGE_KEYS, TARGET_KEYS

    labels = tomllib.loads((ROOT / "templates" / f"labels.{lang}.toml").read_text(encoding="utf-8"))
    used = {m.group(1) for p in (ROOT / "compare" / "render").glob("*.py")
            for m in KEYS_USED.finditer(p.read_text(encoding="utf-8"))}
    used |= {f"table.{k}" for k in CHANGE_KEYS + TARGET_KEYS}
    used |= {f"degree.{d}" for d in ("high", "medium", "low")}
    assert len(used) > 40
    missing = sorted(k for k in used if k.split(".")[1] not in labels.get(k.split(".")[0], {}))
    assert not missing, f"labels.{lang}.toml lacks {missing}"
    assert labels["comparator_word"]["="], "a plain figure has words, never a bare “=”"


def test_reasons_read_without_raw_scores_or_signs():
    from compare.render.labels import load_labels, say

    for lang in ("zh", "en"):
        L = load_labels(lang)
        similar = say({"code": "metric_similar", "args": {"score": 0.85}}, L)
        assert "0.85" not in similar and similar != "metric_similar"
        changed = say({"code": "comparator_changed", "args": {"a": "=", "b": "以上"}}, L)
        assert "“=”" not in changed
    assert say({"code": "comparator_changed", "args": {"a": "=", "b": "以上"}}, load_labels("en")) == \
        "“no qualifier” → “or more”"
