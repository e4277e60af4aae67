"""Why a pair or a change was made: coded reasons whose wording lives in templates/labels.*.toml [reason]."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _english() -> Any:
    from compare.render.labels import load_labels

    return load_labels("en")


def reason(code: str, **args: Any) -> dict[str, Any]:
    """A reason as data: its code, its arguments and an English sentence for readers of the JSON."""
    out: dict[str, Any] = {"code": code}
    if args:
        out["args"] = args
    out["text"] = _english().fmt(f"reason.{code}", **args)
    return out


def say(item: Any, labels: Any) -> str:
    """A reason (or a plain string) in the wording of the given labels."""
    if isinstance(item, dict) and "code" in item:
        args = dict(item.get("args") or {})
        if item["code"] == "basis_changed":  # basis codes (level, increment…) have their own wording
            args = {k: labels(f"basis.{v}", str(v)) for k, v in args.items()}
        text = labels.fmt(f"reason.{item['code']}", **args)
        return text if text != item["code"] else str(item.get("text", item["code"]))
    return str(item)
