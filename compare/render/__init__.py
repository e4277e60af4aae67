"""Render a brief dict (Brief.to_json()) in any format of the registry; the page layouts live here."""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import UsageError
from compare.render.accel import limit_accelerator

if TYPE_CHECKING:
    from compare.render.registry import BriefOptions

_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def brief_language(brief: dict[str, Any]) -> str:
    """zh when the documents are Chinese (their stated language, else any Han character), else en."""
    docs = (brief.get("documents") or {}).values()
    stated = {str(d.get("language", "")).lower()[:2] for d in docs
              if isinstance(d, dict) and d.get("language")}
    if stated:
        return "zh" if "zh" in stated else "en"
    sample = [str(d.get("title", "")) for d in docs if isinstance(d, dict)]
    for side in ("a", "b"):
        sample += [str(t.get("metric", "")) for t in ((brief.get("targets") or {}).get(side) or [])[:20]
                   if isinstance(t, dict)]
    return "zh" if _CJK.search(" ".join(sample)) or not any(sample) else "en"


def atomic_path(path: Path) -> AbstractContextManager[Path]:
    """A temporary file beside path that replaces path only when the block succeeds (see compare.outputs)."""
    from compare.outputs import atomic_path as _atomic

    return _atomic(Path(path))


def render(brief: dict[str, Any], path: Path, fmt: str, *, lang: str | None = None,
           template_dir: Path | None = None, font: Path | None = None) -> None:
    """Write the brief dict (Brief.to_json() output) in any registered format to path, atomically."""
    from compare.render.registry import BriefOptions, write_brief

    write_brief(brief, Path(path), fmt, BriefOptions(lang=lang, template_dir=template_dir, font=font))


def _layout(brief: dict[str, Any], path: Path, fmt: str, options: BriefOptions) -> None:
    """Lay the brief out as a page (PDF, DOCX or HTML) through the view every page format shares."""
    limit_accelerator()  # before this process first imports reportlab
    from compare.render.common import build_view
    from compare.render.fonts import font_path
    from compare.render.labels import load_labels, load_style

    template_dir = options.template_dir
    if template_dir is not None and not Path(template_dir).is_dir():
        raise UsageError(f"template folder not found: {template_dir}",
                         "copy the templates/ folder and point at it")
    labels = load_labels((options.lang or brief_language(brief)).lower(), template_dir)
    style = load_style(template_dir)
    tables = style.get("tables", {})
    from compare.render.verdict import load_weights

    view = build_view(brief, labels, int(tables.get("appendix_quote_chars", 400)),
                      weights=load_weights(template_dir),
                      map_rows=int(style.get("structure_map", {}).get("max_rows", 52)))
    version = str((brief.get("tool") or {}).get("version") or "")
    font_file = font_path(options.font, str(style.get("font", {}).get("path", "")))
    subfont = int(style.get("font", {}).get("subfont", 0)) if not options.font else 0
    with atomic_path(Path(path)) as tmp:
        if fmt == "pdf":
            from compare.render.pdf import render_pdf

            render_pdf(view, tmp, style, font_file, subfont, version)
        elif fmt == "docx":
            from compare.render.docx import render_docx

            render_docx(view, tmp, style, template_dir, font_file, subfont, version)
        else:
            from compare.render.html import render_html

            render_html(view, tmp, style, template_dir, font_file, subfont, version, brief)


def write_pdf(brief: dict[str, Any], path: Path, options: BriefOptions) -> None:
    """The brief as a PDF (registry writer)."""
    _layout(brief, path, "pdf", options)


def write_docx(brief: dict[str, Any], path: Path, options: BriefOptions) -> None:
    """The brief as a Word document (registry writer)."""
    _layout(brief, path, "docx", options)


def write_html(brief: dict[str, Any], path: Path, options: BriefOptions) -> None:
    """The brief as one self-contained HTML page (registry writer)."""
    _layout(brief, path, "html", options)
