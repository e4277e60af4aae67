"""Batch jobs: what a worker is given (Job), what it returns (IndexRow), running one pair, and resuming."""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.batch.plan import FORMAT_SUFFIX, PairSpec, Plan, _resolve, track_stem, unique_names, year_in_name
from compare.cache import brief_data, content_key, file_hash, folder_hash
from compare.errors import CompareError, ExitCode, UsageError
from compare.model import CHANGE_TYPES

STATUSES = ("ok", "skipped", "failed", "interrupted")

JOURNAL = ".compare-batch.jsonl"  # one JSON line per finished pair: what a re-run may skip after a crash
INDEX_COLUMNS = [
    "name",
    "title",
    "group",
    "a",
    "b",
    "year_a",
    "year_b",
    "title_a",
    "title_b",
    "tasks_a",
    "tasks_b",
    "targets_a",
    "targets_b",
    *CHANGE_TYPES,
    "status",
    "error",
    "outputs",
    "seconds",
    "key",
]
INT_COLUMNS = ("year_a", "year_b", "tasks_a", "tasks_b", "targets_a", "targets_b", *CHANGE_TYPES)

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
    corrections: str | None = None  # the analyst's corrections file for this pair, when there is one

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
    step: dict[str, Any] | None = field(
        default=None, repr=False
    )  # slim brief for timelines; never in the index

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
    return IndexRow(
        name=job.name,
        a=job.a,
        b=job.b,
        title=job.title,
        group=job.group,
        year_a=year_in_name(job.a),
        year_b=year_in_name(job.b),
        key=job.key,
    )


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


def run_pair(job: Job) -> IndexRow:
    """Compare one pair and write its outputs; every failure becomes a failed row, never an exception."""
    from compare.outputs import check_output
    from compare.render.registry import BriefOptions, write_brief

    t0 = time.perf_counter()
    row = row_for(job)
    try:
        data = brief_data(job.a, job.b)
        if job.corrections:  # an analyst's corrections: a malformed file fails this pair only
            from compare.corrections import apply_corrections, load_corrections

            shared = Path(job.corrections).name == "corrections.toml"  # one file with [pairs."name"] tables
            fixes = load_corrections(job.corrections, job.name if shared else None)
            if fixes.entries or not shared:
                data = apply_corrections(data, fixes)
        fill_row(row, data)
        for fmt, out in job.outputs():
            path = Path(out)
            path.parent.mkdir(parents=True, exist_ok=True)
            check_output(path, [Path(job.a), Path(job.b)])
            write_brief(data, path, fmt, options=BriefOptions.of(job.lang, job.template_dir, job.font))
            row.outputs.append(out)
        if job.want_step:
            from compare.track import step_of

            row.step = step_of(data)
        row.status = "ok"
    except Exception as e:  # noqa: BLE001 - a bad pair is recorded, the batch goes on
        row.status, row.error = "failed", error_line(e)
    row.seconds = round(time.perf_counter() - t0, 2)
    return row


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
    corrections_dir: Path | None = None  # the manifest's (or source) folder, holding corrections/<pair>.toml


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


def _check_stem(stem: Path, out_dir: Path, pair: PairSpec, inputs: set[Path], reserved: set[str],
                formats: tuple[str, ...]) -> None:
    """A pair's outputs stay inside --out-dir, overwrite no input of the batch and take no reserved name."""
    where = stem.resolve()
    if where == out_dir or not where.is_relative_to(out_dir):
        raise UsageError(f"pair {pair.name}: out={pair.out!r} would write outside --out-dir {out_dir}",
                         "give an out value inside the output folder, without .. or another folder's path")
    if where.relative_to(out_dir).as_posix().lower() in reserved:
        raise UsageError(f"pair {pair.name}: out={pair.out!r} is the name of the batch's index or timeline",
                         "give the pair another name or out value")
    for fmt in formats:
        if Path(str(where) + FORMAT_SUFFIX[fmt]) in inputs:
            raise UsageError(f"pair {pair.name}: out={pair.out!r} would overwrite an input of the batch "
                             f"({where}{FORMAT_SUFFIX[fmt]})", "give the pair another name or out value")


def find_pair_file(name: str, corrections_dir: Path | None, out_dir: Path) -> Path | None:
    """The pair's corrections file (compare.corrections.find_pair_file), imported only when a batch plans."""
    from compare.corrections import find_pair_file as find

    return find(name, corrections_dir, out_dir)


def _semantic_name() -> str:
    """The embedding model every pair of this run aligns with (its name and fingerprint), or ""."""
    from compare.semantic import embedder_from_env

    model = embedder_from_env()
    return model.name if model is not None else ""


def make_jobs(plan: Plan, opts: BatchOptions, want_steps: set[str]) -> list[Job]:
    """One job per pair: absolute paths, output stems under --out-dir, the key of inputs and options."""
    out_dir = Path(opts.out_dir).resolve()
    common = {
        "formats": sorted(opts.formats),
        "lang": opts.lang or "",
        "template": folder_hash(opts.template_dir),
        "font": file_hash(opts.font) if opts.font else "",
        "semantic": _semantic_name(),
    }
    jobs: list[Job] = []
    stems: dict[str, str] = {}
    inputs = {Path(d).resolve() for p in plan.pairs for d in (p.a, p.b)} | {
        Path(d).resolve() for d, _ in plan.rejects}
    reserved = {"index"} | {track_stem(g, plan.mode).lower() for g in want_steps}
    for p in unique_names(plan.pairs):
        a, b = os.path.abspath(p.a), os.path.abspath(p.b)
        stem = str(_resolve(out_dir, p.out))
        _check_stem(Path(stem), out_dir, p, inputs, reserved, opts.formats)
        if stem in stems:
            raise UsageError(
                f"pairs {stems[stem]} and {p.name} would write the same outputs ({p.out})",
                "give them different names or out values",
            )
        stems[stem] = p.name
        fixes = find_pair_file(p.name, opts.corrections_dir, out_dir)
        key = content_key({"a": [a, file_hash(a)], "b": [b, file_hash(b)], **common,
                           "corrections": file_hash(str(fixes)) if fixes else ""})
        jobs.append(
            Job(
                p.name,
                a,
                b,
                stem,
                tuple(opts.formats),
                p.title,
                p.group,
                opts.lang,
                str(opts.template_dir) if opts.template_dir else None,
                str(opts.font) if opts.font else None,
                key,
                p.group in want_steps,
                str(fixes) if fixes else None,
            )
        )
    return jobs


def load_prior(out_dir: Path) -> tuple[dict[str, IndexRow], dict[str, dict[str, Any]]]:
    """What an earlier run recorded in out_dir: index.csv, then the journal (later lines win)."""
    rows: dict[str, IndexRow] = {}
    tracks: dict[str, dict[str, Any]] = {}
    index = out_dir / "index.csv"
    if index.is_file():
        import pandas as pd

        with contextlib.suppress(Exception):
            for rec in pd.read_csv(index, dtype=str, keep_default_na=False, encoding="utf-8-sig").to_dict(
                "records"
            ):
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
    return (
        prior is not None
        and prior.ok
        and prior.key == job.key
        and all(os.path.isfile(out) for _, out in job.outputs())
    )


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
