"""Parsing: a notice's line index → records (the rule table, its state, drafts, thresholds).

``parse_source`` is the stage's entry; ``parse_file`` reads a path (or ``-``) first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from targetdoc.parse.engine import ParseResult, Trace, TraceStep, parse_source
from targetdoc.read.source import Source

__all__ = ["ParseResult", "Trace", "TraceStep", "parse_file", "parse_source"]


def parse_file(path: str | Path, *, trace: Trace | None = None) -> ParseResult:
    """Parse the notice at a path, or standard input for ``-``, keeping the findings."""
    if str(path) == "-":
        source = Source.from_bytes(sys.stdin.buffer.read(), name="<stdin>")
    else:
        source = Source.from_path(Path(path))
    return parse_source(source, trace=trace)
