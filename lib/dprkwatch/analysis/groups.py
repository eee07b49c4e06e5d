"""Claim groups: one stated figure and everyone who traces to it, however often it is repeated.

A group is a set of figure points (analysis/points.py) linked by claims that name several
originators at once (a claim "NIS; US intelligence" makes their 15,000 one group). Independent
originators stating compatible figures stay separate groups (they do not trace to one source):
each lists the others in ``corroborated_by`` when their current figures agree. An unattributed
claim joins the one named group of its measure stating the figure it states (or, for a bound or
magnitude word, the one whose figure it admits); with none or several it stays apart.

Status: ``conflicting`` (it holds a current figure in conflict), ``revised`` (every originator has
since stated a later figure), ``corroborated`` (two originators or more, or another's current
figure agrees), else ``single-source`` (including unattributed groups).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from dprkwatch.analysis import wording
from dprkwatch.analysis.frame import FIGURE, KIND_NAME, Claims
from dprkwatch.analysis.points import Points, joined
from dprkwatch.analysis.policies import MAX_CONFLICTS_PER_GROUP
from dprkwatch.core.vocabulary import vocabulary

STATUSES = ("corroborated", "single-source", "conflicting", "revised")
GROUP_COLUMNS = (
    "group_id",
    "indicator",
    "topic",
    "unit",
    "stage",
    "measure",
    "value_best",
    "value_low",
    "value_high",
    "basis",
    "qualifiers",
    "originators",
    "n_originators",
    "corroborated_by",
    "current_of",
    "n_documents",
    "n_claims",
    "n_outlets",
    "documents",
    "outlets",
    "languages",
    "first_as_of",
    "last_as_of",
    "first_published",
    "last_published",
    "dated",
    "status",
    "conflicts_with",
    "example",
    "note",
)
UNATTRIBUTED_REASON = "unattributed figure: joined the one named group stating this figure"


def point_groups(pts: Points) -> tuple[np.ndarray, np.ndarray]:
    """Group label per point id (derived points: -1), points linked through shared claims and
    unattributed points joined to the one named group they fit; and per point id how many named
    figures an unattributed point fits (-1 for named points)."""
    table = pts.table.sort_values("point")
    n = len(table)
    labels = np.arange(n, dtype=np.int64)
    m = pts.members.sort_values(["pos", "point"], kind="stable")
    first = m.groupby("pos")["point"].transform("first").to_numpy()
    labels = _components(labels, first, m["point"].to_numpy())
    labels, fits = _join_unattributed(table, labels)
    derived = table["derived"].to_numpy(dtype=bool)
    labels = np.where(derived, -1, labels)
    labels[~derived] = pd.factorize(labels[~derived], sort=True)[0]
    return labels, fits


def _components(labels: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Connected components over edges (u, v): smallest label wins, propagated to a fixpoint."""
    keep = u != v
    u, v = u[keep], v[keep]
    while len(u):
        low = np.minimum(labels[u], labels[v])
        before = labels.copy()
        np.minimum.at(labels, u, low)
        np.minimum.at(labels, v, low)
        labels = labels[labels]  # pointer jumping: every label to its root's label
        if np.array_equal(labels, before):
            break
    return labels


def _join_unattributed(table: pd.DataFrame, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An unattributed point joins the single named group of its block whose figure it admits."""
    named = (table["originator"] != "").to_numpy() & (table["kind"] == FIGURE).to_numpy()
    named &= ~table["derived"].to_numpy(dtype=bool)
    bare = np.flatnonzero((table["originator"] == "").to_numpy())
    fits = np.full(len(table), -1, dtype=np.int64)
    fits[bare] = 0
    if not named.any() or not len(bare):
        return labels, fits
    block, value = table["block"].to_numpy(), table["value"].to_numpy()
    idx = np.flatnonzero(named)
    idx = idx[np.lexsort((value[idx], block[idx]))]
    values = np.unique(value[idx])
    width = len(values) + 1
    keys = block[idx] * width + np.searchsorted(values, value[idx])
    bare_figure = table["kind"].to_numpy()[bare] == FIGURE
    lo = np.where(bare_figure, value[bare], table["value_low"].to_numpy()[bare])
    hi = np.where(bare_figure, value[bare], table["value_high"].to_numpy()[bare])
    start = np.searchsorted(keys, block[bare] * width + np.searchsorted(values, lo, "left"))
    stop = np.searchsorted(keys, block[bare] * width + np.searchsorted(values, hi, "right"))
    # The named groups in each [start, stop): one group when their smallest and largest agree.
    cand = np.append(labels[idx], labels[idx][-1])
    bounds = np.empty(2 * len(bare), dtype=np.int64)
    bounds[0::2], bounds[1::2] = start, stop
    low = np.minimum.reduceat(cand, bounds)[0::2]
    high = np.maximum.reduceat(cand, bounds)[0::2]
    one = (stop > start) & (low == high)
    # An unattributed point is linked to nothing else (it has one "originator"), so relabelling
    # the point relabels its whole group.
    labels[bare[one]] = low[one]
    fits[bare] = np.where(one, 1, np.maximum(stop - start, 0))
    return labels, fits


def claim_groups(pts: Points, n_claims: int, labels: np.ndarray) -> np.ndarray:
    """Group label per claim (every claim's points are in one group)."""
    out = np.full(n_claims, -1, dtype=np.int64)
    m = pts.members
    out[m["pos"].to_numpy()] = labels[m["point"].to_numpy()]
    return out


def group_table(cl: Claims, pts: Points, labels: np.ndarray, cur: pd.DataFrame) -> pd.DataFrame:
    """One row per group (without status, comparisons and ids; see :func:`finish`)."""
    c = cl.frame
    by_claim = claim_groups(pts, len(c), labels)
    df = c.assign(label=by_claim, pos=np.arange(len(c)))
    g = df.groupby("label", sort=True)
    out = g.agg(
        block=("block", "first"),
        indicator=("indicator", "first"),
        unit=("unit", "first"),
        stage=("stage", "first"),
        measure=("measure", "first"),
        n_claims=("pos", "size"),
        n_documents=("doc_id", "nunique"),
        first_day=("day", "min"),
        last_day=("day", "max"),
        first_published=("published", "min"),
        last_published=("published", "max"),
    )
    _figure_of(out, pts.table, labels)
    pairs = cl.pairs.assign(label=by_claim[cl.pairs["pos"].to_numpy()])
    out["originators"] = joined(pairs["label"], pairs["orig"].to_numpy(), out)
    out["n_originators"] = _count(out["originators"])
    out["qualifiers"] = joined(df["label"], c["qualifier"].to_numpy(), out)
    out["documents"] = joined(df["label"], c["doc_id"].to_numpy(), out)
    out["outlets"] = joined(df["label"], c["outlet"].to_numpy(), out)
    out["n_outlets"] = _count(out["outlets"])
    out["languages"] = joined(df["label"], c["language"].to_numpy(), out)
    cur_labels = labels[cur["point"].to_numpy()]
    out["current_of"] = joined(pd.Series(cur_labels), cur["originator"].to_numpy(), out)
    return out


def _figure_of(out: pd.DataFrame, table: pd.DataFrame, labels: np.ndarray) -> None:
    """value_best: the figure of the group's latest-stated basis point (never an average);
    value_low/high: the envelope of its basis points; basis: their kind."""
    t = table.assign(label=labels[table["point"].to_numpy()])
    t = t[t["label"] >= 0]
    t = t[t["kind"] == t.groupby("label")["kind"].transform("min")]
    latest = t.assign(_neg=-t["value"].fillna(np.inf)).sort_values(
        ["label", "first_day", "n_claims", "_neg"], na_position="first", kind="stable"
    )
    last = latest.groupby("label").tail(1).set_index("label")
    env = t.groupby("label").agg(lo=("value_low", "min"), hi=("value_high", "max"))
    out["value_best"] = last["value"].reindex(out.index).to_numpy(dtype=float)
    out["value_low"] = env["lo"].reindex(out.index).to_numpy(dtype=float)
    out["value_high"] = env["hi"].reindex(out.index).to_numpy(dtype=float)
    out["basis"] = last["kind"].reindex(out.index).map(KIND_NAME).to_numpy(dtype=object)
    out["first_pos"] = t.groupby("label")["first_pos"].min().reindex(out.index).to_numpy()


def _count(joined_names: pd.Series) -> np.ndarray:
    return np.array([len(x.split(wording.SEP)) if x else 0 for x in joined_names], dtype=np.int64)


def group_ids(out: pd.DataFrame, first_doc: pd.Series) -> pd.Series:
    """Readable, deterministic ids from content: ``indicator#k`` ordered by unit, stage, measure,
    figure, then the document first stating it."""
    keys = out.assign(_doc=first_doc.reindex(out.index).to_numpy())
    order = keys.sort_values(
        ["indicator", "unit", "stage", "measure", "value_best", "value_low", "value_high", "_doc"],
        na_position="last",
        kind="stable",
    )
    k = order.groupby("indicator").cumcount() + 1
    return (order["indicator"] + "#" + k.astype(str)).astype(object).reindex(out.index)


def describe(
    out: pd.DataFrame,
    table: pd.DataFrame,
    labels: np.ndarray,
    conflicting: pd.DataFrame,
    agreeing: pd.DataFrame,
    examples: pd.Series,
) -> pd.DataFrame:
    """Add agreement, conflicts, status, example and note to the group table ``out``."""
    points = table.sort_values("point")  # row i is point i
    ids = out["group_id"].reindex(labels).fillna("").to_numpy(dtype=object)
    disputes = _sides(conflicting, labels)
    out["conflicts_with"] = _partners(disputes, ids, out)
    out["corroborated_by"] = _partners(
        _sides(agreeing, labels), points["originator"].to_numpy(dtype=object), out, skip_own=True
    )
    disputed_by = _partners(disputes, _said(points, disputes["other"]), out)
    revised_by = _revisions(points, labels)
    out["status"] = _status(out, revised_by)
    out["dated"] = out["first_day"].notna()
    out["first_as_of"] = stamp_days(out["first_day"])
    out["last_as_of"] = stamp_days(out["last_day"])
    out["topic"] = out["indicator"].map(_topics()).fillna("")
    out["example"] = examples.reindex(out["first_pos"].to_numpy()).fillna("").to_numpy()
    out["note"] = [
        _note(r, revised_by.get(label), disputed)
        for label, r, disputed in zip(out.index, out.itertuples(), disputed_by, strict=True)
    ]
    out["label"] = out.index
    order = out.sort_values(["indicator", "unit", "stage", "measure", "group_id"], kind="stable")
    return order.reset_index(drop=True)


def _sides(pairs: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    """Both directions of each pair of points: the group of one side, the point on the other."""
    a = pairs["point_a"].to_numpy(dtype=np.int64)
    b = pairs["point_b"].to_numpy(dtype=np.int64)
    return pd.DataFrame({"label": labels[np.concatenate([a, b])], "other": np.concatenate([b, a])})


def _partners(
    sides: pd.DataFrame, names: np.ndarray, out: pd.DataFrame, skip_own: bool = False
) -> np.ndarray:
    """Per group: the names (one per point id in ``names``) of the points on the other side of
    its pairs, distinct, sorted, at most MAX_CONFLICTS_PER_GROUP."""
    df = sides.assign(name=names[sides["other"].to_numpy()])
    df = df[df["name"] != ""].drop_duplicates(["label", "name"])
    if skip_own and len(df):
        # A point outside every group (label -1) has no originators of its own.
        own = df["label"].map(out["originators"]).fillna("").to_numpy(dtype=object)
        mine = [n in str(o).split(wording.SEP) for n, o in zip(df["name"], own, strict=True)]
        df = df[~np.asarray(mine, dtype=bool)]
    df = df.sort_values(["label", "name"]).groupby("label").head(MAX_CONFLICTS_PER_GROUP)
    joined = df.groupby("label")["name"].agg(wording.SEP.join)
    return joined.reindex(out.index, fill_value="").to_numpy(dtype=object)


def _said(points: pd.DataFrame, wanted: pd.Series) -> np.ndarray:
    """Per point id: "Ukraine GUR's 13,000 (10 Feb 2025)" for the ``wanted`` points, else ""."""
    said = np.full(len(points), "", dtype=object)
    for p in set(wanted.tolist()):
        r = points.iloc[p]
        fig = wording.figure(r["value"], r["value_low"], r["value_high"])
        said[p] = f"{wording.whose(r['originator'])} {fig} ({wording.day(r['first_day'])})"
    return said


def _revisions(points: pd.DataFrame, labels: np.ndarray) -> dict[Any, dict]:
    """Group label -> the later current figure that superseded one of its points."""
    t = points.assign(label=labels[points["point"].to_numpy()])
    current = t["current"].astype(bool)
    numeric = (t["measure"] == "total") & (t["originator"] != "") & t["value"].notna()
    numeric &= t["first_day"].notna() & ~current & (t["label"] >= 0)
    cur = t[current].set_index("sid")[
        ["originator", "value", "value_low", "value_high", "first_day"]
    ]
    t = t[numeric]
    t = t[t["sid"].map(cur["first_day"]) > t["first_day"]].drop_duplicates("label")
    return cur.loc[t["sid"]].set_axis(t["label"].to_numpy()).to_dict("index")


def _status(out: pd.DataFrame, revised_by: dict) -> np.ndarray:
    revised = np.array([label in revised_by for label in out.index]) & (out["current_of"] == "")
    agreed = (out["n_originators"] >= 2) | (out["corroborated_by"] != "")
    return np.select(
        [out["conflicts_with"] != "", revised, agreed],
        ["conflicting", "revised", "corroborated"],
        default="single-source",
    ).astype(object)


def _note(r, later: dict | None, disputed: str) -> str:
    """One sentence on why the group stands as it does."""
    fig = wording.figure(r.value_best, r.value_low, r.value_high)
    if r.measure != "total":
        what = "an increment" if r.measure == "increment" else "a rate"
        return f"{wording.who(r.originators)}: {fig}, {what}, not a total."
    if r.status == "conflicting":
        return (
            f"{wording.whose(r.current_of)} current figure ({wording.day(r.first_day)}); "
            f"it conflicts with {_listed(disputed)}."
        )
    if r.status == "revised" and later is not None:
        return (
            f"Revised: {wording.who(later['originator'])} has since said "
            f"{wording.figure(later['value'], later['value_low'], later['value_high'])} "
            f"({wording.day(later['first_day'])})."
        )
    if r.first_day != r.first_day:
        return f"{wording.who(r.originators)}: {fig}, undated (no date stated or published)."
    if not r.originators:
        return f"No source named: {fig}, in {wording.plural(r.n_documents, 'document')}."
    agree = f"; {wording.who(r.corroborated_by)} agrees" if r.corroborated_by else ""
    if r.current_of:
        return (
            f"{wording.whose(r.current_of)} current figure since {wording.day(r.first_day)}{agree}."
        )
    return f"{wording.who(r.originators)}: {fig} ({wording.day(r.first_day)}){agree}."


def _listed(items: str) -> str:
    """'a', 'a and b', 'a, b and c' from a '; '-joined list."""
    names = items.split(wording.SEP)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def stamp_days(days: pd.Series) -> pd.Series:
    return pd.Timestamp(0) + pd.to_timedelta(days.astype(float), unit="D")


def _topics() -> dict[str, str]:
    return {k: v.topic for k, v in vocabulary().indicators.items()}
