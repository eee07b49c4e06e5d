"""Claim extraction: the seeds against their hand-annotated gold, the schema, the rules."""

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
    # Another party's losses are not North Korea's; a place name is not a party.
    ("en", "Russian losses have reached 1,000 a day, Kyiv says.", []),
    ("en", "Russia lost 1,500 soldiers in a day, Kyiv says.", []),
    (
        "en",
        "In Russia's Kursk region, about 600 North Korean soldiers have died, the NIS said.",
        [("killed", 600, "approx", "South Korea NIS")],
    ),
    (
        "en",
        "N. Korean casualties in Russia war top 4,000, Seoul says",
        [("killed_or_wounded", 4000, "at_least", "South Korea government")],
    ),
    (
        "en",
        "Ukraine has captured a total of six North Korean soldiers.",
        [("captured", 6, "exact", "")],
    ),
    ("en", "Kim visited the Kangdong plant, one of 20 facilities that produce shells.", []),
    ("en", "Russia has some 600,000 troops in Ukraine, the Pentagon said.", []),
    (
        "en",
        "The North Korean leader inspected two missile factories on Tuesday, KCNA said.",
        [("factories_visited", 2, "exact", "KCNA")],
    ),
    (
        "en",
        "Russia received 12,000 North Korean workers last year, Ukrainian intelligence said.",
        [("workers_deployed", 12000, "exact", "Ukraine GUR")],
    ),
    (
        "en",
        "Budanov spoke on Tuesday. North Korea has sent 11,000 troops to Russia, he said.",
        [("troops_deployed", 11000, "exact", "Ukraine GUR")],
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
    # Generalization probe: new wire phrasings (hedges, headlines, attribution placement, distractors).
    (
        "en",
        "Pyongyang has dispatched roughly 12,000 soldiers to fight alongside Russian forces, South Korea's spy agency said on Wednesday.",
        [("troops_deployed", 12000, "approx", "South Korea NIS")],
    ),
    (
        "en",
        "An estimated 3,000 additional North Korean troops were deployed to Russia in January and February, according to the Joint Chiefs of Staff.",
        [("troops_deployed", 3000, "approx", "South Korea JCS")],
    ),
    (
        "en",
        "North Korea's 11,000-strong contingent in Kursk has suffered heavy losses, Ukrainian officials say.",
        [("troops_deployed", 11000, "exact", "Ukraine government")],
    ),
    (
        "en",
        "North Korea has lost about 1,000 soldiers killed in action since December, according to lawmakers briefed by the National Intelligence Service.",
        [("killed", 1000, "approx", "South Korea NIS")],
    ),
    (
        "en",
        "Two North Korean prisoners of war held by Ukraine have asked to be sent to South Korea.",
        [("captured", 2, "exact", "")],
    ),
    (
        "en",
        "Pyongyang has supplied Moscow with upwards of 9 million artillery rounds since 2023, Ukrainian military intelligence chief Kyrylo Budanov told Bloomberg.",
        [("shells_supplied", 9000000, "at_least", "Ukraine GUR")],
    ),
    (
        "en",
        "More than 16,500 containers of munitions and related materiel have left North Korea's port of Rajin for Russia since September 2023, the State Department said.",
        [("containers_shipped", 16500, "at_least", "US government")],
    ),
    (
        "en",
        "North Korean labourers at Russian construction sites are paid around $150 a month, a defector told Daily NK.",
        [("wage", 150, "approx", "Daily NK")],
    ),
    (
        "en",
        "North Korean workers at the Alabuga plant work 16-hour shifts, seven days a week, according to the Institute for the Study of War.",
        [("work_hours", 16, "exact", "ISW")],
    ),
    ("en", "North Korea's foreign ministry has denied sending any troops to Russia.", []),
    (
        "en",
        "The 25-year-old soldier, captured on Jan. 9, told interrogators he had served in the army since 2021.",
        [],
    ),
    (
        "en",
        "Russian strikes killed 12 civilians in Zaporizhzhia, while Kyiv said it had lost 300 soldiers in the Kursk region.",
        [],
    ),
    (
        "en",
        "Russia has launched more than 60 North Korean KN-23 ballistic missiles at Ukrainian cities, prosecutor general Andriy Kostin said.",
        [("missiles_supplied", 60, "at_least", "Ukraine government")],
    ),
    (
        "en",
        "The arms trade may be worth as much as $5.5 billion to Pyongyang, roughly 20% of its GDP, analysts estimated.",
        [],
    ),
    (
        "en",
        "North Korea is believed to have sent an additional 3,000 troops, lawmaker Lee Seong-kweun told reporters after a closed-door briefing by the National Intelligence Service.",
        [("troops_deployed", 3000, "exact", "South Korea NIS")],
    ),
    (
        "en",
        '"We estimate that no fewer than 1,000 North Korean soldiers were killed in the first three months," a senior U.S. official said.',
        [("killed", 1000, "at_least", "US government")],
    ),
    (
        "en",
        "Pyongyang will send 1,000 deminers and 5,000 military builders to the Kursk region, Shoigu said after meeting Kim Jong Un.",
        [
            ("sappers_deployed", 1000, "exact", "Russia government"),
            ("construction_workers_deployed", 5000, "exact", "Russia government"),
        ],
    ),
    (
        "en",
        "Kim Jong Un toured a dozen munitions factories over two days, KCNA said.",
        [("factories_visited", 12, "exact", "KCNA")],
    ),
    (
        "en",
        "Most of the North Korean soldiers sent to Russia are aged between 18 and 25, the NIS said.",
        [],
    ),
    (
        "en",
        "Zelensky: 3,000 more North Korean troops arrive in Kursk",
        [("troops_deployed", 3000, "exact", "Ukraine government")],
    ),
    # Generalization probe (pt).
    (
        "pt",
        "Cerca de 12 mil soldados norte-coreanos foram enviados à Rússia, segundo a agência de espionagem sul-coreana.",
        [("troops_deployed", 12000, "approx", "South Korea NIS")],
    ),
    (
        "pt",
        "Pelo menos 300 soldados norte-coreanos morreram em combate e 2.700 ficaram feridos, informou o NIS a parlamentares.",
        [
            ("killed", 300, "at_least", "South Korea NIS"),
            ("wounded", 2700, "exact", "South Korea NIS"),
        ],
    ),
    (
        "pt",
        "Dois soldados norte-coreanos foram capturados pelas forças ucranianas em Kursk, anunciou Zelensky.",
        [("captured", 2, "exact", "Ukraine government")],
    ),
    (
        "pt",
        "O presidente ucraniano afirmou que a Coreia do Norte forneceu à Rússia cerca de 3,7 milhões de projéteis de artilharia.",
        [("shells_supplied", 3700000, "approx", "Ukraine government")],
    ),
    (
        "pt",
        "A Coreia do Norte enviou mais de 20 mil contêineres de munições à Rússia desde agosto de 2023, segundo o governo sul-coreano.",
        [("containers_shipped", 20000, "at_least", "South Korea government")],
    ),
    (
        "pt",
        "Os trabalhadores norte-coreanos recebem cerca de 200 dólares por mês, enquanto o restante vai para o regime, segundo o Daily NK.",
        [("wage", 200, "approx", "Daily NK")],
    ),
    (
        "pt",
        "Eles trabalham até 18 horas por dia em canteiros de obras na Rússia, relatou a BBC.",
        [("work_hours", 18, "at_most", "BBC")],
    ),
    (
        "pt",
        "Coreia do Norte envia mais 3 mil soldados para a Rússia, diz Seul",
        [("troops_deployed", 3000, "exact", "South Korea government")],
    ),
    (
        "pt",
        "Segundo a inteligência ucraniana, Pyongyang entregou a Moscou até 100 mísseis balísticos KN-23.",
        [("missiles_supplied", 100, "at_most", "Ukraine GUR")],
    ),
    ("pt", "A Rússia tem cerca de 600 mil soldados na Ucrânia, disse Putin.", []),
    ("pt", "O míssil KN-23 tem alcance de 690 quilômetros e pesa 3,4 toneladas.", []),
    (
        "pt",
        "Pyongyang deverá enviar mil sapadores e cinco mil trabalhadores da construção militar para Kursk, segundo a agência TASS.",
        [
            ("sappers_deployed", 1000, "exact", "TASS"),
            ("construction_workers_deployed", 5000, "exact", "TASS"),
        ],
    ),
    (
        "pt",
        "Kim Jong Un visitou duas fábricas de munições e pediu o aumento da produção de projéteis, informou a agência estatal KCNA.",
        [("factories_visited", 2, "exact", "KCNA")],
    ),
    (
        "pt",
        "Um ataque com mísseis norte-coreanos matou 12 civis em Kiev, segundo as autoridades ucranianas.",
        [],
    ),
    (
        "pt",
        "A Ucrânia diz ter matado ou ferido cerca de 4 mil soldados norte-coreanos desde dezembro.",
        [("killed_or_wounded", 4000, "approx", "Ukraine government")],
    ),
    # Generalization probe (bn).
    (
        "bn",
        "দক্ষিণ কোরিয়ার গোয়েন্দা সংস্থা জানিয়েছে, রাশিয়ায় প্রায় ১২ হাজার উত্তর কোরীয় সৈন্য মোতায়েন করা হয়েছে।",
        [("troops_deployed", 12000, "approx", "South Korea NIS")],
    ),
    (
        "bn",
        "ইউক্রেনের প্রেসিডেন্ট জেলেনস্কি বলেছেন, কুরস্কে অন্তত ৩,০০০ উত্তর কোরীয় সেনা নিহত বা আহত হয়েছে।",
        [("killed_or_wounded", 3000, "at_least", "Ukraine government")],
    ),
    (
        "bn",
        "উত্তর কোরিয়া রাশিয়াকে ৫০ লাখেরও বেশি আর্টিলারি শেল সরবরাহ করেছে বলে দক্ষিণ কোরিয়ার প্রতিরক্ষা মন্ত্রণালয় জানিয়েছে।",
        [("shells_supplied", 5000000, "at_least", "South Korea Defense Ministry")],
    ),
    (
        "bn",
        "ইউক্রেনীয় বাহিনী দুইজন উত্তর কোরীয় সৈন্যকে বন্দি করেছে বলে জেলেনস্কি জানিয়েছেন।",
        [("captured", 2, "exact", "Ukraine government")],
    ),
    (
        "bn",
        "রাশিয়ায় কর্মরত উত্তর কোরিয়ার শ্রমিকরা মাসে প্রায় ২০০ ডলার বেতন পান বলে জানা গেছে।",
        [("wage", 200, "approx", "")],
    ),
    (
        "bn",
        "উত্তর কোরিয়ার শ্রমিকদের প্রতিদিন ১৬ ঘণ্টা পর্যন্ত কাজ করতে হয়।",
        [("work_hours", 16, "at_most", "")],
    ),
    (
        "bn",
        "যুক্তরাষ্ট্রের পররাষ্ট্র দপ্তর জানিয়েছে, উত্তর কোরিয়া রাশিয়ায় ১০,০০০-এর বেশি কন্টেইনার পাঠিয়েছে।",
        [("containers_shipped", 10000, "at_least", "US government")],
    ),
    (
        "bn",
        "উত্তর কোরিয়া রাশিয়াকে প্রায় ১০০টি ব্যালিস্টিক ক্ষেপণাস্ত্র দিয়েছে বলে ইউক্রেনের সামরিক গোয়েন্দা সংস্থা জানিয়েছে।",
        [("missiles_supplied", 100, "approx", "Ukraine GUR")],
    ),
    ("bn", "২০২৪ সালের অক্টোবরে উত্তর কোরিয়া রাশিয়ায় সৈন্য পাঠানো শুরু করে।", []),
    ("bn", "আটক হওয়া দুই উত্তর কোরীয় সৈন্যের বয়স ২০ ও ২৬ বছর।", [("captured", 2, "exact", "")]),
    ("bn", "রুশ হামলায় ইউক্রেনের ১২ জন বেসামরিক নাগরিক নিহত হয়েছেন।", []),
    (
        "bn",
        "উত্তর কোরিয়ার গোলাবারুদ উৎপাদন তিনগুণ বেড়েছে বলে দাবি করেছে দক্ষিণ কোরিয়ার গোয়েন্দা সংস্থা।",
        [("production_change", 3, "exact", "South Korea NIS")],
    ),
    (
        "bn",
        "কিম জং উন দুটি গোলাবারুদ কারখানা পরিদর্শন করেছেন বলে কেসিএনএ জানিয়েছে।",
        [("factories_visited", 2, "exact", "KCNA")],
    ),
    (
        "bn",
        "চলতি বছর প্রায় ১৫ হাজার উত্তর কোরীয় শ্রমিক রাশিয়ায় গেছেন বলে জানিয়েছে এনআইএস।",
        [("workers_deployed", 15000, "approx", "South Korea NIS")],
    ),
    (
        "bn",
        "উত্তর কোরিয়া আরও তিন হাজার সৈন্য রাশিয়ায় পাঠিয়েছে বলে জানিয়েছে দক্ষিণ কোরিয়ার যৌথ বাহিনী প্রধানের দপ্তর।",
        [("troops_deployed", 3000, "exact", "South Korea JCS")],
    ),
    (
        "bn",
        "রাশিয়ার নিরাপত্তা পরিষদের সচিব সের্গেই শোইগু জানিয়েছেন, উত্তর কোরিয়া কুরস্কে এক হাজার মাইন অপসারণকারী এবং পাঁচ হাজার সামরিক নির্মাণকর্মী পাঠাবে।",
        [
            ("sappers_deployed", 1000, "exact", "Russia government"),
            ("construction_workers_deployed", 5000, "exact", "Russia government"),
        ],
    ),
    (
        "bn",
        "দক্ষিণ কোরিয়ার আইনপ্রণেতারা জানিয়েছেন, এ পর্যন্ত প্রায় ৬০০ উত্তর কোরীয় সেনা নিহত হয়েছে।",
        [("killed", 600, "approx", "South Korea lawmakers")],
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
