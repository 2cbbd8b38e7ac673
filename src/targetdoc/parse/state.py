"""What the line rules read and write while the lines go by: the parse state.

``Mode`` says where in the notice the parser is; ``ParseState`` holds the records
under construction and the findings, and offers the rules their few operations:
match a named pattern, look at the next line, decline with a reason, report a line.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from targetdoc import grammar
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.parse.drafts import (
    FooterDraft,
    ItemDraft,
    ItemForms,
    SharedDraft,
    TextDraft,
    UnitDraft,
)
from targetdoc.read.source import Line, Source


class Mode(enum.Enum):
    """Where in the notice the parser is; parts come in this order."""

    HEADER = "header"
    CITYWIDE = "citywide"
    PART = "part"
    UNITS = "units"
    FOOTER = "footer"

    # Hash by identity: the rule table is looked up by mode on every line
    # (docs/performance.md).
    __hash__ = object.__hash__


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The notice grammar's compiled patterns, by name."""
    return {name: pattern.regex for name, pattern in grammar.patterns().items()}


@dataclass
class ParseState:
    """Everything the rules read and write while the lines go by."""

    source: Source
    mode: Mode = Mode.HEADER
    header: dict[str, str] = field(default_factory=dict)
    header_lines: list[Line] = field(default_factory=list)
    preamble: TextDraft = field(default_factory=TextDraft)
    headings: list[tuple[str, Line]] = field(default_factory=list)
    citywide: list[ItemDraft] = field(default_factory=list)
    shared: list[SharedDraft] = field(default_factory=list)
    category: str = ""
    units: list[UnitDraft] = field(default_factory=list)
    footer: FooterDraft | None = None
    open: TextDraft | FooterDraft | None = None
    findings: list[Finding] = field(default_factory=list)
    patterns: dict[str, re.Pattern[str]] = field(default_factory=_patterns)
    why: str | None = None  # why the last rule that matched its pattern still declined
    # The unit a document without unit headings is (a 目标责任书): --unit, else its title's.
    unit_name: str | None = None
    letter: bool = False  # the title is a 目标责任书's: no letterhead is expected
    forms: ItemForms | None = None  # item forms a profile writes otherwise (None: the grammar's)
    # The rule table by mode and first character, for these patterns (engine.dispatch).
    dispatch: Any = None

    def match(self, name: str, line: Line) -> re.Match[str] | None:
        """Match a named pattern against the line's folded form."""
        return self.patterns[name].match(line.folded)

    def next_is(self, line: Line, *names: str) -> re.Match[str] | None:
        """Whether the next non-blank line matches one of the named patterns."""
        following = self.source.next_content(line.number)
        if following is None:
            return None
        for name in names:
            match = self.match(name, following)
            if match:
                return match
        return None

    def decline(self, why: str) -> bool:
        """A rule's pattern fits but the line is not its: say why (the trace shows it)."""
        self.why = why
        return False

    def web_page(self, line: Line) -> None:
        """Report a line of the web page around the document (TD109): in no record."""
        self.findings.append(web_page_finding(self.source, line))

    def unplaced(self, line: Line, why: str) -> None:
        """Report a line that no record takes (TD101)."""
        self.findings.append(
            Finding.of(
                "TD101",
                N_("line not placed in any record: {why}"),
                values={"why": why},
                file=self.source.label,
                line=line.number,
                column=1,
            )
        )

    @property
    def unit(self) -> UnitDraft | None:
        """The unit being read, if any: the latest, for the rules that run among units."""
        return self.units[-1] if self.units else None


def web_page_finding(source: Source, line: Line) -> Finding:
    """TD109 for a line of the web page a document was copied from."""
    return Finding.of(
        "TD109",
        N_("a line of the web page around the document, in no record"),
        values={},
        file=source.label,
        line=line.number,
        column=1,
    )
