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


SHARED = "以三门峡市党政系统目标管理领导小组制定的全市2020年度共同责任目标为准。"
_TIER_NUMBERS = "一二三四五"


def _expected_rows(unit: Unit) -> list[list[str]]:
    """序号 / 目标任务 / 分值 rows as the letter must give them: the shared targets, the
    unit's own (section rows merged across the table), a 小计 per tier."""
    rows = [
        ["一、共同性目标（300分）"] * 3,
        ["", SHARED, "300"],
        [f"二、经济、社会发展和本职工作责任目标（{unit.points_sum}分）"] * 3,
    ]
    single = len(unit.tiers) == 1
    for index, tier in enumerate(unit.tiers):
        if not single:
            heading = f"（{_TIER_NUMBERS[index]}）{tier.name}（{tier.declared_points}分）"
            rows.append([heading] * 3)
        rows += [[str(item.number), item.text, str(item.points)] for item in tier.items]
        rows.append([f"{tier.name}小计", f"{tier.name}小计", str(tier.points_sum)])
    return rows


def test_every_item_and_its_points_are_in_its_unit_s_letter(letters: Path, notice: Notice) -> None:
    for unit in notice.units:
        paragraphs, tables = _read(_letter(letters, unit.name))
        targets, signatures = tables
        assert targets[0] == ["序号", "目标任务", "分值"]
        assert targets[1:-1] == _expected_rows(unit), unit.name
        # The total row: 合计 across two cells, and the full score the text states.
        assert targets[-1] == ["合计", "合计", str(300 + unit.points_sum)]
        assert paragraphs[0] == f"{unit.name}2020年度经济社会发展目标责任书"
        assert paragraphs[2] == "甲方（下达单位）：三门峡市人民政府"
        assert paragraphs[4].endswith(f"总分{300 + unit.points_sum}分。")
        assert signatures[0] == ["甲方（盖章）", "乙方（盖章）"]


def test_a_county_s_letter_in_full(letters: Path) -> None:
    paragraphs, tables = _read(_letter(letters, "义马市"))
    assert paragraphs[:6] == [
        "义马市2020年度经济社会发展目标责任书",
        "",
        "甲方（下达单位）：三门峡市人民政府",
        "乙方（责任单位）：义马市人民政府",  # the county signs as its government
        "根据《三门峡市人民政府关于印发2020年度经济社会发展目标的通知》（三政〔2020〕9号），"
        "为确保全面完成2020年度目标任务，甲乙双方签订本责任书。乙方应全面完成下列目标任务，"
        "总分1000分。",
        "一、目标任务",
    ]
    # Its deduction clause, after the table, and the closing part.
    assert paragraphs[6:8] == ["二、考核减分", paragraphs[7]]
    assert paragraphs[7].startswith("目标考核减分因素：考核重特大安全生产事故")
    assert paragraphs[8:10] == [
        "三、其他",
        "本责任书一式两份，甲乙双方各执一份，自签订之日起生效。",
    ]
    # Header, 一 and its row, 二, items 1–22, the 小计 of 700 and the 合计 of 1,000.
    assert len(tables[0]) == 1 + 2 + 1 + 22 + 1 + 1
    assert tables[0][-2:] == [
        ["经济、社会发展和本职工作责任目标小计"] * 2 + ["700"],
        ["合计", "合计", "1000"],
    ]
    assert tables[1] == [
        ["甲方（盖章）", "乙方（盖章）"],
        ["", ""],  # room for the seals
        ["主要负责人（签字）：", "主要负责人（签字）："],
        ["年\u3000\u3000月\u3000\u3000日"] * 2,
    ]


def test_areas_sign_as_their_government_and_departments_as_named(letters: Path) -> None:
    parties = {}
    for name in ("义马市", "城乡一体化示范区", "开发区", "市发展改革委"):
        paragraphs, _ = _read(_letter(letters, name))
        parties[name] = paragraphs[3]
    assert parties == {
        "义马市": "乙方（责任单位）：义马市人民政府",
        "城乡一体化示范区": "乙方（责任单位）：城乡一体化示范区管理委员会",
        "开发区": "乙方（责任单位）：开发区管理委员会",
        "市发展改革委": "乙方（责任单位）：市发展改革委",
    }


def test_the_file_s_properties_name_the_letter(letters: Path) -> None:
    import datetime

    import docx

    properties = docx.Document(str(_letter(letters, "义马市"))).core_properties
    assert (properties.title, properties.author, properties.last_modified_by) == (
        "义马市2020年度经济社会发展目标责任书",
        "三门峡市人民政府",
        "三门峡市人民政府",
    )
    assert properties.created is not None
    made = properties.created.replace(tzinfo=datetime.UTC)
    assert abs(datetime.datetime.now(datetime.UTC) - made) < datetime.timedelta(hours=1)


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
    assert fonts["市发展改革委2020年度经济社会发展目标责任书"] == ("方正小标宋简体", 22)
    assert fonts["一、目标任务"] == ("黑体", 16)
    assert fonts["本责任书一式两份，甲乙双方各执一份，自签订之日起生效。"] == ("仿宋_GB2312", 16)


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
    firsts = [str(row[0]) for row in sheet.iter_rows(values_only=True)]
    assert [text for text in firsts if text.startswith("unit assessed")] == [
        "unit assessed：湖滨区"
    ]
    assert sheet.cell(1, 1).value == "湖滨区 2020 target assessment score sheet"
    # The unit and the notice head every printed page.
    assert sheet.oddHeader.left.text == (
        "湖滨区 · 三政〔2020〕9号 三门峡市人民政府关于印发2020年度经济社会发展目标的通知"
    )


def test_all_letters_in_one_document_without_split(tmp_path: Path) -> None:
    out = tmp_path / "all.docx"
    result = CliRunner().invoke(cli, ["export", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    paragraphs, tables = _read(out)
    assert sum(p.endswith("2020年度经济社会发展目标责任书") for p in paragraphs) == 72
    assert len(tables) == 72 * 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split", "unit"], "--split writes a file per unit: name a folder with -o DIR"),
        (["--split", "unit", "-f", "csv", "-o", "x"], "--split writes xlsx or docx, not csv"),
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
    """Printed: A4, the title, — N — at the foot of every page (odd at the right, even
    at the left), the table's header row again at the top of page 2, and the signature
    block whole on one page."""
    import pypdfium2 as pdfium

    printed = office.convert(_letter(letters, "市发展改革委"), tmp_path, "pdf")
    document = pdfium.PdfDocument(printed.read_bytes())
    assert len(document) == 3
    first = document[0]
    assert [round(side) for side in first.get_size()] == [595, 842]  # A4
    # LibreOffice spaces Chinese from digits (2020 年度): compared without spaces.
    pages = ["".join(page.get_textpage().get_text_range().split()) for page in document]
    assert pages[0].startswith("市发展改革委2020年度经济社会发展目标责任书甲方（下达单位）")
    assert [page[-3:] for page in pages] == ["—1—", "—2—", "—3—"]
    assert pages[1].startswith("序号目标任务分值")  # the header row, repeated
    assert "合计1000" in pages[1]
    assert "甲方（盖章）乙方（盖章）主要负责人（签字）：主要负责人（签字）：" in pages[2]
    # Where the numbers stand: odd pages at the right, even at the left.
    for index, page in enumerate(document):
        text = page.get_textpage()
        found = text.search("—", match_case=True)
        boxes = []
        while (hit := found.get_next()) is not None:
            boxes.append(text.get_charbox(hit[0]))
        left = boxes[-1][0] if index % 2 == 0 else boxes[-2][0]
        assert (left > 595 / 2) == (index % 2 == 0), index
    # The page as an image: ink on it, in the text column (margins of 28 and 26 mm).
    image = first.render(scale=0.5).to_pil().convert("L")
    width = image.size[0]
    dark = [
        x for x in range(width) for y in range(0, image.size[1], 4) if image.getpixel((x, y)) < 128
    ]
    assert dark
    assert min(dark) >= int(width * 20 / 210)
    assert max(dark) <= int(width * (210 - 20) / 210)


def test_a_nested_unit_s_letter_in_the_notice_s_own_numbering(tmp_path: Path) -> None:
    out = tmp_path / "letters"
    notice = NOTICES / "nested-county.txt"
    result = CliRunner().invoke(cli, ["export", str(notice), "--split", "unit", "-o", str(out)])
    assert result.exit_code == 0, result.output
    paragraphs, (targets, _) = _read(out / "01-东山县政府.docx")
    assert paragraphs[0] == "东山县政府2021年度目标责任书"
    # 社会事业's section 就业创业 is its item 1, so it comes before item 2, and its 小计
    # closes it: item 2 is 社会事业's own.
    assert [row[0] if row[0] != row[1] else f"[{row[0]}]" for row in targets[1:]] == [
        "[一、经济发展（600分）]",
        "[（一）重点工作（500分）]",
        "1",
        "2",
        "[重点工作小计]",
        "[（二）一般工作（100分）]",
        "1",
        "2",
        "[一般工作小计]",
        "[经济发展小计]",
        "[二、社会事业（400分）]",
        "[1、就业创业（250分）]",
        "（1）",
        "（2）",
        "[就业创业小计]",
        "2",
        "[社会事业小计]",
        "[合计]",  # across 序号 and 目标任务
    ]
    subtotals = [(row[0], row[2]) for row in targets if row[0].endswith("小计")]
    assert subtotals == [
        ("重点工作小计", "500"),
        ("一般工作小计", "100"),
        ("经济发展小计", "600"),
        ("就业创业小计", "250"),
        ("社会事业小计", "400"),
    ]
    assert targets[-1] == ["合计", "合计", "1000"]


TEMPLATE = SAMPLE.parents[2] / "examples" / "letter-template.docx"


def test_the_office_s_own_word_template_is_filled(tmp_path: Path) -> None:
    out = tmp_path / "letters"
    args = ["export", str(SAMPLE), "--split", "unit", "-o", str(out), "--template", str(TEMPLATE)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert len(list(out.iterdir())) == 72
    paragraphs, (table,) = _read(_letter(out, "义马市"))
    assert paragraphs[:4] == [
        "义马市2020年度经济社会发展目标责任书",
        "下达单位：三门峡市人民政府",
        "责任单位：义马市人民政府",
        "依据《三门峡市人民政府关于印发2020年度经济社会发展目标的通知》（三政〔2020〕9号），"
        "义马市人民政府2020年度目标任务如下，总分1000分。",
    ]
    # The template's one row, once per row of the letter's table.
    assert table[0] == ["序号", "目标任务", "分值"]
    assert table[1:3] == [["", "一、共同性目标（300分）", ""], ["", SHARED, "300"]]
    assert table[-1] == ["合计", "合计", "1000"]
    assert len(table) == 1 + 2 + 1 + 22 + 1 + 1
    import docx

    properties = docx.Document(str(_letter(out, "义马市"))).core_properties
    assert (properties.title, properties.author) == (
        "义马市2020年度经济社会发展目标责任书",
        "三门峡市人民政府",
    )


def test_a_template_that_does_not_render_is_one_message(tmp_path: Path) -> None:
    import docx

    broken = tmp_path / "broken.docx"
    document = docx.Document()
    document.add_paragraph("{{ title ")
    document.save(str(broken))
    args = ["export", str(SAMPLE), "--split", "unit", "-o", str(tmp_path / "x")]
    result = CliRunner().invoke(cli, [*args, "--template", str(broken)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"targetdoc: error: {broken}: the letter template does not ")
    not_docx = tmp_path / "t.docx"
    not_docx.write_text("not a Word file", encoding="utf-8")
    result = CliRunner().invoke(cli, [*args, "--template", str(not_docx)])
    assert result.exit_code == 2
    assert "not a readable Word template (.docx)" in result.stderr
    alone = ["export", str(SAMPLE), "-o", str(tmp_path / "all.docx"), "--template", str(broken)]
    result = CliRunner().invoke(cli, alone)
    assert result.exit_code == 2
    assert "--template fills one Word letter per unit: --split unit -f docx" in result.stderr


def test_a_letter_numbers_its_parts_past_nineteen_in_chinese() -> None:
    # One spelling of Chinese numerals (numerals.to_chinese): 20 is 二十, never "20".
    from targetdoc.export.letter_content import _marker
    from targetdoc.models import Span, Tier

    tier = Tier(name="重点工作", declared_points=None, items=[], span=Span(first=1, last=1))
    assert _marker(0, 20, tier) == "二十、"
    assert _marker(1, 11, tier) == "（十一）"
