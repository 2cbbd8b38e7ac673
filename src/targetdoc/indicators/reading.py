"""Which indicators a threshold names, and its value in their measure.

A threshold's phrase is its subject and itself as the notice writes them
(万元生产总值能耗下降2.8%); every indicator's pattern is searched in it. A list of
subjects names one indicator for each (生产总值、人均地区生产总值…增速: three). Two
indicators found at the same place is a finding, not a guess: the reading keeps
neither and says so. A phrase that names none falls back to its clause (行政村达到100%、
自然村达到90%: 自然村 is the rest of 农村生活垃圾…治理率's clause), and says that too.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from targetdoc import grammar
from targetdoc.i18n import N_, Message
from targetdoc.indicators.catalog import Catalog, Indicator
from targetdoc.models import Threshold
from targetdoc.parse.thresholds import scale_factors
from targetdoc.read.normalize import fold

Via = Literal["subject", "clause"]
POINTS = "个百分点"


@dataclass(frozen=True)
class IndicatorReading:
    """What a threshold measures: its indicators in the phrase's order, how they were
    found, the places where two fit (never guessed), and why none, if none."""

    phrase: str
    indicators: tuple[Indicator, ...] = ()
    via: Via | None = None
    ambiguous: tuple[tuple[str, ...], ...] = ()

    @property
    def why_none(self) -> Message | None:
        """Why the threshold names no indicator (None when it names one)."""
        if self.indicators:
            return None
        if self.ambiguous:
            names = "; ".join(" / ".join(codes) for codes in self.ambiguous)
            return Message.of(N_("fits two indicators at one place: {names}"), names=names)
        return Message.of(
            N_("no indicator of the catalog is named in {phrase!r} or its clause"),
            phrase=self.phrase,
        )


_MEMO_LIMIT = 20_000  # phrases remembered per catalog; then it starts again


def _found(phrase: str, catalog: Catalog) -> tuple[list[Indicator], list[tuple[str, ...]]]:
    """Indicators by where they start in the phrase; two at one place are ambiguous."""
    known: tuple[list[Indicator], list[tuple[str, ...]]] | None = catalog.memo.get(phrase)
    if known is None:
        if len(catalog.memo) >= _MEMO_LIMIT:
            catalog.memo.clear()
        known = catalog.memo[phrase] = _search(fold(phrase), catalog)
    return list(known[0]), list(known[1])


def _search(folded: str, catalog: Catalog) -> tuple[list[Indicator], list[tuple[str, ...]]]:
    at: defaultdict[int, list[Indicator]] = defaultdict(list)
    for indicator in catalog.candidates(folded):
        match = indicator.pattern.regex.search(folded)
        if match is not None:
            at[match.start()].append(indicator)
    named = [found[0] for _, found in sorted(at.items()) if len(found) == 1]
    ambiguous = [tuple(i.code for i in found) for _, found in sorted(at.items()) if len(found) > 1]
    return named, ambiguous


@functools.cache
def _clause_break() -> grammar.Pattern:
    return grammar.grammar("thresholds.yaml").patterns["clause_break"]


def phrases(text: str, threshold: Threshold) -> tuple[str, str]:
    """The threshold's phrase (its subject to its end) and its clause (from the last
    clause break before it), as the record's text writes them."""
    start, end = threshold.span.start, threshold.span.end
    subject_start = start
    if threshold.subject:
        found = text.rfind(threshold.subject, 0, start)
        subject_start = found if found >= 0 else start
    breaks = [m.end() for m in _clause_break().regex.finditer(fold(text), 0, start)]
    clause_start = breaks[-1] if breaks else 0
    return text[subject_start:end], text[clause_start:end]


def read_indicators(text: str, threshold: Threshold, catalog: Catalog) -> IndicatorReading:
    """The indicators one threshold of a record whose text is ``text`` names."""
    phrase, clause = phrases(text, threshold)
    named, ambiguous = _found(phrase, catalog)
    if named or ambiguous:
        return IndicatorReading(
            phrase, tuple(named), "subject" if named else None, tuple(ambiguous)
        )
    if clause != phrase:
        named, ambiguous = _found(clause, catalog)
        if named:  # the clause's last indicator: the one this threshold continues
            return IndicatorReading(clause, (named[-1],), "clause", tuple(ambiguous))
        return IndicatorReading(clause, (), None, tuple(ambiguous))
    return IndicatorReading(phrase)


@dataclass(frozen=True)
class Normalised:
    """A threshold's value in its indicator's measure (个百分点 for a rate's change)."""

    value: Decimal | None
    measure: str | None


@functools.cache
def _measure_parts(measure: str) -> tuple[Decimal, str]:
    """亿元 → (10⁸, 元); % → (1, %): the scale a measure is counted in, and its unit."""
    for scale in sorted(scale_factors(), key=len, reverse=True):
        rest = measure.removeprefix(scale)
        if rest != measure and rest:
            return scale_factors()[scale], rest
    return Decimal(1), measure


def normalised(threshold: Threshold, indicator: Indicator) -> Normalised:
    """The threshold's value in the indicator's measure: 8000万元 is 0.8 in 亿元,
    3.8万人 38000 in 人; a change of a rate in 个百分点 stays in 个百分点. A value in
    another unit (美元 for 元) has none: nothing converts it."""
    if threshold.value is None or threshold.unit is None:
        return Normalised(None, None)
    factor, unit = _measure_parts(indicator.measure)
    if threshold.unit == POINTS and unit == "%":
        return Normalised(plain(threshold.value), POINTS)
    if threshold.unit != unit:
        return Normalised(None, None)
    quantity = threshold.quantity if threshold.quantity is not None else threshold.value
    return Normalised(plain(quantity / factor), indicator.measure)


def plain(value: Decimal) -> Decimal:
    """Exact, without trailing zeros or an exponent (0.8, 38000)."""
    normal = value.normalize()
    if not normal:
        return Decimal(0)  # never -0
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal
