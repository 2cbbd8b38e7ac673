"""The files the office fills in for ``targetdoc score``, written from the notice with
the exact keys the assessment reads: the actuals (one row per item, and the shared
targets), the benchmarks behind relative targets, and the deductions."""

from __future__ import annotations

import json
from collections.abc import Iterator

from targetdoc.export.tables import Value
from targetdoc.models import Notice

ACTUALS_COLUMNS = ("unit", "tier", "item", "points", "target", "actual", "score")
DEDUCTIONS_COLUMNS = ("unit", "event", "points")


def actuals_rows(notice: Notice) -> Iterator[tuple[Value, ...]]:
    """Each item of each unit (its tier named, so a number its sections repeat is
    clear), and each unit's shared targets (共同性目标), with actual and score empty."""
    shared = notice.common_target
    for unit in notice.units:
        if shared is not None:
            yield (unit.name, "", shared.name, shared.points, shared.text, "", "")
        for tier, item in unit.items():
            yield (unit.name, tier.name, item.number, item.points, item.text, "", "")


def benchmarks_yaml(notice: Notice) -> str:
    """Every benchmark a relative target names, with each subject it is named for,
    valued empty (null) until the office knows the value."""
    subjects: dict[str, list[str]] = {}
    for _unit, _tier, item in notice.items():
        for threshold in item.thresholds:
            if threshold.comparator == "relative" and threshold.benchmark and threshold.subject:
                known = subjects.setdefault(threshold.benchmark, [])
                if threshold.subject not in known:
                    known.append(threshold.subject)
    lines = [
        "# The value behind each relative target (高于全省平均水平): benchmark → subject → value.",
        "# Fill in what is known; a subject left empty leaves its items for review.",
    ]
    for benchmark, named in subjects.items():
        lines.append(f"{json.dumps(benchmark, ensure_ascii=False)}:")
        lines.extend(f"  {json.dumps(subject, ensure_ascii=False)}:" for subject in named)
    return "\n".join(lines) + "\n"


def template_files(notice: Notice) -> dict[str, bytes]:
    """The files an office fills in, by name: actuals.csv (a row per item),
    benchmarks.yaml (the benchmarks the relative targets name), deductions.csv (empty)."""
    from targetdoc.export.formats import csv_text

    return {
        "actuals.csv": csv_text(ACTUALS_COLUMNS, actuals_rows(notice)).encode("utf-8-sig"),
        "benchmarks.yaml": benchmarks_yaml(notice).encode("utf-8"),
        "deductions.csv": csv_text(DEDUCTIONS_COLUMNS, []).encode("utf-8-sig"),
    }
