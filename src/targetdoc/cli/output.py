"""Writing results safely: atomically, and never over the input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from targetdoc.errors import OutputError


def refuse_overwriting(inputs: list[Path], output: Path) -> None:
    """An output that is one of the inputs would destroy the data it came from."""
    for source in inputs:
        if str(source) != "-" and output.exists() and output.resolve() == source.resolve():
            raise OutputError("refusing to write the output over the input", path=output)


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
    if not directory.is_dir():
        raise OutputError(f"the folder {directory} does not exist", path=path)
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
