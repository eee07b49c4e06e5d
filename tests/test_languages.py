"""Every language's test rows, dateparser-style: one data file per language, one module for all.

tests/data/lang/<code>.yaml holds the rows (each file's header says what each section means).
Adding a language means a pack (lib/dprkwatch/lang/data/<code>.yaml) and a rows file; nothing here
changes.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from dprkwatch import Document, claims_from_document
from dprkwatch.core.paths import TESTS_DATA_DIR
from dprkwatch.ingest.detect import detect_language
from dprkwatch.lang.segment import split_sentences
from dprkwatch.numbers import currency_of_sum, find_quantities, parse_digits, parse_quantity

ROWS_DIR = TESTS_DATA_DIR / "lang"
SECTIONS = (
    "numbers",
    "not_read_as",
    "quantities",
    "years",
    "not_years",
    "currency",
    "multipliers",
    "sentences",
    "digits",
    "ambiguous",
    "claims",
    "detect",
    "measures",
    "as_of",
)


class _RowsLoader(yaml.SafeLoader):
    """A section given twice is an error (YAML would keep the last and drop the first's rows)."""

    def construct_mapping(self, node, deep=False):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        assert not twice, f"{node.start_mark.name}: given twice: {twice}"
        return super().construct_mapping(node, deep=deep)


def _load(path: Path) -> dict[str, list]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_RowsLoader) or {}
    unknown = set(data) - set(SECTIONS)
    assert not unknown, f"{path.name}: unknown section(s) {sorted(unknown)}"
    return data


FILES = {p.stem: _load(p) for p in sorted(ROWS_DIR.glob("*.yaml"))}


def rows(section: str) -> list:
    """pytest params (lang, *row) of one section over every language, with readable ids."""
    out = []
    for lang, data in FILES.items():
        for i, row in enumerate(data.get(section) or []):
            values = (row["text"], row["expect"]) if isinstance(row, dict) else row
            values = values if isinstance(values, list | tuple) else [values]
            label = str(values[0])[:40]
            out.append(pytest.param(lang, *values, id=f"{lang}-{i}-{label}"))
    return out


def _close(got: float | None, want: float | None) -> bool:
    if want is None or got is None:
        return got is None and want is None
    return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize(("lang", "text", "expected"), rows("numbers"))
def test_number(lang: str, text: str, expected: list | None) -> None:
    q = parse_quantity(text, lang)
    if expected is None:
        assert q is None, f"read {q.value} from {text!r}"
        return
    assert q is not None, f"no figure in {text!r}"
    value, low, high, qualifier = expected
    assert (q.qualifier, q.value is None) == (qualifier, value is None)
    assert _close(q.value, value) and _close(q.low, low) and _close(q.high, high), q


@pytest.mark.parametrize(("lang", "text", "value"), rows("not_read_as"))
def test_not_read_as(lang: str, text: str, value: float) -> None:
    q = parse_quantity(text, lang)
    assert q is None or q.value != value


@pytest.mark.parametrize(("lang", "text", "values"), rows("quantities"))
def test_quantities(lang: str, text: str, values: list[float]) -> None:
    got = [q.value for q in find_quantities(text, lang) if "year" not in q.flags]
    assert got == values


@pytest.mark.parametrize(("lang", "text"), rows("years"))
def test_year(lang: str, text: str) -> None:
    assert "year" in parse_quantity(text, lang).flags


@pytest.mark.parametrize(("lang", "text"), rows("not_years"))
def test_not_year(lang: str, text: str) -> None:
    assert "year" not in parse_quantity(text, lang).flags


@pytest.mark.parametrize(("lang", "text", "expected"), rows("currency"))
def test_currency(lang: str, text: str, expected: list) -> None:
    q = parse_quantity(text, lang)
    assert (q.value, q.qualifier, q.currency) == tuple(expected)


@pytest.mark.parametrize(("lang", "text", "expected"), rows("currency"))
def test_currency_of_a_span(lang: str, text: str, expected: list) -> None:
    """Read from the figure's span alone, past a sign before it or a name after it, as above."""
    q = parse_quantity(text, lang)
    assert currency_of_sum(text, q.start, q.end, lang) == expected[2]


@pytest.mark.parametrize(("lang", "text", "factor"), rows("multipliers"))
def test_multiplier(lang: str, text: str, factor: float) -> None:
    q = parse_quantity(text, lang)
    assert q is not None and (q.kind, q.value) == ("multiplier", factor)


@pytest.mark.parametrize(("lang", "text", "expected"), rows("sentences"))
def test_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text, lang)] == expected


@pytest.mark.parametrize(("lang", "token", "value"), rows("digits"))
def test_digits(lang: str, token: str, value: float) -> None:
    assert parse_digits(token, lang)[0] == value


@pytest.mark.parametrize(("lang", "token", "other"), rows("ambiguous"))
def test_ambiguous_separator(lang: str, token: str, other: float) -> None:
    _, flags, alt = parse_digits(token, lang)
    assert "ambiguous_separator" in flags and alt == other


def _brief(lang: str, text: str) -> list[list[Any]]:
    got = claims_from_document(Document(doc_id="t", path="", text=text, language=lang))
    return [[r["indicator"], r["value"], r["qualifier"], r["attributed_to"]] for r in got]


@pytest.mark.parametrize(("lang", "text", "expected"), rows("claims"))
def test_claims(lang: str, text: str, expected: list[list[Any]]) -> None:
    got = _brief(lang, text)
    assert len(got) == len(expected), got
    for want, have in zip(expected, got, strict=True):
        assert [have[0], have[2], have[3]] == [want[0], want[2], want[3]], got
        assert _close(have[1], want[1]), got


@pytest.mark.parametrize(("lang", "text", "expected"), rows("measures"))
def test_measure(lang: str, text: str, expected: list[str]) -> None:
    got = claims_from_document(Document(doc_id="t", path="", text=text, language=lang))
    assert [r["measure"] for r in got] == expected, got


@pytest.mark.parametrize(("lang", "text", "published", "expected"), rows("as_of"))
def test_as_of(lang: str, text: str, published: dt.date | None, expected: dt.date | None) -> None:
    doc = Document(doc_id="t", path="", text=text, language=lang, published=published)
    got = claims_from_document(doc)
    assert got, f"no claim in {text!r}"
    assert {r["as_of"] for r in got} == {expected}, got


@pytest.mark.parametrize(("lang", "text", "expected"), rows("detect"))
def test_detect(lang: str, text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_every_pack_has_rows() -> None:
    from dprkwatch.lang.packs import available_languages

    missing = [code for code in available_languages() if code not in FILES]
    assert missing == [], f"packs without test rows in {ROWS_DIR}: {missing}"
