"""Writing results safely: atomically to regular files, through to anything else, never
over the input.

Only a regular file gets the temporary-file-and-rename: a device (``/dev/null``), a FIFO
or a terminal is written through, never replaced by a file; a symbolic link to a regular
file keeps its link, and the file it points to is replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from targetdoc.errors import OutputError


def refuse_overwriting(inputs: list[Path], output: Path) -> None:
    """An output that is one of the inputs would destroy the data it came from."""
    for source in inputs:
        if str(source) != "-" and output.exists() and output.resolve() == source.resolve():
            raise OutputError("refusing to write the output over the input", path=output)


def write_output(path: Path, data: bytes) -> None:
    """Write the bytes to the path: atomically if it is (or will be) a regular file."""
    try:
        status = path.stat()  # follows links: what the path is in the end
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror}", path=path) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError("is a folder, not a file", path=path)
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_through(path, data)
        return
    target = path.resolve() if path.is_symlink() else path
    if str(target).startswith(("/proc/", "/dev/")):
        _write_through(path, data)  # /dev/stdout → /proc/self/fd/1: the caller's stream
        return
    write_atomically(target, data)


def _write_through(path: Path, data: bytes) -> None:
    """A device, FIFO or stream: write into it as it is (it cannot be half-replaced)."""
    try:
        with path.open("wb") as stream:
            stream.write(data)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror}", path=path) from None


def _mode_for(path: Path) -> int:
    """An existing file keeps its mode; a new one gets the usual one (not mkstemp's 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)  # build/report.html: build/ made
    except OSError as error:
        raise OutputError(
            f"cannot make the folder {directory}: {error.strerror}", path=path
        ) from None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror}", path=path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {error.strerror}", path=path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
