"""Nouns whose form says two: the Arabic dual (جنديين, two soldiers; عاملين, two workers).

No digit or number word is written, so the number reader finds nothing; each dual noun the
pack lists (cues option `dual_nouns`) is a figure of 2, placed where the noun starts so that the
rules read the noun right after it as they would after "2".
"""

from __future__ import annotations

from dprkwatch.extract.cues import Cues
from dprkwatch.extract.text import NEVER
from dprkwatch.numbers import Quantity

DUAL_FLAG = "dual_noun"


def with_duals(text: str, quantities: list[Quantity], cues: Cues) -> list[Quantity]:
    """`quantities` and a figure of 2 at each dual noun outside them, in text order."""
    if cues.dual_nouns is NEVER:
        return quantities  # most packs list none: no search of the text
    found = [m.start() for m in cues.dual_nouns.finditer(text)]
    taken = [(q.start, q.end) for q in quantities]
    duals = [_two(p) for p in found if not any(a <= p <= b for a, b in taken)]
    if not duals:
        return quantities
    return sorted([*quantities, *duals], key=lambda q: q.start)


def _two(pos: int) -> Quantity:
    return Quantity(
        start=pos,
        end=pos,
        value=2.0,
        low=2.0,
        high=2.0,
        qualifier="exact",
        flags=(DUAL_FLAG,),
        core_start=pos,
        core_end=pos,
    )
