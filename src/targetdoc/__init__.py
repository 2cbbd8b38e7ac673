"""targetdoc: target-responsibility notices as validated, structured data.

The library is importable without the CLI::

    from targetdoc import parse_notice, dump_yaml
    notice = parse_notice("data/raw/sanmenxia-2020.txt")
    print(dump_yaml(notice))

Names are imported lazily so that ``targetdoc --help`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from targetdoc.api import parse_notice, parse_text
    from targetdoc.canonical import dump_json, dump_yaml, load_json, load_yaml
    from targetdoc.models import Item, Notice, Tier, Unit

_EXPORTS = {
    "parse_notice": "targetdoc.api",
    "parse_text": "targetdoc.api",
    "dump_yaml": "targetdoc.canonical",
    "load_yaml": "targetdoc.canonical",
    "dump_json": "targetdoc.canonical",
    "load_json": "targetdoc.canonical",
    "Notice": "targetdoc.models",
    "Unit": "targetdoc.models",
    "Tier": "targetdoc.models",
    "Item": "targetdoc.models",
}

__all__ = [
    "Item",
    "Notice",
    "Tier",
    "Unit",
    "__version__",
    "dump_json",
    "dump_yaml",
    "load_json",
    "load_yaml",
    "parse_notice",
    "parse_text",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'targetdoc' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_EXPORTS[name]), name)
