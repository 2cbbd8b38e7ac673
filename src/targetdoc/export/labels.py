"""The workbook's column headers and coded values in the interface's language: a
Chinese workbook says 文号, 单位类型 and 县（市、区）, 不低于 where the CSV and JSON keep
``doc_number``, ``unit_kind`` and ``county``, ``at_least`` (the keys programs read)."""

from __future__ import annotations

from targetdoc.export.tables import Value
from targetdoc.i18n import N_, _

# Each table column's header; the English is the column's key.
COLUMN_LABELS = {
    "doc_number": N_("doc_number"),
    "year": N_("year"),
    "category": N_("category"),
    "unit": N_("unit"),
    "unit_kind": N_("unit_kind"),
    "kind": N_("kind"),
    "tier": N_("tier"),
    "tier_declared_points": N_("tier_declared_points"),
    "item_number": N_("item_number"),
    "points": N_("points"),
    "text": N_("text"),
    "thresholds": N_("thresholds"),
    "source_line": N_("source_line"),
    "comparator": N_("comparator"),
    "change": N_("change"),
    "value": N_("value"),
    "value_max": N_("value_max"),
    "scale": N_("scale"),
    "measure": N_("measure"),
    "quantity": N_("quantity"),
    "benchmark": N_("benchmark"),
    "subject": N_("subject"),
    "responsible": N_("responsible"),
    "role": N_("role"),
    "declared_total": N_("declared_total"),
    "points_total": N_("points_total"),
    "items": N_("items"),
}
# A units table's columns per tier: 重点目标_declared, 重点目标_points.
TIER_COLUMNS = {"_declared": N_("{tier}_declared"), "_points": N_("{tier}_points")}
# The coded values of the columns that hold codes.
VALUE_LABELS = {
    "county": N_("county"),
    "department": N_("department"),
    "at_least": N_("at_least"),
    "at_most": N_("at_most"),
    "approx": N_("approx"),
    "range": N_("range"),
    "target": N_("target_value"),
    "relative": N_("relative"),
    "increase": N_("increase"),
    "decrease": N_("decrease"),
    "lead": N_("lead"),
    "joint": N_("joint"),
}
_CODED = frozenset({"unit_kind", "kind", "comparator", "change", "role"})


def column_label(column: str) -> str:
    """A column's header in the interface's language."""
    if column in COLUMN_LABELS:
        return _(COLUMN_LABELS[column])
    for ending, template in TIER_COLUMNS.items():
        if column.endswith(ending):
            return _(template).format(tier=column.removesuffix(ending))
    return column


def value_label(column: str, value: Value) -> Value:
    """A cell's value as the workbook shows it: a code in the interface's language."""
    if column in _CODED and isinstance(value, str) and value in VALUE_LABELS:
        shown = _(VALUE_LABELS[value])
        # In English the code itself (target, not the msgid that tells it apart).
        return value if shown == VALUE_LABELS[value] else shown
    return value
