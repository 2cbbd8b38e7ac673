"""A unit's kind, county (an area and its government) or department (an organisation:
a bureau, a commission, an enterprise), from its name and, where the name says
neither, its category. The words are grammar data (``notice.yaml``'s lexicons
``area_endings``, ``area_bodies``, ``department_endings`` and the two category lists).

The name decides, not the shape of the unit's targets: a county's letter may have tiers
(东山县政府: 经济发展, 社会事业) and a department a single block (县发改委).
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from targetdoc.grammar import grammar
from targetdoc.read.normalize import fold

Kind = Literal["county", "department"]


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = grammar().fragments
    area = re.compile(f"(?:{words['area_endings']})(?:{words['area_bodies']})?$")
    department = re.compile(f"(?:{words['department_endings']})$")
    return (
        area,
        department,
        re.compile(words["department_categories"]),
        re.compile(words["area_categories"]),
    )


def unit_kind(name: str, category: str) -> Kind:
    """``county`` for an area's name (义马市, 东山县政府), ``department`` for an
    organisation's (县发改委, 市林业局); a name that says neither follows its category."""
    area, department, department_category, area_category = _patterns()
    folded = fold(name).strip()
    if area.search(folded):
        return "county"
    if department.search(folded):
        return "department"
    category = fold(category)
    if department_category.search(category):
        return "department"
    return "county" if area_category.search(category) else "department"
