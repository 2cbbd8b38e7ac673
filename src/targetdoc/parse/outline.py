"""A document's outline, read from the document itself: the structure before the meaning.

Any document of the family (a notice, a 目标责任书, a 考核细则, a 评分表, a task list, a
分解表) is an outline: numbered nodes, nested, with points somewhere near each. This
module finds the nodes and their nesting and nothing else; ``naming`` then says which
node is a unit, a section or an item.

The levels come from the order in which the numbering forms first appear, as readers
of legal texts find them: a form already open closes everything below it (a sibling or
an uncle), a new form opens a child level. A marker is taken only where its number
continues its level (or starts a new one at 1), so ``1.5亿元`` or ``2、100%`` in the
middle of a sentence broken by a PDF stay text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from targetdoc import grammar
from targetdoc.numerals import circled_value, from_chinese, letter_value
from targetdoc.read.normalize import join_lines
from targetdoc.read.source import Line

# The marker pattern's named groups: the numbering forms.
FORMS = (
    "chapter",
    "article",
    "cn",
    "cn_paren",
    "num",
    "num_paren",
    "num_rparen",
    "circled",
    "pcircled",
    "latin",
    "latin_lower",
    "stripped",
)
# Forms of nodes that no marker starts: an organisation's name alone on its line, any
# other heading alone on its line, a table's row and its category cell.
ORG, HEADING, ROW, ROW_GROUP = "org", "heading", "row", "row_group"
# A unit's deduction clause (目标考核减分因素：…), which closes it.
CLAUSE = "clause"
# A marker's number may skip this many (a document that left one out) where the line
# gives points, as an entry does.
_GAP = 3


class Marker(NamedTuple):
    """The numbering at a position: its form, its number (0 where a web page stripped
    the digit), and where the words after it start."""

    form: str
    value: int
    end: int


@functools.cache
def _marker_pattern() -> re.Pattern[str]:
    """The grammar's marker pattern, matched at a position: without its ^ (which holds at
    the start of the string only), so no slice of a long line is copied at each try."""
    pattern = grammar.regex("outline_marker")
    return re.compile(pattern.pattern.removeprefix("^"), pattern.flags)


def marker_at(folded: str, start: int = 0) -> Marker | None:
    """The numbering marker at ``start`` of a folded text, if one stands there."""
    match = _marker_pattern().match(folded, start)
    if match is None:
        return None
    form = next(name for name in FORMS if match[name] is not None)
    written = match[form]
    value: int | None
    if form in ("num", "num_paren", "num_rparen"):
        value = int(written)
    elif form in ("circled", "pcircled"):
        value = circled_value(written)
    elif form in ("latin", "latin_lower"):
        value = letter_value(written)
    elif form == "stripped":
        value = 0
    else:
        value = from_chinese(written)
    if value is None or (value == 0 and form != "stripped"):
        return None
    return Marker(form, value, match.end())


@dataclass(slots=True)
class Piece:
    """A stretch of one source line: the whole line, or one entry of a line that holds
    several (``1.…扣0.5分。2.…扣1分。``)."""

    line: Line
    start: int = 0
    end: int | None = None

    @property
    def text(self) -> str:
        return self.line.text[self.start : self.end]

    @property
    def folded(self) -> str:
        return self.line.folded[self.start : self.end]


@dataclass(slots=True, eq=False)
class Node:
    """A node of the outline: a numbered entry, a heading, a table row (or the root).

    ``pieces`` are its own lines (the first holds its marker, ``body`` says where its
    words start there); what a table row or a line of its own says of its points,
    responsible units and criteria is kept apart from its words.
    """

    form: str
    value: int
    pieces: list[Piece] = field(default_factory=list)
    body: int = 0
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    points_written: str | None = None  # a 分值 cell, or a line holding only points
    responsible: list[str] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    category: str | None = None  # a table row's category cell
    others: list[Line] = field(default_factory=list)  # lines taken beyond its words
    # Its words where no piece holds them alone: a row a PDF set in columns with spaces.
    written: str | None = None

    def span_lines(self) -> list[Line]:
        """Every line the node itself took (its words, cells, points and units lines)."""
        lines = {line.number: line for line in self.lines}
        lines.update((line.number, line) for line in self.others)
        return [lines[number] for number in sorted(lines)]

    @property
    def lines(self) -> list[Line]:
        """The source lines the node's own pieces stand on, in order, each once."""
        seen: list[Line] = []
        for piece in self.pieces:
            if not seen or seen[-1].number != piece.line.number:
                seen.append(piece.line)
        return seen

    def words(self) -> str:
        """Its own words, as written, without its marker: the pieces joined."""
        if self.written is not None:
            return self.written
        if not self.pieces:
            return ""
        first, *rest = self.pieces
        return join_lines([first.text[self.body :].strip(), *(p.text.strip() for p in rest)])

    def walk(self) -> list[Node]:
        """This node and every node below it, in the document's order."""
        found = [self]
        for child in self.children:
            found += child.walk()
        return found

    def add(self, child: Node) -> None:
        child.parent = self
        self.children.append(child)


@dataclass(slots=True)
class Outline:
    """The tree, and the stack of nodes open at the current line (root first)."""

    root: Node = field(default_factory=lambda: Node("root", 0))
    stack: list[Node] = field(default_factory=list)
    # The last number of each form anywhere: numbering may run on across sections
    # (1.–8. under （一）, 9.–15. under （二）).
    previous: dict[str, Node] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.stack = [self.root]

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def fits(self, marker: Marker, has_points: bool) -> Node | None:  # noqa: PLR0911
        """The parent a marker's node takes, or None where its number does not continue
        any level (the marker is then text)."""
        for depth in range(len(self.stack) - 1, 0, -1):
            open_node = self.stack[depth]
            if open_node.form != marker.form:
                continue
            if _continues(open_node.value, marker.value, has_points):
                return self.stack[depth - 1]
            # A restart at 1 under the same parent: numbering begun again (a new unit
            # without its heading, or the document's own slip); validate says so.
            if marker.value == 1:
                return self.stack[depth - 1]
            return None
        previous = self.previous.get(marker.form)
        if previous is not None and marker.value == previous.value + 1:
            # The numbering runs on (1.–8. under （一）, 9. under （二）): under the node
            # that now stands where the previous number's parent stood.
            level = _depth(previous)
            return self.stack[min(level, len(self.stack)) - 1]
        if marker.value in (0, 1) or (has_points and marker.value <= 1 + _GAP):
            return self.current
        if self.current is self.root and not self.root.children:
            return self.root  # an extract that starts at item 3
        return None

    def open(self, node: Node, parent: Node) -> None:
        """Attach a node under its parent and make it the innermost open node."""
        while self.stack[-1] is not parent:
            self.stack.pop()
        if node.form == "stripped" or node.value == 0:
            siblings = [child for child in parent.children if child.form == node.form]
            node.value = siblings[-1].value + 1 if siblings else 1
        parent.add(node)
        self.stack.append(node)
        self.previous[node.form] = node

    def open_heading(self, node: Node) -> None:
        """An unmarked heading: a sibling of the innermost open heading of its form,
        else a child of the root's open path at the top."""
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].form == node.form:
                self.open(node, self.stack[depth - 1])
                return
        # A unit's name under a category heading (各县（市、区）责任目标, 一、各乡（镇）);
        # any other heading at the top.
        parent = self.root
        if node.form != HEADING:
            parent = next(
                (open_node for open_node in reversed(self.stack) if _category(open_node)),
                self.root,
            )
        self.open(node, parent)


def _depth(node: Node) -> int:
    """How far below the root a node stands (the root's children: 1)."""
    depth, parent = 0, node.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth


def _category(node: Node) -> bool:
    """Whether units may stand under a node: an unmarked heading, or 一、/第一部分 whose
    children are no entries yet."""
    if node.form == HEADING:
        return True
    return node.form in ("cn", "chapter") and all(child.form == ORG for child in node.children)


def _continues(previous: int, value: int, has_points: bool) -> bool:
    """Whether a number continues a level whose last number was ``previous``."""
    if value == 0:  # a stripped digit: the next, whatever it was
        return True
    if value == previous + 1:
        return True
    return has_points and previous + 1 < value <= previous + 1 + _GAP
