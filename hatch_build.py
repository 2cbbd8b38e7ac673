"""Compiles the message catalogs (locale/*/LC_MESSAGES/*.po → .mo) with Babel when the
package is built, editable installs included: the compiled files are not committed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = Path(self.root) / "src" / "targetdoc" / "locale"
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as stream:
                catalog = read_po(stream, locale=po.parts[-3])
            mo = po.with_suffix(".mo")
            with mo.open("wb") as stream:
                write_mo(stream, catalog, use_fuzzy=False)
            if version != "editable":  # an editable install reads it where it is
                relative = mo.relative_to(Path(self.root) / "src")
                build_data.setdefault("force_include", {})[str(mo)] = str(relative)
