"""``targetdoc validate`` (checks made for CI) and ``targetdoc codes`` (what they can find)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from targetdoc.cli.common import Exit, format_option, jobs_option, library_errors, profile_option
from targetdoc.i18n import _

if TYPE_CHECKING:
    from targetdoc.check.report import Report


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option(
    ["text", "json", "github"],
    default="text",
    help="text for people, json for programs, github for GitHub Actions annotations.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@profile_option
@click.option(
    "--waivers",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Waivers file [default: waivers.yaml of the data folder].",
)
@jobs_option
@library_errors
def validate(
    paths: tuple[Path, ...],
    fmt: str,
    strict: bool,
    profile: str,
    waivers: Path | None,
    jobs: int | None,
) -> None:
    """Check notices and their canonical files; made to run in CI.

    PATHS are notices, canonical YAML files or folders; with none, the data/ folder
    here (every notice in data/raw/ and its canonical file in data/yaml/). Checks:
    tier and unit points against the profile, item numbering, unplaced lines,
    canonical files present, canonical and current, and the roll-ups declared in
    data/rollups/. Exit codes: 0 valid, 1 failing findings, 2 bad input or usage.
    `targetdoc codes` lists every finding code.

    \b
    Examples:
      targetdoc validate
      targetdoc validate data/raw/sanmenxia-2020.txt --strict
      targetdoc validate --format github
    """
    from targetdoc.check.validate import validate as validate_files
    from targetdoc.pool import default_jobs

    if any(str(path) == "-" for path in paths):
        raise click.UsageError(
            "validate checks files and folders, not standard input: "
            "targetdoc parse - reads a notice from it"
        )
    from targetdoc.errors import Interrupted

    try:
        report = validate_files(
            list(paths) or [Path("data")],
            profile,
            waivers=waivers,
            jobs=jobs or default_jobs(),
        )
    except Interrupted as stopped:
        total = len(stopped.done) + len(stopped.not_done)
        click.echo(
            f"targetdoc: interrupted: checked {len(stopped.done)} of {total} notices; "
            "nothing reported",
            err=True,
        )
        raise SystemExit(Exit.INTERRUPTED) from None
    if fmt == "json":
        from targetdoc.canonical import json_text

        click.echo(json_text(report.to_json(strict=strict)))
    elif fmt == "github":
        for line in report.github_annotations():
            click.echo(line)
    else:
        _print_report(report, strict=strict)
    for error in report.errors:  # each unreadable notice, after what the others gave
        click.echo(f"targetdoc: error: {error}", err=True)
    if report.errors:
        raise SystemExit(Exit.BAD_INPUT)
    if report.failed(strict=strict):
        raise SystemExit(Exit.FINDINGS)


def _print_report(report: Report, *, strict: bool) -> None:
    from rich.console import Console

    from targetdoc.cli.console import finding_line, findings_by_unit, report_summary, rollup_table

    console = Console(highlight=False, soft_wrap=True)
    for group, findings in findings_by_unit(report):
        console.print(group, style="bold")
        for finding in findings:
            console.print(finding_line(finding))
    console.print(report_summary(report, strict=strict))
    if report.rollups:
        console.print(rollup_table(report))


@click.command()
@format_option(
    ["table", "markdown", "json"],
    default="table",
    help="A table for people, Markdown for documents, JSON for programs.",
)
def codes(fmt: str) -> None:
    """List every finding code: its name, severity and what it means.

    Codes are stable: waivers, CI logs and other tools name them.
    """
    from targetdoc.findings import CODES, codes_markdown

    if fmt == "markdown":
        click.echo(codes_markdown(), nl=False)
    elif fmt == "json":
        import dataclasses
        import json

        rows = [dataclasses.asdict(code) for code in CODES.values()]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        from targetdoc.cli.console import codes_table

        Console(highlight=False).print(codes_table(CODES.values()))


@click.command()
@format_option(
    ["table", "json"],
    default="table",
    help="A table for people, JSON for programs.",
)
@library_errors
def profiles(fmt: str) -> None:
    """List the profiles --profile can name, each with what it describes.

    A profile holds one family member's conventions: its tier names and points
    standards, and line patterns it writes otherwise. --profile auto (the default)
    tries them all and keeps the one that places the most lines of the notice.
    """
    from targetdoc.profile import shipped_profiles

    found = shipped_profiles()
    if fmt == "json":
        import json

        rows = [
            {
                "name": profile.name,
                "description": profile.description,
                "unit_total": profile.unit_total,
                "tiers": profile.tiers,
                "patterns": sorted(profile.patterns),
                "ignore": sorted(profile.ignore),
            }
            for profile in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(_("profile"), _("description"), _("standards"))
    for profile in found:
        standards = ", ".join(
            f"{name} {points}" for tiers in profile.tiers.values() for name, points in tiers.items()
        )
        table.add_row(profile.name, profile.description, standards or _("the notice's own totals"))
    Console(highlight=False).print(table)
