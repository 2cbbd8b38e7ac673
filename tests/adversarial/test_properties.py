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
