"""Exported tables read back (csv, pandas, json, openpyxl) equal the records."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
from click.testing import CliRunner

from targetdoc.api import parse_text
from targetdoc.canonical import dump_yaml, json_schema, load_yaml
from targetdoc.cli import cli
from targetdoc.export.formats import csv_bytes, export_bytes, guard_formula, items_jsonl, to_csv
from targetdoc.export.kinds import ExportFormat
from targetdoc.export.scoring_sheet import SCORING_SHEET
from targetdoc.export.tables import Table, table
from targetdoc.export.workbook import workbook_bytes
from targetdoc.models import Notice

import office
from conftest import ROOT, SAMPLE

CANONICAL = ROOT / "data" / "yaml" / "sanmenxia-2020.yaml"


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_items_csv_has_one_row_per_item_with_exact_values(notice: Notice) -> None:
    data = export_bytes(notice, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel and WPS read UTF-8 Chinese with a BOM
    rows = read_csv(data)
    assert len(rows) == 816
    for row, (unit, tier, item) in zip(rows, notice.items(), strict=True):
        assert row["unit"] == unit.name
        assert row["tier"] == tier.name
        assert int(row["item_number"]) == item.number
        assert int(row["points"]) == item.points
        assert row["text"] == item.text
        assert len(row["thresholds"].split("; ")) == max(1, len(item.thresholds))
        assert int(row["source_line"]) == item.span.first
    assert rows[0]["doc_number"] == "三政〔2020〕9号"
    assert rows[0]["tier_declared_points"] == "700"


def test_items_csv_gives_the_thresholds_readable(notice: Notice) -> None:
    rows = read_csv(export_bytes(notice, "csv"))
    by_line = {int(row["source_line"]): row["thresholds"] for row in rows}
    # 义马市 2. …增速高于全省平均水平，…比重比上年提高0.5个百分点（60分）
    assert by_line[75] == "> 全省平均水平; +0.5个百分点"
    readings = {reading for row in rows for reading in row["thresholds"].split("; ")}
    # One of each kind the sample holds, as the sample writes it.
    assert {"≥ 70%", "−2.8%", "≈ 104%", "≤ 3个", "≥ +10%", "10–15场次", "26个"} <= readings


def test_thresholds_csv_has_every_threshold_exactly(notice: Notice) -> None:
    rows = read_csv(export_bytes(notice, "csv", "thresholds"))
    expected = [(u, i, t) for u, _, i in notice.items() for t in i.thresholds]
    assert len(rows) == len(expected) == 501
    for row, (unit, item, threshold) in zip(rows, expected, strict=True):
        assert (row["unit"], int(row["item_number"])) == (unit.name, item.number)
        quantity = Decimal(row["quantity"]) if row["quantity"] else None
        assert quantity == threshold.quantity
        assert row["measure"] == (threshold.unit or "")
    exports = [r for r in rows if r["subject"] == "进出口总额" and r["unit"] == "义马市"]
    assert [(r["value"], r["scale"], r["measure"], r["quantity"]) for r in exports] == [
        ("0.35", "亿", "元", "35000000")
    ]


def test_units_csv_totals_700(notice: Notice) -> None:
    rows = read_csv(export_bytes(notice, "csv", "units"))
    assert len(rows) == 72
    assert {row["points_total"] for row in rows} == {"700"}
    housing = next(row for row in rows if row["unit"] == "市住房城乡建设局")
    assert (housing["重点目标_declared"], housing["重点目标_points"]) == ("300", "500")
    assert housing["declared_total"] == "500"
    assert sum(int(row["items"]) for row in rows) == 816


def test_csv_numbers_are_unquoted_and_text_is_quoted_only_when_needed(notice: Notice) -> None:
    first_row = to_csv(table(notice, "items")).split("\r\n")[1]
    assert first_row.endswith(
        ",700,1,60,生产总值、人均地区生产总值、全员劳动生产率增速高于全省平均水平,> 全省平均水平,73"
    )


def test_csv_in_gb18030_for_other_consumers(notice: Notice) -> None:
    data = csv_bytes(table(notice, "items"), "gb18030")
    assert (
        data.decode("gb18030")
        .splitlines()[1]
        .startswith("三政〔2020〕9号,2020,各县（市、区）责任目标")
    )


def test_formula_injection_is_guarded() -> None:
    hostile = Table("items", ("text", "points"), [("=1+1", 5), ("-2", -2), ("@SUM(A1)", None)])
    rows = list(csv.reader(io.StringIO(to_csv(hostile), newline="")))
    assert rows[1:] == [["'=1+1", "5"], ["'-2", "-2"], ["'@SUM(A1)", ""]]
    assert guard_formula("+86 电话") == "'+86 电话"
    assert guard_formula("完成招商引资签约金额2亿元") == "完成招商引资签约金额2亿元"


def test_pandas_reads_chinese_text_and_numeric_columns(notice: Notice, tmp_path: Path) -> None:
    import pandas

    path = tmp_path / "items.csv"
    path.write_bytes(export_bytes(notice, "csv"))
    frame = pandas.read_csv(path, encoding="utf-8-sig")
    assert frame.shape == (816, 12)
    assert str(frame["points"].dtype) == "int64"
    assert frame["points"].sum() == 50_400
    assert frame.loc[0, "unit"] == "义马市"
    assert frame.groupby("unit")["points"].sum().eq(700).all()
    thresholds = tmp_path / "thresholds.csv"
    thresholds.write_bytes(export_bytes(notice, "csv", "thresholds"))
    quantities = pandas.read_csv(thresholds, encoding="utf-8-sig")["quantity"]
    assert str(quantities.dtype) == "float64"
    assert quantities.max() == 100_000_000_000  # 承保社会财产总额1000亿元


def test_jsonl_items_carry_unit_tier_and_exact_thresholds(notice: Notice) -> None:
    lines = items_jsonl(notice).splitlines()
    assert len(lines) == 816
    first = json.loads(lines[18])
    assert (first["unit"], first["tier"], first["number"]) == (
        "义马市",
        "经济、社会发展和本职工作责任目标",
        19,
    )
    assert first["text"] == "进出口总额完成0.35亿元"
    assert first["thresholds"][0]["quantity"] == 35000000
    assert '"value": 0.35' in lines[18]


def test_json_and_yaml_tables(notice: Notice) -> None:
    rows = json.loads(export_bytes(notice, "json", "units"))
    assert len(rows) == 72
    assert rows[0]["unit"] == "义马市"
    text = export_bytes(notice, "yaml", "units").decode("utf-8")
    assert text.startswith("  - unit: 义马市\n    kind: county\n")


# --- the workbook ---------------------------------------------------------------------


SHARED_TEXT = "以三门峡市党政系统目标管理领导小组制定的全市2020年度共同责任目标为准。"
CLAUSE = (
    "目标考核减分因素：考核重特大安全生产事故、重特大群体性事件、重特大刑事案件、"
    "重特大食品药品安全事故、重特大生态破坏和环境污染事件事故、重特大耕地保护违法事件、"
    "重特大金融风险事件等事项，以及去产能、淘汰落后产能、重点民生实事、脱贫攻坚、"
    "污染防治攻坚、政务公开等工作任务。完成情况由市牵头部门认定，未完成的依据"
    "《三门峡市市管领导班子和市管干部综合考核意见（试行）》扣除相应分值。"
)


@pytest.fixture(scope="module")
def workbook_path(notice: Notice, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's workbook as the office gets it: in Chinese."""
    from targetdoc.i18n import set_language

    path = tmp_path_factory.mktemp("xlsx") / "sanmenxia-2020.xlsx"
    set_language("zh")
    try:
        path.write_bytes(workbook_bytes(notice))
    finally:
        set_language("en")
    return path


def test_the_workbook_in_english_labels_its_columns_and_rows_in_english(notice: Notice) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(notice)))
    assert book.sheetnames == ["说明", "items", "thresholds", "units", SCORING_SHEET]
    sheet = book[SCORING_SHEET]
    assert sheet["A1"].value == "义马市 2020 target assessment score sheet"
    assert sheet["A2"].value == "unit assessed：义马市"
    assert [cell.value for cell in sheet[3]] == [
        "no.",
        "target task",
        "standard points",
        "completion",
        "score",
        "deduction",
        "grounds for the score",
    ]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(max_row=40)]
    end = next(i for i, row in enumerate(rows) if str(row[0]).startswith("Scored by:"))
    labels = [row[1] or row[0] for row in rows[end - 4 : end + 1]]
    assert labels == [
        "经济、社会发展和本职工作责任目标 subtotal",
        "三、deductions",
        CLAUSE,
        "total",
        "Scored by:              Checked by:              Date:",
    ]
    assert sheet.oddFooter.center.text == "Page &P of &N"


def test_workbook_sheets_hold_the_tables_as_numbers(workbook_path: Path, notice: Notice) -> None:
    import openpyxl

    book = openpyxl.load_workbook(workbook_path)
    assert book.sheetnames == ["说明", "items", "thresholds", "units", SCORING_SHEET]
    items = book["items"]
    assert items.max_row == 817
    assert items.freeze_panes == "A2"
    assert items.auto_filter.ref == "A1:L817"
    assert items["I2"].value == 60
    assert items["I2"].data_type == "n"
    assert items["J2"].value == "生产总值、人均地区生产总值、全员劳动生产率增速高于全省平均水平"
    assert int(items.column_dimensions["J"].width) == 60  # wide CJK text, capped and wrapped
    thresholds = book["thresholds"]
    assert thresholds.max_row == 502
    units = book["units"]
    assert [units.cell(row, 11).value for row in range(2, 74)] == [700] * 72


def _block(sheet: Any, unit: str) -> list[tuple[Any, ...]]:
    """A unit's rows of the 评分 sheet, from its title row to its signature line."""
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[0] == f"被考核单位：{unit}") - 1
    end = next(i for i in range(start, len(rows)) if str(rows[i][0]).startswith("评分人"))
    return rows[start : end + 1]


def test_scoring_sheet_is_a_score_sheet_per_unit(workbook_path: Path) -> None:
    """义马市's 评分表: its title, the unit, the columns, the shared targets, its items
    and their 小计, the deduction clause, the 合计 of 1,000 and the signature line."""
    import openpyxl

    sheet = openpyxl.load_workbook(workbook_path)[SCORING_SHEET]
    rows = _block(sheet, "义马市")
    assert rows[:6] == [
        ("义马市2020年度目标考核评分表", None, None, None, None, None, None),
        ("被考核单位：义马市", None, None, "类别：各县（市、区）责任目标", None, None, None),
        ("序号", "目标任务", "标准分值", "完成情况", "得分", "扣分", "评分依据"),
        ("一、共同性目标（300分）", None, None, None, None, None, None),
        (None, SHARED_TEXT, 300, None, None, None, None),
        ("二、经济、社会发展和本职工作责任目标（700分）", None, None, None, None, None, None),
    ]
    items = [row for row in rows if isinstance(row[0], int)]
    assert [row[0] for row in items] == list(range(1, 23))
    # 义马市 does not fit one page: the headers again where the next page starts.
    assert rows.count(rows[2]) == 2
    subtotal, section, clause, total, signature = rows[-5:]
    # The page breaks before item 21: 21 and 22 go on with the 小计, the clause and the
    # 合计, which never stand alone; the 小计 adds the items on both pages.
    assert rows[rows.index(rows[2], 3) + 1][0] == 21
    assert subtotal == (
        None,
        "经济、社会发展和本职工作责任目标 小计",
        "=SUM(C7:C26,C28:C29)",
        None,
        "=SUM(E7:E26,E28:E29)",
        None,
        None,
    )
    assert section[0] == "三、目标考核减分因素"
    assert str(clause[1]).startswith("目标考核减分因素：考核重特大安全生产事故")
    assert total == (None, "合计", "=SUM(C5,C30)", None, "=SUM(E5,E30)-F32", "=F32", None)
    assert str(signature[0]).startswith("评分人：")
    assert "审核人：" in str(signature[0])
    assert "日期：" in str(signature[0])
    # A department: its tiers as section rows, each with its 小计.
    sections = [row[0] for row in _block(sheet, "市发展改革委") if row[1:] == (None,) * 6]
    assert sections[1:4] == [
        "一、共同性目标（300分）",
        "二、经济、社会发展和本职工作责任目标（700分）",
        "（一）重点目标（500分）",
    ]
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 816 + 72 + 72  # 得分 of items and shared rows, 扣分


def test_every_cell_of_the_scoring_sheet_has_a_border(workbook_path: Path) -> None:
    import openpyxl

    sheet = openpyxl.load_workbook(workbook_path)[SCORING_SHEET]
    rows = list(sheet.iter_rows())
    start = next(i for i, row in enumerate(rows) if row[0].value == "序号")
    end = next(i for i, row in enumerate(rows) if row[1].value == "合计")
    unbordered = [
        cell.coordinate
        for row in rows[start : end + 1]
        for cell in row[:7]
        if not (cell.border.left.style and cell.border.top.style)
        and cell.coordinate not in sheet.merged_cells
    ]
    assert unbordered == []


def test_scoring_sheet_prints_a4_portrait_a_unit_a_page(workbook_path: Path) -> None:
    import openpyxl

    sheet = openpyxl.load_workbook(workbook_path)[SCORING_SHEET]
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize) == ("portrait", 9)  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) in {(None, 0), (1, 0)}  # one page wide
    # Before each unit but the first, and inside the 9 units longer than a page.
    assert len(sheet.row_breaks.brk) == 71 + 9
    assert sheet.oddHeader.left.text == (
        "三政〔2020〕9号 三门峡市人民政府关于印发2020年度经济社会发展目标的通知"
    )
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice: make system-deps")
def test_libreoffice_opens_the_workbook_and_its_formulas_compute_the_totals(
    workbook_path: Path, tmp_path: Path
) -> None:
    import openpyxl

    recalculated = _libreoffice_recalculate(workbook_path, tmp_path)
    book = openpyxl.load_workbook(recalculated, data_only=True)
    assert book.sheetnames == ["说明", "items", "thresholds", "units", SCORING_SHEET]
    sheet = book[SCORING_SHEET]
    subtotals, totals, unit = [], [], ""
    for row in sheet.iter_rows(values_only=True):
        first, label = str(row[0] or ""), str(row[1] or "")
        if first.startswith("被考核单位："):
            unit = first.removeprefix("被考核单位：")
        elif label.endswith("小计"):
            subtotals.append((unit, label, row[2]))
        elif label == "合计":
            totals.append((unit, row[2], row[4]))
    assert len(subtotals) == 8 + 64 * 2
    assert ("市住房城乡建设局", "重点目标 小计", 500) in subtotals
    assert len(totals) == 72
    # Every unit's full score: 300 shared and 700 of its own, 1,000 in all.
    assert {points for _, points, _ in totals} == {1000}
    assert {score for _, _, score in totals} == {0}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice: make system-deps")
def test_the_scoring_sheet_printed_by_libreoffice(
    workbook_path: Path, tmp_path: Path, notice: Notice
) -> None:
    """Printed (to PDF): A4 portrait pages, the notice in their header; every unit
    starts a page with its title; a unit that fits one page is on one page, and a longer
    one goes on with the headers again, its 合计 and signature line on its last page."""
    import pypdfium2 as pdfium

    printed = _libreoffice_recalculate(workbook_path, tmp_path, to="pdf")
    document = pdfium.PdfDocument(printed.read_bytes())
    pages = []
    for page in document:
        text = page.get_textpage().get_text_range()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines[0].endswith(SCORING_SHEET):
            pages.append(("".join(text.split()), page.get_size()))
    assert {(round(w), round(h)) for _, (w, h) in pages} == {(595, 842)}  # A4 portrait
    titles = [text for text, _ in pages if "年度目标考核评分表" in text]
    assert len(titles) == 72
    assert len(pages) == 72 + 9  # 9 units go on to a second page
    for text, _ in pages:
        assert "序号目标任务标准分值完成情况得分扣分评分依据" in text  # the headers, whole
    # Each unit's page opens with its title; its 合计 and signatures end its last page.
    blocks = [text for text, _ in pages]
    for index, text in enumerate(blocks):
        ends = index + 1 == len(blocks) or "年度目标考核评分表" in blocks[index + 1]
        assert ("合计" in text and "评分人：" in text) == ends, index
    first = next(text for text in blocks if "义马市2020年度目标考核评分表" in text)
    assert "被考核单位：义马市类别：各县（市、区）责任目标" in first


def _libreoffice_recalculate(path: Path, folder: Path, *, to: str = "xlsx") -> Path:
    """Open the workbook in LibreOffice, recalculating every formula, and save it again
    (or print it to PDF)."""
    return office.convert(path, folder, to, recalculate=True)


# --- schema and command line -------------------------------------------------------------


def test_committed_schema_is_current() -> None:
    assert (ROOT / "schema" / "notice.schema.json").read_text(encoding="utf-8") == json_schema()


def test_schema_command_prints_it() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert json.loads(result.stdout)["title"] == "Notice"


def test_export_from_raw_and_from_canonical_agree(tmp_path: Path) -> None:
    runner = CliRunner()
    from_raw = runner.invoke(cli, ["export", str(SAMPLE), "-t", "thresholds"])
    from_yaml = runner.invoke(cli, ["export", str(CANONICAL), "-t", "thresholds"])
    assert from_raw.exit_code == 0
    assert from_yaml.exit_code == 0
    assert from_raw.stdout_bytes == from_yaml.stdout_bytes
    out = tmp_path / "book.xlsx"
    result = runner.invoke(cli, ["export", str(CANONICAL), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_xlsx_to_standard_output_is_refused() -> None:
    result = CliRunner().invoke(cli, ["export", str(CANONICAL), "-f", "xlsx"])
    assert result.exit_code == 2
    assert "name it with -o" in result.stderr


def test_indicators_table_sets_each_county_beside_the_city(tmp_path: Path) -> None:
    out = tmp_path / "indicators.csv"
    golden = str(ROOT / "data" / "yaml" / "sanmenxia-2020.yaml")
    result = CliRunner().invoke(cli, ["export", golden, "-t", "indicators", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 562
    energy = [row for row in rows if row["indicator"] == "energy_intensity_decline"]
    assert [
        (r["unit"], r["unit_kind"], r["normalised_value"], r["points"]) for r in energy[:2]
    ] == [
        ("", "citywide", "2.5", ""),
        ("义马市", "county", "2.8", "40"),
    ]
    jobs = next(r for r in rows if r["indicator"] == "new_urban_jobs" and r["unit"] == "义马市")
    assert (jobs["value"], jobs["normalised_value"], jobs["measure"], jobs["city"]) == (
        "2400",
        "2400",
        "人",
        "三门峡市",
    )
    city_jobs = next(r for r in rows if r["indicator"] == "new_urban_jobs" and not r["unit"])
    assert (city_jobs["value"], city_jobs["normalised_value"]) == ("3.8", "38000")
    # The one threshold of the city's list that names no indicator: a rank, not a rate.
    assert next((r["unit_kind"], r["item_number"]) for r in rows if not r["indicator"]) == (
        "citywide",
        "3",
    )


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "yaml"])
def test_a_notice_and_its_canonical_file_export_the_same_bytes(fmt: ExportFormat) -> None:
    # 16.50亿元 as the office wrote it: the canonical file keeps 16.5, so must the export.
    text = SAMPLE.read_text(encoding="utf-8").replace("16.5亿元", "16.50亿元")
    parsed = parse_text(text, name="sanmenxia-2020.txt")
    loaded = load_yaml(dump_yaml(parsed))
    from_text = export_bytes(parsed, fmt, "thresholds")
    assert from_text == export_bytes(loaded, fmt, "thresholds")
    if fmt == "csv":
        row = next(r for r in read_csv(from_text) if r["text"] == "16.50亿元")
        assert (row["value"], row["scale"], row["quantity"]) == ("16.5", "亿", "1650000000")


def test_the_format_table_names_every_format_once_with_its_writers() -> None:
    from targetdoc.export import formats
    from targetdoc.export.kinds import FORMATS, SUFFIX_FORMATS

    assert [spec.name for spec in FORMATS] == list(get_args(ExportFormat))
    assert SUFFIX_FORMATS[".yml"] == "yaml"
    assert SUFFIX_FORMATS[".sqlite3"] == "sqlite"
    for spec in FORMATS:
        assert spec.writer is None or spec.writer in formats.WRITERS, spec.name
        assert spec.unit_writer is None or spec.unit_writer in formats.UNIT_WRITERS, spec.name
        assert (spec.writer is None) == spec.many
    named = {spec.writer for spec in FORMATS} | {spec.unit_writer for spec in FORMATS}
    assert set(formats.WRITERS) | set(formats.UNIT_WRITERS) == named - {None}


def test_the_export_command_derives_its_choices_and_errors_from_the_table() -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["export", "--help"], terminal_width=200).output
    assert "[csv|xlsx|jsonl|json|yaml|sqlite|docx]" in shown
    unknown = runner.invoke(cli, ["export", str(SAMPLE), "-o", "out.txt"])
    assert unknown.exit_code == 2
    assert "name the file .csv, .xlsx, .jsonl, .json, .yaml, .db or .docx" in unknown.output
    table_given = runner.invoke(cli, ["export", str(SAMPLE), "-f", "docx", "-t", "units"])
    assert "--table does not apply to docx: it holds the letters" in table_given.output
    split = runner.invoke(cli, ["export", str(SAMPLE), "--split", "unit", "-f", "csv"])
    assert "--split writes xlsx or docx, not csv" in split.output


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("16.50", "16.5"),
        ("1E+1", "10"),
        ("0.0350", "0.035"),
        ("-2.500", "-2.5"),
        ("2132256085121631284487.5841727", "2132256085121631284487.5841727"),
    ],
)
def test_exact_numbers_are_spelled_one_way_and_never_rounded(value: str, text: str) -> None:
    from targetdoc.decimals import decimal_text

    assert decimal_text(Decimal(value)) == text
