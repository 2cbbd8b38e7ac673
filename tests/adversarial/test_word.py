"""Word files as offices send them: tables, automatic numbering, and hostile archives."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.cli import cli
from targetdoc.errors import InputError
from targetdoc.parse import parse_source
from targetdoc.read.source import Source

from conftest import SAMPLE

LINES = SAMPLE.read_text(encoding="utf-8").split("\n")
FORESTRY = [line for line in LINES[800:821] if line.strip()]  # ## 市林业局 … 13. (10分)


def _plain(line: str) -> str:
    return line.lstrip("#* ").rstrip("*")


def _saved(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_a_unit_inside_a_table_is_read_a_row_a_line() -> None:
    # Paragraphs inside tables were dropped: a whole unit vanished, with exit code 0.
    from docx import Document

    document = Document()
    document.add_paragraph(_plain(LINES[466]))  # 承担经济社会发展职能的政府部门责任目标
    table = document.add_table(rows=len(FORESTRY), cols=1)
    for row, line in zip(table.rows, FORESTRY, strict=True):
        row.cells[0].text = _plain(line)
    notice = parse_source(Source.from_bytes(_saved(document), name="table.docx")).notice
    (unit,) = notice.units
    assert unit.name == "市林业局"
    assert [len(tier.items) for tier in unit.tiers] == [2, 11]
    assert unit.tiers[0].items[0].text == "完成造林绿化任务347450亩"


def test_cells_of_a_row_are_read_in_order_on_one_line() -> None:
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        table.rows[0].cells, ("1.", "完成造林绿化任务347450亩", "(300分)"), strict=True
    ):
        cell.text = text
    source = Source.from_bytes(_saved(document), name="row.docx")
    assert [line.text for line in source.lines] == ["1. 完成造林绿化任务347450亩 (300分)"]


def test_items_numbered_by_word_keep_their_numbers() -> None:
    from docx import Document

    document = Document()
    for line in FORESTRY:
        text = _plain(line)
        number, dot, rest = text.partition(". ")
        if dot and number.isdigit():
            document.add_paragraph(rest, style="List Number")  # Word numbers it, not the text
        else:
            document.add_paragraph(text)
    source = Source.from_bytes(_saved(document), name="numbered.docx")
    assert source.lines[2].text == "1. 完成造林绿化任务347450亩 (300分)；"
    notice = parse_source(source).notice
    numbers = [item.number for _, _, item in notice.items()]
    assert numbers == list(range(1, 14))  # Word's list runs on across the two tiers
    assert sum(item.points or 0 for _, _, item in notice.items()) == 700


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _read(data: bytes) -> InputError:
    with pytest.raises(InputError) as raised:
        Source.from_bytes(data, name="x.docx", shown_as="x.docx")
    return raised.value


def test_a_zip_bomb_is_refused_before_it_expands(monkeypatch: pytest.MonkeyPatch) -> None:
    # A 340 KB .docx zip bomb took 1.9 GB.
    bomb = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\x00" * 3_000_000})
    assert len(bomb) < 20_000
    assert "refused as a zip bomb" in _read(bomb).message
    monkeypatch.setenv("TARGETDOC_MAX_INPUT_MB", "1")
    assert "expands to 3,000,004 bytes, past the limit of 1,000,000" in _read(bomb).message


def test_an_encrypted_word_document_says_so() -> None:
    data = bytearray(_zip({"word/document.xml": b"<w/>"}, zipfile.ZIP_STORED))
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature)
        (flags,) = struct.unpack_from("<H", data, at + flags_at)
        struct.pack_into("<H", data, at + flags_at, flags | 0x1)
    assert _read(bytes(data)).message == "an encrypted Word document: save it without a password"


def test_an_oddly_compressed_word_document_is_one_message() -> None:
    data = bytearray(_zip({"[Content_Types].xml": b"<x/>"}, zipfile.ZIP_STORED))
    for signature, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        struct.pack_into("<H", data, data.index(signature) + method_at, 9)  # deflate64
    assert _read(bytes(data)).message == (
        "a Word document targetdoc cannot unpack: That compression method is not supported"
    )


def test_a_broken_word_document_names_no_python_object(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(_zip({"hello.txt": b"not a document"}))
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"targetdoc: error: {path}: not a readable Word document (.docx): "
        "its parts are missing or broken\n"
    )
