"""The library's whole pipeline in one import: read, check, export.

::

    from targetdoc.api import read_notice, check_notice, export_bytes
    notice = read_notice("data/raw/sanmenxia-2020.txt")  # or its canonical .yaml
    findings = check_notice(notice)
    csv = export_bytes(notice, "csv", "thresholds")

The package's top level (``from targetdoc import read_notice``) offers the same names,
each imported only when first used, so that a program pays only for what it uses; this
module imports them all at once. The commands of ``targetdoc`` call these functions.
"""

from __future__ import annotations

from targetdoc.canonical import dump_json, dump_yaml, load_json, load_yaml
from targetdoc.check.structure import check_notice, check_reading
from targetdoc.check.validate import validate
from targetdoc.export.formats import export_bytes, split_by_unit
from targetdoc.export.tables import table
from targetdoc.findings import Finding
from targetdoc.models import Item, Notice, Tier, Unit
from targetdoc.parse import ParseResult, parse_file
from targetdoc.reading import Reading, parse_notice, parse_text, read_file, read_notice

__all__ = [
    "Finding",
    "Item",
    "Notice",
    "ParseResult",
    "Reading",
    "Tier",
    "Unit",
    "check_notice",
    "check_reading",
    "dump_json",
    "dump_yaml",
    "export_bytes",
    "load_json",
    "load_yaml",
    "parse_file",
    "parse_notice",
    "parse_text",
    "read_file",
    "read_notice",
    "split_by_unit",
    "table",
    "validate",
]
