"""The command line: arguments, rendering and exit codes over the library, nothing else.

Exit codes: 0 success, 1 findings that fail the command, 2 bad input or usage.
Heavy imports (pydantic, ruamel.yaml, rich) happen inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from targetdoc import __version__
from targetdoc.cli.check import audit_numbers, validate
from targetdoc.cli.common import InputProblem, jobs_option, library_errors, parse_path
from targetdoc.cli.export import export, report, schema

if TYPE_CHECKING:
    from targetdoc.parse.engine import ParseResult
    from targetdoc.pool import Outcome, ParseJob, ParseSummary

FORMATS = ("yaml", "json")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="targetdoc")
def cli() -> None:
    """Turn target-responsibility notices (目标责任通知) into validated, structured data.

    \b
    Examples:
      targetdoc parse data/raw/sanmenxia-2020.txt -o data/yaml/sanmenxia-2020.yaml
      targetdoc parse data/raw --out-dir data/yaml -j 2
      targetdoc validate                      # data/raw and data/yaml, for CI
      targetdoc export data/yaml/sanmenxia-2020.yaml -f xlsx -o scoring.xlsx
      targetdoc report data/raw/sanmenxia-2020.txt -o report.html
      targetdoc thresholds "一般公共预算收入增长5%以上。"
    """


@cli.command()
@click.argument(
    "notices", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Batch mode: write <out-dir>/<notice>.yaml for every notice named.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: from the output file's extension, else yaml].",
)
@jobs_option
@click.option("-q", "--quiet", is_flag=True, help="Print no summary, findings or progress.")
@library_errors
def parse(
    notices: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    fmt: str | None,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Parse NOTICES (files, folders, or - for standard input) into canonical records.

    One notice: YAML goes to standard output unless -o names a file; the format
    follows the file's extension (.yaml, .yml, .json) unless --format is given.
    Lines the parser could not place are reported on standard error.

    Many notices (several files or a folder) need --out-dir: they are parsed in
    parallel (-j), with a progress bar on a terminal; a notice that fails is
    reported at the end without stopping the others, and the exit code is 1.
    """
    if out_dir is not None or len(notices) > 1 or notices[0].is_dir():
        if out_dir is None:
            folders = [str(path) for path in notices if path.is_dir()]
            named = f"{folders[0]}: is a folder; " if folders else ""
            raise click.UsageError(f"{named}several notices or a folder need --out-dir DIR")
        if output is not None:
            raise click.UsageError("use --out-dir, not -o, for several notices")
        _parse_batch(list(notices), out_dir, fmt or "yaml", jobs, quiet)
        return
    _parse_one(notices[0], output, fmt, quiet)


def _parse_one(notice: Path, output: Path | None, fmt: str | None, quiet: bool) -> None:
    from targetdoc.canonical import dump_json, dump_yaml
    from targetdoc.cli.output import refuse_overwriting, write_atomically

    result = parse_path(notice)
    json_wanted = (fmt or "") == "json" or (
        fmt is None and output is not None and output.suffix.lower() == ".json"
    )
    text = dump_json(result.notice) if json_wanted else dump_yaml(result.notice)
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


def _parse_batch(paths: list[Path], out_dir: Path, fmt: str, jobs: int | None, quiet: bool) -> None:
    import sys

    from targetdoc.pool import ParseJob, default_jobs, notice_files, parse_to_file, run

    if not out_dir.is_dir():
        raise InputProblem(f"{out_dir}: no such folder for --out-dir")
    files = notice_files(paths)
    if not files:
        raise InputProblem(f"{', '.join(map(str, paths))}: no notices to parse")
    work = [ParseJob(path, out_dir / f"{path.stem}.{fmt}", fmt) for path in files]
    workers = jobs or default_jobs()
    if quiet or not sys.stderr.isatty():
        outcomes = run(parse_to_file, work, jobs=workers)
    else:
        outcomes = _with_progress(work, workers)
    failed = [outcome for outcome in outcomes if outcome.error is not None]
    if not quiet:
        _batch_report(outcomes, workers)
    if failed:
        raise SystemExit(1)


def _with_progress(work: list[ParseJob], workers: int) -> list[Outcome[ParseJob, ParseSummary]]:
    from rich.progress import Progress

    from targetdoc.pool import parse_to_file, run

    with Progress(transient=True) as progress:
        task = progress.add_task(f"parsing with {workers} processes", total=len(work))
        return run(
            parse_to_file,
            work,
            jobs=workers,
            on_done=lambda _: progress.advance(task),
        )


def _batch_report(outcomes: list[Outcome[ParseJob, ParseSummary]], workers: int) -> None:
    from rich.console import Console

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    done = [o for o in outcomes if o.result is not None]
    units = sum(o.result.units for o in done if o.result)
    items = sum(o.result.items for o in done if o.result)
    for outcome in outcomes:
        for finding in outcome.result.findings if outcome.result else ():
            console.print(finding, style="yellow", markup=False)
    for outcome in outcomes:
        if outcome.error is not None:
            console.print(f"targetdoc: error: {outcome.error}", style="red", markup=False)
    console.print(
        f"parsed {len(done)} of {len(outcomes)} notices ({units} units, {items} items) "
        f"with {workers} processes; {len(outcomes) - len(done)} failed",
        markup=False,
    )


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
    from targetdoc.parse.thresholds import extract

    found = extract(text)
    if fmt == "json":
        import json

        from targetdoc.canonical import json_ready

        rows = [json_ready(threshold.model_dump(mode="python")) for threshold in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from targetdoc.cli.console import thresholds_table

    Console(highlight=False).print(thresholds_table(text, found))


def _report(result: ParseResult, output: Path | None) -> None:
    """Findings with their source line and caret, then (when writing a file) a summary."""
    from rich.console import Console
    from rich.markup import escape

    from targetdoc.findings import context

    console = Console(stderr=True, highlight=False)
    for diagnostic in result.diagnostics:
        style = "red" if diagnostic.severity == "error" else "yellow"
        console.print(f"[{style}]{escape(str(diagnostic))}[/]", soft_wrap=True)
        if diagnostic.line is not None:
            line = result.source.line(diagnostic.line).raw
            console.print(context(line, diagnostic.column), markup=False, soft_wrap=True)
    if output is not None:
        from targetdoc.cli.console import summary_table

        console.print(summary_table(result.notice, output))


cli.add_command(validate)
cli.add_command(audit_numbers)
cli.add_command(export)
cli.add_command(schema)
cli.add_command(report)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="targetdoc")


if __name__ == "__main__":  # pragma: no cover
    main()
