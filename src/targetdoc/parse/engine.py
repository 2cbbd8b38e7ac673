"""The notice parser: one pass over the line index, an ordered table of line rules.

As in markdown-it-py's block parser, each rule is ``(state, line) -> bool``: on
success it places the line in a record and returns True, otherwise the next rule
is tried. The order of ``RULES`` is the grammar's precedence, written once. Parts
are recognised by content and shape, never by the number of ``#`` marks, because
the notice's heading marks are inconsistent (``## 市教育局``, ``### 义马市``,
``**市商务局**`` are all units).
"""

from __future__ import annotations

import contextlib
import enum
import functools
import gc
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from targetdoc import grammar
from targetdoc.errors import InputError
from targetdoc.findings import Diagnostic, finding
from targetdoc.models import Notice
from targetdoc.parse.drafts import (
    Block,
    FooterDraft,
    ItemDraft,
    ItemMemo,
    SharedDraft,
    TierDraft,
    UnitDraft,
    span_of,
    to_date,
)
from targetdoc.parse.header import build_header
from targetdoc.read.source import Line, Source


class Mode(enum.Enum):
    """Where in the notice the parser is; parts come in this order."""

    HEADER = "header"
    CITYWIDE = "citywide"
    PART = "part"
    UNITS = "units"
    FOOTER = "footer"

    # Members are singletons: hash by identity (Enum's own hash is Python code, and
    # the rule table is looked up by mode on every line).
    __hash__ = object.__hash__


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The notice grammar's compiled patterns, by name."""
    return {name: pattern.regex for name, pattern in grammar.load().items()}


@dataclass
class ParseState:
    """Everything the rules read and write while the lines go by."""

    source: Source
    mode: Mode = Mode.HEADER
    header: dict[str, str] = field(default_factory=dict)
    header_lines: list[Line] = field(default_factory=list)
    preamble: Block = field(default_factory=Block)
    headings: list[tuple[str, Line]] = field(default_factory=list)
    citywide: list[ItemDraft] = field(default_factory=list)
    shared: list[SharedDraft] = field(default_factory=list)
    category: str = ""
    units: list[UnitDraft] = field(default_factory=list)
    footer: FooterDraft | None = None
    open: Block | FooterDraft | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    patterns: dict[str, re.Pattern[str]] = field(default_factory=_patterns)

    def match(self, name: str, line: Line) -> re.Match[str] | None:
        """Match a named pattern against the line's folded form."""
        return self.patterns[name].match(line.folded)

    def next_is(self, line: Line, *names: str) -> re.Match[str] | None:
        """Whether the next non-blank line matches one of the named patterns."""
        following = self.source.next_content(line.number)
        if following is None:
            return None
        for name in names:
            found = self.match(name, following)
            if found:
                return found
        return None

    def unplaced(self, line: Line, why: str = "") -> None:
        """Report a line that no record takes (TD101)."""
        message = "line not placed in any record" + (f": {why}" if why else "")
        self.diagnostics.append(
            finding("TD101", message, file=self.source.label, line=line.number, column=1)
        )

    @property
    def unit(self) -> UnitDraft | None:
        """The unit being read, if any: the latest, for the rules that run among units.

        (RULES runs those rules in ``Mode.UNITS`` only; comparing the mode here again
        cost an enum lookup on every item line.)
        """
        return self.units[-1] if self.units else None


Rule = Callable[[ParseState, Line], bool]


# --- the colophon -------------------------------------------------------------------


def footer_field(state: ParseState, line: Line) -> bool:
    """主办：… 督办：… 抄送：… start the footer wherever they appear after the header."""
    found = state.match("footer_field", line)
    if not found:
        return False
    if state.footer is None:
        state.footer = FooterDraft()
    state.mode = Mode.FOOTER
    state.footer.start_field(found["label"], line.text[found.start("value") :], line)
    state.open = state.footer
    return True


def printed(state: ParseState, line: Line) -> bool:
    """2020年8月22日印发, optionally after the printing office, ends the notice."""
    found = state.match("printed", line)
    if not found or state.footer is None:
        return False
    state.footer.lines.append(line)
    state.footer.printed_on = to_date(found)
    by = line.text[: found.end("printed_by")].strip()
    if by:
        state.footer.printed_by = by
    state.open = None
    return True


def printed_by(state: ParseState, line: Line) -> bool:
    """The printing office stands alone on the line before the 印发 date."""
    if state.footer is None or not state.next_is(line, "printed"):
        return False
    state.footer.lines.append(line)
    state.footer.printed_by = line.text
    state.open = None
    return True


# --- the header ---------------------------------------------------------------------


def _header_rule(pattern_name: str, key: str) -> Rule:
    def rule(state: ParseState, line: Line) -> bool:
        if key in state.header:
            return False
        found = state.match(pattern_name, line)
        if not found:
            return False
        state.header[key] = line.text[found.start(key) : found.end(key)]
        state.header_lines.append(line)
        state.open = None
        return True

    rule.__name__ = f"header_{key}"
    rule.__doc__ = f"The header's {key.replace('_', ' ')} line."
    return rule


header_issuer = _header_rule("issuer", "issuer")
header_doc_number = _header_rule("doc_number", "doc_number")
header_title = _header_rule("title", "title")
header_addressees = _header_rule("addressees", "addressees")
header_date = _header_rule("date_line", "issued_on")  # alone on its line, below the preamble


def header_preamble(state: ParseState, line: Line) -> bool:
    """Any other header line is the covering text (现将…印发给你们…)."""
    state.preamble.add(line)
    state.header_lines.append(line)
    state.open = state.preamble
    return True


# --- the city-wide targets and the shared blocks -------------------------------------

# 共同性目标 and the 700-point block: the records hold these two.
_SHARED_BLOCKS = 2


def citywide_heading(state: ParseState, line: Line) -> bool:
    """2020年三门峡市经济社会发展目标: a year heading followed by item 1."""
    if not state.match("citywide_heading", line):
        return False
    if not state.next_is(line, "item"):
        return False
    state.headings.append(("citywide", line))
    state.mode = Mode.CITYWIDE
    state.open = None
    return True


def shared_target(state: ParseState, line: Line) -> bool:
    """一、共同性目标（300分） and 二、…责任目标（700分）。具体如下： apply to every unit."""
    found = state.match("shared_target", line)
    if not found:
        return False
    if len(state.shared) == _SHARED_BLOCKS:
        # A third block (a repeated line?) has no record: report it, merge it nowhere.
        state.unplaced(line, f"a notice has {_SHARED_BLOCKS} shared blocks; this is one more")
        state.open = None
        return True
    draft = SharedDraft(name=line.text[found.start("name") : found.end("name")])
    draft.points = int(found["points"])
    draft.add(line)
    state.shared.append(draft)
    state.mode = Mode.PART
    state.open = draft
    return True


# --- units, tiers and items -------------------------------------------------------------


def tier_heading(state: ParseState, line: Line) -> bool:
    """（一）重点目标（500分）, in any width and markup, opens a tier of the current unit."""
    unit = state.unit
    if unit is None:
        return False
    found = state.match("tier_heading", line)
    if not found:
        return False
    name = line.text[found.start("name") : found.end("name")]
    unit.tiers.append(TierDraft(name=name, declared_points=int(found["points"]), heading=line))
    state.open = None
    return True


def deduction_clause(state: ParseState, line: Line) -> bool:
    """目标考核减分因素：… closes a county; lines after a page break continue it."""
    unit = state.unit
    # A unit has one clause; a second one (a lost unit heading) is reported, not merged.
    if unit is None or unit.clause is not None or not state.match("deduction_clause", line):
        return False
    unit.clause = Block([line])
    state.open = unit.clause
    return True


def item(state: ParseState, line: Line) -> bool:
    """A numbered target, city-wide (no points) or of the current unit."""
    found = state.match("item", line)
    if not found:
        return False
    number = int(found["number"])
    if state.mode is not Mode.UNITS:  # the header or the city-wide list
        draft = ItemDraft([line], number=number, body_start=found.start("body"))
        state.citywide.append(draft)
        state.mode = Mode.CITYWIDE
        state.open = draft
        return True
    unit = state.unit
    if unit is None:
        return False
    open_item = state.open if isinstance(state.open, ItemDraft) else None
    # A page break can start a line with a number ("10" of "10个工作日"): while the
    # open item still lacks its points, only the next number opens a new item.
    # (Numbering itself, gaps and restarts, is checked by targetdoc validate.)
    expected = unit.last_item_number() + 1
    if number != expected and open_item is not None and open_item.points is None:
        return False
    if not unit.tiers:
        unit.tiers.append(_implicit_tier(state))
    draft = ItemDraft([line], number=number, body_start=found.start("body"))
    unit.tiers[-1].items.append(draft)
    state.open = draft
    return True


def _implicit_tier(state: ParseState) -> TierDraft:
    """A county's items sit directly under the shared 700-point block."""
    block = state.shared[-1] if state.shared else None
    return TierDraft(
        name=block.name if block else "",
        declared_points=block.points if block else None,
        heading=None,
        implicit=True,
    )


def section_heading(state: ParseState, line: Line) -> bool:
    """…责任目标 headings: the whole part before the shared blocks, else a category."""
    found = state.match("category_heading", line)
    if not found or state.next_is(line, "item", "tier_heading"):
        return False
    if state.mode in (Mode.HEADER, Mode.CITYWIDE):
        state.headings.append(("part", line))
        state.mode = Mode.PART
    else:
        state.headings.append(("category", line))
        state.category = line.text
        state.mode = Mode.UNITS
    state.open = None
    return True


def unit_heading(state: ParseState, line: Line) -> bool:
    """A short line without punctuation, followed by a tier heading or item 1."""
    if not state.match("unit_heading", line):
        return False
    following = state.next_is(line, "tier_heading", "item")
    if following is None or ("number" in following.re.groupindex and following["number"] != "1"):
        return False
    state.units.append(UnitDraft(name=line.text, category=state.category, heading=line))
    state.mode = Mode.UNITS
    state.open = None
    return True


def continuation(state: ParseState, line: Line) -> bool:
    """The rest of a sentence broken by a page attaches to the open record.

    An item that already ends with its points is complete: a stray line after it
    is reported as unplaced rather than silently changing the item's points.
    """
    if state.open is None:
        return False
    if isinstance(state.open, ItemDraft) and state.open.points is not None:
        return False
    state.open.add(line)
    return True


_DIGITS = "0123456789"
_ANY = frozenset(Mode)
_NOT_FOOTER = _ANY - {Mode.FOOTER}
# The table, in precedence order. The second column lists the only characters a
# line can start with (after cleaning and folding) for the rule to apply, or None
# for any; the third, the parts of the notice where it applies. Together they
# spare trying a dozen patterns on every item line.
RULES: tuple[tuple[Rule, str | None, frozenset[Mode]], ...] = (
    (footer_field, "主督抄", _ANY - {Mode.HEADER}),
    (printed, None, frozenset({Mode.FOOTER})),
    (printed_by, None, frozenset({Mode.FOOTER})),
    (header_issuer, None, frozenset({Mode.HEADER})),
    (header_doc_number, None, frozenset({Mode.HEADER})),
    (header_title, None, frozenset({Mode.HEADER})),
    (header_addressees, None, frozenset({Mode.HEADER})),
    (header_date, _DIGITS, frozenset({Mode.HEADER})),
    (citywide_heading, _DIGITS, frozenset({Mode.HEADER})),
    (shared_target, "一二三四五六七八九十", frozenset({Mode.HEADER, Mode.CITYWIDE, Mode.PART})),
    (tier_heading, "(", frozenset({Mode.UNITS})),
    (deduction_clause, "目", frozenset({Mode.UNITS})),
    (item, _DIGITS, frozenset({Mode.HEADER, Mode.CITYWIDE, Mode.UNITS})),
    (section_heading, None, _NOT_FOOTER),
    (unit_heading, None, _NOT_FOOTER),
    (header_preamble, None, frozenset({Mode.HEADER})),
    (continuation, None, _ANY),
)


def _rules(mode: Mode, first: str | None) -> tuple[Rule, ...]:
    """RULES that apply in this mode to a line starting with ``first`` (None: any other)."""
    return tuple(
        rule
        for rule, starts, modes in RULES
        if mode in modes and (starts is None or (first is not None and first in starts))
    )


# RULES as a lookup: for each mode, the rules for each character that some rule
# names, and the rules for every other character.
_BY_MODE: dict[Mode, tuple[dict[str, tuple[Rule, ...]], tuple[Rule, ...]]] = {
    mode: (
        {first: _rules(mode, first) for _, starts, _ in RULES for first in starts or ""},
        _rules(mode, None),
    )
    for mode in Mode
}


@dataclass(frozen=True)
class ParseResult:
    """The records of one notice and what the parser found on the way."""

    notice: Notice
    diagnostics: tuple[Diagnostic, ...]
    source: Source


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a notice's records are built.

    A parse allocates some 15,000 containers that stay alive (lines, drafts,
    records): the collector scans them again and again to find no cycles, about a
    fifth of the parse time (measured with gc.callbacks). Reference counting still
    frees whatever dies. Mercurial's ``util.nogc`` does the same for the same reason.
    A collector the caller has paused stays paused.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_source(source: Source) -> ParseResult:
    """Place every non-blank line in a record, then build the records."""
    with _collector_paused():
        return _parse(source)


def _parse(source: Source) -> ParseResult:
    state = ParseState(source)
    for line in source.lines:
        if line.is_blank:
            continue
        by_first, otherwise = _BY_MODE[state.mode]
        for rule in by_first.get(line.folded[0], otherwise):
            if rule(state, line):
                break
        else:
            state.unplaced(line)
    if not state.units and not state.citywide:
        what = (
            "is empty"
            if not any(not line.is_blank for line in source.lines)
            else ("holds no numbered targets and no units: not a target-responsibility notice")
        )
        raise InputError(what, path=source.label)
    if state.header and state.footer is None:
        last = max(line.number for line in source.lines if not line.is_blank)
        state.diagnostics.append(
            finding(
                "TD103",
                "the notice ends here without its footer (主办, 抄送, 印发): truncated?",
                file=source.label,
                line=last,
            )
        )
    notice, header_diagnostics = _build(state)
    return ParseResult(notice, tuple(header_diagnostics + state.diagnostics), source)


def _build(state: ParseState) -> tuple[Notice, list[Diagnostic]]:
    header, diagnostics = build_header(
        state.header,
        state.header_lines,
        state.preamble,
        [line.text for _, line in state.headings],
        file=state.source.label,
    )
    memo = ItemMemo(
        [
            *state.citywide,
            *(item for unit in state.units for tier in unit.tiers for item in tier.items),
        ]
    )
    # The records are built as plain data and validated once, as a whole: one pass
    # of pydantic's validator instead of thousands of constructor calls.
    data = {
        **header,
        "headings": [
            {"role": role, "text": line.text, "span": span_of([line])}
            for role, line in state.headings
        ],
        "citywide_targets": [draft.finish_citywide(memo) for draft in state.citywide],
        "common_target": state.shared[0].finish() if state.shared else None,
        "development_target": state.shared[1].finish() if len(state.shared) > 1 else None,
        "units": [unit.finish(memo) for unit in state.units],
        "footer": state.footer.finish() if state.footer else None,
        "source": {
            "file": state.source.name,
            "sha256": state.source.sha256,
            "encoding": state.source.encoding,
            "lines": len(state.source.lines),
        },
    }
    notice = Notice.model_validate(data)
    return notice, diagnostics
