"""Real-world inputs read to the same records; bad input fails loudly and loses nothing."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from targetdoc.cli import cli
from targetdoc.errors import InputError
from targetdoc.models import Notice
from targetdoc.parse import parse_source
from targetdoc.read.source import Source

from variants import ENCODED, docx_document, html_page, sample_text


def records(notice: Notice) -> dict[str, Any]:
    """Everything but the provenance, which names the file and its bytes."""
    return notice.model_dump(exclude={"source"})


def parse_bytes(data: bytes, name: str) -> Notice:
    return parse_source(Source.from_bytes(data, name=name)).notice


@pytest.fixture(scope="module")
def expected(notice: Notice) -> dict[str, Any]:
    return records(notice)


@pytest.mark.parametrize("variant", sorted(ENCODED))
def test_variant_gives_the_same_records(variant: str, expected: dict[str, Any]) -> None:
    notice = parse_bytes(ENCODED[variant](sample_text()), f"notice.{variant}.txt")
    assert records(notice) == expected


@pytest.mark.parametrize(
    ("variant", "encoding"),
    [
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-8-bom", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("crlf", "utf-8"),
    ],
)
def test_encoding_used_is_recorded(variant: str, encoding: str) -> None:
    notice = parse_bytes(ENCODED[variant](sample_text()), "notice.txt")
    assert notice.source.encoding == encoding


def test_html_page_with_declared_gbk_charset(expected: dict[str, Any]) -> None:
    notice = parse_bytes(html_page(sample_text()), "notice.html")
    assert notice.source.encoding == "gb18030"
    assert records(notice) == expected


def test_word_document(expected: dict[str, Any]) -> None:
    notice = parse_bytes(docx_document(sample_text()), "notice.docx")
    assert notice.source.encoding == "docx"
    assert records(notice) == expected


def test_standard_input_in_gb18030(expected: dict[str, Any]) -> None:
    result = CliRunner().invoke(
        cli, ["parse", "-", "-f", "json"], input=ENCODED["gb18030"](sample_text())
    )
    assert result.exit_code == 0, result.output
    assert '"encoding": "gb18030"' in result.stdout


# --- bad input: one message naming the file, exit code 2, nothing lost --------------------


def _invoke(path: Path | str, *extra: str) -> Any:
    return CliRunner().invoke(cli, ["parse", str(path), *extra])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\n\n   \n", "is empty"),
        (bytes(range(256)) * 40, "binary data, not a text notice"),
        ("第一回 宴桃园豪杰三结义\n话说天下大势，分久必合，合久必分。\n".encode(), "not a target"),
        ("单位,目标,分值\n市林业局,完成造林绿化任务,300\n".encode(), "not a target"),
        (b"\xff\xfe" + b"\x01\xe0" * 1000, "decodes as UTF-16 only into unlikely characters"),
        (b"\xff\xfe" + b"\xfa\xde" * 1000, "not valid UTF-16 (byte 0xfa at offset 2)"),
    ],
    ids=["empty", "blank", "binary", "novel", "csv", "utf16-private-use", "utf16-surrogates"],
)
def test_bad_input_is_one_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = _invoke(path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"targetdoc: error: {path}")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_random_bytes_never_decode_into_mojibake(tmp_path: Path) -> None:
    import random

    generator = random.Random(20201127)
    for attempt in range(20):
        path = tmp_path / f"random{attempt}.bin"
        path.write_bytes(bytes(generator.randrange(1, 256) for _ in range(4096)))
        result = _invoke(path)
        assert result.exit_code == 2, result.stdout[:200]
        assert "Traceback" not in result.output


def test_directory_missing_and_unreadable_files(tmp_path: Path, monkeypatch: Any) -> None:
    assert f"{tmp_path}: is a folder; several notices or a folder need --out-dir" in (
        _invoke(tmp_path).stderr
    )
    assert "no such file" in _invoke(tmp_path / "missing.txt").stderr
    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")

    opened = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == locked:  # root reads anything: deny it here as the file system would
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = _invoke(locked)
    assert result.exit_code == 2
    assert result.stderr == f"targetdoc: error: {locked}: cannot read: Permission denied\n"


def test_truncated_notice_yields_its_units_and_says_what_is_missing(tmp_path: Path) -> None:
    lines = sample_text().split("\n")
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:300]), encoding="utf-8")  # ends inside 灵宝市
    out = tmp_path / "cut.yaml"
    result = _invoke(cut, "-o", str(out))
    assert result.exit_code == 2
    assert f"{cut}:299: TD103 error the notice ends here without its footer" in result.stderr
    assert "truncated notice (5 units written)" in result.stderr
    from targetdoc.canonical import load_yaml

    notice = load_yaml(out.read_text(encoding="utf-8"))
    assert [unit.name for unit in notice.units] == [
        "义马市",
        "澠池县",
        "湖滨区",
        "陕州区",
        "灵宝市",
    ]


def test_failure_never_truncates_an_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "keep.yaml"
    out.write_text("kept: true\n", encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01" * 100)
    assert _invoke(binary, "-o", str(out)).exit_code == 2
    assert out.read_text(encoding="utf-8") == "kept: true\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "keep.yaml"]


def test_interrupted_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: Any) -> None:
    from conftest import SAMPLE

    out = tmp_path / "out.yaml"
    out.write_text("kept: true\n", encoding="utf-8")

    def fail(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = _invoke(SAMPLE, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.endswith(f"{out}: cannot write: No space left on device\n")
    assert out.read_text(encoding="utf-8") == "kept: true\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


def test_ten_megabyte_single_line_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("完成目标任务" * (10 * 1024 * 1024 // 18), encoding="utf-8")
    started = time.perf_counter()
    result = _invoke(path)
    # A generous bound: this checks for runaway backtracking, not speed.
    assert time.perf_counter() - started < 30
    assert result.exit_code == 2
    assert "not a target-responsibility notice" in result.stderr


@pytest.mark.parametrize(
    "line",
    [
        "(" * 1_000_000,
        "1" * 1_000_000,
        "1. " + "(1分" * 40_000,
        "1. " + "、" * 500_000 + "（10分）",
        "1. " + " " * 1_000_000 + "x",
        "1. " + "达到" * 250_000 + "1万",
        "1. " + "1万人，" * 40_000 + "（10分）",
        "## " + "目标" * 500_000,
        "1. " + "1." * 500_000,
        "1. " + "（" * 500_000 + "分）",
        "1. " + "完成" * 500_000,
    ],
    ids=[
        *("parens", "digits", "points", "commas", "spaces", "comparators"),
        *("thresholds", "heading", "decimals", "brackets", "cjk"),
    ],
)
def test_adversarial_long_line_parses_in_bounded_time(line: str) -> None:
    # Lines of up to a megabyte that trip backtracking patterns; the two cases full
    # of real thresholds are shorter, as each threshold costs a validated record.
    text = "## 市林业局\n### （一）重点目标（500分）\n" + line + "\n"
    started = time.perf_counter()
    with contextlib.suppress(InputError):
        parse_source(Source.from_text(text, name="adversarial.txt"))
    # Under a second on a quiet machine; the bound is generous for loaded CI machines.
    assert time.perf_counter() - started < 10
