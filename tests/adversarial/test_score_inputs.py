"""targetdoc score: nothing silently wrong and no traceback from what offices type into
a workbook, a deductions file or a benchmarks file (issue 24, classes 6, 7, 8, 13)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from targetdoc.api import parse_notice
from targetdoc.cli import cli
from targetdoc.score.judge import Judgement, judge_item, read_actual

from conftest import NOTICES, SAMPLE

WEB_PAGE = str(NOTICES / "web-page.txt")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["score", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _workbook(tmp_path: Path) -> tuple[Path, Any]:
    import openpyxl

    exported = tmp_path / "评分表.xlsx"
    # Written; exit 0 as parse's: the web page's own lines are TD109, information.
    assert CliRunner().invoke(cli, ["export", WEB_PAGE, "-o", str(exported)]).exit_code == 0
    return exported, openpyxl.load_workbook(exported)


def _items(out: str) -> list[tuple[int, object, str]]:
    (unit,) = json.loads(out)["units"]
    return [(item["item"], item["score"], item["reason"]) for item in unit["items"]]


# 6. A percentage typed into the workbook is stored as a fraction with a % format.


@pytest.mark.parametrize(
    ("typed", "number_format", "reason"),
    [
        (0.97, "0%", "97% ≥ 96%"),
        (0.965, "0.0%", "96.5% ≥ 96%"),
        (0.9651, "0.00%", "96.51% ≥ 96%"),
        (0.95, "0.00%;[Red]-0.00%", "95% < 96%"),
        (97, "General", "97% ≥ 96%"),  # a bare number is in the target's own unit
        (97, '0"%"', "97% ≥ 96%"),  # a quoted % prints as it is: no × 100
        (97, "0\\%", "97% ≥ 96%"),
        (0.97, "[$-804]0.0%", "97% ≥ 96%"),
        (96.0, "0.0", "96% ≥ 96%"),
    ],
)
def test_a_workbook_percentage_reads_as_the_percentage_shown(
    typed: float, number_format: str, reason: str, tmp_path: Path
) -> None:
    exported, book = _workbook(tmp_path)
    sheet = book["评分"]
    # 完成情况 (column D) of items 1, 3 and 2 (rows 5, 9 and 6, under their sections).
    sheet["D5"], sheet["D9"] = "10;6", "完成"
    sheet["D6"] = typed
    sheet["D6"].number_format = number_format
    book.save(exported)
    code, out, _ = _run(WEB_PAGE, str(exported), "-f", "json")
    assert _items(out)[1] == (2, 200 if "≥" in reason else 0, reason)
    assert code == 0


# 13. What a 序号 cell may hold: nothing a reading of items takes gives a traceback.


def _raw_number(path: Path, sheet: str, cell: str, written: str) -> None:
    """Write a number cell's text as another program might have stored it (1E999,
    NaN), which openpyxl itself would never write (the file as openpyxl saved it:
    sheet N of its order is xl/worksheets/sheetN.xml)."""
    import re
    import zipfile

    import openpyxl

    order = openpyxl.load_workbook(path, read_only=True).sheetnames.index(sheet) + 1
    name = f"xl/worksheets/sheet{order}.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {part: archive.read(part) for part in archive.namelist()}
    xml = parts[name].decode("utf-8")
    pattern = rf'(<c r="{cell}"[^>]*?)(?: t="[a-z]+")?([^>]*>)(?:<v>[^<]*</v>|<is>.*?</is>)'
    changed = re.sub(pattern, rf"\1\2<v>{written}</v>", xml, count=1)
    assert changed != xml, f"no cell {cell}"
    parts[name] = changed.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


@pytest.mark.parametrize("written", ["1E999", "-1E999", "NaN", "inf", "1e300", "-1", "2.5", "3"])
def test_a_workbook_item_number_that_is_no_item_is_a_finding(written: str, tmp_path: Path) -> None:
    exported, book = _workbook(tmp_path)
    book["评分"]["D6"] = "97"  # item 2's 完成情况, its 序号 in A6
    book.save(exported)
    _raw_number(exported, "评分", "A6", written)
    code, _, err = _run(WEB_PAGE, str(exported), "-f", "json")
    if written in ("NaN", "inf"):  # no number a spreadsheet program writes: unreadable
        assert code == 2
        assert err == (
            f"targetdoc: error: {exported}:6: not a readable workbook (.xlsx): a cell of "
            "评分 holds no value it can read (ValueError)\n"
        )
        return
    assert code == 1
    shown = {"1E999": "inf", "-1E999": "-inf", "1e300": "1" + "0" * 300}.get(written, written)
    # Item 3 is in 一般目标, not in the 重点目标 the row's 层级 names.
    assert err.splitlines()[0] == (
        f"{exported}:6: TD602 error 市教育局 has no item {shown} in 重点目标"
    )


@pytest.mark.parametrize("item", ["9" * 5000, "0" * 5000 + "2", "²", "١", "-1", "1e3"])
def test_an_item_number_that_names_no_item_is_a_finding(item: str, tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text(f"unit,item,actual\n市教育局,{item},97\n", encoding="utf-8")
    code, _, err = _run(WEB_PAGE, str(actuals), "-f", "json")
    assert code == 1
    if item == "0" * 5000 + "2":  # leading zeros: item 2 as written
        assert "TD602" not in err
    else:
        assert err.splitlines()[0].startswith(f"{actuals}:2: TD602 error 市教育局 has no item ")


# 7. A deduction takes points; it never adds them, and no score passes its maximum.


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (
            "-5000",
            "'-5000' is negative: a deduction is the points taken off, written without a minus",
        ),
        (
            "-0.5",
            "'-0.5' is negative: a deduction is the points taken off, written without a minus",
        ),
        ("NaN", "'NaN' is not a number of points"),
        ("-Infinity", "'-Infinity' is not a number of points"),
        ("inf", "'inf' is not a number of points"),
        ("1E999", "'1E999' is not a number of points"),
        ("sNaN", "'sNaN' is not a number of points"),
        ("五", "'五' is not a number of points"),
    ],
)
def test_a_deduction_that_is_no_points_taken_is_a_finding(
    points: str, message: str, tmp_path: Path
) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text(
        "unit,item,actual\n市教育局,1,10;6\n市教育局,2,97%\n市教育局,3,完成\n", encoding="utf-8"
    )
    events = tmp_path / "d.csv"
    events.write_text(f"unit,event,points\n市教育局,事故,{points}\n", encoding="utf-8")
    code, out, err = _run(WEB_PAGE, str(actuals), "--deductions", str(events), "-f", "json")
    assert code == 1
    assert err.splitlines() == [f"{events}:2: TD603 error {message}"]
    (unit,) = json.loads(out)["units"]
    assert (unit["score"], unit["max"], unit["deductions"]) == (700, 700, [])


@pytest.mark.parametrize(("points", "score"), [("0", 700), ("5", 695), ("700", 0), ("5000", 0)])
def test_a_score_stays_between_nothing_and_its_maximum(
    points: str, score: int, tmp_path: Path
) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text(
        "unit,item,actual\n市教育局,1,10;6\n市教育局,2,97%\n市教育局,3,完成\n", encoding="utf-8"
    )
    events = tmp_path / "d.csv"
    events.write_text(f"unit,event,points\n市教育局,事故,{points}\n", encoding="utf-8")
    code, out, _ = _run(WEB_PAGE, str(actuals), "--deductions", str(events), "-f", "json")
    assert code == 0
    (unit,) = json.loads(out)["units"]
    assert (unit["score"], unit["max"]) == (score, 700)


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_a_benchmark_that_is_no_number_is_refused_at_its_line(value: str, tmp_path: Path) -> None:
    benchmarks = tmp_path / "b.yaml"
    benchmarks.write_text(f"全省平均水平:\n  增速: 6.5\n  产值: {value}\n", encoding="utf-8")
    actuals = tmp_path / "a.csv"
    actuals.write_text("unit,item,actual\n义马市,1,7\n", encoding="utf-8")
    code, _, err = _run(str(SAMPLE), str(actuals), "--benchmarks", str(benchmarks))
    assert code == 2
    shown = str(float(value.lower().replace(".", "", 1)))
    assert err == f"targetdoc: error: {benchmarks}:3: 全省平均水平.产值: a number, not {shown}\n"


# 8. 左右 under 控制在 is a ceiling with a tolerance in the target's own unit.

NOTICE = parse_notice(SAMPLE)
# 市发展改革委 11: …万元生产总值能耗…控制在104%左右 (a rate: percentage points).
ENERGY = next(
    item for unit, _, item in NOTICE.items() if unit.name == "市发展改革委" and item.number == 11
)


@pytest.mark.parametrize(
    ("actual", "judgement"),
    [
        ("80", Judgement("met", "80% ≤ 104%")),
        ("104", Judgement("met", "104% ≤ 104%")),
        ("104.5", Judgement("met", "104.5% ≈ 104%")),
        ("104.51", Judgement("not_met", "104.51% > 104%")),
        ("108.9", Judgement("not_met", "108.9% > 104%")),
        ("109.2", Judgement("not_met", "109.2% > 104%")),
    ],
)
def test_a_ceiling_about_a_rate_is_met_at_most_half_a_point_above(
    actual: str, judgement: Judgement
) -> None:
    assert ENERGY.thresholds[0].text == "控制在104%左右"
    assert judge_item(ENERGY, read_actual(actual)) == judgement


@pytest.mark.parametrize(
    ("text", "actual", "status"),
    [
        ("城镇登记失业率控制在4.5%左右", "4.9", "met"),
        ("城镇登记失业率控制在4.5%左右", "5.1", "not_met"),
        ("城镇登记失业率控制在4.5%左右", "3", "met"),
        ("新增债务控制在20亿元左右", "21", "met"),  # an amount: 5% of it
        ("新增债务控制在20亿元左右", "21.1", "not_met"),
        ("粮食产量约20万吨", "19", "met"),  # not a ceiling: either side
        ("粮食产量约20万吨", "18.9", "not_met"),
        ("地区生产总值增长8%左右", "7.5", "met"),  # a rate: half a point either side
        ("地区生产总值增长8%左右", "7.4", "not_met"),
        ("地区生产总值增长8%左右", "8.6", "not_met"),
    ],
)
def test_about_is_judged_in_the_target_s_own_unit(text: str, actual: str, status: str) -> None:
    from targetdoc.models import Item, Span
    from targetdoc.parse.thresholds import extract

    span = Span(first=1, last=1)
    item = Item(number=1, text=text, points=10, thresholds=extract(text), span=span)
    assert judge_item(item, read_actual(actual)).status == status


def test_a_profile_sets_the_tolerance_of_rates_in_points(tmp_path: Path) -> None:
    from targetdoc.profile import load_profile
    from targetdoc.score.scoring import Scoring

    profile = tmp_path / "strict.yaml"
    profile.write_text(
        "name: strict\nscoring:\n  tolerance_points: 0.2\n  tolerance: 0.01\n", encoding="utf-8"
    )
    scoring = Scoring.of(load_profile(str(profile)).scoring)
    judged = judge_item(ENERGY, read_actual("104.3"), tolerance=scoring.tolerance)
    assert judged == Judgement("not_met", "104.3% > 104%")
    assert scoring.tolerance.share == Decimal("0.01")
