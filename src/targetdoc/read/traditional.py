"""Traditional characters (繁體) folded to simplified ones, one for one, for matching.

The table is OpenCC's character table (``TSCharacters``), as the ``opencc-purepy``
package ships it: each traditional character to its first simplified reading.
Characters only, never phrases, so that an offset into the folded text is the same
offset into the text as written: records keep 澠池縣, patterns see 渑池县.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

_PACKAGE = "opencc_purepy"
_TABLE = Path("dicts") / "TSCharacters.txt"


def _table_file() -> Path | None:
    """OpenCC's table in the installed package, found without importing its converter."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / _TABLE
    return path if path.is_file() else None


@functools.cache
def simplified() -> dict[int, str]:
    """Each traditional character (by code point) to its simplified form.

    Raises ``RuntimeError`` if the table is missing: targetdoc depends on the package,
    so that is a broken installation, not bad input.
    """
    path = _table_file()
    if path is None:
        raise RuntimeError(f"{_PACKAGE} is not installed with its {_TABLE} (a dependency)")
    table: dict[int, str] = {}
    for entry in path.read_text(encoding="utf-8").splitlines():
        traditional, _, readings = entry.partition("\t")
        first = readings.split(" ", 1)[0]
        if len(traditional) == 1 and len(first) == 1 and first != traditional:
            table[ord(traditional)] = first
    return table
