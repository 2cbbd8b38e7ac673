"""Many notices in one SQLite database, for comparing units, cities and years.

Written with sqlite-utils (the library Datasette's author keeps for this job): tables
``notices``, ``units``, ``tiers``, ``items``, ``thresholds`` and ``findings`` with
stable keys (a notice by its doc number, else its file stem and hash; a unit by notice and
name; an item by unit and number), foreign keys, indexes on what people filter by,
an FTS5 index over item text whose ``trigram`` tokenizer finds Chinese substrings,
and views for the common questions. Every table repeats what a reader filters by
(issuer, city, year, unit), so none needs a join back.

Re-exporting a notice replaces its rows and nothing else: a corpus grows one notice
at a time. The rows are written in one transaction on the database itself, so a failed
run leaves it as it was, and readers and other writers see it whole.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from targetdoc import grammar
from targetdoc.errors import OutputError
from targetdoc.findings import Finding
from targetdoc.indicators.catalog import Catalog, Indicator, notice_catalog
from targetdoc.indicators.targets import indicator_targets
from targetdoc.models import Item, Notice, Tier, Unit

Row = dict[str, Any]

# Each table: its columns and their types, its key, its foreign keys, the columns
# indexed. Children come after their parents (created in this order, emptied in reverse).
# Numbers are INTEGER columns: that affinity keeps 60 whole and stores 2.5 as REAL.
_CONTEXT = {"notice_id": str, "issuer": str, "city": str, "year": int}
SCHEMA: dict[str, dict[str, Any]] = {
    "notices": {
        "columns": {
            "notice_id": str,
            "doc_number": str,
            "issuer": str,
            "city": str,
            "year": int,
            "title": str,
            "issued_on": str,
            "source_file": str,
            "sha256": str,
            "encoding": str,
            "profile": str,
            "units": int,
            "items": int,
            "points": int,
        },
        "pk": "notice_id",
        "foreign_keys": [],
        "indexes": [["year"], ["city"]],
    },
    "units": {
        "columns": {
            "unit_key": str,
            **_CONTEXT,
            "name": str,
            "category": str,
            "kind": str,
            "declared_points": int,
            "points": int,
            "items": int,
            "source_line": int,
        },
        "pk": "unit_key",
        "foreign_keys": [("notice_id", "notices", "notice_id")],
        "indexes": [["notice_id"], ["name"], ["year"], ["city"]],
    },
    "tiers": {
        "columns": {
            "tier_key": str,
            **_CONTEXT,
            "unit_key": str,
            "unit": str,
            "path": str,
            "name": str,
            "number": int,
            "declared_points": int,
            "points": int,
            "source_line": int,
        },
        "pk": "tier_key",
        "foreign_keys": [
            ("notice_id", "notices", "notice_id"),
            ("unit_key", "units", "unit_key"),
        ],
        "indexes": [["notice_id"], ["unit_key"], ["name"]],
    },
    "items": {
        "columns": {
            "item_key": str,
            **_CONTEXT,
            "unit_key": str,
            "tier_key": str,
            "unit": str,
            "category": str,
            "tier": str,
            "number": int,
            "points": int,
            "text": str,
            "thresholds": str,
            "responsible": str,
            "source_line": int,
            "page": int,
        },
        "pk": "item_key",
        "foreign_keys": [
            ("notice_id", "notices", "notice_id"),
            ("unit_key", "units", "unit_key"),
            ("tier_key", "tiers", "tier_key"),
        ],
        "indexes": [["notice_id"], ["unit_key"], ["unit"], ["year"], ["city"]],
    },
    "thresholds": {
        "columns": {
            "threshold_key": str,
            **_CONTEXT,
            "item_key": str,
            "unit": str,
            "item_number": int,
            "reading": str,
            "comparator": str,
            "change": str,
            "value": int,
            "value_max": int,
            "scale": str,
            "measure": str,
            "quantity": int,
            "benchmark": str,
            "subject": str,
            "text": str,
        },
        "pk": "threshold_key",
        "foreign_keys": [
            ("notice_id", "notices", "notice_id"),
            ("item_key", "items", "item_key"),
        ],
        "indexes": [["notice_id"], ["item_key"], ["comparator"], ["unit"], ["year"]],
    },
    # Each threshold by the indicator it measures (one row per indicator a list of
    # subjects names), the city-wide list's too (unit empty, unit_kind citywide).
    "indicators": {
        "columns": {
            "indicator_key": str,
            **_CONTEXT,
            "unit": str,
            "unit_kind": str,
            "item_number": int,
            "indicator": str,
            "indicator_name": str,
            "indicator_group": str,
            "kind": str,
            "reading": str,
            "comparator": str,
            "change": str,
            "value": int,
            "normalised_value": int,
            "measure": str,
            "points": int,
            "benchmark": str,
            "source_line": int,
        },
        "pk": "indicator_key",
        "foreign_keys": [("notice_id", "notices", "notice_id")],
        "indexes": [["notice_id"], ["indicator"], ["unit"], ["year"], ["city"]],
    },
    "findings": {
        "columns": {
            "finding_key": str,
            **_CONTEXT,
            "code": str,
            "severity": str,
            "unit": str,
            "line": int,
            "message": str,
        },
        "pk": "finding_key",
        "foreign_keys": [("notice_id", "notices", "notice_id")],
        "indexes": [["notice_id"], ["code"]],
    },
}

# The indicators the notices were read with: one row each, by code, for every notice.
CATALOG = "indicator_catalog"
CATALOG_COLUMNS = {
    "code": str,
    "name": str,
    "kind": str,
    "measure": str,
    "indicator_group": str,
    "doc": str,
}

VIEWS = {
    # Items with their unit's and notice's fields: one row a target, ready to filter.
    "item_details": """
        select items.item_key, items.city, items.year, notices.doc_number, notices.title,
               items.category, items.unit, units.kind as unit_kind, items.tier,
               items.number, items.points, items.text, items.thresholds,
               items.responsible, items.source_line, items.page
        from items
        join units on units.unit_key = items.unit_key
        join notices on notices.notice_id = items.notice_id
    """,
    # Thresholds with the item that sets them.
    "threshold_details": """
        select thresholds.threshold_key, thresholds.city, thresholds.year,
               thresholds.unit, thresholds.item_number, items.points as item_points,
               thresholds.reading, thresholds.comparator, thresholds.change,
               thresholds.value, thresholds.value_max, thresholds.measure,
               thresholds.quantity, thresholds.subject, items.text as item_text
        from thresholds
        join items on items.item_key = thresholds.item_key
    """,
}


@dataclass(frozen=True)
class NoticeRows:
    """One notice as rows of every table (plain data: made in a worker process)."""

    notice_id: str
    source: str
    sha256: str
    # True when the notice has no doc number and is keyed by its file name and hash.
    keyed_by_hash: bool = False
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def truncated(self) -> Row | None:
        """The TD103 finding's row, if the notice ends without its footer."""
        return next((row for row in self.tables["findings"] if row["code"] == "TD103"), None)


def corpus_job(work: tuple[Path, str]) -> NoticeRows:
    """One notice (raw or canonical) as rows, with its parse and check findings (run in
    a worker process)."""
    from targetdoc.check.structure import check_reading
    from targetdoc.reading import read_file

    path, profile = work
    reading = read_file(path, profile=profile)
    return notice_rows(reading.notice, check_reading(reading), source=str(path))


def notice_id(notice: Notice) -> str:
    """A notice's key: its doc number (三政〔2020〕9号), else its file's stem and the
    start of its text's hash (2021@3f5a9c01d2e4), since two cities' 2021.txt are
    two notices."""
    if notice.doc_number:
        return notice.doc_number
    return f"{Path(notice.source.file).stem}@{notice.source.sha256[:HASH_DIGITS]}"


# Hex digits of a notice's hash in the key of a notice without a doc number.
HASH_DIGITS = 12


def _unique(key: str, seen: Counter[str]) -> str:
    """The key, or ``key #2``, ``key #3`` … for its repeats (a unit named twice, TD209;
    an item number repeated, TD205): every record keeps a row of its own."""
    seen[key] += 1
    return key if seen[key] == 1 else f"{key} #{seen[key]}"


def city_of(issuer: str | None) -> str | None:
    """The city an issuer belongs to (三门峡市人民政府 → 三门峡市), if it names one."""
    if not issuer:
        return None
    found = grammar.regex("issuer_city", "units.yaml").match(issuer)
    return found["city"] if found else None


def notice_rows(notice: Notice, findings: Sequence[Finding], *, source: str) -> NoticeRows:
    """Every table's rows for one notice."""
    key = notice_id(notice)
    context: Row = {
        "notice_id": key,
        "issuer": notice.issuer,
        "city": city_of(notice.issuer),
        "year": notice.year,
    }
    tables: dict[str, list[Row]] = {name: [] for name in SCHEMA}
    unit_keys: Counter[str] = Counter()
    for unit in notice.units:
        unit_key = _unique(f"{key}/{unit.name}", unit_keys)
        tables["units"].append(_unit_row(context, unit, unit_key))
        _add_records(tables, notice, context, unit, unit_key)
    tables["findings"] = [
        _finding_row(context, f"{key}#{index}", finding)
        for index, finding in enumerate(findings, start=1)
    ]
    catalog = notice_catalog(notice)
    tables["indicators"] = list(_indicator_rows(context, notice, catalog))
    tables[CATALOG] = [_catalog_row(indicator) for indicator in catalog]
    tables["notices"].append(_notice_row(notice, context, len(tables["items"])))
    return NoticeRows(key, source, notice.source.sha256, not notice.doc_number, tables)


def _catalog_row(indicator: Indicator) -> Row:
    """An indicator of the catalog, as the database's catalog table holds it."""
    return {
        "code": indicator.code,
        "name": indicator.name,
        "kind": indicator.kind,
        "measure": indicator.measure,
        "indicator_group": indicator.group,
        "doc": indicator.pattern.doc,
    }


def _unit_row(context: Row, unit: Unit, unit_key: str) -> Row:
    return {
        "unit_key": unit_key,
        **context,
        "name": unit.name,
        "category": unit.category,
        "kind": unit.kind,
        "declared_points": _number(unit.declared_sum),
        "points": _number(unit.points_sum),
        "items": sum(1 for _ in unit.items()),
        "source_line": unit.span.first,
    }


def _add_records(
    tables: dict[str, list[Row]], notice: Notice, context: Row, unit: Unit, unit_key: str
) -> None:
    """A unit's tiers, items and thresholds, each keyed under the unit's key."""
    numbers = Counter(item.number for _, item in unit.items())
    item_keys: Counter[str] = Counter()
    for path, tier in _tiers(unit):
        tier_key = f"{unit_key}/{path}"
        tables["tiers"].append(_tier_row(context, (unit, unit_key), (path, tier), tier_key))
        for item in tier.items:
            # Numbers restart in each section of a nested unit: there the tier names it.
            unique = numbers[item.number] == 1
            item_key = _unique(
                f"{unit_key}/{item.number}" if unique else f"{tier_key}/{item.number}",
                item_keys,
            )
            row = _item_row(context, (unit, unit_key), (tier, tier_key), item, item_key)
            tables["items"].append({**row, "page": notice.source.page(item.span.first)})
            tables["thresholds"] += _threshold_rows(context, unit, item, item_key)


def _tier_row(context: Row, keyed: tuple[Unit, str], named: tuple[str, Tier], tier_key: str) -> Row:
    (unit, unit_key), (path, tier) = keyed, named
    return {
        "tier_key": tier_key,
        **context,
        "unit_key": unit_key,
        "unit": unit.name,
        "path": path,
        "name": tier.name,
        "number": tier.number,
        "declared_points": _number(tier.declared_points),
        "points": _number(tier.points_sum),
        "source_line": tier.span.first,
    }


def _finding_row(context: Row, finding_key: str, finding: Finding) -> Row:
    return {
        "finding_key": finding_key,
        **context,
        "code": finding.code,
        "severity": finding.severity,
        "unit": finding.unit,
        "line": finding.line,
        "message": finding.message,
    }


def _notice_row(notice: Notice, context: Row, items: int) -> Row:
    return {
        "notice_id": context["notice_id"],
        "doc_number": notice.doc_number,
        "issuer": notice.issuer,
        "city": context["city"],
        "year": notice.year,
        "title": notice.title,
        "issued_on": notice.issued_on.isoformat() if notice.issued_on else None,
        "source_file": notice.source.file,
        "sha256": notice.source.sha256,
        "encoding": notice.source.encoding,
        "profile": notice.source.profile,
        "units": len(notice.units),
        "items": items,
        "points": _number(sum((unit.points_sum for unit in notice.units), start=0)),
    }


def _tiers(unit: Unit) -> Iterator[tuple[str, Tier]]:
    """Every tier of a unit with its path of names (一般目标, 经济发展 › 重点工作)."""
    seen: dict[str, int] = {}

    def walk(tiers: list[Tier], prefix: str) -> Iterator[tuple[str, Tier]]:
        for tier in tiers:
            path = f"{prefix} › {tier.name}" if prefix else tier.name
            seen[path] = seen.get(path, 0) + 1
            unique = path if seen[path] == 1 else f"{path} #{seen[path]}"
            yield unique, tier
            yield from walk(tier.tiers, unique)

    return walk(unit.tiers, "")


def _item_row(
    context: Row, owner: tuple[Unit, str], where: tuple[Tier, str], item: Item, item_key: str
) -> Row:
    """An item's row but its page (a PDF's: the notice's source knows it)."""
    unit, unit_key = owner
    tier, tier_key = where
    return {
        "item_key": item_key,
        **context,
        "unit_key": unit_key,
        "tier_key": tier_key,
        "unit": unit.name,
        "category": unit.category,
        "tier": tier.name,
        "number": item.number,
        "points": _number(item.points),
        "text": item.text,
        "thresholds": "; ".join(map(str, item.thresholds)) or None,
        "responsible": "、".join(item.responsible) or None,
        "source_line": item.span.first,
    }


def _threshold_rows(context: Row, unit: Unit, item: Item, item_key: str) -> Iterator[Row]:
    for index, threshold in enumerate(item.thresholds, start=1):
        yield {
            "threshold_key": f"{item_key}#{index}",
            **context,
            "item_key": item_key,
            "unit": unit.name,
            "item_number": item.number,
            "reading": str(threshold),
            "comparator": threshold.comparator,
            "change": threshold.change,
            "value": _number(threshold.value),
            "value_max": _number(threshold.value_max),
            "scale": threshold.scale,
            "measure": threshold.unit,
            "quantity": _number(threshold.quantity),
            "benchmark": threshold.benchmark,
            "subject": threshold.subject,
            "text": threshold.text,
        }


def _indicator_rows(context: Row, notice: Notice, catalog: Catalog) -> Iterator[Row]:
    for index, target in enumerate(indicator_targets(notice, catalog), start=1):
        indicator, threshold = target.indicator, target.threshold
        yield {
            "indicator_key": f"{context['notice_id']}#indicator{index}",
            **context,
            "unit": target.unit,
            "unit_kind": target.holder,
            "item_number": target.item_number,
            "indicator": indicator.code if indicator else None,
            "indicator_name": indicator.name if indicator else None,
            "indicator_group": indicator.group if indicator else None,
            "kind": indicator.kind if indicator else None,
            "reading": str(threshold),
            "comparator": threshold.comparator,
            "change": threshold.change,
            "value": _number(threshold.value),
            "normalised_value": _number(target.value.value),
            "measure": target.value.measure,
            "points": _number(target.points),
            "benchmark": threshold.benchmark,
            "source_line": target.source_line,
        }


def _number(value: int | Decimal | None) -> int | float | None:
    """SQLite has no decimals: whole numbers stay integers, others become REAL."""
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


# How long a writer waits for another's transaction on the same database to end.
LOCK_TIMEOUT_SECONDS = 120.0


def write_corpus(path: Path, notices: Sequence[NoticeRows]) -> None:
    """Add the notices to the database at ``path`` (made if missing), each replacing
    its earlier rows, in one transaction on the database itself: SQLite's own lock
    keeps other writers waiting and readers (Datasette, WAL or not) consistent, and a
    failure rolls back, leaving the database as it was. A path that is no regular
    file, a file that is no database, or one of another shape is an output error."""
    created = _open_target(path)
    try:
        _fill(path, notices)
    except sqlite3.DatabaseError as error:
        _forget(path, created)
        raise OutputError(_database_problem(error), path=path) from None
    except OSError as error:
        _forget(path, created)
        raise OutputError(f"cannot write: {error.strerror or error}", path=path) from None
    except BaseException:
        _forget(path, created)
        raise


def _database_problem(error: sqlite3.DatabaseError) -> str:
    """What SQLite's error means for the user: the database busy, unwritable, or not
    one targetdoc wrote."""
    said = str(error)
    if "locked" in said or "busy" in said:
        return (
            f"another program kept the database locked for {LOCK_TIMEOUT_SECONDS:g} s "
            f"({said}): nothing written; try again when it is done"
        )
    if "readonly" in said or "read-only" in said:
        return f"cannot write: the database is read-only ({said})"
    if "disk" in said or "full" in said:
        return f"cannot write: {said}"
    return f"not a database targetdoc can add to ({said}): name a new file"


def _open_target(path: Path) -> bool:
    """Make the database file if it is missing (True: this run made it); a device, FIFO
    or folder is refused, since SQLite writes a database in place, as a regular file."""
    import os
    import stat

    try:
        mode = path.stat().st_mode  # follows a link to the database it names
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror}", path=path) from None
    if mode is not None:
        if not stat.S_ISREG(mode):
            raise OutputError("not a regular file: a database must be one", path=path)
        return False
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        return False  # another writer made it a moment ago: SQLite's lock orders us
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror}", path=path) from None
    return True


def _forget(path: Path, created: bool) -> None:
    """A database this run made and could not fill leaves nothing behind."""
    if created:
        for leftover in (path, *(path.with_name(path.name + end) for end in _SIDE_FILES)):
            leftover.unlink(missing_ok=True)


_SIDE_FILES = ("-journal", "-wal", "-shm")


def _fill(path: Path, notices: Sequence[NoticeRows]) -> None:
    import sqlite_utils

    connection = sqlite3.connect(path, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None)
    database = sqlite_utils.Database(connection)
    try:
        # Taken at once, so two writers never both read and then both wait to write.
        connection.execute("begin immediate")
        try:
            _create(database)
            # Each notice's catalog, once: notices read with one profile share it whole.
            catalog = {row["code"]: row for rows in notices for row in rows.tables.get(CATALOG, [])}
            if catalog:
                database.table(CATALOG).upsert_all(list(catalog.values()), pk="code")
            for rows in notices:
                for name in reversed(SCHEMA):
                    database.table(name).delete_where("notice_id = ?", [rows.notice_id])
                for name in SCHEMA:
                    if rows.tables.get(name):
                        _insert(connection, name, rows.tables[name])
            _search_index(database)
            connection.execute("commit")
        except BaseException:
            if connection.in_transaction:
                connection.execute("rollback")
            raise
    finally:
        connection.close()


def _insert(connection: sqlite3.Connection, name: str, rows: list[Row]) -> None:
    """A table's rows, by the columns its schema gives, in one statement: the rows hold
    what SQLite stores as it is (text, integers, reals, null), so sqlite-utils' check of
    every value for JSON (a third of a corpus's export) is not needed."""
    columns = list(SCHEMA[name]["columns"])
    unknown = {key for row in rows for key in row} - set(columns)
    if unknown:  # a row builder and the schema disagree: a bug, never a silent loss
        raise sqlite3.DatabaseError(f"{name} has no columns {sorted(unknown)}")
    names = ", ".join(f"[{column}]" for column in columns)
    marks = ", ".join("?" * len(columns))
    connection.executemany(
        f"insert into [{name}] ({names}) values ({marks})",
        [tuple(row.get(column) for column in columns) for row in rows],
    )


def _create(database: Any) -> None:
    for name, spec in SCHEMA.items():
        table = database.table(name)
        if table.exists() and set(table.columns_dict) != set(spec["columns"]):
            raise sqlite3.DatabaseError(f"its table {name} has other columns")
        if not table.exists():
            table.create(
                spec["columns"],
                pk=spec["pk"],
                foreign_keys=spec["foreign_keys"],
                not_null={spec["pk"], "notice_id"},
            )
        for columns in spec["indexes"]:
            table.create_index(columns, if_not_exists=True)
    catalog = database.table(CATALOG)
    if catalog.exists() and set(catalog.columns_dict) != set(CATALOG_COLUMNS):
        raise sqlite3.DatabaseError(f"its table {CATALOG} has other columns")
    if not catalog.exists():
        catalog.create(CATALOG_COLUMNS, pk="code", not_null={"code"})
    for view, sql in VIEWS.items():
        database.create_view(view, sql.strip(), replace=True)


def _search_index(database: Any) -> None:
    """FTS5 over item text with the trigram tokenizer (unicode61 keeps a run of Han
    characters as one token, so 招商引资 would match only a whole run); triggers
    keep it in step with later exports."""
    items = database.table("items")
    if not database.table("items_fts").exists():
        items.enable_fts(["text", "unit"], tokenize="trigram", create_triggers=True)


def datasette_metadata(database: Path) -> str:
    """Datasette's metadata for a database of this shape: table and column labels in
    Chinese and English, and the default facets (year, city, unit, comparator)."""
    import json
    from importlib import resources

    text = (resources.files("targetdoc.export") / "assets" / "datasette.json").read_text(
        encoding="utf-8"
    )
    data = json.loads(text)
    data["databases"] = {database.stem: data["databases"]["__DATABASE__"]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
