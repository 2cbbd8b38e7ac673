"""Word documents (.docx): the body's paragraphs and table rows, one a line, in order.

Checked before python-docx opens them: a .docx is a zip archive, and one of a few
hundred kilobytes can expand to gigabytes. Paragraphs numbered by Word's automatic
list numbering get their numbers back (``1.``, ``（一）``), as the page shows them.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from targetdoc.errors import InputError
from targetdoc.numerals import to_chinese
from targetdoc.read.kinds import max_input_bytes

# What a notice's .docx may expand to, in all (TARGETDOC_MAX_INPUT_MB caps it too).
_ENTRIES = 2_000
_RATIO = 200  # uncompressed bytes per compressed byte, past which an entry is a bomb

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, path: str) -> str:
    """A Word document's text: paragraphs and table rows, one a line, numbers restored."""
    check_archive(data, path)
    from docx import Document
    from docx.opc.exceptions import OpcError

    try:
        document = Document(io.BytesIO(data))
        lines = list(_body_lines(document))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError, EOFError):
        # lxml's XMLSyntaxError is a SyntaxError; python-docx's messages name its stream.
        raise InputError(
            "not a readable Word document (.docx): its parts are missing or broken", path=path
        ) from None
    except (NotImplementedError, RuntimeError, zlib.error, OSError) as error:
        raise InputError(f"a Word document targetdoc cannot unpack: {error}", path=path) from None
    return "\n".join(lines) + "\n"


def check_archive(data: bytes, path: str, *, kind: str = "Word document") -> None:
    """Refuse an Office archive (a .docx, an .xlsx) that is broken, encrypted or
    expands past the input limit; ``kind`` names it in the messages."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        raise InputError(f"not a readable {kind} (a broken zip archive)", path=path) from None
    limit = max_input_bytes()
    if len(entries) > _ENTRIES:
        raise InputError(f"a {kind} of {len(entries)} parts: refused", path=path)
    total = sum(entry.file_size for entry in entries)
    if total > limit:
        raise InputError(
            f"a {kind} that expands to {total:,} bytes, past the limit of {limit:,} "
            "(TARGETDOC_MAX_INPUT_MB)",
            path=path,
        )
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise InputError(f"an encrypted {kind}: save it without a password", path=path)
        if entry.compress_size and entry.file_size / entry.compress_size > _RATIO:
            raise InputError(
                f"a {kind} whose part {entry.filename} expands {_RATIO} times past "
                "its size: refused as a zip bomb",
                path=path,
            )


def _body_lines(document: Any) -> Iterator[str]:
    """Each paragraph of the body, and each table row (its cells in order), as a line."""
    numbering = _Numbering(document)
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            yield numbering.prefix(element) + _text(element)
        elif element.tag == f"{_W}tbl":
            yield from _table_lines(element)


def _table_lines(table: Any) -> Iterator[str]:
    """A row a line: its cells' text in order, joined by a space (nested tables too).

    A table of targets, known by its header row (序号 | 目标任务 | 分值 | 责任单位),
    gives each row as the line a notice's text would have: ``1. 目标（责任单位）（10分）``,
    any other column's text kept in the line as ``（备注：…）``; its header row gives no
    line of its own.
    """
    rows = []
    for row in table.iterchildren(f"{_W}tr"):
        cells = []
        for cell in row.iterchildren(f"{_W}tc"):
            parts = [_text(p) for p in cell.iter(f"{_W}p")]
            cells.append(" ".join(part for part in parts if part).strip())
        rows.append(cells)
    columns = _target_columns(rows[0]) if rows else None
    if columns is None:
        for cells in rows:
            yield " ".join(cell for cell in cells if cell)
        return
    # A table of targets is read on its grid: a merged cell's value is every row's.
    grid = _grid_rows(table)
    header = grid[0]
    columns = _target_columns(header) or columns
    # The header row is layout, as a markdown rule is: each line now says what it holds.
    for cells in grid[1:]:
        yield _target_line(header, cells, columns)


def _grid_rows(table: Any) -> list[list[str]]:
    """The table's rows on its grid, a column a grid column: a cell merged across
    columns (gridSpan) stands in the first, one merged down (vMerge, as offices merge
    the 责任单位 or 分值 of several targets) gives its text to each row it covers."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for row in table.iterchildren(f"{_W}tr"):
        column = min(_attribute_int(row.find(f"{_W}trPr/{_W}gridBefore"), 0), _MOST_SPAN)
        cells: dict[int, str] = {}
        for cell in row.iterchildren(f"{_W}tc"):
            span = max(1, min(_attribute_int(cell.find(f"{_W}tcPr/{_W}gridSpan"), 1), _MOST_SPAN))
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
                text = above.get(column, "")
            else:
                parts = [_text(p) for p in cell.iter(f"{_W}p")]
                text = " ".join(part for part in parts if part).strip()
            cells[column] = text
            column += span
        above = cells
        width = max(cells, default=-1) + 1
        rows.append([cells.get(index, "") for index in range(width)])
    return rows


def _attribute_int(element: Any, default: int, *, name: str = "val") -> int:
    """An element's w:val (or another attribute) as a number, small and whole (Word
    writes them so; a file made by other hands may write anything): else ``default``."""
    if element is None:
        return default
    value = element.get(f"{_W}{name}", "")
    if not (value.isascii() and value.isdecimal()) or len(value) > _MOST_DIGITS:
        return default
    return int(value)


# Word's counters, spans and starts are small numbers; past this many digits, none.
_MOST_DIGITS = 12
# The most grid columns a cell spans or a row skips (Word's tables have at most 63).
_MOST_SPAN = 64


def _target_columns(header: list[str]) -> dict[str, int] | None:
    """Which column holds the number, the target, the points and the responsible units,
    if the header row names at least the number and the target."""
    from targetdoc.grammar import grammar

    lexicons = grammar().lexicons
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = "".join(cell.split())
        for role in ("number", "target", "points", "responsible"):
            words = lexicons[f"table_{role}"]
            if role not in columns and any(name.startswith(word) for word in words):
                columns[role] = index
                break
    return columns if {"number", "target"} <= set(columns) else None


def _target_line(header: list[str], cells: list[str], columns: dict[str, int]) -> str:
    """A row of a table of targets, written as a numbered target line."""

    def cell(role: str) -> str:
        index = columns.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    number, target = cell("number"), cell("target")
    if not number.isdigit():  # a row that continues the last, or no target at all
        return " ".join(text for text in cells if text)
    known = set(columns.values())
    notes = "".join(
        f"（{header[index]}：{text}）"
        for index, text in enumerate(cells)
        if text and index not in known and index < len(header)
    )
    responsible = f"（{cell('responsible')}）" if cell("responsible") else ""
    points = cell("points").removesuffix("分").strip()
    scored = ""
    if points.replace(".", "", 1).isdigit():
        scored = f"（{points}分）"
    elif cell("points"):  # not a number of points: kept as the table says it
        notes += f"（{header[columns['points']]}：{cell('points')}）"
    return f"{number}. {target}{notes}{responsible}{scored}"


def _text(paragraph: Any) -> str:
    """A paragraph's text: its runs' text, tabs and breaks as spaces."""
    parts = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        parts.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return "".join(parts)


class _Numbering:
    """Word's automatic list numbers: counters per list and level, formatted as defined."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        # A style may number its paragraphs (List Number): its numPr, by style id.
        self.by_style: dict[str, Any] = {}
        try:
            for style in document.styles.element.iterchildren(f"{_W}style"):
                props = style.find(f"{_W}pPr/{_W}numPr")
                if props is not None:
                    self.by_style[style.get(f"{_W}styleId")] = props
        except (NotImplementedError, KeyError, AttributeError):
            pass
        try:
            part = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {
            node.get(f"{_W}abstractNumId"): node for node in part.iterchildren(f"{_W}abstractNum")
        }
        for num in part.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if definition is not None:
                self.levels[num.get(f"{_W}numId")] = _levels(definition)

    def prefix(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph (1. , （一）), or nothing."""
        props = paragraph.find(f"{_W}pPr/{_W}numPr")
        if props is None:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            props = self.by_style.get(style.get(f"{_W}val")) if style is not None else None
        if props is None:
            return ""
        num = props.find(f"{_W}numId")
        ilvl = props.find(f"{_W}ilvl")
        list_id = num.get(f"{_W}val") if num is not None else None
        level = _attribute_int(ilvl, 0)
        if list_id is None or list_id == "0" or not 0 <= level < 9:
            return ""
        levels = self.levels.get(list_id, {})
        counters = self.counters.setdefault(list_id, [0] * 9)
        starts = [levels.get(n, ("decimal", "", 1))[2] for n in range(9)]
        counters[level] = counters[level] + 1 if counters[level] else starts[level]
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        if fmt in {"bullet", "none"}:
            return ""
        for n in range(level + 1):
            shown = _formatted(counters[n] or starts[n], levels.get(n, ("decimal", "", 1))[0])
            text = text.replace(f"%{n + 1}", shown)
        return text + " "


def _levels(definition: Any) -> dict[int, tuple[str, str, int]]:
    """Each level of a list definition: its number format, its text (%1.) and start."""
    levels = {}
    for lvl in definition.iterchildren(f"{_W}lvl"):
        fmt = lvl.find(f"{_W}numFmt")
        text = lvl.find(f"{_W}lvlText")
        start = lvl.find(f"{_W}start")
        levels[_attribute_int(lvl, 0, name="ilvl")] = (
            fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
            text.get(f"{_W}val", "") if text is not None else "",
            _attribute_int(start, 1),
        )
    return levels


def _formatted(number: int, fmt: str) -> str:
    """A counter in a level's format: 3, 三, c, C, iii."""
    if fmt.startswith(("chinese", "ideograph", "taiwanese", "japaneseCounting")):
        return to_chinese(number)
    if fmt == "lowerLetter":
        return chr(ord("a") + (number - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (number - 1) % 26)
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(number)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(number)


def _roman(number: int) -> str:
    """3 III, 14 XIV; past 3999 (no Roman numeral) in decimal."""
    if not 0 < number < 4000:
        return str(number)
    values: tuple[tuple[int, str], ...] = (
        *((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")),
        *((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")),
    )
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out
