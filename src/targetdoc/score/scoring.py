"""The scoring rules a profile may choose (``scoring:``), applied to a judged item."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from targetdoc.decimals import decimal_text
from targetdoc.i18n import N_
from targetdoc.models import Points, points_total
from targetdoc.profile import ScoringSpec
from targetdoc.score.judge import Judgement, Tolerance

_CENT = Decimal("0.01")


# The default rule, all or nothing.
DEFAULT_RULE = N_("met: the item's points; not met, or for review: 0")


@dataclass(frozen=True)
class Scoring:
    """A scoring rule with its parameters, exact."""

    rule: str = "all_or_nothing"
    floor: Decimal = Decimal(0)
    step: Decimal = Decimal(1)
    step_points: Decimal = Decimal(0)
    tolerance: Tolerance = field(default_factory=Tolerance)

    @classmethod
    def of(cls, spec: ScoringSpec) -> Scoring:
        """A profile's ``scoring:``, its numbers as written (0.6 is Decimal('0.6'))."""
        return cls(
            spec.rule,
            Decimal(str(spec.floor)),
            Decimal(str(spec.step)),
            Decimal(str(spec.step_points)),
            Tolerance(Decimal(str(spec.tolerance)), Decimal(str(spec.tolerance_points))),
        )

    def describe(self, translate: Callable[[str], str] = str) -> str:
        """The rule in words, written into the output (in English: ``translate`` gives
        it in the interface's language, as the console shows it)."""
        if self.rule == "proportional":
            template = N_(
                "proportional: the share of the target reached × the item's points, capped "
                "at the points, 0 below {floor}% of the target; for review: 0"
            )
            return translate(template).format(floor=_plain(self.floor * 100))
        if self.rule == "deduction":
            template = N_(
                "deduction: the item's points less {points} for each {step} short of the "
                "target, not below 0; for review: 0"
            )
            return translate(template).format(
                points=_plain(self.step_points), step=_plain(self.step)
            )
        return translate(DEFAULT_RULE)

    def score(self, points: Points | None, judgement: Judgement) -> Points:
        """An item's score under the rule (review scores 0, and is listed apart)."""
        full = Decimal(points or 0)
        if judgement.status == "review":
            return 0
        if judgement.status == "met":
            return points or 0
        if self.rule == "proportional" and judgement.shares:
            share = min(judgement.shares)
            if share < self.floor:
                return 0
            return points_total([min(full, full * share).quantize(_CENT, ROUND_HALF_UP)])
        if (
            self.rule == "deduction"
            and judgement.shortfalls
            and (len(judgement.shortfalls) == len(judgement.shares))
        ):
            steps = sum(math.ceil(short / self.step) for short in judgement.shortfalls)
            return points_total([max(Decimal(0), full - steps * self.step_points)])
        return 0


def _plain(value: Decimal) -> str:
    return decimal_text(value)
