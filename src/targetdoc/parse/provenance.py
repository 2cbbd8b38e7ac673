"""Which record each source line belongs to, read back from the records' spans.

Every non-blank source line (markup-only lines such as ``---`` aside) belongs to
exactly one leaf record: a header, a heading, a target, a tier or unit heading, a
clause or the footer. The tests prove it on the sample and on mutated notices;
``line_owners`` is public for tools that map lines to records.
"""

from __future__ import annotations

from collections.abc import Iterator

from targetdoc.models import Notice, Span, Tier
from targetdoc.read.source import Source


def leaf_spans(notice: Notice) -> Iterator[tuple[str, Span]]:
    """Each leaf record's path (as in the YAML) and span, in document order."""
    if notice.header_span:
        yield "header", notice.header_span
    for index, heading in enumerate(notice.headings):
        yield f"headings[{index}]", heading.span
    for index, target in enumerate(notice.citywide_targets):
        yield f"citywide_targets[{index}]", target.span
    for key in ("common_target", "development_target"):
        shared = getattr(notice, key)
        if shared is not None:
            yield key, shared.span
    for u, unit in enumerate(notice.units):
        spans = [
            leaf
            for t, tier in enumerate(unit.tiers)
            for leaf in _tier_spans(f"units[{u}].tiers[{t}]", tier)
        ]
        # A document that is its unit (a 目标责任书) has no heading line of its own:
        # its first line is its first section's heading.
        if not spans or spans[0][1].first != unit.span.first:
            yield f"units[{u}]", Span(first=unit.span.first, last=unit.span.first)
        if unit.nested:  # sections and the items beside them, in the notice's order
            spans.sort(key=lambda leaf: leaf[1].first)
        yield from spans
        if unit.deduction_clause is not None:
            yield f"units[{u}].deduction_clause", unit.deduction_clause.span
    if notice.footer is not None:
        yield "footer", notice.footer.span


def line_owners(source: Source, notice: Notice) -> dict[int, list[str]]:
    """For every non-blank line, the paths of the leaf records whose span holds it."""
    owners: dict[int, list[str]] = {line.number: [] for line in source.lines if not line.is_blank}
    for path, span in leaf_spans(notice):
        for number in range(span.first, span.last + 1):
            if number in owners:
                owners[number].append(path)
    return owners


def _tier_spans(path: str, tier: Tier) -> list[tuple[str, Span]]:
    """A tier's heading line (none for an implicit tier), its items, and its sections'."""
    spans = []
    if not tier.implicit:
        last = tier.span.first
        if tier.number is not None:  # an item that heads a section: its lines to its parts'
            firsts = [item.span.first for item in tier.items]
            firsts += [inner.span.first for inner in tier.tiers]
            last = max(last, min(firsts, default=last + 1) - 1)
        spans.append((path, Span(first=tier.span.first, last=last)))
    spans += [(f"{path}.items[{i}]", item.span) for i, item in enumerate(tier.items)]
    for s, inner in enumerate(tier.tiers):
        spans += _tier_spans(f"{path}.tiers[{s}]", inner)
    return spans
