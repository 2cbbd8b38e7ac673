"""Properties over hostile input: what the examples show for one case, for any case."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from targetdoc.canonical import json_text
from targetdoc.check.report import Report
from targetdoc.errors import TargetdocError
from targetdoc.findings import Finding
from targetdoc.parse.thresholds import extract
from targetdoc.read.source import Source

_DIGITS = "零一二三四五六七八九"


def _chinese(number: int) -> str:
    """1 to 9999 in Chinese numerals, as a notice writes them (一千零五, 十二)."""
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if zero:
                parts.append("零")
            lead = "" if unit == "十" and not parts and digit == 1 else _DIGITS[digit]
            parts.append(lead + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


@given(st.integers(min_value=1, max_value=9999))
def test_any_amount_in_chinese_numerals_reads_as_the_same_in_digits(number: int) -> None:
    (threshold,) = extract(f"完成投资{_chinese(number)}万元")
    (digits,) = extract(f"完成投资{number}万元")
    assert (threshold.value, threshold.quantity) == (digits.value, digits.quantity)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: len(d.as_tuple().digits) <= 40 and -40 <= int(d.as_tuple().exponent) <= 20
    )
)
def test_any_decimal_is_written_to_json_exactly(value: Decimal) -> None:
    text = json_text({"value": value}, indent=None)
    assert json.loads(text, parse_float=Decimal)["value"] == value


@given(st.text(max_size=40), st.text(max_size=40))
def test_no_file_name_or_message_breaks_out_of_its_annotation(file: str, message: str) -> None:
    finding = Finding.of("TD201", message, file=file or "x", line=1)
    (line,) = Report(findings=[finding]).github_annotations()
    assert "\n" not in line
    assert "\r" not in line
    head, _, body = line.partition("::")[2].partition("::")
    assert body.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%") == message
    assert head.count(",") == 2  # file=…, line=1, title=…: no comma of the name's own


@given(st.binary(max_size=2000))
def test_any_zip_like_bytes_read_as_a_notice_or_a_targetdoc_error(tail: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", tail)
    for data in (buffer.getvalue(), b"PK\x03\x04" + tail):
        with contextlib.suppress(TargetdocError):  # anything else fails the test
            Source.from_bytes(data, name="x.docx")


def _shape_lines() -> list[str]:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "notices"
    return sorted(
        {
            line
            for path in folder.glob("*.txt")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        }
    )


_SHAPE_LINES = _shape_lines()
# Headings, items, points and dates written in the forms of the family, and their pieces.
_PIECES = [
    "（",
    "）",
    "分",
    "分值：",
    "第",
    "条",
    "部分",
    "一、",
    "（一）",
    "①",
    "⑴",
    "1）",
    "〇",
    "十",
]


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_SHAPE_LINES),
            st.lists(st.sampled_from(_PIECES + list("0123456789二三县局")), max_size=12).map(
                "".join
            ),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_any_mix_of_the_family_s_lines_gives_records_or_an_input_error(lines: list[str]) -> None:
    """Lines of every shape (and pieces of their numbering, points and dates) in any
    order: the parser places or reports each, or says the text is not a notice."""
    from targetdoc.errors import InputError
    from targetdoc.parse import parse_source

    source = Source.from_text("\n".join(lines), name="mix.txt")
    try:
        result = parse_source(source)
    except InputError:
        return
    unplaced = {f.line for f in result.findings if f.code in ("TD101", "TD109")}
    from targetdoc.parse.provenance import line_owners

    owners = line_owners(source, result.notice)
    for number, paths in owners.items():
        # A reported line may stand inside the span of an item it interrupts (an item
        # goes on after web page text, a part after a stray line); no line is in two.
        if number in unplaced:
            assert len(paths) <= 1, (number, paths)
        else:
            assert len(paths) == 1, (number, paths)


def _small_pdf() -> bytes:
    import pdfs

    return pdfs.minimal_pdf(b"BT /F1 12 Tf 72 700 Td (1. Hello 60) Tj ET", pages=2)


_PDF = _small_pdf()


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(_PDF) - 1), st.integers(0, 255)),
        max_size=12,
    ),
    st.integers(min_value=8, max_value=len(_PDF)),
)
def test_any_damaged_pdf_reads_as_a_notice_or_a_targetdoc_error(
    flips: list[tuple[int, int]], length: int
) -> None:
    """Bytes of a PDF changed or cut anywhere: text, or one of targetdoc's errors."""
    data = bytearray(_PDF[:length])
    for where, value in flips:
        if where < len(data):
            data[where] = value
    with contextlib.suppress(TargetdocError):
        Source.from_bytes(bytes(data), name="damaged.pdf")
