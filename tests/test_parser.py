"""The parser on the sample: counts, header, and each trap with its real line."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from targetdoc.api import parse_text
from targetdoc.errors import InputError
from targetdoc.models import Item, Notice
from targetdoc.parse import ParseResult, parse_source
from targetdoc.parse.provenance import line_owners
from targetdoc.read.source import Source

from conftest import sample_line, unit_named


def item(notice: Notice, unit: str, number: int) -> Item:
    items = [i for t in unit_named(notice, unit).tiers for i in t.items if i.number == number]
    assert len(items) == 1
    return items[0]


# --- the whole sample -------------------------------------------------------------------


def test_sample_has_72_units_in_5_categories(notice: Notice) -> None:
    assert len(notice.units) == 72
    assert Counter(unit.category for unit in notice.units) == {
        "各县（市、区）责任目标": 8,
        "承担经济社会发展职能的政府部门责任目标": 18,
        "承担社会保障职能的政府部门责任目标": 17,
        "承担公共服务职能的政府事业单位责任目标": 6,
        "垂管部门及驻峡企业责任目标": 23,
    }
    assert Counter(unit.kind for unit in notice.units) == {"county": 8, "department": 64}


def test_sample_has_816_items_each_with_points(notice: Notice) -> None:
    items = [i for u in notice.units for t in u.tiers for i in t.items]
    assert len(items) == 816
    assert all(i.points is not None for i in items)
    assert sum(i.points or 0 for i in items) == 50_400


def test_sample_has_20_citywide_targets_and_8_deduction_clauses(notice: Notice) -> None:
    assert [t.number for t in notice.citywide_targets] == list(range(1, 21))
    assert notice.citywide_targets[19].text == "城镇新增就业3.8万人"
    clauses = [u.name for u in notice.units if u.deduction_clause is not None]
    assert clauses == [
        "义马市",
        "澠池县",
        "湖滨区",
        "陕州区",
        "灵宝市",
        "卢氏县",
        "城乡一体化示范区",
        "开发区",
    ]


def test_header(notice: Notice) -> None:
    assert notice.issuer == "三门峡市人民政府"
    assert notice.doc_number == "三政〔2020〕9号"
    assert notice.title == "三门峡市人民政府关于印发2020年度经济社会发展目标的通知"
    assert notice.issued_on == datetime.date(2020, 8, 22)
    assert notice.year == 2020
    assert notice.addressees == [
        "各县（市、区）人民政府",
        "城乡一体化示范区、开发区管理委员会",
        "市人民政府各部门",
    ]
    assert notice.header_span is not None
    assert (notice.header_span.first, notice.header_span.last) == (3, 15)


def test_source_records_the_file_name_not_the_folder(notice: Notice) -> None:
    assert notice.source.file == "sanmenxia-2020.txt"
    assert notice.source.encoding == "utf-8"
    assert notice.source.lines == 1_991
    assert notice.source.sha256 == (
        "6e321c74d563aa6feedf52915fb6c5456ed11a70c46ebe1b9c6de49d646a7b2f"
    )


def test_shared_blocks(notice: Notice) -> None:
    assert notice.common_target is not None
    assert notice.common_target.name == "共同性目标"
    assert notice.common_target.points == 300
    assert notice.common_target.text == (
        "以三门峡市党政系统目标管理领导小组制定的全市2020年度共同责任目标为准。"
    )
    assert notice.development_target is not None
    assert notice.development_target.name == "经济、社会发展和本职工作责任目标"
    assert notice.development_target.points == 700


def test_a_repeated_shared_block_is_reported_not_dropped(sample_source: Source) -> None:
    # Found by the mutation fuzzer: a third 二、…（700分） line went into no record, unreported.
    lines = sample_source.text.split("\n")
    assert lines[66] == "二、经济、社会发展和本职工作责任目标（700分）。具体如下："
    lines.insert(67, lines[66])
    result = parse_source(Source.from_text("\n".join(lines)))
    unplaced = [d for d in result.findings if d.code == "TD101"]
    assert [(d.line, d.message) for d in unplaced] == [
        (68, "line not placed in any record: a notice has 2 shared blocks; this is one more")
    ]
    assert result.notice.development_target is not None
    assert result.notice.development_target.span.first == 67
    assert len(result.notice.units) == 72


def test_footer(notice: Notice) -> None:
    footer = notice.footer
    assert footer is not None
    assert footer.sponsor == "市政府办公室"
    assert footer.supervisor == "市政府目标办"
    assert footer.cc == [
        "市委各部门",
        "军分区",
        "部、省属有关单位",
        "市人大常委会办公室",
        "市政协办公室",
        "市法院",
        "市检察院",
    ]
    assert footer.printed_by == "三门峡市人民政府办公室"
    assert footer.printed_on == datetime.date(2020, 8, 22)


def test_no_line_is_left_unplaced(sample_result: ParseResult) -> None:
    assert sample_result.findings == ()


def test_every_nonblank_line_belongs_to_exactly_one_record(
    sample_source: Source, notice: Notice
) -> None:
    owners = line_owners(sample_source, notice)
    assert len(owners) == 1_094
    assert {number: paths for number, paths in owners.items() if len(paths) != 1} == {}


def test_item_numbers_run_on_across_tiers(notice: Notice) -> None:
    unit = unit_named(notice, "市发展改革委")
    assert [[i.number for i in t.items] for t in unit.tiers] == [
        [1, 2, 3, 4, 5],
        list(range(6, 24)),
    ]


def test_county_has_one_implicit_700_point_tier(notice: Notice) -> None:
    county = unit_named(notice, "义马市")
    assert county.kind == "county"
    assert len(county.tiers) == 1
    tier = county.tiers[0]
    assert (tier.name, tier.declared_points, tier.implicit) == (
        "经济、社会发展和本职工作责任目标",
        700,
        True,
    )
    assert sum(i.points or 0 for i in tier.items) == 700


# --- heading marks are unreliable ------------------------------------------------------


@pytest.mark.parametrize(
    ("line_number", "name"),
    [(71, "义马市"), (508, "市教育局"), (1423, "市人防办"), (823, "市商务局")],
)
def test_unit_heading_recognised_whatever_its_marks(
    notice: Notice, line_number: int, name: str
) -> None:
    assert sample_line(line_number).endswith(name) or sample_line(line_number).endswith("**")
    assert unit_named(notice, name).span.first == line_number


@pytest.mark.parametrize(
    ("unit", "line_number", "name", "points"),
    [
        ("市发展改革委", 471, "重点目标", 500),  # #### （一）重点目标（500分）
        ("市公安局", 1072, "一般目标", 200),  # ## （二）一般目标（200分）, a unit's level
        ("市林业局", 809, "一般目标", 200),  # **(二) 一般目标 (200分)**
        ("市教育局", 510, "重点目标", 500),  # (一) 重点目标 (500分), no marks
        ("市农业农村局", 760, "重点目标", 500),  # ### **（一）重点目标（500分）**
        ("三门峡供电公司", 1843, "一般目标", 200),  # (二) 一般目标（200分）, mixed widths
    ],
)
def test_tier_heading_recognised_whatever_its_marks(
    notice: Notice, unit: str, line_number: int, name: str, points: int
) -> None:
    tiers = [t for t in unit_named(notice, unit).tiers if t.span.first == line_number]
    assert [(t.name, t.declared_points, t.implicit) for t in tiers] == [(name, points, False)]


# --- page breaks ------------------------------------------------------------------------


def test_decimal_at_line_start_is_continuation_not_item(notice: Notice) -> None:
    assert sample_line(129) == "0.6个百分点（60分）；"
    second = item(notice, "澠池县", 2)
    assert (second.span.first, second.span.last) == (127, 129)
    assert second.text.endswith("比重比上年提高0.6个百分点")
    assert second.points == 60
    assert [i.number for i in unit_named(notice, "澠池县").tiers[0].items] == list(range(1, 24))


def test_continuation_after_blank_line_joins_mid_word(notice: Notice) -> None:
    target = notice.citywide_targets[9]
    assert (target.span.first, target.span.last) == (37, 39)
    assert target.text == (
        "高新技术产业增加值增长率达到8%，高新技术产业增加值占规模以上工业增加值的比重达到35%"
    )


def test_points_on_the_next_line(notice: Notice) -> None:
    assert sample_line(777) == "(20分)；"
    eighth = item(notice, "市农业农村局", 8)
    assert (eighth.span.first, eighth.span.last) == (776, 777)
    assert eighth.text == "蔬菜播种面积40万亩，中药材种植总面积55万亩"
    assert eighth.points == 20


def test_only_the_trailing_points_suffix_is_points(notice: Notice) -> None:
    first = item(notice, "市气象局", 1)
    assert first.text == "短期降水天气定性预报评分77分以上"
    assert first.points == 300


def test_half_width_points_with_space_before_semicolon(notice: Notice) -> None:
    assert sample_line(811) == "3. 新建湿地公园1处 (40分) ;"
    third = item(notice, "市林业局", 3)
    assert (third.text, third.points) == ("新建湿地公园1处", 40)


def test_points_with_inner_spaces_and_full_width_digits() -> None:
    text = "\n".join(
        [
            "## 市林业局",
            "### (一) 重点目标 (５００分)",
            "1. 完成造林绿化任务347450亩 (300 分)；",
            "2. 完成森林抚育59万亩（２００分）。",
        ]
    )
    unit = parse_text(text).units[0]
    assert unit.tiers[0].declared_points == 500
    assert [(i.text, i.points) for i in unit.tiers[0].items] == [
        ("完成造林绿化任务347450亩", 300),
        ("完成森林抚育59万亩", 200),
    ]


def test_parenthesis_before_points_stays_in_the_text(notice: Notice) -> None:
    third = item(notice, "市住房城乡建设局", 3)
    assert third.text.endswith("通气时间压缩至4个工作日以内（均不含设计施工时间）")
    assert third.points == 100


def test_markup_is_cleaned_from_item_text(notice: Notice) -> None:
    assert "<sub>" in sample_line(109)
    seventeenth = item(notice, "义马市", 17)
    assert seventeenth.text == (
        "完成市政府下达的地表水环境质量、空气质量优良天数、PM10及PM2.5浓度削减率目标"
    )


def test_source_typo_stays_as_written(notice: Notice) -> None:
    assert item(notice, "市自然资源规划局", 10).text == "完成市政府确定的城镇化工作目标任任务"


def test_deduction_clause_continues_after_a_page_break(notice: Notice) -> None:
    clause = unit_named(notice, "湖滨区").deduction_clause
    assert clause is not None
    assert (clause.span.first, clause.span.last) == (223, 225)
    assert clause.text.startswith("目标考核减分因素：考核重特大安全生产事故")
    assert clause.text.endswith("扣除相应分值。")


def test_long_item_broken_over_lines_keeps_its_points(notice: Notice) -> None:
    first = item(notice, "市公安局", 1)
    assert (first.span.first, first.span.last) == (1064, 1066)
    assert first.points == 200


# --- rules in isolation, on real lines ----------------------------------------------------


def test_short_line_without_tier_or_item_1_after_it_is_not_a_unit() -> None:
    from targetdoc.parse import parse_source

    text = "\n".join(
        [
            "## 市林业局",
            "### (一) 重点目标 (500分)",
            "1. 完成造林绿化任务347450亩 (300分)；",
            "完成市政府确定的环境保护工作目标任务",  # no punctuation, but item 2 follows
            "2. 完成森林抚育59万亩 (200分)。",
        ]
    )
    result = parse_source(Source.from_text(text, name="t.txt"))
    assert [u.name for u in result.notice.units] == ["市林业局"]
    items = result.notice.units[0].tiers[0].items
    assert [(i.number, i.points, i.span.last) for i in items] == [(1, 300, 3), (2, 200, 5)]
    # The stray line after a complete item is reported, not merged into it.
    assert [(d.code, d.line) for d in result.findings if d.code != "TD102"] == [("TD101", 4)]


def test_number_at_line_start_continues_an_item_still_without_points() -> None:
    text = "\n".join(
        [
            "## 市住房城乡建设局",
            "### （一）重点目标（300分）",
            "1. 优化用水用气服务，通水时间压缩至",
            "3个工作日以内（100分）；",
            "2. 完成市污水处理厂扩建（100分）；",
        ]
    )
    items = parse_text(text).units[0].tiers[0].items
    assert [(i.number, i.points) for i in items] == [(1, 100), (2, 100)]
    assert items[0].text == "优化用水用气服务，通水时间压缩至3个工作日以内"


def test_unplaced_line_is_reported_with_its_line_number() -> None:
    from targetdoc.parse import parse_source

    text = "\n".join(
        [
            "## 2020年三门峡市经济社会发展目标",
            "1. 农村贫困人口脱贫10231人；",
            "# 各县（市、区）和市政府各部门责任目标",
            "这一行不属于任何目标",
        ]
    )
    result = parse_source(Source.from_text(text, name="t.txt"))
    unplaced = [d for d in result.findings if d.code == "TD101"]
    assert [(d.file, d.line, d.severity) for d in unplaced] == [("t.txt", 4, "error")]


def test_text_without_targets_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a target-responsibility notice"):
        parse_text("第一章\n\n天下大势，分久必合，合久必分。\n", name="novel.txt")


def test_lost_unit_heading_reports_the_second_clause_instead_of_dropping_the_first(
    sample_source: Source,
) -> None:
    from targetdoc.parse import parse_source

    # Found by the mutation fuzzer: without 澠池县's heading (line 123) its clause
    # replaced 义马市's, and line 121 belonged to no record.
    lines = [line.raw for line in sample_source.lines]
    lines[122] = ""
    result = parse_source(Source.from_text("\n".join(lines), name="lost.txt"))
    yima = unit_named(result.notice, "义马市")
    assert yima.deduction_clause is not None
    assert yima.deduction_clause.span.first == 121
    assert [(d.code, d.line) for d in result.findings] == [("TD101", 173)]


def test_parsing_pauses_the_collector_and_restores_it(sample_source: Source) -> None:
    import gc

    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        assert gc.isenabled()
        gc.collect()
        collections.clear()
        parse_source(sample_source)
        # Running all along, the collector runs some 24 times per parse; paused, only
        # once, as the records are handed back.
        assert len(collections) <= 1
        assert gc.isenabled()
        gc.disable()
        parse_source(sample_source)
        assert not gc.isenabled()  # the caller's choice stands
    finally:
        gc.enable()
        gc.callbacks.remove(count)
