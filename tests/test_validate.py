"""targetdoc validate: one defect at a time, on small notices made of the sample's lines."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

from click.testing import CliRunner

from targetdoc.canonical import dump_yaml
from targetdoc.check.validate import Report, validate
from targetdoc.cli import cli
from targetdoc.parse import parse_source
from targetdoc.profile import load_profile
from targetdoc.read.source import Source

from conftest import ROOT, SAMPLE

LINES = SAMPLE.read_text(encoding="utf-8").split("\n")
FORESTRY = LINES[800:821]  # ## 市林业局 … 13. 完成行政服务工作目标 (10分) 。
YIMA = [LINES[66], *LINES[68:121]]  # the 700-point block, 各县（市、区）责任目标, 义马市
DEPARTMENTS = LINES[466]  # ## 承担经济社会发展职能的政府部门责任目标


def make_root(tmp_path: Path, lines: list[str], *, canonical: bool = True) -> Path:
    """A data root with raw/mini.txt and (by default) its current yaml/mini.yaml."""
    (tmp_path / "raw").mkdir(parents=True)
    (tmp_path / "yaml").mkdir()
    raw = tmp_path / "raw" / "mini.txt"
    raw.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if canonical:
        notice = parse_source(Source.from_path(raw)).notice
        (tmp_path / "yaml" / "mini.yaml").write_text(dump_yaml(notice), encoding="utf-8")
    return tmp_path


def codes(report: Report) -> list[tuple[str, int | None]]:
    """(code, line) of every finding except missing-header warnings of the excerpts."""
    return [(f.code, f.line) for f in report.findings if f.code != "TD102"]


def run(root: Path) -> Report:
    return validate([root], load_profile())


def replaced(lines: list[str], old: str, new: str) -> list[str]:
    assert any(old in line for line in lines)
    return [line.replace(old, new) for line in lines]


# --- the repository's own data ---------------------------------------------------------


def test_repository_data_has_exactly_the_housing_bureau_finding_waived() -> None:
    report = validate([SAMPLE.parents[1]], load_profile())
    assert [(f.code, f.line, f.unit, f.tier, f.waived) for f in report.findings] == [
        ("TD201", 650, "市住房城乡建设局", "重点目标", True),
        ("TD202", 650, "市住房城乡建设局", "重点目标", True),
        ("TD211", 648, "市住房城乡建设局", None, True),
        ("TD402", 51, None, None, False),
    ]
    assert not report.failed(strict=True)
    assert (report.files, report.units, report.items) == (2, 72, 816)


def test_repository_rollups_hold(tmp_path: Path) -> None:
    report = validate([SAMPLE.parents[1]], load_profile())
    rows = {r.name: (r.status, r.total, r.parts_sum, r.parts) for _, r in report.rollups}
    assert rows == {
        "城镇新增就业": ("ok", D(38000), D(38000), 8),
        "农村贫困人口脱贫": ("ok", D(10231), D(10231), 6),
        "实际利用省外资金": ("ok", D(43040000000), D(43040000000), 8),
        "实际利用境外资金": ("ok", D(1194000000), D(1194000000), 7),
        "造林": ("ok", D(347450), D(347450), 7),
        "招商引资签约": ("ok", D(90000000000), D(90000000000), 8),
        "进出口总额": ("partial", D(16246000000), D(3500000000), 8),
    }
    (partial,) = [r for _, r in report.rollups if r.status == "partial"]
    assert str(partial.share) == "21.5"
    assert partial.written(partial.parts_sum) == "35亿元"


def test_without_the_waiver_the_repository_fails(tmp_path: Path) -> None:
    empty = tmp_path / "waivers.yaml"
    empty.write_text("waivers: []\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(SAMPLE.parents[1]), "--waivers", str(empty)])
    assert result.exit_code == 1
    assert "TD201 error 市住房城乡建设局 重点目标 declares 300 points" in result.stdout


# --- one defect each -------------------------------------------------------------------


def test_clean_excerpts_have_no_findings(tmp_path: Path) -> None:
    assert codes(run(make_root(tmp_path, [*YIMA, DEPARTMENTS, *FORESTRY]))) == []


def test_wrong_points(tmp_path: Path) -> None:
    lines = replaced(
        FORESTRY, "1. 完成造林绿化任务347450亩 (300分)", "1. 完成造林绿化任务347450亩 (250分)"
    )
    assert codes(run(make_root(tmp_path, lines))) == [("TD201", 3), ("TD203", 1)]


def test_missing_item(tmp_path: Path) -> None:
    lines = [line for line in FORESTRY if not line.startswith("5. 重大林业有害生物")]
    assert codes(run(make_root(tmp_path, lines))) == [
        ("TD204", 13),
        ("TD201", 9),
        ("TD203", 1),
    ]


def test_duplicated_unit(tmp_path: Path) -> None:
    assert codes(run(make_root(tmp_path, FORESTRY + FORESTRY))) == [("TD209", 22)]


def test_repeated_and_restarted_item_numbers(tmp_path: Path) -> None:
    lines = replaced(FORESTRY, "4. 湿地保护率不低于59%", "3. 湿地保护率不低于59%")
    lines = replaced(lines, "6. 森林火灾受害率", "1. 森林火灾受害率")
    found = codes(run(make_root(tmp_path, lines)))
    assert ("TD205", 12) in found
    assert ("TD206", 14) in found


def test_item_without_points(tmp_path: Path) -> None:
    lines = replaced(FORESTRY, "3. 新建湿地公园1处 (40分) ;", "3. 新建湿地公园1处")
    assert codes(run(make_root(tmp_path, lines)))[0] == ("TD207", 11)


def test_unit_without_items_and_unplaced_line(tmp_path: Path) -> None:
    lines = ["## 市林业局", "### (一) 重点目标 (500分)", "", "本行不属于任何目标"]
    found = codes(run(make_root(tmp_path, lines)))
    assert found[:2] == [("TD101", 4), ("TD208", 1)]


def test_nonstandard_declaration(tmp_path: Path) -> None:
    lines = replaced(FORESTRY, "### (一) 重点目标 (500分)", "### (一) 重点目标 (600分)")
    assert ("TD202", 3) in codes(run(make_root(tmp_path, lines)))


def test_stale_canonical_file(tmp_path: Path) -> None:
    root = make_root(tmp_path, FORESTRY)
    raw = root / "raw" / "mini.txt"
    raw.write_text(raw.read_text(encoding="utf-8").replace("59万亩", "60万亩"), encoding="utf-8")
    (found,) = [f for f in run(root).findings if f.code == "TD304"]
    canonical = root / "yaml" / "mini.yaml"
    assert found.file == str(canonical)
    assert found.line is not None
    stale_line = canonical.read_text(encoding="utf-8").splitlines()[found.line - 1]
    assert stale_line.strip() == "text: 完成森林抚育59万亩"


def test_non_canonical_and_invalid_and_missing_canonical_files(tmp_path: Path) -> None:
    root = make_root(tmp_path, FORESTRY)
    canonical = root / "yaml" / "mini.yaml"
    canonical.write_text(canonical.read_text(encoding="utf-8").replace("year: null", "year:  null"))
    # Re-dumping changes it, and it no longer equals a fresh parse either.
    assert [f.code for f in run(root).findings if f.code.startswith("TD3")] == ["TD302", "TD304"]
    canonical.write_text("issuer: 7\n", encoding="utf-8")
    assert [f.code for f in run(root).findings if f.code.startswith("TD3")] == ["TD303"]
    canonical.unlink()
    assert [f.code for f in run(root).findings if f.code.startswith("TD3")] == ["TD301"]


def test_orphan_canonical_file(tmp_path: Path) -> None:
    root = make_root(tmp_path, FORESTRY)
    (root / "yaml" / "other.yaml").write_text(
        (root / "yaml" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert ("TD305", None) in codes(run(root))


def test_stale_waiver(tmp_path: Path) -> None:
    root = make_root(tmp_path, FORESTRY)
    (root / "waivers.yaml").write_text(
        "waivers:\n  - code: TD201\n    unit: 市林业局\n    reason: no longer needed\n"
        "    message: 市林业局 重点目标 declares 500 points but its 2 items sum to 450\n",
        encoding="utf-8",
    )
    report = run(root)
    assert codes(report) == [("TD501", 2)]
    assert report.findings[-1].file == str(root / "waivers.yaml")
    assert report.failed()


def test_waiver_marks_the_finding_and_keeps_it(tmp_path: Path) -> None:
    lines = replaced(FORESTRY, "(300分)", "(250分)")
    root = make_root(tmp_path, lines)
    (root / "waivers.yaml").write_text(
        "waivers:\n"
        "  - {code: TD201, unit: 市林业局, tier: 重点目标, reason: as published,\n"
        "     message: 市林业局 重点目标 declares 500 points but its 2 items sum to 450}\n"
        "  - {code: TD203, unit: 市林业局, reason: as published,\n"
        "     message: \"市林业局's items total 650 points; the profile's total is 700\"}\n",
        encoding="utf-8",
    )
    report = run(root)
    assert [(f.code, f.waived) for f in report.findings if f.code != "TD102"] == [
        ("TD201", True),
        ("TD203", True),
    ]
    assert not report.failed()


def test_rollup_mismatch_and_unresolved(tmp_path: Path) -> None:
    root = make_root(tmp_path, [*YIMA, DEPARTMENTS, *FORESTRY])
    (root / "rollups").mkdir()
    (root / "rollups" / "mini.yaml").write_text(
        "rollups:\n"
        "  - name: 造林\n"
        "    total: {unit: 市林业局, item: 1, subject: 造林绿化任务}\n"
        "    parts: {kind: county, subject: 造林绿化任务}\n"
        "  - name: 无此目标\n"
        "    total: {citywide: 99}\n"
        "    parts: {kind: county}\n",
        encoding="utf-8",
    )
    report = run(root)
    assert codes(report) == [("TD401", 60), ("TD403", None)]  # 市林业局 item 1
    first = report.rollups[0][1]
    assert (first.total, first.parts_sum, first.parts) == (D(347450), D(9330), 1)


def test_profile_from_a_file(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "name: other\nunit_total: 1000\ntiers:\n  department: {重点目标: 600, 一般目标: 400}\n",
        encoding="utf-8",
    )
    report = validate([make_root(tmp_path / "d", FORESTRY)], load_profile(str(profile)))
    assert [f.code for f in report.findings if f.code != "TD102"] == [
        "TD202",
        "TD202",
        "TD203",
        "TD211",  # 500 + 200 declared, against the other profile's 1000
    ]


# --- formats and exit codes --------------------------------------------------------------


def test_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    clean = make_root(tmp_path / "clean", FORESTRY)
    assert runner.invoke(cli, ["validate", str(clean)]).exit_code == 0
    # Only warnings (TD102 of the header-less excerpt): they fail with --strict alone.
    assert runner.invoke(cli, ["validate", str(clean), "--strict"]).exit_code == 1
    broken = make_root(tmp_path / "broken", replaced(FORESTRY, "(300分)", "(250分)"))
    assert runner.invoke(cli, ["validate", str(broken)]).exit_code == 1
    missing = runner.invoke(cli, ["validate", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.stderr
    bad_profile = runner.invoke(cli, ["validate", str(clean), "--profile", "nosuch"])
    assert bad_profile.exit_code == 2
    assert "Traceback" not in bad_profile.output


def test_text_format_groups_by_unit_with_file_and_line(tmp_path: Path) -> None:
    root = make_root(tmp_path, replaced(FORESTRY, "(300分)", "(250分)"))
    result = CliRunner().invoke(cli, ["validate", str(root)])
    raw = root / "raw" / "mini.txt"
    assert f"{raw} · 市林业局\n" in result.stdout
    assert (
        f"{raw}:3: TD201 error 市林业局 重点目标 declares 500 points but its 2 items"
        in result.stdout
    )
    assert "FAILED" in result.stdout


def test_json_format(tmp_path: Path) -> None:
    root = make_root(tmp_path, replaced(FORESTRY, "(300分)", "(250分)"))
    result = CliRunner().invoke(cli, ["validate", str(root), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["stats"]["errors"] == 1
    assert data["stats"]["units"] == 1
    assert data["stats"]["items"] == 13
    (first,) = [f for f in data["findings"] if f["code"] == "TD201"]
    assert first == {
        "code": "TD201",
        "severity": "error",
        "message": "市林业局 重点目标 declares 500 points but its 2 items sum to 450",
        "file": str(root / "raw" / "mini.txt"),
        "line": 3,
        "unit": "市林业局",
        "tier": "重点目标",
        "item": None,
        "waived": False,
    }


def test_github_format(tmp_path: Path) -> None:
    root = make_root(tmp_path, replaced(FORESTRY, "(300分)", "(250分)"))
    result = CliRunner().invoke(cli, ["validate", str(root), "--format", "github"])
    raw = root / "raw" / "mini.txt"
    assert (
        f"::error file={raw},line=3,title=TD201::市林业局 重点目标 declares 500 points "
        "but its 2 items sum to 450"
    ) in result.stdout.splitlines()


def test_every_code_in_the_code_is_registered_with_a_severity_and_explanation() -> None:
    import re

    from targetdoc.findings import CODES

    package = ROOT / "src" / "targetdoc"
    # Every module in every stage, but not the registry itself: what the code emits.
    modules = [p for p in package.rglob("*.py") if p != package / "findings.py"]
    source = "".join(p.read_text("utf-8") for p in modules)
    used = set(re.findall(r'"(TD\d{3})"', source))
    assert used - set(CODES) == set()
    assert {"TD101", "TD201", "TD304", "TD401", "TD501"} <= used
    assert all(code.explanation and code.severity for code in CODES.values())


def test_a_word_notice_in_the_data_folder_is_checked_too(tmp_path: Path) -> None:
    from variants import docx_document

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "notice.docx").write_bytes(docx_document("\n".join(FORESTRY)))
    report = run(tmp_path)
    assert (report.files, report.units, report.items) == (1, 1, 13)
    assert [(f.code, f.file) for f in report.findings if f.code == "TD301"] == [
        ("TD301", str(tmp_path / "raw" / "notice.docx"))
    ]
