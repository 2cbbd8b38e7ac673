"""A profile: the points standards one family of notices follows, as data."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from targetdoc.errors import InputError


@dataclass(frozen=True)
class Profile:
    """Standard points per tier for each kind of unit, and each unit's total."""

    name: str
    unit_total: int | None
    tiers: dict[str, dict[str, int]]

    def standard(self, kind: str, tier: str) -> int | None:
        """The points a tier of this name should declare for this kind of unit."""
        return self.tiers.get(kind, {}).get(tier)

    def knows(self, kind: str, tier: str) -> bool:
        """Whether the profile has a standard for this tier at all."""
        return tier in self.tiers.get(kind, {})


def load_profile(name_or_path: str = "default") -> Profile:
    """A profile shipped in targetdoc/profiles/ by name, or a profile file by path."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    path = Path(name_or_path)
    if path.suffix in {".yaml", ".yml"}:
        label, text = str(path), _read(path)
    else:
        entry = resources.files("targetdoc") / "profiles" / f"{name_or_path}.yaml"
        if not entry.is_file():
            raise InputError("no such profile in targetdoc/profiles/", path=name_or_path)
        label, text = f"targetdoc/profiles/{name_or_path}.yaml", entry.read_text("utf-8")
    try:
        data: Any = YAML(typ="safe", pure=True).load(text)
        return Profile(
            name=str(data["name"]),
            unit_total=data.get("unit_total"),
            tiers={kind: dict(tiers) for kind, tiers in data["tiers"].items()},
        )
    except (YAMLError, KeyError, TypeError, AttributeError) as error:
        raise InputError(f"not a valid profile: {error}", path=label) from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read profile: {error.strerror}", path=str(path)) from None
