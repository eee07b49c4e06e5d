"""The full ledger beside the reports: ledger.parquet and ledger.csv, written from the store.

DuckDB streams the store's current claims straight to each file (no DataFrame of every
claim in memory), into a temporary file that replaces the old one. The report runner writes them
in a process of its own (`export_apart`): sorting 1.8 M claims holds 3 GB in DuckDB, which its
allocator keeps, and the reports run after. In the CSV, a text cell
that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return)
gets a leading apostrophe, OWASP's rule against CSV injection; the Parquet file keeps the
text as it is (no spreadsheet evaluates it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from dprkwatch.core import atomic
from dprkwatch.core.errors import DiskFullError, StoreError
from dprkwatch.core.sql import identifier, literal

FILES = ("ledger.csv", "ledger.parquet")
# Characters that make a spreadsheet cell a formula.
_FORMULA = r"^[=+\-@\t\r]"


def export_ledger(store: Any, out_dir: Path) -> list[Path]:
    """Write OUT/ledger.parquet and OUT/ledger.csv from the store; returns their paths."""
    from dprkwatch.store.reader import CLAIM_COLUMNS

    columns = ", ".join(identifier(c) for c in CLAIM_COLUMNS)
    order = "ORDER BY path, char_start, indicator, claim_id"
    rel = store.relation(f"SELECT {columns} FROM claims LIMIT 0")
    text = {c for c, t in zip(rel.columns, rel.types, strict=True) if str(t) == "VARCHAR"}
    safe = ", ".join(_neutralised(c) if c in text else identifier(c) for c in CLAIM_COLUMNS)
    written = []
    for name, select, options in (
        ("ledger.parquet", f"SELECT {columns} FROM claims {order}", "FORMAT PARQUET"),
        ("ledger.csv", f"SELECT {safe} FROM claims {order}", "FORMAT CSV, HEADER"),
    ):
        target = Path(out_dir) / name
        with atomic.replacing(target) as tmp:
            _copy(store, f"COPY ({select}) TO {literal(tmp)} ({options})", target)
        written.append(target)
    return written


def _copy(store: Any, sql: str, target: Path) -> None:
    """Run DuckDB's COPY; its "no space left" is the suite's DiskFullError."""
    import duckdb

    try:
        store.connection().execute(sql)
    except duckdb.Error as exc:
        if "No space left" in str(exc):
            raise DiskFullError(
                f"{target}: no space left on the device; nothing was written"
            ) from exc
        raise


def _neutralised(column: str) -> str:
    col = identifier(column)
    return (
        f"CASE WHEN regexp_matches({col}, '{_FORMULA}') THEN '''' || {col} ELSE {col} END AS {col}"
    )


def export_apart(store_dir: Path, out_dir: Path) -> None:
    """export_ledger in a child process, its memory given back when it ends."""
    cmd = [sys.executable, "-m", "dprkwatch.reports.export", str(store_dir), str(out_dir)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return
    said = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
    if done.returncode == DiskFullError.exit_code:
        raise DiskFullError(said)
    raise StoreError(f"{store_dir}: the ledger export failed: {said}")


def main(argv: list[str]) -> int:
    """python -m dprkwatch.reports.export STORE OUT: write the ledger files."""
    from dprkwatch.core.memory import give_back_freed_memory
    from dprkwatch.store import open_store

    give_back_freed_memory()
    store_dir, out_dir = argv
    try:
        with open_store(store_dir) as store:
            export_ledger(store, Path(out_dir))
    except DiskFullError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
