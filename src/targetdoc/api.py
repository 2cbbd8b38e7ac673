"""The library's entry points: a path or a text in, records out.

The words hold across the package: *read* is bytes → text (``targetdoc.read``),
*parse* is text → records with findings, *load* is a data file → an object.
"""

from __future__ import annotations

from pathlib import Path

from targetdoc.errors import InputError
from targetdoc.findings import Finding
from targetdoc.models import Notice
from targetdoc.parse import ParseResult, parse_file, parse_source
from targetdoc.read.kinds import file_kind
from targetdoc.read.source import Source

__all__ = ["ParseResult", "load_notice", "parse_file", "parse_notice", "parse_text"]


def parse_notice(path: str | Path) -> Notice:
    """The records of a notice file (``parse_file`` keeps the findings too)."""
    return parse_file(path).notice


def parse_text(text: str, *, name: str = "<text>") -> Notice:
    """The records of a notice given as text; ``name`` stands in for the file name."""
    return parse_source(Source.from_text(text, name=name)).notice


def load_notice(path: str | Path, *, profile: str = "auto", unit: str | None = None) -> Notice:
    """A notice's records from either form: a raw notice is parsed (``profile`` and
    ``unit`` as ``parse_file`` takes them), a canonical file loaded."""
    return load_parsed(path, profile=profile, unit=unit)[0]


def load_parsed(
    path: str | Path, *, profile: str = "auto", unit: str | None = None
) -> tuple[Notice, tuple[Finding, ...]]:
    """``load_notice``, with the parse's findings of a raw notice (a canonical file has
    none), so that a command can say what the parse said (TD103: truncated)."""
    path = Path(path)
    kind = file_kind(path)
    if kind == "notice":
        result = parse_file(path, profile=profile, unit=unit)
        return result.notice, tuple(result.findings)
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "no such file"
        raise InputError(what, path=str(path))
    # Here, not at the top: ruamel.yaml takes a fifth of a second to import, and a
    # command given raw notices (diff, export) never loads a canonical file.
    from targetdoc.canonical import load_json, load_yaml, read_canonical_text

    text = read_canonical_text(path)
    load = load_json if kind == "canonical-json" else load_yaml
    return load(text, name=str(path)), ()
