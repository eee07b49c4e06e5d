"""One headline figure per indicator, unit and stage, under a policy, from current figures only.

The pool is the named originators' dated current totals; failing those, unattributed dated
totals; failing those, undated ones (named first). Undated figures never override dated ones:
when the pool is dated they are listed apart (``undated``). Increments and rates are never a
headline; an indicator reported only through them has no number, and says so.

Policies (one function each, ``POLICY_RULES``):

- ``latest`` (default): the most recent current figure; value_low/high span every current figure.
- ``conservative``: the lowest current figure among those dated no earlier than the window
  before the newest; value_low/high span those.
- ``median``: the median current figure; with an even count, the lower of the two middle ones
  (a figure somebody stated, never an average of two); value_low/high span every current figure.

Ties (same date, same rank) go to the better documented figure, then to the lower one.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from dprkwatch.analysis import wording
from dprkwatch.analysis.frame import VAGUE
from dprkwatch.analysis.policies import POLICIES
from dprkwatch.analysis.series import stamp

HEADLINE_COLUMNS = (
    "indicator",
    "unit",
    "stage",
    "policy",
    "value",
    "value_low",
    "value_high",
    "sources",
    "n_originators",
    "as_of",
    "contested",
    "derived",
    "undated",
    "note",
)
Choice = tuple[pd.DataFrame, pd.DataFrame, str]


def check_policy(policy: str) -> None:
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; valid policies: {', '.join(POLICIES)}")


def headline_table(
    points: pd.DataFrame, current: pd.DataFrame, contested: set, policy: str, window_days: float
) -> pd.DataFrame:
    """One row per (indicator, unit, stage) of ``points`` (columns ``HEADLINE_COLUMNS``)."""
    check_policy(policy)
    keys = ["indicator", "unit", "stage"]
    totals = points[(points["measure"] == "total") & ~points["derived"].astype(bool)]
    totals_by = {k: g for k, g in totals.groupby(keys, sort=True)}
    cur_by = {k: g for k, g in current.groupby(keys, sort=True)}
    rows = []
    for key, block in points.groupby(keys, sort=True):
        said = totals_by.get(key, totals.iloc[:0])
        cur = cur_by.get(key, current.iloc[:0])
        row = dict(zip(keys, key, strict=True)) | {"policy": policy}
        rows.append(row | _figure(block, said, cur, contested, policy, window_days))
    return pd.DataFrame(rows, columns=list(HEADLINE_COLUMNS))


def _pools(totals: pd.DataFrame, cur: pd.DataFrame) -> list[tuple[pd.DataFrame, str]]:
    """Candidate pools in order of preference, each with the words that explain a fallback."""
    bare = totals[(totals["originator"] == "") & totals["value"].notna()]
    named = cur[cur["value"].notna()]
    dated = named["first_day"].notna()
    bare_dated = bare["first_day"].notna()
    return [
        (named[dated], ""),
        (bare[bare_dated], "No dated figure names a source; unattributed ones are used. "),
        (named[~dated], "No figure is dated. "),
        (bare[~bare_dated], "No figure is dated or names a source. "),
    ]


def _figure(
    block: pd.DataFrame,
    totals: pd.DataFrame,
    cur: pd.DataFrame,
    contested: set,
    policy: str,
    window: float,
) -> dict:
    for pool, prefix in _pools(totals, cur):
        if len(pool) == 1:
            why = f"{_capital(_said(pool.iloc[0]))} is the only current figure."
            return _row(pool, pool, prefix + why, contested, _undated(totals, pool))
        if len(pool):
            chosen, considered, why = POLICY_RULES[policy](pool, window)
            return _row(chosen, considered, prefix + why, contested, _undated(totals, pool))
    return _no_number(block)


def _row(
    chosen: pd.DataFrame, considered: pd.DataFrame, note: str, contested: set, undated: str
) -> dict:
    names = sorted(set(chosen["originator"]) - {""})
    return {
        "value": float(chosen["value"].iloc[0]),
        "value_low": float(considered["value_low"].min()),
        "value_high": float(considered["value_high"].max()),
        "sources": wording.SEP.join(names),
        "n_originators": len(set(considered["originator"]) - {""}),
        "as_of": stamp(pd.Series([chosen["first_day"].max()])).iloc[0],
        "contested": bool(set(considered["point"]) & contested),
        "derived": bool(chosen["derived"].astype(bool).any()),
        "undated": undated,
        "note": note,
    }


def _no_number(block: pd.DataFrame) -> dict:
    """Only vague figures, or only increments and rates: no headline number, and why."""
    totals = block[block["measure"] == "total"]
    vague = totals[totals["kind"] == VAGUE]
    events = block[block["measure"] != "total"].sort_values(["first_day", "point"])
    if len(vague):
        note = "Only vague figures (such as 'thousands') are reported, so there is no number."
        lo, hi = float(vague["value_low"].min()), float(vague["value_high"].max())
    else:
        last = events.iloc[-1]
        what = "increments" if (events["measure"] == "increment").all() else "increments or rates"
        note = (
            f"Only {what} are reported (latest: {wording.who(last['originator'])}, "
            f"{wording.figure(last['value'], last['value_low'], last['value_high'])}, "
            f"{wording.day(last['first_day'])}); no total to headline."
        )
        lo = hi = float("nan")
    names = sorted(set(block["originator"]) - {""})
    return {
        "value": float("nan"),
        "value_low": lo,
        "value_high": hi,
        "sources": wording.SEP.join(names),
        "n_originators": len(names),
        "as_of": pd.NaT,
        "contested": False,
        "derived": False,
        "undated": "",
        "note": note,
    }


def _undated(totals: pd.DataFrame, pool: pd.DataFrame) -> str:
    """Undated totals left out of a dated pool: '15,000 (South Korea NIS); 5,000 (unattributed)'."""
    if pool["first_day"].isna().all():
        return ""
    undated = totals[totals["first_day"].isna() & totals["value"].notna()]
    undated = undated.sort_values(["originator", "value"], kind="stable")
    cols = [undated[c].tolist() for c in ("value", "value_low", "value_high", "originator")]
    return wording.SEP.join(
        f"{wording.figure(value, low, high)} ({who or 'unattributed'})"
        for value, low, high, who in zip(*cols, strict=True)
    )


def _ranked(pool: pd.DataFrame) -> pd.DataFrame:
    """Latest first; ties to the better documented, then to the lower figure."""
    return pool.sort_values(
        ["first_day", "n_documents", "value", "originator"],
        ascending=[False, False, True, True],
        na_position="last",
        kind="stable",
    )


def _tied(pool: pd.DataFrame, first: pd.Series) -> pd.DataFrame:
    """Every pool row stating the chosen figure on the chosen date (several sources say it)."""
    same_day = (pool["first_day"] == first["first_day"]) | (
        pool["first_day"].isna() & pd.isna(first["first_day"])
    )
    return pool[same_day & (pool["value"] == first["value"])]


def _latest(pool: pd.DataFrame, window: float) -> Choice:
    first = _ranked(pool).iloc[0]
    chosen = _tied(pool, first)
    fig = _said(first)
    return (
        chosen,
        pool,
        (
            f"{fig} is the most recent of {wording.plural(len(pool), 'current figure')}; "
            "the range spans them all."
        ),
    )


def _conservative(pool: pd.DataFrame, window: float) -> Choice:
    newest = pool["first_day"].max()
    recent = pool if np.isnan(newest) else pool[pool["first_day"] >= newest - window]
    first = recent.sort_values(
        ["value", "n_documents", "first_day", "originator"],
        ascending=[True, False, False, True],
        kind="stable",
    ).iloc[0]
    chosen = recent[recent["value"] == first["value"]]
    left_out = len(pool) - len(recent)
    tail = f"; {wording.plural(left_out, 'older figure')} left out" if left_out else ""
    scope = (
        "only current figure" if len(recent) == 1 else f"lowest of {len(recent)} current figures"
    )
    if not np.isnan(newest):
        scope += f" dated within {window:g} days of the newest ({wording.day(newest)})"
    return chosen, recent, f"The {scope}: {_said(first)}{tail}."


def _median(pool: pd.DataFrame, window: float) -> Choice:
    ordered = pool.sort_values(["value", "first_day", "originator"], kind="stable")
    middle = ordered.iloc[(len(ordered) - 1) // 2]
    chosen = pool[pool["value"] == middle["value"]]
    listed = "; ".join(
        f"{who or 'unattributed'} {wording.number(value)}"
        for who, value in zip(
            ordered["originator"].tolist(), ordered["value"].tolist(), strict=True
        )
    )
    which = "median" if len(pool) % 2 else "lower of the two middle figures"
    return (
        chosen,
        pool,
        (
            f"The {which} of {wording.plural(len(pool), 'current figure')} ({listed}): "
            f"{wording.number(middle['value'])}."
        ),
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _said(r: pd.Series) -> str:
    fig = wording.figure(r["value"], r["value_low"], r["value_high"])
    return f"{wording.whose(r['originator'])} {fig} ({wording.day(r['first_day'])})"


POLICY_RULES: dict[str, Callable[[pd.DataFrame, float], Choice]] = {
    "latest": _latest,
    "conservative": _conservative,
    "median": _median,
}
