"""Parsing: a notice's line index → records (the rule table, its state, drafts, thresholds).

``parse_source`` is the stage's entry; ``parse_file`` reads a path (or ``-``) first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from targetdoc.errors import InputError
from targetdoc.parse.choice import parse_source
from targetdoc.parse.engine import ParseResult, Trace, TraceStep
from targetdoc.profile import AUTO, Profile
from targetdoc.read.kinds import max_input_bytes
from targetdoc.read.source import Source

__all__ = ["ParseResult", "Trace", "TraceStep", "parse_file", "parse_source"]


def parse_file(
    path: str | Path,
    *,
    profile: str | Profile = AUTO,
    unit: str | None = None,
    trace: Trace | None = None,
) -> ParseResult:
    """Parse the notice at a path, or standard input for ``-``, keeping the findings.

    ``profile`` is a profile's name or file, or ``auto`` (the best of the shipped
    ones); ``unit`` names the unit a document without unit headings is.
    """
    if str(path) == "-":
        limit = max_input_bytes()
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputError(
                f"larger than {limit:,} bytes: not a notice (TARGETDOC_MAX_INPUT_MB)",
                path="<stdin>",
            )
        source = Source.from_bytes(data, name="<stdin>")
    else:
        source = Source.from_path(Path(path))
    return parse_source(source, profile=profile, unit=unit, trace=trace)
