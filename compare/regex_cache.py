"""Compiled regular expressions kept between runs, like bytecode, so the command line starts faster.

The engine's modules compile about 250 patterns as they load (reportlab another 20 in a PDF's render
process), and CJK character classes make Python's `re` compiler slow: about 0.1 s, a fifth of a short
comparison. Compiling is a pure function of the pattern, its flags and the interpreter, so the command
line keeps the compiled program of each pattern a module compiles as it is imported (at its top level)
in a file beside the package's bytecode (`compare/__pycache__/regex_cache.<python>.patterns`, or under
PYTHONPYCACHEPREFIX), and on later runs builds the pattern from it directly. Patterns compiled while a
command runs are not kept. The file is written like bytecode (not when PYTHONDONTWRITEBYTECODE is set),
merged with what another process wrote meanwhile, and ignored when it was made by another interpreter or
cannot be read; then, or if this Python's `re` internals are not the expected ones, patterns are compiled
as usual.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:  # CPython's regular-expression engine and compiler (3.11 and later name them so)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: compile as usual
    _sre = None

Program = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_ORIGINAL: Callable[..., re.Pattern[Any]] = re.compile
MAX_KEPT = 1000  # programs in the file; the engine's modules compile about 250
_TEMPLATE = int(getattr(re, "TEMPLATE", 0))  # deprecated in 3.11; compiled as usual when set


def _stamp() -> str:
    """What a kept program is valid for: this exact interpreter and regular-expression engine."""
    return f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}"


def default_path() -> Path:
    """The file beside this module's bytecode, where the programs are kept."""
    from importlib.util import cache_from_source

    return Path(cache_from_source(__file__)).with_suffix(".patterns")


def program(pattern: str, flags: int) -> Program:
    """What re.compile hands the engine for pattern and flags (re._compiler.compile, step by step)."""
    p = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(p, flags)]
    groupindex = dict(p.state.groupdict)
    indexgroup: list[Any] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))


class PatternCache:
    """Programs by (pattern, flags), read from and written to one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._programs: dict[tuple[str, int], Program] | None = None  # read on first use
        self.used: set[tuple[str, int]] = set()
        self.dirty = False

    @property
    def programs(self) -> dict[tuple[str, int], Program]:
        """The kept programs, read from the file the first time they are needed."""
        if self._programs is None:
            self._programs = self._read()
        return self._programs

    def _read(self) -> dict[tuple[str, int], Program]:
        try:
            stamp, programs = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        return programs if stamp == _stamp() and isinstance(programs, dict) else {}

    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        """The pattern, from its kept program or compiled now (and then kept)."""
        flags = int(flags)  # a RegexFlag is an int subclass, which marshal does not write
        self.used.add((pattern, flags))
        found = self.programs.get((pattern, flags))
        if found is None:
            found = self.programs[(pattern, flags)] = program(pattern, flags)
            self.dirty = True
        compiled: re.Pattern[str] = _sre.compile(pattern, *found)
        return compiled

    def save(self) -> None:
        """Write the programs (atomically, with any another process kept meanwhile) if any were added.

        An unwritable place just means no file.
        """
        if not self.dirty or sys.dont_write_bytecode:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            programs = {**self._read(), **self.programs}
            if len(programs) > MAX_KEPT:  # old versions of edited patterns pile up: keep this run's only
                programs = {k: v for k, v in programs.items() if k in self.used}
            tmp.write_bytes(marshal.dumps((_stamp(), programs)))
            os.replace(tmp, self.path)
            self.dirty = False
        except (OSError, ValueError):  # ValueError: a value marshal cannot write
            tmp.unlink(missing_ok=True)


_COMPREHENSIONS = frozenset({"<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"})


def _at_import() -> bool:
    """Whether re.compile was called as a module loads (its top level, or a comprehension there)."""
    frame = sys._getframe(2)  # 0 this function, 1 compile_kept, 2 the caller
    if frame.f_globals.get("__name__") == "__main__":  # a script's patterns may be made from its input
        return False
    while frame.f_code.co_name in _COMPREHENSIONS and frame.f_back is not None:
        frame = frame.f_back
    return frame.f_code.co_name == "<module>"


_installed: list[PatternCache] = []


def save_installed() -> None:
    """Keep what this process added (a forked render process, which never reaches the command's end)."""
    for cache in _installed:
        cache.save()


def install(path: Path | None = None) -> PatternCache | None:
    """Serve module-level re.compile calls from the kept programs for the rest of this process."""
    if _sre is None or not hasattr(_compiler, "_code") or not hasattr(_parser, "parse"):
        return None
    cache = PatternCache(path or default_path())

    def compile_kept(pattern: Any, flags: Any = 0) -> re.Pattern[Any]:
        if type(pattern) is str and type(flags) in (int, re.RegexFlag) and _at_import():
            flags = int(flags)
            if not flags & (re.DEBUG | _TEMPLATE):
                return cache.compile(pattern, flags)
        return _ORIGINAL(pattern, flags)

    re.compile = compile_kept  # type: ignore[assignment]
    _installed.append(cache)
    return cache
