"""Judging reported actuals against the sample's targets (the core of targetdoc score)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from targetdoc.api import parse_notice
from targetdoc.errors import ActualError
from targetdoc.models import Item
from targetdoc.score.judge import (
    Judgement,
    Reported,
    Tolerance,
    judge_item,
    judge_threshold,
    read_actual,
)

from conftest import SAMPLE

NOTICE = parse_notice(SAMPLE)


def _item(unit: str, number: int) -> Item:
    (item,) = [i for u, _, i in NOTICE.items() if u.name == unit and i.number == number]
    return item


def _judged(unit: str, number: int, actual: str, **options: object) -> Judgement:
    return judge_item(_item(unit, number), read_actual(actual), **options)  # type: ignore[arg-type]


def test_reading_actuals() -> None:
    assert read_actual("") is None
    assert read_actual("  ") is None
    assert read_actual("完成") == "met"
    assert read_actual("未完成") == "not_met"
    assert read_actual("Not met") == "not_met"
    assert read_actual("7.8；0.6") == [Reported(Decimal("7.8")), Reported(Decimal("0.6"))]
    assert read_actual("2.5亿元") == [Reported(Decimal("2.5"), "亿", "元")]
    assert read_actual("25,000万元") == [Reported(Decimal("25000"), "万", "元")]
    assert read_actual("８.２%") == [Reported(Decimal("8.2"), None, "%")]
    with pytest.raises(ActualError, match="'很多' is not a number"):
        read_actual("很多")


# 义马市 19: 进出口总额完成0.35亿元 (a target, scale 亿, unit 元).
@pytest.mark.parametrize(
    ("actual", "status", "reason"),
    [
        ("0.4", "met", "0.4亿元 ≥ 0.35亿元"),  # bare: in the target's own scale and unit
        ("3500万元", "met", "0.35亿元 ≥ 0.35亿元"),  # converted
        ("3000万元", "not_met", "0.3亿元 < 0.35亿元"),
        ("0.34亿元", "not_met", "0.34亿元 < 0.35亿元"),
    ],
)
def test_a_target_with_a_scale(actual: str, status: str, reason: str) -> None:
    assert _judged("义马市", 19, actual) == Judgement(status, reason)  # type: ignore[arg-type]


def test_a_value_in_another_unit_is_refused() -> None:
    with pytest.raises(
        ActualError, match=re.escape("reported in 吨; the target 0.35亿元 is in 元")
    ):
        _judged("义马市", 19, "3万吨")


def test_at_least_at_most_approx_range_and_a_decrease() -> None:
    # 义马市 7: relative 增速, then 税收收入占比 达到70% (at_least); the first is judged
    # against the benchmark, so without one the item is for review.
    benchmarks = {"全省平均水平": {"一般公共预算收入增速": Decimal("6.5")}}
    assert _judged("义马市", 7, "7;72", benchmarks=benchmarks) == Judgement(
        "met", "7 > 全省平均水平 6.5; 72% ≥ 70%"
    )
    assert _judged("义马市", 7, "7;69.5", benchmarks=benchmarks) == Judgement(
        "not_met", "7 > 全省平均水平 6.5; 69.5% < 70%"
    )
    assert _judged("市林业局", 5, "3.6") == Judgement("not_met", "3.6% > 3.5%")  # 低于3.5%
    assert _judged("市林业局", 5, "3.5") == Judgement("met", "3.5% ≤ 3.5%")
    # 控制在104%左右: a ceiling, with 0.5 percentage points above it by default.
    assert _judged("市发展改革委", 11, "103") == Judgement("met", "103% ≤ 104%")
    assert _judged("市发展改革委", 11, "104.5") == Judgement("met", "104.5% ≈ 104%")
    assert _judged("市发展改革委", 11, "104.6") == Judgement("not_met", "104.6% > 104%")
    assert _judged("市发展改革委", 11, "108.9") == Judgement("not_met", "108.9% > 104%")
    assert _judged(
        "市发展改革委", 11, "104.3", tolerance=Tolerance(points=Decimal("0.2"))
    ) == Judgement("not_met", "104.3% > 104%")
    # 市事管局 6: 全年引进举办各类会展活动10—15场次.
    assert _judged("市事管局", 6, "12") == Judgement("met", "12场次 in 10场次–15场次")
    assert _judged("市事管局", 6, "9") == Judgement("not_met", "9场次 not in 10场次–15场次")
    # 义马市 16: 万元生产总值能耗下降2.8%: the decrease reported is at least 2.8.
    assert _judged("义马市", 16, "3") == Judgement("met", "下降3% ≥ 2.8%")
    assert _judged("义马市", 16, "2.5") == Judgement("not_met", "下降2.5% < 2.8%")


def test_a_relative_target_with_and_without_its_benchmark() -> None:
    subject = "生产总值、人均地区生产总值、全员劳动生产率增速"
    benchmarks = {"全省平均水平": {subject: Decimal("6.5")}}
    assert _judged("义马市", 1, "7.8", benchmarks=benchmarks) == Judgement(
        "met", "7.8 > 全省平均水平 6.5"
    )
    assert _judged("义马市", 1, "6.5", benchmarks=benchmarks) == Judgement(
        "not_met", "6.5 not > 全省平均水平 6.5"
    )
    assert _judged("义马市", 1, "7.8") == Judgement(
        "review", f"高于全省平均水平: no value of 全省平均水平 for {subject}"
    )


def test_people_s_judgements_missing_values_and_too_many() -> None:
    assert _judged("义马市", 19, "完成") == Judgement("met", "完成")
    assert _judged("义马市", 19, "未完成") == Judgement("not_met", "未完成")
    assert _judged("义马市", 19, "") == Judgement("review", "nothing reported")
    # 义马市 2 has two targets; one value leaves the second unreported: for review.
    benchmarks = {"全省平均水平": {"规模以上工业增加值、规模以上制造业增加值增速": Decimal("7")}}
    assert _judged("义马市", 2, "8", benchmarks=benchmarks) == Judgement(
        "review", "8 > 全省平均水平 7; 提高0.5个百分点: nothing reported"
    )
    with pytest.raises(ActualError, match="item 19 has 1 numeric target but 3 values were"):
        _judged("义马市", 19, "1;2;3")


def test_an_item_without_numeric_targets_needs_a_judgement() -> None:
    item = next(i for _, _, i in NOTICE.items() if not i.thresholds)
    assert judge_item(item, [Reported(Decimal(1))]) == Judgement(
        "review", "no numeric target: report 完成 or 未完成"
    )
    assert judge_item(item, "met") == Judgement("met", "完成")


def test_a_threshold_judged_alone() -> None:
    (threshold,) = _item("义马市", 19).thresholds
    assert judge_threshold(threshold, None) == Judgement("review", "0.35亿元: nothing reported")
