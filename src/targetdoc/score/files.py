"""The assessment of a notice from the files an office fills in: the library's side
of ``targetdoc score`` (the command only reads arguments and writes the result)."""

from __future__ import annotations

from pathlib import Path

from targetdoc.findings import Finding
from targetdoc.read.source import read_input
from targetdoc.reading import Reading
from targetdoc.score.actuals import read_actuals, read_deductions
from targetdoc.score.assess import Assessment, assess
from targetdoc.score.benchmarks import load_benchmarks
from targetdoc.score.scoring import Scoring

__all__ = ["score_files"]


def score_files(
    reading: Reading,
    actuals: Path,
    *,
    benchmarks: Path | None = None,
    deductions: Path | None = None,
) -> Assessment:
    """Every unit of a notice scored from its actuals (a CSV or the filled-in workbook),
    the benchmarks behind relative targets and the deductions for events, by the scoring
    rule of the profile that read the notice; the findings of the actuals' file first."""
    rows = read_actuals(read_input(actuals, what="actuals"), path=str(actuals))
    values = load_benchmarks(benchmarks) if benchmarks is not None else None
    found: list[Finding] = []
    taken = []
    if deductions is not None:
        data = read_input(deductions, what="actuals")
        taken = read_deductions(data, path=str(deductions), findings=found)
    result = assess(
        reading.notice,
        rows,
        file=str(actuals),
        benchmarks=values,
        scoring=Scoring.of(reading.profile.scoring),
        deductions=taken,
    )
    result.findings.extend(found)
    result.findings.sort(key=lambda f: (f.file != str(actuals), f.file, f.line or 0))
    return result
