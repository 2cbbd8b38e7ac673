"""What the office reports at the year's end, read: the actuals CSV (columns
``unit,item,actual``, and ``tier`` and ``score`` where needed), the 评分 sheet it filled
in (完成情况, a 得分 it gave by hand, the 共同性目标 row, the 扣分 row with its event),
and the deductions CSV (``unit,event,points``). Rows it cannot use are findings at
their line, never an exception; a file it cannot read is an ``InputError``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from targetdoc.errors import InputError
from targetdoc.export.workbook import (
    DEDUCTION_TIER,
    SCORING_SHEET,
    SUBTOTAL,
    TOTAL,
    scoring_columns,
)
from targetdoc.findings import Finding
from targetdoc.i18n import N_, every_language
from targetdoc.models import Points, points_total
from targetdoc.read.decode import decode
from targetdoc.read.word import check_archive

COLUMNS = ("unit", "item", "actual")
# What a row of actuals is about: an item, the shared targets (共同性目标), or the
# unit's deductions (扣分, the 评分 sheet's row of the deduction clause).
RowKind = Literal["item", "shared", "deduction"]


@dataclass(frozen=True)
class ActualRow:
    """One row of the actuals file, with its line."""

    line: int
    unit: str
    item: str
    actual: str
    tier: str = ""  # the item's tier, where its number repeats in the unit's sections
    score: str = ""  # a 得分 the office gave by hand, which the assessment keeps
    kind: RowKind = "item"
    deducted: str = ""  # the 扣分 row's points (its event is ``actual``)


def read_actuals(data: bytes, *, path: str) -> list[ActualRow]:
    """The rows of an actuals CSV (UTF-8 with or without BOM, or GB18030), or of the
    评分 sheet of the exported workbook once filled in (an .xlsx)."""
    if path.lower().endswith(".xlsx"):
        return _sheet_actuals(data, path=path)
    rows = []
    for line, values in _csv_records(data, path, "actuals", COLUMNS, optional=("tier", "score")):
        unit, item, actual = values["unit"], values["item"], values["actual"]
        tier, score = values.get("tier", ""), values.get("score", "")
        rows.append(ActualRow(line, unit, item, actual, tier, score))
    return rows


def _csv_records(
    data: bytes, path: str, what: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each non-blank row of a CSV (in the notices' encodings) with its line, by column
    name; a file without the columns is refused at line 1."""
    text, _ = decode(data, path=path)
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
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
    """The 评分 sheet as the office filled it in, its columns found by their headers (in
    either language): each item's 完成情况 and any 得分 given by hand, the 共同性目标 row,
    and the 扣分 row with its event in 完成情况; the row number is the line. Title,
    subtotal and total rows are passed over."""
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
        lines = book[SCORING_SHEET].iter_rows()
        columns = _sheet_columns(next(lines, ()), path)
        for number, cells in enumerate(lines, 2):
            row = _sheet_row(number, cells, columns)
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


# The 评分 sheet's columns the assessment reads, by their key in ``scoring_columns``.
_READ = ("unit", "tier", "number", "points", "completion", "score", "deduction")


def _sheet_columns(header: tuple[Any, ...], path: str) -> dict[str, int]:
    """Where each column the assessment reads is, from the header row's labels."""
    labels = {str(_value(cell) or "").strip(): index for index, cell in enumerate(header)}
    found: dict[str, int] = {}
    for key, names in scoring_columns().items():
        index = next((labels[name] for name in names if name in labels), None)
        if index is not None:
            found[key] = index
    missing = [key for key in _READ if key not in found]
    if missing:
        raise InputError(
            f"the {SCORING_SHEET} sheet has no column {', '.join(missing)} in its first row",
            path=path,
            line=1,
        )
    return found


def _sheet_row(number: int, cells: tuple[Any, ...], columns: dict[str, int]) -> ActualRow | None:
    """A row of the 评分 sheet as a row of actuals; None for a title, subtotal or total,
    and for a row the office left empty."""
    padded = (*cells, *(None,) * (max(columns.values()) + 1))
    unit, tier, item = (_value(padded[columns[key]]) for key in ("unit", "tier", "number"))
    if unit is None or tier is None:
        return None
    completion = _completion(padded[columns["completion"]])
    score = _completion(padded[columns["score"]])
    deducted = _completion(padded[columns["deduction"]])
    if not (completion or score or deducted):
        return None  # nothing filled in: nothing reported
    if isinstance(item, int | float) and not isinstance(item, bool):
        # 层级 names a section by its path (经济发展 / 重点工作): the tier is the last.
        section = str(tier).rsplit(" / ", 1)[-1]
        return ActualRow(number, str(unit), _number_text(item), completion, section, score)
    label = str(tier).strip()
    if _label(label) == "deduction":
        return ActualRow(number, str(unit), "", completion, kind="deduction", deducted=deducted)
    points = _value(padded[columns["points"]])
    if isinstance(points, int | float) and _label(label) is None:
        return ActualRow(number, str(unit), "", completion, label, score, kind="shared")
    return None


def _label(label: str) -> Literal["deduction", "sum"] | None:
    """What a row labelled so in 层级 is: the deductions' row, a subtotal or the total
    (重点目标 小计, 合计), or neither; in either language."""
    if label in every_language(DEDUCTION_TIER):
        return "deduction"
    if label in every_language(TOTAL):
        return "sum"
    endings = {text.format(tier="").strip() for text in every_language(SUBTOTAL)}
    return "sum" if any(label.endswith(ending) for ending in endings) else None


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
        percent = "%" in str(getattr(cell, "number_format", "") or "")
        return _number_text(value, scale=100 if percent else 1) + ("%" if percent else "")
    return str(value)


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
        value, problem = deducted_points(values["points"])
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


def deducted_points(text: str) -> tuple[Points, str | None]:
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
