"""The assessment of a notice: every unit's items judged from the actuals reported
(``score/actuals.py`` reads them), scored by the profile's rule (by default, met: the
item's points; not met or for review: 0) or as the office scored them by hand, out of
the unit's full score (its items and the shared targets, 共同性目标), less its
deductions, and ranked within each category.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from targetdoc.errors import ActualError
from targetdoc.findings import Finding
from targetdoc.i18n import N_, Message
from targetdoc.models import Item, Notice, Points, points_total
from targetdoc.score.actuals import Deduction, deducted_points
from targetdoc.score.judge import (
    NO_NUMERIC_TARGET,
    Benchmarks,
    Judgement,
    Status,
    Tolerance,
    because,
    judge_item,
    read_actual,
    said_by_people,
)
from targetdoc.score.own_rules import own_score
from targetdoc.score.rows import ActualRow
from targetdoc.score.scoring import DEFAULT_RULE, Scoring


@dataclass(frozen=True)
class ItemScore:
    """One item (or the shared targets, item 0) judged and scored."""

    item: int
    points: Points | None
    score: Points
    status: Status
    reason: str
    tier: str = ""  # the name of the item's tier
    said: tuple[Message, ...] = field(default=(), compare=False)  # the reason, to show
    reported: str | None = None  # 完成情况 as the unit reported it; None: no row
    own_rule: bool = False  # scored by the rule its document states (评分标准)

    def shown(self) -> str:
        """The reason in the interface's language."""
        return "; ".join(message.shown() for message in self.said) if self.said else self.reason


@dataclass(frozen=True)
class UnitScore:
    """One unit's score out of its full score (None, and no rank, when it reported
    nothing), its rank in its category, its items and its shared targets."""

    unit: str
    category: str
    score: Points | None
    max: Points
    rank: int | None
    items: list[ItemScore]
    deductions: list[Deduction] = field(default_factory=list)
    shared: ItemScore | None = None

    def count(self, status: Status) -> int:
        """How many of its items (the shared targets too) have this status."""
        scored = [*self.items, *([self.shared] if self.shared else [])]
        return sum(1 for item in scored if item.status == status)


@dataclass(frozen=True)
class Assessment:
    """Every unit's score, the rule that scored them, and the rows that could not be used."""

    units: list[UnitScore]
    rule: str = DEFAULT_RULE
    findings: list[Finding] = field(default_factory=list)
    # The scoring rule itself, to describe it in the interface's language.
    scoring: Scoring | None = None

    def to_json(self) -> dict[str, Any]:
        """The shape other tools read (machine fields in English)."""
        return {
            "units": [
                {
                    "unit": unit.unit,
                    "category": unit.category,
                    "score": unit.score,
                    "max": unit.max,
                    "rank": unit.rank,
                    "shared": _item_json(unit.shared) if unit.shared else None,
                    "deductions": [
                        {"event": deduction.event, "points": deduction.points}
                        for deduction in unit.deductions
                    ],
                    "items": [_item_json(item) for item in unit.items],
                }
                for unit in self.units
            ],
            "rule": self.rule,
        }


def _item_json(item: ItemScore) -> dict[str, Any]:
    return {
        "item": item.item,
        "points": item.points,
        "score": item.score,
        "status": item.status,
        "reason": item.reason,
    }


# The key of a unit's shared targets among its items' (their row has no item number).
SHARED = 0


def assess(
    notice: Notice,
    rows: list[ActualRow],
    *,
    file: str,
    benchmarks: Benchmarks | None = None,
    scoring: Scoring | None = None,
    deductions: list[Deduction] | None = None,
) -> Assessment:
    """Judge and score every item of every unit from the rows reported for them, by the
    profile's scoring rule (all or nothing unless it says otherwise); a 得分 the office
    gave by hand stands."""
    scoring = scoring or Scoring()
    findings: list[Finding] = []
    reported = _by_item(notice, rows, file, findings)
    taken = _deductions_by_unit(notice, rows, deductions or [], file, findings)
    scored: list[UnitScore] = []
    for unit in notice.units:
        items = []
        for tier, item in unit.items():
            row = reported.get((unit.name, tier.name, item.number))
            judgement = _judge(item, row, file, findings, benchmarks, scoring.tolerance)
            items.append(
                _scored(item.number, item.points, tier.name, judgement, scoring, row, item)
            )
        shared = None
        if notice.common_target is not None:
            row = reported.get((unit.name, "", SHARED))
            judgement = _judge_shared(row)
            points = notice.common_target.points
            shared = _scored(SHARED, points, notice.common_target.name, judgement, scoring, row)
        lost = taken.get(unit.name, [])
        scores = [item.score for item in items] + ([shared.score] if shared else [])
        most = points_total([*(item.points for item in items), shared.points if shared else 0])
        # Never below 0, never above the unit's full score, whatever was taken.
        total = min(most, max(0, points_total([*scores, *(-d.points for d in lost)])))
        heard = unit.name in taken or any(key[0] == unit.name for key in reported)
        scored.append(
            UnitScore(
                unit.name, unit.category, total if heard else None, most, None, items, lost, shared
            )
        )
    # In each file's order, the actuals' first.
    findings.sort(key=lambda finding: (finding.file != file, finding.file, finding.line or 0))
    return Assessment(_ranked(scored), rule=scoring.describe(), findings=findings, scoring=scoring)


def _scored(
    number: int,
    points: Points | None,
    tier: str,
    judgement: Judgement,
    scoring: Scoring,
    row: ActualRow | None,
    item: Item | None = None,
) -> ItemScore:
    """An item scored: by the office's own 得分 where it gave one, else by the rules its
    document states where they decide them (``item``: the shared targets state none),
    else by the profile's rule."""
    if row is not None and _by_hand(row, points):
        given = Decimal(row.score)
        status: Status = "met" if given == Decimal(points or 0) else "not_met"
        said = because(N_("score given by the office: {score}"), score=row.score)
        reason = "; ".join(m.english() for m in said)
        return ItemScore(
            number, points, points_total([given]), status, reason, tier, said, row.actual
        )
    reported = row.actual if row is not None else None
    own = own_score(item, judgement) if item is not None else None
    if own is not None:
        said = (*judgement.said, own.said)
        reason = "; ".join(message.english() for message in said)
        return ItemScore(
            number, points, own.score, own.status, reason, tier, said, reported, own_rule=True
        )
    score = scoring.score(points, judgement)
    return ItemScore(
        number, points, score, judgement.status, judgement.reason, tier, judgement.said, reported
    )


def _by_hand(row: ActualRow | None, points: Points | None) -> bool:
    """Whether the row carries a 得分 the office gave: a number from 0 to the points."""
    if row is None or not row.score:
        return False
    try:
        given = Decimal(row.score)
    except ArithmeticError:
        return False
    return given.is_finite() and 0 <= given <= Decimal(points or 0)


def _deductions_by_unit(
    notice: Notice,
    rows: list[ActualRow],
    deductions: list[Deduction],
    file: str,
    findings: list[Finding],
) -> dict[str, list[Deduction]]:
    """The deductions of each unit: the 扣分 rows of the 评分 sheet, then the events of
    the deductions file; one for a unit the notice has not is a finding."""
    from_sheet = []
    for row in rows:
        if row.kind != "deduction" or not row.deducted:
            continue
        value, problem = deducted_points(row.deducted)
        if problem is not None:
            findings.append(_finding("TD603", problem, {"points": repr(row.deducted)}, file, row))
            continue
        if value:
            event = row.actual or DEDUCTION_EVENT
            from_sheet.append(Deduction(row.line, row.unit, event, value, file))
    taken: dict[str, list[Deduction]] = {}
    names = {unit.name for unit in notice.units}
    for deduction in [*from_sheet, *deductions]:
        if deduction.unit not in names:
            findings.append(
                Finding.of(
                    "TD601",
                    N_("no unit {unit} in the notice"),
                    values={"unit": deduction.unit},
                    file=deduction.file or file,
                    line=deduction.line,
                )
            )
            continue
        taken.setdefault(deduction.unit, []).append(deduction)
    return taken


# The event of a 扣分 the office entered without saying what happened.
DEDUCTION_EVENT = "扣分"


def _by_item(
    notice: Notice, rows: list[ActualRow], file: str, findings: list[Finding]
) -> dict[tuple[str, str, int], ActualRow]:
    """The usable rows by (unit, tier, item number), the shared targets' by (unit, "",
    0); a finding for each row that is not.

    An item is named by its number, and by its tier too where sections of the unit
    number their items each from 1; the shared targets by their name (共同性目标).
    """
    tiers: dict[str, dict[int, list[str]]] = {unit.name: {} for unit in notice.units}
    for unit in notice.units:
        for tier, item in unit.items():
            tiers[unit.name].setdefault(item.number, []).append(tier.name)
    shared = notice.common_target.name if notice.common_target else None
    reported: dict[tuple[str, str, int], ActualRow] = {}
    for row in rows:
        if row.kind == "deduction":
            continue
        if row.unit not in tiers:
            template = N_("no unit {unit} in the notice")
            findings.append(_finding("TD601", template, {"unit": row.unit}, file, row))
            continue
        if shared is not None and (row.kind == "shared" or row.item == shared):
            key = (row.unit, "", SHARED)
        else:
            found = _item_key(row, tiers[row.unit], file, findings)
            if found is None:
                continue
            key = found
        if key in reported:
            template = N_("{unit} item {item} again (first at line {first})")
            values = {"unit": row.unit, "item": row.item, "first": str(reported[key].line)}
            findings.append(_finding("TD604", template, values, file, row))
            continue
        if row.score and not _by_hand(row, _points_of(notice, key)):
            template = N_("{score} is no score between 0 and the item's points")
            findings.append(_finding("TD603", template, {"score": repr(row.score)}, file, row))
        reported[key] = row
    return reported


def _points_of(notice: Notice, key: tuple[str, str, int]) -> Points | None:
    """The points of the item a key names."""
    unit_name, tier_name, number = key
    if number == SHARED and not tier_name:
        return notice.common_target.points if notice.common_target else None
    for unit in notice.units:
        if unit.name == unit_name:
            for tier, item in unit.items():
                if tier.name == tier_name and item.number == number:
                    return item.points
    return None


def _item_key(
    row: ActualRow, numbers: dict[int, list[str]], file: str, findings: list[Finding]
) -> tuple[str, str, int] | None:
    """The item a row names, or None with a finding."""
    number = item_number(row.item)
    named = numbers.get(number, []) if number is not None else []
    # A 评分 sheet's section names the tier when it is one of the unit's (not the
    # development target's heading above a county's single block).
    known = {name for names in numbers.values() for name in names}
    if row.tier and (not row.tier_hint or row.tier in known):
        named = [name for name in named if name == row.tier]
    if not named:
        template = N_("{unit} has no item {item}")
        if row.tier:
            template = N_("{unit} has no item {item} in {tier}")
        values = {"unit": row.unit, "item": row.item, "tier": row.tier}
        findings.append(_finding("TD602", template, values, file, row))
        return None
    if len(named) > 1:
        template = N_("{unit} has an item {item} in {tiers}: say which in a tier column")
        values = {"unit": row.unit, "item": row.item, "tiers": ", ".join(named)}
        findings.append(_finding("TD605", template, values, file, row))
        return None
    assert number is not None
    return (row.unit, named[0], number)


# Item numbers past this many digits name no item (int() of 5,000 digits is refused).
_ITEM_DIGITS = 9


def item_number(text: str) -> int | None:
    """The item a row names by its number (12), or None when the text is no item number."""
    digits = text.lstrip("0")
    if not (text.isascii() and text.isdecimal()) or len(digits) > _ITEM_DIGITS:
        return None
    return int(digits or "0")


# (Templates are named before use: Babel finds no N_ two calls deep.)
NOT_REPORTED = N_("not reported")
_NOT_REPORTED = Judgement.of("review", because(NOT_REPORTED))


def _judge(
    item: Item,
    row: ActualRow | None,
    file: str,
    findings: list[Finding],
    benchmarks: Benchmarks | None,
    tolerance: Tolerance,
) -> Judgement:
    if row is None:
        return _NOT_REPORTED
    try:
        return judge_item(item, read_actual(row.actual), benchmarks=benchmarks, tolerance=tolerance)
    except ActualError as error:
        values = dict(error.values)
        findings.append(_finding("TD603", error.template, values or None, file, row))
        # The error's own words in the interface's language too.
        shown = Message(error.template, error.values).shown()
        said = because(N_("unreadable: {error}"), error=shown)
        return Judgement("review", f"unreadable: {error.message}", said=said)


def _judge_shared(row: ActualRow | None) -> Judgement:
    """The shared targets (共同性目标), judged by the city's own list: the office says
    完成 or 未完成, or gives the score."""
    if row is None:
        return _NOT_REPORTED
    try:
        actual = read_actual(row.actual)
    except ActualError:
        actual = []
    if actual is None or isinstance(actual, str):
        return said_by_people(actual)
    return Judgement.of("review", because(NO_NUMERIC_TARGET))


# Words of the assessment as the console shows them (the catalog translates them).
WORDS = (
    N_("met"),
    N_("not met"),
    N_("review"),
)


def _finding(
    code: str, message: str, values: Mapping[str, object] | None, file: str, row: ActualRow
) -> Finding:
    """A finding about a row of actuals; with ``values``, ``message`` is a template."""
    return Finding.of(code, message, values=values, file=file, line=row.line, unit=row.unit)


def _ranked(scored: list[UnitScore]) -> list[UnitScore]:
    """Rank each unit in its category by score: equal scores share a rank (1, 2, 2, 4);
    a unit that reported nothing has no score and no rank."""
    import dataclasses

    by_category: dict[str, list[Points]] = {}
    for unit in scored:
        if unit.score is not None:
            by_category.setdefault(unit.category, []).append(unit.score)
    return [
        unit
        if unit.score is None
        else dataclasses.replace(
            unit, rank=1 + sum(1 for other in by_category[unit.category] if other > unit.score)
        )
        for unit in scored
    ]


def workbook(notice: Notice, result: Assessment) -> bytes:
    """The scoring workbook with each item's 完成情况 as the unit reported it, its 得分
    where it was judged, and the judgement in 评分依据; items for review keep their 得分
    for people to fill."""
    from targetdoc.export.scoring_sheet import SHARED_TIER, Filling
    from targetdoc.export.workbook import workbook_bytes

    filled: dict[tuple[str, str, int], Filling] = {}
    for unit in result.units:
        for item in [*unit.items, *([unit.shared] if unit.shared else [])]:
            if item.reported is None and item.status == "review":
                continue
            key = (unit.unit, SHARED_TIER if item is unit.shared else item.tier, item.item)
            score = None if item.status == "review" else item.score
            filled[key] = Filling(item.reported, score, item.shown())
    deducted = {
        unit.unit: (
            points_total(deduction.points for deduction in unit.deductions),
            "；".join(deduction.event for deduction in unit.deductions),
        )
        for unit in result.units
        if unit.deductions
    }
    return workbook_bytes(notice, filled=filled, deducted=deducted)
