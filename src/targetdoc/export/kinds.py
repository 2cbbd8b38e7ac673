"""The export formats, tables and encodings, by name: light, for the CLI's choices."""

from __future__ import annotations

from typing import Literal

ExportFormat = Literal["csv", "xlsx", "jsonl", "json", "yaml", "sqlite", "docx"]
TableName = Literal["items", "thresholds", "units", "responsibilities", "indicators"]
# The workbook's sheets; the indicators table is read from the catalog, not the records.
WORKBOOK_TABLES: tuple[TableName, ...] = ("items", "thresholds", "units", "responsibilities")
TABLES: tuple[TableName, ...] = (*WORKBOOK_TABLES, "indicators")
CsvEncoding = Literal["utf-8-sig", "utf-8", "gb18030"]
# The format an output file's extension names.
SUFFIX_FORMATS: dict[str, ExportFormat] = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".jsonl": "jsonl",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".docx": "docx",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
}
# How an export splits a notice into files: one per unit (into the folder -o names).
SplitBy = Literal["unit"]
