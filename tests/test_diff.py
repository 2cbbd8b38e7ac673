"""targetdoc diff: a next-year notice made from the sample with known edits gives
exactly those changes, and nothing more; a notice against itself gives none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from targetdoc.api import parse_file
from targetdoc.cli import cli
from targetdoc.diff import compare, match_units
from targetdoc.diff.units import same_unit
from targetdoc.models import Notice
from targetdoc.read.normalize import display_width

from conftest import SAMPLE

# Each edit: a line of the sample (by number) and what it becomes ("" drops it).
EDITS: dict[int, str] = {
    # 义马市: points moved from item 1 to item 4; item 3's 26 enterprises raised to 30;
    # its last item, 22, removed.
    73: "1. 生产总值、人均地区生产总值、全员劳动生产率增速高于全省平均水平（50分）；",
    77: "3. 新增入库“四上”企业30个（30分）；",
    79: "4. 第三产业增加值增速高于全市平均水平，第三产业增加值占生产总值比重比上年提高"
    "1个百分点（50分）；",
    119: "",
    # 澠池县: items 3 and 4 change places (and numbers).
    131: "3. 第三产业增加值增速高于全市平均水平，第三产业增加值占生产总值比重比上年提高"
    "1个百分点（60分）；",
    133: "4. 新增入库“四上”企业38个（30分）；",
    # 湖滨区: an item added after its last, 23.
    221: "23. 农村贫困人口脱贫238人（30分）；\n\n24. 完成老旧小区改造12个（20分）。",
    # Renamed units: one the alias table knows, one only similar.
    469: "### 市发改委",
    1469: "## 市政务服务和大数据局",
    # 市住房城乡建设局 item 3: water connection in 2 working days, not 3 (a lower ceiling).
    656: "3. 优化用水用气服务，将用水用气报装环节统一压缩至3个，通水时间压缩至2个工作日以内，"
    "通气时间压缩至4个工作日以内（均不含设计施工时间）（100分）；",
}


def _edited(tmp_path: Path) -> Path:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert lines[130] == "3. 新增入库“四上”企业38个（30分）；"  # the lines edited are these
    for number, text in EDITS.items():
        lines[number - 1] = text
    path = tmp_path / "sanmenxia-2021.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _edited(tmp_path_factory.mktemp("diff"))


@pytest.fixture(scope="module")
def edited(next_year: Path) -> Notice:
    return parse_file(next_year).notice


def _brief(change: dict[str, Any]) -> tuple[Any, ...]:
    return (
        change["unit"],
        change["kind"],
        change["old_number"],
        change["new_number"],
        tuple(change["what"]),
        tuple((t["old"], t["new"], t["direction"], t["stricter"]) for t in change["thresholds"]),
    )


def test_the_known_edits_are_exactly_the_changes(notice: Notice, edited: Notice) -> None:
    found = compare(notice, edited).as_json()
    assert found["units"] == {
        "added": [],
        "removed": [],
        "renamed": [
            {"old": "市发展改革委", "new": "市发改委", "by": "alias", "score": 100.0},
            {
                "old": "市政务和大数据局",
                "new": "市政务服务和大数据局",
                "by": "fuzzy",
                "score": 88.9,
            },
        ],
    }
    assert [_brief(change) for change in found["changes"]] == [
        ("义马市", "removed", 22, None, (), ()),
        ("义马市", "changed", 1, 1, ("points",), ()),
        (
            "义马市",
            "changed",
            3,
            3,
            ("text", "thresholds"),
            (("26个", "30个", "raised", "new"),),
        ),
        ("义马市", "changed", 4, 4, ("points",), ()),
        ("澠池县", "renumbered", 4, 3, (), ()),
        ("澠池县", "renumbered", 3, 4, (), ()),
        ("湖滨区", "added", None, 24, (), ()),
        (
            "市住房城乡建设局",
            "changed",
            3,
            3,
            ("text", "thresholds"),
            (("≤ 3工作日", "≤ 2工作日", "lowered", "new"),),
        ),
    ]
    moved = found["changes"][1]
    assert (moved["old"]["points"], moved["new"]["points"]) == (60, 50)
    assert found["changes"][6]["new"] == {
        "text": "完成老旧小区改造12个",
        "points": 20,
        "tier": "经济、社会发展和本职工作责任目标",
    }


def test_a_notice_against_itself_is_no_change(notice: Notice) -> None:
    same = compare(notice, notice)
    assert same.same
    assert same.as_json()["changes"] == []


def test_units_match_by_name_alias_and_similarity() -> None:
    assert same_unit("渑池县", "澠池县")  # traditional characters fold
    assert same_unit("市发展和改革委员会", "市发改委")  # two names of one alias group
    assert not same_unit("市教育局", "市科技局")
    matches, removed, added = match_units(
        ["市教育局", "市发展改革委", "渑池县", "市统计局"],
        ["澠池县", "市发改委", "市教育体育局", "市审计局"],
    )
    assert [(m.old, m.new, m.by, m.score) for m in matches] == [
        ("渑池县", "澠池县", "name", 100.0),  # one name, written in other characters
        ("市发展改革委", "市发改委", "alias", 100.0),
        ("市教育局", "市教育体育局", "fuzzy", 80.0),  # 4 of 5 characters on average
    ]
    # 市统计局 and 市审计局 are 75 alike: under the cutoff of 80, two units.
    assert (removed, added) == (["市统计局"], ["市审计局"])


def _diff(*args: str) -> Any:
    return CliRunner().invoke(cli, ["diff", *args])


def test_exit_codes_are_those_of_diff(next_year: Path, tmp_path: Path) -> None:
    assert _diff(str(SAMPLE), str(SAMPLE)).exit_code == 0
    assert _diff(str(SAMPLE), str(next_year)).exit_code == 1
    missing = _diff(str(SAMPLE), str(tmp_path / "none.txt"))
    assert missing.exit_code == 2
    assert missing.output == f"targetdoc: error: {tmp_path / 'none.txt'}: no such file\n"


def test_json_output_is_the_documented_shape(next_year: Path) -> None:
    result = _diff(str(SAMPLE), str(next_year), "--format", "json")
    data = json.loads(result.output)
    assert set(data) == {"old", "new", "units", "changes"}
    assert data["old"] == {
        "file": "sanmenxia-2020.txt",
        "doc_number": "三政〔2020〕9号",
        "year": 2020,
    }
    assert set(data["changes"][0]) == {
        "unit",
        "kind",
        "old_number",
        "new_number",
        "old",
        "new",
        "what",
        "thresholds",
    }
    assert len(data["changes"]) == 8


def test_a_canonical_file_compares_like_its_notice(next_year: Path, tmp_path: Path) -> None:
    canonical = Path(__file__).resolve().parents[1] / "data" / "yaml" / "sanmenxia-2020.yaml"
    from_raw = json.loads(_diff(str(SAMPLE), str(next_year), "-f", "json").output)
    from_yaml = json.loads(_diff(str(canonical), str(next_year), "-f", "json").output)
    assert from_yaml["changes"] == from_raw["changes"]


def test_markdown_for_a_pull_request(next_year: Path) -> None:
    text = _diff(str(SAMPLE), str(next_year), "--format", "markdown").output
    # Headed by 文号 and year (the test's edits leave the header as it was).
    assert text.startswith("# 三政〔2020〕9号 (year 2020) → 三政〔2020〕9号 (year 2020)\n")
    assert "- renamed: 市发展改革委 → 市发改委 (alias)\n" in text
    assert "- renamed: 市政务和大数据局 → 市政务服务和大数据局 (similar names, 88.9)\n" in text
    assert "## 义马市\n" in text
    assert (
        "- **changed** 3. 新增入库“四上”企业~~26~~**30**个 — "
        "thresholds: 26个 → 30个 (raised, stricter)\n" in text
    )
    assert "- **removed** 22. 城镇新增就业2400人（20分）\n" in text
    assert "- **renumbered** 4 → 3: 第三产业增加值增速高于全市平均水平" in text


def test_html_is_a_page_side_by_side(next_year: Path) -> None:
    page = _diff(str(SAMPLE), str(next_year), "--format", "html").output
    assert page.startswith("<!DOCTYPE html>")
    assert '<td class="old">3. 新增入库“四上”企业26个（30分）</td>' in page
    assert (
        '<td class="new">3. 新增入库“四上”企业<del>26</del><ins>30</ins>个（30分）'
        '<p class="details">thresholds: 26个 → 30个 (raised, stricter)</p></td>'
    ) in page


def test_text_output_groups_by_unit(next_year: Path) -> None:
    text = _diff(str(SAMPLE), str(next_year)).output
    assert "义马市\n" in text
    assert (
        "  ~ 1. 生产总值、人均地区生产总值、全员劳动生产率增速高于全省平均水平 — "
        "points: 60分 → 50分\n"
    ) in text
    assert "  - 22. 城镇新增就业2400人（20分）\n" in text
    assert "unit renamed: 市发展改革委 → 市发改委 (alias)\n" in text
    assert "8 changes in 4 units; 2 units renamed" in text


def test_a_task_list_s_responsible_units_are_compared(tmp_path: Path) -> None:
    from conftest import NOTICES

    text = (NOTICES / "task-list.txt").read_text(encoding="utf-8")
    edited = text.replace("（市人力资源社会保障局）", "（市人社局）")
    assert edited != text
    following = tmp_path / "task-list-2.txt"
    following.write_text(edited, encoding="utf-8")
    data = json.loads(_diff(str(NOTICES / "task-list.txt"), str(following), "-f", "json").output)
    (change,) = data["changes"]
    assert (change["kind"], change["new_number"], change["what"]) == ("changed", 3, ["responsible"])
    output = _diff(str(NOTICES / "task-list.txt"), str(following)).output
    unwrapped = "".join(line.strip() for line in output.splitlines())
    assert "responsible: 市人力资源社会保障局 → 市人社局" in unwrapped
    # No item changed, only units: the summary says so, not "0 changes".
    renamed = _diff(str(NOTICES / "nested-county.txt"), str(NOTICES / "traditional.txt")).output
    assert renamed.splitlines()[-1] == "1 unit added; 2 units removed"


# The shipped second-year notice (examples/sanmenxia-2021.txt, which the README's diff
# commands compare) is the sample with EDITS, and a new year: its number and dates, and
# 2020 → 2021 in the lines that name the year.
NEW_YEAR: dict[int, str] = {5: "三政〔2021〕5号", 15: "2021年3月1日", 1988: "2021年3月1日印发"}
YEAR_LINES = (9, 13, 17, 65, 922, 952, 958, 1327)


def test_the_shipped_next_year_notice_is_the_sample_with_known_edits() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for number in YEAR_LINES:
        lines[number - 1] = lines[number - 1].replace("2020", "2021")
    for number, text in {**EDITS, **NEW_YEAR}.items():
        lines[number - 1] = text
    shipped = (SAMPLE.parents[2] / "examples" / "sanmenxia-2021.txt").read_text("utf-8")
    assert shipped == "\n".join(lines)


SHIPPED = SAMPLE.parents[2] / "examples" / "sanmenxia-2021.txt"
CANONICAL = SAMPLE.parents[2] / "data" / "yaml" / "sanmenxia-2020.yaml"


def test_a_year_on_year_review_as_the_office_reads_it() -> None:
    """The README's diff: headed by 文号 and year, a changed sentence once with what
    changed in it marked, the edits that only move the year on apart, long lines wrapped
    under their item, full-width brackets in Chinese."""
    result = CliRunner().invoke(cli, ["--lang", "zh", "diff", str(CANONICAL), str(SHIPPED)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:3] == [
        "三政〔2020〕9号（2020年度） → 三政〔2021〕5号（2021年度）",
        "单位更名：市发展改革委 → 市发改委（别名）",
        "单位更名：市政务和大数据局 → 市政务服务和大数据局（名称相近，相似度 88.9）",
    ]
    assert "  ~ 3. 新增入库“四上”企业[-26-]{+30+}个 — 指标：26个 → 30个（调高，更严）" in lines
    # Wrapped at 100 columns, the rest under the item's text; a number is not cut.
    start = lines.index("市住房城乡建设局") + 1
    assert lines[start : start + 2] == [
        "  ~ 3. 优化用水用气服务，将用水用气报装环节统一压缩至3个，"
        "通水时间压缩至[-3-]{+2+}个工作日以内，通气",
        "      时间压缩至4个工作日以内（均不含设计施工时间） — "
        "指标：≤ 3工作日 → ≤ 2工作日（调低，更严）",
    ]
    assert all(display_width(line) <= 100 for line in lines)
    moved = lines.index("仅年份变化（4 处）：")
    assert lines[moved + 3 : moved + 5] == [
        "  市体育局 2. 举办2021年三门峡市全民健身月线上健身活动",
        "  市体育局 4. 做好2021年国民体质检测活动",
    ]
    # Not among the units' changes above.
    assert "市体育局" not in lines[:moved]
    assert lines[-1] == "涉及 7 个单位共 12 处变化；2 个单位更名"


def test_changes_in_a_sentence_are_marked_in_markdown_and_html(tmp_path: Path) -> None:
    from targetdoc.diff.marks import marked

    old, new = "举办2020年全民健身活动", "举办2021年全市全民健身活动"
    assert marked(old, new, "text") == "举办202[-0-]{+1+}年{+全市+}全民健身活动"
    assert marked(old, new, "markdown") == "举办202~~0~~**1**年**全市**全民健身活动"
    assert (
        marked(old, new, "html") == "举办202<del>0</del><ins>1</ins>年<ins>全市</ins>全民健身活动"
    )
    page = CliRunner().invoke(cli, ["diff", str(CANONICAL), str(SHIPPED), "-f", "html"]).output
    assert "<title>三政〔2020〕9号 (year 2020) → 三政〔2021〕5号 (year 2021)</title>" in page
    assert "<h2>Only the year changed (4)</h2>" in page


def test_the_readme_shows_the_diff_as_it_is() -> None:
    readme = (SAMPLE.parents[2] / "README.md").read_text("utf-8")
    shown = readme.split("```\n三政〔2020〕9号 (year 2020)")[1].split("```")[0]
    output = CliRunner().invoke(cli, ["diff", str(CANONICAL), str(SHIPPED)]).output
    blocks = output.split("\n\n")
    for block in ("三政〔2020〕9号 (year 2020)" + shown).strip().split("\n\n"):
        assert block in blocks
