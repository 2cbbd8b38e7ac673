"""What a notice prioritises: the points each unit's items give each indicator group.

An item's points are shared equally among the distinct indicators its thresholds name
(生产总值、人均地区生产总值、全员劳动生产率增速, 60分: 20 to each, all economy); an item
naming none gives its points to ``unclassified`` (完成市政府确定的优化营商环境目标任务).
Shares are exact to the cent (0.01 point); a unit's groups add up to its points.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import get_args

from targetdoc.i18n import N_
from targetdoc.indicators.catalog import Catalog
from targetdoc.indicators.reading import plain, read_indicators
from targetdoc.models import Item, Notice, Unit
from targetdoc.profile import IndicatorGroup

UNCLASSIFIED = "unclassified"
GROUPS: tuple[str, ...] = (*get_args(IndicatorGroup), UNCLASSIFIED)
_CENT = Decimal("0.01")
# The groups' headers for people (the codes stay in JSON and CSV).
GROUP_LABELS = {
    "economy": N_("economy"),
    "innovation": N_("innovation"),
    "environment": N_("environment"),
    "livelihood": N_("livelihood"),
    "safety": N_("safety"),
    "governance": N_("governance"),
    "party_building": N_("party building"),
    UNCLASSIFIED: N_("unclassified"),
}


@dataclass(frozen=True)
class Weights:
    """Points by indicator group for a unit, or for a category of units."""

    name: str
    kind: str  # county, department, or category (the sum of its units)
    category: str
    points: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return plain(sum(self.points.values(), start=Decimal(0)))


def _item_groups(item: Item, catalog: Catalog) -> dict[str, Decimal]:
    """An item's points by group, shared equally among its indicators."""
    points = Decimal(item.points or 0)
    codes: dict[str, str] = {}
    for threshold in item.thresholds:
        for indicator in read_indicators(item.text, threshold, catalog).indicators:
            codes.setdefault(indicator.code, indicator.group)
    if not codes:
        return {UNCLASSIFIED: points}
    share = points / len(codes)
    shares: dict[str, Decimal] = {}
    for group in codes.values():
        shares[group] = shares.get(group, Decimal(0)) + share
    return shares


def unit_weights(unit: Unit, catalog: Catalog) -> Weights:
    """The unit's points by group (rounded to the cent, the rest on the largest)."""
    totals = dict.fromkeys(GROUPS, Decimal(0))
    for _, item in unit.items():
        for group, points in _item_groups(item, catalog).items():
            totals[group] += points
    whole = sum(totals.values(), start=Decimal(0))
    rounded = {g: p.quantize(_CENT, rounding=ROUND_HALF_EVEN) for g, p in totals.items()}
    largest = max(rounded, key=lambda group: rounded[group])
    rounded[largest] += whole.quantize(_CENT) - sum(rounded.values(), start=Decimal(0))
    return Weights(unit.name, unit.kind, unit.category, {g: plain(p) for g, p in rounded.items()})


def notice_weights(notice: Notice, catalog: Catalog) -> Iterator[Weights]:
    """Every unit's weights, in the notice's order."""
    for unit in notice.units:
        yield unit_weights(unit, catalog)


def category_weights(units: Iterable[Weights]) -> list[Weights]:
    """Each category's weights: its units' added up."""
    by_category: dict[str, dict[str, Decimal]] = {}
    for weights in units:
        totals = by_category.setdefault(weights.category, dict.fromkeys(GROUPS, Decimal(0)))
        for group, points in weights.points.items():
            totals[group] += points
    return [
        Weights(category, "category", category, {g: plain(p) for g, p in totals.items()})
        for category, totals in by_category.items()
    ]
