"""Running a batch: skip what is up to date, execute the rest, write timelines, the journal and the index."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from compare.batch.executor import Runner, default_workers, execute
from compare.batch.index import write_index
from compare.batch.jobs import (
    FORMAT_SUFFIX,
    JOURNAL,
    BatchOptions,
    BatchResult,
    IndexRow,
    Job,
    TrackInfo,
    _Journal,
    _journal_record,
    error_line,
    load_prior,
    make_jobs,
    row_for,
    run_pair,
    up_to_date,
)
from compare.batch.plan import Plan, safe_name, track_stem, year_in_name
from compare.batch.progress import Reporter
from compare.cache import content_key, file_hash
from compare.errors import OutputNotWritableError, UsageError
from compare.read.limits import Limits

TRACK_FORMATS = ("xlsx", "csv", "json", "pdf", "docx")  # what a series timeline can be written as


def run_batch(plan: Plan, opts: BatchOptions, reporter: Reporter | None = None,
              runner: Runner = run_pair) -> BatchResult:
    """Run every pair of the plan, skip what is up to date, write timelines and the index; go past bad pairs.

    On Ctrl-C the index is still written (pairs not run marked interrupted), then KeyboardInterrupt raised.
    """
    out_dir = Path(opts.out_dir)
    want_track = _track_groups(plan, opts)
    jobs = make_jobs(plan, opts, set(want_track))  # refuses bad outs before anything is written
    _prepare_out_dir(out_dir, plan)
    with lock_folder(out_dir):
        return _run(plan, opts, reporter or Reporter(), runner, want_track, jobs)


def _run(plan: Plan, opts: BatchOptions, reporter: Reporter, runner: Runner, want_track: dict[str, list[str]],
         jobs: list[Job]) -> BatchResult:
    """run_batch once the jobs are made and --out-dir is ready and locked."""
    out_dir = Path(opts.out_dir)
    prior, prior_tracks = ({}, {}) if opts.force else load_prior(out_dir)
    done, todo = _split_up_to_date(jobs, prior)
    sweep_stale(out_dir, jobs)
    result = BatchResult([])
    journal = _Journal(out_dir / JOURNAL)
    for row in done.values():
        journal.add(_journal_record(row))
    reporter.start(len(todo), len(done))
    workers = opts.workers or default_workers()
    limit = Limits.from_env().max_pair_seconds
    try:
        for row in execute(todo, workers, runner, reporter, opts.scheduler, limit):
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
    result.index = write_index(result, out_dir, opts.lang, opts.template_dir)
    journal.close()
    _compact_journal(out_dir, result)
    if result.interrupted:
        raise BatchInterrupted(result)
    return result


LOCK = ".compare-batch.lock"  # held (flock) by the batch writing to a folder


@contextlib.contextmanager
def lock_folder(out_dir: Path) -> Iterator[None]:
    """Hold --out-dir for this batch; a second batch on the same folder is refused, not let in to sweep it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks here
        yield
        return
    with open(out_dir / LOCK, "a+b") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"another compare batch is writing to {out_dir}",
                             "wait for it to finish, or choose another --out-dir") from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


_STALE = re.compile(r"^\..+\.(json|jsonl|docx|pdf|html|xlsx|csv)\.[A-Za-z0-9_]{8}\.(part|tmp)$")


def sweep_stale(out_dir: Path, jobs: list[Job]) -> list[Path]:
    """Remove what killed runs left half-written (.NAME.xxxxxxxx.part) in --out-dir and the jobs' folders.

    Safe under the folder's lock: no other batch is writing there. Only names of our own temporary files go.
    """
    folders = {out_dir.resolve()} | {Path(out).parent.resolve() for job in jobs for _, out in job.outputs()}
    gone = []
    for folder in sorted(folders):
        for tmp in folder.glob(".*"):
            if _STALE.match(tmp.name) and tmp.is_file():
                with contextlib.suppress(OSError):
                    tmp.unlink()
                    gone.append(tmp)
    return gone


def _prepare_out_dir(out_dir: Path, plan: Plan) -> None:
    """Create --out-dir; refuse it when it cannot be written or holds the documents."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputNotWritableError(f"cannot create the output folder: {e.strerror or e}",
                                     "choose another --out-dir", path=str(out_dir)) from e
    if not os.access(out_dir, os.W_OK):
        raise OutputNotWritableError("the output folder is not writable", "choose another --out-dir",
                                     path=str(out_dir))
    _refuse_inputs_in(out_dir, plan)


def _split_up_to_date(jobs: list[Job], prior: dict[str, IndexRow]) -> tuple[dict[str, IndexRow], list[Job]]:
    """Rows of the jobs an earlier run completed (marked skipped), and the jobs still to run."""
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
    return done, todo


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
    folders = {Path(p.a).resolve().parent for p in plan.pairs} | {
        Path(p.b).resolve().parent for p in plan.pairs
    }
    if out_dir.resolve() in folders:
        raise UsageError(
            "--out-dir is the folder of the documents", "choose another --out-dir, e.g. reports/"
        )


def _compact_journal(out_dir: Path, result: BatchResult) -> None:
    from compare.outputs import write_text

    lines = [json.dumps(_journal_record(r), ensure_ascii=False, default=str) for r in result.rows if r.ok]
    lines += [
        json.dumps(
            {"kind": "track", "group": t.group, "key": t.key, "outputs": t.outputs, "status": t.status},
            ensure_ascii=False,
        )
        for t in result.tracks
        if t.status != "failed"
    ]
    with contextlib.suppress(OSError):
        write_text(out_dir / JOURNAL, "".join(line + "\n" for line in lines))


# ---------------------------------------------------------------- timelines of series


def _track_groups(plan: Plan, opts: BatchOptions) -> dict[str, list[str]]:
    if opts.track is False:
        return {}
    if opts.track is None and plan.mode != "series":
        return {g: docs for g, docs in plan.series.items() if len(docs) >= 3}
    return {g: docs for g, docs in plan.series.items() if len(docs) >= 2}


def write_tracks(
    plan: Plan,
    groups: dict[str, list[str]],
    rows: list[IndexRow],
    opts: BatchOptions,
    prior: dict[str, dict[str, Any]],
) -> list[TrackInfo]:
    """A timeline per series from the steps the workers returned (missing ones computed here alike)."""
    from compare.track import track_series, write_track

    known = {(r.a, r.b): r.step for r in rows if r.step is not None}
    formats = [f for f in TRACK_FORMATS if f in ("xlsx", "csv") or f in opts.formats]
    out = []
    for group, docs in groups.items():
        docs = [os.path.abspath(d) for d in docs]
        stem = Path(opts.out_dir) / track_stem(group, plan.mode)
        paths = [str(stem) + FORMAT_SUFFIX[f] for f in formats]
        key = content_key(
            {
                "docs": [[d, file_hash(d)] for d in docs],
                "formats": formats,
                "lang": opts.lang or "",
                "font": file_hash(opts.font) if opts.font else "",
            }
        )
        info = TrackInfo(group, docs, key=key)
        before = prior.get(group)
        if (
            not opts.force
            and before
            and before.get("key") == key
            and before.get("status") != "failed"
            and all(os.path.isfile(p) for p in paths)
        ):
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
