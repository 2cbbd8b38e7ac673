"""Outputs: nothing lost, nothing written where it should not be, one message when it fails."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.canonical import load_yaml
from targetdoc.check.validate import validate
from targetdoc.cli import cli
from targetdoc.profile import load_profile

from conftest import ROOT, SAMPLE

GOLDEN = (ROOT / "data" / "yaml" / "sanmenxia-2020.yaml").read_bytes()


def test_dev_null_stays_a_device() -> None:
    # As root, -o /dev/null replaced the device with a regular file.
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "-o", "/dev/null", "-q"])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_full_device_is_one_message_and_stays_a_device() -> None:
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "-o", "/dev/full", "-q"])
    assert result.exit_code == 2
    assert result.stderr == "targetdoc: error: /dev/full: cannot write: No space left on device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "-o", str(fifo), "-q"])
    reader.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert received == [GOLDEN]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_link_to_a_file_keeps_its_link_and_the_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "-o", str(link), "-q"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert target.read_bytes() == GOLDEN


def test_an_output_suffix_that_names_no_canonical_format_is_refused(tmp_path: Path) -> None:
    # -o out.csv silently wrote YAML.
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 2
    assert "parse writes the records as YAML or JSON, and .csv is neither" in result.stderr
    assert not out.exists()


def test_batch_outputs_that_collide_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notice.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "a" / "notice.html").write_text("<p>x</p>", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    notices = [str(tmp_path / "a" / "notice.txt"), str(tmp_path / "b" / "notice.txt")]
    notices.append(str(tmp_path / "a" / "notice.html"))
    result = CliRunner().invoke(cli, ["parse", *notices, "--out-dir", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"targetdoc: error: notices would overwrite each other's output: {out / 'notice.yaml'} "
        f"from {' and '.join(notices)}: rename one, or parse them into separate folders\n"
    )
    assert list(out.iterdir()) == []


def test_a_report_is_written_in_the_current_folder_and_never_read_as_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    (root / "raw").mkdir(parents=True)
    (root / "yaml").mkdir()
    notice = root / "raw" / "sanmenxia-2020.txt"
    notice.write_bytes(SAMPLE.read_bytes())
    (root / "yaml" / "sanmenxia-2020.yaml").write_bytes(GOLDEN)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["report", str(notice)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sanmenxia-2020.report.html").is_file()
    assert not (root / "raw" / "sanmenxia-2020.report.html").exists()
    # A page left in raw/ (an earlier version's default) is skipped, by name or by its mark.
    page = (tmp_path / "sanmenxia-2020.report.html").read_bytes()
    (root / "raw" / "sanmenxia-2020.report.html").write_bytes(page)
    (root / "raw" / "review.html").write_bytes(page)
    report = validate([root], load_profile())
    assert report.files == 2  # the notice and its canonical file, no page
    assert {f.code for f in report.findings} == {"TD201", "TD202", "TD211"}  # no waivers here
    out = tmp_path / "out"
    out.mkdir()
    batch = CliRunner().invoke(cli, ["parse", str(root / "raw"), "--out-dir", str(out), "-q"])
    assert batch.exit_code == 0, batch.output
    assert sorted(p.name for p in out.iterdir()) == ["sanmenxia-2020.yaml"]
    named = CliRunner().invoke(cli, ["parse", str(root / "raw" / "review.html")])
    assert named.exit_code == 2
    assert "a page targetdoc report wrote, not a notice" in named.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_in_a_batch_stops_within_a_notice_and_says_what_was_written(
    tmp_path: Path, jobs: str
) -> None:
    notices, out = tmp_path / "notices", tmp_path / "out"
    notices.mkdir()
    out.mkdir()
    for number in range(60):
        (notices / f"n{number:02}.txt").write_bytes(SAMPLE.read_bytes())
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "targetdoc",
            "parse",
            str(notices),
            "--out-dir",
            str(out),
            "-j",
            jobs,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert time.monotonic() - started < 5  # about one notice per worker, not the queue
    written = sorted(p.name for p in out.iterdir())
    assert 0 < len(written) < 60
    assert f"targetdoc: interrupted: wrote {len(written)} of 60 canonical files" in stderr
    assert stderr.count("  not written: ") == 60 - len(written)
    for name in written:  # none half-written
        assert len(load_yaml((out / name).read_text("utf-8")).units) == 72
