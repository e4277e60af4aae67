"""Apply checked corrections to a brief dict: re-pair and re-judge targets, relink tasks, redo lone ones."""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from typing import Any

from compare.config import DEFAULT, MatchConfig
from compare.corrections_match import CorrectionSet, Entry, find_target, find_task
from compare.model import CHANGE_TYPES, Change, Target
from compare.reasons import reason

# Entries are applied kind by kind in this order, each kind in file order, so a file means the same however
# its entries are arranged: figures leave the comparison first, then pairs are undone and made, then labelled.
ORDER = ("not_target", "actual", "unpair", "pair", "set_type", "rename", "note", "unlink", "link")


class NotApplied(Exception):
    """An entry that cannot be applied to this brief, with the reason a reader is shown."""


class State:
    """The brief being corrected: targets and tasks by id, the paired changes, what the analyst touched."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.targets = {s: data["targets"][s] for s in "ab"}
        self.all_targets = {s: list(self.targets[s]) for s in "ab"}  # before any figure leaves
        self.tasks = {s: data["tasks"][s] for s in "ab"}
        self.by_id = {s: {t["id"]: t for t in self.targets[s]} for s in "ab"}
        self.lone = {(c.get("a"), c.get("b")): c for c in data["changes"] if not (c.get("a") and c.get("b"))}
        self.paired = [c for c in data["changes"] if c.get("a") and c.get("b")]
        self.excluded: set[tuple[str, str]] = set()  # (side, id) of figures that left the comparison
        self.removed: dict[str, list[dict[str, Any]]] = {"a": [], "b": []}  # figures that are not targets
        self.touched: dict[tuple[str, str], str] = {}  # (side, id) -> note, for the lone changes they become
        self.cfg = _config(data)

    def target(self, entry: Entry, side: str) -> dict[str, Any]:
        """The target an entry's key names on one side, or NotApplied."""
        found, why = find_target(entry.raw[side], self.all_targets[side], side)
        if found is None:
            raise NotApplied(why)
        if (side, found["id"]) in self.excluded:
            raise NotApplied(f"{found['id']} was taken out of the comparison by another entry")
        return found

    def task(self, entry: Entry, side: str) -> dict[str, Any]:
        """The task an entry's key names on one side, or NotApplied."""
        found, why = find_task(entry.raw[side], self.tasks[side], side)
        if found is None:
            raise NotApplied(why)
        return found

    def changes_of(self, side: str, tid: str) -> list[dict[str, Any]]:
        """The paired changes a figure takes part in."""
        return [c for c in self.paired if c.get(side) == tid]

    def touch(self, side: str, tid: str, note: str) -> None:
        """Remember a figure the analyst moved, so its lone change is marked corrected."""
        self.touched[(side, tid)] = note or self.touched.get((side, tid), "")


def _config(data: dict[str, Any]) -> MatchConfig:
    """The MatchConfig the brief was made with (recorded in it), else the default."""
    match = ((data.get("config") or {}).get("match")) or {}
    known = {f.name for f in fields(MatchConfig)}
    try:
        return MatchConfig(**{k: v for k, v in match.items() if k in known})
    except TypeError:
        return DEFAULT


def as_target(t: dict[str, Any]) -> Target:
    """A Target rebuilt from its JSON form, for the engine's rules."""
    known = {f.name for f in fields(Target)}
    return Target(**{k: copy.deepcopy(v) for k, v in t.items() if k in known})


def mark(item: dict[str, Any], note: str) -> None:
    """Flag a change, link or figure as the analyst's, with the note when there is one."""
    item["corrected"] = True
    if note:
        item["note"] = note
    elif "note" not in item:
        item["note"] = ""


def _leave(st: State, entry: Entry, kind: str) -> list[str]:
    """not_target / actual: the figure leaves the comparison; its partners become lone unless paired."""
    side = "a" if "a" in entry.raw else "b"
    t = st.target(entry, side)
    other = "b" if side == "a" else "a"
    for c in st.changes_of(side, t["id"]):
        st.paired.remove(c)
        st.touch(other, c[other], entry.note)
    st.lone.pop((t["id"], None) if side == "a" else (None, t["id"]), None)
    st.excluded.add((side, t["id"]))
    if kind == "actual":
        t["kind"] = "actual"
        mark(t, entry.note)
    else:
        st.targets[side].remove(t)
        st.removed[side].append({**t, "corrected": True, "note": entry.note})
    return [t["id"]]


def _unpair(st: State, entry: Entry) -> list[str]:
    x, y = st.target(entry, "a"), st.target(entry, "b")
    found = [c for c in st.paired if c["a"] == x["id"] and c["b"] == y["id"]]
    if not found:
        raise NotApplied(f"{x['id']} and {y['id']} are not paired in this brief")
    st.paired.remove(found[0])
    st.touch("a", x["id"], entry.note)
    st.touch("b", y["id"], entry.note)
    return [x["id"], y["id"]]


def _pair(st: State, entry: Entry) -> list[str]:
    x, y = st.target(entry, "a"), st.target(entry, "b")
    for side, t in (("a", x), ("b", y)):
        if t.get("kind") != "target":
            raise NotApplied(f"{t['id']} is an actual, not a target; mark it with an entry of its own first")
        for c in st.changes_of(side, t["id"]):
            if not c.get("corrected") and (c["a"], c["b"]) != (x["id"], y["id"]):
                st.paired.remove(c)
                other = "b" if side == "a" else "a"
                st.touch(other, c[other], entry.note)
    same = [c for c in st.paired if c["a"] == x["id"] and c["b"] == y["id"]]
    change = same[0] if same else _judged(st, x, y)
    if not same:
        st.paired.append(change)
    if entry.raw.get("type"):
        change["type"] = entry.raw["type"]
    mark(change, entry.note)
    return [x["id"], y["id"]]


def _judged(st: State, x: dict[str, Any], y: dict[str, Any]) -> dict[str, Any]:
    """A new pair classified by the engine's own rules (compare.classify.judge) at full confidence."""
    from compare.classify import judge

    why = [reason("analyst_paired")]
    return judge(as_target(x), as_target(y), why, st.cfg.confidence_scale, st.cfg).to_json()


def _change_for(st: State, entry: Entry) -> tuple[dict[str, Any], list[str]]:
    """The one change (paired or lone) that an entry's figure keys name."""
    ids = {s: st.target(entry, s)["id"] for s in ("a", "b") if s in entry.raw}
    found = [c for c in st.paired if all(c.get(s) == i for s, i in ids.items())]
    if not found and len(ids) == 1:
        (s, i), = ids.items()
        lone = st.lone.get((i, None) if s == "a" else (None, i))
        found = [lone] if lone is not None else []
    if len(found) != 1:
        what = "no change" if not found else f"{len(found)} changes"
        named = ", ".join(ids.values())
        raise NotApplied(f"the figures named ({named}) take part in {what}; name both sides")
    return found[0], list(ids.values())


def _set_type(st: State, entry: Entry) -> list[str]:
    change, ids = _change_for(st, entry)
    if not (change.get("a") and change.get("b")):
        raise NotApplied(f"{ids[0]} is {change['type']}, not paired; pair it first to give its change a type")
    change["type"] = entry.raw["type"]
    mark(change, entry.note)
    return ids


def _rename(st: State, entry: Entry) -> list[str]:
    metric = entry.raw["metric"].strip()
    ids = []
    for s in ("a", "b"):
        if s in entry.raw:
            t = st.target(entry, s)
            t.setdefault("metric_was", t["metric"])
            t["metric"] = metric
            mark(t, entry.note)
            ids.append(t["id"])
            for c in st.changes_of(s, t["id"]):
                c["metric"] = metric
                mark(c, entry.note)
            lone = st.lone.get((t["id"], None) if s == "a" else (None, t["id"]))
            if lone is not None:
                lone["metric"] = metric
                mark(lone, entry.note)
    return ids


def _note(st: State, entry: Entry) -> list[str]:
    if "task" in entry.raw.get("a", entry.raw.get("b", {})):
        if not ("a" in entry.raw and "b" in entry.raw):
            raise NotApplied("a note on a link names both of its tasks")
        link = _link_of(st, entry)
        mark(link, entry.note)
        return [link["a"], link["b"]]
    change, ids = _change_for(st, entry)
    mark(change, entry.note)
    return ids


def _link_of(st: State, entry: Entry) -> dict[str, Any]:
    x, y = st.task(entry, "a"), st.task(entry, "b")
    found = [p for p in st.data["alignment"] if p.get("a") == x["id"] and p.get("b") == y["id"]]
    if not found:
        raise NotApplied(f"tasks {x['id']} and {y['id']} are not linked in this brief")
    return found[0]


def _unlink(st: State, entry: Entry) -> list[str]:
    link = _link_of(st, entry)
    st.data["alignment"].remove(link)
    return [link["a"], link["b"]]


def _link(st: State, entry: Entry) -> list[str]:
    x, y = st.task(entry, "a"), st.task(entry, "b")
    found = [p for p in st.data["alignment"] if p.get("a") == x["id"] and p.get("b") == y["id"]]
    link = found[0] if found else {"a": x["id"], "b": y["id"], "score": 1.0, "method": "analyst",
                                   "reasons": [reason("analyst_linked")]}
    if not found:
        st.data["alignment"].append(link)
    mark(link, entry.note)
    return [x["id"], y["id"]]


APPLY = {"not_target": lambda st, e: _leave(st, e, "not_target"),
         "actual": lambda st, e: _leave(st, e, "actual"),
         "unpair": _unpair, "pair": _pair, "set_type": _set_type, "rename": _rename, "note": _note,
         "unlink": _unlink, "link": _link}


def _lone(st: State, side: str, t: dict[str, Any]) -> dict[str, Any]:
    """The new or dropped change of a figure with no partner: the engine's own when it had one."""
    key = (t["id"], None) if side == "a" else (None, t["id"])
    note = st.touched.get((side, t["id"]))
    change = st.lone.get(key)
    if change is None:
        typ, code = ("dropped", "no_match_in_b") if side == "a" else ("new", "no_match_in_a")
        code = "analyst_unpaired" if note is not None else code
        change = Change(typ, t["metric"], key[0], key[1], confidence=st.cfg.lone_confidence,
                        reasons=[reason(code)]).to_json()
    if note is not None:
        mark(change, note)
    return change


def _in_play(t: dict[str, Any]) -> bool:
    return t.get("kind", "target") == "target" and not t.get("restates")


def rebuild_changes(st: State) -> list[dict[str, Any]]:
    """Changes in the engine's order: each A figure's pairs (by B order) or its drop, then B's new figures."""
    order_b = {t["id"]: i for i, t in enumerate(st.targets["b"])}
    paired_a = {c["a"] for c in st.paired}
    paired_b = {c["b"] for c in st.paired}
    out: list[dict[str, Any]] = []
    for t in st.targets["a"]:
        mine = sorted((c for c in st.paired if c["a"] == t["id"]), key=lambda c: order_b.get(c["b"], 0))
        out.extend(mine)
        if t["id"] not in paired_a and _in_play(t):
            out.append(_lone(st, "a", t))
    out.extend(_lone(st, "b", t) for t in st.targets["b"] if t["id"] not in paired_b and _in_play(t))
    return out


def _copy(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the brief whose parts corrections change are deep copies (via JSON: several times faster than
    copy.deepcopy); the parts they never change (documents, tasks, config) are shared with the input."""
    out = dict(data)
    for k in ("targets", "changes", "alignment", "summary"):
        if k in out:
            out[k] = json.loads(json.dumps(out[k]))
    return out


def apply_entries(data: dict[str, Any], corrections: CorrectionSet) -> dict[str, Any]:
    """A corrected copy of the brief dict; each entry is either applied or listed with why it was not."""
    out = _copy(data)
    st = State(out)
    applied, not_applied = [], []
    for kind in ORDER:
        for entry in (e for e in corrections.entries if e.kind == kind):
            record = {"kind": entry.kind, "index": entry.index, "line": entry.line, "entry": entry.raw}
            try:
                ids = APPLY[kind](st, entry)
            except NotApplied as e:
                not_applied.append({**record, "why": str(e)})
                continue
            applied.append({**record, "ids": ids})
    out["changes"] = rebuild_changes(st)
    summary = out.setdefault("summary", {})
    summary["changes"] = {t: sum(1 for c in out["changes"] if c["type"] == t) for t in CHANGE_TYPES}
    summary["targets"] = {s: len(st.targets[s]) for s in "ab"}
    out["corrections"] = {"file": corrections.file, "applied": applied, "not_applied": not_applied,
                          "not_targets": st.removed}
    return out
