"""Reconcile the claims ledger over time: series, current figures, groups, conflicts, headlines.

The counts this suite tracks are running totals, revised over time (troops sent so far, dead so
far, containers shipped since 2023). So reconciliation is per originator and over ``as_of``:

- A *series* is one originator's figures for one measure: indicator, unit, stage ("planned" or
  "": done and unstated are one series; casualties, wages and hours have no stage) and measure
  (total, increment, rate). Its *points* are its distinct figures, each first stated at its
  earliest as_of; a repetition by a later article is the same point (analysis/points.py).
- The *current figure* of a series is its latest dated total. A later figure of the same
  originator is a *revision* (up or down), never a conflict. Undated figures never override dated
  ones; they are listed apart. Increments and rates are events on the series, never its current
  figure; an increment is added to a total only where the text says so, and the sum is marked
  derived (analysis/series.py).
- *Conflicts* are between independent originators' current figures of the same measure, dated
  within ``window_days`` of each other, whose ranges do not overlap (analysis/conflicts.py).
- *Groups* gather the claims that trace to one stated figure, for the ledger's tables
  (analysis/groups.py). A group's figure is one somebody stated, never an average.
- The *headline* per indicator, unit and stage is chosen among current figures under a policy:
  ``latest`` (default), ``conservative`` or ``median`` (analysis/headline.py).
- A casualty *breakdown* comes from one originator's figures of one date (analysis/breakdown.py).

Every table says why in one plain sentence (``note``). Everything sorts and groups; conflicts and
agreement compare current figures, one per originator and measure: O(n log n) in claims.

Compute once with :func:`reconcile` and read the tables from the result, or call the functions
below (each reconciles the claims it is given).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dprkwatch.analysis import wording
from dprkwatch.analysis.breakdown import breakdown_table
from dprkwatch.analysis.conflicts import CONFLICT_COLUMNS, compare, conflict_table
from dprkwatch.analysis.frame import Claims, originators, prepare
from dprkwatch.analysis.groups import (
    GROUP_COLUMNS,
    STATUSES,
    UNATTRIBUTED_REASON,
    claim_groups,
    describe,
    group_ids,
    group_table,
    point_groups,
)
from dprkwatch.analysis.headline import HEADLINE_COLUMNS, check_policy, headline_table
from dprkwatch.analysis.points import Points, build
from dprkwatch.analysis.policies import (
    DEFAULT_POLICY,
    DEFAULT_WINDOW_DAYS,
    MAX_CONFLICTS_PER_GROUP,
    POLICIES,
)
from dprkwatch.analysis.series import (
    CURRENT_COLUMNS,
    SERIES_COLUMNS,
    current_points,
    current_table,
    series_table,
)

__all__ = [
    "CONFLICT_COLUMNS",
    "CURRENT_COLUMNS",
    "GROUP_COLUMNS",
    "HEADLINE_COLUMNS",
    "MAX_CONFLICTS_PER_GROUP",
    "POLICIES",
    "SERIES_COLUMNS",
    "STATUSES",
    "UNATTRIBUTED",
    "Reconciliation",
    "assign_groups",
    "breakdown",
    "conflicts",
    "current",
    "find_conflicts",
    "group_claims",
    "headline",
    "originators",
    "reconcile",
    "series",
    "who_says_what",
]
SEP = wording.SEP
UNATTRIBUTED = "(unattributed)"


@dataclass
class Reconciliation:
    """The claims reconciled once; every table is computed on first use."""

    claims: Claims
    points: Points
    window_days: float

    @functools.cached_property
    def current_points(self) -> pd.DataFrame:
        return current_points(self.points.table)

    @functools.cached_property
    def comparisons(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(conflicting pairs, agreeing pairs) of current points."""
        return compare(self.current_points, self.window_days)

    @functools.cached_property
    def _point_groups(self) -> tuple[np.ndarray, np.ndarray]:
        return point_groups(self.points)

    @property
    def point_labels(self) -> np.ndarray:
        """Group label per point id (-1: a derived point, in no group)."""
        return self._point_groups[0]

    @functools.cached_property
    def _groups(self) -> pd.DataFrame:
        return _finish_groups(self)

    @functools.cached_property
    def group_of_point(self) -> pd.Series:
        """Point -> group id (derived points have none)."""
        ids = self._groups.set_index("label")["group_id"]
        labels = pd.Series(self.point_labels)
        return labels[labels >= 0].map(ids)

    def series(self) -> pd.DataFrame:
        """Each originator's figures by as_of, with the change from its previous one."""
        return series_table(self.points.table, self._examples())

    def current(self) -> pd.DataFrame:
        """Each named originator's current figure per series."""
        return current_table(self.points.table)

    def groups(self) -> pd.DataFrame:
        """Claim groups (columns ``GROUP_COLUMNS``)."""
        return self._groups[list(GROUP_COLUMNS)].reset_index(drop=True)

    def conflicts(self) -> pd.DataFrame:
        """Conflicting current figures (columns ``CONFLICT_COLUMNS``)."""
        pairs, _ = self.comparisons
        return conflict_table(pairs, self.current_points, self.group_of_point)

    def headline(self, policy: str = DEFAULT_POLICY) -> pd.DataFrame:
        """One headline per indicator, unit and stage (columns ``HEADLINE_COLUMNS``)."""
        pairs, _ = self.comparisons
        contested = set(pairs["point_a"]) | set(pairs["point_b"])
        return headline_table(
            self.points.table, self.current_points, contested, policy, self.window_days
        )

    def breakdown(self) -> pd.DataFrame:
        """Casualty breakdowns per originator and date."""
        return breakdown_table(self.points.table)

    def _examples(self) -> pd.Series:
        src = self.claims.source
        if "claim_en" not in src.columns:
            return pd.Series("", index=range(len(src)), dtype=object)
        return pd.Series(src["claim_en"].to_numpy(dtype=object), dtype=object)


def reconcile(claims: pd.DataFrame, *, window_days: float = DEFAULT_WINDOW_DAYS) -> Reconciliation:
    """Reconcile ``claims`` (a ledger: at least ``frame.REQUIRED``; measure, as_of, stage,
    published, language, outlet, claim_en and quote are used when present).

    window_days: current figures dated further apart are not compared (and, under the
    conservative policy, older than this before the newest are left out).
    """
    _check_window(window_days)
    cl = prepare(claims)
    return Reconciliation(cl, build(cl), float(window_days))


def series(claims: pd.DataFrame) -> pd.DataFrame:
    """Each originator's dated figures with the change from its previous one (``SERIES_COLUMNS``)."""
    return reconcile(claims).series()


def current(claims: pd.DataFrame) -> pd.DataFrame:
    """Each named originator's current figure per series (``CURRENT_COLUMNS``)."""
    return reconcile(claims).current()


def headline(
    claims: pd.DataFrame,
    policy: str = DEFAULT_POLICY,
    window_days: float = DEFAULT_WINDOW_DAYS,
    *,
    period_days: float | None = None,
) -> pd.DataFrame:
    """One headline per indicator, unit and stage under ``policy`` (``HEADLINE_COLUMNS``).

    period_days: the former name of window_days.
    """
    check_policy(policy)
    window = window_days if period_days is None else period_days
    return reconcile(claims, window_days=window).headline(policy)


def group_claims(
    claims: pd.DataFrame,
    *,
    window_days: float = DEFAULT_WINDOW_DAYS,
    period_days: float | None = None,
) -> pd.DataFrame:
    """One row per claim group (``GROUP_COLUMNS``); its conflicts ride in ``.attrs['conflicts']``.

    period_days: the former name of window_days.
    """
    window = window_days if period_days is None else period_days
    rec = reconcile(claims, window_days=window)
    groups = rec.groups()
    groups.attrs["conflicts"] = rec.conflicts()
    return groups


def conflicts(claims: pd.DataFrame, *, window_days: float = DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
    """Conflicting current figures of independent originators (``CONFLICT_COLUMNS``)."""
    return reconcile(claims, window_days=window_days).conflicts()


def find_conflicts(
    claims_or_groups: pd.DataFrame,
    *,
    window_days: float = DEFAULT_WINDOW_DAYS,
    period_days: float | None = None,
) -> pd.DataFrame:
    """:func:`conflicts` of claims, or the conflicts :func:`group_claims` found for its groups."""
    if _is_groups(claims_or_groups):
        found = claims_or_groups.attrs.get("conflicts")
        if found is None:
            raise ValueError("find_conflicts needs the claims, or the table group_claims returned")
        return found
    window = window_days if period_days is None else period_days
    return conflicts(claims_or_groups, window_days=window)


def breakdown(claims: pd.DataFrame) -> pd.DataFrame:
    """Casualty breakdowns, one row per originator and date (see analysis/breakdown.py)."""
    return reconcile(claims).breakdown()


def assign_groups(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with ``group_id`` and ``group_reason`` added (index and rows kept)."""
    rec = reconcile(claims)
    out = claims.copy()
    n = len(rec.claims.frame)
    if n == 0:
        return out.assign(group_id=pd.Series(dtype=object), group_reason=pd.Series(dtype=object))
    labels = claim_groups(rec.points, n, rec.point_labels)
    ids = rec._groups.set_index("label")["group_id"]
    out["group_id"] = ids.reindex(labels).to_numpy(dtype=object)
    out["group_reason"] = _reasons(rec)
    return out


def _reasons(rec: Reconciliation) -> np.ndarray:
    """Why each claim is in its group, in a few words."""
    n = len(rec.claims.frame)
    reasons = rec.points.reasons.reindex(range(n)).fillna("").to_numpy(dtype=object)
    m = rec.points.members
    fits = np.full(n, -1, dtype=np.int64)
    fits[m["pos"].to_numpy()] = rec._point_groups[1][m["point"].to_numpy()]
    said = {1: UNATTRIBUTED_REASON}
    for k in set(fits[fits >= 0].tolist()) - {1}:
        said[k] = (
            f"unattributed: fits {k} named figures of its measure; kept apart rather than pick one"
            if k
            else "unattributed: fits no named figure; kept with unattributed claims like it"
        )
    return np.array(
        [said[f] if f >= 0 else r for f, r in zip(fits.tolist(), reasons, strict=True)],
        dtype=object,
    )


def who_says_what(claims_or_groups: pd.DataFrame, *, count: str = "groups") -> pd.DataFrame:
    """Originator x indicator matrix of counts, for a heatmap.

    count: ``groups`` (distinct figures each originator stands behind) or ``claims`` (every
    repetition). Unattributed material is the row ``(unattributed)``.
    """
    if count not in ("groups", "claims"):
        raise ValueError(f"unknown count {count!r}; valid: groups, claims")
    if count == "groups":
        table = claims_or_groups if _is_groups(claims_or_groups) else group_claims(claims_or_groups)
        names = table["originators"] if not table.empty else pd.Series(dtype=object)
    else:
        if _is_groups(claims_or_groups):
            raise ValueError("count='claims' needs claims, not groups")
        table = claims_or_groups
        names = table["attributed_to"] if not table.empty else pd.Series(dtype=object)
    if table.empty:
        return pd.DataFrame(dtype=np.int64)
    long = pd.DataFrame(
        {
            "indicator": table["indicator"].astype(object).to_numpy(),
            "originator": [
                list(originators(str(v))) or [UNATTRIBUTED] for v in names.fillna("").to_numpy()
            ],
        }
    ).explode("originator")
    matrix = pd.crosstab(long["originator"], long["indicator"])
    matrix.columns.name, matrix.index.name = "indicator", "originator"
    return matrix.astype(np.int64)


# --------------------------------------------------------------------------- helpers


def _check_window(window_days: float) -> None:
    ok = isinstance(window_days, int | float) and not isinstance(window_days, bool)
    if not ok or not window_days >= 0:
        raise ValueError(f"window_days must be a number >= 0, got {window_days!r}")


def _is_groups(frame: pd.DataFrame) -> bool:
    return {"group_id", "value_best", "originators"} <= set(frame.columns)


def _finish_groups(rec: Reconciliation) -> pd.DataFrame:
    """The group table with ids, agreement, conflicts, status, example and note."""
    cl, pts = rec.claims, rec.points
    if len(cl.frame) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in (*GROUP_COLUMNS, "label")})
    out = group_table(cl, pts, rec.point_labels, rec.current_points)
    first_doc = pd.Series(cl.frame["doc_id"].to_numpy()[out["first_pos"].to_numpy()], out.index)
    out["group_id"] = group_ids(out, first_doc)
    conflicting, agreeing = rec.comparisons
    return describe(out, pts.table, rec.point_labels, conflicting, agreeing, rec._examples())
