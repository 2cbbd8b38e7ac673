"""The command line: arguments, rendering and exit codes over the library, nothing else.

Exit codes: 0 success, 1 findings that fail the command, 2 bad input or usage.
Heavy imports (pydantic, ruamel.yaml, rich) happen inside the commands.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from targetdoc import __version__

if TYPE_CHECKING:
    from targetdoc.models import Notice
    from targetdoc.parser import ParseResult
    from targetdoc.source import Source
    from targetdoc.validate import Report

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("yaml", "json")


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


def output_options(command: F) -> F:
    """``--output`` and ``--format``, shared by every command that writes records."""
    command = click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format [default: from the output file's extension, else yaml].",
    )(command)
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write to this file (atomically) instead of standard output.",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="targetdoc")
def cli() -> None:
    """Turn target-responsibility notices (目标责任通知) into validated, structured data.

    \b
    Examples:
      targetdoc parse data/raw/sanmenxia-2020.txt
      targetdoc parse data/raw/sanmenxia-2020.txt -o data/yaml/sanmenxia-2020.yaml
      targetdoc parse notice.txt --format json > notice.json
      cat notice.txt | targetdoc parse -
    """


@cli.command()
@click.argument("notice", type=click.Path(path_type=Path, allow_dash=True))
@output_options
@click.option("-q", "--quiet", is_flag=True, help="Print no summary and no findings.")
@library_errors
def parse(notice: Path, output: Path | None, fmt: str | None, quiet: bool) -> None:
    """Parse NOTICE (a text file, or - for standard input) into canonical records.

    YAML goes to standard output unless -o names a file; the format follows the
    file's extension (.yaml, .yml, .json) unless --format is given. Lines the
    parser could not place are reported on standard error.
    """
    from targetdoc.output import refuse_overwriting, write_atomically

    result = _parse(notice)
    fmt = fmt or _format_from_extension(output)
    text = _render(result.notice, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        refuse_overwriting([notice], output)
        write_atomically(output, text.encode("utf-8"))
    if not quiet:
        _report(result, output)
    truncated = [d for d in result.diagnostics if d.code == "TD103"]
    if truncated:
        units = len(result.notice.units)
        raise InputProblem(f"{truncated[0].location}: truncated notice ({units} units written)")


@cli.command()
@click.argument("text")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table for people, or JSON for programs.",
)
def thresholds(text: str, fmt: str) -> None:
    """Show the numeric thresholds of one target sentence TEXT.

    \b
    Example:
      targetdoc thresholds "一般公共预算收入增长5%以上。"
    """
    from targetdoc.thresholds import extract

    found = extract(text)
    if fmt == "json":
        import json

        from targetdoc.canonical import json_ready

        rows = [json_ready(threshold.model_dump(mode="python")) for threshold in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from targetdoc.render import thresholds_table

    Console(highlight=False).print(thresholds_table(text, found))


@cli.command("audit-numbers")
@click.argument("notice", type=click.Path(path_type=Path, allow_dash=True))
@library_errors
def audit_numbers(notice: Path) -> None:
    """List digit runs of NOTICE that are neither a threshold nor deliberately ignored.

    Every number in a target should be read as a threshold or ignored for a named
    reason (a year, a date, a name such as PM2.5, a title, the points). Exits 1 if
    any number is unexplained, so a new notice's wording shows up in CI.
    """
    from targetdoc.audit import unexplained_numbers

    result = _parse(notice)
    findings = list(unexplained_numbers(result.notice))
    for finding in findings:
        click.echo(f"{_label(notice)}:{finding}")
    click.echo(f"{len(findings)} unexplained numbers", err=True)
    if findings:
        raise SystemExit(1)


@cli.command()
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
    help="Points standards: a profile name in grammars/profiles/ or a profile file.",
)
@click.option(
    "--waivers",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Waivers file [default: waivers.yaml of the data folder].",
)
@library_errors
def validate(
    paths: tuple[Path, ...], fmt: str, strict: bool, profile: str, waivers: Path | None
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
    from targetdoc.profile import load_profile
    from targetdoc.validate import validate as run_validation

    targets = list(paths) or [Path("data")]
    report = run_validation(targets, load_profile(profile), waivers=waivers)
    if fmt == "json":
        import json

        from targetdoc.canonical import json_ready
        from targetdoc.validate import report_json

        data = json_ready(report_json(report, strict=strict))
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "github":
        from targetdoc.validate import github_annotations

        for line in github_annotations(report):
            click.echo(line)
    else:
        _render_validation(report, strict=strict)
    if report.failed(strict=strict):
        raise SystemExit(1)


def _render_validation(report: Report, *, strict: bool) -> None:
    from rich.console import Console

    from targetdoc.render import finding_line, findings_by_unit, rollup_table, validation_summary

    console = Console(highlight=False, soft_wrap=True)
    for group, found in findings_by_unit(report):
        console.print(group, style="bold")
        for item in found:
            console.print(finding_line(item))
    console.print(validation_summary(report, strict=strict))
    if report.rollups:
        console.print(rollup_table(report))


@cli.command()
@click.argument("source", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "jsonl", "json", "yaml"]),
    default="csv",
    show_default=True,
    help="xlsx is the workbook with every table and the 评分 scoring sheet.",
)
@click.option(
    "-t",
    "--table",
    "table_name",
    type=click.Choice(["items", "thresholds", "units"]),
    default="items",
    show_default=True,
    help="Which table (not for xlsx, which holds them all).",
)
@click.option(
    "--encoding",
    type=click.Choice(["utf-8-sig", "utf-8", "gb18030"]),
    default="utf-8-sig",
    show_default=True,
    help="CSV encoding; UTF-8 with BOM lets Excel and WPS open Chinese on a double-click.",
)
@library_errors
def export(source: Path, output: Path | None, fmt: str, table_name: str, encoding: str) -> None:
    """Export SOURCE (a notice, or its canonical YAML or JSON) as tables.

    \b
    Examples:
      targetdoc export data/yaml/sanmenxia-2020.yaml -o items.csv
      targetdoc export data/raw/sanmenxia-2020.txt --table thresholds -f jsonl
      targetdoc export data/yaml/sanmenxia-2020.yaml -f xlsx -o sanmenxia-2020.xlsx
    """
    from targetdoc.export import export_bytes
    from targetdoc.output import refuse_overwriting, write_atomically

    if fmt == "xlsx" and output is None:
        raise click.UsageError("XLSX is a binary file: name it with -o FILE.xlsx")
    data = export_bytes(_load_notice(source), fmt, table_name, encoding)  # type: ignore[arg-type]
    if output is None:
        sys.stdout.buffer.write(data)
        return
    refuse_overwriting([source], output)
    write_atomically(output, data)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the records (Notice → units → tiers → items)."""
    from targetdoc.canonical import json_schema

    click.echo(json_schema(), nl=False)


def _load_notice(source: Path) -> Notice:
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
    return _parse(source).notice


def _parse(notice: Path) -> ParseResult:
    from targetdoc.parser import parse_source

    return parse_source(_read_source(notice))


def _label(notice: Path) -> str:
    return "<stdin>" if str(notice) == "-" else str(notice)


def _read_source(path: Path) -> Source:
    from targetdoc.source import Source

    if str(path) == "-":
        return Source.from_bytes(sys.stdin.buffer.read(), name="<stdin>")
    return Source.from_path(path)


def _format_from_extension(output: Path | None) -> str:
    if output is not None and output.suffix.lower() == ".json":
        return "json"
    return "yaml"


def _render(notice: Notice, fmt: str) -> str:
    from targetdoc.canonical import dump_json, dump_yaml

    return dump_json(notice) if fmt == "json" else dump_yaml(notice)


def _report(result: ParseResult, output: Path | None) -> None:
    """Findings with their source line and caret, then (when writing a file) a summary."""
    from rich.console import Console
    from rich.markup import escape

    from targetdoc.diagnostics import context

    console = Console(stderr=True, highlight=False)
    for diagnostic in result.diagnostics:
        style = "red" if diagnostic.severity == "error" else "yellow"
        console.print(f"[{style}]{escape(str(diagnostic))}[/]", soft_wrap=True)
        if diagnostic.line is not None:
            line = result.source.line(diagnostic.line).raw
            console.print(context(line, diagnostic.column), markup=False, soft_wrap=True)
    if output is not None:
        from targetdoc.render import summary_table

        console.print(summary_table(result.notice, output))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="targetdoc")


if __name__ == "__main__":  # pragma: no cover
    main()
