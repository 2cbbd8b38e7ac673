"""Page furniture from a PDF's text: page numbers are no record, and sentences join across."""

from __future__ import annotations

from decimal import Decimal

from targetdoc.parse import parse_source
from targetdoc.read.source import Source

from conftest import SAMPLE


def _with(insertions: dict[int, str]) -> Source:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for index in sorted(insertions, reverse=True):
        lines.insert(index, insertions[index])
    return Source.from_text("\n".join(lines), name="paged.txt")


def test_page_numbers_alone_on_their_line_are_no_error() -> None:
    source = _with({100: "— 3 —", 400: "- 12 -", 700: "第 21 页 共 40 页", 900: "30 / 40"})
    result = parse_source(source)
    assert result.findings == ()
    plain = parse_source(Source.from_text(SAMPLE.read_text(encoding="utf-8")))
    assert len(result.notice.units) == len(plain.notice.units) == 72
    items = [(u.name, i.number, i.text, i.points) for u, _, i in result.notice.items()]
    assert items == [(u.name, i.number, i.text, i.points) for u, _, i in plain.notice.items()]


def test_a_page_number_between_two_halves_of_a_sentence_is_not_joined_into_it() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert lines[76] == "3. 新增入库“四上”企业26个（30分）；"
    # The PDF broke the page inside item 3: its page number stands between the halves.
    lines[76:77] = ["3. 新增入库“四上”企业", "", "— 4 —", "", "26个（30分）；"]
    result = parse_source(Source.from_text("\n".join(lines)))
    item = result.notice.units[0].tiers[0].items[2]
    assert (item.number, item.text, item.points) == (3, "新增入库“四上”企业26个", 30)
    assert (item.span.first, item.span.last) == (77, 81)
    assert [(t.value, t.unit) for t in item.thresholds] == [(Decimal(26), "个")]
    assert result.findings == ()
