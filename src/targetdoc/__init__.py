"""targetdoc: target-responsibility notices as validated, structured data.

The library is importable without the CLI::

    from targetdoc import read_notice, check_notice, export_bytes
    notice = read_notice("data/raw/sanmenxia-2020.txt")  # or its canonical .yaml
    findings = check_notice(notice)
    csv = export_bytes(notice, "csv", "thresholds")

Names are imported lazily, each from the module that defines it, so that ``targetdoc
--help`` starts fast and a program pays only for what it uses; ``targetdoc.api`` holds
the same names (a test keeps the two lists one). The check is ``check_notice``, not
``check``: ``targetdoc.check`` is the checks' package, and importing it would replace
a function of that name on the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from targetdoc.canonical import dump_json, dump_yaml, load_json, load_yaml
    from targetdoc.check.structure import check_notice, check_reading
    from targetdoc.check.validate import validate
    from targetdoc.export.formats import export_bytes, split_by_unit
    from targetdoc.export.tables import table
    from targetdoc.findings import Finding
    from targetdoc.models import Item, Notice, Tier, Unit
    from targetdoc.parse import ParseResult, parse_file
    from targetdoc.reading import Reading, parse_notice, parse_text, read_file, read_notice

_EXPORTS = {
    "read_notice": "targetdoc.reading",
    "read_file": "targetdoc.reading",
    "Reading": "targetdoc.reading",
    "parse_notice": "targetdoc.reading",
    "parse_text": "targetdoc.reading",
    "parse_file": "targetdoc.parse",
    "ParseResult": "targetdoc.parse",
    "check_notice": "targetdoc.check.structure",
    "check_reading": "targetdoc.check.structure",
    "validate": "targetdoc.check.validate",
    "export_bytes": "targetdoc.export.formats",
    "split_by_unit": "targetdoc.export.formats",
    "table": "targetdoc.export.tables",
    "dump_yaml": "targetdoc.canonical",
    "load_yaml": "targetdoc.canonical",
    "dump_json": "targetdoc.canonical",
    "load_json": "targetdoc.canonical",
    "Finding": "targetdoc.findings",
    "Notice": "targetdoc.models",
    "Unit": "targetdoc.models",
    "Tier": "targetdoc.models",
    "Item": "targetdoc.models",
}

__all__ = [
    "Finding",
    "Item",
    "Notice",
    "ParseResult",
    "Reading",
    "Tier",
    "Unit",
    "__version__",
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


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'targetdoc' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_EXPORTS[name]), name)
