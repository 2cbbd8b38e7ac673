"""The changes between two notices, unit by unit and item by item.

Items are matched within a unit by their text, not by their number (numbers shift
when an item is removed): equal texts first, then the most similar texts left
(rapidfuzz), when the similarity reaches ``ITEM_CUTOFF``. A matched pair is
``changed`` when its text, points, thresholds or responsible units differ, else ``renumbered`` when
its number or tier differs; unmatched items are ``removed`` or ``added``.

A changed threshold says which way it moved (``raised`` or ``lowered``) and which
version is stricter in the threshold's own sense: for a ceiling (``at_most``, or an
approx target under 控制在) a lower value is stricter, for every other kind a higher one
(more growth, a larger decrease of energy use, more new enterprises).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from targetdoc.diff.units import UnitMatch, best_pairs, match_units
from targetdoc.models import Item, Notice, Points, Threshold, Unit
from targetdoc.parse.thresholds import is_ceiling
from targetdoc.read.normalize import fold

# The least similarity (0–100) of two item texts taken as one item changed.
ITEM_CUTOFF = 60.0

Kind = Literal["added", "removed", "changed", "renumbered"]
Direction = Literal["raised", "lowered", "changed"]


@dataclass(frozen=True)
class ThresholdChange:
    """One threshold of a changed item, before and after."""

    old: str | None
    new: str | None
    direction: Direction | None
    stricter: Literal["old", "new"] | None

    def as_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "direction": self.direction,
            "stricter": self.stricter,
        }


@dataclass(frozen=True)
class Placed:
    """An item where a notice puts it: its tier's path and its position in the unit."""

    item: Item
    tier: str
    position: int


@dataclass(frozen=True)
class Change:
    """One item added, removed, changed or renumbered, in the unit (by its new name)."""

    unit: str
    kind: Kind
    old: Placed | None
    new: Placed | None
    thresholds: tuple[ThresholdChange, ...] = ()
    what: tuple[str, ...] = ()  # for changed: "text", "points", "thresholds", "responsible"

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "kind": self.kind,
            "old_number": self.old.item.number if self.old else None,
            "new_number": self.new.item.number if self.new else None,
            "old": _item_json(self.old),
            "new": _item_json(self.new),
            "what": list(self.what),
            "thresholds": [change.as_json() for change in self.thresholds],
        }


def _item_json(placed: Placed | None) -> dict[str, Any] | None:
    if placed is None:
        return None
    points = placed.item.points
    return {
        "text": placed.item.text,
        "points": float(points) if isinstance(points, Decimal) else points,
        "tier": placed.tier,
    }


@dataclass(frozen=True)
class NoticeDiff:
    """What changed from the old notice to the new."""

    old: Notice
    new: Notice
    units: list[UnitMatch]
    units_added: list[str]
    units_removed: list[str]
    changes: list[Change] = field(default_factory=list)

    @property
    def renamed(self) -> list[UnitMatch]:
        """Units under another name (not one written in other characters or widths)."""
        return [match for match in self.units if match.by != "name"]

    @property
    def same(self) -> bool:
        return not (self.units_added or self.units_removed or self.renamed or self.changes)

    def as_json(self) -> dict[str, Any]:
        return {
            "old": _notice_json(self.old),
            "new": _notice_json(self.new),
            "units": {
                "added": self.units_added,
                "removed": self.units_removed,
                "renamed": [
                    {"old": m.old, "new": m.new, "by": m.by, "score": m.score} for m in self.renamed
                ],
            },
            "changes": [change.as_json() for change in self.changes],
        }


def _notice_json(notice: Notice) -> dict[str, Any]:
    return {"file": notice.source.file, "doc_number": notice.doc_number, "year": notice.year}


def compare(old: Notice, new: Notice) -> NoticeDiff:
    """The differences from ``old`` to ``new``."""
    matches, removed, added = match_units(
        [unit.name for unit in old.units],
        [unit.name for unit in new.units],
        categories=(
            [unit.category for unit in old.units],
            [unit.category for unit in new.units],
        ),
    )
    diff = NoticeDiff(old, new, matches, added, removed)
    for match in matches:
        old_unit, new_unit = old.units[match.old_index], new.units[match.new_index]
        diff.changes.extend(_unit_changes(old_unit, new_unit))
    return diff


def _placed(unit: Unit) -> list[Placed]:
    found: list[Placed] = []
    for tier in unit.all_tiers():
        found += [Placed(item, tier.name, 0) for item in tier.items]
    found.sort(key=lambda placed: placed.item.span.first)
    return [Placed(p.item, p.tier, index) for index, p in enumerate(found)]


def _unit_changes(old_unit: Unit, new_unit: Unit) -> Iterator[Change]:
    old, new = _placed(old_unit), _placed(new_unit)
    pairs = _match_items(old, new)
    matched_old = {id(pair[0]) for pair in pairs}
    matched_new = {id(pair[1]): pair[0] for pair in pairs}
    name = new_unit.name
    for placed in old:
        if id(placed) not in matched_old:
            yield Change(name, "removed", placed, None)
    for placed in new:
        before = matched_new.get(id(placed))
        if before is None:
            yield Change(name, "added", None, placed)
            continue
        change = _pair_change(name, before, placed)
        if change is not None:
            yield change


def _match_items(old: list[Placed], new: list[Placed]) -> list[tuple[Placed, Placed]]:
    """Equal texts first (in order), then the most similar texts left."""
    pairs: list[tuple[Placed, Placed]] = []
    by_text: dict[str, list[Placed]] = {}
    for placed in old:
        by_text.setdefault(fold(placed.item.text), []).append(placed)
    unmatched: list[Placed] = []
    for placed in new:
        same = by_text.get(fold(placed.item.text))
        if same:
            pairs.append((same.pop(0), placed))
        else:
            unmatched.append(placed)
    left = sorted((p for group in by_text.values() for p in group), key=lambda p: p.position)
    texts = [placed.item.text for placed in left]
    for _, i, j in best_pairs([p.item.text for p in unmatched], texts, ITEM_CUTOFF):
        pairs.append((left[j], unmatched[i]))
    return pairs


def _pair_change(unit: str, old: Placed, new: Placed) -> Change | None:
    what: list[str] = []
    if old.item.text != new.item.text:
        what.append("text")
    if not _same_points(old.item.points, new.item.points):
        what.append("points")
    thresholds = tuple(_threshold_changes(old.item.thresholds, new.item.thresholds))
    if thresholds:
        what.append("thresholds")
    if old.item.responsible != new.item.responsible:
        what.append("responsible")  # a task list's units, lead first
    if what:
        return Change(unit, "changed", old, new, thresholds, tuple(what))
    if old.item.number != new.item.number or old.tier != new.tier:
        return Change(unit, "renumbered", old, new)
    return None


def _same_points(old: Points | None, new: Points | None) -> bool:
    if old is None or new is None:
        return old is new
    return Decimal(old) == Decimal(new)


def _threshold_changes(old: list[Threshold], new: list[Threshold]) -> Iterator[ThresholdChange]:
    """Thresholds paired in order within their kind (comparator and measure)."""
    remaining = list(new)
    for before in old:
        after = next((t for t in remaining if _kind(t) == _kind(before)), None)
        if after is None:
            yield ThresholdChange(str(before), None, None, None)
            continue
        remaining.remove(after)
        if str(before) != str(after):
            yield _moved(before, after)
    for after in remaining:
        yield ThresholdChange(None, str(after), None, None)


def _kind(threshold: Threshold) -> tuple[str, str | None, str | None]:
    return threshold.comparator, threshold.change, threshold.unit


def _moved(before: Threshold, after: Threshold) -> ThresholdChange:
    old_value, new_value = before.quantity or before.value, after.quantity or after.value
    if old_value is None or new_value is None or old_value == new_value:
        return ThresholdChange(str(before), str(after), "changed", None)
    direction: Direction = "raised" if new_value > old_value else "lowered"
    # A ceiling (at most, 控制在…左右) is stricter lower; every other kind higher.
    higher_is_stricter = not is_ceiling(before)
    stricter: Literal["old", "new"] = (
        "new" if (direction == "raised") == higher_is_stricter else "old"
    )
    return ThresholdChange(str(before), str(after), direction, stricter)
