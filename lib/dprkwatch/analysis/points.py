"""Figure points: each originator's distinct figures, the unit every reconciliation table is built on.

A *series* is what one originator says about one measure: (indicator, unit, stage, measure,
originator), stage being "planned" or "" (done and unstated are one series). A *point* is one
figure of a series: every claim of that originator stating that figure, in any document or
language, at any date, is the same point (first stated at its earliest as_of). So a figure
repeated by a later article is a repetition, not a revision back to it.

- Figures (exact, approx, range) are points by their value.
- Bounds ("more than 10,000") and magnitude words ("thousands") join the one figure point of
  their series whose value they admit; when they admit none or several, they stay points of
  their own (identical bounds together), never bridging two figures.
- An unattributed claim has no originator: its points form the series of originator "", where
  a later figure is not a revision of an earlier one (nobody is known to have revised it).
- Derived totals: an increment whose sentence says it adds to a total ("in addition to the
  11,000", "bringing the total to..." with no total stated after it) is added to the total that
  the same document states before it (or in the same sentence, for a base cue) of the same
  originator; the sum is a point marked derived. Nothing is added across documents.
- Parts: a figure whose every document states a larger one of the same series on the same day
  ("12,000 soldiers, among them 500 officers") is a part (``part_of``): listed, never a
  revision and never the current figure. The first figure of a stated change ("grew from
  11,000 to 14,000", flagged ``earlier`` in the ledger) comes before the second on its day.
- Doubtful figures: one report cutting a running total (troops, casualties, supplies) below
  half of its originator's previous figure is set aside (``doubtful``), never the current
  figure, until a second report states it or a bound of another report admits it.

Every step sorts or groups (no pairwise comparison of claims): O(n log n).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from dprkwatch.analysis import wording
from dprkwatch.analysis.frame import FIGURE, KIND_NAME, VAGUE, Claims
from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.extract.timing import adds_to_total

REASONS = {
    "figure": "the same figure from the same originator",
    "unattributed": "an unattributed figure, kept with the same figure unattributed",
    "attached": "admits exactly one figure of its originator and joins it",
    "alone": "admits no figure of its originator; kept with identical claims",
    "ambiguous": "admits {k} figures of its originator; kept apart rather than merge them",
}


@dataclass
class Points:
    """``table``: one row per point (see module doc); ``members``: (pos, orig, point, basis)."""

    table: pd.DataFrame
    members: pd.DataFrame
    reasons: pd.Series


def build(cl: Claims) -> Points:
    """Every point of the claims, with derived totals, ordered within each series."""
    c = cl.frame
    rows = cl.pairs.copy()
    pos = rows["pos"].to_numpy()
    for col in ("block", "kind", "value", "lo", "hi", "day", "doc_id", "earlier"):
        rows[col] = c[col].to_numpy()[pos]
    rows["sid"] = rows.groupby(["block", "orig"], sort=True).ngroup().to_numpy()
    # An increment or a rate is an event: the same figure on another date is another event.
    event = c["measure"].to_numpy()[pos] != "total"
    reasons = _key_points(rows, event)
    rows["pk_day"] = np.where(event, rows["day"].fillna(np.inf).to_numpy(), -np.inf)
    keys = ["sid", "pk_kind", "pk_lo", "pk_hi", "pk_day"]
    rows["point"] = rows.groupby(keys, sort=True, dropna=False).ngroup()
    rows["basis"] = rows["kind"].to_numpy() == rows["pk_kind"].to_numpy()
    table = _point_table(rows, c)
    table = pd.concat([table, _derived(cl, rows, table)], ignore_index=True)
    table["earlier"] = table["earlier"].fillna(False).astype(bool)
    table["part_of"] = _parts(rows, table)
    table["confirmed"] = _confirmed(rows, table)
    whole = ["point", "sid", "block", "kind", "n_claims", "n_documents", "n_stating", "first_pos"]
    table[whole] = table[whole].astype(np.int64)
    table["derived"] = table["derived"].astype(bool)
    table = order_series(table)
    members = rows[["pos", "orig", "point", "basis"]]
    return Points(table, members, reasons)


def _key_points(rows: pd.DataFrame, event: np.ndarray) -> pd.Series:
    """Set each row's point key (pk_kind, pk_lo, pk_hi); return the reason per claim.

    event: rows of increments and rates, whose bounds stay events of their own.
    """
    kind = rows["kind"].to_numpy()
    figure = kind == FIGURE
    count, target = _admitted(rows, figure)
    named = rows["orig"].to_numpy() != ""
    # Unattributed claims are not one source: a bound joins a named figure or none (groups.py).
    attached = ~figure & (count == 1) & named & ~event
    rows["pk_kind"] = np.where(figure | attached, FIGURE, kind)
    value = rows["value"].to_numpy()
    lo, hi = rows["lo"].to_numpy(), rows["hi"].to_numpy()
    rows["pk_lo"] = np.where(figure, value, np.where(attached, target, lo))
    rows["pk_hi"] = np.where(figure, value, np.where(attached, target, hi))
    code = np.where(
        figure,
        np.where(named, "figure", "unattributed"),
        np.where(attached, "attached", np.where(count == 0, "alone", "ambiguous")),
    )
    # One sentence per distinct (kind, reason, count), not per claim.
    combo = pd.DataFrame({"kind": kind, "code": code, "n": count})
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(combo))
    said = [f"{KIND_NAME[k]}: " + REASONS[r].format(k=n) for k, r, n in uniques]
    text = np.asarray(said, dtype=object)[codes] if len(codes) else np.array([], dtype=object)
    first = ~rows["pos"].duplicated().to_numpy()
    return pd.Series(text[first], index=rows["pos"].to_numpy()[first], dtype=object)


def _admitted(rows: pd.DataFrame, figure: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: how many figure points of its series its range admits, and the one if one."""
    n = len(rows)
    count, target = np.zeros(n, dtype=np.int64), np.full(n, np.nan)
    if not figure.any() or figure.all():
        return count, target
    sid = rows["sid"].to_numpy()
    figs = pd.DataFrame({"sid": sid[figure], "v": rows["value"].to_numpy()[figure]})
    figs = figs.drop_duplicates().sort_values(["sid", "v"])
    values = np.unique(figs["v"].to_numpy())
    width = len(values) + 1
    # Series and value rank in one sortable integer: a search finds a series' figures in a range.
    keys = figs["sid"].to_numpy() * width + np.searchsorted(values, figs["v"].to_numpy())
    other = ~figure
    lo = np.searchsorted(values, rows["lo"].to_numpy()[other], side="left")
    hi = np.searchsorted(values, rows["hi"].to_numpy()[other], side="right")
    start = np.searchsorted(keys, sid[other] * width + lo, side="left")
    stop = np.searchsorted(keys, sid[other] * width + hi, side="left")
    count[other] = np.maximum(stop - start, 0)
    one = count[other] == 1
    found = np.full(other.sum(), np.nan)
    found[one] = figs["v"].to_numpy()[start[one]]
    target[other] = found
    return count, target


def _point_table(rows: pd.DataFrame, c: pd.DataFrame) -> pd.DataFrame:
    """One row per point: its series, figure, dates and how widely it is repeated."""
    # The columns the points need, not a copy of every row's every column (0.1 GB at 1.8 M).
    basis = rows.loc[rows["basis"], ["point", "pos", "value", "lo", "hi", "day", "doc_id"]]
    g = rows.groupby("point", sort=True)
    b = basis.groupby("point", sort=True)
    table = g.agg(
        sid=("sid", "first"),
        block=("block", "first"),
        originator=("orig", "first"),
        kind=("pk_kind", "first"),
        n_claims=("pos", "size"),
        n_documents=("doc_id", "nunique"),
        earlier=("earlier", "all"),
    )
    table["n_stating"] = b["doc_id"].nunique().reindex(table.index).fillna(0).to_numpy()
    table["value"] = b["value"].min().reindex(table.index).to_numpy()
    table["value_low"] = b["lo"].min().reindex(table.index).to_numpy()
    table["value_high"] = b["hi"].max().reindex(table.index).to_numpy()
    table["first_day"] = b["day"].min().reindex(table.index).to_numpy()
    table["last_day"] = b["day"].max().reindex(table.index).to_numpy()
    table["value"] = np.where(table["kind"] == VAGUE, np.nan, table["value"])
    table["qualifiers"] = joined(basis["point"], c["qualifier"].to_numpy()[basis["pos"]], table)
    table["languages"] = joined(rows["point"], c["language"].to_numpy()[rows["pos"]], table)
    table["documents"] = joined(rows["point"], rows["doc_id"].to_numpy(), table)
    table["first_pos"] = _earliest(basis, c).reindex(table.index).to_numpy()
    table["derived"] = False
    table["note_derived"] = ""
    blocks = c.groupby("block", sort=True)[["indicator", "unit", "stage", "measure"]].first()
    table = table.join(blocks, on="block")
    return table.rename_axis("point").reset_index()


def _parts(rows: pd.DataFrame, table: pd.DataFrame) -> np.ndarray:
    """Per point: the larger figure of its series that every document stating it gives on the
    same day (NaN when none). One report's "12,000 soldiers, among them 500 officers and 3
    generals" are a whole and its parts, not two revisions down to 3: a part is never the
    current figure. An ``earlier`` figure ("grew from 11,000 to 14,000") and a bound are no
    whole; a derived total is one."""
    t = table.set_index("point")
    named = (t["kind"] != VAGUE) & t["value"].notna() & (t["originator"] != "")
    named &= (t["measure"] == "total") & ~t["derived"].astype(bool)
    r = rows.loc[rows["basis"], ["point", "doc_id", "day"]].drop_duplicates()
    r = r[named.reindex(r["point"]).fillna(False).to_numpy(dtype=bool)]
    # A derived total ("11,000 ... and another 3,000": 14,000) is a whole of its document and
    # day too, never a part: the stated 11,000 it grew from is the earlier figure.
    sums = t[t["derived"].astype(bool) & t["value"].notna()]
    whole = pd.DataFrame(
        {"point": sums.index, "doc_id": sums["documents"], "day": sums["first_day"]}
    )
    r = pd.concat([r, whole], ignore_index=True)
    if r.empty:
        return np.full(len(table), np.nan)
    point = r["point"].to_numpy()
    value = t["value"].reindex(point).to_numpy()
    earlier = t["earlier"].reindex(point).to_numpy(dtype=bool)
    r = r.assign(sid=t["sid"].reindex(point).to_numpy(), v=value)
    derived = np.isin(point, sums.index)
    # A bound ("up to 14,000") is a part at most, never the whole of a stated figure.
    bound = (t["kind"].reindex(point).to_numpy() != FIGURE) & ~derived
    r["top"] = np.where(earlier | bound, -np.inf, value)
    r["top"] = r.groupby(["sid", "doc_id", "day"], dropna=False)["top"].transform("max")
    r["larger"] = (r["top"] > r["v"]) & ~earlier & ~derived
    per = r.groupby("point").agg(larger=("larger", "all"), top=("top", "min"))
    return per["top"].where(per["larger"]).reindex(table["point"]).to_numpy()


def _confirmed(rows: pd.DataFrame, table: pd.DataFrame) -> np.ndarray:
    """Per point: a figure that a second document states, or that a bound or magnitude word of
    its series from another document admits ("at least 6,000" for 6,500).

    Not the attached bounds of n_documents: whether a bound attaches depends on the series'
    other figures (an older 6,400 it also admits detaches it), and a figure's confirmation must
    not.
    """
    out = table["n_stating"].to_numpy() >= 2
    bounds = rows[(rows["kind"].to_numpy() != FIGURE) & rows["lo"].notna() & rows["hi"].notna()]
    single = (table["kind"] == FIGURE) & table["value"].notna() & ~out
    if bounds.empty or not single.any():
        return out
    pts = table.loc[single, ["point", "sid", "value", "documents"]]
    covering = _covering(bounds, pts["sid"].to_numpy(), pts["value"].to_numpy())
    # The figure's own document admitting it again ("6,500, at least 6,000") is no second one
    # (a derived total's document is its increment's).
    doc = rows.loc[rows["basis"]].drop_duplicates("point").set_index("point")["doc_id"]
    pts = pts.assign(doc_id=pts["point"].map(doc).fillna(pts["documents"]))
    own = pts.merge(bounds[["sid", "doc_id", "lo", "hi"]], on=["sid", "doc_id"])
    own = own[(own["lo"] <= own["value"]) & (own["value"] <= own["hi"])]
    own_n = own.groupby("point").size().reindex(pts["point"]).fillna(0).to_numpy()
    out[np.flatnonzero(single.to_numpy())] = covering > own_n
    return out


def _covering(bounds: pd.DataFrame, sid: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Per (sid, value): how many bound rows of that series have lo <= value <= hi."""
    lo, hi = bounds["lo"].to_numpy(), bounds["hi"].to_numpy()
    values = np.unique(np.concatenate([lo, hi, value]))
    width = len(values) + 1
    # Series and value rank in one sortable integer (as _admitted): a sweep, no pairs.
    b_sid = bounds["sid"].to_numpy()
    key_lo = np.sort(b_sid * width + np.searchsorted(values, lo))
    key_hi = np.sort(b_sid * width + np.searchsorted(values, hi))
    q = sid * width + np.searchsorted(values, value)
    start = sid * width
    at_most = np.searchsorted(key_lo, q, side="right") - np.searchsorted(key_lo, start)
    below = np.searchsorted(key_hi, q, side="left") - np.searchsorted(key_hi, start)
    return at_most - below


def joined(labels: pd.Series, values: np.ndarray, table: pd.DataFrame) -> np.ndarray:
    """Per row of ``table`` (indexed by label): its distinct non-empty values, sorted, joined."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), sort=True)
    names = np.asarray(uniques, dtype=object)
    blank = np.flatnonzero(names == "")
    df = pd.DataFrame({"label": np.asarray(labels, dtype=np.int64), "code": codes})
    df = df[(df["code"] >= 0) & ~df["code"].isin(blank)].drop_duplicates()
    df = df.sort_values(["label", "code"], kind="stable")
    label, text = df["label"].to_numpy(), names[df["code"].to_numpy()].tolist()
    # Sorted by label: each label's values are one slice; join the slices in one pass.
    cuts = np.flatnonzero(np.diff(label)) + 1
    starts, stops = np.r_[0, cuts], np.r_[cuts, len(label)]
    values_of = {
        int(label[a]): wording.SEP.join(text[a:b])
        for a, b in zip(starts.tolist(), stops.tolist(), strict=True)
        if b > a
    }
    return np.array([values_of.get(k, "") for k in table.index.tolist()], dtype=object)


def _earliest(basis: pd.DataFrame, c: pd.DataFrame) -> pd.Series:
    """Per point: the claim first stating it (earliest date, then document and place)."""
    order = pd.DataFrame(
        {
            "point": basis["point"].to_numpy(),
            "day": basis["day"].to_numpy(),
            "doc": basis["doc_id"].to_numpy(),
            "at": c["sentence"].to_numpy()[basis["pos"]],
            "pos": basis["pos"].to_numpy(),
        }
    ).sort_values(["point", "day", "doc", "at", "pos"], na_position="last", kind="stable")
    return order.groupby("point")["pos"].first()


def order_series(table: pd.DataFrame) -> pd.DataFrame:
    """Sort points within each series: dated by first date, undated last; on the same date the
    stronger point last (a figure changed to over its ``earlier`` one, a whole over its parts, a
    figure over a bound, stated over derived, more documents stating it, then lower).

    Adds ``previous_value``, ``previous_day`` and ``change`` (dated, numeric points of named
    totals only), ``doubtful`` (see _doubtful) and ``current`` (the last such point of each named
    total series that is not doubtful).
    """
    t = table.assign(
        _undated=table["first_day"].isna(),
        _figure=table["kind"] == FIGURE,
        _stated=~table["derived"].astype(bool),
        _neg=-table["value"].fillna(np.inf),
        _late=np.where(table["earlier"], 0, np.where(table["part_of"].notna(), 1, 2)),
    )
    keys = ["sid", "_undated", "first_day", "_late", "_figure", "_stated", "n_stating", "_neg"]
    helpers = ["_undated", "_late", "_figure", "_stated", "_neg"]
    t = t.sort_values(keys, kind="stable").drop(columns=helpers)
    t = t.reset_index(drop=True)
    t["order"] = t.groupby("sid").cumcount()
    numeric = t["value"].notna() & t["first_day"].notna() & (t["originator"] != "")
    numeric &= (t["measure"] == "total") & t["part_of"].isna()
    t["doubtful"] = _doubtful(t, numeric)
    ok = numeric & ~t["doubtful"]
    # Each figure's previous one: the series' last trusted figure before it (for a doubtful
    # figure too, the one it falls from).
    t["previous_value"] = _last_before(t["value"].where(ok), t["sid"]).where(numeric)
    t["previous_day"] = _last_before(t["first_day"].where(ok), t["sid"]).where(numeric)
    t["change"] = (t["value"] - t["previous_value"]).where(ok)
    last = t[ok].groupby("sid").tail(1).index
    t["current"] = False
    t.loc[last, "current"] = True
    return t


# A running total (ledger.yaml `running`) that one report cuts below this share of its
# originator's previous figure is doubtful: a misread figure or another quantity far more often
# than a true collapse ("lowered from 13,000 to 1,100"). A second report stating it confirms it.
DOUBTFUL_SHARE = 0.5
DOUBTFUL_ROUNDS = 5  # a doubtful figure set aside changes the previous figure of the next ones


def _doubtful(t: pd.DataFrame, numeric: pd.Series) -> pd.Series:
    """Per ordered point: a running total's figure that no second document confirms
    (_confirmed), whose whole range lies below DOUBTFUL_SHARE of the series' previous trusted
    figure."""
    running = {k for k, v in vocabulary().indicators.items() if v.running}
    cand = numeric & t["indicator"].isin(running) & ~t["confirmed"].astype(bool)
    out = pd.Series(False, index=t.index)
    for _ in range(DOUBTFUL_ROUNDS):
        ref = _last_before(t["value"].where(numeric & ~out), t["sid"])
        new = cand & ~out & (t["value_high"] < DOUBTFUL_SHARE * ref)
        if not new.any():
            break
        out |= new
    return out


def _last_before(values: pd.Series, sid: pd.Series) -> pd.Series:
    """Per row of series-ordered points: the last non-missing value before it in its series."""
    return values.groupby(sid).shift(1).groupby(sid).ffill()


def _derived(cl: Claims, rows: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Totals the text adds up: an increment plus the total its document states before it."""
    c, src = cl.frame, cl.source
    if "quote" not in src.columns:
        return table.iloc[:0]
    measure, kind = c["measure"].to_numpy()[rows["pos"]], rows["kind"].to_numpy()
    increment = (measure == "increment") & (kind == FIGURE) & (rows["orig"].to_numpy() != "")
    # Only totals of documents that state such an increment: copying all 1.6 M totals' rows to
    # merge them held 0.3 GB.
    docs = rows["doc_id"]
    total = (measure == "total") & (kind != VAGUE) & docs.isin(set(docs[increment])).to_numpy()
    keys = ["doc_id", "orig", "indicator", "unit", "stage"]
    inc, totals = (_in_series(rows[mask], c, keys[2:]) for mask in (increment, total))
    # Only an increment whose document states a total of the same series can add to one.
    pairs = inc.merge(totals, on=keys, suffixes=("", "_t"))
    if pairs.empty:
        return table.iloc[:0]
    cues = _cues(src["quote"], c["language"].to_numpy(), pairs["pos"])
    # Only increments whose words add them to a total are grouped (iterating every pair's group
    # took 30 s at 1.8 M claims).
    pairs = pairs[pairs["pos"].map(cues).astype(bool)]
    out: list[dict] = []
    for (key, _), cands in pairs.groupby(["pos", "orig"], sort=True):
        pos = cast(int, key)
        base = _base(c, pos, cues[pos], cands)
        if base is not None:
            out.append(_derived_point(c, cands.iloc[0], base, table, len(out)))
    return pd.DataFrame(out, columns=table.columns) if out else table.iloc[:0]


def _in_series(rows: pd.DataFrame, c: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """``rows`` with their claims' ``cols`` (the series' keys) beside them."""
    pos = rows["pos"].to_numpy()
    return rows.assign(**{k: c[k].to_numpy()[pos] for k in cols})


def _cues(quotes: pd.Series, language: np.ndarray, positions: pd.Series) -> dict[int, str]:
    """Per increment position: the words adding it to a total ('' when none), read once per
    distinct quote and language."""
    seen: dict[tuple[str, str], str] = {}
    cues = {}
    at = positions.unique()
    # Only these quotes become Python strings (all 1.8 M of them: 0.3 GB that stays allocated).
    text = quotes.iloc[at].to_numpy(dtype=object)
    for pos, quote in zip(at.tolist(), text.tolist(), strict=True):
        key = (str(quote), str(language[pos]))
        if key not in seen:
            seen[key] = adds_to_total(*key)
        cues[pos] = seen[key]
    return cues


def _base(c: pd.DataFrame, pos: int, cue: str, cands: pd.DataFrame) -> pd.Series | None:
    """The total an increment adds to, among its document's totals of the same series (``cands``:
    one row per total, its columns suffixed _t), when the text says so and does not itself state
    the sum."""
    sentence, at = c["sentence"].to_numpy(), c["at"].to_numpy()
    s, a = sentence[pos], at[pos]
    ms, ma = sentence[cands["pos_t"]], at[cands["pos_t"]]
    here = ms == s
    after = here & ~(ma < a)  # unknown positions count as after: the sum may be stated
    if cue == "result" and after.any():
        return None  # "bringing the total to 14,000": the sum is a stated claim of its own
    if cue == "base" and here.any():
        pick = np.flatnonzero(here)[np.argmin(np.abs(np.nan_to_num(ma[here] - a)))]
    else:
        before = np.flatnonzero((ms < s) | (here & (ma < a)))
        if not len(before):
            return None
        pick = before[np.lexsort((ma[before], ms[before]))[-1]]
    t = cands.iloc[pick]
    return pd.Series(
        {k: t[f"{k}_t"] for k in ("pos", "sid", "block", "kind", "value", "lo", "hi", "day")}
    )


def _derived_point(c: pd.DataFrame, inc, base, table: pd.DataFrame, k: int) -> dict:
    """The point for base + increment, in the base's series, dated as the increment."""
    value = base.value + inc.value
    pos, base_pos = int(inc.pos), int(base.pos)
    note = (
        f"Derived: {wording.whose(inc.orig)} {wording.number(base.value)} "
        f"({wording.day(base.day)}) plus {wording.number(inc.value)} more "
        f"({wording.day(inc.day)}), as the text adds them: {wording.number(value)}."
    )
    row: dict[str, Any] = dict.fromkeys(table.columns, np.nan)
    row |= {
        "point": len(table) + k,
        "sid": int(base.sid),
        "block": int(base.block),
        "originator": inc.orig,
        "kind": int(base.kind),
        "n_claims": 2,
        "n_documents": 1,
        "n_stating": 1,
        "value": value,
        "value_low": base.lo + c["lo"].iat[pos],
        "value_high": base.hi + c["hi"].iat[pos],
        "first_day": inc.day,
        "last_day": inc.day,
        "qualifiers": "derived",
        "languages": c["language"].iat[pos],
        "documents": inc.doc_id,
        "first_pos": pos,
        "derived": True,
        "note_derived": note,
    }
    for col in ("indicator", "unit", "stage", "measure"):
        row[col] = c[col].iat[base_pos]
    return row
