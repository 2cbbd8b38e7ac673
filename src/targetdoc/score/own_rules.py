"""An item scored by the rules its own document states (``Item.rules``: 评分标准 read
clause by clause), where they decide it; elsewhere the profile's rule scores it.

- *met*: the points an award clause gives (达87%以上计7分), else the item's points;
- *each step short of (or past) a target* (每低3个百分点扣0.5分): the judgement's
  shortfall against the threshold the step is measured like, in whole steps begun
  (a shortfall of 4 points is two steps of 3), each taking the rule's points, up to its
  cap; a step in % against an amount is a share of the target;
- *each event* (每发现一起扣1分, 每引进一个项目加2分): the number the unit reported is
  the count; a deduction takes from the item's points, an addition gives up to its cap
  (else the item's points);
- *未完成*, where one clause takes points on its condition and none leaves nothing
  (未按时完成的扣1分): the item's points less it.

The score is never below 0 nor above the most the item gives. A rule that needs what
the judgement lacks (a step with no target of its measure, two event rules for one
count) decides nothing, and the profile's rule scores the item.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from targetdoc.i18n import N_, Message
from targetdoc.models import Item, Points, ScoringRule, Threshold, points_total
from targetdoc.score.judge import RATE_UNITS, Judgement, Status

# Units of a step that measure a rate's points: a shortfall of a % target is in them.
_RATE_STEPS = frozenset({"个百分点", "百分点", "%", "‰"})


@dataclass(frozen=True)
class OwnScore:
    """An item's score by its own rules, its status, and how it was reached."""

    score: Points
    status: Status
    said: Message


def own_score(item: Item, judgement: Judgement) -> OwnScore | None:
    """The item's score by its document's rules, or None where they do not decide it."""
    if not item.rules or judgement.status == "review":
        return None
    full = _full(item)
    if full is None:
        return None
    if judgement.count is not None:
        return _counted(item, full, judgement.count)
    if judgement.status == "met":
        return _scored(item, full, full)
    stepped = [r for r in item.rules if r.effect == "deduct" and r.per in ("shortfall", "excess")]
    if stepped and judgement.shortfalls:
        return _stepped(item, full, stepped, judgement)
    return _not_done(item, full) if not judgement.shares else None


def _not_done(item: Item, full: Decimal) -> OwnScore | None:
    """未完成 as people said it: the one clause that takes points on its condition, where
    no clause leaves the item nothing."""
    flat = [r for r in item.rules if r.effect == "deduct" and r.per is None]
    if len(flat) == 1 and not any(r.effect == "zero" for r in item.rules):
        return _scored(item, full, full - _taken(flat[0], 1))
    return None


def _full(item: Item) -> Decimal | None:
    """The most the item gives when met: an award clause's points, else its own."""
    awards = [r.points for r in item.rules if r.effect == "award" and r.points is not None]
    if awards:
        return max(awards)
    return Decimal(item.points) if item.points is not None else None


def _stepped(
    item: Item, full: Decimal, rules: list[ScoringRule], judgement: Judgement
) -> OwnScore | None:
    """Steps short of (or past) the targets, each rule against the threshold it measures."""
    numeric = [t for t in item.thresholds if t.quantity is not None or t.comparator == "relative"]
    if len(numeric) != len(judgement.shortfalls) or len(judgement.shares) != len(numeric):
        return None
    taken = Decimal(0)
    for rule in rules:
        steps = None
        for threshold, short, share in zip(
            numeric, judgement.shortfalls, judgement.shares, strict=True
        ):
            steps = _steps(rule, threshold, short, share)
            if steps is not None:
                break
        if steps is None:
            return None
        taken += _taken(rule, steps)
    return _scored(item, full, full - taken)


def _steps(rule: ScoringRule, threshold: Threshold, short: Decimal, share: Decimal) -> int | None:
    """Whole steps begun of a rule against one threshold (None: it measures another)."""
    if threshold.comparator == "relative" or rule.step is None or rule.step <= 0:
        return None
    if (rule.per == "excess") != (threshold.comparator == "at_most"):
        return None
    unit = rule.step_unit
    if unit == threshold.unit or (unit in _RATE_STEPS and threshold.unit in RATE_UNITS):
        return math.ceil(short / rule.step)
    if unit == "%":  # 每低于目标值1%: a share of an amount's target
        missed = max(Decimal(0), 1 - share) * 100
        return math.ceil(missed / rule.step)
    return None


def _counted(item: Item, full: Decimal, count: Decimal) -> OwnScore | None:
    """Events (or steps short, where no target measures them) counted under the item's
    one rule per event or step."""
    each = [r for r in item.rules if r.per is not None and r.effect in ("deduct", "add")]
    step = each[0].step if len(each) == 1 else None
    if step is None or step <= 0:
        return None
    rule = each[0]
    steps = math.ceil(count / step)
    if rule.effect == "add":
        most = rule.cap if rule.cap is not None else full
        return _scored(item, most, min(most, _taken(rule, steps)))
    return _scored(item, full, full - _taken(rule, steps))


def _taken(rule: ScoringRule, steps: Decimal | int) -> Decimal:
    """A rule's points for so many steps, up to its cap."""
    amount = Decimal(steps) * (rule.points or Decimal(0))
    return min(amount, rule.cap) if rule.cap is not None else amount


def _scored(item: Item, most: Decimal, score: Decimal) -> OwnScore:
    kept = min(most, max(Decimal(0), score))
    rules = "，".join(rule.text for rule in item.rules)
    total = points_total([kept])
    said = Message.of(N_("{score} by the item's own rule: {rule}"), score=total, rule=rules)
    return OwnScore(total, "met" if kept >= most else "not_met", said)
