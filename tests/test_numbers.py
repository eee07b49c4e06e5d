"""Number reading, one (lang, text, expected) row per case, dateparser-style.

expected = (value, low, high, qualifier); value None for magnitude words.
"""

import math

import pytest

from dprkwatch.numbers import find_quantities, parse_digits, parse_quantity

NUMBER_CASES = [
    # --- English ---------------------------------------------------------------------
    ("en", "12,000 workers", (12000, 12000, 12000, "exact")),
    ("en", "$2.5 per hour", (2.5, 2.5, 2.5, "exact")),
    ("en", "about 15,000 troops", (15000, 13500, 16500, "approx")),
    ("en", "some 10,000 soldiers", (10000, 9000, 11000, "approx")),
    ("en", "nearly 3,000 soldiers", (3000, 2700, 3000, "approx")),
    ("en", "at least 12 hours a day", (12, 12, 18, "at_least")),
    ("en", "more than 4,000 wounded", (4000, 4000, 6000, "at_least")),
    ("en", "over 24 missiles", (24, 24, 36, "at_least")),
    ("en", "up to 12,000 soldiers", (12000, 6000, 12000, "at_most")),
    ("en", "11,000–12,000 troops", (11500, 11000, 12000, "range")),
    ("en", "between 10,000 and 12,000 troops", (11000, 10000, 12000, "range")),
    ("en", "4 to 6 million artillery shells", (5e6, 4e6, 6e6, "range")),
    ("en", "twelve thousand workers", (12000, 12000, 12000, "exact")),
    ("en", "a thousand of their troops", (1000, 1000, 1000, "exact")),
    ("en", "3 million shells", (3e6, 3e6, 3e6, "exact")),
    ("en", "1.6 mil artillery shells", (1.6e6, 1.6e6, 1.6e6, "exact")),
    ("en", "one-point-six million artillery shells", (1.6e6, 1.6e6, 1.6e6, "exact")),
    ("en", "thousands of workers", (None, 2000, 9999, "vague")),
    ("en", "tens of thousands of troops", (None, 20000, 99999, "vague")),
    ("en", "millions of shells", (None, 2e6, 9999999, "vague")),
    ("en", "several hundred casualties", (None, 200, 999, "vague")),
    ("en", "15 000 troops", (15000, 15000, 15000, "exact")),
    ("en", "1,50,000", None),  # Indian grouping is not an English convention: no silent guess
    # --- Portuguese ------------------------------------------------------------------
    ("pt", "1.000 sapadores", (1000, 1000, 1000, "exact")),
    ("pt", "5.000 trabalhadores", (5000, 5000, 5000, "exact")),
    ("pt", "2,5 dólares por hora", (2.5, 2.5, 2.5, "exact")),
    ("pt", "cerca de 15.000 soldados", (15000, 13500, 16500, "approx")),
    ("pt", "mais de 10.000 containers", (10000, 10000, 15000, "at_least")),
    ("pt", "pelo menos 100 soldados", (100, 100, 150, "at_least")),
    ("pt", "até 12.000 soldados", (12000, 6000, 12000, "at_most")),
    ("pt", "quase 3.000 soldados", (3000, 2700, 3000, "approx")),
    ("pt", "doze mil trabalhadores", (12000, 12000, 12000, "exact")),
    ("pt", "12 mil trabalhadores", (12000, 12000, 12000, "exact")),
    ("pt", "1,5 mil soldados", (1500, 1500, 1500, "exact")),
    ("pt", "3 milhões de munições", (3e6, 3e6, 3e6, "exact")),
    ("pt", "entre 4 e 6 milhões de projéteis", (5e6, 4e6, 6e6, "range")),
    ("pt", "3-4 milhões de projéteis", (3.5e6, 3e6, 4e6, "range")),
    ("pt", "milhares de trabalhadores", (None, 2000, 9999, "vague")),
    ("pt", "vários milhões de projéteis", (None, 2e6, 9999999, "vague")),
    ("pt", "15 000 soldados", (15000, 15000, 15000, "exact")),
    ("pt", "500 mil cartuchos", (500000, 500000, 500000, "exact")),
    # --- Bengali ---------------------------------------------------------------------
    ("bn", "প্রায় ১৫,০০০ সৈন্য", (15000, 13500, 16500, "approx")),
    ("bn", "১৫,০০০ কর্মী", (15000, 15000, 15000, "exact")),
    ("bn", "১,৫০,০০০ শেল", (150000, 150000, 150000, "exact")),
    ("bn", "পাঁচটি কারখানা", (5, 5, 5, "exact")),
    ("bn", "অন্তত ১০০ সেনা", (100, 100, 150, "at_least")),
    ("bn", "কমপক্ষে ১২ ঘণ্টা", (12, 12, 18, "at_least")),
    ("bn", "এক হাজার সেনা", (1000, 1000, 1000, "exact")),
    ("bn", "২ লাখ শেল", (200000, 200000, 200000, "exact")),
    ("bn", "১ লাখ ৫০ হাজার শেল", (150000, 150000, 150000, "exact")),
    ("bn", "৩ কোটি", (3e7, 3e7, 3e7, "exact")),
    ("bn", "১০-১২ হাজার সেনা", (11000, 10000, 12000, "range")),
    ("bn", "হাজার হাজার শ্রমিক", (None, 2000, 9999, "vague")),
    ("bn", "কয়েক হাজার সেনা", (None, 2000, 9999, "vague")),
    ("bn", "১০,০০০-এর বেশি সেনা", (10000, 10000, 15000, "at_least")),
    ("bn", "২.৫ ডলার", (2.5, 2.5, 2.5, "exact")),
    ("bn", "১০ হাজারের বেশি সৈন্য", (10000, 10000, 15000, "at_least")),
    ("bn", "দেড় হাজার সেনা", (1500, 1500, 1500, "exact")),
    ("bn", "১০০ জনের বেশি সেনা", (100, 100, 150, "at_least")),
    ("bn", "আড়াই ডলার", (2.5, 2.5, 2.5, "exact")),
    # Digits of other scripts read the same way.
    ("en", "१५,००० troops", (15000, 15000, 15000, "exact")),
    ("en", "١٥٠٠٠ troops", (15000, 15000, 15000, "exact")),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), NUMBER_CASES, ids=[f"{c[0]}:{c[1]}" for c in NUMBER_CASES]
)
def test_number_reading(lang, text, expected):
    q = parse_quantity(text, lang)
    if expected is None:
        assert q is None or q.value != 150000
        return
    assert q is not None, f"no figure found in {text!r}"
    value, low, high, qualifier = expected
    assert q.qualifier == qualifier
    if value is None:
        assert q.value is None
    else:
        assert math.isclose(q.value, value, rel_tol=1e-9)
    assert math.isclose(q.low, low, rel_tol=1e-9)
    assert math.isclose(q.high, high, rel_tol=1e-9)


MULTIPLIERS = [
    ("en", "doubled its output", 2),
    ("en", "twice as many shells", 2),
    ("en", "four times more shells", 4),
    ("en", "a threefold increase", 3),
    ("pt", "dobrou a produção", 2),
    ("pt", "triplicou a produção", 3),
    ("pt", "3 vezes mais", 3),
    ("bn", "ক্ষমতা দ্বিগুণ করার", 2),
    ("bn", "তিনগুণ বেড়েছে", 3),
]


@pytest.mark.parametrize(("lang", "text", "factor"), MULTIPLIERS)
def test_multipliers(lang, text, factor):
    q = parse_quantity(text, lang)
    assert q is not None and q.kind == "multiplier" and q.value == factor


# Years and dates are dates, never counts.
DATES = [
    ("en", "in 2022"),
    ("en", "since December 30, 2023"),
    ("en", "on Dec. 30"),
    ("en", "12:31, 14 June 2024"),
    ("en", "the KN-23/24 series"),
    ("en", "Special unit No. 84"),
    ("pt", "17/06/2025 - 10h33"),
    ("pt", "em 2024"),
    ("pt", "17 de junho de 2025"),
    ("bn", "2019 সালের পর"),
    ("bn", "১৯ ডিসেম্বর"),
]


@pytest.mark.parametrize(("lang", "text"), DATES)
def test_dates_are_not_counts(lang, text):
    counts = [q for q in find_quantities(text, lang) if "year" not in q.flags]
    assert counts == [], [(text[q.start : q.end], q.value) for q in counts]


# Known failures of peer libraries, kept as regressions.
def test_peer_failure_portuguese_thousand_is_not_one():
    assert parse_quantity("1.000 soldados", "pt").value == 1000


def test_peer_failure_range_with_shared_scale():
    q = parse_quantity("3-4 million shells", "en")
    assert (q.low, q.high, q.qualifier) == (3e6, 4e6, "range")
    assert q.value == 3.5e6


def test_peer_failure_thousands_is_not_a_thousand():
    q = parse_quantity("thousands of workers", "en")
    assert q.value is None and q.qualifier == "vague" and q.low > 1000


def test_ambiguous_separator_is_flagged_not_guessed():
    _, flags, alt = parse_digits("1.000", "en")
    assert "ambiguous_separator" in flags and alt == 1000
    _, flags, alt = parse_digits("1,000", "pt")
    assert "ambiguous_separator" in flags and alt == 1000


@pytest.mark.parametrize(
    ("lang", "token", "value"),
    [
        ("en", "12,000.5", 12000.5),
        ("pt", "12.000,5", 12000.5),
        ("de", "12'000", 12000),
        ("bn", "১,০০,০০,০০০", 1e7),
        ("pt", "15\u202f000", 15000),
    ],
)
def test_parse_digits(lang, token, value):
    assert parse_digits(token, lang)[0] == value
