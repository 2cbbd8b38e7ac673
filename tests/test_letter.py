"""Each unit's 目标责任书: export --format docx --split unit, read back with python-docx,
and one letter printed by LibreOffice to a page image."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.cli import cli
from targetdoc.export.letter import unit_file_stems
from targetdoc.models import Notice, Unit

import office
from conftest import NOTICES, SAMPLE


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("letters") / "letters"
    result = CliRunner().invoke(cli, ["export", str(SAMPLE), "--split", "unit", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 72 files (docx, one per unit) to {folder}\n"
    return folder


def _read(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    import docx

    document = docx.Document(str(path))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def _letter(letters: Path, name: str) -> Path:
    """A unit's letter, numbered in the notice's order (05-义马市.docx)."""
    (path,) = [path for path in letters.iterdir() if path.name.split("-", 1)[1] == f"{name}.docx"]
    return path


def test_a_letter_per_unit_named_after_it(letters: Path, notice: Notice) -> None:
    assert sorted(path.name for path in letters.iterdir()) == [
        f"{index:02d}-{unit.name}.docx" for index, unit in enumerate(notice.units, 1)
    ]


def _expected_rows(unit: Unit) -> list[list[str]]:
    """序号 / 目标任务 / 分值 rows as the letter must give them, tier headings merged."""
    rows = []
    single = len(unit.tiers) == 1
    for tier in unit.tiers:
        if not single:
            heading = f"{tier.name}（{tier.declared_points}分）"
            rows.append([heading] * 3)
        rows += [[str(item.number), item.text, str(item.points)] for item in tier.items]
    return rows


def test_every_item_and_its_points_are_in_its_unit_s_letter(letters: Path, notice: Notice) -> None:
    for unit in notice.units:
        paragraphs, tables = _read(_letter(letters, unit.name))
        targets, signatures = tables
        assert targets[0] == ["序号", "目标任务", "分值"]
        assert targets[1:-1] == _expected_rows(unit), unit.name
        # The total row: 合计 across two cells, and the unit's own points.
        assert targets[-1] == ["合计", "合计", str(unit.points_sum)]
        assert paragraphs[2] == f"责任单位：{unit.name}"
        assert paragraphs[3].endswith(f"总分{300 + unit.points_sum}分。")
        assert signatures[0] == [
            "发文单位（盖章）：三门峡市人民政府",
            f"责任单位（盖章）：{unit.name}",
        ]


def test_a_county_s_letter_in_full(letters: Path) -> None:
    paragraphs, tables = _read(_letter(letters, "义马市"))
    assert paragraphs[:7] == [
        "2020年度目标责任书",
        "",
        "责任单位：义马市",
        "根据《三门峡市人民政府关于印发2020年度经济社会发展目标的通知》（三政〔2020〕9号），"
        "三门峡市人民政府与义马市签订本责任书。义马市应全面完成下列目标任务，总分1000分。",
        "一、共同性目标（300分）",
        "以三门峡市党政系统目标管理领导小组制定的全市2020年度共同责任目标为准。",
        "二、经济、社会发展和本职工作责任目标（700分）",
    ]
    # Its deduction clause, after the table.
    assert paragraphs[7] == "三、考核减分"
    assert paragraphs[8].startswith("目标考核减分因素：考核重特大安全生产事故")
    assert len(tables[0]) == 1 + 22 + 1  # header, items 1–22, 合计
    assert tables[1][1:] == [
        ["负责人（签字）：", "负责人（签字）："],
        ["\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"] * 2,
    ]


def test_the_letters_are_set_as_gongwen(letters: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(_letter(letters, "市发展改革委")))
    section = document.sections[0]
    # A4 and the 公文 margins, to the millimetre (Word keeps them in twips).
    sizes = (section.page_width, section.page_height, section.top_margin, section.left_margin)
    assert [round(size.mm) if size else None for size in sizes] == [210, 297, 37, 28]
    fonts = {}
    for paragraph in document.paragraphs:
        if paragraph.runs:
            run = paragraph.runs[0]
            east_asian = run.element.get_or_add_rPr().get_or_add_rFonts().get(qn("w:eastAsia"))
            size = run.font.size.pt if run.font.size else None
            fonts[paragraph.text] = (east_asian, size)
    assert fonts["2020年度目标责任书"] == ("方正小标宋简体", 22)
    assert fonts["一、共同性目标（300分）"] == ("黑体", 16)
    assert fonts["以三门峡市党政系统目标管理领导小组制定的全市2020年度共同责任目标为准。"] == (
        "仿宋_GB2312",
        16,
    )


def test_a_task_list_s_letter_names_the_responsible_units(tmp_path: Path) -> None:
    out = tmp_path / "letters"
    notice = NOTICES / "task-list.txt"
    result = CliRunner().invoke(cli, ["export", str(notice), "--split", "unit", "-o", str(out)])
    assert result.exit_code == 0, result.output
    (letter,) = out.iterdir()
    _, (targets, _) = _read(letter)
    assert targets[0] == ["序号", "目标任务", "分值", "责任单位"]
    first = next(row for row in targets if row[0] == "1")
    assert first[1] == "完成固定资产投资增长10%"
    assert first[3] == "市发展改革委、各县（市、区）人民政府"


def test_one_workbook_per_unit(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "sheets"
    result = CliRunner().invoke(
        cli, ["export", str(SAMPLE), "--split", "unit", "-f", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(list(out.iterdir())) == 72
    (workbook,) = out.glob("*-湖滨区.xlsx")
    sheet = openpyxl.load_workbook(workbook)["评分"]
    units = {row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row[1]}
    assert units == {"湖滨区"}
    assert sheet.cell(2, 1).value == "湖滨区\u3000各县（市、区）责任目标"
    # The unit and the notice head every printed page.
    assert sheet.oddHeader.left.text == (
        "湖滨区 · 三政〔2020〕9号 三门峡市人民政府关于印发2020年度经济社会发展目标的通知"
    )


def test_all_letters_in_one_document_without_split(tmp_path: Path) -> None:
    out = tmp_path / "all.docx"
    result = CliRunner().invoke(cli, ["export", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    paragraphs, tables = _read(out)
    assert paragraphs.count("2020年度目标责任书") == 72
    assert len(tables) == 72 * 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split", "unit"], "--split writes a file per unit: name a folder with -o DIR"),
        (["--split", "unit", "-f", "csv", "-o", "x"], "--split writes docx letters or xlsx"),
        (["-f", "docx"], "DOCX is a binary file: name it with -o FILE.docx"),
    ],
)
def test_usage_errors_of_letters(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["export", str(SAMPLE), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_split_into_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "letters.txt"
    target.write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(SAMPLE), "--split", "unit", "-o", str(target)])
    assert result.exit_code == 2
    assert result.output == (
        f"targetdoc: error: {target}: not a folder (--split writes a file per unit into one)\n"
    )
    assert target.read_text(encoding="utf-8") == "keep"


def test_file_names_are_safe() -> None:
    from targetdoc.models import Span

    unit = Unit(
        name="市/县:联合*办", kind="department", category="", tiers=[], span=Span(first=1, last=1)
    )
    assert unit_file_stems([unit]) == ["01-市_县_联合_办"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice: make system-deps")
def test_libreoffice_renders_a_letter(letters: Path, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    printed = office.convert(_letter(letters, "市发展改革委"), tmp_path, "pdf")
    document = pdfium.PdfDocument(printed.read_bytes())
    assert len(document) == 2
    first = document[0]
    assert [round(side) for side in first.get_size()] == [595, 842]  # A4
    # LibreOffice spaces Chinese from digits (2020 年度): compared without spaces.
    text = "".join(first.get_textpage().get_text_range().split())
    assert "2020年度目标责任书" in text
    assert "责任单位：市发展改革委" in text
    second = "".join(document[1].get_textpage().get_text_range().split())
    assert "合计" in second
    assert "负责人（签字）" in second
    # The page as an image: ink on it, in the text column (margins of 28 and 26 mm).
    image = first.render(scale=0.5).to_pil().convert("L")
    width = image.size[0]
    dark = [
        x for x in range(width) for y in range(0, image.size[1], 4) if image.getpixel((x, y)) < 128
    ]
    assert dark
    assert min(dark) >= int(width * 20 / 210)
    assert max(dark) <= int(width * (210 - 20) / 210)


def test_a_nested_unit_s_letter_follows_the_notice_s_order(tmp_path: Path) -> None:
    out = tmp_path / "letters"
    notice = NOTICES / "nested-county.txt"
    result = CliRunner().invoke(cli, ["export", str(notice), "--split", "unit", "-o", str(out)])
    assert result.exit_code == 0, result.output
    _, (targets, _) = _read(out / "01-东山县政府.docx")
    # 社会事业's section 就业创业 is its item 1, so it comes before item 2.
    assert [row[0] if row[0] != row[1] else f"[{row[0]}]" for row in targets[1:]] == [
        "[经济发展（600分）]",
        "[经济发展 / 重点工作（500分）]",
        "1",
        "2",
        "[经济发展 / 一般工作（100分）]",
        "1",
        "2",
        "[社会事业（400分）]",
        "[社会事业 / 就业创业（250分）]",
        "1",
        "2",
        "2",
        "[合计]",  # across 序号 and 目标任务
    ]
