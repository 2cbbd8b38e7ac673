"""Tables of targets written as text, rebuilt into rows.

A web page's table comes out one cell per line (序号 / 考核项目 / 分值 / 评分标准, then
each row's cells); a converter writes one with ``|`` between cells, a spreadsheet with
tabs. The header row says which column is which (the grammar's ``table_*`` lexicons,
as for a Word table); each row becomes an outline node: its number, its words (the
target columns), its points, criteria and responsible units. A flattened row starts
where the 序号 column holds the next number; cells merged down (a category written
on its group's first row only) carry their value to the rows below.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from targetdoc import grammar
from targetdoc.parse.outline import ROW, ROW_GROUP, Node, Piece, marker_at
from targetdoc.read.normalize import fold
from targetdoc.read.source import Line

ROLES = ("number", "category", "target", "points", "criteria", "responsible", "other")
# Markup a cell may carry when a converter wrote the table (**序号**).
_CELL_MARKS = " *#`|"
_SEPARATOR_ROW = re.compile(r"^[\s|:\-—=+]+$")
# Punctuation no header cell holds (a sentence, or a list of names).
_SENTENCE_MARKS = re.compile(r"[,;。，；！？!?]")
# The longest a header cell known by a word it holds is (考核要点及分值分解).
_KEYWORD_CELL = 12
# How far ahead a row's number may stand after its last cell broke over lines.
_WRAP_LINES = 3
# How many lines a header row written one cell per line may take (| lines included).
_HEADER_LINES = 30
# The longest a header cell is (考核评分标准及办法, with a unit in brackets).
_CELL_LENGTH = 24
# The row that sums a table's 分值: no target.
_TOTAL_ROWS = frozenset({"合计", "小计", "总计", "总分"})
# How many lines a category cell before a row's number may take (党的建设 / （25分）).
_LEADING_LINES = 8


@functools.cache
def _header_words() -> dict[str, str]:
    """Each header cell word (folded), and the role of its column."""
    lexicons = grammar.grammar().lexicons
    words: dict[str, str] = {}
    for role in ROLES:
        for word in lexicons[f"table_{role}"]:
            words.setdefault(fold(word), role)
    return words


def cell_role(cell: str) -> str | None:
    """The role of a header cell (序号 → number, 分值（分） → points), or None."""
    if len(cell) > _CELL_LENGTH or _SENTENCE_MARKS.search(cell):  # no header cell is prose
        return None
    word = cell.strip(_CELL_MARKS)
    word = re.sub(r"\(.*?\)$", "", word).replace(" ", "")  # 分值(分), 权重（%）, 指 标
    role = _header_words().get(word)
    if role is not None or not word or len(word) > _KEYWORD_CELL:
        return role
    return next((role for role, words in _header_keywords() if any(w in word for w in words)), None)


@functools.cache
def _header_keywords() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each role with the words a header cell of its column may hold, in the order tried."""
    lexicons = grammar.grammar().lexicons
    order = ("target", "criteria", "responsible", "points", "other")
    return tuple((role, tuple(map(fold, lexicons[f"table_{role}_words"]))) for role in order)


def split_cells(folded: str, least: int = 2) -> list[tuple[int, int]] | None:
    """The cells of a line written with | or tabs (at least ``least`` of them: a row
    inside a known table may hold one), as offsets; None for a plain line."""
    separator = "|" if folded.count("|") >= least else "\t" if folded.count("\t") >= least else None
    if separator is None:
        return None
    cells, start = [], 0
    for index, char in enumerate(folded + separator):
        if char == separator:
            cells.append((start, index))
            start = index + 1
    # A leading and a trailing | frame the row: no cells of their own.
    if cells and not folded[cells[0][0] : cells[0][1]].strip():
        cells = cells[1:]
    if cells and not folded[cells[-1][0] : cells[-1][1]].strip():
        cells = cells[:-1]
    return cells


def header_roles(cells: list[str]) -> list[str] | None:
    """The columns' roles, where these cells are a table's header row: at least three
    known header words, among them a target or number column and a points, criteria or
    responsible one."""
    roles = [cell_role(cell) for cell in cells]
    known = [role for role in roles if role is not None]
    if len(known) < 3 or len(known) * 3 < len(roles) * 2:
        return None
    if not ({"target", "number"} & set(known)) or not (
        {"points", "criteria", "responsible"} & set(known)
    ):
        return None
    # A column before 序号 groups the rows (考核项目 | 序号 | 考核内容 …): a category.
    first = roles.index("number") if "number" in roles else 0
    return [
        "category" if index < first and role == "target" else role or "other"
        for index, role in enumerate(roles)
    ]


Segment = tuple[Line, int, "int | None"]
# A cell: its segments (more than one where a cell broke over lines).
Cell = list[Segment]


@dataclass(slots=True)
class _Row:
    number: int
    number_line: Line | None
    cells: list[Cell] = field(default_factory=list)
    led: int = 0  # cells of the columns before 序号 that stood before its number

    @property
    def own(self) -> int:
        """Cells after its number."""
        return len(self.cells) - self.led


@dataclass(slots=True)
class Table:
    """A table's header and rows, as outline nodes (group nodes hold their rows)."""

    roles: list[str]
    header_lines: list[Line]
    nodes: list[Node]
    lines: list[Line]  # every line the table took


def _points_cell(folded: str) -> bool:
    return grammar.regex("points_cell").match(folded.strip(_CELL_MARKS)) is not None


def _bare_number(folded: str) -> int | None:
    word = folded.strip(_CELL_MARKS).rstrip(".、")
    return int(word) if word.isdecimal() and word.isascii() and len(word) <= 3 else None


def read_flattened(lines: list[Line], start: int) -> Table | None:
    """A table flattened one cell per line whose header starts at ``lines[start]``."""
    index, cells = start, []
    # A header row has a dozen cells at most: a longer run of header-like lines is no
    # header (and read from each of its lines it would cost the square of its length).
    while index < len(lines) and index - start < _HEADER_LINES:
        if _lone_bar(lines[index]):  # a converter's | between cells, on a line of its own
            index += 1
        elif cell_role(lines[index].folded) is not None:
            cells.append(lines[index].folded)
            index += 1
        elif index + 1 < len(lines) and cell_role(_joined(lines, index)) is not None:
            cells.append(_joined(lines, index))  # a header cell broken over lines: 考核/单位
            index += 2
        else:
            break
    roles = header_roles(cells)
    if roles is None:
        return None
    if "number" not in roles and any(_lone_bar(line) for line in lines[start:index]):
        return _read_barred(roles, lines, start, index)
    table = _Flattened(roles, lines[start:index], following=lines)
    while index < len(lines) and table.take(lines[index], index):
        index += 1
    return table.finish()


def _read_barred(roles: list[str], lines: list[Line], start: int, index: int) -> Table | None:
    """A table a converter wrote with | alone between its cells and no 序号 column: a cell
    is the lines between two bars (a column written one character a line, 党/建/(25分),
    is one cell), and a row starts at a cell that opens with the next number (1、 2、 …);
    a cell before it is its category, merged down to the rows below."""
    cells: list[Cell] = []
    current: Cell = []
    taken = list(lines[start:index])
    while index < len(lines):
        line = lines[index]
        if _lone_bar(line):
            cells.append(current)
            current = []
        elif not current and cells and _section_row(line):
            break  # 二、… after the table: the document goes on
        elif not current and cells and not _lone_bar(lines[index - 1]):
            break  # a line after the table's last cell that no bar opened
        else:
            current.append((line, 0, None))
        taken.append(line)
        index += 1
    if current:
        cells.append(current)
    rest = ["category", *(role for role in roles[1:] if role != "number")]
    rows = _barred_rows(cells)
    if not rows:
        return None
    nodes = _nodes(rest, rows, [])
    return Table(rest, lines[start : start + 1], nodes, taken)


def _barred_rows(cells: list[Cell]) -> list[_Row]:
    """Rows of a barred table: each starts at a cell opening with the next number; the
    cell before it, if any, is its category (the table's first column)."""
    rows: list[_Row] = []
    category: Cell | None = None
    for cell in cells:
        if not cell:
            continue
        marker = marker_at(_folded(cell))
        expected = rows[-1].number + 1 if rows else 1
        if marker is not None and marker.value in (expected, 1):  # 1、 again: a new group
            line, start, end = cell[0]
            words = [(line, start + marker.end, end), *cell[1:]]  # past its 1、
            rows.append(_Row(marker.value, None, [category or [], words]))
            category = None
        elif rows and _points_cell(_folded(cell)) and not _has_points(rows[-1]):
            rows[-1].cells.append(cell)
        else:
            category = cell
    return rows


def _has_points(row: _Row) -> bool:
    return any(_points_cell(_folded(cell)) for cell in row.cells)


def _past_marks(line: Line, start: int, end: int | None) -> int:
    """Where a cell's words start, past a converter's marks (| , **)."""
    text = line.text[start:end]
    return start + len(text) - len(text.lstrip(_CELL_MARKS))


def _lone_bar(line: Line) -> bool:
    return not line.folded.strip(" |") and "|" in line.folded


def _joined(lines: list[Line], index: int) -> str:
    return lines[index].folded + lines[index + 1].folded


@dataclass
class _Flattened:
    """A flattened table's rows as its cells come, one line at a time."""

    roles: list[str]
    header_lines: list[Line]
    rows: list[_Row] = field(default_factory=list)
    groups: list[tuple[int, Line]] = field(default_factory=list)  # 一、经济发展 before row n
    taken: list[Line] = field(default_factory=list)
    pending: list[Line] = field(default_factory=list)  # cells before the next row's number
    expected: int = 1
    totals: bool = False  # the 合计 row began
    following: list[Line] = field(default_factory=list)  # the lines, to look ahead in
    index: int = -1  # the index of the line being placed

    @property
    def width(self) -> int:
        return len(self.roles) - ("number" in self.roles)

    @property
    def leading(self) -> int:
        """Columns before 序号 (a category): their cells stand before the row's number."""
        return self.roles.index("number") if "number" in self.roles else 0

    def take(self, line: Line, index: int = -1) -> bool:
        """Place a line in the table; False where the table has ended before it."""
        self.index = index
        placed = self._place(line)
        if placed:
            self.taken.append(line)
        return placed

    def _next_row_soon(self) -> bool:
        """Whether the next row's number stands within a few lines: a full row's cell
        broken over lines (每低1个百分点 / 扣2分) goes on until it."""
        ahead = self.following[self.index + 1 : self.index + 1 + _WRAP_LINES]
        return any(_bare_number(line.folded) == self.expected for line in ahead)

    def _place(self, line: Line) -> bool:  # noqa: PLR0912 (one branch per kind of line)
        cell = line.folded.strip(_CELL_MARKS).replace(" ", "")
        if self.totals or cell in _TOTAL_ROWS:
            # 合计 and its cells close the table: taken, in no row.
            self.totals = True
            return not cell or cell in _TOTAL_ROWS or _points_cell(cell)
        number = _bare_number(line.folded)
        current = self.rows[-1] if self.rows else None
        if _lone_bar(line):  # an empty cell, as a converter writes it: | alone
            if current is not None and current.own < self.width - self.leading:
                current.cells.append([(line, 0, 0)])
            return True
        ends = _row_may_end(current, self.roles)
        if number is not None and number in (self.expected, 1) and ends:
            self._row(number, line)
        elif _section_row(line) and ends:
            self.groups.append((len(self.rows), line))
        elif self.leading and (current is None or current.own >= self.width - self.leading):
            if len(self.pending) >= _LEADING_LINES:
                return False
            self.pending.append(line)
        elif current is None:
            if "number" in self.roles:
                return False
            self.rows.append(_Row(self.expected, None, [[(line, 0, None)]]))
            self.expected += 1
        elif current.cells and _wraps(current.cells[-1]):
            current.cells[-1].append((line, 0, None))  # a cell broken after 、 or ，
        elif len(current.cells) >= self.width and current.cells and self._next_row_soon():
            current.cells[-1].append((line, 0, None))  # the last cell broken over lines
        elif len(current.cells) >= self.width:
            return False  # the row is full and no next row starts: the table has ended
        elif current.own and self._points_next(current) and not _points_cell(cell):
            current.cells[-1].append((line, 0, None))  # a narrow cell broken over lines
        else:
            current.cells.append([(line, 0, None)])
        return True

    def _points_next(self, row: _Row) -> bool:
        """Whether the row's next cell is its 分值: a line that is no points cell there
        is the rest of the cell before it (优化镇区 / 对外交通 / 1.5)."""
        own = [role for role in self.roles[self.leading :] if role != "number"]
        return row.own < len(own) and own[row.own] == "points"

    def _row(self, number: int, line: Line) -> None:
        row = _Row(number, line)
        if self.pending:
            row.cells += _leading_cells(self.pending, self.leading)
            row.led = len(row.cells)
            self.pending = []
        self.rows.append(row)
        self.expected = number + 1

    def finish(self) -> Table | None:
        if not self.rows:
            return None
        taken = [*self.header_lines, *self.taken]
        if self.pending:  # cells that started no row: lines after the table
            taken = taken[: len(taken) - len(self.pending)]
        nodes = _nodes(self.roles, self.rows, self.groups)
        return Table(self.roles, self.header_lines, nodes, taken)


def _leading_cells(lines: list[Line], columns: int) -> list[Cell]:
    """The cells of the columns before 序号 that stood before a row's number: one, or,
    where there are several such columns, one ending at each line that ends with its
    points (基础设施 / 提升工程 / （8分） | 构建便捷 / 交通网络)."""
    cells: list[Cell] = [[]]
    for index, line in enumerate(lines):
        cells[-1].append((line, 0, None))
        ends = grammar.regex("points_mark").search(line.folded.rstrip()[-12:]) is not None
        if ends and index < len(lines) - 1 and len(cells) < columns:
            cells.append([])
    return cells


def _row_may_end(row: _Row | None, roles: list[str]) -> bool:
    """Whether a row has cells enough that a bare number after them starts the next
    row rather than filling its 分值 cell."""
    if row is None:
        return True
    rest = [role for role in roles if role != "number"]
    if "points" not in rest:
        return bool(row.cells)
    needed = rest.index("points") + 1 - rest.count("category")
    filled = len(row.cells)
    if filled >= needed:
        return True
    # Fewer cells than columns up to 分值: a points cell among them settles it.
    return any(_points_cell(_folded(cell)) for cell in row.cells)


def _wraps(cell: Cell) -> bool:
    """Whether a cell's text breaks off where a list or a sentence goes on (、 ，)."""
    line, a, b = cell[-1]
    return line.folded[a:b].rstrip()[-1:] in ("、", ",", "(")


def _folded(cell: Cell) -> str:
    return "".join(line.folded[a:b] for line, a, b in cell)


def _section_row(line: Line) -> bool:
    marker = marker_at(line.folded)
    return marker is not None and marker.form in ("cn", "chapter", "cn_paren")


def read_delimited(lines: list[Line], start: int) -> Table | None:
    """A table written with | or tabs whose header row is ``lines[start]``."""
    first = lines[start]
    offsets = split_cells(first.folded)
    if offsets is None:
        return None
    roles = header_roles([first.folded[a:b] for a, b in offsets])
    if roles is None:
        return None
    table = _Delimited(roles)
    index = start + 1
    while index < len(lines) and table.take(lines[index]):
        index += 1
    if table.groups and table.taken and table.groups[-1] == (len(table.rows), table.taken[-1]):
        # 二、社会指标 over the next table: a heading after this one, not its last row.
        table.groups.pop()
        table.taken.pop()
    if not table.rows:
        return None
    nodes = _nodes(roles, table.rows, table.groups)
    return Table(roles, [first], nodes, [first, *table.taken])


@dataclass
class _Delimited:
    """A delimited table's rows as its lines come."""

    roles: list[str]
    rows: list[_Row] = field(default_factory=list)
    groups: list[tuple[int, Line]] = field(default_factory=list)
    taken: list[Line] = field(default_factory=list)

    def take(self, line: Line) -> bool:
        """Place a line in the table; False where the table has ended before it."""
        placed = self._place(line)
        if placed:
            self.taken.append(line)
        return placed

    def _place(self, line: Line) -> bool:  # noqa: PLR0911 (one return per kind of line)
        if _SEPARATOR_ROW.match(line.folded):
            return True
        cells = split_cells(line.folded, least=1)
        short = bool(self.rows) and _short(self.rows[-1], self.roles)
        if cells is None:
            if _section_row(line) and not short:
                self.groups.append((len(self.rows), line))
                return True
            if not short:
                return False
            self._continue([(0, len(line.folded))], line)
            return True
        values = list(cells)
        number = self._number(line, values)
        expected = self.rows[-1].number + 1 if self.rows else 1
        if number is None and short:  # a cell broken over lines
            self._continue(values, line)
            return True
        texts = [line.folded[a:b].strip(_CELL_MARKS) for a, b in values]
        if number is None and texts and texts[0].replace(" ", "") in _TOTAL_ROWS:
            return True  # 合计, 小计: the sum of the rows, no row
        if number is None and header_roles(texts) is not None:
            return False  # the next table's header: this one has ended
        if number is None and sum(1 for text in texts if text) == 1 and _section_row_text(texts):
            self.groups.append((len(self.rows), line))
        else:
            row = _Row(number or expected, None, [[(line, a, b)] for a, b in values])
            self.rows.append(row)
        return True

    def _number(self, line: Line, values: list[tuple[int, int]]) -> int | None:
        """The row's 序号, taken out of its cells: in its own column, else in the first
        where the cells before it were merged down (their empty cells lost with the
        line's leading tab)."""
        if "number" not in self.roles:
            return None
        for at in dict.fromkeys((self.roles.index("number"), 0)):
            if len(values) > at:
                a, b = values[at]
                number = _bare_number(line.folded[a:b])
                if number is not None:
                    values.pop(at)
                    return number
        return None

    def _continue(self, cells: list[tuple[int, int]], line: Line) -> None:
        """The rest of the last row's last cell, then its other cells."""
        (a, b), *others = cells
        row = self.rows[-1]
        row.cells[-1].append((line, a, b))
        row.cells += [[(line, a, b)] for a, b in others]


def _short(row: _Row, roles: list[str]) -> bool:
    """Whether a delimited row has fewer cells than the header (a cell broke a line)."""
    return len(row.cells) < len(roles) - ("number" in roles)


def _section_row_text(texts: list[str]) -> bool:
    text = next(text for text in texts if text)
    marker = marker_at(text)
    return marker is not None and marker.form in ("cn", "chapter", "cn_paren")


def _nodes(roles: list[str], rows: list[_Row], groups: list[tuple[int, Line]]) -> list[Node]:
    """Rows as nodes; category cells (and section rows) as group nodes above them."""
    rest = [role for role in roles if role != "number"]
    nodes: list[Node] = []
    group: Node | None = None
    path: list[Node] = []  # the open group of each category column
    carried: dict[int, Cell] = {}
    group_at = dict(groups)
    for position, row in enumerate(rows):
        if position in group_at:
            line = group_at[position]
            group = Node(ROW_GROUP, 0, [Piece(line)])
            nodes.append(group)
            path = []
        node = Node(ROW, row.number)
        if row.number_line is not None:
            node.pieces.append(Piece(row.number_line, 0, 0))
        assigned = _assign(rest, row.cells, carried)
        for role_index, cell in assigned.items():
            carried[role_index] = cell
        categories = _fill(node, rest, assigned)
        if categories:
            path = _grouped(categories, path, nodes)
            group = path[-1]
        (group.children if group is not None else nodes).append(node)
        if group is not None:
            node.parent = group
    return nodes


def _grouped(categories: list[Cell], path: list[Node], nodes: list[Node]) -> list[Node]:
    """The groups a row's category cells open, one level per category column: a name
    unlike the open group's at its level opens a group there (under the level above)."""
    path = list(path)
    for level, cell in enumerate(categories):
        name = "".join(line.text[a:b] for line, a, b in cell).strip(_CELL_MARKS + " ")
        if level < len(path) and path[level].category == name:
            continue
        group = Node(ROW_GROUP, 0, [Piece(*segment) for segment in cell])
        group.category = name
        parent = path[level - 1] if level else None
        (parent.children if parent is not None else nodes).append(group)
        group.parent = parent
        path = [*path[:level], group]
    return path


def _assign(rest: list[str], cells: list[Cell], carried: dict[int, Cell]) -> dict[int, Cell]:
    """Which column each cell of a row is: all of them where the row is whole; where
    cells were merged down, the points cell is aligned with the 分值 column and the
    leading columns missing take the value of the row above."""
    if len(cells) >= len(rest):
        assigned = dict(enumerate(cells[: len(rest)]))
        for extra in cells[len(rest) :]:  # more cells than columns: the last one's
            assigned[len(rest) - 1] = assigned[len(rest) - 1] + extra
        return assigned
    offset = 0
    if "points" in rest:
        at = next((i for i, cell in enumerate(cells) if _points_cell(_folded(cell))), None)
        if at is not None:
            offset = max(0, rest.index("points") - at)
    elif "category" in rest:
        offset = min(rest.count("category"), len(rest) - len(cells))
    assigned = {index + offset: cell for index, cell in enumerate(cells)}
    for index in range(offset):
        if rest[index] in ("category", "target") and index in carried:
            assigned[index] = carried[index]
    return assigned


def _fill(node: Node, rest: list[str], assigned: dict[int, Cell]) -> list[Cell]:
    """Put a row's cells in its node; return its category cells, in column order."""
    categories: list[Cell] = []
    for index in sorted(assigned):
        cell = assigned[index]
        role = rest[index] if index < len(rest) else "target"
        text = "".join(line.text[a:b] for line, a, b in cell).strip(_CELL_MARKS + " ")
        if not text or text in ("——", "—", "-", "/", "无"):
            continue
        lines = [line for line, _, _ in cell]
        if role == "category":
            categories.append(cell)
        elif role == "target":
            node.pieces += [Piece(line, _past_marks(line, a, b), b) for line, a, b in cell]
        elif role == "points":
            match = grammar.regex("points_cell").match(fold(text).strip(_CELL_MARKS + " "))
            if match is not None:
                node.points_written = match["points"]
            node.others += lines
        elif role == "criteria":
            node.criteria.append(text)
            node.others += lines
        elif role == "responsible":
            node.responsible.append(text)
            node.others += lines
        else:
            node.others += lines
    return categories


# A row of a table a PDF set with spaces between its columns: its number, then its words.
_SPACED_ROW = re.compile(r"^(?P<number>\d{1,3})\s+(?P<rest>\S.*)$")
# The 分值 cell among a spaced row's words: a number standing alone between spaces.
_SPACED_POINTS = re.compile(r"(?:^|\s)(?P<points>\d{1,3}(?:\.\d{1,2})?)(?:\s|$)")
_SPACE_BETWEEN_HAN = re.compile(
    r"(?<=[\u3400-\u9fff，、；：（）])\s+(?=[\u3400-\u9fff，、；：（）])"
)


def read_spaced(lines: list[Line], start: int) -> Table | None:
    """A table a PDF's text gives with spaces between its columns (序号 考核指标 分值 评分办法),
    whose rows may wrap onto lines of their own and whose header repeats on each page."""
    header = lines[start]
    cells = header.folded.split()
    roles = header_roles(cells)
    if roles is None or roles[0] != "number" or "points" not in roles:
        return None
    rows: list[list[Line]] = []
    groups: list[tuple[int, Line]] = []
    taken = [header]
    expected = 1
    for line in lines[start + 1 :]:
        row = _SPACED_ROW.match(line.folded)
        if line.folded.split() == cells:  # the header again, on the next page
            taken.append(line)
            continue
        if row is not None and int(row["number"]) == expected and _scored_row(rows):
            rows.append([line])
            expected += 1
        elif _section_row(line):
            groups.append((len(rows), line))
        elif rows:
            rows[-1].append(line)  # a row's words wrapped onto the next line
        else:
            break
        taken.append(line)
    if not rows:
        return None
    nodes: list[Node] = []
    group_at = dict(groups)
    group: Node | None = None
    for position, row_lines in enumerate(rows):
        if position in group_at:
            group = Node(ROW_GROUP, 0, [Piece(group_at[position])])
            nodes.append(group)
        node = _spaced_node(row_lines, roles)
        (group.children if group is not None else nodes).append(node)
        node.parent = group
    # A section row after the last row starts what follows the table.
    last = max((n for n in group_at if n >= len(rows)), default=None)
    if last is not None:
        taken = taken[: taken.index(group_at[last])]
    return Table(roles, [header], nodes, taken)


def _scored_row(rows: list[list[Line]]) -> bool:
    """Whether the last row has its 分值 (a number standing alone after its words): a line
    that starts with the next number is then the next row, not the 分值 of a wrapped one."""
    if not rows:
        return True
    joined = fold(" ".join(line.text.strip() for line in rows[-1]))
    row = _SPACED_ROW.match(joined)
    return row is None or _SPACED_POINTS.search(joined, row.start("rest") + 1) is not None


def _spaced_node(row_lines: list[Line], roles: list[str]) -> Node:
    """A spaced row: the words before its 分值 are its target, those after its criteria."""
    joined = " ".join(line.text.strip() for line in row_lines)
    folded = fold(joined)
    row = _SPACED_ROW.match(folded)
    assert row is not None
    node = Node(ROW, int(row["number"]), [Piece(line, 0, 0) for line in row_lines])
    rest_at = row.start("rest")
    points = _SPACED_POINTS.search(folded, rest_at + 1)
    after = roles[roles.index("points") + 1 :]
    if points is None:
        node.written = _SPACE_BETWEEN_HAN.sub("", joined[rest_at:]).strip()
        return node
    node.written = _SPACE_BETWEEN_HAN.sub("", joined[rest_at : points.start()]).strip()
    node.points_written = points["points"]
    tail = _SPACE_BETWEEN_HAN.sub("", joined[points.end() :]).strip()
    if tail and after and after[0] == "criteria":
        node.criteria.append(tail)
    elif tail and after and after[0] == "responsible":
        node.responsible.append(tail)
    return node
