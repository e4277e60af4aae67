"""Optional meaning signal for task alignment: an embedding model already on disk, never downloaded.

Two kinds of model are read. A word-vector file (`.vec`, `.txt`, optionally gzipped; a word and its
numbers per line, as fastText and the Tencent AI Lab vectors ship) needs nothing beyond the default install:
a task's vector is the mean of its content words' vectors (characters stand in for a word the file lacks).
A sentence-transformers model folder needs the `semantic` extra (`pip install 'compare[semantic]'`) and is
opened with the hub switched off, so nothing is fetched. The model is named by `--semantic-model` or the
environment variable COMPARE_SEMANTIC_MODEL; without one the alignment uses words, themes, headings and
targets only.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Protocol

from compare.errors import UsageError

ENV_VAR = "COMPARE_SEMANTIC_MODEL"
WORD = r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9+]*$"  # compiled on first use
TEXT_SPAN = 200  # characters of a task's text embedded after its heading: a part's first lines, not its whole
REMEDY = ("name the folder of a sentence-transformers model or a word-vector file (.vec/.txt), "
          f"or unset {ENV_VAR}")


class Embedder(Protocol):
    """What the alignment needs of a model: a name for the brief and unit vectors for texts."""

    name: str

    def encode(self, texts: list[str]) -> list[list[float]]:
        """One unit-length vector per text (a zero vector where the model knows none of its words)."""
        ...


def _content_words(text: str) -> list[str]:
    """A text's words as rjieba cuts it, without stop words, punctuation and figures."""
    import rjieba

    from compare.lexicon import ALIGN_STOP_WORDS

    return [w for w in rjieba.cut(text) if w not in ALIGN_STOP_WORDS and re.match(WORD, w)]


def _unit(vec: list[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vec))
    return [x / norm for x in vec] if norm else [0.0] * len(vec)


def _open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        import gzip

        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


@dataclass
class WordVectors:
    """Word vectors read from a text file; only the words the compared plans use are kept in memory."""

    path: Path
    name: str
    dims: int = 0
    _vectors: dict[str, list[float]] = field(default_factory=dict)
    _looked_up: set[str] = field(default_factory=set)

    def _lookup(self, words: set[str]) -> None:
        """Read the file once for the words not looked up before (a large file is never held whole)."""
        wanted = words - self._looked_up
        if not wanted:
            return
        for line, word, numbers in self._lines():
            if word in wanted:
                self._vectors[word] = self._parse(numbers, line)
        self._looked_up |= wanted

    def _lines(self) -> Iterator[tuple[int, str, str]]:
        """Each line's number, word and numbers, past the "count dims" header of the word2vec text format."""
        with _open_text(self.path) as fh:
            for n, line in enumerate(fh):
                word, _, rest = line.rstrip("\n").partition(" ")
                if n == 0 and self._header(word, rest):
                    continue
                yield n + 1, word, rest

    def _header(self, word: str, rest: str) -> bool:
        """Whether a first line is the "count dims" header of the word2vec text format (its size is kept)."""
        if word.isdigit() and rest.strip().isdigit():
            self.dims = self.dims or int(rest)
            return True
        return False

    def _parse(self, numbers: str, line: int) -> list[float]:
        try:
            vec = [float(x) for x in numbers.split()]
        except ValueError:
            raise UsageError(f"line {line} of the word-vector file is not a word and its numbers",
                             REMEDY, path=str(self.path)) from None
        if self.dims and len(vec) != self.dims:
            raise UsageError(f"line {line} of the word-vector file has {len(vec)} numbers, not {self.dims}",
                             REMEDY, path=str(self.path))
        self.dims = self.dims or len(vec)
        return vec

    def check_format(self) -> None:
        """Read the first vector now, so that a file of another kind fails before any comparison runs."""
        for line, word, numbers in self._lines():
            if word and numbers.strip():
                self._parse(numbers, line)
                return
            break
        raise UsageError("this file holds no word vectors (a word and its numbers per line)", REMEDY,
                         path=str(self.path))

    def encode(self, texts: list[str]) -> list[list[float]]:
        """The mean vector of each text's content words (of its characters where the file lacks a word)."""
        words = [_content_words(t) for t in texts]
        self._lookup({w for ws in words for w in ws} | {c for ws in words for w in ws for c in w})
        out = []
        for ws in words:
            found: list[list[float]] = []
            for w in ws:
                if w in self._vectors:
                    found.append(self._vectors[w])
                else:
                    found.extend(self._vectors[c] for c in w if c in self._vectors)
            if not found:
                out.append([0.0] * self.dims)
                continue
            out.append(_unit([sum(col) / len(found) for col in zip(*found, strict=True)]))
        return out


@dataclass
class SentenceModel:
    """A sentence-transformers model folder, opened offline on the CPU."""

    path: Path
    name: str

    def __post_init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise UsageError("this model needs the semantic extra, which is not installed",
                             "pip install 'compare[semantic]', or use a word-vector file",
                             path=str(self.path)) from None
        self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)

    def encode(self, texts: list[str]) -> list[list[float]]:
        """The model's normalised sentence embeddings."""
        vecs = self._model.encode(texts, normalize_embeddings=True, show_progress_bar=False, batch_size=32)
        return [[float(x) for x in v] for v in vecs]


@lru_cache(maxsize=2)
def _load(path: str, size: int, mtime_ns: int) -> Embedder:
    p = Path(path)
    digest = hashlib.sha256(f"{p.name}:{size}:{mtime_ns}".encode()).hexdigest()[:8]
    if p.is_dir():
        if not any((p / f).exists() for f in ("modules.json", "config_sentence_transformers.json")):
            raise UsageError("this folder holds no sentence-transformers model (no modules.json)", REMEDY,
                             path=path)
        return SentenceModel(p, f"{p.name} ({digest})")
    vectors = WordVectors(p, f"{p.name} ({digest})")
    vectors.check_format()
    return vectors


def load_embedder(path: str | os.PathLike[str]) -> Embedder:
    """The model at path (a word-vector file or a sentence-transformers folder), loaded once per process."""
    p = Path(path).expanduser()
    if not p.exists():
        raise UsageError("no semantic model here", REMEDY, path=str(p))
    st = p.stat()
    return _load(str(p.resolve()), st.st_size, st.st_mtime_ns)


def embedder_from_env() -> Embedder | None:
    """The model COMPARE_SEMANTIC_MODEL names, or None when it names none."""
    value = os.environ.get(ENV_VAR, "").strip()
    return load_embedder(value) if value else None


def meaning_scores(model: Embedder, texts_a: list[str], texts_b: list[str],
                   spread: float = 2.5) -> list[list[float]]:
    """How much closer in meaning each A text is to each B text than most pairs of the two plans are, 0..1.

    Embedding cosines of unrelated texts of one field sit well above zero and differ from model to model; a
    cosine up to `spread` median absolute deviations above the median of the plans' A × B pairs is taken as
    nothing special, so the signal lifts only the pairs the model sets apart, however many or few there are.
    Rounded to four places so that the same model gives the same brief."""
    import numpy as np

    if not texts_a or not texts_b:
        return []
    cos = np.asarray(model.encode(texts_a), dtype=np.float64) @ np.asarray(model.encode(texts_b),
                                                                           dtype=np.float64).T
    flat = np.sort(cos, axis=None)
    median = float(flat[len(flat) // 2])
    deviation = float(np.sort(np.abs(flat - median))[len(flat) // 2])
    base = median + spread * deviation
    lifted = np.clip((cos - base) / max(1e-9, 1.0 - base), 0.0, None)
    return [[round(float(x), 4) for x in row] for row in lifted]
