"""Safe output writing: atomic replace, refusal to overwrite inputs, clear errors for unwritable paths."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from compare.errors import OutputNotWritableError


def check_output(path: Path, inputs: list[Path]) -> None:
    """Refuse an output whose folder is missing or not writable, or that would overwrite an input."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputNotWritableError("the output folder does not exist", "create it first or choose another --out",
                                     path=str(path))
    if not os.access(folder, os.W_OK):
        raise OutputNotWritableError("the output folder is not writable", "choose a folder you can write to",
                                     path=str(path))
    for src in inputs:
        with contextlib.suppress(OSError):
            if path.exists() and path.resolve() == src.resolve() or path.resolve() == src.resolve():
                raise OutputNotWritableError("the output would overwrite an input document",
                                             "choose a different --out name", path=str(path))


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename, else it vanishes."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or ".")
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes owner-only files; an output is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Write bytes atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    write_bytes(path, text.encode("utf-8"))
