"""SQL text from values: whatever a path or pattern holds, DuckDB reads back the same value."""

from __future__ import annotations

import duckdb
from hypothesis import given
from hypothesis import strategies as st

from dprkwatch.core.sql import identifier, literal, literals

# DuckDB strings cannot hold NUL; everything else (quotes, braces, newlines, any script) can.
CON = duckdb.connect()
TEXT = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))


@given(TEXT)
def test_literal_round_trips(value: str) -> None:
    assert CON.execute(f"SELECT {literal(value)}").fetchone() == (value,)


@given(st.lists(TEXT, min_size=1, max_size=5))
def test_literals_round_trip_as_a_list(values: list[str]) -> None:
    assert CON.execute(f"SELECT [{literals(values)}]").fetchone() == (values,)


@given(TEXT.filter(lambda s: s.strip() != ""))
def test_identifier_names_the_column(name: str) -> None:
    got = CON.execute(f"SELECT 1 AS {identifier(name)}")
    assert [d[0] for d in got.description] == [name]


def test_a_quote_in_a_path_is_not_the_end_of_the_literal() -> None:
    assert literal("/data/O'Brien's corpus") == "'/data/O''Brien''s corpus'"
