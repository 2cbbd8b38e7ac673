"""The command line through click's CliRunner: outputs, formats and clean failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc import __version__
from targetdoc.canonical import dump_json, dump_yaml
from targetdoc.cli import cli
from targetdoc.models import Notice

from conftest import NOTICES, ROOT, SAMPLE


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_parse_writes_canonical_yaml_to_stdout(
    runner: CliRunner, sample_path: Path, notice: Notice
) -> None:
    result = runner.invoke(cli, ["parse", str(sample_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == dump_yaml(notice)


def test_parse_output_format_follows_the_extension(
    runner: CliRunner, sample_path: Path, notice: Notice, tmp_path: Path
) -> None:
    out = tmp_path / "notice.json"
    result = runner.invoke(cli, ["parse", str(sample_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == dump_json(notice)
    assert "816" in result.stderr  # the summary's item count
    assert [p.name for p in tmp_path.iterdir()] == ["notice.json"]  # no temporary left


def test_parse_format_option_wins_over_the_extension(
    runner: CliRunner, sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "notice.txt"
    result = runner.invoke(cli, ["parse", str(sample_path), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["doc_number"] == "三政〔2020〕9号"


def test_parse_reads_standard_input(runner: CliRunner, sample_path: Path) -> None:
    result = runner.invoke(cli, ["parse", "-", "-f", "json"], input=sample_path.read_bytes())
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["file"] == "<stdin>"
    assert len(data["units"]) == 72


def test_missing_file_is_one_clear_message_with_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["parse", "no-such-notice.txt"])
    assert result.exit_code == 2
    assert result.stderr == "targetdoc: error: no-such-notice.txt: no such file\n"
    assert "Traceback" not in result.output


def test_mixed_encodings_name_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    notice = tmp_path / "mixed.txt"
    notice.write_bytes("三政〔2020〕9号\n".encode() + "义马市\n".encode("gbk"))
    result = runner.invoke(cli, ["parse", str(notice)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"targetdoc: error: {notice}:2: not valid UTF-8 (byte 0xd2 at offset 21)\n"
    )


def test_text_that_is_not_a_notice_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    novel = tmp_path / "novel.txt"
    novel.write_text("第一回\n话说天下大势，分久必合，合久必分。\n", encoding="utf-8")
    result = runner.invoke(cli, ["parse", str(novel)])
    assert result.exit_code == 2
    assert "not a target-responsibility notice" in result.stderr


def test_parse_refuses_to_write_over_its_input(runner: CliRunner, tmp_path: Path) -> None:
    from conftest import SAMPLE

    copy = tmp_path / "notice.yaml"
    copy.write_bytes(SAMPLE.read_bytes())
    result = runner.invoke(cli, ["parse", str(copy), "-o", str(copy)])
    assert result.exit_code == 2
    assert "refusing to write the output over the input" in result.stderr
    assert copy.read_bytes() == SAMPLE.read_bytes()


def test_failed_parse_leaves_an_existing_output_untouched(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("previous: content\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["parse", str(empty), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous: content\n"


def test_unplaced_lines_are_reported_with_caret(runner: CliRunner, tmp_path: Path) -> None:
    notice = tmp_path / "n.txt"
    notice.write_text(
        "## 市林业局\n### (一) 重点目标 (500分)\n1. 完成森林抚育59万亩 (200分)。\n多出来的一行\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["parse", str(notice)])
    # The records are written, and the exit code says an error-severity finding came with them.
    assert result.exit_code == 1
    assert result.stdout.startswith("issuer: null\n")
    assert f"{notice}:4:1: TD101 error line not placed in any record" in result.stderr
    assert "    多出来的一行\n    ^" in result.stderr


def test_version_and_help(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["--version"]).stdout == f"targetdoc, version {__version__}\n"
    help_text = runner.invoke(cli, ["parse", "--help"]).stdout
    assert "Parse NOTICE" in help_text
    assert "--output" in help_text
    top = runner.invoke(cli, ["--help"]).stdout
    commands = ("parse", "validate", "codes", "export", "report", "thresholds", "audit-numbers")
    for command in commands:
        assert f"  {command} " in top


def test_codes_lists_the_registry(runner: CliRunner) -> None:
    from targetdoc.findings import CODES

    result = runner.invoke(cli, ["codes", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["code"] for row in rows] == list(CODES)
    assert rows[0] == {
        "code": "TD101",
        "name": "unplaced-line",
        "severity": "error",
        "explanation": "a non-blank source line no rule placed in a record",
    }
    table = runner.invoke(cli, ["codes"]).stdout
    assert "TD501" in table
    assert "stale-waiver" in table


def test_the_readme_code_list_is_the_registry() -> None:
    from targetdoc.findings import codes_markdown

    readme = (ROOT / "README.md").read_text("utf-8")
    listed = readme.split("<!-- codes: begin -->\n")[1].split("<!-- codes: end -->")[0]
    assert listed == codes_markdown(), "regenerate with: targetdoc codes --format markdown"


@pytest.mark.parametrize(
    ("name", "cut", "code"),
    [
        ("sample", None, 0),
        ("web-page", None, 1),  # a line no rule placed after an item (TD101)
        ("truncated", 200, 2),  # a header and no footer (TD103)
    ],
)
def test_parse_report_and_export_exit_alike_and_make_their_folders(
    tmp_path: Path, name: str, cut: int | None, code: int
) -> None:
    source = NOTICES / "web-page.txt" if name == "web-page" else SAMPLE
    text = source.read_text("utf-8")
    if name == "web-page":  # the page's own lines are TD109 (information): one line of error
        text = text.replace("（200分）。\n", "（200分）。\n多出来的一行\n", 1)
    lines = text.split("\n")
    notice = tmp_path / f"{name}.txt"
    notice.write_text("\n".join(lines[:cut] if cut else lines), "utf-8")
    commands = {
        "parse": ["parse", str(notice), "-o", str(tmp_path / "out" / "a.yaml")],
        "export": ["export", str(notice), "-o", str(tmp_path / "out" / "items.csv")],
        "xlsx": ["export", str(notice), "-o", str(tmp_path / "out" / "w.xlsx")],
        "split": ["export", str(notice), "--split", "unit", "-o", str(tmp_path / "letters")],
        "report": ["report", str(notice), "-o", str(tmp_path / "build" / "report.html")],
    }
    codes = {what: CliRunner().invoke(cli, args).exit_code for what, args in commands.items()}
    assert codes == dict.fromkeys(commands, code)
    # Written all the same, into folders made for them.
    assert (tmp_path / "build" / "report.html").is_file()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.yaml", "items.csv", "w.xlsx"]
