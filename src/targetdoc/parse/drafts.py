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
from typing import Any, NamedTuple, Protocol

from targetdoc import grammar
from targetdoc.models import Points, Threshold
from targetdoc.numerals import digits_from_chinese, from_chinese
from targetdoc.parse.scoring_rules import read_rules
from targetdoc.parse.unit_kinds import unit_kind
from targetdoc.read.normalize import fold, join_lines, split_list
from targetdoc.read.source import Line

# Closing punctuation dropped from the end of a record's text (after folding).
_TRAILING_PUNCT = ";.。,、 "
# Characters at the end of an item that can hold its points suffix, （ 1000 分 ）；.
_POINTS_TAIL = 48


RecordData = dict[str, Any]


class ItemForms(NamedTuple):
    """The patterns an item's wording is read with: its points at the end, or after a
    short heading; the responsible units of a task list; a bracketed number without 分.
    A profile may write any of them otherwise."""

    suffix: re.Pattern[str]
    leading: re.Pattern[str]
    responsible: re.Pattern[str]
    bare: re.Pattern[str]

    @classmethod
    def of(cls, patterns: dict[str, re.Pattern[str]]) -> ItemForms:
        """The forms among a set of named patterns (the grammar's, a profile's over them)."""
        return cls(
            patterns["points_suffix"],
            patterns["points_leading"],
            patterns["responsible"],
            patterns["bare_points"],
        )


@functools.cache
def grammar_forms() -> ItemForms:
    """The notice grammar's item forms."""
    return ItemForms.of({name: p.regex for name, p in grammar.patterns().items()})


@functools.cache
def _unit_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The last words of a responsible unit's name (of any organisation's), and the roles
    written after it, longest first."""
    lexicons = grammar.grammar().lexicons
    suffixes = tuple(sorted({*lexicons["unit_suffixes"], *lexicons["org_suffixes"]}))
    return suffixes, tuple(sorted(lexicons["unit_roles"], key=len, reverse=True))


class ItemBody(NamedTuple):
    """What an item's lines say: its wording (as written, and folded), its points, the
    units responsible for it, and a bracketed number without 分 where points stand."""

    text: str
    folded: str
    points: Points | None
    responsible: list[str]
    bare_points: str | None


class ItemReader(Protocol):
    """Where finished items get their wording, points and thresholds (``ItemReadings``)."""

    def read(self, draft: ItemDraft) -> tuple[ItemBody, list[Threshold]]:
        """The reading and thresholds of one item draft."""


# A label before a list's names, where a name or the list starts (各项目牵头单位 is a name).
_LABEL = re.compile(
    r"(?:^|(?<=[,，;；(（\s]))"
    r"(?:牵头单位|责任单位|牵头部门|责任部门|配合单位|配合部门|协办单位|参与单位|主责单位|责任主体"
    r"|责任股室|责任科室|责任处室)"
    r"\s*[:：]?"
)
# Two names run together in one cell, 区发改局区统计局: a unit's last word, then the
# first of the next (an area's, or 各).
_RUN_TOGETHER = re.compile(r"(?<=[局委办室厅院所队站心股科处])(?=[区市县镇乡各])")
# A role written in a bracket after a name: 区住建局（牵头）.
_BRACKETED_ROLE = re.compile(r"[(（]\s*(?:牵头|负责|配合|参与)\s*[)）]")
# A remark in a bracket after the last name of a list: …行政审批局（列第一位者为牵头单位，
# 下同）. It says how to read the list; it names no unit.
_BRACKETED_REMARK = re.compile(r"[(（][^()（）]*(?:下同|第一位|为牵头|為牽頭)[^()（）]*[)）]\s*$")


def _split_names(units: str) -> list[str]:
    """Names listed with commas, 、 or semicolons outside brackets: 各县（市、区）政府 is one."""
    names, depth, start = [], 0, 0
    for index, char in enumerate(units):
        if char in "(（〔[【":
            depth += 1
        elif char in ")）〕]】":
            depth = max(0, depth - 1)
        elif depth == 0 and char in ",，、;；/":
            names.append(units[start:index].strip())
            start = index + 1
    names.append(units[start:].strip())
    return [name for name in names if name]


# The longest a labelled name that ends on no unit's word may be (驻市高校, 人民银行).
_LABELLED_NAME = 16


def unit_names(listed: str) -> list[str] | None:
    """Names of units as a bracket, a cell or a line lists them, labels and roles set
    aside (牵头单位：市委组织部，配合单位：市国资委 → 市委组织部, 市国资委; 区住建局（牵头）
    → 区住建局); None where a name is no organisation's (a bracketed note)."""
    suffixes, roles = _unit_words()
    names = []
    # Labelled names are units whatever they end on (配合单位：驻市高校).
    labelled = _LABEL.search(fold(listed)) is not None
    listed = _BRACKETED_REMARK.sub("", listed.strip())
    listed = _RUN_TOGETHER.sub("、", _BRACKETED_ROLE.sub("", _LABEL.sub("，", listed)))
    for part in _split_names(listed):
        name = part.strip(" ：:")
        role = next((word for word in roles if name.endswith(word) and name != word), None)
        bare = name[: -len(role)].strip() if role else name
        if not bare:
            continue
        folded = fold(bare)
        known = folded.startswith("各") or any(folded.endswith(s) for s in suffixes)
        if not known and not (labelled and len(folded) <= _LABELLED_NAME):
            return None
        names.append(bare)
    return names or None


def responsible_units(
    text: str, folded: str, start: int, pattern: re.Pattern[str]
) -> tuple[list[str], int] | None:
    """The responsible units at the end of an item's text, and where their bracket starts.

    Every name must end in a unit suffix (局, 委, 政府 …) once its role (牵头, 负责) is
    set aside; a bracketed note such as （均含配套设施） is no list of units.
    """
    match = pattern.search(folded, start)
    if match is None:
        return None
    names = unit_names(text[match.start("units") : match.end("units")])
    return None if names is None else (names, match.start())


def ordinal_value(written: str) -> int | None:
    """一 … 九十九 as an int: 十二 is 12, 二十 is 20, 二十三 is 23; None for what is no
    number (一二, 十十, 二十二十)."""
    value = from_chinese(written)
    return value if value is not None and 0 < value < _ORDINAL_LIMIT else None


_ORDINAL_LIMIT = 100


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
    """A date from a match of the grammar's date: year, month and day in digits, or in
    Chinese numerals (二〇二一年三月一日); None if it is no real date."""
    try:
        if match["year"] is not None:
            return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
        year = digits_from_chinese(match["cn_year"])
        month, day = ordinal_value(match["cn_month"]), ordinal_value(match["cn_day"])
        if year is None or month is None or day is None:
            return None
        return datetime.date(year, month, day)
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


# The level of each numbering form, as 公文 nests them: 一、 above （一） above 1. above
# （1） above ①. A form deeper than the open item's is a part of that item.
RANKS = {"section": 1, "tier": 2, "number": 3, "article": 3, "paren": 4, "rparen": 4}
RANKS["pcircled"] = 4
RANKS["circled"] = 5


@dataclass(slots=True)
class ItemDraft(TextDraft):
    """A numbered target: the line with its number and any continuation lines.

    Items numbered in a deeper form, （1） under 1、, are its ``children`` until the
    unit is settled: a part with points of its own makes the item a section, parts
    without points are the rest of its text.
    """

    number: int = 0
    body_start: int = 0  # where the wording starts on the first line, after its number
    rank: int = 3
    children: list[ItemDraft] = field(default_factory=list)
    own: int = 0  # lines that are the item's own, when its parts were joined to it (0: all)
    forms: ItemForms | None = None  # the profile's, if it writes them otherwise
    part_starts: frozenset[int] = frozenset()  # the first line of each part joined to it

    def body(self) -> ItemBody:
        """The target's wording without its number and points, the same folded, the
        points (at the end, else after a short heading), and the units responsible."""
        if self.own:
            own = TextDraft(self.lines[: self.own])
            text, folded = own.joined()
        else:
            text, folded = self.joined()
        start = self.body_start
        if folded[start : start + 1].isspace():  # the number pattern left a space
            start += len(folded[start:]) - len(folded[start:].lstrip())
        forms = self.forms or grammar_forms()
        points = forms.suffix.search(folded, start)
        if points is not None:
            end = start + len(text[start : points.start()].rstrip(_TRAILING_PUNCT))
            written = points["points"]
            value = int(written) if "." not in written else points_value(written)
            if folded[end - 1 : end] == ")":  # …（市发改委牵头）（10分）: the units before
                units = responsible_units(text[:end], folded[:end], start, forms.responsible)
                if units is not None:
                    names, bracket = units
                    cut = start + len(text[start:bracket].rstrip(_TRAILING_PUNCT))
                    return self._with_parts(text[start:cut], folded[start:cut], value, names, None)
            if not self.own:  # nearly every item
                return ItemBody(text[start:end], folded[start:end], value, [], None)
            return self._with_parts(text[start:end], folded[start:end], value, [], None)
        leading = forms.leading.match(folded[start:])  # anchored at the wording's start
        if leading is not None:  # 粮食生产（3分）：粮食产量… reads 粮食生产：粮食产量…
            cut, resume = start + leading.end("heading"), start + leading.end() - 1
            end = max(resume, len(folded.rstrip(_TRAILING_PUNCT)))
            wording = text[start:cut] + text[resume:end]
            return self._with_parts(
                wording, fold(wording), points_value(leading["points"]), [], None
            )
        units = responsible_units(text, folded, start, forms.responsible)
        if units is not None:
            names, bracket = units
            end = max(start, start + len(text[start:bracket].rstrip(_TRAILING_PUNCT)))
            return self._with_parts(text[start:end], folded[start:end], None, names, None)
        bare = forms.bare.search(folded, start)
        end = max(start, len(folded.rstrip(_TRAILING_PUNCT)))
        return self._with_parts(
            text[start:end], folded[start:end], None, [], bare["number"] if bare else None
        )

    def _with_parts(
        self,
        text: str,
        folded: str,
        points: Points | None,
        responsible: list[str],
        bare: str | None,
    ) -> ItemBody:
        """The reading, with the lines of parts joined to the item after its own."""
        if self.own and self.own < len(self.lines):  # its parts, one space apart
            for line in self.lines[self.own :]:
                if line.number in self.part_starts:
                    text += " " + line.text
                else:  # the rest of a part's sentence
                    text = join_lines([text, line.text])
            text = text.rstrip(_TRAILING_PUNCT)
            folded = fold(text)
        return ItemBody(text, folded, points, responsible, bare)

    def scored_parts(self) -> bool:
        """Whether a part (or a part of a part) has points of its own."""
        return any(
            child.body().points is not None or child.scored_parts() for child in self.children
        )

    def absorb_parts(self) -> None:
        """Parts without points are the rest of the item's text, in the notice's order."""
        lines = [line for child in self.children for line in child.all_lines()]
        if lines:
            self.part_starts = frozenset(part.lines[0].number for part in self._parts())
            self.own = len(self.lines)
            self.lines = [*self.lines, *sorted(lines, key=lambda line: line.number)]
        self.children = []

    def _parts(self) -> list[ItemDraft]:
        return [part for child in self.children for part in (child, *child._parts())]

    def all_lines(self) -> list[Line]:
        """The item's lines and its parts', in the notice's order."""
        return [*self.lines, *(line for child in self.children for line in child.all_lines())]

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
        found = (self.forms or grammar_forms()).suffix.search(tail)
        if found is None:
            return None
        written = found["points"]
        return int(written) if "." not in written else points_value(written)

    def finish_item(self, readings: ItemReader) -> RecordData:
        """The scored item record."""
        body, thresholds = readings.read(self)
        record: RecordData = {
            "number": self.number,
            "text": body.text,
            "points": body.points,
            "thresholds": thresholds,
            "span": span_of(self.lines),
        }
        if body.responsible:
            record["responsible"] = body.responsible
        rules = read_rules(body.text)
        if rules:
            record["rules"] = rules
        return record

    def finish_citywide(self, readings: ItemReader) -> RecordData:
        """The city-wide target record: an item record without points (they carry none)."""
        record = self.finish_item(readings)
        del record["points"]
        record.pop("responsible", None)
        record.pop("rules", None)
        return record


@dataclass(slots=True)
class TierDraft:
    """A tier heading, its items and its sections; implicit for a county's single
    700-point block."""

    name: str
    declared_points: Points | None
    heading: Line | None
    implicit: bool = False
    items: list[ItemDraft] = field(default_factory=list)
    rank: int = 2
    tiers: list[TierDraft] = field(default_factory=list)
    number: int | None = None  # the item number of a section that was an item

    def settle(self) -> None:
        """Items whose parts have points become sections; other parts join their item."""
        items: list[ItemDraft] = []
        for item in self.items:
            if item.children and item.scored_parts():
                body = item.body()
                section = TierDraft(
                    name=body.text,
                    declared_points=body.points,
                    heading=item.lines[0],
                    items=item.children,
                    rank=item.rank,
                    number=item.number,
                )
                self.tiers.append(section)
            else:
                if item.children:
                    item.absorb_parts()
                items.append(item)
        self.items = items
        self.tiers.sort(key=lambda tier: tier.ends()[0].number)
        for tier in self.tiers:
            tier.settle()

    def item_drafts(self) -> list[ItemDraft]:
        """The items of the tier and of its sections, depth first."""
        return [*self.items, *(item for tier in self.tiers for item in tier.item_drafts())]

    def finish(self, readings: ItemReader) -> RecordData:
        """The tier record."""
        record: RecordData = {
            "name": self.name,
            "declared_points": self.declared_points,
            "implicit": self.implicit,
            "items": [item.finish_item(readings) for item in self.items],
            "span": span_of(self.ends()),
        }
        if self.tiers:
            record["tiers"] = [tier.finish(readings) for tier in self.tiers]
        if self.number is not None:
            record["number"] = self.number
        return record

    def ends(self) -> list[Line]:
        """The tier's first and last lines: its heading (if any) to its last line."""
        lines = [self.heading] if self.heading else []
        if self.items:
            lines += [self.items[0].lines[0], self.items[-1].lines[-1]]
        for tier in self.tiers:
            lines += tier.ends()
        return sorted(lines, key=lambda line: line.number) if self.tiers else lines


@dataclass(slots=True)
class UnitDraft:
    """A unit heading with its tiers and deduction clause.

    ``sections`` are the tiers open at the current line, outermost first, and
    ``open_items`` the items; a heading or an item closes those at its level or deeper.
    """

    name: str
    category: str
    heading: Line
    tiers: list[TierDraft] = field(default_factory=list)
    clause: TextDraft | None = None
    sections: list[TierDraft] = field(default_factory=list)
    open_items: list[ItemDraft] = field(default_factory=list)
    last_numbers: dict[int, int] = field(default_factory=dict)  # by numbering level

    def last_item_number(self, rank: int = 3) -> int:
        """The number of the unit's latest item at this level (numbers run on across tiers)."""
        return self.last_numbers.get(rank, 0)

    def open_section(self, tier: TierDraft) -> None:
        """A tier or section heading: it closes the open ones at its level or deeper."""
        while self.sections and self.sections[-1].rank >= tier.rank:
            self.sections.pop()
        (self.sections[-1].tiers if self.sections else self.tiers).append(tier)
        self.sections.append(tier)
        self.open_items.clear()

    def add_item(self, item: ItemDraft) -> None:
        """An item, in the open item it is a part of, else in the innermost open tier,
        else in the unit's last tier (the unit has one)."""
        open_items = self.open_items
        while open_items and open_items[-1].rank >= item.rank:
            open_items.pop()
        if open_items:
            open_items[-1].children.append(item)
        elif self.sections:
            self.sections[-1].items.append(item)
        else:
            self.tiers[-1].items.append(item)
        self.open_items.append(item)
        self.last_numbers[item.rank] = item.number

    def settle(self) -> None:
        """Settle every tier: which parts make sections, which join their items."""
        for tier in self.tiers:
            tier.settle()

    def item_drafts(self) -> list[ItemDraft]:
        """Every item of the unit, depth first."""
        return [item for tier in self.tiers for item in tier.item_drafts()]

    def finish(self, readings: ItemReader) -> RecordData:
        """The unit record; its kind from its name (and category)."""
        lines = [self.heading, *(end for tier in self.tiers for end in tier.ends())]
        clause = None
        if self.clause is not None:
            lines += self.clause.lines
            clause = {"text": self.clause.joined()[0], "span": span_of(self.clause.lines)}
        return {
            "name": self.name,
            "kind": unit_kind(self.name, self.category),
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
