"""The orchestrator: named stages from a path to a Brief, and the public library API."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from compare.config import DEFAULT, MatchConfig
from compare.docinfo import describe, detect_language
from compare.model import Brief, Document, Extraction, set_relations
from compare.outline import build_outline, number_tasks
from compare.timeframe import document_context, infer_year

if TYPE_CHECKING:
    from compare.read.limits import Limits
    from compare.semantic import Embedder


def preload() -> None:
    """Import now every module the pipeline would import on first use (before forking render processes)."""
    import importlib

    for module in _LAZY_IMPORTS:
        importlib.import_module(module)


# what the stages import on first use; rjieba loads its dictionary on import
_LAZY_IMPORTS = ("compare.normalise", "compare.read", "compare.figures", "compare.targets", "compare.align",
                 "compare.classify", "compare.redline", "compare.render.verdict", "rjieba")


def load_document(path: str | Path, limits: Limits | None = None) -> Document:
    """Read and normalise a document, and infer its title and year."""
    from compare.normalise import normalise
    from compare.read import read_raw

    raw = read_raw(path, limits)
    text = normalise(raw.text)
    doc = Document(path=str(path), text=text, sha256=raw.sha256, format=raw.format,
                   title=raw.metadata.get("title", "").strip(), date=raw.metadata.get("date", ""))
    doc.image_pages = [int(n) for n in raw.metadata.get("image_pages", "").split(",") if n.isdigit()]
    doc.year = infer_year(doc, Path(path).name)
    doc.language = detect_language(text)
    return doc


def extract(doc: Document, side: str = "a") -> Extraction:
    """Outline, tasks and targets of one document (side is 'a' or 'b', used in ids)."""
    from compare.figures import unread_spans
    from compare.targets import extract_targets

    outline = build_outline(doc.text, doc.title, doc.year)
    describe(doc, outline.title)
    number_tasks(outline.tasks, side)
    context = document_context(doc.title, "", doc.year, doc.date)
    targets = extract_targets(doc.text, outline, doc.year, side, context)
    doc.unread = [u.to_json() for u in unread_spans(doc.text)]
    return Extraction(doc, outline, outline.tasks, targets)


def compare_documents(a: Extraction, b: Extraction, config: MatchConfig = DEFAULT,
                      semantic: Embedder | None = None) -> Brief:
    """Align two extracted documents and classify every target change (semantic: an embedding model on disk,
    compare.semantic.load_embedder, that adds its sense of likeness to the task alignment)."""
    from compare import __version__
    from compare.align import align_tasks
    from compare.classify import classify_changes
    from compare.merged_sums import with_merged_sums
    from compare.standing_sets import without_standing_sets

    a, b = with_merged_sums(*without_standing_sets(a, b))
    alignment = align_tasks(a, b, config, semantic)
    set_relations(alignment)
    changes = classify_changes(a, b, alignment, config)
    return Brief(a.document, b.document, a.tasks, b.tasks, a.targets, b.targets, alignment, changes,
                 tool_version=__version__, config=config.to_json(),
                 semantic_model=semantic.name if semantic is not None else "")


def compare_files(a: str | Path, b: str | Path, limits: Limits | None = None,
                  semantic: Embedder | None = None) -> Brief:
    """Read two documents and compare them: the whole pipeline in one call."""
    ea = extract(load_document(a, limits), "a")
    eb = extract(load_document(b, limits), "b")
    return compare_documents(ea, eb, semantic=semantic)
