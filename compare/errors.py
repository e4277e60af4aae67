"""Exit codes and the exceptions that carry a user-facing message and its remedy."""

from __future__ import annotations

import enum
import re

# line breaks and other control characters, and the bidirectional controls that reorder what a terminal shows
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def printable(text: str) -> str:
    """Text safe for one line of a terminal or log: controls and bidi overrides escaped (\\n, \\u202e)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


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
        """The message and remedy as the single line the CLI prints (a newline in a path cannot split it)."""
        where = f"{self.path}: " if self.path else ""
        fix = f" ({self.remedy})" if self.remedy else ""
        return printable(f"{where}{self.message}{fix}")


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
