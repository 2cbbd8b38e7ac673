"""`targetdoc thresholds` and `targetdoc audit-numbers` through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from targetdoc.cli import cli


def test_thresholds_json_is_exact() -> None:
    result = CliRunner().invoke(cli, ["thresholds", "实际利用境外资金11.94亿美元", "-f", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["comparator"] == "target"
    assert row["quantity"] == 1194000000
    assert row["value"] == 11.94
    assert '"value": 11.94,' in result.stdout
    assert row["span"] == {"start": 8, "end": 16}


def test_thresholds_table_names_every_field() -> None:
    result = CliRunner().invoke(cli, ["thresholds", "一般公共预算收入增长5%以上。"])
    assert result.exit_code == 0, result.output
    for word in ("comparator", "at_least", "increase", "一般公共预算收入"):
        assert word in result.stdout


def test_audit_numbers_finds_nothing_unexplained_in_the_sample(sample_path: Path) -> None:
    result = CliRunner().invoke(cli, ["audit-numbers", str(sample_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "0 unexplained numbers\n"


def test_audit_numbers_reports_a_bare_number_and_exits_1(tmp_path: Path) -> None:
    notice = tmp_path / "n.txt"
    notice.write_text(
        "## 市审计局\n### （一）重点目标（500分）\n1. 开展重大政策措施跟踪审计共7（500分）；\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["audit-numbers", str(notice)])
    assert result.exit_code == 1
    assert result.stdout == f"{notice}:3: 市审计局 item 1: '7' in 开展重大政策措施跟踪审计共7\n"
