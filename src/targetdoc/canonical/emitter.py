"""A fast emitter of the canonical YAML style, byte for byte what ruamel.yaml writes.

ruamel.yaml's pure-Python emitter spends most of its time on per-node
representation and scalar analysis; canonical files are a fixed shape (mappings,
sequences, flow spans, a few scalar types), so this writes them directly. Every
decision that could differ from ruamel.yaml is delegated to it: a string that is not
plainly safe is quoted by ruamel.yaml itself, and a shape outside the canonical style
raises ``Unsupported`` so the caller uses ruamel.yaml for the whole document. Tests
compare both on the sample and on generated data.
"""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal
from typing import Any

import regex

from targetdoc.canonical.style import FlowMap, FlowSeq, ruamel_yaml
from targetdoc.decimals import decimal_text

_STR_TAG = "tag:yaml.org,2002:str"
# What keeps a string from being written plain in block context: a leading indicator
# or blank, a trailing blank or colon, ": " or " #" inside, or a character YAML
# does not print as itself (controls, line breaks, BOM, surrogates).
_NOT_PLAIN = regex.compile(
    r"""^[-?:,\[\]{}#&*!|>'"%@`.\s]|[\s:]$|:\s|\s\#|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd]|[\ufeff\u2028\u2029]"""
)


# What YAML reads as a line break (NEL and the Unicode separators too).
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


class Unsupported(Exception):
    """A document outside the canonical shapes; ruamel.yaml writes it instead."""


@functools.lru_cache(maxsize=8192)  # bounded: a batch sees every text once
def _resolves_to_str(text: str) -> bool:
    """Whether a plain scalar reads back as a string (not 1.5, null, true, 2020-08-22)."""
    from ruamel.yaml.nodes import ScalarNode

    resolver = ruamel_yaml().resolver
    return bool(resolver.resolve(ScalarNode, text, (True, False)) == _STR_TAG)


@functools.lru_cache(maxsize=8192)  # bounded: a batch sees every text once
def _quoted(text: str) -> str:
    """A string as ruamel.yaml writes it when it cannot be plain."""
    import io

    if any(brk in text for brk in _LINE_BREAKS):
        # Quoted, a line break continues on an indented line: it depends on the nesting.
        raise Unsupported(f"a string with a line break: {text!r}")

    stream = io.StringIO()
    ruamel_yaml().dump({"k": text}, stream)
    written = stream.getvalue()
    if not written.startswith("k: ") or written.count("\n") != 1:
        raise Unsupported(f"a string ruamel.yaml writes over several lines: {text!r}")
    return written[3:-1]


def _is_plain(text: str) -> bool:
    return bool(text) and _NOT_PLAIN.search(text) is None and _resolves_to_str(text)


def scalar(value: Any) -> str:
    """One scalar in the canonical style."""
    if isinstance(value, str):
        return value if _is_plain(value) else _quoted(value)
    return _not_string(value)


def _key(key: Any) -> str:
    """A mapping key; one that needs quoting may be written as a complex key (``? …``)."""
    if not isinstance(key, str) or not _is_plain(key):
        raise Unsupported(f"a key that is not a plain string: {key!r}")
    return key


def _not_string(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    raise Unsupported(f"no canonical form for {type(value).__name__}")


def _flow(value: FlowMap | FlowSeq) -> str:
    items = value.items() if isinstance(value, FlowMap) else enumerate(value)
    parts = []
    for key, item in items:
        if not isinstance(item, int) or isinstance(item, bool):
            raise Unsupported("flow collections hold whole numbers only")
        parts.append(f"{key}: {item}" if isinstance(value, FlowMap) else str(item))
    body = ", ".join(parts)
    return f"{{{body}}}" if isinstance(value, FlowMap) else f"[{body}]"


def _inline(value: Any) -> str:
    """A value that stays on its key's line: a scalar, an empty or a flow collection."""
    if isinstance(value, FlowMap | FlowSeq):
        return _flow(value)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)


def _mapping(mapping: dict[str, Any], indent: int, out: list[str], first: str | None) -> None:
    pad = " " * indent
    for index, (key, value) in enumerate(mapping.items()):
        lead = first if index == 0 and first is not None else pad
        name = _key(key)
        if isinstance(value, FlowMap | FlowSeq) or not value or not isinstance(value, dict | list):
            out.append(f"{lead}{name}: {_inline(value)}\n")
        elif isinstance(value, dict):
            out.append(f"{lead}{name}:\n")
            _mapping(value, indent + 2, out, None)
        else:
            out.append(f"{lead}{name}:\n")
            _sequence(value, indent + 2, out)


def _sequence(sequence: list[Any], dash: int, out: list[str]) -> None:
    pad = " " * dash
    for item in sequence:
        if isinstance(item, dict) and item and not isinstance(item, FlowMap):
            _mapping(item, dash + 2, out, f"{pad}- ")
        elif isinstance(item, list) and item and not isinstance(item, FlowSeq):
            raise Unsupported("a sequence directly inside a sequence")
        else:
            out.append(f"{pad}- {_inline(item)}\n")


def emit(data: Any) -> str:
    """The canonical YAML text of plain data marked by ``for_yaml``."""
    out: list[str] = []
    if isinstance(data, dict) and data and not isinstance(data, FlowMap):
        _mapping(data, 0, out, None)
    elif isinstance(data, list) and data and not isinstance(data, FlowSeq):
        _sequence(data, 2, out)
    else:
        raise Unsupported("a document that is not a non-empty mapping or sequence")
    return "".join(out)
