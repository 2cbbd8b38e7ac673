"""Writers for the flat tables: CSV, JSON Lines, JSON and YAML.

CSV is what spreadsheets open on a double-click: RFC 4180 quoting, UTF-8 with a
byte-order mark by default (Excel and WPS then read Chinese correctly), numbers
unquoted and exact, and text that a spreadsheet would run as a formula written so
that it shows as text. The XLSX workbook is in ``workbook``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from targetdoc.canonical import json_text, yaml_text
from targetdoc.decimals import number_text
from targetdoc.export.kinds import FORMAT, SPLIT_FORMATS, CsvEncoding, ExportFormat, TableName
from targetdoc.export.tables import Table, Value, table
from targetdoc.export.workbook import workbook_bytes
from targetdoc.models import Notice, Unit

# A cell starting with one of these is a formula to Excel, WPS and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: Value) -> str:
    """How a value is spelled in a CSV cell: exact numbers, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return number_text(value)
    return guard_formula(value)


def guard_formula(text: str) -> str:
    """Text that a spreadsheet would evaluate gets a leading apostrophe (OWASP's advice)."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def to_csv(table: Table) -> str:
    """The table as CSV text (the encoding is applied when writing bytes)."""
    return csv_text(table.columns, table.rows)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Value]]) -> str:
    """Every CSV targetdoc writes (tables, scores): RFC 4180, each cell through
    ``cell_text``, so no text reaches a spreadsheet as a formula."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([cell_text(name) for name in columns])
    writer.writerows([cell_text(value) for value in row] for row in rows)
    return buffer.getvalue()


def csv_bytes(table: Table, encoding: CsvEncoding = "utf-8-sig") -> bytes:
    """CSV bytes in the consumer's encoding; UTF-8 with BOM by default."""
    return to_csv(table).encode(encoding)


def _records(table: Table) -> list[dict[str, Any]]:
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


def to_json(table: Table) -> str:
    """The table as a JSON array of objects."""
    return json_text(_records(table)) + "\n"


def to_yaml(table: Table) -> str:
    """The table as a YAML sequence of mappings."""
    return yaml_text([dict(zip(table.columns, row, strict=True)) for row in table.rows])


def items_jsonl(notice: Notice) -> str:
    """One JSON object a line per item, with its unit and tier keys, for DuckDB and pandas."""
    lines = []
    for unit, tier, item in notice.items():
        record = {
            "doc_number": notice.doc_number,
            "year": notice.year,
            "category": unit.category,
            "unit": unit.name,
            "unit_kind": unit.kind,
            "tier": tier.name,
            "tier_declared_points": tier.declared_points,
            **item.model_dump(mode="python"),
        }
        lines.append(json_text(record, indent=None))
    return "\n".join(lines) + "\n"


def table_jsonl(table: Table) -> str:
    """One JSON object a line per row of a table."""
    return "".join(json_text(record, indent=None) + "\n" for record in _records(table))


# The writers FORMATS names (export/kinds.py): a notice, the table asked for and the
# CSV encoding in, the file's bytes out.
Writer = Callable[[Notice, TableName, CsvEncoding], bytes]
# A unit's file for --split unit: the notice, the unit and the office's Word template
# (its name and bytes) where one is given.
UnitWriter = Callable[[Notice, Unit, tuple[str, bytes] | None], bytes]


def csv_export(notice: Notice, table_name: TableName, encoding: CsvEncoding) -> bytes:
    return csv_bytes(table(notice, table_name), encoding)


def jsonl_export(notice: Notice, table_name: TableName, encoding: CsvEncoding) -> bytes:
    if table_name == "items":
        return items_jsonl(notice).encode("utf-8")
    return table_jsonl(table(notice, table_name)).encode("utf-8")


def json_export(notice: Notice, table_name: TableName, encoding: CsvEncoding) -> bytes:
    return to_json(table(notice, table_name)).encode("utf-8")


def yaml_export(notice: Notice, table_name: TableName, encoding: CsvEncoding) -> bytes:
    return to_yaml(table(notice, table_name)).encode("utf-8")


def workbook_export(notice: Notice, table_name: TableName, encoding: CsvEncoding) -> bytes:
    return workbook_bytes(notice)


def letters_export(notice: Notice, table_name: TableName, encoding: CsvEncoding) -> bytes:
    from targetdoc.export.letter import letter_bytes

    return letter_bytes(notice, notice.units)


def unit_workbook(notice: Notice, unit: Unit, template: tuple[str, bytes] | None) -> bytes:
    return workbook_bytes(notice.model_copy(update={"units": [unit]}))


def unit_letter(notice: Notice, unit: Unit, template: tuple[str, bytes] | None) -> bytes:
    """A unit's 目标责任书: in the office's own Word template, named and read, when given."""
    from targetdoc.export.letter import letter_bytes, template_letter_bytes

    if template is None:
        return letter_bytes(notice, [unit])
    path, data = template
    return template_letter_bytes(data, notice, unit, path=path)


# Every writer by the name FORMATS gives it.
WRITERS: dict[str, Writer] = {
    writer.__name__: writer
    for writer in (
        csv_export,
        jsonl_export,
        json_export,
        yaml_export,
        workbook_export,
        letters_export,
    )
}
UNIT_WRITERS: dict[str, UnitWriter] = {
    writer.__name__: writer for writer in (unit_workbook, unit_letter)
}


def export_bytes(
    notice: Notice,
    fmt: ExportFormat,
    table_name: TableName = "items",
    encoding: CsvEncoding = "utf-8-sig",
) -> bytes:
    """The notice exported in one format of ``FORMATS`` (xlsx holds every table and the
    scoring sheet, docx every unit's letter; sqlite is ``export.corpus``'s)."""
    name = FORMAT[fmt].writer
    if name is None:
        raise ValueError(f"{fmt} holds many notices: export.corpus writes it")
    return WRITERS[name](notice, table_name, encoding)


def split_by_unit(
    notice: Notice, fmt: ExportFormat, template: tuple[str, bytes] | None = None
) -> list[tuple[str, bytes]]:
    """One file per unit, numbered in the notice's order and named after it (01-义马市):
    its 目标责任书 (docx), or its workbook (xlsx)."""
    from targetdoc.export.letter import unit_file_stems

    name = FORMAT[fmt].unit_writer
    if name is None:
        raise ValueError(f"{fmt} is not split by unit: {' and '.join(SPLIT_FORMATS)} are")
    writer = UNIT_WRITERS[name]
    return [
        (f"{stem}.{fmt}", writer(notice, unit, template))
        for stem, unit in zip(unit_file_stems(notice.units), notice.units, strict=True)
    ]
