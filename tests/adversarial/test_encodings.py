"""Bytes that are not what they claim: one message naming the file, never a traceback."""

from __future__ import annotations

import pytest

from targetdoc.errors import InputError
from targetdoc.read.source import Source

from conftest import SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")


def _read(data: bytes, name: str = "x.html") -> Source:
    return Source.from_bytes(data, name=name, shown_as=name)


@pytest.mark.parametrize("charset", ["undefined", "unicode_escape", "rot13", "nosuchcharset"])
def test_a_declared_charset_that_is_no_text_encoding_is_not_followed(charset: str) -> None:
    page = f'<html><head><meta charset="{charset}"></head><body><p>{TEXT[:200]}</p>'
    source = _read(page.encode("utf-8"))
    assert source.encoding == "utf-8"  # decoded by detection instead
    assert source.lines[0].text.startswith("三门峡市人民政府文件")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_lone_surrogate_is_refused_with_its_line(encoding: str) -> None:
    data = "第一行\n第二行\ud800\n".encode(encoding, "surrogatepass")
    with pytest.raises(InputError) as raised:
        _read(data, "x.txt")
    assert raised.value.line == 2
    assert raised.value.message.startswith(f"not valid {encoding.upper()}")


def test_utf16_without_its_byte_order_mark_is_read_not_called_binary() -> None:
    source = _read(TEXT.encode("utf-16-le"), "x.txt")
    assert source.encoding == "utf-16-le"
    assert source.text == TEXT


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "a Word or Excel 97-2003 file (.doc, .xls), or an encrypted Office file",
        ),
        # A PDF is read as one, whatever its name: this one is only a header.
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not a readable PDF: the file is corrupt or truncated"),
        (b"\x00\x01\x02binary", "binary data, not a text notice (NUL bytes)"),
    ],
)
def test_a_file_that_is_not_text_says_what_it_is(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        _read(data, "x.txt")
    assert raised.value.message.startswith(message)
