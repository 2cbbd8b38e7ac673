"""Scanned notices: pages of the sample's PDF scanned (tests/scans.py) and read by OCR.

The scans are made here from the PDFs tests/pdfs.py sets: rendered at a scanner's
resolution on grey paper, with noise and a slight skew. The items on the scanned pages
must give the text's records: the same units and items, points exact, and the texts
within 1% of character errors (folded, spaces aside). Each scanned page costs OCR two
to three seconds, so ``make test`` reads three; ``make fuzz`` reads more.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from targetdoc.api import parse_file
from targetdoc.models import Notice, Unit
from targetdoc.parse import ParseResult
from targetdoc.read import ocr

import pdfs
import scans
from conftest import SAMPLE

needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason="needs the ocr extra: pip install -e '.[ocr]'"
)
needs_fonts = pytest.mark.skipif(pdfs.fonts_missing() is not None, reason=f"{pdfs.fonts_missing()}")
# The most character errors OCR may make, as a share of the characters read.
MOST_ERRORS = 0.01
# Pages 5 and 6 of the 公文 layout: 平陆县's last items, 渑池县's first (a unit heading
# on a scanned page), 22 items between them; page 40 of the ragged layout.
PAGES = {"gongwen": (5, 6), "ragged": (20,)}
# More pages, resolutions and scanners for ``make fuzz`` (TARGETDOC_OCR_PAGES=all).
MORE = os.environ.get("TARGETDOC_OCR_PAGES") == "all"


@functools.cache
def _pdf(layout: str) -> bytes:
    return pdfs.reportlab_pdf(SAMPLE.read_text(encoding="utf-8"), layout)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Comparison:
    """The records of the scanned pages against the text's."""

    units: int
    items: int
    points_differ: list[str]
    characters: int
    errors: int

    @property
    def error_rate(self) -> float:
        return self.errors / max(self.characters, 1)


def _on_pages(result: ParseResult, pages: tuple[int, ...]) -> list[int]:
    """The indices of the units of a parse with a line on one of ``pages``."""
    source = result.source
    return [
        index
        for index, unit in enumerate(result.notice.units)
        if any(source.page(line) in pages for line in range(unit.span.first, unit.span.last + 1))
    ]


def _texts(unit: Unit) -> Iterator[str]:
    """A unit's name, its tiers' names and its items' texts."""
    yield unit.name
    for tier in unit.tiers:
        yield tier.name
        for item in tier.items:
            yield item.text


def compare(read: ParseResult, text: Notice, pages: tuple[int, ...]) -> Comparison:
    """The units with a line on a scanned page, against the text's units in their places
    (the scanned PDF must read as many units: a unit lost or gained fails here)."""
    assert len(read.notice.units) == len(text.units)
    units = _on_pages(read, pages)
    differ: list[str] = []
    characters = errors = items = 0
    for index in units:
        mine, theirs = read.notice.units[index], text.units[index]
        for got, want in zip(_texts(mine), _texts(theirs), strict=True):
            characters += len(want)
            errors += scans.character_errors(got, want)
        for (_, tier, item), (_, _, expected) in zip(
            ((mine, t, i) for t, i in mine.items()),
            ((theirs, t, i) for t, i in theirs.items()),
            strict=True,
        ):
            items += 1
            if (item.number, item.points) != (expected.number, expected.points):
                differ.append(f"{theirs.name} {tier.name} {expected.number}: {item.points}")
    return Comparison(len(units), items, differ, characters, errors)


def _scanned(tmp_path: Path, layout: str, pages: tuple[int, ...], scanner: scans.Scanner) -> Path:
    path = tmp_path / f"sanmenxia-2020-{layout}-scanned.pdf"
    path.write_bytes(scans.scanned_pdf(_pdf(layout), pages, scanner))
    return path


@needs_ocr
@needs_fonts
@pytest.mark.parametrize(("layout", "pages"), PAGES.items())
def test_scanned_pages_among_text_pages_read_as_one_notice_with_the_texts_records(
    layout: str, pages: tuple[int, ...], tmp_path: Path, notice: Notice
) -> None:
    result = parse_file(_scanned(tmp_path, layout, pages, scans.Scanner()))
    assert result.source.scanned == pages
    comparison = compare(result, notice, pages)
    assert comparison.points_differ == []
    assert comparison.error_rate <= MOST_ERRORS, comparison
    assert comparison.items >= 8 * len(pages)
    # Every other unit is the text layer's, exactly.
    others = set(range(len(notice.units))) - set(_on_pages(result, pages))
    for index in others:
        assert pdfs.without_positions(
            result.notice.units[index].model_dump(mode="json")
        ) == pdfs.without_positions(notice.units[index].model_dump(mode="json"))
