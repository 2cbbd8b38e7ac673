"""A short rich summary of a parsed notice, for people running the CLI."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from targetdoc.models import Notice, TextSpan, Threshold


def summary_table(notice: Notice, output: Path) -> Table:
    """Units, items and points per category, with the notice's identity in the title."""
    table = Table(
        title=f"{notice.doc_number or notice.source.file} → {output}",
        caption=f"{notice.title or ''} ({notice.issued_on or 'no date'})",
    )
    table.add_column("category")
    table.add_column("units", justify="right")
    table.add_column("items", justify="right")
    table.add_column("points", justify="right")
    categories: dict[str, list[int]] = {}
    for unit in notice.units:
        row = categories.setdefault(unit.category, [0, 0, 0])
        row[0] += 1
        for tier in unit.tiers:
            row[1] += len(tier.items)
            row[2] += sum(item.points or 0 for item in tier.items)
    for name, (units, items, points) in categories.items():
        table.add_row(name, str(units), str(items), str(points))
    total = [sum(row[i] for row in categories.values()) for i in range(3)]
    table.add_section()
    table.add_row(
        f"all ({len(notice.citywide_targets)} city-wide targets)", *(str(n) for n in total)
    )
    return table


def thresholds_table(text: str, thresholds: list[Threshold]) -> Table:
    """The thresholds of a sentence side by side, one row per record field."""
    table = Table(title=text, title_justify="left", caption=None if thresholds else "no thresholds")
    table.add_column("field", style="bold")
    for number in range(1, len(thresholds) + 1):
        table.add_column(f"#{number}")
    for field in Threshold.model_fields:
        values = [getattr(threshold, field) for threshold in thresholds]
        cells = [_cell(value) for value in values]
        table.add_row(field, *cells)
    return table


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, TextSpan):
        return f"{value.start}-{value.end}"
    return str(value)
