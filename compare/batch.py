"""Batch briefs: manifests, pairing modes, the executor (process pool or Dask), progress and the index."""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import hashlib
import json
import os
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import CompareError, ExitCode, OutputNotWritableError, UsageError
from compare.model import CHANGE_TYPES

if TYPE_CHECKING:
    from compare.model import Document
    from compare.pipeline import Extraction

DOC_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".pdf")
# files that sit beside documents in a corpus folder but are not plans
NOT_DOCUMENTS = re.compile(r"^(readme|sources?|license|licence|notice|changelog|index|manifest)$", re.IGNORECASE)
YEAR_TOKEN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年度|年)?(?!\d)")
FORMAT_SUFFIX = {"json": ".json", "docx": ".docx", "pdf": ".pdf", "html": ".html", "xlsx": ".xlsx", "csv": ".csv"}
TRACK_FORMATS = ("xlsx", "csv", "json", "pdf", "docx")  # what a series timeline can be written as
STATUSES = ("ok", "skipped", "failed", "interrupted")
DASK_CONNECT_TIMEOUT = "15s"  # how long to try reaching a --scheduler before giving up
JOURNAL = ".compare-batch.jsonl"  # one JSON line per finished pair: what a re-run may skip after a crash
INDEX_COLUMNS = ["name", "title", "group", "a", "b", "year_a", "year_b", "title_a", "title_b", "tasks_a", "tasks_b",
                 "targets_a", "targets_b", *CHANGE_TYPES, "status", "error", "outputs", "seconds", "key"]
INT_COLUMNS = ("year_a", "year_b", "tasks_a", "tasks_b", "targets_a", "targets_b", *CHANGE_TYPES)


# ---------------------------------------------------------------- naming, pairing, manifests (pure)

@dataclass(frozen=True)
class PairSpec:
    """One comparison to make: A, B and how to name its outputs."""

    a: str
    b: str
    name: str = ""
    title: str = ""
    out: str = ""  # output stem relative to --out-dir (or absolute); the format's extension is added
    group: str = ""  # the series (region) the pair belongs to, for timelines and the index


@dataclass
class Plan:
    """What a batch will do: the pairs, the series to follow as timelines, and what was left out and why."""

    pairs: list[PairSpec]
    series: dict[str, list[str]] = field(default_factory=dict)  # group -> documents in order
    notes: list[str] = field(default_factory=list)  # warnings for the user (left-out files)
    rejects: list[tuple[str, str]] = field(default_factory=list)  # (document, error): failed rows in the index
    mode: str = "manifest"  # manifest | series | by-name | all-pairs


def year_in_name(path: str | os.PathLike[str]) -> int | None:
    """The year written in a file name (2025_zhejiang.docx -> 2025), or None."""
    m = YEAR_TOKEN.search(Path(path).stem)
    return int(m.group(1)) if m else None


def region_of(path: str | os.PathLike[str]) -> str:
    """A file name without its year and extension: the key that pairs 2025_zhejiang.docx with 2026_zhejiang.txt."""
    stem = YEAR_TOKEN.sub(" ", Path(path).stem)
    return re.sub(r"[\s_.\-]+", "_", stem).strip("_")


def safe_name(text: str) -> str:
    """A file-system-safe output name (CJK kept; separators, control and reserved characters replaced)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\s]+', "_", text).strip("._")
    return name[:120] or "pair"


def pair_name(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> str:
    """A readable name for a pair: region_2025-2026 when only the years differ, else stemA__stemB."""
    ra, rb = region_of(a), region_of(b)
    ya, yb = year_in_name(a), year_in_name(b)
    if ra and ra == rb and ya and yb:
        return safe_name(f"{ra}_{ya}-{yb}")
    return safe_name(f"{Path(a).stem}__{Path(b).stem}")


def unique_names(pairs: list[PairSpec]) -> list[PairSpec]:
    """Give every pair a distinct name (a numeric suffix on repeats) and an output stem."""
    seen: dict[str, int] = {}
    out = []
    for p in pairs:
        base = safe_name(p.name or pair_name(p.a, p.b))
        n = seen.get(base.lower(), 0) + 1
        seen[base.lower()] = n
        name = base if n == 1 else f"{base}_{n}"
        out.append(dataclasses.replace(p, name=name, out=p.out or name))
    return out


def list_documents(folder: str | os.PathLike[str], pattern: str | None = None) -> list[Path]:
    """The plan documents directly in a folder: supported extensions, not hidden, not README/SOURCES/…"""
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"not a folder: {folder}", "give a folder of documents or a .csv/.toml manifest")
    found = []
    for p in sorted(folder.glob(pattern or "*")):
        if not p.is_file() or p.name.startswith((".", "~$")) or p.suffix.lower() not in DOC_SUFFIXES:
            continue
        if NOT_DOCUMENTS.match(p.stem):
            continue
        found.append(p)
    return found


def _by_year(paths: Iterable[Path], years: dict[Path, int | None]) -> list[Path]:
    return sorted(paths, key=lambda p: (years.get(p) is None, years.get(p) or 0, p.name))


def series_plan(paths: list[Path], years: dict[Path, int | None], errors: dict[Path, str] | None = None) -> Plan:
    """Order documents by year and compare each with the next; a document of unknown year is a reject.

    errors holds why a document's year could not be read from the document itself (it is unreadable).
    """
    errors = errors or {}
    known = [p for p in paths if years.get(p) is not None]
    rejects = [(str(p), errors.get(p) or "cannot tell the year of this document (put the year in its file name)")
               for p in paths if years.get(p) is None]
    ordered = _by_year(known, years)
    notes = []
    for x, y in zip(ordered, ordered[1:], strict=False):
        if years[x] == years[y]:
            notes.append(f"{x.name} and {y.name} are both from {years[x]}; compared in name order")
    group = _common_region(ordered) or "series"
    pairs = [PairSpec(str(x), str(y), group=group) for x, y in zip(ordered, ordered[1:], strict=False)]
    return Plan(pairs, {group: [str(p) for p in ordered]} if len(ordered) > 1 else {}, notes, rejects, "series")


def _common_region(paths: list[Path]) -> str:
    regions = {region_of(p) for p in paths}
    return regions.pop() if len(regions) == 1 else ""


FORMAT_PREFERENCE = {".txt": 0, ".text": 0, ".md": 1, ".markdown": 1, ".html": 2, ".htm": 2, ".xhtml": 2,
                     ".docx": 3, ".pdf": 4}


def by_name_plan(paths: list[Path]) -> Plan:
    """Group documents whose names differ only by the year and run each group as a series."""
    groups: dict[str, dict[int, Path]] = {}
    notes = []
    for p in paths:
        y = year_in_name(p)
        key = region_of(p)
        if y is None or not key:
            notes.append(f"left out {p.name}: no year in its name to pair it by")
            continue
        years = groups.setdefault(key, {})
        if y in years:
            keep, drop = sorted((years[y], p), key=lambda q: (FORMAT_PREFERENCE.get(q.suffix.lower(), 9), q.name))
            notes.append(f"two documents for {key} {y}: using {keep.name}, leaving out {drop.name}")
            years[y] = keep
        else:
            years[y] = p
    pairs: list[PairSpec] = []
    series: dict[str, list[str]] = {}
    for key in sorted(groups):
        docs = [groups[key][y] for y in sorted(groups[key])]
        if len(docs) < 2:
            notes.append(f"left out {docs[0].name}: no other year of {key}")
            continue
        series[key] = [str(p) for p in docs]
        pairs += [PairSpec(str(x), str(y), group=key) for x, y in zip(docs, docs[1:], strict=False)]
    return Plan(pairs, series, notes, [], "by-name")


def all_pairs_plan(paths: list[Path], years: dict[Path, int | None]) -> Plan:
    """Every pair of documents once, the earlier one (by year, then name) as A."""
    ordered = _by_year(paths, years)
    pairs = [PairSpec(str(x), str(y)) for i, x in enumerate(ordered) for y in ordered[i + 1:]]
    return Plan(pairs, {}, [], [], "all-pairs")


MANIFEST_FIELDS = ("a", "b", "name", "title", "out")


def read_manifest(path: str | os.PathLike[str]) -> list[PairSpec]:
    """Pairs from a CSV (header a,b[,name,title,out]) or TOML ([[pair]] tables) manifest; paths relative to it."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"manifest not found: {path}", "give the path of a .csv or .toml manifest")
    suffix = path.suffix.lower()
    if suffix == ".toml":
        records = _toml_records(path)
    elif suffix == ".csv":
        records = _csv_records(path)
    else:
        raise UsageError(f"cannot read a manifest of type {suffix or '(none)'}", "use a .csv or .toml manifest",
                         path=str(path))
    base = path.parent
    pairs = []
    for i, rec in enumerate(records, 1):
        a, b = (str(rec.get(k) or "").strip() for k in ("a", "b"))
        if not a or not b:
            raise UsageError(f"manifest entry {i} lacks {'a' if not a else 'b'}", "give both a and b for every pair",
                             path=str(path))
        pairs.append(PairSpec(str(_resolve(base, a)), str(_resolve(base, b)), str(rec.get("name") or "").strip(),
                              str(rec.get("title") or "").strip(), _strip_format(str(rec.get("out") or "").strip())))
    if not pairs:
        raise UsageError("the manifest lists no pairs", "add rows with columns a and b", path=str(path))
    return pairs


def _resolve(base: Path, p: str) -> Path:
    q = Path(p).expanduser()
    return q if q.is_absolute() else base / q


def _strip_format(out: str) -> str:
    for suffix in (*FORMAT_SUFFIX.values(), ".htm"):
        if out.lower().endswith(suffix):
            return out[: -len(suffix)]
    return out


def _csv_records(path: Path) -> list[dict[str, Any]]:
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skipinitialspace=True)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as e:
        raise UsageError(f"cannot read the CSV manifest: {e}", "save it as UTF-8 CSV with a header row a,b",
                         path=str(path)) from e
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if not {"a", "b"} <= set(frame.columns):
        raise UsageError("the CSV manifest needs columns a and b", "put a header row: a,b,name,title,out",
                         path=str(path))
    return [r for r in frame.to_dict("records") if any(str(v).strip() for v in r.values())]


def _toml_records(path: Path) -> list[dict[str, Any]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError as e:
            raise UsageError("TOML manifests need Python 3.11 or the tomli package",
                             "pip install tomli, or use a CSV manifest", path=str(path)) from e
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read the TOML manifest: {e}", "see the [[pair]] example in `compare batch --help`",
                         path=str(path)) from e
    records = data.get("pair", data.get("pairs", []))
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise UsageError("the TOML manifest needs [[pair]] tables", "write [[pair]] then a = \"…\" and b = \"…\"",
                         path=str(path))
    return records


# ---------------------------------------------------------------- content hashes

_HASHES: dict[tuple[str, int, int], str] = {}


def file_hash(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (memoised by path, size and mtime); 'missing' when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    key = (os.fspath(path), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        try:
            _HASHES[key] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
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


# ---------------------------------------------------------------- jobs, rows and the worker

@dataclass(frozen=True)
class Job:
    """Everything a worker needs to make one pair's outputs: plain strings, picklable for a pool or Dask."""

    name: str
    a: str
    b: str
    stem: str  # absolute output path without extension
    formats: tuple[str, ...]
    title: str = ""
    group: str = ""
    lang: str | None = None
    template_dir: str | None = None
    font: str | None = None
    key: str = ""
    want_step: bool = False  # return the slim brief a timeline is built from

    def outputs(self) -> list[tuple[str, str]]:
        """(format, path) for every output of the pair."""
        return [(f, self.stem + FORMAT_SUFFIX[f]) for f in self.formats]


@dataclass
class IndexRow:
    """One line of the index: a pair, what it found, whether it worked, where its outputs are."""

    name: str
    a: str
    b: str
    title: str = ""
    group: str = ""
    year_a: int | None = None
    year_b: int | None = None
    title_a: str = ""
    title_b: str = ""
    tasks_a: int | None = None
    tasks_b: int | None = None
    targets_a: int | None = None
    targets_b: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    status: str = "failed"
    error: str = ""
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    key: str = ""
    step: dict[str, Any] | None = field(default=None, repr=False)  # slim brief for timelines; never in the index

    @property
    def ok(self) -> bool:
        """True when the pair's outputs are complete (made now or up to date)."""
        return self.status in ("ok", "skipped")

    def record(self) -> dict[str, Any]:
        """The row as flat index columns (outputs joined with '; ')."""
        d = {k: getattr(self, k) for k in INDEX_COLUMNS if k not in CHANGE_TYPES and k != "outputs"}
        d.update({t: self.counts.get(t) for t in CHANGE_TYPES})
        d["outputs"] = "; ".join(self.outputs)
        return {k: d[k] for k in INDEX_COLUMNS}

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> IndexRow:
        """Rebuild a row from an index or journal record (missing or empty fields become defaults)."""
        def num(v: Any, kind: type = int) -> Any:
            try:
                return kind(float(v)) if v not in (None, "") else None
            except (TypeError, ValueError):
                return None

        row = cls(name=str(rec.get("name", "")), a=str(rec.get("a", "")), b=str(rec.get("b", "")))
        for k in ("title", "group", "title_a", "title_b", "status", "error", "key"):
            setattr(row, k, str(rec.get(k) or ""))
        for k in ("year_a", "year_b", "tasks_a", "tasks_b", "targets_a", "targets_b"):
            setattr(row, k, num(rec.get(k)))
        row.counts = {t: num(rec.get(t)) for t in CHANGE_TYPES if num(rec.get(t)) is not None}
        outs = rec.get("outputs") or ""
        row.outputs = list(outs) if isinstance(outs, list) else [o for o in str(outs).split("; ") if o]
        row.seconds = num(rec.get("seconds"), float) or 0.0
        return row


def row_for(job: Job) -> IndexRow:
    """A row for a job before it runs: names, paths and the years written in the file names."""
    return IndexRow(name=job.name, a=job.a, b=job.b, title=job.title, group=job.group, year_a=year_in_name(job.a),
                    year_b=year_in_name(job.b), key=job.key)


def fill_row(row: IndexRow, data: dict[str, Any]) -> None:
    """Copy a brief's documents and counts into its index row."""
    docs, s = data["documents"], data["summary"]
    row.year_a, row.year_b = docs["a"].get("year") or row.year_a, docs["b"].get("year") or row.year_b
    row.title_a, row.title_b = docs["a"].get("title", ""), docs["b"].get("title", "")
    row.tasks_a, row.tasks_b = s["tasks"]["a"], s["tasks"]["b"]
    row.targets_a, row.targets_b = s["targets"]["a"], s["targets"]["b"]
    row.counts = {t: int(s["changes"].get(t, 0)) for t in CHANGE_TYPES}


def error_line(e: BaseException) -> str:
    """One line for the index: a library error's message and remedy, or the type of an unexpected error."""
    if isinstance(e, CompareError):
        return e.one_line()
    return f"internal error {type(e).__name__}: {e} (please report it)"


_LOCK = threading.Lock()
_DOCS: OrderedDict[tuple[str, str], Document] = OrderedDict()
_EXTRACTIONS: OrderedDict[tuple[str, str, str], Extraction] = OrderedDict()
CACHE_SIZE = 48


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
    """Forget every cached document and extraction of this process."""
    with _LOCK:
        _DOCS.clear()
        _EXTRACTIONS.clear()
        _HASHES.clear()


def brief_data(a: str, b: str) -> dict[str, Any]:
    """The brief dict of one pair through the engine (compare_documents), with both documents cached."""
    from compare import pipeline

    return pipeline.compare_documents(cached_extraction(a, "a"), cached_extraction(b, "b")).to_json()


def run_pair(job: Job) -> IndexRow:
    """Compare one pair and write its outputs; every failure becomes a failed row, never an exception."""
    from compare.outputs import check_output
    from compare.writers import write_brief

    t0 = time.perf_counter()
    row = row_for(job)
    try:
        data = brief_data(job.a, job.b)
        fill_row(row, data)
        for fmt, out in job.outputs():
            path = Path(out)
            path.parent.mkdir(parents=True, exist_ok=True)
            check_output(path, [Path(job.a), Path(job.b)])
            write_brief(data, path, fmt, lang=job.lang, template_dir=Path(job.template_dir) if job.template_dir else None,
                        font=Path(job.font) if job.font else None)
            row.outputs.append(out)
        if job.want_step:
            from compare.track import step_of

            row.step = step_of(data)
        row.status = "ok"
    except Exception as e:  # noqa: BLE001 - a bad pair is recorded, the batch goes on
        row.status, row.error = "failed", error_line(e)
    row.seconds = round(time.perf_counter() - t0, 2)
    return row


# ---------------------------------------------------------------- executors

Runner = Callable[[Job], IndexRow]


class Reporter:
    """Progress callbacks of a batch; this base class reports nothing."""

    def start(self, total: int, skipped: int) -> None:
        """The batch begins: total pairs to run now, and how many are up to date."""

    def running(self, jobs: list[Job]) -> None:
        """These pairs are being worked on now."""

    def done(self, row: IndexRow) -> None:
        """One pair finished (ok or failed)."""

    def close(self) -> None:
        """The batch ended (normally or not)."""


class LineReporter(Reporter):
    """One plain line per finished pair on stderr: what a log or a non-terminal gets."""

    def __init__(self, stream: Any = None) -> None:
        import sys

        self.stream = stream or sys.stderr
        self.total = self.n = 0

    def _say(self, text: str) -> None:
        self.stream.write(f"compare: {text}\n")
        self.stream.flush()

    def start(self, total: int, skipped: int) -> None:
        self.total, self.n = total, 0
        if skipped:
            self._say(f"{skipped} pair(s) up to date, skipped (--force redoes them)")

    def done(self, row: IndexRow) -> None:
        self.n += 1
        years = f" {row.year_a or '?'}→{row.year_b or '?'}" if row.b else ""
        tail = f": {row.error}" if row.error else ""
        self._say(f"[{self.n}/{self.total}] {row.status} {row.name}{years} ({row.seconds:.1f} s){tail}")


class RichReporter(Reporter):
    """A progress bar on stderr: current pairs, done and failed counts, elapsed time and ETA."""

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self.progress: Any = None
        self.task: Any = None
        self.ok = self.failed = 0

    def start(self, total: int, skipped: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        if skipped:
            self.console.print(f"compare: {skipped} pair(s) up to date, skipped (--force redoes them)")
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}", style="bold"), BarColumn(bar_width=24),
                                 MofNCompleteColumn(), TextColumn("ok {task.fields[ok]} failed {task.fields[failed]}"),
                                 TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                 console=self.console, transient=False)
        self.progress.start()
        self.task = self.progress.add_task("starting", total=total, ok=0, failed=0)

    def running(self, jobs: list[Job]) -> None:
        if self.progress is not None and jobs:
            name = jobs[0].name if len(jobs[0].name) <= 28 else jobs[0].name[:27] + "…"
            self.progress.update(self.task, description=name + (f" +{len(jobs) - 1}" if len(jobs) > 1 else ""))

    def done(self, row: IndexRow) -> None:
        if row.ok:
            self.ok += 1
        else:
            self.failed += 1
            self.progress.console.print(f"[red]failed[/red] {row.name}: {row.error}", markup=True, highlight=False)
        self.progress.update(self.task, advance=1, ok=self.ok, failed=self.failed)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description="done")
            self.progress.stop()


def reporter_for(quiet: bool) -> Reporter:
    """No output with quiet, a progress bar on a terminal, else one plain line per pair."""
    import sys

    if quiet:
        return Reporter()
    return RichReporter() if sys.stderr.isatty() else LineReporter()


def default_workers() -> int:
    """All the cores this process may use."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _mp_context():
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    # not fork: the progress bar runs a thread, and forking a threaded process can deadlock
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def execute(jobs: list[Job], workers: int, runner: Runner = run_pair, reporter: Reporter | None = None,
            scheduler: str | None = None) -> Iterator[IndexRow]:
    """Run jobs in this process (workers=1), a process pool or a Dask cluster; yield rows as they finish."""
    reporter = reporter or Reporter()
    if scheduler:
        yield from _execute_dask(jobs, scheduler, runner, reporter)
    elif workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            reporter.running([job])
            yield runner(job)
    else:
        yield from _execute_pool(jobs, workers, runner, reporter)


def _pool_failure(job: Job, e: BaseException) -> IndexRow:
    row = row_for(job)
    row.error = error_line(e)
    return row


def _execute_pool(jobs: list[Job], workers: int, runner: Runner, reporter: Reporter) -> Iterator[IndexRow]:
    """A process pool that survives a worker dying: the pairs it held are retried, then run alone to find the culprit."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    queue = list(jobs)
    breaks: dict[str, int] = {}
    alone: list[Job] = []  # jobs caught in two pool failures: each runs in a pool of its own
    while queue or alone:
        isolated = not queue
        if isolated:
            queue, width = [alone.pop(0)], 1
        else:
            width = min(workers, len(queue))
        pool = ProcessPoolExecutor(max_workers=width, mp_context=_mp_context())
        inflight: dict[Any, Job] = {}
        lost: list[Job] = []  # the jobs of a pool that broke: their workers may have died mid-write
        broken = False
        try:
            while queue or inflight:
                while queue and len(inflight) < 2 * width:
                    job = queue.pop(0)
                    inflight[pool.submit(runner, job)] = job
                reporter.running(list(inflight.values())[:width])
                finished, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                for fut in finished:
                    job = inflight.pop(fut)
                    try:
                        yield fut.result()
                    except BrokenProcessPool:
                        broken = True
                        lost.append(job)
                        breaks[job.name] = breaks.get(job.name, 0) + 1
                        if isolated:
                            yield _pool_failure(job, RuntimeError("the worker process died while comparing this pair"))
                        elif breaks[job.name] >= 2:
                            alone.append(job)
                        else:
                            queue.insert(0, job)
                    except Exception as e:  # noqa: BLE001 - e.g. a runner that raised or a result that did not pickle
                        yield _pool_failure(job, e)
                if broken:
                    for fut, job in list(inflight.items()):  # the rest of the broken pool's jobs go back in line
                        if fut.done() and not fut.cancelled() and fut.exception() is None:
                            yield fut.result()
                            continue
                        breaks[job.name] = breaks.get(job.name, 0) + 1
                        (alone.append if breaks[job.name] >= 2 else queue.append)(job)
                        lost.append(job)
                    inflight.clear()
                    break
        except BaseException:
            _abandon(pool, list(inflight.values()))
            raise
        if broken:  # the pool terminates its other workers: wait for them, then remove what they half-wrote
            _abandon(pool, lost)
        else:
            pool.shutdown(wait=True, cancel_futures=True)


def _abandon(pool: Any, jobs: list[Job]) -> None:
    """On Ctrl-C or a broken pool: stop the workers now and remove the temporary files of the pairs they were writing."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them: take them first
    pool.shutdown(wait=False, cancel_futures=True)
    if hasattr(pool, "terminate_workers"):  # Python 3.14+
        with contextlib.suppress(Exception):
            pool.terminate_workers()
    for p in procs:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(30)
            if p.is_alive():  # SIGTERM ignored: a worker must be gone before its temporary files are removed
                p.kill()
                p.join(30)
    sweep_partials(jobs)


def sweep_partials(jobs: Iterable[Job]) -> list[Path]:
    """Delete temporary files left beside these jobs' outputs (.NAME.*.part / .tmp) by a killed writer."""
    gone = []
    for job in jobs:
        for _, out in job.outputs():
            p = Path(out)
            for tmp in glob.glob(os.path.join(glob.escape(str(p.parent)), "." + glob.escape(p.name) + ".*")):
                if tmp.endswith((".part", ".tmp")):
                    with contextlib.suppress(OSError):
                        os.unlink(tmp)
                        gone.append(Path(tmp))
    return gone


def _execute_dask(jobs: list[Job], scheduler: str, runner: Runner, reporter: Reporter) -> Iterator[IndexRow]:
    """Submit the same jobs to a Dask distributed cluster (inputs and --out-dir must be visible to its workers)."""
    try:
        from distributed import Client, as_completed
    except ImportError as e:
        raise UsageError("--scheduler needs Dask distributed", "pip install 'compare[dask]'") from e
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as e:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {e}",
                         "check the address (tcp://HOST:PORT) and that the scheduler runs") from e
    futures: dict[Any, Job] = {}
    try:
        for job in jobs:
            futures[client.submit(runner, job, key=f"compare-pair-{job.name}-{uuid.uuid4().hex[:12]}")] = job
        reporter.running(jobs[: len(client.scheduler_info().get("workers", {})) or 1])
        for fut in as_completed(list(futures)):
            job = futures[fut]
            try:
                yield fut.result()
            except Exception as e:  # noqa: BLE001 - KilledWorker and friends: the pair failed, the batch goes on
                yield _pool_failure(job, e)
    except BaseException:
        with contextlib.suppress(Exception):
            client.cancel(list(futures), force=True)
        sweep_partials([j for f, j in futures.items() if not f.done()])
        raise
    finally:
        with contextlib.suppress(Exception):
            client.close()


# ---------------------------------------------------------------- the batch

@dataclass
class BatchOptions:
    """How a batch runs: where outputs go, in which formats, on how many workers, and what it may skip."""

    out_dir: Path = Path("reports")
    formats: tuple[str, ...] = ("pdf", "json")
    workers: int | None = None  # None: all cores
    scheduler: str | None = None
    force: bool = False
    lang: str | None = None
    template_dir: Path | None = None
    font: Path | None = None
    track: bool | None = None  # None: a timeline per series of 3+ documents (any series with --series)


@dataclass
class TrackInfo:
    """A timeline written (or not) for one series of the batch."""

    group: str
    documents: list[str]
    outputs: list[str] = field(default_factory=list)
    status: str = "ok"  # ok | skipped | failed
    error: str = ""
    key: str = ""
    rows: int = 0


@dataclass
class BatchResult:
    """What a batch did: one row per pair, the timelines, the index files."""

    rows: list[IndexRow]
    tracks: list[TrackInfo] = field(default_factory=list)
    index: list[Path] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: str) -> int:
        """How many pairs ended with this status."""
        return sum(1 for r in self.rows if r.status == status)

    @property
    def exit_code(self) -> ExitCode:
        """0 when every pair and timeline is complete, 1 (SOME_FAILED) otherwise, 130 when interrupted."""
        if self.interrupted:
            return ExitCode.INTERRUPTED
        if any(not r.ok for r in self.rows) or any(t.status == "failed" for t in self.tracks):
            return ExitCode.SOME_FAILED
        return ExitCode.OK


def plan_source(source: Path, mode: str | None, pattern: str | None = None) -> Plan:
    """The plan for a manifest file, or for a folder in one mode: series, by-name or all-pairs."""
    source = Path(source)
    if source.is_file():
        if mode:
            raise UsageError(f"--{mode} applies to a folder, not a manifest", "drop it or give a folder")
        return Plan(read_manifest(source))
    if not source.exists():
        raise UsageError(f"not found: {source}", "give a folder of documents or a .csv/.toml manifest")
    if not mode:
        raise UsageError("a folder needs a pairing mode", "add --series, --by-name or --all-pairs")
    docs = list_documents(source, pattern)
    if len(docs) < 2:
        raise UsageError(f"found {len(docs)} document(s) in {source}", "a batch needs at least two documents")
    if mode == "by-name":
        plan = by_name_plan(docs)
    else:
        years, errors = {}, {}
        for p in docs:
            years[p], err = document_year(p)
            if err:
                errors[p] = err
        plan = series_plan(docs, years, errors) if mode == "series" else all_pairs_plan(docs, years)
    if not plan.pairs and not plan.rejects:
        raise UsageError(f"no pairs to compare in {source}", "; ".join(plan.notes[:3]) or "check the file names")
    return plan


def document_year(path: Path) -> tuple[int | None, str]:
    """The year in the file name, else the one the document states; with the read error when it has none."""
    y = year_in_name(path)
    if y is not None:
        return y, ""
    try:
        return cached_document(str(path)).year, ""
    except CompareError as e:
        return None, e.one_line()


def make_jobs(plan: Plan, opts: BatchOptions, want_steps: set[str]) -> list[Job]:
    """One job per pair: absolute paths, output stems under --out-dir, and the content key of inputs and options."""
    out_dir = Path(opts.out_dir).resolve()
    common = {"formats": sorted(opts.formats), "lang": opts.lang or "", "template": folder_hash(opts.template_dir),
              "font": file_hash(opts.font) if opts.font else ""}
    jobs, stems = [], {}
    for p in unique_names(plan.pairs):
        a, b = os.path.abspath(p.a), os.path.abspath(p.b)
        stem = str(_resolve(out_dir, p.out))
        if stem in stems:
            raise UsageError(f"pairs {stems[stem]} and {p.name} would write the same outputs ({p.out})",
                             "give them different names or out values")
        stems[stem] = p.name
        key = content_key({"a": [a, file_hash(a)], "b": [b, file_hash(b)], **common})
        jobs.append(Job(p.name, a, b, stem, tuple(opts.formats), p.title, p.group, opts.lang,
                        str(opts.template_dir) if opts.template_dir else None,
                        str(opts.font) if opts.font else None, key, p.group in want_steps))
    return jobs


def load_prior(out_dir: Path) -> tuple[dict[str, IndexRow], dict[str, dict[str, Any]]]:
    """What an earlier run recorded in out_dir: index.csv, then the journal (later lines win)."""
    rows: dict[str, IndexRow] = {}
    tracks: dict[str, dict[str, Any]] = {}
    index = out_dir / "index.csv"
    if index.is_file():
        import pandas as pd

        with contextlib.suppress(Exception):
            for rec in pd.read_csv(index, dtype=str, keep_default_na=False, encoding="utf-8-sig").to_dict("records"):
                rows[rec.get("name", "")] = IndexRow.from_record(rec)
    journal = out_dir / JOURNAL
    if journal.is_file():
        for line in journal.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a line cut short by a crash
            if rec.get("kind") == "track":
                tracks[rec.get("group", "")] = rec
            elif rec.get("kind") == "pair":
                rows[rec.get("name", "")] = IndexRow.from_record(rec)
    return rows, tracks


def up_to_date(job: Job, prior: IndexRow | None) -> bool:
    """A pair may be skipped: same content key, completed before, and every output still there."""
    return (prior is not None and prior.ok and prior.key == job.key
            and all(os.path.isfile(out) for _, out in job.outputs()))


class _Journal:
    """Append-only record of finished pairs, flushed line by line, so a killed batch can resume."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.f = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()

    def add(self, rec: dict[str, Any]) -> None:
        self.f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        self.f.flush()

    def close(self) -> None:
        self.f.close()


def _journal_record(row: IndexRow) -> dict[str, Any]:
    rec = row.record()
    rec["outputs"] = list(row.outputs)
    return {"kind": "pair", **rec}


def run_batch(plan: Plan, opts: BatchOptions, reporter: Reporter | None = None, runner: Runner = run_pair) -> BatchResult:
    """Run every pair of the plan, skip what is up to date, write timelines and the index; never stop on a bad pair.

    On Ctrl-C the index is still written (pairs not run are marked interrupted) and KeyboardInterrupt re-raised.
    """
    reporter = reporter or Reporter()
    out_dir = Path(opts.out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputNotWritableError(f"cannot create the output folder: {e.strerror or e}",
                                     "choose another --out-dir", path=str(out_dir)) from e
    if not os.access(out_dir, os.W_OK):
        raise OutputNotWritableError("the output folder is not writable", "choose another --out-dir",
                                     path=str(out_dir))
    _refuse_inputs_in(out_dir, plan)
    want_track = _track_groups(plan, opts)
    jobs = make_jobs(plan, opts, set(want_track))
    prior, prior_tracks = ({}, {}) if opts.force else load_prior(out_dir)
    done: dict[str, IndexRow] = {}
    todo = []
    for job in jobs:
        if up_to_date(job, prior.get(job.name)):
            row = prior[job.name]
            row.status, row.outputs = "skipped", [out for _, out in job.outputs()]
            row.a, row.b, row.title, row.group = job.a, job.b, job.title, job.group
            done[job.name] = row
        else:
            todo.append(job)
    sweep_partials(todo)
    result = BatchResult([])
    journal = _Journal(out_dir / JOURNAL)
    for row in done.values():
        journal.add(_journal_record(row))
    reporter.start(len(todo), len(done))
    workers = opts.workers or default_workers()
    try:
        for row in execute(todo, workers, runner, reporter, opts.scheduler):
            done[row.name] = row
            journal.add(_journal_record(row))
            reporter.done(row)
    except KeyboardInterrupt:
        result.interrupted = True
    finally:
        reporter.close()
    result.rows = [done.get(j.name) or _not_run(j) for j in jobs]
    result.rows += [_reject_row(doc, err) for doc, err in plan.rejects]
    if not result.interrupted:
        try:
            result.tracks = write_tracks(plan, want_track, result.rows, opts, prior_tracks)
        except KeyboardInterrupt:
            result.interrupted = True
    result.index = write_index(result, out_dir)
    journal.close()
    _compact_journal(out_dir, result)
    if result.interrupted:
        raise BatchInterrupted(result)
    return result


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch, after the index of what finished was written."""

    def __init__(self, result: BatchResult) -> None:
        super().__init__("batch interrupted")
        self.result = result


def _not_run(job: Job) -> IndexRow:
    row = row_for(job)
    row.status, row.error = "interrupted", "not run: the batch was interrupted (run it again to finish)"
    return row


def _reject_row(doc: str, error: str) -> IndexRow:
    row = IndexRow(name=safe_name(Path(doc).stem), a=os.path.abspath(doc), b="", year_a=year_in_name(doc))
    row.error = error if doc in error else f"{doc}: {error}"
    return row


def _refuse_inputs_in(out_dir: Path, plan: Plan) -> None:
    """Outputs written beside the inputs would be read as documents next time: refuse that folder."""
    if plan.mode == "manifest":
        return
    folders = {Path(p.a).resolve().parent for p in plan.pairs} | {Path(p.b).resolve().parent for p in plan.pairs}
    if out_dir.resolve() in folders:
        raise UsageError("--out-dir is the folder of the documents", "choose another --out-dir, e.g. reports/")


def _compact_journal(out_dir: Path, result: BatchResult) -> None:
    from compare.outputs import write_text

    lines = [json.dumps(_journal_record(r), ensure_ascii=False, default=str) for r in result.rows
             if r.ok]
    lines += [json.dumps({"kind": "track", "group": t.group, "key": t.key, "outputs": t.outputs,
                          "status": t.status}, ensure_ascii=False) for t in result.tracks if t.status != "failed"]
    with contextlib.suppress(OSError):
        write_text(out_dir / JOURNAL, "".join(line + "\n" for line in lines))


# ---------------------------------------------------------------- timelines of series

def _track_groups(plan: Plan, opts: BatchOptions) -> dict[str, list[str]]:
    if opts.track is False:
        return {}
    if opts.track is None and plan.mode != "series":
        return {g: docs for g, docs in plan.series.items() if len(docs) >= 3}
    return {g: docs for g, docs in plan.series.items() if len(docs) >= 2}


def track_stem(group: str, mode: str) -> str:
    """The output stem of a series' timeline: track for --series, track_<region> for --by-name."""
    return "track" if mode == "series" else safe_name(f"track_{group}")


def write_tracks(plan: Plan, groups: dict[str, list[str]], rows: list[IndexRow], opts: BatchOptions,
                 prior: dict[str, dict[str, Any]]) -> list[TrackInfo]:
    """A timeline per series, from the steps the workers returned (missing ones computed here, the same way)."""
    from compare.track import track_series, write_track

    known = {(r.a, r.b): r.step for r in rows if r.step is not None}
    formats = [f for f in TRACK_FORMATS if f in ("xlsx", "csv") or f in opts.formats]
    out = []
    for group, docs in groups.items():
        docs = [os.path.abspath(d) for d in docs]
        stem = Path(opts.out_dir) / track_stem(group, plan.mode)
        paths = [str(stem) + FORMAT_SUFFIX[f] for f in formats]
        key = content_key({"docs": [[d, file_hash(d)] for d in docs], "formats": formats, "lang": opts.lang or "",
                           "font": file_hash(opts.font) if opts.font else ""})
        info = TrackInfo(group, docs, key=key)
        before = prior.get(group)
        if (not opts.force and before and before.get("key") == key and before.get("status") != "failed"
                and all(os.path.isfile(p) for p in paths)):
            info.status, info.outputs = "skipped", paths
            out.append(info)
            continue
        try:
            table, left_out = track_series(docs, known)
            info.rows, info.documents = len(table.rows), [c.path for c in table.columns]
            if left_out:
                info.error = "left out: " + "; ".join(left_out)
            for fmt, p in zip(formats, paths, strict=False):
                write_track(table, Path(p), fmt, lang=opts.lang, font=opts.font)
                info.outputs.append(p)
        except Exception as e:  # noqa: BLE001 - a timeline that cannot be made is recorded, not fatal
            info.status, info.error = "failed", error_line(e)
        out.append(info)
    return out


# ---------------------------------------------------------------- the index

def index_frame(rows: list[IndexRow], out_dir: Path):  # -> pandas.DataFrame
    """The index as a table: one row per pair, output paths relative to the index."""
    import pandas as pd

    recs = []
    for r in rows:
        rec = r.record()
        rec["outputs"] = "; ".join(_rel(o, out_dir) for o in r.outputs)
        recs.append(rec)
    frame = pd.DataFrame(recs, columns=INDEX_COLUMNS)
    for c in INT_COLUMNS:
        frame[c] = pd.array(frame[c].tolist(), dtype="Int64")
    return frame


def _rel(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return str(path)


def write_index(result: BatchResult, out_dir: Path) -> list[Path]:
    """index.csv, index.xlsx (pairs, timelines) and index.html, each written atomically."""
    import pandas as pd

    from compare.outputs import atomic_path, write_text
    from compare.render.tables import safe_cell

    out_dir = Path(out_dir)
    frame = index_frame(result.rows, out_dir)
    safe = frame.map(safe_cell) if hasattr(frame, "map") else frame.applymap(safe_cell)
    csv, xlsx, html = out_dir / "index.csv", out_dir / "index.xlsx", out_dir / "index.html"
    with atomic_path(csv) as tmp:
        safe.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    tracks = pd.DataFrame([{"group": t.group, "documents": len(t.documents), "rows": t.rows, "status": t.status,
                            "error": t.error, "outputs": "; ".join(_rel(o, out_dir) for o in t.outputs)}
                           for t in result.tracks], columns=["group", "documents", "rows", "status", "error", "outputs"])
    tracks = tracks.map(safe_cell) if hasattr(tracks, "map") else tracks.applymap(safe_cell)
    with atomic_path(xlsx) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        safe.to_excel(xw, index=False, sheet_name="pairs")
        _tidy_sheet(xw.sheets["pairs"])
        if result.tracks:
            tracks.to_excel(xw, index=False, sheet_name="timelines")
            _tidy_sheet(xw.sheets["timelines"])
    write_text(html, index_html(result, out_dir))
    return [csv, xlsx, html]


def _tidy_sheet(ws: Any) -> None:
    """Freeze the header, add a filter and give columns a readable width."""
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col in ws.columns:
        longest = max((len(str(c.value)) if c.value is not None else 0) for c in col)
        ws.column_dimensions[col[0].column_letter].width = min(max(8, longest + 2), 60)


INDEX_CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em;margin-bottom:.2em} p.meta{color:#555;margin-top:0}
table{border-collapse:collapse;font-size:.9em;width:100%} th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f2f2f2;position:sticky;top:0} td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.failed td{background:#fdecea} tr.interrupted td{background:#fff6e0} td.err{color:#a00;font-size:.85em;max-width:40em}
span.st{font-weight:bold} a{color:#0645ad;margin-right:.5em} small{color:#666} td.y{white-space:nowrap}
"""


def index_html(result: BatchResult, out_dir: Path) -> str:
    """A self-contained page linking every brief and timeline, with counts, status and errors."""
    from html import escape
    from urllib.parse import quote

    from compare import __version__

    def link(path: str) -> str:
        rel = _rel(path, out_dir)
        label = Path(path).suffix.lstrip(".").upper() or rel
        return f'<a href="{escape(quote(rel))}">{escape(label)}</a>'

    def num(v: int | None) -> str:
        return "" if v is None else str(v)

    n, ok, sk, bad = len(result.rows), result.count("ok"), result.count("skipped"), sum(
        1 for r in result.rows if not r.ok)
    head = ["pair", "years", "A → B"] + [t for t in CHANGE_TYPES] + ["status", "outputs", "seconds"]
    body = []
    for r in result.rows:
        docs = f"{escape(r.title_a or Path(r.a).name)}<br><small>→ {escape(r.title_b or Path(r.b).name)}</small>" \
            if r.b else escape(Path(r.a).name)
        years = f"{num(r.year_a)} → {num(r.year_b)}" if r.b else num(r.year_a)
        title = f"<br><small>{escape(r.title)}</small>" if r.title else ""
        cells = [f"<td>{escape(r.name)}{title}</td>", f'<td class="y">{years}</td>', f"<td>{docs}</td>"]
        cells += [f'<td class="n">{num(r.counts.get(t))}</td>' for t in CHANGE_TYPES]
        status = f'<span class="st">{escape(r.status)}</span>'
        if r.error:
            status += f'<div class="err">{escape(r.error)}</div>'
        cells += [f"<td>{status}</td>", "<td>" + "".join(link(o) for o in r.outputs) + "</td>",
                  f'<td class="n">{r.seconds:.1f}</td>']
        body.append(f'<tr class="{escape(r.status)}">' + "".join(cells) + "</tr>")
    parts = ["<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
             "<title>compare batch index</title>", f"<style>{INDEX_CSS}</style></head><body>",
             "<h1>compare: batch index</h1>",
             f'<p class="meta">{n} pairs: {ok} done, {sk} up to date, {bad} failed or not run · '
             f"compare {escape(__version__)} · {time.strftime('%Y-%m-%d %H:%M')} · "
             '<a href="index.csv">CSV</a><a href="index.xlsx">XLSX</a></p>']
    if result.tracks:
        parts.append("<h2>Timelines</h2><table><tr><th>series</th><th>documents</th><th>rows</th><th>status</th>"
                     "<th>outputs</th></tr>")
        for t in result.tracks:
            err = f'<div class="err">{escape(t.error)}</div>' if t.error else ""
            parts.append(f'<tr class="{escape(t.status)}"><td>{escape(t.group)}</td><td class="n">{len(t.documents)}'
                         f'</td><td class="n">{t.rows or ""}</td><td>{escape(t.status)}{err}</td><td>'
                         + "".join(link(o) for o in t.outputs) + "</td></tr>")
        parts.append("</table><h2>Pairs</h2>")
    parts.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>")
    parts += body
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"
