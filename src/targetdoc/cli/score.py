"""``targetdoc score``: the year-end assessment of a notice from the actuals reported."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from targetdoc.cli.common import (
    Exit,
    format_option,
    library_errors,
    profile_option,
    refuse_truncated,
)
from targetdoc.i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Sequence

    from targetdoc.findings import Finding
    from targetdoc.models import Notice, Points
    from targetdoc.score.assess import Assessment, ItemScore

FORMATS = ("table", "json", "csv", "xlsx")
CSV_COLUMNS = ("unit", "category", "rank", "item", "points", "score", "status", "reason")


@click.command()
@click.argument("notice", type=click.Path(path_type=Path))
@click.argument("actuals", type=click.Path(path_type=Path), required=False)
@click.option(
    "--benchmarks",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="YAML of the values behind relative targets: benchmark → subject → value.",
)
@click.option(
    "--deductions",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="CSV of unit,event,points: points taken for events of the deduction clause "
    "(目标考核减分因素).",
)
@click.option(
    "--template",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the files to fill in (actuals.csv, benchmarks.yaml, deductions.csv) with "
    "NOTICE's units, items and benchmarks into this folder, and score nothing.",
)
@profile_option
@format_option(
    FORMATS,
    default=None,
    help="table for people, json or csv for programs, xlsx the scoring workbook with "
    "完成情况 and 得分 filled in [default: from -o's extension, else table].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the scores to this file (.json, .csv or .xlsx) instead of standard output.",
)
@library_errors
def score(
    notice: Path,
    actuals: Path | None,
    benchmarks: Path | None,
    deductions: Path | None,
    template: Path | None,
    profile: str,
    fmt: str | None,
    output: Path | None,
) -> None:
    """Score NOTICE's units from ACTUALS: a CSV of unit,item,actual (and tier, where a
    unit's sections repeat item numbers, and score, where the office gives an item's
    score itself), or the exported workbook with its 评分 sheet filled in: 完成情况, a
    得分 given by hand (which stands), the 共同性目标 row, the 扣分 row with its event.

    An actual is numbers separated by ; (one for each numeric target of the item, a
    bare number in the target's own unit and scale, or written with its unit: 2.5亿元,
    8.2%), or 完成 / 未完成, or empty; for an item that counts events (每发现一起扣1分),
    the number of events. Each item is met (its points), not met (0, or what its own
    评分标准 gives where the document states one: 每低1个百分点扣0.5分, 每起扣2分,
    最高加5分; else what the profile's scoring rule gives) or for review (0, listed
    apart: nothing reported, a relative target without its benchmark, no numeric
    target). Exit codes: 0 every item
    judged, 1 items for review or rows that could not be used (findings with their line),
    2 bad input. Each unit is scored out of its full score, the shared targets included;
    a unit that reported nothing has no score (—) and no rank.

    \b
    Examples:
      targetdoc score data/raw/sanmenxia-2020.txt --template forms/
      targetdoc score data/raw/sanmenxia-2020.txt examples/actuals.csv
      targetdoc score notice.yaml actuals.csv --benchmarks benchmarks.yaml -o scores.json
      targetdoc score notice.txt 评分表.xlsx --deductions events.csv -o scores.xlsx
    """
    from targetdoc.reading import read_file
    from targetdoc.score.files import score_files

    if template is not None:
        _write_template(read_file(notice, profile=profile).notice, template)
        return
    if actuals is None:
        raise click.UsageError("name the ACTUALS file (or write one with --template DIR)")
    chosen = fmt or _scores_format(output)
    if chosen == "xlsx" and output is None:
        raise click.UsageError("the workbook is a binary file: name it with -o FILE.xlsx")
    reading = read_file(notice, profile=profile)
    result = score_files(reading, actuals, benchmarks=benchmarks, deductions=deductions)
    _write_scores(reading.notice, result, chosen, output, [notice, actuals])
    _exit(result, reading.findings, len(reading.notice.units))


def _write_scores(
    records: Notice, result: Assessment, chosen: str, output: Path | None, inputs: list[Path]
) -> None:
    """The scores in the chosen format, to standard output or the file, never over an
    input (the office's workbook)."""
    from targetdoc.cli.output import refuse_overwriting, write_output

    if chosen == "xlsx":
        from targetdoc.score.assess import workbook

        assert output is not None
        refuse_overwriting(inputs, output)
        write_output(output, workbook(records, result))
        return
    text = _render(result, chosen)
    if output is None:
        sys.stdout.write(text)
    else:
        refuse_overwriting(inputs, output)
        encoding = "utf-8-sig" if chosen == "csv" else "utf-8"
        write_output(output, text.encode(encoding))


def _exit(result: Assessment, parsed: Sequence[Finding], units: int) -> None:
    """The findings and what is left to do on standard error; exit 2 for a truncated
    notice (as parse), else 1 if anything is left to do."""
    for finding in result.findings:
        click.echo(str(finding), err=True)
    refuse_truncated(parsed, units)
    review = sum(unit.count("review") for unit in result.units if unit.score is not None)
    if review:
        said = _("{count} items for review (listed with status review)")
        click.echo(said.format(count=review), err=True)
    silent = sum(1 for unit in result.units if unit.score is None)
    if silent:
        said = _("{count} units reported nothing (no score, no rank)")
        click.echo(said.format(count=silent), err=True)
    if review or silent or result.findings:
        raise SystemExit(Exit.FINDINGS)


def _write_template(notice: Notice, folder: Path) -> None:
    """actuals.csv, benchmarks.yaml and deductions.csv in the folder (made if missing),
    never over files the office may have filled in."""
    from targetdoc.cli.output import write_output
    from targetdoc.errors import OutputError
    from targetdoc.score.template import template_files

    files = template_files(notice)
    for name in files:
        if (folder / name).exists():
            raise OutputError(
                "refusing to write over a file the office fills in", path=folder / name
            )
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_output(folder / name, data)
        click.echo(_("wrote {file}").format(file=folder / name), err=True)


def _scores_format(output: Path | None) -> str:
    if output is None:
        return "table"
    suffix = output.suffix.lower()
    if suffix not in {".json", ".csv", ".xlsx"}:
        raise click.UsageError(f"{output}: write the scores to a .json, .csv or .xlsx file")
    return suffix[1:]


def _render(result: Assessment, fmt: str) -> str:
    if fmt == "json":
        from targetdoc.canonical import json_text

        return json_text(result.to_json()) + "\n"
    if fmt == "csv":
        from targetdoc.export.formats import csv_text

        return csv_text(
            CSV_COLUMNS,
            (
                (unit.unit, unit.category, unit.rank, *_item_cells(item))
                for unit in result.units
                for item in [*([unit.shared] if unit.shared else []), *unit.items]
            ),
        )
    return _table(result)


def _item_cells(item: ItemScore) -> tuple[int | str, Points | None, Points, str, str]:
    """An item's cells; the shared targets' item is their name (共同性目标)."""
    number: int | str = item.item if item.item else item.tier
    return (number, item.points, item.score, item.status, item.reason)


_SUMMARY_COLUMNS = (
    N_("unit"),
    N_("category"),
    N_("score"),
    N_("max"),
    N_("rank"),
    N_("met"),
    N_("not met"),
    N_("review"),
    N_("deducted"),
)
_DETAIL_COLUMNS = (N_("no."), N_("points"), N_("score"), N_("status"), N_("reason"))
# A unit that reported nothing: no score, no rank.
NONE = "—"


def _table(result: Assessment) -> str:
    """The units' scores, then each unit with a reported row in detail."""
    import io

    from rich.console import Console
    from rich.table import Table

    from targetdoc.models import points_total

    # Recorded and exported as text, so that -o and standard output get the same.
    console = Console(record=True, highlight=False, width=120, file=io.StringIO())
    summary = Table(*map(_, _SUMMARY_COLUMNS))
    for unit in result.units:
        summary.add_row(
            unit.unit,
            unit.category,
            NONE if unit.score is None else str(unit.score),
            str(unit.max),
            NONE if unit.rank is None else str(unit.rank),
            str(unit.count("met")),
            str(unit.count("not_met")),
            str(unit.count("review")),
            str(points_total(d.points for d in unit.deductions)),
        )
    console.print(summary)
    for unit in result.units:
        if unit.score is None:
            continue
        detail = Table(*map(_, _DETAIL_COLUMNS), title=unit.unit)
        for item in [*([unit.shared] if unit.shared else []), *unit.items]:
            points = "" if item.points is None else str(item.points)
            status = _(item.status.replace("_", " "))
            number = str(item.item) if item.item else item.tier
            detail.add_row(number, points, str(item.score), status, item.shown())
        console.print(detail)
    rule = result.scoring.describe(_) if result.scoring else _(result.rule)
    console.print(_("rule: {rule}").format(rule=rule))
    own = sum(item.own_rule for unit in result.units for item in unit.items)
    if own:
        template = _("{count} items scored by the rule their document states (评分标准)")
        console.print(template.format(count=own))
    return console.export_text()
