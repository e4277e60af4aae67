"""The per-pair time limit of a batch (COMPARE_LIMIT_MAX_PAIR_SECONDS).

Pool workers report each pair they start, and the parent kills a worker whose pair runs over; in this
process an alarm stops the pair instead."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

from compare.batch.jobs import IndexRow, Job
from compare.errors import UnsupportedInputError
from compare.read.limits import raise_hint

_STARTED: Any = None  # in a pool worker: the queue on which it reports (pair name, pid) as a pair starts


class PairTooSlow(UnsupportedInputError):
    """A pair stopped by the batch's per-pair time limit."""


def too_slow(job: Job, seconds: float) -> PairTooSlow:
    """The error of a pair stopped by the time limit."""
    return PairTooSlow(f"took over {seconds:g} s and was stopped",
                       f"check its documents for a hostile or huge input, {raise_hint('max_pair_seconds')}",
                       path=job.name)


def init_worker(queue: Any) -> None:
    """Pool initializer: keep the queue this worker reports its pairs on."""
    global _STARTED
    _STARTED = queue


def run_reported(runner: Any, job: Job) -> IndexRow:
    """In a pool worker: say which pair this process starts, then run it."""
    if _STARTED is not None:
        _STARTED.put((job.name, os.getpid()))
    return runner(job)


class Watch:
    """The parent's watch on a pool: when and where each pair started; it kills those over the limit."""

    def __init__(self, pool: Any, queue: Any, seconds: float, killed: set[str]) -> None:
        self.pool, self.queue, self.seconds, self.killed = pool, queue, seconds, killed
        self.started: dict[str, tuple[int, float]] = {}

    def check(self, running: list[Job]) -> None:
        """Note the pairs reported since the last look; kill the worker of any pair over the limit."""
        with contextlib.suppress(Exception):
            while not self.queue.empty():
                name, pid = self.queue.get_nowait()
                self.started[name] = (pid, time.monotonic())
        now = time.monotonic()
        ours = set(getattr(self.pool, "_processes", None) or {})  # only ever signal this pool's own workers
        for job in running:
            pid, t0 = self.started.get(job.name, (0, now))
            if pid in ours and job.name not in self.killed and now - t0 > self.seconds:
                self.killed.add(job.name)
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)

    def tick(self) -> float:
        """How long to wait for a pair to finish before looking again."""
        return max(0.05, min(1.0, self.seconds / 4))


@contextlib.contextmanager
def alarm(job: Job, seconds: float) -> Iterator[None]:
    """In this process: stop the pair with too_slow() once it runs over (at its next Python step)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise too_slow(job, seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
