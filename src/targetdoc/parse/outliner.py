"""Lines into an outline: the header, the numbered nodes, tables, the close.

One pass over the line index. Before the first node, lines are the header (title,
number, addressees, the introduction); a numbering marker that continues a level
opens a node (``outline.Outline`` decides where it nests); a table's header row
rebuilds the table into row nodes; a line that holds only points, names responsible
units or gives scoring rules goes to the node above it; an organisation's name or a
short line above an entry 1 is a heading; the colophon and the signatures close the
document. Any other line continues the node above it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from targetdoc import grammar
from targetdoc.numerals import from_chinese
from targetdoc.parse.drafts import FooterDraft, TextDraft, to_date, unit_names
from targetdoc.parse.outline import CLAUSE, HEADING, ORG, Marker, Node, Outline, Piece, marker_at
from targetdoc.parse.table_rows import (
    Table,
    cell_role,
    read_delimited,
    read_flattened,
    read_spaced,
)
from targetdoc.read.normalize import split_list
from targetdoc.read.source import Line, Source

# A sentence ends here, or its points do (…任务。（10分）2.…): a further entry of the
# same list may follow on the line.
_SENTENCE_END = re.compile(r"(?:[。;；!！]|\(\s*\d{1,4}(?:\.\d{1,2})?\s*分\s*\)[。;；,，]?)\s*")
# A document-sharing site's capture: the text run together and cut into chunks that the
# site numbers 1、 2、 3、 … at arbitrary places, even inside a word.
_CHUNK = re.compile(r"(\d{1,3})、")
_CHUNK_LENGTH = 60  # every chunk but the last is at least this long
_SENTENCE_CLOSE = "。;；!！)）"
# No sentence punctuation: a heading may be such a line.
_PROSE = re.compile(r"[,;:!?。，；：！？]")
_HEADING_LENGTH = 30


@dataclass
class Read:
    """What the pass found: the header's fields and lines, the outline, the close."""

    header: dict[str, str] = field(default_factory=dict)
    header_lines: list[Line] = field(default_factory=list)
    preamble: TextDraft = field(default_factory=TextDraft)
    outline: Outline = field(default_factory=Outline)
    footer: FooterDraft | None = None
    notes: list[Line] = field(default_factory=list)  # prose after tables, signatures
    web_page: list[Line] = field(default_factory=list)
    # Numbered lines whose number continues no level, after an entry that was complete.
    unplaced: list[tuple[Line, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    total: str | None = None  # 总分100分


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {name: pattern.regex for name, pattern in grammar.patterns().items()}


def read_outline(source: Source) -> Read:
    """The header, outline and close of a document."""
    content = [line for line in source.lines if not line.is_blank]
    return _Pass(source, content).run()


class _Pass:
    def __init__(self, source: Source, content: list[Line]) -> None:
        self.source = source
        self.content = content
        self.read = Read()
        self.patterns = _patterns()
        self.closed = False  # the signatures began: nothing after is a target
        self.chunks = _chunks(content)  # a sharing site's chunks: where their text starts
        self.after_table = False  # a table just ended: prose after it is a note

    @property
    def outline(self) -> Outline:
        return self.read.outline

    def run(self) -> Read:
        index = 0
        while index < len(self.content):
            index = self._line(index)
        return self.read

    def _match(self, name: str, line: Line) -> re.Match[str] | None:
        return self.patterns[name].match(line.folded)

    def _line(self, index: int) -> int:  # noqa: PLR0911, PLR0912 (one branch per kind of line)
        """Place the line at ``index``; the index of the next line to place."""
        line = self.content[index]
        read = self.read
        total = self.patterns["total_points"].search(line.folded)
        if total is not None and read.total is None:
            read.total = total["points"]
        if self._match("web_page_text", line) or self._match("page_banner", line):
            read.web_page.append(line)
            return index + 1
        if read.footer is not None and read.footer.closed:
            why = "the footer already ended with its 印发 line"
            read.unplaced.append((line, why))
            return index + 1
        if read.footer is not None or self._match("footer_field", line):
            self._footer(line)
            return index + 1
        if line.number in self.chunks:
            self._chunk(line, self.chunks[line.number])
            return index + 1
        table = self._table(index)
        if table is not None:
            self._place_table(table)
            return index + len(table.lines)
        started = bool(self.outline.root.children)
        if self.closed or (started and self._match("closing_line", line)):
            self.closed = True
            read.notes.append(line)
            party = self._match("party_b", line)
            if party is not None and "party_b" not in read.header:  # 乙方 signs at the end
                read.header["party_b"] = line.text[party.start("party_b") : party.end("party_b")]
            return index + 1
        marker = marker_at(line.folded)
        if marker is not None and self._node(line, marker):
            return index + 1
        if self.outline.root.children and self._match("date_line", line):
            read.notes.append(line)  # the date under the signatures
            return index + 1
        if marker is not None and self.outline.root.children and _complete(self.outline.current):
            written = line.folded[: marker.end].strip()
            read.unplaced.append((line, f"{written} does not continue the numbering above it"))
            return index + 1
        if not self.outline.root.children and self._header(line):
            return index + 1
        if self._beside(line):
            return index + 1
        if self._heading(line, index):
            return index + 1
        if self._units_alone(line, index):
            return index + 1
        if self._clause(line):
            return index + 1
        self._continue(line)
        return index + 1

    def _chunk(self, line: Line, start: int) -> None:
        """A sharing site's chunk, past the site's number: the first opens the outline at
        its first entry 1 (the title it repeats before it is no entry); the others go on
        with the entry the chunk before broke off, or open the entry they start with."""
        folded = line.folded
        if not self.outline.root.children:
            first = _first_entry(folded, start)
            if first is None:
                self.read.notes.append(line)
                return
            at, marker = first
            self._entries(line, at, marker, self.outline.fits(marker, True) or self.outline.root)
            return
        opening = marker_at(folded, start)
        parent = self._runs_on(opening, scored=False) if opening is not None else None
        if opening is not None and parent is not None:
            self._entries(line, start, opening, parent)
        else:
            self._run_on(line, start)

    def _responsible_sentence(self, line: Line, sentence: re.Match[str], node: Node) -> None:
        """以上…责任单位均为… names the units of the entries before it: the one above
        (该目标), the last few (2项目标的…; 分别为: one each, in order), or every entry of
        the section above that names none."""
        names = _listed(line.text[sentence.start("units") : sentence.end("units")])
        if sentence["scope"] in ("该", "此"):  # 该目标责任单位为…: the entry above
            node.responsible = names
            node.others.append(line)
            return
        scope = node.parent if node.parent is not None else node
        leaves = [n for n in scope.walk() if not n.children and n is not scope]
        count = sentence["count"]
        if count is not None:
            wanted = int(count) if count.isdecimal() else from_chinese(count) or 0
            leaves = leaves[-wanted:] if wanted else []
        elif sentence["how"].startswith("分别"):
            leaves = leaves[-len(names) :]
        if sentence["how"].startswith("分别") and len(leaves) == len(names):
            for leaf, name in zip(leaves, names, strict=True):
                leaf.responsible = [name]
        else:
            for leaf in leaves:
                if not leaf.responsible or count is not None:
                    leaf.responsible = list(names)
        scope.others.append(line)

    def _units_alone(self, line: Line, index: int) -> bool:
        """Organisations' names alone on the line after a whole entry (2.完成老旧小区改造
        30个。 / 市住建局、市财政局): its responsible units, as a task list writes them."""
        node = self.outline.current
        if node is self.outline.root or not _complete(node) or len(line.folded) > _UNITS_LINE:
            return False
        names = unit_names(line.text)
        if names is None or any(len(name) > _UNIT_NAME for name in names):
            return False
        following = self.content[index + 1] if index + 1 < len(self.content) else None
        if following is not None and self._match("date_line", following):
            self.read.notes.append(line)  # the issuer signing, above the date
            return True
        if self._match("category_heading", line):  # 各县（市、区）责任目标: a heading
            return False
        node.responsible += names
        node.others.append(line)
        return True

    def _clause(self, line: Line) -> bool:
        """目标考核减分因素：… closes a unit: a node of its own (lines after a page break
        continue it), never the rest of the item above."""
        if not self._match("deduction_clause", line):
            return False
        unit = next((node for node in reversed(self.outline.stack) if node.form == ORG), None)
        if unit is None:
            return False
        self.outline.open(Node(CLAUSE, 0, [Piece(line)]), unit)
        return True

    # --- the header and the close ------------------------------------------------------

    def _header(self, line: Line) -> bool:
        """A header line before the first node: its fields, else the introduction."""
        read = self.read
        for name, key in (
            ("doc_number", "doc_number"),
            ("issuer", "issuer"),
            ("title", "title"),
            ("letter_title", "title"),
            ("doc_title", "title"),
            ("addressees", "addressees"),
            ("date_line", "issued_on"),
            ("party_b", "party_b"),
        ):
            match = self._match(name, line)
            if match is not None and key not in read.header:
                read.header[key] = line.text[match.start(key) : match.end(key)]
                read.header_lines.append(line)
                if key == "title":
                    self._title_broken(line)
                return True
        read.preamble.add(line)
        read.header_lines.append(line)
        return True

    def _title_broken(self, line: Line) -> None:
        """A title a PDF broke after 关于…: the line before it is its start."""
        read = self.read
        before = read.preamble.lines[-1] if read.preamble.lines else None
        if before is None or before.number != line.number - 1 or "关于" in line.folded:
            return
        if "关于" in before.folded and not _PROSE.search(before.folded):
            read.preamble.lines.pop()
            read.header["title"] = before.text + read.header["title"]

    def _footer(self, line: Line) -> None:
        read = self.read
        if read.footer is None:
            read.footer = FooterDraft()
        field_match = self._match("footer_field", line)
        printed = self._match("printed", line)
        if field_match is not None:
            read.footer.start_field(
                field_match["label"], line.text[field_match.start("value") :], line
            )
        elif printed is not None:
            read.footer.lines.append(line)
            read.footer.printed_on = to_date(printed)
            by = line.text[: printed.end("printed_by")].strip()
            read.footer.printed_by = by or read.footer.printed_by
            read.footer.closed = True
        else:
            read.footer.add(line)

    # --- tables -------------------------------------------------------------------------

    def _table(self, index: int) -> Table | None:
        """A table whose header row starts at this line, in whichever way it is written."""
        folded = self.content[index].folded
        readers = []
        if cell_role(folded) is not None:
            readers.append(read_flattened)
        if "|" in folded or "\t" in folded:
            readers.append(read_delimited)
        if " " in folded:
            readers.append(read_spaced)
        for reader in readers:
            table = reader(self.content, index)
            if table is not None:
                return table
        return None

    def _place_table(self, table: Table) -> None:
        """A table's rows are children of the node open above it."""
        parent = self.outline.current
        parent.others.extend(table.header_lines)
        for node in table.nodes:
            parent.add(node)
        self.read.tables.append(table)
        while self.outline.stack[-1] is not parent:
            self.outline.stack.pop()
        self.after_table = True

    # --- nodes ----------------------------------------------------------------------------

    def _node(self, line: Line, marker: Marker) -> bool:
        """A marker that continues a level opens a node (several, where entries run on
        one line); one that does not is text."""
        folded = line.folded
        has_points = bool(
            self.patterns["points_mark"].search(folded)
            or self.patterns["points_labelled"].search(folded)
        )
        parent = self.outline.fits(marker, has_points)
        if parent is None:
            return False
        self.after_table = False
        self._entries(line, 0, marker, parent)
        return True

    def _entries(self, line: Line, start: int, marker: Marker, parent: Node) -> None:
        """Open the entry at ``start`` and those the line runs on to after it."""
        while True:
            piece = Piece(line, start)
            node = Node(marker.form, marker.value, [piece], body=marker.end - start)
            self.outline.open(node, parent)
            following = self._next_entry(line.folded, marker.end)
            if following is None:
                return
            piece.end, marker, parent = following
            start = piece.end

    def _next_entry(self, folded: str, position: int) -> tuple[int, Marker, Node] | None:
        """Where a line runs on to a further entry after ``position``, its marker and its
        parent: a marker after the end of a sentence (or of points) that continues a
        level open above it (1.…扣0.5分。2.…; …扣1分/次。二、经济发展), or, after a
        heading's points, opens a level below it (（一）党务工作（10分）1.村…)."""
        for end in _SENTENCE_END.finditer(folded, position):
            candidate = marker_at(folded, end.end())
            if candidate is None:
                continue
            parent = self._runs_on(candidate, scored=end.group().startswith("("))
            if parent is not None:
                return end.end(), candidate, parent
        return None

    def _runs_on(self, marker: Marker, *, scored: bool) -> Node | None:
        """The parent of an entry a line runs on to: under the open node its number
        continues, or (after points: ``scored``) a first entry below the node above."""
        stack = self.outline.stack
        for depth in range(len(stack) - 1, 0, -1):
            if stack[depth].form == marker.form:
                return stack[depth - 1] if marker.value == stack[depth].value + 1 else None
        return self.outline.current if scored and marker.value == 1 else None

    def _beside(self, line: Line) -> bool:
        """A line that says something of the node above: its points alone, its
        responsible units, its scoring rules."""
        node = self.outline.current
        if node is self.outline.root:
            return False
        cell = self._match("points_cell", line)
        if cell is not None and node.points_written is None and not _declares(node):
            node.points_written = cell["points"]
            node.others.append(line)
            return True
        units = self._match("responsible_line", line)
        if units is not None:
            node.responsible += _listed(line.text[units.start("units") : units.end("units")])
            node.others.append(line)
            return True
        sentence = self._match("responsible_sentence", line)
        if sentence is not None:
            self._responsible_sentence(line, sentence, node)
            return True
        criteria = self._match("criteria_line", line)
        if criteria is not None:
            node.criteria.append(line.text[criteria.start("text") :].strip())
            node.others.append(line)
            return True
        return False

    def _heading(self, line: Line, index: int) -> bool:
        """An organisation's name, or a short line without sentence punctuation, above an
        entry numbered 1: a heading node."""
        following = self.content[index + 1] if index + 1 < len(self.content) else None
        if following is None:
            return False
        marker = marker_at(following.folded)
        first = marker is not None and marker.value in (0, 1)
        org = self._match("org_heading", line)
        if org is not None and (first or cell_role(following.folded) is not None):
            self.outline.open_heading(Node(ORG, 0, [Piece(line)]))
            self.after_table = False
            return True
        if (
            first
            and len(line.folded) <= _HEADING_LENGTH
            and not _PROSE.search(line.folded.rstrip(":："))
            and _complete(self.outline.current)
        ):
            self.outline.open_heading(Node(HEADING, 0, [Piece(line)]))
            self.after_table = False
            return True
        return False

    def _continue(self, line: Line) -> None:
        """The rest of the node above (a sentence broken by a page), or the header's
        introduction, or a note after a table."""
        node = self.outline.current
        if self.after_table:  # 说明：… under a table: none of the heading above it
            self.read.notes.append(line)
            return
        if node is not self.outline.root and self.source.style(line.number):
            # A PDF sets the line apart (bold, centred, larger): a heading of its own,
            # never the rest of the entry above.
            self.read.notes.append(line)
            return
        if node is self.outline.root:
            if self.outline.root.children:
                self.read.notes.append(line)
            else:
                self.read.preamble.add(line)
                self.read.header_lines.append(line)
            return
        if _complete(node) and self.patterns["scoring_rule"].search(line.folded):
            node.criteria.append(line.text.strip())
            node.others.append(line)
            return
        if _sentence_scored(node):
            # 2.孕产妇死亡率控制在15/10万以内(100分)。 is whole: what follows is no part of
            # it (a heading's body follows a short heading: 一、职能目标（60分）).
            self.read.notes.append(line)
            return
        self._run_on(line, 0)

    def _run_on(self, line: Line, start: int) -> None:
        """The line from ``start`` continues the node above, up to a further entry it
        runs on to (a web page's line broken inside an entry: …并及时 / 公开的扣1分。5.…)."""
        following = self._next_entry(line.folded, start)
        if following is None:
            self.outline.current.pieces.append(Piece(line, start) if start else Piece(line))
            return
        at, marker, parent = following
        if at > start:
            self.outline.current.pieces.append(Piece(line, start, at))
        self._entries(line, at, marker, parent)


def _chunks(content: list[Line]) -> dict[int, int]:
    """The lines a document-sharing site cut a text into, by line number: where their
    text starts past the site's number. A run counts where it holds two chunks or more,
    numbered 1、 2、 3、 … on lines that follow each other, each but the last long, and
    one of them ends inside a sentence (no document breaks its own numbered paragraphs
    so)."""
    found: dict[int, int] = {}
    run: list[tuple[Line, int]] = []
    for line in [*content, None]:
        match = _CHUNK.match(line.folded) if line is not None else None
        value = int(match[1]) if match else 0
        follows = value > 1 and value == len(run) + 1
        if line is not None and match and follows and len(run[-1][0].folded) >= _CHUNK_LENGTH:
            run.append((line, match.end()))
            continue
        broken = any(prev.folded.rstrip()[-1:] not in _SENTENCE_CLOSE for prev, _ in run[:-1])
        if len(run) >= 2 and broken:
            found.update({chunk.number: start for chunk, start in run})
        run = [(line, match.end())] if line is not None and match and value == 1 else []
    return found


def _first_entry(folded: str, start: int) -> tuple[int, Marker] | None:
    """The first entry numbered 1 at or after ``start`` (一、 after a title run into it)."""
    for at in range(start, len(folded)):
        marker = marker_at(folded, at)
        if marker is not None and marker.value == 1:
            return at, marker
    return None


def _declares(node: Node) -> bool:
    """Whether a node's words declare its points in a bracket or with a label."""
    folded = "".join(piece.folded for piece in node.pieces)
    patterns = _patterns()
    return bool(
        patterns["points_mark"].search(folded) or patterns["points_labelled"].search(folded)
    )


def _complete(node: Node) -> bool:
    """Whether a node's words end a sentence or with its points: what follows is no
    rest of a broken line."""
    if not node.pieces or node.form in (HEADING, ORG):
        return True
    # The last piece says how the words end (joining them all at every line would make
    # a long paragraph cost the square of its lines).
    last = node.pieces[-1]
    folded = (last.folded[node.body :] if len(node.pieces) == 1 else last.folded).rstrip()
    return (
        not folded
        or folded[-1] in "。;；!！:："
        or _patterns()["points_suffix"].search(folded) is not None
        or node.points_written is not None
    )


# The longest a unit's name is, in a line of units alone (各县（市、区）人民政府).
_UNIT_NAME = 16
# The longest a line of responsible units alone is.
_UNITS_LINE = 60
# The longest a heading is whose body follows it on the next lines (一、职能目标（60分）).
_HEADING_WORDS = 16


def _sentence_scored(node: Node) -> bool:
    """Whether a node is a whole sentence that ends with its points."""
    if len(node.pieces) != 1 or node.form in (HEADING, ORG):
        return False
    folded = node.pieces[0].folded[node.body :].rstrip()
    ending = _patterns()["points_suffix"].search(folded)
    return ending is not None and ending.start() > _HEADING_WORDS


# A second label inside a list of units: …市发展改革委，配合单位为市工业和信息化委.
_SECOND_LABEL = re.compile(
    r"[,，;；]\s*(?:配合|协办|参与|协助|協辦|協助)[^,，;；]{0,4}?(?:为|為|是|:|：)"
)


def _listed(written: str) -> list[str]:
    """The units a line lists after its label: organisations' names as ``unit_names``
    reads them (a remark in a bracket set aside), else the list's items as written; a
    second label's units after the first's (…，配合单位为…)."""
    return [
        name for part in _SECOND_LABEL.split(written) for name in (unit_names(part) or _names(part))
    ]


def _names(units: str) -> list[str]:
    """Responsible units as listed after a label: 区财政局、区税务局."""
    return [name.strip() for name in split_list(units) if name.strip()]
