"""Numbers as offices write them: separators, per mille, Chinese numerals, fractional points."""

from __future__ import annotations

from decimal import Decimal

import pytest

from targetdoc.canonical import dump_json, dump_yaml, load_json, load_yaml
from targetdoc.check.numbers import unexplained_digits
from targetdoc.parse import parse_source
from targetdoc.parse.thresholds import extract
from targetdoc.read.source import Source

from conftest import SAMPLE

D = Decimal


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # 1,234.5万元 was read as 234.5万元.
        ("完成固定资产投资1,234.5万元", [("target", None, D("1234.5"), "万", "元", D(12345000))]),
        ("出生缺陷发生率控制在5‰以内", [("at_most", None, D(5), None, "‰", D(5))]),
        # Chinese numerals were not read at all.
        ("全年完成投资九千万元", [("target", None, D(9000), "万", "元", D(90000000))]),
        ("比上年提高三个百分点", [("target", "increase", D(3), None, "个百分点", D(3))]),
        ("新增就业两万人以上", [("at_least", None, D(2), "万", "人", D(20000))]),
        ("完成投资十二亿元", [("target", None, D(12), "亿", "元", D(1200000000))]),
        ("增长3千万元", [("target", "increase", D(3), "千万", "元", D(30000000))]),
        # Ordinals and counted names stay no threshold.
        ("组织召开第十九个全国安全生产月活动", []),
        ("完成主城区三条环路规划", []),
        # Beyond exact reading: no threshold (audit-numbers lists it), never a traceback.
        ("999999999999999999999亿元", []),
        ("1" * 5000 + "亿元", []),
    ],
)
def test_a_number_is_read_exactly_or_not_at_all(
    phrase: str, expected: list[tuple[object, ...]]
) -> None:
    found = [
        (t.comparator, t.change, t.value, t.scale, t.unit, t.quantity) for t in extract(phrase)
    ]
    assert found == expected


def test_audit_numbers_sees_chinese_numerals_and_over_long_runs() -> None:
    assert [run.text for run in unexplained_digits("投资九千万余元")] == ["九千"]
    assert [run.text for run in unexplained_digits("999999999999999999999亿元")] == [
        "999999999999999999999"
    ]
    assert unexplained_digits("全年完成投资九千万元") == []


def test_fractional_points_are_points_and_round_trip_exactly() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert lines[76] == "3. 新增入库“四上”企业26个（30分）；"
    lines[72] = lines[72].replace("（60分）", "（60.5分）")
    lines[76] = "3. 新增入库“四上”企业26个（29.5分）；"
    notice = parse_source(Source.from_text("\n".join(lines))).notice
    items = notice.units[0].tiers[0].items
    # （60.5分） was reported as an item without points.
    assert [(item.number, item.points) for item in items[:3]] == [
        (1, D("60.5")),
        (2, 60),
        (3, D("29.5")),
    ]
    assert notice.units[0].tiers[0].points_sum == 700
    assert load_yaml(dump_yaml(notice)) == notice
    assert load_json(dump_json(notice)) == notice
    assert "points: 60.5\n" in dump_yaml(notice)
