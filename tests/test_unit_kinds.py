"""A unit's kind comes from its name (and, where the name says neither, its category),
not from the shape of its targets: a county with sections, a department with one block."""

from __future__ import annotations

import pytest

from targetdoc.api import parse_notice
from targetdoc.parse.unit_kinds import unit_kind

from conftest import NOTICES

COUNTIES = "各县（市、区）责任目标"
DEPARTMENTS = "承担经济社会发展职能的政府部门责任目标"


@pytest.mark.parametrize(
    ("name", "category", "kind"),
    [
        ("义马市", COUNTIES, "county"),
        ("澠池縣", "", "county"),  # traditional characters fold to 县
        ("东山县政府", "", "county"),
        ("云溪镇人民政府", "", "county"),
        ("城乡一体化示范区", COUNTIES, "county"),
        ("开发区管委会", "", "county"),
        ("城关街道办事处", "", "county"),
        ("县发改委", "", "department"),
        ("市林业局", DEPARTMENTS, "department"),
        ("市政府办公室", DEPARTMENTS, "department"),
        ("国网三门峡供电公司", "垂管部门及驻峡企业责任目标", "department"),
        ("市公安局开发区分局", DEPARTMENTS, "department"),
        ("三门峡职业技术学院", "", "department"),
        # A name that says neither: its category decides.
        ("义煤", COUNTIES, "county"),
        ("义煤", "驻市企业责任目标", "department"),
        ("某某", "", "department"),
    ],
)
def test_the_kind_from_the_name_then_the_category(name: str, category: str, kind: str) -> None:
    assert unit_kind(name, category) == kind


@pytest.mark.parametrize(
    ("shape", "kinds"),
    [
        # A county with sections, and a department with a single block.
        ("nested-county", [("东山县政府", "county"), ("县发改委", "department")]),
        ("parts", [("城关镇", "county"), ("某镇", "county")]),
        ("letter", [("桃花镇", "county")]),
        ("traditional", [("澠池縣", "county")]),
        ("web-page", [("市教育局", "department")]),
    ],
)
def test_each_shape_s_units_have_the_kind_their_names_say(
    shape: str, kinds: list[tuple[str, str]]
) -> None:
    notice = parse_notice(NOTICES / f"{shape}.txt")
    assert [(unit.name, unit.kind) for unit in notice.units] == kinds


def test_the_sample_keeps_its_kinds(notice: object) -> None:
    from targetdoc.models import Notice

    assert isinstance(notice, Notice)
    counties = [unit.name for unit in notice.units if unit.kind == "county"]
    assert counties == [
        "义马市",
        "澠池县",
        "湖滨区",
        "陕州区",
        "灵宝市",
        "卢氏县",
        "城乡一体化示范区",
        "开发区",
    ]
    assert {unit.category for unit in notice.units if unit.kind == "county"} == {COUNTIES}
