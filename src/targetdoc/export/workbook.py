"""The XLSX workbook: the tables for analysis and a scoring sheet for the office.

Written with XlsxWriter (write-only, complete control of formats, formulas, data
validation and autofilters; files open in Excel, WPS and LibreOffice without repair).
Sheets: 说明 (README), items, thresholds, units, and 评分 — for each unit, the shared
targets (共同性目标) and every item with 完成情况 and 得分 to fill in, per-tier 小计
rows, a 扣分 row for its deduction clause (目标考核减分因素), and a 合计 row whose
formulas give the unit's full score (1,000 points in the sample) less its deductions.

评分 prints as an office prints a scoring sheet: A4 landscape, fitted to the page's
width, the header row on every page, each unit on a new page, the notice in the page
header and page numbers in the footer.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from targetdoc.export.tables import TABLES, Table, Value, table
from targetdoc.i18n import N_, _
from targetdoc.models import Notice, Points, SharedTarget, Tier, Unit, points_total
from targetdoc.read.normalize import display_width

# Sheet names stay the same in every language: targetdoc score reads 评分 back.
SCORING_SHEET = "评分"
README_SHEET = "说明"
# The columns of 评分, in the interface's language (类别, 单位 … in Chinese).
SCORING_COLUMNS = (
    N_("category"),
    N_("unit"),
    N_("tier"),
    N_("no."),
    N_("target"),
    N_("points"),
    N_("completion"),
    N_("score"),
    N_("deduction"),
    N_("declared"),
)
# The most characters of a page header Excel keeps (XlsxWriter drops a longer one).
_HEADER_LIMIT = 255
# Column letters of the scoring sheet, named for the formulas.
_POINTS, _SCORE, _DEDUCTED, _DECLARED = "F", "H", "I", "J"
_WIDTHS = (16, 14, 18, 5, 64, 7, 24, 7, 7, 9)
_MAX_WIDTH = 60
SHARED_TIER = "共同性目标"  # the shared targets' row, as ``filled`` names it
DEDUCTION_TIER = N_("deductions")  # 层级 of the deductions' row


# What the assessment found for an item, by (unit, tier, item number): 完成情况 and 得分.
Filled = Mapping[tuple[str, str, int], tuple[str, Points]]
# Points deducted from a unit (targetdoc score --deductions), by unit.
Deducted = Mapping[str, Points]


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
    for name in TABLES:
        sheet = table(notice, name)
        if sheet.rows or name != "responsibilities":  # that sheet only for a task list
            _table_sheet(book, sheet, formats, notice)
    _scoring_sheet(book, notice, formats, filled or {}, deducted or {})
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
        "input": book.add_format({"bg_color": "#FFF2CC", "border": 1, "valign": "top"}),
        "subtotal": book.add_format({"bold": True, "bg_color": "#F2F2F2", "top": 1}),
        "total": book.add_format({"bold": True, "bg_color": "#D9D9D9", "top": 2}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "unit": book.add_format({"bold": True, "font_size": 12, "bottom": 1}),
        "shared": book.add_format({"text_wrap": True, "valign": "top", "italic": True}),
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
    for col, name in enumerate(data.columns):
        sheet.write_string(0, col, name, formats["header"])
    for row, values in enumerate(data.rows, start=1):
        for col, value in enumerate(values):
            wrap = data.columns[col] in {"text", "subject"}
            _write(sheet, row, col, value, formats["wrap" if wrap else "text"])
    _finish_sheet(sheet, data.columns, data.rows)
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
    lines = [
        (notice.title or notice.source.file, "title"),
        (f"{notice.issuer or ''} {notice.doc_number or ''} {notice.issued_on or ''}", "text"),
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


def _scoring_sheet(
    book: Any, notice: Notice, formats: dict[str, Any], filled: Filled, deducted: Deducted
) -> None:
    sheet = book.add_worksheet(SCORING_SHEET)
    for col, name in enumerate(SCORING_COLUMNS):
        sheet.write_string(0, col, _(name), formats["header"])
    row = 1
    breaks = []
    for unit in notice.units:
        if row > 1:
            breaks.append(row)  # each unit starts a page
        row = _score_unit(sheet, notice, unit, row, formats, (filled, deducted))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, row - 1, len(SCORING_COLUMNS) - 1)
    for col, width in enumerate(_WIDTHS):
        sheet.set_column(col, col, width)
    _print_setup(sheet, notice, SCORING_SHEET, len(SCORING_COLUMNS), breaks)


def _print_setup(
    sheet: Any, notice: Notice, name: str, columns: int, breaks: list[int] | None = None
) -> None:
    """A4 landscape, one page wide, the header row on every page, the notice in the page
    header and page numbers in the footer; ``breaks``: rows that start a page."""
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # as wide as one page, as long as it takes
    sheet.repeat_rows(0)
    if breaks:
        sheet.set_h_pagebreaks(breaks[:1023])  # Excel's limit of manual breaks
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    title = " ".join(part for part in (notice.doc_number, notice.title) if part)
    if len(notice.units) == 1:
        # One unit's workbook (export --split unit): the unit heads every page. With many
        # units a header cannot follow them; each unit's block starts a page with its name.
        title = f"{notice.units[0].name} · {title}"
    # & starts a field in a header: written as && it prints itself. Excel holds 255
    # characters of a header, and drops a longer one whole: the title is cut to fit.
    fields = f'&L&"-,Bold"&R{name}'
    room = _HEADER_LIMIT - len(fields)
    shown = title.replace("&", "&&")
    if len(shown) > room:
        cut = shown[: room - 1]
        odd = (len(cut) - len(cut.rstrip("&"))) % 2  # half of an && pair
        shown = cut[: len(cut) - odd] + "…"
    sheet.set_header(f'&L&"-,Bold"{shown}&R{name}', {"margin": 0.3})
    sheet.set_footer("&C" + _("Page &P of &N"), {"margin": 0.3})
    sheet.print_area(0, 0, sheet.dim_rowmax or 0, columns - 1)


def _scored_tiers(unit: Unit) -> list[tuple[str, Tier, Points | None]]:
    """The tiers whose items the sheet lists, each with its name and the points declared
    for those items. A unit with sections lists each tier that has items, named by its
    path (社会事业 / 就业创业), declaring what its sections leave of its points."""
    if not unit.nested:
        return [(tier.name, tier, tier.declared_points) for tier in unit.tiers]
    scored: list[tuple[str, Tier, Points | None]] = []

    def visit(tier: Tier, path: str) -> None:
        if tier.items:
            declared = tier.declared_points
            if declared is not None and tier.tiers:
                declared = points_total(
                    [declared]
                    + [-(inner.declared_points or inner.points_sum) for inner in tier.tiers]
                )
            scored.append((path, tier, declared))
        for inner in tier.tiers:
            visit(inner, f"{path} / {inner.name}")

    for tier in unit.tiers:
        visit(tier, tier.name)
    return scored


@dataclass
class _Sums:
    """What a unit's 合计 adds up: the rows and, as cached values for viewers that do
    not recalculate (a PDF export, a preview), their points, scores and declared points."""

    rows: list[int] = field(default_factory=list)  # 1-based
    points: list[Points | None] = field(default_factory=list)
    scores: list[Points | None] = field(default_factory=list)
    declared: list[Points | None] = field(default_factory=list)

    def add(
        self, row: int, points: Points | None, score: Points | None, declared: Points | None
    ) -> None:
        self.rows.append(row)
        self.points.append(points)
        self.scores.append(score)
        self.declared.append(declared)


def _score_unit(
    sheet: Any,
    notice: Notice,
    unit: Unit,
    row: int,
    formats: dict[str, Any],
    found: tuple[Filled, Deducted],
) -> int:
    """Write one unit's block: its name, the shared targets, its items with tier
    subtotals, its deductions and its total; return the next free row."""
    filled, deducted = found
    # The unit's title, across the columns before 分值: never clipped in print.
    title = "\u3000".join(part for part in (unit.name, unit.category) if part)
    sheet.merge_range(row, 0, row, 4, title, formats["unit"])
    row += 1
    sums = _Sums()
    if notice.common_target is not None:
        shared = notice.common_target
        score = _shared_row(sheet, unit, shared, row, formats, filled)
        sums.add(row + 1, shared.points, score, shared.points)
        row += 1
    for name, tier, declared in _scored_tiers(unit):
        row, points, score = _tier_rows(sheet, unit, (name, tier, declared), row, formats, filled)
        sums.add(row, points, score, declared)  # the subtotal, the last row written
    return _total_rows(sheet, unit, sums, row, formats, deducted.get(unit.name))


def _fit(sheet: Any, row: int, cells: list[tuple[int, str | None]]) -> None:
    """A row tall enough for its wrapped cells (viewers do not all fit it themselves)."""
    lines = max(
        (-(-display_width(text) // max(_WIDTHS[col] - 1, 1)) for col, text in cells if text),
        default=1,
    )
    if lines > 1:
        sheet.set_row(row, 15 * lines)


def _shared_row(
    sheet: Any,
    unit: Unit,
    shared: SharedTarget,
    row: int,
    formats: dict[str, Any],
    filled: Filled,
) -> Points | None:
    """共同性目标: the targets every unit shares, scored like an item. Returns its score."""
    for col, text in ((0, unit.category), (1, unit.name), (2, shared.name)):
        sheet.write_string(row, col, text, formats["wrap"])
    sheet.write_string(row, 4, shared.text, formats["shared"])
    _write(sheet, row, 5, shared.points, formats["number"])
    result = filled.get((unit.name, SHARED_TIER, 0))
    _write(sheet, row, 6, result[0] if result else None, formats["input"])
    _write(sheet, row, 7, result[1] if result else None, formats["input"])
    _write(sheet, row, 9, shared.points, formats["number"])
    _score_validation(sheet, row)
    _fit(sheet, row, [(0, unit.category), (4, shared.text), (6, result[0] if result else None)])
    return result[1] if result else None


def _tier_rows(
    sheet: Any,
    unit: Unit,
    scored: tuple[str, Tier, Points | None],
    row: int,
    formats: dict[str, Any],
    filled: Filled,
) -> tuple[int, Points, Points]:
    """A tier's items and its 小计; return the row after the subtotal, and the tier's
    points and scores summed."""
    name, tier, declared = scored
    first = row
    scores: list[Points | None] = []
    for item in tier.items:
        values: tuple[Value, ...] = (unit.category, unit.name, name, item.number)
        for col, value in enumerate(values):
            _write(sheet, row, col, value, formats["wrap"])
        sheet.write_string(row, 4, item.text, formats["wrap"])
        _write(sheet, row, 5, item.points, formats["number"])
        result = filled.get((unit.name, tier.name, item.number))
        _write(sheet, row, 6, result[0] if result else None, formats["input"])
        _write(sheet, row, 7, result[1] if result else None, formats["input"])
        scores.append(result[1] if result else None)
        _score_validation(sheet, row)
        _fit(
            sheet,
            row,
            [(0, unit.category), (2, name), (4, item.text), (6, result[0] if result else None)],
        )
        row += 1
    last = row  # 1-based number of the tier's last item row
    points = points_total(item.points for item in tier.items)
    score = points_total(scores)
    sheet.write_string(row, 1, unit.name, formats["subtotal"])
    subtotal = _("{tier} subtotal").format(tier=name)
    sheet.write_string(row, 2, subtotal, formats["subtotal"])
    for column, value in ((_POINTS, points), (_SCORE, score)):
        if last == first:  # a tier without items: 0, not a range that ends before it starts
            sheet.write_number(f"{column}{row + 1}", 0, formats["subtotal"])
            continue
        sheet.write_formula(
            f"{column}{row + 1}",
            f"=SUM({column}{first + 1}:{column}{last})",
            formats["subtotal"],
            float(value),
        )
    _write(sheet, row, 9, declared, formats["subtotal"])
    _fit(sheet, row, [(2, subtotal)])
    return row + 1, points, score


def _total_rows(
    sheet: Any,
    unit: Unit,
    sums: _Sums,
    row: int,
    formats: dict[str, Any],
    deducted: Points | None,
) -> int:
    """The 扣分 row of the deduction clause (目标考核减分因素), and the 合计: points and
    declared points summed, the score summed less the 扣分. Returns the next free row."""
    clause = unit.deduction_clause.text if unit.deduction_clause else _("deduction")
    sheet.write_string(row, 1, unit.name, formats["wrap"])
    sheet.write_string(row, 2, _(DEDUCTION_TIER), formats["wrap"])
    sheet.write_string(row, 4, clause, formats["shared"])
    _write(sheet, row, 8, deducted, formats["input"])
    sheet.data_validation(
        row,
        8,
        row,
        8,
        {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "error_message": _("A deduction is a number of at least 0"),
        },
    )
    _fit(sheet, row, [(2, _(DEDUCTION_TIER)), (4, clause)])
    deduction = row + 1
    row += 1
    sheet.write_string(row, 1, unit.name, formats["total"])
    sheet.write_string(row, 2, _("total"), formats["total"])
    score = points_total([*sums.scores, -(deducted or 0)])
    for column, value in (
        (_POINTS, points_total(sums.points)),
        (_SCORE, score),
        (_DECLARED, points_total(sums.declared)),
    ):
        cells = "+".join(f"{column}{number}" for number in sums.rows) or "0"
        less = f"-{_DEDUCTED}{deduction}" if column == _SCORE else ""
        sheet.write_formula(f"{column}{row + 1}", f"={cells}{less}", formats["total"], float(value))
    sheet.write_formula(
        f"{_DEDUCTED}{row + 1}", f"={_DEDUCTED}{deduction}", formats["total"], float(deducted or 0)
    )
    return row + 2  # a blank row between units


def _score_validation(sheet: Any, row: int) -> None:
    """得分 between 0 and the row's 分值."""
    sheet.data_validation(
        row,
        7,
        row,
        7,
        {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": f"={_POINTS}{row + 1}",
            "error_message": _("The score lies between 0 and the points"),
        },
    )
