"""A profile: the points standards one family of notices follows, as data.

Profiles ship in ``targetdoc/profiles/`` and are named on the command line
(``--profile default``), or are a file of the user's (``--profile my-city.yaml``).
Every tier a profile lists for a kind of unit is required of such a unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from targetdoc.datafile import load_data_file, parse_data
from targetdoc.errors import DataFileError

Kind = Literal["county", "department"]


class ProfileFile(BaseModel):
    """What a profile file holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    description: str = ""
    unit_total: int | None = Field(default=None, ge=0)
    tiers: dict[Kind, dict[str, int]]
    # Words of a category heading that say which kind of unit it holds.
    category_kinds: dict[Kind, list[str]] = {}


@dataclass(frozen=True)
class Profile:
    """Standard points per tier for each kind of unit, and each unit's total."""

    name: str
    unit_total: int | None
    tiers: dict[str, dict[str, int]]
    description: str = ""
    category_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def standard(self, kind: str, tier: str) -> int | None:
        """The points a tier of this name should declare for this kind of unit."""
        return self.tiers.get(kind, {}).get(tier)

    def knows(self, kind: str, tier: str) -> bool:
        """Whether the profile has a standard for this tier at all."""
        return tier in self.tiers.get(kind, {})

    def required(self, kind: str) -> tuple[str, ...]:
        """The tiers a unit of this kind must have, in the profile's order."""
        return tuple(self.tiers.get(kind, {}))

    def kind_of_category(self, heading: str) -> str | None:
        """The kind of unit a category heading announces, if its words say one only."""
        kinds = {
            kind for kind, words in self.category_kinds.items() if any(w in heading for w in words)
        }
        return kinds.pop() if len(kinds) == 1 else None


def load_profile(name_or_path: str = "default") -> Profile:
    """A profile shipped in targetdoc/profiles/ by name, or a profile file by path."""
    path = Path(name_or_path)
    if path.suffix in {".yaml", ".yml"}:
        loaded = load_data_file(path, ProfileFile).value
    else:
        entry = resources.files("targetdoc") / "profiles" / f"{name_or_path}.yaml"
        if not entry.is_file():
            raise DataFileError("no such profile in targetdoc/profiles/", path=name_or_path)
        label = f"targetdoc/profiles/{name_or_path}.yaml"
        loaded = parse_data(entry.read_bytes(), ProfileFile, label=label).value
    return Profile(
        name=loaded.name,
        unit_total=loaded.unit_total,
        tiers={kind: dict(tiers) for kind, tiers in loaded.tiers.items()},
        description=loaded.description,
        category_kinds={kind: tuple(words) for kind, words in loaded.category_kinds.items()},
    )
