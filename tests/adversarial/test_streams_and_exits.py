"""Output streams that cannot encode Chinese, errors nobody expected, and exit codes
that agree between commands (issue 24, classes 12, 15, 23)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.cli import cli, main

from conftest import NOTICES, ROOT, SAMPLE

CANONICAL = ROOT / "data" / "yaml" / "sanmenxia-2020.yaml"
ACTUALS = "unit,item,actual\n市教育局,1,10;6\n市教育局,2,97%\n市教育局,3,完成\n"


# 12. A stream that cannot encode Chinese gets UTF-8, whatever the command writes.


def _commands(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """Each command that writes Chinese to standard output, and a piece of it."""
    actuals = tmp_path / "a.csv"
    actuals.write_text(ACTUALS, encoding="utf-8")
    web = str(NOTICES / "web-page.txt")
    return {
        "validate": (["validate", str(SAMPLE), str(CANONICAL)], "市住房城乡建设局"),
        "validate-json": (["validate", str(SAMPLE), "--format", "json"], "市住房城乡建设局"),
        "validate-github": (["validate", str(SAMPLE), "--format", "github"], "市住房城乡建设局"),
        "score": (["score", web, str(actuals)], "市教育局"),
        "score-csv": (["score", web, str(actuals), "-f", "csv"], "市教育局"),
        "parse": (["parse", web, "-q"], "北岭市人民政府"),
        "diff": (["diff", str(SAMPLE), web], "市教育局"),
        "thresholds": (["thresholds", "城镇新增就业3.8万人。"], "城镇新增就业"),
        "codes": (["codes"], "TD101"),
        "profiles": (["profiles"], "default"),
        "zh-validate": (["--lang", "zh", "validate", str(SAMPLE)], "文件"),
    }


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize(
    "command",
    [
        "validate",
        "validate-json",
        "validate-github",
        "score",
        "score-csv",
        "parse",
        "diff",
        "thresholds",
        "codes",
        "profiles",
        "zh-validate",
    ],
)
def test_a_stream_that_cannot_encode_chinese_gets_utf8(
    command: str, encoding: str, tmp_path: Path
) -> None:
    args, shown = _commands(tmp_path)[command]
    result = CliRunner(charset=encoding).invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1), result.stderr_bytes.decode("utf-8")
    assert shown in result.stdout_bytes.decode("utf-8")


def test_the_installed_command_writes_utf8_to_a_cp1252_runner(tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONIOENCODING": "cp1252", "TARGETDOC_LANG": "zh"}
    for args, shown, code in (
        (["--help"], "目标责任通知", 0),
        (["validate", str(SAMPLE), "--format", "github"], "市住房城乡建设局", 0),
    ):
        ran = subprocess.run(
            [sys.executable, "-m", "targetdoc", *args],
            capture_output=True,
            env=environment,
            timeout=120,
            check=False,
        )
        assert ran.returncode == code, ran.stderr.decode("utf-8", "replace")
        assert shown in ran.stdout.decode("utf-8")
        assert b"Traceback" not in ran.stderr


# 15. An exception no command expected: one message, exit code 3, --debug for more.


@pytest.mark.parametrize(
    ("module", "name", "args"),
    [
        ("targetdoc.api", "parse_file", ["parse", str(SAMPLE), "-q"]),
        ("targetdoc.export.formats", "export_bytes", ["export", str(SAMPLE), "-f", "json"]),
        ("targetdoc.diff", "compare", ["diff", str(SAMPLE), str(SAMPLE)]),
        ("targetdoc.check.validate", "validate", ["validate", str(SAMPLE)]),
    ],
)
def test_an_unexpected_error_is_one_message_and_exit_3(
    module: str,
    name: str,
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import importlib

    def broken(*_: object, **__: object) -> object:
        raise ZeroDivisionError("division by zero")

    target = importlib.import_module(module)
    monkeypatch.setattr(target, name, broken)
    if module == "targetdoc.api":
        monkeypatch.setattr("targetdoc.parse.parse_file", broken)
    for debug in (False, True):
        monkeypatch.setattr(sys, "argv", ["targetdoc", *(["--debug"] if debug else []), *args])
        with pytest.raises(SystemExit) as stopped:
            main()
        assert stopped.value.code == 3
        err = capsys.readouterr().err
        command = "--debug" if debug else args[0]
        assert err.endswith(
            f"targetdoc: internal error: ZeroDivisionError in {command}: division by zero\n"
            "This is a bug in targetdoc, not in your input: please report it at "
            "https://github.com/targetdoc/targetdoc/issues, with the output of the same "
            "command run with --debug.\n"
        )
        assert ("Traceback (most recent call last)" in err) == debug


# 23. One notice, one exit code, whichever command reads it.


def _truncated(tmp_path: Path) -> Path:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    (tmp_path / "notices").mkdir()
    path = tmp_path / "notices" / "cut.txt"
    path.write_text("\n".join(lines[:300]), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["parse", "{notice}", "-o", "{out}/x.yaml", "-q"], ["x.yaml"]),
        (["export", "{notice}", "-o", "{out}/x.csv"], ["x.csv"]),
        (["export", "{notice}", "-o", "{out}/x.xlsx"], ["x.xlsx"]),
        (["export", "{notice}", "-o", "{out}/x.docx"], ["x.docx"]),
        (["report", "{notice}", "-o", "{out}/x.html"], ["x.html"]),
        (["export", "{notice}", "--split", "unit", "-o", "{out}/letters"], ["letters"]),
        (["parse", "{folder}", "--out-dir", "{out}", "-q"], ["cut.yaml"]),
        (["export", "{notice}", "-o", "{out}/t.db", "-q"], ["t.db"]),
        (["score", "{notice}", "{actuals}", "-o", "{out}/s.json"], ["s.json"]),
        (["diff", "{notice}", str(SAMPLE), "-o", "{out}/d.md", "-f", "markdown"], ["d.md"]),
        (["audit-numbers", "{notice}"], []),
    ],
    ids=[
        "parse",
        "csv",
        "xlsx",
        "docx",
        "report",
        "split",
        "batch",
        "corpus",
        "score",
        "diff",
        "audit",
    ],
)
def test_a_truncated_notice_is_written_and_exits_2_in_every_command(
    args: list[str], written: list[str], tmp_path: Path
) -> None:
    notice = _truncated(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    actuals = tmp_path / "a.csv"
    actuals.write_text("unit,item,actual\n义马市,1,7\n", encoding="utf-8")
    filled = [
        arg.format(notice=notice, out=out, folder=notice.parent, actuals=actuals) for arg in args
    ]
    result = CliRunner().invoke(cli, filled)
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in out.iterdir()) == written
    if "--out-dir" not in args:
        assert f"{notice}:299: truncated notice (5 units written)" in result.stderr  # its last line


def test_a_batch_with_an_unplaced_line_exits_1_as_the_notice_alone(tmp_path: Path) -> None:
    folder, out = tmp_path / "notices", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    lines.insert(80, "这一行不是任何规则能放下的文字。")
    (folder / "odd.txt").write_text("\n".join(lines), encoding="utf-8")
    alone = CliRunner().invoke(
        cli, ["parse", str(folder / "odd.txt"), "-o", str(tmp_path / "o.yaml")]
    )
    batch = CliRunner().invoke(cli, ["parse", str(folder), "--out-dir", str(out), "-q"])
    assert (alone.exit_code, batch.exit_code) == (1, 1)
