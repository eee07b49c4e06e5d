"""The number engine's pack options for the languages of issue 13, each on a small test pack.

tests/data/number_options/<name>.yaml holds a pack (`pack:`, validated like a real one, never
shipped) and rows in the sections of tests/data/lang/*.yaml: CJK numerals and counters, Indian
grouping, Arabic signs and dual forms, Turkish case endings, dot grouping with Vietnamese,
Indonesian and Polish scale words.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from dprkwatch.core.paths import TESTS_DATA_DIR
from dprkwatch.lang.packs import Lang, base_data
from dprkwatch.lang.schema import validate_pack
from dprkwatch.numbers import find_quantities, parse_digits, parse_quantity

PACKS_DIR = TESTS_DATA_DIR / "number_options"
SECTIONS = ("numbers", "quantities", "not_read_as", "multipliers", "digits")


def _load(path: Path) -> tuple[Lang, dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = set(data) - {"pack", *SECTIONS}
    assert not unknown, f"{path.name}: unknown section(s) {sorted(unknown)}"
    raw = validate_pack(data["pack"], path.name)
    lang = Lang(code=raw["code"], name=raw["name"], raw=raw, base=base_data(), prefix=False)
    return lang, data


PACKS = {p.stem: _load(p) for p in sorted(PACKS_DIR.glob("*.yaml"))}


def rows(section: str) -> list:
    """pytest params (pack name, *row) of one section over every test pack."""
    out = []
    for name, (_, data) in PACKS.items():
        for i, row in enumerate(data.get(section) or []):
            out.append(pytest.param(name, *row, id=f"{name}-{i}-{str(row[0])[:30]}"))
    return out


def _close(got: float | None, want: float | None) -> bool:
    if want is None or got is None:
        return got is None and want is None
    return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize(("pack", "text", "expected"), rows("numbers"))
def test_number(pack: str, text: str, expected: list | None) -> None:
    q = parse_quantity(text, PACKS[pack][0])
    if expected is None:
        assert q is None, f"read {q.value} from {text!r}"
        return
    assert q is not None, f"no figure in {text!r}"
    value, low, high, qualifier = expected
    assert (q.qualifier, q.value is None) == (qualifier, value is None), q
    assert _close(q.value, value) and _close(q.low, low) and _close(q.high, high), q


@pytest.mark.parametrize(("pack", "text", "values"), rows("quantities"))
def test_quantities(pack: str, text: str, values: list[float]) -> None:
    assert [q.value for q in find_quantities(text, PACKS[pack][0])] == values


@pytest.mark.parametrize(("pack", "text", "value"), rows("not_read_as"))
def test_not_read_as(pack: str, text: str, value: float) -> None:
    assert value not in [q.value for q in find_quantities(text, PACKS[pack][0])]


@pytest.mark.parametrize(("pack", "text", "factor"), rows("multipliers"))
def test_multiplier(pack: str, text: str, factor: float) -> None:
    q = parse_quantity(text, PACKS[pack][0])
    assert q is not None and (q.kind, q.value) == ("multiplier", factor)


@pytest.mark.parametrize(("pack", "token", "value"), rows("digits"))
def test_digits(pack: str, token: str, value: float) -> None:
    assert parse_digits(token, PACKS[pack][0])[0] == value


def test_every_option_pack_has_rows() -> None:
    empty = [name for name, (_, data) in PACKS.items() if not data.get("numbers")]
    assert PACKS and not empty, f"test packs without number rows: {empty}"


def test_what_the_reader_had_to_decide_is_flagged() -> None:
    """A reversed range is read low to high and flagged; an unreadable token is split and
    flagged; an ambiguous separator keeps its other reading."""
    (rng,) = find_quantities("between 20,000 and 10,000 troops", "en")
    assert (rng.low, rng.high, rng.qualifier) == (10000, 20000, "range")
    assert "reversed_range" in rng.flags
    split = find_quantities("38.5'12 troops", "en")
    assert [q.value for q in split] == [38.5, 12]
    assert all("split_token" in q.flags for q in split)
    (amb,) = find_quantities("1.000 soldiers", "en")
    assert (amb.value, amb.alt_value) == (1.0, 1000.0) and "ambiguous_separator" in amb.flags
