"""The batch job of ``targetdoc parse``: one notice to its canonical file, in a worker.

Imported by the parse command just before its workers start, so that forked
workers find the parser already loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from targetdoc.canonical import dump_json, dump_yaml
from targetdoc.cli.output import refuse_overwriting, write_output
from targetdoc.parse import parse_file


@dataclass(frozen=True)
class ParseJob:
    """Parse one notice and write its canonical file."""

    notice: Path
    output: Path
    fmt: str
    profile: str = "auto"
    unit: str | None = None


@dataclass(frozen=True)
class ParseSummary:
    """What a worker sends back: small, so that results cost little to pass between processes."""

    units: int
    items: int
    findings: tuple[str, ...]
    truncated: bool = False  # written, but the notice ends without its footer (TD103)


def parse_to_file(job: ParseJob) -> ParseSummary:
    """Parse a notice and write its canonical YAML or JSON atomically."""
    refuse_overwriting([job.notice], job.output)  # before the work, not after it
    result = parse_file(job.notice, profile=job.profile, unit=job.unit)
    text = dump_json(result.notice) if job.fmt == "json" else dump_yaml(result.notice)
    write_output(job.output, text.encode("utf-8"))
    return ParseSummary(
        units=len(result.notice.units),
        items=sum(1 for _ in result.notice.items()),
        findings=tuple(str(f) for f in result.findings if f.severity == "error"),
        truncated=any(f.code == "TD103" for f in result.findings),
    )
