"""One claim per figure per document: overlap policies as named functions.

A headline repeated in the body is one claim (the mention that says most is kept). A magnitude
word ("thousands of troops") is a claim of its own beside a precise figure of the same indicator:
ANNOTATION.md counts one row per distinct (indicator, value), and a vague claim has no value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dprkwatch.extract.attribution import Attribution
from dprkwatch.extract.rules import COUNTER_FLAG, Decision
from dprkwatch.numbers import Quantity


@dataclass
class Candidate:
    """A figure the rules accepted, before duplicates are merged."""

    indicator: str
    unit: str
    q: Quantity
    sentence: int
    stage: str = ""
    flags: tuple[str, ...] = ()
    value: float | None = None
    low: float = 0.0
    high: float = 0.0
    sources: tuple[str, ...] = ()
    specific: bool = False  # a named body beyond a country's government or an outlet
    measure: str = "total"  # timing.measure_of: total, increment ("thousands more") or rate
    decision: Decision | None = None
    attribution: Attribution = field(default_factory=Attribution)


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Merge repeated figures; the claims come back in text order."""
    kept = merge_repeated_figures(cands)
    return sorted(kept, key=lambda c: c.q.start)


def _key(c: Candidate) -> tuple:
    if c.q.qualifier == "range":
        # A range's value is its low end: "4-6 million" is not "more than 4 million".
        return (c.indicator, c.unit, round(c.low, 6), round(c.high, 6))
    if c.value is not None and c.q.qualifier != "vague":
        return (c.indicator, c.unit, round(c.value, 6))
    return (c.indicator, c.unit, ("v", c.low, c.high))


def merge_repeated_figures(cands: list[Candidate]) -> list[Candidate]:
    """A figure stated twice (a headline and its body sentence) is one claim."""
    groups: dict[tuple, list[Candidate]] = {}
    for c in cands:
        groups.setdefault(_key(c), []).append(c)
    return [g[0] if len(g) == 1 else keep_most_said(g) for g in groups.values()]


def keep_most_said(group: list[Candidate]) -> Candidate:
    """The mention that says most: one with a source, then one whose source is a named body
    (the headline's "Seoul says" against the body's "the Joint Chiefs of Staff said"; an outlet
    against the official it quotes), then one with a hedge, then one naming its source in its
    own sentence (not carried from a headline), then one that names what it counts (the body's
    "2万人の兵士" over the headline's "2万人送る", troops only by its counter), then one with a
    stage.

    Else the first: a headline usually repeats a body sentence without its source.
    """

    def says(c: Candidate) -> tuple:
        own = c.attribution.own
        hedged = c.q.qualifier != "exact"
        named = COUNTER_FLAG not in c.flags
        return (bool(c.sources), c.specific, hedged, own, named, c.stage != "", -c.q.start)

    best = max(group, key=says)
    return _with_the_hedge(best, group)


def _with_the_hedge(best: Candidate, group: list[Candidate]) -> Candidate:
    """A headline's '3,000 more troops' and the body's 'about 3,000': the mention kept for its
    source takes the hedge another mention states (the body's quote and qualifier, the kept
    mention's sources), since a headline rounds what the body hedges."""
    if best.q.qualifier != "exact":
        return best
    hedged = [c for c in group if c.q.qualifier not in ("exact", "vague")]
    if not hedged:
        return best
    h = hedged[0]
    return replace(h, sources=best.sources, specific=best.specific, attribution=best.attribution)
