"""What every command shares: the brief formats and the guard that turns an error into one line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from compare.errors import CompareError, ExitCode

BRIEF_FORMATS = ("json", "docx", "pdf", "html", "xlsx", "csv")


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
