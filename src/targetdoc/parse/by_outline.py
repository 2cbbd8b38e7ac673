"""Parse any document of the family by its outline: lines → outline → names → records.

The line rules (``engine``) read the notice shape they were written for, exactly; this
reads every other shape: letters, rubrics, score tables, task lists, 分解表. ``choice``
keeps the reading that places the document better.
"""

from __future__ import annotations

from targetdoc.errors import InputError
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.models import Heading, Notice, Span
from targetdoc.parse.engine import ParseResult
from targetdoc.parse.header import build_header
from targetdoc.parse.naming import Named, document_unit, name_outline
from targetdoc.parse.outline import Node
from targetdoc.parse.outliner import Read, read_outline
from targetdoc.parse.provenance import line_owners
from targetdoc.parse.state import web_page_finding
from targetdoc.parse.thresholds import extract_many
from targetdoc.read.normalize import fold, join_lines
from targetdoc.read.source import Line, Source


def parse_by_outline(source: Source, unit: str | None = None) -> ParseResult:
    """The records of any document of the family, read by its outline."""
    read = read_outline(source)
    named = name_outline(read.outline.root, document_unit(read.header, unit))
    items = [item for unit_data in named.units for item in _all_items(unit_data)]
    nothing: list[Finding] = []
    if not items:
        scored = [node for node in read.outline.root.walk() if node.pieces and _scored(node)]
        if not scored:  # no numbered, point-scored line at all: not of the family
            raise InputError(_nothing_read(source, read), path=source.label)
        # Numbered lines with points, and no target read from them: never "valid".
        line = scored[0].pieces[0].line.number
        nothing.append(
            Finding.of(
                "TD108",
                N_("{count} numbered lines give points, and no target was read from them"),
                values={"count": len(scored)},
                file=source.label,
                line=line,
            )
        )
    texts = [(entry.text, fold(entry.text)) for _, entry in named.items]
    for record, thresholds in zip(items, extract_many(texts), strict=True):
        record["thresholds"] = thresholds
    header, findings = build_header(
        read.header,
        read.header_lines,
        read.preamble,
        [],
        file=source.label,
        letter=not ("doc_number" in read.header or "issuer" in read.header),
    )
    findings += nothing + _web_page(source, read)
    findings += _unnamed(source, named)
    data = {
        **header,
        "headings": [],
        "citywide_targets": [],
        "common_target": None,
        "development_target": None,
        "units": named.units,
        "footer": read.footer.finish() if read.footer and read.footer.lines else None,
        "declared_total": int(read.total) if read.total else None,
        "source": {
            "file": source.name,
            "sha256": source.sha256,
            "encoding": source.encoding,
            "lines": len(source.lines),
            "page_starts": source.page_starts(),
        },
    }
    notice = Notice.model_validate(data)
    notes = _notes(source, notice, {f.line for f in findings if f.code in ("TD101", "TD109")})
    if notes:
        notice = notice.model_copy(update={"headings": notes})
    return ParseResult(notice, tuple(findings), source, outlined=True)


def _notes(source: Source, notice: Notice, reported: set[int | None]) -> list[Heading]:
    """The document's prose that is no target (指导思想, notes under a table, the
    signatures), as notes: each run of lines no record holds, so every line is in one
    record or reported."""
    owners = line_owners(source, notice)
    notes: list[Heading] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            text = join_lines([line.text for line in run])
            span = Span(first=run[0].number, last=run[-1].number)
            notes.append(Heading(role="note", text=text, span=span))
            run.clear()

    for number, paths in owners.items():
        if paths or number in reported:
            flush()
        else:
            run.append(source.line(number))
    flush()
    return notes


def _all_items(unit: dict[str, object]) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []

    def walk(tier: dict[str, object]) -> None:
        found.extend(tier["items"])  # type: ignore[arg-type]
        for inner in tier.get("tiers", []):  # type: ignore[attr-defined]
            walk(inner)

    for tier in unit["tiers"]:  # type: ignore[attr-defined]
        walk(tier)
    return found


def _web_page(source: Source, read: Read) -> list[Finding]:
    """TD109 for the web page's lines, TD101 for numbered lines that continue no level."""
    found = [web_page_finding(source, line) for line in read.web_page]
    found += [
        Finding.of(
            "TD101",
            N_("line not placed in any record: {why}"),
            values={"why": why},
            file=source.label,
            line=line.number,
            column=1,
        )
        for line, why in read.unplaced
    ]
    return sorted(found, key=lambda finding: finding.line or 0)


def _unnamed(source: Source, named: Named) -> list[Finding]:
    """TD107 where numbered entries that look like targets (with points) went nowhere."""
    lost = [node for node in named.unnamed if _scored(node)]
    if not lost:
        return []
    first = lost[0].pieces[0].line.number if lost[0].pieces else None
    return [
        Finding.of(
            "TD107",
            N_("{count} numbered entries with points are in no unit's targets; first: line {line}"),
            values={"count": len(lost), "line": first or 0},
            file=source.label,
            line=first,
        )
    ]


def _scored(node: Node) -> bool:
    from targetdoc.parse.entries import read_entry

    return bool(node.pieces) and read_entry(node).points is not None


def _nothing_read(source: Source, read: Read) -> str:
    """Why a document gave no target, with what was seen."""
    nodes = [node for node in read.outline.root.walk() if node.form != "root"]
    seen = [f"{len(nodes)} numbered or heading lines"]
    if read.tables:
        first = read.tables[0].header_lines[0].number
        seen.append(f"a table, header at line {first}")
    return (
        "holds no numbered, point-scored or assigned targets: not a target-responsibility "
        f"document (of its {source.content_lines} lines: {', '.join(seen)})"
    )
