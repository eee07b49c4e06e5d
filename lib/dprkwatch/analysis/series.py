"""Each originator's figures over time (``series``) and its current figure (``current``).

A later figure of the same originator is a *revision* (up or down), never a conflict. The current
figure of a series is its latest dated total; undated figures never override dated ones (a series
with nothing dated has an undated current figure, marked as such). Increments and rates are
events on the series, listed with it, never its current figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dprkwatch.analysis import wording
from dprkwatch.analysis.frame import BOUND, FIGURE, KIND_NAME, VAGUE

SERIES_COLUMNS = (
    "indicator",
    "unit",
    "stage",
    "originator",
    "measure",
    "as_of",
    "last_as_of",
    "value",
    "value_low",
    "value_high",
    "kind",
    "qualifiers",
    "dated",
    "derived",
    "current",
    "previous_value",
    "previous_as_of",
    "change",
    "direction",
    "n_documents",
    "n_claims",
    "languages",
    "documents",
    "example",
    "note",
)
CURRENT_COLUMNS = (
    "indicator",
    "unit",
    "stage",
    "originator",
    "value",
    "value_low",
    "value_high",
    "kind",
    "as_of",
    "dated",
    "derived",
    "previous_value",
    "previous_as_of",
    "change",
    "n_figures",
    "n_documents",
    "languages",
    "note",
)
_MEASURE_ORDER = {"total": 0, "increment": 1, "rate": 2}


def stamp(days: pd.Series) -> pd.Series:
    """Float days since the epoch as timestamps (NaT when missing)."""
    return pd.Timestamp(0) + pd.to_timedelta(days, unit="D")


def series_table(points: pd.DataFrame, examples: pd.Series) -> pd.DataFrame:
    """The ``series`` table from the ordered points (columns ``SERIES_COLUMNS``)."""
    t = points
    out = pd.DataFrame(
        {
            "indicator": t["indicator"],
            "unit": t["unit"],
            "stage": t["stage"],
            "originator": t["originator"],
            "measure": t["measure"],
            "as_of": stamp(t["first_day"]),
            "last_as_of": stamp(t["last_day"]),
            "value": t["value"],
            "value_low": t["value_low"],
            "value_high": t["value_high"],
            "kind": t["kind"].map(KIND_NAME),
            "qualifiers": t["qualifiers"],
            "dated": t["first_day"].notna(),
            "derived": t["derived"].astype(bool),
            "current": t["current"].astype(bool),
            "previous_value": t["previous_value"],
            "previous_as_of": stamp(t["previous_day"]),
            "change": t["change"],
            "direction": _directions(t),
            "n_documents": t["n_documents"].astype(np.int64),
            "n_claims": t["n_claims"].astype(np.int64),
            "languages": t["languages"],
            "documents": t["documents"],
            "example": examples.reindex(t["first_pos"].to_numpy()).fillna("").to_numpy(),
            "note": [_series_note(r) for r in t.itertuples(index=False)],
        }
    )
    keys = out.assign(
        _unattributed=out["originator"] == "",
        _measure=out["measure"].map(_MEASURE_ORDER),
        _undated=~out["dated"],
        _order=t["order"].to_numpy(),
    )
    keys = keys.sort_values(
        ["indicator", "unit", "stage", "_unattributed", "originator", "_measure", "_order"],
        kind="stable",
    )
    return out.loc[keys.index, list(SERIES_COLUMNS)].reset_index(drop=True)


def _directions(t: pd.DataFrame) -> np.ndarray:
    """first / up / down / same for dated named totals; else what the point is (increment,
    rate, unattributed, undated, vague, part, doubtful, derived)."""
    change = t["change"].to_numpy()
    dated_total = t["change"].notna().to_numpy()
    step = np.where(change > 0, "up", np.where(change < 0, "down", "same"))
    other = np.select(
        [
            t["measure"].to_numpy() != "total",
            t["originator"].to_numpy() == "",
            t["first_day"].isna().to_numpy(),
            t["kind"].to_numpy() == VAGUE,
            t["part_of"].notna().to_numpy(),
            t["doubtful"].to_numpy(dtype=bool),
        ],
        [t["measure"].to_numpy(), "unattributed", "undated", "vague", "part", "doubtful"],
        default="first",
    )
    other = np.where(t["derived"].to_numpy(dtype=bool) & (other == "first"), "derived", other)
    return np.where(dated_total, step, other).astype(object)


def _series_note(r) -> str:
    """One sentence on a point: a revision, a first figure, an increment, an undated figure."""
    fig = wording.figure(r.value, r.value_low, r.value_high)
    if r.derived:
        return r.note_derived
    if r.measure != "total":
        what = "an increment" if r.measure == "increment" else "a rate"
        return (
            f"{wording.who(r.originator)}: {fig} ({wording.day(r.first_day)}), {what}, not a total."
        )
    if r.originator == "":
        return f"An unattributed report: {fig} ({wording.day(r.first_day)})."
    if r.first_day != r.first_day:
        return f"{wording.who(r.originator)}: {fig}, undated (no date stated or published)."
    if r.part_of == r.part_of:
        return (
            f"{wording.who(r.originator)}: {fig}, in the same report as its larger "
            f"{wording.number(r.part_of)} ({wording.day(r.first_day)}): a part of it or an "
            "earlier figure, not a revision."
        )
    if r.doubtful:
        return (
            f"{wording.who(r.originator)}: {fig} ({wording.day(r.first_day)}), in one report, "
            f"far below its own {wording.number(r.previous_value)} "
            f"({wording.day(r.previous_day)}): set aside until another report states it."
        )
    if r.previous_value == r.previous_value and r.value != r.previous_value:
        return wording.revision(
            r.originator, r.previous_value, r.previous_day, r.value, r.first_day
        )
    return f"{wording.who(r.originator)}: {fig}, first stated {wording.day(r.first_day)}."


def current_table(points: pd.DataFrame) -> pd.DataFrame:
    """Each named originator's current total per series (columns ``CURRENT_COLUMNS``)."""
    t = current_points(points)
    out = pd.DataFrame(
        {
            "indicator": t["indicator"],
            "unit": t["unit"],
            "stage": t["stage"],
            "originator": t["originator"],
            "value": t["value"],
            "value_low": t["value_low"],
            "value_high": t["value_high"],
            "kind": t["kind"].map(KIND_NAME),
            "as_of": stamp(t["first_day"]),
            "dated": t["first_day"].notna(),
            "derived": t["derived"].astype(bool),
            "previous_value": t["previous_value"],
            "previous_as_of": stamp(t["previous_day"]),
            "change": t["change"],
            "n_figures": t["n_figures"].astype(np.int64),
            "n_documents": t["n_documents"].astype(np.int64),
            "languages": t["languages"],
            "note": [_current_note(r) for r in t.itertuples(index=False)],
        }
    )
    out = out.sort_values(["indicator", "unit", "stage", "originator"], kind="stable")
    return out[list(CURRENT_COLUMNS)].reset_index(drop=True)


def current_points(points: pd.DataFrame) -> pd.DataFrame:
    """One point per named total series: its latest dated number; failing that its latest dated
    vague figure; failing that its strongest undated point."""
    t = points[(points["measure"] == "total") & (points["originator"] != "")]
    # A part or a doubtful figure is never the current figure.
    t = t[~_confirming_bounds(t) & t["part_of"].isna() & ~t["doubtful"].astype(bool)]
    t = t.assign(
        _rank=np.select(
            [t["value"].notna() & t["first_day"].notna(), t["first_day"].notna()], [2, 1], 0
        )
    )
    best = t.sort_values(["sid", "_rank", "order"], kind="stable").groupby("sid").tail(1)
    n = t.groupby("sid").size()
    best = best.assign(n_figures=best["sid"].map(n))
    return best.drop(columns="_rank").sort_values("sid").reset_index(drop=True)


def _current_note(r) -> str:
    fig = wording.figure(r.value, r.value_low, r.value_high)
    name = wording.whose(r.originator)
    if r.first_day != r.first_day:
        return f"{name} only figure{'s are' if r.n_figures > 1 else ' is'} undated: {fig}."
    if r.derived:
        return r.note_derived
    if r.previous_value == r.previous_value and r.value != r.previous_value:
        return wording.revision(
            r.originator, r.previous_value, r.previous_day, r.value, r.first_day
        )
    return f"{name} figure since {wording.day(r.first_day)}: {fig}."


def _confirming_bounds(t: pd.DataFrame) -> pd.Series:
    """Bound points ("at least 11,000") that admit their series' latest dated figure: they
    confirm it and do not replace it as the current figure, however much later. (A bound that
    admits two of the series' figures stays a point of its own, points.py; without this, adding
    an older figure that it also admits made the bound the current figure.)"""
    fig = t[(t["kind"] == FIGURE) & t["value"].notna() & t["first_day"].notna()]
    if fig.empty:
        return pd.Series(False, index=t.index)
    last = fig.sort_values(["sid", "order"], kind="stable").groupby("sid").tail(1)
    latest = t["sid"].map(last.set_index("sid")["value"])
    bound = (t["kind"] == BOUND) & latest.notna()
    return bound & (t["value_low"] <= latest) & (latest <= t["value_high"])
