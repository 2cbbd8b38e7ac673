"""PDFs of a notice for the tests, made from its text: never a committed binary.

Three layouts are set with reportlab in a Debian TrueType CJK font (Noto CJK cannot be
embedded by reportlab), and one by LibreOffice from a Word document, for the spacing
Word and LibreOffice put between Chinese and digits:

- ``gongwen``: the 公文 page: A4, 16-point body of about 28 characters a line,
  justified with a two-character first-line indent, headings bold, centred and
  larger, ``— N —`` page numbers at the foot;
- ``header``: the same with a running header on every page;
- ``ragged``: 12-point left-aligned lines with no indent, headings in the body's
  size (in 黑体, with space above), page numbers as ``- N -``;
- ``libreoffice``: a .docx written by python-docx, converted by LibreOffice.

Each paragraph is a non-blank line of the text with its Markdown marks taken off
(``##`` headings are set as headings; ``---`` rules are left out).
"""

from __future__ import annotations

import functools
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

import regex

import office

Layout = Literal["gongwen", "header", "ragged"]

# Debian's fonts-arphic-uming (a 宋体) and fonts-wqy-zenhei (a 黑体).
BODY_FONT = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
HEADING_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
RUNNING_HEADER = "三门峡市人民政府关于印发2020年度经济社会发展目标的通知"

_HEADING_MARK = regex.compile(r"^(#{1,6})\s+")


@dataclass(frozen=True)
class Paragraph:
    text: str
    level: int  # 0 for body text, else the Markdown heading level


def paragraphs(text: str) -> list[Paragraph]:
    """The notice's paragraphs: its non-blank lines, Markdown marks taken off."""
    found: list[Paragraph] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or regex.fullmatch(r"-{3,}|\*{3,}", stripped):
            continue
        mark = _HEADING_MARK.match(stripped)
        level = len(mark.group(1)) if mark else 0
        found.append(Paragraph(stripped[mark.end() :] if mark else stripped, level))
    return found


def without_positions(value: Any) -> Any:
    """Records without ``source`` and line spans (offsets within a text stay)."""
    if isinstance(value, dict):
        return {
            key: without_positions(item)
            for key, item in value.items()
            if key not in ("span", "header_span", "source") or (key == "span" and "start" in item)
        }
    if isinstance(value, list):
        return [without_positions(item) for item in value]
    return value


def fonts_missing() -> str | None:
    """Why the reportlab PDFs cannot be made here, if they cannot."""
    for font in (BODY_FONT, HEADING_FONT):
        if not font.exists():
            return f"{font.name} is not installed (make system-deps)"
    return None


@functools.cache
def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Song", str(BODY_FONT), subfontIndex=0))
    pdfmetrics.registerFont(TTFont("Hei", str(HEADING_FONT), subfontIndex=0))


def reportlab_pdf(text: str, layout: Layout) -> bytes:
    """The notice set in one of the reportlab layouts."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate

    _register_fonts()
    ragged = layout == "ragged"
    size = 12 if ragged else 16
    body = ParagraphStyle(
        "body",
        fontName="Song",
        fontSize=size,
        leading=size * 1.75,
        alignment=TA_LEFT if ragged else TA_JUSTIFY,
        firstLineIndent=0 if ragged else 2 * size,
        wordWrap="CJK",
    )
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontName="Hei",
        fontSize=size + 4,
        leading=(size + 4) * 1.75,
        alignment=TA_CENTER,
        firstLineIndent=0,
    )
    subheading = ParagraphStyle("subheading", parent=body, fontName="Hei")
    if ragged:
        heading = subheading = ParagraphStyle(
            "plain-heading", parent=body, fontName="Hei", spaceBefore=size
        )

    def furniture(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        number = canvas.getPageNumber()
        canvas.setFont("Song", 14 if not ragged else 10)
        mark = f"- {number} -" if ragged else f"— {number} —"
        canvas.drawCentredString(A4[0] / 2, 15 * mm, mark)
        if layout == "header":
            canvas.setFont("Song", 10)
            canvas.drawCentredString(A4[0] / 2, A4[1] - 20 * mm, RUNNING_HEADER)
            canvas.line(26 * mm, A4[1] - 22 * mm, A4[0] - 26 * mm, A4[1] - 22 * mm)
        canvas.restoreState()

    flow = []
    for paragraph in paragraphs(text):
        if paragraph.level == 0:
            style = body
        elif paragraph.level <= 2:
            style = heading
        else:
            style = subheading
        flow.append(Para(escape(paragraph.text), style))
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm if not ragged else 20 * mm,
        bottomMargin=35 * mm if not ragged else 20 * mm,
        title="notice",
        author="targetdoc tests",
        # The same bytes on every run: no creation date, no random document id.
        invariant=1,
    )
    document.build(flow, onFirstPage=furniture, onLaterPages=furniture)
    return output.getvalue()


def docx_bytes(text: str) -> bytes:
    """The notice as a Word document: headings bold, centred and larger, body indented."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Noto Serif CJK SC"
    normal.font.size = Pt(16)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    for paragraph in paragraphs(text):
        written = document.add_paragraph()
        run = written.add_run(paragraph.text)
        if paragraph.level:
            run.bold = True
            if paragraph.level <= 2:
                run.font.size = Pt(20)
                written.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            written.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            written.paragraph_format.first_line_indent = Pt(32)
    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(footer)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _page_field(paragraph: object) -> None:
    """``— N —`` with N Word's PAGE field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph as DocxParagraph

    assert isinstance(paragraph, DocxParagraph)
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)
    paragraph.add_run(" —")


def libreoffice_pdf(text: str) -> bytes:
    """The notice as Word writes it, converted to PDF by LibreOffice."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "notice.docx").write_bytes(docx_bytes(text))
        return office.convert(work / "notice.docx", work, "pdf").read_bytes()


def minimal_pdf(
    content: bytes, *, pages: int = 1, filters: bytes = b"", to_unicode: bytes = b""
) -> bytes:
    """A PDF written by hand: ``pages`` pages showing one content stream in Helvetica
    (mapped to Unicode by the CMap ``to_unicode``, if given). For the error paths."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
    font += b"/ToUnicode %d 0 R >>" % (5 + pages) if to_unicode else b">>"
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), filters, content),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + pages)
    ] * pages
    objects.append(font)
    if to_unicode:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(to_unicode), to_unicode))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    )
    return out.getvalue()


# A font's Unicode map that sends every character to the private use area, as fonts
# subset without a real map do.
PRIVATE_USE_CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /PrivateUse def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfrange <20> <7E> <E000> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def encrypted_pdf(text: str) -> bytes:
    """A one-page PDF that asks for a password."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen.canvas import Canvas

    output = io.BytesIO()
    canvas = Canvas(output, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    canvas.drawString(72, 700, text)
    canvas.showPage()
    canvas.save()
    return output.getvalue()


# --- the layout fuzzer's PDFs: headings set by role, as 公文 sets them ---------------------

# Debian's TrueType CJK fonts reportlab embeds: 宋体 and 楷体 (fonts-arphic-uming/ukai),
# 黑体 (fonts-wqy-zenhei/microhei).
FONTS = {
    "uming": Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
    "ukai": Path("/usr/share/fonts/truetype/arphic/ukai.ttc"),
    "zenhei": Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    "microhei": Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
}
PAGE_MARKS = ("— {} —", "- {} -", "第{}页")
_DATE = regex.compile(
    r"(?:\d{4}|[〇一二三四五六七八九零]{4})年[\d一二三四五六七八九十]+月[\d一二三四五六七八九十]+日"
)
Role = Literal["title", "heading", "unit", "tier", "date", "body"]


@dataclass(frozen=True)
class Setting:
    """How a producer sets a notice: fonts, measure, headings, furniture, marks."""

    body: str = "uming"  # a key of FONTS
    heading: str = "zenhei"  # unit, category and title headings
    tier: str = "ukai"  # tier headings, （一）重点目标
    size: float = 16.0
    per_line: int = 28  # characters a line
    justified: bool = True
    # A two-character first-line indent; else half a line's space above each paragraph
    # (段前 0.5 行; with neither, a paragraph ending at the column's edge runs into the next).
    indent: bool = True
    centred: bool = True  # unit headings centred (else flush left)
    space: bool = False  # extra space above headings
    larger: bool = False  # unit headings larger than the body
    binding: float = 0.0  # millimetres added to the left margin
    top: float = 37.0  # the top and bottom margins, in millimetres
    header: str | None = None  # a running header's text
    page_mark: str = PAGE_MARKS[0]
    watermark: Literal["diagonal", "horizontal"] | None = None
    seal: bool = False  # a red seal over the date


def missing_fonts(setting: Setting) -> str | None:
    for key in (setting.body, setting.heading, setting.tier):
        if not FONTS[key].exists():
            return f"{FONTS[key].name} is not installed (make system-deps)"
    return None


def roles(text: str) -> list[tuple[str, Role]]:
    """The notice's paragraphs with the role its text parse gives each."""
    from targetdoc.parse import parse_source
    from targetdoc.read.source import Source

    source = Source.from_text(text)
    notice = parse_source(source).notice
    by_line: dict[int, Role] = {}
    titles = {"".join(part.split()) for part in (notice.issuer or "", notice.title or "") if part}
    for heading in notice.headings:
        by_line[heading.span.first] = "heading"
    for unit in notice.units:
        by_line[unit.span.first] = "unit"
        for tier in unit.all_tiers():
            if not tier.implicit:
                by_line.setdefault(tier.span.first, "tier")
    found: list[tuple[str, Role]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        # Markdown's marks are the text's, not the page's: a PDF shows none.
        stripped = _HEADING_MARK.sub("", line.strip()).replace("**", "")
        if stripped and not regex.fullmatch(r"-{3,}|\*{3,}", stripped):
            role = by_line.get(number, "body")
            if "".join(stripped.split()) in titles or stripped.endswith("文件"):
                role = "title"
            elif _DATE.fullmatch(stripped):
                role = "date"
            found.append((stripped, role))
    return found


@functools.cache
def _register(key: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(key, str(FONTS[key]), subfontIndex=0))
    return key


def set_pdf(text: str, setting: Setting) -> bytes:
    """The notice set as ``setting`` says, with reportlab."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate

    size = setting.size
    body = ParagraphStyle(
        "body",
        fontName=_register(setting.body),
        fontSize=size,
        leading=size * 1.75,
        alignment=TA_JUSTIFY if setting.justified else TA_LEFT,
        firstLineIndent=2 * size if setting.indent else 0,
        spaceBefore=0 if setting.indent else size * 1.75 / 2,
        wordWrap="CJK",
    )
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontName=_register(setting.heading),
        fontSize=size + 4 if setting.larger else size,
        leading=(size + 4 if setting.larger else size) * 1.75,
        alignment=TA_CENTER if setting.centred else TA_LEFT,
        firstLineIndent=0,
        spaceBefore=size if setting.space else 0,
    )
    title = ParagraphStyle(
        "title", parent=heading, fontSize=size + 6, leading=(size + 6) * 1.75, alignment=TA_CENTER
    )
    tier = ParagraphStyle("tier", parent=body, fontName=_register(setting.tier))
    date = ParagraphStyle("date", parent=body, alignment=TA_RIGHT, rightIndent=4 * size)
    styles = {
        "title": title,
        "heading": heading,
        "unit": heading,
        "tier": tier,
        "date": date,
        "body": body,
    }
    width = setting.per_line * size + 1
    left = (A4[0] - width) / 2 + setting.binding * mm / 2
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=left,
        rightMargin=A4[0] - width - left,
        topMargin=setting.top * mm,
        bottomMargin=setting.top * mm,
        invariant=1,
    )
    paragraphs = roles(text)
    dated = any(role == "date" for _, role in paragraphs)
    flow = [Para(escape(p), styles[role]) for p, role in paragraphs]
    document.build(
        flow,
        onFirstPage=functools.partial(_furniture, setting, dated),
        onLaterPages=functools.partial(_furniture, setting, dated),
    )
    return output.getvalue()


def _furniture(setting: Setting, dated: bool, canvas: Any, document: Any) -> None:
    """Page marks, running header, watermark and seal, as the page's own drawing."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    canvas.saveState()
    number = canvas.getPageNumber()
    canvas.setFont(_register(setting.body), 14)
    canvas.drawCentredString(A4[0] / 2, 15 * mm, setting.page_mark.format(number))
    if setting.header:
        canvas.setFont(_register(setting.body), 10)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, setting.header)
    if setting.watermark == "diagonal":
        canvas.setFillColorRGB(0.85, 0.85, 0.85)
        canvas.translate(A4[0] / 2, A4[1] / 2)
        canvas.rotate(45)
        canvas.setFont(_register(setting.heading), 60)
        canvas.drawCentredString(0, 0, "内部资料 注意保存")
    elif setting.watermark == "horizontal":
        canvas.setFillColorRGB(0.5, 0.5, 0.5)
        canvas.setFont(_register(setting.heading), 48)
        canvas.drawCentredString(A4[0] / 2, A4[1] / 2, "征求意见稿")
    canvas.restoreState()
    if setting.seal and number == 1 and dated:
        canvas.saveState()
        canvas.setFillColorRGB(0.9, 0.1, 0.1, alpha=0.5)
        canvas.circle(A4[0] * 0.7, A4[1] * 0.5, 40 * mm / 2, stroke=0, fill=1)
        canvas.restoreState()


# LibreOffice's families for the roles, as a Word 公文 template names them: 黑体 and
# 楷体 headings over a 宋体 (or 仿宋) body.
OFFICE_FONTS = {
    "uming": "AR PL UMing CN",
    "ukai": "AR PL UKai CN",
    "zenhei": "WenQuanYi Zen Hei",
    "microhei": "WenQuanYi Micro Hei",
    "serif": "Noto Serif CJK SC",
    "sans": "Noto Sans CJK SC",
}


def docx_by_role(text: str, setting: Setting, *, bold: bool = False) -> bytes:
    """The notice as a Word document set by role (fonts from OFFICE_FONTS); ``bold``
    sets unit headings bold as well (a separate face where the family has one)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    width = setting.per_line * setting.size + 1
    margin = (210 - width * 25.4 / 72) / 2  # millimetres
    section.left_margin = Mm(margin + setting.binding / 2)
    section.right_margin = Mm(margin - setting.binding / 2)
    section.top_margin = section.bottom_margin = Mm(setting.top)
    families = {"title": setting.heading, "heading": setting.heading, "unit": setting.heading}
    families |= {"tier": setting.tier, "date": setting.body, "body": setting.body}
    for paragraph, role in roles(text):
        written = document.add_paragraph()
        run = written.add_run(paragraph)
        family = OFFICE_FONTS[families[role]]
        run.font.name = family
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), family)
        larger = role == "title" or (role in ("unit", "heading") and setting.larger)
        run.font.size = Pt(setting.size + (6 if role == "title" else 4 if larger else 0))
        run.bold = bold and role in ("unit", "heading", "title")
        form = written.paragraph_format
        form.space_after = Pt(0)
        form.space_before = Pt(setting.size if setting.space and role != "body" else 0)
        if role == "title" or (role in ("unit", "heading") and setting.centred):
            written.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif role == "date":
            written.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            form.right_indent = Pt(4 * setting.size)
        elif role in ("body", "tier"):
            justified = WD_ALIGN_PARAGRAPH.JUSTIFY
            written.alignment = justified if setting.justified else WD_ALIGN_PARAGRAPH.LEFT
            form.first_line_indent = Pt(2 * setting.size if setting.indent else 0)
            form.space_before = Pt(0 if setting.indent else setting.size * 1.75 / 2)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(footer)
    if setting.header:
        section.header.paragraphs[0].text = setting.header
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def office_pdf(text: str, setting: Setting, *, bold: bool = False) -> bytes:
    """The notice set by role in Word, converted to PDF by LibreOffice."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "notice.docx").write_bytes(docx_by_role(text, setting, bold=bold))
        return office.convert(work / "notice.docx", work, "pdf").read_bytes()


def turned_pdf(lines: list[str]) -> bytes:
    """A portrait page stored landscape, its content turned a quarter anticlockwise and
    ``/Rotate 90`` set, as scanners' and some printers' PDFs are: ``lines`` read upright
    on screen, one a line."""
    from reportlab.pdfgen.canvas import Canvas

    output = io.BytesIO()
    canvas = Canvas(output, pagesize=(842, 595), invariant=1)
    canvas.setPageRotation(90)
    # Displayed (X, Y) on the portrait page is stored (842 - Y, X).
    canvas.transform(0, 1, -1, 0, 842, 0)
    canvas.setFont(_register("uming"), 16)
    for row, text in enumerate(lines):
        canvas.drawString(85, 760 - 28 * row, text)
    canvas.showPage()
    canvas.save()
    return output.getvalue()


def two_column_pdf(text: str) -> bytes:
    """The notice's paragraphs flowing through two columns a page (12 points, a 10 mm
    gutter), as a bulletin or a gazette sets a notice."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus import Paragraph as Para

    body = ParagraphStyle(
        "body", fontName=_register("uming"), fontSize=12, leading=20, wordWrap="CJK"
    )
    width = (A4[0] - 50 * mm) / 2
    frames = [
        Frame(20 * mm + n * (width + 10 * mm), 20 * mm, width, A4[1] - 40 * mm, id=f"c{n}")
        for n in (0, 1)
    ]
    output = io.BytesIO()
    document = BaseDocTemplate(output, pagesize=A4, invariant=1)
    document.addPageTemplates([PageTemplate(id="two", frames=frames)])
    document.build([Para(escape(p), body) for p, _ in roles(text)])
    return output.getvalue()
