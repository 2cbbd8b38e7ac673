"""``targetdoc thresholds`` and ``targetdoc audit-numbers``: the numbers of targets."""

from __future__ import annotations

from pathlib import Path

import click

from targetdoc.cli.common import Exit, format_option, label, library_errors, refuse_truncated


@click.command()
@click.argument("text")
@format_option(
    ["table", "json"],
    default="table",
    help="A table for people, or JSON for programs.",
)
def thresholds(text: str, fmt: str) -> None:
    """Show the numeric thresholds of one target sentence TEXT.

    \b
    Example:
      targetdoc thresholds "一般公共预算收入增长5%以上。"
    """
    from targetdoc.parse.thresholds import extract

    found = extract(text)
    if fmt == "json":
        from targetdoc.canonical import json_text

        click.echo(json_text([threshold.model_dump(mode="python") for threshold in found]))
        return
    from rich.console import Console

    from targetdoc.cli.console import thresholds_table

    Console(highlight=False).print(thresholds_table(text, found))


@click.command("audit-numbers")
@click.argument("notice", type=click.Path(path_type=Path, allow_dash=True))
@library_errors
def audit_numbers(notice: Path) -> None:
    """List digit runs of NOTICE that are neither a threshold nor deliberately ignored.

    Every number in a target should be read as a threshold or ignored for a named
    reason (a year, a date, a name such as PM2.5, a title, the points). Exits 1 if
    any number is unexplained, so a new notice's wording shows up in CI.
    """
    from targetdoc.check.numbers import unexplained_numbers
    from targetdoc.parse import parse_file

    result = parse_file(notice)
    found = list(unexplained_numbers(result.notice))
    for number in found:
        click.echo(f"{label(notice)}:{number}")
    click.echo(f"{len(found)} unexplained numbers", err=True)
    refuse_truncated(result.findings, len(result.notice.units))
    if found:
        raise SystemExit(Exit.FINDINGS)
