"""Keep the number of parts small: merge the newest ones now and then, drop what nobody reads.

A table with more than MAX_PARTS parts has its newest parts merged into one, keeping only the
latest row of each key (size-tiered: the newest parts that together are smaller than the part
before them, so a big base part is rewritten only once the small ones have caught up with it).
It runs at the start of an update, before the update's own parts exist, so `changes()` of the
newest run stays exact; older runs' changes lose the rows that later runs superseded.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import duckdb

from dprkwatch.core.sql import literals
from dprkwatch.store.layout import PARTS, Manifest, part_path
from dprkwatch.store.parts import PartWriter, batches

MAX_PARTS = 12
# Rows kept when parts merge: the latest per key (a newer run's row supersedes the older).
_MERGE_SQL = {
    "claims": "QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY run DESC) = 1",
    "documents": "QUALIFY row_number() OVER (PARTITION BY path ORDER BY run DESC) = 1",
    "sources": "QUALIFY run = max(run) OVER (PARTITION BY claim_id)",
    "runs": "",
}


def compact(folder: Path, manifest: Manifest) -> Manifest:
    """The manifest with over-long tables merged; `retired` names the parts merged away."""
    parts = {t: list(v) for t, v in manifest.parts.items()}
    retired: list[str] = []
    for table, names in parts.items():
        if table not in _MERGE_SQL or len(names) <= MAX_PARTS:
            continue
        k = _newest_to_merge([part_path(folder, n).stat().st_size for n in names])
        chosen = names[-k:]
        merged = _merge(folder, table, chosen, manifest.run_id)
        parts[table] = names[:-k] + ([merged] if merged else [])
        retired += chosen
    return Manifest(**{**manifest.__dict__, "parts": parts, "retired": retired})


def _newest_to_merge(sizes: list[int]) -> int:
    """How many of the newest parts to merge: those smaller together than the one before."""
    for i in range(1, len(sizes) - 1):
        if sum(sizes[i:]) < sizes[i - 1]:
            return len(sizes) - i
    return len(sizes)


def _merge(folder: Path, table: str, names: list[str], run_id: int) -> str | None:
    files = literals(part_path(folder, n) for n in names)
    sql = f"SELECT * FROM read_parquet([{files}]) {_MERGE_SQL[table]}"
    writer = PartWriter(folder, table, run_id)
    con = duckdb.connect()
    try:
        for rows in batches(con.sql(sql)):
            writer.write(rows)
        return writer.close()
    except BaseException:
        writer.abort()
        raise
    finally:
        con.close()


def remove_leftovers(folder: Path, manifest: Manifest) -> None:
    """Delete files in parts/ that no manifest names (a stopped update's temporary files)."""
    named = set(manifest.all_parts())
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder / PARTS):
            if entry.name not in named:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


def remove_retired(folder: Path, previous: Manifest) -> None:
    """Delete the parts the previous update merged away (readers of it have had a full run)."""
    for name in previous.retired:
        with contextlib.suppress(FileNotFoundError):
            part_path(folder, name).unlink()
