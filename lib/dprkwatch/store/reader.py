"""Read a ledger store: DuckDB views over the parts its manifest names, pandas for what is shown.

Views on the store's connection (`store.relation(sql)` queries them):
  claims, claims_all (with gone ones), documents, documents_all, sources, runs, errors,
  and the raw logs claims_log, documents_log, sources_log.
A Store reads the manifest once: it is a consistent snapshot even while an update runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dprkwatch.core import paths
from dprkwatch.core.errors import StoreError
from dprkwatch.core.sql import literals
from dprkwatch.store.layout import (
    CLAIM_STATE_COLUMNS,
    DOCUMENT_TYPES,
    Manifest,
    manifest_path,
    part_path,
    read_manifest,
    schema,
)


def claim_columns() -> list[str]:
    """Columns of store.claims(): the ledger's, then the store's (claim_id ... status)."""
    from dprkwatch.ledger import COLUMNS, EXTRA_COLUMNS  # pandera loads only when needed

    return [*COLUMNS, *EXTRA_COLUMNS, *CLAIM_STATE_COLUMNS]


def __getattr__(name: str) -> list[str]:
    if name == "CLAIM_COLUMNS":  # a constant to readers, computed on first use
        return claim_columns()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DOCUMENT_COLUMNS = [c for c in DOCUMENT_TYPES if c not in ("run",)] + ["mtime"]
CHANGE_COLUMNS = [
    "change",
    "claim_id",
    "old_claim_id",
    "path",
    "doc_id",
    "language",
    "published",
    "indicator",
    "value",
    "value_low",
    "value_high",
    "qualifier",
    "unit",
    "attributed_to",
    "claim_en",
    "quote",
    "old_value",
    "old_value_low",
    "old_value_high",
    "old_qualifier",
    "old_attributed_to",
    "first_seen_run",
    "last_seen_run",
]


def has_store(store_dir: str | Path | None = None) -> bool:
    """Whether `store_dir` (default paths.STORE_DIR) holds a store (its manifest)."""
    folder = Path(store_dir) if store_dir is not None else paths.STORE_DIR
    return manifest_path(folder).is_file()


def open_store(store_dir: str | Path | None = None) -> Store:
    """The store in `store_dir` (default paths.STORE_DIR), read-only; StoreError if unusable."""
    folder = Path(store_dir) if store_dir is not None else paths.STORE_DIR
    manifest = read_manifest(folder)
    if manifest is None:
        raise StoreError(f"{folder}: no ledger store here (run `dprkwatch update` first)")
    for name in (p for t, names in manifest.parts.items() for p in names):
        if not part_path(folder, name).is_file():
            raise StoreError(f"{folder}: part {name} named by the manifest is missing")
    return Store(folder, manifest)


class Store:
    """A read-only snapshot of a ledger store (see the module's docstring for its views)."""

    def __init__(self, folder: Path, manifest: Manifest) -> None:
        self.path = folder
        self.manifest = manifest
        self._con: duckdb.DuckDBPyConnection | None = None

    @property
    def version(self) -> str:
        """Changes exactly when the store's content (claims, documents' metadata) changed."""
        return self.manifest.version

    @property
    def run_id(self) -> int:
        return self.manifest.run_id

    def __repr__(self) -> str:
        m = self.manifest
        return f"<Store {self.path} run {m.run_id} version {m.version}: {m.n_documents} documents, {m.n_claims} claims>"

    # --- queries ----------------------------------------------------------------------------

    def relation(self, sql: str, params: list | None = None) -> duckdb.DuckDBPyRelation:
        """A DuckDB relation for `sql` over the store's views (bounded queries stay in DuckDB)."""
        con = self.connection()
        return con.sql(sql, params=params) if params else con.sql(sql)

    def claims(
        self,
        languages: tuple[str, ...] | list[str] = (),
        published_from: Any = None,
        published_to: Any = None,
        indicators: tuple[str, ...] | list[str] = (),
        topic: str | None = None,
        include_gone: bool = False,
        columns: list[str] | tuple[str, ...] | None = None,
        increment_quotes_only: bool = False,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> pd.DataFrame:
        """Claims (ledger columns + claim_id, path, first/last seen run, status), filtered.

        columns: only these (in this order), for a caller that needs a few of a large store.
        increment_quotes_only: quotes of increments only, empty elsewhere (what reconciliation
        reads of them: whether an increment adds to a total), a fraction of the memory.
        limit: at most this many claims, whichever the store reads first (a sample to warm up
        code on), or with newest_first the newest (by as_of, else published; undated last).
        """
        where, params = _filters(languages, published_from, published_to, indicators, topic)
        view = "claims_all" if include_gone else "claims"
        wanted = list(columns) if columns is not None else claim_columns()
        unknown = [c for c in wanted if c not in claim_columns()]
        if unknown:
            raise StoreError(f"{self.path}: claims have no column {', '.join(unknown)}")
        keys = [k for k in _CLAIM_ORDER if k not in wanted]
        selected = [
            _INCREMENT_QUOTE if c == "quote" and increment_quotes_only else c for c in wanted + keys
        ]
        sql = f"SELECT {', '.join(selected)} FROM {view} {where}"
        if newest_first:
            sql += " ORDER BY coalesce(as_of, published) DESC NULLS LAST, path, char_start"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return _claims_dtypes(frame(self.relation(sql, params), order=_CLAIM_ORDER, drop=keys))

    def count_claims(self, **filters: Any) -> int:
        """How many claims Store.claims would give, counted in DuckDB.

        filters: Store.claims's (languages, published_from, published_to, indicators, topic).
        """
        where, params = _filters(**filters)
        (count,) = self.relation(f"SELECT count(*) FROM claims {where}", params).fetchall()[0]
        return int(count)

    def documents(
        self,
        languages: tuple[str, ...] | list[str] = (),
        published_from: Any = None,
        published_to: Any = None,
        include_gone: bool = False,
    ) -> pd.DataFrame:
        """Documents' metadata (never their text), one row per document."""
        where, params = _filters(languages, published_from, published_to, (), None)
        view = "documents_all" if include_gone else "documents"
        cols = ", ".join(c for c in DOCUMENT_COLUMNS if c != "mtime")
        sql = (
            f"SELECT {cols}, make_timestamp(mtime_ns // 1000) AS mtime FROM {view} {where} "
            "ORDER BY path"
        )
        df = frame(self.relation(sql, params))
        df["published"] = pd.to_datetime(df["published"]).astype("datetime64[ns]")
        return df

    def sources(self) -> pd.DataFrame:
        """One row per current claim and originating source it names (claim_id, source)."""
        return frame(
            self.relation("SELECT claim_id, source FROM sources ORDER BY claim_id, source")
        )

    def errors(self) -> pd.DataFrame:
        """Documents the last update skipped: path, stage, reason."""
        return self.relation("SELECT path, stage, reason FROM errors ORDER BY path").df()

    def runs(self) -> pd.DataFrame:
        """One row per update: when, what it found, the version it left."""
        return self.relation("SELECT * FROM runs ORDER BY run_id").df()

    def changes(self, run_id: int | None = None) -> pd.DataFrame:
        """Claims new, revised or gone in a run (default: the last) against the run before.

        revised: a claim replaced at the same place (document, indicator, figure start) by
        one with another value, or rewritten with other content (attribution, qualifier).
        """
        run = self.run_id if run_id is None else int(run_id)
        df = frame(self.relation(_CHANGES_SQL, [run] * 4))
        df["published"] = pd.to_datetime(df["published"]).astype("datetime64[ns]")
        return df[CHANGE_COLUMNS]

    def change_counts(self, run_id: int | None = None) -> dict[str, int]:
        """How many claims a run made new, revised and gone (counted in DuckDB)."""
        run = self.run_id if run_id is None else int(run_id)
        sql = f"SELECT change, count(*) AS n FROM ({_CHANGES_SQL}) GROUP BY change"
        found = dict(self.relation(sql, [run] * 4).fetchall())
        return {c: int(found.get(c, 0)) for c in ("new", "revised", "gone")}

    # --- connection -------------------------------------------------------------------------

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The store's DuckDB connection (in memory, views over the parts)."""
        if self._con is None:
            self._con = _connect(self.path, self.manifest)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(folder: Path, manifest: Manifest) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    # Memory DuckDB frees goes back to the system while a report runs, not only when DuckDB
    # allocates again (its allocator kept ~1 GB of a 0.4 GB result at 1.77 M claims).
    con.execute("SET allocator_background_threads = true")
    try:
        for table in ("claims", "documents", "sources", "runs", "errors"):
            names = manifest.parts.get(table, [])
            _log_view(con, folder, table, names)
            if table in ("claims", "documents"):
                _log_view(con, folder, table, names[:1], "_base")
                _log_view(con, folder, table, names[1:], "_newer")
        for table, key in (("claims", "claim_id"), ("documents", "path")):
            con.execute(_LATEST_VIEW.format(table=table, key=key))
        run = int(manifest.run_id)
        con.execute(_VIEWS_SQL.replace("$RUN", str(run)))
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{folder}: cannot read the store's parts: {exc}") from exc
    return con


def _log_view(
    con: duckdb.DuckDBPyConnection, folder: Path, table: str, names: list[str], suffix: str = "_log"
) -> None:
    if not names:
        con.register(f"{table}_empty", pa.Table.from_batches([], schema=schema(table)))
        con.execute(f"CREATE VIEW {table}{suffix} AS SELECT * FROM {table}_empty")
        return
    files = literals(part_path(folder, n) for n in names)
    con.execute(f"CREATE VIEW {table}{suffix} AS SELECT * FROM read_parquet([{files}])")


# The latest row of each key. A part holds one row per key (an update writes a claim or a
# document once; compaction keeps the latest), so the oldest part, the large base the others
# grow on, needs no window: its rows stand unless a newer part has the key. The window runs over
# the small newer parts only, and filters (topic, language, dates) reach the base part's scan:
# ranking the whole log for every query held every column of every claim (1.8 GB peak for one
# topic's 0.4 GB at 1.77 M claims).
_LATEST_VIEW = """
CREATE VIEW {table}_latest AS
  SELECT * FROM {table}_newer
  QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY run DESC) = 1
  UNION ALL
  SELECT * FROM {table}_base b
  WHERE NOT EXISTS (SELECT 1 FROM {table}_newer n WHERE n.{key} = b.{key});
"""


_VIEWS_SQL = """
CREATE VIEW claims_all AS
  SELECT * REPLACE (CASE WHEN status = 'current' THEN $RUN ELSE last_seen_run END AS last_seen_run)
  FROM claims_latest;
CREATE VIEW claims AS SELECT * FROM claims_all WHERE status = 'current';
CREATE VIEW documents_all AS SELECT * FROM documents_latest;
CREATE VIEW documents AS SELECT * FROM documents_all WHERE status = 'current';
CREATE VIEW sources AS
  SELECT s.claim_id, s.source FROM sources_log s JOIN claims c USING (claim_id)
  WHERE s.run = c.run;
CREATE VIEW runs AS SELECT * FROM runs_log;
CREATE VIEW errors AS SELECT * FROM errors_log;
"""

# Rows a run wrote: new claims, gone claims, claims rewritten with the same identity. A new and
# a gone claim at the same place are one revision.
_CHANGES_SQL = """
WITH written AS (SELECT * FROM claims_log WHERE run = ?),
before AS (
  SELECT * FROM claims_log WHERE run < ? AND claim_id IN (SELECT claim_id FROM written)
  QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY run DESC) = 1),
added AS (
  SELECT w.* FROM written w LEFT JOIN before b USING (claim_id)
  WHERE w.status = 'current' AND (b.claim_id IS NULL OR b.status = 'gone')),
removed AS (SELECT * FROM written WHERE status = 'gone'),
rewritten AS (
  SELECT w.*, b.value AS old_value, b.value_low AS old_value_low, b.value_high AS old_value_high,
         b.qualifier AS old_qualifier, b.attributed_to AS old_attributed_to
  FROM written w JOIN before b USING (claim_id)
  WHERE w.status = 'current' AND b.status = 'current'),
paired AS (
  SELECT
    CASE WHEN a.claim_id IS NULL THEN 'gone' WHEN g.claim_id IS NULL THEN 'new' ELSE 'revised' END
      AS change,
    coalesce(a.claim_id, g.claim_id) AS claim_id,
    CASE WHEN a.claim_id IS NOT NULL THEN g.claim_id END AS old_claim_id,
    coalesce(a.path, g.path) AS path, coalesce(a.doc_id, g.doc_id) AS doc_id,
    coalesce(a.language, g.language) AS language, coalesce(a.published, g.published) AS published,
    coalesce(a.indicator, g.indicator) AS indicator,
    coalesce(a.value, g.value) AS value, coalesce(a.value_low, g.value_low) AS value_low,
    coalesce(a.value_high, g.value_high) AS value_high,
    coalesce(a.qualifier, g.qualifier) AS qualifier, coalesce(a.unit, g.unit) AS unit,
    coalesce(a.attributed_to, g.attributed_to) AS attributed_to,
    coalesce(a.claim_en, g.claim_en) AS claim_en, coalesce(a.quote, g.quote) AS quote,
    CASE WHEN a.claim_id IS NOT NULL THEN g.value END AS old_value,
    CASE WHEN a.claim_id IS NOT NULL THEN g.value_low END AS old_value_low,
    CASE WHEN a.claim_id IS NOT NULL THEN g.value_high END AS old_value_high,
    CASE WHEN a.claim_id IS NOT NULL THEN g.qualifier END AS old_qualifier,
    CASE WHEN a.claim_id IS NOT NULL THEN g.attributed_to END AS old_attributed_to,
    coalesce(a.first_seen_run, g.first_seen_run) AS first_seen_run,
    CASE WHEN a.claim_id IS NULL THEN g.last_seen_run ELSE ? END AS last_seen_run,
    coalesce(a.figure_start, g.figure_start) AS figure_start
  FROM added a FULL OUTER JOIN removed g
    ON a.path = g.path AND a.indicator = g.indicator AND a.figure_start = g.figure_start)
SELECT * FROM paired
UNION ALL
SELECT 'revised', claim_id, NULL, path, doc_id, language, published, indicator, value, value_low,
       value_high, qualifier, unit, attributed_to, claim_en, quote, old_value, old_value_low,
       old_value_high, old_qualifier, old_attributed_to, first_seen_run, ?, figure_start
FROM rewritten
ORDER BY change, path, figure_start, indicator, claim_id
"""


_CLAIM_ORDER = ("path", "char_start", "indicator", "claim_id")
_INCREMENT_QUOTE = "CASE WHEN lower(measure) = 'increment' THEN quote END AS quote"


def frame(
    relation: duckdb.DuckDBPyRelation, order: Sequence[str] = (), drop: Sequence[str] = ()
) -> pd.DataFrame:
    """A query's rows as pandas through Arrow, its buffers freed as they convert (the peak is
    about one copy of the rows, not two).

    order: sort by these columns (ascending, nulls last, as DuckDB's ORDER BY) in Arrow, one
    column at a time: DuckDB's ORDER BY holds every column of the result while it sorts (1.2 GB
    peak for 0.44 GB of claims; 0.8 GB this way). drop: columns read only to sort by.
    """
    table = relation.to_arrow_table()
    if order:
        index = pc.sort_indices(table, [(k, "ascending", "at_end") for k in order])
        names, columns = table.column_names, table.columns
        del table
        sorted_columns = []
        for i in range(len(columns)):
            sorted_columns.append(columns[i].take(index))
            columns[i] = None  # this column's buffers go before the next one is copied
        table = pa.table(sorted_columns, names=names).drop_columns(list(drop))
    return table.to_pandas(split_blocks=True, self_destruct=True)


def _filters(
    languages: Any = (),
    published_from: Any = None,
    published_to: Any = None,
    indicators: Any = (),
    topic: str | None = None,
) -> tuple[str, list]:
    clauses: list[str] = []
    params: list[object] = []
    if languages:
        clauses.append("language IN (SELECT unnest(?))")
        params.append(list(languages))
    if indicators:
        clauses.append("indicator IN (SELECT unnest(?))")
        params.append(list(indicators))
    if topic:
        clauses.append("topic = ?")
        params.append(topic)
    if published_from is not None:
        clauses.append("published >= ?")
        params.append(_timestamp(published_from))
    if published_to is not None:
        clauses.append("published <= ?")
        params.append(_timestamp(published_to))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _timestamp(value: Any) -> dt.datetime:
    return pd.Timestamp(value).to_pydatetime().replace(tzinfo=None)


def _claims_dtypes(df: pd.DataFrame) -> pd.DataFrame:
    """The dtypes ledger.claims_frame gives (a store's claims validate like a fresh ledger)."""
    for col in ("published", "as_of"):
        if col in df.columns:
            df[col] = pd.to_datetime(df[col]).astype("datetime64[ns]")
    for col in ("char_start", "char_end", "figure_start", "figure_end"):
        if col in df.columns:
            df[col] = df[col].astype("int64")
    return df
