"""Render processes started before the comparison: they load the renderers and the font while it runs.

For a short brief most of a PDF's, DOCX's or HTML page's time is importing reportlab, python-docx or
fontTools and loading the CJK font, none of which depends on the brief. So once the engine's modules are
imported, the command line forks one process that prepares every slow format asked for
(`compare.render.registry.prepare`) while the documents are read and compared, then forks one copy of
itself per further format. Each writes its format on its own core as soon as the brief arrives, from the
same warm state. Errors while preparing are ignored: writing does the same steps again and reports them
as it always has.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

Prepare = Callable[[str, Any], None]  # (format, options): compare.render.registry.prepare
Write = Callable[[dict[str, Any], Path, str, Any], None]  # (brief, path, format, options): write_brief


def can_fork() -> bool:
    """Whether render processes can be forked here (POSIX with a second core)."""
    import multiprocessing as mp

    return (os.cpu_count() or 1) > 1 and "fork" in mp.get_all_start_methods()


class RenderWorkers:
    """One process per output, forked now and warmed up; `write` hands each the brief and waits for it."""

    def __init__(self, outputs: list[tuple[Path, str]], options: Any, prepare: Prepare, write: Write) -> None:
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        self.outputs = list(outputs)
        pipes = [ctx.Pipe() for _ in self.outputs]
        self._conns = [mine for mine, _ in pipes]
        theirs = [end for _, end in pipes]
        self._proc = ctx.Process(target=_warm_then_write, name="compare-render", daemon=False,
                                 args=(self.outputs, theirs, options, prepare, write, self._conns))
        self._proc.start()
        for end in theirs:
            end.close()
        self._sent = False

    def send(self, data: dict[str, Any]) -> None:
        """Give every process the brief to write."""
        blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        self._sent = True
        for conn in self._conns:
            conn.send_bytes(blob)

    def result(self, index: int) -> None:
        """Wait for one output; re-raise the error its process met."""
        try:
            status, value = self._conns[index].recv()
        except EOFError:
            path, fmt = self.outputs[index]
            raise RuntimeError(f"the {fmt} writer of {path} stopped without a word") from None
        if status != "ok":
            raise value

    def close(self) -> None:
        """Let the processes go: finished ones exit; ones never sent a brief are stopped at once."""
        for conn in self._conns:
            conn.close()
        if not self._sent and self._proc.is_alive():
            self._proc.terminate()  # still preparing: nothing of theirs is on disk
        self._proc.join()


def _warm_then_write(outputs: list[tuple[Path, str]], conns: list[Connection], options: Any,
                     prepare: Prepare, write: Write, commands: list[Connection]) -> None:
    """The first render process: prepare every format, fork one copy per further output, write the first."""
    import signal

    for conn in commands:  # the command's own ends, inherited: a process holding one never sees it close
        conn.close()
    # stopped by the command (its comparison failed): leave through `finally`, which waits for the copies
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    children: list[int] = []
    try:
        for fmt in dict.fromkeys(f for _, f in outputs):
            with contextlib.suppress(Exception):  # met again, in order, when the brief is written
                prepare(fmt, options)
        from compare import regex_cache

        regex_cache.save_installed()  # the renderers' patterns, for the next run
        children += [_fork_writer(outputs, conns, k, options, write) for k in range(1, len(outputs))]
        for conn in conns[1:]:
            conn.close()
        _write(outputs[0], conns[0], options, write)
    except KeyboardInterrupt:  # Ctrl-C reached the whole process group: the command reports it
        pass
    finally:
        for pid in children:  # the copies got the same Ctrl-C, or finish their output
            with contextlib.suppress(ChildProcessError, KeyboardInterrupt):
                os.waitpid(pid, 0)


def _fork_writer(outputs: list[tuple[Path, str]], conns: list[Connection], k: int, options: Any,
                 write: Write) -> int:
    """A copy of this warm process that writes output k; it never returns into its parent's code."""
    pid = os.fork()
    if pid:
        return pid
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    code = 0
    try:
        for j, conn in enumerate(conns):
            if j != k:
                conn.close()
        _write(outputs[k], conns[k], options, write)
    except BaseException:  # noqa: BLE001 - interrupted: the command reports it
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _write(output: tuple[Path, str], conn: Connection, options: Any, write: Write) -> None:
    """Wait for the brief, write it in one format, and say how it went (if the command still listens)."""
    try:
        data = pickle.loads(conn.recv_bytes())
    except EOFError:  # the command stopped before it had a brief
        return
    try:
        write(data, output[0], output[1], options)
        reply: tuple[str, Any] = ("ok", None)
    except BaseException as e:  # noqa: BLE001 - every failure goes back to the command, as it was raised
        reply = ("error", e)
    try:
        conn.send(reply)
    except (pickle.PicklingError, TypeError, AttributeError):
        conn.send(("error", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}")))
    except OSError:  # the command is gone (interrupted)
        pass
