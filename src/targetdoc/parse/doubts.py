"""TD110: a digit OCR was unsure of, at the record that holds it (never silent).

A scanned page's digits are read by OCR (``read.ocr``) with a confidence each; one
below ``read.ocr.DOUBT`` is a doubt the source carries. Points that fail the sums are
caught by the checks; a doubtful digit in a target (``430.4亿元``) would not be, so it
is a finding at its line and column, naming its unit, tier and item (the innermost
that holds the line: a tier heading's declared points have no item), and the page to
check it on.
"""

from __future__ import annotations

from dataclasses import replace

from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.parse.engine import ParseResult


def doubtful_digits(result: ParseResult) -> ParseResult:
    """The result with a TD110 finding for each doubt of its source."""
    source = result.source
    if not source.doubts:
        return result
    found = []
    for line, column, confidence in source.doubts:
        unit, tier, number = _place(result, line)
        found.append(
            Finding.of(
                "TD110",
                N_(
                    "OCR is unsure of the digit {digit} here (confidence {confidence}): "
                    "check it against page {page} of the scan"
                ),
                values={
                    "digit": source.line(line).raw[column - 1],
                    "confidence": f"{confidence:.2f}",
                    "page": source.page(line) or 1,
                },
                file=source.label,
                line=line,
                column=column,
                unit=unit,
                tier=tier,
                item=number,
            )
        )
    return replace(result, findings=(*result.findings, *found))


def _place(result: ParseResult, line: int) -> tuple[str | None, str | None, int | None]:
    """The unit, tier and item that hold a line: the innermost record whose span does
    (a tier's heading has no item; a unit's heading, no tier)."""
    for unit in result.notice.units:
        if not unit.span.first <= line <= unit.span.last:
            continue
        held: tuple[str | None, str | None, int | None] = (unit.name, None, None)
        for tier in unit.all_tiers():
            if tier.span.first <= line <= tier.span.last:
                held = (unit.name, tier.name, None)
            for item in tier.items:
                if item.span.first <= line <= item.span.last:
                    return unit.name, tier.name, item.number
        return held
    return None, None, None
