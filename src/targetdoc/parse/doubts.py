"""TD110: a digit OCR was unsure of, at the item that holds it (never silent).

A scanned page's digits are read by OCR (``read.ocr``) with a confidence each; one
below ``read.ocr.DOUBT`` is a doubt the source carries. Points that fail the sums are
caught by the checks; a doubtful digit in a target (``430.4亿元``) would not be, so it
is a finding at its line and column, naming its unit and item, and the page to check
it on.
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
    places = [
        (item.span.first, item.span.last, unit.name, tier.name, item.number)
        for unit, tier, item in result.notice.items()
    ]
    found = []
    for line, column, confidence in source.doubts:
        unit: str | None = None
        tier: str | None = None
        number: int | None = None
        for first, last, unit_name, tier_name, item_number in places:
            if first <= line <= last:
                unit, tier, number = unit_name, tier_name, item_number
                break
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
