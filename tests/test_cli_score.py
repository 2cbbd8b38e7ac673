"""targetdoc score on the command line: formats, benchmarks, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scoresheet import unit_rows
from targetdoc.cli import cli

from conftest import NOTICES, SAMPLE

# Every item of the web-page notice's 市教育局 met: 10所 and 6所, 97%, 完成.
ALL_MET = "unit,item,actual\n市教育局,1,10;6\n市教育局,2,97%\n市教育局,3,完成\n"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["score", *args])
    return result.exit_code, result.stdout, result.stderr


def _file(folder: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_every_item_judged_exits_0(tmp_path: Path) -> None:
    # 市教育局 of the web-page notice: 10所 and 6所 (300分), 达到96% (200分), 5000人次 (200分).
    actuals = _file(
        tmp_path, "a.csv", "unit,item,actual\n市教育局,1,10;6\n市教育局,2,97%\n市教育局,3,完成\n"
    )
    code, out, err = _run(str(NOTICES / "web-page.txt"), actuals, "--format", "json")
    assert (code, err) == (0, "")
    (unit,) = json.loads(out)["units"]
    assert (unit["unit"], unit["score"], unit["max"], unit["rank"]) == ("市教育局", 700, 700, 1)
    assert [(i["item"], i["status"], i["reason"]) for i in unit["items"]] == [
        (1, "met", "10所 ≥ 10所; 6所 ≥ 6所"),
        (2, "met", "97% ≥ 96%"),
        (3, "met", "完成"),
    ]


def test_items_for_review_and_bad_rows_exit_1(tmp_path: Path) -> None:
    actuals = _file(tmp_path, "a.csv", "unit,item,actual\n市教育局,1,10;6\n某局,1,3\n", "gb18030")
    code, out, err = _run(str(NOTICES / "web-page.txt"), actuals, "-f", "csv")
    assert code == 1
    assert out.splitlines() == [
        "unit,category,rank,item,points,score,status,reason",
        "市教育局,,1,1,300,300,met,10所 ≥ 10所; 6所 ≥ 6所",
        "市教育局,,1,2,200,0,review,not reported",
        "市教育局,,1,3,200,0,review,not reported",
    ]
    assert err.splitlines() == [
        f"{actuals}:3: TD601 error no unit 某局 in the notice",
        "2 items for review (listed with status review)",
    ]


def test_a_relative_target_is_judged_against_the_benchmarks_file(tmp_path: Path) -> None:
    subject = "生产总值、人均地区生产总值、全员劳动生产率增速"
    actuals = _file(tmp_path, "a.csv", "unit,item,actual\n义马市,1,7.8\n")
    benchmarks = _file(tmp_path, "b.yaml", f"全省平均水平:\n  {subject}: 6.5\n")
    out_path = tmp_path / "scores.json"
    code, _, _ = _run(str(SAMPLE), actuals, "--benchmarks", benchmarks, "-o", str(out_path))
    assert code == 1  # the other 21 items of 义马市, and every other unit, are unreported
    data = json.loads(out_path.read_text(encoding="utf-8"))
    yima = next(unit for unit in data["units"] if unit["unit"] == "义马市")
    assert yima["items"][0] == {
        "item": 1,
        "points": 60,
        "score": 60,
        "status": "met",
        "reason": "7.8 > 全省平均水平 6.5",
    }
    assert (yima["score"], yima["rank"]) == (60, 1)
    code, out, _ = _run(str(SAMPLE), actuals, "-f", "json")
    first = json.loads(out)["units"][0]["items"][0]
    assert (first["status"], first["reason"]) == (
        "review",
        f"高于全省平均水平: no value of 全省平均水平 for {subject}",
    )


def test_bad_input_exits_2_with_one_message(tmp_path: Path) -> None:
    notice = str(NOTICES / "web-page.txt")
    code, _, err = _run(notice, str(tmp_path / "missing.csv"))
    assert code == 2
    assert err == f"targetdoc: error: {tmp_path / 'missing.csv'}: no such file\n"
    columns = _file(tmp_path, "c.csv", "单位,序号\n市教育局,1\n")
    code, _, err = _run(notice, columns)
    assert code == 2
    assert f"{columns}:1: the actuals need the columns unit, item, actual" in err
    actuals = _file(tmp_path, "a.csv", "unit,item,actual\n")
    code, _, err = _run(notice, actuals, "-o", str(tmp_path / "scores.ods"))
    assert code == 2
    assert "write the scores to a .json, .csv or .xlsx file" in err
    bad = _file(tmp_path, "b.yaml", "全省平均水平: [6.5]\n")
    code, _, err = _run(notice, actuals, "--benchmarks", bad)
    assert code == 2
    assert err.splitlines()[-1] == (
        f"targetdoc: error: {bad}:1: 全省平均水平: Input should be a valid dictionary"
    )


def test_the_workbook_comes_back_with_completion_and_score_filled_in(tmp_path: Path) -> None:
    import openpyxl

    actuals = _file(
        tmp_path, "a.csv", "unit,item,actual\n市教育局,1,10;5\n市教育局,2,97%\n市教育局,3,很多\n"
    )
    out = tmp_path / "scores.xlsx"
    # The office's workbook, in Chinese.
    result = CliRunner().invoke(
        cli, ["--lang", "zh", "score", str(NOTICES / "web-page.txt"), actuals, "-o", str(out)]
    )
    code = result.exit_code
    assert code == 1  # item 3 for review
    sheet = openpyxl.load_workbook(out)["评分"]
    # 完成情况 as the unit reported it, 得分 where judged, the judgement in 评分依据,
    # in Chinese; an item for review keeps its 得分 empty for people.
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    assert rows[2:13] == [
        ("序号", "目标任务", "标准分值", "完成情况", "得分", "扣分", "评分依据"),
        ("（一）重点目标（500分）", None, None, None, None, None, None),
        (1, "新建幼儿园10所 ⑴ 其中公办幼儿园6所", 300, "10;5", 0, None, "10所 ≥ 10所; 5所 < 6所"),
        (2, "义务教育巩固率达到96%", 200, "97%", 200, None, "97% ≥ 96%"),
        (None, "重点目标 小计", "=SUM(C5:C6)", None, "=SUM(E5:E6)", None, None),
        ("（二）一般目标（200分）", None, None, None, None, None, None),
        (3, "完成教师培训5000人次", 200, "很多", None, None, "无法读取：'很多' 不是数字"),
        (None, "一般目标 小计", "=SUM(C9)", None, "=SUM(E9)", None, None),
        ("目标考核减分因素", None, None, None, None, None, None),
        # No deductions reported: the 扣分 cell is left to fill in.
        (None, "扣分", None, None, None, None, None),
        (None, "合计", "=SUM(C7,C10)", None, "=SUM(E7,E10)-F12", "=F12", None),
    ]


def test_the_workbook_needs_a_file(tmp_path: Path) -> None:
    actuals = _file(tmp_path, "a.csv", "unit,item,actual\n")
    code, _, err = _run(str(NOTICES / "web-page.txt"), actuals, "-f", "xlsx")
    assert code == 2
    assert "name it with -o FILE.xlsx" in err


def test_the_workbook_filled_in_by_the_office_is_read_back_as_actuals(tmp_path: Path) -> None:
    import openpyxl

    notice = str(NOTICES / "web-page.txt")
    exported = tmp_path / "评分表.xlsx"
    result = CliRunner().invoke(cli, ["export", notice, "-o", str(exported)])
    # Written; exit 0 as parse's: the web page's own lines are TD109, information.
    assert result.exit_code == 0, result.output
    assert exported.is_file()
    book = openpyxl.load_workbook(exported)
    sheet = book["评分"]
    rows = unit_rows(sheet, "市教育局")
    # The office types into 完成情况 (column D): text, a number, a judgement.
    sheet[f"D{rows[1]}"], sheet[f"D{rows[2]}"], sheet[f"D{rows[3]}"] = "10;6", 97, "完成"
    book.save(exported)
    code, out, err = _run(notice, str(exported), "-f", "json")
    assert (code, err) == (0, "")
    (unit,) = json.loads(out)["units"]
    assert [(i["item"], i["score"], i["reason"]) for i in unit["items"]] == [
        (1, 300, "10所 ≥ 10所; 6所 ≥ 6所"),
        (2, 200, "97% ≥ 96%"),
        (3, 200, "完成"),
    ]
    sheet[f"D{rows[2]}"] = "很多"
    book.save(exported)
    code, _, err = _run(notice, str(exported), "-f", "json")
    assert code == 1
    assert err.splitlines()[0] == f"{exported}:{rows[2]}: TD603 error '很多' is not a number"


def test_a_workbook_that_is_not_one_exits_2(tmp_path: Path) -> None:
    notice = str(NOTICES / "web-page.txt")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    code, _, err = _run(notice, str(broken))
    assert code == 2
    assert "not a readable workbook (a broken zip archive)" in err
    import openpyxl

    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    code, _, err = _run(notice, str(other))
    assert code == 2
    assert "a workbook without its 评分 sheet" in err


def test_items_of_sections_that_restart_their_numbers_are_named_by_tier(tmp_path: Path) -> None:
    # 东山县政府 numbers the items of 重点工作, 一般工作 and 就业创业 each from 1.
    notice = str(NOTICES / "nested-county.txt")
    actuals = _file(
        tmp_path,
        "a.csv",
        "unit,item,actual,tier\n东山县政府,1,25万吨\n东山县政府,1,25万吨,重点工作\n"
        "东山县政府,1,9%,一般工作\n",
    )
    code, out, err = _run(notice, actuals, "-f", "json")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{actuals}:2: TD605 error 东山县政府 has an item 1 in 重点工作, 一般工作, 就业创业: "
        "say which in a tier column"
    )
    county = json.loads(out)["units"][0]
    judged = [
        (i["item"], i["status"], i["reason"]) for i in county["items"] if i["status"] != "review"
    ]
    assert judged == [(1, "met", "25万吨 ≥ 20万吨"), (1, "met", "增长9% ≥ 8%")]


def test_a_nested_unit_s_workbook_round_trip_names_items_by_their_section(tmp_path: Path) -> None:
    import openpyxl

    notice = str(NOTICES / "nested-county.txt")
    exported = tmp_path / "w.xlsx"
    assert CliRunner().invoke(cli, ["export", notice, "-o", str(exported)]).exit_code == 0
    book = openpyxl.load_workbook(exported)
    sheet = book["评分"]
    rows = unit_rows(sheet, "东山县政府")
    # 一般工作's item 1 (规模以上工业增加值增长8%): the section row above names its tier.
    row = rows[("（二）一般工作（100分）", 1)]
    assert sheet[f"B{row}"].value == "规模以上工业增加值增长8%"
    sheet[f"D{row}"] = 7.5
    book.save(exported)
    code, out, _ = _run(notice, str(exported), "-f", "json")
    county = json.loads(out)["units"][0]
    judged = [
        (i["item"], i["status"], i["reason"]) for i in county["items"] if i["status"] != "review"
    ]
    assert (code, judged) == (1, [(1, "not_met", "增长7.5% < 8%")])


def test_deductions_for_events_of_the_deduction_clause(tmp_path: Path) -> None:
    notice = str(NOTICES / "web-page.txt")
    actuals = _file(
        tmp_path, "a.csv", "unit,item,actual\n市教育局,1,10;6\n市教育局,2,97%\n市教育局,3,完成\n"
    )
    events = _file(
        tmp_path,
        "d.csv",
        "unit,event,points\n市教育局,发生较大安全生产事故,50\n某局,发生重大群体性事件,30\n"
        "市教育局,政务公开不到位,很多\n市教育局,政务公开不到位,2.5\n",
    )
    code, out, err = _run(notice, actuals, "--deductions", events, "-f", "json")
    assert code == 1
    assert err.splitlines() == [
        f"{events}:3: TD601 error no unit 某局 in the notice",
        f"{events}:4: TD603 error '很多' is not a number of points",
    ]
    (unit,) = json.loads(out)["units"]
    assert unit["deductions"] == [
        {"event": "发生较大安全生产事故", "points": 50},
        {"event": "政务公开不到位", "points": 2.5},
    ]
    assert (unit["score"], unit["max"]) == (647.5, 700)
    code, out, _ = _run(notice, actuals, "--deductions", events)
    assert "deducted" in out
    assert "52.5" in out


def test_the_table_names_the_rule(tmp_path: Path) -> None:
    actuals = _file(tmp_path, "a.csv", ALL_MET)
    code, out, _ = _run(str(NOTICES / "web-page.txt"), actuals)
    assert code == 0
    assert out.rstrip().splitlines()[-1] == (
        "rule: met: the item's points; not met, or for review: 0"
    )


def test_every_cell_the_office_fills_counts_and_none_is_overwritten(tmp_path: Path) -> None:
    import openpyxl

    exported = tmp_path / "评分表.xlsx"
    # The office's workbook, in Chinese.
    exporting = ["--lang", "zh", "export", str(SAMPLE), "-o", str(exported)]
    assert CliRunner().invoke(cli, exporting).exit_code == 0
    book = openpyxl.load_workbook(exported)
    sheet = book["评分"]
    rows = unit_rows(sheet, "义马市")
    # 共同性目标 scored by hand, item 1 as reported, item 2 scored by hand, and an event
    # of the deduction clause with its points.
    sheet[f"E{rows['共同性目标']}"] = 280
    sheet[f"D{rows[1]}"] = 6.8
    sheet[f"D{rows[2]}"], sheet[f"E{rows[2]}"] = "基本完成", 50
    sheet[f"D{rows['扣分']}"] = "发生较大安全生产事故"
    sheet[f"F{rows['扣分']}"] = 10
    book.save(exported)
    subject = "生产总值、人均地区生产总值、全员劳动生产率增速"
    benchmarks = _file(tmp_path, "b.yaml", f"全省平均水平:\n  {subject}: 6.5\n")
    code, out, _ = _run(str(SAMPLE), str(exported), "--benchmarks", benchmarks, "-f", "json")
    assert code == 1  # the other items are for review
    yima = next(unit for unit in json.loads(out)["units"] if unit["unit"] == "义马市")
    assert (yima["score"], yima["max"], yima["rank"]) == (380, 1000, 1)  # 280 + 60 + 50 − 10
    assert yima["shared"] == {
        "item": 0,
        "points": 300,
        "score": 280,
        "status": "not_met",
        "reason": "score given by the office: 280",
    }
    assert yima["deductions"] == [{"event": "发生较大安全生产事故", "points": 10}]
    assert [(i["item"], i["score"], i["reason"]) for i in yima["items"][:2]] == [
        (1, 60, "6.8 > 全省平均水平 6.5"),
        (2, 50, "score given by the office: 50"),
    ]
    # Units that reported nothing have no score and no rank.
    others = [unit for unit in json.loads(out)["units"] if unit["unit"] != "义马市"]
    assert {(unit["score"], unit["rank"]) for unit in others} == {(None, None)}
    # Written back: the office's cells as they were, the judgement beside them.
    scored = tmp_path / "scores.xlsx"
    scoring = ["score", str(SAMPLE), str(exported), "--benchmarks", benchmarks, "-o", str(scored)]
    result = CliRunner().invoke(cli, ["--lang", "zh", *scoring])
    assert result.exit_code == 1
    sheet = openpyxl.load_workbook(scored)["评分"]
    cells = [
        tuple(sheet[f"{col}{rows[key]}"].value for col in "DEFG")
        for key in ("共同性目标", 1, 2, "扣分")
    ]
    assert cells == [
        (None, 280, None, "人工评定得分：280"),
        (6.8, 60, None, "6.8 > 全省平均水平 6.5"),
        ("基本完成", 50, None, "人工评定得分：50"),
        ("发生较大安全生产事故", None, 10, None),
    ]


def test_reasons_and_the_table_in_chinese(tmp_path: Path) -> None:
    actuals = _file(tmp_path, "a.csv", "unit,item,actual\n义马市,1,5\n义马市,2,很多\n")
    benchmarks = _file(
        tmp_path, "b.yaml", "全省平均水平:\n  生产总值、人均地区生产总值、全员劳动生产率增速: 5\n"
    )
    result = CliRunner().invoke(
        cli, ["--lang", "zh", "score", str(SAMPLE), actuals, "--benchmarks", benchmarks]
    )
    assert result.exit_code == 1
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in result.stdout.splitlines()
        if line.startswith("│")
    ]
    assert rows[0] == ["义马市", "各县（市、区）责任目标", "0", "1000", "1", "0", "1", "22", "0"]
    # A unit that reported nothing: no score, no rank.
    assert rows[1][:5] == ["澠池县", "各县（市、区）责任目标", "—", "1000", "—"]
    detail = [row for row in rows if len(row) == 5]
    assert detail[:3] == [
        ["共同性目标", "300", "0", "待审核", "未报送"],
        ["1", "60", "0", "未完成", "5 不满足 > 全省平均水平 5"],
        ["2", "60", "0", "待审核", "无法读取：'很多' 不是数字"],
    ]
    assert "序号" in result.stdout
    assert "unreadable" not in result.stdout


def test_the_template_writes_the_files_to_fill_with_their_exact_keys(tmp_path: Path) -> None:
    forms = tmp_path / "forms" / "2020"
    result = CliRunner().invoke(cli, ["score", str(SAMPLE), "--template", str(forms)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in forms.iterdir()) == [
        "actuals.csv",
        "benchmarks.yaml",
        "deductions.csv",
    ]
    actuals = (forms / "actuals.csv").read_text("utf-8-sig").splitlines()
    assert actuals[:3] == [
        "unit,tier,item,points,target,actual,score",
        "义马市,,共同性目标,300,以三门峡市党政系统目标管理领导小组制定的全市2020年度共同责任目标为准。,,",
        "义马市,经济、社会发展和本职工作责任目标,1,60,"
        "生产总值、人均地区生产总值、全员劳动生产率增速高于全省平均水平,,",
    ]
    benchmarks = (forms / "benchmarks.yaml").read_text("utf-8")
    assert '"全省平均水平":\n  "生产总值、人均地区生产总值、全员劳动生产率增速":\n' in benchmarks
    assert (forms / "deductions.csv").read_text("utf-8-sig") == "unit,event,points\n"
    # Filled in, the files are read as they are: every key is one the assessment knows.
    filled = [actuals[0], actuals[1][: -len(",,")] + ",完成,", actuals[2][:-2] + ",7,"]
    (forms / "actuals.csv").write_text("\n".join(filled) + "\n", "utf-8")
    (forms / "benchmarks.yaml").write_text(
        benchmarks.replace('劳动生产率增速":\n', '劳动生产率增速": 6.5\n', 1), "utf-8"
    )
    code, out, err = _run(
        str(SAMPLE),
        str(forms / "actuals.csv"),
        "--benchmarks",
        str(forms / "benchmarks.yaml"),
        "--deductions",
        str(forms / "deductions.csv"),
        "-f",
        "json",
    )
    assert code == 1
    assert "TD60" not in err  # only items for review: no row refused
    yima = json.loads(out)["units"][0]
    assert (yima["score"], yima["shared"]["status"], yima["items"][0]["reason"]) == (
        360,
        "met",
        "7 > 全省平均水平 6.5",
    )
    # Never over files the office may have filled in.
    again = CliRunner().invoke(cli, ["score", str(SAMPLE), "--template", str(forms)])
    assert again.exit_code == 2
    assert "refusing to write over a file the office fills in" in again.stderr
