"""The assessment of a notice: every unit's items judged from the actuals reported,
scored by the default rule (met: the item's points; not met or for review: 0), and
ranked within each category.

``read_actuals`` reads the CSV the office fills in (columns ``unit,item,actual``);
rows it cannot use are findings at their line, never an exception.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from targetdoc.errors import ActualError, InputError
from targetdoc.export.workbook import SCORING_SHEET
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.models import Item, Notice, Points, points_total
from targetdoc.read.decode import decode
from targetdoc.read.kinds import WORKBOOK_SUFFIXES, unread_format
from targetdoc.read.word import check_archive
from targetdoc.score.judge import (
    Benchmarks,
    Judgement,
    Status,
    Tolerance,
    judge_item,
    read_actual,
)
from targetdoc.score.rules import DEFAULT_RULE, Scoring

COLUMNS = ("unit", "item", "actual")


@dataclass(frozen=True)
class ActualRow:
    """One row of the actuals file, with its line."""

    line: int
    unit: str
    item: str
    actual: str
    tier: str = ""  # the item's tier, where its number repeats in the unit's sections


def read_actuals(data: bytes, *, path: str) -> list[ActualRow]:
    """The rows of an actuals CSV (UTF-8 with or without BOM, or GB18030), or of the
    评分 sheet of the exported workbook once filled in (an .xlsx)."""
    suffix = Path(path).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:  # .xlsm is an .xlsx that may hold macros (not run)
        return _sheet_actuals(data, path=path)
    unread = unread_format(suffix, data)
    if unread is not None:
        raise InputError(unread, path=path)
    rows = []
    for line, values in _csv_records(data, path, "actuals", COLUMNS, optional=("tier",)):
        unit, item, actual = values["unit"], values["item"], values["actual"]
        rows.append(ActualRow(line, unit, item, actual, values.get("tier", "")))
    return rows


def _csv_records(
    data: bytes, path: str, what: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each non-blank row of a CSV (in the notices' encodings) with its line, by column
    name; a file without the columns is refused at line 1."""
    text, _ = decode(data, path=path, what=what)
    # newline="": the reader sees CR, LF and CRLF line ends as Excel and WPS write them.
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        yield from _csv_rows(reader, path, what, columns, optional)
    except csv.Error as error:  # a quote left open, a field past the csv module's limit
        raise InputError(f"not a readable CSV: {error}", path=path, line=reader.line_num) from None


def _csv_rows(
    reader: Any, path: str, what: str, columns: tuple[str, ...], optional: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [name for name in columns if name not in header]
    if missing:
        raise InputError(
            f"the {what} need the columns {', '.join(columns)}; missing {', '.join(missing)}",
            path=path,
            line=1,
        )
    where = {name: header.index(name) for name in (*columns, *optional) if name in header}
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield (
                reader.line_num,
                {name: cells[i].strip() if i < len(cells) else "" for name, i in where.items()},
            )


def _sheet_actuals(data: bytes, *, path: str) -> list[ActualRow]:
    """The 评分 sheet's item rows: 单位, 序号 and 完成情况 as the office filled it in; the
    row number is the line. Subtotal and total rows have no 序号 and are passed over."""
    check_archive(data, path, kind="workbook")
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file: one message
        raise InputError(
            f"not a readable workbook (.xlsx): {type(error).__name__}", path=path
        ) from None
    if SCORING_SHEET not in book.sheetnames:
        raise InputError(f"a workbook without its {SCORING_SHEET} sheet", path=path)
    rows: list[ActualRow] = []
    number = 1
    try:
        for number, cells in enumerate(book[SCORING_SHEET].iter_rows(min_row=2), 2):
            row = _sheet_row(number, cells)
            if row is not None:
                rows.append(row)
    except (ValueError, TypeError, ArithmeticError) as error:  # a cell openpyxl cannot read
        raise InputError(
            f"not a readable workbook (.xlsx): a cell of {SCORING_SHEET} holds no value "
            f"it can read ({type(error).__name__})",
            path=path,
            line=number + 1,
        ) from None
    finally:
        book.close()
    return rows


def _sheet_row(number: int, cells: tuple[Any, ...]) -> ActualRow | None:
    """An item row of the 评分 sheet as a row of actuals; None for any other row."""
    padded = (*cells, *(None,) * 9)
    unit, tier, item = (_value(padded[i]) for i in (1, 2, 3))
    if unit is None or not isinstance(item, int | float) or isinstance(item, bool):
        return None
    # 层级 names a section by its path (经济发展 / 重点工作): the tier is the last.
    section = str(tier or "").rsplit(" / ", 1)[-1]
    return ActualRow(number, str(unit), _number_text(item), _completion(padded[6]), section)


def _value(cell: Any) -> object:
    return None if cell is None else cell.value


def _completion(cell: Any) -> str:
    """A 完成情况 cell as the office typed it: 7.8 stays 7.8, 12.0 reads 12, and a
    percentage (Excel, WPS and LibreOffice keep 1.6% as 0.016 shown with a % format)
    reads 1.6%."""
    value = _value(cell)
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        percent = _shows_percent(str(getattr(cell, "number_format", "") or ""))
        return _number_text(value, scale=100 if percent else 1) + ("%" if percent else "")
    return str(value)


# A number format's quoted text ("%") and escaped characters (\%) print as they are:
# only a bare % multiplies the value by 100.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _shows_percent(number_format: str) -> bool:
    """Whether a cell's number format shows its value × 100 with a % (0.0%, not 0.0"%")."""
    positive = number_format.split(";", 1)[0]
    return "%" in _FORMAT_LITERALS.sub("", positive)


def _number_text(value: float, *, scale: int = 1) -> str:
    """A spreadsheet's number as written: exact (0.016 × 100 is 1.6), whole numbers
    without .0; what is no finite number (inf, nan) as Python spells it, which no
    reading of items or actuals takes (a finding, not a crash)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    exact = Decimal(repr(value)) * scale
    return f"{exact.normalize():f}" if exact != exact.to_integral_value() else f"{exact:.0f}"


@dataclass(frozen=True)
class Deduction:
    """Points taken from a unit for an event of its deduction clause (目标考核减分因素):
    a 重特大安全生产事故, say, as the office recorded it."""

    line: int
    unit: str
    event: str
    points: Points
    file: str = ""  # the deductions file, for findings


def read_deductions(data: bytes, *, path: str, findings: list[Finding]) -> list[Deduction]:
    """The events of a deductions CSV (columns unit,event,points); a row whose points are
    no finite number, or are negative (a deduction takes points, never gives them), is
    a finding at its line (TD603)."""
    found = []
    columns = ("unit", "event", "points")
    for line, values in _csv_records(data, path, "deductions", columns):
        value, problem = _deducted(values["points"])
        if problem is not None:
            findings.append(
                Finding.of(
                    "TD603",
                    problem,
                    values={"points": repr(values["points"])},
                    file=path,
                    line=line,
                    unit=values["unit"],
                )
            )
            continue
        found.append(Deduction(line, values["unit"], values["event"], value, path))
    return found


# The most points one event may take: beyond any notice's scale, short of numbers
# too long to print.
_MOST_DEDUCTED = Decimal(10) ** 9


def _deducted(text: str) -> tuple[Points, str | None]:
    """The points a deduction takes, or the template of why they cannot be used."""
    try:
        value = Decimal(text)
    except ArithmeticError:
        return 0, N_("{points} is not a number of points")
    if not value.is_finite() or abs(value) >= _MOST_DEDUCTED:
        return 0, N_("{points} is not a number of points")
    if value < 0:
        return 0, N_(
            "{points} is negative: a deduction is the points taken off, written without a minus"
        )
    return points_total([value]), None


@dataclass(frozen=True)
class ItemScore:
    """One item judged and scored."""

    item: int
    points: Points | None
    score: Points
    status: Status
    reason: str
    tier: str = ""  # the name of the item's tier


@dataclass(frozen=True)
class UnitScore:
    """One unit's score, the most it could score, its rank in its category, its items."""

    unit: str
    category: str
    score: Points
    max: Points
    rank: int
    items: list[ItemScore]
    deductions: list[Deduction] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many of its items have this status."""
        return sum(1 for item in self.items if item.status == status)


@dataclass(frozen=True)
class Assessment:
    """Every unit's score, the rule that scored them, and the rows that could not be used."""

    units: list[UnitScore]
    rule: str = DEFAULT_RULE
    findings: list[Finding] = field(default_factory=list)
    # The scoring rule itself, to describe it in the interface's language.
    scoring: Scoring | None = None

    def to_json(self) -> dict[str, Any]:
        """The shape other tools read (machine fields in English)."""
        return {
            "units": [
                {
                    "unit": unit.unit,
                    "category": unit.category,
                    "score": unit.score,
                    "max": unit.max,
                    "rank": unit.rank,
                    "deductions": [
                        {"event": deduction.event, "points": deduction.points}
                        for deduction in unit.deductions
                    ],
                    "items": [
                        {
                            "item": item.item,
                            "points": item.points,
                            "score": item.score,
                            "status": item.status,
                            "reason": item.reason,
                        }
                        for item in unit.items
                    ],
                }
                for unit in self.units
            ],
            "rule": self.rule,
        }


def assess(
    notice: Notice,
    rows: list[ActualRow],
    *,
    file: str,
    benchmarks: Benchmarks | None = None,
    scoring: Scoring | None = None,
    deductions: list[Deduction] | None = None,
) -> Assessment:
    """Judge and score every item of every unit from the rows reported for them, by the
    profile's scoring rule (all or nothing unless it says otherwise)."""
    scoring = scoring or Scoring()
    findings: list[Finding] = []
    reported = _by_item(notice, rows, file, findings)
    taken: dict[str, list[Deduction]] = {}
    names = {unit.name for unit in notice.units}
    for deduction in deductions or []:
        if deduction.unit not in names:
            findings.append(
                Finding.of(
                    "TD601",
                    N_("no unit {unit} in the notice"),
                    values={"unit": deduction.unit},
                    file=deduction.file or file,
                    line=deduction.line,
                )
            )
            continue
        taken.setdefault(deduction.unit, []).append(deduction)
    scored: list[tuple[str, str, Points, Points, list[ItemScore], list[Deduction]]] = []
    for unit in notice.units:
        items = []
        for tier, item in unit.items():
            row = reported.get((unit.name, tier.name, item.number))
            judgement = _judge(item, row, file, findings, benchmarks, scoring.tolerance)
            score = scoring.score(item.points, judgement)
            items.append(
                ItemScore(
                    item.number, item.points, score, judgement.status, judgement.reason, tier.name
                )
            )
        lost = taken.get(unit.name, [])
        earned = points_total(item.score for item in items)
        most = points_total(item.points for item in items)
        # Never below 0, never above the unit's full score, whatever was taken.
        total = min(most, max(0, points_total([earned, *(-d.points for d in lost)])))
        scored.append((unit.name, unit.category, total, most, items, lost))
    # In each file's order, the actuals' first.
    findings.sort(key=lambda finding: (finding.file != file, finding.file, finding.line or 0))
    return Assessment(_ranked(scored), rule=scoring.describe(), findings=findings, scoring=scoring)


def _by_item(
    notice: Notice, rows: list[ActualRow], file: str, findings: list[Finding]
) -> dict[tuple[str, str, int], ActualRow]:
    """The usable rows by (unit, tier, item number); a finding for each row that is not.

    An item is named by its number, and by its tier too where sections of the unit
    number their items each from 1.
    """
    tiers: dict[str, dict[int, list[str]]] = {}
    for unit in notice.units:
        for tier, item in unit.items():
            tiers.setdefault(unit.name, {}).setdefault(item.number, []).append(tier.name)
    reported: dict[tuple[str, str, int], ActualRow] = {}
    for row in rows:
        if row.unit not in tiers:
            template = N_("no unit {unit} in the notice")
            findings.append(_finding("TD601", template, {"unit": row.unit}, file, row))
            continue
        number = item_number(row.item)
        named = tiers[row.unit].get(number, []) if number is not None else []
        if row.tier:
            named = [name for name in named if name == row.tier]
        if not named:
            template = N_("{unit} has no item {item}")
            if row.tier:
                template = N_("{unit} has no item {item} in {tier}")
            values = {"unit": row.unit, "item": row.item, "tier": row.tier}
            findings.append(_finding("TD602", template, values, file, row))
            continue
        if len(named) > 1:
            template = N_("{unit} has an item {item} in {tiers}: say which in a tier column")
            values = {"unit": row.unit, "item": row.item, "tiers": ", ".join(named)}
            findings.append(_finding("TD605", template, values, file, row))
            continue
        assert number is not None
        key = (row.unit, named[0], number)
        if key in reported:
            template = N_("{unit} item {item} again (first at line {first})")
            values = {"unit": row.unit, "item": row.item, "first": str(reported[key].line)}
            findings.append(_finding("TD604", template, values, file, row))
            continue
        reported[key] = row
    return reported


# Item numbers past this many digits name no item (int() of 5,000 digits is refused).
_ITEM_DIGITS = 9


def item_number(text: str) -> int | None:
    """The item a row names by its number (12), or None when the text is no item number."""
    digits = text.lstrip("0")
    if not (text.isascii() and text.isdecimal()) or len(digits) > _ITEM_DIGITS:
        return None
    return int(digits or "0")


def _judge(
    item: Item,
    row: ActualRow | None,
    file: str,
    findings: list[Finding],
    benchmarks: Benchmarks | None,
    tolerance: Tolerance,
) -> Judgement:
    if row is None:
        return Judgement("review", "not reported")
    try:
        return judge_item(item, read_actual(row.actual), benchmarks=benchmarks, tolerance=tolerance)
    except ActualError as error:
        findings.append(_finding("TD603", error.message, None, file, row))
        return Judgement("review", f"unreadable: {error.message}")


# Words of the assessment as the console shows them (the catalog translates them).
WORDS = (
    N_("met"),
    N_("not met"),
    N_("review"),
    N_("not reported"),
    N_("no numeric target: report 完成 or 未完成"),
)


def _finding(
    code: str, message: str, values: Mapping[str, object] | None, file: str, row: ActualRow
) -> Finding:
    """A finding about a row of actuals; with ``values``, ``message`` is a template."""
    return Finding.of(code, message, values=values, file=file, line=row.line, unit=row.unit)


def _ranked(
    scored: list[tuple[str, str, Points, Points, list[ItemScore], list[Deduction]]],
) -> list[UnitScore]:
    """Rank each unit in its category by score: equal scores share a rank (1, 2, 2, 4)."""
    by_category: dict[str, list[Points]] = {}
    for _, category, total, _, _, _ in scored:
        by_category.setdefault(category, []).append(total)
    return [
        UnitScore(
            unit,
            category,
            total,
            most,
            1 + sum(1 for other in by_category[category] if other > total),
            items,
            lost,
        )
        for unit, category, total, most, items, lost in scored
    ]


def workbook(notice: Notice, result: Assessment) -> bytes:
    """The scoring workbook with each judged item's 完成情况 (the reason in words) and
    得分 filled in; items for review are left for people to fill."""
    from targetdoc.export.workbook import workbook_bytes

    filled = {
        (unit.unit, item.tier, item.item): (item.reason, item.score)
        for unit in result.units
        for item in unit.items
        if item.status != "review"
    }
    deducted = {
        unit.unit: points_total(deduction.points for deduction in unit.deductions)
        for unit in result.units
        if unit.deductions
    }
    return workbook_bytes(notice, filled=filled, deducted=deducted)
