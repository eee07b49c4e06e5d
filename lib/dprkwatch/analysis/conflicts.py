"""Conflicts and agreement: independent originators' current figures at comparable dates.

Only current figures are compared (one per originator and series: a later figure of the same
originator is a revision, never a conflict), of the same indicator, unit and stage, dated within
the window of each other. Ranges that do not overlap conflict; ranges that overlap agree.
Undated and vague figures are compared with nothing. The comparison runs over originators, not
claims (tens per measure however large the corpus), and each figure keeps at most
``MAX_CONFLICTS_PER_GROUP`` conflicts, the nearest in time first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dprkwatch.analysis import wording
from dprkwatch.analysis.policies import MAX_CONFLICTS_PER_GROUP
from dprkwatch.analysis.series import stamp

CONFLICT_COLUMNS = (
    "indicator",
    "unit",
    "stage",
    "kind",
    "group_a",
    "originators_a",
    "value_a",
    "value_low_a",
    "value_high_a",
    "as_of_a",
    "n_documents_a",
    "group_b",
    "originators_b",
    "value_b",
    "value_low_b",
    "value_high_b",
    "as_of_b",
    "n_documents_b",
    "days_apart",
    "note",
)
_CHUNK = 1024


def compare(current: pd.DataFrame, window_days: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(conflicts, agreements): pairs of current points (``point_a``, ``point_b``, ``days``)."""
    cur = current[current["value"].notna() & current["first_day"].notna()]
    found: dict[bool, list[pd.DataFrame]] = {True: [], False: []}
    for _, block in cur.groupby("block", sort=True):
        if len(block) > 1:
            for apart, pairs in _block_pairs(block, window_days).items():
                found[apart].append(pairs)
    conflicts, agreements = (_concat(found[k]) for k in (True, False))
    return _bounded(conflicts), agreements


def _block_pairs(block: pd.DataFrame, window: float) -> dict[bool, pd.DataFrame]:
    """Pairs of one measure's current figures within the window, split by ranges apart or not."""
    point = block["point"].to_numpy()
    lo, hi = block["value_low"].to_numpy(), block["value_high"].to_numpy()
    day = block["first_day"].to_numpy()
    out: dict[bool, list[pd.DataFrame]] = {True: [], False: []}
    for start in range(0, len(block), _CHUNK):
        a = np.arange(start, min(start + _CHUNK, len(block)))[:, None]
        b = np.arange(len(block))[None, :]
        near = (np.abs(day[a] - day[b]) <= window) & (a < b)
        apart = (hi[a] < lo[b]) | (hi[b] < lo[a])
        for kind in (True, False):
            ia, ib = np.nonzero(near & (apart == kind))
            ia, ib = a[ia, 0], b[0, ib]
            out[kind].append(
                pd.DataFrame(
                    {"point_a": point[ia], "point_b": point[ib], "days": np.abs(day[ia] - day[ib])}
                )
            )
    return {k: pd.concat(v, ignore_index=True) for k, v in out.items()}


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    if not frames:
        return pd.DataFrame({"point_a": [], "point_b": [], "days": []}).astype(
            {"point_a": np.int64, "point_b": np.int64}
        )
    return pd.concat(frames, ignore_index=True)


def _bounded(pairs: pd.DataFrame) -> pd.DataFrame:
    """At most MAX_CONFLICTS_PER_GROUP conflicts per figure, the nearest in time first."""
    if pairs.empty:
        return pairs
    ranked = pairs.sort_values(["days", "point_a", "point_b"], kind="stable")
    rank_a = ranked.groupby("point_a").cumcount()
    rank_b = ranked.groupby("point_b").cumcount()
    keep = (rank_a < MAX_CONFLICTS_PER_GROUP) & (rank_b < MAX_CONFLICTS_PER_GROUP)
    return ranked[keep].sort_index()


def conflict_table(pairs: pd.DataFrame, current: pd.DataFrame, group_of: pd.Series) -> pd.DataFrame:
    """The conflicts as a table (columns ``CONFLICT_COLUMNS``); side a holds the lower figure."""
    if pairs.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CONFLICT_COLUMNS})
    cur = current.set_index("point")
    a, b = cur.loc[pairs["point_a"].to_numpy()], cur.loc[pairs["point_b"].to_numpy()]
    swap = (b["value"].to_numpy() < a["value"].to_numpy()) | (
        (b["value"].to_numpy() == a["value"].to_numpy())
        & (b["originator"].to_numpy() < a["originator"].to_numpy())
    )
    low = pd.DataFrame(np.where(swap[:, None], b.to_numpy(), a.to_numpy()), columns=cur.columns)
    high = pd.DataFrame(np.where(swap[:, None], a.to_numpy(), b.to_numpy()), columns=cur.columns)
    pa = np.where(swap, pairs["point_b"], pairs["point_a"])
    pb = np.where(swap, pairs["point_a"], pairs["point_b"])
    rows = {
        "indicator": low["indicator"],
        "unit": low["unit"],
        "stage": low["stage"],
        "kind": "disagreement",
    }
    for side, t, p in (("a", low, pa), ("b", high, pb)):
        rows[f"group_{side}"] = group_of.reindex(p).to_numpy()
        rows[f"originators_{side}"] = t["originator"]
        for col in ("value", "value_low", "value_high"):
            rows[f"{col}_{side}"] = t[col].astype(float)
        rows[f"as_of_{side}"] = stamp(t["first_day"].astype(float))
        rows[f"n_documents_{side}"] = t["n_documents"].astype(np.int64)
    out = pd.DataFrame(rows)
    out["days_apart"] = pairs["days"].to_numpy().astype(np.int64)
    out["note"] = [_note(r) for r in out.itertuples(index=False)]
    out = out.sort_values(["indicator", "unit", "stage", "group_a", "group_b"], kind="stable")
    return out[list(CONFLICT_COLUMNS)].reset_index(drop=True)


def _note(r) -> str:
    a = f"{wording.whose(r.originators_a)} {wording.figure(r.value_a, r.value_low_a, r.value_high_a)}"
    b = f"{wording.whose(r.originators_b)} {wording.figure(r.value_b, r.value_low_b, r.value_high_b)}"
    return (
        f"{a} ({wording.day(r.as_of_a)}) and {b} ({wording.day(r.as_of_b)}), "
        f"{wording.plural(int(r.days_apart), 'day')} apart, do not overlap: "
        "independent originators disagree."
    )
