"""Files of formats targetdoc does not read are named for what they are, with what to
do; messages say what a person would (issue 24, classes 21, 24)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scoresheet import unit_rows
from targetdoc.cli import cli
from targetdoc.read.kinds import UNREAD_FORMATS

from conftest import NOTICES

OFFICE_97 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _ofd() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
        archive.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    return buffer.getvalue()


CONTENTS = {".doc": OFFICE_97, ".xls": OFFICE_97, ".et": OFFICE_97, ".wps": OFFICE_97}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("suffix", sorted(UNREAD_FORMATS))
@pytest.mark.parametrize("command", ["parse", "validate", "export", "score-actuals"])
def test_a_file_of_a_format_not_read_is_named_for_what_it_is(
    suffix: str, command: str, tmp_path: Path
) -> None:
    path = tmp_path / f"通知{suffix}"
    path.write_bytes(CONTENTS.get(suffix, _ofd() if suffix == ".ofd" else b"{\\rtf1 x}"))
    args = {
        "parse": ["parse", str(path)],
        "validate": ["validate", str(path)],
        "export": ["export", str(path), "-f", "json"],
        "score-actuals": ["score", str(NOTICES / "web-page.txt"), str(path)],
    }[command]
    code, err = _run(*args)
    assert code == 2
    assert f"targetdoc: error: {path}: {UNREAD_FORMATS[suffix]}\n" in err


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notice.txt", OFFICE_97, "a Word or Excel 97-2003 file (.doc, .xls), or an encrypted"),
        ("notice.docx", _ofd(), UNREAD_FORMATS[".ofd"]),
        ("notice.xlsx", b"PK\x03\x04", "a workbook, not a notice: give the notice"),
    ],
)
def test_a_misnamed_file_is_named_by_its_content(
    name: str, data: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, err = _run("parse", str(path))
    assert code == 2
    assert err.startswith(f"targetdoc: error: {path}: {message}")


def test_macro_workbook_actuals_are_read_as_a_workbook(tmp_path: Path) -> None:
    import openpyxl

    notice = str(NOTICES / "web-page.txt")
    exported = tmp_path / "评分表.xlsx"
    assert CliRunner().invoke(cli, ["export", notice, "-o", str(exported)]).exit_code == 0
    book = openpyxl.load_workbook(exported)
    sheet = book["评分"]
    rows = unit_rows(sheet, "市教育局")
    # 完成情况 (column D) of items 1, 2 and 3, found under their sections.
    sheet[f"D{rows[1]}"], sheet[f"D{rows[2]}"], sheet[f"D{rows[3]}"] = "10;6", 97, "完成"
    macro = tmp_path / "评分表.xlsm"
    book.save(macro)
    result = CliRunner().invoke(cli, ["score", notice, str(macro), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "市教育局,,1,1,300,300,met,10所 ≥ 10所; 6所 ≥ 6所",
        "市教育局,,1,2,200,200,met,97% ≥ 96%",
        "市教育局,,1,3,200,200,met,完成",
    ]


@pytest.mark.parametrize("command", ["parse", "export"])
def test_a_folder_of_files_not_read_says_what_it_skipped(command: str, tmp_path: Path) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    for name in ("a.doc", "b.doc", "c.ofd", "d.wps", "readme.md"):
        (folder / name).write_bytes(b"x")
    args = ["parse", str(folder), "--out-dir", str(tmp_path)]
    if command == "export":
        args = ["export", str(folder), "-o", str(tmp_path / "t.db")]
    code, err = _run(*args)
    assert code == 2
    assert err == (
        f"targetdoc: error: {folder}: no notices to {command}; "
        f"2 .doc files skipped, each {UNREAD_FORMATS['.doc']}; "
        f"1 .ofd file skipped, each {UNREAD_FORMATS['.ofd']}; "
        f"1 .wps file skipped, each {UNREAD_FORMATS['.wps']}\n"
    )


# 24. Messages as a person would say them.


@pytest.mark.parametrize(
    ("actual", "message"),
    [
        ("10;6;3", "item 1 has 2 numeric targets but 3 values were reported"),
        ("97;1", "item 2 has 1 numeric target but 2 values were reported"),
    ],
)
def test_too_many_values_say_how_many_targets_in_words(
    actual: str, message: str, tmp_path: Path
) -> None:
    actuals = tmp_path / "a.csv"
    item = 1 if actual.startswith("10") else 2
    actuals.write_text(f"unit,item,actual\n市教育局,{item},{actual}\n", encoding="utf-8")
    code, err = _run("score", str(NOTICES / "web-page.txt"), str(actuals))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{actuals}:2: TD603 error {message}: give one value for each target, in order, "
        "separated by ;"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["parse", "{notice}", "-o", "out.txt"],
            "out.txt: parse writes the records as YAML or JSON, and .txt is neither: name "
            "the file .yaml, .yml or .json, or say --format (for tables, workbooks and "
            "letters: targetdoc export)",
        ),
        (
            ["export", "{notice}", "-o", "out.pdf"],
            "out.pdf: export cannot tell a format from .pdf: name the file .csv, .xlsx, "
            ".jsonl, .json, .yaml, .db or .docx, or say --format",
        ),
    ],
)
def test_an_output_name_of_no_format_says_which_names_are(args: list[str], message: str) -> None:
    filled = [arg.format(notice=NOTICES / "web-page.txt") for arg in args]
    code, err = _run(*filled)
    assert code == 2
    assert message in " ".join(err.split())
