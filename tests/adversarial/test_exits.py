"""Exit codes and messages: each says what happened, and the code says how it ended."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from targetdoc.check.report import Report
from targetdoc.cli import cli
from targetdoc.findings import Finding

from conftest import ROOT, SAMPLE


def test_one_unreadable_notice_does_not_stop_validate_from_reporting_the_others(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    (root / "raw").mkdir(parents=True)
    (root / "yaml").mkdir()
    (root / "raw" / "a.txt").write_bytes(SAMPLE.read_bytes())
    (root / "raw" / "b.txt").write_bytes(b"\x00\x01binary")
    (root / "raw" / "c.txt").write_bytes(SAMPLE.read_bytes())
    result = CliRunner().invoke(cli, ["validate", str(root), "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"targetdoc: error: {root / 'raw' / 'b.txt'}: binary data, not a text notice (NUL bytes)\n"
    )
    import json

    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["stats"]["units"] == 144  # a.txt and c.txt were both checked
    assert report["errors"] == [
        f"{root / 'raw' / 'b.txt'}: binary data, not a text notice (NUL bytes)"
    ]


def test_github_annotations_escape_the_file_property() -> None:
    # A file name with a newline injected a workflow command; a comma broke the property.
    finding = Finding.of("TD201", "50% of it\nsaid", file="a,b:c\n::error ::pwned.txt", line=3)
    (line,) = Report(findings=[finding]).github_annotations()
    assert line == (
        "::error file=a%2Cb%3Ac%0A%3A%3Aerror %3A%3Apwned.txt,line=3,"
        "title=TD201::50%25 of it%0Asaid"
    )
    assert "\n" not in line


def test_export_refuses_a_table_for_the_workbook_and_reads_the_format_from_the_name(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    canonical = str(ROOT / "data" / "yaml" / "sanmenxia-2020.yaml")
    book = tmp_path / "x.xlsx"
    ignored = runner.invoke(
        cli, ["export", canonical, "-f", "xlsx", "-t", "units", "-o", str(book)]
    )
    assert ignored.exit_code == 2
    assert "--table does not apply to xlsx" in ignored.stderr
    assert not book.exists()
    # -o x.xlsx alone wrote CSV bytes into it.
    assert runner.invoke(cli, ["export", canonical, "-o", str(book)]).exit_code == 0
    assert book.read_bytes()[:2] == b"PK"
    clash = runner.invoke(cli, ["export", canonical, "-f", "csv", "-o", str(tmp_path / "y.xlsx")])
    assert clash.exit_code == 2
    assert "say one format" in clash.stderr


def test_standard_input_is_refused_by_name_where_it_cannot_be_read() -> None:
    runner = CliRunner()
    validate = runner.invoke(cli, ["validate", "-"])
    assert validate.exit_code == 2
    assert "validate checks files and folders, not standard input" in validate.stderr
    report = runner.invoke(cli, ["report", "-"])
    assert report.exit_code == 2
    assert "report needs a notice file, not standard input" in report.stderr


def test_a_full_standard_output_is_one_message_not_a_traceback() -> None:
    with open("/dev/full", "wb") as full:
        run = subprocess.run(
            [sys.executable, "-m", "targetdoc", "parse", str(SAMPLE)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert run.returncode == 2
    assert run.stderr == (
        "targetdoc: error: cannot write to standard output: No space left on device\n"
    )


def test_a_truncated_notice_fails_a_batch_as_it_fails_alone(tmp_path: Path) -> None:
    notices, out = tmp_path / "notices", tmp_path / "out"
    notices.mkdir()
    out.mkdir()
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    (notices / "cut.txt").write_text("\n".join(lines[:300]), encoding="utf-8")
    (notices / "whole.txt").write_bytes(SAMPLE.read_bytes())
    alone = CliRunner().invoke(
        cli, ["parse", str(notices / "cut.txt"), "-o", str(tmp_path / "c.yaml")]
    )
    assert alone.exit_code == 2
    batch = CliRunner().invoke(cli, ["parse", str(notices), "--out-dir", str(out)])
    assert batch.exit_code == alone.exit_code  # it exited 0, then 1
    assert sorted(p.name for p in out.iterdir()) == ["cut.yaml", "whole.yaml"]


def test_ctrl_c_in_validate_exits_130_and_says_how_far_it_got(tmp_path: Path) -> None:
    import signal
    import time

    notices = tmp_path / "notices"
    notices.mkdir()
    for number in range(120):
        (notices / f"n{number:03}.txt").write_bytes(SAMPLE.read_bytes())
    process = subprocess.Popen(
        [sys.executable, "-m", "targetdoc", "validate", str(notices), "-j", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2)  # past start-up, inside the notices
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.startswith("targetdoc: interrupted: checked ")
    assert stderr.endswith(" of 120 notices; nothing reported\n")
