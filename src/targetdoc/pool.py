"""Many inputs at once: a function applied to each in its own worker process.

``run_all`` runs a function over many inputs with N processes (``-j``), reports
each completion to a callback (the CLI's progress bar) and collects per-input
failures instead of stopping at the first. ``-j 1`` runs in this process. It knows
nothing of notices: callers bring the function, and import what it needs before
calling, so that forked workers start with it loaded.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Generic, TypeVar

from targetdoc.errors import Interrupted, TargetdocError

In = TypeVar("In")
Out = TypeVar("Out")


@dataclass(frozen=True)
class Outcome(Generic[In, Out]):
    """One input's result, or the targetdoc error it raised (with its type and fields)."""

    input: In
    result: Out | None = None
    error: TargetdocError | None = None


def default_jobs() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _guarded(function: Callable[[In], Out], work: In) -> Outcome[In, Out]:
    try:
        return Outcome(work, function(work))
    except TargetdocError as error:
        return Outcome(work, error=error)


def run_all(
    function: Callable[[In], Out],
    inputs: Sequence[In],
    *,
    jobs: int,
    on_done: Callable[[Outcome[In, Out]], None] | None = None,
) -> list[Outcome[In, Out]]:
    """Apply ``function`` to every input, in worker processes when ``jobs`` > 1.

    Results come back in the inputs' order. ``function`` must be a module-level
    function (it is pickled to the workers). Ctrl-C lets every input in hand end
    whole, starts no other, and raises ``Interrupted`` with what was and was not done;
    a second Ctrl-C stops at once.
    """
    with _interrupts_deferred() as asked:
        if jobs <= 1 or len(inputs) <= 1:
            outcomes: list[Outcome[In, Out]] = []
            for work in inputs:
                outcome = _guarded(function, work)
                if on_done:
                    on_done(outcome)
                outcomes.append(outcome)
                if asked:
                    raise Interrupted(outcomes, list(inputs[len(outcomes) :]))
            return outcomes
        return _in_workers(function, inputs, min(jobs, len(inputs)), on_done, asked)


def _in_workers(
    function: Callable[[In], Out],
    inputs: Sequence[In],
    workers: int,
    on_done: Callable[[Outcome[In, Out]], None] | None,
    asked: list[bool],
) -> list[Outcome[In, Out]]:
    results: dict[int, Outcome[In, Out]] = {}
    with ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts) as pool:
        pending: dict[Future[Outcome[In, Out]], int] = {
            pool.submit(_guarded, function, work): index for index, work in enumerate(inputs)
        }
        while pending and not asked:
            # A timeout, so that a Ctrl-C (which only sets the flag) is seen promptly.
            done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in done:
                outcome = future.result()
                results[pending.pop(future)] = outcome
                if on_done:
                    on_done(outcome)
        if asked:
            for future in pending:  # what has not started never will
                future.cancel()
            for future in wait(pending).done:  # what runs ends whole
                if not future.cancelled():
                    results[pending[future]] = future.result()
            finished = [results[index] for index in sorted(results)]
            not_done = [work for index, work in enumerate(inputs) if index not in results]
            raise Interrupted(finished, not_done)
    return [results[index] for index in range(len(inputs))]


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which lets each finish the input it holds."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[list[bool]]:
    """While inputs run, Ctrl-C sets a flag (a non-empty list) instead of raising.

    An interrupt raised mid-input could land between an output written and its
    outcome recorded, and the report of what was written would be wrong. A second
    Ctrl-C raises at once. Outside the main thread Ctrl-C stays the caller's.
    """
    asked: list[bool] = []

    def ask(_signum: int, frame: object) -> None:
        if asked:
            raise KeyboardInterrupt
        asked.append(True)

    try:
        previous = signal.signal(signal.SIGINT, ask)
    except ValueError:  # not the main thread
        yield asked
        return
    try:
        yield asked
    finally:
        signal.signal(signal.SIGINT, previous)
