"""The export formats, tables and encodings, by name: light, for the CLI's choices.

``FORMATS`` is the one table of export formats: the CLI's ``--format`` choices, its
help, which extension names which format, and what each refuses (``--table``, ``--split``,
standard output) are all read from it; ``export.formats`` finds each writer in it by name.
A new format is a row here, its writer in ``export.formats`` (or a module of its own)
and its name in ``ExportFormat``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ExportFormat = Literal["csv", "xlsx", "jsonl", "json", "yaml", "sqlite", "docx"]
TableName = Literal["items", "thresholds", "units", "responsibilities", "indicators"]
# The workbook's sheets; the indicators table is read from the catalog, not the records.
WORKBOOK_TABLES: tuple[TableName, ...] = ("items", "thresholds", "units", "responsibilities")
TABLES: tuple[TableName, ...] = (*WORKBOOK_TABLES, "indicators")
CsvEncoding = Literal["utf-8-sig", "utf-8", "gb18030"]
# How an export splits a notice into files: one per unit (into the folder -o names).
SplitBy = Literal["unit"]


@dataclass(frozen=True)
class Format:
    """One export format: its name, the extensions that name it, what it holds and
    which function of ``export.formats`` writes it."""

    name: ExportFormat
    suffixes: tuple[str, ...]
    # What a file of the format holds, said when --table does not apply; None: one
    # table, the one --table names.
    holds: str | None
    help: str
    # The function of export.formats that writes a notice in the format (None: sqlite,
    # whose database export.corpus writes from many notices).
    writer: str | None
    # The function of export.formats that writes one unit's file (--split unit), if any.
    unit_writer: str | None = None
    # Bytes a terminal cannot show: written only to the file -o names.
    binary: bool = False
    # Takes any number of notices and folders of them (the others take one notice).
    many: bool = False


FORMATS: tuple[Format, ...] = (
    Format("csv", (".csv",), None, "one table, for spreadsheets", "csv_export"),
    Format(
        "xlsx",
        (".xlsx",),
        "the workbook holds every table",
        "the workbook with every table and the 评分 scoring sheet",
        "workbook_export",
        unit_writer="unit_workbook",
        binary=True,
    ),
    Format("jsonl", (".jsonl",), None, "one table, a JSON object a line", "jsonl_export"),
    Format("json", (".json",), None, "one table as a JSON array", "json_export"),
    Format("yaml", (".yaml", ".yml"), None, "one table as a YAML sequence", "yaml_export"),
    Format(
        "sqlite",
        (".db", ".sqlite", ".sqlite3"),
        "the database holds every table",
        "a database of any number of notices",
        None,
        binary=True,
        many=True,
    ),
    Format(
        "docx",
        (".docx",),
        "it holds the letters",
        "each unit's 目标责任书",
        "letters_export",
        unit_writer="unit_letter",
        binary=True,
    ),
)
FORMAT: dict[str, Format] = {spec.name: spec for spec in FORMATS}
# The format an output file's extension names.
SUFFIX_FORMATS: dict[str, ExportFormat] = {
    suffix: spec.name for spec in FORMATS for suffix in spec.suffixes
}
SPLIT_FORMATS: tuple[ExportFormat, ...] = tuple(
    spec.name for spec in FORMATS if spec.unit_writer is not None
)
