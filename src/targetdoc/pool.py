"""Many notices at once: parse or check each in its own worker process.

One helper runs a function over many inputs with N processes (``-j``), reporting
each completion to a callback (the CLI's progress bar) and collecting per-input
failures instead of stopping at the first. ``-j 1`` runs in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from targetdoc.errors import TargetdocError

In = TypeVar("In")
Out = TypeVar("Out")


@dataclass(frozen=True)
class Outcome(Generic[In, Out]):
    """One input's result, or the message of the targetdoc error it raised."""

    item: In
    result: Out | None = None
    error: str | None = None


def default_jobs() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _guarded(function: Callable[[In], Out], item: In) -> Outcome[In, Out]:
    try:
        return Outcome(item, function(item))
    except TargetdocError as error:
        return Outcome(item, error=str(error))


def run(
    function: Callable[[In], Out],
    items: Sequence[In],
    *,
    jobs: int,
    on_done: Callable[[Outcome[In, Out]], None] | None = None,
) -> list[Outcome[In, Out]]:
    """Apply ``function`` to every item, in worker processes when ``jobs`` > 1.

    Results come back in the items' order. ``function`` must be a module-level
    function (it is pickled to the workers).
    """
    if jobs <= 1 or len(items) <= 1:
        outcomes = []
        for item in items:
            outcome = _guarded(function, item)
            if on_done:
                on_done(outcome)
            outcomes.append(outcome)
        return outcomes
    _warm_up()
    results: dict[int, Outcome[In, Out]] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(items))) as pool:
        pending: dict[Future[Outcome[In, Out]], int] = {
            pool.submit(_guarded, function, item): index for index, item in enumerate(items)
        }
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                outcome = future.result()
                results[pending.pop(future)] = outcome
                if on_done:
                    on_done(outcome)
    return [results[index] for index in range(len(items))]


def _warm_up() -> None:
    """Import the parsing modules before the workers fork, so that each need not."""


@dataclass(frozen=True)
class ParseJob:
    """Parse one notice and write its canonical file."""

    notice: Path
    output: Path
    fmt: str


@dataclass(frozen=True)
class ParseSummary:
    """What a worker sends back: small, so that results cost little to pass between processes."""

    units: int
    items: int
    findings: tuple[str, ...]


def parse_to_file(job: ParseJob) -> ParseSummary:
    """Parse a notice and write its canonical YAML or JSON atomically."""
    from targetdoc.api import read_notice
    from targetdoc.canonical import dump_json, dump_yaml
    from targetdoc.cli.output import refuse_overwriting, write_atomically

    refuse_overwriting([job.notice], job.output)  # before the work, not after it
    result = read_notice(job.notice)
    text = dump_json(result.notice) if job.fmt == "json" else dump_yaml(result.notice)
    write_atomically(job.output, text.encode("utf-8"))
    return ParseSummary(
        units=len(result.notice.units),
        items=sum(1 for _ in result.notice.items()),
        findings=tuple(str(d) for d in result.diagnostics if d.severity == "error"),
    )


def notice_files(paths: Iterable[Path]) -> list[Path]:
    """The notices named: files as given, folders by the notices directly in them."""
    from targetdoc.read.containers import NOTICE_SUFFIXES

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in NOTICE_SUFFIXES)
        else:
            found.append(path)
    return found
