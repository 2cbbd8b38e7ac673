"""The line joiner on hand-built lines: furniture, paragraph starts and continuations.

Lines are set on an A4 page (595 × 842 points) in a column from x = 85 to x = 509,
16-point characters 16 points wide (half-width ones 8), 28 points from one line's
foot to the next line's foot: the 公文 page of the PDF tests, measured by hand.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from targetdoc.read.layout import Column, Page, PdfLine, drop_furniture, paragraphs

LEFT, RIGHT, SIZE, PITCH = 85.0, 509.0, 16.0, 28.0
A4 = 842.0


def _width(char: str) -> float:
    return SIZE / 2 if char.isascii() else SIZE


def line(
    text: str,
    row: int,
    *,
    page: int = 1,
    indent: float = 0.0,
    centred: bool = False,
    size: float = SIZE,
    bold: bool = False,
    gap: float = 0.0,
) -> PdfLine:
    """A line on ``row`` (0 at the top of the column), starting ``indent`` in."""
    widths = tuple(_width(char) * size / SIZE for char in text)
    width = sum(widths)
    left = (LEFT + RIGHT - width) / 2 if centred else LEFT + indent
    bottom = 700.0 - row * PITCH - gap
    return PdfLine(page, text, left, left + width, bottom, bottom + size, size, bold, widths)


def full(text: str, indent: float = 0.0) -> str:
    """``text`` padded with 目 to fill the column's line (within half a character)."""
    while sum(map(_width, text)) + SIZE <= RIGHT - LEFT - indent:
        text += "目"
    return text


PAGES = [Page(1, A4), Page(2, A4), Page(3, A4)]
# The column as a whole notice's lines measure it (test_the_column_is_measured…).
COLUMN = Column(LEFT, RIGHT, SIZE, PITCH - SIZE)


def texts(lines: list[PdfLine]) -> list[str]:
    return [paragraph.text for paragraph in paragraphs(lines, PAGES, COLUMN)]


def test_an_indented_line_starts_a_paragraph_and_a_wrapped_one_continues() -> None:
    first = full("1. 生产总值增速", 2 * SIZE)
    lines = [
        line(first, 0, indent=2 * SIZE),
        line("高于全省平均水平（60分）；", 1),
        line(full("2. 规模以上工业", 2 * SIZE), 2, indent=2 * SIZE),
        line("增加值增速高于全省平均水平（60分）；", 3),
    ]
    assert texts(lines) == [
        first + "高于全省平均水平（60分）；",
        full("2. 规模以上工业", 2 * SIZE) + "增加值增速高于全省平均水平（60分）；",
    ]


def test_a_line_whose_first_piece_would_have_fitted_above_starts_a_paragraph() -> None:
    # No indent (a ragged page): the short line above ended its paragraph, since 义
    # would have fitted after it.
    lines = [line("4. 建立有效的交流机制（100分）。", 0), line("义马市", 1)]
    assert texts(lines) == ["4. 建立有效的交流机制（100分）。", "义马市"]


def test_a_number_too_wide_for_the_room_left_continues_the_line_above() -> None:
    # 11.94亿 is 48 points wide; 32 points were left at the end of the line above.
    above = full("17. 实际利用省外资金430.4亿元，实际利用境外资金")[:-2]
    assert RIGHT - line(above, 0).right == 32
    lines = [line(above, 0, indent=0), line("11.94亿美元（30分）；", 1)]
    assert texts(lines) == [above + "11.94亿美元（30分）；"]


def test_closing_punctuation_always_continues() -> None:
    lines = [line("1. 完成年度造林绿化任务（20分）", 0), line("；", 1, indent=2 * SIZE)]
    assert texts(lines) == ["1. 完成年度造林绿化任务（20分）；"]


def test_a_list_marker_starts_a_paragraph_after_a_full_line() -> None:
    above = full("1. 完成市政府确定的城镇化工作")
    lines = [line(above, 0), line("2. 完成市政府确定的消防工作（10分）；", 1)]
    assert texts(lines) == [above, "2. 完成市政府确定的消防工作（10分）；"]


@pytest.mark.parametrize(
    "marker",
    ["2、", "2．", "2）", "（2）", "二、", "（二）", "⑵", "②", "第二条", "第二章", "二.", "B、"],
)
def test_every_marker_the_grammar_knows_starts_a_paragraph(marker: str) -> None:
    # The markers are the grammar's outline_marker, not a copy: 第二章, 二. and B、
    # were missing from the copy this module once held.
    above = full("1. 完成市政府确定的城镇化工作")
    lines = [line(above, 0), line(marker + "完成市政府确定的消防工作（10分）；", 1)]
    assert texts(lines) == [above, marker + "完成市政府确定的消防工作（10分）；"]


def test_a_decimal_is_no_list_marker() -> None:
    above = full("3. 民间投资占固定资产投资比重比上年提高")
    lines = [line(above, 0), line("1.5个百分点（60分）；", 1)]
    assert texts(lines) == [above + "1.5个百分点（60分）；"]


def test_a_heading_set_apart_is_a_paragraph_with_its_style() -> None:
    lines = [
        line("各县（市、区）责任目标", 0, centred=True, size=20, bold=True),
        line("义马市", 1, bold=True),
        line("1. 生产总值增速高于全省平均水平（60分）；", 2, indent=2 * SIZE),
    ]
    found = paragraphs(lines, PAGES, COLUMN)
    assert [(p.text, sorted(p.style)) for p in found] == [
        ("各县（市、区）责任目标", ["bold", "centred", "larger"]),
        ("义马市", ["bold"]),
        ("1. 生产总值增速高于全省平均水平（60分）；", []),
    ]


def test_a_centred_heading_that_fills_its_first_line_continues_on_the_next() -> None:
    title = "三门峡市人民政府关于印发二〇二〇年度经济社会发展目标"
    lines = [
        line(title, 0, size=20, centred=True),
        line("的通知", 1, size=20, centred=True),
        line("各县（市、区）人民政府：", 2),
    ]
    assert texts(lines) == [title + "的通知", "各县（市、区）人民政府："]


def test_more_space_than_between_lines_starts_a_paragraph() -> None:
    above = full("金融风险事件等事项，完成情况由市牵头部门认定")
    lines = [
        line("1. 全员劳动生产率增速高于全省平均水平；", 0),
        line(full("2. 规模以上工业增加值增速"), 1),
        line(above, 2),
        line("陕州区", 3, gap=SIZE),  # a full line above, but a blank line's space
        line("1. 生产总值增速高于全省平均水平（60分）；", 4, gap=SIZE),
    ]
    assert texts(lines)[-2:] == ["陕州区", "1. 生产总值增速高于全省平均水平（60分）；"]


def test_a_sentence_runs_on_over_a_page_break() -> None:
    above = full("6. 一般公共预算收入增速高于全省平均水平，税收")
    lines = [
        line(above, 23),
        line("— 1 —", 26, centred=True, size=14),
        line("收入占一般公共预算收入的比重达到70%；", 0, page=2),
    ]
    assert texts(lines) == [above + "收入占一般公共预算收入的比重达到70%；"]
    assert [p.page for p in paragraphs(lines, PAGES, COLUMN)] == [1]


def test_page_numbers_and_running_headers_are_furniture() -> None:
    header = "三门峡市人民政府关于印发2020年度经济社会发展目标的通知"
    body = [line(f"{n}. 完成目标任务（10分）；", 2, page=n, indent=2 * SIZE) for n in (1, 2, 3)]
    furniture = [
        *(line(header, -3, page=n, size=10, centred=True) for n in (1, 2, 3)),
        *(line(f"— {n} —", 24, page=n, size=14, centred=True) for n in (1, 2, 3)),
    ]
    kept = drop_furniture([*furniture, *body], PAGES)
    assert kept == body


def test_a_line_repeated_in_the_body_is_not_furniture() -> None:
    # The same words on every page, but in the middle of the page: text, not furniture.
    body = [line("完成市政府确定的目标任务（10分）；", 10, page=n) for n in (1, 2, 3)]
    assert drop_furniture(body, PAGES) == body


def test_the_column_is_measured_from_its_lines() -> None:
    lines = [
        line(full("1. 生产总值", 2 * SIZE), 0, indent=2 * SIZE),
        line(full("高于全省平均水平"), 1),
        line("高于全省平均水平（60分）；", 2),
        line(full("2. 规模以上", 2 * SIZE), 3, indent=2 * SIZE),
        line(full("增加值增速高于全省平均水平"), 4),
        line("增加值（60分）；", 5),
    ]
    column = Column.measure(lines)
    assert (column.left, column.right, column.size, column.gap) == (LEFT, RIGHT, SIZE, PITCH - SIZE)


def test_punctuation_hanging_past_the_edge_does_not_move_it() -> None:
    lines = [
        line(full("1. 生产总值增速高于全省", 2 * SIZE) + "，", 0, indent=2 * SIZE),
        line(full("平均水平"), 1),
        line("高于全省平均水平（60分）；", 2),
    ]
    assert lines[0].right > RIGHT
    assert Column.measure(lines).right == lines[1].right  # the full line without it


def test_a_heading_that_fills_its_line_shows_the_column_of_a_short_notice() -> None:
    # Every body paragraph fits on its one indented line: only the title, which wraps,
    # reaches the left edge; its second line, centred, continues it.
    title = "东山市人民政府关于下达2021-2022年度乡镇街道目标责任的"
    lines = [
        line(title, 0, size=SIZE),
        line("通知", 1, centred=True),
        line("各县人民政府，市直各单位：", 2, indent=2 * SIZE),
        line("2021年3月1日", 3, indent=2 * SIZE),
    ]
    assert lines[0].right == RIGHT  # the title fills its line
    column = Column.measure(lines)
    assert (column.left, column.right) == (LEFT, RIGHT)
    assert [p.text for p in paragraphs(lines, PAGES)] == [
        title + "通知",
        "各县人民政府，市直各单位：",
        "2021年3月1日",
    ]


# --- headings by family and centring; furniture only where it repeats in place ----------


def test_a_centred_heading_under_a_wrapped_line_ending_near_the_edge_starts_a_paragraph() -> None:
    # The page: the body line above ends 10 points short of the edge (a
    # character is 16), the unit heading is centred in the body's size and weight.
    item = full("5. 完成市政府确定的其他工作任务", 2 * SIZE)
    wrapped = full("目标任务")[:-1] + "，"
    lines = [
        line(item, 0, indent=2 * SIZE),
        line(wrapped, 1),
        line("市政府国资委", 2, centred=True),
        line("（一）重点目标（500分）", 3, indent=2 * SIZE),
    ]
    assert RIGHT - lines[1].right < SIZE
    assert texts(lines) == [item + wrapped, "市政府国资委", "（一）重点目标（500分）"]


def test_a_centred_category_heading_nearly_filling_its_line_is_apart_from_the_unit_below() -> None:
    # docs/pdf.md's silent merge: a larger centred category heading with less room on
    # its line than the unit's first character, the unit's name centred below in the
    # same style. The grammar reads the first line as a whole heading.
    heading = line("承担经济社会发展职能的政府部门责任目标", 0, centred=True, size=22.0)
    assert RIGHT - LEFT - (heading.right - heading.left) < 22.0
    unit = line("市发展改革委", 1, centred=True, size=22.0)
    assert texts([heading, unit]) == ["承担经济社会发展职能的政府部门责任目标", "市发展改革委"]


def test_a_change_of_font_family_sets_a_heading_apart_and_is_its_style() -> None:
    # 黑体 against 仿宋, flush left, no weight, no extra space: the family alone.
    body = full("3. 完成市政府确定的城镇化工作目标任务，推进", 2 * SIZE)
    lines = [
        replace(line(body, 0, indent=2 * SIZE), family="fangsong_gb2312"),
        replace(line("市教育局", 1), family="simhei"),
        replace(line("（一）重点目标（500分）", 2, indent=2 * SIZE), family="kaiti_gb2312"),
        replace(
            line("1. 学前教育毛入园率达到90%（60分）；", 3, indent=2 * SIZE),
            family="fangsong_gb2312",
        ),
    ]
    column = replace(COLUMN, family="fangsong_gb2312")
    found = paragraphs(lines, PAGES, column)
    assert [(p.text, sorted(p.style)) for p in found] == [
        (body, []),
        ("市教育局", ["typeface"]),
        ("（一）重点目标（500分）", ["typeface"]),
        ("1. 学前教育毛入园率达到90%（60分）；", []),
    ]


def test_digits_in_a_latin_font_are_no_change_of_family() -> None:
    # A wrapped line starting with 2020 set in Times New Roman: its family is that of
    # its first Chinese character, so it continues the paragraph.
    above = full("1. 完成省政府下达的目标任务，", 2 * SIZE)
    lines = [
        replace(line(above, 0, indent=2 * SIZE), family="fangsong_gb2312"),
        replace(line("2020年底前完成（20分）；", 1), family="fangsong_gb2312"),
    ]
    assert texts(lines) == [above + "2020年底前完成（20分）；"]


def test_a_heading_that_fills_its_line_runs_on_onto_a_line_not_quite_centred() -> None:
    # A larger title filling its line; its second line stands in 1.5 characters from
    # each side, too little to call centred against the body's size.
    title = "南川市人民政府办公室关于印发2021年重点工作"
    widths = sum(_width(char) for char in title) * 20 / SIZE
    first = line(title, 0, size=20)
    assert RIGHT - LEFT - widths < 20
    rest = line("任务分解方案的通知", 1, size=20, indent=24)
    body = line("各县（市、区）人民政府：", 2)
    assert [p.text for p in paragraphs([first, rest, body], PAGES, COLUMN)] == [
        title + "任务分解方案的通知",
        "各县（市、区）人民政府：",
    ]


def test_a_tier_heading_repeated_at_the_top_of_pages_is_text_not_a_running_header() -> None:
    # Word's default margins put each page's first lines in the top band: the same
    # （二）一般目标（200分） heads two of three pages, at the same place. The grammar
    # places it, so it is kept; the running header, which it does not, is dropped.
    header = "三门峡市人民政府文件"
    tiers = [line("（二）一般目标（200分）", -1, page=n, indent=2 * SIZE) for n in (1, 2)]
    headers = [line(header, -3, page=n, size=10, centred=True) for n in (1, 2, 3)]
    body = [line("1. 完成目标任务（10分）；", 4, page=n, indent=2 * SIZE) for n in (1, 2, 3)]
    assert all(t.top > A4 * (1 - 0.14) for t in tiers)
    assert drop_furniture([*headers, *tiers, *body], PAGES) == [*tiers, *body]


def test_a_line_on_only_some_pages_or_moving_is_not_furniture() -> None:
    # A running header on one page of three, and a title at different heights.
    once = line("三门峡市人民政府文件", -3, page=1, size=10, centred=True)
    moving = [line("内部资料", -3 + n, page=n, size=10) for n in (1, 2, 3)]
    assert drop_furniture([once, *moving], PAGES) == [once, *moving]


def test_a_large_line_repeated_in_the_middle_of_every_page_is_a_watermark() -> None:
    marks = [line("征求意见稿", 12, page=n, size=48, centred=True) for n in (1, 2, 3)]
    body = [line("1. 完成目标任务（10分）；", 11, page=n, indent=2 * SIZE) for n in (1, 2, 3)]
    assert drop_furniture([*marks, *body], PAGES) == body


def test_a_large_line_mid_page_is_a_watermark_but_a_large_issuer_at_the_top_is_not() -> None:
    # One page: 征求意见稿 at three times the body's size across its middle goes; the
    # red 红头 at the top, as large, stays for the header.
    issuer = line("三门峡市人民政府文件", -4, size=48, centred=True)
    mark = line("征求意见稿", 12, size=48, centred=True)
    body = line("1. 完成目标任务（10分）；", 11, indent=2 * SIZE)
    filler = [line(full("各县（市、区）人民政府"), row) for row in range(13, 20)]
    assert drop_furniture([issuer, mark, body, *filler], PAGES[:1]) == [issuer, body, *filler]
