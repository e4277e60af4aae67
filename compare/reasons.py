"""Why a pair or a change was made: coded reasons with arguments; their wording lives in render/labels."""

from __future__ import annotations

from typing import Any


def reason(code: str, **args: Any) -> dict[str, Any]:
    """A reason as data: its code and its arguments (templates/labels.*.toml [reason] words it)."""
    out: dict[str, Any] = {"code": code}
    if args:
        out["args"] = args
    return out
