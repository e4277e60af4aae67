"""What every command shares: the brief formats and the guard that turns an error into one line."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from compare.errors import CompareError, ExitCode, OutputNotWritableError

BRIEF_FORMATS = ("json", "docx", "pdf", "html", "xlsx", "csv")
# a file name's bytes on most file systems (255), less the temporary name written first: .NAME.xxxxxxxx.part
MAX_NAME_BYTES = 255 - 15


def check_out_names(paths: list[Path]) -> None:
    """Refuse an output file name too long for the file system, before anything touches it."""
    for p in paths:
        size = len(os.fsencode(Path(p).name))
        if size > MAX_NAME_BYTES:
            raise OutputNotWritableError(
                f"the file name is {size:,} bytes, over the {MAX_NAME_BYTES}-byte limit of file systems",
                "choose a shorter --out name", path=str(p))


def run_guarded(debug: bool, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a command body; library errors become one line on stderr and their exit code."""
    try:
        return fn(*args, **kwargs)
    except CompareError as e:
        if debug:
            raise
        click.echo(f"compare: {e.one_line()}", err=True)
        sys.exit(int(e.exit_code))
    except KeyboardInterrupt:
        click.echo("compare: interrupted; no partial output was left behind", err=True)
        sys.exit(int(ExitCode.INTERRUPTED))
