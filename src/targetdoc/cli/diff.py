"""``targetdoc diff``: what changed from one notice to the next."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import get_args

import click

from targetdoc.cli.common import (
    Exit,
    format_option,
    library_errors,
    profile_option,
    refuse_truncated,
)

_FORMATS = ("text", "json", "markdown", "html")


@click.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@format_option(
    _FORMATS,
    default="text",
    help="text by unit for people, json for programs, markdown for a pull request or "
    "an email, html for a side-by-side page.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@profile_option
@library_errors
def diff(old: Path, new: Path, fmt: str, output: Path | None, profile: str) -> None:
    """Compare two notices (raw or canonical): OLD, then NEW.

    Units are matched by name, by the alias table (市发展改革委 ↔ 市发改委) or by
    similar names (reported with the similarity); items within a unit by their
    text, not their number. Each item is added, removed, changed (text, points,
    thresholds: raised or lowered, and which is stricter, or responsible units) or
    renumbered. For people, the notices are named by 文号 and year, what changed in a
    sentence is marked, edits that only move the year on are listed apart, and long
    lines are wrapped under their item. Exit codes, as diff's: 0 the same, 1 different,
    2 bad input.

    \b
    Examples:
      targetdoc diff data/yaml/sanmenxia-2020.yaml examples/sanmenxia-2021.txt
      targetdoc diff 2020.yaml 2021.yaml --format markdown > changes.md
    """
    from targetdoc.cli.output import refuse_overwriting, write_output
    from targetdoc.diff import compare
    from targetdoc.diff.render import DiffFormat, render
    from targetdoc.reading import read_file

    assert fmt in get_args(DiffFormat)
    before, after = read_file(old, profile=profile), read_file(new, profile=profile)
    changes = compare(before.notice, after.notice)
    styled = output is None and fmt == "text" and sys.stdout.isatty()
    text = render(changes, fmt, styled=styled)  # type: ignore[arg-type]
    if output is None:
        click.echo(text, nl=False, color=styled)
    else:
        refuse_overwriting([old, new], output)
        write_output(output, text.encode("utf-8"))
    refuse_truncated(before.findings, len(before.notice.units))
    refuse_truncated(after.findings, len(after.notice.units))
    if not changes.same:
        raise SystemExit(Exit.FINDINGS)
