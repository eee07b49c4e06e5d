"""A casualty breakdown (killed / wounded / killed or wounded / captured) per originator and date.

A breakdown is composed only from one originator's figures first stated on the same date: the
figures of one briefing. Figures of different dates are different rows, never one "consistent"
breakdown; the parts are checked against the whole within a row only.
"""

from __future__ import annotations

import pandas as pd

from dprkwatch.analysis import wording
from dprkwatch.analysis.policies import BREAKDOWN_PARTS, BREAKDOWN_TOPIC, BREAKDOWN_WHOLE
from dprkwatch.analysis.series import stamp
from dprkwatch.core.vocabulary import vocabulary


def breakdown_columns(topic: str = BREAKDOWN_TOPIC) -> tuple[str, ...]:
    return ("originator", "as_of", *vocabulary().of_topic(topic), "consistent", "latest", "note")


def breakdown_table(points: pd.DataFrame, topic: str = BREAKDOWN_TOPIC) -> pd.DataFrame:
    """One row per (originator, date) with that originator's figures of that date."""
    inds = vocabulary().of_topic(topic)
    columns = breakdown_columns(topic)
    t = points[
        (points["measure"] == "total")
        & (points["originator"] != "")
        & points["indicator"].isin(inds)
        & points["first_day"].notna()
        & points["value"].notna()
        & ~points["derived"].astype(bool)
    ]
    if t.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    # Two figures of one indicator on one date: the series' stronger one (ordered last).
    t = t.sort_values(["sid", "order"]).groupby(["originator", "indicator", "first_day"]).tail(1)
    keys = ["originator", "first_day"]
    value = t.pivot(index=keys, columns="indicator", values="value").reindex(columns=inds)
    low = t.pivot(index=keys, columns="indicator", values="value_low").reindex(columns=inds)
    high = t.pivot(index=keys, columns="indicator", values="value_high").reindex(columns=inds)
    out = value.reset_index()
    out["consistent"] = _consistent(low, high).to_numpy()
    newest = out.groupby("originator")["first_day"].transform("max")
    out["latest"] = out["first_day"] == newest
    out["note"] = [_note(r, inds) for r in out.to_dict("records")]
    out["as_of"] = stamp(out["first_day"])
    out = out.sort_values(["originator", "first_day"], kind="stable")
    return out[list(columns)].reset_index(drop=True)


def _consistent(low: pd.DataFrame, high: pd.DataFrame) -> pd.Series:
    """True when the parts can fit in the whole (their low ends add up to at most the whole's
    high end); NA when the row has no whole or no part."""
    parts = [p for p in BREAKDOWN_PARTS if p in low.columns]
    if BREAKDOWN_WHOLE not in high.columns or not parts:
        return pd.Series(pd.NA, index=low.index, dtype="boolean")
    part_low = low[parts].sum(axis=1, min_count=1)
    whole = high[BREAKDOWN_WHOLE]
    ok = pd.Series(part_low <= whole, dtype="boolean")
    return ok.mask(part_low.isna() | whole.isna())


def _note(r: dict, inds: list[str]) -> str:
    label = vocabulary().label
    said = ", ".join(
        f"{wording.number(r[i])} {label(i)}" for i in inds if r[i] == r[i] and r[i] is not None
    )
    text = f"{wording.who(r['originator'])}, {wording.day(r['first_day'])}: {said}."
    if not pd.isna(r["consistent"]) and not r["consistent"]:
        text += " The parts add up to more than the whole."
    return text
