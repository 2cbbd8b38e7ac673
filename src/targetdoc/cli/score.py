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
    from targetdoc.models import Points
    from targetdoc.score.assess import Assessment, ItemScore

FORMATS = ("table", "json", "csv", "xlsx")
CSV_COLUMNS = ("unit", "category", "rank", "item", "points", "score", "status", "reason")


@click.command()
@click.argument("notice", type=click.Path(path_type=Path))
@click.argument("actuals", type=click.Path(path_type=Path))
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
    actuals: Path,
    benchmarks: Path | None,
    deductions: Path | None,
    profile: str,
    fmt: str | None,
    output: Path | None,
) -> None:
    """Score NOTICE's units from ACTUALS: a CSV of unit,item,actual (and tier, where a
    unit's sections repeat item numbers), or the exported workbook with its 评分 sheet's
    完成情况 filled in.

    An actual is numbers separated by ; (one for each numeric target of the item, a
    bare number in the target's own unit and scale, or written with its unit: 2.5亿元,
    8.2%), or 完成 / 未完成, or empty. Each item is met (its points), not met (0, or what
    the profile's scoring rule gives) or for review (0, listed apart: nothing reported,
    a relative target without its benchmark, no numeric target). Exit codes: 0 every item
    judged, 1 items for review or rows that could not be used (findings with their line),
    2 bad input.

    \b
    Examples:
      targetdoc score data/raw/sanmenxia-2020.txt actuals.csv
      targetdoc score notice.yaml actuals.csv --benchmarks benchmarks.yaml -o scores.json
      targetdoc score notice.txt 评分表.xlsx --deductions events.csv -o scores.xlsx
    """
    from targetdoc.api import load_parsed
    from targetdoc.cli.output import refuse_overwriting, write_output
    from targetdoc.findings import Finding
    from targetdoc.score.assess import assess, read_actuals, read_deductions
    from targetdoc.score.benchmarks import load_benchmarks

    chosen = fmt or _format_for(output)
    if chosen == "xlsx" and output is None:
        raise click.UsageError("the workbook is a binary file: name it with -o FILE.xlsx")
    records, parsed = load_parsed(notice, profile=profile)
    rows = read_actuals(_read(actuals), path=str(actuals))
    values = load_benchmarks(benchmarks) if benchmarks is not None else None
    from targetdoc.profile import AUTO, load_profile, recorded_profile
    from targetdoc.score.rules import Scoring

    standard = (
        recorded_profile(records.source.profile) if profile == AUTO else load_profile(profile)
    )
    scoring = Scoring.of(standard.scoring)
    taken = []
    findings: list[Finding] = []
    if deductions is not None:
        taken = read_deductions(_read(deductions), path=str(deductions), findings=findings)
    result = assess(
        records,
        rows,
        file=str(actuals),
        benchmarks=values,
        scoring=scoring,
        deductions=taken,
    )
    result.findings.extend(findings)
    result.findings.sort(key=lambda f: (f.file != str(actuals), f.file, f.line or 0))
    if chosen == "xlsx":
        from targetdoc.score.assess import workbook

        assert output is not None
        refuse_overwriting([notice, actuals], output)
        write_output(output, workbook(records, result))
    else:
        text = _render(result, chosen)
        if output is None:
            sys.stdout.write(text)
        else:
            refuse_overwriting([notice, actuals], output)
            encoding = "utf-8-sig" if chosen == "csv" else "utf-8"
            write_output(output, text.encode(encoding))
    for finding in result.findings:
        click.echo(str(finding), err=True)
    refuse_truncated(parsed, len(records.units))
    review = sum(unit.count("review") for unit in result.units)
    if review:
        said = _("{count} items for review (listed with status review)")
        click.echo(said.format(count=review), err=True)
    if review or result.findings:
        raise SystemExit(Exit.FINDINGS)


def _read(path: Path) -> bytes:
    """A file of actuals or deductions, up to the input limit."""
    from targetdoc.read.source import read_input

    return read_input(path, what="actuals")


def _format_for(output: Path | None) -> str:
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
                for item in unit.items
            ),
        )
    return _table(result)


def _item_cells(item: ItemScore) -> tuple[int, Points | None, Points, str, str]:
    return (item.item, item.points, item.score, item.status, item.reason)


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
_DETAIL_COLUMNS = (N_("item"), N_("points"), N_("score"), N_("status"), N_("reason"))


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
            str(unit.score),
            str(unit.max),
            str(unit.rank),
            str(unit.count("met")),
            str(unit.count("not_met")),
            str(unit.count("review")),
            str(points_total(d.points for d in unit.deductions)),
        )
    console.print(summary)
    for unit in result.units:
        if all(item.reason == "not reported" for item in unit.items):
            continue
        detail = Table(*map(_, _DETAIL_COLUMNS), title=unit.unit)
        for item in unit.items:
            points = "" if item.points is None else str(item.points)
            status = _(item.status.replace("_", " "))
            detail.add_row(str(item.item), points, str(item.score), status, _(item.reason))
        console.print(detail)
    rule = result.scoring.describe(_) if result.scoring else _(result.rule)
    console.print(_("rule: {rule}").format(rule=rule))
    return console.export_text()
