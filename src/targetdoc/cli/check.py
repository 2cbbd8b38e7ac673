"""``targetdoc validate`` and ``targetdoc audit-numbers``: checks made for CI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from targetdoc.cli.common import jobs_option, label, library_errors, parse_path

if TYPE_CHECKING:
    from targetdoc.check.validate import Report


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

    result = parse_path(notice)
    findings = list(unexplained_numbers(result.notice))
    for finding in findings:
        click.echo(f"{label(notice)}:{finding}")
    click.echo(f"{len(findings)} unexplained numbers", err=True)
    if findings:
        raise SystemExit(1)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for programs, github for GitHub Actions annotations.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option(
    "--profile",
    default="default",
    show_default=True,
    help="Points standards: a profile name (targetdoc/profiles/) or a profile file.",
)
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

    \b
    Examples:
      targetdoc validate
      targetdoc validate data/raw/sanmenxia-2020.txt --strict
      targetdoc validate --format github
    """
    from targetdoc.check.validate import validate as run_validation
    from targetdoc.pool import default_jobs
    from targetdoc.profile import load_profile

    targets = list(paths) or [Path("data")]
    report = run_validation(
        targets, load_profile(profile), waivers=waivers, jobs=jobs or default_jobs()
    )
    if fmt == "json":
        import json

        from targetdoc.canonical import json_ready
        from targetdoc.check.validate import report_json

        data = json_ready(report_json(report, strict=strict))
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "github":
        from targetdoc.check.validate import github_annotations

        for line in github_annotations(report):
            click.echo(line)
    else:
        _render_validation(report, strict=strict)
    if report.failed(strict=strict):
        raise SystemExit(1)


def _render_validation(report: Report, *, strict: bool) -> None:
    from rich.console import Console

    from targetdoc.cli.console import (
        finding_line,
        findings_by_unit,
        rollup_table,
        validation_summary,
    )

    console = Console(highlight=False, soft_wrap=True)
    for group, found in findings_by_unit(report):
        console.print(group, style="bold")
        for item in found:
            console.print(finding_line(item))
    console.print(validation_summary(report, strict=strict))
    if report.rollups:
        console.print(rollup_table(report))
