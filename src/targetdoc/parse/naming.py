"""The outline's meaning: which node is a unit, a section, an item, or prose.

- a **unit** is an organisation's heading (义马市, 市发改委) with targets below it; a
  document without one is its own unit, named from its title (桃花镇2021年度目标管理
  责任书 → 桃花镇; 青石县2023年度乡镇目标考核细则 → 乡镇) or ``--unit``;
- an **item** is an entry with points and no scored entry below it (entries below it
  without points are its parts, the rest of its text); in a document without points
  (a task list), the deepest entries;
- a **section** is a node with items below it: its points are declared (checked
  against its children as every tier's are), its items and sections are its children;
- anything else (指导思想, 考核奖惩, a note) is **prose**, in no record.

The sample's shape is one naming among others: category heading > unit heading >
（一） tier > 1. item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from targetdoc import grammar
from targetdoc.models import Points
from targetdoc.parse.drafts import RecordData, span_of
from targetdoc.parse.entries import Entry, read_entry
from targetdoc.parse.outline import CLAUSE, HEADING, ORG, ROW_GROUP, Node
from targetdoc.parse.scoring_rules import read_rules
from targetdoc.parse.unit_kinds import unit_kind
from targetdoc.read.normalize import fold
from targetdoc.read.source import Line


@dataclass
class Named:
    """The records the outline gives, as plain data, with their readings."""

    units: list[RecordData] = field(default_factory=list)
    items: list[tuple[Node, Entry]] = field(default_factory=list)
    unnamed: list[Node] = field(default_factory=list)  # numbered nodes in no record


def _entries(root: Node) -> dict[int, Entry]:
    return {id(node): read_entry(node) for node in root.walk() if node.form != "root"}


class _Naming:
    def __init__(self, root: Node) -> None:
        self.root = root
        self.entries = _entries(root)
        self.scored = {id(node) for node in root.walk() if self._points(node) is not None}
        self.any_points = bool(self.scored)
        self.units: set[int] = set()  # the nodes named units
        self.with_units = {
            id(node)
            for node in root.walk()
            if node.form != "root" and self._entry(node).responsible
        }

    def _entry(self, node: Node) -> Entry:
        return self.entries[id(node)]

    def _points(self, node: Node) -> Points | None:
        return None if node.form == "root" else self._entry(node).points

    def scored_below(self, node: Node) -> bool:
        return any(id(child) in self.scored or self.scored_below(child) for child in node.children)

    def units_below(self, node: Node) -> bool:
        return any(id(c) in self.with_units or self.units_below(c) for c in node.children)

    def role(self, node: Node) -> str:  # noqa: PLR0911 (one return for each case)
        """item, section or prose."""
        if node.form in (HEADING, ROW_GROUP) and not node.children:
            return "prose"
        if self.any_points:
            if id(node) in self.scored:
                return "section" if self.scored_below(node) else "item"
            if self.scored_below(node):
                return "section"
            # Among scored items, an entry without points is an item that lacks them
            # (TD207); among sections only (一、…（权数40） … 四、考核办法), prose.
            parent = node.parent
            siblings = parent.children if parent is not None else []
            if any(id(s) in self.scored and not self.scored_below(s) for s in siblings):
                return "item" if not node.children else "section"
            return "prose"
        if self.with_units and not (id(node) in self.with_units or self.units_below(node)):
            parent = node.parent
            siblings = parent.children if parent is not None else []
            if not any(id(s) in self.with_units for s in siblings):
                return "prose"
        if not self.with_units:
            return "prose"  # no points and no units anywhere: no target of the family
        return "section" if node.children else "item"


def name_outline(root: Node, document_unit: str) -> Named:
    """Units, their tiers and items as plain data (thresholds to be added by the caller)."""
    naming = _Naming(root)
    named = Named()
    orgs = [node for node in root.walk() if _is_unit(naming, node)]
    naming.units = {id(node) for node in orgs}
    if not orgs:
        unit = _unit(naming, named, root, document_unit, category="")
        if unit is not None:
            named.units.append(unit)
        return named
    for org in orgs:
        category = _category(org)
        unit = _unit(naming, named, org, _entry_name(naming, org), category)
        if unit is not None:
            named.units.append(unit)
    return named


def _is_unit(naming: _Naming, node: Node) -> bool:
    """An organisation's name alone on its line, or numbered (一、区发展和改革局) with
    scored or assigned entries below it."""
    if node.form == ORG:
        return True
    if node.form not in _UNIT_MARKERS or not node.children:
        return False
    words = naming.entries[id(node)].text
    named = grammar.regex("org_heading").match(fold(words)) is not None
    return named and (naming.scored_below(node) or naming.units_below(node))


# The numbering forms a unit's name may carry (一、区发展和改革局, 第一部分 …).
_UNIT_MARKERS = frozenset({"cn", "chapter", "cn_paren"})


def _entry_name(naming: _Naming, node: Node) -> str:
    return naming.entries[id(node)].text or node.words()


def _category(org: Node) -> str:
    """The headings above a unit: its category (一、各县（市、区） or …责任目标)."""
    names = []
    parent = org.parent
    while parent is not None and parent.form != "root":
        names.append(parent.words())
        parent = parent.parent
    return " / ".join(reversed(names))


def _unit(naming: _Naming, named: Named, top: Node, name: str, category: str) -> RecordData | None:
    """A unit's record: runs of items straight under it form implicit tiers."""
    tiers: list[RecordData] = []
    loose: list[Node] = []

    def flush() -> None:
        if loose:
            tiers.append(_tier_of(naming, named, None, list(loose)))
            loose.clear()

    clause: RecordData | None = None
    for child in top.children:
        if child.form == ORG or id(child) in naming.units:
            continue
        if child.form == CLAUSE:
            clause = {"text": child.words(), "span": span_of(child.span_lines())}
            continue
        role = naming.role(child)
        if role == "item" and child.span_lines():
            loose.append(child)
        elif role == "section":
            flush()
            tiers.append(_tier_of(naming, named, child, child.children))
        else:
            named.unnamed += [n for n in child.walk() if n.form not in (HEADING, ORG)]
    flush()
    if not tiers:
        return None
    own = top.span_lines() if top.form != "root" else []
    ends = [*((line.number, line.number) for line in own), *_tier_lines(tiers)]
    if clause is not None:
        ends.append((clause["span"]["first"], clause["span"]["last"]))
    return {
        "name": name,
        "kind": unit_kind(name, category),
        "category": category,
        "tiers": tiers,
        "deduction_clause": clause,
        "span": {"first": min(n for n, _ in ends), "last": max(n for _, n in ends)},
    }


def _tier_lines(tiers: list[RecordData]) -> list[tuple[int, int]]:
    return [(tier["span"]["first"], tier["span"]["last"]) for tier in tiers]


def _tier_of(
    naming: _Naming, named: Named, heading: Node | None, children: list[Node]
) -> RecordData:
    """A section (or an implicit tier of loose items) with its items and sections."""
    items: list[RecordData] = []
    sections: list[RecordData] = []
    for child in children:
        if child.form == ORG or id(child) in naming.units:
            continue
        role = naming.role(child)
        if role == "item" and child.span_lines():
            items.append(_item(naming, named, child))
        elif role == "section":
            sections.append(_tier_of(naming, named, child, child.children))
        else:
            named.unnamed += [n for n in child.walk() if n.form not in (HEADING, ORG)]
    spans = [(item["span"]["first"], item["span"]["last"]) for item in items]
    spans += _tier_lines(sections)
    if heading is not None:
        spans += [(line.number, line.number) for line in heading.span_lines()]
    record: RecordData = {
        "name": naming.entries[id(heading)].text if heading is not None else "",
        "declared_points": naming.entries[id(heading)].points if heading is not None else None,
        "implicit": heading is None,
        "items": items,
        "span": {"first": min(a for a, _ in spans), "last": max(b for _, b in spans)},
    }
    if sections:
        record["tiers"] = sections
    if heading is not None and heading.form in ("num", "num_paren", "num_rparen", "row"):
        record["number"] = heading.value
    return record


def _item(naming: _Naming, named: Named, node: Node) -> RecordData:
    """An item: its parts (entries below it without points) are the rest of its text."""
    entry = naming.entries[id(node)]
    lines: list[Line] = list(node.span_lines())
    text = entry.text
    for part in node.walk()[1:]:
        words = naming.entries[id(part)].text
        if words:
            text = f"{text} {part.pieces[0].text[: part.body].strip()}{words}".strip()
        lines += part.span_lines()
    if text != entry.text:
        entry = entry._replace(text=text)
    named.items.append((node, entry))
    record: RecordData = {
        "number": node.value,
        "text": entry.text,
        "points": entry.points,
        "thresholds": [],
        "span": span_of(sorted(lines, key=lambda line: line.number)),
    }
    if entry.responsible:
        record["responsible"] = entry.responsible
    if entry.criteria:
        record["criteria"] = entry.criteria
    rules = read_rules(entry.text, entry.criteria or "")
    if rules:
        record["rules"] = rules
    return record


def document_unit(header: dict[str, str], given: str | None) -> str:
    """The unit a document without unit headings is: --unit, else what its title names:
    the body assessed (青石县2023年度乡镇目标考核细则 → 乡镇), the body before the year
    (桃花镇2021年度目标管理责任书 → 桃花镇), the issuer of a 关于…的通知, the title."""
    if given:
        return given
    if header.get("party_b"):
        return header["party_b"]
    title = header.get("title")
    if not title:
        return header.get("issuer") or ""
    title = title.replace(" ", "")
    issuer = ""
    about = grammar.regex("title").match(fold(title))
    if about is not None:
        issuer = title[: about.start("subject")].removesuffix("关于印发").removesuffix("关于下达")
        issuer = issuer.removesuffix("关于")
        title = title[about.start("subject") : about.end("subject")]
    quoted = re.search(r"《(.+?)》", title)
    if quoted is not None:
        title = quoted.group(1)
    title = re.sub(r"^附件\s*\d*\s*[:：]?", "", title).strip("《》<> ")
    named = _named_in(title)
    return named or issuer or header.get("issuer") or title


def _named_in(title: str) -> str | None:
    """The body a title names: the one assessed after its year, else the one before."""
    match = _TITLE_UNIT.match(fold(title))
    if match is None:
        assessed = _ASSESSED.match(fold(title))
        return title[: assessed.end(1)] if assessed is not None and assessed.group(1) else None
    before = title[: match.end("issuer")].strip()
    signed = re.search(r"与(.+?)签订", before)
    if signed is not None:  # 鹿鸣县人民政府与县自然资源局签订…责任书: the second party
        return signed.group(1)
    rest = title[match.start("rest") :]
    assessed = _ASSESSED.match(fold(rest))
    if assessed is not None and assessed.group(1):
        words = rest[: assessed.end(1)]
        return words.split("对")[-1] if "对" in words else words
    return before or None


_TITLE_UNIT = re.compile(
    r"^(?P<issuer>.*?)\s*\d{4}\s*年度?(?:\s*\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月(?:份)?|上半年|下半年|第.季度)?\s*(?P<rest>.*)$"
)
_ASSESSED = re.compile(
    r"^(.{0,12}?)(?:目标|考核|绩效|工作|责任|评分|重点|经济|综合|年度|党建|履职|任务|高质量)"
)
