"""``targetdoc parse``: one notice to canonical YAML or JSON, or many in parallel."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

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
from targetdoc.i18n import _, ngettext

if TYPE_CHECKING:
    from targetdoc.cli.parse_job import ParseJob, ParseSummary
    from targetdoc.errors import Interrupted
    from targetdoc.findings import Finding
    from targetdoc.parse import ParseResult
    from targetdoc.pool import Outcome

FORMATS = ("yaml", "json")


@click.command()
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
@format_option(
    FORMATS,
    default=None,
    help="Output format [default: from the output file's extension, else yaml].",
)
@jobs_option
@click.option("-q", "--quiet", is_flag=True, help="Print no summary, findings or progress.")
@click.option(
    "--trace",
    is_flag=True,
    help="Print on standard error, for every line, the rule that took it "
    "(or the rules tried and why none fit): for adapting the grammar to a new notice.",
)
@profile_option
@unit_option
@library_errors
def parse(
    notices: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    fmt: str | None,
    jobs: int | None,
    quiet: bool,
    trace: bool,
    profile: str,
    unit: str | None,
) -> None:
    """Parse NOTICES (files, folders, or - for standard input) into canonical records.

    One notice: YAML goes to standard output unless -o names a file; the format
    follows the file's extension (.yaml, .yml, .json) unless --format is given.
    Lines the parser could not place are reported on standard error.

    Many notices (several files or a folder) need --out-dir: they are parsed in
    parallel (-j), with a progress bar on a terminal; a notice that fails is
    reported at the end without stopping the others, and the exit code is 1.

    \b
    Examples:
      targetdoc parse data/raw/sanmenxia-2020.txt -o data/yaml/sanmenxia-2020.yaml
      targetdoc parse data/raw/sanmenxia-2020.txt --trace -o /dev/null
      targetdoc parse data/raw --out-dir data/yaml -j 2
      targetdoc parse letter.txt --unit 桃花镇 --profile generic
    """
    if out_dir is not None or len(notices) > 1 or notices[0].is_dir():
        if out_dir is None:
            folders = [str(path) for path in notices if path.is_dir()]
            named = f"{folders[0]}: is a folder; " if folders else ""
            raise click.UsageError(f"{named}several notices or a folder need --out-dir DIR")
        if output is not None:
            raise click.UsageError("use --out-dir, not -o, for several notices")
        if trace:
            raise click.UsageError("--trace follows one notice, not a batch")
        _parse_batch(list(notices), out_dir, fmt or "yaml", jobs, quiet, (profile, unit))
        return
    _parse_one(notices[0], output, fmt, quiet, trace, (profile, unit))


@contextlib.contextmanager
def pages_shown(notice: Path, quiet: bool) -> Iterator[None]:
    """A progress bar of the pages read, on a terminal, for a PDF or page images (a
    scanned page takes OCR seconds); nothing for other notices."""
    import sys

    from targetdoc.read.kinds import IMAGE_SUFFIXES, PDF_SUFFIXES

    if (
        quiet
        or not sys.stderr.isatty()
        or notice.suffix.lower()
        not in (
            *PDF_SUFFIXES,
            *IMAGE_SUFFIXES,
        )
    ):
        yield
        return
    from rich.progress import Progress

    from targetdoc.read.progress import reporting

    with Progress(transient=True) as progress:
        task = progress.add_task(f"reading {notice.name}", total=None)

        def advance(number: int, pages: int) -> None:
            progress.update(task, completed=number, total=pages)

        with reporting(advance):
            yield


def _parse_one(
    notice: Path,
    output: Path | None,
    fmt: str | None,
    quiet: bool,
    trace: bool,
    reading: tuple[str, str | None],
) -> None:
    from targetdoc.canonical import dump_json, dump_yaml
    from targetdoc.cli.output import refuse_overwriting, write_output
    from targetdoc.parse import TraceStep, parse_file

    def print_step(step: TraceStep) -> None:
        click.echo(str(step), err=True)

    chosen = _records_format(output, fmt)
    profile, unit = reading
    with pages_shown(notice, quiet):
        result = parse_file(notice, profile=profile, unit=unit, trace=print_step if trace else None)
    text = dump_json(result.notice) if chosen == "json" else dump_yaml(result.notice)
    if output is None:
        click.echo(text, nl=False)
    else:
        refuse_overwriting([notice], output)
        write_output(output, text.encode("utf-8"))
    if not quiet:
        _print_findings(result, output)
    merged = _check_structure(result, quiet)
    exit_for_findings(result.notice, result.findings, show=False)  # shown above
    if merged:
        raise SystemExit(Exit.FINDINGS)  # written, but the records prove lines merged


# What validate's structure checks say when points do not add up: a tier's sum, a
# unit's total, a unit's tier headings.
_POINTS_CODES = frozenset(("TD201", "TD203", "TD211"))


def _check_structure(result: ParseResult, quiet: bool) -> bool:
    """Say in one line where the records fail validate's structure checks; True where
    they prove that lines were merged (a PDF's heading joined to the item above)."""
    from targetdoc.check.structure import check_notice

    if result.profile is None:
        return False
    file = result.notice.source.file
    findings = check_notice(result.notice, result.profile, file=file)
    merged = _merged(result, findings)
    points = sorted(
        (f for f in findings if f.code in _POINTS_CODES and f.unit), key=lambda f: f.line or 0
    )
    if quiet:
        return merged is not None
    if points:
        units = len({f.unit for f in points})
        said = ngettext(
            "{count} unit's points do not add up; first: {unit} line {line}; "
            "run targetdoc validate",
            "{count} units' points do not add up; first: {unit} line {line}; "
            "run targetdoc validate",
            units,
        )
        click.echo(said.format(count=units, unit=points[0].unit, line=points[0].line), err=True)
    if merged is not None:
        click.echo(merged, err=True)
    return merged is not None


def _merged(result: ParseResult, findings: list[Finding]) -> str | None:
    """Why the records prove that lines were merged, if they do: a unit whose items
    restart their numbering or total two units' points, an item holding another's points."""
    import re

    from targetdoc import grammar
    from targetdoc.read.normalize import fold

    notice, profile = result.notice, result.profile
    # A restart is a lost unit heading where the line rules read the notice; a document
    # read by its outline may number each section from 1.
    restart = next((f for f in findings if f.code == "TD206"), None)
    if restart is not None and not result.outlined:
        return _("{place}: lines merged: {message}").format(
            place=restart.location, message=restart.message
        )
    standard = profile.unit_total if profile is not None else None
    for unit in notice.units:
        if standard and unit.points_sum >= 2 * standard:
            return _(
                "{file}:{line}: lines merged: {unit}'s items total {total} points, "
                "the points of {count} units"
            ).format(
                file=notice.source.file,
                line=unit.span.first,
                unit=unit.name,
                total=unit.points_sum,
                count=int(unit.points_sum // standard),
            )
    # Points written inside an item's text (its own are read off its end): those of
    # an item, or a heading, that a PDF's layout joined to it. The grammar's form.
    held = re.compile(grammar.grammar().fragments["points"]).finditer
    for unit, _tier, item in notice.items():
        parts = [Decimal(found["points"]) for found in held(fold(item.text))]
        # A breakdown of its own points (…(40分)，…(40分) in an 80-point row) is no merge.
        if parts and sum(parts) != item.points:
            return _(
                "{file}:{line}: lines merged: {unit} item {number} holds points before "
                "its end: {text}"
            ).format(
                file=notice.source.file,
                line=item.span.first,
                unit=unit.name,
                number=item.number,
                text=item.text,
            )
    return None


def _records_format(output: Path | None, fmt: str | None) -> str:
    """--format, else the output's suffix; refuse a suffix that names no canonical format."""
    from targetdoc.read.kinds import file_kind

    if fmt is not None or output is None:
        return fmt or "yaml"
    kind = file_kind(output)
    chosen = {"canonical-json": "json", "canonical-yaml": "yaml"}.get(kind)
    if chosen is None and output.suffix:
        raise click.UsageError(
            f"{output}: parse writes the records as YAML or JSON, and {output.suffix} is "
            "neither: name the file .yaml, .yml or .json, or say --format (for tables, "
            "workbooks and letters: targetdoc export)"
        )
    return chosen or "yaml"


def _parse_batch(
    paths: list[Path],
    out_dir: Path,
    fmt: str,
    jobs: int | None,
    quiet: bool,
    reading: tuple[str, str | None],
) -> None:
    # The job's module loads the parser: imported here, before the workers fork.
    from targetdoc.cli.parse_job import ParseJob, parse_to_file
    from targetdoc.errors import Interrupted
    from targetdoc.pool import default_jobs
    from targetdoc.read.kinds import notice_files

    files = notice_files(paths)
    if not files:
        raise no_notices(paths, "parse")
    profile, unit = reading
    work = [ParseJob(path, out_dir / f"{path.stem}.{fmt}", fmt, profile, unit) for path in files]
    _refuse_collisions(work)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)  # as export --split makes its folder
    except OSError as error:
        raise CliError(f"{out_dir}: cannot make the folder: {error.strerror}") from None
    workers = jobs or default_jobs()
    try:
        outcomes = run_jobs(parse_to_file, work, workers, verb="parsing", quiet=quiet)
    except Interrupted as stopped:
        _print_interrupted(stopped)
        raise SystemExit(Exit.INTERRUPTED) from None
    if not quiet:
        _print_batch_summary(outcomes, workers)
    raise SystemExit(max((_exit_code(outcome) for outcome in outcomes), default=Exit.DONE))


def _exit_code(outcome: Outcome[ParseJob, ParseSummary]) -> Exit:
    """What ``parse`` of this one notice alone exits with: 3 an internal error, 2 one
    that could not be read or is truncated, 1 one written with errors (TD101), else 0;
    the batch exits with the worst."""
    from targetdoc.errors import InternalError

    if outcome.error is not None:
        return Exit.INTERNAL if isinstance(outcome.error, InternalError) else Exit.BAD_INPUT
    assert outcome.result is not None
    if outcome.result.truncated:
        return Exit.BAD_INPUT
    return Exit.FINDINGS if outcome.result.findings else Exit.DONE


def _refuse_collisions(work: list[ParseJob]) -> None:
    """Two notices of one stem (a/notice.txt, b/notice.html) would write one file."""
    by_output: dict[Path, list[Path]] = {}
    for job in work:
        by_output.setdefault(job.output, []).append(job.notice)
    clashes = {output: notices for output, notices in by_output.items() if len(notices) > 1}
    if clashes:
        said = "; ".join(
            f"{output} from {' and '.join(map(str, notices))}"
            for output, notices in clashes.items()
        )
        raise CliError(
            f"notices would overwrite each other's output: {said}: rename one, "
            "or parse them into separate folders"
        )


def _print_interrupted(stopped: Interrupted) -> None:
    """Ctrl-C: which canonical files were written, and which notices were not."""
    written = [o.input.output for o in stopped.done if o.error is None]
    not_written = [job.notice for job in stopped.not_done]
    not_written += [o.input.notice for o in stopped.done if o.error is not None]
    click.echo(
        f"targetdoc: interrupted: wrote {len(written)} of "
        f"{len(written) + len(not_written)} canonical files; "
        f"{len(not_written)} notices not written",
        err=True,
    )
    for path in not_written:
        click.echo(f"  not written: {path}", err=True)


def _print_batch_summary(outcomes: list[Outcome[ParseJob, ParseSummary]], workers: int) -> None:
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
    said = _(
        "parsed {done} of {total} notices ({units} units, {items} items) "
        "with {workers} processes; {failed} failed"
    )
    counts = {"done": len(done), "total": len(outcomes), "units": units, "items": items}
    failed = len(outcomes) - len(done)
    console.print(said.format(**counts, workers=workers, failed=failed), markup=False)


def _print_findings(result: ParseResult, output: Path | None) -> None:
    """Findings with their source line and caret, then (when writing a file) a summary."""
    from rich.console import Console
    from rich.markup import escape

    from targetdoc.cli.console import context, summary_table

    console = Console(stderr=True, highlight=False)
    for finding in result.findings:
        style = "red" if finding.severity == "error" else "yellow"
        console.print(f"[{style}]{escape(str(finding))}[/]", soft_wrap=True)
        if finding.line is not None:
            line = result.source.line(finding.line).raw
            console.print(context(line, finding.column), markup=False, soft_wrap=True)
    if output is not None:
        console.print(summary_table(result.notice, output))
