"""The JSON brief: deterministic bytes from the brief dict, each coded reason with its English sentence."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.outputs import write_text

if TYPE_CHECKING:
    from compare.render.labels import Labels
    from compare.render.registry import BriefOptions

# where coded reasons sit in a brief: (list of objects, the key of each object's reason list)
_REASON_LISTS = (("changes", "reasons"), ("changes", "qualifiers"), ("alignment", "reasons"))


def dumps(data: dict | list) -> str:
    """Stable, human-readable JSON: fixed key order from the model, UTF-8 text, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def write_json(data: dict | list, path: Path) -> None:
    """Write the brief (or any JSON-able value) atomically."""
    write_text(path, dumps(data))


@lru_cache(maxsize=1)
def _english() -> Labels:
    from compare.render.labels import load_labels

    return load_labels("en")


def reason_text(item: Any) -> Any:
    """A coded reason with its English sentence added as `text` (for JSON readers); other values pass."""
    if not isinstance(item, dict) or "code" not in item or "text" in item:
        return item
    return {**item, "text": _english().fmt(f"reason.{item['code']}", **dict(item.get("args") or {}))}


def _with_texts(objects: Any, keys: tuple[str, ...]) -> Any:
    if not isinstance(objects, list):
        return objects
    out = []
    for obj in objects:
        if isinstance(obj, dict) and any(isinstance(obj.get(k), list) for k in keys):
            obj = {k: [reason_text(r) for r in v] if k in keys and isinstance(v, list) else v
                   for k, v in obj.items()}
        out.append(obj)
    return out


def with_reason_texts(brief: dict[str, Any]) -> dict[str, Any]:
    """A copy of the brief whose coded reasons, qualifiers and notes each carry their English `text`."""
    out = dict(brief)
    for name in ("changes", "alignment"):
        keys = tuple(k for n, k in _REASON_LISTS if n == name)
        if name in out:
            out[name] = _with_texts(out[name], keys)
    targets = out.get("targets")
    if isinstance(targets, dict):
        out["targets"] = {side: _with_texts(ts, ("notes",)) for side, ts in targets.items()}
    return out


def with_ranks(brief: dict[str, Any], template_dir: Path | None = None) -> dict[str, Any]:
    """A copy of the brief whose changes carry the policy `weight` and the `rank` the verdict page orders them
    by (the weights of templates/weights.toml, or of an organisation's copy), and each paired change the
    `redline` of B's clause against A's."""
    from compare.redline import redline
    from compare.render.verdict import load_weights, weigh

    ranks = weigh(brief, load_weights(template_dir))
    targets = brief.get("targets") or {}
    quotes = {(s, t.get("id")): t.get("quote") or "" for s in "ab" for t in targets.get(s) or []}
    changes = []
    for c, r in zip(brief.get("changes") or [], ranks, strict=True):
        qa, qb = quotes.get(("a", c.get("a")), ""), quotes.get(("b", c.get("b")), "")
        changes.append({**c, **r, **({"redline": redline(qa, qb)} if qa and qb else {})})
    return {**brief, "changes": changes}


def write_brief_json(brief: dict[str, Any], path: Path, options: BriefOptions) -> None:
    """The brief as JSON (registry writer); the JSON is the same in any language, whatever the options."""
    write_json(with_reason_texts(with_ranks(brief, options.template_dir)), path)
