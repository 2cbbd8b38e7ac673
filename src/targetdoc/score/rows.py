"""A row of what the office reported, as the assessment reads it, whichever file it
came from (the actuals CSV, the filled-in 评分 sheet)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a row of actuals is about: an item, the shared targets (共同性目标), or the
# unit's deductions (扣分, the 评分 sheet's row of the deduction clause).
RowKind = Literal["item", "shared", "deduction"]


@dataclass(frozen=True)
class ActualRow:
    """One row of the actuals file, with its line."""

    line: int
    unit: str
    item: str
    actual: str
    tier: str = ""  # the item's tier, where its number repeats in the unit's sections
    score: str = ""  # a 得分 the office gave by hand, which the assessment keeps
    kind: RowKind = "item"
    deducted: str = ""  # the 扣分 row's points (its event is ``actual``)
    # Whether ``tier`` is a 评分 sheet's section heading, which names the item's tier
    # when it is one of the unit's tiers, rather than a CSV's tier column, which must.
    tier_hint: bool = False
