"""Structure and arithmetic checks of one notice: where points are summed.

Each check is a small function ``(notice, profile, file) -> findings``; ``CHECKS``
lists them in the order their findings are reported. None stops at the first
problem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.models import Item, Notice, Tier, Unit
from targetdoc.profile import AUTO, Profile, profile_for
from targetdoc.read.normalize import fold

if TYPE_CHECKING:
    from targetdoc.reading import Reading

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
                template = N_(
                    "{unit} {tier} declares {declared} points but its {items} items sum to {sum}"
                )
                if tier.tiers:
                    template = N_(
                        "{unit} {tier} declares {declared} points but its {items} items and "
                        "{sections} sections sum to {sum}"
                    )
                yield Finding.of(
                    "TD201",
                    template,
                    values={
                        "unit": unit.name,
                        "tier": tier.name,
                        "declared": tier.declared_points,
                        "items": len(tier.items),
                        "sections": len(tier.tiers),
                        "sum": summed,
                    },
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
                    N_("{unit}: profile {profile} has no {kind} tier {tier}"),
                    values={
                        "unit": unit.name,
                        "profile": profile.name,
                        "kind": unit.kind,
                        "tier": tier.name,
                    },
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
                    N_(
                        "{unit} {tier} declares {declared} points; "
                        "the profile's standard is {standard}"
                    ),
                    values={
                        "unit": unit.name,
                        "tier": tier.name,
                        "declared": tier.declared_points,
                        "standard": standard,
                    },
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
                N_("{unit}'s items total {total} points; the profile's total is {standard}"),
                values={"unit": unit.name, "total": total, "standard": profile.unit_total},
                file=file,
                line=unit.span.first,
                unit=unit.name,
            )


def tier_headings_declare(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """TD214: a tier heading among others that declare their points declares none
    (（一）重点目标 alone)."""
    for unit in notice.units:
        # A document that declares no section's points (一、经济发展 over scored items)
        # has lost none: only a heading among others that declare theirs has.
        declaring = any(
            tier.declared_points is not None for tier in unit.all_tiers() if not tier.implicit
        )
        if not declaring:
            continue
        for tier in unit.all_tiers():
            # A section of a task list scores nothing: none of its items has points.
            if (
                tier.declared_points is None
                and not tier.implicit
                and any(item.points is not None for inner in tier.walk() for item in inner.items)
            ):
                yield Finding.of(
                    "TD214",
                    N_("{unit} {tier}: the tier heading declares no points"),
                    values={"unit": unit.name, "tier": tier.name},
                    file=file,
                    line=tier.span.first,
                    unit=unit.name,
                    tier=tier.name,
                )


def unit_declared_total(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """TD211: a unit's tier headings add up to the profile's total (500 + 200 = 700)."""
    if profile.unit_total is None:
        return
    for unit in notice.units:
        total = unit.declared_sum
        if not unit.tiers or total is None or total == profile.unit_total:
            continue
        yield Finding.of(
            "TD211",
            N_(
                "{unit}'s tiers declare {parts} = {total} points; the profile's total is {standard}"
            ),
            values={
                "unit": unit.name,
                "parts": " + ".join(str(tier.declared_points) for tier in unit.tiers),
                "total": total,
                "standard": profile.unit_total,
            },
            file=file,
            line=unit.span.first,
            unit=unit.name,
        )


def required_tiers(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """TD212: a unit has every tier the profile requires of its kind (重点目标 and 一般目标)."""
    required = {kind: profile.required(kind) for kind in profile.tiers}
    for unit in notice.units:
        if not unit.tiers:
            continue  # a unit without items (TD208)
        names = {fold(tier.name) for tier in unit.tiers}
        missing = [name for name in required.get(unit.kind, ()) if name not in names]
        if missing:
            yield Finding.of(
                "TD212",
                N_("{unit} ({kind}) has no {missing}, which profile {profile} requires"),
                values={
                    "unit": unit.name,
                    "kind": unit.kind,
                    "missing": ", ".join(missing),
                    "profile": profile.name,
                },
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
                N_(
                    "{unit} reads as a {kind}, but its category {category} holds {others}: "
                    "a lost tier or category heading?"
                ),
                values={
                    "unit": unit.name,
                    "kind": unit.kind,
                    "category": unit.category or "(none)",
                    "others": _PLURAL[kind],
                },
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
                        what,
                        values={"unit": unit.name, "number": number, "previous": previous},
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
        return "TD205", N_("{unit}: item {number} repeats item {previous}")
    if number < previous:
        return "TD206", N_("{unit}: item {number} restarts the numbering after item {previous}")
    if previous:
        return "TD204", N_("{unit}: item {number} skips numbers after item {previous}")
    return "TD204", N_("{unit}: item {number} skips numbers before item {previous}")


def item_points(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """Every item carries its points, but for a task list's (it names who is responsible,
    or no item of the document has points)."""
    if not any(item.points is not None for _, _, item in notice.items()):
        return
    for unit, tier, item in notice.items():
        if item.points is None and not item.responsible:
            yield Finding.of(
                "TD207",
                N_("{unit}: item {number} has no points (N分)"),
                values={"unit": unit.name, "number": item.number},
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
                N_("{unit} has no items"),
                values={"unit": unit.name},
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
                N_("{unit} appears {count} times"),
                values={"unit": unit.name, "count": counts[unit.name]},
                file=file,
                line=unit.span.first,
                unit=unit.name,
            )
        seen.add(unit.name)


def document_total(notice: Notice, profile: Profile, file: str) -> Iterator[Finding]:
    """Each unit's items add up to the total the document declares (总分100分): where they
    do not, an item was lost or merged, or the document's own arithmetic is off."""
    total = notice.declared_total
    if total is None:
        return
    for unit in notice.units:
        points = unit.points_sum
        if points and points != total:
            yield Finding.of(
                "TD215",
                N_("{unit}'s items give {points} points; the document declares {total}"),
                values={"unit": unit.name, "points": points, "total": total},
                file=file,
                line=unit.span.first,
                unit=unit.name,
            )


CHECKS: tuple[Check, ...] = (
    document_total,
    unit_names,
    unit_items,
    item_numbers,
    item_points,
    tier_points,
    standard_points,
    unit_total,
    tier_headings_declare,
    unit_declared_total,
    required_tiers,
    kind_and_category,
)


def check_notice(
    notice: Notice, profile: Profile | str = AUTO, *, file: str | None = None
) -> list[Finding]:
    """Every structure and arithmetic finding of one notice's records, against a
    profile (by default the one that read it) and labelled with a file (by default the
    notice's own)."""
    standard = profile_for(notice.source.profile, profile)
    label = notice.source.file if file is None else file
    return [finding for check in CHECKS for finding in check(notice, standard, label)]


def check_reading(reading: Reading) -> list[Finding]:
    """What a notice file's reading found (the parse's findings) and what its records'
    checks find: the sequence validate, report, the corpus and score share."""
    return [*reading.findings, *check_notice(reading.notice, reading.profile, file=reading.file)]
