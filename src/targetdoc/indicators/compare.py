"""Each unit's target beside the city's, indicator by indicator: the spread of the
units' values and the escalation (层层加码), how far they stand above the city's.

Rates and levels compare one by one (a county's 下降2.8% against the city's 2.5%: 0.3
stricter; under a ceiling, lower is stricter). Amounts and counts compare as sums, as
roll-ups do: the counties' targets against the city's (城镇新增就业 2400人 and the other
counties' within 3.8万人); departments are left out of the sum, as their targets
repeat the city's rather than share it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from targetdoc.indicators.catalog import Indicator
from targetdoc.indicators.reading import plain
from targetdoc.indicators.targets import IndicatorTarget
from targetdoc.parse.thresholds import is_ceiling

SUMMED = ("amount", "count")


@dataclass(frozen=True)
class UnitStanding:
    """A unit's target of an indicator against the city's of the same form."""

    target: IndicatorTarget
    difference: Decimal | None  # the unit's value less the city's, where both have one
    stricter: bool | None  # above the city's (below it, under a ceiling)


@dataclass(frozen=True)
class Comparison:
    """An indicator across one notice: the city's target, the units', their spread,
    how many stand above the city's, and the counties' sum (amounts and counts)."""

    indicator: Indicator
    citywide: IndicatorTarget | None
    units: tuple[UnitStanding, ...]
    lowest: Decimal | None
    highest: Decimal | None
    escalated: int  # units whose target is stricter than the city's
    county_sum: Decimal | None

    @property
    def spread(self) -> Decimal | None:
        """The highest unit value less the lowest."""
        if self.lowest is None or self.highest is None:
            return None
        return plain(self.highest - self.lowest)

    @property
    def sum_over_city(self) -> Decimal | None:
        """The counties' sum less the city's target (amounts and counts)."""
        city = self.citywide.value.value if self.citywide else None
        if self.county_sum is None or city is None:
            return None
        return plain(self.county_sum - city)


def _form(target: IndicatorTarget) -> tuple[str | None, str | None]:
    """What makes two targets comparable: the same change and the same measure."""
    return target.threshold.change, target.value.measure


def compare(targets: Iterable[IndicatorTarget]) -> list[Comparison]:
    """Every indicator the notice's targets name, in the catalog's order of first use."""
    by_code: dict[str, list[IndicatorTarget]] = {}
    for target in targets:
        if target.indicator is not None:
            by_code.setdefault(target.indicator.code, []).append(target)
    return [_comparison(found) for found in by_code.values()]


def _comparison(found: list[IndicatorTarget]) -> Comparison:
    indicator = found[0].indicator
    assert indicator is not None  # grouped by it
    citywide = next((t for t in found if t.holder == "citywide"), None)
    standings = tuple(_standing(t, citywide) for t in found if t.holder != "citywide")
    form = _form(citywide) if citywide else _form(standings[0].target) if standings else None
    summed = indicator.kind in SUMMED  # amounts and counts: the counties' shares
    values = [
        s.target.value.value
        for s in standings
        if s.target.value.value is not None
        and _form(s.target) == form
        and (s.target.holder == "county" or not summed)
    ]
    county_sum = None
    if summed:
        counties = [
            s.target.value.value
            for s in standings
            if s.target.holder == "county" and s.target.value.value is not None
        ]
        county_sum = plain(sum(counties, start=Decimal(0))) if counties else None
    return Comparison(
        indicator,
        citywide,
        standings,
        min(values) if values else None,
        max(values) if values else None,
        sum(1 for s in standings if s.stricter),
        county_sum,
    )


def _standing(target: IndicatorTarget, citywide: IndicatorTarget | None) -> UnitStanding:
    mine, city = target.value.value, citywide.value.value if citywide else None
    if citywide is None or mine is None or city is None or _form(target) != _form(citywide):
        return UnitStanding(target, None, None)
    if target.indicator is not None and target.indicator.kind in SUMMED:
        return UnitStanding(target, plain(mine - city), None)  # a share, not above it
    difference = plain(mine - city)
    stricter = difference < 0 if is_ceiling(citywide.threshold) else difference > 0
    return UnitStanding(target, difference, stricter)
