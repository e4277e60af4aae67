"""Content hashes and the per-process cache of documents, extractions and briefs (used by batch and track)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compare.model import Document
    from compare.pipeline import Extraction

CACHE_SIZE = (
    48  # documents (and extractions) kept per process: a worker's share of a 31-region batch and more
)

_HASHES: dict[tuple[str, int, int], str] = {}
_LOCK = threading.Lock()
_DOCS: OrderedDict[tuple[str, str], Document] = OrderedDict()
_EXTRACTIONS: OrderedDict[tuple[str, str, str], Extraction] = OrderedDict()


def file_hash(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (memoised by path, size and mtime); 'missing' when it cannot be read.

    The bytes are read through the reader's checks (a regular file within the byte limit), so /dev/zero, a
    FIFO or a huge sparse file is 'missing' here at once and its pair fails with the reader's own message.
    """
    from compare.errors import CompareError
    from compare.read import Limits, read_input_bytes

    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    key = (os.fspath(path), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        try:
            _HASHES[key] = hashlib.sha256(read_input_bytes(os.fspath(path), Limits.from_env())).hexdigest()
        except (OSError, CompareError):
            return "missing"
    return _HASHES[key]


def folder_hash(folder: str | os.PathLike[str] | None) -> str:
    """SHA-256 over every file of a folder (names and bytes): the identity of a --template folder."""
    if not folder:
        return ""
    h = hashlib.sha256()
    root = Path(folder)
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode() + b"\0" + file_hash(p).encode())
    return h.hexdigest()


def content_key(parts: dict[str, Any]) -> str:
    """A short stable hash of a JSON-able description: inputs' hashes, options and tool version."""
    from compare import __version__

    blob = json.dumps({**parts, "version": __version__}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def _cache_get(cache: OrderedDict, key: Any) -> Any:
    with _LOCK:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    return None


def _cache_put(cache: OrderedDict, key: Any, value: Any) -> None:
    with _LOCK:
        cache[key] = value
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)


def cached_document(path: str) -> Document:
    """load_document, read once per process for each (content hash, path); raises its CompareError."""
    from compare import pipeline

    digest = file_hash(path)
    key = (digest, os.path.abspath(path))
    doc = _cache_get(_DOCS, key) if digest != "missing" else None
    if doc is None:
        doc = pipeline.load_document(path)
        if digest != "missing":
            _cache_put(_DOCS, key, doc)
    return dataclasses.replace(doc)  # extract() fills in a missing title: keep the cached one pristine


def cached_extraction(path: str, side: str) -> Extraction:
    """extract(load_document(path), side), computed once per process for each content hash, path and side."""
    from compare import pipeline

    key = (file_hash(path), os.path.abspath(path), side)
    ex = _cache_get(_EXTRACTIONS, key) if key[0] != "missing" else None
    if ex is None:
        ex = pipeline.extract(cached_document(path), side)
        if key[0] != "missing":
            _cache_put(_EXTRACTIONS, key, ex)
    return ex


def clear_cache() -> None:
    """Forget every cached document, extraction and file hash of this process."""
    with _LOCK:
        _DOCS.clear()
        _EXTRACTIONS.clear()
        _HASHES.clear()


def brief_data(a: str, b: str) -> dict[str, Any]:
    """The brief dict of one pair through the engine (compare_documents), with both documents cached."""
    from compare import pipeline
    from compare.semantic import embedder_from_env

    return pipeline.compare_documents(cached_extraction(a, "a"), cached_extraction(b, "b"),
                                      semantic=embedder_from_env()).to_json()
