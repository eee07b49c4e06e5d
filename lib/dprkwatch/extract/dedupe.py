"""One claim per figure per document: overlap policies as named functions.

A headline repeated in the body is one claim (the mention that says most is kept), and a
magnitude word beside a precise figure of the same indicator repeats it.
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
    """Apply the overlap policies in order; the claims come back in text order."""
    kept = merge_repeated_figures(cands)
    kept = drop_magnitude_beside_figure(kept)
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


def drop_magnitude_beside_figure(kept: list[Candidate]) -> list[Candidate]:
    """'thousands of workers' beside '12,000 workers' repeats the figure, unless another source
    says it ("TASS spoke of thousands", beside the 5,000 of the ministry): that is its own claim.

    Beside means in the figure's sentence ("5,000 troops, thousands of them special forces") or
    before it, as a headline or lead sums up the body. A magnitude word said after the figure,
    in a later sentence, is a statement of its own ("at least several million shells were
    sent", the minister said, after "containers holding 3 million shells"); one that two or
    more figures follow is their total ("hundreds were sent: 350 to Moscow, 100 to Vladivostok").
    """
    precise = [c for c in kept if c.q.qualifier != "vague"]

    def repeats(c: Candidate) -> bool:
        parts = [
            p
            for p in precise
            if p.indicator == c.indicator
            and p.value is not None
            and p.value <= c.high
            and p.sentence >= c.sentence
            and _same_voice(c, p)
            # "thousands more" repeats only a figure of more ("at least 3,000 additional troops")
            and (c.measure != "increment" or p.measure == "increment")
        ]
        if any(p.sentence == c.sentence and c.low <= (p.value or 0) for p in parts):
            return True
        if len({p.value for p in parts}) > 1:
            return False  # the total of the figures that follow
        return any(c.low <= (p.value or 0) for p in parts)

    return [c for c in kept if not (c.q.qualifier == "vague" and repeats(c))]


def _same_voice(vague: Candidate, precise: Candidate) -> bool:
    """The magnitude word is nobody's, or one of the sources of the precise figure says it."""
    return not vague.sources or bool(set(vague.sources) & set(precise.sources))
