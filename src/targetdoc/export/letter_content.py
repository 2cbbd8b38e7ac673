"""What a unit's 目标责任书 says, apart from how it is set: its title, the two parties by
their full names, the notice it rests on, and the rows of its table of targets with
each tier's 小计 and the 合计 of the unit's full score.

Both writers read it: the letter targetdoc sets itself (``letter.py``, python-docx) and
an office's own Word template (``--template FILE.docx``, docxtpl), whose Jinja tags name
the keys of ``Letter.context()``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from targetdoc.decimals import number_text
from targetdoc.models import Item, Notice, Points, Tier, Unit, points_total
from targetdoc.numerals import to_chinese

RowKind = Literal["section", "item", "subtotal", "total"]


@dataclass(frozen=True)
class Row:
    """A row of the table: 序号, 目标任务 (or a section's heading), 分值, 责任单位."""

    kind: RowKind
    number: str
    text: str
    points: str
    responsible: str = ""
    level: int = 0  # a section's depth: 0 for 一、, 1 for （一）, 2 for 1、
    # The names of the tiers an item or a 小计 is in, outermost first (the shared
    # targets' row: their name); what the 评分 sheet's formulas add up by.
    path: tuple[str, ...] = ()
    item: int | None = None  # an item's number


@dataclass(frozen=True)
class Letter:
    """One unit's letter, as text."""

    title: str
    issuer: str  # 甲方, the office that assigns the targets, by its full name
    unit: str  # 乙方, the unit, by its full name
    unit_name: str  # the unit as the notice names it
    basis: str  # 《title》（doc number）
    year: str
    total: str  # the unit's full score
    rows: list[Row] = field(default_factory=list)
    responsible: bool = False  # whether the table has a 责任单位 column
    deduction: str = ""  # the deduction clause (目标考核减分因素)

    def context(self) -> dict[str, Any]:
        """The keys an office's template may use: ``{{ title }}``, ``{{ issuer }}``,
        ``{{ unit }}``, ``{{ basis }}``, ``{{ total }}``, ``{{ deduction }}``, and
        ``{%tr for row in rows %}`` with ``row.kind``, ``row.number``, ``row.text``,
        ``row.points`` and ``row.responsible``."""
        return asdict(self)


# 三门峡市人民政府关于印发2020年度经济社会发展目标的通知: the subject is 经济社会发展.
_SUBJECT = re.compile(r"\d{4}\s*年度?+(?P<subject>[^，,。《》]{0,20}?)(?:责任)?目标")
# Areas governed by a 管理委员会 rather than a 人民政府 (城乡一体化示范区, 开发区).
_COMMITTEE_AREAS = ("开发区", "示范区", "新区", "园区", "高新区", "试验区")
_GOVERNED = ("政府", "管委会", "委员会", "办事处")


def letter_of(notice: Notice, unit: Unit) -> Letter:
    """The letter of one unit of the notice."""
    year = f"{notice.year}" if notice.year else ""
    basis = f"《{notice.title}》" if notice.title else "目标责任通知"
    if notice.doc_number:
        basis += f"（{notice.doc_number}）"
    responsible = any(item.responsible for _, item in unit.items())
    return Letter(
        title=letter_title(notice, unit),
        issuer=notice.issuer or "",
        unit=full_name(unit),
        unit_name=unit.name,
        basis=basis,
        year=year,
        total=shown(full_score(notice, unit)),
        rows=list(_rows(notice, unit, responsible)),
        responsible=responsible,
        deduction=unit.deduction_clause.text if unit.deduction_clause else "",
    )


def letter_title(notice: Notice, unit: Unit) -> str:
    """{unit}{year}年度{subject}目标责任书: 义马市2020年度经济社会发展目标责任书."""
    match = _SUBJECT.search(notice.title or "")
    subject = match["subject"].strip() if match else ""
    year = f"{notice.year}年度" if notice.year else ""
    return f"{unit.name}{year}{subject}目标责任书"


def full_name(unit: Unit) -> str:
    """The unit as it signs: an area by its government (义马市人民政府, 开发区管理委员会,
    城关街道办事处); a department as the notice names it (its full official name is
    not in the notice)."""
    name = unit.name
    if unit.kind != "county" or name.endswith(_GOVERNED):
        return name
    if name.endswith(_COMMITTEE_AREAS):
        return f"{name}管理委员会"
    if name.endswith("街道"):
        return f"{name}办事处"
    return f"{name}人民政府"


def full_score(notice: Notice, unit: Unit) -> Points:
    """The unit's items and the shared targets (共同性目标): 1,000 in the sample."""
    shared = notice.common_target.points if notice.common_target else 0
    return points_total([shared, unit.points_sum])


def shown(points: Points | None) -> str:
    """Points as a letter writes them: 60, 2.5."""
    if points is None:
        return ""
    return number_text(points)


def _marker(level: int, index: int, tier: Tier) -> str:
    """A section's number in the notice's own forms: 一、 above （一） above 1、; a
    section that was a numbered item (1、就业创业) keeps its number."""
    if tier.number is not None:
        return f"{tier.number}、"
    if level == 0:
        return f"{to_chinese(index)}、"
    if level == 1:
        return f"（{to_chinese(index)}）"
    return f"{index}、"


def _rows(notice: Notice, unit: Unit, responsible: bool) -> list[Row]:
    """The table: the shared targets' section, the unit's own tiers (each with its items,
    sections and 小计), and the 合计 of the full score."""
    rows: list[Row] = []
    shared, development = notice.common_target, notice.development_target
    wrapped = shared is not None or development is not None
    part = 0
    if shared is not None:
        part += 1
        heading = f"{to_chinese(part)}、{shared.name}（{shown(shared.points)}分）"
        rows.append(Row("section", "", heading, "", level=0))
        rows.append(Row("item", "", shared.text, shown(shared.points), path=(shared.name,)))
    if wrapped:
        part += 1
        name = development.name if development is not None else "责任目标"
        heading = f"{to_chinese(part)}、{name}（{shown(unit.points_sum)}分）"
        rows.append(Row("section", "", heading, "", level=0))
        level = 1
    else:
        level = 0 if unit.nested else 1
    single = len(unit.tiers) == 1 and not unit.nested
    for index, tier in enumerate(unit.tiers, 1):
        if single:  # one block, named by the heading above: its items, no heading again
            rows += _items(tier.items, responsible, parts=False, path=(tier.name,))
            if wrapped:  # beside the shared targets' row: what the unit's own add up to
                rows.append(_subtotal(tier, (tier.name,)))
            continue
        rows += _section(tier, level, index, responsible, ())
    rows.append(Row("total", "合计", "合计", shown(full_score(notice, unit))))
    return rows


def _section(
    tier: Tier, level: int, index: int, responsible: bool, outer: tuple[str, ...]
) -> list[Row]:
    """A tier's heading row, its items and sections in the notice's order, its 小计."""
    path = (*outer, tier.name)
    declared = f"（{shown(tier.declared_points)}分）" if tier.declared_points is not None else ""
    rows = [
        Row("section", "", f"{_marker(level, index, tier)}{tier.name}{declared}", "", level=level)
    ]
    parts: list[Item | Tier] = sorted([*tier.items, *tier.tiers], key=lambda part: part.span.first)
    inner = 0
    for part in parts:
        if isinstance(part, Tier):
            inner += 1
            rows += _section(part, level + 1, inner, responsible, path)
        else:
            rows += _items([part], responsible, parts=tier.number is not None, path=path)
    rows.append(_subtotal(tier, path))
    return rows


def _items(
    items: list[Item], responsible: bool, *, parts: bool, path: tuple[str, ...]
) -> list[Row]:
    """Item rows; the parts of a section that was a numbered item are （1）, （2）."""
    return [
        Row(
            "item",
            f"（{item.number}）" if parts else str(item.number),
            item.text,
            shown(item.points),
            "、".join(item.responsible) if responsible else "",
            path=path,
            item=item.number,
        )
        for item in items
    ]


def _subtotal(tier: Tier, path: tuple[str, ...]) -> Row:
    label = f"{tier.name}小计" if tier.name else "小计"
    return Row("subtotal", "", label, shown(tier.points_sum), path=path)
