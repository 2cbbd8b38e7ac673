"""``targetdoc export``, ``schema`` and ``report``: records as files for people and tools."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, get_args

import click

from targetdoc.cli.common import (
    CliError,
    Exit,
    exit_for_findings,
    format_option,
    jobs_option,
    library_errors,
    no_notices,
    profile_option,
    run_jobs,
    unit_option,
)
from targetdoc.export.kinds import (
    FORMAT,
    FORMATS,
    SPLIT_FORMATS,
    SUFFIX_FORMATS,
    CsvEncoding,
    ExportFormat,
    SplitBy,
    TableName,
)

if TYPE_CHECKING:
    from targetdoc.export.corpus import NoticeRows


@click.command()
@click.argument(
    "sources", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to this file (with --split, into this folder, made if missing).",
)
@format_option(
    [spec.name for spec in FORMATS],
    default=None,
    help="; ".join(f"{spec.name} {spec.help}" for spec in FORMATS)
    + " [default: from the output file's extension, else csv; docx with --split].",
)
@click.option(
    "--split",
    type=click.Choice(get_args(SplitBy)),
    default=None,
    help="One file per unit, named after it, into the folder -o names "
    f"({', '.join(SPLIT_FORMATS)}).",
)
@click.option(
    "-t",
    "--table",
    "table_name",
    type=click.Choice(get_args(TableName)),
    default=None,
    help="Which table [default: items] (for "
    + ", ".join(spec.name for spec in FORMATS if spec.holds is None)
    + ").",
)
@click.option(
    "--encoding",
    type=click.Choice(get_args(CsvEncoding)),
    default="utf-8-sig",
    show_default=True,
    help="CSV encoding; UTF-8 with BOM lets Excel and WPS open Chinese on a double-click.",
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="With --split unit -f docx: fill this Word template (.docx with docxtpl's Jinja "
    "tags: {{ title }}, {{ unit }}, {%tr for row in rows %} …) instead of targetdoc's letter.",
)
@profile_option
@unit_option
@jobs_option
@click.option("-q", "--quiet", is_flag=True, help="sqlite: print no progress or summary.")
@library_errors
def export(
    sources: tuple[Path, ...],
    output: Path | None,
    fmt: ExportFormat | None,
    table_name: TableName | None,
    encoding: CsvEncoding,
    profile: str,
    unit: str | None,
    jobs: int | None,
    quiet: bool,
    split: SplitBy | None,
    template: Path | None,
) -> None:
    """Export SOURCES (notices, or their canonical YAML or JSON) as tables, letters or
    a database.

    Every format but sqlite takes one notice. docx writes each unit's 目标责任书
    (responsibility letter, to sign); with --split unit, one file per unit. sqlite
    adds any number of notices and folders of them to one database (made if
    missing): re-exporting a notice replaces its rows and nothing else.

    \b
    Examples:
      targetdoc export data/yaml/sanmenxia-2020.yaml -o items.csv
      targetdoc export data/raw/sanmenxia-2020.txt --table thresholds -f jsonl
      targetdoc export data/yaml/sanmenxia-2020.yaml -f xlsx -o sanmenxia-2020.xlsx
      targetdoc export tasks.txt --table responsibilities -o responsibilities.csv
      targetdoc export data/yaml/sanmenxia-2020.yaml --split unit -o letters/
      targetdoc export data/yaml/sanmenxia-2020.yaml --split unit -o letters/ \\
        --template examples/letter-template.docx
      targetdoc export data/yaml/sanmenxia-2020.yaml --split unit -f xlsx -o sheets/
      targetdoc export data/yaml/ other-city/ -o targets.db -j 2
    """
    from targetdoc.cli.output import refuse_overwriting, write_output
    from targetdoc.export.formats import export_bytes
    from targetdoc.reading import read_file

    if template is not None and (split is None or (fmt or "docx") != "docx"):
        raise click.UsageError("--template fills one Word letter per unit: --split unit -f docx")
    if split is not None:
        _export_split(sources, output, fmt or "docx", table_name, (profile, unit), template)
        return
    fmt = _export_format(output, fmt)
    spec = FORMAT[fmt]
    _refuse_table(fmt, table_name)
    if spec.many:
        _export_corpus(sources, output, profile, jobs, quiet)
        return
    if len(sources) != 1:
        many = " and ".join(s.name for s in FORMATS if s.many)
        raise click.UsageError(f"--format {fmt} exports one notice; {many} takes many")
    (source,) = sources
    if spec.binary and output is None:
        raise click.UsageError(f"{fmt.upper()} is a binary file: name it with -o FILE.{fmt}")
    reading = read_file(source, profile=profile, unit=unit)
    data = export_bytes(reading.notice, fmt, table_name or "items", encoding)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        refuse_overwriting([source], output)
        write_output(output, data)
    exit_for_findings(reading.notice, reading.findings, show=True)


def _export_split(
    sources: tuple[Path, ...],
    output: Path | None,
    fmt: ExportFormat,
    table_name: TableName | None,
    asked: tuple[str, str | None],
    template: Path | None,
) -> None:
    """A file per unit, named after it, into a folder; letters in the office's own
    template where it names one."""
    from targetdoc.cli.output import refuse_overwriting, write_output
    from targetdoc.export.formats import split_by_unit
    from targetdoc.reading import read_file

    if fmt not in SPLIT_FORMATS:
        raise click.UsageError(f"--split writes {' or '.join(SPLIT_FORMATS)}, not {fmt}")
    _refuse_table(fmt, table_name)
    if output is None:
        raise click.UsageError("--split writes a file per unit: name a folder with -o DIR")
    if len(sources) != 1:
        raise click.UsageError("--split exports one notice")
    (source,) = sources
    if output.exists() and not output.is_dir():
        raise CliError(f"{output}: not a folder (--split writes a file per unit into one)")
    profile, unit = asked
    reading = read_file(source, profile=profile, unit=unit)
    pattern = None
    if template is not None:
        from targetdoc.read.source import read_input

        pattern = (str(template), read_input(template, what="letter template"))
    files = split_by_unit(reading.notice, fmt, pattern)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError(f"{output}: cannot make the folder: {error.strerror}") from None
    for name, data in files:
        refuse_overwriting([source], output / name)
        write_output(output / name, data)
    click.echo(f"wrote {len(files)} files ({fmt}, one per unit) to {output}", err=True)
    exit_for_findings(reading.notice, reading.findings, show=True)


def _refuse_table(fmt: ExportFormat, table_name: TableName | None) -> None:
    """--table names one table: a format that holds something else refuses it."""
    holds = FORMAT[fmt].holds
    if table_name is not None and holds is not None:
        raise click.UsageError(f"--table does not apply to {fmt}: {holds}")


def _export_corpus(
    sources: tuple[Path, ...],
    output: Path | None,
    profile: str,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Notices and folders of notices into one SQLite database."""
    from targetdoc.cli.output import refuse_overwriting
    from targetdoc.errors import Interrupted
    from targetdoc.export.corpus import corpus_job, write_corpus
    from targetdoc.pool import default_jobs
    from targetdoc.read.kinds import notice_files

    if output is None:
        raise click.UsageError("a database is a file: name it with -o FILE.db")
    if "-" in map(str, sources):
        raise click.UsageError("sqlite takes notice files and folders, not standard input")
    files = notice_files(sources, canonical=True)
    if not files:
        raise no_notices(sources, "export")
    refuse_overwriting(files, output)
    workers = jobs or default_jobs()
    try:
        outcomes = run_jobs(
            corpus_job, [(path, profile) for path in files], workers, verb="reading", quiet=quiet
        )
    except Interrupted:
        click.echo(f"targetdoc: interrupted: {output} not changed", err=True)
        raise SystemExit(Exit.INTERRUPTED) from None
    done, clashes = _distinct_notices([o.result for o in outcomes if o.result is not None])
    problems = [f"{outcome.error}" for outcome in outcomes if outcome.error is not None]
    problems += clashes
    for message in problems:
        click.echo(f"targetdoc: error: {message}", err=True)
    if done:
        write_corpus(output, list(done.values()))
    truncated = _truncated(done.values())
    for message in truncated:
        click.echo(f"targetdoc: error: {message}", err=True)
    if not quiet:
        _corpus_summary(list(done.values()), len(outcomes) - len(problems), len(outcomes), output)
    if problems or truncated:
        raise SystemExit(Exit.BAD_INPUT)


def _truncated(notices: Iterable[NoticeRows]) -> list[str]:
    """A message for each notice written that ends without its footer (TD103)."""
    said = []
    for rows in notices:
        finding = rows.truncated()
        if finding is not None:
            units = len(rows.tables["units"])
            said.append(
                f"{rows.source}:{finding['line']}: truncated notice ({units} units written)"
            )
    return said


def _corpus_summary(done: list[NoticeRows], read: int, given: int, output: Path) -> None:
    """What the export wrote, and how it keyed notices without a doc number."""
    for rows in done:
        if rows.keyed_by_hash:
            click.echo(
                f"{rows.source}: no doc number: keyed {rows.notice_id} "
                "(its file name and the start of its text's hash)",
                err=True,
            )
    units = sum(len(rows.tables["units"]) for rows in done)
    items = sum(len(rows.tables["items"]) for rows in done)
    click.echo(
        f"wrote {len(done)} {'notice' if len(done) == 1 else 'notices'} "
        f"({units} units, {items} items) from {read} of {given} files to {output}",
        err=True,
    )


def _distinct_notices(results: list[NoticeRows]) -> tuple[dict[str, NoticeRows], list[str]]:
    """The notices by key, and a message for each file whose key an earlier file with
    other text holds (two notices with one doc number). The same notice given twice
    (its text and its canonical file, the same hash) is one: the later stands."""
    done: dict[str, NoticeRows] = {}
    clashes: list[str] = []
    for rows in results:
        earlier = done.get(rows.notice_id)
        if earlier is not None and earlier.sha256 != rows.sha256:
            clashes.append(
                f"{rows.source}: another notice, {earlier.source}, has its doc number "
                f"{rows.notice_id}: not written (export it into another database)"
            )
            continue
        done[rows.notice_id] = rows
    return done, clashes


def _export_format(output: Path | None, fmt: ExportFormat | None) -> ExportFormat:
    """--format, else the output's extension; a format the extension contradicts is refused."""
    named = SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    if fmt is not None and named is not None and named != fmt:
        raise click.UsageError(f"--format {fmt} but the output is {output}: say one format")
    if fmt is None and output is not None and output.suffix and named is None:
        named_by = [spec.suffixes[0] for spec in FORMATS]
        raise click.UsageError(
            f"{output}: export cannot tell a format from {output.suffix}: name the file "
            f"{', '.join(named_by[:-1])} or {named_by[-1]}, or say --format"
        )
    return fmt or named or "csv"


@click.command()
@click.option(
    "--datasette",
    "database",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="DATABASE",
    help="Print Datasette's metadata for a database export --format sqlite wrote "
    "instead: labels in Chinese and English, default facets.",
)
def schema(database: Path | None) -> None:
    """Print the JSON Schema of the records (Notice → units → tiers → items).

    \b
    Examples:
      targetdoc schema > notice.schema.json
      targetdoc schema --datasette targets.db > metadata.json
      datasette targets.db --metadata metadata.json
    """
    if database is not None:
        from targetdoc.export.corpus import datasette_metadata

        click.echo(datasette_metadata(database), nl=False)
        return
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
    write_output(path, page.html.encode("utf-8"))
    click.echo(f"wrote {path}", err=True)
    exit_for_findings(page.notice, page.findings, show=True)
