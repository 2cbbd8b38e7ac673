"""The library's entry points: a path or a text in, a ``Notice`` out."""

from __future__ import annotations

from pathlib import Path

from targetdoc.models import Notice
from targetdoc.parse.engine import ParseResult, parse_source
from targetdoc.read.source import Source


def read_notice(path: str | Path) -> ParseResult:
    """Parse a notice file and keep the parser's findings (unplaced lines and so on)."""
    return parse_source(Source.from_path(Path(path)))


def parse_notice(path: str | Path) -> Notice:
    """The records of a notice file."""
    return read_notice(path).notice


def parse_text(text: str, *, name: str = "<text>") -> Notice:
    """The records of a notice given as text; ``name`` stands in for the file name."""
    return parse_source(Source.from_text(text, name=name)).notice
