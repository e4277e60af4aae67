"""Batch progress: the reporters (silent, one line per pair, or a rich progress bar on a terminal)."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from compare.batch.jobs import IndexRow, Job


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
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", style="bold"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("ok {task.fields[ok]} failed {task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.progress.start()
        self.task = self.progress.add_task("starting", total=total, ok=0, failed=0)

    def running(self, jobs: list[Job]) -> None:
        if self.progress is not None and jobs:
            name = jobs[0].name if len(jobs[0].name) <= 28 else jobs[0].name[:27] + "…"
            self.progress.update(
                self.task, description=escape(name) + (f" +{len(jobs) - 1}" if len(jobs) > 1 else "")
            )

    def done(self, row: IndexRow) -> None:
        if row.ok:
            self.ok += 1
        else:
            self.failed += 1
            self.progress.console.print(
                f"[red]failed[/red] {escape(row.name)}: {escape(row.error)}", markup=True, highlight=False
            )
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
