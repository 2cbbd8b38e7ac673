"""Judging what a unit reported against an item's thresholds.

A reported actual is a list of numbers (one for each numeric threshold of the item,
in its order), or a judgement made by people (完成 / 未完成), or nothing. A bare number
is in the threshold's own unit and scale (for 2亿元, 2.5 means 2.5亿元); a number written
with its unit (2.5亿元, 25000万元, 8.2%) is converted. Comparisons are exact
(``Decimal``), on quantities: value × the scale's factor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from targetdoc.errors import ActualError
from targetdoc.models import Item, Threshold
from targetdoc.parse.thresholds import is_ceiling, scale_factors
from targetdoc.read.normalize import fold

Status = Literal["met", "not_met", "review"]
# A judgement people made and reported (完成, 未完成).
Decided = Literal["met", "not_met"]
# The values behind relative targets: benchmark (全省平均水平) → subject → value.
Benchmarks = Mapping[str, Mapping[str, Decimal]]

_MET_WORDS = {"完成", "met", "已完成"}
_NOT_MET_WORDS = {"未完成", "not met", "没有完成"}
_NUMBER = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*(\S*)")


@dataclass(frozen=True)
class Reported:
    """One number as a unit reported it: its value, and the scale and unit written."""

    value: Decimal
    scale: str | None = None
    unit: str | None = None


# Measures that are rates: an approx rate's tolerance is in points of the rate itself.
RATE_UNITS = frozenset({"%", "‰", "个百分点"})


@dataclass(frozen=True)
class Tolerance:
    """How far an ``approx`` target (约, 左右) may be missed: a share of an amount (5% of
    20万吨), and points of a rate in its own unit (0.5 percentage points of 104%: a share
    of a percentage would let 控制在104%左右 reach 109%)."""

    share: Decimal = Decimal("0.05")
    points: Decimal = Decimal("0.5")

    def margin(self, threshold: Threshold) -> Decimal:
        """The tolerance of this threshold, as a quantity."""
        assert threshold.quantity is not None
        if threshold.unit in RATE_UNITS:
            return self.points * _factor(threshold.scale)
        return self.share * abs(threshold.quantity)


@dataclass(frozen=True)
class Judgement:
    """Met, not met, or for people to review, with the reason in words; for the scoring
    rules, each numeric threshold's share of its target reached (1 or more: met) and
    how far short it fell, in the threshold's own unit and scale."""

    status: Status
    reason: str
    shares: tuple[Decimal, ...] = field(default=(), compare=False)
    shortfalls: tuple[Decimal, ...] = field(default=(), compare=False)


def read_actual(text: str) -> list[Reported] | Decided | None:
    """What a cell of actuals says: numbers, ``met``/``not_met`` (完成/未完成), or None
    when nothing was reported."""
    written = text.strip()
    if not written:
        return None
    if written in _MET_WORDS or written.lower() in _MET_WORDS:
        return "met"
    if written in _NOT_MET_WORDS or written.lower() in _NOT_MET_WORDS:
        return "not_met"
    return [_number(part) for part in re.split(r"[;；]", written) if part.strip()]


def _number(part: str) -> Reported:
    match = _NUMBER.fullmatch(fold(part.strip()).replace(",", ""))
    if match is None:
        raise ActualError(f"{part.strip()!r} is not a number")
    rest = match[2]
    scale = next((word for word in _scales() if rest.startswith(word)), None)
    unit = rest[len(scale) :] if scale else rest
    return Reported(Decimal(match[1]), scale, unit or None)


def _scales() -> list[str]:
    """Scale words, longest first (万亿 before 万)."""
    return sorted(scale_factors(), key=len, reverse=True)


def _factor(scale: str | None) -> Decimal:
    return scale_factors()[scale] if scale else Decimal(1)


def _quantity(threshold: Threshold, reported: Reported) -> Decimal:
    """The reported number as a quantity in the threshold's terms."""
    if reported.unit is None and reported.scale is None:  # in the threshold's own terms
        return reported.value * _factor(threshold.scale)
    if reported.unit is not None and threshold.unit is not None and reported.unit != threshold.unit:
        raise ActualError(
            f"{reported.value}{reported.scale or ''}{reported.unit} is reported in "
            f"{reported.unit}; the target {threshold.text} is in {threshold.unit}"
        )
    return reported.value * _factor(reported.scale)


def _shown(quantity: Decimal, threshold: Threshold) -> str:
    """A quantity written in the threshold's scale and unit: 2.5亿元, 7.8%."""
    value = (quantity / _factor(threshold.scale)).normalize()
    text = f"{value:f}"
    return f"{text}{threshold.scale or ''}{threshold.unit or ''}"


def judge_threshold(
    threshold: Threshold,
    reported: Reported | None,
    *,
    benchmarks: Benchmarks | None = None,
    tolerance: Tolerance = Tolerance(),
) -> Judgement:
    """One threshold judged; ``tolerance``: how far an ``approx`` target may be missed."""
    if reported is None:
        return Judgement("review", f"{threshold.text}: nothing reported")
    if threshold.comparator == "relative":
        return _relative(threshold, reported, benchmarks or {})
    assert threshold.quantity is not None
    actual = _quantity(threshold, reported)
    target = threshold.quantity
    said = f"{_change_word(threshold)}{_shown(actual, threshold)}"
    if threshold.comparator == "at_most":
        met, sign = actual <= target, ("≤", ">")
    elif threshold.comparator == "range":
        assert threshold.value_max is not None
        top = threshold.value_max * _factor(threshold.scale)
        met = target <= actual <= top
        where = f"{_shown(target, threshold)}–{_shown(top, threshold)}"
        reason = f"{said} {'in' if met else 'not in'} {where}"
        return Judgement("met" if met else "not_met", reason, (Decimal(int(met)),), (_ZERO,))
    elif threshold.comparator == "approx" and is_ceiling(threshold):
        # 控制在104%左右: a ceiling, with the tolerance above it only.
        met = actual <= target + tolerance.margin(threshold)
        sign = ("≤" if actual <= target else "≈", ">")
    elif threshold.comparator == "approx":
        met, sign = abs(actual - target) <= tolerance.margin(threshold), ("≈", "≉")
    else:  # at_least, and a target, which is at least its value (a decrease too)
        met, sign = actual >= target, ("≥", "<")
    share, short = _share(threshold.comparator, actual, target, met)
    return Judgement(
        "met" if met else "not_met",
        f"{said} {sign[0] if met else sign[1]} {_shown(target, threshold)}",
        (share,),
        (short / _factor(threshold.scale),),
    )


_ZERO = Decimal(0)


def _share(comparator: str, actual: Decimal, target: Decimal, met: bool) -> tuple[Decimal, Decimal]:
    """How much of its target a threshold reached, and by how much it fell short."""
    if comparator == "at_most":  # less is better
        share = target / actual if actual > 0 else Decimal(1)
        return share, max(_ZERO, actual - target)
    if comparator == "approx":
        return Decimal(int(met)), _ZERO if met else abs(actual - target)
    share = actual / target if target > 0 else Decimal(int(met))
    return share, max(_ZERO, target - actual)


def _change_word(threshold: Threshold) -> str:
    return {"increase": "增长", "decrease": "下降"}.get(threshold.change or "", "")


def _relative(threshold: Threshold, reported: Reported, benchmarks: Benchmarks) -> Judgement:
    """高于全省平均水平: against the benchmark's value for the subject, when it is given."""
    values = benchmarks.get(threshold.benchmark or "", {})
    benchmark = values.get(threshold.subject or "")
    if benchmark is None:
        return Judgement(
            "review", f"{threshold.text}: no value of {threshold.benchmark} for {threshold.subject}"
        )
    actual = reported.value
    below = "低于" in threshold.text and "不低于" not in threshold.text
    inclusive = "不低于" in threshold.text or "不高于" in threshold.text or "达到" in threshold.text
    if below:
        met = actual <= benchmark if inclusive else actual < benchmark
    else:
        met = actual >= benchmark if inclusive else actual > benchmark
    sign = {(False, False): ">", (False, True): "≥", (True, False): "<", (True, True): "≤"}
    shares = (Decimal(int(met)),)  # all or nothing: no shortfall to measure
    shown = sign[(below, inclusive)] if met else "not " + sign[(below, inclusive)]
    return Judgement(
        "met" if met else "not_met",
        f"{actual.normalize():f} {shown} {threshold.benchmark} {benchmark.normalize():f}",
        shares,
    )


def judge_item(
    item: Item,
    actual: list[Reported] | Decided | None,
    *,
    benchmarks: Benchmarks | None = None,
    tolerance: Tolerance = Tolerance(),
) -> Judgement:
    """An item judged: met when every threshold is, not met when one is not, and for
    review when it cannot be judged (nothing reported, a relative target without its
    benchmark, an item without numeric thresholds and no 完成/未完成)."""
    if actual is None or isinstance(actual, str):
        return _said(actual)
    thresholds = [
        t for t in item.thresholds if t.quantity is not None or t.comparator == "relative"
    ]
    if not thresholds:
        return Judgement("review", "no numeric target: report 完成 or 未完成")
    if len(actual) > len(thresholds):
        targets = f"{len(thresholds)} numeric target{'s' if len(thresholds) > 1 else ''}"
        raise ActualError(
            f"item {item.number} has {targets} but {len(actual)} values were reported: "
            "give one value for each target, in order, separated by ;"
        )
    judged = [
        judge_threshold(t, r, benchmarks=benchmarks, tolerance=tolerance)
        for t, r in zip(thresholds, _padded(actual, len(thresholds)), strict=True)
    ]
    reason = "; ".join(j.reason for j in judged)
    shares = tuple(share for j in judged for share in j.shares)
    shortfalls = tuple(short for j in judged for short in j.shortfalls)
    if any(j.status == "not_met" for j in judged):
        return Judgement("not_met", reason, shares, shortfalls)
    if any(j.status == "review" for j in judged):
        return Judgement("review", reason)
    return Judgement("met", reason, shares, shortfalls)


_SAID: dict[Decided | None, Judgement] = {
    "met": Judgement("met", "完成"),
    "not_met": Judgement("not_met", "未完成"),
    None: Judgement("review", "nothing reported"),
}


def _said(actual: Decided | None) -> Judgement:
    """A judgement people reported (完成, 未完成), or nothing reported."""
    return _SAID[actual]


def _padded(values: Sequence[Reported], length: int) -> list[Reported | None]:
    return [*values, *([None] * (length - len(values)))]
