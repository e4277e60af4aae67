"""Batch executors: in this process, a process pool that survives dying workers, or a Dask cluster."""

from __future__ import annotations

import contextlib
import glob
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.batch.deadline import PairTooSlow, Watch, alarm, init_worker, run_reported, too_slow
from compare.batch.jobs import IndexRow, Job, error_line, row_for, run_pair
from compare.batch.progress import Reporter
from compare.errors import UsageError

DASK_CONNECT_TIMEOUT = "15s"  # how long to try reaching a --scheduler before giving up

Runner = Callable[[Job], IndexRow]


def default_workers() -> int:
    """All the cores this process may use."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _mp_context() -> Any:
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    # not fork: the progress bar runs a thread, and forking a threaded process can deadlock
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def execute(jobs: list[Job], workers: int, runner: Runner = run_pair, reporter: Reporter | None = None,
            scheduler: str | None = None, pair_seconds: float | None = None) -> Iterator[IndexRow]:
    """Run jobs in this process (workers=1), a process pool or a Dask cluster; yield rows as they finish.

    pair_seconds: a pair still running after this long fails (its worker is killed; in this process an alarm
    stops it at its next Python step). Dask applies its own limits.
    """
    reporter = reporter or Reporter()
    if scheduler:
        yield from _execute_dask(jobs, scheduler, runner, reporter)
    elif workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            reporter.running([job])
            yield _run_here(job, runner, pair_seconds)
    else:
        yield from _execute_pool(jobs, workers, runner, reporter, pair_seconds)


def _run_here(job: Job, runner: Runner, pair_seconds: float | None) -> IndexRow:
    """One pair in this process, under the time limit."""
    if not pair_seconds:
        return runner(job)
    try:
        with alarm(job, pair_seconds):
            return runner(job)
    except PairTooSlow as e:
        return _pool_failure(job, e)


def _pool_failure(job: Job, e: BaseException) -> IndexRow:
    row = row_for(job)
    row.error = error_line(e)
    return row


@dataclass
class _Retries:
    """The jobs still to run, how often each was caught in a broken pool, and those to run alone."""

    queue: list[Job]
    pair_seconds: float | None = None
    breaks: dict[str, int] = field(default_factory=dict)
    alone: list[Job] = field(default_factory=list)  # caught in two pool failures: each gets a pool of its own
    killed: set[str] = field(default_factory=set)  # pairs whose worker was killed for running over the limit

    def requeue(self, job: Job, front: bool = False) -> None:
        """A job whose pool broke goes back in line, or to run alone the second time."""
        self.breaks[job.name] = self.breaks.get(job.name, 0) + 1
        if self.breaks[job.name] >= 2:
            self.alone.append(job)
        elif front:
            self.queue.insert(0, job)
        else:
            self.queue.append(job)


def _execute_pool(jobs: list[Job], workers: int, runner: Runner, reporter: Reporter,
                  pair_seconds: float | None = None) -> Iterator[IndexRow]:
    """A pool that survives a worker dying: its pairs are retried, then run alone to find the culprit."""
    from concurrent.futures import ProcessPoolExecutor

    work = _Retries(list(jobs), pair_seconds)
    ctx = _mp_context()
    while work.queue or work.alone:
        isolated = not work.queue
        if isolated:
            work.queue = [work.alone.pop(0)]
        width = 1 if isolated else min(workers, len(work.queue))
        started = ctx.Queue()
        pool = ProcessPoolExecutor(max_workers=width, mp_context=ctx, initializer=init_worker,
                                   initargs=(started,))
        watch = Watch(pool, started, pair_seconds, work.killed) if pair_seconds else None
        inflight: dict[Any, Job] = {}
        lost: list[Job] = []  # the jobs of a pool that broke: their workers may have died mid-write
        try:
            yield from _drain(pool, width, runner, reporter, work, inflight, lost, isolated, watch)
        except BaseException:
            _abandon(pool, list(inflight.values()))
            raise
        if lost:  # the pool terminates its other workers: wait for them, then remove what they half-wrote
            _abandon(pool, lost)
        else:
            pool.shutdown(wait=True, cancel_futures=True)


def _drain(pool: Any, width: int, runner: Runner, reporter: Reporter, work: _Retries,
           inflight: dict[Any, Job], lost: list[Job], isolated: bool,
           watch: Watch | None) -> Iterator[IndexRow]:
    """Feed the pool and yield rows until the queue is empty or the pool breaks (its jobs go back in line)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    while work.queue or inflight:
        while work.queue and len(inflight) < 2 * width:
            job = work.queue.pop(0)
            inflight[pool.submit(run_reported, runner, job)] = job
        reporter.running(list(inflight.values())[:width])
        tick = watch.tick() if watch else None
        finished, _ = wait(list(inflight), timeout=tick, return_when=FIRST_COMPLETED)
        if watch:
            watch.check(list(inflight.values()))
        for fut in finished:
            yield from _outcome(fut, inflight.pop(fut), work, lost, isolated)
        if lost:
            for fut, job in list(inflight.items()):  # the rest of the broken pool's jobs go back in line
                if fut.done() and not fut.cancelled() and fut.exception() is None:
                    yield fut.result()
                    continue
                work.requeue(job)
                lost.append(job)
            inflight.clear()
            return


def _outcome(fut: Any, job: Job, work: _Retries, lost: list[Job], isolated: bool) -> Iterator[IndexRow]:
    """The row of a finished future; a dead worker fails its pair when alone, else sends it back in line."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield fut.result()
    except BrokenProcessPool:
        lost.append(job)
        if job.name in work.killed and work.pair_seconds:
            yield _pool_failure(job, too_slow(job, work.pair_seconds))
        elif isolated:
            yield _pool_failure(job, RuntimeError("the worker process died while comparing this pair"))
        else:
            work.requeue(job, front=True)
    except Exception as e:  # noqa: BLE001 - e.g. a runner that raised or a result that did not pickle
        yield _pool_failure(job, e)


def _abandon(pool: Any, jobs: list[Job]) -> None:
    """On Ctrl-C or a broken pool: stop the workers, then remove the temporary files of their pairs."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them: take them now
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
    """Submit the same jobs to a Dask distributed cluster (its workers must see the inputs and --out-dir)."""
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
