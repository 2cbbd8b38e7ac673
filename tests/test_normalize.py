"""Cleaning keeps the notice's wording; folding maps one character to one."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from targetdoc.read.normalize import (
    _CLEAN_WIDTH,
    _FOLD,
    clean_and_fold_lines,
    fold,
    is_markup_only,
    join_lines,
    visible,
)

from conftest import clean


def test_clean_strips_heading_marks_and_emphasis() -> None:
    assert clean("## **市人防办**") == "市人防办"
    assert clean("### **（一）重点目标（500分）**") == "（一）重点目标（500分）"
    assert clean("**(二) 一般目标 (200分)**") == "(二) 一般目标 (200分)"


def test_clean_removes_sub_tags_but_keeps_their_text() -> None:
    line = "PM<sub>10</sub>及PM<sub>2.5</sub>浓度削减率目标（40分）；"
    assert clean(line) == "PM10及PM2.5浓度削减率目标（40分）；"


def test_clean_removes_zero_width_characters() -> None:
    assert clean("市\u200b教育局\ufeff") == "市教育局"


def test_fold_is_one_character_for_one() -> None:
    line = "（一）重点目标（５００分）；　"
    assert fold(line) == "(一)重点目标(500分); "
    assert len(fold(line)) == len(line)


def test_markup_only_lines() -> None:
    assert is_markup_only("---")
    assert not is_markup_only("--- 附件")


def test_join_breaks_cjk_without_space_and_latin_with_one() -> None:
    assert join_lines(["高新技术产业增加", "值占规模以上工业增加值的比重达到35%；"]) == (
        "高新技术产业增加值占规模以上工业增加值的比重达到35%；"
    )
    assert join_lines(["建成投运 110", "kV"]) == "建成投运 110 kV"


def test_thematic_breaks_of_every_kind_are_blank() -> None:
    from targetdoc.read.source import Source

    lines = Source.from_text("---\n***\n___\n-\u200b--\n* * *\n").lines
    assert [line.is_blank for line in lines] == [True] * 5


def test_split_list_keeps_the_notice_wording() -> None:
    from targetdoc.read.normalize import split_list

    assert split_list("市委各部门，军分区，部、省属有关单位。") == [
        "市委各部门",
        "军分区",
        "部、省属有关单位",
    ]
    assert split_list("各县（市、区）人民政府; 市人民政府各部门") == [
        "各县（市、区）人民政府",
        "市人民政府各部门",
    ]
    assert split_list("，，") == []


# Characters that cleaning or folding treat specially, and a few ordinary ones.
_TRICKY = (
    "#*_-<>/ab1２Ａｚ　\u00a0\u2003\t \u200b\ufeff\u00ad\x0b\x0c\x1c\x85\u2028"
    "（）；：，％市局。分\n()xiā"
)
_TAGS = ["<sub>", "</sub>", "<br/>", "<b >", "## ", "### ", "  # ", "**", "__", "---", "* * *"]


# Cleaning one line by its definition: heading marks at its start, then emphasis and
# tags, then the width of digits, letters and spaces, then the ends.
_HEADING_MARK = regex.compile(r"^\s{0,3}#{1,6}(?=\s|$)\s*")
_EMPHASIS_AND_TAGS = regex.compile(r"\*\*|__|</?[A-Za-z][A-Za-z0-9]*\s*/?>")


_GLOSS = regex.compile(r"(?<=\p{Han})\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")


def _clean_by_definition(line: str) -> str:
    text = visible(line)
    if text[:1] in "# \t":
        text = _HEADING_MARK.sub("", text)
    text = _GLOSS.sub("", str(_EMPHASIS_AND_TAGS.sub("", text)))
    return text.translate(_CLEAN_WIDTH).strip()


def test_a_converter_sites_pinyin_glosses_are_no_wording() -> None:
    assert (
        clean("鄉(xiāng)鎮(zhèn)目標(biāo)（權數10）(a) PM(2.5)") == "鄉鎮目標（權數10）(a) PM(2.5)"
    )


@given(st.lists(st.one_of(st.sampled_from(_TAGS), st.text(_TRICKY, max_size=4)), max_size=40))
def test_cleaning_a_whole_text_equals_cleaning_line_by_line(pieces: list[str]) -> None:
    text = "".join(pieces)
    cleaned = [_clean_by_definition(line) for line in text.split("\n")]
    assert clean_and_fold_lines(text) == (cleaned, [line.translate(_FOLD) for line in cleaned])


def test_lines_index_the_same_as_cleaning_each_line() -> None:
    from targetdoc.read.source import Source

    raw = (
        "## **市人防办**\r\n\u3000（一）重点目标（５００分）\r\n---\r\n\r\n"
        "  #### 2. 完成任务 (10分)；"
    )
    lines = Source.from_text(raw).lines
    assert [(line.number, line.text, line.folded, line.is_blank) for line in lines] == [
        (1, "市人防办", "市人防办", False),
        (2, "（一）重点目标（500分）", "(一)重点目标(500分)", False),
        (3, "---", "---", True),
        (4, "", "", True),
        (5, "2. 完成任务 (10分)；", "2. 完成任务 (10分);", False),
    ]


def test_traditional_characters_fold_to_simplified_one_for_one() -> None:
    from targetdoc.read.normalize import clean_and_fold_lines

    written = "西嶺市人民政府關於下達2021年度目標責任的通知"
    assert fold(written) == "西岭市人民政府关于下达2021年度目标责任的通知"
    assert len(fold(written)) == len(written)
    cleaned, folded = clean_and_fold_lines("1. 糧食產量穩定在２０萬噸以上（300分）；")
    assert cleaned == ["1. 糧食產量穩定在20萬噸以上（300分）；"]  # the wording as written
    assert folded == ["1. 粮食产量稳定在20万吨以上(300分);"]
    # The sample writes 澠池县 (traditional 澠) once; patterns see 渑池县.
    assert fold("澠池县") == "渑池县"


def test_chinese_numerals_round_trip() -> None:
    from targetdoc.numerals import from_chinese, to_chinese

    assert [to_chinese(n) for n in (1, 10, 12, 20, 99)] == ["一", "十", "十二", "二十", "九十九"]
    assert all(from_chinese(to_chinese(n)) == n for n in range(1, 100))
    assert [from_chinese(w) for w in ("一百零五", "壹", "拾贰", "一二", "十十", "")] == [
        105,
        1,
        12,
        None,
        None,
        None,
    ]
