"""What changed inside a sentence, marked for each output: the characters removed and
added (``[-2020-]{+2021+}`` in plain text, red and green on a terminal, ``~~2020~~**2021**``
in Markdown, ``<del>``/``<ins>`` in HTML); whether an edit only moved the year on; and
long lines wrapped with their continuation indented under the item."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from html import escape
from typing import Literal

from targetdoc.read.normalize import display_width

Style = Literal["text", "terminal", "markdown", "html"]

# ASCII marks that Markdown (CommonMark, GitHub's) may read as markup inside a line
# (code, emphasis, links and images, tables, strike-through, mentions): each is written
# with a backslash, which CommonMark allows before any ASCII punctuation. A line's
# start is always targetdoc's own (#, -), so block marks need none.
_MARKDOWN_MARKS = frozenset("\\`*_[]|~@")
_HTML_MARKS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_text(text: str) -> str:
    """Text that renders as itself in Markdown: HTML's marks as entities, Markdown's
    backslashed, and line breaks as spaces (one line stays one list item)."""
    out = []
    for char in " ".join(text.splitlines()):
        if char in _HTML_MARKS:
            out.append(_HTML_MARKS[char])
        elif char in _MARKDOWN_MARKS:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _marker(
    style: Style,
) -> tuple[Callable[[str], str], Callable[[str], str], Callable[[str], str]]:
    """How a style writes text kept, removed and added."""
    if style == "html":
        return escape, lambda s: f"<del>{escape(s)}</del>", lambda s: f"<ins>{escape(s)}</ins>"
    if style == "terminal":
        import click

        return (
            lambda s: s,
            lambda s: click.style(s, fg="red", strikethrough=True),
            lambda s: click.style(s, fg="green", underline=True),
        )
    return (lambda s: s), lambda s: f"[-{s}-]", lambda s: f"{{+{s}+}}"


def marked(old: str, new: str, style: Style) -> str:
    """The new sentence with what was removed from the old and added to it marked, by
    characters (a Chinese sentence has no words to split on)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if style == "markdown":
        return _markdown_marked(old, new, matcher.get_opcodes())
    kept, removed, added = _marker(style)
    parts = []
    for operation, a0, a1, b0, b1 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(kept(new[b0:b1]))
            continue
        if a1 > a0:
            parts.append(removed(old[a0:a1]))
        if b1 > b0:
            parts.append(added(new[b0:b1]))
    return "".join(parts)


def _markdown_marked(old: str, new: str, opcodes: Sequence[tuple[str, int, int, int, int]]) -> str:
    """Markdown's marks, ``~~removed~~`` and ``**added**``, on text escaped as itself;
    where CommonMark would not read a mark as one (a part that starts or ends with
    punctuation beside a letter: 人**| a |**), its HTML, ``<del>`` or ``<strong>``."""
    pieces: list[tuple[str, str]] = []
    for operation, a0, a1, b0, b1 in opcodes:
        if operation == "equal":
            pieces.append(("", markdown_text(new[b0:b1])))
            continue
        if a1 > a0:
            pieces.append(("~~", markdown_text(old[a0:a1])))
        if b1 > b0:
            pieces.append(("**", markdown_text(new[b0:b1])))
    out: list[str] = []
    for index, (mark, inner) in enumerate(pieces):
        if not mark or not inner:
            out.append(inner)
            continue
        before = out[-1][-1] if out and out[-1] else " "
        following = pieces[index + 1] if index + 1 < len(pieces) else ("", " ")
        after = following[0][:1] or following[1][:1] or " "
        if _flanks(before, inner[0]) and _flanks(after, inner[-1]):
            out.append(f"{mark}{inner}{mark}")
        else:
            tag = "strong" if mark == "**" else "del"
            out.append(f"<{tag}>{inner}</{tag}>")
    return "".join(out)


def _flanks(outside: str, inside: str) -> bool:
    """Whether a mark between these characters opens or closes emphasis (CommonMark's
    flanking rule): not against a space inside, and punctuation inside only with a space
    or punctuation outside."""
    if inside.isspace():
        return False
    return not _punctuation(inside) or outside.isspace() or _punctuation(outside)


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def only_the_year(old: str, new: str, old_year: int | None, new_year: int | None) -> bool:
    """Whether the new sentence is the old with its year moved on (2020年 → 2021年), and
    nothing else."""
    if old_year is None or new_year is None or old_year == new_year or old == new:
        return False
    return old.replace(str(old_year), str(new_year)) == new


# A terminal's colour codes: no width, never cut.
_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def wrapped(line: str, width: int, indent: int) -> list[str]:
    """A line cut to ``width`` display columns (a CJK character is two; colour codes
    none), each following line indented by ``indent`` spaces."""
    pieces = [piece for piece in re.split(f"({_ESCAPE.pattern})", line) if piece]
    if sum(display_width(p) for p in pieces if not _ESCAPE.fullmatch(p)) <= width:
        return [line]
    lines: list[str] = []
    current, used = "", 0
    for piece in pieces:
        if _ESCAPE.fullmatch(piece):
            current += piece
            continue
        for char in piece:
            size = display_width(char)
            if used + size > width and _ESCAPE.sub("", current).strip():
                current, carried = _at_a_space(current, char, indent)
                lines.append(current.rstrip())
                current = " " * indent + carried
                used = display_width(_ESCAPE.sub("", current))
                if char == " ":
                    continue  # a space where the line breaks is the break
            current += char
            used += size
    if _ESCAPE.sub("", current).strip():
        lines.append(current.rstrip())
    return lines


# A run that is not cut: a Latin word or a number (40分 is not cut after its 4).
_WORD_END = re.compile(r"[A-Za-z0-9.,%]+$")


def _at_a_space(line: str, char: str, indent: int) -> tuple[str, str]:
    """Where a word or a number would be cut, the line ends before it and it goes on to
    the next; Chinese breaks anywhere."""
    if not (char.isascii() and (char.isalnum() or char in ".,%")):
        return line, ""
    run = _WORD_END.search(line)
    if run is None or run.start() <= indent or not line[: run.start()].strip():
        return line, ""
    return line[: run.start()], run.group()
