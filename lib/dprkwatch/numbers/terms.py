"""Small helpers for lexicon terms shared by the number modules."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def fold(s: str) -> str:
    """A term or a matched word as a lookup key: lower case, as the patterns match it.

    The patterns match case-insensitively, where the dotted and dotless i of Turkish (İ, i, I,
    ı) are one letter; str.lower() keeps them apart (İ becomes i + a combining dot, I becomes i,
    ı stays ı), so a capitalised "BİN" or "KIRK" would match and then miss its key. Folding all
    four to i makes the lookup agree with the match.
    """
    return s.lower().replace("i\u0307", "i").replace("ı", "i")


def lower_map(d: dict | None) -> dict:
    """The mapping with folded keys (lexicon terms are case-insensitive; see fold)."""
    return {fold(str(k)): v for k, v in (d or {}).items()}


def norm_ws(s: str) -> str:
    """Runs of whitespace as one space."""
    return " ".join(s.split())


def lookup_prefix(d: dict[str, T], tok: str) -> T | None:
    """The value of the longest key that `tok` starts with ("*" terms stand for any ending)."""
    tok = norm_ws(tok)
    for k in sorted(d, key=len, reverse=True):
        if tok.startswith(k.rstrip("*")):
            return d[k]
    return None
