"""Errors the library raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations


class TargetdocError(Exception):
    """Base of every error targetdoc raises on purpose."""


class InputError(TargetdocError):
    """Input that cannot be read as a notice: names the file and, where known, the line."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class CanonicalError(TargetdocError):
    """A canonical YAML or JSON file that does not hold a valid notice."""

    def __init__(self, message: str, *, path: str) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}")
