"""Entries run together on one line, and a sharing site's chunks: the outline splits
them where the numbering goes on (a level open above, or a first entry after a
heading's points), and joins a sentence a chunk cut."""

from __future__ import annotations

from targetdoc.api import parse_text
from targetdoc.models import Notice


def _outline(notice: Notice) -> list[tuple[str, int, object, str]]:
    """Each item as (its tier's path, number, points, text)."""
    found = []
    for unit in notice.units:
        for path, item in _items(unit.tiers, ()):
            found.append((" / ".join(path), item.number, item.points, item.text))
    return found


def _items(tiers: list, path: tuple[str, ...]) -> list:  # type: ignore[type-arg]
    found = []
    for tier in tiers:
        here = (*path, tier.name) if tier.name else path
        found += [(here, item) for item in tier.items]
        found += _items(tier.tiers, here)
    return found


RUN_TOGETHER = """\
云岭镇2019年度村级目标管理考核细则

一、组织建设（20分）（一）班子建设（12分）1.村“两委”班子分工不明确的扣2分。2.未按时召开支部会议的扣1分/次。（二）党员管理（8分）党员档案不全的扣1分。二、产业发展（15分）（一）集体增收（15分）1.村集体收入低于5万元的扣5分。2.未建立集体资产台账的扣2分。

云岭镇人民政府
"""


def test_a_line_that_runs_entries_of_three_levels_together_is_split() -> None:
    notice = parse_text(RUN_TOGETHER, name="run-together.txt")
    assert _outline(notice) == [
        (
            "组织建设",
            1,
            12,
            "班子建设 1.村“两委”班子分工不明确的扣2分 2.未按时召开支部会议的扣1分/次",
        ),
        ("组织建设", 2, 8, "党员管理党员档案不全的扣1分"),
        (
            "产业发展",
            1,
            15,
            "集体增收 1.村集体收入低于5万元的扣5分 2.未建立集体资产台账的扣2分",
        ),
    ]


CHUNKED = """\
2019年云岭镇村级目标管理考核细则

资源描述:

1、2019年云岭镇村级目标管理考核细则一、组织建设（20分）（一）班子建设（12分）1.村“两委”班子分工不明确的扣2分。2.未按时召开支部会议的扣1分/次。3.村务监督委员会未按规定履

2、职的扣1分。（二）党员管理（8分）1.党员档案不全的扣1分。2.未按期收缴党费的扣0.5分。二、产业发展（15分）（一）集体增收（15分）1.村集体收入低于5万元的扣5分。2.未建立集体资产台账的扣2

3、分。3.集体资产出租未公开招标的扣1分/次。

本文档共3页，可在线阅读全部内容。
"""


def test_a_sharing_site_s_chunks_are_one_text() -> None:
    notice = parse_text(CHUNKED, name="chunked.txt")
    assert _outline(notice) == [
        (
            "组织建设",
            1,
            12,
            "班子建设 1.村“两委”班子分工不明确的扣2分 2.未按时召开支部会议的扣1分/次 "
            "3.村务监督委员会未按规定履职的扣1分",
        ),
        (
            "组织建设",
            2,
            8,
            "党员管理 1.党员档案不全的扣1分 2.未按期收缴党费的扣0.5分",
        ),
        (
            "产业发展",
            1,
            15,
            "集体增收 1.村集体收入低于5万元的扣5分 2.未建立集体资产台账的扣2分 "
            "3.集体资产出租未公开招标的扣1分/次",
        ),
    ]


NUMBERED_PARAGRAPHS = """\
青禾县2020年度目标管理考核办法

1、考核对象为全县各乡镇和县直部门，考核内容包括经济发展、社会事业、党的建设三个方面，各项目标任务由县目标办会同有关部门分解下达，并在年初向社会公开。

2、考核采取平时检查与年终考核相结合的方式进行，年终考核由县目标办统一组织，各牵头部门按照职责分工提供考核数据，并对数据的真实性负责。

3、生产总值增长7%以上（20分）。
"""


def test_numbered_paragraphs_that_end_their_sentences_are_no_chunks() -> None:
    notice = parse_text(NUMBERED_PARAGRAPHS, name="paragraphs.txt")
    assert [(item.number, item.points) for _, _, item in notice.items()] == [
        (1, None),
        (2, None),
        (3, 20),
    ]
