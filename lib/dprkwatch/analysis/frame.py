"""The claims as reconciliation reads them: one normalised positional frame, and who says each.

Text columns are normalised once per distinct value (factorised), dates become float days since
the epoch (NaN: undated), so the steps after this one sort and group numbers, not strings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.ledger import originators as named_originators

REQUIRED = ("doc_id", "indicator", "value", "value_low", "value_high", "qualifier", "attributed_to")
# Every column reconciliation reads: a caller with a large store loads these and no more
# (claim_en only for groups' examples; quote only for increments, whose words may add them to a
# total: a store gives those alone with Store.claims(increment_quotes_only=True)).
READ = (
    *REQUIRED,
    *("unit", "stage", "measure", "as_of", "published", "language", "outlet"),
    *("char_start", "figure_start", "claim_en", "quote", "flags"),
)
MEASURES = ("total", "increment", "rate")
FIGURE, BOUND, VAGUE = 0, 1, 2
KIND = {"exact": FIGURE, "approx": FIGURE, "range": FIGURE, "at_least": BOUND, "at_most": BOUND}
KIND |= {"vague": VAGUE}
KIND_NAME = {FIGURE: "figure", BOUND: "bound", VAGUE: "vague"}
SEP = "; "


@dataclass
class Claims:
    """Normalised claims (``frame``, positional) and their originators (``pairs``: pos, orig)."""

    frame: pd.DataFrame
    pairs: pd.DataFrame
    source: pd.DataFrame


def prepare(claims: pd.DataFrame) -> Claims:
    """Check the required columns and normalise the claims for reconciliation."""
    missing = [c for c in REQUIRED if c not in claims.columns]
    if missing:
        raise ValueError(f"claims lack required column(s): {', '.join(missing)}")
    c = pd.DataFrame(index=pd.RangeIndex(len(claims)))
    for col in ("doc_id", "indicator", "unit", "language", "outlet"):
        c[col] = text(claims, col)
    c["stage"] = _stages(claims, c["indicator"])
    c["measure"] = _measures(claims)
    _figures(claims, c)
    c["published"] = _dates(claims, "published")
    as_of = _dates(claims, "as_of") if "as_of" in claims.columns else c["published"]
    c["day"] = _days(as_of.fillna(c["published"]))
    c["sentence"] = _numbers(claims, "char_start")
    c["at"] = _numbers(claims, "figure_start")
    c["earlier"] = _earlier(claims)
    c["block"] = c.groupby(["indicator", "unit", "stage", "measure"], sort=True).ngroup()
    pairs, c["origkey"] = _pairs(text(claims, "attributed_to"))
    return Claims(c, pairs, claims)


def text(frame: pd.DataFrame, col: str, lower: bool = False) -> pd.Series:
    """A text column as plain stripped strings ("" for missing), normalised per distinct value.

    lower: lower-cased too. Rows share their distinct value's string (lower-casing every row
    made 1.8 M claims' qualifiers, stages and measures new strings: 0.3 GB).
    """
    if col not in frame.columns:
        return pd.Series(np.full(len(frame), "", dtype=object), dtype=object)
    codes, uniques = pd.factorize(frame[col], use_na_sentinel=True)
    clean = [str(u).strip() for u in uniques] + [""]
    if lower:
        clean = [u.lower() for u in clean]
    return pd.Series(np.array(clean, dtype=object)[codes], dtype=object)


def _earlier(claims: pd.DataFrame) -> np.ndarray:
    """Per claim: the earlier figure of a change its sentence states ("grew from 11,000 to
    14,000": the ledger flags 11,000 ``earlier``)."""
    flags = text(claims, "flags")
    codes, uniques = pd.factorize(flags)
    marked = np.array(["earlier" in u.split(",") for u in uniques], dtype=bool)
    return marked[codes] if len(codes) else np.zeros(0, dtype=bool)


def _stages(claims: pd.DataFrame, indicator: pd.Series) -> pd.Series:
    """'planned' or '' (done and unstated are one series); never a stage on unstaged indicators."""
    stage = text(claims, "stage", lower=True)
    known = {name: ind.staged for name, ind in vocabulary().indicators.items()}
    staged = indicator.map(known).fillna(True).astype(bool)  # unknown indicators: staged
    return pd.Series(np.where((stage == "planned") & staged, "planned", ""), dtype=object)


def _measures(claims: pd.DataFrame) -> pd.Series:
    measure = text(claims, "measure", lower=True)
    return pd.Series(np.where(measure.isin(MEASURES), measure, "total"), dtype=object)


def _figures(claims: pd.DataFrame, c: pd.DataFrame) -> None:
    """value, lo, hi and kind (figure / bound / vague) of every claim."""
    value = pd.to_numeric(claims["value"], errors="coerce").to_numpy(dtype=float)
    lo = pd.to_numeric(claims["value_low"], errors="coerce").to_numpy(dtype=float)
    hi = pd.to_numeric(claims["value_high"], errors="coerce").to_numpy(dtype=float)
    lo = np.where(np.isnan(lo), value, lo)
    hi = np.where(np.isnan(hi), value, hi)
    lo, hi = np.fmin(lo, hi), np.fmax(lo, hi)  # tolerate low/high given the wrong way round
    qual = text(claims, "qualifier", lower=True)
    kind = qual.map(KIND).to_numpy(dtype=float)
    # An unknown qualifier is a figure when it has a number; a claim with no range is vague.
    kind = np.where(np.isnan(kind), np.where(np.isnan(value), VAGUE, FIGURE), kind)
    kind = np.where(np.isnan(lo) | np.isnan(hi) | np.isnan(value), VAGUE, kind).astype(np.int64)
    c["qualifier"], c["kind"] = qual, kind
    c["value"], c["lo"], c["hi"] = np.where(kind == VAGUE, np.nan, value), lo, hi


def _dates(claims: pd.DataFrame, col: str) -> pd.Series:
    if col not in claims.columns:
        return pd.Series(pd.NaT, index=pd.RangeIndex(len(claims)), dtype="datetime64[ns]")
    stamps = pd.to_datetime(pd.Series(claims[col].to_numpy()), errors="coerce", utc=True)
    return stamps.dt.tz_localize(None).dt.normalize().astype("datetime64[ns]")


def _days(stamps: pd.Series) -> np.ndarray:
    """Dates as float days since the epoch (NaN when unknown)."""
    return ((stamps - pd.Timestamp(0)).dt.total_seconds() / 86400.0).to_numpy(dtype=float)


def _numbers(claims: pd.DataFrame, col: str) -> np.ndarray:
    if col not in claims.columns:
        return np.full(len(claims), np.nan)
    return pd.to_numeric(claims[col], errors="coerce").to_numpy(dtype=float)


def originators(attributed_to: str) -> tuple[str, ...]:
    """The originating institutions named in an attribution, sorted (the ledger's rule: speakers
    in parentheses are left out)."""
    return tuple(sorted(set(named_originators(attributed_to))))


def _pairs(attributed: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """(pos, orig) per originator of each claim (an unattributed claim: one row, orig ''), and
    per claim its originators joined ('' when unattributed)."""
    codes, uniques = pd.factorize(attributed)
    names = [originators(u) or ("",) for u in uniques]
    sizes = np.array([len(x) for x in names], dtype=np.int64)
    flat = np.array([o for x in names for o in x], dtype=object)
    starts = np.cumsum(sizes) - sizes
    counts = sizes[codes]
    pos = np.repeat(np.arange(len(codes), dtype=np.int64), counts)
    # Each claim's originators are its attribution's slice of `flat`.
    offset = np.arange(len(pos)) - np.repeat(np.cumsum(counts) - counts, counts)
    orig = flat[np.repeat(starts[codes], counts) + offset] if len(pos) else flat[:0]
    keys = np.array([SEP.join(x) for x in names], dtype=object)
    pairs = pd.DataFrame({"pos": pos, "orig": pd.Series(orig, dtype=object)})
    return pairs, pd.Series(keys[codes] if len(codes) else keys[:0], dtype=object)
