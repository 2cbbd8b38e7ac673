"""The parse loop: every non-blank line through the rule table, then one validation.

``parse_source`` walks the line index once. For each line, the rules that apply in
the current mode to a line starting with its first character are tried in order
(``RULES`` in ``rules.py``); the first that takes the line wins. The records are
then built as plain data and validated as one ``Notice``.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from targetdoc.errors import InputError
from targetdoc.findings import Finding
from targetdoc.grammar import first_chars
from targetdoc.i18n import N_
from targetdoc.models import Notice
from targetdoc.parse.drafts import ItemForms, span_of
from targetdoc.parse.header import build_header
from targetdoc.parse.item_readings import ItemReadings
from targetdoc.parse.rules import RULES, LineRule, Rule
from targetdoc.parse.state import Mode, ParseState
from targetdoc.profile import Profile
from targetdoc.read.source import Line, Source

# For each mode, the rules for each first character some rule's pattern can start with,
# and those for any other; with the bare functions alongside, for the loop.
ByFirst = dict[str, tuple[LineRule, ...]]
Functions = tuple[dict[str, tuple[Rule, ...]], tuple[Rule, ...]]
Dispatch = dict[Mode, tuple[ByFirst, tuple[LineRule, ...], *Functions]]


def dispatch(patterns: dict[str, re.Pattern[str]]) -> Dispatch:
    """RULES as a lookup by mode and first character. Each rule's first characters are
    read from the pattern it matches (the grammar's, or a profile's that replaces it),
    never written beside it, so no line its pattern takes is kept from it."""
    key = tuple(sorted((name, regex.pattern) for name, regex in patterns.items()))
    table = _DISPATCH.get(key)
    if table is None:
        table = _DISPATCH[key] = _table_for(patterns)
    return table


_DISPATCH: dict[tuple[tuple[str, str], ...], Dispatch] = {}


def _table_for(patterns: dict[str, re.Pattern[str]]) -> Dispatch:
    starts = {
        rule.name: first_chars(patterns[rule.pattern]) if rule.pattern else None for rule in RULES
    }
    firsts = {first for chars in starts.values() for first in chars or ()}
    table: Dispatch = {}
    for mode in Mode:

        def rules(first: str | None, mode: Mode = mode) -> tuple[LineRule, ...]:
            return tuple(
                rule for rule in RULES if mode in rule.modes and _may(starts[rule.name], first)
            )

        by_first = {first: rules(first) for first in firsts}
        otherwise = rules(None)
        table[mode] = (
            by_first,
            otherwise,
            {first: tuple(rule.function for rule in found) for first, found in by_first.items()},
            tuple(rule.function for rule in otherwise),
        )
    return table


def _may(starts: frozenset[str] | None, first: str | None) -> bool:
    """Whether a rule whose pattern starts with one of ``starts`` may take a line that
    starts with ``first`` (None: a character no pattern starts with)."""
    return starts is None or (first is not None and first in starts)


def candidates(state: ParseState, line: Line) -> tuple[LineRule, ...]:
    """The rules tried, in order, on this line in the state's mode."""
    table: Dispatch = state.dispatch
    by_first, otherwise, _, _ = table[state.mode]
    return by_first.get(line.folded[0], otherwise)


@dataclass(frozen=True)
class TraceStep:
    """What became of one line: the rule that took it, or each rule tried and why not."""

    line: int
    mode: str
    rule: str | None
    tried: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if self.rule is not None:
            return f"{self.line:>5}  {self.mode:<8}  {self.rule}"
        reasons = "".join(f"\n         {name}: {why}" for name, why in self.tried)
        return f"{self.line:>5}  {self.mode:<8}  (no rule took the line){reasons}"


Trace = Callable[[TraceStep], None]


@dataclass(frozen=True)
class ParseResult:
    """The records of one notice and what the parser found on the way, with the
    profile that read it (``None`` only from ``parse_once``)."""

    notice: Notice
    findings: tuple[Finding, ...]
    source: Source
    profile: Profile | None = None
    outlined: bool = False  # read by its outline (parse/by_outline.py), not the line rules

    @property
    def unplaced(self) -> int:
        """How many lines no record took (TD101)."""
        return sum(1 for finding in self.findings if finding.code == "TD101")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a notice's records are built.

    Thousands of live containers and no cycles: see docs/performance.md. A
    collector the caller has paused stays paused.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Reading:
    """How a profile reads notices: line patterns it writes otherwise (by name), lines
    it ignores, and the unit a document without unit headings is (--unit)."""

    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    ignore: tuple[re.Pattern[str], ...] = ()
    unit: str | None = None


def parse_once(
    source: Source, reading: Reading | None = None, *, trace: Trace | None = None
) -> ParseResult:
    """Place every non-blank line in a record, then build the records.

    ``trace``, if given, is called with each non-blank line's ``TraceStep``.
    """
    reading = reading or Reading()
    with collector_paused():
        state = ParseState(source, unit_name=reading.unit)
        if reading.patterns:
            state.patterns = {**state.patterns, **reading.patterns}
            state.forms = ItemForms.of(state.patterns)
        state.dispatch = dispatch(state.patterns)
        if trace is None:
            _place_lines(state, reading.ignore)
        else:
            _place_lines_traced(state, trace, reading.ignore)
        result = _finish(state)
        # The drafts die here, by reference counting, before the collector resumes:
        # it then has only the records to look at (docs/performance.md).
        del state
    return result


def _place_lines(state: ParseState, ignore: tuple[re.Pattern[str], ...]) -> None:
    for line in state.source.lines:
        if line.is_blank:
            continue
        if ignore and any(pattern.match(line.folded) for pattern in ignore):
            continue
        _, _, by_first, otherwise = state.dispatch[state.mode]
        for rule in by_first.get(line.folded[0], otherwise):
            if rule(state, line):
                break
        else:
            _unplaced(state, line, _reasons(state, line))


def _place_lines_traced(
    state: ParseState, trace: Trace, ignore: tuple[re.Pattern[str], ...]
) -> None:
    for line in state.source.lines:
        if line.is_blank:
            continue
        mode = state.mode
        if ignore and any(pattern.match(line.folded) for pattern in ignore):
            trace(TraceStep(line.number, mode.value, "(ignored by the profile)"))
            continue
        for rule in candidates(state, line):
            if rule.function(state, line):
                trace(TraceStep(line.number, mode.value, rule.name))
                break
        else:
            reasons = _reasons(state, line)
            trace(TraceStep(line.number, mode.value, None, tuple(reasons)))
            _unplaced(state, line, reasons)


def _reasons(state: ParseState, line: Line) -> list[tuple[str, str]]:
    """Each rule tried on an unplaced line, and why it declined (rules that decline
    change nothing, so asking them again is safe)."""
    reasons = []
    for rule in candidates(state, line):
        state.why = None
        taken = rule.function(state, line)
        assert not taken, f"rule {rule.name} took a line it declined"
        if state.why is not None:
            reasons.append((rule.name, state.why))
        elif rule.pattern is not None and not state.match(rule.pattern, line):
            reasons.append((rule.name, f"not a {rule.pattern} line"))
        else:
            reasons.append((rule.name, "does not apply here"))
    return reasons


def _unplaced(state: ParseState, line: Line, reasons: list[tuple[str, str]]) -> None:
    """TD101, naming the rules tried and the reasons they gave beyond a pattern's misfit."""
    said = [f"{name} ({why})" if not why.startswith("not a ") else name for name, why in reasons]
    state.unplaced(line, "rules tried: " + ", ".join(said))


def _finish(state: ParseState) -> ParseResult:
    source = state.source
    if not state.units and not state.citywide:
        content = [line for line in source.lines if not line.is_blank]
        if not content:
            raise InputError("is empty", path=source.label)
        numbered = sum(1 for line in content if state.match("item", line))
        points = sum(1 for line in content if "分)" in line.folded)
        raise InputError(
            "holds no numbered targets and no units: not a target-responsibility notice "
            f"(of its {len(content)} lines, {numbered} are numbered and {points} give points "
            "in （N分）; no unit heading, section or tier heading was followed by items)",
            path=source.label,
        )
    if ("doc_number" in state.header or "issuer" in state.header) and state.footer is None:
        last = max(line.number for line in source.lines if not line.is_blank)
        state.findings.append(
            Finding.of(
                "TD103",
                N_("the notice ends here without its footer (主办, 抄送, 印发): truncated?"),
                values={},
                file=source.label,
                line=last,
            )
        )
    notice, header_findings = _build(state)
    return ParseResult(notice, tuple(header_findings + state.findings), source)


def _bare_points(state: ParseState, readings: ItemReadings) -> list[Finding]:
    """TD105 for each item that ends with a bracketed number without 分, （20）."""
    return [
        Finding.of(
            "TD105",
            N_("item {number} ends with （{points}）, a number without 分: not read as its points"),
            values={"number": draft.number, "points": number},
            file=state.source.label,
            line=draft.lines[-1].number,
        )
        for draft, number in readings.bare
    ]


def _build(state: ParseState) -> tuple[Notice, list[Finding]]:
    header, findings = build_header(
        state.header,
        state.header_lines,
        state.preamble,
        [line.text for _, line in state.headings],
        file=state.source.label,
        letter=state.letter,
    )
    for unit in state.units:
        unit.settle()
    drafts = [item for unit in state.units for item in unit.item_drafts()]
    readings = ItemReadings([*state.citywide, *drafts])
    findings += _bare_points(state, readings)
    # The records are built as plain data and validated once, as a whole: one pass
    # of pydantic's validator instead of thousands of constructor calls.
    data = {
        **header,
        "headings": [
            {"role": role, "text": line.text, "span": span_of([line])}
            for role, line in state.headings
        ],
        "citywide_targets": [draft.finish_citywide(readings) for draft in state.citywide],
        "common_target": state.shared[0].finish() if state.shared else None,
        "development_target": state.shared[1].finish() if len(state.shared) > 1 else None,
        "units": [unit.finish(readings) for unit in state.units],
        "footer": state.footer.finish() if state.footer else None,
        "source": {
            "file": state.source.name,
            "sha256": state.source.sha256,
            "encoding": state.source.encoding,
            "lines": len(state.source.lines),
            "page_starts": state.source.page_starts(),
        },
    }
    notice = Notice.model_validate(data)
    return notice, findings
