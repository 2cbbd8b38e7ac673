"""The workbook's 评分 sheet, set as an office's 评分表: for each unit a title row
(义马市2020年度目标考核评分表), the unit and its category, the columns 序号 / 目标任务 /
标准分值 / 完成情况 / 得分 / 扣分 / 评分依据, the rows of its 目标责任书 (the 共同性目标,
sections in the notice's own numbering, items, a 小计 per tier by formula), the deduction
clause with its 扣分, the 合计 (the full score less the 扣分) and a 评分人 / 审核人 / 日期
line. Every cell has a border; the office fills the yellow ones.

It prints on A4 portrait, one page wide: each unit starts a page and a unit's block stays
on one page where it fits; a longer one breaks between rows, repeats the column headers
at the top of the next page, and never leaves the 扣分, 合计 and signatures alone there.

``targetdoc score`` reads it back (``score/actuals.py``): it finds the columns by their
headers, the unit by the 被考核单位 row and an item's tier by the section rows above it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from targetdoc.export.letter_content import Row, letter_of
from targetdoc.export.tables import Value
from targetdoc.i18n import N_, _, every_language
from targetdoc.models import Notice, Points, Unit, points_total
from targetdoc.numerals import to_chinese
from targetdoc.read.normalize import display_width

# Sheet names stay the same in every language: targetdoc score reads 评分 back.
SCORING_SHEET = "评分"
# The columns by their key, in the interface's language; targetdoc score finds them by
# these labels, in either language.
SCORING_COLUMNS = {
    "number": N_("no."),
    "target": N_("target task"),
    "points": N_("standard points"),
    "completion": N_("completion"),
    "score": N_("score"),
    "deduction": N_("deduction"),
    "basis": N_("grounds for the score"),
}
_KEYS = tuple(SCORING_COLUMNS)
_COLUMN = {key: index for index, key in enumerate(_KEYS)}
_LETTER = {key: "ABCDEFG"[index] for key, index in _COLUMN.items()}
_WIDTHS = (6, 40, 7, 13, 7, 7, 16)
SHARED_TIER = "共同性目标"  # the shared targets' row, as ``filled`` names it
DEDUCTION_TIER = N_("deductions")  # the heading of the deduction clause's rows
SUBTOTAL = N_("{tier} subtotal")
TOTAL = N_("total")
UNIT_LABEL = N_("unit assessed")
CATEGORY_LABEL = N_("category")
# A4 portrait at 100% (Excel's scale for these widths; LibreOffice, whose fonts may
# be wider, prints smaller): what a page holds below its header, in points, and a line
# of the sheet's 10-point text.
_PAGE = 690
_LINE = 13
_FONT = 10


@dataclass(frozen=True)
class Filling:
    """What the assessment writes into an item's row: 完成情况 as the unit reported it
    (None: the office's cell is left as it is), 得分 (None: for people to give), and the
    judgement in 评分依据."""

    completion: str | None
    score: Points | None
    basis: str


# What the assessment found for an item, by (unit, tier, item number).
Filled = Mapping[tuple[str, str, int], Filling]
# Points deducted from a unit (targetdoc score), with the events, by unit.
Deducted = Mapping[str, tuple[Points, str]]


def scoring_columns() -> dict[str, frozenset[str]]:
    """Each column of 评分 by its key, with the labels it has in every language."""
    return {key: every_language(label) for key, label in SCORING_COLUMNS.items()}


SIGNATURE = N_("Scored by:              Checked by:              Date:")
# The marks of a section heading, by level: 一、 (0), （一） (1), 1、 (2).
SECTION_LEVELS = (r"[一二三四五六七八九十]+、", r"（[一二三四五六七八九十]+）", r"\d+、")


@dataclass
class _Line:
    """A row of a unit's block before it is placed: what it is, its cells, its height in
    lines of text, its points and score (cached for viewers that do not recalculate),
    and for a 小计 or the 合计 the rows it adds up (by their index in the block)."""

    kind: str  # title, unit, header, section, item, subtotal, deduction, total, signature
    cells: dict[str, Value]
    lines: int = 1
    path: tuple[str, ...] = ()
    points: Points | None = None
    score: Points | None = None
    sums: tuple[int, ...] = ()
    taken: Points | None = None  # the 合计's 扣分


def write_scoring_sheet(
    book: Any,
    notice: Notice,
    formats: dict[str, Any],
    filled: Filled,
    deducted: Deducted,
) -> None:
    """The 评分 sheet: every unit's block, placed on pages, its formulas resolved."""
    sheet = book.add_worksheet(SCORING_SHEET)
    styles = _styles(book, formats)
    row = 0
    breaks: list[int] = []
    for unit in notice.units:
        if row:
            breaks.append(row)
        block = _block(notice, unit, filled, deducted.get(unit.name))
        row = _place(sheet, block, row, styles, breaks)
    for col, width in enumerate(_WIDTHS):
        sheet.set_column(col, col, width)
    _print_setup(sheet, notice, breaks, row)


def _styles(book: Any, formats: dict[str, Any]) -> dict[str, Any]:
    def style(**options: Any) -> Any:
        return book.add_format(
            {"border": 1, "valign": "vcenter", "text_wrap": True, "font_size": _FONT, **options}
        )

    return {
        **formats,
        "title": book.add_format({"bold": True, "font_size": 16, "align": "center"}),
        "unit": book.add_format({"bold": True, "valign": "vcenter", "font_size": _FONT}),
        "header": style(bold=True, bg_color="#DDEBF7", align="center"),
        "section": style(bold=True, bg_color="#F2F2F2"),
        "text": style(),
        "center": style(align="center"),
        "input": style(bg_color="#FFF2CC"),
        "sum": style(bold=True, align="center"),
        "signature": book.add_format({"valign": "vcenter", "font_size": _FONT}),
    }


def _block(
    notice: Notice, unit: Unit, filled: Filled, deducted: tuple[Points, str] | None
) -> list[_Line]:
    """A unit's rows, top to bottom: its title, the unit, the headers, the rows of its
    目标责任书, the deduction clause, the 合计 and the signature line."""
    if notice.year:
        title = _("{unit} {year} target assessment score sheet")
    else:
        title = _("{unit} target assessment score sheet")
    title = title.format(unit=unit.name, year=notice.year)
    category = f"{_(CATEGORY_LABEL)}：{unit.category}" if unit.category else ""
    lines = [
        _Line("title", {"number": title}, 2),
        _Line("unit", {"number": f"{_(UNIT_LABEL)}：{unit.name}", "completion": category}),
        _Line("header", {key: _(label) for key, label in SCORING_COLUMNS.items()}),
    ]
    rows = letter_of(notice, unit).rows
    for row in rows:
        if row.kind == "section":
            lines.append(_Line("section", {"number": row.text}, path=row.path))
        elif row.kind == "item":
            tier = row.path[-1] if row.item is not None else SHARED_TIER
            lines.append(_item_line(row, filled.get((unit.name, tier, row.item or 0))))
        elif row.kind == "subtotal":
            lines.append(_subtotal_line(lines, row.path))
    top = tuple(i for i, line in enumerate(lines) if _counts_in_total(line, rows))
    parts = sum(1 for row in rows if row.kind == "section" and row.level == 0)
    heading = f"{to_chinese(parts + 1)}、{_(DEDUCTION_TIER)}" if parts else _(DEDUCTION_TIER)
    lines.append(_Line("section", {"number": heading}))
    clause = (
        unit.deduction_clause.text if unit.deduction_clause else _(SCORING_COLUMNS["deduction"])
    )
    taken = deducted[0] if deducted else None
    lines.append(
        _Line(
            "deduction",
            {"target": clause, "completion": deducted[1] if deducted else None, "deduction": taken},
            max(_height(clause, "target"), _height(deducted[1] if deducted else "", "completion")),
            score=taken,
        )
    )
    total = points_total(lines[i].points for i in top)
    score = points_total([*(lines[i].score for i in top), -(taken or 0)])
    lines.append(
        _Line(
            "total",
            {"target": _(TOTAL)},
            points=total,
            score=score,
            sums=(*top, len(lines) - 1),
            taken=taken or 0,
        )
    )
    lines.append(_Line("signature", {"number": _(SIGNATURE)}, 2))
    return lines


def _item_line(row: Row, result: Filling | None) -> _Line:
    """An item (or the shared targets: no number), with what the assessment filled in."""
    completion = result.completion if result else None
    basis = result.basis if result else None
    cells: dict[str, Value] = {
        "number": row.item,
        "target": row.text,
        "points": _number(row.points),
        "completion": _as_typed(completion),
        "score": result.score if result else None,
        "basis": basis,
    }
    height = max(_height(row.text, "target"), _height(completion, "completion"))
    height = max(height, _height(basis, "basis"))
    points = _number(row.points)
    return _Line("item", cells, height, row.path, points, result.score if result else None)


def _subtotal_line(lines: list[_Line], path: tuple[str, ...]) -> _Line:
    """A tier's 小计: its own items and its sections' 小计."""
    sums = tuple(
        index
        for index, line in enumerate(lines)
        if (line.kind == "item" and line.path == path and line.cells["number"] is not None)
        or (line.kind == "subtotal" and line.path[:-1] == path)
    )
    label = _(SUBTOTAL).format(tier=path[-1])
    return _Line(
        "subtotal",
        {"target": label},
        _height(label, "target"),
        path,
        points_total(lines[i].points for i in sums),
        points_total(lines[i].score for i in sums),
        sums,
    )


def _counts_in_total(line: _Line, rows: list[Row]) -> bool:
    """The 合计 adds the shared targets, each top tier's 小计, and the items of a single
    tier that has none."""
    if line.kind == "item" and line.cells["number"] is None:
        return True
    if line.kind == "subtotal":
        return len(line.path) == 1
    subtotals = {row.path for row in rows if row.kind == "subtotal"}
    return line.kind == "item" and len(line.path) == 1 and line.path not in subtotals


def _number(points: str) -> Points | None:
    return points_total([Decimal(points)]) if points else None


def _as_typed(completion: str | None) -> Value:
    """完成情况 as the unit wrote it: a plain number as a number (6.8), else text."""
    if not completion:
        return None
    try:
        number = Decimal(completion)
    except ArithmeticError:
        return completion
    return number if number.is_finite() and completion.strip() == completion else completion


def _height(text: str | None, key: str) -> int:
    """The lines a text needs in its column."""
    if not text:
        return 1
    # A column w wide holds about w display units of 10-point text (a CJK character is 2).
    return max(1, -(-display_width(text) // max(_WIDTHS[_COLUMN[key]], 1)))


def _place(
    sheet: Any, block: list[_Line], start: int, styles: dict[str, Any], breaks: list[int]
) -> int:
    """Write a block from ``start``: where the page is full, a break and the headers
    again; the last rows (the deduction clause, the 合计, the signatures, and the three
    rows before them, so that they never stand alone) kept together. Returns the next
    free row."""
    tail = max(3, len(block) - 7)
    rows: dict[int, int] = {}
    used = 0
    row = start
    for index, line in enumerate(block):
        height = _LINE * (
            sum(later.lines for later in block[tail:]) if index == tail else line.lines
        )
        if index >= tail and index != tail:
            height = 0  # placed with the first of the tail
        if used + height > _PAGE and used:
            breaks.append(row)
            _write(sheet, row, block[2], styles, rows)  # the headers, again
            row, used = row + 1, _LINE
        rows[index] = row
        _write(sheet, row, line, styles, rows)
        used += height
        row += 1
    return row + 1  # a blank row between units


def _write(sheet: Any, row: int, line: _Line, styles: dict[str, Any], rows: dict[int, int]) -> None:
    """One row of the sheet, its formulas pointing at the rows ``rows`` placed."""
    sheet.set_row(row, _LINE * line.lines)
    last = len(_KEYS) - 1
    if line.kind in ("title", "section", "signature"):
        style = {"title": "title", "section": "section", "signature": "signature"}[line.kind]
        sheet.merge_range(row, 0, row, last, str(line.cells["number"]), styles[style])
        return
    if line.kind == "unit":
        sheet.merge_range(row, 0, row, 2, str(line.cells["number"]), styles["unit"])
        sheet.merge_range(row, 3, row, last, str(line.cells["completion"]), styles["unit"])
        return
    for key in _KEYS:
        value = line.cells.get(key)
        style = _style(line.kind, key)
        formula = _formula(line, key, rows)
        col = _COLUMN[key]
        if formula is not None:
            cached = {"points": line.points, "score": line.score}.get(key, line.taken)
            sheet.write_formula(row, col, formula, styles[style], float(cached or 0))
        elif value is None:
            sheet.write_blank(row, col, None, styles[style])
        elif isinstance(value, int | Decimal) and not isinstance(value, bool):
            sheet.write_number(row, col, float(value), styles[style])
        else:
            sheet.write_string(row, col, str(value), styles[style])
    if line.kind == "item":
        _validate(
            sheet,
            row,
            "score",
            {"criteria": "between", "minimum": 0, "maximum": f"={_LETTER['points']}{row + 1}"},
            _("The score lies between 0 and the points"),
        )
    if line.kind == "deduction":
        _validate(
            sheet,
            row,
            "deduction",
            {"criteria": ">=", "value": 0},
            _("A deduction is a number of at least 0"),
        )


def _style(kind: str, key: str) -> str:
    if kind == "header":
        return "header"
    if kind in ("subtotal", "total"):
        return "sum"
    inputs = {"item": ("completion", "score"), "deduction": ("completion", "deduction")}
    if key in inputs.get(kind, ()):
        return "input"
    return "center" if key in ("number", "points", "score", "deduction") else "text"


def _formula(line: _Line, key: str, rows: dict[int, int]) -> str | None:
    """A 小计's or the 合计's formula in this column, or None."""
    if line.kind == "subtotal" and key in ("points", "score"):
        return f"=SUM({_ranges(key, [rows[i] for i in line.sums])})" if line.sums else "=0"
    if line.kind != "total" or key not in ("points", "score", "deduction"):
        return None
    *added, deduction = line.sums
    letter = _LETTER[key]
    if key == "deduction":
        return f"={letter}{rows[deduction] + 1}"
    cells = _ranges(key, [rows[i] for i in added]) if added else "0"
    less = f"-{_LETTER['deduction']}{rows[deduction] + 1}" if key == "score" else ""
    return f"=SUM({cells}){less}"


def _ranges(key: str, rows: list[int]) -> str:
    """Rows (0-based) as the fewest ranges of the column: C5:C26,C28."""
    letter = _LETTER[key]
    runs: list[list[int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return ",".join(
        f"{letter}{run[0] + 1}" if len(run) == 1 else f"{letter}{run[0] + 1}:{letter}{run[-1] + 1}"
        for run in runs
    )


def _validate(sheet: Any, row: int, key: str, rule: dict[str, Any], message: str) -> None:
    col = _COLUMN[key]
    sheet.data_validation(
        row, col, row, col, {"validate": "decimal", **rule, "error_message": message}
    )


# The most characters of a page header Excel keeps (XlsxWriter drops a longer one).
_HEADER_LIMIT = 255


def page_header(notice: Notice, name: str) -> str:
    """A sheet's page header: the notice on the left (in one unit's workbook, the unit
    too), the sheet's name on the right."""
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
    return f'&L&"-,Bold"{shown}&R{name}'


def _print_setup(sheet: Any, notice: Notice, breaks: list[int], rows: int) -> None:
    """A4 portrait, one page wide, the notice in the page header, page numbers in the
    footer, a page per unit and the breaks the blocks needed."""
    sheet.set_paper(9)  # A4
    sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    if breaks:
        sheet.set_h_pagebreaks(breaks[:1023])  # Excel's limit of manual breaks
    sheet.set_margins(left=0.5, right=0.4, top=0.7, bottom=0.6)
    sheet.set_header(page_header(notice, SCORING_SHEET), {"margin": 0.3})
    sheet.set_footer("&C" + _("Page &P of &N"), {"margin": 0.3})
    sheet.print_area(0, 0, max(rows - 1, 0), len(_KEYS) - 1)
