"""The JSON brief: deterministic bytes from the brief dict."""

from __future__ import annotations

import json
from pathlib import Path

from compare.outputs import write_text


def dumps(data: dict | list) -> str:
    """Stable, human-readable JSON: fixed key order from the model, UTF-8 text, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def write_json(data: dict | list, path: Path) -> None:
    """Write the brief (or any JSON-able value) atomically."""
    write_text(path, dumps(data))
