"""Build constructed claims ledgers (the extractor's contract) for the reconcile/changes tests."""

from __future__ import annotations

import math

import pandas as pd

from dprkwatch.ledger import COLUMNS, EXTRA_COLUMNS

# The extractor's contract: its required columns, then the extra ones.
LEDGER_COLUMNS = tuple(COLUMNS + [c for c in EXTRA_COLUMNS if not c.startswith("figure_")])

NIS = "South Korea NIS"
GUR = "Ukraine GUR"
US = "US intelligence"
TASS = "TASS"


def claim(
    value: float | None,
    *,
    doc: str = "d1",
    indicator: str = "troops_deployed",
    low: float | None = None,
    high: float | None = None,
    qualifier: str | None = None,
    source: str = NIS,
    stage: str = "",
    language: str = "en",
    outlet: str = "",
    published: str | None = "2024-11-01",
    unit: str = "troops",
    topic: str = "troops",
    start: int = 0,
    measure: str = "total",
    as_of: str | None = None,
    quote: str | None = None,
    flags: str = "",
) -> dict:
    """One claim row; low/high default to the value (exact) or to "thousands" when vague.

    as_of defaults to the publication date (what the extractor writes when no date is stated).
    """
    vague = value is None or (isinstance(value, float) and math.isnan(value))
    if qualifier is None:
        qualifier = "vague" if vague else ("range" if low is not None else "exact")
    if vague:
        value = math.nan
        low = 1_000.0 if low is None else low
        high = 9_999.0 if high is None else high
    low = value if low is None else low
    high = value if high is None else high
    return {
        "doc_id": doc,
        "language": language,
        "topic": topic,
        "indicator": indicator,
        "value": float(value),
        "value_low": float(low),
        "value_high": float(high),
        "unit": unit,
        "qualifier": qualifier,
        "attributed_to": source,
        "quote": quote if quote is not None else f"{value}",
        "char_start": start,
        "char_end": start + 6,
        "claim_en": f"{source or 'unattributed'}: {value} {indicator}",
        "published": pd.Timestamp(published) if published else pd.NaT,
        "stage": stage,
        "measure": measure,
        "as_of": pd.Timestamp(as_of or published) if (as_of or published) else pd.NaT,
        "outlet": outlet,
        "url": f"https://example.org/{doc}",
        "title": f"title {doc}",
        "flags": flags,
    }


def approx(value: float, **kw) -> dict:
    """An "about N" claim: range +/-10%."""
    return claim(value, low=value * 0.9, high=value * 1.1, qualifier="approx", **kw)


def ledger(*rows: dict) -> pd.DataFrame:
    """A claims DataFrame with the contract's columns in order (empty when no rows)."""
    frame = pd.DataFrame(list(rows), columns=list(LEDGER_COLUMNS))
    frame["published"] = pd.to_datetime(frame["published"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    return frame
