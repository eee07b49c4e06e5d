"""Checks shared by the table-driven language tests (tests/test_lang_xx.py): one row, one case."""

import pytest

from dprkwatch import Document, claims_from_document
from dprkwatch.numbers import parse_quantity


def assert_number(lang: str, text: str, expected) -> None:
    """expected: (value, low, high, qualifier), value None for magnitude words; None: no figure."""
    q = parse_quantity(text, lang)
    if expected is None:
        assert q is None
        return
    value, low, high, qualifier = expected
    assert q is not None
    assert q.qualifier == qualifier
    assert (q.value is None) if value is None else q.value == pytest.approx(value)
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))


def claims_brief(lang: str, text: str) -> list[tuple]:
    """(indicator, value, qualifier, attributed_to) of each claim read from `text`."""
    rows = claims_from_document(Document(doc_id="t", path="", text=text, language=lang))
    return [(r["indicator"], r["value"], r["qualifier"], r["attributed_to"]) for r in rows]


def assert_claims(lang: str, text: str, expected: list[tuple]) -> None:
    got = claims_brief(lang, text)
    assert len(got) == len(expected), got
    for (ind, val, qual, src), (g_ind, g_val, g_qual, g_src) in zip(expected, got, strict=True):
        assert (g_ind, g_qual, g_src) == (ind, qual, src), got
        assert (g_val is None) if val is None else g_val == pytest.approx(val)
