"""Word files as offices send them: tables, automatic numbering, and hostile archives."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
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


def _target_table(
    rows: Sequence[tuple[str, ...]], merges: list[tuple[int, int, int, int]]
) -> bytes:
    """A Word document of a table of targets (header 序号 | 目标任务 | 分值 | 责任单位
    and these rows), with cells merged as Word merges them (row, column to row, column)."""
    from docx import Document

    document = Document()
    document.add_paragraph("市林业局")
    table = document.add_table(rows=len(rows) + 1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ("序号", "目标任务", "分值", "责任单位"), strict=True
    ):
        cell.text = text
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    for top, left, bottom, right in merges:
        merged = table.cell(top, left).merge(table.cell(bottom, right))
        merged.text = table.cell(top, left).text.split("\n")[0]
    return _saved(document)


TARGETS = [
    ("1", "完成造林绿化任务347450亩", "20分", "市林业局"),
    ("2", "森林覆盖率达到40%", "20分", "市林业局"),
    ("3", "新建苗圃5个", "20分", "市林业局"),
]


@pytest.mark.parametrize(
    ("merges", "expected"),
    [
        # 责任单位 merged down all three rows
        (
            [(1, 3, 3, 3)],
            [f"{n}. {t}（市林业局）（20分）" for n, t, _, _ in TARGETS],
        ),
        # 分值 and 责任单位 merged down the last two
        (
            [(2, 2, 3, 2), (2, 3, 3, 3)],
            [f"{n}. {t}（市林业局）（20分）" for n, t, _, _ in TARGETS],
        ),
        # 目标任务 spread across 目标任务 and 分值 in the last row: no points there
        (
            [(3, 1, 3, 2)],
            [
                "1. 完成造林绿化任务347450亩（市林业局）（20分）",
                "2. 森林覆盖率达到40%（市林业局）（20分）",
                "3. 新建苗圃5个（市林业局）",
            ],
        ),
    ],
    ids=["responsible-merged-down", "points-and-responsible-merged-down", "target-spans-two"],
)
def test_a_merged_cell_of_a_table_of_targets_gives_every_row_its_value(
    merges: list[tuple[int, int, int, int]], expected: list[str]
) -> None:
    source = Source.from_bytes(_target_table(TARGETS, merges), name="merged.docx")
    assert [line.text for line in source.lines] == ["市林业局", *expected]


@pytest.mark.parametrize(
    ("start", "shown"),
    [
        ("3", "III."),
        ("3999", "MMMCMXCIX."),
        ("4000", "4000."),
        ("10000000000", "10000000000."),
        ("1" * 13, "I."),
        ("x", "I."),
    ],
)
def test_a_roman_list_from_any_start_is_numbered_at_once(start: str, shown: str) -> None:
    # A start of 10^10 spun in the Roman numerals for minutes.
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    paragraph = document.add_paragraph("完成造林绿化任务347450亩（20分）")
    numbering = document.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.append(
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0">'
            f'<w:start w:val="{start}"/><w:numFmt w:val="upperRoman"/>'
            '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
    )
    source = Source.from_bytes(_saved(document), name="roman.docx")
    assert [line.text for line in source.lines] == [f"{shown} 完成造林绿化任务347450亩（20分）"]
