"""One way to write a figure for readers: 15,000 · 2.5 · 1.6 million · ≈15,000 · 10,000–12,000."""

from __future__ import annotations

import math
from typing import Any

QUALIFIER_SIGN = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤"}


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pd.NA, NaT
    except (TypeError, ValueError):
        return False


def number(value: Any, *, missing: str = "–", millions: bool = False) -> str:
    """15000 -> "15,000"; 2.5 -> "2.5"; missing -> `missing`.

    millions: write round millions in words ("1.6 million"), as claims are read aloud.
    """
    if _missing(value):
        return missing
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if math.isinf(value):
        return "no limit" if value > 0 else "-no limit"
    if millions and abs(value) >= 1e6 and value % 1e4 == 0:
        return f"{value / 1e6:,.2f}".rstrip("0").rstrip(".") + " million"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure(value: Any, low: Any, high: Any, qualifier: str, *, millions: bool = False) -> str:
    """A claim's figure with its hedge: "≈15,000", "10,000–12,000", "2,000–9,999 (magnitude word)"."""
    if qualifier == "vague":
        return (
            f"{number(low, millions=millions)}–{number(high, millions=millions)} (magnitude word)"
        )
    if qualifier == "range":
        return f"{number(low, millions=millions)}–{number(high, millions=millions)}"
    return QUALIFIER_SIGN.get(qualifier, "") + number(value, millions=millions)


def tick(value: float, _pos: object = None) -> str:
    """A chart axis label: 1.5M, 12k, 900."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 10_000:
        return f"{value / 1000:g}k"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"
