"""Exact numbers, spelled one way everywhere: a canonical file, a CSV cell, a letter,
a reason and a notice's export from its text all write ``16.5`` for 16.50 and ``10``
for 1E+1, so that a notice and its canonical file export the same bytes."""

from __future__ import annotations

from decimal import Decimal

__all__ = ["decimal_text", "number_text"]


def decimal_text(value: Decimal) -> str:
    """Plain positional notation, exact and without trailing zeros: 35000000, 0.35.

    Not ``normalize()``, which rounds to the context's 28 digits."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value, "f").rstrip("0")


def number_text(value: int | Decimal) -> str:
    """Points or a count as written: 60, 2.5."""
    return decimal_text(value) if isinstance(value, Decimal) else str(value)
