"""What the command modules share: errors at the edge, shared options, how inputs are named."""

from __future__ import annotations

import enum
import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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


class Exit(enum.IntEnum):
    """Every exit code of every command, here only."""

    DONE = 0
    FINDINGS = 1  # findings that fail the command (or differences, for diff)
    BAD_INPUT = 2  # bad input or usage (click's own usage errors exit 2 too)
    INTERNAL = 3  # a bug in targetdoc or in the data it ships
    INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT


class CliError(click.ClickException):
    """Bad input: one message naming the file (and line), exit code 2."""

    exit_code = Exit.BAD_INPUT

    def show(self, file: Any = None) -> None:
        click.echo(f"targetdoc: error: {self.format_message()}", err=True)


class InternalCliError(CliError):
    """A bug in targetdoc or its shipped data: not the user's fault, exit code 3."""

    exit_code = Exit.INTERNAL

    def show(self, file: Any = None) -> None:
        click.echo(
            f"targetdoc: internal error: {self.format_message()}\n"
            "This is a bug in targetdoc, not in your input: please report it.",
            err=True,
        )


# Where a bug in targetdoc is reported (the message of an unexpected error says so).
ISSUES = "https://github.com/targetdoc/targetdoc/issues"


@dataclass
class Debug:
    """Whether an unexpected error shows its traceback (--debug, or TARGETDOC_DEBUG=1)."""

    enabled: bool = False


DEBUG = Debug()


def unexpected_error(error: BaseException) -> int:
    """An exception no command expected: one line saying what failed and where to report
    it (the traceback with --debug), exit code 3, never a traceback dumped on the user."""
    import os
    import traceback

    if DEBUG.enabled or os.environ.get("TARGETDOC_DEBUG") == "1":
        traceback.print_exception(error)
    where = " ".join(sys.argv[1:2]) or "targetdoc"
    click.echo(
        f"targetdoc: internal error: {type(error).__name__} in {where}: {error}\n"
        f"This is a bug in targetdoc, not in your input: please report it at {ISSUES}, "
        "with the output of the same command run with --debug.",
        err=True,
    )
    return Exit.INTERNAL


def utf8_streams() -> None:
    """Standard output and error that cannot encode Chinese (PYTHONIOENCODING=cp1252, an
    English Windows runner) write UTF-8 instead, as files targetdoc writes are."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "目标责任".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8", errors="replace")


def no_notices(paths: Sequence[Path], verb: str) -> CliError:
    """Folders with no notice to read: said so, with the files of formats targetdoc does
    not read that they hold (.doc, .wps, .ofd), by kind, and what to do with them."""
    from targetdoc.read.kinds import UNREAD_FORMATS, skipped_files

    said = f"{', '.join(map(str, paths))}: no notices to {verb}"
    skipped = skipped_files(paths)
    by_suffix: dict[str, int] = {}
    for path in skipped:
        by_suffix[path.suffix.lower()] = by_suffix.get(path.suffix.lower(), 0) + 1
    for suffix, count in sorted(by_suffix.items()):
        files = "file" if count == 1 else "files"
        said += f"; {count} {suffix} {files} skipped, each {UNREAD_FORMATS[suffix]}"
    return CliError(said)


def refuse_truncated(findings: Iterable[Finding], units: int) -> None:
    """A notice that ends without its footer (TD103) is bad input whatever the command:
    what it holds is written, then exit code 2, as for parse."""
    truncated = next((finding for finding in findings if finding.code == "TD103"), None)
    if truncated is not None:
        raise CliError(f"{truncated.location}: truncated notice ({units} units written)")


def exit_for_findings(notice: Notice, findings: Sequence[Finding], *, show: bool) -> None:
    """Once the outputs are written, the exit code ``parse`` gives the notice, for every
    command that reads one: 2 for a truncated notice (TD103, ``refuse_truncated``), 1 for
    another error-severity finding (a line no rule placed); ``show`` prints those first."""
    refuse_truncated(findings, len(notice.units))
    errors = [f for f in findings if f.severity == "error"]
    if show:
        for finding in errors:
            click.echo(str(finding), err=True)
    if errors:
        raise SystemExit(Exit.FINDINGS)  # written, but with lines the records do not hold


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
