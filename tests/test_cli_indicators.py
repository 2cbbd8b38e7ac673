"""``targetdoc indicators``: the sample's counties beside the city, indicator by indicator."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from targetdoc.cli import cli

from conftest import ROOT, SAMPLE

GOLDEN = str(ROOT / "data" / "yaml" / "sanmenxia-2020.yaml")


def _run(*args: str) -> tuple[int, str, str]:
    # Wide enough for the city and eight counties side by side.
    result = CliRunner(env={"COLUMNS": "240"}).invoke(cli, ["indicators", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_sets_yima_energy_target_beside_the_citys() -> None:
    code, out, _ = _run(GOLDEN, "-f", "json")
    assert code == 0
    (notice,) = json.loads(out)
    assert (notice["doc_number"], notice["year"], notice["city"]) == (
        "三政〔2020〕9号",
        2020,
        "三门峡市",
    )
    energy = next(i for i in notice["indicators"] if i["indicator"] == "energy_intensity_decline")
    assert (energy["citywide"]["target"], energy["citywide"]["value"]) == ("−2.5%", 2.5)
    yima = next(u for u in energy["units"] if u["unit"] == "义马市")
    assert (yima["target"], yima["value"], yima["points"]) == ("−2.8%", 2.8, 40)
    assert (yima["difference"], yima["stricter"]) == (0.3, True)
    assert (energy["lowest"], energy["highest"], energy["spread"], energy["escalated"]) == (
        2.2,
        2.8,
        0.6,
        3,
    )


def test_csv_sums_the_counties_jobs_against_the_citys() -> None:
    code, out, _ = _run(GOLDEN, "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    jobs = [row for row in rows if row["indicator"] == "new_urban_jobs"]
    yima = next(row for row in jobs if row["unit"] == "义马市")
    assert (yima["target"], yima["value"], yima["measure"], yima["points"]) == (
        "2400人",
        "2400",
        "人",
        "20",
    )
    assert (yima["city_target"], yima["city_value"], yima["county_sum"]) == (
        "3.8万人",
        "38000",
        "38000",
    )
    assert yima["sum_over_city"] == "0"
    # 8 counties and 市人力资源社会保障局, which repeats the city's 3.8万人.
    assert len(jobs) == 9


def test_the_table_shows_each_county_beside_the_city() -> None:
    code, out, _ = _run(GOLDEN)
    assert code == 0
    assert "三政〔2020〕9号 2020 三门峡市" in out
    assert "−2.8% ▲ (40)" in out  # 义马市's energy target, stricter than the city's −2.5%


def test_trace_says_why_a_threshold_names_no_indicator() -> None:
    code, _, err = _run(str(SAMPLE), "--trace", "-f", "json")
    assert code == 0
    lines = err.splitlines()
    assert (
        "data/raw/sanmenxia-2020.txt:23  city-wide 3  > 上年同期水平  — no indicator of the "
        "catalog is named in '第三产业增加值增速排名高于上年同期水平' or its clause"
    ) in [line.replace(str(ROOT) + "/", "") for line in lines]
    assert any(
        line.endswith(
            "→ rural_waste_treatment (from its clause)  "
            "[农村生活垃圾村庄有效治理率行政村达到100%、自然村达到90%]"
        )
        for line in lines
    )


def test_a_missing_notice_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "none.txt"))
    assert code == 2
    assert "none.txt" in err
    assert "Traceback" not in err


def test_two_indicators_at_one_place_are_td701_not_a_guess(tmp_path: Path) -> None:
    profile = tmp_path / "city.yaml"
    profile.write_text(
        "name: city\n"
        "indicators:\n"
        "  jobs_again:\n"
        "    name: 新增就业\n"
        "    kind: count\n"
        "    measure: 人\n"
        "    group: livelihood\n"
        "    doc: The same words as new_urban_jobs.\n"
        "    regex: '{{start}}城镇新增就业'\n"
        "    examples: [城镇新增就业2400人]\n"
        "    counterexamples: [农村劳动力转移就业1.2万人]\n",
        encoding="utf-8",
    )
    code, out, err = _run(GOLDEN, "--profile", str(profile), "-f", "json")
    assert code == 0  # a warning
    td701 = [line for line in err.splitlines() if " TD701 " in line]
    assert len(td701) == 10  # the city's, 8 counties', 市人力资源社会保障局's
    # 义马市's item 22, line 119 of the notice.
    assert (
        f"{GOLDEN}:119: TD701 warning 城镇新增就业2400人 fits two indicators at one place "
        "(new_urban_jobs / jobs_again): neither is taken"
    ) in td701
    codes = {i["indicator"] for n in json.loads(out) for i in n["indicators"]}
    assert "new_urban_jobs" not in codes


def test_weights_give_each_unit_and_category_points_by_group() -> None:
    code, out, _ = _run(GOLDEN, "--weights", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(rows) == 72 + 5  # every unit, then the five categories
    yima = next(row for row in rows if row["unit"] == "义马市")
    assert [yima[g] for g in ("economy", "innovation", "environment", "livelihood")] == [
        "370",
        "100",
        "60",
        "60",
    ]
    assert (yima["unclassified"], yima["total"]) == ("110", "700")
    counties = next(row for row in rows if row["unit_kind"] == "category")
    assert (counties["category"], counties["economy"], counties["total"]) == (
        "各县（市、区）责任目标",
        "3010",
        "5600",
    )


def test_two_years_side_by_side() -> None:
    following = str(ROOT / "examples" / "sanmenxia-2021.txt")
    code, out, _ = _run(GOLDEN, following)
    assert code == 0
    across = out[out.index("Indicators across notices") :]
    assert "三政〔2020〕9号" in across
    assert "三政〔2021〕5号" in across
    jobs = next(line for line in across.splitlines() if "城镇新增就业人数" in line)
    # 2021's counties share out 35600 of the city's 3.8万人: 义马市's 2400人 item is gone.
    assert [cell.strip() for cell in jobs.split("│")[2:4]] == ["3.8万人 Σ38000", "3.8万人 Σ35600"]
    energy = next(line for line in across.splitlines() if "万元生产总值能耗下降率" in line)
    assert [cell.strip() for cell in energy.split("│")[2:4]] == ["−2.5% ▲3/9", "−2.5% ▲3/9"]


def test_a_profile_indicator_that_misses_its_example_names_the_file(tmp_path: Path) -> None:
    profile = tmp_path / "city.yaml"
    profile.write_text(
        "name: city\n"
        "indicators:\n"
        "  meat_output:\n"
        "    name: 肉类总产量\n"
        "    kind: amount\n"
        "    measure: 万吨\n"
        "    group: economy\n"
        "    doc: Meat output.\n"
        "    regex: '{{start}}肉类总产量'\n"
        "    examples: [肉类产量8万吨]\n"
        "    counterexamples: [禽蛋产量5万吨]\n",
        encoding="utf-8",
    )
    code, out, err = _run(GOLDEN, "--profile", str(profile))
    assert code == 2
    assert out == ""
    assert err == (
        f"targetdoc: error: {profile}: indicator meat_output does not match its example "
        "'肉类产量8万吨'\n"
    )


def test_a_line_no_rule_placed_exits_1_after_the_output(tmp_path: Path) -> None:
    notice = tmp_path / "odd.txt"
    notice.write_text(
        "### 义马市\n\n1. 城镇新增就业2400人（20分）；\n\n这是一行无法放置的文字\n",
        encoding="utf-8",
    )
    code, out, err = _run(str(notice), "-f", "csv")
    assert code == 1
    assert ",new_urban_jobs,城镇新增就业人数,livelihood,count,义马市,county,1,2400人,2400," in out
    assert f"{notice}:5:1: TD101 error" in err
