"""Numbers of a notice that the thresholds grammar does not explain (audit-numbers)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from targetdoc.models import CitywideTarget, Item, Notice, Threshold
from targetdoc.parse.thresholds import Ignored, extract, ignored_spans, numeral_trigger
from targetdoc.read.normalize import fold


@functools.cache
def _digit_run() -> regex.Pattern[str]:
    """A run of digits, or of Chinese numerals before a scale or a measure (九千万元,
    三个百分点, 两万人): the numbers a target can set, from the thresholds grammar's
    own lists (cn_quantity reads the same)."""
    trigger = numeral_trigger()
    chars = "".join(sorted(trigger.numerals))
    return regex.compile(rf"\d+|(?<![第{chars}])[{chars}]+(?=\s*(?:{trigger.after}))")


@dataclass(frozen=True, slots=True)
class DigitRun:
    """A run of digits that is neither in a threshold nor ignored."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class UnexplainedNumber:
    """A digit run in a target that is neither a threshold nor ignored for a reason."""

    line: int
    where: str
    digits: str
    text: str

    def __str__(self) -> str:
        return f"{self.line}: {self.where}: {self.digits!r} in {self.text}"


def unexplained_numbers(notice: Notice) -> Iterator[UnexplainedNumber]:
    """Every unexplained digit run of the notice's targets, in document order."""
    targets: list[tuple[str, CitywideTarget | Item]] = [
        (f"city-wide target {target.number}", target) for target in notice.citywide_targets
    ]
    targets += [(f"{unit.name} item {item.number}", item) for unit, _, item in notice.items()]
    for where, target in targets:
        for run in unexplained_digits(target.text, target.thresholds):
            yield UnexplainedNumber(target.span.first, where, run.text, target.text)


def unexplained_digits(text: str, thresholds: list[Threshold] | None = None) -> list[DigitRun]:
    """Number runs (digits, or Chinese numerals with a measure) in neither a threshold nor
    an ignored context (should be none)."""
    folded = fold(text)
    found = extract(text) if thresholds is None else thresholds
    spans = [Ignored("threshold", t.span.start, t.span.end) for t in found]
    covered = _mask(folded, [*spans, *ignored_spans(folded)])
    return [
        DigitRun(text[run.start() : run.end()], run.start(), run.end())
        for run in _digit_run().finditer(folded)
        if not all(covered[run.start() : run.end()])
    ]


def _mask(text: str, spans: list[Ignored]) -> bytearray:
    """One byte per character, 1 where a span covers it: lookups stay constant-time."""
    mask = bytearray(len(text))
    for span in spans:
        mask[span.start : span.end] = b"\x01" * (span.end - span.start)
    return mask
