"""Output formats shared by the commands that write tables (extract, ledger)."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("csv", "parquet", "jsonl")
_BY_SUFFIX = {".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def output_format(fmt: str | None, out: str | None) -> str:
    """The format asked for, else the one the output file's suffix names, else CSV."""
    if fmt:
        return fmt
    return _BY_SUFFIX.get(Path(out).suffix.lower(), "csv") if out else "csv"
