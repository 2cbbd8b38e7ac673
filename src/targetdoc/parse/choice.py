"""Which profile reads a notice: the one named, or under ``auto`` the best of them.

``--profile auto`` parses the notice once for each distinct way the shipped profiles
read it (most share the grammar's, so one parse serves them all) and keeps the
profile that places the most lines; among those, the one that knows most of the
notice's tier names, and then the one that sets the fewest standards of its own
(``generic``: the notice's declared totals are the standard). The records name it in
``source.profile``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from targetdoc import grammar
from targetdoc.backtracking import nested_repeat
from targetdoc.errors import DataFileError, GrammarError, InputError
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.models import Notice
from targetdoc.parse.by_outline import parse_by_outline
from targetdoc.parse.doubts import doubtful_digits
from targetdoc.parse.engine import (
    ParseResult,
    Reading,
    Trace,
    TraceStep,
    collector_paused,
    parse_once,
)
from targetdoc.parse.table_rows import cell_role
from targetdoc.profile import AUTO, Profile, load_profile, shipped_profiles
from targetdoc.read.normalize import clean_and_fold_lines, fold
from targetdoc.read.source import Source


def parse_source(
    source: Source,
    *,
    profile: str | Profile = AUTO,
    unit: str | None = None,
    trace: Trace | None = None,
) -> ParseResult:
    """The records of a source as the profile (or the best under ``auto``) reads them.

    ``unit`` names the unit a document without unit headings is (a 目标责任书).
    ``trace``, if given, sees the lines of the parse that is kept.
    """
    # Paused while the records are chosen and copied too: a collection started by
    # the copies would walk every record (docs/performance.md).
    with collector_paused():
        return doubtful_digits(_targets_read(_parse_source(source, profile, unit, trace)))


def _targets_read(result: ParseResult) -> ParseResult:
    """TD108 where the records hold items but not one target of the family: no item
    has points, none names who is responsible, and the city sets none of its own (a
    补充通知 whose numbered lines are instructions). Never valid on nothing."""
    notice = result.notice
    items = [item for _, _, item in notice.items()]
    if not items or notice.citywide_targets:
        return result
    if any(item.points is not None or item.responsible for item in items):
        return result
    if any(f.code == "TD108" for f in result.findings):
        return result
    finding = Finding.of(
        "TD108",
        N_("{count} numbered lines give no points and name no one responsible: no target read"),
        values={"count": len(items)},
        file=result.source.label,
        line=items[0].span.first,
    )
    return replace(result, findings=(*result.findings, finding))


def _parse_source(
    source: Source, profile: str | Profile, unit: str | None, trace: Trace | None
) -> ParseResult:
    if isinstance(profile, Profile) or profile != AUTO:
        chosen = load_profile(profile) if isinstance(profile, str) else profile
        reading = _reading(chosen, unit)  # a broken profile is refused, not read around
        try:
            result = parse_once(source, reading, trace=trace)
        except InputError as refused:
            first = refused
            try:
                return _named(parse_by_outline(source, unit), chosen)
            except InputError:
                raise first from None
        return _named(_better(result, source, unit, trace), chosen)
    candidates = shipped_profiles()
    readings: dict[tuple[tuple[str, str], ...], ParseResult | InputError] = {}
    for candidate in candidates:
        if candidate.reading not in readings:
            reading = _reading(candidate, unit)  # a shipped profile's mistake is not the input's
            try:
                readings[candidate.reading] = parse_once(source, reading)
            except InputError as error:
                readings[candidate.reading] = error
    scored = []
    for index, candidate in enumerate(candidates):
        parsed = readings[candidate.reading]
        if isinstance(parsed, ParseResult):
            scored.append((_score(parsed, candidate), -index, candidate, parsed))
    if not scored:
        # No line rule reads it: the outline may (a rubric, a table, a task list).
        refusal = next(iter(readings.values()))
        assert isinstance(refusal, InputError)
        try:
            return _named(parse_by_outline(source, unit), _least_standards(candidates))
        except InputError:
            raise refusal from None
    _, _, best, result = max(scored, key=lambda entry: (entry[0], entry[1]))
    if trace is not None:
        result = parse_once(source, _reading(best, unit), trace=trace)
    better = _better(result, source, unit, trace)
    # A document read by its outline has no shape a shipped profile sets standards for:
    # its own declared points are the standard (generic).
    result = _named(better, best if better is result else _least_standards(candidates))
    unexplained = _unexplained(result)
    if unexplained >= _FEW and unexplained * 20 > source.content_lines:
        result = _explained(result, unexplained, len(candidates))
    return result


# Unplaced lines that make a notice one no profile explains: at least three, and more
# than one line in twenty.
_FEW = 3


def _least_standards(candidates: Sequence[Profile]) -> Profile:
    """The shipped profile that sets the fewest standards of its own (generic)."""
    return min(candidates, key=lambda profile: profile.standards())


def _better(
    result: ParseResult, source: Source, unit: str | None, trace: Trace | None = None
) -> ParseResult:
    """The line rules' reading unless it left much of the document (as TD106 counts),
    merged items (TD104) or read none; then the outline's where it reads more (items,
    their points and units)."""
    # Lines after the colophon are another document pasted after this one: not its.
    end = result.notice.footer.span.last if result.notice.footer else None
    unexplained = _unexplained(result, before=end)
    poor = unexplained >= _FEW and unexplained * 20 > source.content_lines
    merged = any(finding.code == "TD104" for finding in result.findings)
    # No unit, a unit named by a numbered heading (A、党的建设（30分）), or items without
    # points or units: forms the line rules do not read.
    unread = (
        not result.notice.units
        or any(_numbered(unit.name) for unit in result.notice.units)
        or any(item.points is None and not item.responsible for _, _, item in result.notice.items())
    )
    if not (poor or merged or unread or _outline_forms(source)):
        return result
    try:
        outline = parse_by_outline(source, unit)
    except InputError:
        return result
    if _worth(outline) > _worth(result):
        if trace is not None:
            _trace_outline(outline.notice, trace)
        return outline
    return result


def _trace_outline(notice: Notice, trace: Trace) -> None:
    """Where the outline's reading is kept, the trace says so and what each record is,
    at its first line (the line rules' steps above it were not kept)."""
    steps = [(heading.span.first, f"note: {heading.text[:20]}") for heading in notice.headings]
    for unit in notice.units:
        steps.append((unit.span.first, f"unit {unit.name}"))
        for tier in unit.all_tiers():
            if not tier.implicit:
                steps.append((tier.span.first, f"section {tier.name}"))
            steps += [(item.span.first, f"item {item.number}") for item in tier.items]
    for line, what in sorted(steps):
        trace(TraceStep(line, "outline", what))


def _numbered(name: str) -> bool:
    """Whether a unit's name starts with a numbering marker or holds points: a heading."""
    folded = fold(name)
    return (
        grammar.regex("outline_marker").match(folded) is not None
        or grammar.regex("points_mark").search(folded) is not None
    )


def _outline_forms(source: Source) -> bool:
    """Whether the document writes a form only the outline reads: a line of points or of
    responsible units of its own, a criteria line, a table's header cell or row."""
    forms = _outline_patterns()
    for line in source.lines:
        folded = line.folded
        if line.is_blank:
            continue
        if "|" in folded or "\t" in folded or cell_role(folded) is not None:
            return True
        first = folded[0]
        for pattern, starts in forms:
            if first in starts and pattern.match(folded):
                return True
    return False


@functools.cache
def _outline_patterns() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    """The patterns of lines only the outline reads, each with the characters its lines
    start with (read from the pattern itself). A bracketed （25分） alone is the rest of
    an item a page broke, which the line rules read: points_cell counts bare ones only."""
    forms = []
    for name in ("responsible_line", "points_cell", "criteria_line", "responsible_sentence"):
        pattern = grammar.regex(name)
        starts = grammar.first_chars(pattern)
        if starts is None:
            raise GrammarError(f"pattern {name} must say what its lines start with")
        forms.append((pattern, starts - {"("}))
    return tuple(forms)


def _worth(result: ParseResult) -> int:
    """How much of a document a reading read: items, with points and units, less the
    lines it left and the items it merged."""
    notice = result.notice
    worth = len(notice.citywide_targets) + sum(h.role != "note" for h in notice.headings)
    worth += 2 * ((notice.common_target is not None) + (notice.development_target is not None))
    worth += sum(unit.deduction_clause is not None for unit in notice.units)
    for _, _, item in notice.items():
        worth += 1 + 2 * (item.points is not None) + bool(item.responsible)
    left = _unexplained(result)
    merged = sum(1 for finding in result.findings if finding.code in ("TD104", "TD107"))
    headings = sum(1 for unit in notice.units if _numbered(unit.name))  # units misnamed
    return worth - 3 * left - 5 * (merged + headings)


def _unexplained(result: ParseResult, before: int | None = None) -> int:
    """Unplaced lines but the web page's around the notice, which no profile places
    (those before line ``before`` only, where it is given)."""
    web_page = grammar.regex("web_page_text")
    source = result.source
    return sum(
        1
        for finding in result.findings
        if finding.code == "TD101"
        and finding.line is not None
        and (before is None or finding.line < before)
        and not web_page.match(source.line(finding.line).folded)
    )


def _reading(profile: Profile, unit: str | None) -> Reading:
    """The patterns a profile writes otherwise, compiled with the grammar's fragments
    and checked against their examples (once for each profile and way of reading)."""
    key = (profile.name, profile.reading)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _COMPILED[key] = _compile(profile)
    return replace(compiled, unit=unit)


# Each profile's patterns, compiled and checked, by name and reading.
_COMPILED: dict[tuple[str, tuple[tuple[str, str], ...]], Reading] = {}


def _compile(profile: Profile) -> Reading:
    notice = grammar.grammar()
    label = f"profile {profile.name}"
    unknown = sorted(set(profile.patterns) - set(notice.patterns))
    if unknown:
        raise DataFileError(
            f"replaces patterns the grammar does not have: {', '.join(unknown)}", path=label
        )
    try:
        patterns = notice.compile(
            {name: spec.model_dump() for name, spec in profile.patterns.items()}, label
        )
        ignore = notice.compile(
            {name: spec.model_dump() for name, spec in profile.ignore.items()}, label
        )
    except GrammarError as error:
        raise DataFileError(str(error), path=label) from None
    for pattern in [*patterns.values(), *ignore.values()]:
        if nested_repeat(pattern.regex.pattern):
            raise DataFileError(
                f"pattern {pattern.name} repeats a part that itself repeats, with nothing "
                "between them (as (?:[^，。；]+)+): matching it can take forever on a long "
                "line; repeat the part once ([^，。；]+)",
                path=label,
            )
        _check_examples(pattern, label)
    for name, pattern in patterns.items():
        _check_groups(pattern, notice.patterns[name], label)
    return Reading(
        patterns={name: pattern.regex for name, pattern in patterns.items()},
        ignore=tuple(pattern.regex for pattern in ignore.values()),
    )


def _check_groups(pattern: grammar.Pattern, replaced: grammar.Pattern, label: str) -> None:
    """A pattern a profile writes otherwise names every group the grammar's names: the
    rules read them (lark's load-time check that a grammar defines what it uses)."""
    missing = sorted(set(replaced.regex.groupindex) - set(pattern.regex.groupindex))
    if missing:
        groups = ", ".join(f"(?P<{group}>…)" for group in missing)
        raise DataFileError(
            f"pattern {pattern.name} lacks the named groups the parser reads: {groups}",
            path=label,
        )


def _check_examples(pattern: grammar.Pattern, label: str) -> None:
    """A profile's pattern matches each of its examples and none of its counterexamples
    (cleaned and folded as a notice's lines are), as the grammar's own must."""
    for example, wanted in [
        *((text, True) for text in pattern.examples),
        *((text, False) for text in pattern.counterexamples),
    ]:
        folded = clean_and_fold_lines(example)[1][0]
        if (pattern.regex.search(folded) is not None) != wanted:
            what = "does not match its example" if wanted else "matches its counterexample"
            raise DataFileError(f"pattern {pattern.name} {what} {example!r}", path=label)


def _score(result: ParseResult, profile: Profile) -> tuple[int, int, int]:
    """Lines placed, tier names the profile knows, and fewer standards first."""
    placed = result.source.content_lines - result.unplaced
    known = sum(
        1
        for unit in result.notice.units
        for tier in unit.tiers
        if profile.knows(unit.kind, fold(tier.name))
    )
    return placed, known, -profile.standards()


def _named(result: ParseResult, profile: Profile) -> ParseResult:
    """The result with the profile recorded in ``source.profile``."""
    source = result.notice.source.model_copy(update={"profile": profile.name})
    notice = result.notice.model_copy(update={"source": source})
    return ParseResult(notice, result.findings, result.source, profile, result.outlined)


@functools.cache
def _points_forms() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """How a line can give points, from the grammar, for the account of what was seen."""
    notice = grammar.grammar()
    return (
        ("（N分）", re.compile(_expand_points(notice.fragments["points"]))),
        ("（分值：N分）", re.compile(r"\(\s*分值")),
        ("（N） without 分", notice.patterns["bare_points"].regex),
    )


def _expand_points(fragment: str) -> str:
    """The points fragment without its named group, to search with anywhere."""
    return fragment.replace("(?P<points>", "(?:")


def recognised(result: ParseResult) -> str:
    """What the parser made of a notice: units, items, and the points forms it has."""
    notice = result.notice
    items = sum(1 for _ in notice.items())
    forms = [
        name
        for name, pattern in _points_forms()
        if any(pattern.search(line.folded) for line in result.source.lines)
    ]
    return (
        f"{len(notice.units)} units, {items} items, {len(notice.citywide_targets)} city-wide "
        f"targets; points written {', '.join(forms) if forms else 'nowhere'}"
    )


def _explained(result: ParseResult, unplaced: int, tried: int) -> ParseResult:
    """TD106: no profile placed every line; say which did best and what it recognised."""
    assert result.profile is not None
    finding = Finding.of(
        "TD106",
        N_(
            "{unplaced} lines fit no profile ({tried} tried; the best, {profile}, recognised "
            "{recognised}): a profile or grammar entry for this family's forms would place them"
        ),
        values={
            "unplaced": unplaced,
            "tried": tried,
            "profile": result.profile.name,
            "recognised": recognised(result),
        },
        file=result.source.label,
    )
    return ParseResult(
        result.notice, (*result.findings, finding), result.source, result.profile, result.outlined
    )
