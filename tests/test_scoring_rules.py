"""Scoring rules (评分标准): read clause by clause into records, never thresholds, and
applied by targetdoc score where a document states them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.api import parse_text
from targetdoc.canonical import dump_yaml, load_yaml
from targetdoc.cli import cli
from targetdoc.models import Item, Notice, ScoringRule
from targetdoc.parse.scoring_rules import read_rules
from targetdoc.score.assess import assess
from targetdoc.score.rows import ActualRow

from conftest import CORPUS

D = Decimal


def _rule(text: str, effect: str, **fields: object) -> ScoringRule:
    return ScoringRule.model_validate({"effect": effect, "text": text, **fields})


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        (
            "达87%以上计7分，每低3个百分点扣0.5分",
            [
                _rule("达87%以上计7分", "award", points=D(7), condition="达87%以上"),
                _rule(
                    "每低3个百分点扣0.5分",
                    "deduct",
                    points=D("0.5"),
                    per="shortfall",
                    step=D(3),
                    step_unit="个百分点",
                ),
            ],
        ),
        (
            # Two conditions, each its own clause; the first clause states no rule.
            "党建工作。评议等次为“一般”的扣2分，“差”的扣4分",
            [
                _rule(
                    "评议等次为“一般”的扣2分", "deduct", points=D(2), condition="评议等次为“一般”的"
                ),
                _rule("“差”的扣4分", "deduct", points=D(4), condition="“差”的"),
            ],
        ),
        (
            # 扣完为止 needs no cap: a score is never below 0.
            "每有一人受处分扣2分，扣完为止",
            [
                _rule(
                    "每有一人受处分扣2分",
                    "deduct",
                    points=D(2),
                    per="each",
                    step=D(1),
                    step_unit="人",
                )
            ],
        ),
        (
            # No 每: one event counted before the verb, short of 不少于1次.
            "每半年不少于1次，缺一次扣1分",
            [
                _rule(
                    "缺一次扣1分", "deduct", points=D(1), per="shortfall", step=D(1), step_unit="次"
                )
            ],
        ),
        (
            "发生一般事故每起扣2分，发生较大事故本项不得分",
            [
                _rule(
                    "发生一般事故每起扣2分",
                    "deduct",
                    points=D(2),
                    per="each",
                    step=D(1),
                    step_unit="起",
                    condition="发生一般事故",
                ),
                _rule("发生较大事故本项不得分", "zero", condition="发生较大事故"),
            ],
        ),
        (
            # A cap bounds the rule of its verb before it.
            "获得省级命名的加2分，加分累计不超过5分",
            [
                _rule(
                    "获得省级命名的加2分", "add", points=D(2), cap=D(5), condition="获得省级命名的"
                )
            ],
        ),
        (
            "每超过目标值1微克/立方米扣1分，扣完为止",
            [
                _rule(
                    "每超过目标值1微克/立方米扣1分",
                    "deduct",
                    points=D(1),
                    per="excess",
                    step=D(1),
                    step_unit="微克/立方米",
                )
            ],
        ),
        (
            # 0. 5 as a PDF sets it; the step in Chinese numerals.
            "每少完成一项扣0. 5分",
            [
                _rule(
                    "每少完成一项扣0. 5分",
                    "deduct",
                    points=D("0.5"),
                    per="shortfall",
                    step=D(1),
                    step_unit="项",
                )
            ],
        ),
        (
            # Traditional characters: the step's unit as folded, the text as written.
            "每超1個加1分，最高加3分",
            [
                _rule(
                    "每超1個加1分",
                    "add",
                    points=D(1),
                    per="excess",
                    step=D(1),
                    step_unit="个",
                    cap=D(3),
                )
            ],
        ),
        (
            # Per what, after the points; the most of a range.
            "无故缺席扣1分/次，党务未按要求公开的扣0.5-1分",
            [
                _rule(
                    "无故缺席扣1分/次",
                    "deduct",
                    points=D(1),
                    per="each",
                    step=D(1),
                    step_unit="次",
                    condition="无故缺席",
                ),
                _rule(
                    "党务未按要求公开的扣0.5-1分",
                    "deduct",
                    points=D(1),
                    condition="党务未按要求公开的",
                ),
            ],
        ),
        ("完成目标值得满分", []),
        ("生产总值增长7%以上（60分）", []),
    ],
)
def test_rules_are_read_clause_by_clause(text: str, rules: list[ScoringRule]) -> None:
    assert read_rules(text) == rules


RUBRIC = """\
青石县2021年度县直单位目标考核细则

一、共性目标（20分）

1.信息报送。全年报送政务信息不少于12条，每少1条扣0.2分。（2分）

2.安全生产。全年不发生生产安全事故，每发生一起扣2分，扣完为止。（5分）

3.招商引资。引进项目资金达到3000万元以上，每低于目标值10%扣1分。（4分）

4.作风建设。未按时完成整改的扣1分。（2分）

5.争先创优。获得市级以上表彰的每项加1分，最高加3分。（3分）

6.考核评价。群众满意度达87%以上计4分，每低3个百分点扣0.5分。（4分）
"""


def _rubric() -> Notice:
    return parse_text(RUBRIC, name="rubric.txt")


def _items() -> dict[int, Item]:
    return {item.number: item for _, _, item in _rubric().items()}


def test_rule_numbers_never_become_thresholds() -> None:
    items = _items()
    assert [str(t) for t in items[1].thresholds] == ["≥ 12条"]
    assert [str(t) for t in items[3].thresholds] == ["≥ 3000万元"]
    assert [str(t) for t in items[6].thresholds] == ["≥ 87%"]
    assert items[2].thresholds == []
    assert [r.text for r in items[6].rules] == ["群众满意度达87%以上计4分", "每低3个百分点扣0.5分"]


def test_rules_survive_the_canonical_file() -> None:
    notice = _rubric()
    assert load_yaml(dump_yaml(notice)) == notice
    assert "step_unit: 个百分点" in dump_yaml(notice)


def _scores(actuals: dict[int, str]) -> dict[int, tuple[object, str, str]]:
    notice = _rubric()
    (unit,) = notice.units
    rows = [
        ActualRow(line, unit.name, str(number), actual)
        for line, (number, actual) in enumerate(actuals.items(), start=2)
    ]
    result = assess(notice, rows, file="actuals.csv")
    return {
        item.item: (item.score, item.status, item.reason)
        for item in result.units[0].items
        if item.item in actuals
    }


def test_score_applies_each_item_s_own_rule() -> None:
    scores = _scores({1: "9", 2: "2", 3: "2400", 4: "未完成", 5: "5", 6: "80"})
    # 9 of 12 条: 3 steps of 1 条 × 0.2.
    assert scores[1] == (
        D("1.4"),
        "not_met",
        "9条 < 12条; 1.4 by the item's own rule: 每少1条扣0.2分",
    )
    # Two accidents counted: 5 − 2 × 2.
    assert scores[2] == (1, "not_met", "2 counted; 1 by the item's own rule: 每发生一起扣2分")
    # 2400 of 3000万元 is 80% of the target: 2 steps of 10% × 1.
    assert scores[3][:2] == (2, "not_met")
    # 未完成, and the one clause that takes points on its condition.
    assert scores[4][:2] == (1, "not_met")
    # Five commendations at 1 point each, capped at 3.
    assert scores[5][:2] == (3, "met")
    # 80% against 87%: 7 points short is 3 steps begun of 3, 4 − 1.5.
    assert scores[6][:2] == (D("2.5"), "not_met")


def test_a_met_item_scores_its_points_and_a_clean_count_all_of_them() -> None:
    scores = _scores({1: "12", 2: "0", 6: "90%"})
    assert scores[1][:2] == (2, "met")
    assert scores[2][:2] == (5, "met")
    assert scores[6][:2] == (4, "met")


def test_deductions_stop_at_zero() -> None:
    assert _scores({2: "7"})[2][:2] == (0, "not_met")
    assert _scores({1: "0"})[1][:2] == (0, "not_met")


def test_a_negative_count_is_a_finding() -> None:
    notice = _rubric()
    rows = [ActualRow(2, notice.units[0].name, "2", "-1")]
    result = assess(notice, rows, file="actuals.csv")
    assert [(f.code, f.line, f.message) for f in result.findings] == [
        ("TD603", 2, "-1 is no count of events")
    ]


def test_the_score_command_says_which_items_its_document_scored(tmp_path: Path) -> None:
    notice = tmp_path / "rubric.txt"
    notice.write_text(RUBRIC, encoding="utf-8")
    actuals = tmp_path / "actuals.csv"
    unit = _rubric().units[0].name
    actuals.write_text(f"unit,item,actual\n{unit},1,9\n{unit},2,1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(notice), str(actuals)])
    assert "2 items scored by the rule their document states (评分标准)" in result.output
    assert "1.4 by the item's own rule: 每少1条扣0.2分" in result.output
    assert result.exit_code == 1  # the items nothing was reported for are for review


def test_a_corpus_rubric_keeps_its_rules() -> None:
    from targetdoc.api import parse_notice

    notice = parse_notice(CORPUS / "rubric" / "anlan-2019-departments.txt")
    by_text = {item.text[:4]: item for _, _, item in notice.items()}
    assert by_text["党风廉政"].rules == [
        _rule("每有一人受处分扣2分", "deduct", points=D(2), per="each", step=D(1), step_unit="人")
    ]


def test_steps_short_with_no_target_stated_are_counted() -> None:
    # 缺1次会议记录扣0.5分 states no number of records to keep: the actual counts those missing.
    notice = parse_text("1.会议记录齐全，缺1次会议记录扣0.5分。（5分）\n", name="records.txt")
    (unit,) = notice.units
    result = assess(notice, [ActualRow(2, unit.name, "1", "3次")], file="actuals.csv")
    (item,) = result.units[0].items
    assert (item.score, item.status) == (D("3.5"), "not_met")
    assert item.reason == "3次 counted; 3.5 by the item's own rule: 缺1次会议记录扣0.5分"
