"""Each unit's 目标责任书 (target-responsibility letter) as a Word document.

The office sends every unit a letter to sign: the notice it rests on (title and
number), the unit's name, the shared targets, its tiers and items in a table
(序号 / 目标任务 / 分值, with 责任单位 where a task list names them), the deduction
clause, and signature and date lines for both parties. Set in 公文 typography: A4
with the standard margins, 仿宋 body in 三号 (16 pt), 黑体 headings, the title in
小标宋 (宋体 where that font is missing), so that it opens cleanly in Word and WPS.

Written with python-docx, which targetdoc already uses to read Word notices.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import regex

from targetdoc.models import Item, Notice, Points, Tier, Unit

# 公文 (GB/T 9704) fonts: the title, headings and body, each with a fallback that
# Word and WPS substitute where the first is not installed.
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "仿宋_GB2312"
_LATIN_FONT = "Times New Roman"
# Characters a file name cannot hold on Windows, macOS or Linux.
_UNSAFE = regex.compile(r'[\\/:*?"<>|\x00-\x1f]')


# The most bytes (UTF-8) of a unit's name in a file name: with its number, suffix and
# the temporary file's affixes, well under the 255 bytes file systems allow.
_NAME_BYTES = 150


def unit_file_stems(units: Sequence[Unit]) -> list[str]:
    """Each unit's file name without its suffix: its place in the notice, then its name
    made safe for any file system (01-义马市). The number keeps the notice's order, makes
    names that clean alike distinct, and no name a Windows device (CON, NUL, LPT1)."""
    width = max(2, len(str(len(units))))
    return [f"{index:0{width}d}-{_safe_name(unit.name)}" for index, unit in enumerate(units, 1)]


def _safe_name(name: str) -> str:
    """A unit's name without characters a file name cannot hold, cut to ``_NAME_BYTES``."""
    cleaned = _UNSAFE.sub("_", name).strip(" .") or "unit"
    cut = cleaned.encode("utf-8")[:_NAME_BYTES].decode("utf-8", errors="ignore")
    return cut.rstrip(" .") or "unit"


def letter_bytes(notice: Notice, units: Iterable[Unit]) -> bytes:
    """The letters of the units as one Word document, each starting a page."""
    from docx import Document

    document = Document()
    _page_setup(document)
    _styles(document)
    for index, unit in enumerate(units):
        if index:
            from docx.enum.text import WD_BREAK

            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _letter(document, notice, unit)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: Any) -> None:
    """A4 with the 公文 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm."""
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _font(target: Any, east_asian: str, size: float | None = None, bold: bool = False) -> None:
    """A run's or a style's font: Chinese in ``east_asian``, Latin and digits in Times."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    target.font.name = _LATIN_FONT
    if size is not None:
        target.font.size = Pt(size)
    target.font.bold = bold
    properties = target.element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(document: Any) -> None:
    from docx.shared import Pt

    normal = document.styles["Normal"]
    _font(normal, BODY_FONT, 16)
    normal.paragraph_format.line_spacing = Pt(28)  # 公文: 22 lines of 28 characters a page
    normal.paragraph_format.space_after = Pt(0)


def _paragraph(
    document: Any,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = 16,
    bold: bool = False,
    align: str = "justify",
    indent: bool = False,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(2 * size)
    run = paragraph.add_run(text)
    _font(run, font, size, bold)
    return paragraph


def _points(points: Points | None) -> str:
    if points is None:
        return ""
    return format(points.normalize(), "f") if isinstance(points, Decimal) else str(points)


def _letter(document: Any, notice: Notice, unit: Unit) -> None:
    year = f"{notice.year}年度" if notice.year else ""
    _paragraph(document, f"{year}目标责任书", font=TITLE_FONT, size=22, align="center")
    _paragraph(document, "")
    basis = f"《{notice.title}》" if notice.title else "目标责任通知"
    if notice.doc_number:
        basis += f"（{notice.doc_number}）"
    _paragraph(document, f"责任单位：{unit.name}", font=HEADING_FONT)
    _paragraph(
        document,
        f"根据{basis}，{notice.issuer or '发文机关'}与{unit.name}签订本责任书。"
        f"{unit.name}应全面完成下列目标任务，总分{_points(_full_score(notice, unit))}分。",
        indent=True,
    )
    number = 0
    shared = notice.common_target
    if shared is not None:
        number += 1
        _paragraph(
            document,
            f"{_ordinal(number)}、{shared.name}（{_points(shared.points)}分）",
            font=HEADING_FONT,
            indent=True,
        )
        _paragraph(document, shared.text, indent=True)
    number += 1
    own = points_of(unit.tiers)
    title = notice.development_target.name if notice.development_target else "责任目标"
    _paragraph(
        document,
        f"{_ordinal(number)}、{title}（{_points(own)}分）",
        font=HEADING_FONT,
        indent=True,
    )
    _targets_table(document, unit)
    if unit.deduction_clause is not None:
        number += 1
        _paragraph(document, f"{_ordinal(number)}、考核减分", font=HEADING_FONT, indent=True)
        _paragraph(document, unit.deduction_clause.text, indent=True)
    _signatures(document, notice, unit)


def points_of(tiers: Iterable[Tier]) -> Points:
    """The points of the tiers' items, at every level."""
    from targetdoc.models import points_total

    return points_total(tier.points_sum for tier in tiers)


def _full_score(notice: Notice, unit: Unit) -> Points:
    from targetdoc.models import points_total

    shared = notice.common_target.points if notice.common_target else 0
    return points_total([shared, points_of(unit.tiers)])


_CN = "〇一二三四五六七八九十"


def _ordinal(number: int) -> str:
    """一, 二, … 十九: the 公文 numbering of a letter's parts."""
    if number <= 10:
        return _CN[number]
    return f"十{_CN[number - 10]}" if number < 20 else str(number)


def _rows(unit: Unit) -> Iterator[tuple[str, Tier | None, Any]]:
    """The table's rows: a heading row per tier (by its path in a nested unit), then
    its items."""

    def visit(tier: Tier, path: str) -> Iterator[tuple[str, Tier | None, Any]]:
        if tier.name:
            yield "tier", tier, path
        # Items and sections in the notice's order: a section may be item 1 of its tier.
        parts: list[Item | Tier] = [*tier.items, *tier.tiers]
        for part in sorted(parts, key=lambda part: part.span.first):
            if isinstance(part, Tier):
                yield from visit(part, f"{path} / {part.name}" if path else part.name)
            else:
                yield "item", None, part

    if len(unit.tiers) == 1 and not unit.nested:
        # One tier, named in the heading above the table: no heading row repeats it.
        yield from (("item", None, item) for item in unit.tiers[0].items)
        return
    for tier in unit.tiers:
        yield from visit(tier, tier.name)


def _targets_table(document: Any, unit: Unit) -> None:
    """序号 / 目标任务 / 分值 (/ 责任单位): tier heading rows, item rows, a 合计 row."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    responsible = any(item.responsible for _, item in unit.items())
    header = ["序号", "目标任务", "分值", *(["责任单位"] if responsible else [])]
    widths = [
        Mm(14),
        Mm(118 if not responsible else 88),
        Mm(24),
        *([Mm(30)] if responsible else []),
    ]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, font=HEADING_FONT, center=True)
    for kind, tier, value in _rows(unit):
        cells = table.add_row().cells
        if kind == "tier":
            assert tier is not None
            merged = cells[0].merge(cells[-1])
            declared = tier.declared_points
            points = f"（{_points(declared)}分）" if declared is not None else ""
            _cell(merged, f"{value}{points}", font=HEADING_FONT)
            continue
        _cell(cells[0], str(value.number), center=True)
        _cell(cells[1], value.text)
        _cell(cells[2], _points(value.points), center=True)
        if responsible:
            _cell(cells[3], "、".join(value.responsible))
    total = table.add_row().cells
    _cell(total[0].merge(total[1]), "合计", font=HEADING_FONT, center=True)
    _cell(total[2], _points(points_of(unit.tiers)), font=HEADING_FONT, center=True)
    # Widths on the grid and on every cell: Word reads the cells', LibreOffice the grid.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _cell(cell: Any, text: str, *, font: str = TABLE_FONT, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = Pt(20)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    _font(run, font, 12)


def _signatures(document: Any, notice: Notice, unit: Unit) -> None:
    """Both parties' seal, signature and date lines, side by side, without borders."""
    from docx.shared import Pt

    _paragraph(document, "")
    table = document.add_table(rows=3, cols=2)
    lines = [
        (f"发文单位（盖章）：{notice.issuer or ''}", f"责任单位（盖章）：{unit.name}"),
        ("负责人（签字）：", "负责人（签字）："),
        ("　　　年　　月　　日", "　　　年　　月　　日"),
    ]
    for row, (left, right) in zip(table.rows, lines, strict=True):
        for cell, text in zip(row.cells, (left, right), strict=True):
            _cell(cell, text, font=BODY_FONT)
            cell.paragraphs[0].paragraph_format.space_before = Pt(14)
            for run in cell.paragraphs[0].runs:
                _font(run, BODY_FONT, 14)
