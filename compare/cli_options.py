"""Click options shared by every command that writes a brief (as sqlite-utils shares its output_options)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from compare.render.registry import NAMES

F = TypeVar("F", bound=Callable[..., Any])


def _apply(fn: F, decorators: tuple[Callable[[Any], Any], ...]) -> F:
    for decorator in reversed(decorators):
        fn = decorator(fn)
    return fn


def output_options(fn: F) -> F:
    """--out (repeatable) and --format: where the brief goes and in which format."""
    return _apply(fn, (
        click.option("--out", "-o", "outs", multiple=True, type=click.Path(path_type=Path),
                     help="Output file; the format follows the extension "
                          "(.json .docx .pdf .html .xlsx .csv). Repeatable."),
        click.option("--format", "fmt", type=click.Choice(NAMES), help="Force the format of a single --out."),
    ))


def brief_options(fn: F) -> F:
    """--lang, --template and --font: the language, wording and styles, and the font of a brief."""
    return _apply(fn, (
        click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                     help="Label language (default: zh)."),
        click.option("--template", "template_dir", type=click.Path(path_type=Path, file_okay=False),
                     help="A copy of templates/ with your organisation's styles and wording."),
        click.option("--font", type=click.Path(path_type=Path, dir_okay=False),
                     help="A TrueType CJK font for the PDF."),
    ))


def debug_option(fn: F) -> F:
    """--debug: show the full traceback of an error."""
    return click.option("--debug", is_flag=True, help="Show the full traceback of an error.")(fn)


def semantic_option(fn: F) -> F:
    """--semantic-model: an embedding model on disk that helps align tasks worded differently."""
    from compare.semantic import ENV_VAR

    return click.option(
        "--semantic-model", type=click.Path(path_type=Path), envvar=ENV_VAR, default=None,
        help=f"An embedding model already on disk (a word-vector .vec/.txt file, or a sentence-transformers "
             f"folder with the semantic extra) to help align tasks worded differently; also {ENV_VAR}. "
             f"Never downloaded.")(fn)
