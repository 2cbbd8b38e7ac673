"""What the office reports at the year's end, read: the actuals CSV (columns
``unit,item,actual``, and ``tier`` and ``score`` where needed), the 评分 sheet it filled
in (完成情况, a 得分 it gave by hand, the 共同性目标 row, the 扣分 row with its event),
and the deductions CSV (``unit,event,points``). Rows it cannot use are findings at
their line, never an exception; a file it cannot read is an ``InputError``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from targetdoc.errors import InputError
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.models import Points, points_total
from targetdoc.read.decode import decode
from targetdoc.read.kinds import WORKBOOK_SUFFIXES, unread_format
from targetdoc.score.rows import ActualRow
from targetdoc.score.sheet import sheet_actuals

COLUMNS = ("unit", "item", "actual")


def read_actuals(data: bytes, *, path: str) -> list[ActualRow]:
    """The rows of an actuals CSV (UTF-8 with or without BOM, or GB18030), or of the
    评分 sheet of the exported workbook once filled in (an .xlsx)."""
    suffix = Path(path).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:  # .xlsm is an .xlsx that may hold macros (not run)
        return sheet_actuals(data, path=path)
    unread = unread_format(suffix, data)
    if unread is not None:
        raise InputError(unread, path=path)
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
