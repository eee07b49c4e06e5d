"""One update's changes, worked out against the store as it was and written as new parts.

A claim keeps its claim_id while its document, indicator, figure span and value stay; it is
written again only when it is new, comes back, or its content (attribution, quote...) changed,
and it is marked gone when its document no longer yields it or the document is gone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dprkwatch.core.errors import InputError
from dprkwatch.store.layout import DOCUMENT_TYPES, digest
from dprkwatch.store.parts import PartWriter, batches
from dprkwatch.store.reader import Store
from dprkwatch.store.summary import UpdateSummary
from dprkwatch.store.work import BatchResult, DocResult

# What a document's row says; a rewrite that says the same is no change of content.
DOCUMENT_CONTENT = (
    "doc_id",
    "language",
    "language_source",
    "outlet",
    "published",
    "title",
    "url",
    "n_chars",
    "encoding",
    "replaced_bytes",
    "content_hash",
    "n_claims",
)
_LATEST = "QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY run DESC) = 1"


class RunState:
    """Accumulates one run's rows (documents, claims, sources) and its counts."""

    def __init__(self, folder: Path, run_id: int, before: Store | None, previous_run: int) -> None:
        self.folder, self.run_id, self.before, self.previous_run = (
            folder,
            run_id,
            before,
            previous_run,
        )
        self.writers = {
            t: PartWriter(folder, t, run_id) for t in ("claims", "documents", "sources")
        }
        self.previous_docs = self._previous_docs()
        self.old_claims = pd.DataFrame(columns=["path", "row_hash", "first_seen_run", "status"])
        self._index_old_claims()
        self.holders = dict(
            zip(self.previous_docs["doc_id"], self.previous_docs.index, strict=True)
        )
        self.gone_ids: list[str] = []
        self.gone_paths: list[str] = []
        self.digests: list[str] = []
        self.counts = {"new": 0, "changed": 0, "touched": 0, "added": 0, "gone": 0, "docs_gone": 0}
        self.skipped: list[InputError] = []
        self.error_rows: list[dict] = []  # the errors table's rows for this run's failures
        self.doc_rows: list[dict] = []  # documents' rows of the batch being taken in
        self.notes: list[str] = []
        self.chars, self.extract_seconds = 0, 0.0

    # --- the store as it was ----------------------------------------------------------------

    def _previous_docs(self) -> pd.DataFrame:
        if self.before is None:
            cols = {c: pd.Series(dtype=object) for c in DOCUMENT_TYPES}
            return pd.DataFrame(cols).set_index("path", drop=False)
        df = self.before.relation("SELECT * FROM documents").df()
        return df.set_index("path", drop=False)

    def load_old_claims(self, keys: list[str]) -> None:
        """The latest row of every claim of these documents (to compare re-extracted ones)."""
        if self.before is None or not keys:
            return
        con = self.before.connection()
        con.register("task_keys", pd.DataFrame({"path": keys}))
        sql = (
            "SELECT claim_id, path, row_hash, first_seen_run, status FROM claims_log "
            f"WHERE path IN (SELECT path FROM task_keys) {_LATEST}"
        )
        self.old_claims = con.sql(sql).df().set_index("claim_id")
        con.unregister("task_keys")
        self._index_old_claims()

    def _index_old_claims(self) -> None:
        """What every batch compares with, built once: a batch only looks up its own rows.

        (Copying and scanning all the old claims per batch made re-extracting a 100,000-document
        store, after the extraction code changed, quadratic: the merging process ran at full
        load while the workers waited.)
        """
        old = self.old_claims
        self.previous = old[["row_hash", "first_seen_run", "status"]].rename(
            columns={"row_hash": "row_hash_old"}
        )
        current = old[old["status"] == "current"]
        self.current_by_path: dict[str, pd.Index] = {
            str(path): ids for path, ids in current.groupby("path").groups.items()
        }

    # --- this run's results -----------------------------------------------------------------

    def add_batch(self, batch: BatchResult) -> None:
        """Take a batch's documents and claims into the run."""
        accepted = []
        stored = self._previous_rows([r.task.key for r in batch.docs])
        for r in batch.docs:
            self.notes += [f"{r.task.file}: {w}" for w in r.warnings]
            if r.outcome == "skipped":
                self._failed(r)
            elif r.outcome == "touched":
                self.counts["touched"] += 1
                self._touch(stored[r.task.key], r)
            elif self._accept(r, stored.get(r.task.key)):
                accepted.append(r.task.key)
        if self.doc_rows:  # one write per batch: a frame per row costs milliseconds each
            self.writers["documents"].write(pd.DataFrame(self.doc_rows))
            self.doc_rows = []
        claims = batch.claims[batch.claims["path"].isin(accepted)]
        self._claims(claims, accepted)
        self.chars += batch.chars
        self.extract_seconds += batch.seconds

    def _previous_rows(self, keys: list[str]) -> dict[str, dict]:
        """The store's rows of these documents, looked up once for the batch (a row at a time
        cost a millisecond each: 3 of 4 CPU-seconds merging 1,000 re-extracted documents)."""
        index = self.previous_docs.index
        present = [k for k in keys if k in index]
        if not present:
            return {}
        rows = self.previous_docs.loc[present].to_dict("index")
        return {str(k): v for k, v in rows.items()}

    def _failed(self, r: DocResult) -> None:
        t = r.task
        for e in r.problems:
            self.skipped.append(e)
            row = {"path": e.path, "stage": e.stage, "reason": e.reason}
            self.error_rows.append(row | {"key": t.key, "size": t.size, "mtime_ns": t.mtime_ns})

    def _accept(self, r: DocResult, old: dict | None) -> bool:
        """Take an extracted document in (old: its row in the store, if any); False on a clash."""
        doc, key = r.document or {}, r.task.key  # accepted results always carry their document
        holder = self.holders.get(doc["doc_id"], key)
        if holder != key:
            reason = f"doc_id {doc['doc_id']!r} clashes with {holder} (file names must be unique without extension)"
            self.skipped.append(InputError(r.task.file, reason, "read"))
            self.error_rows.append({"path": r.task.file, "stage": "read", "reason": reason})
            return False
        self.holders[doc["doc_id"]] = key
        if old is not None and _content(old) == _content(doc):
            self.counts["touched"] += 1
            self._touch(old, r)
            return True
        self.counts["new" if old is None else "changed"] += 1
        first = self.run_id if old is None else int(old["first_seen_run"])
        row = {**doc, "status": "current", "first_seen_run": first, "run": self.run_id}
        self.doc_rows.append(row)
        self.digests.append(digest(key, "current", *_content(doc)))
        return True

    def _touch(self, stored: dict, r: DocResult) -> None:
        """Same content, new size or time: record them so the file is not read again."""
        t = r.task
        row = {**stored, "file": t.file, "size": t.size, "mtime_ns": t.mtime_ns, "run": self.run_id}
        self.doc_rows.append(row)

    def _claims(self, claims: pd.DataFrame, accepted: list[str]) -> None:
        m = self._with_previous(claims)
        added = m["status"].isna() | (m["status"] == "gone")
        rewritten = ~added & (m["row_hash"] != m["row_hash_old"])
        rows = m[added | rewritten].copy()
        rows["first_seen_run"] = rows["first_seen_run"].fillna(self.run_id).astype("int64")
        rows["status"], rows["last_seen_run"], rows["run"] = "current", None, self.run_id
        self.writers["claims"].write(rows)
        self.writers["sources"].write(_sources(rows, self.run_id))
        self.digests += [
            digest(c, h, "current") for c, h in zip(rows["claim_id"], rows["row_hash"], strict=True)
        ]
        self.counts["added"] += int(added.sum())
        mine = [self.current_by_path[p] for p in accepted if p in self.current_by_path]
        if mine:
            ids = mine[0].append(mine[1:]) if len(mine) > 1 else mine[0]
            self.gone_ids += list(ids.difference(pd.Index(claims["claim_id"])))

    def _with_previous(self, claims: pd.DataFrame) -> pd.DataFrame:
        """The batch's claims beside their previous row hash, first run and status.

        A lookup in the old claims' index (its hash table is built once; one row per claim,
        _LATEST), not a join: pandas factorises a join's whole right side again for every batch.
        """
        prev = self.previous
        found = prev.reindex(claims["claim_id"].to_numpy())
        return claims.assign(**{c: found[c].to_numpy() for c in prev.columns})

    def mark_gone(self, keys: list[str]) -> None:
        """Documents no longer in the corpus: they and their claims are gone."""
        if not keys:
            return
        rows = self.previous_docs.loc[keys].copy()
        rows["status"], rows["run"] = "gone", self.run_id
        self.writers["documents"].write(rows.reset_index(drop=True))
        self.digests += [digest(k, "gone") for k in keys]
        self.gone_paths += keys
        self.counts["docs_gone"] += len(keys)

    def _write_gone_claims(self) -> None:
        if self.before is None or not (self.gone_ids or self.gone_paths):
            return
        con = self.before.connection()
        con.register("gone_ids", pd.DataFrame({"claim_id": self.gone_ids}, dtype=object))
        con.register("gone_paths", pd.DataFrame({"path": self.gone_paths}, dtype=object))
        sql = f"""
            SELECT * REPLACE ('gone' AS status, {self.previous_run} AS last_seen_run,
                              {self.run_id} AS run)
            FROM (SELECT * FROM claims_log
                  WHERE path IN (SELECT path FROM gone_paths)
                     OR claim_id IN (SELECT claim_id FROM gone_ids) {_LATEST})
            WHERE status = 'current'"""
        for rows in batches(con.sql(sql)):
            self.writers["claims"].write(rows)
            ids = rows.column("claim_id").to_pylist()
            self.digests += [digest(c, "gone") for c in ids]
            self.counts["gone"] += len(ids)
        con.unregister("gone_ids")
        con.unregister("gone_paths")

    def close(self) -> dict[str, str | None]:
        """Write the gone claims, finish the parts; their names (None where nothing changed)."""
        try:
            self._write_gone_claims()
            return {t: w.close() for t, w in self.writers.items()}
        except BaseException:
            for w in self.writers.values():
                w.abort()
            raise

    def abort(self) -> None:
        for w in self.writers.values():
            w.abort()

    # --- results ----------------------------------------------------------------------------

    def summary(self) -> UpdateSummary:
        """The run in numbers; n_claims is the change in the store's claim count."""
        c = self.counts
        return UpdateSummary(
            run_id=self.run_id,
            version="",
            n_new=c["new"],
            n_changed=c["changed"],
            n_unchanged=c["touched"],
            n_gone=c["docs_gone"],
            n_claims=c["added"] - c["gone"],
            skipped=list(self.skipped),
            chars_extracted=self.chars,
            extract_seconds=self.extract_seconds,
            notes=self.notes,
        )


def _content(row: dict | pd.Series) -> tuple:
    return tuple(_plain(row[c]) for c in DOCUMENT_CONTENT)


def _plain(v: Any) -> object:
    """Comparable values: NaT/NaN/None alike, timestamps as dates, numbers as floats."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, int | float) or hasattr(v, "item"):
        return float(v)
    return str(v)


def _sources(rows: pd.DataFrame, run_id: int) -> pd.DataFrame:
    """One row per claim and originating source it names ("NIS; GUR" is two)."""
    pairs = [
        (cid, s.strip())
        for cid, text in zip(rows["claim_id"], rows["attributed_to"], strict=True)
        for s in str(text).split(";")
        if s.strip()
    ]
    return pd.DataFrame(
        {"claim_id": [p[0] for p in pairs], "source": [p[1] for p in pairs], "run": run_id}
    )
