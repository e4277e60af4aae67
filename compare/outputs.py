"""Safe output writing: atomic replace, refusal to overwrite inputs, clear errors for unwritable paths."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from compare.errors import OutputNotWritableError


def check_output(path: Path, inputs: list[Path]) -> None:
    """Refuse an output whose folder is missing or not writable, or that would overwrite an input."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputNotWritableError("the output folder does not exist",
                                     "create it first or choose another --out", path=str(path))
    if path.is_dir():
        raise OutputNotWritableError("the output path is a folder, not a file",
                                     "give a file name, e.g. --out FOLDER/brief.pdf", path=str(path))
    if not os.access(folder, os.W_OK):
        raise OutputNotWritableError("the output folder is not writable", "choose a folder you can write to",
                                     path=str(path))
    for src in inputs:
        if _same_file(path, src):
            raise OutputNotWritableError("the output would overwrite an input document",
                                         "choose a different --out name", path=str(path))


def _same_file(a: Path, b: Path) -> bool:
    """True when two paths name one file: the same spelling after links, or the same inode (a hard link)."""
    if os.path.realpath(a) == os.path.realpath(b):  # never raises, even on a symlink loop
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


# Errors that say the output cannot be written where it was asked for (not a bug in compare).
_WRITE_ERRNOS = {errno.EACCES, errno.EPERM, errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EROFS,
                 errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.ENAMETOOLONG, errno.EXDEV,
                 errno.EBUSY, errno.ETXTBSY}


_DEVICE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


def _about_output(exc: OSError, tmp: str, path: Path) -> bool:
    """True when an OSError concerns the output itself (its temp file or final name), not some other file."""
    if exc.errno not in _WRITE_ERRNOS:
        return False
    names = {os.fspath(n) for n in (exc.filename, exc.filename2) if n is not None}
    if not names:
        return exc.errno in _DEVICE_ERRNOS  # a write to an open file: disk full, quota, I/O error
    return bool(names & {tmp, str(path), os.path.abspath(tmp), os.path.abspath(path)})


def _not_writable(path: Path, exc: OSError) -> OutputNotWritableError:
    reason = exc.strerror or str(exc)
    remedy = ("free some disk space or choose another folder" if exc.errno in (errno.ENOSPC, errno.EDQUOT)
              else "check that the folder exists and is writable, or choose another --out")
    return OutputNotWritableError(f"cannot be written ({reason})", remedy, path=str(path))


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename, else it vanishes.

    An OSError that means the place is not writable (permissions, missing folder, read-only or full disk, a
    folder in the way) becomes an OutputNotWritableError; the old file at `path`, if any, is left as it was.
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or ".")
    except OSError as exc:
        raise _not_writable(path, exc) from exc
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes owner-only files; an output is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if _about_output(exc, tmp, path):
            raise _not_writable(path, exc) from exc
        raise
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
