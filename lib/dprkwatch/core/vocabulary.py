"""The ledger contract's vocabulary (ledger.yaml): indicators, topics, counted nouns, qualifiers.

It sits in the foundation because every layer speaks it: extraction maps nouns to indicators,
the ledger validates against it, notebooks list indicators per topic from it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import yaml

from dprkwatch.core.paths import LEDGER_CONTRACT


@dataclass(frozen=True)
class Indicator:
    """One measure the ledger tracks."""

    name: str
    topic: str
    units: tuple[str, ...]
    max: float
    label: str
    staged: bool
    min: float = 0.0  # below it a figure is not a claim of this indicator
    running: bool = False  # a running total: a sudden fall is doubtful (analysis/points.py)


@dataclass(frozen=True)
class Vocabulary:
    indicators: dict[str, Indicator]
    topics: dict[str, str]  # topic -> label, in report order
    nouns: dict[str, tuple[str, str]]  # counted-noun concept -> (indicator, unit)
    qualifiers: tuple[str, ...]
    stages: tuple[str, ...]
    units_per_usd: dict[str, float] = field(default_factory=dict)  # currency -> units a dollar

    def topic_of(self, indicator: str) -> str:
        return self.indicators[indicator].topic

    def label(self, indicator: str) -> str:
        ind = self.indicators.get(indicator)
        return ind.label if ind else indicator.replace("_", " ")

    def of_topic(self, topic: str) -> list[str]:
        """Indicators of a topic, in contract order."""
        return [k for k, v in self.indicators.items() if v.topic == topic]

    def limit(self, indicator: str, unit: str = "") -> float:
        """The largest value a claim of `indicator` may have (1.5 x its plausible maximum); in a
        unit of money ("KRW/month") the maximum, written in dollars, is in that currency."""
        return self.indicators[indicator].max * 1.5 * self.scale_of(unit)

    def scale_of(self, unit: str) -> float:
        """How many of the unit's currency make a dollar ("RUB/month": 110); 1 for no money."""
        return float(self.units_per_usd.get(unit.split("/")[0], 1.0)) if "/" in unit else 1.0


@functools.cache
def vocabulary() -> Vocabulary:
    """The contract, loaded once."""
    with LEDGER_CONTRACT.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    indicators = {
        name: Indicator(
            name,
            spec["topic"],
            tuple(spec["units"]),
            float(spec["max"]),
            spec["label"],
            bool(spec["staged"]),
            float(spec.get("min", 0.0)),
            bool(spec.get("running", False)),
        )
        for name, spec in raw["indicators"].items()
    }
    return Vocabulary(
        indicators=indicators,
        topics={k: v["label"] for k, v in raw["topics"].items()},
        nouns={k: (v["indicator"], v["unit"]) for k, v in raw["nouns"].items()},
        qualifiers=tuple(raw["qualifiers"]),
        stages=tuple(raw["stages"]),
        units_per_usd={k: float(v) for k, v in (raw.get("units_per_usd") or {}).items()},
    )
