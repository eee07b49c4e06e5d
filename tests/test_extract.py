"""Claim extraction: the seeds against their hand-annotated gold, the schema, the rules."""

import pandas as pd
import pytest

import dprkwatch
from dprkwatch import Document, claims_from_document
from dprkwatch.evaluate import load_gold, report, score
from dprkwatch.extract import COLUMNS
from dprkwatch.paths import SEEDS_DIR, TESTS_DATA_DIR
from dprkwatch.schema import LedgerValidationError, check_quotes, validate_claims


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


# One row per case: (lang, text, expected claims as (indicator, value, qualifier, attributed_to)).
CLAIM_CASES = [
    (
        "en",
        "North Korea has suffered about 4,700 casualties, including 600 dead, South Korea's National Intelligence Service said.",
        [
            ("killed_or_wounded", 4700, "approx", "South Korea NIS"),
            ("killed", 600, "exact", "South Korea NIS"),
        ],
    ),
    (
        "en",
        "A thousand North Korean troops were killed or wounded in the last week alone, White House spokesperson John Kirby said.",
        [("killed_or_wounded", 1000, "exact", "US government")],
    ),
    (
        "en",
        "Ukraine's military intelligence said North Korea had sent some 11,000 troops to the Kursk region.",
        [("troops_deployed", 11000, "approx", "Ukraine GUR")],
    ),
    (
        "en",
        "North Korea has shipped more than 10,000 containers of munitions to Russia, the State Department said.",
        [("containers_shipped", 10000, "at_least", "US government")],
    ),
    (
        "en",
        "North Korean workers at the plant are paid $2.5 an hour for shifts of at least 12 hours a day, according to the GUR.",
        [("wage", 2.5, "exact", "Ukraine GUR"), ("work_hours", 12, "at_least", "Ukraine GUR")],
    ),
    ("en", "Russia has fired at least 14 missiles, killing at least 14 civilians in Kharkiv.", []),
    (
        "en",
        "North Korea has sent about 3,000 more troops to Russia, Seoul said on Tuesday.",
        [("troops_deployed", 3000, "approx", "South Korea government")],
    ),
    (
        "en",
        "Kyiv says it captured two North Korean soldiers.",
        [("captured", 2, "exact", "Ukraine government")],
    ),
    (
        "en",
        "The two countries signed the treaty in 2024, and 3,000 Ukrainian soldiers were killed.",
        [],
    ),
    (
        "en",
        "Kim Jong Un visited five munitions factories in a week, state media KCNA reported.",
        [("factories_visited", 5, "exact", "KCNA")],
    ),
    (
        "pt",
        "Shoigu disse que Pyongyang enviará 1.000 sapadores e 5.000 construtores militares, segundo a TASS.",
        [
            ("sappers_deployed", 1000, "exact", "TASS"),
            ("construction_workers_deployed", 5000, "exact", "TASS"),
        ],
    ),
    (
        "pt",
        "Segundo a inteligência sul-coreana, cerca de 2.000 soldados norte-coreanos morreram e mais de 4.000 ficaram feridos.",
        [
            ("killed", 2000, "approx", "South Korea NIS"),
            ("wounded", 4000, "at_least", "South Korea NIS"),
        ],
    ),
    (
        "pt",
        "A Coreia do Norte enviou 6.700 contêineres com mais de 3 milhões de projéteis para a Rússia, disse o ministro da defesa sul-coreano.",
        [
            ("containers_shipped", 6700, "exact", "South Korea Defense Ministry"),
            ("shells_supplied", 3e6, "at_least", "South Korea Defense Ministry"),
        ],
    ),
    ("pt", "Em troca, a Coreia do Norte recebeu cerca de 9 mil contêineres com alimentos.", []),
    (
        "pt",
        "O número de soldados norte-coreanos enviados à Rússia chegou a 15.000, segundo o NIS.",
        [("troops_deployed", 15000, "exact", "South Korea NIS")],
    ),
    (
        "en",
        "The number of North Korean troops in Russia has reached 15,000, the NIS said.",
        [("troops_deployed", 15000, "exact", "South Korea NIS")],
    ),
    (
        "en",
        "North Korean laborers in Russia earn monthly salaries of about $100, according to Reuters.",
        [("wage", 100, "approx", "Reuters")],
    ),
    (
        "bn",
        "দক্ষিণ কোরিয়ার জাতীয় গোয়েন্দা সংস্থা জানিয়েছে, উত্তর কোরিয়া রাশিয়ায় প্রায় ১১,০০০ সৈন্য পাঠিয়েছে।",
        [("troops_deployed", 11000, "approx", "South Korea NIS")],
    ),
    (
        "bn",
        "ইউক্রেনের সামরিক গোয়েন্দা সংস্থা বলছে, উত্তর কোরিয়ার শ্রমিকদের ঘণ্টায় আড়াই ডলার মজুরি দেওয়া হবে এবং তাদের দিনে ১২ ঘণ্টা কাজ করতে হবে।",
        [("wage", 2.5, "exact", "Ukraine GUR"), ("work_hours", 12, "exact", "Ukraine GUR")],
    ),
    (
        "bn",
        "কুর্স্কে লড়াইয়ে উত্তর কোরিয়ার অন্তত ১০০ সেনা নিহত এবং এক হাজার সেনা আহত হয়েছেন বলে এনআইএস জানিয়েছে।",
        [
            ("killed", 100, "at_least", "South Korea NIS"),
            ("wounded", 1000, "exact", "South Korea NIS"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    CLAIM_CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CLAIM_CASES)],
)
def test_claim_rules(lang, text, expected):
    assert _brief(_claims(text, lang)) == expected


def test_title_repeated_in_body_is_one_claim():
    text = (
        "North Korea plans to send 12,000 workers to Russia\n\n"
        "According to Ukrainian intelligence, Moscow is preparing to receive some 12,000 North Korean workers."
    )
    rows = _claims(text, "en")
    assert _brief(rows) == [("workers_deployed", 12000, "approx", "Ukraine GUR")]
    assert rows[0]["stage"] == "planned"


def test_attribution_carries_over_to_a_sentence_that_refers_back():
    text = (
        "US and Ukrainian intelligence say the flow continues. "
        "Pyongyang sent some 10,000 soldiers last year, according to the same sources."
    )
    assert _brief(_claims(text, "en")) == [
        ("troops_deployed", 10000, "approx", "US intelligence; Ukraine GUR")
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
