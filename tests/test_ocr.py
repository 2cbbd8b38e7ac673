"""Scanned notices: pages of the sample's PDF scanned (tests/scans.py) and read by OCR.

The scans are made here from the PDFs tests/pdfs.py sets: rendered at a scanner's
resolution on grey paper, with noise and a slight skew. The items on the scanned pages
must give the text's records: the same units and items, points exact, and the texts
within 1% of character errors (folded, spaces aside). Each scanned page costs OCR two
to three seconds, so ``make test`` reads six (three in mixed PDFs, three as images);
``make fuzz`` reads eleven more, at 150 to 300 dpi.
"""

from __future__ import annotations

import base64
import functools
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner
from PIL import Image

from targetdoc.api import parse_file
from targetdoc.cli import cli
from targetdoc.export.html_report import build_report
from targetdoc.models import Notice, Unit
from targetdoc.parse import ParseResult, parse_source
from targetdoc.read import ocr
from targetdoc.read.source import Source

import pdfs
import scans
from conftest import NOTICES, SAMPLE

needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason="needs the ocr extra: pip install -e '.[ocr]'"
)
needs_fonts = pytest.mark.skipif(pdfs.fonts_missing() is not None, reason=f"{pdfs.fonts_missing()}")
# The most character errors OCR may make, as a share of the characters read.
MOST_ERRORS = 0.01
# Pages 5 and 6 of the 公文 layout: 义马市's last items, 渑池县's first (a unit heading
# on a scanned page); page 20 of the ragged layout, 市商务局's targets.
SCANS = [("gongwen", (5, 6), scans.Scanner()), ("ragged", (20,), scans.Scanner())]
# More pages, resolutions and scanners for ``make fuzz`` (TARGETDOC_OCR_PAGES=all).
if os.environ.get("TARGETDOC_OCR_PAGES") == "all":
    SCANS += [
        ("gongwen", (30, 31, 60), scans.Scanner(dpi=150, skew=-0.8, seed=1)),
        ("gongwen", (7, 8, 44), scans.Scanner(dpi=300, paper=210, noise=20, seed=2)),
        ("header", (12, 13), scans.Scanner(dpi=250, skew=0.3, seed=3)),
        ("ragged", (5, 40), scans.Scanner(dpi=150, noise=8, seed=4)),
    ]


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
@pytest.mark.parametrize(("layout", "pages", "scanner"), SCANS)
def test_scanned_pages_among_text_pages_read_as_one_notice_with_the_texts_records(
    layout: str, pages: tuple[int, ...], scanner: scans.Scanner, tmp_path: Path, notice: Notice
) -> None:
    result = parse_file(_scanned(tmp_path, layout, pages, scanner))
    assert result.source.scanned == pages
    # OCR's doubts are findings at their records; nothing else is found.
    assert [f.code for f in result.findings if f.code != "TD110"] == []
    assert all(f.unit is not None for f in result.findings)
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


@needs_ocr
@needs_fonts
def test_a_scanned_image_of_a_notice_gives_the_records_of_its_text(tmp_path: Path) -> None:
    # 南川市's task list on one page, scanned at 200 dpi skewed the other way, as a TIFF.
    text = NOTICES / "task-list.txt"
    pdf = pdfs.reportlab_pdf(text.read_text(encoding="utf-8"), "gongwen")
    path = tmp_path / "task-list.tif"
    path.write_bytes(scans.tiff(pdf, [1], scans.Scanner(skew=-0.4)))
    read, expected = parse_file(path), parse_file(text)
    assert read.notice.source.encoding == "image"
    assert read.source.scanned == (1,)
    assert read.notice.title == expected.notice.title
    comparison = compare(read, expected.notice, (1,))
    assert (comparison.units, comparison.items, comparison.points_differ) == (1, 4, [])
    assert comparison.error_rate <= MOST_ERRORS, comparison
    assert [f.code for f in read.findings if f.code != "TD110"] == [
        f.code for f in expected.findings
    ]


@needs_ocr
@needs_fonts
def test_the_report_of_a_scanned_notice_shows_each_page_beside_its_records(
    tmp_path: Path,
) -> None:
    text = NOTICES / "task-list.txt"
    pdf = pdfs.reportlab_pdf(text.read_text(encoding="utf-8"), "gongwen")
    path = tmp_path / "task-list.pdf"
    path.write_bytes(scans.scanned_pdf(pdf, [1], scans.Scanner()))
    page = build_report(path).html
    # The scan heads page 1 of the source view, where each record's p.1 link leads.
    (picture,) = regex.findall(r'<div class="page" id="P1">[^<]*(<img [^>]+>)</div>', page)
    assert picture.startswith('<img class="scan" alt="scan of page 1" src="data:image/jpeg;')
    jpeg = base64.b64decode(picture.split("base64,")[1].removesuffix('">'))
    assert Image.open(io.BytesIO(jpeg)).size == (900, 1273)  # A4, 900 pixels wide
    assert page.count('href="#P1"') == 5  # the unit and its four items


@needs_ocr
@needs_fonts
def test_each_frame_of_a_tiff_is_a_page(tmp_path: Path) -> None:
    path = tmp_path / "pages.tiff"
    path.write_bytes(scans.tiff(_pdf("gongwen"), [5, 6], scans.Scanner(dpi=150)))
    source = parse_file(path).source
    assert (source.scanned, source.page_count) == ((1, 2), 2)
    first_item = "1．生产总值、人均地区生产总值、全员劳动生产率增速高于全省平均水平（60分）；"
    (line,) = [line for line in source.lines if "人均地区生产总值" in line.raw]
    assert scans.character_errors(line.raw, first_item) <= 1
    assert source.page(line.number) == 2


def test_an_image_without_the_ocr_extra_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("targetdoc.read.ocr.available", lambda: False)
    path = tmp_path / "notice.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    out = tmp_path / "notice.yaml"
    result = CliRunner().invoke(cli, ["parse", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"targetdoc: error: {path}: an image of a notice: reading it needs OCR, "
        "`pip install targetdoc[ocr]`"
    )
    assert not out.exists()


def test_a_mixed_pdf_without_the_ocr_extra_names_its_scanned_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if pdfs.fonts_missing():
        pytest.skip(pdfs.fonts_missing() or "")
    monkeypatch.setattr("targetdoc.read.pdf.ocr_available", lambda: False)
    path = _scanned(tmp_path, "gongwen", (5, 6), scans.Scanner())
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"targetdoc: error: {path}: a PDF whose pages 5, 6 of 80 are scans with no text "
        "layer: reading it needs OCR, `pip install targetdoc[ocr]` (or run `ocrmypdf -l "
        "chi_sim notice.pdf out.pdf` first)"
    )


def test_a_doubtful_digit_is_a_finding_at_the_record_that_holds_it() -> None:
    text = "东山县\n（一）重点目标（100分）\n1. 生产总值增长8%（60分）\n2. 新增就业500人（40分）\n"
    # OCR was 0.55 sure of the 5 of 500 (line 4, column 8), on page 2 of the scan.
    source = Source.from_text(
        text,
        name="scan.pdf",
        pages=(1, 1, 2, 2),
        page_count=2,
        doubts=((2, 9, 0.8), (4, 8, 0.55)),  # and of the 1 of the tier's 100分
    )
    findings = [f for f in parse_source(source).findings if f.code == "TD110"]
    assert [(f.severity, f.line, f.column, f.unit, f.tier, f.item) for f in findings] == [
        ("warning", 2, 9, "东山县", "重点目标", None),
        ("warning", 4, 8, "东山县", "重点目标", 2),
    ]
    assert findings[1].message == (
        "OCR is unsure of the digit 5 here (confidence 0.55): check it against page 2 of the scan"
    )
