"""The index's summary: what the corpus holds and what changed in it, read from the store.

The runner computes it once per store version and keeps it in its manifest; the index only
renders it. "What changed" is the latest update that changed any claim (the store's runs and
its first-seen / last-seen records), so a run with nothing new keeps showing the last news.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Say = Callable[[str], None]


def overview(store: Any, warnings: list[str], say: Say) -> dict[str, Any]:
    """JSON-able facts for the index: documents, languages, date range, latest changes."""
    docs = _rows(
        store, "SELECT count(*), min(published), max(published), count(published) FROM documents"
    )[0]
    languages = [
        row[0]
        for row in _rows(
            store,
            "SELECT language, count(*) AS n FROM documents WHERE language <> '' "
            "GROUP BY language ORDER BY n DESC, language",
        )
    ]
    return {
        "store_version": store.version,
        "documents": int(docs[0] or 0),
        "undated": int((docs[0] or 0) - (docs[3] or 0)),
        "published_from": _day(docs[1]),
        "published_to": _day(docs[2]),
        "languages": languages,
        "claims": int(_rows(store, "SELECT count(*) FROM claims")[0][0]),
        "changes": latest_changes(store, say),
        "warnings": list(warnings),
    }


def _rows(store: Any, sql: str) -> list[tuple]:
    return store.relation(sql).fetchall()


def latest_changes(store: Any, say: Say) -> dict[str, Any] | None:
    """New, revised and gone claims of the latest update that changed any, and new conflicts."""
    runs = store.runs()
    if runs.empty:
        return None
    changed = runs[(runs["claims_new"] + runs["claims_revised"] + runs["claims_gone"]) > 0]
    if changed.empty:
        return {"run": None, "first": len(runs) == 1}
    run = changed.iloc[-1]
    changes = store.changes(int(run["run_id"]))
    return {
        "run": int(run["run_id"]),
        "first": int(run["run_id"]) == int(runs["run_id"].min()),
        "when": _day(run["finished"]),
        "new": int((changes["change"] == "new").sum()),
        "revised": int((changes["change"] == "revised").sum()),
        "gone": int((changes["change"] == "gone").sum()),
        "new_conflicts": new_conflicts(store, int(run["run_id"]), say),
    }


CONFLICT_KEY = ["indicator", "unit", "stage", "originators_a", "originators_b"]


def new_conflicts(store: Any, run: int, say: Say) -> int | None:
    """Conflicts between originators that did not conflict before `run` (None: unknown).

    Before the run, the store held the claims seen in the run before it: first seen then or
    earlier, and current then (gone claims keep the last run they were seen in).
    """
    from dprkwatch.analysis import reconcile
    from dprkwatch.analysis.frame import READ

    # What reconciliation reads, and no more (no examples: conflicts need none): every claim
    # with every column held 1.7 GB in the report runner at 1.8 M claims, for the whole run.
    columns = [c for c in READ if c != "claim_en"] + ["status", "first_seen_run", "last_seen_run"]
    every = store.claims(include_gone=True, columns=columns, increment_quotes_only=True)
    now = every[every["status"] == "current"]
    before = every[(every["first_seen_run"] < run) & (every["last_seen_run"] >= run - 1)]
    try:
        found = [_keys(reconcile.conflicts(c)) for c in (now, before)]
    except Exception as exc:  # an analysis bug must not stop the reports; say it
        say(f"new conflicts not counted for the index: {type(exc).__name__}: {exc}")
        return None
    return len(found[0] - found[1])


def _keys(conflicts: Any) -> set[tuple]:
    return {tuple(str(v) for v in row) for row in conflicts[CONFLICT_KEY].itertuples(index=False)}


def _day(value: Any) -> str:
    """An ISO date, or "" for a missing one."""
    if value is None:
        return ""
    try:
        import pandas as pd

        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return ""
    return "" if pd.isna(stamp) else stamp.strftime("%Y-%m-%d")
