"""Records that were silently wrong: now a finding says why, at the line where it is."""

from __future__ import annotations

from pathlib import Path

from targetdoc.canonical import dump_yaml
from targetdoc.check.validate import validate
from targetdoc.parse import parse_source
from targetdoc.profile import load_profile
from targetdoc.read.source import Source

from conftest import SAMPLE

LINES = SAMPLE.read_text(encoding="utf-8").split("\n")
FORESTRY = LINES[800:821]  # ## 市林业局 … 13. 完成行政服务工作目标 (10分) 。


def _root(tmp_path: Path, lines: list[str], waivers: str | None = None) -> Path:
    (tmp_path / "raw").mkdir(parents=True)
    (tmp_path / "yaml").mkdir()
    raw = tmp_path / "raw" / "mini.txt"
    raw.write_text("\n".join(lines) + "\n", encoding="utf-8")
    notice = parse_source(Source.from_path(raw)).notice
    (tmp_path / "yaml" / "mini.yaml").write_text(dump_yaml(notice), encoding="utf-8")
    if waivers is not None:
        (tmp_path / "waivers.yaml").write_text(waivers, encoding="utf-8")
    return tmp_path


def _found(root: Path) -> list[tuple[str, int | None, bool, str]]:
    report = validate([root], load_profile())
    return [(f.code, f.line, f.waived, f.message) for f in report.findings if f.code != "TD102"]


def _replaced(lines: list[str], old: str, new: str) -> list[str]:
    assert sum(old in line for line in lines) == 1
    return [line.replace(old, new) for line in lines]


def test_a_waiver_stops_waiving_when_the_numbers_of_its_finding_change(tmp_path: Path) -> None:
    waiver = (
        "waivers:\n"
        "  - code: TD201\n"
        "    unit: 市林业局\n"
        "    tier: 重点目标\n"
        "    message: 市林业局 重点目标 declares 500 points but its 2 items sum to 450\n"
        "    reason: as published\n"
    )
    waived = _root(tmp_path / "a", _replaced(FORESTRY, "(300分)", "(250分)"), waiver)
    assert ("TD201", 3, True) in [(code, line, w) for code, line, w, _ in _found(waived)]
    # The same tier, other numbers: the waiver no longer covers it, and says why.
    changed = _root(tmp_path / "b", _replaced(FORESTRY, "(300分)", "(200分)"), waiver)
    found = _found(changed)
    assert (
        "TD201",
        3,
        False,
        "市林业局 重点目标 declares 500 points but its 2 items sum to 400",
    ) in found
    assert (
        "TD501",
        2,
        False,
        "waiver for TD201 unit 市林业局 tier 重点目标 acknowledged "
        "«市林业局 重点目标 declares 500 points but its 2 items sum to 450», but the finding "
        "now reads «市林业局 重点目标 declares 500 points but its 2 items sum to 400»",
    ) in found


def test_declared_tiers_must_add_up_to_the_units_standard(tmp_path: Path) -> None:
    lines = _replaced(FORESTRY, "(二) 一般目标 (200分)", "(二) 一般目标 (100分)")
    found = [(code, line, message) for code, line, _, message in _found(_root(tmp_path, lines))]
    assert (
        "TD211",
        1,
        "市林业局's tiers declare 500 + 100 = 600 points; the profile's total is 700",
    ) in found


def test_a_unit_without_a_tier_its_profile_requires_is_reported(tmp_path: Path) -> None:
    general = FORESTRY.index(next(line for line in FORESTRY if "一般目标" in line))
    lines = FORESTRY[:general]
    found = [(code, line, message) for code, line, _, message in _found(_root(tmp_path, lines))]
    assert (
        "TD212",
        1,
        "市林业局 (department) has no 一般目标, which profile default requires",
    ) in found


def test_a_tier_heading_without_points_is_a_tier_not_a_unit(tmp_path: Path) -> None:
    lines = _replaced(FORESTRY, "### (一) 重点目标 (500分)", "### (一) 重点目标")
    notice = parse_source(Source.from_text("\n".join(lines))).notice
    assert [unit.name for unit in notice.units] == ["市林业局"]
    assert [(tier.name, tier.declared_points) for tier in notice.units[0].tiers] == [
        ("重点目标", None),
        ("一般目标", 200),
    ]
    found = [(code, line, message) for code, line, _, message in _found(_root(tmp_path, lines))]
    assert ("TD214", 3, "市林业局 重点目标: the tier heading declares no points") in found


def _sample_without(*numbers: int) -> Source:
    """The sample without the lines of these 1-based numbers (a heading lost in the PDF)."""
    kept = [line for n, line in enumerate(LINES, start=1) if n not in numbers]
    return Source.from_text("\n".join(kept), name="lost.txt")


def _kind_findings(source: Source) -> list[tuple[str | None, str]]:
    from targetdoc.check.structure import check_notice

    notice = parse_source(source).notice
    findings = check_notice(notice, load_profile(), file="lost.txt")
    return [(f.unit, f.message) for f in findings if f.code == "TD213"]


def test_departments_that_lost_their_category_heading_are_not_silently_counties() -> None:
    assert LINES[466] == "## 承担经济社会发展职能的政府部门责任目标"
    found = _kind_findings(_sample_without(467))
    # All 18 departments of the lost category now stand among the counties: each is named.
    assert len(found) == 18
    assert found[0] == (
        "市发展改革委",
        "市发展改革委 reads as a department, but its category 各县（市、区）责任目标 holds "
        "counties: a lost tier or category heading?",
    )


def test_a_department_that_lost_its_tier_headings_is_not_silently_a_county() -> None:
    assert (LINES[470], LINES[482]) == (
        "#### （一）重点目标（500分）",
        "#### （二）一般目标（200分）",
    )
    source = _sample_without(471, 483)
    unit = next(u for u in parse_source(source).notice.units if u.name == "市发展改革委")
    # Its items stand straight under it, as a county's do; its name says what it is.
    assert unit.kind == "department"
    from targetdoc.check.structure import check_notice

    findings = check_notice(parse_source(source).notice, load_profile(), file="lost.txt")
    assert [(f.code, f.message) for f in findings if f.unit == "市发展改革委"] == [
        (
            "TD210",
            "市发展改革委: profile default has no department tier 经济、社会发展和本职工作责任目标",
        ),
        (
            "TD212",
            "市发展改革委 (department) has no 重点目标, 一般目标, which profile default requires",
        ),
    ]


def test_two_items_on_one_line_are_reported_at_that_line() -> None:
    lines = list(LINES)
    assert lines[74].startswith("2. 规模以上工业增加值")
    assert lines[76].startswith("3. 新增入库")
    lines[74] += lines[76]  # the line break between items 2 and 3 lost
    del lines[76]
    result = parse_source(Source.from_text("\n".join(lines), name="joined.txt"))
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        (
            "TD104",
            75,
            70,
            "item 3 starts on the line of item 2, after its points: put it on a line of its own",
        )
    ]


def test_invisible_and_combining_characters_leave_names_as_they_look() -> None:
    lines = list(FORESTRY)
    lines[0] = "## 市林\u200f业局\u0301"  # a right-to-left mark, and an accent on a Han character
    notice = parse_source(Source.from_text("\n".join(lines))).notice
    assert notice.units[0].name == "市林业局"


def test_a_data_file_refuses_an_invisible_character_in_a_name(tmp_path: Path) -> None:
    import pytest

    from targetdoc.check.waivers import load_waivers
    from targetdoc.errors import DataFileError

    path = tmp_path / "waivers.yaml"
    path.write_text(
        "waivers:\n  - code: TD201\n    unit: 市林\u200f业局\n    message: m\n    reason: r\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as raised:
        load_waivers(path)
    assert (raised.value.line, raised.value.message) == (
        3,
        "an invisible or combining character U+200F (RIGHT-TO-LEFT MARK): write names as they look",
    )
