"""Spanish language pack (langdata/es.yaml), table-driven, dateparser-style.

Rows are written from phrasings common in Spanish-language wires (Spain and Latin America):
number reading, claims read from one sentence, and language detection against Portuguese.
"""

import pytest

from dprkwatch.ingest.detect import detect_language
from dprkwatch.numbers import find_quantities, parse_quantity
from langtables import assert_claims, assert_number, claims_brief

LANG = "es"

# (text, (value, low, high, qualifier)); value None for magnitude words; None: no figure.
NUMBER_ROWS = [
    ("12.000 soldados", (12000, 12000, 12000, "exact")),
    ("12 000 soldados", (12000, 12000, 12000, "exact")),
    ("12\u00a0000 soldados", (12000, 12000, 12000, "exact")),
    ("12 mil soldados", (12000, 12000, 12000, "exact")),
    ("doce mil trabajadores", (12000, 12000, 12000, "exact")),
    ("dos mil quinientos trabajadores", (2500, 2500, 2500, "exact")),
    ("treinta y cinco misiles", (35, 35, 35, "exact")),
    ("unos 11.000 soldados", (11000, 9900, 12100, "approx")),
    ("cerca de mil soldados", (1000, 900, 1100, "approx")),
    ("alrededor de 1.500 efectivos", (1500, 1350, 1650, "approx")),
    ("aproximadamente 600 muertos", (600, 540, 660, "approx")),
    ("casi 3.000 muertos", (3000, 2700, 3000, "approx")),
    ("un centenar de soldados", (100, 90, 110, "approx")),
    ("una veintena de misiles", (20, 18, 22, "approx")),
    ("un millar de trabajadores", (1000, 900, 1100, "approx")),
    ("una decena de miles de soldados", (10000, 9000, 11000, "approx")),
    ("más de 1.000 muertos o heridos", (1000, 1000, 1500, "at_least")),
    ("al menos 300 soldados", (300, 300, 450, "at_least")),
    ("por lo menos 100 misiles", (100, 100, 150, "at_least")),
    ("superan los 12 millones de cartuchos", (12e6, 12e6, 18e6, "at_least")),
    ("12.000 o más", (12000, 12000, 18000, "at_least")),
    ("hasta 12.000 soldados", (12000, 6000, 12000, "at_most")),
    ("menos de 500 soldados", (500, 250, 500, "at_most")),
    ("2,3 millones de proyectiles", (2.3e6, 2.3e6, 2.3e6, "exact")),
    ("2.5 millones de proyectiles", (2.5e6, 2.5e6, 2.5e6, "exact")),  # Mexican decimal point
    ("un millón de proyectiles", (1e6, 1e6, 1e6, "exact")),
    ("más de un millón de proyectiles", (1e6, 1e6, 1.5e6, "at_least")),
    ("medio millón de proyectiles", (5e5, 5e5, 5e5, "exact")),
    ("mil millones de dólares", (1e9, 1e9, 1e9, "exact")),
    ("entre 10.000 y 12.000 soldados", (11000, 10000, 12000, "range")),
    ("de 3 a 4 millones de proyectiles", (3.5e6, 3e6, 4e6, "range")),
    ("entre cuatro y seis millones de proyectiles", (5e6, 4e6, 6e6, "range")),
    ("10.000-12.000 soldados", (11000, 10000, 12000, "range")),
    ("de 20 y 26 años", (23, 20, 26, "range")),
    ("miles de soldados", (None, 2000, 9999, "vague")),
    ("decenas de miles de trabajadores", (None, 20000, 99999, "vague")),
    ("varios cientos de bajas", (None, 200, 999, "vague")),
    ("cientos de miles de proyectiles", (None, 200000, 999999, "vague")),
    ("millones de proyectiles", (None, 2e6, 9999999, "vague")),
    ("el 14 de julio de 2025", None),
    ("el misil KN-23", None),
]


@pytest.mark.parametrize("text,expected", NUMBER_ROWS)
def test_number_reading(text, expected):
    assert_number(LANG, text, expected)


def test_dates_and_years_are_not_counts():
    qs = find_quantities("El 3 de noviembre de 2024 llegaron 300 soldados.", LANG)
    assert [q.value for q in qs] == [300]
    assert "year" in parse_quantity("desde 2022", LANG).flags


def test_wage_currency():
    q = parse_quantity("unos 200 dólares al mes", LANG)
    assert (q.value, q.qualifier, q.currency) == (200, "approx", "USD")


def _claims(text):
    return claims_brief(LANG, text)


NIS, GUR, UA, US = "South Korea NIS", "Ukraine GUR", "Ukraine government", "US government"

# (sentence, expected claims as (indicator, value, qualifier, attributed_to)).
CLAIM_ROWS = [
    (
        "Ucrania capturó a dos soldados norcoreanos heridos en Kursk.",
        [("captured", 2, "exact", "")],
    ),
    ("Rusia perdió 1.500 soldados en un día, según Kiev.", []),
    (
        "Corea del Norte ha desplegado unos 11.000 soldados en Rusia, según la inteligencia surcoreana.",
        [("troops_deployed", 11000, "approx", NIS)],
    ),
    (
        "Según el Servicio Nacional de Inteligencia de Corea del Sur, Pyongyang envió 1.500 efectivos de sus fuerzas especiales a Rusia.",
        [("troops_deployed", 1500, "exact", NIS)],
    ),
    (
        "Pyongyang envió 11.000 soldados en otoño y otros 3.000 en enero, según el NIS.",
        [("troops_deployed", 11000, "exact", NIS), ("troops_deployed", 3000, "exact", NIS)],
    ),
    (
        "Corea del Norte mandó a Rusia entre 10.000 y 12.000 soldados en octubre, según la inteligencia de Seúl.",
        [("troops_deployed", 11000, "range", NIS)],
    ),
    (
        "El Pentágono calcula que entre 11.000 y 12.000 soldados norcoreanos se encuentran en la región de Kursk.",
        [("troops_deployed", 11500, "range", US)],
    ),
    (
        "Miles de soldados norcoreanos combaten junto a las tropas rusas en Kursk, según Washington.",
        [("troops_deployed", None, "vague", US)],
    ),
    (
        "Corea del Norte habría desplegado a unos 3.000 soldados más en enero, según el Estado Mayor Conjunto surcoreano.",
        [("troops_deployed", 3000, "approx", "South Korea JCS")],
    ),
    (
        "Pyongyang envió a Rusia 1,000 soldados adicionales, según la Casa Blanca.",  # Mexican thousands comma
        [("troops_deployed", 1000, "exact", US)],
    ),
    (
        "El presidente ucraniano, Volodímir Zelenski, afirmó que 3.000 soldados norcoreanos han muerto o resultado heridos.",
        [("killed_or_wounded", 3000, "exact", UA)],
    ),
    (
        "Kiev estima que más de 4.000 militares norcoreanos han muerto en combate en Kursk.",
        [("killed", 4000, "at_least", UA)],
    ),
    (
        "Corea del Norte ha sufrido unas 1.200 bajas en Kursk, según el Estado Mayor surcoreano.",
        [("killed_or_wounded", 1200, "approx", "South Korea military")],
    ),
    (
        "Un total de 2.000 soldados norcoreanos han muerto, según el NIS, que eleva a 4.700 el número de bajas.",
        [("killed", 2000, "exact", NIS), ("killed_or_wounded", 4700, "exact", NIS)],
    ),
    (
        "Al menos 300 soldados norcoreanos murieron y 2.700 resultaron heridos, según el NIS.",
        [("killed", 300, "at_least", NIS), ("wounded", 2700, "exact", NIS)],
    ),
    (
        "Según informó la agencia Yonhap citando al NIS, unos 1.100 soldados norcoreanos han muerto o han resultado heridos.",
        [("killed_or_wounded", 1100, "approx", NIS)],
    ),
    (
        "Corea del Norte ha perdido unos 4.000 soldados en Kursk, de los cuales unos 300 han muerto, según el NIS.",
        [("killed_or_wounded", 4000, "approx", NIS), ("killed", 300, "approx", NIS)],
    ),
    (
        "Zelenski aseguró que el ejército ucraniano ha matado o herido a unos 4.000 soldados norcoreanos.",
        [("killed_or_wounded", 4000, "approx", UA)],
    ),
    (
        "El NIS informó a los diputados sobre Kursk. Según la agencia, unos 300 soldados norcoreanos han muerto.",
        [("killed", 300, "approx", NIS)],
    ),
    (
        "Pyongyang podría enviar otros 6.000 zapadores a Kursk, según la agencia rusa TASS.",
        [("sappers_deployed", 6000, "exact", "TASS")],
    ),
    (
        "Corea del Norte enviará 5.000 constructores militares a Kursk, informó la agencia estatal rusa.",
        [("construction_workers_deployed", 5000, "exact", "TASS")],
    ),
    (
        "Unos 15.000 trabajadores norcoreanos llegaron a Rusia el año pasado, según el NIS.",
        [("workers_deployed", 15000, "approx", NIS)],
    ),
    (
        "Los trabajadores norcoreanos cobran unos 800 dólares mensuales, según el NIS.",
        [("wage", 800, "approx", NIS)],
    ),
    (
        "Las jornadas de los obreros norcoreanos en Rusia llegan a 18 horas al día, según la BBC.",
        [("work_hours", 18, "exact", "BBC")],
    ),
    (
        "Corea del Norte habría suministrado a Rusia unos 5 millones de proyectiles de artillería, según la agencia surcoreana Yonhap.",
        [("shells_supplied", 5e6, "approx", "Yonhap")],
    ),
    (
        "Corea del Norte ha enviado a Rusia 1,5 millones de proyectiles de artillería, según la inteligencia surcoreana.",
        [("shells_supplied", 1.5e6, "exact", NIS)],
    ),
    (
        "La inteligencia militar ucraniana calcula que Corea del Norte ha entregado 148 misiles balísticos KN-23 y KN-24.",
        [("missiles_supplied", 148, "exact", GUR)],
    ),
    (
        "Corea del Norte envió a Rusia al menos 13.000 contenedores con municiones, según el Gobierno surcoreano.",
        [("containers_shipped", 13000, "at_least", "South Korea government")],
    ),
    (
        "Corea del Norte ha enviado a Rusia más de 200 piezas de artillería y 100 lanzacohetes múltiples, según Zelenski.",
        [
            ("artillery_supplied", 200, "at_least", UA),
            ("rocket_launchers_supplied", 100, "exact", UA),
        ],
    ),
    (
        "Kim Jong Un visitó tres fábricas de municiones, informó la agencia KCNA.",
        [("factories_visited", 3, "exact", "KCNA")],
    ),
    (
        "Corea del Norte duplicó su producción de proyectiles de artillería, según la inteligencia surcoreana.",
        [("production_change", 2, "exact", NIS)],
    ),
    # Distractors: durations, percentages, ranges, calibres and ages are not claims.
    (
        "La guerra de Rusia contra Ucrania, que comenzó en febrero de 2022, ya dura más de 1.000 días.",
        [],
    ),
    ("Corea del Norte aporta hasta el 40 % de la munición que necesita Rusia, según Budanov.", []),
    ("El misil norcoreano KN-23 tiene un alcance de 690 kilómetros.", []),
    (
        "Los dos soldados norcoreanos capturados tienen 20 y 26 años.",
        [("captured", 2, "exact", "")],
    ),
    (
        "Corea del Norte envió tropas a Rusia. Más de 3.000 soldados ucranianos murieron en Kursk.",
        [],
    ),
    # Generalization probe: new wire phrasings (hedges, headlines, attribution placement, distractors).
    (
        "Unos 12.000 militares norcoreanos fueron desplegados en la región rusa de Kursk, según fuentes de inteligencia surcoreanas.",
        [("troops_deployed", 12000, "approx", NIS)],
    ),
    (
        "Corea del Norte ha enviado un contingente de 11.000 efectivos, según Seúl.",
        [("troops_deployed", 11000, "exact", "South Korea government")],
    ),
    (
        "Pyongyang ha perdido cerca de 4.000 hombres en Kursk, entre muertos y heridos, de acuerdo con el Estado Mayor Conjunto de Corea del Sur.",
        [("killed_or_wounded", 4000, "approx", "South Korea JCS")],
    ),
    (
        "Al menos 1.000 soldados norcoreanos murieron en combate en las últimas semanas, dijo un alto funcionario estadounidense.",
        [("killed", 1000, "at_least", US)],
    ),
    (
        "Corea del Norte suministró a Rusia más de 20.000 contenedores con munición y armamento desde agosto de 2023, informó el Ministerio de Defensa surcoreano.",
        [("containers_shipped", 20000, "at_least", "South Korea Defense Ministry")],
    ),
    (
        "Según el GUR, Pionyang ha entregado a Moscú alrededor de 120 obuses autopropulsados Koksan.",
        [("artillery_supplied", 120, "approx", GUR)],
    ),
    (
        "Los trabajadores norcoreanos en Rusia perciben un salario de unos 150 dólares mensuales, según Daily NK.",
        [("wage", 150, "approx", "Daily NK")],
    ),
    (
        "Los obreros norcoreanos trabajan jornadas de hasta 16 horas diarias en las obras, según el diario.",
        [("work_hours", 16, "at_most", "")],
    ),
    (
        "Corea del Norte ha triplicado su producción de misiles balísticos, según la inteligencia ucraniana.",
        [("production_change", 3, "exact", GUR)],
    ),
    (
        "Seúl: Corea del Norte envía otros 3.000 soldados a Rusia",
        [("troops_deployed", 3000, "exact", "South Korea government")],
    ),
    ("El misil KN-23, de 690 kilómetros de alcance, pesa más de 3 toneladas.", []),
    ("Moscú y Pionyang negaron en un principio la presencia de tropas norcoreanas en Rusia.", []),
    (
        "El diputado surcoreano Lee Seong-kweun, tras una sesión informativa del NIS, dijo que unos 2.000 soldados norcoreanos han muerto.",
        [("killed", 2000, "approx", NIS)],
    ),
    (
        "Según la agencia Yonhap, que cita al NIS, Corea del Norte ha enviado unos 15.000 trabajadores a Rusia este año.",
        [("workers_deployed", 15000, "approx", NIS)],
    ),
]


@pytest.mark.parametrize("text,expected", CLAIM_ROWS)
def test_claims(text, expected):
    assert_claims(LANG, text, expected)


# Short texts: Spanish must not be taken for Portuguese, nor the reverse.
DETECT_ROWS = [
    ("Corea del Norte envió 12.000 soldados a Rusia.", "es"),
    ("A Coreia do Norte enviou 12.000 soldados à Rússia.", "pt"),
    ("Murieron unos 600 soldados norcoreanos.", "es"),
    ("Morreram cerca de 600 soldados norte-coreanos.", "pt"),
    ("Según la inteligencia surcoreana", "es"),
    ("Segundo a inteligência sul-coreana", "pt"),
    ("más de 1.000 muertos o heridos", "es"),
    ("mais de 1.000 mortos ou feridos", "pt"),
    ("millones de proyectiles de artillería", "es"),
    ("milhões de projéteis de artilharia", "pt"),
    ("Pyongyang envió contenedores con municiones", "es"),
    ("Pyongyang enviou contêineres com munições", "pt"),
    ("Los trabajadores cobran 800 dólares al mes.", "es"),
    ("Os trabalhadores recebem 800 dólares por mês.", "pt"),
]


@pytest.mark.parametrize("text,lang", DETECT_ROWS)
def test_detect_spanish_vs_portuguese(text, lang):
    assert detect_language(text) == lang
