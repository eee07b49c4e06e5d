"""Claim extraction: the seeds against their hand-annotated gold, the schema, the rules."""

import datetime as dt

import pandas as pd
import pytest

import dprkwatch
from dprkwatch import Document, claims_from_document
from dprkwatch.analysis.evaluate import load_gold, report, score
from dprkwatch.core.paths import SEEDS_DIR, TESTS_DATA_DIR
from dprkwatch.ledger import COLUMNS, LedgerValidationError, check_quotes, validate_claims


@pytest.fixture(scope="module")
def seeds():
    corpus = dprkwatch.load_corpus(SEEDS_DIR)
    return corpus, dprkwatch.extract_claims(corpus)


def test_seeds_against_gold(seeds):
    _, claims = seeds
    sc = score(claims, load_gold(TESTS_DATA_DIR / "gold" / "seeds.yaml"))
    print(report(sc, "seeds"))
    assert sc.precision >= 0.9 and sc.recall >= 0.9
    assert sc.attribution >= 0.8


def test_ledger_columns_and_quotes(seeds):
    corpus, claims = seeds
    assert list(claims.columns[: len(COLUMNS)]) == COLUMNS
    assert check_quotes(claims, corpus) == []
    assert claims["claim_en"].str.len().gt(0).all()


def test_fifteen_thousand_troops_in_two_languages(seeds):
    _, claims = seeds
    t = claims[(claims.indicator == "troops_deployed") & (claims.value == 15000)]
    assert set(t.language) == {"bn", "pt"}
    assert all("South Korea NIS" in a for a in t.attributed_to)


def _claims(text, lang):
    return claims_from_document(Document(doc_id="t", path="", text=text, language=lang))


def _brief(rows):
    return [(r["indicator"], r["value"], r["qualifier"], r["attributed_to"]) for r in rows]


def test_title_repeated_in_body_is_one_claim():
    text = (
        "North Korea plans to send 12,000 workers to Russia\n\n"
        "According to Ukrainian intelligence, Moscow is preparing to receive some 12,000 North Korean workers."
    )
    rows = _claims(text, "en")
    assert _brief(rows) == [
        ("workers_deployed", 12000, "approx", "Ukraine GUR (Ukrainian intelligence)")
    ]
    assert rows[0]["stage"] == "planned"


def test_attribution_carries_over_to_a_sentence_that_refers_back():
    text = (
        "US and Ukrainian intelligence say the flow continues. "
        "Pyongyang sent some 10,000 soldiers last year, according to the same sources."
    )
    assert _brief(_claims(text, "en")) == [
        (
            "troops_deployed",
            10000,
            "approx",
            "US intelligence; Ukraine GUR (Ukrainian intelligence)",
        )
    ]


def test_vague_magnitude_has_range_but_no_value():
    (row,) = _claims(
        "Thousands of North Korean troops have been sent to Russia, officials in Seoul said.", "en"
    )
    assert row["qualifier"] == "vague" and row["value"] is None and row["value_low"] >= 1000


def test_schema_names_field_and_document():
    bad = pd.DataFrame(
        [
            {
                "doc_id": "doc-x",
                "language": "en",
                "topic": "troops",
                "indicator": "troops_deployed",
                "value": 100.0,
                "value_low": 200.0,
                "value_high": 50.0,
                "unit": "shells",
                "qualifier": "exact",
                "attributed_to": "",
                "quote": "q",
                "char_start": 0,
                "char_end": 1,
                "claim_en": "x",
                "published": pd.NaT,
            }
        ]
    )
    with pytest.raises(LedgerValidationError) as exc:
        validate_claims(bad)
    msg = str(exc.value)
    assert "doc-x" in msg and "value_low <= value_high" in msg and "unit allowed" in msg


def test_empty_corpus_gives_empty_valid_ledger():
    df = dprkwatch.extract_claims([])
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS and len(df) == 0


# A comparison's two figures, each with its own date and the same measure (timing.relative_dates,
# as_of barriers, pipeline._measure); sentences written for these tests.
COMPARISONS = [
    (
        "en",
        "North Korea ships about 10,000 shells a day to Russia, down from 20,000 last year, the GUR said.",
        [("2025-09-04", "rate"), ("2024-12-31", "rate")],
    ),
    (
        "en",
        "Some 11,000 North Korean troops are in Kursk, compared with 15,000 a year earlier, the GUR said.",
        [("2025-09-04", "total"), ("2024-09-04", "total")],
    ),
    (
        "en",
        "North Korea has sent 1 million shells this year, up from 500,000 in 2023, the NIS said.",
        [("2025-09-04", "total"), ("2023-12-31", "total")],
    ),
    (
        "fr",
        "Quelque 11 000 soldats nord-coréens sont à Koursk, contre 15 000 un an plus tôt, selon le GUR.",
        [("2025-09-04", "total"), ("2024-09-04", "total")],
    ),
    (
        "es",
        "Corea del Norte envía unos 10.000 proyectiles al día a Rusia, frente a 20.000 el año pasado, según el GUR.",
        [("2025-09-04", "rate"), ("2024-12-31", "rate")],
    ),
    (
        "de",
        "Rund 11.000 nordkoreanische Soldaten sind in Kursk, verglichen mit 15.000 vor einem Jahr, so der GUR.",
        [("2025-09-04", "total"), ("2024-09-04", "total")],
    ),
]


# Where the pack does not read the comparison ("contro"), the figure before it still does not
# take the date counted back that stands past the compared figure.
COMPARISONS += [
    (
        "it",
        "Circa 11.000 soldati nordcoreani sono a Kursk, contro 15.000 un anno prima, secondo il GUR.",
        [("2025-09-04", "total")],
    ),
    (
        "en",
        "North Korea sent about 3,000 troops to Russia last year, the NIS said.",
        [("2024-12-31", "total")],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), COMPARISONS)
def test_a_comparison_dates_each_side_by_its_own_words(lang, text, expected):
    doc = Document(doc_id="t", path="", text=text, language=lang, published=dt.date(2025, 9, 4))
    got = [(str(r["as_of"]), r["measure"]) for r in claims_from_document(doc)]
    assert got == expected


@pytest.mark.parametrize(
    "text, clauses",
    [
        ("sent 10,000 troops, the NIS said", ["sent 10,000 troops", " the NIS said"]),
        ("１２，０００人を派遣、国防省", ["１２，０００人を派遣", "国防省"]),
        ("In 2024, 3,000 more; later 1,500", ["In 2024", " 3,000 more", " later 1,500"]),
        ("发射了1,000枚，乌方称", ["发射了1,000枚", "乌方称"]),
        ("نحو 11,000 جندي، بحسب", ["نحو 11,000 جندي", " بحسب"]),
    ],
)
def test_a_clause_never_ends_inside_a_figure(text, clauses):
    from dprkwatch.extract.text import CLAUSE_BREAK, CLAUSE_OR_COLON

    assert CLAUSE_BREAK.split(text) == clauses
    assert CLAUSE_OR_COLON.split(text) == clauses
    assert CLAUSE_OR_COLON.split("Seoul: 11,000 sent") == ["Seoul", " 11,000 sent"]
