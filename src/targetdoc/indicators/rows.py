"""The comparison as plain rows (CSV) and records (JSON): one row per unit's target of
an indicator, with the city's target beside it and the indicator's spread, escalation
and sum repeated on each, so that one file lines up notices of several years or cities;
and the weights, each unit's and category's points by indicator group."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from targetdoc.indicators.compare import Comparison
from targetdoc.indicators.targets import IndicatorTarget
from targetdoc.indicators.weights import GROUPS, Weights, category_weights
from targetdoc.models import Notice

Value = str | int | Decimal | bool | None

COMPARISON_COLUMNS = (
    "doc_number",
    "year",
    "city",
    "indicator",
    "indicator_name",
    "indicator_group",
    "kind",
    "unit",
    "unit_kind",
    "item_number",
    "target",  # as read: ≥ 8%, −2.8%, 2400人, > 全省平均水平
    "value",  # normalised to measure
    "measure",
    "points",
    "city_target",
    "city_value",
    "difference",  # value − city_value, same change and measure only
    "stricter",  # above the city's (below it, under a ceiling); empty for sums
    "lowest",
    "highest",
    "spread",
    "escalated",  # units of the indicator whose target is stricter than the city's
    "county_sum",  # amounts and counts: the counties' targets added up
    "sum_over_city",
)


def comparison_rows(
    notice: Notice, city: str | None, comparisons: list[Comparison]
) -> Iterator[tuple[Value, ...]]:
    """Every unit's target of every indicator (an indicator only the city sets: one row)."""
    for comparison in comparisons:
        indicator, citywide = comparison.indicator, comparison.citywide
        shared = (
            str(citywide.threshold) if citywide else None,
            citywide.value.value if citywide else None,
        )
        summary = (
            comparison.lowest,
            comparison.highest,
            comparison.spread,
            comparison.escalated,
            comparison.county_sum,
            comparison.sum_over_city,
        )
        head = (
            notice.doc_number,
            notice.year,
            city,
            indicator.code,
            indicator.name,
            indicator.group,
            indicator.kind,
        )
        if not comparison.units and citywide is not None:
            yield (*head, *_target(citywide), *shared, None, None, *summary)
        for standing in comparison.units:
            yield (
                *head,
                *_target(standing.target),
                *shared,
                standing.difference,
                standing.stricter,
                *summary,
            )


def _target(target: IndicatorTarget) -> tuple[Value, ...]:
    return (
        target.unit,
        target.holder,
        target.item_number,
        str(target.threshold),
        target.value.value,
        target.value.measure,
        target.points,
    )


def comparison_record(
    notice: Notice, city: str | None, comparisons: list[Comparison]
) -> dict[str, Any]:
    """One notice's comparison for JSON: per indicator, the city's target, each unit's."""

    def target(found: IndicatorTarget) -> dict[str, Any]:
        return {
            "unit": found.unit,
            "unit_kind": found.holder,
            "item_number": found.item_number,
            "target": str(found.threshold),
            "value": found.value.value,
            "measure": found.value.measure,
            "points": found.points,
            "source_line": found.source_line,
        }

    return {
        "doc_number": notice.doc_number,
        "year": notice.year,
        "city": city,
        "indicators": [
            {
                "indicator": c.indicator.code,
                "name": c.indicator.name,
                "group": c.indicator.group,
                "kind": c.indicator.kind,
                "measure": c.indicator.measure,
                "citywide": target(c.citywide) if c.citywide else None,
                "units": [
                    {**target(s.target), "difference": s.difference, "stricter": s.stricter}
                    for s in c.units
                ],
                "lowest": c.lowest,
                "highest": c.highest,
                "spread": c.spread,
                "escalated": c.escalated,
                "county_sum": c.county_sum,
                "sum_over_city": c.sum_over_city,
            }
            for c in comparisons
        ],
    }


WEIGHT_COLUMNS = ("doc_number", "year", "city", "category", "unit", "unit_kind", *GROUPS, "total")


def weight_rows(
    notice: Notice, city: str | None, weights: list[Weights]
) -> Iterator[tuple[Value, ...]]:
    """Each unit's points by indicator group, then each category's (unit empty)."""
    for found in [*weights, *category_weights(weights)]:
        unit = None if found.kind == "category" else found.name
        yield (
            notice.doc_number,
            notice.year,
            city,
            found.category,
            unit,
            found.kind,
            *(found.points[group] for group in GROUPS),
            found.total,
        )


def weight_record(notice: Notice, city: str | None, weights: list[Weights]) -> dict[str, Any]:
    """One notice's weights for JSON: by unit and by category."""

    def record(found: Weights) -> tuple[dict[str, Any], dict[str, Any]]:
        head = {"name": found.name, "kind": found.kind, "category": found.category}
        return head, {**found.points, "total": found.total}

    return {
        "doc_number": notice.doc_number,
        "year": notice.year,
        "city": city,
        "units": [{**head, "points": points} for head, points in map(record, weights)],
        "categories": [
            {**head, "points": points} for head, points in map(record, category_weights(weights))
        ],
    }
