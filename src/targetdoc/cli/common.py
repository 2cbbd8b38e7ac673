"""What the command modules share: errors at the edge, shared options, how inputs are named."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from targetdoc.findings import Finding
    from targetdoc.models import Notice
    from targetdoc.pool import Outcome

F = TypeVar("F", bound=Callable[..., Any])
In = TypeVar("In")
Out = TypeVar("Out")

# Exit codes: 0 success, 1 findings that fail the command, 2 bad input or usage,
# 3 an internal error (a bug in targetdoc or in the data it ships).
EXIT_INTERNAL = 3


class CliError(click.ClickException):
    """Bad input: one message naming the file (and line), exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"targetdoc: error: {self.format_message()}", err=True)


class InternalCliError(CliError):
    """A bug in targetdoc or its shipped data: not the user's fault, exit code 3."""

    exit_code = EXIT_INTERNAL

    def show(self, file: Any = None) -> None:
        click.echo(
            f"targetdoc: internal error: {self.format_message()}\n"
            "This is a bug in targetdoc, not in your input: please report it.",
            err=True,
        )


def read_notice(
    source: Path, *, profile: str, unit: str | None = None
) -> tuple[Notice, list[Finding]]:
    """A notice's records and, for a raw notice, what its parse found (a canonical file
    was checked when it was written: none)."""
    from targetdoc.api import load_notice
    from targetdoc.parse import parse_file
    from targetdoc.read.kinds import file_kind

    if str(source) != "-" and file_kind(source) == "notice":
        result = parse_file(source, profile=profile, unit=unit)
        return result.notice, list(result.findings)
    return load_notice(source, profile=profile, unit=unit), []


def exit_for_findings(notice: Notice, findings: Sequence[Finding], *, show: bool) -> None:
    """Once the outputs are written, the exit code ``parse`` gives the notice, for every
    command that reads one: 2 for a truncated notice (TD103), 1 for another error-severity
    finding (a line no rule placed); ``show`` prints those findings first."""
    truncated = [f for f in findings if f.code == "TD103"]
    if truncated:
        units = len(notice.units)
        raise CliError(f"{truncated[0].location}: truncated notice ({units} units written)")
    errors = [f for f in findings if f.severity == "error"]
    if show:
        for finding in errors:
            click.echo(str(finding), err=True)
    if errors:
        raise SystemExit(1)  # written, but with lines the records do not hold


def library_errors(command: F) -> F:
    """Turn targetdoc's own errors into clean messages at the edge."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from targetdoc.errors import InternalError, TargetdocError

        try:
            return command(*args, **kwargs)
        except InternalError as error:
            raise InternalCliError(str(error)) from None
        except TargetdocError as error:
            raise CliError(str(error)) from None

    return wrapper  # type: ignore[return-value]


jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel worker processes for many notices [default: the number of cores].",
)


def format_option(choices: Sequence[str], *, default: str | None, help: str) -> Callable[[F], F]:
    """``-f/--format FMT``: every command spells its output format the same way."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        help=help,
    )


profile_option = click.option(
    "--profile",
    default="auto",
    show_default=True,
    help="How to read the notice and its points standards: a profile name "
    "(targetdoc profiles lists them), a profile file, or auto (the one that places "
    "the most lines).",
)

unit_option = click.option(
    "--unit",
    default=None,
    metavar="NAME",
    help="The unit a document without unit headings is (a 目标责任书) [default: from its title].",
)


def label(notice: Path) -> str:
    """How messages name an input."""
    return "<stdin>" if str(notice) == "-" else str(notice)


def run_jobs(
    function: Callable[[In], Out], work: list[In], workers: int, *, verb: str, quiet: bool
) -> list[Outcome[In, Out]]:
    """Run the work in ``workers`` processes, with a progress bar on a terminal."""
    import sys

    from targetdoc.pool import run_all

    if quiet or not sys.stderr.isatty():
        return run_all(function, work, jobs=workers)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(f"{verb} with {workers} processes", total=len(work))
        return run_all(function, work, jobs=workers, on_done=lambda _: progress.advance(task))
