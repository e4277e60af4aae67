"""An analyst's corrections applied to the sample pair: every kind of entry, bad files (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.corrections import CorrectionSet, apply_corrections, parse_corrections
from compare.errors import UsageError
from compare.pipeline import compare_files

ROOT = Path(__file__).resolve().parents[1]
A = ROOT / "inputs" / "sample_2020_work_points.txt"
B = ROOT / "inputs" / "sample_2022_upgrade_programme.txt"

ROBOTS = '''
[[pair]]
a = { figure = "10万台", quote = "推动全省工业机器人累计装机量达到10万台" }
b = { figure = "1.5万台", quote = "新增应用工业机器人1.5万台" }
note = "装机量 is the stock of robots; B counts the new ones"
'''
PARKS_NOTE = '''
[[note]]
b = { figure = "5个", quote = "打造省级特色软件园区5个" }
note = "ask the department which parks count"
'''


@pytest.fixture(scope="module")
def brief() -> dict:
    return compare_files(A, B).to_json()


def fix(data: dict, text: str) -> dict:
    return apply_corrections(data, parse_corrections(text, "fixes.toml"))


def ids_of(data: dict, side: str, quote: str) -> list[str]:
    return [t["id"] for t in data["targets"][side] if t["quote"] == quote]


def robots(data: dict) -> tuple[list[str], list[str]]:
    return (ids_of(data, "a", "推动全省工业机器人累计装机量达到10万台"),
            ids_of(data, "b", "新增应用工业机器人1.5万台"))


def change(data: dict, a: str | None, b: str | None) -> dict:
    found = [c for c in data["changes"] if c.get("a") == a and c.get("b") == b]
    assert len(found) == 1, (a, b, found)
    return found[0]


def counts(data: dict) -> dict:
    return data["summary"]["changes"]


def test_no_entries_leave_the_engine_judgement_untouched(brief):
    out = apply_corrections(brief, CorrectionSet("empty.toml", []))
    assert out["changes"] == brief["changes"] and out["summary"] == brief["summary"]
    assert out["corrections"] == {"file": "empty.toml", "applied": [], "not_applied": [],
                                  "not_targets": {"a": [], "b": []}}
    assert "corrections" not in brief, "the input dict is not modified"


def test_pair_two_figures_the_engine_left_apart_is_judged_by_its_rules(brief):
    (x,), (y,) = robots(brief)
    assert change(brief, x, None)["type"] == "dropped" and change(brief, None, y)["type"] == "new"
    out = fix(brief, ROBOTS)
    c = change(out, x, y)
    assert c["type"] == "rebased", "累计 10万台 against 新增 1.5万台 cannot be ranked"
    assert c["corrected"] is True and c["note"].startswith("装机量 is the stock")
    assert not [c for c in out["changes"] if c.get("a") == x and c.get("b") is None]
    before, after = counts(brief), counts(out)
    assert (after["dropped"], after["new"], after["rebased"]) == (before["dropped"] - 1, before["new"] - 1,
                                                                   before["rebased"] + 1)
    assert out["corrections"]["applied"][0]["ids"] == [x, y]


def test_pair_can_set_the_type_the_analyst_judges(brief):
    out = fix(brief, ROBOTS + 'type = "escalated"\n')
    (x,), (y,) = robots(brief)
    assert change(out, x, y)["type"] == "escalated"


def test_unpair_yields_a_dropped_and_a_new_figure(brief):
    (x,), (y,) = ids_of(brief, "a", "全省网络零售额增长10%以上"), ids_of(brief, "b",
                                                                   "全省网络零售额突破9000亿元")
    assert change(brief, x, y)["type"] == "rebased"
    out = fix(brief, '''
[[unpair]]
a = { figure = "10%以上", quote = "全省网络零售额增长10%以上" }
b = { figure = "9000亿元", quote = "全省网络零售额突破9000亿元" }
note = "growth and level of different things"
''')
    dropped, new = change(out, x, None), change(out, None, y)
    assert (dropped["type"], new["type"]) == ("dropped", "new")
    assert dropped["corrected"] and new["note"] == "growth and level of different things"
    assert counts(out)["rebased"] == counts(brief)["rebased"] - 1


def test_not_a_target_leaves_the_changes_and_its_partner_becomes_new(brief):
    (x,) = ids_of(brief, "a", "布局建设三个省级人工智能创新应用先导区")
    paired = [c for c in brief["changes"] if c.get("a") == x]
    assert paired and paired[0]["b"]
    partner = paired[0]["b"]
    out = fix(brief, '''
[[not_target]]
a = { figure = "三个", quote = "布局建设三个省级人工智能创新应用先导区" }
note = "a count of zones planned, not a goal"
''')
    assert x not in {t["id"] for t in out["targets"]["a"]}
    assert not [c for c in out["changes"] if c.get("a") == x]
    assert change(out, None, partner)["type"] == "new" and change(out, None, partner)["corrected"]
    assert out["summary"]["targets"]["a"] == brief["summary"]["targets"]["a"] - 1
    assert [t["id"] for t in out["corrections"]["not_targets"]["a"]] == [x]


def test_actual_turns_a_target_into_context(brief):
    (y,) = ids_of(brief, "b", "引进培育数字经济高层次人才1000人")
    out = fix(brief, '''
[[actual]]
b = { figure = "1000人", quote = "引进培育数字经济高层次人才1000人" }
''')
    t = next(t for t in out["targets"]["b"] if t["id"] == y)
    assert t["kind"] == "actual" and t["corrected"] is True
    assert not [c for c in out["changes"] if c.get("b") == y]
    assert counts(out)["new"] == counts(brief)["new"] - 1


def test_rename_changes_the_metric_of_the_figure_and_its_change(brief):
    (x,) = ids_of(brief, "a", "开发推广工业应用程序5万个")
    out = fix(brief, '''
[[rename]]
a = { figure = "5万个", quote = "开发推广工业应用程序5万个" }
metric = "工业APP"
''')
    t = next(t for t in out["targets"]["a"] if t["id"] == x)
    assert (t["metric"], t["metric_was"]) == ("工业APP", "工业应用程序")
    c = next(c for c in out["changes"] if c.get("a") == x)
    assert c["metric"] == "工业APP" and c["corrected"] is True


def test_set_type_overrides_the_engine_and_the_counts_follow(brief):
    (x,) = ids_of(brief, "a", "全年新增上云企业3万家")
    c0 = next(c for c in brief["changes"] if c.get("a") == x)
    assert c0["type"] == "unchanged"
    out = fix(brief, '''
[[set_type]]
a = { figure = "3万家", quote = "全年新增上云企业3万家" }
type = "escalated"
note = "B asks for use of the cloud, not only moving to it"
''')
    c = change(out, x, c0["b"])
    assert c["type"] == "escalated" and c["note"].startswith("B asks")
    assert counts(out)["unchanged"] == counts(brief)["unchanged"] - 1
    assert counts(out)["escalated"] == counts(brief)["escalated"] + 1


def test_note_is_attached_to_the_change(brief):
    (y,) = ids_of(brief, "b", "打造省级特色软件园区5个")
    out = fix(brief, PARKS_NOTE)
    c = change(out, None, y)
    assert c["type"] == "new" and c["corrected"] and c["note"] == "ask the department which parks count"
    assert counts(out) == counts(brief)


def test_link_unlink_and_note_on_tasks(brief):
    tasks = {s: {t["heading"]: t["id"] for t in brief["tasks"][s]} for s in "ab"}
    ic, future = tasks["a"]["加强组织协调"], tasks["b"]["五是营造良好发展氛围"]
    soft_a, soft_b = tasks["a"]["推进软件产业提质发展"], tasks["b"]["推动软件产业做优做强"]
    assert any(p["a"] == soft_a and p["b"] == soft_b for p in brief["alignment"])
    assert not any(p["a"] == ic and p["b"] == future for p in brief["alignment"])
    ai_a, ai_b = tasks["a"]["推进人工智能创新发展"], tasks["b"]["加快人工智能创新应用"]
    out = fix(brief, '''
[[unlink]]
a = { task = "推进软件产业提质发展" }
b = { task = "推动软件产业做优做强" }

[[link]]
a = { task = "加强组织协调", quote = "加强组织协调。充分发挥省数字经济发展领导小组" }
b = { task = "五是营造良好发展氛围" }
note = "coordination now serves the climate for growth"

[[note]]
a = { task = "推进人工智能创新发展" }
b = { task = "加快人工智能创新应用" }
note = "checked"
''')
    assert not any(p["a"] == soft_a and p["b"] == soft_b for p in out["alignment"])
    link = next(p for p in out["alignment"] if p["a"] == ic and p["b"] == future)
    assert link["corrected"] and link["method"] == "analyst" and link["note"].startswith("coordination now")
    noted = next(p for p in out["alignment"] if p["a"] == ai_a and p["b"] == ai_b)
    assert noted["note"] == "checked" and noted["method"] != "analyst"
    assert len(out["corrections"]["applied"]) == 3


def test_a_key_that_names_nothing_is_reported_and_the_rest_applies(brief):
    out = fix(brief, ROBOTS + '''
[[not_target]]
a = { figure = "99个", quote = "建设不存在的示范区99个" }
''')
    missed = out["corrections"]["not_applied"]
    assert len(missed) == 1 and missed[0]["kind"] == "not_target" and missed[0]["line"] == 7
    assert missed[0]["entry"]["a"]["figure"] == "99个" and "99个" in missed[0]["why"]
    assert len(out["corrections"]["applied"]) == 1
    assert out["summary"]["targets"] == brief["summary"]["targets"]


def test_an_entry_that_would_need_a_guess_is_not_applied(brief):
    out = fix(brief, '''
[[set_type]]
a = { figure = "6%", quote = "电子信息制造业增加值、电信业务收入分别增长6%、8%" }
type = "escalated"

[[unpair]]
a = { figure = "12%", quote = "全省数字经济核心产业增加值增长12%" }
b = { figure = "5个", quote = "打造省级特色软件园区5个" }
''')
    why = {m["kind"]: m["why"] for m in out["corrections"]["not_applied"]}
    assert "not paired" in why["set_type"], "a dropped figure has no type to set"
    assert "not paired" in why["unpair"]
    assert out["changes"] == brief["changes"]


def test_applying_is_deterministic(brief):
    from compare.render.json import dumps

    text = ROBOTS + PARKS_NOTE
    assert dumps(fix(brief, text)) == dumps(fix(brief, text))


def test_entries_apply_the_same_in_any_order(brief):
    one = fix(brief, ROBOTS + PARKS_NOTE)
    two = fix(brief, PARKS_NOTE + ROBOTS)
    assert one["changes"] == two["changes"]


# --- the file itself ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, words", [
    ('[[pair]]\na = { figure = "x", quote = "y" }\nb = { figure = "x"\n', "line 3"),
    ('[[pair]]\na = { figure = "x", quote = "y" }\n', "[[pair]] #1 (line 1) needs both a and b"),
    ('\n\n[[rename]]\na = { figure = "x", quote = "y" }\n', "(line 3) needs metric"),
    ('[[set_type]]\na = { figure = "x" }\ntype = "new"\n', "type 'new'"),
    ('[[merge]]\na = { figure = "x" }\n', "unknown kind of entry [[merge]]"),
    ('[[link]]\na = { figure = "x" }\nb = { task = "y" }\n', "must name a task"),
    ('[[note]]\nb = { figure = "x", page = "3" }\nnote = "n"\n', "unknown or non-text fields page"),
    ('[[note]]\na = { task = "x" }\nb = { figure = "x" }\nnote = "n"\n', "a names a task and b does not"),
])
def test_a_malformed_file_is_a_usage_error_naming_the_line(text, words):
    with pytest.raises(UsageError) as err:
        parse_corrections(text, "fixes.toml")
    assert words in err.value.one_line() and "fixes.toml" in err.value.one_line()


def test_cli_applies_the_file_and_reports_what_did_not_apply(tmp_path):
    fixes = tmp_path / "fixes.toml"
    gone = '\n[[note]]\nb = { figure = "7个", quote = "打造省级特色软件园区7个" }\nnote = "x"\n'
    fixes.write_text(ROBOTS + gone, "utf-8")
    out = tmp_path / "brief.json"
    res = CliRunner().invoke(main, [str(A), str(B), "--corrections", str(fixes), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "1 applied, 1 not applied" in res.stderr and "[[note]] #1 (line 7)" in res.stderr
    assert "7个" in res.stderr and "5个" in res.stderr, "the reason shows what the clause now says"
    data = json.loads(out.read_text("utf-8"))
    assert data["corrections"]["file"] == str(fixes)
    assert [c["type"] for c in data["changes"] if c.get("corrected")] == ["rebased"]


def test_cli_refuses_a_malformed_file_and_writes_nothing(tmp_path):
    fixes = tmp_path / "fixes.toml"
    fixes.write_text('[[pair]]\na = { figure = "10万台" quote = "x" }\n', "utf-8")
    out = tmp_path / "brief.json"
    res = CliRunner().invoke(main, [str(A), str(B), "--corrections", str(fixes), "--out", str(out)])
    assert res.exit_code == 2
    assert "fixes.toml" in res.stderr and "line 2" in res.stderr and "Traceback" not in res.output
    assert len(res.stderr.strip().splitlines()) == 1
    assert not out.exists() and not list(tmp_path.glob(".brief.json*"))


def test_cli_missing_corrections_file_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(main, [str(A), str(B), "--corrections", str(tmp_path / "nope.toml"),
                                    "--out", str(tmp_path / "b.json")])
    assert res.exit_code == 2 and "not found" in res.stderr
    assert not (tmp_path / "b.json").exists()
