"""Indicators: the catalog, what each threshold of the sample measures, and each
county's target beside the city's (values read off data/raw/sanmenxia-2020.txt)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from targetdoc.errors import DataFileError
from targetdoc.indicators.catalog import catalog_for, shipped_catalog
from targetdoc.indicators.compare import Comparison, compare
from targetdoc.indicators.reading import read_indicators
from targetdoc.indicators.targets import IndicatorTarget, indicator_targets
from targetdoc.models import Notice
from targetdoc.parse.thresholds import extract
from targetdoc.profile import load_profile


def _codes(text: str) -> list[list[str]]:
    """The indicators of each threshold of one sentence."""
    return [
        [indicator.code for indicator in read_indicators(text, found, shipped_catalog()).indicators]
        for found in extract(text)
    ]


def test_catalog_holds_at_least_forty_indicators_in_every_group() -> None:
    catalog = shipped_catalog()
    assert len(catalog.indicators) >= 40
    assert {indicator.group for indicator in catalog} == {
        "economy", "innovation", "environment", "livelihood", "safety", "governance",
        "party_building",
    }  # fmt: skip
    assert catalog["energy_intensity_decline"].name == "万元生产总值能耗下降率"
    assert catalog["new_urban_jobs"].measure == "人"


def test_a_list_of_subjects_names_each_indicator() -> None:
    assert _codes("生产总值、人均地区生产总值、全员劳动生产率增速高于全省平均水平") == [
        ["gdp_growth", "gdp_per_capita_growth", "labour_productivity_growth"]
    ]


def test_growth_share_and_amount_of_one_quantity_are_different_indicators() -> None:
    assert _codes(
        "一般公共预算收入增速高于全省平均水平，税收收入占一般公共预算收入的比重达到70%"
    ) == [
        ["budget_revenue_growth"],
        ["tax_share"],
    ]
    assert _codes("一般公共预算收入完成9.6亿元") == [["budget_revenue"]]


def test_a_growth_rank_is_no_growth_rate() -> None:
    reading = read_indicators(
        "第三产业增加值增速排名高于上年同期水平",
        extract("第三产业增加值增速排名高于上年同期水平")[0],
        shipped_catalog(),
    )
    assert reading.indicators == ()
    assert reading.why_none is not None
    phrase = "'第三产业增加值增速排名高于上年同期水平'"
    assert reading.why_none.english() == (
        f"no indicator of the catalog is named in {phrase} or its clause"
    )


def test_a_qualifier_continues_the_indicator_of_its_clause() -> None:
    text = "农村生活垃圾村庄有效治理率行政村达到100%、自然村达到90%"
    second = extract(text)[1]
    reading = read_indicators(text, second, shipped_catalog())
    assert second.subject == "自然村"
    assert [i.code for i in reading.indicators] == ["rural_waste_treatment"]
    assert reading.via == "clause"


def _targets(notice: Notice) -> list[IndicatorTarget]:
    return list(indicator_targets(notice, shipped_catalog()))


def test_every_threshold_of_the_counties_first_22_items_has_its_indicator(notice: Notice) -> None:
    county = [t for t in _targets(notice) if t.holder == "county" and t.item_number <= 22]
    # 8 counties; a list of subjects gives one target per indicator (义马市: 29 thresholds)
    assert len(county) == 256
    assert len([t for t in county if t.unit == "义马市"]) == 33
    assert [t for t in county if t.indicator is None] == []


def test_values_are_normalised_to_the_indicators_measure(notice: Notice) -> None:
    city = {
        t.indicator.code: (t.value.value, t.value.measure)
        for t in _targets(notice)
        if t.holder == "citywide" and t.indicator is not None
    }
    assert city["new_urban_jobs"] == (Decimal(38000), "人")  # 3.8万人
    assert city["foreign_funds"] == (Decimal("11.94"), "亿美元")
    assert city["manufacturing_share"] == (Decimal("0.5"), "个百分点")  # a change of a share
    assert city["energy_intensity_decline"] == (Decimal("2.5"), "%")


def _comparison(notice: Notice, code: str) -> Comparison:
    return next(c for c in compare(_targets(notice)) if c.indicator.code == code)


def test_yima_energy_target_stands_above_the_citys(notice: Notice) -> None:
    energy = _comparison(notice, "energy_intensity_decline")
    assert energy.citywide is not None
    assert str(energy.citywide.threshold) == "−2.5%"
    yima = next(s for s in energy.units if s.target.unit == "义马市")
    assert str(yima.target.threshold) == "−2.8%"
    assert (yima.difference, yima.stricter) == (Decimal("0.3"), True)
    assert (energy.lowest, energy.highest, energy.spread) == (
        Decimal("2.2"),
        Decimal("2.8"),
        Decimal("0.6"),
    )
    assert energy.escalated == 3  # 义马市, 渑池县, 陕州区


def test_yima_jobs_are_a_share_of_the_citys(notice: Notice) -> None:
    jobs = _comparison(notice, "new_urban_jobs")
    yima = next(s for s in jobs.units if s.target.unit == "义马市")
    assert yima.target.value.value == Decimal(2400)
    assert (yima.difference, yima.stricter) == (Decimal(-35600), None)
    # 2400 + 6000 + 5100 + 5800 + 10500 + 6100 + 1600 + 500: the counties share 3.8万 out.
    assert (jobs.county_sum, jobs.sum_over_city) == (Decimal(38000), Decimal(0))


def test_a_profile_adds_its_own_indicator(tmp_path: Path) -> None:
    path = tmp_path / "city.yaml"
    path.write_text(
        "name: city\n"
        "indicators:\n"
        "  meat_output:\n"
        "    name: 肉类总产量\n"
        "    kind: amount\n"
        "    measure: 万吨\n"
        "    group: economy\n"
        "    doc: Meat output.\n"
        "    regex: '{{start}}肉类(?:总)?产量'\n"
        "    examples: [肉类产量8万吨]\n"
        "    counterexamples: [禽蛋产量5万吨]\n",
        encoding="utf-8",
    )
    catalog = catalog_for(load_profile(str(path)))
    found = extract("肉类产量8万吨")[0]
    assert [i.code for i in read_indicators("肉类产量8万吨", found, catalog).indicators] == [
        "meat_output"
    ]


def test_a_profile_indicator_must_match_its_examples(tmp_path: Path) -> None:
    path = tmp_path / "city.yaml"
    path.write_text(
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
    with pytest.raises(DataFileError, match="does not match its example '肉类产量8万吨'"):
        catalog_for(load_profile(str(path)))


def test_two_indicators_at_one_place_are_a_finding_not_a_guess(tmp_path: Path) -> None:
    path = tmp_path / "city.yaml"
    path.write_text(
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
    found = extract("城镇新增就业2400人")[0]
    reading = read_indicators("城镇新增就业2400人", found, catalog_for(load_profile(str(path))))
    assert reading.indicators == ()
    assert reading.ambiguous == (("new_urban_jobs", "jobs_again"),)
    assert reading.why_none is not None
    assert reading.why_none.english() == (
        "fits two indicators at one place: new_urban_jobs / jobs_again"
    )


def test_leading_characters_are_read_from_the_regex_optional_parts_included() -> None:
    import re

    from targetdoc.grammar import leading_chars

    assert leading_chars(re.compile("^(?:地区)?生产总值")) == frozenset("地生")
    assert leading_chars(re.compile("^(?:新建|建成)?高标准农田")) == frozenset("新建高")
    assert leading_chars(re.compile("^(?:地区)?")) is None  # may match nothing
    assert leading_chars(re.compile("生产总值")) is None  # unanchored


def test_the_first_character_test_never_hides_an_example() -> None:
    from targetdoc.read.normalize import clean, fold

    catalog = shipped_catalog()
    for indicator in catalog:
        assert indicator.first, indicator.code
        for example in indicator.pattern.examples:
            folded = fold(clean(example))
            # The name starts the example, after {{start}}'s optional leading words.
            assert indicator in catalog.candidates(folded), (indicator.code, example)


def test_yima_points_by_indicator_group(notice: Notice) -> None:
    from targetdoc.indicators.weights import unit_weights

    yima = next(unit for unit in notice.units if unit.name == "义马市")
    weights = unit_weights(yima, shipped_catalog())
    # economy: items 1-7 (60+60+30+40+60+20+60), 19 and 20 (20 each); innovation: 10-12
    # (40+40+20); environment: 15, 16, 18 (10+40+10); livelihood: 14, 21, 22 (20 each);
    # unclassified: 8, 9, 13, 17 (15+25+30+40: 债务, 营商环境, 产业集聚区, 地表水 and air).
    assert {group: points for group, points in weights.points.items() if points} == {
        "economy": 370,
        "innovation": 100,
        "environment": 60,
        "livelihood": 60,
        "unclassified": 110,
    }
    assert weights.total == 700


def test_an_items_points_are_shared_among_its_indicators_to_the_cent() -> None:
    from targetdoc.api import parse_text
    from targetdoc.indicators.weights import unit_weights

    notice = parse_text(
        "### 义马市\n\n"
        "1. 研究与试验发展（R&D）经费投入占生产总值的比重达到1.5%，城镇新增就业2400人，"
        "社会消费品零售总额增速高于全省平均水平（10分）；\n"
    )
    (unit,) = notice.units
    weights = unit_weights(unit, shipped_catalog())
    # 10 / 3 each: 3.33, and the cent left over to the first of the largest (economy).
    assert {g: str(p) for g, p in weights.points.items() if p} == {
        "economy": "3.34",
        "innovation": "3.33",
        "livelihood": "3.33",
    }
    assert weights.total == 10
