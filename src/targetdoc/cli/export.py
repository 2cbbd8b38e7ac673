"""``targetdoc export`` and ``targetdoc schema``: tables and the records' schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from targetdoc.cli.common import library_errors, load_notice, parse_path


@click.command()
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
    from targetdoc.cli.output import refuse_overwriting, write_atomically
    from targetdoc.export.formats import export_bytes

    if fmt == "xlsx" and output is None:
        raise click.UsageError("XLSX is a binary file: name it with -o FILE.xlsx")
    data = export_bytes(load_notice(source), fmt, table_name, encoding)  # type: ignore[arg-type]
    if output is None:
        sys.stdout.buffer.write(data)
        return
    refuse_overwriting([source], output)
    write_atomically(output, data)


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
    help="The HTML file [default: <notice>.report.html beside the input].",
)
@click.option("--profile", default="default", show_default=True, help="Points standards.")
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
    from targetdoc.check.validate import discover, validate
    from targetdoc.cli.output import refuse_overwriting, write_atomically
    from targetdoc.export.html_report import render_report
    from targetdoc.profile import load_profile

    # A canonical file's notice is found beside it (data/yaml/x.yaml → data/raw/x.*).
    raw = discover([source])[0].raw
    if raw is not None:
        parsed = parse_path(raw)
        notice, lines = parsed.notice, [line.raw for line in parsed.source.lines]
    else:
        notice, lines = load_notice(source), None
    checked = validate([source], load_profile(profile))
    page = render_report(notice, checked, lines)
    path = output or source.with_suffix(".report.html")
    refuse_overwriting([source], path)
    write_atomically(path, page.encode("utf-8"))
    click.echo(f"wrote {path}", err=True)
