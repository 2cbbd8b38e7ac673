"""The records: ``Notice`` → ``units[]`` → ``tiers[]`` → ``items[]``.

Strict and frozen pydantic models. Field names are an interface: other tools read
them from the canonical YAML and JSON, so rename nothing without a migration.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, model_validator

from targetdoc.decimals import decimal_text


def _empty(value: object) -> bool:
    """Fields added after the first schema are left out of the records when empty,
    so that notices which do not use them keep their canonical bytes."""
    return not value


class Record(BaseModel):
    """Common configuration: strict types, immutable, no unknown fields."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


class Span(Record):
    """First and last source line of a record, 1-based and inclusive."""

    first: int = Field(ge=1)
    last: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.last < self.first:
            raise ValueError(f"span ends (line {self.last}) before it starts ({self.first})")
        return self

    def __str__(self) -> str:
        return f"{self.first}" if self.first == self.last else f"{self.first}-{self.last}"


class TextSpan(Record):
    """Half-open character offsets of a phrase within its item's text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


# An exact number: a Decimal, never a float. Loading canonical YAML gives ints for
# integral values, so these fields accept an int (exactly) as well.
ExactNumber = Annotated[Decimal, Strict(False)]

# Points: whole points as an int (60), fractional ones exactly (2.5, 60.5).
Points = int | ExactNumber


def points_total(values: Iterable[Points | None]) -> Points:
    """The sum of points (none counts 0), exact: 2.5 + 7.5 is 10, not 10.0."""
    return _exact(sum([value or 0 for value in values]))


def _exact(total: Points) -> Points:
    if isinstance(total, Decimal):
        return int(total) if total == total.to_integral_value() else total.normalize()
    return total


Comparator = Literal["at_least", "at_most", "approx", "range", "target", "relative"]
Change = Literal["increase", "decrease"]


class Threshold(Record):
    """A numeric (or relative) requirement found in a target's text."""

    comparator: Comparator
    change: Change | None = None
    value: ExactNumber | None = None
    value_max: ExactNumber | None = None
    scale: str | None = None
    unit: str | None = None
    quantity: ExactNumber | None = None
    benchmark: str | None = None
    subject: str | None = None
    text: str
    span: TextSpan

    def __str__(self) -> str:
        """The requirement to read at a glance: ``≥ 8%``, ``+0.5个百分点``, ``−2.8%``,
        ``> 全省平均水平``, ``10–15场次``, ``26个``."""
        if self.comparator == "relative":
            return f"> {self.benchmark}" if self.benchmark else self.text
        if self.value is None:
            return self.text
        measure = f"{self.scale or ''}{self.unit or ''}"
        amount = f"{decimal_text(self.value)}{measure}"
        if self.comparator == "range" and self.value_max is not None:
            return f"{decimal_text(self.value)}–{decimal_text(self.value_max)}{measure}"
        if self.change is not None:
            amount = ("+" if self.change == "increase" else "−") + amount
        sign = _SIGNS.get(self.comparator)
        return f"{sign} {amount}" if sign else amount


_SIGNS = {"at_least": "≥", "at_most": "≤", "approx": "≈"}


class CitywideTarget(Record):
    """One of the city's own numbered targets (they carry no points)."""

    number: int
    text: str
    thresholds: list[Threshold] = []
    span: Span


# What a clause of an item's scoring rule does: gives its points (计7分), takes (扣1分),
# adds a bonus (加2分), or leaves the item nothing (不得分).
RuleEffect = Literal["award", "deduct", "add", "zero"]
# What a rule counts: each step below the target (每低1个百分点), above it (每超0.1个
# 百分点), or each event (每发现一起, 每次, 缺一次).
RuleBasis = Literal["shortfall", "excess", "each"]


class ScoringRule(Record):
    """One clause of an item's 评分标准, read: what it gives or takes, per what, and up to
    what (``扣完为止`` needs no cap: an item's score is never below 0)."""

    effect: RuleEffect
    points: ExactNumber | None = None  # none for zero
    per: RuleBasis | None = None  # none: once, where its condition holds
    step: ExactNumber | None = None  # 每低3个百分点: 3
    step_unit: str | None = None  # 个百分点
    cap: ExactNumber | None = None  # 最高扣5分, 最多加3分
    condition: str | None = None  # 达87%以上, 评议等次为“一般”的
    text: str  # the clause as written

    def __str__(self) -> str:
        return self.text


class Item(Record):
    """A numbered, point-scored target assigned to one unit."""

    number: int
    text: str
    points: Points | None
    thresholds: list[Threshold] = []
    # The units a task list makes responsible for the item, lead unit first, as written.
    responsible: list[str] = Field(default_factory=list, exclude_if=_empty)
    # How a rubric scores the item (评分标准), where the document gives it apart from
    # the target: a column, a 评分标准：line, a rule on the line after it.
    criteria: str | None = Field(default=None, exclude_if=_empty)
    # The scoring rules its text and criteria state, clause by clause, in their order.
    rules: list[ScoringRule] = Field(default_factory=list, exclude_if=_empty)
    span: Span


class Tier(Record):
    """A group of items with declared points, such as 重点目标（500分）.

    A county's items sit directly under the shared 700-point block; that block is
    its single tier, marked ``implicit``. A section may hold sections: 一、经济发展（600分）
    holds （一）重点工作（500分）, which holds items.
    """

    name: str
    declared_points: Points | None
    implicit: bool = False
    items: list[Item]
    tiers: list[Tier] = Field(default_factory=list, exclude_if=_empty)
    # The item number a section had, when a numbered item turned out to head one:
    # 1、就业创业（250分） above its parts （1） （2）.
    number: int | None = Field(default=None, exclude_if=_empty)
    span: Span

    @property
    def points_sum(self) -> Points:
        """The points of every item in the tier and its sections (none counts 0)."""
        total: Points = sum([item.points or 0 for item in self.items])
        if self.tiers:
            total += sum([tier.points_sum for tier in self.tiers])
        return _exact(total)

    @property
    def children_sum(self) -> Points:
        """What the tier's declared points should equal: its items' points and each
        section's declared points (its items' sum where it declares none)."""
        if not self.tiers:
            return self.points_sum
        return _exact(
            sum([item.points or 0 for item in self.items])
            + sum(
                [
                    tier.declared_points if tier.declared_points is not None else tier.points_sum
                    for tier in self.tiers
                ]
            )
        )

    def walk(self) -> Iterator[Tier]:
        """This tier and every section inside it, depth first, in the notice's order."""
        yield self
        for tier in self.tiers:
            yield from tier.walk()


class Clause(Record):
    """A paragraph of prose attached to a unit, such as 目标考核减分因素."""

    text: str
    span: Span


class Unit(Record):
    """A county, department or enterprise that is assigned targets."""

    name: str
    kind: Literal["county", "department"]
    category: str
    tiers: list[Tier]
    deduction_clause: Clause | None = None
    span: Span

    def items(self) -> Iterator[tuple[Tier, Item]]:
        """Every item with its innermost tier, in the notice's order (numbers run on
        across tiers)."""
        for tier in self.tiers if not self.nested else self.all_tiers():
            for item in tier.items:
                yield tier, item

    def all_tiers(self) -> Iterator[Tier]:
        """Every tier of the unit, sections inside sections included, depth first."""
        if not self.nested:  # nearly every unit: no generator per tier
            yield from self.tiers
            return
        for tier in self.tiers:
            yield from tier.walk()

    @property
    def nested(self) -> bool:
        """Whether a tier of the unit holds sections."""
        return any(tier.tiers for tier in self.tiers)

    @property
    def points_sum(self) -> Points:
        """The sum of the unit's item points."""
        return _exact(sum([tier.points_sum for tier in self.tiers]))

    @property
    def declared_sum(self) -> Points | None:
        """The points its tiers declare, in all; None where one of them declares none."""
        declared = [tier.declared_points for tier in self.tiers]
        return None if None in declared else points_total(declared)


class SharedTarget(Record):
    """A block that applies to every unit: 共同性目标（300分）, or the 700-point block."""

    name: str
    points: Points
    text: str
    span: Span


class Heading(Record):
    """A section heading that is not itself a target: the city-wide list, the part, a
    category; or a note, the prose of a document read by its outline (指导思想, 考核奖惩,
    the signatures) that is no target."""

    role: Literal["citywide", "part", "category", "note"]
    text: str
    span: Span


class Footer(Record):
    """The colophon: 主办, 督办, 抄送 and the 印发 line."""

    sponsor: str | None = None
    supervisor: str | None = None
    cc: list[str] = []
    printed_by: str | None = None
    printed_on: datetime.date | None = None
    span: Span


# A profile's name: letters, digits, - and _ (no path, no suffix).
PROFILE_NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"


class SourceInfo(Record):
    """Where the records came from, so a canonical file can be checked against its notice."""

    file: str
    sha256: str
    encoding: str
    lines: int
    # The profile whose conventions read the notice (--profile, or the best under auto):
    # a name, never a path (a canonical file is data, not a pointer into the machine).
    profile: str | None = Field(default=None, pattern=PROFILE_NAME, exclude_if=_empty)
    # A PDF's pages, by the line each starts with: line n is on the last page whose
    # start is at most n (a page where no paragraph starts shares its successor's).
    page_starts: list[int] = Field(default_factory=list, exclude_if=_empty)

    def page(self, line: int) -> int | None:
        """The page a line of a PDF notice starts on; None for other notices."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, line))


class Notice(Record):
    """One target-responsibility notice."""

    issuer: str | None
    doc_number: str | None
    title: str | None
    issued_on: datetime.date | None
    year: int | None
    addressees: list[str]
    preamble: str | None
    header_span: Span | None
    headings: list[Heading]
    citywide_targets: list[CitywideTarget]
    common_target: SharedTarget | None
    development_target: SharedTarget | None
    units: list[Unit]
    footer: Footer | None
    # The document's declared total (总分100分), where it states one.
    declared_total: Points | None = Field(default=None, exclude_if=_empty)
    source: SourceInfo

    def items(self) -> Iterator[tuple[Unit, Tier, Item]]:
        """Every scored item with its unit and tier, in the notice's order."""
        for unit in self.units:
            for tier in unit.tiers if not unit.nested else unit.all_tiers():
                for item in tier.items:
                    yield unit, tier, item
