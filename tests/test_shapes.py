"""Notices of the family's other shapes (tests/notices/): points forms, numbering forms,
nested sections, units without tiers, a letter to one unit, a task list, traditional
characters, web page text. Every value below is read off the notice's lines."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.check.structure import check_notice
from targetdoc.cli import cli
from targetdoc.errors import InputError
from targetdoc.models import Notice, Tier, Unit
from targetdoc.parse import ParseResult, parse_file, parse_source
from targetdoc.profile import load_profile
from targetdoc.read.source import Source

from conftest import NOTICES, SAMPLE


def _parse(name: str, **options: str) -> ParseResult:
    return parse_file(NOTICES / f"{name}.txt", **options)  # type: ignore[arg-type]


def _outline(tier: Tier) -> object:
    """A tier as (name, declared, [(number, points, text)], [sections])."""
    items = [(item.number, item.points, item.text) for item in tier.items]
    return (tier.name, tier.declared_points, items, [_outline(inner) for inner in tier.tiers])


def _unit(notice: Notice, name: str) -> Unit:
    (unit,) = [unit for unit in notice.units if unit.name == name]
    return unit


# --- nested sections, points forms and numbering forms -------------------------------


def test_sections_nest_under_a_unit_headed_by_a_county_government() -> None:
    result = _parse("nested-county")
    notice = result.notice
    assert [unit.name for unit in notice.units] == ["东山县政府", "县发改委"]
    county = _unit(notice, "东山县政府")
    assert [_outline(tier) for tier in county.tiers] == [
        (
            "经济发展",
            600,
            [],
            [
                (
                    "重点工作",
                    500,
                    [
                        (1, 300, "粮食生产：粮食产量稳定在20万吨以上"),  # 1、粮食生产（300分）：…
                        (2, 200, "固定资产投资增长10%以上"),  # (分值:200分)
                    ],
                    [],
                ),
                (
                    "一般工作",
                    100,
                    [
                        (1, 60, "规模以上工业增加值增长8%"),  # 1．…。(60分)
                        (2, 40, "新增市场主体1500户"),  # （40 / 分）； over a line break
                    ],
                    [],
                ),
            ],
        ),
        (
            "社会事业",
            400,
            [(2, 150, "完成义务教育学校改造12所")],
            # 1、就业创业（250分） with parts （1） (2) that have points: a section.
            [
                (
                    "就业创业",
                    250,
                    [(1, 150, "城镇新增就业5000人"), (2, 100, "农村劳动力转移就业3000人")],
                    [],
                )
            ],
        ),
    ]
    (section,) = county.tiers[1].tiers
    assert section.number == 1
    assert (section.span.first, section.span.last) == (32, 36)
    assert (county.span.first, county.span.last) == (13, 38)
    assert county.points_sum == 1000


def test_units_without_tiers_decimal_points_and_a_number_without_fen() -> None:
    result = _parse("nested-county")
    office = _unit(result.notice, "县发改委")
    (tier,) = office.tiers
    assert tier.implicit
    assert [(item.number, item.points) for item in tier.items] == [
        (1, Decimal("2.5")),
        (2, Decimal("7.5")),
        (3, None),
    ]
    assert office.points_sum == 10
    assert tier.items[2].text == "谋划储备项目100个以上（20）"
    (bare,) = [f for f in result.findings if f.code == "TD105"]
    assert (bare.line, bare.severity) == (46, "warning")
    assert "（20）" in bare.message


def test_every_level_of_declared_points_is_checked_against_its_children() -> None:
    text = (NOTICES / "nested-county.txt").read_text(encoding="utf-8")
    wrong = text.replace("一、经济发展（600分）", "一、经济发展（650分）").replace(
        "1、就业创业（250分）", "1、就业创业（240分）"
    )
    result = parse_source(Source.from_text(wrong, name="wrong.txt"))
    findings = check_notice(result.notice, load_profile("generic"), file="wrong.txt")
    assert [(f.code, f.line, f.message) for f in findings if f.code == "TD201"] == [
        (
            "TD201",
            15,
            "东山县政府 经济发展 declares 650 points but its 0 items and 2 sections sum to 600",
        ),
        (
            "TD201",
            30,
            "东山县政府 社会事业 declares 400 points but its 1 items and 1 sections sum to 390",
        ),
        ("TD201", 32, "东山县政府 就业创业 declares 240 points but its 2 items sum to 250"),
    ]


def test_numbers_restart_in_each_section_without_findings() -> None:
    result = _parse("nested-county")
    findings = check_notice(result.notice, load_profile("generic"), file="n.txt")
    assert [(f.code, f.line) for f in findings] == [("TD207", 46)]  # 谋划储备项目（20）


def test_parts_without_points_are_the_rest_of_their_item() -> None:
    notice = _parse("letter").notice
    items = [item for _, _, item in notice.items()]
    assert items[2].text == "固定资产投资增长8% ① 工业投资增长10% ② 民间投资增长6%"
    assert items[2].points == 20
    assert (items[2].span.first, items[2].span.last) == (11, 15)
    assert [t.text for t in items[2].thresholds] == ["增长8%", "增长10%", "增长6%"]


# --- a letter to one unit -------------------------------------------------------------------


def test_a_letter_is_its_unit_named_from_its_title() -> None:
    result = _parse("letter")
    notice = result.notice
    assert notice.title == "桃花镇2021年度目标管理责任书"
    (unit,) = notice.units
    assert unit.name == "桃花镇"
    assert [_outline(tier) for tier in unit.tiers] == [
        (
            "经济发展目标",
            60,
            [
                (1, 20, "一般公共预算收入完成800万元"),
                (2, 20, "招商引资到位资金1.5亿元"),
                (3, 20, "固定资产投资增长8% ① 工业投资增长10% ② 民间投资增长6%"),
            ],
            [],
        ),
        (
            "社会事业目标",
            40,
            [
                (1, 15, "城镇新增就业300人"),  # 第一条
                (2, 25, "完成农村危房改造50户，改造后全部达到安全住房标准，群众满意率达到95%以上"),
            ],
            [],
        ),
        # 三、党的建设（100分）： → （一）基层党建（100分）： → 1）2）
        (
            "党的建设",
            100,
            [],
            [
                (
                    "基层党建",
                    100,
                    [(1, 60, "完成党员发展计划"), (2, 40, "党员培训率达到95%以上")],
                    [],
                )
            ],
        ),
    ]
    # A letter has no letterhead: no TD102 for its issuer, number or date.
    assert result.findings == ()
    assert notice.source.profile == "generic"


def test_unit_option_names_the_document_unit() -> None:
    notice = _parse("letter", unit="桃花镇人民政府").notice
    assert [unit.name for unit in notice.units] == ["桃花镇人民政府"]


# --- a task list --------------------------------------------------------------------------


def test_a_task_list_names_who_is_responsible_and_gives_no_points() -> None:
    notice = _parse("task-list").notice
    assert notice.issued_on is not None
    assert notice.issued_on.isoformat() == "2021-02-20"  # 二〇二一年二月二十日
    (unit,) = notice.units
    assert unit.name == "2021年重点工作任务分解方案"  # what the title says it issues
    rows = [
        (tier.name, item.number, item.points, item.text, item.responsible)
        for tier, item in unit.items()
    ]
    assert rows == [
        (
            "扩大有效投资",
            1,
            None,
            "完成固定资产投资增长10%",
            ["市发展改革委", "各县（市、区）人民政府"],
        ),
        ("扩大有效投资", 2, None, "新建5G基站800个", ["市工业和信息化局", "市通信发展办公室"]),
        (
            "提升民生保障",
            3,
            None,
            "城镇新增就业3万人，城镇调查失业率控制在5.5%以内",
            ["市人力资源社会保障局"],
        ),
        # （均含配套设施） is a note, kept; the last bracket names the units.
        (
            "提升民生保障",
            4,
            None,
            "改造老旧小区120个（均含配套设施）",
            ["市住房城乡建设局", "各县（市、区）人民政府"],
        ),
    ]
    findings = check_notice(notice, load_profile("generic"), file="t.txt")
    assert findings == []  # no TD207 for items with units responsible, no TD214


def test_responsibilities_table_is_one_row_per_unit_and_item(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    result = CliRunner().invoke(
        cli, ["export", str(NOTICES / "task-list.txt"), "-t", "responsibilities", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "doc_number,year,responsible,role,unit,tier,item_number,text,source_line"
    assert lines[1:4] == [
        ",2021,市发展改革委,lead,2021年重点工作任务分解方案,扩大有效投资,1,完成固定资产投资增长10%,13",
        ",2021,各县（市、区）人民政府,joint,2021年重点工作任务分解方案,扩大有效投资,1,完成固定资产投资增长10%,13",
        ",2021,市工业和信息化局,lead,2021年重点工作任务分解方案,扩大有效投资,2,新建5G基站800个,15",
    ]
    assert len(lines) == 1 + 7


# --- traditional characters and web page text ------------------------------------------


def test_traditional_characters_match_while_records_keep_them() -> None:
    result = _parse("traditional")
    notice = result.notice
    assert result.findings == ()
    assert (notice.doc_number, notice.issued_on.isoformat() if notice.issued_on else None) == (
        "西政〔2021〕8號",
        "2021-03-01",
    )
    assert notice.title == "西嶺市人民政府關於下達2021年度目標責任的通知"
    assert notice.common_target is not None
    assert (notice.common_target.name, notice.common_target.points) == ("共同性目標", 300)
    (unit,) = notice.units
    assert (unit.name, unit.category, unit.kind) == ("澠池縣", "各縣責任目標", "county")
    assert [(item.number, item.points, item.text) for _, item in unit.items()] == [
        (1, 300, "糧食產量穩定在20萬噸以上"),
        (2, 400, "固定資產投資增長10%以上"),
    ]
    (threshold,) = next(unit.items())[1].thresholds
    # The threshold's text as written; its scale and unit are the simplified words.
    assert (threshold.text, threshold.scale, threshold.unit, threshold.quantity) == (
        "20萬噸以上",
        "万",
        "吨",
        Decimal(200000),
    )
    assert unit.deduction_clause is not None
    assert notice.footer is not None
    assert notice.footer.sponsor == "市政府辦公室"


def test_web_page_text_is_reported_and_does_not_break_the_items() -> None:
    result = _parse("web-page")
    # Reported for information (TD109), never an error: the page is not the notice.
    assert [f.line for f in result.findings if f.code == "TD109"] == [1, 2, 3, 21, 29, 30, 31]
    assert {f.severity for f in result.findings if f.code == "TD109"} == {"info"}
    assert "TD101" not in {f.code for f in result.findings}
    (unit,) = result.notice.units
    assert unit.name == "市教育局"
    assert [(tier.name, [(i.number, i.points) for i in tier.items]) for tier in unit.tiers] == [
        ("重点目标", [(1, 300), (2, 200)]),  # 扫一扫… between items 1 and 2 joined neither
        ("一般目标", [(3, 200)]),
    ]
    assert not [f for f in result.findings if f.code == "TD106"]  # web text is expected


# --- profiles ---------------------------------------------------------------------------


def test_auto_keeps_the_sample_profile_for_the_sample() -> None:
    result = parse_file(SAMPLE)
    assert result.notice.source.profile == "default"
    assert result.profile is not None
    assert result.profile.name == "default"


@pytest.mark.parametrize(
    ("name", "profile"),
    [
        ("nested-county", "generic"),
        ("letter", "generic"),
        ("task-list", "generic"),
        ("traditional", "generic"),
        ("web-page", "default"),  # its tiers are the sample's: 重点目标 and 一般目标
        ("parts", "generic"),
    ],
)
def test_auto_chooses_a_profile_for_each_shape(name: str, profile: str) -> None:
    assert _parse(name).notice.source.profile == profile


def test_a_named_profile_is_used_and_recorded() -> None:
    result = _parse("nested-county", profile="default")
    assert result.notice.source.profile == "default"


def test_a_profile_file_can_replace_a_line_pattern_and_ignore_lines(tmp_path: Path) -> None:
    text = (NOTICES / "nested-county.txt").read_text(encoding="utf-8")
    # A family that heads its units 单位：东山县政府 and puts 附件 lines among them.
    text = text.replace("## 东山县政府", "单位：东山县政府").replace(
        "## 县发改委", "附件1\n\n单位：县发改委"
    )
    notice_path = tmp_path / "other.txt"
    notice_path.write_text(text, encoding="utf-8")
    before = parse_file(notice_path, profile="generic")
    assert [f.code for f in before.findings if f.code == "TD101"]  # not a unit heading
    profile = tmp_path / "east.yaml"
    profile.write_text(
        "name: east\n"
        "description: units headed 单位：name\n"
        "patterns:\n"
        "  unit_heading:\n"
        "    doc: A unit's name after 单位：\n"
        "    regex: '^单位:(?P<name>{{no_sentence_punct}}{2,30})$'\n"
        "    examples: ['单位：东山县政府']\n"
        "    counterexamples: ['东山县政府']\n"
        "ignore:\n"
        "  attachment:\n"
        "    doc: An attachment mark between units.\n"
        "    regex: '^附件\\d+$'\n"
        "    examples: ['附件1']\n"
        "    counterexamples: ['附件下载']\n",
        encoding="utf-8",
    )
    after = parse_file(notice_path, profile=str(profile))
    assert [f.code for f in after.findings if f.code == "TD101"] == []
    # The unit keeps the whole heading line as its name, as the grammar's rule does.
    assert [unit.name for unit in after.notice.units] == ["单位：东山县政府", "单位：县发改委"]
    assert after.notice.source.profile == "east"


def test_a_profile_naming_an_unknown_pattern_is_refused(tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_text(
        "name: bad\npatterns:\n  unit_title:\n    doc: d\n    regex: x\n"
        "    examples: [x]\n    counterexamples: [y]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["parse", str(NOTICES / "letter.txt"), "--profile", str(profile)]
    )
    assert result.exit_code == 2
    assert "replaces patterns the grammar does not have: unit_title" in result.output
    assert "Traceback" not in result.output


def test_profiles_command_lists_each_with_its_description() -> None:
    result = CliRunner().invoke(cli, ["profiles", "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    rows = {row["name"]: row for row in json.loads(result.output)}
    assert sorted(rows) == ["default", "generic"]
    assert rows["default"]["unit_total"] == 700
    assert rows["default"]["tiers"]["department"] == {"重点目标": 500, "一般目标": 200}
    assert rows["generic"]["tiers"] == {}
    assert rows["generic"]["description"].startswith("Any notice of the family")


# --- what a notice no profile explains is told ----------------------------------------


def test_a_notice_of_unknown_forms_says_what_was_recognised() -> None:
    lines = [
        "东山县工作要点",
        "东山县：",
        "粮食产量稳定在20万吨以上（300分）",
        "固定资产投资增长10%（200分）",
    ]
    text = "\n\n".join(lines)
    with pytest.raises(InputError) as raised:
        parse_source(Source.from_text(text, name="odd.txt"))
    assert raised.value.message == (
        "holds no numbered targets and no units: not a target-responsibility notice "
        "(of its 4 lines, 0 are numbered and 2 give points in （N分）; no unit heading, "
        "section or tier heading was followed by items)"
    )


def test_td106_says_which_profile_did_best_and_what_it_recognised() -> None:
    text = (NOTICES / "nested-county.txt").read_text(encoding="utf-8")
    notes = "说明：以上目标由县政府负责落实\n\n联系人：张三\n\n联系电话：12345678\n\n"
    text = text.replace("## 县发改委", notes + "## 县发改委")
    result = parse_source(Source.from_text(text, name="odd.txt"))
    assert [f.line for f in result.findings if f.code == "TD101"] == [40, 42, 44]
    (explained,) = [f for f in result.findings if f.code == "TD106"]
    assert explained.message == (
        "3 lines fit no profile (2 tried; the best, generic, recognised 2 units, 10 items, "
        "0 city-wide targets; points written （N分）, （分值：N分）, （N） without 分): a profile "
        "or grammar entry for this family's forms would place them"
    )


# --- exports of a nested notice ---------------------------------------------------------


def test_the_scoring_sheet_lists_every_item_of_a_nested_unit(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "n.xlsx"
    nested = str(NOTICES / "nested-county.txt")
    result = CliRunner().invoke(cli, ["--lang", "zh", "export", nested, "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["评分"]
    rows = [tuple(cell.value for cell in row)[:3] for row in sheet.iter_rows()]
    end = rows.index(("被考核单位：县发改委", None, None))
    # In the notice's own numbering; 社会事业's item 2 after its section 就业创业's 小计.
    assert rows[3 : end - 3] == [
        ("一、经济发展（600分）", None, None),
        ("（一）重点工作（500分）", None, None),
        (1, "粮食生产：粮食产量稳定在20万吨以上", 300),
        (2, "固定资产投资增长10%以上", 200),
        (None, "重点工作 小计", "=SUM(C6:C7)"),
        ("（二）一般工作（100分）", None, None),
        (1, "规模以上工业增加值增长8%", 60),
        (2, "新增市场主体1500户", 40),
        (None, "一般工作 小计", "=SUM(C10:C11)"),
        (None, "经济发展 小计", "=SUM(C8,C12)"),
        ("二、社会事业（400分）", None, None),
        ("1、就业创业（250分）", None, None),
        (1, "城镇新增就业5000人", 150),
        (2, "农村劳动力转移就业3000人", 100),
        (None, "就业创业 小计", "=SUM(C16:C17)"),
        (2, "完成义务教育学校改造12所", 150),
        (None, "社会事业 小计", "=SUM(C18:C19)"),
        ("三、目标考核减分因素", None, None),
        (None, "扣分", None),
        (None, "合计", "=SUM(C13,C20)"),
    ]


def test_the_report_shows_sections_inside_tiers(tmp_path: Path) -> None:
    from targetdoc.export.html_report import build_report

    page = build_report(NOTICES / "nested-county.txt").html
    assert page.count('<li class="item"') == 10
    assert 'id="item-0-L34"' in page  # （1）城镇新增就业 of the section 就业创业
    section = page.index("<h4>就业创业 <span>250 / 250分")
    assert page.index("<h4>社会事业 <span>400 / 400分") < section


def _profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "city.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_profile_can_write_the_points_form_otherwise(tmp_path: Path) -> None:
    notice = tmp_path / "square.txt"
    notice.write_text(
        "## 市教育局\n\n1. 新建幼儿园10所【300分】；\n\n2. 义务教育巩固率达到96%\n【200分】\n",
        encoding="utf-8",
    )
    profile = _profile(
        tmp_path,
        "name: square\n"
        "patterns:\n"
        "  points_suffix:\n"
        "    doc: Points in square brackets.\n"
        "    regex: '【\\s*(?P<points>\\d{1,4})\\s*分\\s*】\\s*[;.。,]?\\s*$'\n"
        "    examples: ['1. 新建幼儿园10所【300分】；']\n"
        "    counterexamples: ['1. 新建幼儿园10所（300分）；']\n",
    )
    assert [i.points for _, _, i in parse_file(notice, profile="generic").notice.items()] == [
        None,
        None,
    ]
    items = [item for _, _, item in parse_file(notice, profile=str(profile)).notice.items()]
    assert [(i.number, i.points, i.text, i.span.last) for i in items] == [
        (1, 300, "新建幼儿园10所", 3),
        (2, 200, "义务教育巩固率达到96%", 6),  # the points on the next line
    ]


def test_a_profile_pattern_must_match_its_examples(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        "name: wrong\n"
        "patterns:\n"
        "  unit_heading:\n"
        "    doc: A unit's name after 单位：\n"
        "    regex: '^单位:(?P<name>.+)$'\n"
        "    examples: ['东山县政府']\n"
        "    counterexamples: ['1. 新建幼儿园10所（300分）；']\n",
    )
    result = CliRunner().invoke(
        cli, ["parse", str(NOTICES / "letter.txt"), "--profile", str(profile)]
    )
    assert result.exit_code == 2
    assert "pattern unit_heading does not match its example '东山县政府'" in result.output


def test_parts_numbered_di_yi_bu_fen_are_sections_of_each_unit() -> None:
    result = _parse("parts")
    notice = result.notice
    assert result.findings == ()
    assert notice.issued_on is not None
    assert notice.issued_on.isoformat() == "2022-02-10"  # 二〇二二年二月十日
    assert notice.footer is not None
    assert notice.footer.printed_on is not None
    assert notice.footer.printed_on.isoformat() == "2022-02-11"
    assert notice.footer.printed_by == "南山县人民政府办公室"
    assert [(unit.name, [_outline(tier) for tier in unit.tiers]) for unit in notice.units] == [
        (
            "城关镇",
            [
                (
                    "经济发展",
                    60,
                    [(1, 30, "地区生产总值增长7%"), (2, 30, "规模以上工业增加值增长8%")],
                    [],
                ),
                ("社会民生", 40, [(1, 40, "城镇新增就业500人")], []),
            ],
        ),
        (
            "某镇",
            [
                ("经济发展", 60, [(1, 60, "地区生产总值增长6.5%")], []),
                ("社会民生", 40, [(1, 40, "新增农村公路20公里")], []),
            ],
        ),
    ]
    assert check_notice(notice, load_profile("generic"), file="parts.txt") == []


def test_chinese_numbers_that_are_no_number_are_declined_not_a_crash() -> None:
    text = (
        "桃花镇2021年度目标管理责任书\n\n一、经济发展（20分）\n\n第一二条 新建幼儿园1所（10分）\n\n"
        "第二条 新建小学1所（10分）\n\n二〇二一年十三月四十日\n"
    )
    result = parse_source(Source.from_text(text, name="odd.txt"))
    (unit,) = result.notice.units
    assert [(item.number, item.points) for _, item in unit.items()] == [(2, 10)]
    # 第一二条 is declined (and so unplaced); the impossible date is no date.
    assert [(f.code, f.line) for f in result.findings] == [("TD101", 5), ("TD101", 9)]
    assert "item (第一二条 新 has no number)" in result.findings[0].message


@pytest.mark.parametrize("name", sorted(path.stem for path in NOTICES.glob("*.txt")))
def test_every_line_of_each_shape_is_in_one_record_or_reported(name: str) -> None:
    from targetdoc.parse.provenance import line_owners

    result = _parse(name)
    unplaced = {f.line for f in result.findings if f.code in ("TD101", "TD109") and f.line}
    owners = line_owners(result.source, result.notice)
    assert {n for n, paths in owners.items() if len(paths) != 1} == unplaced
    assert all(not owners[n] for n in unplaced)


# --- a Word table of targets ------------------------------------------------------------


def _docx_table(header: list[str], rows: list[list[str]], title: str) -> bytes:
    import io

    from docx import Document

    document = Document()
    document.add_paragraph(title)
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for row, texts in zip(table.rows, [header, *rows], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_table_of_targets_gives_items_with_points_and_units() -> None:
    data = _docx_table(
        ["序号", "目标任务", "分值", "责任单位", "完成时限"],
        [
            ["1", "一般公共预算收入完成800万元", "20", "镇财政所", "12月底"],
            ["2", "招商引资到位资金1.5亿元", "30分", "镇招商办、镇经发办", ""],
            ["3", "完成农村危房改造50户", "另行考核", "", ""],
        ],
        "桃花镇2021年度目标管理责任书",
    )
    source = Source.from_bytes(data, name="letter.docx")
    assert [line.text for line in source.lines if not line.is_blank] == [
        "桃花镇2021年度目标管理责任书",
        "1. 一般公共预算收入完成800万元（完成时限：12月底）（镇财政所）（20分）",
        "2. 招商引资到位资金1.5亿元（镇招商办、镇经发办）（30分）",
        "3. 完成农村危房改造50户（分值：另行考核）",
    ]
    result = parse_source(source)
    (unit,) = result.notice.units
    assert unit.name == "桃花镇"
    rows = [(i.number, i.points, i.text, i.responsible) for _, i in unit.items()]
    assert rows == [
        (1, 20, "一般公共预算收入完成800万元（完成时限：12月底）", ["镇财政所"]),
        (2, 30, "招商引资到位资金1.5亿元", ["镇招商办", "镇经发办"]),
        (3, None, "完成农村危房改造50户（分值：另行考核）", []),
    ]


def test_a_table_without_a_target_header_is_read_a_row_a_line() -> None:
    data = _docx_table(["单位", "联系人"], [["镇财政所", "张三"]], "通讯录")
    source = Source.from_bytes(data, name="contacts.docx")
    assert [line.text for line in source.lines if not line.is_blank] == [
        "通讯录",
        "单位 联系人",
        "镇财政所 张三",
    ]


def test_a_tier_without_items_subtotals_to_0_not_to_a_reversed_range(tmp_path: Path) -> None:
    import openpyxl

    text = (NOTICES / "web-page.txt").read_text(encoding="utf-8")
    # 一般目标 loses its only item: its heading stands alone before the page's end.
    notice = tmp_path / "empty-tier.txt"
    notice.write_text(text.replace("3. 完成教师培训5000人次（200分）。", ""), encoding="utf-8")
    out = tmp_path / "w.xlsx"
    result = CliRunner().invoke(cli, ["--lang", "zh", "export", str(notice), "-o", str(out)])
    assert result.exit_code == 0, result.output  # as parse's: the page's text is TD109, information
    sheet = openpyxl.load_workbook(out)["评分"]
    rows = [tuple(cell.value for cell in row)[:6] for row in sheet.iter_rows(min_row=8)]
    assert rows[:4] == [
        ("（二）一般目标（200分）", None, None, None, None, None),
        (None, "一般目标 小计", "=0", None, "=0", None),
        ("目标考核减分因素", None, None, None, None, None),
        (None, "扣分", None, None, None, None),
    ]
    assert rows[4] == (None, "合计", "=SUM(C7,C9)", None, "=SUM(E7,E9)-F11", "=F11")


def test_no_example_of_a_rules_pattern_is_kept_from_it_by_its_first_characters() -> None:
    from targetdoc import grammar as notice_grammar
    from targetdoc.parse.rules import RULES
    from targetdoc.read.normalize import clean_and_fold_lines

    patterns = notice_grammar.grammar().patterns
    for rule in RULES:
        if rule.pattern is None:
            continue
        starts = notice_grammar.first_chars(patterns[rule.pattern].regex)
        for example in patterns[rule.pattern].examples:
            folded = clean_and_fold_lines(example)[1][0]
            assert starts is None or folded[0] in starts, (rule.name, example)


def test_a_profile_pattern_that_starts_otherwise_is_tried_on_its_own_lines(
    tmp_path: Path,
) -> None:
    notice = tmp_path / "n.txt"
    notice.write_text(
        "## 市教育局\n（一）重点目标（500分）\n1. 一般公共预算收入增长3.50%以上（500分）；\n"
        "扣分因素：发生重大安全事故的，扣10分。\n",
        encoding="utf-8",
    )
    profile = tmp_path / "city.yaml"
    profile.write_text(
        "name: city\ndescription: a city that writes its deduction clause 扣分因素\n"
        "patterns:\n  deduction_clause:\n    doc: The deduction clause, written 扣分因素：…\n"
        "    regex: '^扣分因素\\s*:\\s*(?P<text>.*)$'\n"
        "    examples: ['扣分因素：发生重大安全事故的，扣10分。']\n"
        "    counterexamples: ['1. 新建幼儿园10所（300分）；']\n",
        encoding="utf-8",
    )
    result = parse_source(Source.from_path(notice), profile=load_profile(str(profile)))
    (unit,) = result.notice.units
    assert unit.deduction_clause is not None
    assert unit.deduction_clause.text == "扣分因素：发生重大安全事故的，扣10分。"
    assert [f.code for f in result.findings if f.code == "TD101"] == []


def test_a_profile_pattern_without_the_groups_the_parser_reads_is_refused(
    tmp_path: Path,
) -> None:
    profile = tmp_path / "city2.yaml"
    profile.write_text(
        "name: city2\ndescription: footer without named groups\n"
        "patterns:\n  footer_field:\n    doc: A labelled line of the colophon.\n"
        "    regex: '^(?:主办|督办|抄送)\\s*:\\s*.*$'\n"
        "    examples: ['抄送：市委各部门']\n    counterexamples: ['三门峡市人民政府办公室']\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["parse", str(SAMPLE), "--profile", str(profile), "-o", "/dev/null"]
    )
    assert result.exit_code == 2
    assert result.output.strip() == (
        "targetdoc: error: profile city2: pattern footer_field lacks the named groups the "
        "parser reads: (?P<label>…), (?P<value>…)"
    )
