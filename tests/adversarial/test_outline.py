"""Documents read by their outline, in the shapes an adversarial pass found misread:
each test names the class, and asserts the records exactly."""

from __future__ import annotations

from pathlib import Path

from targetdoc.models import Notice
from targetdoc.parse import parse_source
from targetdoc.read.source import Source


def _read(text: str) -> Notice:
    return parse_source(Source.from_text(text, name="doc.txt")).notice


def _items(notice: Notice) -> list[tuple[str, int, str, object, list[str]]]:
    return [
        (tier.name, item.number, item.text, item.points, item.responsible)
        for _, tier, item in notice.items()
    ]


def test_a_last_cell_broken_over_lines_runs_on_to_the_next_row() -> None:
    notice = _read(
        "青石县2022年度乡镇目标考核评分表\n序号\n考核内容\n分值\n评分标准\n1\n地区生产总值增长7%\n20\n"
        "每低1个百分点\n扣2分\n2\n财政收入增长5%\n30\n未完成不得分\n"
    )
    assert _items(notice) == [
        ("", 1, "地区生产总值增长7%", 20, []),
        ("", 2, "财政收入增长5%", 30, []),
    ]
    assert [item.criteria for _, _, item in notice.items()] == [
        "每低1个百分点扣2分",
        "未完成不得分",
    ]


def test_a_table_per_section_gives_each_section_its_rows() -> None:
    notice = _read(
        "青石县2022年度乡镇目标考核评分表\n一、经济指标（20分）\n序号|考核内容|分值\n1|地区生产总值增长7%|20\n"
        "二、社会指标（30分）\n序号|考核内容|分值\n1|新增就业500人|30\n"
    )
    assert _items(notice) == [
        ("经济指标", 1, "地区生产总值增长7%", 20, []),
        ("社会指标", 1, "新增就业500人", 30, []),
    ]


def test_a_total_row_is_no_item() -> None:
    notice = _read(
        "青石县2022年度乡镇目标考核评分表\n序号|考核项目|分值\n1|招商引资|20\n2|财政收入|80\n合计||100\n"
    )
    assert [(number, points) for _, number, _, points, _ in _items(notice)] == [(1, 20), (2, 80)]


def test_entries_run_on_after_their_points_are_split() -> None:
    notice = _read(
        "青石县2022年度部门目标考核细则\n1.完成招商引资任务。（10分）2.完成项目建设任务。（10分）\n"
        "3.完成安全生产任务。（10分）\n"
    )
    assert [(number, text, points) for _, number, text, points, _ in _items(notice)] == [
        (1, "完成招商引资任务", 10),
        (2, "完成项目建设任务", 10),
        (3, "完成安全生产任务", 10),
    ]


def test_numbering_that_runs_on_stays_under_its_own_section() -> None:
    notice = _read(
        "青石县2022年度部门目标考核细则\n1.坚持公平公正。\n县发改委\n（一）重点目标（30分）\n"
        "1.完成投资50亿元（30分）\n评分标准：完成得满分。\n（二）一般目标（20分）\n2.完成招商任务（20分）\n"
    )
    assert [unit.name for unit in notice.units] == ["县发改委"]
    assert [(tier, number, points) for tier, number, _, points, _ in _items(notice)] == [
        ("重点目标", 1, 30),
        ("一般目标", 2, 20),
    ]


def test_the_second_party_signing_at_the_end_names_the_letters_unit() -> None:
    notice = _read(
        "2021年度安全生产目标责任书\n一、责任目标\n1.全年不发生较大以上生产安全事故（40分）\n二、奖惩\n"
        "按县考核办法执行。\n甲方：青石县人民政府（盖章）\n乙方：桃花镇人民政府（盖章）\n"
    )
    assert [(unit.name, unit.kind) for unit in notice.units] == [("桃花镇人民政府", "county")]


def test_units_on_a_line_of_their_own_are_the_entrys_responsible_units() -> None:
    notice = _read(
        "2022年度重点工作任务清单\n1.新建5G基站800个。\n市工信局\n2.完成老旧小区改造30个。\n"
        "市住建局、市财政局\n"
    )
    assert [(number, text, units) for _, number, text, _, units in _items(notice)] == [
        (1, "新建5G基站800个", ["市工信局"]),
        (2, "完成老旧小区改造30个", ["市住建局", "市财政局"]),
    ]


def test_lettered_sections_are_no_units() -> None:
    notice = _read(
        "某镇对村考核细则\nA、党的建设（30分）\n1、支部建设规范（15分）\n2、党员教育到位（15分)\n"
        "B、经济发展（70分）\n1、村集体收入增长10%（40分）\n2、招商引资完成1个项目（30分）\n"
    )
    assert len(notice.units) == 1
    tiers = [(tier.name, tier.declared_points) for tier in notice.units[0].all_tiers()]
    assert tiers == [("党的建设", 30), ("经济发展", 70)]


def test_a_long_run_of_header_like_lines_is_refused_not_read_at_square_cost() -> None:
    import pytest

    from targetdoc.errors import InputError

    with pytest.raises(InputError, match="not a target-responsibility notice"):
        parse_source(Source.from_text("考核内容\n" * 3000, name="doc.txt"))


def test_numbered_instructions_with_no_points_and_no_units_are_no_target() -> None:
    result = parse_source(
        Source.from_text(
            "关于2022年度考核工作的补充通知\n一、报送要求\n1.各单位按时报送材料，迟报的扣2分。\n"
            "2.材料不全的扣1分。\n二、其他\n本通知自印发之日起施行。\n",
            name="doc.txt",
        )
    )
    (finding,) = [f for f in result.findings if f.code == "TD108"]
    assert (finding.severity, finding.line) == ("error", 3)


def test_a_row_that_breaks_its_points_down_is_no_merged_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from targetdoc.cli import cli

    notice = tmp_path / "doc.txt"
    notice.write_text(
        "青石县2022年度部门目标考核评分表\n序号|目标内容|分值\n1|完成粮食收储任务(40分)，信用考核全市前三位(40分)|80\n"
        "2|完成价格监测|20\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["parse", str(notice), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 0, result.output
    assert "lines merged" not in result.output
