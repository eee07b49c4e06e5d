"""Plain sentences for readers: dates, figures and names as the reconciliation tables say them."""

from __future__ import annotations

import numbers

import pandas as pd

from dprkwatch.core import fmt

SEP = "; "


def day(when: object) -> str:
    """'4 Sep 2025' for a date; 'undated' when missing."""
    stamp = _stamp(when)
    return "undated" if stamp is None else f"{stamp.day} {stamp:%b %Y}"


def _stamp(when: object) -> pd.Timestamp | None:
    """A timestamp from a date or from float days since the epoch (None when missing)."""
    if when is None:
        return None
    if isinstance(when, numbers.Real) and not isinstance(when, bool):
        if when != when:  # NaN
            return None
        return pd.Timestamp(0) + pd.Timedelta(days=float(when))
    stamp = pd.Timestamp(when)
    return None if pd.isna(stamp) else stamp


def number(value: float) -> str:
    return fmt.number(value, missing="?")


def figure(value: float, low: float, high: float, qualifier: str = "") -> str:
    """'2,000', '≈15,000', '10,000–12,000', 'thousands (2,000–9,999)'."""
    if value != value:  # NaN: a magnitude word
        return f"an unquantified figure ({number(low)}–{number(high)})"
    if qualifier in ("approx", "at_least", "at_most"):
        return fmt.figure(value, low, high, qualifier)
    if low == high or qualifier == "exact":
        return number(value)
    return f"{number(value)} ({number(low)}–{number(high)})"


def who(originators: str) -> str:
    """'South Korea NIS', 'NIS and GUR', or 'an unattributed report'."""
    if not originators:
        return "an unattributed report"
    names = originators.split(SEP)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def whose(originators: str) -> str:
    """'South Korea NIS's' / 'an unattributed report's'."""
    return who(originators) + "'s"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def revision(name: str, old: float, old_day: object, new: float, new_day: object) -> str:
    """'NIS raised its estimate from 600 (30 Apr 2025) to 2,000 (4 Sep 2025).'"""
    verb = "raised" if new > old else "lowered"
    return (
        f"{who(name)} {verb} its figure from {number(old)} ({day(old_day)}) "
        f"to {number(new)} ({day(new_day)})."
    )
