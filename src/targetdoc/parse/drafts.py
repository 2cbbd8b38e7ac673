"""Records under construction, and how each becomes a record's plain data.

The parser's rules append source lines to drafts; ``finish`` joins the lines,
reads the points off the joined text and returns the record as plain data
(``RecordData``), which the engine validates as one ``Notice``. Points are read
here and nowhere else; an item's thresholds come from an ``ItemReader``.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from targetdoc import grammar
from targetdoc.models import Points, Threshold
from targetdoc.read.normalize import fold, join_lines, split_list
from targetdoc.read.source import Line

# Closing punctuation dropped from the end of a record's text (after folding).
_TRAILING_PUNCT = ";.。,、 "
# Characters at the end of an item that can hold its points suffix, （ 1000 分 ）；.
_POINTS_TAIL = 48


RecordData = dict[str, Any]


@functools.cache
def _points_suffix() -> re.Pattern[str]:
    return grammar.regex("points_suffix")


class ItemReader(Protocol):
    """Where finished items get their wording, points and thresholds (``ItemReadings``)."""

    def read(self, draft: ItemDraft) -> tuple[str, Points | None, list[Threshold]]:
        """The wording, points and thresholds of one item draft."""


def points_value(written: str) -> Points:
    """Points as written: 60 is an int, 2.5 an exact decimal (60.0 is 60)."""
    if "." not in written:
        return int(written)
    value = Decimal(written)
    return int(value) if value == value.to_integral_value() else value.normalize()


def span_of(lines: list[Line]) -> RecordData:
    """The span from the first to the last of these lines (rules add lines in order)."""
    return {"first": lines[0].number, "last": lines[-1].number}


def to_date(match: re.Match[str]) -> datetime.date | None:
    """A date from a match with year, month and day groups; None if it is no real date."""
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


@dataclass(slots=True)
class TextDraft:
    """Source lines that make one stretch of prose, joined when finished."""

    lines: list[Line] = field(default_factory=list)

    def add(self, line: Line) -> None:
        """Attach a line, such as the rest of a sentence broken by a page."""
        self.lines.append(line)

    def joined(self) -> tuple[str, str]:
        """The cleaned lines joined, and the same text folded (offsets agree)."""
        if len(self.lines) == 1:  # nearly every block: the line's own forms
            return self.lines[0].text, self.lines[0].folded
        text = join_lines([line.text for line in self.lines])
        return text, fold(text)


@dataclass(slots=True)
class ItemDraft(TextDraft):
    """A numbered target: the line with its number and any continuation lines."""

    number: int = 0
    body_start: int = 0  # where the wording starts on the first line, after its number

    def body(self) -> tuple[str, str, Points | None]:
        """The target's wording without its number and points, the same folded, the points."""
        text, folded = self.joined()
        start = self.body_start
        if folded[start : start + 1].isspace():  # the number pattern left a space
            start += len(folded[start:]) - len(folded[start:].lstrip())
        points = _points_suffix().search(folded, start)
        if points is None:
            end = max(start, len(folded.rstrip(_TRAILING_PUNCT)))
            return text[start:end], folded[start:end], None
        end = start + len(text[start : points.start()].rstrip())
        written = points["points"]
        value = int(written) if "." not in written else points_value(written)
        return text[start:end], folded[start:end], value

    @property
    def points(self) -> Points | None:
        """The trailing points, if the item's text has them yet.

        Read off the end of the text only, so that checking after every
        continuation line stays linear however many lines an item has.
        """
        if len(self.lines) == 1:
            tail = self.lines[0].folded[-_POINTS_TAIL:]
        else:
            parts: list[str] = []
            for line in reversed(self.lines):
                parts.insert(0, line.text)
                if sum(len(part) for part in parts) >= _POINTS_TAIL:
                    break
            tail = fold(join_lines(parts)[-_POINTS_TAIL:])
        found = _points_suffix().search(tail)
        if found is None:
            return None
        written = found["points"]
        return int(written) if "." not in written else points_value(written)

    def finish_item(self, readings: ItemReader) -> RecordData:
        """The scored item record."""
        text, points, thresholds = readings.read(self)
        return {
            "number": self.number,
            "text": text,
            "points": points,
            "thresholds": thresholds,
            "span": span_of(self.lines),
        }

    def finish_citywide(self, readings: ItemReader) -> RecordData:
        """The city-wide target record: an item record without points (they carry none)."""
        record = self.finish_item(readings)
        del record["points"]
        return record


@dataclass(slots=True)
class TierDraft:
    """A tier heading and its items; implicit for a county's single 700-point block."""

    name: str
    declared_points: Points | None
    heading: Line | None
    implicit: bool = False
    items: list[ItemDraft] = field(default_factory=list)

    def finish(self, readings: ItemReader) -> RecordData:
        """The tier record."""
        return {
            "name": self.name,
            "declared_points": self.declared_points,
            "implicit": self.implicit,
            "items": [item.finish_item(readings) for item in self.items],
            "span": span_of(self.ends()),
        }

    def ends(self) -> list[Line]:
        """The tier's first and last lines: its heading (if any) to its last item."""
        ends = [self.heading] if self.heading else []
        if self.items:
            ends += [self.items[0].lines[0], self.items[-1].lines[-1]]
        return ends


@dataclass(slots=True)
class UnitDraft:
    """A unit heading with its tiers and deduction clause."""

    name: str
    category: str
    heading: Line
    tiers: list[TierDraft] = field(default_factory=list)
    clause: TextDraft | None = None

    def last_item_number(self) -> int:
        """The number of the unit's latest item; item numbers run on across tiers."""
        for tier in reversed(self.tiers):
            if tier.items:
                return tier.items[-1].number
        return 0

    def finish(self, readings: ItemReader) -> RecordData:
        """The unit record; a unit with an implicit tier is a county."""
        lines = [self.heading, *(end for tier in self.tiers for end in tier.ends())]
        clause = None
        if self.clause is not None:
            lines += self.clause.lines
            clause = {"text": self.clause.joined()[0], "span": span_of(self.clause.lines)}
        implicit = bool(self.tiers) and self.tiers[0].implicit
        return {
            "name": self.name,
            "kind": "county" if implicit else "department",
            "category": self.category,
            "tiers": [tier.finish(readings) for tier in self.tiers],
            "deduction_clause": clause,
            "span": span_of(lines),
        }


@dataclass(slots=True)
class SharedDraft(TextDraft):
    """A block for every unit: its heading line gives name and points, the rest is text."""

    name: str = ""
    points: Points = 0

    def finish(self) -> RecordData:
        """The shared-target record; its text is what follows the points."""
        text, folded = self.joined()
        heading = grammar.regex("shared_target").match(folded)
        rest = text[heading.start("rest") :] if heading else text
        return {
            "name": self.name,
            "points": self.points,
            "text": rest.strip(),
            "span": span_of(self.lines),
        }


@dataclass(slots=True)
class FooterDraft:
    """The colophon's labelled fields; an unlabelled line continues the last field."""

    lines: list[Line] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)
    last_label: str | None = None
    printed_by: str | None = None
    printed_on: datetime.date | None = None
    closed: bool = False  # the 印发 line ends the notice

    def start_field(self, label: str, value: str, line: Line) -> None:
        """Start a labelled field such as 抄送：…"""
        self.lines.append(line)
        self.fields.setdefault(label, []).append(value)
        self.last_label = label

    def add(self, line: Line) -> None:
        """A continuation, such as the second line of 抄送."""
        self.lines.append(line)
        if self.last_label is not None:
            self.fields[self.last_label].append(line.text)

    def finish(self) -> RecordData:
        """The footer record; 抄送 is split into its recipients."""

        def single(label: str) -> str | None:
            parts = self.fields.get(label)
            return join_lines(parts).strip() if parts else None

        cc = split_list(join_lines(self.fields.get("抄送", [])))
        return {
            "sponsor": single("主办"),
            "supervisor": single("督办"),
            "cc": cc,
            "printed_by": self.printed_by,
            "printed_on": self.printed_on,
            "span": span_of(self.lines),
        }
