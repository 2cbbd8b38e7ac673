"""Which record each source line belongs to, read back from the records' spans.

Every non-blank source line (markup-only lines such as ``---`` aside) belongs to
exactly one leaf record: a header, a heading, a target, a tier or unit heading, a
clause or the footer. The tests prove it on the sample and on mutated notices;
``line_owners`` is public for tools that map lines to records.
"""

from __future__ import annotations

from collections.abc import Iterator

from targetdoc.models import Notice, Span
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
        yield f"units[{u}]", Span(first=unit.span.first, last=unit.span.first)
        for t, tier in enumerate(unit.tiers):
            if not tier.implicit:
                yield f"units[{u}].tiers[{t}]", Span(first=tier.span.first, last=tier.span.first)
            for i, item in enumerate(tier.items):
                yield f"units[{u}].tiers[{t}].items[{i}]", item.span
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
