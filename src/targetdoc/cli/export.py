"""``targetdoc export``, ``schema`` and ``report``: records as files for people and tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import get_args

import click

from targetdoc.cli.common import library_errors, profile_option, unit_option
from targetdoc.export.kinds import SUFFIX_FORMATS, CsvEncoding, ExportFormat, TableName


@click.command()
@click.argument("source", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(get_args(ExportFormat)),
    default=None,
    help="xlsx is the workbook with every table and the 评分 scoring sheet "
    "[default: from the output file's extension, else csv].",
)
@click.option(
    "-t",
    "--table",
    "table_name",
    type=click.Choice(get_args(TableName)),
    default=None,
    help="Which table [default: items] (not for xlsx, which holds them all).",
)
@click.option(
    "--encoding",
    type=click.Choice(get_args(CsvEncoding)),
    default="utf-8-sig",
    show_default=True,
    help="CSV encoding; UTF-8 with BOM lets Excel and WPS open Chinese on a double-click.",
)
@profile_option
@unit_option
@library_errors
def export(
    source: Path,
    output: Path | None,
    fmt: ExportFormat | None,
    table_name: TableName | None,
    encoding: CsvEncoding,
    profile: str,
    unit: str | None,
) -> None:
    """Export SOURCE (a notice, or its canonical YAML or JSON) as tables.

    \b
    Examples:
      targetdoc export data/yaml/sanmenxia-2020.yaml -o items.csv
      targetdoc export data/raw/sanmenxia-2020.txt --table thresholds -f jsonl
      targetdoc export data/yaml/sanmenxia-2020.yaml -f xlsx -o sanmenxia-2020.xlsx
      targetdoc export tasks.txt --table responsibilities -o responsibilities.csv
    """
    from targetdoc.api import load_notice
    from targetdoc.cli.output import refuse_overwriting, write_output
    from targetdoc.export.formats import export_bytes

    fmt = _format_for(output, fmt)
    if fmt == "xlsx" and output is None:
        raise click.UsageError("XLSX is a binary file: name it with -o FILE.xlsx")
    if fmt == "xlsx" and table_name is not None:
        raise click.UsageError("--table does not apply to xlsx: the workbook holds every table")
    notice = load_notice(source, profile=profile, unit=unit)
    data = export_bytes(notice, fmt, table_name or "items", encoding)
    if output is None:
        sys.stdout.buffer.write(data)
        return
    refuse_overwriting([source], output)
    write_output(output, data)


def _format_for(output: Path | None, fmt: ExportFormat | None) -> ExportFormat:
    """--format, else the output's extension; a format the extension contradicts is refused."""
    named = SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    if fmt is not None and named is not None and named != fmt:
        raise click.UsageError(f"--format {fmt} but the output is {output}: say one format")
    if fmt is None and output is not None and output.suffix and named is None:
        raise click.UsageError(
            f"{output}: {output.suffix} names no export format: use .csv, .xlsx, .jsonl, "
            ".json or .yaml, or say --format"
        )
    return fmt or named or "csv"


@click.command()
def schema() -> None:
    """Print the JSON Schema of the records (Notice → units → tiers → items)."""
    from targetdoc.canonical import json_schema

    click.echo(json_schema(), nl=False)


@click.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file [default: <notice>.report.html in the current folder].",
)
@profile_option
@library_errors
def report(source: Path, output: Path | None, profile: str) -> None:
    """Write a self-contained HTML page to review SOURCE (a notice or its canonical YAML).

    The page shows the header, counts, validation findings and roll-ups, a card per
    unit with its tiers, items, points and thresholds, and the notice's text: click
    an item to see its source lines. It loads nothing from the network.

    \b
    Example:
      targetdoc report data/raw/sanmenxia-2020.txt -o build/report.html
    """
    from targetdoc.cli.output import refuse_overwriting, write_output
    from targetdoc.export.html_report import build_report

    if str(source) == "-":
        raise click.UsageError("report needs a notice file, not standard input")
    page = build_report(source, profile)
    # Not beside the notice: a data folder's raw/ holds notices, not what we make of them.
    path = output or Path(f"{source.stem}.report.html")
    refuse_overwriting([source], path)
    write_output(path, page.encode("utf-8"))
    click.echo(f"wrote {path}", err=True)
