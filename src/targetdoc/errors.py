"""Every error targetdoc raises on purpose; the CLI turns them into messages and exit codes.

Two families: bad input (the user's file, exit code 2), and internal errors (a bug
in targetdoc or in the data it ships, such as a malformed grammar: exit code 3).
Each error pickles with its fields, so a worker process's error reaches the parent
with its type, file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class TargetdocError(Exception):
    """Base of every error targetdoc raises on purpose."""


class LocatedError(TargetdocError):
    """An error about a file, at a line where one is known: ``file:line: message``."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self.message, {"path": self.path, "line": self.line})


class InputError(LocatedError):
    """Input that cannot be read as a notice: names the file and, where known, the line."""


class DataFileError(InputError):
    """A profile, waivers or roll-ups file that is not what it should be."""


class CanonicalError(LocatedError):
    """A canonical YAML or JSON file that does not hold a valid notice."""


class ActualError(TargetdocError, ValueError):
    """A reported actual that cannot be read: not a number, a unit of another kind, more
    values than the item has targets. ``targetdoc score`` reports it at its CSV line."""

    def __init__(self, template: str, values: tuple[tuple[str, str], ...] = ()) -> None:
        # A template and its values (``N_``-marked), so that the finding and the reason
        # it gives can be shown in either language.
        self.template = template
        self.values = values
        self.message = template.format_map(dict(values)) if values else template
        super().__init__(self.message)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.template, self.values)


class OutputError(TargetdocError):
    """An output that cannot or must not be written."""

    def __init__(self, message: str, *, path: Path) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self.message, {"path": self.path})


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: what was done (``done``) and what was not (``not_done``).

    A KeyboardInterrupt still, so that whoever does not ask stops as on any Ctrl-C.
    """

    def __init__(self, done: list[Any], not_done: list[Any]) -> None:
        super().__init__(f"interrupted: {len(done)} done, {len(not_done)} not")
        self.done = done
        self.not_done = not_done


class InternalError(TargetdocError):
    """A bug in targetdoc or in the data it ships, not in the user's input."""


class GrammarError(InternalError):
    """A grammar or profile shipped with targetdoc that is malformed."""


def _rebuild(cls: type[TargetdocError], message: str, fields: dict[str, Any]) -> TargetdocError:
    """Unpickle an error with keyword-only fields (``Exception`` pickles only ``args``)."""
    return cls(message, **fields)
