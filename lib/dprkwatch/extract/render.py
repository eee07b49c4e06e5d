"""Each claim in one English line for readers: '≈15,000 troops deployed — South Korea NIS'."""

from __future__ import annotations

from collections.abc import Sequence

from dprkwatch.core import fmt
from dprkwatch.core.vocabulary import vocabulary


def render_claim_en(
    indicator: str,
    value: float | None,
    low: float,
    high: float,
    qualifier: str,
    unit: str,
    sources: Sequence[str] | str,
    stage: str = "",
) -> str:
    """One English line for readers: '≈15,000 troops deployed — South Korea NIS'."""
    label = vocabulary().label(indicator)
    fig = fmt.figure(value, low, high, qualifier, millions=True)
    if indicator == "wage":
        cur, _, per = unit.partition("/")
        fig = (
            ("$" if cur == "USD" else cur + " ") + fig.lstrip("≈≥≤")
            if qualifier in ("exact", "range")
            else fig[0] + ("$" if cur == "USD" else cur + " ") + fig[1:]
        )
        text = f"wage {fig} per {per}"
    elif indicator == "work_hours":
        text = f"{fig} working hours a day"
    elif indicator == "production_change":
        text = f"production ×{fmt.number(value, millions=True)}"
    else:
        text = f"{fig} {label}"
    if stage == "planned":
        text += " (planned)"
    if sources:
        text += " — " + ("; ".join(sources) if not isinstance(sources, str) else sources)
    return text
