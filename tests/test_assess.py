"""The assessment: actuals of the sample's 市林业局, scored by hand."""

from __future__ import annotations

import pytest

from targetdoc.api import parse_notice
from targetdoc.errors import InputError
from targetdoc.score.actuals import read_actuals
from targetdoc.score.assess import assess
from targetdoc.score.rows import ActualRow

from conftest import SAMPLE

NOTICE = parse_notice(SAMPLE)

# 市林业局's 13 items: 300 200 40 30 30 30 and seven of 10 points (700).
FORESTRY = """unit,item,actual
市林业局,1,350000
市林业局,2,58万亩
市林业局,3,1
市林业局,4,60%
市林业局,5,3.6
市林业局,6,0.9
市林业局,7,2.5
市林业局,8,完成
市林业局,9,未完成
市林业局,10,
"""


def test_a_unit_is_scored_item_by_item() -> None:
    rows = read_actuals(FORESTRY.encode("utf-8-sig"), path="actuals.csv")
    assert rows[0] == ActualRow(2, "市林业局", "1", "350000")
    result = assess(NOTICE, rows, file="actuals.csv")
    assert result.findings == []
    (forestry,) = [unit for unit in result.units if unit.unit == "市林业局"]
    assert [(i.item, i.points, i.score, i.status, i.reason) for i in forestry.items] == [
        (1, 300, 300, "met", "350000亩 ≥ 347450亩"),
        (2, 200, 0, "not_met", "58万亩 < 59万亩"),
        (3, 40, 40, "met", "1处 ≥ 1处"),
        (4, 30, 30, "met", "60% ≥ 59%"),
        (5, 30, 0, "not_met", "3.6% > 3.5%"),
        (6, 30, 30, "met", "0.9% ≤ 0.9%"),
        (7, 10, 10, "met", "2.5亿元 ≥ 2亿元"),
        (8, 10, 10, "met", "完成"),
        (9, 10, 0, "not_met", "未完成"),
        (10, 10, 0, "review", "nothing reported"),
        (11, 10, 0, "review", "not reported"),
        (12, 10, 0, "review", "not reported"),
        (13, 10, 0, "review", "not reported"),
    ]
    # Out of its full score: 700 of items and the 300 of the shared targets, unreported.
    assert (forestry.score, forestry.max) == (420, 1000)
    assert forestry.shared is not None
    assert (forestry.shared.points, forestry.shared.status) == (300, "review")
    assert (forestry.count("met"), forestry.count("not_met"), forestry.count("review")) == (6, 3, 5)
    # First of the 18 departments of its category; the others reported nothing: no score,
    # no rank.
    peers = [unit for unit in result.units if unit.category == forestry.category]
    assert (len(peers), forestry.rank) == (18, 1)
    assert {(unit.score, unit.rank) for unit in peers if unit is not forestry} == {(None, None)}


def test_the_json_shape() -> None:
    rows = read_actuals(FORESTRY.encode("utf-8"), path="actuals.csv")
    data = assess(NOTICE, rows, file="actuals.csv").to_json()
    assert set(data) == {"units", "rule"}
    assert data["rule"] == "met: the item's points; not met, or for review: 0"
    forestry = next(unit for unit in data["units"] if unit["unit"] == "市林业局")
    assert {k: forestry[k] for k in ("category", "score", "max", "rank")} == {
        "category": "承担经济社会发展职能的政府部门责任目标",
        "score": 420,
        "max": 1000,
        "rank": 1,
    }
    assert forestry["shared"] == {
        "item": 0,
        "points": 300,
        "score": 0,
        "status": "review",
        "reason": "not reported",
    }
    yima = next(unit for unit in data["units"] if unit["unit"] == "义马市")
    assert (yima["score"], yima["max"], yima["rank"]) == (None, 1000, None)
    assert forestry["items"][1] == {
        "item": 2,
        "points": 200,
        "score": 0,
        "status": "not_met",
        "reason": "58万亩 < 59万亩",
    }


def test_rows_that_cannot_be_used_are_findings_at_their_line() -> None:
    text = (
        "unit,item,actual\n"
        "某某局,1,3\n"  # line 2: no such unit
        "市林业局,99,1\n"  # line 3: no such item
        "市林业局,11,很多\n"  # line 4: not a number
        "市林业局,3,1\n"
        "市林业局,3,2\n"  # line 6: item 3 again
        "市林业局,7,3万吨\n"  # line 7: a unit of another kind
        "市林业局,1,1;2\n"  # line 8: two values for a single target
    )
    rows = read_actuals(text.encode("gb18030"), path="a.csv")
    result = assess(NOTICE, rows, file="a.csv")
    assert [(f.code, f.line, f.message) for f in result.findings] == [
        ("TD601", 2, "no unit 某某局 in the notice"),
        ("TD602", 3, "市林业局 has no item 99"),
        ("TD603", 4, "'很多' is not a number"),
        ("TD604", 6, "市林业局 item 3 again (first at line 5)"),
        ("TD603", 7, "3万吨 is reported in 吨; the target 2亿元 is in 元"),
        (
            "TD603",
            8,
            "item 1 has 1 numeric target but 2 values were reported: give one value for "
            "each target, in order, separated by ;",
        ),
    ]
    forestry = next(unit for unit in result.units if unit.unit == "市林业局")
    assert forestry.items[10].status == "review"
    assert forestry.items[10].reason == "unreadable: '很多' is not a number"
    assert forestry.score == 40  # item 3 only


def test_an_actuals_file_without_its_columns_is_refused() -> None:
    with pytest.raises(InputError) as raised:
        read_actuals("单位,序号,完成值\n市林业局,1,3\n".encode(), path="a.csv")
    assert str(raised.value) == (
        "a.csv:1: the actuals need the columns unit, item, actual; missing unit, item, actual"
    )


def _forestry_scores(scoring: object) -> list[tuple[int, object, str]]:
    rows = read_actuals(FORESTRY.encode("utf-8"), path="actuals.csv")
    result = assess(NOTICE, rows, file="actuals.csv", scoring=scoring)  # type: ignore[arg-type]
    forestry = next(unit for unit in result.units if unit.unit == "市林业局")
    return [(i.item, i.score, i.status) for i in forestry.items[:10]] + [
        (0, forestry.score, result.rule)
    ]


def test_a_proportional_rule_scores_the_share_reached() -> None:
    from decimal import Decimal

    from targetdoc.score.scoring import Scoring

    scores = _forestry_scores(Scoring("proportional", floor=Decimal("0.6")))
    assert scores == [
        (1, 300, "met"),
        (2, Decimal("196.61"), "not_met"),  # 58万 of 59万亩 × 200
        (3, 40, "met"),
        (4, 30, "met"),
        (5, Decimal("29.17"), "not_met"),  # 低于3.5%, 3.6 reported: 3.5 / 3.6 × 30
        (6, 30, "met"),
        (7, 10, "met"),
        (8, 10, "met"),
        (9, 0, "not_met"),  # 未完成: no share to measure
        (10, 0, "review"),
        (
            0,
            Decimal("645.78"),
            "proportional: the share of the target reached × the item's points, capped at "
            "the points, 0 below 60% of the target; for review: 0",
        ),
    ]
    below = _forestry_scores(Scoring("proportional", floor=Decimal("0.99")))
    assert below[1] == (2, 0, "not_met")  # 98.3% of the target, under the floor


def test_a_deduction_rule_takes_points_per_step_short() -> None:
    from decimal import Decimal

    from targetdoc.score.scoring import Scoring

    scoring = Scoring("deduction", step=Decimal("0.5"), step_points=Decimal(5))
    scores = _forestry_scores(scoring)
    # Item 2: 1万亩 short in steps of 0.5万亩: 2 steps, 10 points off 200.
    # Item 5: 0.1% over 3.5%: 1 step, 5 points off 30.
    assert [(item, score) for item, score, _ in scores[:9]] == [
        (1, 300),
        (2, 190),
        (3, 40),
        (4, 30),
        (5, 25),
        (6, 30),
        (7, 10),
        (8, 10),
        (9, 0),
    ]
    assert scores[-1][1:] == (
        635,
        "deduction: the item's points less 5 for each 0.5 short of the target, not below 0; "
        "for review: 0",
    )


def test_a_profile_chooses_the_rule(tmp_path: object) -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from targetdoc.cli import cli

    folder = Path(str(tmp_path))
    (folder / "a.csv").write_text(FORESTRY, encoding="utf-8")
    (folder / "p.yaml").write_text(
        "name: proportional\nscoring:\n  rule: proportional\n  floor: 0.6\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli,
        [
            "score",
            str(SAMPLE),
            str(folder / "a.csv"),
            "--profile",
            str(folder / "p.yaml"),
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 1  # items for review
    import json

    data = json.loads(result.stdout)
    assert data["rule"].startswith("proportional: the share of the target reached")
    forestry = next(unit for unit in data["units"] if unit["unit"] == "市林业局")
    assert forestry["score"] == Decimal_("645.78")


def Decimal_(text: str) -> object:
    from decimal import Decimal

    return float(Decimal(text))
