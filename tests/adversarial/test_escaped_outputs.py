"""Text of a notice reaching a spreadsheet or a pull request stays text: one formula
guard for every CSV, Markdown escaped (issue 24, classes 19, 20)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from targetdoc.api import parse_text
from targetdoc.cli import cli
from targetdoc.diff import compare
from targetdoc.diff.marks import markdown_text
from targetdoc.diff.render import render
from targetdoc.export.formats import csv_text

from conftest import NOTICES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# 19. One guard for every CSV: no cell a spreadsheet would run as a formula.


@given(st.lists(st.one_of(st.text(max_size=20), st.integers(), st.none()), min_size=1, max_size=6))
def test_no_csv_cell_reads_as_a_formula(cells: list[str | int | None]) -> None:
    text = csv_text([f"c{n}" for n in range(len(cells))], [cells])
    (_, row) = list(csv.reader(io.StringIO(text, newline="")))
    for written, cell in zip(row, cells, strict=True):
        if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
            assert written == f"'{cell}"
        elif isinstance(cell, int):
            assert written == str(cell)  # numbers stay numbers, -3 too


def test_a_score_reason_starting_with_a_minus_is_guarded(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("unit,item,actual\n市教育局,2,-3\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["score", str(NOTICES / "web-page.txt"), str(actuals), "-f", "csv"]
    )
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[2] == ["市教育局", "", "1", "2", "200", "0", "not_met", "'-3% < 96%"]


def test_an_export_cell_starting_with_a_formula_mark_is_guarded(tmp_path: Path) -> None:
    notice = tmp_path / "n.txt"
    text = (NOTICES / "web-page.txt").read_text(encoding="utf-8")
    notice.write_text(text.replace("2. 义务教育", "2. =HYPERLINK(1)义务教育"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(notice), "-f", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    texts = [row[rows[0].index("text")] for row in rows[1:]]
    assert "'=HYPERLINK(1)义务教育巩固率达到96%" in texts


# 20. Markdown of a diff: a notice's text renders as itself, never as markup.

HOSTILE = [
    "<svg onload=alert(1)>",
    '<img src=x onerror="alert(1)">',
    "[点这里](javascript:alert(1))",
    "![](http://evil.example/track.png)",
    "**加粗** _斜体_ ~~删除~~",
    "`code` <!-- 注释",
    "@octocat 请审核",
    "| a | b |",
    "&lt;已转义&gt; &amp;",
    "反斜杠\\*",
]


def _html_of(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown))


def _text_of(html: str) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.tags: set[str] = set()

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.tags.add(tag)

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return "".join(parser.parts) + "\x00" + ",".join(sorted(parser.tags))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_notice_text_in_a_markdown_diff_renders_as_itself(hostile: str) -> None:
    head = (
        "南山县人民政府文件\n\n南政〔2022〕3号\n\n南山县人民政府关于下达目标责任的通知\n\n"
        "各单位：\n\n现将目标责任下达给你们。\n\n二〇二二年二月十日\n\n"
    )
    old = parse_text(head + "城关镇\n\n一、重点目标（100分）\n\n1. 新增就业500人（100分）\n")
    new = parse_text(
        head + f"城关镇\n\n一、重点目标（100分）\n\n1. 新增就业500人{hostile}（100分）\n"
    )
    diff = compare(old, new)
    written = new.units[0].tiers[0].items[0].text  # as the parser keeps it (** is markup)
    assert written.startswith("新增就业500人")
    markdown = render(diff, "markdown")
    text, tags = _text_of(_html_of(markdown)).split("\x00")
    assert written in text
    assert set(tags.split(",")) <= {"h1", "h2", "p", "ul", "li", "strong"}


@given(st.text(max_size=40))
def test_any_text_renders_as_itself_in_markdown(text: str) -> None:
    shown = " ".join(text.splitlines())
    rendered, tags = _text_of(_html_of(f"- **changed** {markdown_text(text)}\n")).split("\x00")
    assert set(tags.split(",")) <= {"ul", "li", "strong"}
    # CommonMark trims the line and collapses nothing else; NUL becomes U+FFFD.
    assert rendered.strip() == f"changed {shown}".replace("\x00", "\ufffd").strip()
