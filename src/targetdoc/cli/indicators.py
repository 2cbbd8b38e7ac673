"""``targetdoc indicators``: each indicator's city-wide target beside the units'."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from targetdoc.cli.common import (
    exit_for_findings,
    format_option,
    library_errors,
    profile_option,
    refuse_truncated,
)

if TYPE_CHECKING:
    from rich.table import Table

    from targetdoc.indicators.catalog import Catalog
    from targetdoc.indicators.compare import Comparison
    from targetdoc.indicators.targets import IndicatorTarget
    from targetdoc.indicators.weights import Weights
    from targetdoc.models import Notice


@click.command()
@click.argument("notices", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@format_option(
    ["table", "json", "csv"],
    default="table",
    help="A table per notice for people (the counties beside the city), JSON or CSV "
    "(every unit, one row per unit and indicator) for programs.",
)
@click.option(
    "--trace",
    is_flag=True,
    help="On standard error, each threshold's phrase and the indicators it names, or why none.",
)
@click.option(
    "--weights",
    is_flag=True,
    help="Instead: the points each unit's items give each indicator group (economy, "
    "innovation, …), and each category's.",
)
@profile_option
@library_errors
def indicators(
    notices: tuple[Path, ...], fmt: str, trace: bool, weights: bool, profile: str
) -> None:
    """Line up each indicator's targets in NOTICES: the city-wide target beside each
    unit's, the spread of the units' values, and the escalation (层层加码): how many
    units' targets stand above the city's, and for amounts and counts the counties'
    sum against the city's. Several notices (years, cities) give one row set each.
    With --weights, what the notice prioritises instead: each unit's and category's
    points by indicator group (an item's points shared among the indicators it names).
    A threshold whose words fit two indicators at one place takes neither (TD701,
    on standard error).

    Indicators come from grammars/indicators.yaml and the profile's own (a profile
    file named with --profile adds its indicators).

    \b
    Examples:
      targetdoc indicators data/yaml/sanmenxia-2020.yaml
      targetdoc indicators data/yaml/sanmenxia-2020.yaml -f csv > indicators.csv
      targetdoc indicators data/raw/sanmenxia-2020.txt --trace -f json
      targetdoc indicators data/yaml/sanmenxia-2020.yaml --weights
    """
    from targetdoc.api import read_file
    from targetdoc.export.corpus import city_of
    from targetdoc.indicators.compare import compare
    from targetdoc.indicators.targets import ambiguity_findings, indicator_targets

    loaded = []
    catalogs = []
    parsed = []
    for path in notices:
        reading = read_file(path, profile=profile)
        notice, findings = reading.notice, reading.findings
        refuse_truncated(findings, len(notice.units))
        parsed.append((notice, findings))
        catalog = _catalog(notice, profile)
        if weights:
            catalogs.append((notice, city_of(notice.issuer), catalog))
            continue
        targets = list(indicator_targets(notice, catalog))
        if trace:
            _trace(path, targets)
        for finding in ambiguity_findings(targets, str(path)):
            click.echo(str(finding), err=True)
        loaded.append((notice, city_of(notice.issuer), compare(targets)))
    if weights:
        _show_weights(catalogs, fmt)
    elif fmt == "json":
        from targetdoc.canonical import json_text
        from targetdoc.indicators.rows import comparison_record

        records = [comparison_record(*found) for found in loaded]
        click.echo(json_text(records))
    elif fmt == "csv":
        from targetdoc.export.formats import csv_text
        from targetdoc.indicators.rows import COMPARISON_COLUMNS, comparison_rows

        rows = [row for found in loaded for row in comparison_rows(*found)]
        sys.stdout.buffer.write(csv_text(COMPARISON_COLUMNS, rows).encode("utf-8-sig"))
    else:
        from rich.console import Console

        console = Console(highlight=False)
        for notice, city, comparisons in loaded:
            console.print(_table(notice, city, comparisons))
        if len(loaded) > 1:
            console.print(_across(loaded))
    for notice, findings in parsed:  # as parse would: 1 for lines the records lack
        exit_for_findings(notice, findings, show=True)


def _show_weights(loaded: list[tuple[Notice, str | None, Catalog]], fmt: str) -> None:
    from targetdoc.indicators.weights import notice_weights

    found = [
        (notice, city, list(notice_weights(notice, catalog))) for notice, city, catalog in loaded
    ]
    if fmt == "json":
        from targetdoc.canonical import json_text
        from targetdoc.indicators.rows import weight_record

        click.echo(json_text([weight_record(*one) for one in found]))
    elif fmt == "csv":
        from targetdoc.export.formats import csv_text
        from targetdoc.indicators.rows import WEIGHT_COLUMNS, weight_rows

        rows = [row for one in found for row in weight_rows(*one)]
        sys.stdout.buffer.write(csv_text(WEIGHT_COLUMNS, rows).encode("utf-8-sig"))
    else:
        from rich.console import Console

        console = Console(highlight=False)
        for one in found:
            console.print(_weights_table(*one))


def _weights_table(notice: Notice, city: str | None, weights: list[Weights]) -> Table:
    """The counties one by one, then every category in all."""
    from rich.table import Table

    from targetdoc.i18n import _
    from targetdoc.indicators.weights import GROUP_LABELS, GROUPS, category_weights

    table = Table(
        title=f"{notice.doc_number or notice.source.file} {notice.year or ''} {city or ''}",
        caption=_("points by indicator group: an item's points shared among its indicators"),
    )
    table.add_column(_("unit"))
    for group in GROUPS:
        table.add_column(_(GROUP_LABELS[group]), justify="right")
    table.add_column(_("total"), justify="right")
    counties = [one for one in weights if one.kind == "county"]
    for one in counties:
        table.add_row(one.name, *(str(one.points[g]) for g in GROUPS), str(one.total))
    if counties:
        table.add_section()
    for one in category_weights(weights):
        table.add_row(one.name, *(str(one.points[g]) for g in GROUPS), str(one.total))
    return table


def _across(loaded: list[tuple[Notice, str | None, list[Comparison]]]) -> Table:
    """Several notices side by side: each indicator's city-wide target by notice (year
    or city), and how many of the units' targets stand stricter than it."""
    from rich.table import Table

    from targetdoc.i18n import _

    table = Table(
        title=_("Indicators across notices"),
        caption=_(
            "the city-wide target; ▲ units stricter than it, of those compared; Σ the counties' sum"
        ),
    )
    table.add_column(_("indicator"))
    names: dict[str, str] = {}
    cells: dict[str, list[str]] = {}
    for index, (notice, city, comparisons) in enumerate(loaded):
        heading = f"{city or ''} {notice.year or ''}".strip() or notice.source.file
        table.add_column(f"{heading}\n{notice.doc_number or ''}")
        for comparison in comparisons:
            code = comparison.indicator.code
            names.setdefault(code, comparison.indicator.name)
            row = cells.setdefault(code, [""] * len(loaded))
            row[index] = _across_cell(comparison)
    for code, name in names.items():
        table.add_row(name, *cells[code])
    return table


def _across_cell(comparison: Comparison) -> str:
    """The city's target, with the stricter units of those compared, or the counties' sum."""
    shown = str(comparison.citywide.threshold) if comparison.citywide else "—"
    compared = [s for s in comparison.units if s.stricter is not None]
    if compared:
        shown += f" ▲{comparison.escalated}/{len(compared)}"
    elif comparison.county_sum is not None and comparison.citywide is not None:
        shown += f" Σ{comparison.county_sum}"
    return shown


def _catalog(notice: Notice, profile: str) -> Catalog:
    """A profile file named on the command line adds its indicators; else the profile
    that read the notice does."""
    from targetdoc.indicators.catalog import catalog_for, notice_catalog
    from targetdoc.profile import load_profile

    if Path(profile).suffix in {".yaml", ".yml"}:
        return catalog_for(load_profile(profile), profile)
    return notice_catalog(notice)


def _trace(path: Path, targets: list[IndicatorTarget]) -> None:
    from targetdoc.i18n import _

    for target in targets:
        reading = target.reading
        owner = target.unit or _("city-wide")
        where = f"{path}:{target.source_line}  {owner} {target.item_number}"
        if reading.why_none is not None:
            click.echo(f"{where}  {target.threshold}  — {reading.why_none.shown()}", err=True)
        elif target.indicator is None:
            continue
        else:
            via = _(" (from its clause)") if reading.via == "clause" else ""
            click.echo(
                f"{where}  {target.threshold}  → {target.indicator.code}{via}  [{reading.phrase}]",
                err=True,
            )


def _table(notice: Notice, city: str | None, comparisons: list[Comparison]) -> Table:
    """Indicators down, the city and each county across; departments are in JSON and CSV."""
    from rich.table import Table

    from targetdoc.i18n import _

    counties = list(
        dict.fromkeys(
            s.target.unit for c in comparisons for s in c.units if s.target.holder == "county"
        )
    )
    table = Table(
        title=f"{notice.doc_number or notice.source.file} {notice.year or ''} {city or ''}",
        caption=_("▲ stricter than the city's target; Σ the counties' sum against the city's"),
    )
    table.add_column(_("indicator"))
    table.add_column(city or _("city-wide"))
    for county in counties:
        table.add_column(str(county))
    table.add_column(_("spread"), justify="right")
    table.add_column("▲", justify="right")
    table.add_column("Σ", justify="right")
    for comparison in comparisons:
        cells: dict[str | None, list[str]] = {}
        for standing in comparison.units:
            if standing.target.holder == "county":
                mark = " ▲" if standing.stricter else ""
                points = standing.target.points
                shown = f"{standing.target.threshold}{mark}"
                cells.setdefault(standing.target.unit, []).append(
                    f"{shown} ({points})" if points is not None else shown
                )
        if not cells and comparison.citywide is None:
            continue  # a department's own indicator
        city_target = str(comparison.citywide.threshold) if comparison.citywide else ""
        county_sum = comparison.county_sum
        table.add_row(
            comparison.indicator.name,
            city_target,
            *("\n".join(cells.get(county, [])) for county in counties),
            "" if comparison.spread is None else str(comparison.spread),
            str(comparison.escalated) if comparison.escalated else "",
            "" if county_sum is None else f"{county_sum} {comparison.indicator.measure}",
        )
    return table
