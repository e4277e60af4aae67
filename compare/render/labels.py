"""Find the templates folder and load the label wording and the PDF style from it."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from compare.errors import UsageError

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10 (dependency: tomli; python_version < '3.11')
    import tomli as tomllib  # type: ignore[no-redef]

_REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def default_template_dir() -> Path:
    """The tool's own templates: the repo's templates/ in a checkout, compare/templates when installed."""
    if (_REPO_TEMPLATES / "labels.zh.toml").is_file():
        return _REPO_TEMPLATES
    from importlib.resources import files

    return Path(str(files("compare") / "templates"))


def template_bytes(name: str, template_dir: Path | None = None) -> bytes:
    """The bytes of one template file: the user's copy when it has one, else the default."""
    if template_dir is not None:
        p = Path(template_dir) / name
        if p.is_file():
            return p.read_bytes()
    return (default_template_dir() / name).read_bytes()


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


@functools.lru_cache(maxsize=16)
def _load_toml(name: str, template_dir: Path | None) -> dict[str, Any]:
    base = tomllib.loads((default_template_dir() / name).read_text("utf-8"))
    if template_dir is not None and (Path(template_dir) / name).is_file():
        try:
            user = tomllib.loads((Path(template_dir) / name).read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise UsageError(f"template {name} is not valid TOML: {e}", "fix or delete it",
                             path=str(Path(template_dir) / name)) from e
        base = _merge(base, user)
    return base


class Labels:
    """Label wording for one language; `L("types.new")` or `L.fmt("summary.tasks", kept=3)`."""

    def __init__(self, data: dict[str, Any], lang: str) -> None:
        self.data = data
        self.lang = lang

    def __call__(self, key: str, default: str = "") -> str:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default or key.rsplit(".", 1)[-1]
            node = node[part]
        return str(node)

    def fmt(self, key: str, **kw: Any) -> str:
        """The label with its {placeholders} filled; a bad template placeholder is left as written."""
        text = self(key)
        try:
            return text.format(**kw)
        except (KeyError, IndexError, ValueError):
            return text


def load_labels(lang: str, template_dir: Path | None = None) -> Labels:
    """The labels for lang ("zh", "en", …) with the defaults filling any key a user's copy lacks."""
    name = f"labels.{lang}.toml"
    have_default = (default_template_dir() / name).is_file()
    have_user = template_dir is not None and (Path(template_dir) / name).is_file()
    if not (have_default or have_user):
        raise UsageError(f"no label wording for language {lang!r}",
                         f"use zh or en, or add {name} to the templates folder")
    if have_default:
        data = _load_toml(name, Path(template_dir) if template_dir else None)
    else:
        data = _merge(_load_toml("labels.en.toml", None),
                      tomllib.loads((Path(template_dir) / name).read_text("utf-8")))  # type: ignore[arg-type]
    return Labels(data, lang)


def load_style(template_dir: Path | None = None) -> dict[str, Any]:
    """The PDF and chart style (templates/pdf_style.toml), user values over the defaults."""
    return _load_toml("pdf_style.toml", Path(template_dir) if template_dir else None)


def degree(score: Any, labels: Labels) -> str:
    """A similarity score in [0, 1] as words a reader understands (high, medium or low similarity)."""
    s = float(score) if isinstance(score, (int, float)) else 0.0
    return labels("degree." + ("high" if s >= 0.9 else "medium" if s >= 0.75 else "low"))


def _reader_args(code: str, args: dict[str, Any], labels: Labels) -> dict[str, Any]:
    """Arguments in words: basis codes, comparator signs and similarity scores never reach a reader raw."""
    if code == "basis_changed":  # basis codes (level, increment…) have their own wording
        return {k: labels(f"basis.{v}", str(v)) for k, v in args.items()}
    if code == "comparator_changed":
        return {k: labels(f"comparator_word.{v}", str(v)) for k, v in args.items()}
    return {k: degree(v, labels) if k == "score" else v for k, v in args.items()}


def say(item: Any, labels: Labels) -> str:
    """A coded reason (or a plain string) in the wording of the given labels, with no raw code or score."""
    if isinstance(item, dict) and "code" in item:
        text = labels.fmt(f"reason.{item['code']}", **_reader_args(item["code"], dict(item.get("args") or {}),
                                                                      labels))
        return text if text != item["code"] else str(item.get("text", item["code"]))
    return str(item)
