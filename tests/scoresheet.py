"""The 评分 sheet for the tests: a unit's rows found by what they hold, as a person
filling it in finds them."""

from __future__ import annotations

from typing import Any


def unit_rows(sheet: Any, unit: str) -> dict[object, int]:
    """The rows (1-based) of one unit's block: items by their number (the first of a
    number its sections repeat: ``(section, number)`` for every one), the shared
    targets' row by its section's name, the deduction clause's row as 扣分 (or
    deduction), the 合计 as 合计 (or total)."""
    rows: dict[object, int] = {}
    inside, section, deductions = False, "", False
    for row in sheet.iter_rows():
        first, second = row[0].value, row[1].value
        if isinstance(first, str) and "：" in first and first.split("：", 1)[1] == unit:
            inside = True
            continue
        if not inside:
            continue
        if isinstance(first, str) and row[2].value is None and second is None:
            if first.startswith(("评分人", "Scored by")):
                break
            section = first
            deductions = "减分" in first or "deductions" in first
            continue
        if isinstance(first, int):
            rows.setdefault(first, row[0].row)
            rows[(section, first)] = row[0].row
        elif deductions and second is not None and row[2].value is None:
            rows["扣分"] = row[0].row
        elif second in ("合计", "total"):
            rows["合计"] = row[0].row
        elif isinstance(row[2].value, int | float):
            rows.setdefault(section.split("、", 1)[-1].split("（")[0], row[0].row)
    return rows
