"""The corpus database: many notices in one SQLite file (export --format sqlite)."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.cli import cli
from targetdoc.errors import OutputError
from targetdoc.export import corpus
from targetdoc.export.corpus import SCHEMA, corpus_job, write_corpus
from targetdoc.models import Notice

from conftest import NOTICES, SAMPLE


def _export(*args: str) -> str:
    result = CliRunner().invoke(cli, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "targets.db"
    _export(str(SAMPLE), str(NOTICES / "nested-county.txt"), "-o", str(path), "-j", "2")
    return path


@pytest.fixture
def db(database: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(database)
    yield connection
    connection.close()


def _counts(connection: sqlite3.Connection, notice: str) -> dict[str, int]:
    return {
        name: connection.execute(
            f"select count(*) from {name} where notice_id = ?", [notice]
        ).fetchone()[0]
        for name in SCHEMA
    }


def test_every_table_holds_the_sample_exactly(db: sqlite3.Connection) -> None:
    assert _counts(db, "三政〔2020〕9号") == {
        "notices": 1,
        "units": 72,
        "tiers": 136,
        "items": 816,
        "thresholds": 501,
        # 501 items' thresholds and the city-wide list's 24, one row per indicator named.
        "indicators": 562,
        "findings": 3,
    }
    notice = db.execute(
        "select doc_number, issuer, city, year, title, issued_on, source_file, units, items, "
        "points from notices where notice_id = '三政〔2020〕9号'"
    ).fetchone()
    assert notice == (
        "三政〔2020〕9号",
        "三门峡市人民政府",
        "三门峡市",
        2020,
        "三门峡市人民政府关于印发2020年度经济社会发展目标的通知",
        "2020-08-22",
        "sanmenxia-2020.txt",
        72,
        816,
        50400,
    )
    # The sample's one error and its two warnings, by unit and line.
    assert db.execute(
        "select code, severity, unit, line from findings where notice_id = '三政〔2020〕9号'"
    ).fetchall() == [
        ("TD201", "error", "市住房城乡建设局", 650),
        ("TD202", "warning", "市住房城乡建设局", 650),
        ("TD211", "warning", "市住房城乡建设局", 648),
    ]


def test_items_carry_their_context_and_readable_thresholds(db: sqlite3.Connection) -> None:
    row = db.execute(
        "select item_key, unit_key, tier_key, issuer, city, year, unit, tier, number, points, "
        "thresholds, source_line from items where item_key = '三政〔2020〕9号/义马市/2'"
    ).fetchone()
    assert row == (
        "三政〔2020〕9号/义马市/2",
        "三政〔2020〕9号/义马市",
        "三政〔2020〕9号/义马市/经济、社会发展和本职工作责任目标",
        "三门峡市人民政府",
        "三门峡市",
        2020,
        "义马市",
        "经济、社会发展和本职工作责任目标",
        2,
        60,
        "> 全省平均水平; +0.5个百分点",
        75,
    )
    # Points and values keep their numbers: 60 an integer, 0.5 a real.
    assert db.execute(
        "select typeof(items.points), typeof(value) from thresholds join items using (item_key) "
        "where threshold_key = '三政〔2020〕9号/义马市/2#2'"
    ).fetchone() == ("integer", "real")


def test_nested_sections_key_their_items_by_section(db: sqlite3.Connection) -> None:
    keys = [
        key
        for (key,) in db.execute(
            "select item_key from items where unit = '东山县政府' order by source_line"
        )
    ]
    assert keys == [
        "东政〔2021〕5号/东山县政府/经济发展 › 重点工作/1",
        "东政〔2021〕5号/东山县政府/经济发展 › 重点工作/2",
        "东政〔2021〕5号/东山县政府/经济发展 › 一般工作/1",
        "东政〔2021〕5号/东山县政府/经济发展 › 一般工作/2",
        # 1、就业创业（250分） has parts (1) and (2); 2、完成义务教育… is item 2 of 社会事业.
        "东政〔2021〕5号/东山县政府/社会事业 › 就业创业/1",
        "东政〔2021〕5号/东山县政府/社会事业 › 就业创业/2",
        "东政〔2021〕5号/东山县政府/社会事业/2",
    ]


def test_full_text_search_finds_chinese_substrings(db: sqlite3.Connection, notice: Notice) -> None:
    expected = sorted(
        (unit.name, item.number) for unit, _, item in notice.items() if "招商引资" in item.text
    )
    found = db.execute(
        "select unit, number from items where rowid in "
        "(select rowid from items_fts where items_fts match '\"招商引资\"') "
        "and notice_id = '三政〔2020〕9号' order by unit, number"
    ).fetchall()
    assert sorted(found) == expected
    assert len(expected) == 34
    # unicode61, SQLite's default tokenizer, keeps a run of Han as one token and finds none.
    db.execute("create virtual table plain using fts5(text)")
    db.execute("insert into plain select text from items")
    assert db.execute("select count(*) from plain where plain match '招商引资'").fetchone()[0] == 0
    db.rollback()


def test_indicators_line_up_the_counties_against_the_city(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "select unit, unit_kind, normalised_value, measure, points from indicators "
        "where indicator = 'energy_intensity_decline' and unit_kind != 'department' "
        "and notice_id = '三政〔2020〕9号' order by source_line limit 2"
    ).fetchall()
    assert rows == [(None, "citywide", 2.5, "%", None), ("义马市", "county", 2.8, "%", 40)]
    assert db.execute(
        "select sum(normalised_value) from indicators "
        "where indicator = 'new_urban_jobs' and unit_kind = 'county' "
        "and notice_id = '三政〔2020〕9号'"
    ).fetchone() == (38000,)
    assert db.execute(
        "select name, kind, measure, indicator_group from indicator_catalog "
        "where code = 'new_urban_jobs'"
    ).fetchone() == ("城镇新增就业人数", "count", "人", "livelihood")


def test_foreign_keys_indexes_and_views_are_declared(db: sqlite3.Connection) -> None:
    references = {
        (table, row[3], row[2])
        for table in SCHEMA
        for row in db.execute(f"pragma foreign_key_list({table})")
    }
    assert references == {
        ("units", "notice_id", "notices"),
        ("tiers", "notice_id", "notices"),
        ("tiers", "unit_key", "units"),
        ("items", "notice_id", "notices"),
        ("items", "unit_key", "units"),
        ("items", "tier_key", "tiers"),
        ("thresholds", "notice_id", "notices"),
        ("thresholds", "item_key", "items"),
        ("indicators", "notice_id", "notices"),
        ("findings", "notice_id", "notices"),
    }
    assert db.execute("pragma foreign_key_check").fetchall() == []
    indexed = {
        (table, column)
        for table in SCHEMA
        for (_, index, *_rest) in db.execute(f"pragma index_list({table})")
        for (_, _, column) in db.execute(f"pragma index_info({index})")
    }
    for wanted in [("items", "year"), ("items", "city"), ("items", "unit")]:
        assert wanted in indexed
    assert ("thresholds", "comparator") in indexed
    detail = db.execute(
        "select doc_number, unit, unit_kind, number, points from item_details "
        "where item_key = '三政〔2020〕9号/义马市/2'"
    ).fetchone()
    assert detail == ("三政〔2020〕9号", "义马市", "county", 2, 60)
    threshold = db.execute(
        "select reading, item_points, item_text from threshold_details "
        "where threshold_key = '三政〔2020〕9号/义马市/2#2'"
    ).fetchone()
    assert threshold[:2] == ("+0.5个百分点", 60)
    assert threshold[2].startswith("规模以上工业增加值")


def _next_year(tmp_path: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8").replace("三政〔2020〕9号", "三政〔2021〕3号")
    path = tmp_path / "sanmenxia-2021.txt"
    path.write_text(text.replace("2020年", "2021年"), encoding="utf-8")
    return path


def test_re_exporting_a_notice_replaces_its_rows_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "targets.db"
    _export(str(SAMPLE), "-o", str(path), "-q")
    _export(str(_next_year(tmp_path)), "-o", str(path), "-q")
    connection = sqlite3.connect(path)
    before = _counts(connection, "三政〔2020〕9号")
    assert _counts(connection, "三政〔2021〕3号")["items"] == 816
    # The 2021 notice loses 义马市's item 20 (招商引资…) and is exported again.
    edited = _next_year(tmp_path)
    text = edited.read_text(encoding="utf-8")
    dropped = (
        "20. 实际利用省外资金53.39亿元，实际利用境外资金2.07亿美元，"
        "完成招商引资签约金额80亿元（20分）；\n"
    )
    assert text.count(dropped) == 1
    edited.write_text(text.replace(dropped, ""), encoding="utf-8")
    connection.close()
    _export(str(edited), "-o", str(path), "-q")
    connection = sqlite3.connect(path)
    assert _counts(connection, "三政〔2020〕9号") == before
    assert _counts(connection, "三政〔2021〕3号")["items"] == 815
    assert connection.execute("select count(*) from notices").fetchone()[0] == 2
    # The search index follows: 34 items of 2020 and the 33 left of 2021.
    assert (
        connection.execute(
            "select count(*) from items_fts where items_fts match '\"招商引资\"'"
        ).fetchone()[0]
        == 67
    )
    connection.close()


def test_a_notice_that_fails_is_reported_and_the_others_written(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01 not a notice")
    path = tmp_path / "targets.db"
    result = CliRunner().invoke(cli, ["export", str(SAMPLE), str(broken), "-o", str(path)])
    assert result.exit_code == 2
    assert f"targetdoc: error: {broken}: binary data, not a text notice (NUL bytes)" in (
        result.output
    )
    assert "wrote 1 notice (72 units, 816 items) from 1 of 2 files" in result.output
    assert sqlite3.connect(path).execute("select count(*) from items").fetchone() == (816,)


def test_a_failed_write_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "targets.db"
    write_corpus(path, [corpus_job((SAMPLE, "auto"))])
    before = path.read_bytes()

    def broken(database: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(corpus, "_search_index", broken)
    with pytest.raises(OutputError, match="cannot write: disk full"):
        write_corpus(path, [corpus_job((_next_year(tmp_path), "auto"))])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sanmenxia-2021.txt", "targets.db"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.db", "--table", "units"], "--table does not apply to sqlite"),
        (["-f", "sqlite"], "a database is a file: name it with -o FILE.db"),
        (["-o", "x.csv"], "--format csv exports one notice; sqlite takes many"),
    ],
)
def test_usage_errors_of_the_database(args: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(SAMPLE), str(SAMPLE), *args])
    assert result.exit_code == 2
    assert message in result.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_datasette_serves_the_database_with_its_metadata(database: Path, tmp_path: Path) -> None:
    metadata = tmp_path / "metadata.json"
    result = CliRunner().invoke(cli, ["schema", "--datasette", str(database)])
    assert result.exit_code == 0
    metadata.write_text(result.output, encoding="utf-8")
    labels = json.loads(result.output)["databases"]["targets"]["tables"]
    # Every table and column of the database is labelled.
    for name, spec in SCHEMA.items():
        assert set(labels[name]["columns"]) == set(spec["columns"]), name
    assert labels["items"]["facets"] == ["year", "city", "unit", "tier"]
    port = _free_port()
    datasette = Path(sys.executable).parent / "datasette"
    server = subprocess.Popen(
        [
            *(str(datasette), "serve", str(database), "--metadata", str(metadata)),
            *("--host", "127.0.0.1", "--port", str(port)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        query = (
            f"http://127.0.0.1:{port}/targets/items.json?_shape=array&_search=招商引资"
            "&notice_id=三政〔2020〕9号&_col=unit&_col=number&_size=100"
        )
        url = urllib.request.Request(urllib.parse.quote(query, safe=":/?&=_"))
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("datasette did not answer on loopback")
        assert len(rows) == 34
        assert {"unit": "义马市", "number": 20} in [
            {"unit": row["unit"], "number": row["number"]} for row in rows
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a database\n", "not a database targetdoc can add to (file is not a database)"),
        (None, "not a database targetdoc can add to (its table items has other columns)"),
    ],
    ids=["text", "another-database"],
)
def test_an_output_that_is_no_targetdoc_database_is_refused_and_kept(
    content: bytes | None, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "other.db"
    if content is None:  # a database of another shape: its own items table
        with sqlite3.connect(path) as other:
            other.execute("create table items (name text)")
        other.close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["export", str(NOTICES / "letter.txt"), "-o", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.startswith(f"targetdoc: error: {path}: {message}")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]
