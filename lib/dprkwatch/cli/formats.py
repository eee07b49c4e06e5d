"""Output formats shared by the commands that write tables (extract, ledger).

The format is the one asked for, else the one the output file's suffix names, else CSV.
Tables are appended in batches (`TableWriter`), so a ledger of millions of rows never sits in
memory. CSV cells that a spreadsheet would run as a formula are neutralised (OWASP's CSV
injection rule: a cell starting with = + - @, a tab or a carriage return gets a leading
single quote) unless the caller asks for raw CSV.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from dprkwatch.core.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "parquet", "jsonl")
_BY_SUFFIX = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def output_format(fmt: str | None, out: str | None, strict: bool = False) -> str:
    """The format asked for, else the one the output file's suffix names, else CSV.

    strict: an output suffix that names no format (.xlsx, .txt) is a UsageError instead of
    CSV under that name.
    """
    if fmt:
        return fmt
    if not out:
        return "csv"
    suffix = Path(out).suffix.lower()
    if suffix in _BY_SUFFIX or not strict:
        return _BY_SUFFIX.get(suffix, "csv")
    known = ", ".join(sorted(_BY_SUFFIX))
    raise UsageError(
        f"{out}: cannot tell the format from {suffix or 'a name without a suffix'!r}; "
        f"name the file {known} or give --format ({', '.join(FORMATS)})"
    )


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot start a spreadsheet formula (leading single quote)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith("str"):
            out[col] = out[col].map(_cell)
    return out


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class TableWriter:
    """Append table batches to CSV, Parquet (row groups) or JSON lines.

    target: a path (Parquet, or any format: the file is opened here) or an open text handle
    (CSV and JSON lines). raw_csv: write CSV cells as they are (no formula neutralising).
    """

    def __init__(self, target: str | Path | IO[str], fmt: str, raw_csv: bool = False) -> None:
        self.fmt, self.raw_csv = fmt, raw_csv
        self._own = isinstance(target, (str, Path))
        self._path = Path(target) if isinstance(target, (str, Path)) else None
        self._fh: IO[str] | None = None if self._own else target  # type: ignore[assignment]
        self._pq: Any = None
        self._first = True
        self._empty: pd.DataFrame | None = None
        self.rows = 0

    def write(self, df: pd.DataFrame) -> None:
        """Append one batch (the first one writes the CSV header)."""
        if not len(df):
            # An empty batch's text columns have no type yet: written only if nothing else is.
            self._empty = df
            return
        self._append(df)

    def _append(self, df: pd.DataFrame) -> None:
        self.rows += len(df)
        if self.fmt == "parquet":
            self._parquet(df)
        elif self.fmt == "jsonl":
            for rec in df.to_dict("records"):
                self._handle().write(json.dumps(_plain(rec), ensure_ascii=False) + "\n")
        else:
            table = df if self.raw_csv else neutralise(df)
            table.to_csv(self._handle(), index=False, header=self._first, date_format="%Y-%m-%d")
        self._first = False

    def _parquet(self, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=False)
        if self._pq is None:
            self._pq = pq.ParquetWriter(self._path, table.schema)
        self._pq.write_table(table)

    def _handle(self) -> IO[str]:
        if self._fh is None:
            assert self._path is not None
            self._fh = self._path.open("w", encoding="utf-8", newline="")
        return self._fh

    def close(self) -> None:
        """Finish the file (Parquet footer; closes a file this writer opened)."""
        if self._first and self._empty is not None:
            self._append(self._empty)  # no rows at all: the header (or schema) alone
        if self._pq is not None:
            self._pq.close()
        if self._own and self._fh is not None:
            self._fh.close()


def _plain(rec: dict) -> dict:
    """A record as JSON values: dates as ISO days, missing values as null."""
    out = {}
    for key, value in rec.items():
        if hasattr(value, "date") and callable(value.date):
            value = None if value != value else value.date().isoformat()  # NaT != NaT
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, float) and math.isnan(value):
            value = None
        out[key] = value
    return out


def write_table(
    df: pd.DataFrame,
    out: str | None,
    fmt: str,
    *,
    columns: list[str] | None = None,
    raw_csv: bool = False,
    terminal: bool | None = None,
) -> None:
    """Write one table: atomically to `out`, else to standard output.

    On a terminal with no format asked for, the `columns` that matter are printed as an aligned
    table a person can read; piped or redirected, the whole table is CSV (or the format asked).
    """
    import sys

    from dprkwatch.core.atomic import replacing

    if out is None and (terminal if terminal is not None else sys.stdout.isatty()):
        sys.stdout.write(terminal_table(df, columns) + "\n")
        return
    if out is None:
        writer = TableWriter(sys.stdout, fmt, raw_csv)
        writer.write(df)
        writer.close()
        return
    with replacing(out) as tmp:
        writer = TableWriter(tmp, fmt, raw_csv)
        writer.write(df)
        writer.close()


# Widest a text cell may be on a terminal before it is cut (with an ellipsis).
TERMINAL_CELL_CHARS = 60


def terminal_table(df: pd.DataFrame, columns: list[str] | None = None) -> str:
    """`df` as aligned text: numbers as readers write them, long text cut, missing as '–'."""
    from dprkwatch.core import fmt

    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    if not len(df):
        return "(no rows)"
    cells = [[_terminal_cell(v, fmt.number) for v in df[c].tolist()] for c in cols]
    widths = [max(len(c), *(len(v) for v in col)) for c, col in zip(cols, cells, strict=True)]
    numeric = [df[c].dtype.kind in "if" for c in cols]

    def line(values: list[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rows = [line(list(cols)), line(["-" * w for w in widths])]
    rows += [line([col[i] for col in cells]) for i in range(len(df))]
    return "\n".join(rows)


def _terminal_cell(value: Any, number: Any) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return str(number(value))
    if hasattr(value, "date") and callable(value.date):
        return "–" if value != value else value.date().isoformat()
    text = "–" if value is None or value != value else str(value)
    text = " ".join(text.split())
    if len(text) > TERMINAL_CELL_CHARS:
        text = text[: TERMINAL_CELL_CHARS - 1] + "…"
    return text or "–"
