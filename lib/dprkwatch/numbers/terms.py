"""Small helpers for lexicon terms shared by the number modules."""

from __future__ import annotations

from typing import Any


def lower_map(d: dict | None) -> dict:
    """The mapping with lower-cased keys (lexicon terms are case-insensitive)."""
    return {str(k).lower(): v for k, v in (d or {}).items()}


def norm_ws(s: str) -> str:
    """Runs of whitespace as one space."""
    return " ".join(s.split())


def lookup_prefix(d: dict, tok: str) -> Any:
    """The value of the longest key that `tok` starts with ("*" terms stand for any ending)."""
    tok = norm_ws(tok)
    for k in sorted(d, key=len, reverse=True):
        if tok.startswith(k.rstrip("*")):
            return d[k]
    return None
