"""An analyst's corrections to a brief: a TOML file read, checked and applied to the brief dict (issue 16).

A corrections file lists entries by kind, each naming figures or tasks by their words (see corrections_match):

    [[pair]]                                  # these two targets are the same indicator
    a = { figure = "10万台", quote = "推动全省工业机器人累计装机量达到10万台" }
    b = { figure = "1.5万台", quote = "新增应用工业机器人1.5万台" }
    note = "装机量 is the robots' stock; B counts new ones"

Kinds: pair, unpair (two targets); link, unlink (two tasks); not_target, actual (one figure);
rename (metric = …), set_type (type = …), note (note = …) for a change named by one or both of its figures,
or a link named by its two tasks. Any entry may carry a note. A batch keeps one file per pair
(corrections/<pair name>.toml beside the manifest) or one file with a table per pair ([pairs."<pair name>"])
in the output folder; see find_pair_file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from compare.corrections_match import CorrectionSet, Entry
from compare.errors import UsageError

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10 (dependency: tomli)
    import tomli as tomllib  # type: ignore[no-redef]

RANKED_TYPES = ("escalated", "deescalated", "unchanged", "rebased")
# kind -> (what its keys name, how many sides it needs, its extra fields, the one of them it requires)
KINDS: dict[str, tuple[str, str, tuple[str, ...], str]] = {
    "not_target": ("target", "one", ("note",), ""),
    "actual": ("target", "one", ("note",), ""),
    "unpair": ("target", "both", ("note",), ""),
    "pair": ("target", "both", ("note", "type"), ""),
    "set_type": ("target", "any", ("note", "type"), "type"),
    "rename": ("target", "any", ("note", "metric"), "metric"),
    "note": ("any", "any", ("note",), "note"),
    "unlink": ("task", "both", ("note",), ""),
    "link": ("task", "both", ("note",), ""),
}
TARGET_FIELDS = ("figure", "quote", "metric")
TASK_FIELDS = ("task", "quote")
BATCH_TABLE = "pairs"


def _bad(source: str, message: str, remedy: str) -> UsageError:
    return UsageError(f"corrections file: {message}", remedy, path=source)


def _header_lines(text: str, kind: str, prefix: str = "") -> list[int]:
    """The line numbers of every [[kind]] header (or [[prefix.kind]]) in the file's text."""
    head = re.escape(prefix + "." if prefix else "") + re.escape(kind)
    pat = re.compile(r"^[ \t]*\[\[[ \t]*" + head.replace(r"\.", r"\s*\.\s*") + r"\s*\]\]", re.M)
    return [text.count("\n", 0, m.start()) + 1 for m in pat.finditer(text)]


def _check_key(source: str, entry: Entry, side: str, what: str) -> None:
    key = entry.raw.get(side)
    if not isinstance(key, dict):
        raise _bad(source, f"{entry.where()}: {side} must be a table like "
                   "{ figure = \"3万个\", quote = \"…\" }", "see the README's corrections section")
    is_task = what == "task" or (what == "any" and "task" in key)
    names = TASK_FIELDS if is_task else TARGET_FIELDS
    if is_task and "figure" in key:
        raise _bad(source, f"{entry.where()}: {side} must name a task (task = …), not a figure",
                   "write task = the task's heading")
    unknown = sorted(set(key) - set(names))
    if unknown or not all(isinstance(v, str) for v in key.values()):
        raise _bad(source, f"{entry.where()}: {side} has unknown or non-text fields "
                   f"{', '.join(unknown) or '(a value is not text)'}", "use " + ", ".join(names))
    need = "task" if is_task else "figure"
    if not key.get(need) and not (is_task and key.get("quote")):
        raise _bad(source, f"{entry.where()}: {side} needs {need} = …", f"add the {need} as written")


def check_entry(source: str, entry: Entry) -> None:
    """Raise a UsageError naming the line when an entry is malformed; return when it is usable."""
    what, sides, extras, required = KINDS[entry.kind]
    present = [s for s in ("a", "b") if s in entry.raw]
    unknown = sorted(set(entry.raw) - {"a", "b", *extras})
    if unknown:
        raise _bad(source, f"{entry.where()}: unknown field {', '.join(unknown)}",
                   "allowed: a, b, " + ", ".join(extras))
    if (sides == "both" and len(present) != 2) or (sides == "one" and len(present) != 1) or not present:
        need = {"both": "both a and b", "one": "exactly one of a or b", "any": "a, b or both"}[sides]
        raise _bad(source, f"{entry.where()} needs {need}", "name the figures or tasks it concerns")
    for s in present:
        _check_key(source, entry, s, what)
    if len({"task" in entry.raw[s] for s in present}) > 1:
        raise _bad(source, f"{entry.where()}: a names a {'task' if 'task' in entry.raw['a'] else 'figure'} "
                   "and b does not", "name two figures or two tasks")
    for f in extras:
        if f in entry.raw and not isinstance(entry.raw[f], str):
            raise _bad(source, f"{entry.where()}: {f} must be text", f'write {f} = "…"')
    if required and not str(entry.raw.get(required) or "").strip():
        raise _bad(source, f"{entry.where()} needs {required} = …", f"add {required}")
    typ = entry.raw.get("type")
    if typ is not None and typ not in RANKED_TYPES:
        raise _bad(source, f"{entry.where()}: type {typ!r} is not one of " + ", ".join(RANKED_TYPES),
                   "for new or dropped use unpair or not_target")


def entries_from(table: dict[str, Any], text: str, source: str, prefix: str = "") -> list[Entry]:
    """Check and list the entries of one table (the file, or one pair's table in a batch file)."""
    entries: list[Entry] = []
    for kind, items in table.items():
        if kind == "version":
            continue
        if kind not in KINDS:
            raise _bad(source, f"unknown kind of entry [[{prefix + '.' if prefix else ''}{kind}]]",
                       "use one of " + ", ".join(KINDS))
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise _bad(source, f"{kind} must be written as [[{kind}]] tables",
                       f"write [[{kind}]] then its fields")
        lines = _header_lines(text, kind, prefix)
        for n, raw in enumerate(items, 1):
            entry = Entry(kind, n, lines[n - 1] if n <= len(lines) else 0, raw)
            check_entry(source, entry)
            entries.append(entry)
    return entries


def parse_corrections(text: str, source: str, pair: str | None = None) -> CorrectionSet:
    """Parse a corrections file; for a batch file ([pairs."name"] tables), the table of one pair."""
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise _bad(source, f"not valid TOML: {e}", "fix the line it names") from e
    if BATCH_TABLE in table:
        pairs = table.get(BATCH_TABLE)
        if not isinstance(pairs, dict) or set(table) - {BATCH_TABLE, "version"}:
            raise _bad(source, "a batch corrections file holds only [pairs.\"<pair name>\"] tables",
                       "move loose entries into their pair's table")
        sub = pairs.get(pair) if pair is not None else None
        if pair is None or not isinstance(sub, dict):
            return CorrectionSet(source, [])
        prefix = f'{BATCH_TABLE}."{pair}"'
        return CorrectionSet(source, entries_from(sub, _unquote_headers(text, pair), source, prefix))
    return CorrectionSet(source, entries_from(table, text, source))


def _unquote_headers(text: str, pair: str) -> str:
    """Header lines with the pair's name spelled one way: [[pairs.'x'.pair]] and [[pairs."x".pair]] alike."""
    return re.sub(r"\[\[\s*pairs\s*\.\s*(['\"]?)" + re.escape(pair) + r"\1\s*\.",
                  f'[[{BATCH_TABLE}."{pair}".', text)


def load_corrections(path: str | Path, pair: str | None = None) -> CorrectionSet:
    """Read and check a corrections file; a missing, unreadable or malformed file is a UsageError (exit 2)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise UsageError("corrections file not found", "check the path given to --corrections",
                         path=str(p)) from e
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"corrections file cannot be read ({e})", "save it as UTF-8 text",
                         path=str(p)) from e
    return parse_corrections(text, str(path), pair)


def apply_corrections(data: dict[str, Any], corrections: CorrectionSet) -> dict[str, Any]:
    """A copy of the brief dict with the corrections applied and recorded under "corrections"."""
    from compare.corrections_apply import apply_entries

    return apply_entries(data, corrections)


def apply_file(data: dict[str, Any], path: str | Path | None, pair: str | None = None) -> dict[str, Any]:
    """The brief dict with a corrections file applied; unchanged when path is None."""
    if path is None:
        return data
    return apply_corrections(data, load_corrections(path, pair))


def find_pair_file(name: str, manifest_dir: str | Path | None = None,
                   out_dir: str | Path | None = None) -> Path | None:
    """Where a batch pair's corrections are.

    In this order: <manifest dir>/corrections/<name>.toml, <out dir>/corrections/<name>.toml, then
    <out dir>/corrections.toml (its [pairs."<name>"] table).
    """
    for folder in (manifest_dir, out_dir):
        if folder is not None and (Path(folder) / "corrections" / f"{name}.toml").is_file():
            return Path(folder) / "corrections" / f"{name}.toml"
    if out_dir is not None and (Path(out_dir) / "corrections.toml").is_file():
        return Path(out_dir) / "corrections.toml"
    return None


def apply_for_pair(data: dict[str, Any], name: str, manifest_dir: str | Path | None = None,
                   out_dir: str | Path | None = None) -> dict[str, Any]:
    """The batch hook: a pair's brief dict with its corrections applied, when it has any."""
    path = find_pair_file(name, manifest_dir, out_dir)
    if path is None:
        return data
    pair = name if path.name == "corrections.toml" else None
    fixes = load_corrections(path, pair)
    if pair is not None and not fixes.entries:  # the batch file has no table for this pair
        return data
    return apply_corrections(data, fixes)


def report_lines(data: dict[str, Any]) -> list[str]:
    """What the terminal says after applying: how many entries applied, and each that did not, with why."""
    block = data.get("corrections") or {}
    applied, missed = block.get("applied") or [], block.get("not_applied") or []
    lines = [f"corrections: {len(applied)} applied, {len(missed)} not applied ({block.get('file')})"]
    for m in missed:
        where = f"[[{m.get('kind')}]] #{m.get('index')}" + (f" (line {m['line']})" if m.get("line") else "")
        lines.append(f"  not applied: {where}: {m.get('why')}")
    return lines
