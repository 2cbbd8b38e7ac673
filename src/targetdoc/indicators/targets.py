"""A notice's targets by indicator: one for each indicator a threshold names (a
threshold naming none is one target without an indicator, with the reason)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.indicators.catalog import Catalog, Indicator
from targetdoc.indicators.reading import IndicatorReading, Normalised, normalised, read_indicators
from targetdoc.models import Notice, Points, Threshold

# Whose target: the city's own list (citywide_targets), a county's, a department's.
Holder = Literal["citywide", "county", "department"]


@dataclass(frozen=True)
class IndicatorTarget:
    """One target of one indicator: who holds it, the threshold, its normalised value."""

    unit: str | None  # None: the city-wide list
    holder: Holder
    item_number: int
    points: Points | None
    threshold: Threshold
    indicator: Indicator | None
    value: Normalised
    reading: IndicatorReading
    source_line: int


def indicator_targets(notice: Notice, catalog: Catalog) -> Iterator[IndicatorTarget]:
    """Every threshold of the notice (the city-wide list first) by indicator."""
    for target in notice.citywide_targets:
        for threshold in target.thresholds:
            yield from _targets(
                (None, "citywide", target.number, None, target.span.first),
                target.text,
                threshold,
                catalog,
            )
    for unit, _, item in notice.items():
        for threshold in item.thresholds:
            yield from _targets(
                (unit.name, unit.kind, item.number, item.points, item.span.first),
                item.text,
                threshold,
                catalog,
            )


def _targets(
    owner: tuple[str | None, Holder, int, Points | None, int],
    text: str,
    threshold: Threshold,
    catalog: Catalog,
) -> Iterator[IndicatorTarget]:
    unit, holder, number, points, line = owner
    reading = read_indicators(text, threshold, catalog)
    if not reading.indicators:
        none = Normalised(None, None)
        yield IndicatorTarget(unit, holder, number, points, threshold, None, none, reading, line)
    for indicator in reading.indicators:
        value = normalised(threshold, indicator)
        yield IndicatorTarget(
            unit, holder, number, points, threshold, indicator, value, reading, line
        )


def ambiguity_findings(targets: list[IndicatorTarget], file: str) -> list[Finding]:
    """TD701 for each threshold whose words fit two indicators at one place."""
    findings = []
    seen: set[int] = set()
    for target in targets:
        if not target.reading.ambiguous or id(target.threshold) in seen:
            continue
        seen.add(id(target.threshold))
        codes = "; ".join(" / ".join(codes) for codes in target.reading.ambiguous)
        findings.append(
            Finding.of(
                "TD701",
                N_("{phrase} fits two indicators at one place ({codes}): neither is taken"),
                file=file,
                line=target.source_line,
                unit=target.unit,
                item=target.item_number,
                values={"phrase": target.reading.phrase, "codes": codes},
            )
        )
    return findings
