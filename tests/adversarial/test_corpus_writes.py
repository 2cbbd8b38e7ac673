"""The corpus database: nothing lost to how the file is written, to other writers or
readers, or to keys that collide (issue 24, classes 1–5)."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.cli import cli

from conftest import NOTICES

PARTS = (NOTICES / "parts.txt").read_text(encoding="utf-8")
LETTER = (NOTICES / "letter.txt").read_text(encoding="utf-8")


def _notice(folder: Path, number: int, name: str = "parts.txt") -> Path:
    """parts.txt under another doc number (南政〔2022〕N号): another notice."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(PARTS.replace("南政〔2022〕3号", f"南政〔2022〕{number}号"), encoding="utf-8")
    return path


def _export(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["export", *map(str, args), "-q"])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# 1. The database is written in place: whatever the path is stays what it was.


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_corpus_keeps_its_mode_and_its_inode(mode: int, tmp_path: Path) -> None:
    path = tmp_path / "targets.db"
    assert _export(_notice(tmp_path / "a", 4), "-o", path)[0] == 0
    path.chmod(mode)
    inode = path.stat().st_ino
    assert _export(_notice(tmp_path / "b", 5), "-o", path)[0] == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.stat().st_ino == inode  # not a copy renamed over it: hard links hold
    assert _rows(path, "select notice_id from notices order by notice_id") == [
        ("南政〔2022〕4号",),
        ("南政〔2022〕5号",),
    ]


def test_a_linked_corpus_keeps_its_link(tmp_path: Path) -> None:
    real = tmp_path / "store" / "targets.db"
    real.parent.mkdir()
    link = tmp_path / "targets.db"
    link.symlink_to(real)
    assert _export(_notice(tmp_path / "a", 4), "-o", link)[0] == 0
    assert _export(_notice(tmp_path / "b", 5), "-o", link)[0] == 0
    assert link.is_symlink()
    assert _rows(real, "select count(*) from notices") == [(2,)]


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_path_that_is_no_regular_file_is_refused_and_stays(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "targets.db"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/null")
    before = path.lstat().st_mode
    code, output = _export(_notice(tmp_path / "a", 4), "-f", "sqlite", "-o", path)
    assert code == 2
    assert output == f"targetdoc: error: {path}: not a regular file: a database must be one\n"
    assert path.lstat().st_mode == before


def test_a_read_only_corpus_is_one_message_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "targets.db"
    assert _export(_notice(tmp_path / "a", 4), "-o", path)[0] == 0
    before = path.read_bytes()
    path.chmod(0o444)
    code, output = _export(_notice(tmp_path / "b", 5), "-o", path)
    if os.geteuid() == 0:  # root writes through modes: the export is made, the mode kept
        assert code == 0
        assert stat.S_IMODE(path.stat().st_mode) == 0o444
    else:
        assert code == 2
        assert output.startswith(f"targetdoc: error: {path}: cannot write")
        assert path.read_bytes() == before


# 2. A reader's WAL: the export writes through SQLite, so nothing is replayed onto a
# file that replaced the database.


def test_a_commit_in_an_open_wal_survives_an_export(tmp_path: Path) -> None:
    path = tmp_path / "targets.db"
    assert _export(_notice(tmp_path / "a", 4), "-o", path)[0] == 0
    reader = sqlite3.connect(path)
    reader.execute("pragma journal_mode = wal")
    reader.execute("pragma wal_autocheckpoint = 0")
    reader.execute("create table notes (note text)")
    reader.execute("insert into notes values ('复核')")
    reader.commit()
    assert (tmp_path / "targets.db-wal").stat().st_size > 0  # the commit is still in the WAL
    try:
        assert _export(_notice(tmp_path / "b", 5), "-o", path)[0] == 0
        assert reader.execute("select count(*) from notices").fetchone() == (2,)
    finally:
        reader.close()
    assert _rows(path, "pragma integrity_check") == [("ok",)]
    assert _rows(path, "select note from notes") == [("复核",)]
    assert _rows(path, "select count(*) from notices") == [(2,)]


# 3. Writers at once: SQLite's lock orders them, and every notice is kept.


def test_a_database_locked_too_long_is_one_message_and_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from targetdoc.export import corpus

    path = tmp_path / "targets.db"
    assert _export(_notice(tmp_path / "a", 4), "-o", path)[0] == 0
    before = path.read_bytes()
    monkeypatch.setattr(corpus, "LOCK_TIMEOUT_SECONDS", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        code, output = _export(_notice(tmp_path / "b", 5), "-o", path)
    finally:
        holder.execute("rollback")
        holder.close()
    assert code == 2
    assert output == (
        f"targetdoc: error: {path}: another program kept the database locked for 0.2 s "
        "(database is locked): nothing written; try again when it is done\n"
    )
    assert path.read_bytes() == before


def test_exports_into_one_corpus_at_once_keep_every_notice(tmp_path: Path) -> None:
    path = tmp_path / "targets.db"
    sources = [_notice(tmp_path / str(number), number) for number in range(10, 14)]
    command = [sys.executable, "-m", "targetdoc", "export", "-q", "-j", "1", "-o", str(path)]
    writers = [
        subprocess.Popen([*command, str(source)], stderr=subprocess.PIPE) for source in sources
    ]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0, 0, 0], errors
    assert _rows(path, "select notice_id from notices order by notice_id") == [
        (f"南政〔2022〕{number}号",) for number in range(10, 14)
    ]
    assert _rows(path, "select count(*) from items") == [(4 * 5,)]


# 4. Keys that cannot collide across notices.


def test_notices_without_doc_numbers_and_one_file_name_stay_two(tmp_path: Path) -> None:
    first = tmp_path / "甲市" / "2021.txt"
    second = tmp_path / "乙市" / "2021.txt"
    for path, town in ((first, "桃花镇"), (second, "杏花镇")):
        path.parent.mkdir()
        path.write_text(LETTER.replace("桃花镇", town), encoding="utf-8")
    database = tmp_path / "targets.db"
    result = CliRunner().invoke(cli, ["export", str(first), str(second), "-o", str(database)])
    assert result.exit_code == 0, result.output
    keys = [key for (key,) in _rows(database, "select notice_id from notices order by 1")]
    assert len(keys) == 2
    assert all(
        isinstance(key, str) and key.startswith("2021@") and len(key) == len("2021@") + 12
        for key in keys
    )
    assert _rows(database, "select name from units order by name") == [("杏花镇",), ("桃花镇",)]
    for path in (first, second):
        assert f"{path}: no doc number: keyed 2021@" in result.output
    assert "wrote 2 notices (2 units, 14 items) from 2 of 2 files" in result.output


def test_one_notice_as_text_and_canonical_file_is_one(tmp_path: Path) -> None:
    text = tmp_path / "2021.txt"
    text.write_text(LETTER, encoding="utf-8")
    canonical = tmp_path / "2021.yaml"
    assert CliRunner().invoke(cli, ["parse", str(text), "-o", str(canonical), "-q"]).exit_code == 0
    database = tmp_path / "targets.db"
    assert _export(text, canonical, "-o", database)[0] == 0
    assert _rows(database, "select count(*) from notices") == [(1,)]


def test_two_notices_with_one_doc_number_are_reported_not_merged(tmp_path: Path) -> None:
    first = _notice(tmp_path / "a", 7)
    second = tmp_path / "b" / "parts.txt"
    second.parent.mkdir()
    second.write_text(first.read_text(encoding="utf-8").replace("城关镇", "城西镇"), "utf-8")
    database = tmp_path / "targets.db"
    code, output = _export(first, second, "-o", database)
    assert code == 2
    assert output == (
        f"targetdoc: error: {second}: another notice, {first}, has its doc number "
        "南政〔2022〕7号: not written (export it into another database)\n"
    )
    assert _rows(database, "select name from units order by source_line") == [
        ("城关镇",),
        ("某镇",),
    ]


# 5. Repeats inside a notice (TD209, TD205) get rows of their own, not a refusal.


@pytest.mark.parametrize(
    ("change", "table", "keys"),
    [
        (
            ("某镇", "城关镇"),
            "units",
            ["南政〔2022〕3号/城关镇", "南政〔2022〕3号/城关镇 #2"],
        ),
        (
            (
                "1. 城镇新增就业500人（40分）",
                "1. 城镇新增就业500人（20分）\n\n1. 新增养老床位20张（20分）",
            ),
            "items",
            [
                "南政〔2022〕3号/城关镇/2",
                "南政〔2022〕3号/城关镇/社会民生/1",
                "南政〔2022〕3号/城关镇/社会民生/1 #2",
                "南政〔2022〕3号/城关镇/经济发展/1",
                "南政〔2022〕3号/某镇/社会民生/1",
                "南政〔2022〕3号/某镇/经济发展/1",
            ],
        ),
    ],
    ids=["unit-named-twice", "item-number-repeated"],
)
def test_repeats_inside_a_notice_are_kept_as_rows(
    change: tuple[str, str], table: str, keys: list[str], tmp_path: Path
) -> None:
    source = tmp_path / "parts.txt"
    source.write_text(PARTS.replace(*change), encoding="utf-8")
    database = tmp_path / "targets.db"
    assert _export(source, "-o", database)[0] == 0
    key = "unit_key" if table == "units" else "item_key"
    assert [k for (k,) in _rows(database, f"select {key} from {table} order by 1")] == keys
    assert _rows(database, "pragma foreign_key_check") == []
