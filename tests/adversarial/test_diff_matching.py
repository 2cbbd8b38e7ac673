"""targetdoc diff: no unit lost to a repeated name, no two units taken for one, and a
ceiling's direction read as a ceiling (issue 24, classes 8, 9, 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.api import parse_text
from targetdoc.cli import cli
from targetdoc.diff import compare, match_units
from targetdoc.models import Notice

HEAD = (
    "南山县人民政府文件\n\n南政〔2022〕3号\n\n南山县人民政府关于下达2022年度目标责任的通知\n\n"
    "各单位：\n\n现将2022年度目标责任下达给你们。\n\n二〇二二年二月十日\n\n"
)


def _notice(units: list[tuple[str, str]]) -> Notice:
    """A notice of these units, each with one target of 100 points."""
    body = "".join(
        f"{name}\n\n一、重点目标（100分）\n\n1. {text}（100分）\n\n" for name, text in units
    )
    return parse_text(HEAD + body + "主办：县政府办公室\n")


# 9. A unit written twice is two units: each is compared.


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        # the second 城关镇 changed its target
        (
            [("城关镇", "新增就业500人"), ("城关镇", "新建学校2所")],
            [("城关镇", "新增就业500人"), ("城关镇", "新建学校3所")],
            [("城关镇", "新建学校2所", "新建学校3所")],
        ),
        # the first changed, the second did not
        (
            [("城关镇", "新增就业500人"), ("某镇", "新建道路5公里"), ("城关镇", "新建学校2所")],
            [("城关镇", "新增就业600人"), ("某镇", "新建道路5公里"), ("城关镇", "新建学校2所")],
            [("城关镇", "新增就业500人", "新增就业600人")],
        ),
    ],
    ids=["second-of-two", "first-of-two-apart"],
)
def test_a_unit_written_twice_is_compared_twice(
    old: list[tuple[str, str]], new: list[tuple[str, str]], changed: list[tuple[str, str, str]]
) -> None:
    diff = compare(_notice(old), _notice(new))
    assert [
        (change.unit, change.old.item.text, change.new.item.text)
        for change in diff.changes
        if change.old and change.new
    ] == changed
    assert not diff.same


def test_a_unit_written_twice_then_once_is_one_removed() -> None:
    diff = compare(
        _notice([("城关镇", "新增就业500人"), ("城关镇", "新建学校2所")]),
        _notice([("城关镇", "新增就业500人")]),
    )
    assert (diff.units_removed, diff.units_added) == (["城关镇"], [])


def test_a_repeated_unit_makes_the_command_exit_1(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    units = [("城关镇", "新增就业500人"), ("城关镇", "新建学校2所")]
    old.write_text(HEAD + _body(units), encoding="utf-8")
    new.write_text(HEAD + _body([units[0], ("城关镇", "新建学校3所")]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 1


def _body(units: list[tuple[str, str]]) -> str:
    return (
        "".join(
            f"{name}\n\n一、重点目标（100分）\n\n1. {text}（100分）\n\n" for name, text in units
        )
        + "主办：县政府办公室\n"
    )


# 11. Similar names of different units are not a rename.


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("工行三门峡分行", "交行三门峡分行"),
        ("中国移动三门峡分公司", "中国电信三门峡分公司"),
        ("中国移动三门峡分公司", "中国联通三门峡分公司"),
        ("农行湖滨区支行", "建行湖滨区支行"),
        ("市第一人民医院", "市第二人民医院"),
        ("湖滨区人民法院", "湖滨区人民检察院"),
    ],
)
def test_names_alike_but_for_what_tells_them_apart_are_two_units(old: str, new: str) -> None:
    matches, removed, added = match_units([old], [new])
    assert (matches, removed, added) == ([], [old], [new])


@pytest.mark.parametrize(
    ("old", "new", "score"),
    [
        ("市教育局", "市教育体育局", 80.0),  # a part added
        ("市农业农村局", "市农业局", 80.0),  # a part dropped
        ("市科技局", "市科学技术局", 80.0),  # spelled out
    ],
)
def test_a_unit_renamed_is_still_matched(old: str, new: str, score: float) -> None:
    matches, _, _ = match_units([old], [new])
    assert [(m.old, m.new, m.by, m.score) for m in matches] == [(old, new, "fuzzy", score)]


def test_similar_names_in_different_categories_are_two_units() -> None:
    matches, removed, added = match_units(
        ["市教育局"], ["市教育体育局"], categories=(["市直单位"], ["驻市单位"])
    )
    assert (matches, removed, added) == ([], ["市教育局"], ["市教育体育局"])
    matches, _, _ = match_units(
        ["市教育局"], ["市教育体育局"], categories=(["市直单位"], ["市直单位"])
    )
    assert [m.by for m in matches] == ["fuzzy"]


# 8. 控制在…左右 is a ceiling: lower is stricter.


@pytest.mark.parametrize(
    ("old", "new", "direction", "stricter"),
    [
        ("能耗控制在104%左右", "能耗控制在103%左右", "lowered", "new"),
        ("能耗控制在104%左右", "能耗控制在105%左右", "raised", "old"),
        ("失业率控制在4.5%以内", "失业率控制在4%以内", "lowered", "new"),
        ("粮食产量约20万吨", "粮食产量约21万吨", "raised", "new"),
        ("地区生产总值增长8%左右", "地区生产总值增长7%左右", "lowered", "old"),
    ],
)
def test_a_ceiling_about_a_value_is_stricter_lower(
    old: str, new: str, direction: str, stricter: str
) -> None:
    diff = compare(_notice([("城关镇", old)]), _notice([("城关镇", new)]))
    (change,) = diff.changes
    (threshold,) = change.thresholds
    assert (threshold.direction, threshold.stricter) == (direction, stricter)
