"""Write a table's part: rows streamed into one Parquet file that appears only when complete."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from dprkwatch.core import atomic
from dprkwatch.core.sql import literal
from dprkwatch.store.layout import new_part_name, part_path, schema

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

# Rows per Parquet row group: big enough for fast scans, small enough to stream.
ROW_GROUP_ROWS = 50_000


def to_arrow(table: str, df: pd.DataFrame) -> pa.Table:
    """A frame as the table's Arrow schema (columns it lacks are null)."""
    sch = schema(table)
    arrays = []
    for f in sch:
        if f.name in df.columns:
            arrays.append(pa.array(df[f.name], type=f.type, from_pandas=True))
        else:
            arrays.append(pa.nulls(len(df), type=f.type))
    return pa.Table.from_arrays(arrays, schema=sch)


class PartWriter:
    """Rows of one table for one run; `close()` names the finished part (None if no rows)."""

    def __init__(self, store_dir: Path, table: str, run_id: int) -> None:
        self.store_dir, self.table, self.run_id = store_dir, table, run_id
        self.name = new_part_name(table, run_id)
        self.rows = 0
        self._stack = contextlib.ExitStack()
        self._writer: pq.ParquetWriter | None = None
        self._buffer: list[pa.Table] = []
        self._buffered = 0

    def write(self, rows: pd.DataFrame | pa.Table) -> None:
        """Add rows (a frame in the table's columns, or an Arrow table of its schema)."""
        table = rows if isinstance(rows, pa.Table) else to_arrow(self.table, rows)
        if not table.num_rows:
            return
        self._buffer.append(table.cast(schema(self.table)))
        self._buffered += table.num_rows
        self.rows += table.num_rows
        if self._buffered >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        if self._writer is None:
            tmp = self._stack.enter_context(atomic.replacing(part_path(self.store_dir, self.name)))
            self._writer = self._stack.enter_context(
                pq.ParquetWriter(tmp, schema(self.table), compression="zstd")
            )
        self._writer.write_table(pa.concat_tables(self._buffer), row_group_size=ROW_GROUP_ROWS)
        self._buffer, self._buffered = [], 0

    def close(self) -> str | None:
        """Finish the part (it appears under its name); None when no row was written."""
        if not self.rows:
            self._stack.close()
            return None
        self._flush()
        self._stack.close()
        return self.name

    def abort(self) -> None:
        """Drop what was written (the temporary file goes; no part appears)."""
        with contextlib.suppress(Exception):
            self._stack.__exit__(RuntimeError, RuntimeError("aborted"), None)


def write_part(
    store_dir: Path, table: str, run_id: int, rows: pd.DataFrame | pa.Table
) -> str | None:
    """Write rows as one new part of `table`; its name, or None when there are no rows."""
    writer = PartWriter(store_dir, table, run_id)
    try:
        writer.write(rows)
        return writer.close()
    except BaseException:
        writer.abort()
        raise


def batches(relation: duckdb.DuckDBPyRelation, rows: int = ROW_GROUP_ROWS) -> Iterator[pa.Table]:
    """A DuckDB query's rows as Arrow tables of at most `rows` rows (memory stays bounded)."""
    for batch in relation.to_arrow_reader(batch_size=rows):
        yield pa.Table.from_batches([batch])


# Arrow types of the small tables, as DuckDB writes them.
_SQL_TYPES = {
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.string(): "VARCHAR",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
    pa.timestamp("ns"): "TIMESTAMP_NS",
}


def write_rows(store_dir: Path, table: str, run_id: int, rows: list[dict]) -> str | None:
    """A small part (a run's row, its errors) written by DuckDB: pyarrow would load pandas,
    half a second an update with nothing to read cannot spare. None when there are no rows."""
    import duckdb

    if not rows:
        return None
    fields = list(schema(table))
    one = "(" + ", ".join(f"CAST(? AS {_SQL_TYPES[f.type]})" for f in fields) + ")"
    names = ", ".join(f.name for f in fields)
    params = [row.get(f.name) for row in rows for f in fields]
    name = new_part_name(table, run_id)
    with atomic.replacing(part_path(store_dir, name)) as tmp, duckdb.connect() as con:
        select = f"SELECT * FROM (VALUES {', '.join([one] * len(rows))}) AS t({names})"
        con.execute(f"COPY ({select}) TO {literal(tmp)} (FORMAT parquet, COMPRESSION zstd)", params)
    return name
