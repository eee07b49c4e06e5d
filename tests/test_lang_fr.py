"""French language pack (langdata/fr.yaml), table-driven, dateparser-style.

Rows are written from phrasings common in French-language wires (AFP, Belga, KBS World,
Keystone-ATS): number reading, claims read from one sentence, and language detection.
"""

import pytest

from dprkwatch.ingest.detect import detect_language
from dprkwatch.numbers import find_quantities, parse_quantity
from langtables import assert_claims, assert_number, claims_brief

LANG = "fr"

# (text, (value, low, high, qualifier)); value None for magnitude words; None: no figure.
NUMBER_ROWS = [
    ("3 000 soldats", (3000, 3000, 3000, "exact")),
    ("3\u202f000 soldats", (3000, 3000, 3000, "exact")),
    ("3\u00a0000 soldats", (3000, 3000, 3000, "exact")),
    ("12.000 soldats", (12000, 12000, 12000, "exact")),
    ("12'000 soldats", (12000, 12000, 12000, "exact")),  # Swiss
    ("douze mille travailleurs", (12000, 12000, 12000, "exact")),
    ("deux mille cinq cents soldats", (2500, 2500, 2500, "exact")),
    ("quatre-vingt-dix missiles", (90, 90, 90, "exact")),
    ("soixante-dix missiles", (70, 70, 70, "exact")),
    ("près de 3 000 soldats", (3000, 2700, 3000, "approx")),
    ("environ 1 100", (1100, 990, 1210, "approx")),
    ("quelque 10 000 hommes", (10000, 9000, 11000, "approx")),
    ("3 000 environ", (3000, 2700, 3300, "approx")),
    ("une vingtaine de missiles", (20, 18, 22, "approx")),
    ("une centaine de soldats", (100, 90, 110, "approx")),
    ("un millier de soldats", (1000, 900, 1100, "approx")),
    ("une dizaine de milliers de soldats", (10000, 9000, 11000, "approx")),
    ("plus de 10 000 soldats", (10000, 10000, 15000, "at_least")),
    ("plus d'un million d'obus", (1e6, 1e6, 1.5e6, "at_least")),
    ("au moins 300 tués", (300, 300, 450, "at_least")),
    ("pas moins de 500 soldats", (500, 500, 750, "at_least")),
    ("jusqu'à 12 000 soldats", (12000, 6000, 12000, "at_most")),
    ("jusqu’à 12 000 soldats", (12000, 6000, 12000, "at_most")),
    ("moins de 500 soldats", (500, 250, 500, "at_most")),
    ("2,3 millions d'obus", (2.3e6, 2.3e6, 2.3e6, "exact")),
    ("1,5 million d'obus", (1.5e6, 1.5e6, 1.5e6, "exact")),
    ("un million d'obus", (1e6, 1e6, 1e6, "exact")),
    ("entre 10 000 et 12 000 soldats", (11000, 10000, 12000, "range")),
    ("qu'entre 11 000 et 12 000 soldats", (11500, 11000, 12000, "range")),
    ("de 3 à 4 millions d'obus", (3.5e6, 3e6, 4e6, "range")),
    ("entre quatre et six millions d'obus", (5e6, 4e6, 6e6, "range")),
    ("vingt et un soldats", (21, 21, 21, "exact")),
    ("10 000-12 000 soldats", (11000, 10000, 12000, "range")),
    ("âgés de 20 et 26 ans", (23, 20, 26, "range")),
    ("des milliers de soldats", (None, 2000, 9999, "vague")),
    ("des dizaines de milliers de travailleurs", (None, 20000, 99999, "vague")),
    ("plusieurs centaines de pertes", (None, 200, 999, "vague")),
    ("plusieurs centaines de milliers d'obus", (None, 200000, 999999, "vague")),
    ("des millions d'obus", (None, 2e6, 9999999, "vague")),
    ("le 23 décembre", None),
    ("le 1er janvier 2025", None),
]


@pytest.mark.parametrize("text,expected", NUMBER_ROWS)
def test_number_reading(text, expected):
    assert_number(LANG, text, expected)


def test_dates_and_years_are_not_counts():
    qs = find_quantities("Le 23 décembre 2024, 300 soldats sont arrivés.", LANG)
    assert [q.value for q in qs] == [300]
    assert "year" in parse_quantity("depuis 2022", LANG).flags


def test_wage_currency():
    q = parse_quantity("environ 200 dollars par mois", LANG)
    assert (q.value, q.qualifier, q.currency) == (200, "approx", "USD")


def _claims(text):
    return claims_brief(LANG, text)


NIS, GUR, UA, US = "South Korea NIS", "Ukraine GUR", "Ukraine government", "US government"

# (sentence, expected claims as (indicator, value, qualifier, attributed_to)).
CLAIM_ROWS = [
    ("La Russie a environ 600 000 soldats en Ukraine.", []),
    (
        "La Corée du Nord a déployé quelque 11 000 soldats en Russie, selon les services de renseignement sud-coréens.",
        [("troops_deployed", 11000, "approx", NIS)],
    ),
    (
        "Selon le renseignement sud-coréen, Pyongyang a envoyé 1 500 membres de ses forces spéciales en Russie.",
        [("troops_deployed", 1500, "exact", NIS)],
    ),
    (
        "D'après les services de renseignement ukrainiens, Pyongyang a envoyé environ 12 000 soldats en Russie.",
        [("troops_deployed", 12000, "approx", GUR)],
    ),
    (
        "La Corée du Nord a envoyé entre 10 000 et 12 000 soldats en Russie en octobre, selon Séoul.",
        [("troops_deployed", 11000, "range", "South Korea government")],
    ),
    (
        "Le Pentagone estime qu'entre 11 000 et 12 000 soldats nord-coréens se trouvent dans la région de Koursk.",
        [("troops_deployed", 11500, "range", US)],
    ),
    (
        "Des milliers de soldats nord-coréens combattent aux côtés des troupes russes à Koursk, selon Washington.",
        [("troops_deployed", None, "vague", US)],
    ),
    (
        "La Corée du Nord aurait envoyé 10 000 soldats supplémentaires, selon des responsables américains.",
        [("troops_deployed", 10000, "exact", US)],
    ),
    (
        "La Corée du Nord pourrait envoyer jusqu'à 30 000 soldats supplémentaires, selon CNN, qui cite des responsables ukrainiens.",
        [("troops_deployed", 30000, "at_most", UA)],
    ),
    (
        "Le président ukrainien Volodymyr Zelensky a affirmé que 3 000 soldats nord-coréens avaient été tués ou blessés.",
        [("killed_or_wounded", 3000, "exact", UA)],
    ),
    (
        "Kiev estime que plus de 4 000 militaires nord-coréens ont été tués dans la région de Koursk.",
        [("killed", 4000, "at_least", UA)],
    ),
    (
        "La Corée du Nord a subi environ 1 200 pertes à Koursk, selon l'état-major interarmées sud-coréen.",
        [("killed_or_wounded", 1200, "approx", "South Korea JCS")],
    ),
    (
        "Au total, 2 000 soldats nord-coréens ont été tués, selon le NIS, qui évalue à 4 700 le nombre de victimes.",
        [("killed", 2000, "exact", NIS), ("killed_or_wounded", 4700, "exact", NIS)],
    ),
    (
        "Au moins 300 soldats nord-coréens ont été tués et 2 700 blessés, selon le NIS.",
        [("killed", 300, "at_least", NIS), ("wounded", 2700, "exact", NIS)],
    ),
    (
        "Selon l'agence Yonhap, citant le NIS, environ 1 100 soldats nord-coréens ont été tués ou blessés.",
        [("killed_or_wounded", 1100, "approx", NIS)],
    ),
    (
        "Selon Kiev, les forces nord-coréennes ont perdu près de 4 000 hommes.",
        [("killed_or_wounded", 4000, "approx", UA)],
    ),
    (
        "Environ 600 soldats nord-coréens ont péri, a affirmé le député Lee Seong-kweun après une réunion à huis clos avec le NIS.",
        [("killed", 600, "approx", NIS)],
    ),
    (
        "M. Zelensky a affirmé que l'armée ukrainienne avait tué ou blessé environ 4 000 soldats nord-coréens.",
        [("killed_or_wounded", 4000, "approx", UA)],
    ),
    (
        "L'état-major ukrainien affirme que plus de 1 000 soldats nord-coréens ont été tués en décembre.",
        [("killed", 1000, "at_least", "Ukraine military")],
    ),
    (
        "Pyongyang pourrait envoyer 6 000 sapeurs à Koursk, selon l'agence russe Tass.",
        [("sappers_deployed", 6000, "exact", "TASS")],
    ),
    (
        "La Corée du Nord va envoyer 5 000 constructeurs militaires dans la région de Koursk, selon les médias d'État russes.",
        [("construction_workers_deployed", 5000, "exact", "TASS")],
    ),
    (
        "Environ 15 000 travailleurs nord-coréens sont arrivés en Russie l'an dernier, selon le NIS.",
        [("workers_deployed", 15000, "approx", NIS)],
    ),
    (
        "Les ouvriers nord-coréens en Russie touchent environ 800 dollars par mois, selon le NIS.",
        [("wage", 800, "approx", NIS)],
    ),
    (
        "Les ouvriers nord-coréens travaillent jusqu'à 18 heures par jour et touchent moins de 100 dollars par mois, selon la BBC.",
        [("work_hours", 18, "at_most", "BBC"), ("wage", 100, "at_most", "BBC")],
    ),
    (
        "La Corée du Nord aurait fourni à la Russie environ 5 millions d'obus d'artillerie, selon l'agence sud-coréenne Yonhap.",
        [("shells_supplied", 5e6, "approx", "Yonhap")],
    ),
    (
        "Près d'un million d'obus ont été livrés par Pyongyang, d'après les services secrets sud-coréens.",
        [("shells_supplied", 1e6, "approx", NIS)],
    ),
    (
        "Le renseignement militaire ukrainien estime que la Corée du Nord a livré 148 missiles balistiques KN-23 et KN-24.",
        [("missiles_supplied", 148, "exact", GUR)],
    ),
    (
        "Pyongyang a expédié plus de 9 000 conteneurs d'armes vers la Russie, selon le ministre sud-coréen de la Défense, Shin Won-sik.",
        [("containers_shipped", 9000, "at_least", "South Korea Defense Ministry")],
    ),
    (
        "Le régime nord-coréen aurait livré 170 canons automoteurs et 240 lance-roquettes multiples, selon les renseignements sud-coréens.",
        [
            ("artillery_supplied", 170, "exact", NIS),
            ("rocket_launchers_supplied", 240, "exact", NIS),
        ],
    ),
    (
        "Kim Jong-un a visité trois usines de munitions, a rapporté l'agence officielle KCNA.",
        [("factories_visited", 3, "exact", "KCNA")],
    ),
    (
        "La Corée du Nord a doublé sa production d'obus, selon le renseignement sud-coréen.",
        [("production_change", 2, "exact", NIS)],
    ),
    # Distractors: durations, percentages, ranges, calibres and ages are not claims.
    ("La guerre en Ukraine, déclenchée en février 2022, dure depuis plus de 1 000 jours.", []),
    ("Pyongyang fournit désormais jusqu'à 40 % des munitions utilisées par la Russie.", []),
    ("Le missile nord-coréen KN-23 a une portée de 690 kilomètres.", []),
    ("Les deux prisonniers, âgés de 20 et 26 ans, ont été présentés à la presse.", []),
    (
        "La Corée du Nord a envoyé des troupes en Russie. Plus de 3 000 soldats ukrainiens ont été tués.",
        [],
    ),
    (
        "La Corée du Nord aurait exporté 60 missiles en Russie. Une vingtaine d'entre eux auraient "
        "déjà été tirés. C'est ce qu'a affirmé hier l'ICUV.",
        [("missiles_supplied", 60, "exact", "ICUV")],
    ),
    # Generalization probe: new wire phrasings (hedges, headlines, attribution placement, distractors).
    (
        "Quelque 12 000 soldats nord-coréens ont été déployés en Russie, selon les services de renseignement sud-coréens.",
        [("troops_deployed", 12000, "approx", NIS)],
    ),
    (
        "La Corée du Nord a envoyé environ 3 000 soldats supplémentaires en Russie, a indiqué l'état-major interarmées sud-coréen.",
        [("troops_deployed", 3000, "approx", "South Korea JCS")],
    ),
    (
        "Pyongyang aurait perdu quelque 4 000 hommes, tués ou blessés, dans la région de Koursk, selon Séoul.",
        [("killed_or_wounded", 4000, "approx", "South Korea government")],
    ),
    (
        "Au moins 1 000 soldats nord-coréens ont été tués au combat, a déclaré un haut responsable américain.",
        [("killed", 1000, "at_least", US)],
    ),
    (
        "Plus de 20 000 conteneurs de munitions ont été expédiés de Corée du Nord vers la Russie depuis août 2023, selon le ministère sud-coréen de la Défense.",
        [("containers_shipped", 20000, "at_least", "South Korea Defense Ministry")],
    ),
    (
        "La Corée du Nord a fourni à la Russie jusqu'à 12 millions d'obus, selon le renseignement militaire ukrainien.",
        [("shells_supplied", 12000000, "at_most", GUR)],
    ),
    (
        "Les ouvriers nord-coréens touchent environ 200 dollars par mois, le reste étant reversé au régime, selon Daily NK.",
        [("wage", 200, "approx", "Daily NK")],
    ),
    (
        "Les ouvriers nord-coréens travaillent jusqu'à 18 heures par jour sur les chantiers.",
        [("work_hours", 18, "at_most", "")],
    ),
    (
        "Moscou a tiré une soixantaine de missiles balistiques nord-coréens KN-23 sur l'Ukraine, selon le procureur général ukrainien.",
        [("missiles_supplied", 60, "approx", UA)],
    ),
    (
        "Kim Jong-un a visité cinq usines d'armement en deux jours, a rapporté l'agence officielle KCNA.",
        [("factories_visited", 5, "exact", "KCNA")],
    ),
    (
        "La production nord-coréenne d'obus a été multipliée par six en un an, selon un responsable ukrainien.",
        [("production_change", 6, "exact", UA)],
    ),
    ("Le missile KN-23 a une portée de 690 kilomètres.", []),
    ("La Russie compte environ 600 000 soldats en Ukraine, a déclaré Vladimir Poutine.", []),
    (
        "Selon le député sud-coréen Lee Seong-kweun, informé par le NIS, environ 300 soldats nord-coréens ont été tués et 2 700 blessés.",
        [
            ("killed", 300, "approx", NIS),
            ("wounded", 2700, "exact", NIS),
        ],
    ),
    (
        "Corée du Nord : 1 500 ouvriers du bâtiment envoyés en Russie",
        [("construction_workers_deployed", 1500, "exact", "")],
    ),
    (
        "Pyongyang a envoyé un contingent de 11 000 hommes, selon Washington.",
        [("troops_deployed", 11000, "exact", US)],
    ),
]


@pytest.mark.parametrize("text,expected", CLAIM_ROWS)
def test_claims(text, expected):
    assert_claims(LANG, text, expected)


DETECT_ROWS = [
    ("près de 3 000 soldats tués", "fr"),
    ("La Corée du Nord a envoyé des troupes en Russie.", "fr"),
    ("selon les renseignements sud-coréens", "fr"),
    ("plus de 10 000 conteneurs de munitions", "fr"),
    ("Corea del Norte envió tropas a Rusia.", "es"),
]


@pytest.mark.parametrize("text,lang", DETECT_ROWS)
def test_detect_french(text, lang):
    assert detect_language(text) == lang
