"""Plain sentences for readers: dates, figures and names as the reconciliation tables say them."""

from __future__ import annotations

import datetime as dt
import functools
import numbers

import pandas as pd

from dprkwatch.core import fmt

SEP = "; "


_EPOCH = dt.date(1970, 1, 1).toordinal()


@functools.lru_cache(maxsize=65536)
def _day_text(ordinal: int) -> str:
    date = dt.date.fromordinal(ordinal)
    return f"{date.day} {date:%b %Y}"


def day(when: object) -> str:
    """'4 Sep 2025' for a date (or float days since the epoch); 'undated' when missing."""
    date = _date(when)
    return "undated" if date is None else _day_text(date.toordinal())


def _date(when: object) -> dt.date | None:
    if when is None:
        return None
    if isinstance(when, numbers.Real) and not isinstance(when, bool):
        # Days since the epoch, as the reconciliation tables keep dates (NaN: undated).
        return None if when != when else dt.date.fromordinal(_EPOCH + int(float(when)))
    stamp = pd.Timestamp(when)  # type: ignore[arg-type]  # a date, text or Timestamp
    return None if pd.isna(stamp) else stamp.date()


@functools.lru_cache(maxsize=65536)
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
    if day(old_day) == day(new_day):  # "grew from 11,000 to 14,000" in one report
        return (
            f"{who(name)} {verb} its figure from {number(old)} to {number(new)} ({day(new_day)})."
        )
    return (
        f"{who(name)} {verb} its figure from {number(old)} ({day(old_day)}) "
        f"to {number(new)} ({day(new_day)})."
    )
