"""The line rules, and ``RULES``: their table in precedence order.

Each rule is ``(state, line) -> bool``: on success it places the line in a record
and returns True, otherwise the next rule is tried. The order of ``RULES`` is the
grammar's precedence, written once. Parts are recognised by content and shape,
never by the number of ``#`` marks, because the notice's heading marks are
inconsistent (``## 市教育局``, ``### 义马市``, ``**市商务局**`` are all units).

A rule whose pattern fits a line it still cannot take returns
``state.decline(why)``, so that ``targetdoc parse --trace`` can say why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.numerals import circled_value, from_chinese
from targetdoc.parse.drafts import (
    RANKS,
    FooterDraft,
    ItemDraft,
    SharedDraft,
    TextDraft,
    TierDraft,
    UnitDraft,
    ordinal_value,
    points_value,
    to_date,
)
from targetdoc.parse.state import Mode, ParseState
from targetdoc.read.normalize import fold
from targetdoc.read.source import Line

Rule = Callable[[ParseState, Line], bool]


# --- around the notice --------------------------------------------------------------


def web_page_text(state: ParseState, line: Line) -> bool:
    """Navigation, site notes and links of the page a notice was copied from: reported
    (TD109, for information), and nothing else changes: an item they interrupt goes on
    after them."""
    if not state.match("web_page_text", line):
        return False
    state.web_page(line)
    return True


# --- the colophon -------------------------------------------------------------------


def footer_field(state: ParseState, line: Line) -> bool:
    """主办：… 督办：… 抄送：… start the footer wherever they appear after the header."""
    match = state.match("footer_field", line)
    if not match:
        return False
    if state.footer is not None and state.footer.closed:
        # What follows the 印发 line is not this notice (a second notice pasted after it).
        return state.decline("the footer already ended with its 印发 line")
    if state.footer is None:
        state.footer = FooterDraft()
    state.mode = Mode.FOOTER
    state.footer.start_field(match["label"], line.text[match.start("value") :], line)
    state.open = state.footer
    return True


def printed(state: ParseState, line: Line) -> bool:
    """2020年8月22日印发, optionally after the printing office, ends the notice."""
    match = state.match("printed", line)
    if not match:
        return False
    if state.footer is None:
        return state.decline("no footer field (主办, 抄送) came before it")
    if state.footer.closed:
        return state.decline("the footer already ended with its 印发 line")
    state.footer.lines.append(line)
    state.footer.printed_on = to_date(match)
    by = line.text[: match.end("printed_by")].strip()
    if by:
        state.footer.printed_by = by
    state.footer.closed = True
    state.open = None
    return True


def printed_by(state: ParseState, line: Line) -> bool:
    """The printing office stands alone on the line before the 印发 date."""
    if state.footer is None:
        return state.decline("no footer field (主办, 抄送) came before it")
    if state.footer.closed:
        return state.decline("the footer already ended with its 印发 line")
    if not state.next_is(line, "printed"):
        return state.decline("the next line is not the 印发 date")
    state.footer.lines.append(line)
    state.footer.printed_by = line.text
    state.open = None
    return True


# --- the header ---------------------------------------------------------------------


def _header_rule(pattern_name: str, key: str) -> Rule:
    def rule(state: ParseState, line: Line) -> bool:
        match = state.match(pattern_name, line)
        if not match:
            return False
        if key in state.header:
            return state.decline(f"the header already has its {key.replace('_', ' ')}")
        state.header[key] = line.text[match.start(key) : match.end(key)]
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


def header_letter_title(state: ParseState, line: Line) -> bool:
    """桃花镇2021年度目标管理责任书: the title of a letter to one unit, which it names."""
    match = state.match("letter_title", line)
    if not match:
        return False
    if "title" in state.header:
        return state.decline("the header already has its title")
    state.header["title"] = line.text[match.start("title") : match.end("title")]
    state.header_lines.append(line)
    state.letter = True
    if state.unit_name is None:
        state.unit_name = line.text[match.start("unit") : match.end("unit")]
    state.open = None
    return True


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
        return state.decline("the next line is not a numbered item")
    state.headings.append(("citywide", line))
    state.mode = Mode.CITYWIDE
    state.open = None
    return True


def shared_target(state: ParseState, line: Line) -> bool:
    """一、共同性目标（300分） and 二、…责任目标（700分）。具体如下： apply to every unit."""
    match = state.match("shared_target", line)
    if not match:
        return False
    if state.next_is(line, *_CONTENT):
        return state.decline("a heading or an item follows: a section, not a shared block")
    if len(state.shared) == _SHARED_BLOCKS:
        # A third block (a repeated line?) has no record: report it, merge it nowhere.
        state.unplaced(line, f"a notice has {_SHARED_BLOCKS} shared blocks; this is one more")
        state.open = None
        return True
    draft = SharedDraft(name=line.text[match.start("name") : match.end("name")])
    draft.points = points_value(match["points"])
    draft.add(line)
    state.shared.append(draft)
    state.mode = Mode.PART
    state.open = draft
    return True


# --- units, tiers and items -------------------------------------------------------------

# What follows a heading that has content of its own.
_CONTENT = ("section_heading", "tier_heading", "item")


def _document_unit(state: ParseState, line: Line) -> UnitDraft:
    """The unit a document without unit headings is: --unit, the letter's title, else
    what the notice's title says it is about (2021年重点工作任务分解方案)."""
    name = state.unit_name
    if name is None and "title" in state.header:
        about = state.patterns["title"].match(fold(state.header["title"]))
        name = state.header["title"]
        if about is not None:
            name = name[about.start("subject") : about.end("subject")]
    unit = UnitDraft(name=name or line.text, category=state.category, heading=line)
    state.units.append(unit)
    state.mode = Mode.UNITS
    return unit


def _heading_unit(state: ParseState, line: Line) -> UnitDraft | None:
    """The unit a section or tier heading belongs to: the current one, else the document
    (when content follows the heading and no unit heading came before it)."""
    if state.mode is Mode.UNITS and state.unit is not None:
        return state.unit
    if state.units or not state.next_is(line, *_CONTENT):
        return None
    return _document_unit(state, line)


def section_heading(state: ParseState, line: Line) -> bool:
    """一、经济发展（600分）: a section of the unit, above its tiers and items."""
    match = state.match("section_heading", line)
    if not match:
        return False
    if not state.next_is(line, *_CONTENT):
        if state.mode is not Mode.HEADER and state.next_is(line, "org_heading"):
            # 一、各县（区） over the units' names: a category of units, not a section.
            state.headings.append(("category", line))
            state.category = line.text[match.start("name") : match.end("name")]
            state.mode = Mode.UNITS
            state.open = None
            return True
        return state.decline("no heading or item follows it")
    unit = _heading_unit(state, line)
    if unit is None:
        return state.decline("it stands before the units, and none of its own")
    name = line.text[match.start("name") : match.end("name")]
    points = points_value(match["points"]) if match["points"] else None
    tier = TierDraft(name=name, declared_points=points, heading=line, rank=RANKS["section"])
    unit.open_section(tier)
    state.open = None
    return True


def tier_heading(state: ParseState, line: Line) -> bool:
    """（一）重点目标（500分）, in any width and markup, opens a tier of the current unit."""
    match = state.match("tier_heading", line)
    if not match:
        return False
    unit = _heading_unit(state, line)
    if unit is None:
        return False
    name = line.text[match.start("name") : match.end("name")]
    points = points_value(match["points"]) if match["points"] else None
    unit.open_section(TierDraft(name=name, declared_points=points, heading=line))
    state.open = None
    return True


def deduction_clause(state: ParseState, line: Line) -> bool:
    """目标考核减分因素：… closes a county; lines after a page break continue it."""
    unit = state.unit
    if unit is None or not state.match("deduction_clause", line):
        return False
    # A unit has one clause; a second one (a lost unit heading) is reported, not merged.
    if unit.clause is not None:
        return state.decline(f"{unit.name} already has its deduction clause")
    unit.clause = TextDraft([line])
    state.open = unit.clause
    return True


def item(state: ParseState, line: Line) -> bool:
    """A numbered target, city-wide (no points) or of the current unit."""
    match = state.match("item", line)
    if not match:
        return False
    written = match["number"]
    if written is not None:  # 1. 1、: nearly every item
        form, number = "number", int(written)
    else:
        numbered = _other_form(match)
        if numbered is None:
            return state.decline(f"{match[0][:6]} has no number")
        form, number = numbered
    rank = RANKS[form]
    if state.mode is not Mode.UNITS and state.letter and not state.units:
        # A letter's targets with no section above them (a table of them, say).
        _document_unit(state, line)
    if state.mode is not Mode.UNITS:  # the header or the city-wide list
        if form != "number":
            return state.decline("a city-wide target is numbered 1. 2. 3.")
        draft = ItemDraft([line], number=number, body_start=match.start("body"), forms=state.forms)
        state.citywide.append(draft)
        state.mode = Mode.CITYWIDE
        state.open = draft
        return True
    return _unit_item(state, line, match, rank, number)


def _unit_item(state: ParseState, line: Line, match: re.Match[str], rank: int, number: int) -> bool:
    """An item of the current unit, in its open item, section or tier."""
    unit = state.unit
    if unit is None:
        return state.decline("no unit heading came before it")
    open_item = state.open if isinstance(state.open, ItemDraft) else None
    # A page break can start a line with a number ("10" of "10个工作日"): while the
    # open item still lacks its points, only the next number opens a new item.
    # (Numbering itself, gaps and restarts, is checked by targetdoc validate.)
    expected = unit.last_item_number(rank) + 1
    if (
        number != expected
        and open_item is not None
        and open_item.rank == rank
        and open_item.points is None
    ):
        return state.decline(f"item {expected} was next, and item {open_item.number} has no points")
    draft = ItemDraft(
        [line], number=number, body_start=match.start("body"), rank=rank, forms=state.forms
    )
    if not unit.tiers:  # items straight under the unit: its implicit tier
        unit.tiers.append(_implicit_tier(state))
    if open_item is None:  # a clause or heading came between: no part of an earlier item
        unit.open_items.clear()
    unit.add_item(draft)
    state.open = draft
    if line.folded.count("分") > 1:  # a second item's points on the line? (rare: look)
        _next_item_on_line(state, line, number)
    return True


# The item pattern's numbering forms (its named groups), and their numbers as written.
_NUMBER_FORMS = ("number", "paren", "rparen", "circled", "pcircled", "article")


def _other_form(match: re.Match[str]) -> tuple[str, int] | None:
    """The numbering form of an item not numbered 1. or 1、, and its number (None for a
    第…条 that holds no number, 第一二条)."""
    form = next(name for name in _NUMBER_FORMS if match[name] is not None)
    written = match[form]
    number = ordinal_value(written) if form == "article" else _number_of(written)
    return None if number is None else (form, number)


def _number_of(written: str) -> int:
    """1, 12, ① or ⑴ as an int."""
    if written.isdecimal() and written.isascii():
        return int(written)
    first = "①" if "①" <= written <= "⑳" else "⑴"
    return ord(written) - ord(first) + 1


def _next_item_on_line(state: ParseState, line: Line, number: int) -> None:
    """1. …（60分）；2. …（60分）； on one line: report it where it is (TD104).

    The line cannot be split into two records (every record spans whole lines), and
    read as one item it would take the second item's text and points silently.
    """
    match = state.patterns["next_item_on_line"].search(line.folded)
    if match is not None:
        state.findings.append(
            Finding.of(
                "TD104",
                N_(
                    "item {next} starts on the line of item {number}, after its points: "
                    "put it on a line of its own"
                ),
                values={"next": match["number"], "number": number},
                file=state.source.label,
                line=line.number,
                column=match.start("number") + 1,
            )
        )


def _implicit_tier(state: ParseState) -> TierDraft:
    """A county's items sit directly under the shared 700-point block."""
    block = state.shared[-1] if state.shared else None
    return TierDraft(
        name=block.name if block else "",
        declared_points=block.points if block else None,
        heading=None,
        implicit=True,
    )


def category_heading(state: ParseState, line: Line) -> bool:
    """…责任目标 headings: the whole part before the shared blocks, else a category."""
    if not state.match("category_heading", line):
        return False
    if state.next_is(line, "item", "tier_heading"):
        return state.decline("the next line is an item or a tier heading")
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
    following = state.next_is(line, "tier_heading", "item", "section_heading")
    if following is None:
        return state.decline("the next line is neither a section or tier heading nor an item")
    forms = following.re.groupindex
    first = next((following[f] for f in _NUMBER_FORMS if f in forms and following[f]), None)
    if first is not None and not _is_first(first):
        return state.decline(f"the next line is item {first}, not item 1")
    state.units.append(UnitDraft(name=line.text, category=state.category, heading=line))
    state.mode = Mode.UNITS
    state.open = None
    return True


def _is_first(written: str) -> bool:
    """Whether a number as written is the first of its form: 1, ①, ⑴, 一."""
    if written.isascii():
        return written.strip() == "1"
    return circled_value(written) == 1 or from_chinese(written) == 1


def continuation(state: ParseState, line: Line) -> bool:
    """The rest of a sentence broken by a page attaches to the open record.

    An item that already ends with its points is complete: a stray line after it
    is reported as unplaced rather than silently changing the item's points.
    """
    if state.open is None:
        return state.decline("no record is open to continue")
    if isinstance(state.open, ItemDraft) and state.open.points is not None:
        return state.decline(f"item {state.open.number} already ended with its points")
    if state.source.style(line.number):
        # A PDF's heading hint: a line set bold, centred, larger or in another font
        # family is no sentence's end.
        return state.decline(
            "the PDF sets it apart as a heading (bold, centred, larger or in another font family)"
        )
    state.open.add(line)
    return True


class LineRule(NamedTuple):
    """A rule, the modes it applies in, and the grammar pattern it matches first (if
    any): the characters that pattern can start with spare trying it on other lines."""

    name: str
    function: Rule
    modes: frozenset[Mode]
    pattern: str | None


_ANY = frozenset(Mode)
_NOT_FOOTER = _ANY - {Mode.FOOTER}


def _rule(function: Rule, modes: frozenset[Mode], pattern: str | None) -> LineRule:
    return LineRule(function.__name__, function, modes, pattern)


# The table, in precedence order.
RULES: tuple[LineRule, ...] = (
    _rule(web_page_text, _ANY, "web_page_text"),
    _rule(footer_field, _ANY - {Mode.HEADER}, "footer_field"),
    _rule(printed, frozenset({Mode.FOOTER}), "printed"),
    _rule(printed_by, frozenset({Mode.FOOTER}), None),
    _rule(header_issuer, frozenset({Mode.HEADER}), "issuer"),
    _rule(header_doc_number, frozenset({Mode.HEADER}), "doc_number"),
    _rule(header_title, frozenset({Mode.HEADER}), "title"),
    _rule(header_letter_title, frozenset({Mode.HEADER}), "letter_title"),
    _rule(header_addressees, frozenset({Mode.HEADER}), "addressees"),
    _rule(header_date, frozenset({Mode.HEADER}), "date_line"),
    _rule(citywide_heading, frozenset({Mode.HEADER}), "citywide_heading"),
    _rule(shared_target, frozenset({Mode.HEADER, Mode.CITYWIDE, Mode.PART}), "shared_target"),
    _rule(section_heading, _NOT_FOOTER, "section_heading"),
    _rule(tier_heading, _NOT_FOOTER, "tier_heading"),
    _rule(deduction_clause, frozenset({Mode.UNITS}), "deduction_clause"),
    _rule(item, frozenset({Mode.HEADER, Mode.CITYWIDE, Mode.UNITS}), "item"),
    _rule(category_heading, _NOT_FOOTER, "category_heading"),
    _rule(unit_heading, _NOT_FOOTER, "unit_heading"),
    _rule(header_preamble, frozenset({Mode.HEADER}), None),
    _rule(continuation, _ANY, None),
)
