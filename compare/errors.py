"""Exit codes and the exceptions that carry a user-facing message and its remedy."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Process exit codes; each failure class has its own so scripts can react."""

    OK = 0
    SOME_FAILED = 1  # a batch finished but some pairs failed
    USAGE = 2  # bad options or arguments
    UNREADABLE_INPUT = 3  # missing, empty, corrupt, undecodable input
    UNSUPPORTED_INPUT = 4  # a format or content we do not handle (scanned PDF, encrypted, too large)
    OUTPUT_NOT_WRITABLE = 5  # the output path cannot be written
    INTERRUPTED = 130


class CompareError(Exception):
    """Base of every error the library raises on purpose: a message, a remedy and an exit code."""

    exit_code: ExitCode = ExitCode.UNREADABLE_INPUT

    def __init__(self, message: str, remedy: str = "", *, path: str | None = None) -> None:
        self.message = message
        self.remedy = remedy
        self.path = path
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message and remedy as the single line the CLI prints."""
        where = f"{self.path}: " if self.path else ""
        fix = f" ({self.remedy})" if self.remedy else ""
        return f"{where}{self.message}{fix}"


class UsageError(CompareError):
    """The command line asks for something impossible."""

    exit_code = ExitCode.USAGE


class UnreadableInputError(CompareError):
    """The input cannot be read: missing, empty, corrupt or undecodable."""

    exit_code = ExitCode.UNREADABLE_INPUT


class UnsupportedInputError(CompareError):
    """The input is readable but not something we process (no text layer, encrypted, too large)."""

    exit_code = ExitCode.UNSUPPORTED_INPUT


class OutputNotWritableError(CompareError):
    """An output cannot be written where it was asked for."""

    exit_code = ExitCode.OUTPUT_NOT_WRITABLE
