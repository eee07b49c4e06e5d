"""What the store knows of each corpus file, read without pandas: enough to decide what to open.

A no-change update of a large corpus is a directory scan and these two queries.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import duckdb

from dprkwatch.core.sql import literals
from dprkwatch.store.layout import Manifest, part_path


class Known(NamedTuple):
    """A file as the store last saw it (a tuple: 100,000 of them are made in a blink)."""

    size: int
    mtime_ns: int
    content_hash: str = ""
    stage: str = ""  # for a file skipped last time: where it failed, and why
    reason: str = ""


def _files(folder: Path, names: list[str]) -> str:
    return literals(part_path(folder, n) for n in names)


def known_documents(folder: Path, manifest: Manifest) -> dict[str, Known]:
    """key -> size, time and content hash of every current document."""
    if not manifest.parts.get("documents"):
        return {}
    sql = (
        "SELECT path, size, mtime_ns, content_hash FROM read_parquet(["
        + _files(folder, manifest.parts["documents"])
        + "]) QUALIFY row_number() OVER (PARTITION BY path ORDER BY run DESC) = 1 "
        "AND status = 'current'"
    )
    with duckdb.connect() as con:
        return {row[0]: Known(*row[1:]) for row in con.sql(sql).fetchall()}


def known_failures(folder: Path, manifest: Manifest) -> dict[str, Known]:
    """key -> size, time, stage and reason of the files the last update could not use."""
    if not manifest.parts.get("errors"):
        return {}
    sql = (
        "SELECT key, size, mtime_ns, stage, reason FROM read_parquet(["
        + _files(folder, manifest.parts["errors"])
        + "]) WHERE key IS NOT NULL"
    )
    with duckdb.connect() as con:
        return {k: Known(s, m, "", st, r) for k, s, m, st, r in con.sql(sql).fetchall()}
