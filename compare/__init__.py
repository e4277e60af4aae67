"""compare: read two policy plans, extract their tasks and targets, and say what changed."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "compare_files", "load_document", "extract", "compare_documents", "parse_figures"]


def __getattr__(name: str):  # lazy: keep `compare --version` fast
    if name in ("compare_files", "load_document", "extract", "compare_documents"):
        from compare import pipeline

        return getattr(pipeline, name)
    if name == "parse_figures":
        from compare.figures import parse_figures

        return parse_figures
    raise AttributeError(name)
