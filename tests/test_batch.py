"""Batch mode: many notices in parallel processes, failures reported without stopping."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from targetdoc.canonical import dump_yaml, load_yaml
from targetdoc.check.validate import validate
from targetdoc.cli import cli
from targetdoc.cli.parse_job import ParseJob, parse_to_file
from targetdoc.errors import InputError
from targetdoc.pool import run_all
from targetdoc.profile import load_profile

from conftest import ROOT, SAMPLE


def _folder(tmp_path: Path) -> Path:
    notices = tmp_path / "notices"
    notices.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for name in ("a", "b", "c"):
        (notices / f"{name}.txt").write_text(text.replace("市教育局", f"市教育局{name}"), "utf-8")
    (notices / "broken.txt").write_bytes(b"\x00\x01binary")
    return notices


def test_batch_parses_every_notice_and_reports_the_failure(tmp_path: Path) -> None:
    notices, out = _folder(tmp_path), tmp_path / "out"
    result = CliRunner().invoke(cli, ["parse", str(notices), "--out-dir", str(out), "-j", "2"])
    assert result.exit_code == 2  # as parsing the unreadable notice alone exits
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]
    assert f"targetdoc: error: {notices / 'broken.txt'}: binary data" in result.stderr
    assert (
        "parsed 3 of 4 notices (216 units, 2448 items) with 2 processes; 1 failed" in result.stderr
    )
    unit_names = [u.name for u in load_yaml((out / "b.yaml").read_text("utf-8")).units]
    assert "市教育局b" in unit_names


def test_one_and_two_processes_write_the_same_files(tmp_path: Path) -> None:
    notices = _folder(tmp_path)
    (notices / "broken.txt").unlink()
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        out.mkdir()
        result = CliRunner().invoke(
            cli, ["parse", str(notices), "--out-dir", str(out), "-j", str(jobs), "-q"]
        )
        assert result.exit_code == 0, result.output
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 3


def test_batch_needs_an_output_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), str(SAMPLE)])
    assert result.exit_code == 2
    assert "need --out-dir" in result.stderr


def test_run_keeps_order_and_collects_errors(tmp_path: Path) -> None:
    jobs = [
        ParseJob(SAMPLE, tmp_path / "one.yaml", "yaml"),
        ParseJob(tmp_path / "missing.txt", tmp_path / "two.yaml", "yaml"),
    ]
    outcomes = run_all(parse_to_file, jobs, jobs=2)
    assert [o.input.output.name for o in outcomes] == ["one.yaml", "two.yaml"]
    assert outcomes[0].result is not None
    assert (outcomes[0].result.units, outcomes[0].result.items) == (72, 816)
    # The worker's error reaches the parent with its type and fields, not as a string.
    error = outcomes[1].error
    assert isinstance(error, InputError)
    assert (error.path, error.message) == (str(tmp_path / "missing.txt"), "no such file")
    assert (tmp_path / "one.yaml").read_text("utf-8") == dump_yaml(
        load_yaml((tmp_path / "one.yaml").read_text("utf-8"))
    )


def test_validate_in_parallel_finds_what_one_process_finds() -> None:
    one = validate([ROOT / "data"], load_profile(), jobs=1)
    two = validate([ROOT / "data"], load_profile(), jobs=2)
    assert one.findings == two.findings
    assert (one.files, one.units, one.items) == (two.files, two.units, two.items)


def test_batch_exits_as_a_single_parse_does(tmp_path: Path) -> None:
    """The worst of what parse gives each notice alone: 1 for a line no rule placed
    (TD101), 2 for a truncated notice or bad input; the output folder is made."""
    notices = tmp_path / "notices"
    notices.mkdir()
    web_page = (ROOT / "tests" / "notices" / "web-page.txt").read_text("utf-8")
    # The page's own lines are TD109 (information); a line after an item is TD101.
    web_page = web_page.replace("（200分）。\n", "（200分）。\n多出来的一行\n", 1)
    (notices / "web-page.txt").write_text(web_page, "utf-8")
    (notices / "sample.txt").write_text(SAMPLE.read_text("utf-8"), "utf-8")
    out = tmp_path / "out" / "yaml"
    single = CliRunner().invoke(cli, ["parse", str(notices / "web-page.txt"), "-q"])
    batch = CliRunner().invoke(cli, ["parse", str(notices), "--out-dir", str(out), "-q"])
    assert (single.exit_code, batch.exit_code) == (1, 1)
    assert sorted(p.name for p in out.iterdir()) == ["sample.yaml", "web-page.yaml"]
    lines = SAMPLE.read_text("utf-8").split("\n")
    (notices / "truncated.txt").write_text("\n".join(lines[:200]), "utf-8")
    single = CliRunner().invoke(cli, ["parse", str(notices / "truncated.txt"), "-q"])
    batch = CliRunner().invoke(cli, ["parse", str(notices), "--out-dir", str(out), "-q"])
    assert (single.exit_code, batch.exit_code) == (2, 2)
