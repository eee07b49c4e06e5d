"""SQL text built from values: DuckDB string literals and quoted identifiers, in one place.

Paths (a store folder may hold a quote: "O'Brien's corpus"), language codes and search patterns
are written into SQL that DuckDB cannot take as parameters (COPY targets, read_parquet lists,
view definitions); quoting them anywhere else is how injection and broken paths creep in.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike


def literal(value: str | PathLike[str]) -> str:
    """A SQL string literal: 'O''Brien'."""
    return "'" + str(value).replace("'", "''") + "'"


def literals(values: Iterable[str | PathLike[str]]) -> str:
    """Comma-separated literals, for IN (...) and read_parquet([...])."""
    return ", ".join(literal(v) for v in values)


def identifier(name: str) -> str:
    """A quoted identifier: "value_low", "odd""name"."""
    return '"' + name.replace('"', '""') + '"'
