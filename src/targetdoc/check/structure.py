"""Structure and arithmetic checks of one notice: where points are summed.

Each check is a small function ``(notice, profile, file) -> findings``; ``CHECKS``
lists them in the order their findings are reported. None stops at the first
problem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from targetdoc.findings import Finding
from targetdoc.models import Item, Notice, Tier, Unit
from targetdoc.profile import Profile
from targetdoc.read.normalize import fold

Check = Callable[[Notice, Profile, str], Iterator[Finding]]


def _tier_line(unit: Unit, tier: Tier) -> int:
    """A tier's heading line; an implicit tier is announced by its unit's heading."""
    return unit.span.first if tier.implicit else tier.span.first


def tier_points(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """Each tier's declared points equal the sum of its children, at every level: its
    items' points and its sections' declared points."""
    for unit in notice.units:
        for tier in unit.all_tiers():
            summed = tier.children_sum
            if tier.declared_points is not None and summed != tier.declared_points:
                parts = f"{len(tier.items)} items"
                if tier.tiers:
                    parts = f"{len(tier.items)} items and {len(tier.tiers)} sections"
                yield Finding.of(
                    "TD201",
                    f"{unit.name} {tier.name} declares {tier.declared_points} points "
                    f"but its {parts} sum to {summed}",
                    file=file,
                    line=_tier_line(unit, tier),
                    unit=unit.name,
                    tier=tier.name,
                )


def standard_points(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """Declared points follow the profile (500/200 for departments, 700 for a county).

    A profile that names no tiers for a kind of unit sets no standard for it: the
    notice's own declared points are the standard (checked by tier_points). Names are
    compared folded, so 經濟 is 经济.
    """
    for unit in notice.units:
        if not profile.required(unit.kind):
            continue
        for tier in unit.tiers:
            line = _tier_line(unit, tier)
            name = fold(tier.name)
            if not profile.knows(unit.kind, name):
                yield Finding.of(
                    "TD210",
                    f"{unit.name}: profile {profile.name} has no {unit.kind} tier {tier.name}",
                    file=file,
                    line=line,
                    unit=unit.name,
                    tier=tier.name,
                )
                continue
            standard = profile.standard(unit.kind, name)
            if tier.declared_points != standard:
                yield Finding.of(
                    "TD202",
                    f"{unit.name} {tier.name} declares {tier.declared_points} points; "
                    f"the profile's standard is {standard}",
                    file=file,
                    line=line,
                    unit=unit.name,
                    tier=tier.name,
                )


def unit_total(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """A unit's items total the profile's points (700)."""
    if profile.unit_total is None:
        return
    for unit in notice.units:
        total = unit.points_sum
        if any(unit.items()) and total != profile.unit_total:
            yield Finding.of(
                "TD203",
                f"{unit.name}'s items total {total} points; the profile's total is "
                f"{profile.unit_total}",
                file=file,
                line=unit.span.first,
                unit=unit.name,
            )


def unit_tiers(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """A unit's tier headings declare their points (TD214: （一）重点目标 alone), add up to
    the profile's total (TD211: 500 + 200 = 700), and include every tier the profile
    requires of its kind (TD212: 重点目标 and 一般目标). One pass over the tiers."""
    required = {kind: profile.required(kind) for kind in profile.tiers}
    for unit in notice.units:
        if not unit.tiers:
            continue  # a unit without items (TD208)
        declared, names = [], []
        for tier in unit.tiers:
            points = tier.declared_points
            declared.append(points)
            names.append(fold(tier.name))
        for tier in unit.all_tiers():
            # A section of a task list scores nothing: none of its items has points.
            if (
                tier.declared_points is None
                and not tier.implicit
                and any(item.points is not None for inner in tier.walk() for item in inner.items)
            ):
                yield Finding.of(
                    "TD214",
                    f"{unit.name} {tier.name}: the tier heading declares no points",
                    file=file,
                    line=tier.span.first,
                    unit=unit.name,
                    tier=tier.name,
                )
        total = None if None in declared else sum(declared)  # type: ignore[arg-type]
        if profile.unit_total is not None and total is not None and total != profile.unit_total:
            yield Finding.of(
                "TD211",
                f"{unit.name}'s tiers declare {' + '.join(map(str, declared))} = {total} "
                f"points; the profile's total is {profile.unit_total}",
                file=file,
                line=unit.span.first,
                unit=unit.name,
            )
        missing = [name for name in required.get(unit.kind, ()) if name not in names]
        if missing:
            yield Finding.of(
                "TD212",
                f"{unit.name} ({unit.kind}) has no {', '.join(missing)}, "
                f"which profile {profile.name} requires",
                file=file,
                line=unit.span.first,
                unit=unit.name,
            )


_PLURAL = {"county": "counties", "department": "departments"}


def kind_and_category(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """A unit's kind agrees with its category: a county among departments is a misread.

    A department whose tier headings were lost reads as a county (its items sit
    directly under the unit); departments whose category heading was lost fall into
    the counties' category. The category's kind comes from its heading's words (the
    profile's ``category_kinds``), else from most of its units.
    """
    kinds: dict[str, dict[str, int]] = {}
    for unit in notice.units:
        counts = kinds.setdefault(unit.category, {})
        counts[unit.kind] = counts.get(unit.kind, 0) + 1
    expected: dict[str, str | None] = {}
    for category, counts in kinds.items():
        kind = profile.kind_of_category(category)
        if kind is None:
            most = max(counts.values())
            usual = [name for name, count in counts.items() if count == most]
            kind = usual[0] if len(usual) == 1 else None
        expected[category] = kind
    for unit in notice.units:
        kind = expected[unit.category]
        if kind is not None and unit.kind != kind:
            yield Finding.of(
                "TD213",
                f"{unit.name} reads as a {unit.kind}, but its category "
                f"{unit.category or '(none)'} holds {_PLURAL[kind]}: "
                "a lost tier or category heading?",
                file=file,
                line=unit.span.first,
                unit=unit.name,
            )


def item_numbers(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """Item numbers run 1, 2, 3 … within each tier, and either go on from the tier
    before (the sample numbers through a unit, across its tiers) or start again at 1
    (a section numbers its own). A section that was a numbered item counts as one."""
    for unit in notice.units:
        previous = 0
        for tier in unit.all_tiers():
            numbered: list[tuple[int, Item | None]] = [(item.number, item) for item in tier.items]
            if tier.tiers:  # sections that were items, in their place among the items
                sections = [
                    (inner.span.first, inner.number) for inner in tier.tiers if inner.number
                ]
                lines = [item.span.first for item in tier.items] + [line for line, _ in sections]
                numbered += [(number, None) for _, number in sections if number is not None]
                numbered = [
                    entry
                    for _, entry in sorted(
                        zip(lines, numbered, strict=True), key=lambda pair: pair[0]
                    )
                ]
            if not numbered:
                continue
            if numbered[0][0] == 1:
                previous = 0
            for number, item in numbered:
                if number != previous + 1 and item is not None:
                    code, what = _numbering(previous, number)
                    yield Finding.of(
                        code,
                        f"{unit.name}: item {number} {what} item {previous}",
                        file=file,
                        line=item.span.first,
                        unit=unit.name,
                        tier=tier.name,
                        item=number,
                    )
                previous = number


def _numbering(previous: int, number: int) -> tuple[str, str]:
    """The finding for an item number that does not follow the previous one."""
    if number == previous:
        return "TD205", "repeats"
    if number < previous:
        return "TD206", "restarts the numbering after"
    return "TD204", "skips numbers after" if previous else "skips numbers before"


def item_points(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """Every item carries its points, but for a task list's (it names who is responsible)."""
    for unit, tier, item in notice.items():
        if item.points is None and not item.responsible:
            yield Finding.of(
                "TD207",
                f"{unit.name}: item {item.number} has no points (N分)",
                file=file,
                line=item.span.last,
                unit=unit.name,
                tier=tier.name,
                item=item.number,
            )


def unit_items(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """Every unit has items."""
    for unit in notice.units:
        if not any(unit.items()):
            yield Finding.of(
                "TD208",
                f"{unit.name} has no items",
                file=file,
                line=unit.span.first,
                unit=unit.name,
            )


def unit_names(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """A unit appears once in a notice."""
    counts = Counter(unit.name for unit in notice.units)
    seen: set[str] = set()
    for unit in notice.units:
        if counts[unit.name] > 1 and unit.name in seen:
            yield Finding.of(
                "TD209",
                f"{unit.name} appears {counts[unit.name]} times",
                file=file,
                line=unit.span.first,
                unit=unit.name,
            )
        seen.add(unit.name)


CHECKS: tuple[Check, ...] = (
    unit_names,
    unit_items,
    item_numbers,
    item_points,
    tier_points,
    standard_points,
    unit_total,
    unit_tiers,
    kind_and_category,
)


def check_notice(notice: Notice, profile: Profile, *, file: str) -> list[Finding]:
    """Every structure and arithmetic finding of one notice."""
    return [finding for check in CHECKS for finding in check(notice, profile, file)]
