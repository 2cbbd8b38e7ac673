"""Flat tables of a notice — items, thresholds, units, responsibilities, indicators —
for spreadsheets and analysis.

Each table is a list of column names and rows of plain values (str, int, Decimal,
None) in that order. Writers (``export``) decide how a value is spelled.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from targetdoc.export.corpus import city_of
from targetdoc.export.kinds import TABLES, TableName
from targetdoc.indicators.catalog import Catalog, notice_catalog
from targetdoc.indicators.targets import indicator_targets
from targetdoc.models import Notice

__all__ = ["TABLES", "Table", "TableName", "Value", "table"]

Value = str | int | Decimal | bool | None

ITEM_COLUMNS = (
    "doc_number",
    "year",
    "category",
    "unit",
    "unit_kind",
    "tier",
    "tier_declared_points",
    "item_number",
    "points",
    "text",
    "thresholds",
    "source_line",
)
THRESHOLD_COLUMNS = (
    "doc_number",
    "year",
    "unit",
    "item_number",
    "comparator",
    "change",
    "value",
    "value_max",
    "scale",
    "measure",  # the threshold's unit (元, 人, %); "unit" is the organisation
    "quantity",
    "benchmark",
    "subject",
    "text",
    "source_line",
)

# A task list's items by responsible unit: the list each department receives.
RESPONSIBILITY_COLUMNS = (
    "doc_number",
    "year",
    "responsible",
    "role",  # lead: the first unit named (牵头); joint: the others
    "unit",
    "tier",
    "item_number",
    "text",
    "source_line",
)

# Each threshold by the indicator it measures (one row per indicator a list of subjects
# names; a threshold naming none has a row without one): what lines up across units,
# cities and years. unit is empty and unit_kind "citywide" for the city's own list.
INDICATOR_COLUMNS = (
    "doc_number",
    "year",
    "city",
    "unit",
    "unit_kind",
    "item_number",
    "indicator",
    "indicator_name",
    "indicator_group",
    "comparator",
    "change",
    "value",
    "normalised_value",
    "measure",  # the indicator's measure (亿元, 人, %), or 个百分点 for a rate's change
    "points",
    "benchmark",
    "source_line",
)


@dataclass(frozen=True)
class Table:
    """A named table: its columns and its rows, in order."""

    name: TableName
    columns: tuple[str, ...]
    rows: list[tuple[Value, ...]]


def table(notice: Notice, name: TableName) -> Table:
    """One of the notice's tables by name."""
    if name == "items":
        return Table(name, ITEM_COLUMNS, list(_item_rows(notice)))
    if name == "thresholds":
        return Table(name, THRESHOLD_COLUMNS, list(_threshold_rows(notice)))
    if name == "responsibilities":
        return Table(name, RESPONSIBILITY_COLUMNS, list(_responsibility_rows(notice)))
    if name == "indicators":
        return Table(name, INDICATOR_COLUMNS, list(indicator_rows(notice, notice_catalog(notice))))
    columns = unit_columns(notice)
    return Table(name, columns, list(_unit_rows(notice, columns)))


def _item_rows(notice: Notice) -> Iterator[tuple[Value, ...]]:
    for unit, tier, item in notice.items():
        yield (
            notice.doc_number,
            notice.year,
            unit.category,
            unit.name,
            unit.kind,
            tier.name,
            tier.declared_points,
            item.number,
            item.points,
            item.text,
            # Readable, not a count: ≥ 8%; +0.5个百分点 (the thresholds table has each field).
            "; ".join(map(str, item.thresholds)),
            item.span.first,
        )


def _responsibility_rows(notice: Notice) -> Iterator[tuple[Value, ...]]:
    """One row per (responsible unit, item), lead unit first, in the notice's order."""
    for unit, tier, item in notice.items():
        for index, responsible in enumerate(item.responsible):
            yield (
                notice.doc_number,
                notice.year,
                responsible,
                "lead" if index == 0 else "joint",
                unit.name,
                tier.name,
                item.number,
                item.text,
                item.span.first,
            )


def _threshold_rows(notice: Notice) -> Iterator[tuple[Value, ...]]:
    for unit, _, item in notice.items():
        for threshold in item.thresholds:
            yield (
                notice.doc_number,
                notice.year,
                unit.name,
                item.number,
                threshold.comparator,
                threshold.change,
                threshold.value,
                threshold.value_max,
                threshold.scale,
                threshold.unit,
                threshold.quantity,
                threshold.benchmark,
                threshold.subject,
                threshold.text,
                item.span.first,
            )


def indicator_rows(notice: Notice, catalog: Catalog) -> Iterator[tuple[Value, ...]]:
    """One row per threshold and indicator, the city-wide list first."""
    city = city_of(notice.issuer)
    for target in indicator_targets(notice, catalog):
        indicator, threshold = target.indicator, target.threshold
        yield (
            notice.doc_number,
            notice.year,
            city,
            target.unit,
            target.holder,
            target.item_number,
            indicator.code if indicator else None,
            indicator.name if indicator else None,
            indicator.group if indicator else None,
            threshold.comparator,
            threshold.change,
            threshold.value,
            target.value.value,
            target.value.measure,
            target.points,
            threshold.benchmark,
            target.source_line,
        )


def tier_names(notice: Notice) -> list[str]:
    """Every tier name of the notice's units, in order of first appearance."""
    names: dict[str, None] = {}
    for unit in notice.units:
        for tier in unit.tiers:
            names.setdefault(tier.name, None)
    return list(names)


def unit_columns(notice: Notice) -> tuple[str, ...]:
    """Unit columns: a declared and a summed column for each tier name of the notice."""
    per_tier = [
        column for name in tier_names(notice) for column in (f"{name}_declared", f"{name}_points")
    ]
    return ("unit", "kind", "category", *per_tier, "declared_total", "points_total", "items")


def _unit_rows(notice: Notice, columns: tuple[str, ...]) -> Iterator[tuple[Value, ...]]:
    for unit in notice.units:
        row: dict[str, Value] = {"unit": unit.name, "kind": unit.kind, "category": unit.category}
        for tier in unit.tiers:
            row[f"{tier.name}_declared"] = tier.declared_points
            row[f"{tier.name}_points"] = tier.points_sum
        row["declared_total"] = unit.declared_sum
        row["points_total"] = unit.points_sum
        row["items"] = sum(1 for _ in unit.items())
        yield tuple(row.get(column) for column in columns)
