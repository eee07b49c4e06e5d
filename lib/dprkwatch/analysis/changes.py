"""What changed since the last run: stable claim keys, ledger diffs, snapshots with first/last seen.

A claim is *the same claim* across runs when it sits at the same place: doc_id + indicator +
char_start (plus its order there, should one place hold two claims of an indicator). It is
``changed`` when any of ``COMPARED_COLUMNS`` differs there, ``new`` or ``gone`` when only one run
has it. ``claim_key`` additionally hashes the range, so a changed figure gets a new key; its
first_seen is carried over from the claim it replaced.

Each run writes the ledger as a Parquet snapshot in a state folder (default
``dprkwatch.core.paths.STATE_DIR``, beside the reports, not in git), atomically (temporary file, then
``os.replace``) and under a file lock, with ``claim_key``, ``first_seen`` and ``last_seen``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dprkwatch.core import atomic

SNAPSHOT_NAME = "claims_snapshot.parquet"
KEY_COLUMNS = ("doc_id", "indicator", "value_low", "value_high", "char_start")
PLACE_COLUMNS = ("doc_id", "indicator", "char_start")
COMPARED_COLUMNS = ("value", "value_low", "value_high", "qualifier", "attributed_to", "stage")
CONTEXT_COLUMNS = ("language", "topic", "unit", "claim_en", "outlet", "title", "url", "published")
CHANGES = ("new", "changed", "gone")
CHANGE_COLUMNS = (
    "change",
    "claim_key",
    *PLACE_COLUMNS,
    *COMPARED_COLUMNS,
    *(f"old_{c}" for c in COMPARED_COLUMNS),
    "changed_fields",
    *CONTEXT_COLUMNS,
    "first_seen",
    "last_seen",
)


def _key_part(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, int | float | np.integer | np.floating):
        return repr(float(v))  # 15000 and 15000.0 are one key
    return str(v)


def claim_key(df: pd.DataFrame) -> pd.Series:
    """Stable key per claim: hash of doc_id, indicator, value_low, value_high, char_start."""
    missing = [c for c in KEY_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"claims lack key column(s): {', '.join(missing)}")
    cols = [df[c].to_numpy(dtype=object) for c in KEY_COLUMNS]
    keys = [
        hashlib.sha1("\x1f".join(_key_part(v) for v in row).encode()).hexdigest()[:16]
        for row in zip(*cols, strict=True)
    ]
    return pd.Series(keys, index=df.index, name="claim_key", dtype=object)


def _utc(values) -> pd.Series:
    """Timestamps as UTC at one resolution (runs may have written seconds or nanoseconds)."""
    return pd.to_datetime(pd.Series(values), utc=True, errors="coerce").dt.as_unit("us")


def _comparable(s: pd.Series) -> pd.Series:
    """Values comparable across runs: numbers as floats, text stripped, missing as ''."""
    num = pd.to_numeric(s, errors="coerce")
    if s.notna().sum() and num.notna().sum() == s.notna().sum():
        return num.astype(float).round(9).astype(object).where(num.notna(), "")
    return pd.Series([_key_part(v).strip() for v in s.to_numpy(dtype=object)], index=s.index)


def _with_place(df: pd.DataFrame) -> pd.DataFrame:
    out = df.reset_index(drop=True).copy()
    for c in KEY_COLUMNS:
        if c not in out.columns:
            raise ValueError(f"claims lack key column: {c}")
    out["claim_key"] = claim_key(out)
    out["_start"] = pd.to_numeric(out["char_start"], errors="coerce").fillna(-1).astype(np.int64)
    out["_doc"] = out["doc_id"].astype(object).fillna("").astype(str)
    out["_ind"] = out["indicator"].astype(object).fillna("").astype(str)
    out = out.sort_values(["_doc", "_ind", "_start", "value_low", "value_high"], kind="stable")
    out["_nth"] = out.groupby(["_doc", "_ind", "_start"]).cumcount()
    return out


def diff_ledgers(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Claims new, changed or gone from ``old`` to ``new`` (columns ``CHANGE_COLUMNS``).

    Values shown are the new ones (the old ones for gone claims); ``old_*`` hold the previous
    values of changed and gone claims (empty for new ones); ``changed_fields`` names what moved. first_seen/last_seen come
    from the inputs when they have them (the old side for gone and changed claims).
    """
    a, b = _with_place(old), _with_place(new)
    place = ["_doc", "_ind", "_start", "_nth"]
    m = a.merge(b, on=place, how="outer", suffixes=("_old", ""), indicator=True)
    only_new = (m["_merge"] == "right_only").to_numpy()
    only_old = (m["_merge"] == "left_only").to_numpy()

    def col(frame_col: str) -> pd.Series:
        return m[frame_col] if frame_col in m.columns else pd.Series(pd.NA, index=m.index)

    def side(c: str, *, old: bool) -> pd.Series:
        # Column c exists in both (suffixed "_old" on the old side) or in one only.
        if c in a.columns and c in b.columns:
            return col(f"{c}_old" if old else c)
        present = a.columns if old else b.columns
        return col(c) if c in present else pd.Series(pd.NA, index=m.index)

    differs = pd.DataFrame(index=m.index)
    for c in COMPARED_COLUMNS:
        differs[c] = _comparable(side(c, old=True)) != _comparable(side(c, old=False))
    both = ~only_new & ~only_old
    changed = both & differs.any(axis=1).to_numpy()

    out = pd.DataFrame(index=m.index)
    out["change"] = np.select([only_new, only_old, changed], ["new", "gone", "changed"], "")
    for c in ("claim_key", *KEY_COLUMNS, *COMPARED_COLUMNS, *CONTEXT_COLUMNS):
        if c in out.columns:
            continue
        new_v, old_v = side(c, old=False), side(c, old=True)
        out[c] = new_v.where(~pd.Series(only_old, index=m.index), old_v)
    for c in COMPARED_COLUMNS:
        out[f"old_{c}"] = side(c, old=True).where(pd.Series(changed | only_old, index=m.index))
    out["changed_fields"] = [
        ", ".join(c for c in COMPARED_COLUMNS if flags[c]) if is_changed else ""
        for is_changed, (_, flags) in zip(changed, differs.iterrows(), strict=True)
    ]
    for c in ("first_seen", "last_seen"):
        new_v, old_v = side(c, old=False), side(c, old=True)
        out[c] = new_v.where(pd.Series(only_new, index=m.index), old_v)
        out[c] = _utc(out[c])
    out = out[out["change"] != ""]
    out["_order"] = out["change"].map({c: i for i, c in enumerate(CHANGES)})
    out = out.sort_values(["_order", "doc_id", "indicator", "char_start"], kind="stable")
    return out[[c for c in CHANGE_COLUMNS if c in out.columns]].reset_index(drop=True)


def summarize_changes(changes: pd.DataFrame) -> pd.DataFrame:
    """Counts of new/changed/gone claims per indicator (columns: indicator, new, changed, gone)."""
    if changes.empty:
        return pd.DataFrame(columns=["indicator", *CHANGES])
    table = pd.crosstab(changes["indicator"], changes["change"])
    table = table.reindex(columns=list(CHANGES), fill_value=0)
    return table.rename_axis(None, axis=1).reset_index()


def snapshot_path(state_dir: str | os.PathLike | None = None) -> Path:
    """Where the snapshot lives (``state_dir`` defaults to ``dprkwatch.core.paths.STATE_DIR``)."""
    if state_dir is None:
        from dprkwatch.core import paths

        state_dir = paths.STATE_DIR
    return Path(state_dir) / SNAPSHOT_NAME


def load_snapshot(state_dir: str | os.PathLike | None = None) -> pd.DataFrame | None:
    """The last snapshot written by :func:`record_snapshot`, or None before the first run."""
    path = snapshot_path(state_dir)
    if not path.exists():
        return None
    return pq.read_table(path).to_pandas()


def _to_arrow(df: pd.DataFrame) -> pa.Table:
    try:
        return pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        # Mixed Python objects (e.g. flags as lists in some rows, text in others): store as JSON text.
        fixed = df.copy()
        for c in [c for c in fixed.columns if pd.api.types.is_object_dtype(fixed[c])]:
            fixed[c] = [
                v if v is None or isinstance(v, str) else json.dumps(v, default=str)
                for v in fixed[c].to_numpy(dtype=object)
            ]
        return pa.Table.from_pandas(fixed, preserve_index=False)


def _write_atomic(table: pa.Table, path: Path) -> None:
    with atomic.replacing(path) as tmp:  # readers see the old snapshot or the new one
        pq.write_table(table, tmp)


@contextlib.contextmanager
def _locked(path: Path):
    try:
        from filelock import FileLock
    except ImportError:  # the lock only guards concurrent runs; a lone run is safe without it
        yield
        return
    with FileLock(str(path) + ".lock", timeout=60):
        yield


def record_snapshot(
    claims: pd.DataFrame,
    state_dir: str | os.PathLike | None = None,
    now: pd.Timestamp | str | None = None,
) -> pd.DataFrame:
    """Diff ``claims`` against the last snapshot, save them as the new one, return the changes.

    state_dir: folder of the snapshot (default ``dprkwatch.core.paths.STATE_DIR``); created if missing.
    now: the run's timestamp (default: the current UTC time). On the first run every claim is new.
    Unchanged claims keep their first_seen; changed ones keep the first_seen of the claim they
    replace; every current claim gets last_seen = now. Gone claims keep their old dates.
    """
    path = snapshot_path(state_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = pd.Timestamp.now(tz="UTC") if now is None else pd.Timestamp(now)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    stamp = stamp.as_unit("us")

    with _locked(path):
        previous = load_snapshot(path.parent)
        if previous is None:
            previous = pd.DataFrame({c: pd.Series(dtype=object) for c in KEY_COLUMNS})
            previous["first_seen"] = pd.Series(dtype="datetime64[ns, UTC]")
        current = claims.reset_index(drop=True).drop(
            columns=["claim_key", "first_seen", "last_seen"], errors="ignore"
        )
        changes = diff_ledgers(previous, current)

        current["claim_key"] = claim_key(current)
        # first_seen by key: unchanged claims keep theirs, changed ones inherit the old claim's.
        old_first = previous.get("first_seen", pd.Series(pd.NaT, index=previous.index))
        first = pd.Series(
            _utc(old_first).to_numpy(),
            index=claim_key(previous).to_numpy(),
        )
        moved = changes.loc[changes["change"] == "changed", ["claim_key", "first_seen"]]
        carried = pd.Series(moved["first_seen"].to_numpy(), index=moved["claim_key"].to_numpy())
        first = pd.concat([first, carried])
        first = first[~first.index.duplicated(keep="last")].dropna()
        current["first_seen"] = current["claim_key"].map(first)
        current["first_seen"] = _utc(current["first_seen"]).fillna(stamp)
        current["last_seen"] = _utc(pd.Series(stamp, index=current.index))
        _write_atomic(_to_arrow(current), path)

    is_new = changes["change"] == "new"
    current_now = changes["change"] != "gone"
    changes.loc[is_new, "first_seen"] = stamp
    changes.loc[current_now, "last_seen"] = stamp
    return changes
