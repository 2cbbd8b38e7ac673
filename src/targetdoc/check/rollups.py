"""Roll-ups: a target decomposed among units must equal the sum of the allocations.

Which targets roll up is notice-specific data (``data/rollups/<notice>.yaml``); this
module resolves each declaration against the records and compares exact quantities.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from targetdoc.datafile import load_data_file
from targetdoc.decimals import decimal_text
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.models import CitywideTarget, Item, Notice, Threshold
from targetdoc.parse.thresholds import scale_factors

Status = Literal["ok", "partial", "mismatch", "unresolved"]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _pattern(subject: str | None) -> str | None:
    """A subject pattern must compile (as the regex module reads it)."""
    if subject is not None:
        try:
            regex.compile(subject)
        except regex.error as error:
            raise ValueError(f"not a valid pattern: {error}") from None
    return subject


class TotalRef(_Entry):
    """The decomposed target: a city-wide target, or a unit's item."""

    citywide: int | None = None
    unit: str | None = None
    item: int | None = None
    subject: str | None = None

    _subject = field_validator("subject")(_pattern)

    @model_validator(mode="after")
    def _one_target(self) -> TotalRef:
        if (self.citywide is None) == (self.unit is None or self.item is None):
            raise ValueError("name either citywide: N, or unit: NAME with item: N")
        return self


class PartsRef(_Entry):
    """The allocations: units of a kind, or named units, and the subject of their thresholds."""

    kind: Literal["county", "department"] | None = None
    units: list[str] = []
    subject: str | None = None

    _subject = field_validator("subject")(_pattern)


class RollupSpec(_Entry):
    """One declared decomposition."""

    name: str = Field(min_length=1)
    total: TotalRef
    parts: PartsRef
    complete: bool = True


class RollupsFile(_Entry):
    """A roll-ups file: a list under ``rollups:``."""

    rollups: list[RollupSpec]


@dataclass(frozen=True)
class RollupResult:
    """A roll-up evaluated on a notice: the total, the summed parts and the verdict."""

    name: str
    status: Status
    total: Decimal | None = None
    parts_sum: Decimal | None = None
    parts: int = 0
    unit: str | None = None
    line: int | None = None
    message: str = ""
    scale: str | None = None
    # Each part's unit and quantity, for charts: (("义马市", 2400), …).
    by_unit: tuple[tuple[str, Decimal], ...] = ()

    def written(self, quantity: Decimal | None) -> str:
        """A quantity in the total's own scale and unit: 35000000000 → 350亿元."""
        if quantity is None:
            return ""
        factor = scale_factors()[self.scale] if self.scale else Decimal(1)
        text = decimal_text(quantity / factor)
        return f"{text}{self.scale or ''}{self.unit or ''}"

    @property
    def share(self) -> Decimal | None:
        """The parts' sum as a percentage of the total, to one decimal."""
        if not self.total or self.parts_sum is None:
            return None
        return (self.parts_sum * 100 / self.total).quantize(Decimal("0.1"))


def load_rollups(path: Path) -> list[RollupSpec]:
    """The roll-up declarations of one notice."""
    return load_data_file(path, RollupsFile).value.rollups


def _pick(thresholds: list[Threshold], subject: str | None) -> list[Threshold]:
    """Numeric thresholds whose subject matches the declared pattern."""
    numeric = [t for t in thresholds if t.quantity is not None]
    if subject is None:
        return numeric
    return [t for t in numeric if t.subject and regex.search(subject, t.subject)]


def _total_target(notice: Notice, total: TotalRef) -> CitywideTarget | Item | None:
    if total.citywide is not None:
        found = [t for t in notice.citywide_targets if t.number == total.citywide]
        return found[0] if found else None
    for unit in notice.units:
        if unit.name == total.unit:
            items = [item for _, item in unit.items() if item.number == total.item]
            return items[0] if items else None
    return None


def evaluate(spec: RollupSpec, notice: Notice) -> RollupResult:
    """Resolve a declaration and compare the total with the sum of its parts."""
    target = _total_target(notice, spec.total)
    chosen = _pick(target.thresholds, spec.total.subject) if target else []
    if target is None or len(chosen) != 1:
        declared = spec.total.model_dump(exclude_none=True)
        where = ", ".join(f"{key} {value}" for key, value in declared.items())
        return RollupResult(spec.name, "unresolved", message=f"no single threshold for {where}")
    total = chosen[0]
    named = [
        (unit.name, threshold)
        for unit, _, item in notice.items()
        if unit.kind == spec.parts.kind or unit.name in spec.parts.units
        for threshold in _pick(item.thresholds, spec.parts.subject)
    ]
    parts = [threshold for _, threshold in named]
    result = RollupResult(
        spec.name,
        "ok",
        total=total.quantity,
        parts=len(parts),
        unit=total.unit,
        line=target.span.first,
        scale=total.scale,
        by_unit=tuple((name, part.quantity or Decimal(0)) for name, part in named),
    )
    if not parts or any(part.unit != total.unit for part in parts):
        units_seen = sorted({str(part.unit) for part in parts})
        message = f"parts in {units_seen or 'nothing'}, total in {total.unit}"
        return replace(result, status="unresolved", message=message)
    summed = sum((part.quantity or Decimal(0) for part in parts), Decimal(0))
    status: Status = "ok"
    if summed != total.quantity:
        partial = not spec.complete and total.quantity is not None and summed < total.quantity
        status = "partial" if partial else "mismatch"
    return replace(result, status=status, parts_sum=summed)


# A roll-up's status as the console shows it (the catalog translates them).
STATUS_WORDS = (N_("ok"), N_("partial"), N_("mismatch"), N_("unresolved"))


def rollup_findings(results: list[RollupResult], *, file: str) -> list[Finding]:
    """A finding for every roll-up that does not hold (partial ones as information)."""
    findings = []
    for result in results:
        total, parts = result.written(result.total), result.written(result.parts_sum)
        values = {
            "name": result.name,
            "total": total,
            "parts": result.parts,
            "sum": parts,
            "share": result.share,
            "why": result.message,
        }
        if result.status == "mismatch":
            template = N_("roll-up {name}: total {total} but {parts} parts sum to {sum}")
            code = "TD401"
        elif result.status == "partial":
            template = N_(
                "roll-up {name}: {parts} parts sum to {sum}, {share}% of the total {total}"
            )
            code = "TD402"
        elif result.status == "unresolved":
            template, code = N_("roll-up {name}: {why}"), "TD403"
        else:
            continue
        findings.append(Finding.of(code, template, values=values, file=file, line=result.line))
    return findings
