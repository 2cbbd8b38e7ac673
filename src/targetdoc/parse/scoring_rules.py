"""An item's scoring rules (评分标准) read clause by clause from its text and criteria.

A clause is what lies between , ; and 。. Its verb and points say what it does
(``扣0.5分`` takes, ``加2分`` adds, ``计7分`` gives, ``不得分`` leaves nothing), the words
before them per what (``每低3个百分点``, ``每发现一起``, ``缺一次``) and on what condition
(``达87%以上``); a cap (``最高加5分``, ``加分累计不超过5分``) bounds the rule before it.
The forms are grammars/scoring.yaml's; the numbers read here never become points or
thresholds (those grammars insert the same clause to keep them apart).
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from targetdoc import grammar
from targetdoc.models import RuleBasis, RuleEffect, ScoringRule
from targetdoc.numerals import from_chinese
from targetdoc.read.normalize import fold

_CLAUSE_BREAK = re.compile(r"[,;。]")
# What a condition keeps of the words before its rule: no mark around it, and not the
# item it speaks of (发生一起本项不得分: the condition is 发生一起).
_CONDITION_STRIP = ",;。:、 "
_THIS_ITEM = re.compile(r"(?:本项|该项|此项)$")


@functools.cache
def _effects() -> dict[str, RuleEffect]:
    """Each verb's effect, from the grammar's verb lexicons."""
    lexicons = grammar.grammar("scoring.yaml").lexicons
    effects: dict[str, RuleEffect] = {}
    verbs: tuple[tuple[str, RuleEffect], ...] = (
        ("deduct_verbs", "deduct"),
        ("add_verbs", "add"),
        ("award_verbs", "award"),
    )
    for lexicon, effect in verbs:
        effects.update(dict.fromkeys(lexicons[lexicon], effect))
    return effects


@functools.cache
def _regex(name: str) -> re.Pattern[str]:
    return grammar.regex(name, "scoring.yaml")


def read_rules(*texts: str) -> list[ScoringRule]:
    """The rules the texts state (an item's words, then its criteria), in their order."""
    rules: list[ScoringRule] = []
    for text in texts:
        if "分" not in text:  # every rule that says something holds 分 (扣完为止 alone does not)
            continue
        folded = fold(text)
        # Folding keeps offsets; a text it does not keep them for is read as folded.
        written = text if len(folded) == len(text) else folded
        start = 0
        for found in [*_CLAUSE_BREAK.finditer(folded), None]:
            end = found.start() if found else len(folded)
            if end > start:
                _clause(written[start:end], folded[start:end], rules)
            start = end + 1
    return rules


def _clause(text: str, folded: str, rules: list[ScoringRule]) -> None:
    """The rules of one clause, added to ``rules``; a cap bounds the last rule."""
    cap = _regex("rule_cap").search(folded)
    if cap is not None:
        _bound(cap, rules)
        folded = folded[: cap.start()] + " " * (cap.end() - cap.start()) + folded[cap.end() :]
    written = text.strip()
    start = 0
    for points in _regex("rule_points").finditer(folded):
        effect = _effects()[points["verb"]]
        rule = _per(text[start : points.start()], folded[start : points.start()])
        if points["per_unit"] and "per" not in rule:  # 扣1分/次: each event
            rule |= {"per": "each", "step": Decimal(1), "step_unit": points["per_unit"]}
        rule |= {
            "effect": effect,
            "points": _number(points["points"]),
            "text": written,
        }
        rules.append(ScoringRule.model_validate(rule))
        start = points.end()
    if start:
        return
    zero = _regex("rule_zero").search(folded)
    if zero is not None:
        condition = _condition(text[: zero.start()])
        rules.append(ScoringRule(effect="zero", condition=condition, text=written))


def _per(before: str, folded: str) -> dict[str, object]:
    """What the words before a rule's verb say (as written, and folded): its step and
    condition."""
    per = _regex("rule_per").search(folded) or _regex("rule_once").search(folded)
    if per is None:
        return {"condition": _condition(before)}
    groups = per.groupdict()
    basis: RuleBasis = "each"
    if groups.get("shortfall"):
        basis = "shortfall"
    elif groups.get("excess"):
        basis = "excess"
    step = groups.get("step")
    unit = groups.get("step_unit") or groups.get("unit")
    return {
        "per": basis,
        "step": _step(step) if step else Decimal(1),
        "step_unit": unit,
        "condition": _condition(before[: per.start()]),
    }


def _bound(cap: re.Match[str], rules: list[ScoringRule]) -> None:
    """A cap bounds the last rule of its verb's effect (the last rule, where it names no
    verb); 扣完为止 needs no bound: an item's score is never below 0."""
    if cap["all"] or not rules:
        return
    written = cap["points"] or cap["points_after"]
    verb = cap["verb"] or cap["verb_before"]
    wanted = _effects()[verb] if verb else None
    for index in range(len(rules) - 1, -1, -1):
        if wanted is None or rules[index].effect == wanted:
            rules[index] = rules[index].model_copy(update={"cap": _number(written)})
            return


def _condition(words: str) -> str | None:
    """The words before a rule, as its condition (None when nothing is left)."""
    kept = _THIS_ITEM.sub("", words.strip(_CONDITION_STRIP)).strip(_CONDITION_STRIP)
    return kept or None


def _number(written: str) -> Decimal:
    return Decimal(written.replace(" ", ""))


def _step(written: str) -> Decimal:
    if written == "半":
        return Decimal("0.5")
    value = from_chinese(written)
    return Decimal(value) if value is not None else Decimal(written)
