"""What the command-line modules share: error handling, options, reading input."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from targetdoc.models import Notice
    from targetdoc.parse.engine import ParseResult
    from targetdoc.read.source import Source

F = TypeVar("F", bound=Callable[..., Any])


class InputProblem(click.ClickException):
    """Bad input: one message naming the file (and line), exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"targetdoc: error: {self.format_message()}", err=True)


def library_errors(command: F) -> F:
    """Turn targetdoc's own errors into clean messages at the edge."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from targetdoc.errors import TargetdocError

        try:
            return command(*args, **kwargs)
        except TargetdocError as error:
            raise InputProblem(str(error)) from None

    return wrapper  # type: ignore[return-value]


jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel worker processes for many notices [default: the number of cores].",
)


def read_source(path: Path) -> Source:
    """A notice from a file, or from standard input for ``-``."""
    from targetdoc.read.source import Source

    if str(path) == "-":
        return Source.from_bytes(sys.stdin.buffer.read(), name="<stdin>")
    return Source.from_path(path)


def parse_path(notice: Path) -> ParseResult:
    """Parse the notice at a path (or standard input)."""
    from targetdoc.parse.engine import parse_source

    return parse_source(read_source(notice))


def label(notice: Path) -> str:
    """How messages name an input."""
    return "<stdin>" if str(notice) == "-" else str(notice)


def load_notice(source: Path) -> Notice:
    """A raw notice is parsed; a canonical YAML or JSON file is loaded."""
    from targetdoc.canonical import load_json, load_yaml

    suffix = source.suffix.lower()
    if suffix in {".yaml", ".yml", ".json"}:
        try:
            text = source.read_text(encoding="utf-8")
        except OSError as error:
            raise InputProblem(f"{source}: cannot read: {error.strerror}") from None
        load = load_json if suffix == ".json" else load_yaml
        return load(text, name=str(source))
    return parse_path(source).notice
