"""Claim keys, ledger diffs and snapshots (what changed since the last run)."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dprkwatch.analysis import changes as ch
from dprkwatch.core import paths
from reconcile_helpers import GUR, NIS, approx, claim, ledger

T1 = pd.Timestamp("2025-01-01T08:00", tz="UTC")
T2 = pd.Timestamp("2025-01-08T08:00", tz="UTC")
T3 = pd.Timestamp("2025-01-15T08:00", tz="UTC")

BASE = ledger(
    approx(15000, doc="a", start=10),
    claim(10000, doc="b", start=20, source=GUR),
    claim(None, doc="c", start=30, source=""),  # vague: value NaN must not read as "changed"
)


def test_claim_key_is_stable_and_sensitive_to_place_and_range():
    keys = ch.claim_key(BASE)
    assert keys.is_unique and keys.str.fullmatch(r"[0-9a-f]{16}").all()
    pd.testing.assert_series_equal(keys, ch.claim_key(BASE.copy()))
    as_ints = BASE.assign(char_start=BASE["char_start"].astype("int32"))
    pd.testing.assert_series_equal(keys, ch.claim_key(as_ints))
    moved = BASE.assign(char_start=BASE["char_start"] + 1)
    assert not set(ch.claim_key(moved)) & set(keys)
    # the attribution is not part of the key (a changed attribution is the same claim, changed)
    pd.testing.assert_series_equal(keys, ch.claim_key(BASE.assign(attributed_to="TASS")))
    reindexed = BASE.set_axis(["x", "y", "z"])
    assert list(ch.claim_key(reindexed).index) == ["x", "y", "z"]


@pytest.mark.parametrize(
    ("edit", "fields"),
    [
        ({"value": 16000.0, "value_high": 17000.0}, "value, value_high"),
        ({"attributed_to": f"{NIS}; {GUR}"}, "attributed_to"),
        ({"qualifier": "exact"}, "qualifier"),
        ({"stage": "done"}, "stage"),
    ],
)
def test_diff_reports_changed_claims_with_old_values(edit, fields):
    new = BASE.copy()
    for col, val in edit.items():
        new.loc[0, col] = val
    diff = ch.diff_ledgers(BASE, new)
    assert list(diff["change"]) == ["changed"]
    row = diff.iloc[0]
    assert row["changed_fields"] == fields
    for col, val in edit.items():
        assert row[col] == val
        assert row[f"old_{col}"] == BASE.loc[0, col]


def test_diff_new_gone_and_unchanged():
    new = pd.concat([BASE.iloc[1:], ledger(claim(600, doc="d", indicator="killed"))])
    diff = ch.diff_ledgers(BASE, new)
    assert sorted(zip(diff["change"], diff["doc_id"], strict=True)) == [
        ("gone", "a"),
        ("new", "d"),
    ]
    assert list(diff["change"]) == ["new", "gone"]  # new first, then changed, then gone
    gone = diff.iloc[1]
    assert gone["value"] == gone["old_value"] == 15000  # gone claims show what they were
    assert pd.isna(diff.iloc[0]["old_value"])
    assert ch.diff_ledgers(BASE, BASE.iloc[::-1]).empty


def test_first_run_everything_new(tmp_path):
    changes = ch.record_snapshot(BASE, tmp_path, now=T1)
    assert list(changes["change"]) == ["new"] * 3
    assert (changes["first_seen"] == T1).all() and (changes["last_seen"] == T1).all()
    snap = ch.load_snapshot(tmp_path)
    assert len(snap) == 3 and set(snap["claim_key"]) == set(ch.claim_key(BASE))
    assert (snap["first_seen"] == T1).all()


def test_runs_keep_first_seen_and_move_last_seen(tmp_path):
    ch.record_snapshot(BASE, tmp_path, now=T1)
    assert ch.record_snapshot(BASE, tmp_path, now=T2).empty
    snap = ch.load_snapshot(tmp_path)
    assert (snap["first_seen"] == T1).all() and (snap["last_seen"] == T2).all()

    third = BASE.copy()
    third.loc[0, ["value", "value_low", "value_high"]] = [16000.0, 14400.0, 17600.0]  # revised
    third = pd.concat([third.iloc[[0, 2]], ledger(claim(600, doc="d", indicator="killed"))])
    changes = ch.record_snapshot(third, tmp_path, now=T3).set_index("change")
    assert sorted(changes.index) == ["changed", "gone", "new"]
    assert changes.loc["changed", "first_seen"] == T1  # the claim it replaced was first seen then
    assert changes.loc["changed", "last_seen"] == T3
    assert (changes.loc["gone", "first_seen"], changes.loc["gone", "last_seen"]) == (T1, T2)
    assert changes.loc["new", "first_seen"] == changes.loc["new", "last_seen"] == T3
    snap = ch.load_snapshot(tmp_path).set_index("doc_id")
    assert snap.loc["a", "first_seen"] == T1 and snap.loc["d", "first_seen"] == T3
    assert (snap["last_seen"] == T3).all()
    summary = ch.summarize_changes(changes.reset_index())
    assert set(summary.columns) == {"indicator", "new", "changed", "gone"}
    assert summary["new"].sum() == summary["changed"].sum() == summary["gone"].sum() == 1


def test_snapshot_write_is_atomic(tmp_path, monkeypatch):
    ch.record_snapshot(BASE, tmp_path, now=T1)
    before = (tmp_path / ch.SNAPSHOT_NAME).read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", broken)
    with pytest.raises(OSError, match="disk full"):
        ch.record_snapshot(BASE.iloc[:1], tmp_path, now=T2)
    assert (tmp_path / ch.SNAPSHOT_NAME).read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))


def test_default_state_dir_and_odd_columns(tmp_path, monkeypatch):
    state = tmp_path / "reports" / ".state"
    monkeypatch.setattr(paths, "STATE_DIR", state)
    odd = BASE.assign(flags=[["low_confidence"], "", None])  # lists beside text
    changes = ch.record_snapshot(odd)
    assert len(changes) == 3
    assert (state / ch.SNAPSHOT_NAME).exists()
    assert ch.load_snapshot() is not None
    assert ch.record_snapshot(odd).empty  # naive "now" default; nothing changed


def test_load_snapshot_before_first_run(tmp_path):
    assert ch.load_snapshot(tmp_path / "nowhere") is None


def test_diff_needs_key_columns():
    with pytest.raises(ValueError, match="char_start"):
        ch.claim_key(BASE.drop(columns="char_start"))
