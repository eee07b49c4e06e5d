"""Reconcile the claims ledger: claim groups, corroboration, conflicts and headline estimates.

Every claim is kept and lands in exactly one *group*: one figure as stated by its originators,
however many documents, outlets and languages repeat it. Groups are then compared (conflicts) and
summarised into one headline per measure under a policy the caller picks. Pure functions,
DataFrame in, DataFrame out.

Rules (the open questions, decided):

- Measure: claims are compared only within the same ``indicator`` and ``unit``. Different measures
  (killed vs killed_or_wounded, workers vs troops, USD/hour vs USD/month) never group or conflict.
- Originators: the canonical names in ``attributed_to`` ("; "-separated). An unattributed claim
  ("") is no originator; corroboration counts distinct originators, never documents or outlets.
- Kinds: a *figure* is exact/approx/range; a *bound* is at_least/at_most; *vague* is "thousands".
  Only figures link claims transitively: bounds and vague claims never bridge two figures.
- Grouping, in tiers; each tier sees the groups made before it, as they were at the tier's start,
  so the result does not depend on row order:

  1. attributed figures with a stage: union-find within (measure, stage); two claims link when they
     share an originator and their [value_low, value_high] ranges overlap (ends inclusive).
  2. attributed figures with no stage (""): join the one tier-1 group that shares an originator
     and overlaps; with none or several, they link among themselves as in tier 1 (stage "").
  3. unattributed figures: join the one group whose range overlaps; otherwise they link among
     themselves by overlapping range.
  4. bounds and vague claims: join the one group whose best value lies inside the claim's range
     and whose range overlaps it (sharing an originator when the claim names one); otherwise
     bounds group with identical bounds and vague claims with overlapping vague claims, per
     originator (unattributed ones together). "Thousands" (2,000-9,999) does not admit 10,000.

  "Join": a claim with stage planned/done joins only a group of the same stage; a claim with no
  stage may join a group of any stage. So a group never mixes planned and done, and its ``stage``
  is its members' stage ("" when none says).
- Group figures: the *basis* members are the figures (else the bounds, else the vague claims);
  value_best = median of their values; value_low/value_high = their envelope (min low, max high).
  An attached "thousands" never widens a precise group. value_best is NaN only for vague-only groups.
- Conflicts: two groups of the same measure and the same stage ("" compares only with "") whose
  ranges do not overlap and whose publication spans come within ``period_days`` of each other
  (unknown dates always compare). Vague-only groups conflict with nothing. ``kind`` says which:
  ``revision`` (the sides share an originator), ``unattributed`` (a side names none) or
  ``disagreement``.
- Agreement: independent originators stating compatible figures form separate groups (they do
  not trace to one source), but each lists the other's originators in ``corroborated_by``: figure
  groups (not bounds or vague) of the same measure, stage and period whose ranges overlap.
- Status: ``conflicting`` if the group is in any conflict, else ``corroborated`` when
  n_originators >= 2 or ``corroborated_by`` names someone, else ``single-source`` -- which
  includes unattributed groups (n_originators 0, originators "").
- Headline: one row per (indicator, unit, stage). Only groups with a number count; those naming an
  originator are preferred, unattributed ones are a stated fallback. See :func:`headline`.
"""

from __future__ import annotations

import math
import numbers
from collections import defaultdict

import numpy as np
import pandas as pd

from dprkwatch.analysis.policies import DEFAULT_PERIOD_DAYS, POLICIES
from dprkwatch.core import fmt

STATUSES = ("corroborated", "single-source", "conflicting")
CONFLICT_KINDS = ("disagreement", "revision", "unattributed")
SEP = "; "
UNATTRIBUTED = "(unattributed)"

GROUP_COLUMNS = (
    "group_id",
    "indicator",
    "topic",
    "unit",
    "stage",
    "value_best",
    "value_low",
    "value_high",
    "basis",
    "qualifiers",
    "originators",
    "n_originators",
    "corroborated_by",
    "n_documents",
    "n_claims",
    "n_outlets",
    "documents",
    "outlets",
    "languages",
    "first_published",
    "last_published",
    "status",
    "conflicts_with",
    "example",
)
CONFLICT_COLUMNS = (
    "indicator",
    "unit",
    "stage",
    "kind",
    "group_a",
    "value_a",
    "value_low_a",
    "value_high_a",
    "originators_a",
    "n_documents_a",
    "last_published_a",
    "group_b",
    "value_b",
    "value_low_b",
    "value_high_b",
    "originators_b",
    "n_documents_b",
    "last_published_b",
    "note",
)
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
    "n_groups",
    "group_ids",
    "as_of",
    "contested",
    "note",
)

_REQUIRED = (
    "doc_id",
    "indicator",
    "value",
    "value_low",
    "value_high",
    "qualifier",
    "attributed_to",
)
_FIGURE, _BOUND, _VAGUE = 0, 1, 2
_KIND = {"exact": _FIGURE, "approx": _FIGURE, "range": _FIGURE, "at_least": _BOUND}
_KIND |= {"at_most": _BOUND, "vague": _VAGUE}
_KIND_NAME = {_FIGURE: "figure", _BOUND: "bound", _VAGUE: "vague figure"}
_BASIS_NAME = {_FIGURE: "figure", _BOUND: "bound", _VAGUE: "vague"}
_STAGES = ("planned", "done")
_KIND_WHY = {
    "revision": "a revision: the sides share an originator",
    "unattributed": "one side names no source",
    "disagreement": "independent originators disagree",
}


# --------------------------------------------------------------------------- preparation


def _text(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    s = pd.Series(frame[col].to_numpy(dtype=object))
    return s.where(s.notna(), "").astype(str).str.strip().to_numpy(dtype=object)


def _obj(values) -> pd.Series:
    # Plain object columns: pandas 3 would otherwise store Arrow strings, slow to iterate per row.
    return pd.Series(np.asarray(values, dtype=object), dtype=object)


def _days(ts: pd.Series) -> np.ndarray:
    """Publication dates as float days since the epoch (NaN when unknown)."""
    return ((ts - pd.Timestamp(0)).dt.total_seconds() / 86400.0).to_numpy(dtype=float)


def _prepare(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Normalised positional copy of the claims, plus (pos, orig) pairs of originators."""
    missing = [c for c in _REQUIRED if c not in claims.columns]
    if missing:
        raise ValueError(f"claims lack required column(s): {', '.join(missing)}")
    n = len(claims)
    c = pd.DataFrame(index=pd.RangeIndex(n))
    for col in ("doc_id", "indicator", "unit", "topic", "language", "outlet", "claim_en"):
        c[col] = _obj(_text(claims, col))
    c["attributed_to"] = _obj(_text(claims, "attributed_to"))
    stage = np.char.lower(_text(claims, "stage").astype(str)) if n else np.array([], dtype=str)
    c["stage"] = _obj(np.where(np.isin(stage, _STAGES), stage, ""))
    qual = np.char.lower(_text(claims, "qualifier").astype(str)) if n else np.array([], dtype=str)

    value = pd.to_numeric(claims["value"], errors="coerce").to_numpy(dtype=float)
    lo = pd.to_numeric(claims["value_low"], errors="coerce").to_numpy(dtype=float)
    hi = pd.to_numeric(claims["value_high"], errors="coerce").to_numpy(dtype=float)
    lo = np.where(np.isnan(lo), value, lo)
    hi = np.where(np.isnan(hi), value, hi)
    lo, hi = np.fmin(lo, hi), np.fmax(lo, hi)  # tolerate low/high given the wrong way round
    c["qualifier"] = _obj(qual)
    kind = np.array([_KIND.get(q, -1) for q in qual], dtype=np.int64)
    # An unknown qualifier is a figure when it has a number, else vague; no range at all is vague.
    kind = np.where(kind < 0, np.where(np.isnan(value), _VAGUE, _FIGURE), kind)
    kind = np.where(np.isnan(lo) | np.isnan(hi), _VAGUE, kind)
    c["value"], c["lo"], c["hi"], c["kind"] = value, lo, hi, kind

    if "published" in claims.columns:
        pub = pd.to_datetime(pd.Series(claims["published"].to_numpy()), errors="coerce", utc=True)
        c["published"] = pub.dt.tz_localize(None)
    else:
        c["published"] = pd.Series(pd.NaT, index=c.index, dtype="datetime64[ns]")
    c["measure"] = c.groupby(["indicator", "unit"], sort=True).ngroup().to_numpy()

    # Originators per claim, normalised once per distinct attribution string.
    names_of: dict[str, tuple[str, ...]] = {}
    names = []
    for text in c["attributed_to"].tolist():
        if text not in names_of:
            names_of[text] = tuple(sorted({x.strip() for x in text.split(";")} - {""}))
        names.append(names_of[text])
    counts = np.fromiter((len(x) for x in names), dtype=np.int64, count=n)
    pairs = pd.DataFrame(
        {
            "pos": np.repeat(np.arange(n, dtype=np.int64), counts),
            "orig": _obj([o for x in names for o in x]),
        }
    )
    c["origkey"] = _obj([SEP.join(x) for x in names])
    return c, pairs


# --------------------------------------------------------------------------- linking


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving keeps trees flat
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _link(pos: np.ndarray, bucket: np.ndarray, lo: np.ndarray, hi: np.ndarray):
    """Components of items in the same bucket with chained overlapping ranges.

    Rows are (item, bucket) pairs, so an item in several buckets (several originators) bridges
    them. Returns (unique items, component number per item).
    """
    if len(pos) == 0:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    order = np.lexsort((lo, bucket))
    b, low, h, p = bucket[order], lo[order], hi[order], pos[order]
    # Sweep by low end: a row starts a new run when its low exceeds every high so far in the bucket.
    runmax = pd.Series(h).groupby(b).cummax().to_numpy()
    start = np.ones(len(b), dtype=bool)
    start[1:] = (b[1:] != b[:-1]) | (low[1:] > runmax[:-1])
    run = np.cumsum(start) - 1
    items, item_idx = np.unique(p, return_inverse=True)
    first_item = item_idx[start][run]
    uf = _UnionFind(len(items))
    for a, f in zip(item_idx.tolist(), first_item.tolist(), strict=True):
        if a != f:
            uf.union(a, f)
    roots = np.array([uf.find(i) for i in range(len(items))], dtype=np.int64)
    return items, pd.factorize(roots)[0].astype(np.int64)


def _origin_rows(c: pd.DataFrame, pairs: pd.DataFrame, mask: np.ndarray):
    """(pos, orig) rows for the masked claims; unattributed claims get one row with orig ""."""
    pos = np.flatnonzero(mask)
    attributed = pairs[pairs["pos"].isin(pos)]
    bare = pos[c["origkey"].to_numpy()[pos] == ""]
    out_pos = np.concatenate([attributed["pos"].to_numpy(dtype=np.int64), bare])
    out_orig = np.concatenate([attributed["orig"].to_numpy(dtype=object), np.full(len(bare), "")])
    return out_pos, out_orig.astype(object)


def _bucket(*cols) -> np.ndarray:
    frame = pd.DataFrame({f"k{i}": col for i, col in enumerate(cols)})
    return frame.groupby(list(frame.columns), sort=True, dropna=False).ngroup().to_numpy()


def _link_into(labels, c, pairs, mask, *, by_range: bool, next_label: int, exact=False) -> int:
    """Link the masked claims among themselves and give their components fresh labels."""
    pos, orig = _origin_rows(c, pairs, mask)
    if len(pos) == 0:
        return next_label
    keys = [c["measure"].to_numpy()[pos], c["stage"].to_numpy()[pos], orig]
    lo, hi = c["lo"].to_numpy()[pos], c["hi"].to_numpy()[pos]
    if exact:  # identical ranges only: bounds link with the same bound, nothing else
        keys += [lo, hi]
    if not by_range or exact:
        lo, hi = np.zeros(len(pos)), np.zeros(len(pos))
    items, comp = _link(pos, _bucket(*keys), lo, hi)
    labels[items] = comp + next_label
    return next_label + (int(comp.max()) + 1 if len(comp) else 0)


def _group_index(c: pd.DataFrame, pairs: pd.DataFrame, labels: np.ndarray):
    """Per measure: current groups' label, envelope, stage; and (measure, orig) -> labels."""
    assigned = labels >= 0
    df = pd.DataFrame(
        {
            "label": labels[assigned],
            "measure": c["measure"].to_numpy()[assigned],
            "stage": c["stage"].to_numpy()[assigned],
            "lo": c["lo"].to_numpy()[assigned],
            "hi": c["hi"].to_numpy()[assigned],
            "kind": c["kind"].to_numpy()[assigned],
            "value": c["value"].to_numpy()[assigned],
        }
    )
    by_measure: dict[int, tuple] = {}
    by_origin: dict[tuple[int, str], set[int]] = defaultdict(set)
    if df.empty:
        return by_measure, by_origin
    basis = df[df["kind"] == df.groupby("label")["kind"].transform("min")]
    env = basis.groupby("label").agg(
        measure=("measure", "first"), lo=("lo", "min"), hi=("hi", "max"), best=("value", "median")
    )
    staged = df[df["stage"] != ""].groupby("label")["stage"].first()
    env["stage"] = staged.reindex(env.index, fill_value="").astype(object)
    for m, g in env.groupby("measure"):
        by_measure[int(m)] = (
            g.index.to_numpy(),
            g["lo"].to_numpy(),
            g["hi"].to_numpy(),
            g["stage"].to_numpy(dtype=object),
            g["best"].to_numpy(dtype=float),
            {label: i for i, label in enumerate(g.index.tolist())},
        )
    lab_pairs = pairs.assign(label=labels[pairs["pos"].to_numpy()])
    lab_pairs = lab_pairs[lab_pairs["label"] >= 0]
    for (label, orig), m in zip(
        zip(lab_pairs["label"].tolist(), lab_pairs["orig"].tolist(), strict=True),
        c["measure"].to_numpy()[lab_pairs["pos"].to_numpy()].tolist(),
        strict=True,
    ):
        by_origin[(m, orig)].add(label)
    return by_measure, by_origin


def _attach(
    c, pairs, labels, mask, *, need_origin: bool, only_staged: bool = False, contain_best=False
):
    """Join each masked claim to the single compatible overlapping group, if exactly one.

    Returns the candidate count per masked claim (attached where it is 1).
    """
    by_measure, by_origin = _group_index(c, pairs, labels)
    pos = np.flatnonzero(mask)
    counts = np.zeros(len(pos), dtype=np.int64)
    if len(pos) == 0 or not by_measure:
        return counts
    measure = c["measure"].to_numpy()[pos]
    stage = c["stage"].to_numpy()[pos]
    lo, hi = c["lo"].to_numpy()[pos], c["hi"].to_numpy()[pos]
    origkey = c["origkey"].to_numpy()[pos] if need_origin else np.full(len(pos), "", dtype=object)
    # Repetitions share one signature; decide once per signature.
    sig = _bucket(measure, stage, lo, hi, origkey)
    _, first = np.unique(sig, return_index=True)
    decided: dict[int, tuple[int, int]] = {}
    for i in first.tolist():
        groups = by_measure.get(int(measure[i]))
        if groups is None:
            decided[int(sig[i])] = (0, -1)
            continue
        g_label, g_lo, g_hi, g_stage, g_best, position = groups
        ok = (g_lo <= hi[i]) & (g_hi >= lo[i])
        if contain_best:  # a bound or "thousands" must admit the group's figure itself
            ok &= np.isnan(g_best) | ((g_best >= lo[i]) & (g_best <= hi[i]))
        if stage[i]:
            ok &= g_stage == stage[i]
        elif only_staged:
            ok &= g_stage != ""
        if origkey[i]:
            shared: set[int] = set()
            for o in origkey[i].split(SEP):
                shared |= by_origin.get((int(measure[i]), o), set())
            mine = np.zeros(len(g_label), dtype=bool)
            mine[[position[label] for label in shared if label in position]] = True
            ok &= mine
        hits = g_label[ok]
        decided[int(sig[i])] = (len(hits), int(hits[0]) if len(hits) == 1 else -1)
    for j, s in enumerate(sig.tolist()):
        counts[j], target = decided[s]
        if target >= 0:
            labels[pos[j]] = target
    return counts


def _assign(c: pd.DataFrame, pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Group label and the reason for it, per claim (positional)."""
    n = len(c)
    labels = np.full(n, -1, dtype=np.int64)
    reasons = np.full(n, "", dtype=object)
    kind = c["kind"].to_numpy()
    attributed = c["origkey"].to_numpy() != ""
    staged = c["stage"].to_numpy() != ""
    figure = kind == _FIGURE

    def explain(mask, counts, what, *, one, none, many):
        for p, k in zip(np.flatnonzero(mask).tolist(), counts.tolist(), strict=True):
            reasons[p] = (
                f"{what}: {one}"
                if k == 1
                else (f"{what}: {none}" if k == 0 else f"{what}, overlaps {k} groups: {many}")
            )

    linked = "linked to claims sharing a source and an overlapping range"
    nxt = 0
    # Tier 1: named-source figures with a stage.
    t1 = figure & attributed & staged
    nxt = _link_into(labels, c, pairs, t1, by_range=True, next_label=nxt)
    reasons[t1] = f"figure with a source: {linked}"
    # Tier 2: named-source figures without a stage.
    t2 = figure & attributed & ~staged
    counts = _attach(c, pairs, labels, t2, need_origin=True, only_staged=True)
    explain(
        t2,
        counts,
        "figure with a source",
        one="no stage given, joined the one staged group sharing a source and range",
        none=linked,
        many=f"no stage given, so kept with unstaged claims; {linked}",
    )
    nxt = _link_into(labels, c, pairs, t2 & (labels < 0), by_range=True, next_label=nxt)
    # Tier 3: unattributed figures.
    t3 = figure & ~attributed
    counts = _attach(c, pairs, labels, t3, need_origin=False)
    explain(
        t3,
        counts,
        "unattributed figure",
        one="joined the one group whose range overlaps",
        none="overlaps no sourced group; linked to unattributed claims of an overlapping range",
        many="kept apart; linked only to unattributed claims of an overlapping range",
    )
    nxt = _link_into(labels, c, pairs, t3 & (labels < 0), by_range=True, next_label=nxt)
    # Tier 4: bounds and vague claims never bridge; they join only an unambiguous group.
    for k in (_BOUND, _VAGUE):
        t4 = kind == k
        counts = _attach(c, pairs, labels, t4, need_origin=True, contain_best=True)
        explain(
            t4,
            counts,
            _KIND_NAME[k],
            one="joined the one group whose figure it admits (sharing its source, if named)",
            none="admits no group's figure; kept with like claims",
            many="kept apart rather than merge distinct figures",
        )
        nxt = _link_into(
            labels,
            c,
            pairs,
            t4 & (labels < 0),
            by_range=k == _VAGUE,
            exact=k == _BOUND,
            next_label=nxt,
        )
    return labels, reasons


# --------------------------------------------------------------------------- group table


def _joined(labels: np.ndarray, values: np.ndarray, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Sorted distinct non-empty values per label, joined; and their count."""
    df = pd.DataFrame({"label": labels, "v": _obj(values)})
    df = df[df["v"] != ""].drop_duplicates().sort_values(["label", "v"], kind="stable")
    grouped = df.groupby("label")["v"]
    joined = pd.Series(grouped.agg(SEP.join), dtype=object).reindex(index, fill_value="")
    count = grouped.size().reindex(index, fill_value=0).astype(np.int64)
    return joined, count


def _group_table(c: pd.DataFrame, pairs: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    """One row per label (index), unsorted, without status."""
    df = c.assign(label=labels, pos=np.arange(len(c)))
    g = df.groupby("label", sort=True)
    out = g.agg(
        indicator=("indicator", "first"),
        unit=("unit", "first"),
        n_claims=("pos", "size"),
        n_documents=("doc_id", "nunique"),
        first_published=("published", "min"),
        last_published=("published", "max"),
        first_pos=("pos", "min"),
    )
    idx = out.index
    min_kind = g["kind"].min()
    out["basis"] = min_kind.reindex(idx).map(_BASIS_NAME).to_numpy(dtype=object)
    basis = df[df["kind"] == g["kind"].transform("min")]
    bg = basis.groupby("label")
    best = bg["value"].median()
    low = np.fmin(bg["lo"].min(), bg["value"].min())  # value always inside the range it reports
    high = np.fmax(bg["hi"].max(), bg["value"].max())
    out["value_best"] = best.reindex(idx).to_numpy(dtype=float)
    out["value_low"] = low.reindex(idx).to_numpy(dtype=float)
    out["value_high"] = high.reindex(idx).to_numpy(dtype=float)
    # The most frequent topic (ties: alphabetical); counted, not a per-group lambda.
    topic = (
        df[df["topic"] != ""]
        .groupby(["label", "topic"])
        .size()
        .reset_index(name="n")
        .sort_values(["label", "n", "topic"], ascending=[True, False, True])
        .drop_duplicates("label")
        .set_index("label")["topic"]
    )
    out["topic"] = pd.Series(topic, dtype=object).reindex(idx, fill_value="").to_numpy()
    staged = df[df["stage"] != ""].groupby("label")["stage"].first()
    out["stage"] = pd.Series(staged, dtype=object).reindex(idx, fill_value="").to_numpy()
    out["qualifiers"], _ = _joined(labels, df["qualifier"].to_numpy(dtype=object), idx)
    orig_labels = labels[pairs["pos"].to_numpy()]
    out["originators"], out["n_originators"] = _joined(
        orig_labels, pairs["orig"].to_numpy(dtype=object), idx
    )
    out["documents"], _ = _joined(labels, df["doc_id"].to_numpy(dtype=object), idx)
    out["outlets"], out["n_outlets"] = _joined(labels, df["outlet"].to_numpy(dtype=object), idx)
    out["languages"], _ = _joined(labels, df["language"].to_numpy(dtype=object), idx)
    # Example: the earliest-published member's English rendering (row order breaks ties).
    ex = df.sort_values(["published", "pos"], na_position="last", kind="stable")
    out["example"] = ex.groupby("label")["claim_en"].first().reindex(idx).to_numpy(dtype=object)
    return out


# --------------------------------------------------------------------------- public API


def assign_groups(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with ``group_id`` and ``group_reason`` columns added (index and rows kept).

    ``group_reason`` says in a few words why the claim is in its group (see the module rules).
    The ids match those of :func:`group_claims` on the same claims.
    """
    c, pairs = _prepare(claims)
    labels, reasons = _assign(c, pairs)
    ids = _group_ids(_group_table(c, pairs, labels)) if len(c) else pd.Series(dtype=object)
    out = claims.copy()
    out["group_id"] = ids.reindex(labels).to_numpy(dtype=object) if len(c) else []
    out["group_reason"] = reasons
    return out


def _group_ids(table: pd.DataFrame) -> pd.Series:
    """Readable, deterministic ids: ``indicator#k``, k ordered by unit, stage, then value."""
    order = table.sort_values(
        ["indicator", "unit", "stage", "value_best", "value_low", "value_high", "first_pos"],
        na_position="last",
        kind="stable",
    )
    k = order.groupby("indicator").cumcount() + 1
    return (order["indicator"] + "#" + k.astype(str)).astype(object).reindex(table.index)


def group_claims(claims: pd.DataFrame, *, period_days: float = DEFAULT_PERIOD_DAYS) -> pd.DataFrame:
    """One row per claim group (columns ``GROUP_COLUMNS``), with status and conflicts.

    period_days: publication spans further apart than this are different periods, never in
    conflict (see :func:`find_conflicts`).
    """
    _check_period(period_days)
    c, pairs = _prepare(claims)
    if c.empty:
        return _empty(GROUP_COLUMNS)
    labels, _ = _assign(c, pairs)
    table = _group_table(c, pairs, labels)
    table["group_id"] = _group_ids(table)
    table = table.sort_values(["indicator", "first_pos"], kind="stable")
    groups = table.reset_index(drop=True)
    groups["corroborated_by"] = _corroborators(groups, period_days)
    agreed = (groups["n_originators"] >= 2) | (groups["corroborated_by"] != "")
    groups["status"] = np.where(agreed, "corroborated", "single-source")
    groups["conflicts_with"] = ""
    numeric = groups[groups["value_best"].notna()]
    ia, ib = _pairs(numeric.reset_index(drop=True), period_days, overlapping=False)
    if len(ia):
        ids = numeric["group_id"].to_numpy(dtype=object)
        sides = pd.DataFrame(
            {"g": np.concatenate([ids[ia], ids[ib]]), "other": np.concatenate([ids[ib], ids[ia]])}
        )
        others = sides.drop_duplicates().sort_values(["g", "other"]).groupby("g")["other"]
        joined = groups["group_id"].map(others.agg(SEP.join))
        groups["conflicts_with"] = joined.fillna("").astype(object)
        groups.loc[groups["conflicts_with"] != "", "status"] = "conflicting"
    groups = groups.sort_values(
        ["indicator", "unit", "stage", "value_best", "first_pos"], na_position="last", kind="stable"
    )
    return groups[list(GROUP_COLUMNS)].reset_index(drop=True)


def find_conflicts(
    groups: pd.DataFrame, *, period_days: float = DEFAULT_PERIOD_DAYS
) -> pd.DataFrame:
    """One row per pair of conflicting groups (columns ``CONFLICT_COLUMNS``); side a is lower.

    Same indicator, unit and stage; ranges that do not overlap; publication spans within
    period_days of each other (unknown dates compare). ``kind``: revision / unattributed /
    disagreement. Vague-only groups (no value_best) are never in conflict.
    """
    _check_period(period_days)
    if groups.empty:
        return _empty(CONFLICT_COLUMNS)
    g = groups[groups["value_best"].notna()].reset_index(drop=True)
    ia, ib = _pairs(g, period_days, overlapping=False)
    if len(ia) == 0:
        return _empty(CONFLICT_COLUMNS)
    origs = [frozenset(o.split(SEP)) - {""} for o in g["originators"].astype(object).fillna("")]
    lo, hi = g["value_low"].to_numpy(dtype=float), g["value_high"].to_numpy(dtype=float)
    best = g["value_best"].to_numpy(dtype=float)
    swap = (best[ib] < best[ia]) | ((best[ib] == best[ia]) & (lo[ib] < lo[ia]))
    ia, ib = np.where(swap, ib, ia), np.where(swap, ia, ib)

    rows = {"indicator": g["indicator"].to_numpy()[ia], "unit": g["unit"].to_numpy()[ia]}
    rows["stage"] = g["stage"].to_numpy()[ia]
    kinds = []
    for x, y in zip(ia.tolist(), ib.tolist(), strict=True):
        if origs[x] & origs[y]:
            kinds.append("revision")
        elif not origs[x] or not origs[y]:
            kinds.append("unattributed")
        else:
            kinds.append("disagreement")
    rows["kind"] = kinds
    for side, ix in (("a", ia), ("b", ib)):
        rows[f"group_{side}"] = g["group_id"].to_numpy()[ix]
        rows[f"value_{side}"] = best[ix]
        rows[f"value_low_{side}"] = lo[ix]
        rows[f"value_high_{side}"] = hi[ix]
        rows[f"originators_{side}"] = g["originators"].to_numpy()[ix]
        rows[f"n_documents_{side}"] = g["n_documents"].to_numpy()[ix]
        rows[f"last_published_{side}"] = pd.to_datetime(g["last_published"]).to_numpy()[ix]
    out = pd.DataFrame(rows)
    out["note"] = [
        f"{_who(oa)}: {_figure(va, la, ha)} vs {_who(ob)}: {_figure(vb, lb, hb)} ({_KIND_WHY[k]})."
        for oa, va, la, ha, ob, vb, lb, hb, k in zip(
            out["originators_a"],
            out["value_a"],
            out["value_low_a"],
            out["value_high_a"],
            out["originators_b"],
            out["value_b"],
            out["value_low_b"],
            out["value_high_b"],
            out["kind"],
            strict=True,
        )
    ]
    out = out.sort_values(["indicator", "unit", "stage", "group_a", "group_b"], kind="stable")
    return out[list(CONFLICT_COLUMNS)].reset_index(drop=True)


def _pairs(g: pd.DataFrame, period_days: float, *, overlapping: bool):
    """Positions (a < b) of groups in the same measure and stage and the same period whose
    ranges overlap (``overlapping``) or lie apart (not ``overlapping``)."""
    first = _days(pd.to_datetime(g["first_published"]))
    last = _days(pd.to_datetime(g["last_published"]))
    lo, hi = g["value_low"].to_numpy(dtype=float), g["value_high"].to_numpy(dtype=float)
    out_a: list[np.ndarray] = [np.array([], dtype=np.int64)]
    out_b: list[np.ndarray] = [np.array([], dtype=np.int64)]
    for _, block in g.groupby(["indicator", "unit", "stage"], sort=True):
        ix = block.index.to_numpy()
        # Chunk the all-pairs comparison so a large block stays within memory.
        for start in range(0, len(ix), 2048):
            a = ix[start : start + 2048][:, None]
            b = ix[None, :]
            apart = (hi[a] < lo[b]) | (hi[b] < lo[a])
            with np.errstate(invalid="ignore"):
                gap = np.fmax(first[b] - last[a], first[a] - last[b])
            same_period = np.isnan(gap) | (gap <= period_days)
            ai, bi = np.nonzero((~apart if overlapping else apart) & same_period & (a < b))
            out_a.append(a[ai, 0])
            out_b.append(b[0, bi])
    return np.concatenate(out_a), np.concatenate(out_b)


def _corroborators(groups: pd.DataFrame, period_days: float) -> pd.Series:
    """Per group: originators of *other* figure groups that agree (overlap, same period)."""
    result = pd.Series("", index=groups.index, dtype=object)
    g = groups[(groups["basis"] == "figure") & (groups["n_originators"] > 0)]
    if len(g) < 2:
        return result
    index = g.index.to_numpy()
    ia, ib = _pairs(g.reset_index(drop=True), period_days, overlapping=True)
    origs = [set(o.split(SEP)) for o in g["originators"]]
    extra: dict[int, set[str]] = defaultdict(set)
    for x, y in zip(ia.tolist(), ib.tolist(), strict=True):
        extra[x] |= origs[y] - origs[x]
        extra[y] |= origs[x] - origs[y]
    for x, names in extra.items():
        result.loc[index[x]] = SEP.join(sorted(names))
    return result


def headline(
    claims_or_groups: pd.DataFrame,
    policy: str = "conservative",
    *,
    period_days: float = DEFAULT_PERIOD_DAYS,
) -> pd.DataFrame:
    """One headline estimate per (indicator, unit, stage) under ``policy`` (columns ``HEADLINE_COLUMNS``).

    policy: ``conservative`` = lowest best value among groups naming an originator (ACLED-like);
    ``median`` = median over independent originators, one figure each (its latest group, or the
    median of its groups tied on that date);
    ``latest`` = the most recently published group. Groups naming no originator are used only
    when there are no others, and the note says so. value_low/value_high = envelope of the groups
    considered (UCDP-like); sources = the originators behind the value; contested = a considered
    group is in conflict. Accepts claims (grouped first) or the output of :func:`group_claims`.
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; valid policies: {', '.join(POLICIES)}")
    groups = _as_groups(claims_or_groups, period_days)
    if groups.empty:
        return _empty(HEADLINE_COLUMNS)
    rows = [
        _headline_row(block, policy)
        for _, block in groups.groupby(["indicator", "unit", "stage"], sort=True)
    ]
    return pd.DataFrame(rows, columns=list(HEADLINE_COLUMNS))


def who_says_what(claims_or_groups: pd.DataFrame, *, count: str = "groups") -> pd.DataFrame:
    """Originator x indicator matrix of counts, for a heatmap.

    count: ``groups`` (distinct figures each originator stands behind) or ``claims`` (every
    repetition). Unattributed material is the row ``(unattributed)``.
    """
    if count not in ("groups", "claims"):
        raise ValueError(f"unknown count {count!r}; valid: groups, claims")
    if count == "groups":
        table = _as_groups(claims_or_groups, DEFAULT_PERIOD_DAYS)
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
                sorted({o.strip() for o in str(v).split(";")} - {""}) or [UNATTRIBUTED]
                for v in names.fillna("").to_numpy()
            ],
        }
    ).explode("originator")
    matrix = pd.crosstab(long["originator"], long["indicator"])
    matrix.columns.name, matrix.index.name = "indicator", "originator"
    return matrix.astype(np.int64)


# --------------------------------------------------------------------------- helpers


def _check_period(period_days: float) -> None:
    if (
        isinstance(period_days, bool)
        or not isinstance(period_days, numbers.Real)
        or not period_days >= 0
    ):
        raise ValueError(f"period_days must be a number >= 0, got {period_days!r}")


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _is_groups(frame: pd.DataFrame) -> bool:
    return {"group_id", "value_best", "originators"} <= set(frame.columns)


def _as_groups(frame: pd.DataFrame, period_days: float) -> pd.DataFrame:
    return frame if _is_groups(frame) else group_claims(frame, period_days=period_days)


def _fmt(v: float) -> str:
    return fmt.number(v, missing="?")


def _figure(best: float, low: float, high: float) -> str:
    if pd.isna(best):
        return f"an unquantified figure ({_fmt(low)}–{_fmt(high)})"
    if low == high:
        return _fmt(best)
    return f"{_fmt(best)} ({_fmt(low)}–{_fmt(high)})"


def _who(originators: str) -> str:
    if not originators:
        return "an unattributed report"
    names = originators.split(SEP)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _origin_set(frame: pd.DataFrame) -> list[str]:
    names: set[str] = set()
    for o in frame["originators"].fillna(""):
        names |= set(str(o).split(SEP)) - {""}
    return sorted(names)


def _latest_first(frame: pd.DataFrame) -> pd.DataFrame:
    """Most recent first; unknown dates last; ties to the better documented, then the id."""
    return frame.sort_values(
        ["last_published", "n_documents", "group_id"],
        ascending=[False, False, True],
        na_position="last",
        kind="stable",
    )


def _headline_row(block: pd.DataFrame, policy: str) -> dict:
    indicator, unit, stage = (
        block["indicator"].iloc[0],
        block["unit"].iloc[0],
        block["stage"].iloc[0],
    )
    row = {"indicator": indicator, "unit": unit, "stage": stage, "policy": policy}
    numeric = block[block["value_best"].notna()]
    if numeric.empty:
        names = _origin_set(block)
        return row | {
            "value": math.nan,
            "value_low": float(block["value_low"].min()),
            "value_high": float(block["value_high"].max()),
            "sources": SEP.join(names),
            "n_originators": len(names),
            "n_groups": len(block),
            "group_ids": SEP.join(block["group_id"]),
            "as_of": pd.to_datetime(block["last_published"]).max(),
            "contested": False,
            "note": "Only vague figures (such as 'thousands') are reported, so there is no number.",
        }
    attributed = numeric[numeric["n_originators"] > 0]
    fallback = attributed.empty
    pool = numeric if fallback else attributed
    prefix = "No figure names a source, so unattributed ones are used; " if fallback else ""

    if policy == "median" and not fallback:
        per_origin = pool.assign(orig=pool["originators"].str.split(SEP)).explode("orig")
        # One figure per originator: its latest group; groups tied on that date (or all undated)
        # give their median, so no arbitrary tie-break picks one.
        when = pd.to_datetime(per_origin["last_published"])
        newest = when.groupby(per_origin["orig"]).transform("max")
        tied = per_origin[(when == newest) | newest.isna()]
        figures = tied.groupby("orig")["value_best"].median()
        considered = pool[pool["group_id"].isin(tied["group_id"])]
        value = float(figures.median())
        names = sorted(figures.index)
        chosen = considered
        note = (
            f"Median of the latest figures of {_plural(len(names), 'independent originator')} "
            f"({', '.join(names)}); low/high span those figures."
        )
    elif policy == "median":
        considered = chosen = pool
        value = float(pool["value_best"].median())
        names = []
        note = f"Median of {_plural(len(pool), 'figure')}; low/high span them all."
    elif policy == "latest":
        considered = pool
        chosen = _latest_first(pool).head(1)
        value = float(chosen["value_best"].iloc[0])
        names = _origin_set(chosen)
        when = chosen["last_published"].iloc[0]
        when_txt = "date unknown" if pd.isna(when) else pd.Timestamp(when).strftime("%Y-%m-%d")
        note = (
            f"Most recently published of {_plural(len(pool), 'figure')} ({when_txt}, "
            f"{_who(SEP.join(names))}); low/high span all {len(pool)}."
        )
    else:  # conservative
        considered = pool
        chosen = pool.sort_values(
            ["value_best", "n_originators", "group_id"],
            ascending=[True, False, True],
            kind="stable",
        ).head(1)
        value = float(chosen["value_best"].iloc[0])
        names = _origin_set(chosen)
        k = len(_origin_set(pool))
        src = "" if fallback else f" from {_plural(k, 'independent originator')}"
        note = f"Lowest of {_plural(len(pool), 'figure')}{src}; low/high span all {len(pool)}."

    if len(pool) == 1:
        when = pool["last_published"].iloc[0]
        when_txt = "date unknown" if pd.isna(when) else pd.Timestamp(when).strftime("%Y-%m-%d")
        note = f"The only figure ({_who(pool['originators'].iloc[0])}, {when_txt})."
    return row | {
        "value": value,
        "value_low": float(considered["value_low"].min()),
        "value_high": float(considered["value_high"].max()),
        "sources": SEP.join(names),
        "n_originators": len(_origin_set(considered)),
        "n_groups": len(considered),
        "group_ids": SEP.join(chosen["group_id"]),
        "as_of": pd.to_datetime(chosen["last_published"]).max(),
        "contested": bool((considered["status"] == "conflicting").any())
        if "status" in considered
        else False,
        "note": prefix + (note[0].lower() + note[1:] if prefix else note),
    }
