"""Each unit's 目标责任书 (target-responsibility letter) as a Word document.

The office sends every unit a letter to sign: its title (义马市2020年度经济社会发展目标
责任书), the parties by their full names (甲方 the issuer, 乙方 the unit), the notice it
rests on, a table of its targets (序号 / 目标任务 / 分值, with 责任单位 where a task list
names them) holding the shared targets, each tier's items and sections in the notice's
own numbering with a 小计, and the 合计 of the full score the text states, the deduction
clause, and room for both parties' seals, signatures and dates. Set as a 公文 (GB/T
9704): A4 with the standard margins, 仿宋 body in 三号 (16 pt), 黑体 headings, the title in
小标宋, page numbers — N — in 四号 at the foot (odd pages right, even pages left), the
table's header row repeated on every page; the file's properties name the letter, its
issuer and the time it was made.

What the letter says comes from ``letter_content``; python-docx sets it. An office's
own Word template is filled instead with ``template_letter_bytes`` (docxtpl).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

import regex

from targetdoc.errors import InputError
from targetdoc.export.letter_content import Letter, Row, letter_of
from targetdoc.models import Notice, Unit
from targetdoc.numerals import to_chinese

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
    _page_numbers(document)
    letters = [letter_of(notice, unit) for unit in units]
    for index, letter in enumerate(letters):
        if index:
            from docx.enum.text import WD_BREAK

            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _letter(document, letter)
    title = letters[0].title if len(letters) == 1 else f"{notice.title or ''}目标责任书"
    _properties(document, title, notice.issuer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def template_letter_bytes(template: bytes, notice: Notice, unit: Unit, *, path: str) -> bytes:
    """One unit's letter in an office's own Word template, its Jinja tags (docxtpl)
    filled from ``Letter.context()``; a template that cannot be read or rendered is the
    user's input, refused with one message."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    letter = letter_of(notice, unit)
    try:
        document = DocxTemplate(io.BytesIO(template))
        document.render(letter.context(), autoescape=True)
    except TemplateError as error:
        raise InputError(f"the letter template does not render: {error}", path=path) from None
    except Exception as error:  # a broken .docx: python-docx raises many kinds
        raise InputError(
            f"not a readable Word template (.docx): {type(error).__name__}", path=path
        ) from None
    _properties(document.docx, letter.title, notice.issuer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# The most characters python-docx (and Word) keep in a core property.
_PROPERTY_LIMIT = 255


def _property(text: str) -> str:
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1] + "…"


def _properties(document: Any, title: str, issuer: str | None) -> None:
    """The file's properties: the letter's title, its issuer as author, made now (not
    python-docx's own name and its template's date). A property holds 255 characters at
    most (python-docx refuses a longer one): a long unit's name is cut with an ellipsis."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.title = _property(title)
    properties.subject = "目标责任书"
    properties.author = _property(issuer or "targetdoc")
    properties.last_modified_by = _property(issuer or "targetdoc")
    properties.comments = "targetdoc"
    properties.keywords = ""
    properties.created = now
    properties.modified = now
    properties.revision = 1


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


def _letter(document: Any, letter: Letter) -> None:
    _paragraph(document, letter.title, font=TITLE_FONT, size=22, align="center")
    _paragraph(document, "")
    _paragraph(document, f"甲方（下达单位）：{letter.issuer}")
    _paragraph(document, f"乙方（责任单位）：{letter.unit}")
    year = f"{letter.year}年度" if letter.year else ""
    _paragraph(
        document,
        f"根据{letter.basis}，为确保全面完成{year}目标任务，甲乙双方签订本责任书。"
        f"乙方应全面完成下列目标任务，总分{letter.total}分。",
        indent=True,
    )
    _paragraph(document, "一、目标任务", font=HEADING_FONT, indent=True)
    _targets_table(document, letter)
    number = 1
    if letter.deduction:
        number += 1
        _paragraph(document, f"{to_chinese(number)}、考核减分", font=HEADING_FONT, indent=True)
        _paragraph(document, letter.deduction, indent=True)
    number += 1
    _paragraph(document, f"{to_chinese(number)}、其他", font=HEADING_FONT, indent=True)
    _paragraph(
        document,
        "本责任书一式两份，甲乙双方各执一份，自签订之日起生效。",
        indent=True,
    )
    _signatures(document)


def _targets_table(document: Any, letter: Letter) -> None:
    """序号 / 目标任务 / 分值 (/ 责任单位): section rows, item rows, 小计 and 合计; the
    header row repeats on every page, and no row breaks across pages."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    responsible = letter.responsible
    header = ["序号", "目标任务", "分值", *(["责任单位"] if responsible else [])]
    widths = [
        Mm(16),
        Mm(116 if not responsible else 86),
        Mm(24),
        *([Mm(30)] if responsible else []),
    ]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, font=HEADING_FONT, center=True)
    _row_flags(table.rows[0], header=True)
    for row in letter.rows:
        added = table.add_row()
        _row_flags(added)
        _table_row(added.cells, row, responsible)
    # Widths on the grid and on every cell: Word reads the cells', LibreOffice the grid.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for table_row in table.rows:
        for cell, width in zip(table_row.cells, widths, strict=False):
            cell.width = width


def _table_row(cells: Any, row: Row, responsible: bool) -> None:
    if row.kind == "section":
        _cell(cells[0].merge(cells[-1]), row.text, font=HEADING_FONT)
        return
    if row.kind in ("subtotal", "total"):
        label = row.text if row.kind == "subtotal" else "合计"
        _cell(cells[0].merge(cells[1]), label, font=HEADING_FONT, center=True)
        _cell(cells[2], row.points, font=HEADING_FONT, center=True)
        return
    _cell(cells[0], row.number, center=True)
    _cell(cells[1], row.text)
    _cell(cells[2], row.points, center=True)
    if responsible:
        _cell(cells[3], row.responsible)


def _row_flags(row: Any, *, header: bool = False) -> None:
    """A row never split across pages; the header row repeated at the top of each."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    for name in ("w:cantSplit", *(("w:tblHeader",) if header else ())):
        flag = OxmlElement(name)
        flag.set(qn("w:val"), "true")
        properties.append(flag)


def _cell(cell: Any, text: str, *, font: str = TABLE_FONT, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = Pt(20)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    _font(run, font, 12)


def _page_numbers(document: Any) -> None:
    """— N — at the foot of each page, as GB/T 9704 sets them: 四号 (14 pt) 宋体, odd
    pages at the right and even pages at the left, a character's space from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align, before, after in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "— ", " —\u3000"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "\u3000— ", " —"),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        _font(paragraph.add_run(before), "宋体", 14)
        _page_field(paragraph)
        _font(paragraph.add_run(after), "宋体", 14)


def _page_field(paragraph: Any) -> None:
    """The PAGE field: Word and LibreOffice put the page's number in its place."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (
        ("begin", None),
        (None, "PAGE"),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        _font(run, "宋体", 14)
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif text == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = " PAGE "
            run._r.append(instruction)
        else:
            run.text = text or ""


def _signatures(document: Any) -> None:
    """Both parties side by side, without borders: the seal (with room for it), the
    principal's signature and the date, right-aligned."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    _paragraph(document, "").paragraph_format.keep_with_next = True
    lines = [
        ("甲方（盖章）", "乙方（盖章）"),
        ("", ""),  # room for the seal
        ("主要负责人（签字）：", "主要负责人（签字）："),
        ("年\u3000\u3000月\u3000\u3000日", "年\u3000\u3000月\u3000\u3000日"),
    ]
    table = document.add_table(rows=len(lines), cols=2)
    for index, (row, texts) in enumerate(zip(table.rows, lines, strict=True)):
        _row_flags(row)
        if index == 1:
            row.height = Mm(28)
        for cell, text in zip(row.cells, texts, strict=True):
            _cell(cell, text, font=BODY_FONT)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_before = Pt(10)
            # The block stays on one page: each row keeps with the next.
            paragraph.paragraph_format.keep_with_next = index < len(lines) - 1
            if index == len(lines) - 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.right_indent = Pt(32)
            for run in paragraph.runs:
                _font(run, BODY_FONT, 16)
