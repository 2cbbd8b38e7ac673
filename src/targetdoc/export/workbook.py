"""The XLSX workbook: the tables for analysis and a scoring sheet for the office.

Written with XlsxWriter (write-only, complete control of formats, formulas, data
validation and autofilters; files open in Excel, WPS and LibreOffice without repair).
Sheets: 说明 (README), items, thresholds, units (printed A4 landscape, one page wide,
the header row on every page), and 评分, each unit's 评分表 (``scoring_sheet.py``).
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from targetdoc.export.kinds import WORKBOOK_TABLES
from targetdoc.export.labels import column_label, value_label
from targetdoc.export.scoring_sheet import (
    SCORING_SHEET,
    Deducted,
    Filled,
    page_header,
    write_scoring_sheet,
)
from targetdoc.export.tables import Table, Value, table
from targetdoc.i18n import _, date_shown
from targetdoc.models import Notice
from targetdoc.read.normalize import display_width

README_SHEET = "说明"
_MAX_WIDTH = 60


def workbook_bytes(
    notice: Notice, *, filled: Filled | None = None, deducted: Deducted | None = None
) -> bytes:
    """The whole workbook as XLSX bytes; ``filled`` writes 完成情况 and 得分 of the items
    it names, ``deducted`` each unit's 扣分 (``targetdoc score -o scores.xlsx``), the
    formulas as they are."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    formats = _formats(book)
    _readme(book, notice, formats)
    for name in WORKBOOK_TABLES:
        sheet = table(notice, name)
        if sheet.rows or name != "responsibilities":  # that sheet only for a task list
            _table_sheet(book, sheet, formats, notice)
    write_scoring_sheet(book, notice, formats, filled or {}, deducted or {})
    book.close()
    return buffer.getvalue()


def _formats(book: Any) -> dict[str, Any]:
    return {
        "header": book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        ),
        "text": book.add_format({"valign": "top"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "number": book.add_format({"valign": "top", "align": "right"}),
        "title": book.add_format({"bold": True, "font_size": 14}),
    }


def _write(sheet: Any, row: int, col: int, value: Value, text_format: Any) -> None:
    """Numbers as numbers, text always as text (never a formula), None as blank."""
    if value is None:
        sheet.write_blank(row, col, None, text_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | Decimal):
        sheet.write_number(row, col, float(value), text_format)
    else:
        sheet.write_string(row, col, value, text_format)


def _table_sheet(book: Any, data: Table, formats: dict[str, Any], notice: Notice) -> None:
    sheet = book.add_worksheet(data.name)
    # Headers and coded values in the interface's language (the CSV keeps the keys).
    columns = tuple(column_label(name) for name in data.columns)
    rows = [
        tuple(value_label(name, value) for name, value in zip(data.columns, values, strict=True))
        for values in data.rows
    ]
    for col, name in enumerate(columns):
        sheet.write_string(0, col, name, formats["header"])
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            wrap = data.columns[col] in {"text", "subject"}
            _write(sheet, row, col, value, formats["wrap" if wrap else "text"])
    _finish_sheet(sheet, columns, rows)
    _print_setup(sheet, notice, data.name, len(data.columns))


def _finish_sheet(sheet: Any, columns: tuple[str, ...], rows: list[tuple[Value, ...]]) -> None:
    """Frozen header, autofilter, and widths that fit CJK text."""
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    for col, name in enumerate(columns):
        cells = [display_width(str(row[col])) for row in rows if row[col] is not None]
        width = max([display_width(name), *cells]) + 2
        sheet.set_column(col, col, min(width, _MAX_WIDTH))


def _readme(book: Any, notice: Notice, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(README_SHEET)
    issued = date_shown(notice.issued_on) if notice.issued_on else ""
    lines = [
        (notice.title or notice.source.file, "title"),
        (f"{notice.issuer or ''} {notice.doc_number or ''} {issued}", "text"),
        (
            _("source: {file} (sha256 {sha256})").format(
                file=notice.source.file, sha256=notice.source.sha256
            ),
            "text",
        ),
        ("", "text"),
        (_("items: one row per item, with its points and source line"), "text"),
        (_("thresholds: one row per threshold (exact values)"), "text"),
        (_("units: one row per unit, declared and summed points per tier"), "text"),
        (
            _(
                "{sheet}: fill in completion and score (yellow) for each item and the shared "
                "targets, and the deduction; subtotal and total rows sum them by formula"
            ).format(sheet=SCORING_SHEET),
            "text",
        ),
        (_("generated by targetdoc"), "text"),
    ]
    for row, (text, style) in enumerate(lines):
        sheet.write_string(row, 0, text, formats[style])
    sheet.set_column(0, 0, 100)


def _print_setup(sheet: Any, notice: Notice, name: str, columns: int) -> None:
    """A4 landscape, one page wide, the header row on every page, the notice in the page
    header and page numbers in the footer."""
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # as wide as one page, as long as it takes
    sheet.repeat_rows(0)
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    sheet.set_header(page_header(notice, name), {"margin": 0.3})
    sheet.set_footer("&C" + _("Page &P of &N"), {"margin": 0.3})
    sheet.print_area(0, 0, sheet.dim_rowmax or 0, columns - 1)
