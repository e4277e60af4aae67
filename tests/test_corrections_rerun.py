"""Corrections across runs: edited inputs, ambiguous keys, a batch's per-pair files, the marks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.corrections import apply_file, apply_for_pair, find_pair_file, parse_corrections
from compare.pipeline import compare_files
from compare.render import render

ROOT = Path(__file__).resolve().parents[1]
A = ROOT / "inputs" / "sample_2020_work_points.txt"
B = ROOT / "inputs" / "sample_2022_upgrade_programme.txt"

FIXES = '''# corrections for the sample pair
[[pair]]
a = { figure = "10万台", quote = "推动全省工业机器人累计装机量达到10万台" }
b = { figure = "1.5万台", quote = "新增应用工业机器人1.5万台" }
note = "stock against new robots"

[[note]]
b = { figure = "5个", quote = "打造省级特色软件园区5个" }
note = "ask which parks count"
'''


def edited_b(tmp_path: Path) -> Path:
    """B a year on: a new figure early in the text (every later id shifts), the robots clause reworded a
    little, and the software parks' figure changed."""
    text = B.read_text("utf-8")
    lead = "聚焦工业软件、基础软件两大方向，"
    edits = [(lead, lead + "新建软件名城试点城市3个，"),
             ("新增应用工业机器人1.5万台", "全年新增应用工业机器人1.5万台"),
             ("打造省级特色软件园区5个", "打造省级特色软件园区8个")]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    out = tmp_path / "sample_2023_upgrade_programme.txt"
    out.write_text(text, "utf-8")
    return out


def test_a_rerun_on_edited_inputs_keeps_one_correction_and_reports_the_other(tmp_path):
    fixes = tmp_path / "fixes.toml"
    fixes.write_text(FIXES, "utf-8")
    first = apply_file(compare_files(A, B).to_json(), fixes)
    assert len(first["corrections"]["applied"]) == 2
    old_id = next(t["id"] for t in first["targets"]["b"] if t["quote"] == "新增应用工业机器人1.5万台")

    b2 = edited_b(tmp_path)
    data = compare_files(A, b2).to_json()
    robots = next(t for t in data["targets"]["b"] if "工业机器人1.5万台" in t["quote"])
    assert robots["id"] != old_id, "the run-local id moved, so only the words can find the figure"
    out = apply_file(data, fixes)
    applied, missed = out["corrections"]["applied"], out["corrections"]["not_applied"]
    assert [m["kind"] for m in applied] == ["pair"] and applied[0]["ids"][1] == robots["id"]
    c = next(c for c in out["changes"] if c.get("b") == robots["id"])
    assert c["a"] and c["type"] == "rebased" and c["note"] == "stock against new robots"
    assert len(missed) == 1 and missed[0]["kind"] == "note" and missed[0]["line"] == 7
    assert missed[0]["entry"]["b"]["figure"] == "5个"
    assert "8个" in missed[0]["why"], "the reason shows what the clause says now"
    parks = next(t for t in out["targets"]["b"] if t["quote"] == "打造省级特色软件园区8个")
    assert not any(c.get("corrected") for c in out["changes"] if c.get("b") == parks["id"]), \
        "never applied to something else"
    assert out["changes"] and out["summary"]["changes"]["new"] >= 1, "the rest of the brief is made"


def test_a_key_matching_two_figures_is_ambiguous_and_not_applied(tmp_path):
    text = A.read_text("utf-8")
    old = "推进数字乡村建设。"
    assert text.count(old) == 1
    a2 = tmp_path / "a.txt"
    a2.write_text(text.replace(old, old + "建成数字农业示范基地50个，") , "utf-8")
    data = compare_files(a2, B).to_json()
    twins = [t for t in data["targets"]["a"] if t["quote"] == "建成数字农业示范基地50个"]
    assert len(twins) == 2
    fixes = parse_corrections('[[not_target]]\na = { figure = "50个", '
                              'quote = "建成数字农业示范基地50个" }\n', "f")
    from compare.corrections import apply_corrections

    out = apply_corrections(data, fixes)
    (missed,) = out["corrections"]["not_applied"]
    assert "2 items" in missed["why"] and all(t["id"] in missed["why"] for t in twins)
    assert out["summary"]["targets"] == data["summary"]["targets"]


# --- a batch: where each pair's corrections are found -------------------------------------------------


def test_batch_pairs_find_their_own_corrections(tmp_path):
    manifest_dir, out_dir = tmp_path / "plans", tmp_path / "reports"
    (manifest_dir / "corrections").mkdir(parents=True)
    out_dir.mkdir()
    (manifest_dir / "corrections" / "east_2020-2022.toml").write_text(FIXES, "utf-8")
    (out_dir / "corrections.toml").write_text('''
# the western pair
[[pairs."west_2020-2022".not_target]]
a = { figure = "三个", quote = "布局建设三个省级人工智能创新应用先导区" }
''', "utf-8")
    assert find_pair_file("east_2020-2022", manifest_dir, out_dir).name == "east_2020-2022.toml"
    assert find_pair_file("west_2020-2022", manifest_dir, out_dir) == out_dir / "corrections.toml"
    data = compare_files(A, B).to_json()
    east = apply_for_pair(data, "east_2020-2022", manifest_dir, out_dir)
    west = apply_for_pair(data, "west_2020-2022", manifest_dir, out_dir)
    north = apply_for_pair(data, "north_2020-2022", manifest_dir, out_dir)
    assert [m["kind"] for m in east["corrections"]["applied"]] == ["pair", "note"]
    assert [m["kind"] for m in west["corrections"]["applied"]] == ["not_target"]
    assert west["corrections"]["applied"][0]["line"] == 3
    assert "corrections" not in north and north["changes"] == data["changes"], "no table: the brief as made"


def test_a_batch_file_with_loose_entries_is_refused():
    from compare.errors import UsageError

    with pytest.raises(UsageError, match="only \\[pairs"):
        parse_corrections('[pairs.x]\n[[note]]\nb = { figure = "x" }\nnote = "y"\n', "c.toml", "x")


# --- every format shows what the analyst changed ------------------------------------------------------


@pytest.fixture(scope="module")
def corrected(tmp_path_factory) -> dict:
    fixes = tmp_path_factory.mktemp("fx") / "fixes.toml"
    fixes.write_text(FIXES, "utf-8")
    return apply_file(compare_files(A, B).to_json(), fixes)


@pytest.mark.parametrize("lang, word", [("zh", "校正：stock against new robots"),
                                        ("en", "corrected: stock against new robots")])
def test_html_marks_the_corrected_change_with_its_note(corrected, tmp_path, lang, word):
    out = tmp_path / "b.html"
    render(corrected, out, "html", lang=lang)
    html = out.read_text("utf-8")
    assert word in html
    plain = dict(corrected, changes=[{k: v for k, v in c.items() if k not in ("corrected", "note")}
                                     for c in corrected["changes"]])
    render(plain, out, "html", lang=lang)
    assert word not in out.read_text("utf-8")


def test_json_marks_carry_note_and_the_record(corrected):
    marked = [c for c in corrected["changes"] if c.get("corrected")]
    assert {c["note"] for c in marked} == {"stock against new robots", "ask which parks count"}
    assert json.loads(json.dumps(corrected))["corrections"]["file"].endswith("fixes.toml")


def test_spreadsheet_rows_mark_the_corrected_changes(corrected):
    from compare.render.labels import load_labels
    from compare.render.sheets import change_sheet

    sheet = change_sheet(corrected, load_labels("zh"))
    assert len(sheet.rows) == len(corrected["changes"])
    marks = [row[sheet.keys.index("corrected")] for row in sheet.rows]
    assert sorted(m for m in marks if m) == ["校正：ask which parks count", "校正：stock against new robots"]
