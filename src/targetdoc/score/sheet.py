"""The 评分 sheet as the office filled it in, read back: its columns found by their
headers (in either language), the unit by its 被考核单位 row, an item's tier by the
section rows above it (一、, （一）, 1、 headings, closed by their 小计); each item's
完成情况 and any 得分 given by hand, the 共同性目标 row, and the deduction clause's row
(the event in 完成情况, its points in 扣分). The row number is the line.
"""

from __future__ import annotations

import io
import math
import re
from decimal import Decimal
from typing import Any

from targetdoc.decimals import decimal_text
from targetdoc.errors import InputError
from targetdoc.export.scoring_sheet import (
    DEDUCTION_TIER,
    SCORING_SHEET,
    SECTION_LEVELS,
    SUBTOTAL,
    TOTAL,
    UNIT_LABEL,
    scoring_columns,
)
from targetdoc.i18n import every_language
from targetdoc.read.word import check_archive
from targetdoc.score.rows import ActualRow

# The columns the assessment reads, by their key in ``scoring_columns``.
_READ = ("number", "target", "points", "completion", "score", "deduction")
_HEADING = re.compile(
    "^(?:(?P<level0>"
    + SECTION_LEVELS[0]
    + ")|(?P<level1>"
    + SECTION_LEVELS[1]
    + ")|(?P<level2>"
    + SECTION_LEVELS[2]
    + "))?(?P<name>.+?)(?:（[0-9.]+分）)?$"
)


def sheet_actuals(data: bytes, *, path: str) -> list[ActualRow]:
    """The rows of the 评分 sheet the office filled in; a workbook that is not one (or
    has no such sheet, or no header row) is an ``InputError``."""
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
    reader = _Reader()
    number = 0
    try:
        for number, cells in enumerate(book[SCORING_SHEET].iter_rows(), 1):
            reader.read(number, cells)
    except (ValueError, TypeError, ArithmeticError) as error:  # a cell openpyxl cannot read
        raise InputError(
            f"not a readable workbook (.xlsx): a cell of {SCORING_SHEET} holds no value "
            f"it can read ({type(error).__name__})",
            path=path,
            line=number + 1,  # the row being read when the cell failed
        ) from None
    finally:
        book.close()
    if reader.columns is None:
        raise InputError(
            f"the {SCORING_SHEET} sheet has no row of column headers "
            "(序号, 目标任务, 标准分值, 完成情况, 得分, 扣分)",
            path=path,
        )
    return reader.rows


class _Reader:
    """The sheet, row by row: where the columns are, which unit and which section the
    rows are in."""

    def __init__(self) -> None:
        self.columns: dict[str, int] | None = None
        self.unit = ""
        self.sections: list[tuple[int, str]] = []  # (level, name), outermost first
        self.in_deductions = False
        self.rows: list[ActualRow] = []
        labels = scoring_columns()
        self.labels = {name: key for key, names in labels.items() for name in names}
        self.unit_labels = every_language(UNIT_LABEL)
        self.deduction_labels = every_language(DEDUCTION_TIER)
        self.totals = every_language(TOTAL)
        self.subtotal_endings = {t.format(tier="").strip() for t in every_language(SUBTOTAL)}

    def read(self, number: int, cells: tuple[Any, ...]) -> None:
        values = [_value(cell) for cell in cells]
        texts = [str(value).strip() if value is not None else "" for value in values]
        keys = {self.labels[text] for text in texts if text in self.labels}
        if len(keys) >= len(_READ) - 1:  # a header row (repeated on later pages too)
            if self.columns is None:
                self.columns = {self.labels[t]: i for i, t in enumerate(texts) if t in self.labels}
            return
        first = texts[0] if texts else ""
        label, _, rest = first.partition("：")
        if label in self.unit_labels and rest:
            self.unit, self.sections, self.in_deductions = rest.strip(), [], False
            return
        if self.columns is None or not self.unit or not any(texts):
            return
        if first and not any(texts[1:]):
            self._section(first)
            return
        self._data(number, cells, values, texts)

    def _section(self, heading: str) -> None:
        """A section row: the sections it closes and the one it opens."""
        match = _HEADING.match(heading)
        if match is None:
            return
        name = match["name"].strip()
        if name in self.deduction_labels:
            self.in_deductions = True
            return
        level = next((n for n in range(3) if match[f"level{n}"]), len(self.sections))
        self.sections = [(lv, nm) for lv, nm in self.sections if lv < level]
        self.sections.append((level, name))

    def _data(
        self, number: int, cells: tuple[Any, ...], values: list[object], texts: list[str]
    ) -> None:
        assert self.columns is not None
        column = self.columns
        padded = (*cells, *(None,) * (max(column.values()) + 1))

        def text(key: str) -> str:
            return _completion(padded[column[key]]) if key in column else ""

        target = text("target")
        if target in self.totals:
            return
        ending = next((e for e in self.subtotal_endings if e and target.endswith(e)), None)
        if ending is not None:  # a 小计 closes its section
            name = target.removesuffix(ending).strip()
            names = [nm for _, nm in self.sections]
            if name in names:
                self.sections = self.sections[: names.index(name)]
            return
        completion, score, deducted = text("completion"), text("score"), text("deduction")
        if self.in_deductions:
            if completion or deducted:
                self.rows.append(
                    ActualRow(
                        number, self.unit, "", completion, kind="deduction", deducted=deducted
                    )
                )
            return
        if not (completion or score):
            return  # nothing filled in: nothing reported
        item = _value(padded[column["number"]])
        tier = self.sections[-1][1] if self.sections else ""
        if isinstance(item, int | float) and not isinstance(item, bool):
            self.rows.append(
                ActualRow(
                    number, self.unit, _number_text(item), completion, tier, score, tier_hint=True
                )
            )
        elif isinstance(_value(padded[column["points"]]), int | float):
            self.rows.append(
                ActualRow(number, self.unit, "", completion, tier, score, kind="shared")
            )


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
    return decimal_text(exact)
