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

from targetdoc.decimals import decimal_text
from targetdoc.errors import ActualError
from targetdoc.i18n import N_, Message
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
    """Met, not met, or for people to review, with the reason in words (English, as
    programs read it; ``said`` holds its parts to show in the interface's language);
    for the scoring rules, each numeric threshold's share of its target reached (1 or
    more: met) and how far short it fell, in the threshold's own unit and scale."""

    status: Status
    reason: str
    shares: tuple[Decimal, ...] = field(default=(), compare=False)
    shortfalls: tuple[Decimal, ...] = field(default=(), compare=False)
    said: tuple[Message, ...] = field(default=(), compare=False)
    # The events a unit reported for an item that counts them (每发现一起扣1分): 3 for 3起.
    count: Decimal | None = field(default=None, compare=False)

    @classmethod
    def of(
        cls,
        status: Status,
        said: tuple[Message, ...],
        shares: tuple[Decimal, ...] = (),
        shortfalls: tuple[Decimal, ...] = (),
        count: Decimal | None = None,
    ) -> Judgement:
        """A judgement whose reason is these messages, joined by ``; ``."""
        reason = "; ".join(m.english() for m in said)
        return cls(status, reason, shares, shortfalls, said, count)

    def shown(self) -> str:
        """The reason in the interface's language."""
        if not self.said:
            return self.reason
        return "; ".join(message.shown() for message in self.said)


def because(template: str, **values: object) -> tuple[Message, ...]:
    """A reason of one message."""
    return (Message.of(template, **values),)


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
        raise ActualError(N_("{value} is not a number"), (("value", repr(part.strip())),))
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
        written = f"{reported.value}{reported.scale or ''}{reported.unit}"
        raise ActualError(
            N_("{actual} is reported in {unit}; the target {target} is in {measure}"),
            (
                ("actual", written),
                ("unit", reported.unit),
                ("target", threshold.text),
                ("measure", threshold.unit),
            ),
        )
    return reported.value * _factor(reported.scale)


def _shown(quantity: Decimal, threshold: Threshold) -> str:
    """A quantity written in the threshold's scale and unit: 2.5亿元, 7.8%."""
    text = decimal_text(quantity / _factor(threshold.scale))
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
        template = N_("{target}: nothing reported")
        return Judgement.of("review", because(template, target=threshold.text))
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
        template = N_("{actual} in {range}") if met else N_("{actual} not in {range}")
        return Judgement.of(
            "met" if met else "not_met",
            because(template, actual=said, range=where),
            (Decimal(int(met)),),
            (_ZERO,),
        )
    elif threshold.comparator == "approx" and is_ceiling(threshold):
        # 控制在104%左右: a ceiling, with the tolerance above it only.
        met = actual <= target + tolerance.margin(threshold)
        sign = ("≤" if actual <= target else "≈", ">")
    elif threshold.comparator == "approx":
        met, sign = abs(actual - target) <= tolerance.margin(threshold), ("≈", "≉")
    else:  # at_least, and a target, which is at least its value (a decrease too)
        met, sign = actual >= target, ("≥", "<")
    share, short = _share(threshold.comparator, actual, target, met)
    compared = f"{said} {sign[0] if met else sign[1]} {_shown(target, threshold)}"
    return Judgement.of(
        "met" if met else "not_met",
        (Message(compared),),  # numbers and signs: the same in every language
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
        template = N_("{target}: no value of {benchmark} for {subject}")
        return Judgement.of(
            "review",
            because(
                template,
                target=threshold.text,
                benchmark=threshold.benchmark,
                subject=threshold.subject,
            ),
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
    template = (
        "{actual} {sign} {benchmark} {value}"
        if met
        else N_("{actual} not {sign} {benchmark} {value}")
    )
    return Judgement.of(
        "met" if met else "not_met",
        because(
            template,
            actual=decimal_text(actual),
            sign=sign[(below, inclusive)],
            benchmark=threshold.benchmark,
            value=decimal_text(benchmark),
        ),
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
        return said_by_people(actual)
    thresholds = [
        t for t in item.thresholds if t.quantity is not None or t.comparator == "relative"
    ]
    if not thresholds and len(actual) == 1 and any(r.per is not None for r in item.rules):
        # An item that counts events or steps and states no target to measure them
        # against (每发现一起扣1分, 缺1次会议记录扣0.5分): the number is how many there were.
        count = actual[0].value
        if count < 0:
            raise ActualError(N_("{value} is no count of events"), (("value", str(count)),))
        said = because(N_("{count} counted"), count=f"{count.normalize():f}{actual[0].unit or ''}")
        return Judgement.of("not_met" if count else "met", said, count=count)
    if not thresholds:
        return Judgement.of("review", because(NO_NUMERIC_TARGET))
    if len(actual) > len(thresholds):
        many = N_(
            "item {item} has {targets} numeric targets but {count} values were reported: "
            "give one value for each target, in order, separated by ;"
        )
        one = N_(
            "item {item} has 1 numeric target but {count} values were reported: "
            "give one value for each target, in order, separated by ;"
        )
        raise ActualError(
            one if len(thresholds) == 1 else many,
            (
                ("count", str(len(actual))),
                ("item", str(item.number)),
                ("targets", str(len(thresholds))),
            ),
        )
    judged = [
        judge_threshold(t, r, benchmarks=benchmarks, tolerance=tolerance)
        for t, r in zip(thresholds, _padded(actual, len(thresholds)), strict=True)
    ]
    said = tuple(message for j in judged for message in j.said)
    shares = tuple(share for j in judged for share in j.shares)
    shortfalls = tuple(short for j in judged for short in j.shortfalls)
    if any(j.status == "not_met" for j in judged):
        return Judgement.of("not_met", said, shares, shortfalls)
    if any(j.status == "review" for j in judged):
        return Judgement.of("review", said)
    return Judgement.of("met", said, shares, shortfalls)


# (Templates are named before use: Babel finds no N_ two calls deep.)
NOTHING_REPORTED = N_("nothing reported")
NO_NUMERIC_TARGET = N_("no numeric target: report 完成 or 未完成")
_SAID: dict[Decided | None, Judgement] = {
    "met": Judgement.of("met", (Message("完成"),)),
    "not_met": Judgement.of("not_met", (Message("未完成"),)),
    None: Judgement.of("review", because(NOTHING_REPORTED)),
}


def said_by_people(actual: Decided | None) -> Judgement:
    """A judgement people reported (完成, 未完成), or nothing reported."""
    return _SAID[actual]


def _padded(values: Sequence[Reported], length: int) -> list[Reported | None]:
    return [*values, *([None] * (length - len(values)))]
